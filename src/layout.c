/* XXX: scaffold; the layout issue replaces it. */
#include "layout.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"

void
layout_opts_default(struct layout_opts *o)
{
	memset(o, 0, sizeof *o);
	o->indent_cols = 4;
	o->measure_cols = 80;
	o->punct_fullwidth = 1;
}

size_t
layout_glyph(const struct layout_opts *o, const char *text, size_t block_start,
	     size_t block_end, size_t pos, struct layout_glyph *g)
{
	(void)block_start;
	size_t e = width_next_cluster(text, block_end, pos);
	g->start = pos;
	g->end = e;
	g->cols = width_cluster_shown(&o->w, text + pos, e - pos, g->shown, sizeof g->shown);
	return e;
}

static int
push(struct layout_lines *l, size_t s, size_t e, int indent, int w)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		struct layout_line *v = realloc(l->v, cap * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (struct layout_line){ s, e, indent, w };
	return 0;
}

int
layout_block(const struct layout_opts *o, const char *text,
	     const struct block *b, int width_cols, struct layout_lines *out)
{
	int indent = b->kind == BLOCK_PARAGRAPH ? o->indent_cols : 0;
	if (indent >= width_cols)
		indent = 0;
	size_t ls = b->start;
	int w = 0;
	struct layout_glyph g;
	for (size_t i = b->start; i < b->end; i = g.end) {
		layout_glyph(o, text, b->start, b->end, i, &g);
		if (indent + w + g.cols > width_cols && i > ls) {
			if (push(out, ls, i, indent, w) < 0)
				return ERR_NOMEM;
			ls = i;
			w = 0;
			indent = 0;
		}
		w += g.cols;
	}
	if (ls < b->end)
		return push(out, ls, b->end, indent, w);
	return 0;
}

int
layout_measure(const struct layout_opts *o, int pane_cols)
{
	return pane_cols < o->measure_cols ? pane_cols : o->measure_cols;
}

int
layout_margin(const struct layout_opts *o, int pane_cols)
{
	return (pane_cols - layout_measure(o, pane_cols)) / 2;
}

void
layout_lines_free(struct layout_lines *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}
