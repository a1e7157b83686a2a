/* garble_int: the scan context's helpers and the cost model that garble.c
 * (suspects, debris, spans) and garble_read.c (re-reading GBK bytes) share
 * (see garble_int.h). Below both: it calls neither. */
#include "garble.h"

#include "err.h"
#include "garble_int.h"
#include "hanfreq_table.h"

#include <stdlib.h>

int
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

int
garble_ccost(const struct garble_ctx *g, int32_t cp)
{
	return garble_cost(cp, garble_doc(g, cp));
}

/* Characters typical of mojibake and rare in real text. */
int
garble_is_odd(const struct garble_ctx *g, int32_t cp)
{
	if (cp >= HANFREQ_TABLE_FIRST && cp < HANFREQ_TABLE_FIRST + HANFREQ_TABLE_LEN)
		return garble_ccost(g, cp) >= 18;
	return (cp >= 0x2500 && cp <= 0x257F) || (cp >= 0x3040 && cp <= 0x30FF) ||
	       (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0x3400 && cp <= 0x4DBF) || cp == 0xFFFD;
}

int
garble_push_item(struct garble_ctx *g, size_t a, size_t b, int repaired, size_t ra, size_t rb)
{
	if (garble_grow((void **)&g->it, &g->capit, g->nit + 1, sizeof *g->it) < 0)
		return ERR_NOMEM;
	g->it[g->nit++] = (struct garble_item){a, b, repaired, ra, rb};
	return 0;
}

int
garble_is_han(int32_t cp)
{
	return cp >= HANFREQ_TABLE_FIRST && cp < HANFREQ_TABLE_FIRST + HANFREQ_TABLE_LEN;
}
