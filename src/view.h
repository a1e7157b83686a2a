/* view: an article laid out for scrolling, lazily. Lays out only the blocks
 * it is asked about (cached per block) and keeps a cheap per-block line
 * estimate for the scroll position, so any offset of a huge article opens
 * at once. Borrows the article (which must outlive it); view_free frees
 * only the view. */
#ifndef DUWEN_VIEW_H
#define DUWEN_VIEW_H

#include <stddef.h>

#include "article.h"
#include "layout.h"

/* A scroll position: display line `line` of block `block`. Blank separator
 * rows count as the block's last line + 1. */
struct view_pos {
	size_t block;
	size_t line;
};

enum view_row_kind { VIEW_ROW_TEXT, VIEW_ROW_BLANK };

struct view_row {
	enum view_row_kind kind;
	size_t block;            /* block index */
	struct layout_line line; /* for VIEW_ROW_TEXT */
};

struct view_opts {
	struct layout_opts layout;
	int show_boilerplate; /* 0: boilerplate and meta blocks are skipped */
	int blank_between;    /* blank row between blocks (default 1) */
};

void view_opts_default(struct view_opts *o);

/* 1 if the view leaves block b of a out: an empty block, a title block
 * that repeats the title (shown on top by the outputs), boilerplate and
 * meta blocks unless o shows them. */
int view_block_hidden(const struct article *a, const struct view_opts *o, const struct block *b);

/* NULL on allocation failure. width_cols is the pane width. */
struct view *view_new(const struct article *a, const struct view_opts *o,
		      int width_cols);
void view_free(struct view *v);

/* Fill up to nrows rows starting at top; returns how many were filled
 * (fewer at the end of the article). */
int view_rows(struct view *v, struct view_pos top, int nrows,
	      struct view_row *out);

/* Position delta display rows away from p (negative: up), clamped to the
 * first row and to the last row. */
struct view_pos view_scroll(struct view *v, struct view_pos p, long delta);

/* Top position that shows the last nrows rows (the end of the article). */
struct view_pos view_last_top(struct view *v, int nrows);

/* Position of the row that shows byte offset off. */
struct view_pos view_pos_of_offset(struct view *v, size_t off);

/* Byte offset of the first character shown at p. */
size_t view_offset_of_pos(struct view *v, struct view_pos p);

/* How far through the article p is, 0..100 (percent): row index of p over
 * the index of the last row, so the first row is 0 and the last row 100
 * (pass the bottom row of the screen for a pager-style figure). Rows of blocks
 * not yet laid out are estimated, so the figure can settle as they are. */
int view_percent(struct view *v, struct view_pos p);

/* Lines are laid out in layout_measure(pane width) columns; the caller adds
 * layout_margin to centre them. A blank row's line is the empty range at the
 * block's end; view_offset_of_pos of a blank row is the next block's start. */

/* First error (ERR_NOMEM) met while laying out a block lazily, or 0; such a
 * block shows no rows. */
int view_err(const struct view *v);

/* Let go of the laid-out lines of the blocks more than keep visible blocks
 * away from p's: what is not near the screen is not kept. Row counts stay,
 * so positions, scrolling and percent do not change; a block let go is
 * laid out again when it is asked about. */
void view_trim(struct view *v, struct view_pos p, size_t keep);

/* Let go of every laid-out line (the reader left the article). */
void view_forget(struct view *v);

/* Blocks whose lines the view holds; *bytes (if not NULL) gets the memory
 * those lines take. For tests and the benchmark. */
size_t view_held(const struct view *v, size_t *bytes);

#endif
