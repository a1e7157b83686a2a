/* garble_read: re-reading a stretch of suspect text from its GB18030 bytes
 * along the cheapest byte alignment (costs from garble_ccost), and judging
 * whether that reading is clearly more plausible than the text. */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "garble_int.h"
#include "gb18030_table.h"

/* The GB18030 two-byte tables: the decoding is gb18030_table's (what
 * iconv gives, made once at build time: building it with iconv cost
 * 0.9 ms per article), the encoding is made from it once per scan, when
 * a suspect needs it. */
int
garble_read_tables(struct garble_ctx *g)
{
	if (g->enc != NULL)
		return 0;
	g->dec = gb18030_table_pairs;
	g->enc = calloc(0x10000, sizeof *g->enc);
	if (g->enc == NULL)
		return ERR_NOMEM;
	for (unsigned lead = 0x81; lead <= 0xFE; lead++)
		for (unsigned trail = 0x40; trail <= 0xFE; trail++) {
			uint32_t cp = g->dec[(lead - 0x81) * 191 + (trail - 0x40)];
			if (cp < 0x10000 && cp >= 0x80 && g->enc[cp] == 0)
				g->enc[cp] = (uint16_t)(lead << 8 | trail);
		}
	return 0;
}

static int
garble_read_common(const struct garble_ctx *g, int32_t cp)
{
	return garble_ccost(g, cp) <= 15;
}

/* Is replacing characters [a, b) by repl[ra, rb) clearly better? The
 * re-reading must be mostly common characters where the original was not,
 * and lose bytes only at its edges. */
static int
garble_read_accept(const struct garble_ctx *g, size_t a, size_t b, size_t ra, size_t rb)
{
	size_t oh = 0, oc = 0, odd = 0, rh = 0, rc = 0, lost = 0;
	long ocost = 0, rcost = 0;
	for (size_t k = a; k < b; k++) {
		int32_t cp = g->ch[k].cp;
		ocost += garble_ccost(g, cp);
		odd += garble_is_odd(g, cp);
		if (garble_is_han(cp))
			oh++, oc += garble_read_common(g, cp);
	}
	for (size_t k = ra; k < rb; k++) {
		int32_t cp = g->repl[k];
		rcost += garble_ccost(g, cp);
		if (garble_is_han(cp))
			rh++, rc += garble_read_common(g, cp);
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

/* The code point whose GB18030 bytes character k stood for. The corpus
 * prints ASCII punctuation where GBK text had full-width forms ("摺!暗" was
 * read from the bytes of "！"), so after a Han character such a mark is
 * re-read from its full-width bytes. */
static int32_t
garble_read_cp(const struct garble_ctx *g, size_t k)
{
	int32_t cp = g->ch[k].cp;
	int alnum = (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
	if (cp > 0x20 && cp < 0x7F && cp != '?' && !alnum && k > 0 && garble_is_han(g->ch[k - 1].cp))
		return cp + 0xFEE0;
	return cp;
}

/* Re-read characters [a, b) from their GB18030 bytes along the cheapest
 * alignment and record the stretches where that differs from the text. */
static int
garble_read_span(struct garble_ctx *g, size_t a, size_t b)
{
	size_t nb = 0;
	for (size_t k = a; k < b; k++)
		nb += garble_read_cp(g, k) < 0x80 ? 1 : 2;
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
		int32_t cp = garble_read_cp(g, k);
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
			if (g->bnd[i] && g->bnd[i + len] && garble_read_cp(g, a + (size_t)g->bnd[i] - 1) == cp)
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
			   garble_read_cp(g, a + (size_t)g->bnd[j] - 1) == g->bcp[i];
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
			if (garble_read_accept(g, ka, kb, ra, rb)) {
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
garble_read_encodable(const struct garble_ctx *g, int32_t cp)
{
	return cp < 0x80 || (cp <= 0xFFFF && g->enc[cp] != 0);
}

/* Re-read [a, b) piecewise: characters GB18030 has no two-byte form for
 * cannot be part of GBK mojibake and split it. */
int
garble_read_flush(struct garble_ctx *g, size_t a, size_t b)
{
	int rc = garble_read_tables(g);
	if (rc < 0)
		return rc;
	size_t s = a;
	for (size_t q = a; q <= b; q++) {
		if (q == b || !garble_read_encodable(g, g->ch[q].cp)) {
			int rc;
			if (q > s && (rc = garble_read_span(g, s, q)) < 0)
				return rc;
			s = q + 1;
		}
	}
	return 0;
}
