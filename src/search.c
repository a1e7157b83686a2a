#include "search.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "find.h"

static int
searchable(int kind)
{
	return kind != BLOCK_BOILERPLATE && kind != BLOCK_META;
}

static int
hit_push(struct search_result *r, const struct search_hit *h)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 32;
		struct search_hit *v = realloc(r->v, cap * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		r->v = v;
		r->cap = cap;
	}
	r->v[r->n++] = *h;
	return 0;
}

int
search_query_new(struct script *sc, const char *query, struct search_query *out)
{
	struct search_query q = { 0 };
	int rc = match_set_new(0, &q.m);
	if (rc < 0)
		return rc;
	if ((rc = match_set_add(q.m, sc, query, 0)) < 0) {
		match_set_free(q.m);
		return rc;
	}
	/* the pattern as match_set_add keeps it: folded, blanks trimmed */
	char *f = match_fold_word(sc, query);
	if (f == NULL) {
		match_set_free(q.m);
		return ERR_NOMEM;
	}
	size_t a = 0, z = strlen(f);
	while (a < z && (f[a] == ' ' || f[a] == '\n'))
		a++;
	while (z > a && (f[z - 1] == ' ' || f[z - 1] == '\n'))
		z--;
	memmove(f, f + a, z - a);
	f[z - a] = '\0';
	q.folded = f;
	q.len = z - a;
	*out = q;
	return 0;
}

void
search_query_free(struct search_query *q)
{
	match_set_free(q->m);
	free(q->folded);
	memset(q, 0, sizeof *q);
}

int
search_query_in(const struct search_query *q, const char *text, size_t len)
{
	return find_bytes(text, len, q->folded, q->len) != NULL;
}

/* The hits of q in block b of a (folded as t), appended to r. */
static int
block_hits(const struct search_query *q, const struct article *a, const struct match_text *t,
	   size_t b, size_t ai, struct search_result *r, struct span_list *scratch)
{
	span_list_clear(scratch);
	if (match_set_find(q->m, t, a->blocks[b].start, a->blocks[b].end, SPAN_SEARCH, scratch) < 0)
		return ERR_NOMEM;
	for (size_t k = 0; k < scratch->n; k++) {
		struct search_hit h = { ai, scratch->v[k].start, scratch->v[k].end,
					article_sentence_at(a, scratch->v[k].start) };
		if (hit_push(r, &h) < 0)
			return ERR_NOMEM;
	}
	return 0;
}

/* 1 if a's blocks follow each other without overlapping (as parse makes
 * them), so the block of an offset is a binary search away. */
static int
blocks_in_order(const struct article *a)
{
	for (size_t b = 0; b < a->nblocks; b++)
		if (a->blocks[b].start > a->blocks[b].end ||
		    (b > 0 && a->blocks[b].start < a->blocks[b - 1].end))
			return 0;
	return 1;
}

int
search_article(const struct search_query *q, const struct article *a, const struct match_text *t,
	       size_t ai, struct search_result *r, struct span_list *scratch)
{
	size_t before = r->n;
	if (blocks_in_order(a)) {
		/* Only the blocks where the folded query occurs can hold a hit
		 * (match_set_find compares it at each folded byte of the
		 * block), and the fold keeps the text's order: find the
		 * occurrences with memmem, and the block of each by its
		 * original offset, instead of mapping every block. */
		size_t p = 0;
		const char *hit;
		while (p < t->len &&
		       (hit = find_bytes(t->text + p, t->len - p, q->folded, q->len)) != NULL) {
			size_t fpos = (size_t)(hit - t->text), o = match_text_start(t, fpos);
			size_t b = article_block_at(a, o);
			if (b >= a->nblocks || a->blocks[b].start > o) {
				p = fpos + 1; /* between blocks */
				continue;
			}
			size_t lim = a->blocks[b].end >= t->orig_len ? t->len
								     : match_text_at(t, a->blocks[b].end);
			if (searchable(a->blocks[b].kind) && block_hits(q, a, t, b, ai, r, scratch) < 0)
				return ERR_NOMEM;
			p = lim > fpos ? lim : fpos + 1;
		}
	} else {
		for (size_t b = 0; b < a->nblocks; b++)
			if (searchable(a->blocks[b].kind) && block_hits(q, a, t, b, ai, r, scratch) < 0)
				return ERR_NOMEM;
	}
	size_t found = r->n - before;
	if (ai < r->narts) {
		r->per_article[ai] += found;
		if (found && r->per_article[ai] == found)
			r->articles++;
	}
	return 0;
}

int
search_result_init(struct search_result *r, size_t narts)
{
	*r = (struct search_result){ 0 };
	r->narts = narts;
	r->per_article = calloc(narts + 1, sizeof *r->per_article);
	return r->per_article ? 0 : ERR_NOMEM;
}

int
search_run_tick(const struct match_corpus *mc, struct script *sc, const char *query,
		search_tick_fn tick, void *ctx, struct search_result *out)
{
	struct search_query q;
	struct span_list sp = { 0 };
	struct search_result r = { 0 };
	int rc = search_query_new(sc, query, &q);
	if (rc < 0)
		return rc;
	if ((rc = search_result_init(&r, mc->n)) < 0)
		goto done;
	for (size_t ai = 0; ai < mc->n; ai++) {
		if (tick && ai % SEARCH_TICK_EVERY == 0 && tick(ctx, ai, mc->n)) {
			rc = ERR_CANCELLED;
			goto done;
		}
		if ((rc = search_article(&q, &mc->arts[ai], &mc->folded[ai], ai, &r, &sp)) < 0)
			goto done;
	}
	*out = r;
	r = (struct search_result){ 0 };
	rc = 0;
done:
	search_result_free(&r);
	span_list_free(&sp);
	search_query_free(&q);
	return rc;
}

int
search_run(const struct match_corpus *mc, struct script *sc, const char *query,
	   struct search_result *out)
{
	return search_run_tick(mc, sc, query, NULL, NULL, out);
}

int
search_spans(const struct search_result *r, size_t art, struct span_list *out)
{
	int tag = 0;
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].art == art &&
		    span_list_push(out, r->v[i].start, r->v[i].end, SPAN_SEARCH, tag++) < 0)
			return ERR_NOMEM;
	return 0;
}

void
search_result_free(struct search_result *r)
{
	free(r->v);
	free(r->per_article);
	memset(r, 0, sizeof *r);
}
