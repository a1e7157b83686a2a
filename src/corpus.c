#include "corpus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

int
corpus_load(struct corpus *c, const char *const *paths, size_t npaths,
	    const struct source_opts *opts, source_warn_fn warn, void *ctx)
{
	struct source_paths sp;
	int rc = source_expand(paths, npaths, &sp, warn, ctx);
	if (rc < 0)
		return rc;
	c->v = calloc(sp.n ? sp.n : 1, sizeof *c->v);
	c->n = 0;
	if (c->v == NULL) {
		source_paths_free(&sp);
		return ERR_NOMEM;
	}
	for (size_t i = 0; i < sp.n; i++) {
		char *cause = NULL;
		rc = article_load(opts, sp.v[i], &c->v[c->n], &cause);
		if (rc == ERR_NOMEM) {
			free(cause);
			source_paths_free(&sp);
			return rc;
		}
		if (rc < 0) {
			if (warn)
				warn(ctx, sp.v[i], cause ? cause : err_strerror(rc));
			free(cause);
			continue;
		}
		c->n++;
	}
	source_paths_free(&sp);
	return 0;
}

void
corpus_free(struct corpus *c)
{
	for (size_t i = 0; i < c->n; i++)
		article_free(&c->v[i]);
	free(c->v);
	c->v = NULL;
	c->n = 0;
}
