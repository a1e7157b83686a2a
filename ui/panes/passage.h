/* ui_passage: one sentence (or any range of an article) laid out by the
 * layout engine in a column and drawn with highlight spans, for the
 * comparison and search panes. Spans are resolved by ui_match_attr, the
 * fixed priority of match.h, as in the reading view. The
 * caller owns the lines (layout_lines_free). */
#ifndef DUWEN_UI_PASSAGE_H
#define DUWEN_UI_PASSAGE_H

#include <curses.h>
#include <stddef.h>

#include "../../src/article.h"
#include "../../src/layout.h"
#include "../../src/span.h"

struct app;

/* Lay out a->text[start, end) flush left in cols columns (>= 1), with the
 * context of the block it lies in. 0 or ERR_NOMEM. */
int ui_passage_layout(const struct layout_opts *o, const struct article *a, size_t start,
		      size_t end, int cols, struct layout_lines *out);

/* Draw line ln of such a layout at (y, x), at most max_cols columns, with
 * the spans of sp (sorted by start; NULL: none) over base attributes. */
void ui_passage_draw(struct app *app, WINDOW *w, int y, int x, int max_cols, const struct layout_opts *o,
		     const struct article *a, const struct layout_line *ln,
		     const struct span_list *sp, int base);

#endif
