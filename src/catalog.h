/* catalog: the articles under some paths as a listing needs them, from the
 * cache (cache.h) where it is current and from the files where it is not:
 * those are loaded (article_load, whatever their format), folded, counted
 * and stored back, then let go. It keeps metadata-only articles (text
 * NULL; path, meta, chars, len and hash set), so 10,000 articles cost a few
 * MB; catalog_load reads one in full, or a full scan keeps them all.
 * OpenCC is opened only when a file must be read. Owns everything it holds (catalog_free); never the cache.
 *
 * The panes open it incrementally (catalog_open, catalog_fill): a slot per
 * file, allocated at once, so that a pointer to an article never moves;
 * each slot has a state (enum catalog_state) and is filled when asked.
 *
 * The files a cold scan must read are read ahead on worker threads
 * (catalog_ahead.c, loadpool.h; the panes: catalog_read_ahead); counting
 * and caching stay on the caller's thread, in file order, so the results
 * and warnings are the one-thread scan's. */
#ifndef DUWEN_CATALOG_H
#define DUWEN_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "cache.h"
#include "compare_spec.h"
#include "corpus.h"
#include "source.h"

struct match_text;
struct scan;
struct script;

/* Articles longer than this (bytes) are not kept in the cache whole: a
 * 64 MiB article would cost a copy at packing time and is read as fast
 * as its blob. */
#define CATALOG_BODY_MAX ((size_t)8 << 20)

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
	/* catalog_open only (NULL, 0 for catalog_scan): */
	unsigned char *state; /* [i]: enum catalog_state of slot i */
	size_t nfull, nfailed; /* slots CATALOG_FULL, CATALOG_FAILED */
	struct scan *scan;     /* what reading a file needs (private) */
};

/* A slot of an incremental catalog. PENDING: only its path is known (the
 * title and facts NULL, 0); META: the list's facts and city counts, from
 * the cache; FULL: the whole article (text, blocks, sentences) and its
 * folded text in folded[i]; FAILED: the file could not be used (reported
 * through warn; only its path is kept). */
enum catalog_state { CATALOG_PENDING, CATALOG_META, CATALOG_FULL, CATALOG_FAILED };

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

/* Called by catalog_scan_each for each article it reads from a file (not
 * for those it takes from the cache), numbered as in cat->arts, before its
 * text is let go: a in full, and fa its fold made on a worker thread, or
 * NULL (not folded: the caller folds it, with its own OpenCC). 0, or an
 * error that ends the scan (catalog_scan_each returns it). */
typedef int (*catalog_each_fn)(void *ctx, size_t i, const struct article *a,
			       const struct match_text *fa);

/* catalog_scan, handing each article read from a file to each (may be
 * NULL): a search without a cache searches the articles as the catalog
 * reads them, instead of reading every file a second time. */
int catalog_scan_each(struct catalog *cat, struct cache *cache, const char *const *paths,
		      size_t npaths, const struct source_opts *opts, const struct compare_spec *spec,
		      int full, source_warn_fn warn, void *ctx, catalog_progress_fn progress,
		      void *pctx, catalog_each_fn each, void *ectx);

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

/* Incremental: fill cat with a slot per file under paths (source_expand
 * order; arts.n is the number of files, none left out), every one PENDING
 * or, where the cache's entry is current (same size and mtime, the same
 * cities), META. No file is opened, so this costs a directory listing and
 * one cache lookup per file. keys, ids, counts and folded are allocated
 * for every slot (folded[i] empty until FULL). sc (may be NULL) is
 * borrowed for folding and counting when files must be read; without it
 * OpenCC is opened if needed. cache may be NULL. 0 or ERR_NOMEM (cat is
 * then empty). */
int catalog_open(struct catalog *cat, struct cache *cache, const char *const *paths,
		 size_t npaths, const struct source_opts *opts, const struct compare_spec *spec,
		 struct script *sc, source_warn_fn warn, void *ctx);

/* Fill slot i in full: from the cache's copy where it is current, else
 * from the file (checked, read, folded, counted and written to the cache
 * as catalog_scan does). Returns 1 (FULL, also if it was), 0 (FAILED:
 * reported through warn, now or before) or ERR_NOMEM (the slot is as it
 * was). Writes to the cache go in a transaction that catalog_sync ends. */
int catalog_fill(struct catalog *cat, size_t i);

/* Read the files of the PENDING slots ahead, in slot order, on worker
 * threads (src/loadpool.h: one per core, each with its own OpenCC, at
 * nice + nice), so that catalog_fill only counts and caches what they
 * made; files over max_size bytes are left to catalog_fill (or to the
 * caller's own thread: ui/bigload.c). Nothing if fewer than 32 slots are
 * PENDING (a worker's OpenCC loads as long as that many small files). 0 or ERR_NOMEM; without threads, catalog_fill reads the files
 * as before. The workers end at catalog_done or catalog_free. */
int catalog_read_ahead(struct catalog *cat, uint64_t max_size, int nice);

/* 1 if catalog_fill(cat, i) would not wait for a worker still reading
 * slot i's file (the loader then does something else, or waits for a key
 * or catalog_ready_fd). */
int catalog_fill_ready(struct catalog *cat, size_t i);

/* 1 if slot i's file is in the workers' hands (catalog_read_ahead: not
 * taken by catalog_fill nor let go by catalog_fill_skip yet). */
int catalog_fill_ahead(const struct catalog *cat, size_t i);

/* Slot i is filled some other way (a large file in a thread): what the
 * workers read of it goes. */
void catalog_fill_skip(struct catalog *cat, size_t i);

/* A file descriptor that becomes readable when a worker has read a file
 * (for poll beside the keyboard); -1 without workers. */
int catalog_ready_fd(const struct catalog *cat);

/* Slot i finished in another thread (a large file read by an article_job,
 * ui/bigload.c) as catalog_fill would, without the wait on the catalog's
 * thread: catalog_prep_new makes, on the catalog's thread, what the other
 * thread needs (copies of the slot's path and of the compared cities, the
 * cache's file name: nothing shared with cat, which may be freed while the
 * other thread runs); catalog_prep_run, in the other thread, takes over
 * the loaded article (rc is article_load's result, a (if rc is 0) and fa
 * its article and match_fold, cause article_load's: all taken over
 * whatever happens) and checks, counts and caches it through a
 * connection of its own (src/article_job.h's hook; returns 1, 0 or
 * ERR_NOMEM as catalog_fill will); catalog_fill_prepared, back on the
 * catalog's thread, makes slot i what catalog_fill would have made of it
 * (says what the other thread had to say through the catalog's warn;
 * returns as catalog_fill, the slot as it was on ERR_NOMEM) and frees the
 * prep. An entry the cache holds for the file as it is (a
 * reopened large file) is not written again: its counts are the cache's.
 * catalog_prep_new: 0 or ERR_NOMEM. */
struct catalog_prep;
int catalog_prep_new(const struct catalog *cat, size_t i, struct catalog_prep **out);
int catalog_prep_run(struct catalog_prep *p, struct script *sc, int rc, struct article *a,
		     struct match_text *fa, char *cause);
int catalog_fill_prepared(struct catalog *cat, size_t i, struct catalog_prep *p);
void catalog_prep_free(struct catalog_prep *p);

/* While on, the fills write nothing to the cache (and what they wrote is
 * committed now): another connection is writing there (catalog_prep_run),
 * and a fill must not wait seconds for its lock. The files read meanwhile
 * are read again at the next start. */
void catalog_hold_writes(struct catalog *cat, int on);

/* The source options catalog_open was given (may be NULL). */
const struct source_opts *catalog_source_opts(const struct catalog *cat);

/* Let slot i's text go (FULL back to META: the facts stay). */
void catalog_unfill(struct catalog *cat, size_t i);

/* Commit what the fills wrote to the cache, so that it is kept if duwen
 * ends now, and other processes may write. Cheap when nothing was
 * written. 0 or ERR_DB (the cache is then no longer written). */
int catalog_sync(struct catalog *cat);

/* Every slot is FULL or FAILED: drop the cache's entries whose file is
 * gone, and commit. */
void catalog_done(struct catalog *cat);

/* Incremental over a corpus already loaded (standard input): every
 * article FULL, folded with sc and counted for spec (may be NULL); the
 * articles are moved out of *c. 0 or ERR_NOMEM (*c then untouched). */
int catalog_adopt(struct catalog *cat, struct corpus *c, const struct compare_spec *spec,
		  struct script *sc);

/* catalog_scan's and catalog_open's catalogs alike (an open catalog's
 * writes are committed first). */
void catalog_free(struct catalog *cat);

/* The key under which counts for spec's compared cities are cached: their
 * names and words. malloc'd; NULL on allocation failure. */
char *catalog_spec_key(const struct compare_spec *spec);

#endif
