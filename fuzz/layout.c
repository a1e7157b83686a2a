/* layout: text -> lines at widths 1..200, and the layout contract checked
 * line by line (src/layout.h): no line wider than the width, except at
 * width 1 one cluster of 2 columns on a line of its own; the drawing
 * (layout_glyph) adds up to each line's width; lines in order; nothing but
 * spaces (or units that draw nothing) left between them.
 * Input: byte 0 options (bit 0 ambiguous wide, bit 1 no full-width
 * punctuation), byte 1 the indent (0..16), byte 2 the block kind, byte 3
 * the first width checked (eight widths from it, and width 1); the rest is
 * the text, any bytes. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../src/kinsoku.h"
#include "../src/layout.h"
#include "fuzz.h"

/* 1 if the unit at p may be left off every line: a space (dropped at a
 * break) or something that draws nothing. */
static int
droppable(const struct layout_opts *o, const char *t, const struct block *b, size_t p,
	  struct layout_glyph *g)
{
	layout_glyph(o, t, b->start, b->end, p, g);
	if (g->end <= p || g->end > b->end)
		fuzz_fail("layout_glyph at %zu ends at %zu (block ends %zu)", p, g->end, b->end);
	if (g->shown[0] == 0)
		return 1;
	utf8proc_int32_t cp;
	if (utf8proc_iterate((const utf8proc_uint8_t *)t + p, (utf8proc_ssize_t)(b->end - p), &cp) <= 0)
		return 0;
	return kinsoku_class_of(cp) == KINSOKU_SP;
}

static void
check(const struct layout_opts *o, const char *t, const struct block *b, int w,
      const struct layout_lines *ll)
{
	size_t p = b->start;
	struct layout_glyph g;
	for (size_t i = 0; i < ll->n; i++) {
		const struct layout_line *l = &ll->v[i];
		if (l->start < p || l->end < l->start || l->end > b->end)
			fuzz_fail("w=%d line %zu: bytes %zu-%zu after %zu", w, i, l->start, l->end, p);
		for (; p < l->start; p = g.end)
			if (!droppable(o, t, b, p, &g))
				fuzz_fail("w=%d: byte %zu dropped before line %zu", w, p, i);
		int cols = 0, units = 0;
		for (; p < l->end; p = g.end, units++) {
			layout_glyph(o, t, b->start, b->end, p, &g);
			if (g.cols < 0 || g.cols > WIDTH_CLUSTER_MAX)
				fuzz_fail("w=%d: unit at %zu is %d columns", w, p, g.cols);
			cols += g.cols;
		}
		if (p != l->end)
			fuzz_fail("w=%d line %zu: units end at %zu, not %zu", w, i, p, l->end);
		if (cols != l->width_cols)
			fuzz_fail("w=%d line %zu: drawn %d columns, laid out %d", w, i, cols,
				  l->width_cols);
		if (l->indent_cols < 0 || l->indent_cols + l->width_cols > w) {
			/* the one exception: a wide cluster alone at width 1 */
			if (w != 1 || l->indent_cols != 0 || units != 1)
				fuzz_fail("w=%d line %zu (bytes %zu-%zu) is %d+%d columns", w, i,
					  l->start, l->end, l->indent_cols, l->width_cols);
		}
	}
	for (; p < b->end; p = g.end)
		if (!droppable(o, t, b, p, &g))
			fuzz_fail("w=%d: byte %zu after the last line dropped", w, p);
}

int
fuzz_layout(const uint8_t *data, size_t size)
{
	if (size < 4)
		return 0;
	struct layout_opts o;
	layout_opts_default(&o);
	o.w.ambiguous_wide = data[0] & 1;
	o.punct_fullwidth = !(data[0] & 2);
	o.indent_cols = data[1] % 17;
	struct block b = { 0, size - 4, (enum block_kind)(data[2] % BLOCK_KIND_COUNT) };
	int w0 = 1 + data[3] % 200;
	char *t = malloc(size - 4 + 1);
	if (t == NULL)
		return 0;
	memcpy(t, data + 4, size - 4);
	t[size - 4] = 0;
	struct layout_lines ll = { 0 };
	int widths[9] = { 1 };
	for (int i = 0; i < 8; i++)
		widths[i + 1] = w0 + i > 200 ? w0 + i - 200 : w0 + i;
	for (int i = 0; i < 9; i++) {
		ll.n = 0;
		if (layout_block(&o, t, &b, widths[i], &ll) != 0)
			fuzz_fail("layout_block failed");
		check(&o, t, &b, widths[i], &ll);
	}
	layout_lines_free(&ll);
	free(t);
	return 0;
}
