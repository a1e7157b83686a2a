#include "compare_text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "report.h"
#include "termsafe.h"
#include "ustr.h"

static void
put_spaces(FILE *f, int n)
{
	for (int i = 0; i < n; i++)
		fputc(' ', f);
}

static int
str_cols(const struct width_opts *w, const char *s)
{
	return width_str(w, s, strlen(s));
}

/* s made safe and cut to at most max_cols columns at a cluster boundary,
 * "…" marking a cut, into buf (cap bytes); returns its columns. */
static int
cut_cols(const struct width_opts *w, const char *s, int max_cols, char *buf, size_t cap)
{
	size_t len = strlen(s), end = 0;
	int used = 0, total = width_str(w, s, len);
	int room = total <= max_cols ? max_cols : max_cols - str_cols(w, "…");
	while (end < len) {
		size_t next = width_next_cluster(s, len, end);
		int cw = width_cluster(w, s + end, next - end);
		if (cw < 0)
			cw = 1;
		if (used + cw > room || next + sizeof "…" > cap)
			break;
		used += cw;
		end = next;
	}
	size_t o = 0;
	for (size_t i = 0; i < end; i++) /* tabs and newlines in a title show as spaces */
		buf[o++] = (s[i] == '\n' || s[i] == '\t' || s[i] == '\r') ? ' ' : s[i];
	if (end < len) {
		memcpy(buf + o, "…", sizeof "…");
		used += str_cols(w, "…");
	} else {
		buf[o] = 0;
	}
	return used;
}

static void
mark_strings(int kind, const char **open, const char **close)
{
	switch (kind) {
	case SPAN_GARBLED:
		*open = REPORT_GARBLED_OPEN;
		*close = REPORT_GARBLED_CLOSE;
		break;
	case SPAN_REPAIRED:
		*open = REPORT_REPAIRED_OPEN;
		*close = REPORT_REPAIRED_CLOSE;
		break;
	case SPAN_SEARCH:
		*open = COMPARE_TEXT_HIT_OPEN;
		*close = COMPARE_TEXT_HIT_CLOSE;
		break;
	default:
		*open = *close = "";
	}
}

/* The code point of text[start, i) that ends at i (i > start), as
 * ustr_next reads the text from start. */
static int32_t
cp_before(const char *text, size_t start, size_t i)
{
	size_t k = i - 1;
	while (k > start && i - k < 4 && ((unsigned char)text[k] & 0xC0) == 0x80)
		k--;
	int32_t cp = 0;
	if (ustr_next(text, i, k, &cp) == i && (k == start || ((unsigned char)text[k] & 0xC0) != 0x80))
		return cp;
	/* not UTF-8 as it should be: read it from the start */
	for (k = start; k < i;)
		k = ustr_next(text, i, k, &cp);
	return cp;
}

/* 1 if termsafe_write in TERMSAFE_LINE mode would write s[0, n) as it is:
 * printable ASCII, and three-byte UTF-8 of U+3000-U+9FFF (CJK), U+FF00-
 * U+FF7F (full-width forms) or the quotes, dashes and ellipsis of Chinese
 * prose (U+2014, U+2018, U+2019, U+201C, U+201D, U+2026): none of them a
 * control, a bidi mark or invalid. Most passages are only that. */
static int
plain_run(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		unsigned char c = u[i];
		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		if (i + 3 > n || (u[i + 1] & 0xC0) != 0x80 || (u[i + 2] & 0xC0) != 0x80)
			return 0;
		unsigned cp = (unsigned)(c & 0x0F) << 12 | (unsigned)(u[i + 1] & 0x3F) << 6 |
			      (u[i + 2] & 0x3F);
		if ((c & 0xF0) != 0xE0 ||
		    !((cp >= 0x3000 && cp <= 0x9FFF) || (cp >= 0xFF00 && cp <= 0xFF7F) ||
		      cp == 0x2014 || cp == 0x2018 || cp == 0x2019 || cp == 0x201C ||
		      cp == 0x201D || cp == 0x2026))
			return 0;
		i += 3;
	}
	return 1;
}

/* termsafe_write(f, s, n, TERMSAFE_LINE), without its work per code point
 * when the run is plain. */
static void
put_line(FILE *f, const char *s, size_t n)
{
	if (plain_run(s, n))
		fwrite(s, 1, n, f);
	else
		termsafe_write(f, s, n, TERMSAFE_LINE);
}

/* text[start, end) with line breaks shown as put_passage says; *prev: the
 * code point before start, then the last one written. Line breaks are
 * found with memchr: the rest is written in runs. */
static void
put_plain(FILE *f, const char *text, size_t start, size_t end, int32_t *prev)
{
	size_t run = start;
	const char *nl;
	while (run < end && (nl = memchr(text + run, '\n', end - run)) != NULL) {
		size_t i = (size_t)(nl - text);
		put_line(f, text + run, i - run);
		int32_t before = i > start ? cp_before(text, start, i) : *prev, next = 0;
		if (i + 1 < end)
			ustr_next(text, end, i + 1, &next);
		if (!(ustr_is_cjk(before) && ustr_is_cjk(next)))
			fputc(' ', f);
		run = i + 1;
	}
	put_line(f, text + run, end - run);
	if (end > start)
		*prev = cp_before(text, start, end);
}

void
compare_text_put_passage(FILE *f, const char *text, size_t start, size_t end,
			 const struct span_list *marks)
{
	int32_t prev = 0;
	size_t i = start;
	for (size_t k = 0; marks && k < marks->n; k++) {
		const struct span *m = &marks->v[k];
		if (m->end <= i || m->start >= end)
			continue; /* outside, or overlapping one already shown */
		size_t ms = m->start > i ? m->start : i, me = m->end < end ? m->end : end;
		const char *open, *close;
		mark_strings(m->kind, &open, &close);
		put_plain(f, text, i, ms, &prev);
		fputs(open, f);
		put_plain(f, text, ms, me, &prev);
		fputs(close, f);
		i = me;
	}
	put_plain(f, text, i, end, &prev);
}

/* Count columns: the widest of the city name and its numbers. */
static int
num_cols(size_t v)
{
	int n = 1;
	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

struct table {
	const struct width_opts *w;
	int label_cols;
	int col[COMPARE_MAX_CITIES];
	size_t ncols;
};

static void
row_label(FILE *f, const struct table *t, const char *label)
{
	char buf[256];
	int cols = cut_cols(t->w, label, t->label_cols, buf, sizeof buf);
	termsafe_puts(f, buf, TERMSAFE_LINE);
	put_spaces(f, t->label_cols - cols);
}

static void
row_counts(FILE *f, const struct table *t, const char *label, const size_t *v)
{
	row_label(f, t, label);
	for (size_t c = 0; c < t->ncols; c++)
		fprintf(f, "  %*zu", t->col[c], v[c]);
	fputc('\n', f);
}

static void
table_header(FILE *f, const struct table *t, const struct compare_spec *s)
{
	put_spaces(f, t->label_cols);
	for (size_t c = 0; c < t->ncols; c++) {
		const char *name = compare_spec_city(s, c)->name;
		put_spaces(f, 2 + t->col[c] - str_cols(t->w, name));
		termsafe_write(f, name, strlen(name), TERMSAFE_LINE);
	}
	fputc('\n', f);
}

/* Widths for the columns of every count in r and the given labels. */
static void
table_init(struct table *t, const struct width_opts *w, const struct compare_spec *s,
	   const struct compare_result *r, int label_cols)
{
	t->w = w;
	t->ncols = r->ncities;
	t->label_cols = label_cols;
	for (size_t c = 0; c < r->ncities; c++) {
		int cols = str_cols(w, compare_spec_city(s, c)->name);
		size_t big = r->hits[c] > r->city[c].n ? r->hits[c] : r->city[c].n;
		if (r->province[c].n > big)
			big = r->province[c].n;
		if (num_cols(big) > cols)
			cols = num_cols(big);
		t->col[c] = cols;
	}
}

static const char *
title_of(const struct article *a)
{
	return a->meta.title && *a->meta.title ? a->meta.title : a->path;
}

static void
print_counts(FILE *f, const struct compare_spec *s, const struct compare_result *r,
	     const struct width_opts *w)
{
	static const char *const fixed[] = { "sentences", "mentions", "province", "figures" };
	int label = 0;
	for (size_t i = 0; i < 4; i++)
		if (str_cols(w, fixed[i]) > label)
			label = str_cols(w, fixed[i]);
	for (size_t i = 0; i < s->nthemes; i++)
		if (str_cols(w, s->themes[i].name) > label)
			label = str_cols(w, s->themes[i].name);
	if (label > 24)
		label = 24;
	struct table t;
	table_init(&t, w, s, r, label);
	size_t v[COMPARE_MAX_CITIES];
	table_header(f, &t, s);
	for (size_t c = 0; c < r->ncities; c++)
		v[c] = r->city[c].n;
	row_counts(f, &t, "sentences", v);
	for (size_t c = 0; c < r->ncities; c++)
		v[c] = r->hits[c];
	row_counts(f, &t, "mentions", v);
	for (size_t c = 0; c < r->ncities; c++)
		v[c] = r->province[c].n;
	row_counts(f, &t, "province", v);
	for (size_t row = 0; row <= r->nthemes; row++) {
		for (size_t c = 0; c < r->ncities; c++)
			v[c] = compare_cell(r, c, row)->n;
		row_counts(f, &t, row < r->nthemes ? s->themes[row].name : "figures", v);
	}
}

static void
print_per_article(FILE *f, const struct compare_spec *s, const struct compare_result *r,
		  const struct match_corpus *mc, const struct width_opts *w)
{
	int label = 0;
	char buf[256];
	for (size_t a = 0; a < mc->n; a++) {
		int cols = cut_cols(w, title_of(&mc->arts[a]), COMPARE_TEXT_TITLE_COLS, buf,
				    sizeof buf);
		if (cols > label)
			label = cols;
	}
	struct table t;
	table_init(&t, w, s, r, label);
	table_header(f, &t, s);
	size_t v[COMPARE_MAX_CITIES];
	for (size_t a = 0; a < mc->n; a++) {
		for (size_t c = 0; c < r->ncities; c++)
			v[c] = r->per_article[c * r->narts + a];
		row_counts(f, &t, title_of(&mc->arts[a]), v);
	}
}

static void
print_figures(FILE *f, const struct compare_spec *s, const struct compare_result *r,
	      const struct match_corpus *mc)
{
	for (size_t c = 0; c < r->ncities; c++) {
		const struct compare_refs *cell = compare_cell(r, c, r->nthemes);
		const char *name = compare_spec_city(s, c)->name;
		fputc('\n', f);
		termsafe_write(f, name, strlen(name), TERMSAFE_LINE);
		fprintf(f, ": %zu %s with figures\n", cell->n, cell->n == 1 ? "sentence" : "sentences");
		size_t last = SIZE_MAX;
		for (size_t i = 0; i < cell->n; i++) {
			const struct article *a = &mc->arts[cell->v[i].art];
			const struct sentence *st = &a->sents[cell->v[i].sent];
			if (cell->v[i].art != last) {
				const char *title = title_of(a);
				fputs("  ", f);
				termsafe_write(f, title, strlen(title), TERMSAFE_LINE);
				fputc('\n', f);
				last = cell->v[i].art;
			}
			fputs("    ", f);
			compare_text_put_passage(f, a->text, st->start, st->end, &a->spans);
			fputc('\n', f);
		}
	}
}

int
compare_text_print(FILE *f, const struct compare_spec *s, const struct compare_result *r,
		   const struct match_corpus *mc, const struct width_opts *w)
{
	fprintf(f, "%zu %s; counts are sentences, mentions are names and aliases found\n\n",
		mc->n, mc->n == 1 ? "article" : "articles");
	print_counts(f, s, r, w);
	fputs("\nsentences naming each city, by article\n", f);
	print_per_article(f, s, r, mc, w);
	print_figures(f, s, r, mc);
	return ferror(f) ? ERR_IO : 0;
}

int
compare_text_search(FILE *f, const char *query, const struct search_result *r,
		    const struct match_corpus *mc, const struct width_opts *w)
{
	(void)w;
	compare_text_search_head(f, query, r->n, r->articles);
	return compare_text_search_hits(f, r, mc);
}

void
compare_text_search_head(FILE *f, const char *query, size_t hits, size_t articles)
{
	termsafe_write(f, query, strlen(query), TERMSAFE_LINE);
	fprintf(f, ": %zu %s in %zu %s\n", hits, hits == 1 ? "hit" : "hits", articles,
		articles == 1 ? "article" : "articles");
}

int
compare_text_search_hits(FILE *f, const struct search_result *r, const struct match_corpus *mc)
{
	struct span_list marks = { 0 };
	for (size_t i = 0; i < r->n;) {
		size_t ai = r->v[i].art;
		const struct article *a = &mc->arts[ai];
		const char *title = title_of(a);
		fputc('\n', f);
		termsafe_write(f, title, strlen(title), TERMSAFE_LINE);
		fprintf(f, " (%zu %s)\n  ", r->per_article[ai], r->per_article[ai] == 1 ? "hit" : "hits");
		termsafe_puts(f, a->path, TERMSAFE_NAME);
		fputc('\n', f);
		/* one line per sentence, with all its hits marked */
		while (i < r->n && r->v[i].art == ai) {
			size_t sent = r->v[i].sent, start = r->v[i].start, end = r->v[i].end;
			if (sent < a->nsents) {
				start = a->sents[sent].start;
				end = a->sents[sent].end;
			}
			span_list_clear(&marks);
			while (i < r->n && r->v[i].art == ai && r->v[i].start < end) {
				if (span_list_push(&marks, r->v[i].start, r->v[i].end, SPAN_SEARCH, 0) < 0) {
					span_list_free(&marks);
					return ERR_NOMEM;
				}
				if (r->v[i].end > end)
					end = r->v[i].end;
				i++;
			}
			fputs("    ", f);
			for (size_t k = 0; k < a->spans.n; k++)
				if (a->spans.v[k].start < end && a->spans.v[k].end > start &&
				    span_list_push(&marks, a->spans.v[k].start, a->spans.v[k].end,
						   a->spans.v[k].kind, 0) < 0) {
					span_list_free(&marks);
					return ERR_NOMEM;
				}
			span_list_sort(&marks);
			compare_text_put_passage(f, a->text, start, end, &marks);
			fputc('\n', f);
		}
	}
	span_list_free(&marks);
	return ferror(f) ? ERR_IO : 0;
}
