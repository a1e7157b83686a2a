/* corpus: the articles duwen has open, loaded from files and directories.
 * Owns its articles; corpus_free releases them. */
#ifndef DUWEN_CORPUS_H
#define DUWEN_CORPUS_H

#include <stddef.h>

#include "article.h"
#include "source.h"

struct corpus {
	struct article *v;
	size_t n;
};

/* Load every article under paths (see source_expand). Files that cannot be
 * loaded are reported through warn ("path: reason") and skipped. 0 (even if
 * none loaded: check c->n) or ERR_NOMEM. */
int corpus_load(struct corpus *c, const char *const *paths, size_t npaths,
		const struct source_opts *opts, source_warn_fn warn, void *ctx);

void corpus_free(struct corpus *c);

/* 1 if text[0, len) holds something besides white space and controls:
 * what makes a file an article. */
int corpus_has_text(const char *s, size_t len);

#endif
