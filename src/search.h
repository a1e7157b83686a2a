/* search: a query across a folded corpus with the one matcher (script,
 * case and width insensitive, substrings: "Seek" finds DeepSeek). Hits lie
 * in one block each; boilerplate and the file's header block are not
 * searched (the reading view hides them). Owns its result
 * (search_result_free), never the articles. */
#ifndef DUWEN_SEARCH_H
#define DUWEN_SEARCH_H

#include <stddef.h>

#include "match.h"
#include "span.h"

struct search_hit {
	size_t art;        /* article index in the corpus */
	size_t start, end; /* bytes of the article's text */
	size_t sent;       /* the sentence holding start (nsents if none) */
};

struct search_result {
	struct search_hit *v; /* by article, then in text order */
	size_t n, cap;
	size_t *per_article;  /* narts counts */
	size_t narts;
	size_t articles;      /* articles with at least one hit */
};

/* Find query in mc. 0; ERR_INVAL if the query is empty after folding;
 * ERR_NOMEM. out written only on success. */
int search_run(const struct match_corpus *mc, struct script *sc, const char *query,
	       struct search_result *out);

/* Called by search_run_tick before every SEARCH_TICK_EVERY articles with
 * the articles done and the total; nonzero cancels the search. */
typedef int (*search_tick_fn)(void *ctx, size_t done, size_t total);
#define SEARCH_TICK_EVERY 64

/* search_run, calling tick (may be NULL) as it goes: ERR_CANCELLED when
 * tick said so (out untouched). */
int search_run_tick(const struct match_corpus *mc, struct script *sc, const char *query,
		    search_tick_fn tick, void *ctx, struct search_result *out);

/* ---- one article at a time (a corpus that is never all in memory) ---- */

/* A query ready to search: the matcher's pattern and the folded query it
 * looks for (folded as match.h folds, blanks trimmed). */
struct search_query {
	struct match_set *m;
	char *folded;
	size_t len;
};

/* 0, ERR_INVAL (empty after folding) or ERR_NOMEM. */
int search_query_new(struct script *sc, const char *query, struct search_query *out);
void search_query_free(struct search_query *q);

/* 0 if the folded text[0, len) cannot hold a hit of q (1: it may). */
int search_query_in(const struct search_query *q, const char *text, size_t len);

/* An empty result for articles [0, narts). 0 or ERR_NOMEM. */
int search_result_init(struct search_result *r, size_t narts);

/* Append the hits of q in article a (folded as t), numbered ai, to r,
 * and count them in r->per_article[ai] and r->articles if ai < r->narts.
 * scratch: a span list the caller keeps for reuse. 0 or ERR_NOMEM. */
int search_article(const struct search_query *q, const struct article *a,
		   const struct match_text *t, size_t ai, struct search_result *r,
		   struct span_list *scratch);

/* The hits of article art as SPAN_SEARCH spans (tag: hit number within
 * the article) appended to out. 0 or ERR_NOMEM. */
int search_spans(const struct search_result *r, size_t art, struct span_list *out);

void search_result_free(struct search_result *r);

#endif
