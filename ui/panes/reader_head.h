/* reader_head: the reading view's header (the title, then "source · author
 * · date · N字 · 约M分钟", then a blank row) as the first rows of the
 * scrolled document rather than a fixed row, so that the text pane can
 * reach the top of the screen and the terminal can scroll it whole (see
 * pane_scroll.c). The title comes first, then the facts, as in --dump: a
 * title block of the text that repeats the title is not shown (view.c).
 * Shown only while the reader's
 * top is the text's start; scrolling down hides it row by row before the
 * text moves. Model arithmetic plus one drawing call; the reader (reader.h)
 * is borrowed, its rows are the pane's rows. reader_head_free frees. */
#ifndef DUWEN_READER_HEAD_H
#define DUWEN_READER_HEAD_H

#include <curses.h>

#include "../../src/layout.h"
#include "../../src/reader.h"

struct reader_head {
	char *meta;                 /* the facts line, malloc'd */
	struct layout_lines title;  /* the displayed title laid out */
	struct layout_lines facts;  /* meta laid out */
	int rows;                   /* title + facts + 1 blank, 0 if no room */
	int hidden;                 /* rows of it scrolled off (0..rows) */
};

/* Columns the text is laid out in for a pane cols wide: never the last
 * column, where a terminal's autowrap would make the next cursor move a
 * long absolute one. */
int reader_head_text_cols(int pane_cols);

/* Lay the header out again for r's displayed article and width (after
 * opening, a resize, a script switch); keeps how much was scrolled off.
 * 0 or ERR_NOMEM (then the header has no rows). */
int reader_head_set(struct reader_head *h, struct reader *r);
void reader_head_free(struct reader_head *h);

/* Where the text starts under the header: its first row. */
struct view_pos reader_head_start(struct reader *r);

/* Header rows on screen now (0 unless r's top is the start). */
int reader_head_shown(const struct reader_head *h, struct reader *r);

/* Scroll the document (header, then text) by delta rows (negative: up).
 * Returns how many rows the screen content moved (signed), or
 * READER_HEAD_JUMP when it moved but not as one block of rows. */
#define READER_HEAD_JUMP 100000L
long reader_head_scroll(struct reader_head *h, struct reader *r, long delta);

/* To the start with the whole header (g, opening at offset 0). */
void reader_head_top(struct reader_head *h, struct reader *r);
/* After any other move of r->top (search, heading, outline, %, resize):
 * a top before the start becomes the start only if at_open; the header is
 * hidden unless the top is the start. */
void reader_head_fix(struct reader_head *h, struct reader *r, int at_open);

/* Rows of text on screen under the header (at least 1): what
 * reader_position counts for the status and the reading place. */
int reader_head_text_rows(const struct reader_head *h, struct reader *r);

/* Draw the header rows on screen into w from row 0, centred like the
 * title blocks (margin: the text's left margin in w). */
void reader_head_draw(const struct reader_head *h, struct reader *r, WINDOW *w,
		      int margin, int title_attr, int facts_attr);

#endif
