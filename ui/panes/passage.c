/* Passages drawn with highlights; see passage.h. */
#include "passage.h"

#include "match.h"

static const struct block *
block_of(const struct article *a, size_t off)
{
	size_t b = article_block_at(a, off);
	return b < a->nblocks ? &a->blocks[b] : NULL;
}

int
ui_passage_layout(const struct layout_opts *o, const struct article *a, size_t start,
		  size_t end, int cols, struct layout_lines *out)
{
	/* a heading is laid out flush left, without a paragraph's indent */
	struct block pseudo = { start, end, BLOCK_HEADING };
	return layout_block(o, a->text, &pseudo, cols < 1 ? 1 : cols, out);
}

void
ui_passage_draw(struct app *app, WINDOW *w, int y, int x, int max_cols, const struct layout_opts *o,
		const struct article *a, const struct layout_line *ln,
		const struct span_list *sp, int base)
{
	const struct block *b = block_of(a, ln->start);
	size_t bs = b ? b->start : ln->start, be = b ? b->end : ln->end;
	int used = 0;
	if (max_cols > getmaxx(w) - x) /* no wide character across the edge */
		max_cols = getmaxx(w) - x;
	struct layout_glyph g;
	for (size_t pos = ln->start; pos < ln->end; pos = g.end) {
		layout_glyph(o, a->text, bs, be, pos, &g);
		if (g.end <= pos)
			break;
		if (g.cols <= 0 || g.shown[0] == 0)
			continue;
		if (used + g.cols > max_cols)
			break;
		unsigned char c0 = (unsigned char)g.shown[0];
		if (c0 >= 0x20 && c0 != 0x7f) {
			wattrset(w, ui_match_attr_list(app, base, sp, g.start));
			mvwaddstr(w, y, x + used, g.shown);
		}
		used += g.cols;
	}
	wattrset(w, A_NORMAL);
}
