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
};

/* An article read elsewhere, handed to read_file instead of loading. */
struct loaded {
	int rc;
	char *cause;
	struct article a;
	struct match_text fa;
	int used;
};

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
