/* catalog: the articles under some paths as a listing needs them, from the
 * cache (cache.h) where it is current and from the files where it is not:
 * those are loaded (article_load, whatever their format), folded, counted
 * and stored back, then let go. It keeps metadata-only articles (text
 * NULL; path, meta, chars, len and hash set), so 10,000 articles cost a few
 * MB; catalog_load reads one in full, or a full scan keeps them all.
 * OpenCC is opened only when a file must be read. Owns everything it holds (catalog_free); never the cache. */
#ifndef DUWEN_CATALOG_H
#define DUWEN_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "cache.h"
#include "compare_spec.h"
#include "corpus.h"
#include "source.h"

/* Work done so far: files looked at of total. */
typedef void (*catalog_progress_fn)(void *ctx, size_t done, size_t total);

struct catalog {
	struct corpus arts;   /* metadata-only articles, in source_expand order */
	char **keys;          /* [i]: absolute path of article i */
	int64_t *ids;         /* [i]: its cache entry, -1 if none */
	size_t *counts;       /* [i * ncities + c]: mentions of compared city c */
	size_t ncities;
	size_t from_cache;    /* articles whose file was not read */
	struct match_text *folded; /* full scans: [i] article i folded; else NULL */
};

/* Fill cat from paths (see source_expand). Files that cannot be used are
 * reported through warn and left out, as corpus_load does. spec NULL: no
 * city counts. full: keep every article in full with its folded text
 * (cat->folded), from the cache's copy where it is current (no decoding,
 * parsing or OpenCC), else from the file; not full: metadata only. cache
 * NULL: every file is read. progress (may be NULL) is called as files are
 * done. Cache errors only cost speed. 0 or ERR_NOMEM. */
int catalog_scan(struct catalog *cat, struct cache *cache, const char *const *paths,
		 size_t npaths, const struct source_opts *opts, const struct compare_spec *spec,
		 int full, source_warn_fn warn, void *ctx, catalog_progress_fn progress, void *pctx);

/* Load article i in full into out: the cache's copy (cache may be NULL)
 * if it has one, with its folded text in *fout (if fout), else
 * article_load (fout->text then NULL: not folded). 0 or an err_code with
 * *cause as article_load gives it. */
int catalog_load(const struct catalog *cat, struct cache *cache, size_t i,
		 const struct source_opts *opts, struct article *out, struct match_text *fout,
		 char **cause);

/* Move a full scan's articles to *arts and its folded texts to *folded
 * (arts->n entries: match_text_free each, then free), then free the rest
 * of cat. */
void catalog_take(struct catalog *cat, struct corpus *arts, struct match_text **folded);

void catalog_free(struct catalog *cat);

/* The key under which counts for spec's compared cities are cached: their
 * names and words. malloc'd; NULL on allocation failure. */
char *catalog_spec_key(const struct compare_spec *spec);

#endif
