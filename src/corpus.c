#include "corpus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "err.h"

int
corpus_has_text(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &c);
		if (k <= 0)
			return 1;
		i += (size_t)k;
		switch (utf8proc_category(c)) {
		case UTF8PROC_CATEGORY_ZS:
		case UTF8PROC_CATEGORY_ZL:
		case UTF8PROC_CATEGORY_ZP:
		case UTF8PROC_CATEGORY_CC:
		case UTF8PROC_CATEGORY_CF:
			break;
		default:
			return 1;
		}
	}
	return 0;
}

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
			corpus_free(c);
			return rc;
		}
		if (rc < 0) {
			if (warn)
				warn(ctx, sp.v[i], cause ? cause : err_strerror(rc));
			free(cause);
			continue;
		}
		/* An empty file is no article: nothing to list or read. */
		if (!corpus_has_text(c->v[c->n].text, c->v[c->n].len)) {
			article_free(&c->v[c->n]);
			if (warn)
				warn(ctx, sp.v[i], "file is empty or blank");
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
