/* layout: Chinese line breaking of one block into display lines (CLREQ /
 * JIS X 4051 kinsoku) inside a character grid. Pure and deterministic: the
 * text is never copied or edited; lines are byte ranges of it. Display
 * substitutions (full-width punctuation, joined hard-wrapped lines, safe
 * renderings) come from layout_glyph, which the drawing code uses too.
 * The caller owns and frees struct layout_lines (layout_lines_free). */
#ifndef DUWEN_LAYOUT_H
#define DUWEN_LAYOUT_H

#include <stddef.h>

#include "parse.h"
#include "width.h"

struct layout_opts {
	struct width_opts w;
	int indent_cols;     /* first-line indent of paragraphs (default 4: two U+3000) */
	int measure_cols;    /* cap on the line width (default 80) */
	int punct_fullwidth; /* ASCII , : ; ? ! ( ) between CJK shown full-width (default 1) */
};

void layout_opts_default(struct layout_opts *o);

/* One display unit: a grapheme cluster, or what stands for it on screen. */
struct layout_glyph {
	size_t start, end; /* source bytes it stands for */
	char shown[32];    /* UTF-8 to draw, NUL-terminated ("" for nothing) */
	int cols;          /* columns of shown */
};

/* Fill g with the display unit of text starting at pos, in the block
 * [block_start, block_end) (context for punctuation and joined lines).
 * Returns g->end (> pos). */
size_t layout_glyph(const struct layout_opts *o, const char *text,
		    size_t block_start, size_t block_end, size_t pos,
		    struct layout_glyph *g);

struct layout_line {
	size_t start, end; /* bytes of text on this line (spaces at a break excluded) */
	int indent_cols;   /* blank columns before the text, inside the measure */
	int width_cols;    /* columns of the text itself */
};

struct layout_lines {
	struct layout_line *v;
	size_t n, cap;
};

/* Append to out the lines of block b laid out in width_cols columns
 * (width_cols >= 1; the measure cap is the caller's business: pass
 * layout_measure). An empty block gives no lines. 0 or ERR_NOMEM. */
int layout_block(const struct layout_opts *o, const char *text,
		 const struct block *b, int width_cols, struct layout_lines *out);

/* Columns of text for a pane of pane_cols: min(pane_cols, measure_cols). */
int layout_measure(const struct layout_opts *o, int pane_cols);

/* Left margin that centres the measure in a pane of pane_cols. */
int layout_margin(const struct layout_opts *o, int pane_cols);

void layout_lines_free(struct layout_lines *l);

#endif
