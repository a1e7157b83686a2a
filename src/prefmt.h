/* prefmt: recognise preformatted lines that must be kept line by line and
 * never re-joined or re-flowed: indented code, ASCII rules, tables, lists and
 * tables of contents. Pure; the caller owns the text and the arrays. */
#ifndef DUWEN_PREFMT_H
#define DUWEN_PREFMT_H

#include <stddef.h>

#include "ustr.h"

enum prefmt_kind {
	PREFMT_NONE,
	PREFMT_RULE,  /* ----, ====, * * *, box drawing */
	PREFMT_TABLE, /* | a | b |, +---+, │, columns aligned with spaces */
	PREFMT_CODE,  /* indented four or more spaces, and mostly ASCII, or
		       * numbered (" 12  text"), or code-like ({ } ; = $ # ->) */
	PREFMT_LIST,  /* "- ", "* ", "• ", "1. ", "1) ", "(1) ", "一、", "（一）",
		       * "①", "[1] " items */
	PREFMT_TOC,   /* a title, a dot leader and a page number */
};

/* What the line l of text looks like on its own. */
enum prefmt_kind prefmt_line(const char *text, const struct ustr_line *l);

/* What prefmt_mark puts in pre[]. */
enum prefmt_mark {
	PREFMT_MARK_NONE,
	PREFMT_MARK_PRE,  /* verbatim, line for line */
	PREFMT_MARK_LIST, /* a list: items with their continuation lines */
};

/* Set pre[i] for each of lines[0, n) that belongs to a preformatted run or
 * a list (others are left as they are). PRE: rules and code lines alone,
 * with the indented lines around code; tables and tables of contents as runs
 * of two or more lines. LIST: two or more items, or one item with an
 * indented continuation, each item with its continuation lines (indented
 * two columns or more past its marker's line, or following a full line).
 * Lists of long lines (over PREFMT_LIST_MAX_COLS: more than one in four)
 * are prose. */
void prefmt_mark(const char *text, const struct ustr_line *lines, size_t n, unsigned char *pre);

#define PREFMT_LIST_MAX_COLS 80

/* Length in bytes of the list marker at s[0, len) with the spaces after it,
 * or 0 when s does not open a list item. */
size_t prefmt_list_marker(const char *s, size_t len);

/* In a list block's text[a, end) where a starts an item (at its line's
 * start or indentation): the end of that item, the '\n' before the next
 * line that opens an item, or end. */
size_t prefmt_item_end(const char *text, size_t a, size_t end);

#endif
