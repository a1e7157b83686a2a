/* catalog_int: what catalog.c (the scans) and catalog_slots.c (the
 * incremental catalog of the panes) share; private to those two files. */
#ifndef DUWEN_CATALOG_INT_H
#define DUWEN_CATALOG_INT_H

#include <stddef.h>

#include "catalog.h"
#include "compare.h"
#include "match.h"
#include "script.h"

/* What a scan opens only if some file must be read. */
struct scan {
	struct catalog *cat;
	struct cache *cache;
	const struct source_opts *opts;
	const struct compare_spec *spec;
	int full;
	char *spec_key;
	struct script *sc;
	int sc_tried;
	struct compare_matcher *m;
	source_warn_fn warn;
	void *ctx;
	int borrowed; /* sc is the caller's (catalog_open): not closed here */
	int in_tx;   /* incremental: a write transaction is open */
	struct loaded *pre; /* catalog_prep_run: what read_file takes */
	int hold;    /* catalog_hold_writes: fills write nothing to the cache */
	size_t reads; /* files read (article_load, or pre) */
	struct catalog_ahead *ahead; /* the panes' read-ahead (catalog_read_ahead) */
	catalog_each_fn each; /* catalog_scan_each's */
	void *each_ctx;
};

/* An article read elsewhere, handed to read_file instead of loading. */
struct loaded {
	int rc;
	char *cause;
	struct article a;
	struct match_text fa;
	int used;
};

/* The files of a scan read ahead on worker threads (catalog_ahead.c):
 * once the scan reads a file (or at once without a cache), with 32 files
 * or more left, the files after it whose cache entry is not current are
 * handed to a loadpool,
 * up to some dozens ahead of the scan, until that many in a row turn out
 * current. The scan takes file i's result (catalog_ahead_take) as its
 * pre before catalog_scan_one; counting and caching stay on its thread. */
struct catalog_ahead {
	const char *const *paths, *const *keys; /* the scan's, n of them */
	size_t n;
	struct loadpool *pool;
	long *job;     /* [file]: its job in the pool, -1 none */
	size_t pred;   /* files [0, pred) looked at */
	size_t quiet;  /* of those, current ones in a row */
	int on, failed;
};

void catalog_ahead_init(struct catalog_ahead *a, const char *const *paths, const char *const *keys,
			size_t n);
/* The scan's next file is next; read: it has just read one (no cache:
 * pass 1 before the first). Starts the pool and hands it the files ahead
 * that will be read. A pool that cannot start only costs speed. */
void catalog_ahead_step(struct scan *s, struct catalog_ahead *a, size_t next, int read);
/* File i's result if the pool has it: 1 with *out (as s->pre), 0 none
 * (the scan reads it: also when no worker has begun it), LOADPOOL_NOT_READY
 * (wait 0 only: a worker is reading it). */
int catalog_ahead_take(struct catalog_ahead *a, size_t i, int wait, struct loaded *out);
void catalog_ahead_free(struct catalog_ahead *a);
/* The panes: every PENDING slot of s->cat handed to a pool at once (files
 * over max_size are left to the caller), the workers nice more. 0 or an
 * error (then there is none: catalog_fill reads the files). */
int catalog_ahead_slots(struct scan *s, struct catalog_ahead *a, uint64_t max_size, int nice);
/* Would catalog_ahead_take(..., i, 1, ...) return at once? */
int catalog_ahead_ready(struct catalog_ahead *a, size_t i);
/* Let slot i's job go, if it has one. */
void catalog_ahead_let_go(struct catalog_ahead *a, size_t i);
/* loadpool_fd of the pool, -1 without one. */
int catalog_ahead_fd(const struct catalog_ahead *a);
/* What read_file did not take over of l. */
void catalog_loaded_free(struct loaded *l);

/* Open OpenCC (once) and the cities' matcher, when a file must be read.
 * 0 or ERR_NOMEM. */
int catalog_need_script(struct scan *s);

/* An article of the catalog from what the cache knows (metadata only).
 * 0 or ERR_NOMEM. */
int catalog_stub(struct article *a, const char *path, const struct cache_entry *e);

/* The city counts of a loaded article, folded as fa, into out. 0 or
 * ERR_NOMEM. */
int catalog_count_cities(struct scan *s, const struct article *a, const struct match_text *fa,
			 size_t *out);

/* Let a's text, blocks, sentences and spans go: its metadata (path,
 * meta, chars, len, hash) stays. */
void catalog_strip_text(struct article *a);

/* Fill article slot i from the file at path, through the cache: 1 added,
 * 0 left out (reported), or an error. key: path's canonical form
 * (realpath's), or NULL to ask realpath. */
int catalog_scan_one(struct scan *s, const char *path, const char *key, size_t i);

#endif
