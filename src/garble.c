#include "garble.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "garble_int.h"
#include "garble_tidy.h"
#include "hanfreq_table.h"
#include "pinyin.h"
#include "ustr.h"

#define GARBLE_REACH 24   /* characters re-read on each side of a suspect */
#define GARBLE_NEAR 6     /* odd characters this close make a suspect */

/* Characters of the chars in[ch[k].off, ch[k].off + bytes). */
static size_t
garble_chars(const struct garble_ctx *g, size_t k, size_t bytes)
{
	size_t j = k;
	while (j < g->nch && g->ch[j].off < g->ch[k].off + bytes)
		j++;
	return j - k;
}

/* "?" + annotation tail ("?shù)") or + tag remnant ("?/p>"): an annotation
 * or a tag whose first byte and the character before it were eaten by the
 * mis-decoding. Returns how many characters it spans, else 0. */
static size_t
garble_lost_debris(const struct garble_ctx *g, const char *in, size_t k)
{
	if (g->ch[k].cp != '?' || k + 1 >= g->nch)
		return 0;
	const char *s = in + g->ch[k + 1].off;
	size_t n = g->le - g->ch[k + 1].off, bytes = garble_tidy_pinyin_tail(s, n);
	if (bytes == 0)
		bytes = garble_tidy_tag(s, n);
	return bytes > 0 ? 1 + garble_chars(g, k + 1, bytes) : 0;
}

static int
garble_item_cmp(const void *x, const void *y)
{
	const struct garble_item *p = x, *q = y;
	return p->a < q->a ? -1 : p->a > q->a ? 1 : p->repaired > q->repaired ? -1 : p->repaired < q->repaired;
}

static int
garble_is_alnum(int32_t cp)
{
	return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
}

/* Is word w[0, n) (ASCII letters and digits) a whole word somewhere in the
 * document? */
static int
garble_word_used(const struct garble_ctx *g, const char *w, size_t n)
{
	for (const char *p = g->in, *end = g->in + g->len; (p = memmem(p, (size_t)(end - p), w, n)) != NULL; p++)
		if ((p == g->in || !garble_is_alnum((unsigned char)p[-1])) &&
		    (p + n == end || !garble_is_alnum((unsigned char)p[n])))
			return 1;
	return 0;
}

static int
garble_push_repl(struct garble_ctx *g, size_t e, int32_t cp1, int32_t cp2)
{
	if (garble_grow((void **)&g->repl, &g->caprepl, g->nrepl + 2, sizeof *g->repl) < 0)
		return ERR_NOMEM;
	size_t ra = g->nrepl;
	g->repl[g->nrepl++] = cp1;
	if (cp2 != 0)
		g->repl[g->nrepl++] = cp2;
	return garble_push_item(g, e, e + 1, 1, ra, g->nrepl) < 0 ? ERR_NOMEM : 1;
}

/* Character e follows lost debris, so it may be read one byte out of step.
 * A lone Latin letter carrying a pinyin annotation ("?tīng)I(yíng)造") is the
 * second byte of a Han character whose first byte was lost: annotations
 * follow only Han characters. A Han character whose second GBK byte is a
 * Latin letter that completes the word after it ("?cè)贏I" from 在 + "AI") is
 * that letter behind a lost byte. Records the repair; 1 if it did, 0 if not,
 * ERR_NOMEM. */
static int
garble_latin_tail(struct garble_ctx *g, const char *in, size_t e)
{
	char w[32];
	size_t n = 0;
	int32_t cp = g->ch[e].cp;
	int rc = garble_read_tables(g);
	if (rc < 0)
		return rc;
	if (cp < 0x80 && ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') && e + 1 < g->nch &&
	    pinyin_annotation(in + g->ch[e + 1].off, g->le - g->ch[e + 1].off, 1) > 0)
		return garble_push_repl(g, e, 0xFFFD, 0);
	if (!garble_is_han(cp) || cp > 0xFFFF || g->enc[cp] == 0 || !garble_is_alnum(g->enc[cp] & 0xFF))
		return 0;
	w[n++] = (char)(g->enc[cp] & 0xFF);
	for (size_t k = e + 1; k < g->nch && n < sizeof w && garble_is_alnum(g->ch[k].cp); k++)
		w[n++] = (char)g->ch[k].cp;
	if (n < 2 || n == sizeof w || !garble_word_used(g, w, n))
		return 0;
	return garble_push_repl(g, e, 0xFFFD, (unsigned char)w[0]);
}

/* Does the line in g->ch draw with box characters: a run of three of the
 * same one (──── of a table's frame)? Mojibake mixes them with letters. */
static int
garble_drawn(const struct garble_ctx *g)
{
	for (size_t k = 0; k + 2 < g->nch; k++) {
		int32_t c = g->ch[k].cp;
		if (c >= 0x2500 && c <= 0x257F && g->ch[k + 1].cp == c && g->ch[k + 2].cp == c)
			return 1;
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
	int have = 0, rc, drawn = garble_drawn(g);
	g->nit = 0;
	g->nrepl = 0;
	for (size_t k = 0; k <= n; k++) {
		size_t trig_a = 0, trig_b = 0, lost = k < n ? garble_lost_debris(g, in, k) : 0;
		int box = k < n && g->ch[k].cp >= 0x2500 && g->ch[k].cp <= 0x257F;
		int odd = k < n && lost == 0 && !(drawn && box) && garble_is_odd(g, g->ch[k].cp);
		if (lost > 0) {
			size_t e = k + lost;
			int32_t c = e < n ? g->ch[e].cp : 0;
			/* The mangled character after it belongs to the mojibake. */
			if (e < n && (rc = garble_latin_tail(g, in, e)) != 0) {
				if (rc < 0)
					return rc;
			} else if (e < n && (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || garble_is_odd(g, c))) {
				e++;
			}
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
		if (have && (rc = garble_read_flush(g, reg_a, reg_b)) < 0)
			return rc;
		have = 1, reg_a = ra, reg_b = rb;
	}
	return have ? garble_read_flush(g, reg_a, reg_b) : 0;
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
		/* so is a tag remnant touching it ("…?/p>", "</p…") */
		if (b < n)
			b += garble_chars(g, b, garble_tidy_tag(in + g->ch[b].off, le - g->ch[b].off));
		for (size_t j = a; j-- > 0 && a - j <= 12;)
			if (g->ch[j].cp == '<') {
				size_t nb = g->ch[a].off - g->ch[j].off;
				if (garble_tidy_tag(in + g->ch[j].off, nb) == nb)
					a = j;
				break;
			}
		if (a < k)
			a = k;
		size_t start = g->ch[a].off;
		if (clean_buf_put(out, in + copied, start - copied) < 0)
			return ERR_NOMEM;
		size_t span_start = out->len;
		struct clean_buf *sp = &g->span;
		sp->len = 0;
		for (k = a; k < b;) {
			const struct garble_item *r = NULL;
			for (size_t q = t; q < u; q++)
				if (g->it[q].repaired && g->it[q].a == k) {
					r = &g->it[q];
					break;
				}
			if (r != NULL) {
				for (size_t q = r->ra; q < r->rb; q++)
					if (clean_buf_put_cp(sp, g->repl[q]) < 0)
						return ERR_NOMEM;
				k = r->b;
			} else {
				size_t e = k + 1 < n ? g->ch[k + 1].off : le;
				if (clean_buf_put(sp, in + g->ch[k].off, e - g->ch[k].off) < 0)
					return ERR_NOMEM;
				k++;
			}
		}
		if (k > b)
			b = k;
		copied = b < n ? g->ch[b].off : le;
		if (sp->len > 0 && garble_tidy_span(sp->s, sp->len, out) < 0)
			return ERR_NOMEM;
		if (out->len > span_start) {
			if (span_list_push(spans, span_start, out->len, rep ? SPAN_REPAIRED : SPAN_GARBLED, 0) < 0)
				return ERR_NOMEM;
			(*(rep ? repaired : garbled))++;
		}
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
	g.in = in;
	g.len = len;
	g.doc = calloc(HANFREQ_TABLE_LEN, sizeof *g.doc);
	if (g.doc == NULL || clean_buf_reserve(out, len) < 0)
		goto done;
	for (size_t i = 0; i < len;) {
		int32_t cp;
		unsigned char c = (unsigned char)in[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t k = ustr_strict(in, len, i, &cp);
		i += k > 0 ? k : 1;
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
		g.le = le;
		g.nit = 0;
		if (!ascii) {
			for (size_t i = ls; i < le;) {
				int32_t cp = 0xFFFD;
				size_t k = ustr_strict(in, le, i, &cp);
				if (garble_grow((void **)&g.ch, &g.capch, g.nch + 1, sizeof *g.ch) < 0)
					goto done;
				g.ch[g.nch++] = (struct garble_ch){k > 0 ? cp : 0xFFFD, i};
				i += k > 0 ? k : 1;
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
	free(g.enc);
	free(g.ch);
	clean_buf_free(&g.span);
	free(g.it);
	free(g.repl);
	free(g.bytes);
	free(g.best);
	free(g.back);
	free(g.bcp);
	free(g.bnd);
	return rc;
}
