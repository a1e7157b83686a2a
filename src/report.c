#include "report.h"

#include <string.h>

#include "err.h"

static size_t
count_sub(const char *s, size_t len, const char *needle)
{
	size_t n = 0, nl = strlen(needle);
	for (const char *p = s; (p = memmem(p, len - (size_t)(p - s), needle, nl)); p += nl)
		n++;
	return n;
}

int
report_list(FILE *f, const struct corpus *c)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct article *a = &c->v[i];
		fprintf(f, "%s\t%s\t%s\t%zu\t杭州 %zu\t深圳 %zu\t成都 %zu\n", a->meta.title,
			a->meta.source ? a->meta.source : "-",
			a->meta.date ? a->meta.date : "-", a->chars,
			count_sub(a->text, a->len, "杭州"), count_sub(a->text, a->len, "深圳"),
			count_sub(a->text, a->len, "成都"));
	}
	return 0;
}

static void
put_line(FILE *f, const struct article *a, const struct layout_opts *o,
	 const struct block *b, const struct layout_line *l)
{
	for (int i = 0; i < l->indent_cols; i++)
		fputc(' ', f);
	struct layout_glyph g;
	for (size_t p = l->start; p < l->end; p = g.end) {
		layout_glyph(o, a->text, b->start, b->end, p, &g);
		fputs(g.shown, f);
	}
	fputc('\n', f);
}

int
report_dump(FILE *f, const struct article *a, const struct layout_opts *o,
	    int width_cols)
{
	struct layout_lines ll = { 0 };
	for (size_t i = 0; i < a->nblocks; i++) {
		const struct block *b = &a->blocks[i];
		if (b->kind == BLOCK_BOILERPLATE || b->kind == BLOCK_META)
			continue;
		ll.n = 0;
		if (width_cols <= 0) {
			struct layout_line one = { b->start, b->end, 0, 0 };
			put_line(f, a, o, b, &one);
			continue;
		}
		if (layout_block(o, a->text, b, layout_measure(o, width_cols), &ll) < 0) {
			layout_lines_free(&ll);
			return ERR_NOMEM;
		}
		for (size_t j = 0; j < ll.n; j++)
			put_line(f, a, o, b, &ll.v[j]);
		fputc('\n', f);
	}
	layout_lines_free(&ll);
	return 0;
}
