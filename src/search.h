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

/* The hits of article art as SPAN_SEARCH spans (tag: hit number within
 * the article) appended to out. 0 or ERR_NOMEM. */
int search_spans(const struct search_result *r, size_t art, struct span_list *out);

void search_result_free(struct search_result *r);

#endif
