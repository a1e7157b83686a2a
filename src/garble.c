#include "garble.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "err.h"
#include "hanfreq_table.h"
#include "pinyin.h"

#define GARBLE_REACH 24   /* characters re-read on each side of a suspect */
#define GARBLE_NEAR 6     /* odd characters this close make a suspect */
#define GARBLE_SKIP 16    /* bits for a byte read as lost (U+FFFD) */
#define GARBLE_PAIRS (126 * 191)

struct garble_ch {
	int32_t cp;
	size_t off; /* byte offset in the input */
};

struct garble_item {
	size_t a, b;   /* characters [a, b) of the line */
	int repaired;  /* replaced by repl[ra, rb) */
	size_t ra, rb;
};

struct garble_ctx {
	uint32_t *doc;  /* occurrences of U+4E00..U+9FFF in the document */
	uint32_t *dec;  /* GB18030 two-byte pair -> code point, 0 = none */
	uint16_t *enc;  /* BMP code point -> two-byte pair, 0 = none */
	struct garble_ch *ch;
	size_t nch, capch;
	struct garble_item *it;
	size_t nit, capit;
	int32_t *repl; /* replacement code points of accepted repairs */
	size_t nrepl, caprepl;
	/* DP scratch over bytes */
	unsigned char *bytes;
	long *best;
	size_t *back;
	int32_t *bcp;
	long *bnd; /* byte offset -> character index + 1 at a boundary, else 0 */
	size_t capdp;
};

static int
garble_grow(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return 0;
	size_t c = *cap ? *cap : 64;
	while (c < need)
		c *= 2;
	void *q = realloc(*p, c * elem);
	if (q == NULL)
		return ERR_NOMEM;
	*p = q;
	*cap = c;
	return 0;
}

static int
garble_is_punct(int32_t cp)
{
	return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
	       (cp >= 0xFF1A && cp <= 0xFF20) || cp == 0x2014 || cp == 0x2026 || cp == 0x201C ||
	       cp == 0x201D || cp == 0x2018 || cp == 0x2019 || cp == 0xB7;
}

static int
garble_is_pinyin_letter(int32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 0xE0 && cp <= 0x1DC);
}

int
garble_cost(int32_t cp, uint32_t doc_count)
{
	if (cp >= HANFREQ_TABLE_FIRST && cp < HANFREQ_TABLE_FIRST + HANFREQ_TABLE_LEN) {
		int c = hanfreq_table_costs[cp - HANFREQ_TABLE_FIRST] - '@';
		if (c == 0)
			c = 21;
		/* A character the document keeps using is no accident. */
		if (doc_count >= 3 && c > 12)
			c = 12;
		return c;
	}
	if (cp < 0x80) {
		if (cp == '?')
			return 9;
		if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == ' ')
			return 7;
		return 8;
	}
	if (garble_is_punct(cp))
		return 7;
	if (cp >= 0xE0 && cp <= 0x1DC)
		return 9; /* pinyin letters */
	if (cp == 0xFFFD)
		return GARBLE_SKIP;
	if ((cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0xF900 && cp <= 0xFAFF) || cp >= 0x20000)
		return 21;
	return 20;
}

static uint32_t
garble_doc(const struct garble_ctx *g, int32_t cp)
{
	if (cp >= HANFREQ_TABLE_FIRST && cp < HANFREQ_TABLE_FIRST + HANFREQ_TABLE_LEN)
		return g->doc[cp - HANFREQ_TABLE_FIRST];
	return 0;
}

static int
garble_ccost(const struct garble_ctx *g, int32_t cp)
{
	return garble_cost(cp, garble_doc(g, cp));
}

/* Characters typical of mojibake and rare in real text. */
static int
garble_is_odd(const struct garble_ctx *g, int32_t cp)
{
	if (cp >= HANFREQ_TABLE_FIRST && cp < HANFREQ_TABLE_FIRST + HANFREQ_TABLE_LEN)
		return garble_ccost(g, cp) >= 18;
	return (cp >= 0x2500 && cp <= 0x257F) || (cp >= 0x3040 && cp <= 0x30FF) ||
	       (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0x3400 && cp <= 0x4DBF) || cp == 0xFFFD;
}

/* The GB18030 two-byte tables, built once per scan with iconv. */
static int
garble_tables(struct garble_ctx *g)
{
	if (g->dec != NULL)
		return 0;
	g->dec = calloc(GARBLE_PAIRS, sizeof *g->dec);
	g->enc = calloc(0x10000, sizeof *g->enc);
	if (g->dec == NULL || g->enc == NULL)
		return ERR_NOMEM;
	iconv_t cd = iconv_open("UTF-32LE", "GB18030");
	if (cd == (iconv_t)-1)
		return ERR_ENCODING;
	for (unsigned lead = 0x81; lead <= 0xFE; lead++) {
		for (unsigned trail = 0x40; trail <= 0xFE; trail++) {
			if (trail == 0x7F)
				continue;
			char in[2] = {(char)lead, (char)trail};
			unsigned char out[4];
			char *ip = in, *op = (char *)out;
			size_t il = 2, ol = 4;
			iconv(cd, NULL, NULL, NULL, NULL);
			if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || ol != 0)
				continue;
			uint32_t cp = out[0] | (uint32_t)out[1] << 8 | (uint32_t)out[2] << 16 | (uint32_t)out[3] << 24;
			g->dec[(lead - 0x81) * 191 + (trail - 0x40)] = cp;
			if (cp < 0x10000 && cp >= 0x80 && g->enc[cp] == 0)
				g->enc[cp] = (uint16_t)(lead << 8 | trail);
		}
	}
	iconv_close(cd);
	return 0;
}

/* "?" + toned syllable + ")": an annotation whose "(" and character were
 * eaten by the mis-decoding. Returns how many characters it spans, else 0. */
static size_t
garble_lost_annotation(const struct garble_ctx *g, const char *in, size_t k)
{
	const struct garble_ch *ch = g->ch;
	if (ch[k].cp != '?')
		return 0;
	size_t j = k + 1;
	while (j < g->nch && j - k <= 8 && garble_is_pinyin_letter(ch[j].cp))
		j++;
	if (j == k + 1 || j >= g->nch || ch[j].cp != ')')
		return 0;
	if (pinyin_syllable(in + ch[k + 1].off, ch[j].off - ch[k + 1].off) <= 0)
		return 0;
	return j + 1 - k;
}

static int
garble_push_item(struct garble_ctx *g, size_t a, size_t b, int repaired, size_t ra, size_t rb)
{
	if (garble_grow((void **)&g->it, &g->capit, g->nit + 1, sizeof *g->it) < 0)
		return ERR_NOMEM;
	g->it[g->nit++] = (struct garble_item){a, b, repaired, ra, rb};
	return 0;
}

static int
garble_is_common(const struct garble_ctx *g, int32_t cp)
{
	return garble_ccost(g, cp) <= 15;
}

static int
garble_is_han(int32_t cp)
{
	return cp >= HANFREQ_TABLE_FIRST && cp < HANFREQ_TABLE_FIRST + HANFREQ_TABLE_LEN;
}

/* Is replacing characters [a, b) by repl[ra, rb) clearly better? The
 * re-reading must be mostly common characters where the original was not,
 * and lose bytes only at its edges. */
static int
garble_accept(const struct garble_ctx *g, size_t a, size_t b, size_t ra, size_t rb)
{
	size_t oh = 0, oc = 0, odd = 0, rh = 0, rc = 0, lost = 0;
	long ocost = 0, rcost = 0;
	for (size_t k = a; k < b; k++) {
		int32_t cp = g->ch[k].cp;
		ocost += garble_ccost(g, cp);
		odd += garble_is_odd(g, cp);
		if (garble_is_han(cp))
			oh++, oc += garble_is_common(g, cp);
	}
	for (size_t k = ra; k < rb; k++) {
		int32_t cp = g->repl[k];
		rcost += garble_ccost(g, cp);
		if (garble_is_han(cp))
			rh++, rc += garble_is_common(g, cp);
		if (cp == 0xFFFD && k != ra && k + 1 != rb)
			lost++;
	}
	if (rcost >= ocost || rh < 2 || 4 * rc < 3 * rh)
		return 0;
	if (lost > 1 + (rb - ra) / 8)
		return 0;
	/* common share must rise by a quarter, unless the original is plainly odd */
	return odd >= 2 || oh == 0 || 4 * (rc * oh) >= 4 * (oc * rh) + rh * oh;
}

/* Re-read characters [a, b) from their GB18030 bytes along the cheapest
 * alignment and record the stretches where that differs from the text. */
static int
garble_reread(struct garble_ctx *g, size_t a, size_t b)
{
	size_t nb = 0;
	for (size_t k = a; k < b; k++)
		nb += g->ch[k].cp < 0x80 ? 1 : 2;
	if (garble_grow((void **)&g->bytes, &g->capdp, nb + 1, 1) < 0)
		return ERR_NOMEM;
	size_t cap = 0;
	if (garble_grow((void **)&g->best, &cap, nb + 1, sizeof *g->best) < 0)
		return ERR_NOMEM;
	cap = 0;
	if (garble_grow((void **)&g->back, &cap, nb + 1, sizeof *g->back) < 0)
		return ERR_NOMEM;
	cap = 0;
	if (garble_grow((void **)&g->bcp, &cap, nb + 1, sizeof *g->bcp) < 0)
		return ERR_NOMEM;
	cap = 0;
	if (garble_grow((void **)&g->bnd, &cap, nb + 1, sizeof *g->bnd) < 0)
		return ERR_NOMEM;
	nb = 0;
	for (size_t k = a; k < b; k++) {
		int32_t cp = g->ch[k].cp;
		g->bnd[nb] = (long)(k - a) + 1;
		if (cp < 0x80) {
			g->bytes[nb++] = (unsigned char)cp;
		} else {
			g->bytes[nb++] = (unsigned char)(g->enc[cp] >> 8);
			g->bytes[nb++] = (unsigned char)(g->enc[cp] & 0xFF);
			g->bnd[nb - 1] = 0;
		}
	}
	g->bnd[nb] = (long)(b - a) + 1;
	/* Costs are scaled by 4 so that the original reading wins ties. */
	for (size_t i = 0; i <= nb; i++)
		g->best[i] = -1;
	g->best[0] = 0;
	for (size_t i = 0; i < nb; i++) {
		if (g->best[i] < 0)
			continue;
		unsigned char c = g->bytes[i];
		int32_t cp = 0;
		size_t len = 0;
		if (c < 0x80) {
			cp = c, len = 1;
		} else if (i + 1 < nb && c >= 0x81 && c <= 0xFE && g->bytes[i + 1] >= 0x40 &&
			   g->bytes[i + 1] <= 0xFE && g->bytes[i + 1] != 0x7F) {
			cp = (int32_t)g->dec[(c - 0x81) * 191 + (g->bytes[i + 1] - 0x40)];
			len = cp ? 2 : 0;
		}
		if (len > 0) {
			long v = g->best[i] + 4L * garble_ccost(g, cp);
			if (g->bnd[i] && g->bnd[i + len] && g->ch[a + (size_t)g->bnd[i] - 1].cp == cp)
				v -= 1;
			if (g->best[i + len] < 0 || v < g->best[i + len]) {
				g->best[i + len] = v;
				g->back[i + len] = i;
				g->bcp[i + len] = cp;
			}
		}
		long v = g->best[i] + 4L * GARBLE_SKIP;
		if (g->best[i + 1] < 0 || v < g->best[i + 1]) {
			g->best[i + 1] = v;
			g->back[i + 1] = i;
			g->bcp[i + 1] = 0xFFFD;
		}
	}
	/* Walk back; a step is "same" when it reads one original character. */
	size_t i = nb, stretch_end = nb;
	int in_stretch = 0;
	size_t mark = g->nrepl;
	while (i > 0) {
		size_t j = g->back[i];
		int same = g->bnd[j] && g->bnd[i] && (size_t)(g->bnd[i] - g->bnd[j]) == 1 &&
			   g->ch[a + (size_t)g->bnd[j] - 1].cp == g->bcp[i];
		if (!same && !in_stretch) {
			in_stretch = 1;
			stretch_end = i;
			mark = g->nrepl;
		}
		if (!same) {
			if (garble_grow((void **)&g->repl, &g->caprepl, g->nrepl + 1, sizeof *g->repl) < 0)
				return ERR_NOMEM;
			g->repl[g->nrepl++] = g->bcp[i];
		}
		if (in_stretch && (same || j == 0)) {
			size_t s = same ? i : j;
			/* the path meets the original at s and stretch_end: both are boundaries */
			size_t ka = a + (size_t)g->bnd[s] - 1, kb = a + (size_t)g->bnd[stretch_end] - 1;
			size_t ra = mark, rb = g->nrepl;
			for (size_t l = ra, r = rb - 1; l < r; l++, r--) {
				int32_t t = g->repl[l];
				g->repl[l] = g->repl[r];
				g->repl[r] = t;
			}
			if (garble_accept(g, ka, kb, ra, rb)) {
				if (garble_push_item(g, ka, kb, 1, ra, rb) < 0)
					return ERR_NOMEM;
			} else {
				g->nrepl = mark;
			}
			in_stretch = 0;
		}
		i = j;
	}
	return 0;
}

static int
garble_item_cmp(const void *x, const void *y)
{
	const struct garble_item *p = x, *q = y;
	return p->a < q->a ? -1 : p->a > q->a ? 1 : p->repaired > q->repaired ? -1 : p->repaired < q->repaired;
}

static int
garble_encodable(const struct garble_ctx *g, int32_t cp)
{
	return cp < 0x80 || (cp <= 0xFFFF && g->enc[cp] != 0);
}

/* Re-read [a, b) piecewise: characters GB18030 has no two-byte form for
 * cannot be part of GBK mojibake and split it. */
static int
garble_flush(struct garble_ctx *g, size_t a, size_t b)
{
	int rc = garble_tables(g);
	if (rc < 0)
		return rc;
	size_t s = a;
	for (size_t q = a; q <= b; q++) {
		if (q == b || !garble_encodable(g, g->ch[q].cp)) {
			int rc;
			if (q > s && (rc = garble_reread(g, s, q)) < 0)
				return rc;
			s = q + 1;
		}
	}
	return 0;
}

/* Find the suspects of the line now in g->ch and re-read around them;
 * leaves the items (lost annotations, odd clusters, accepted repairs). */
static int
garble_line_items(struct garble_ctx *g, const char *in)
{
	const size_t none = (size_t)-1;
	size_t n = g->nch, reg_a = 0, reg_b = 0, last_odd = none;
	size_t run_a = 0, run_last = 0, run_n = 0;
	int have = 0, rc;
	g->nit = 0;
	g->nrepl = 0;
	for (size_t k = 0; k <= n; k++) {
		size_t trig_a = 0, trig_b = 0, lost = k < n ? garble_lost_annotation(g, in, k) : 0;
		int odd = k < n && lost == 0 && garble_is_odd(g, g->ch[k].cp);
		if (lost > 0) {
			size_t e = k + lost;
			int32_t c = e < n ? g->ch[e].cp : 0;
			/* The mangled character after it belongs to the mojibake. */
			if (e < n && (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || garble_is_odd(g, c)))
				e++;
			if ((rc = garble_push_item(g, k, e, 0, 0, 0)) < 0)
				return rc;
			trig_a = k, trig_b = e;
		} else if (odd) {
			if (last_odd != none && k - last_odd <= GARBLE_NEAR)
				trig_a = last_odd, trig_b = k + 1;
			last_odd = k;
		}
		/* three or more odd characters close together are mojibake even
		 * when no re-reading helps */
		if (odd && run_n > 0 && k - run_last <= 3) {
			run_n++, run_last = k;
		} else if (odd || k == n) {
			if (run_n >= 3 && (rc = garble_push_item(g, run_a, run_last + 1, 0, 0, 0)) < 0)
				return rc;
			run_a = run_last = k, run_n = odd;
		}
		if (trig_b == 0)
			continue;
		size_t ra = trig_a > GARBLE_REACH ? trig_a - GARBLE_REACH : 0;
		size_t rb = trig_b + GARBLE_REACH < n ? trig_b + GARBLE_REACH : n;
		if (have && ra <= reg_b) {
			reg_b = rb > reg_b ? rb : reg_b;
			continue;
		}
		if (have && (rc = garble_flush(g, reg_a, reg_b)) < 0)
			return rc;
		have = 1, reg_a = ra, reg_b = rb;
	}
	return have ? garble_flush(g, reg_a, reg_b) : 0;
}

/* Emit the line [ls, le) with its items merged into spans. */
static int
garble_emit_line(struct garble_ctx *g, const char *in, size_t ls, size_t le, struct clean_buf *out,
		 struct span_list *spans, size_t *garbled, size_t *repaired)
{
	size_t n = g->nch, k = 0, copied = ls;
	if (g->nit > 1)
		qsort(g->it, g->nit, sizeof *g->it, garble_item_cmp);
	for (size_t t = 0; t < g->nit;) {
		size_t a = g->it[t].a, b = g->it[t].b, u = t;
		int rep = 0;
		/* merge items closer than three characters */
		while (u < g->nit && g->it[u].a <= b + 2) {
			b = g->it[u].b > b ? g->it[u].b : b;
			rep |= g->it[u].repaired;
			u++;
		}
		/* a '?' or U+FFFD touching the span is a lost byte of it */
		while (a > 0 && (g->ch[a - 1].cp == '?' || g->ch[a - 1].cp == 0xFFFD))
			a--;
		while (b < n && (g->ch[b].cp == '?' || g->ch[b].cp == 0xFFFD))
			b++;
		if (a < k)
			a = k;
		size_t start = g->ch[a].off;
		if (clean_buf_put(out, in + copied, start - copied) < 0)
			return ERR_NOMEM;
		size_t span_start = out->len;
		for (k = a; k < b;) {
			const struct garble_item *r = NULL;
			for (size_t q = t; q < u; q++)
				if (g->it[q].repaired && g->it[q].a == k) {
					r = &g->it[q];
					break;
				}
			if (r != NULL) {
				for (size_t q = r->ra; q < r->rb; q++)
					if (clean_buf_put_cp(out, g->repl[q]) < 0)
						return ERR_NOMEM;
				k = r->b;
			} else {
				size_t e = k + 1 < n ? g->ch[k + 1].off : le;
				if (clean_buf_put(out, in + g->ch[k].off, e - g->ch[k].off) < 0)
					return ERR_NOMEM;
				k++;
			}
		}
		if (k > b)
			b = k;
		copied = b < n ? g->ch[b].off : le;
		if (span_list_push(spans, span_start, out->len, rep ? SPAN_REPAIRED : SPAN_GARBLED, 0) < 0)
			return ERR_NOMEM;
		(*(rep ? repaired : garbled))++;
		t = u;
		/* skip items swallowed by a repair that ran past b */
		while (t < g->nit && g->it[t].a < k)
			t++;
	}
	return clean_buf_put(out, in + copied, le - copied);
}

int
garble_scan(const char *in, size_t len, struct clean_buf *out, struct span_list *spans,
	    size_t *garbled, size_t *repaired)
{
	struct garble_ctx g = {0};
	int rc = ERR_NOMEM;
	g.doc = calloc(HANFREQ_TABLE_LEN, sizeof *g.doc);
	if (g.doc == NULL || clean_buf_reserve(out, len) < 0)
		goto done;
	for (size_t i = 0; i < len;) {
		utf8proc_int32_t cp;
		unsigned char c = (unsigned char)in[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)in + i, (utf8proc_ssize_t)(len - i), &cp);
		i += k > 0 ? (size_t)k : 1;
		if (k > 0 && garble_is_han(cp) && g.doc[cp - HANFREQ_TABLE_FIRST] < UINT32_MAX)
			g.doc[cp - HANFREQ_TABLE_FIRST]++;
	}
	for (size_t ls = 0; ls < len;) {
		const char *nl = memchr(in + ls, '\n', len - ls);
		size_t le = nl ? (size_t)(nl - in) : len;
		/* Pure-ASCII lines cannot hold GBK mojibake. */
		int ascii = 1;
		for (size_t i = ls; i < le && ascii; i++)
			ascii = (unsigned char)in[i] < 0x80;
		g.nch = 0;
		g.nit = 0;
		if (!ascii) {
			for (size_t i = ls; i < le;) {
				utf8proc_int32_t cp = 0xFFFD;
				utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)in + i, (utf8proc_ssize_t)(le - i), &cp);
				if (garble_grow((void **)&g.ch, &g.capch, g.nch + 1, sizeof *g.ch) < 0)
					goto done;
				g.ch[g.nch++] = (struct garble_ch){k > 0 ? cp : 0xFFFD, i};
				i += k > 0 ? (size_t)k : 1;
			}
			if ((rc = garble_line_items(&g, in)) < 0)
				goto done;
			rc = ERR_NOMEM;
		}
		if (garble_emit_line(&g, in, ls, le, out, spans, garbled, repaired) < 0)
			goto done;
		if (nl != NULL && clean_buf_put(out, "\n", 1) < 0)
			goto done;
		ls = le + 1;
	}
	rc = 0;
done:
	free(g.doc);
	free(g.dec);
	free(g.enc);
	free(g.ch);
	free(g.it);
	free(g.repl);
	free(g.bytes);
	free(g.best);
	free(g.back);
	free(g.bcp);
	free(g.bnd);
	return rc;
}
