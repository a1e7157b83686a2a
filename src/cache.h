/* cache: a rebuildable SQLite cache of what duwen learns from each file,
 * DIR/cache.db beside notes.db (never inside it: a corrupt cache must not
 * endanger notes). Per file, keyed by its absolute path and checked by
 * size, mtime and a hash of its bytes: the facts the list shows, city
 * counts for one set of compared cities, and the folded text (match.h) in
 * an FTS5 trigram index for search. Nothing in it is precious, so any doubt
 * (corrupt, another program's file, another schema) means rebuild it, or
 * go on without it; it is never a reason to fail. WAL and a busy timeout
 * let several duwen processes share it. Owns its connection (cache_close);
 * entries' strings belong to the entry (cache_entry_clear). */
#ifndef DUWEN_CACHE_H
#define DUWEN_CACHE_H

#include <stddef.h>
#include <stdint.h>

/* PRAGMA application_id of a cache ("DWCA") and its schema version. */
#define CACHE_APPLICATION_ID 0x44574341
#define CACHE_SCHEMA_VERSION 3
/* The page size of a new cache (3: 64 KiB pages; a cache of version 2,
 * made with 4 KiB pages, is rebuilt). */
#define CACHE_PAGE_SIZE 65536
#define CACHE_MAX_COUNTS 4

struct cache;

/* What the cache knows of one file. */
struct cache_entry {
	int64_t id;          /* row id; also the text's FTS row */
	uint64_t size;       /* file bytes */
	int64_t mtime_ns;    /* file modification time */
	uint64_t file_hash;  /* FNV-1a 64 of the file's bytes */
	char *title, *source, *author, *date; /* NULL if unknown */
	int title_inferred;
	size_t chars, len;   /* article.chars, article.len */
	uint64_t text_hash;  /* article.hash */
	int format;          /* article.format (enum format) */
	char *spec;          /* key of the cities counted ("" : none) */
	size_t counts[CACHE_MAX_COUNTS];
	size_t ncounts;
};

void cache_entry_clear(struct cache_entry *e);

/* Open DIR/cache.db (dir NULL: $DUWEN_DATA, else $XDG_DATA_HOME/duwen, else
 * ~/.local/share/duwen), creating it. build names the program that reads
 * the files (its readers decide titles, counts and text): entries made by
 * another build are all dropped. A cache of another schema is replaced; a
 * file there that is not a duwen cache, or a corrupt one, is renamed to
 * cache.db.bad (replacing an earlier one) and a new cache made. 0 with *out set, or 0 with *out
 * NULL and *cause (malloc'd) saying why there is no cache this time (no
 * data directory, read-only, locked); ERR_NOMEM. */
int cache_open(const char *dir, const char *build, struct cache **out, char **cause);
/* Another connection to the cache at path (cache_path of an open one),
 * for another thread (a connection is used by one thread at a time): no
 * checks, the first connection made them, and nothing created. 0,
 * ERR_DB (cannot open it: then go on without) or ERR_NOMEM. */
int cache_open_more(const char *path, struct cache **out);
void cache_close(struct cache *c);
/* How long a statement waits for another connection's lock before it
 * fails (ERR_BUSY from cache_begin): 5000 ms from cache_open; 0 fails at
 * once. The panes, whose loader shares its thread with the keys, set it
 * short. c may be NULL. */
void cache_set_busy_ms(struct cache *c, int ms);


const char *cache_path(const struct cache *c);

/* Batch writes in one transaction (much faster for thousands of files).
 * Errors end the batch; the cache stays as it was. cache_begin: 0,
 * ERR_BUSY (another connection kept the write lock past the busy
 * timeout: nothing changed, try again later) or ERR_DB. */
int cache_begin(struct cache *c);
int cache_commit(struct cache *c);
/* Many reads in one transaction (one snapshot, one lock instead of one per
 * statement), ended by cache_commit; writers are not kept waiting. */
int cache_begin_read(struct cache *c);

/* The entry of the file at absolute path key. 0, ERR_NOTFOUND, ERR_DB. */
int cache_get(struct cache *c, const char *key, struct cache_entry *out);

/* Read every entry at once (one statement, not one per file), so that
 * cache_get answers from memory: for a scan of many files, called inside
 * its transaction. The copy is exact: this connection's writes
 * (cache_put, cache_restat of a renamed file, cache_set_counts, a prune
 * that dropped entries) drop it, a touch (cache_restat under the same
 * key) updates it, and another connection's commit drops it at the next
 * cache_begin/cache_begin_read. 0, ERR_DB or ERR_NOMEM (then cache_get
 * asks the database as before). */
int cache_preload(struct cache *c);

/* An entry with this size and file hash under another path (a renamed
 * file); *key_out (malloc'd) is that path. 0, ERR_NOTFOUND, ERR_DB. */
int cache_find_hash(struct cache *c, uint64_t size, uint64_t file_hash,
		    struct cache_entry *out, char **key_out);

/* Store e (its id is ignored), the folded text and (if body) the loaded
 * article (artblob.h) for key, replacing what was there. The new id is
 * written to *id. 0 or ERR_DB. */
int cache_put(struct cache *c, const char *key, const struct cache_entry *e,
	      const char *folded, size_t folded_len, const void *body, size_t body_len,
	      int64_t *id);

/* Entry id's article blob and folded text, malloc'd (a NUL after each).
 * 0, ERR_NOTFOUND (none kept), ERR_DB or ERR_NOMEM. */
int cache_body(struct cache *c, int64_t id, void **body, size_t *body_len, char **folded,
	       size_t *folded_len);

/* cache_body for a search: 1 with entry id's article blob and folded
 * text in place (no copy; good until the next call of this function or
 * cache_close) if the folded text holds needle[0, len); 0 if it does not
 * (the blob is then not read at all); ERR_NOTFOUND (no entry or no blob
 * kept), ERR_DB. */
int cache_body_if(struct cache *c, int64_t id, const char *needle, size_t len, const void **body,
		  size_t *body_len, const char **folded, size_t *folded_len);

/* The file of entry id has a new path, size or mtime but the same bytes. */
int cache_restat(struct cache *c, int64_t id, const char *key, uint64_t size,
		 int64_t mtime_ns);

/* Replace entry id's city counts and their key. 0 or ERR_DB. */
int cache_set_counts(struct cache *c, int64_t id, const char *spec,
		     const size_t *counts, size_t n);

/* Every entry, in no particular order, with one scan of the table (a
 * warm start's metadata for 10,000 files: one statement, not 10,000):
 * fn(ctx, key, entry) for each; its strings live until fn returns. Stops
 * at fn's first nonzero return and returns it; else 0, ERR_DB or
 * ERR_NOMEM. */
typedef int (*cache_each_fn)(void *ctx, const char *key, const struct cache_entry *e);
int cache_each(struct cache *c, cache_each_fn fn, void *ctx);

/* Drop entries whose file no longer exists. The files of entries this
 * connection got (cache_get), stored or re-stated are taken as present:
 * the caller has just looked at them (a warm scan of 10,000 files need
 * not stat them twice). Returns how many, or ERR_DB. */
long cache_prune(struct cache *c);

/* Entries among ids[0, n) whose folded text holds folded (a folded,
 * non-empty query): hit[i] set to 1 or 0. Three characters or more use the
 * trigram index; shorter queries scan the cached folded text. 0 or ERR_DB. */
int cache_search(struct cache *c, const char *folded, const int64_t *ids, size_t n,
		 unsigned char *hit);

/* 1 if cache_search answers folded from the trigram index; 0 if it would
 * scan every text (then cache_body_if per entry costs the same, and
 * reads each text once, not twice, when the hits are read anyway). */
int cache_search_indexed(const char *folded);

#endif
