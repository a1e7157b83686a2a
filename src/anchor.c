/* anchor: re-anchoring annotations (see anchor.h). Approximate matching is
 * Myers' bit-parallel edit distance search (J. ACM 1999) over code points,
 * one 64-bit word per step; quotes longer than 64 code points are placed by
 * their first and last 32 and then checked whole. */
#include "anchor.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "err.h"

#define WORD 64
#define PART 32 /* code points of a long quote's head and tail */

const char *
anchor_how_name(int how)
{
	switch (how) {
	case ANCHOR_EXACT: return "exact";
	case ANCHOR_QUOTE: return "quote";
	case ANCHOR_FUZZY: return "fuzzy";
	case ANCHOR_ORPHAN: return "orphan";
	}
	return "?";
}

static size_t
next_char(const char *s, size_t len, size_t i)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
					      (utf8proc_ssize_t)(len - i), &c);
	return i + (n > 0 ? (size_t)n : 1);
}

size_t
anchor_cps(const char *text, size_t len, size_t off)
{
	size_t n = 0;
	if (off > len)
		off = len;
	for (size_t i = 0; i < off; i = next_char(text, len, i))
		n++;
	return n;
}

size_t
anchor_byte_of_cps(const char *text, size_t len, size_t cps)
{
	size_t i = 0;
	while (cps > 0 && i < len) {
		i = next_char(text, len, i);
		cps--;
	}
	return i;
}

int
anchor_context(const char *text, size_t len, size_t start, size_t end, size_t ncps,
	       char **prefix, char **suffix)
{
	if (start > end || end > len)
		return ERR_RANGE;
	size_t p = start;
	for (size_t k = 0; k < ncps && p > 0; k++) {
		p--;
		while (p > 0 && ((unsigned char)text[p] & 0xC0) == 0x80)
			p--;
	}
	size_t q = end;
	for (size_t k = 0; k < ncps && q < len; k++)
		q = next_char(text, len, q);
	char *a = strndup(text + p, start - p);
	char *b = strndup(text + end, q - end);
	if (a == NULL || b == NULL) {
		free(a);
		free(b);
		return ERR_NOMEM;
	}
	*prefix = a;
	*suffix = b;
	return 0;
}

/* Text as code points, with the byte offset of each (off[n] = len). */
struct cps {
	int32_t *c;
	size_t *off;
	size_t n;
};

static int
decode(const char *s, size_t len, struct cps *out)
{
	out->c = malloc((len + 1) * sizeof *out->c);
	out->off = malloc((len + 1) * sizeof *out->off);
	out->n = 0;
	if (out->c == NULL || out->off == NULL) {
		free(out->c);
		free(out->off);
		return ERR_NOMEM;
	}
	for (size_t i = 0; i < len;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &c);
		out->off[out->n] = i;
		out->c[out->n++] = n > 0 ? c : 0xFFFD;
		i += n > 0 ? (size_t)n : 1;
	}
	out->off[out->n] = len;
	return 0;
}

static void
cps_free(struct cps *c)
{
	free(c->c);
	free(c->off);
}

static size_t
absdiff(size_t a, size_t b)
{
	return a > b ? a - b : b - a;
}

/* Pattern masks for Myers: the distinct code points of p, sorted, each with
 * the bit set of positions where it occurs. */
struct peq {
	int32_t ch[WORD];
	uint64_t mask[WORD];
	size_t n;
};

static void
peq_build(struct peq *q, const int32_t *p, size_t m)
{
	q->n = 0;
	for (size_t i = 0; i < m; i++) {
		size_t j = 0;
		while (j < q->n && q->ch[j] < p[i])
			j++;
		if (j == q->n || q->ch[j] != p[i]) {
			memmove(q->ch + j + 1, q->ch + j, (q->n - j) * sizeof *q->ch);
			memmove(q->mask + j + 1, q->mask + j, (q->n - j) * sizeof *q->mask);
			q->ch[j] = p[i];
			q->mask[j] = 0;
			q->n++;
		}
		q->mask[j] |= (uint64_t)1 << i;
	}
}

static uint64_t
peq_get(const struct peq *q, int32_t c)
{
	size_t lo = 0, hi = q->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (q->ch[mid] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < q->n && q->ch[lo] == c ? q->mask[lo] : 0;
}

/* Best end (exclusive, in code points) in t[from, to) of a substring within
 * edit distance k of p[0, m) (1 <= m <= 64): least distance, then nearest to
 * want. Returns the distance, or -1 if none is within k. */
static int
myers_end(const int32_t *t, size_t from, size_t to, const int32_t *p, size_t m, int k,
	  size_t want, size_t *end)
{
	struct peq q;
	peq_build(&q, p, m);
	uint64_t pv = m == WORD ? ~(uint64_t)0 : (((uint64_t)1 << m) - 1), mv = 0;
	uint64_t high = (uint64_t)1 << (m - 1);
	int score = (int)m, best = -1;
	for (size_t j = from; j < to; j++) {
		uint64_t eq = peq_get(&q, t[j]);
		uint64_t xv = eq | mv;
		uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
		uint64_t ph = mv | ~(xh | pv);
		uint64_t mh = pv & xh;
		if (ph & high)
			score++;
		else if (mh & high)
			score--;
		ph <<= 1; /* top row is all zeros: a match may start anywhere */
		mh <<= 1;
		pv = mh | ~(xv | ph);
		mv = ph & xv;
		if (score > k)
			continue;
		if (best < 0 || score < best ||
		    (score == best && absdiff(j + 1, want) < absdiff(*end, want))) {
			best = score;
			*end = j + 1;
		}
	}
	return best;
}

/* Edit distance of p[0, m) to t[s, end) for every s in [lo, end), anchored
 * at end; the s giving the least distance (ties: length nearest m) goes
 * to *start. Returns that distance, or ERR_NOMEM. */
static int
best_start(const int32_t *t, size_t lo, size_t end, const int32_t *p, size_t m,
	   size_t *start)
{
	/* DP over the reversed strings: rows are p from its end, columns are
	 * t from end backwards; d[j] = distance of p's suffix to j chars. */
	size_t w = end - lo;
	int *d = malloc((w + 1) * sizeof *d);
	if (d == NULL)
		return ERR_NOMEM;
	for (size_t j = 0; j <= w; j++)
		d[j] = (int)j;
	for (size_t i = 1; i <= m; i++) {
		int diag = d[0];
		d[0] = (int)i;
		for (size_t j = 1; j <= w; j++) {
			int up = d[j];
			int cost = p[m - i] == t[end - j] ? 0 : 1;
			int v = diag + cost;
			if (up + 1 < v)
				v = up + 1;
			if (d[j - 1] + 1 < v)
				v = d[j - 1] + 1;
			d[j] = v;
			diag = up;
		}
	}
	size_t bj = 0;
	for (size_t j = 1; j <= w; j++)
		if (d[j] < d[bj] || (d[j] == d[bj] && absdiff(j, m) < absdiff(bj, m)))
			bj = j;
	int r = d[bj];
	free(d);
	*start = end - bj;
	return r;
}

/* Levenshtein distance of a[0, na) and b[0, nb); ERR_NOMEM. */
static int
edit_distance(const int32_t *a, size_t na, const int32_t *b, size_t nb)
{
	int *d = malloc((nb + 1) * sizeof *d);
	if (d == NULL)
		return ERR_NOMEM;
	for (size_t j = 0; j <= nb; j++)
		d[j] = (int)j;
	for (size_t i = 1; i <= na; i++) {
		int diag = d[0];
		d[0] = (int)i;
		for (size_t j = 1; j <= nb; j++) {
			int up = d[j];
			int v = diag + (a[i - 1] == b[j - 1] ? 0 : 1);
			if (up + 1 < v)
				v = up + 1;
			if (d[j - 1] + 1 < v)
				v = d[j - 1] + 1;
			d[j] = v;
			diag = up;
		}
	}
	int r = d[nb];
	free(d);
	return r;
}

static int
max_edits(size_t m)
{
	return m < 5 ? 0 : (int)(m * 3 / 10);
}

/* Approximate match of quote in text near want_cps; 1 and [*s, *e) in code
 * points if found, 0 if not, ERR_NOMEM. */
static int
fuzzy(const struct cps *t, const struct cps *p, size_t want_cps, size_t *s, size_t *e)
{
	size_t m = p->n;
	int k = max_edits(m);
	if (k == 0 || t->n == 0)
		return 0;
	size_t end;
	if (m <= WORD) {
		int d = myers_end(t->c, 0, t->n, p->c, m, k, want_cps + m, &end);
		if (d < 0)
			return 0;
		size_t lo = end > m + (size_t)k ? end - m - (size_t)k : 0;
		d = best_start(t->c, lo, end, p->c, m, s);
		if (d < 0)
			return d;
		*e = end;
		return d <= k;
	}
	/* Long quote: its head fixes the start, its tail the end. */
	int kp = max_edits(PART);
	size_t head_end, tail_end, start;
	if (myers_end(t->c, 0, t->n, p->c, PART, kp, want_cps + PART, &head_end) < 0)
		return 0;
	size_t lo = head_end > PART + (size_t)kp ? head_end - PART - (size_t)kp : 0;
	if (best_start(t->c, lo, head_end, p->c, PART, &start) < 0)
		return ERR_NOMEM;
	size_t to = start + m + (size_t)k;
	if (to > t->n)
		to = t->n;
	if (myers_end(t->c, head_end, to, p->c + m - PART, PART, kp, start + m, &tail_end) < 0)
		return 0;
	/* Whole-quote check: the passage between head and tail must be close. */
	int d = edit_distance(t->c + start, tail_end - start, p->c, m);
	if (d < 0)
		return d;
	*s = start;
	*e = tail_end;
	return d <= k;
}

static size_t
common_suffix(const char *a, size_t na, const char *b, size_t nb)
{
	size_t n = 0;
	while (n < na && n < nb && a[na - 1 - n] == b[nb - 1 - n])
		n++;
	return n;
}

static size_t
common_prefix(const char *a, size_t na, const char *b, size_t nb)
{
	size_t n = 0;
	while (n < na && n < nb && a[n] == b[n])
		n++;
	return n;
}

/* The occurrence of quote best agreeing with the context (ties: nearest the
 * old start). 1 and *at if the quote occurs, else 0. */
static int
by_context(const char *text, size_t len, const struct anchor_sel *sel, size_t qlen,
	   size_t *at)
{
	const char *pre = sel->prefix ? sel->prefix : "";
	const char *suf = sel->suffix ? sel->suffix : "";
	size_t npre = strlen(pre), nsuf = strlen(suf);
	size_t best_score = 0, best = 0;
	int found = 0;
	for (const char *h = text; (size_t)(h - text) + qlen <= len;) {
		h = memmem(h, len - (size_t)(h - text), sel->quote, qlen);
		if (h == NULL)
			break;
		size_t i = (size_t)(h - text);
		size_t sc = common_suffix(pre, npre, text, i) +
			    common_prefix(suf, nsuf, text + i + qlen, len - i - qlen);
		if (!found || sc > best_score ||
		    (sc == best_score && absdiff(i, sel->start) < absdiff(best, sel->start))) {
			best_score = sc;
			best = i;
			found = 1;
		}
		h++;
	}
	if (found)
		*at = best;
	return found;
}

int
anchor_locate(const char *text, size_t len, const struct anchor_sel *sel,
	      struct anchor_result *out)
{
	*out = (struct anchor_result){ 0, 0, ANCHOR_ORPHAN };
	size_t qlen = sel->quote ? strlen(sel->quote) : 0;
	if (qlen == 0)
		return 0;
	if (sel->start <= sel->end && sel->end <= len && sel->end - sel->start == qlen &&
	    memcmp(text + sel->start, sel->quote, qlen) == 0) {
		*out = (struct anchor_result){ sel->start, sel->end, ANCHOR_EXACT };
		return 0;
	}
	size_t at;
	if (by_context(text, len, sel, qlen, &at)) {
		*out = (struct anchor_result){ at, at + qlen, ANCHOR_QUOTE };
		return 0;
	}
	struct cps t, p;
	if (decode(text, len, &t) < 0)
		return ERR_NOMEM;
	if (decode(sel->quote, qlen, &p) < 0) {
		cps_free(&t);
		return ERR_NOMEM;
	}
	size_t want = anchor_cps(text, len, sel->start < len ? sel->start : len);
	size_t s, e;
	int rc = fuzzy(&t, &p, want, &s, &e);
	if (rc > 0)
		*out = (struct anchor_result){ t.off[s], t.off[e], ANCHOR_FUZZY };
	cps_free(&t);
	cps_free(&p);
	return rc < 0 ? rc : 0;
}
