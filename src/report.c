#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "err.h"
#include "span.h"
#include "termsafe.h"

static void
put_spaces(FILE *f, int n)
{
	for (int i = 0; i < n; i++)
		fputc(' ', f);
}

/* ---- --list ---- */

static int
hidden_block(enum block_kind k)
{
	return k == BLOCK_BOILERPLATE || k == BLOCK_META;
}

int
report_cities_count(const struct compare_spec *s, const struct compare_matcher *m,
		    const struct match_corpus *mc, struct report_cities *out)
{
	struct report_cities r = { .n = s->ncities };
	r.mentions = calloc(mc->n * r.n + 1, sizeof *r.mentions);
	if (r.mentions == NULL)
		return ERR_NOMEM;
	for (size_t c = 0; c < r.n; c++)
		r.name[c] = compare_spec_city(s, c)->name;
	/* the comparison itself, one article at a time: its "mentions" are
	 * the sums of these by construction */
	for (size_t i = 0; i < mc->n; i++) {
		struct match_corpus one = { &mc->arts[i], &mc->folded[i], 1 };
		struct compare_result cr;
		if (compare_run(s, m, &one, &cr) < 0) {
			free(r.mentions);
			return ERR_NOMEM;
		}
		for (size_t c = 0; c < r.n; c++)
			r.mentions[i * r.n + c] = cr.hits[c];
		compare_result_free(&cr);
	}
	*out = r;
	return 0;
}

void
report_cities_free(struct report_cities *c)
{
	free(c->mentions);
	c->mentions = NULL;
	c->n = 0;
}

char *
report_shown(const struct layout_opts *o, const char *s, size_t n)
{
	char *safe = termsafe_dup(s, n, TERMSAFE_LINE);
	if (safe == NULL)
		return NULL;
	n = strlen(safe);
	/* each glyph's shown text is at most sizeof g.shown - 1 bytes */
	struct layout_glyph g;
	char *t = malloc((n + 1) * (sizeof g.shown - 1) + 1);
	if (t == NULL) {
		free(safe);
		return NULL;
	}
	size_t w = 0;
	for (size_t p = 0; p < n; p = g.end) {
		layout_glyph(o, safe, 0, n, p, &g);
		size_t k = strlen(g.shown);
		memcpy(t + w, g.shown, k);
		w += k;
	}
	t[w] = 0;
	free(safe);
	return t;
}

/* s as the layout shows it (report_shown), cut to max_cols columns at a
 * cluster boundary with "…" marking the cut; malloc'd, its width in *cols. */
static char *
fit(const struct layout_opts *o, const char *s, int max_cols, int *cols)
{
	char *t = report_shown(o, s, strlen(s));
	if (t == NULL)
		return NULL;
	size_t n = strlen(t);
	int room = max_cols - width_str(&o->w, "…", strlen("…")), used = 0, total = 0;
	size_t cut = 0;
	int cut_cols = 0;
	for (size_t p = 0, q; p < n; p = q) {
		q = width_next_cluster(t, n, p);
		int c = width_cluster(&o->w, t + p, q - p);
		total += c;
		if (used + c <= room) {
			used += c;
			cut = q;
			cut_cols = used;
		} else {
			used = room + 1; /* nothing after a cluster that does not fit */
		}
	}
	if (total <= max_cols) {
		*cols = total;
		return t;
	}
	char *r = realloc(t, cut + sizeof "…");
	if (r == NULL) {
		free(t);
		return NULL;
	}
	memcpy(r + cut, "…", sizeof "…");
	*cols = cut_cols + width_str(&o->w, "…", strlen("…"));
	return r;
}

static int
digits(size_t v)
{
	int d = 1;
	while (v >= 10) {
		v /= 10;
		d++;
	}
	return d;
}

struct list_row {
	char *title, *source, *date;
	char *name; /* a copy's file name (escaped), else NULL */
	int title_cols, source_cols, date_cols, name_cols;
};

static int
cmp_titles(const void *x, const void *y, void *ctx)
{
	const struct corpus *c = ctx;
	const char *a = c->v[*(const size_t *)x].meta.title, *b = c->v[*(const size_t *)y].meta.title;
	return strcmp(a ? a : "", b ? b : "");
}

/* Each article whose title another has too gets its file name (the part
 * after the last '/', escaped as termsafe_name escapes names): the copies
 * are told apart by it. 0 or ERR_NOMEM. */
static int
name_copies(const struct corpus *c, const struct layout_opts *o, struct list_row *rows)
{
	size_t *v = malloc((c->n ? c->n : 1) * sizeof *v);
	if (v == NULL)
		return ERR_NOMEM;
	for (size_t i = 0; i < c->n; i++)
		v[i] = i;
	qsort_r(v, c->n, sizeof *v, cmp_titles, (void *)c);
	int rc = 0;
	for (size_t i = 0; i < c->n && rc == 0; i++) {
		const char *t = c->v[v[i]].meta.title;
		int copy = (i > 0 && cmp_titles(&v[i - 1], &v[i], (void *)c) == 0) ||
			   (i + 1 < c->n && cmp_titles(&v[i], &v[i + 1], (void *)c) == 0);
		if (!copy || t == NULL || t[0] == 0)
			continue;
		const char *path = c->v[v[i]].path ? c->v[v[i]].path : "";
		const char *slash = strrchr(path, '/');
		struct list_row *r = &rows[v[i]];
		if ((r->name = termsafe_name(slash && slash[1] ? slash + 1 : path)) == NULL)
			rc = ERR_NOMEM;
		else
			r->name_cols = width_str(&o->w, r->name, strlen(r->name));
	}
	free(v);
	return rc;
}

int
report_list(FILE *f, const struct corpus *c, const struct layout_opts *o,
	    const struct report_cities *cities)
{
	size_t ncities = cities ? cities->n : 0;
	struct list_row *rows = calloc(c->n ? c->n : 1, sizeof *rows);
	if (rows == NULL)
		return ERR_NOMEM;
	int rc = name_copies(c, o, rows), tw = 0, sw = 0, dw = 0, cw = 1, nw = 1, any_date = 0;
	int fw = 0;
	for (size_t i = 0; i < c->n && rc == 0; i++) {
		const struct article *a = &c->v[i];
		struct list_row *r = &rows[i];
		const struct meta *m = &a->meta;
		r->title = fit(o, m->title ? m->title : "", REPORT_TITLE_COLS, &r->title_cols);
		r->source = fit(o, m->source ? m->source : "-", REPORT_SOURCE_COLS, &r->source_cols);
		r->date = fit(o, m->date ? m->date : "-", REPORT_SOURCE_COLS, &r->date_cols);
		if (!r->title || !r->source || !r->date) {
			rc = ERR_NOMEM;
			break;
		}
		any_date |= m->date != NULL;
		tw = r->title_cols > tw ? r->title_cols : tw;
		sw = r->source_cols > sw ? r->source_cols : sw;
		dw = r->date_cols > dw ? r->date_cols : dw;
		fw = r->name_cols > fw ? r->name_cols : fw;
		cw = digits(a->chars) > cw ? digits(a->chars) : cw;
		for (size_t k = 0; k < ncities; k++) {
			size_t v = cities->mentions[i * ncities + k];
			nw = digits(v) > nw ? digits(v) : nw;
		}
	}
	for (size_t i = 0; i < c->n && rc == 0; i++) {
		const struct list_row *r = &rows[i];
		termsafe_puts(f, r->title, TERMSAFE_LINE);
		put_spaces(f, tw - r->title_cols + 2);
		if (fw) { /* copies: their file names, a column of its own */
			if (r->name)
				fputs(r->name, f);
			put_spaces(f, fw - r->name_cols + 2);
		}
		termsafe_puts(f, r->source, TERMSAFE_LINE);
		put_spaces(f, sw - r->source_cols + 2);
		if (any_date) {
			termsafe_puts(f, r->date, TERMSAFE_LINE);
			put_spaces(f, dw - r->date_cols + 2);
		}
		fprintf(f, "%-4s  %*zu 字", format_name(c->v[i].format), cw, c->v[i].chars);
		for (size_t k = 0; k < ncities; k++) {
			fputs("  ", f);
			termsafe_puts(f, cities->name[k], TERMSAFE_LINE);
			fprintf(f, " %*zu", nw, cities->mentions[i * ncities + k]);
		}
		fputc('\n', f);
	}
	for (size_t i = 0; i < c->n; i++) {
		free(rows[i].title);
		free(rows[i].source);
		free(rows[i].date);
		free(rows[i].name);
	}
	free(rows);
	if (rc == 0 && ferror(f))
		rc = ERR_IO;
	return rc;
}

/* ---- --dump ---- */

/* Write text[b] laid out at width_cols (0: all on one line, no indent). */
static int
put_block(FILE *f, const struct layout_opts *o, const char *text, const struct block *b,
	  int width_cols)
{
	struct layout_line one = { b->start, b->end, 0, 0 };
	struct layout_lines ll = { NULL, 0, 0 };
	const struct layout_line *v = &one;
	size_t n = 1;
	if (width_cols > 0) {
		if (layout_block(o, text, b, width_cols, &ll) < 0) {
			layout_lines_free(&ll);
			return ERR_NOMEM;
		}
		v = ll.v;
		n = ll.n;
	}
	for (size_t j = 0; j < n; j++) {
		put_spaces(f, v[j].indent_cols);
		struct layout_glyph g;
		for (size_t p = v[j].start; p < v[j].end; p = g.end) {
			layout_glyph(o, text, b->start, b->end, p, &g);
			termsafe_puts(f, g.shown, TERMSAFE_LINE);
		}
		fputc('\n', f);
	}
	layout_lines_free(&ll);
	return 0;
}

/* Write the string s as one block of kind k. */
static int
put_string(FILE *f, const struct layout_opts *o, const char *s, enum block_kind k,
	   int width_cols)
{
	/* metadata may come from a file's header: no line breaks or controls */
	char *t = termsafe_dup(s, strlen(s), TERMSAFE_LINE);
	if (t == NULL)
		return ERR_NOMEM;
	struct block b = { 0, strlen(t), k };
	int rc = b.end ? put_block(f, o, t, &b, width_cols) : 0;
	free(t);
	return rc;
}

/* a's garbled and repaired spans, sorted, overlapping ones dropped. */
static int
collect_marks(const struct article *a, struct span_list *out)
{
	for (size_t i = 0; i < a->spans.n; i++) {
		const struct span *s = &a->spans.v[i];
		if ((s->kind == SPAN_GARBLED || s->kind == SPAN_REPAIRED) && s->start < s->end &&
		    s->end <= a->len && span_list_push(out, s->start, s->end, s->kind, 0) < 0)
			return ERR_NOMEM;
	}
	span_list_sort(out);
	size_t w = 0;
	for (size_t i = 0; i < out->n; i++)
		if (w == 0 || out->v[i].start >= out->v[w - 1].end)
			out->v[w++] = out->v[i];
	out->n = w;
	return 0;
}

/* A copy of block b's text with the marks that meet it bracketed, so the
 * layout counts the brackets' columns too; NULL in *text if no mark meets
 * b. The text itself is never edited. */
static int
marked_copy(const struct article *a, const struct span_list *m, const struct block *b,
	    char **text, struct block *mb)
{
	static const size_t extra = sizeof REPORT_GARBLED_OPEN + sizeof REPORT_GARBLED_CLOSE +
				    sizeof REPORT_REPAIRED_OPEN + sizeof REPORT_REPAIRED_CLOSE;
	size_t first = span_list_first_after(m, b->start), k = first;
	while (k < m->n && m->v[k].start < b->end)
		k++;
	*text = NULL;
	if (k == first)
		return 0;
	char *t = malloc(b->end - b->start + (k - first) * extra + 1);
	if (t == NULL)
		return ERR_NOMEM;
	size_t w = 0, pos = b->start;
	for (size_t i = first; i < k; i++) {
		size_t s = m->v[i].start > b->start ? m->v[i].start : b->start;
		size_t e = m->v[i].end < b->end ? m->v[i].end : b->end;
		int g = m->v[i].kind == SPAN_GARBLED;
		const char *open = g ? REPORT_GARBLED_OPEN : REPORT_REPAIRED_OPEN;
		const char *close = g ? REPORT_GARBLED_CLOSE : REPORT_REPAIRED_CLOSE;
		memcpy(t + w, a->text + pos, s - pos);
		w += s - pos;
		memcpy(t + w, open, strlen(open));
		w += strlen(open);
		memcpy(t + w, a->text + s, e - s);
		w += e - s;
		memcpy(t + w, close, strlen(close));
		w += strlen(close);
		pos = e;
	}
	memcpy(t + w, a->text + pos, b->end - pos);
	w += b->end - pos;
	t[w] = 0;
	*text = t;
	*mb = (struct block){ 0, w, b->kind };
	return 0;
}

char *
report_facts(const struct article *a, int shorten, int reading)
{
	const char *part[3] = { a->meta.source, shorten >= 2 ? NULL : a->meta.author,
				shorten >= 3 ? NULL : a->meta.date };
	size_t len = 64;
	for (size_t i = 0; i < 3; i++)
		len += part[i] ? strlen(part[i]) + sizeof " · " : 0;
	char *s = malloc(len);
	if (s == NULL)
		return NULL;
	size_t w = 0;
	for (size_t i = 0; i < 3; i++)
		if (part[i] && part[i][0])
			w += (size_t)snprintf(s + w, len - w, "%s · ", part[i]);
	size_t mins = (a->chars + 399) / 400;
	if (!reading)
		snprintf(s + w, len - w, "%zu 字", a->chars);
	else if (shorten >= 1)
		snprintf(s + w, len - w, "%zu字", a->chars);
	else
		snprintf(s + w, len - w, "%zu字 · 约%zu分钟", a->chars, mins ? mins : 1);
	return s;
}

int
report_dump(FILE *f, const struct article *a, const struct layout_opts *o,
	    int width_cols)
{
	struct span_list marks = { NULL, 0, 0 };
	char *meta = report_facts(a, 0, 0);
	int rc = meta ? collect_marks(a, &marks) : ERR_NOMEM;
	if (rc == 0)
		rc = put_string(f, o, a->meta.title ? a->meta.title : "", BLOCK_TITLE, width_cols);
	if (rc == 0) /* laid out like the title it belongs to */
		rc = put_string(f, o, meta, BLOCK_TITLE, width_cols);
	if (rc == 0)
		fputc('\n', f);
	int first = 1;
	for (size_t i = 0; i < a->nblocks && rc == 0; i++) {
		const struct block *b = &a->blocks[i];
		if (hidden_block(b->kind) || b->start >= b->end || article_repeats_title(a, b))
			continue;
		if (!first && width_cols > 0)
			fputc('\n', f);
		first = 0;
		char *copy;
		struct block mb;
		if ((rc = marked_copy(a, &marks, b, &copy, &mb)) < 0)
			break;
		rc = copy ? put_block(f, o, copy, &mb, width_cols)
			  : put_block(f, o, a->text, b, width_cols);
		free(copy);
	}
	span_list_free(&marks);
	free(meta);
	if (rc == 0 && ferror(f))
		rc = ERR_IO;
	return rc;
}
