/* position: see position.h. */
#include "position.h"

#include <stdint.h>
#include <stdlib.h>

#include "ustr.h"

void
position_index_init(struct position_index *ix, const struct article *a)
{
	*ix = (struct position_index){ .a = a };
}

void
position_index_free(struct position_index *ix)
{
	free(ix->pre);
	*ix = (struct position_index){ 0 };
}

/* Readable characters before block b (b <= nblocks), from the kept sums,
 * extended as far as b (or counted afresh if there is no memory for them). */
static size_t
before_block(struct position_index *ix, size_t b)
{
	const struct article *a = ix->a;
	if (b > a->nblocks)
		b = a->nblocks;
	if (b >= ix->cap) {
		size_t cap = a->nblocks + 1;
		size_t *t = realloc(ix->pre, cap * sizeof *t);
		if (t == NULL) {
			size_t n = 0;
			for (size_t k = 0; k < b; k++)
				n += article_block_chars(a, k, a->blocks[k].end);
			return n;
		}
		ix->pre = t;
		ix->cap = cap;
	}
	if (ix->n == 0)
		ix->pre[ix->n++] = 0;
	while (ix->n <= b) {
		size_t k = ix->n - 1;
		ix->pre[ix->n] = ix->pre[k] + article_block_chars(a, k, a->blocks[k].end);
		ix->n++;
	}
	return ix->pre[b];
}

size_t
position_chars_before(struct position_index *ix, size_t off)
{
	const struct article *a = ix->a;
	size_t b = article_block_at(a, off);
	size_t n = before_block(ix, b);
	if (b < a->nblocks && off > a->blocks[b].start)
		n += article_block_chars(a, b, off);
	return n;
}

size_t
position_char_at(struct position_index *ix, size_t nth)
{
	const struct article *a = ix->a;
	if (nth == 0)
		return 0;
	if (before_block(ix, a->nblocks) < nth)
		return a->len;
	/* the last block with fewer than nth characters before it holds it */
	size_t lo = 0, hi = a->nblocks;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (before_block(ix, mid) < nth)
			lo = mid;
		else
			hi = mid;
	}
	const struct block *bl = &a->blocks[lo];
	size_t left = nth - before_block(ix, lo);
	for (size_t i = bl->start; i < bl->end;) {
		int32_t cp;
		size_t next = ustr_next(a->text, bl->end, i, &cp);
		if (cp != '\n' && !ustr_is_space(cp) && --left == 0)
			return i;
		i = next;
	}
	return bl->end; /* not reached: the sums say the block holds it */
}

int
position_percent(size_t before, size_t total, int end_shown)
{
	if (end_shown)
		return 100;
	if (total == 0)
		return 0;
	if (before >= total)
		return 99;
	uint64_t p = (uint64_t)before * 100 / total;
	return p > 99 ? 99 : (int)p;
}

size_t
position_goal(int pct, size_t total)
{
	if (pct <= 0)
		return 0;
	if (pct >= 100)
		return total;
	return (size_t)(((uint64_t)total * (uint64_t)pct + 99) / 100);
}

int
position_mark(const struct store_place *p, size_t len)
{
	if (p == NULL)
		return -1;
	if (p->finished || p->pct >= 100)
		return 100;
	if (p->pct >= 0)
		return p->pct;
	int old = len ? (int)((uint64_t)(p->off < len ? p->off : len) * 100 / len) : 100;
	return old > 90 ? 100 : old;
}
