#include "hardwrap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "prefmt.h"
#include "width.h"

/* Lines longer than this many bytes are never part of a wrapped paragraph;
 * their width is not measured (a 1 MB line costs nothing here). */
#define LONG_BYTES (4 * HARDWRAP_MAX_COLS + 16)
#define TOO_WIDE (HARDWRAP_MAX_COLS * 4)

struct hw {
	const char *t;
	const struct ustr_line *l;
	const unsigned char *skip;
	size_t n;
	int *cols;    /* display width of each line, from raw_start */
	int *scratch; /* widths being ranked */
};

static int
blank(const struct ustr_line *l)
{
	return l->start == l->end;
}

static int
measure(const char *t, size_t s, size_t e)
{
	struct width_opts wo = { 0 };
	if (e - s > LONG_BYTES)
		return TOO_WIDE;
	return width_str(&wo, t + s, e - s);
}

static size_t
indent(const struct hw *h, size_t i)
{
	return h->l[i].start - h->l[i].raw_start;
}

static int
joinable(const struct hw *h, size_t i)
{
	if (i + 1 >= h->n || blank(&h->l[i]) || blank(&h->l[i + 1]) || h->skip[i] ||
	    h->skip[i + 1])
		return 0;
	/* a list item's marker opens a new item */
	if (prefmt_list_marker(h->t + h->l[i + 1].start, h->l[i + 1].end - h->l[i + 1].start))
		return 0;
	if (indent(h, i + 1) <= indent(h, i))
		return 1;
	/* An indented line opens a paragraph (e-books, mail), unless it
	 * starts a hanging indent: line i opens its paragraph and the line
	 * after the next keeps the deeper indentation or goes back to line
	 * i's (问：… / 答：…). */
	int opens = i == 0 || blank(&h->l[i - 1]) || h->skip[i - 1] || indent(h, i - 1) != indent(h, i);
	int keeps = i + 2 >= h->n || blank(&h->l[i + 2]) || h->skip[i + 2] ||
		    indent(h, i + 2) == indent(h, i + 1) || indent(h, i + 2) <= indent(h, i);
	return opens && keeps;
}

static int
ends_sentence(const char *t, const struct ustr_line *l)
{
	size_t e = l->end;
	int32_t cp = 0;
	while (e > l->start) {
		e = ustr_prev(t, e, &cp);
		if (!ustr_is_closing(cp) && cp != '"' && cp != '\'')
			break;
	}
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '!' || cp == '?' ||
	       cp == '.' || cp == 0x2026;
}

/* Would line i + 1's first word have fitted on line i within w columns? If
 * not, line i is full: the wrapper broke it because the width was reached.
 * Slack: a CJK wrapper may carry a character for kinsoku; a Latin one (fmt,
 * par) balances lines and may break a few columns early. */
static int
full(const struct hw *h, size_t i, int w)
{
	const struct ustr_line *a = &h->l[i], *b = &h->l[i + 1];
	if (h->cols[i] >= w)
		return 1;
	int32_t last, first;
	ustr_prev(h->t, a->end, &last);
	size_t p = ustr_next(h->t, b->end, b->start, &first);
	if (!ustr_is_cjk(first)) {
		int32_t cp;
		while (p < b->end) {
			size_t q = ustr_next(h->t, b->end, p, &cp);
			if (ustr_is_space(cp) || ustr_is_cjk(cp))
				break;
			p = q;
		}
	}
	int word = measure(h->t, b->start, p);
	int latin = !ustr_is_cjk(last) && !ustr_is_cjk(first);
	int slack = latin ? (w / 12 > 1 ? w / 12 : 1) : 3;
	return h->cols[i] + latin + word > w - slack;
}

/* Does line i, Latin prose, run on into line i + 1? A Latin wrapper that
 * balances its lines (fmt's goal width, an editor's fill, a hand) may
 * leave room for the next word; a long line (three quarters of w or more)
 * that ends on a letter, a digit, a comma or a hyphen between two Latin
 * lines was broken by the wrapper all the same. */
static int
runs_on(const struct hw *h, size_t i, int w)
{
	const struct ustr_line *a = &h->l[i], *b = &h->l[i + 1];
	if (h->cols[i] * 4 < w * 3)
		return 0;
	int32_t last, first;
	ustr_prev(h->t, a->end, &last);
	ustr_next(h->t, b->end, b->start, &first);
	if (ustr_is_cjk(last) || ustr_is_cjk(first) || last >= 0x80 || first >= 0x80)
		return 0;
	return (last >= 'a' && last <= 'z') || (last >= 'A' && last <= 'Z') ||
	       (last >= '0' && last <= '9') || last == ',' || last == ';' || last == '-';
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* The wrap width of lines [lo, hi): the widest line not far beyond the 90th
 * percentile (a long URL or table line does not count). 0 if too few. */
static int
wrap_width(const struct hw *h, size_t lo, size_t hi)
{
	size_t k = 0;
	for (size_t i = lo; i < hi; i++)
		if (!blank(&h->l[i]) && !h->skip[i])
			h->scratch[k++] = h->cols[i];
	if (k < 3)
		return 0;
	qsort(h->scratch, k, sizeof *h->scratch, cmp_int);
	int p90 = h->scratch[(k - 1) * 9 / 10], w = p90;
	for (size_t i = 0; i < k; i++)
		if (h->scratch[i] <= p90 + 8)
			w = h->scratch[i];
	return w;
}

/* Are lines [lo, hi) hard-wrapped? Their width, or 0. Of the long lines
 * (three quarters of the width or more), most must continue into the next
 * line, and those that do must be full and mostly end mid-sentence: prose
 * with one paragraph per line ends its lines with a full stop. */
static int
wrapped(const struct hw *h, size_t lo, size_t hi)
{
	int w = wrap_width(h, lo, hi);
	if (w < HARDWRAP_MIN_COLS || w > HARDWRAP_MAX_COLS)
		return 0;
	size_t last = hi;
	while (last > lo && (blank(&h->l[last - 1]) || h->skip[last - 1]))
		last--;
	size_t nlong = 0, cont = 0, nfull = 0, mid = 0;
	for (size_t i = lo; i + 1 < last; i++) {
		if (blank(&h->l[i]) || h->skip[i] || h->cols[i] * 4 < w * 3)
			continue;
		nlong++;
		if (!joinable(h, i))
			continue;
		cont++;
		nfull += full(h, i, w) || runs_on(h, i, w);
		mid += !ends_sentence(h->t, &h->l[i]);
	}
	if (cont < 2 || cont * 5 < nlong * 3 || nfull * 4 < cont * 3 || mid * 5 < cont * 3)
		return 0;
	return w;
}
/* A long Chinese line that ends on a comma (，、) goes on in the next line
 * whatever the width of the others: no paragraph ends there (a manual's
 * paragraph of two lines gives no width to judge by). Short lines so
 * ended are verse ("床前明月光，"). */
static int
clause_goes_on(const struct hw *h, size_t i)
{
	int32_t last, first;
	if (!joinable(h, i) || h->cols[i] < HARDWRAP_CLAUSE_COLS)
		return 0;
	ustr_prev(h->t, h->l[i].end, &last);
	ustr_next(h->t, h->l[i + 1].end, h->l[i + 1].start, &first);
	return (last == 0xFF0C || last == 0x3001) && ustr_is_cjk(first) && !ustr_is_opening(first);
}

static void
plan(const struct hw *h, size_t lo, size_t hi, int w, unsigned char *join)
{
	for (size_t i = lo; i + 1 < hi; i++)
		join[i] = joinable(h, i) && (full(h, i, w) || runs_on(h, i, w));
}

int
hardwrap_plan(const char *t, const struct ustr_line *lines, size_t n,
	      const unsigned char *skip, unsigned char *join)
{
	memset(join, 0, n);
	if (n < 2)
		return 0;
	struct hw h = { t, lines, skip, n, NULL, NULL };
	h.cols = malloc(n * sizeof *h.cols);
	h.scratch = malloc(n * sizeof *h.scratch);
	if (h.cols == NULL || h.scratch == NULL) {
		free(h.cols);
		free(h.scratch);
		return ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++)
		h.cols[i] = blank(&lines[i]) ? 0 : measure(t, lines[i].raw_start, lines[i].end);
	int w = wrapped(&h, 0, n);
	if (w) {
		plan(&h, 0, n, w, join);
	} else {
		/* runs of joinable lines, each judged on its own */
		for (size_t i = 0; i < n;) {
			size_t j = i;
			while (j < n && joinable(&h, j))
				j++;
			int rw = j - i >= 2 ? wrapped(&h, i, j + 1) : 0;
			if (rw)
				plan(&h, i, j + 1, rw, join);
			i = j + 1;
		}
	}
	for (size_t i = 0; i + 1 < n; i++)
		join[i] |= clause_goes_on(&h, i);
	free(h.cols);
	free(h.scratch);
	return w;
}
