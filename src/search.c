#include "search.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"

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
search_run(const struct match_corpus *mc, struct script *sc, const char *query,
	   struct search_result *out)
{
	struct match_set *m = NULL;
	struct span_list sp = { 0 };
	struct search_result r = { 0 };
	int rc = match_set_new(0, &m);
	if (rc < 0)
		return rc;
	if ((rc = match_set_add(m, sc, query, 0)) < 0)
		goto done;
	rc = ERR_NOMEM;
	r.narts = mc->n;
	r.per_article = calloc(mc->n + 1, sizeof *r.per_article);
	if (r.per_article == NULL)
		goto done;
	for (size_t ai = 0; ai < mc->n; ai++) {
		const struct article *a = &mc->arts[ai];
		for (size_t b = 0; b < a->nblocks; b++) {
			if (!searchable(a->blocks[b].kind))
				continue;
			span_list_clear(&sp);
			if (match_set_find(m, &mc->folded[ai], a->blocks[b].start, a->blocks[b].end,
					   SPAN_SEARCH, &sp) < 0)
				goto done;
			for (size_t k = 0; k < sp.n; k++) {
				struct search_hit h = { ai, sp.v[k].start, sp.v[k].end,
							article_sentence_at(a, sp.v[k].start) };
				if (hit_push(&r, &h) < 0)
					goto done;
			}
			r.per_article[ai] += sp.n;
		}
		if (r.per_article[ai])
			r.articles++;
	}
	*out = r;
	r = (struct search_result){ 0 };
	rc = 0;
done:
	search_result_free(&r);
	span_list_free(&sp);
	match_set_free(m);
	return rc;
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
