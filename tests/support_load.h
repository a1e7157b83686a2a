/* support_load: what the tests of the threaded loaders (article_job,
 * loadpool, catalog_ahead) hold their results against: the sample files,
 * what one thread makes of a file, the comparisons, and waiting for a
 * worker. Owns nothing; what it returns is the caller's. The test fails
 * (cmocka) on any error. */
#ifndef DUWEN_SUPPORT_LOAD_H
#define DUWEN_SUPPORT_LOAD_H

#include <stddef.h>

#include "../src/article.h"
#include "../src/match.h"
#include "../src/script.h"

/* The bundled articles and manuals (one of them GBK), from the
 * repository root. */
#define SUPPORT_LOAD_NFILES 8
extern const char *const support_load_files[SUPPORT_LOAD_NFILES];

/* The bytes of path, malloc'd (a spare byte after them), *n of them. */
void *support_slurp(const char *path, size_t *n);

/* What one thread makes of path: article_load's article into *a and, if
 * f is not NULL, match_fold's fold (with sc) into *f. */
void support_load_one(struct script *sc, const char *path, struct article *a,
		      struct match_text *f);

/* got is want: every field, its text, blocks, levels, sentences, spans. */
void support_same_article(const struct article *want, const struct article *got);

/* got is want as a list keeps an article without its text: path, length,
 * characters, hash, title; got's text is NULL. */
void support_same_summary(const struct article *want, const struct article *got);

/* got is want: the folded text and its map. */
void support_same_fold(const struct match_text *want, const struct match_text *got);

/* Wait until done(ctx) is true, polling fd (-1: none) for a worker's
 * word or a millisecond between looks; the test fails after 60 s. */
void support_wait_until(int fd, int (*done)(void *ctx), void *ctx);

#endif
