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
 * Returns g->end (> pos). Stateless: the layout measures with it, so what is
 * drawn always has the columns the layout counted.
 * Punctuation style (punct_fullwidth): "Chinese context" is a character of
 * East Asian Width W/F or one of — ― … ‥ ·; the curly quotes “ ” ‘ ’, which
 * English uses as much, are looked through (up to 4) to the character
 * beyond them ("好吗?”" shows ？, "know?’”" keeps ?). ASCII , : ; ? ! show as
 * ，：；？！ when the character before or after them (looking through a run
 * of them, no spaces) is Chinese context; ( shows as （ when the character
 * before or after it is; ) follows its matching ( (searched up to 256 bytes
 * back), else the same rule as (. '\n' (a joined hard-wrapped line; with
 * the spaces that indent the next line, one unit) shows " " between two
 * Latin characters (but not after a '/': a wrapped URL) and "" otherwise;
 * '\t' shows " ". */
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
 * layout_measure). An empty or all-space block gives no lines. 0 or
 * ERR_NOMEM. Cost linear in the block.
 * Styles: paragraph: first line indented by indent_cols (when the width is
 * at least twice that and leaves room for a wide character); summary and
 * quote: inset 2 columns on both sides (width >= 24); list item: the first
 * line at the item's leading spaces, the others hanging after its marker
 * ("• ", "3. ") when that leaves half the width;
 * title: each line centred; caption: centred if it fits on one line, else
 * inset like a summary; byline and source: right-aligned; heading, meta,
 * boilerplate: flush left; list: each item (prefmt_item_end) starts a line,
 * indented as far past the first item's indentation as in the source, and
 * hangs its other lines under the text after its marker (when that leaves
 * half the width; else flush left); pre and table: each '\n' is a forced
 * break, leading spaces
 * kept, an empty source line gives an empty line. Spaces (and joined '\n')
 * at a break and at the block's start and end are not on any line.
 * Width: no line is wider than width_cols, except when width_cols is 1: a
 * wide cluster then gets a line of its own and overflows by one column (a
 * 1-column pane cannot show it; the caller clips).
 * Tokens: a run with no break opportunity (URL, path, e-mail address) that
 * fits on the next row moves there whole; a longer one is cut after a '/'
 * (preferred) or before . @ ? # - & =, on the current row only when its
 * piece there and on the next row are together wider than a row; a row
 * that goes on with it takes the whole width (no indent) when the rest of
 * it does not fit the indented row. Footnote marks stay with what precedes
 * them. */
int layout_block(const struct layout_opts *o, const char *text,
		 const struct block *b, int width_cols, struct layout_lines *out);

/* Columns of text for a pane of pane_cols: min(pane_cols, measure_cols). */
int layout_measure(const struct layout_opts *o, int pane_cols);

/* Left margin that centres the measure in a pane of pane_cols. */
int layout_margin(const struct layout_opts *o, int pane_cols);

void layout_lines_free(struct layout_lines *l);

#endif
