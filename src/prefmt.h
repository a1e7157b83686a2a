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
	PREFMT_TABLE, /* | a | b |, +---+, │ */
	PREFMT_CODE,  /* indented four or more spaces, mostly ASCII */
	PREFMT_LIST,  /* "- ", "* ", "• ", "1. ", "1) ", "(1) " items */
	PREFMT_TOC,   /* a title, a dot leader and a page number */
};

/* What the line l of text looks like on its own. */
enum prefmt_kind prefmt_line(const char *text, const struct ustr_line *l);

/* Set pre[i] to 1 for each of lines[0, n) that belongs to a preformatted
 * run (others are left as they are): rules and code lines alone, tables,
 * lists and tables of contents only as runs of two or more lines, list items
 * with their indented continuation lines. Lists of long lines (over
 * PREFMT_LIST_MAX_COLS) are prose, not preformatted. */
void prefmt_mark(const char *text, const struct ustr_line *lines, size_t n, unsigned char *pre);

#define PREFMT_LIST_MAX_COLS 80

#endif
