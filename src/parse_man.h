/* parse_man: a manual page saved as text (`man ls > ls.txt`, through col -b
 * or with its overstrike already resolved by sanitize). It is known by its
 * header line ("LS(1)   User Commands   LS(1)"); its units are the page
 * header and footer lines (furniture), the section headings at the left
 * margin, and the body's paragraphs, tags and examples with their
 * indentation. Pure; the title string is the caller's to free. */
#ifndef DUWEN_PARSE_MAN_H
#define DUWEN_PARSE_MAN_H

#include <stddef.h>

#include "ustr.h"

/* Does lines[0, n) open with a manual page's header line? 1 and the line's
 * index in *head, else 0. */
int parse_man_detect(const char *t, const struct ustr_line *lines, size_t n, size_t *head);

/* Receives each unit in order: [start, end) of t and its enum block_kind.
 * A body unit starts at its first line's indentation less the page's body
 * indentation, so that the spaces left before it are its own indentation
 * (the layout indents it so); its other lines keep theirs. Nonzero stops. */
typedef int (*parse_man_push_fn)(void *ctx, size_t start, size_t end, int kind);

/* Walk the page from its header line: the header and every line that repeats
 * it or the footer (the last line, "GNU coreutils 9.1  September 2022
 * LS(1)") are BLOCK_BOILERPLATE; a line left of the body's indentation is a
 * BLOCK_HEADING; a run of filled lines (each but the last reaching near the
 * page's right edge) is a BLOCK_PARAGRAPH, its first line hanging when the
 * next lines are indented deeper; a tag alone on its line ("-a, --all") is a
 * paragraph of its own; other runs (synopses, examples, tables) are
 * BLOCK_PRE. *title gets "ls(1) — list directory contents" (the name as
 * the NAME section spells it, the section, the NAME section's description),
 * or "LS(1)" without a NAME section; NULL on ERR_NOMEM. Returns 0, what push
 * returned, or ERR_NOMEM. */
int parse_man_units(const char *t, const struct ustr_line *lines, size_t n, size_t head,
		    parse_man_push_fn push, void *ctx, char **title);

#endif
