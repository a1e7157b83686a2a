#include "cache.h"

#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "find.h"

#define TEXT_OF_(x) #x
#define TEXT_OF(x) TEXT_OF_(x)

enum {
	Q_GET, Q_HASH, Q_OLD, Q_DEL_FILE, Q_DEL_TEXT, Q_DEL_BODY, Q_PUT, Q_PUT_TEXT, Q_PUT_BODY,
	Q_RESTAT, Q_COUNTS, Q_BODY, Q_RAW_TEXT, Q_SEARCH_TEXT, Q_SEARCH_BODY, NQ
};

static const char *const SQL[NQ] = {
	[Q_GET] = "SELECT id, size, mtime, fhash, title, source, author, date, inferred, chars,"
		  " len, thash, spec, counts, format FROM file WHERE path = ?1",
	[Q_HASH] = "SELECT id, size, mtime, fhash, title, source, author, date, inferred, chars,"
		   " len, thash, spec, counts, format, path FROM file WHERE fhash = ?1 AND size = ?2 LIMIT 1",
	[Q_OLD] = "SELECT id FROM file WHERE path = ?1",
	[Q_DEL_FILE] = "DELETE FROM file WHERE id = ?1",
	[Q_DEL_TEXT] = "DELETE FROM ftext WHERE rowid = ?1",
	[Q_DEL_BODY] = "DELETE FROM body WHERE id = ?1",
	[Q_PUT_BODY] = "INSERT INTO body (id, blob) VALUES (?1, ?2)",
	[Q_BODY] = "SELECT blob FROM body WHERE id = ?1",
	/* the FTS5 table's own copy of the text (its documented content
	 * table), read without going through the virtual table */
	[Q_RAW_TEXT] = "SELECT c0 FROM ftext_content WHERE id = ?1",
	/* cache_body_if's own two, whose answers it leaves in place */
	[Q_SEARCH_TEXT] = "SELECT c0 FROM ftext_content WHERE id = ?1",
	[Q_SEARCH_BODY] = "SELECT blob FROM body WHERE id = ?1",
	[Q_PUT] = "INSERT INTO file (path, size, mtime, fhash, title, source, author, date,"
		  " inferred, chars, len, thash, spec, counts, format)"
		  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
	[Q_PUT_TEXT] = "INSERT INTO ftext (rowid, text) VALUES (?1, ?2)",
	[Q_RESTAT] = "UPDATE file SET path = ?2, size = ?3, mtime = ?4 WHERE id = ?1",
	[Q_COUNTS] = "UPDATE file SET spec = ?2, counts = ?3 WHERE id = ?1",
};

struct cache {
	sqlite3 *db;
	sqlite3_stmt *q[NQ];
	char *path;
	int broken; /* a corrupt database was met: moved aside on close */
	/* entries whose file the caller has just looked at (cache_get,
	 * cache_put, cache_restat): cache_prune need not stat them again */
	int64_t *seen;
	size_t nseen, capseen;
	/* cache_preload: every entry by path, while nothing was written
	 * since (by this connection: any write drops it; by another: its
	 * data_version at the next cache_begin) */
	struct pre *pre;
	size_t npre;
	long long pre_version;
	int pre_out; /* outside a transaction since: not used until checked */
};

/* One entry of the preload: key and the entry's strings in one block,
 * which key points to. */
struct pre {
	char *key;
	struct cache_entry e;
};

/* cache_preload's fill: c->pre grows to cap entries. */
struct pre_fill {
	struct cache *c;
	size_t cap;
};

static void
saw(struct cache *c, int64_t id)
{
	if (c->nseen == c->capseen) {
		size_t cap = c->capseen ? c->capseen * 2 : 256;
		int64_t *v = realloc(c->seen, cap * sizeof *v);
		if (v == NULL)
			return; /* prune then stats this one too */
		c->seen = v;
		c->capseen = cap;
	}
	c->seen[c->nseen++] = id;
}

static void
pre_drop(struct cache *c)
{
	for (size_t i = 0; i < c->npre; i++)
		free(c->pre[i].key); /* the entry's strings too: one block */
	free(c->pre);
	c->pre = NULL;
	c->npre = 0;
	c->pre_out = 0;
}

static char *
xasprintf(const char *fmt, const char *a, const char *b)
{
	int n = snprintf(NULL, 0, fmt, a, b);
	char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (s)
		snprintf(s, (size_t)n + 1, fmt, a, b);
	return s;
}

/* The data directory as store.c finds it (notes.db lives there too). */
static char *
data_dir(const char *dir)
{
	if (dir)
		return strdup(dir);
	const char *e = getenv("DUWEN_DATA");
	if (e && *e)
		return strdup(e);
	e = getenv("XDG_DATA_HOME");
	if (e && e[0] == '/')
		return xasprintf("%s%s", e, "/duwen");
	e = getenv("HOME");
	if (e && *e)
		return xasprintf("%s%s", e, "/.local/share/duwen");
	return NULL;
}

static int
mkdirs(const char *dir)
{
	char buf[PATH_MAX];
	if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf)
		return -1;
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(buf, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

static long long
query_int(sqlite3 *db, const char *sql, int *ok)
{
	sqlite3_stmt *st;
	long long v = -1;
	*ok = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		v = sqlite3_column_int64(st, 0);
		*ok = 1;
	}
	sqlite3_finalize(st);
	return v;
}

/* The index's terms are kept in memory until 8 MiB of them (FTS5's
 * hashsize; 1 MiB by default), then written as one segment: an article's
 * text is a few thousand distinct trigrams, so at 1 MiB a cold scan wrote
 * a segment every ~20 articles and spent more time merging them than
 * reading the files (a cold --list of 1,000 articles: 2.43 -> 1.88 s of
 * CPU; 16 and 64 MiB gave no more). */
#define FTEXT_CONFIG "INSERT INTO ftext (ftext, rank) VALUES ('hashsize', 8388608);"

static const char SCHEMA[] =
	"CREATE TABLE file (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, size INTEGER,"
	" mtime INTEGER, fhash INTEGER, title TEXT, source TEXT, author TEXT, date TEXT,"
	 " inferred INTEGER, chars INTEGER, len INTEGER, thash INTEGER, spec TEXT, counts TEXT,"
	" format INTEGER);"
	"CREATE INDEX file_fhash ON file (fhash);"
	"CREATE VIRTUAL TABLE ftext USING fts5 (text, tokenize = 'trigram', detail = 'none');"
	FTEXT_CONFIG
	"CREATE TABLE body (id INTEGER PRIMARY KEY, blob BLOB);"
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);";

/* Everything in the cache came from one build's readers; another build may
 * read files differently, so its entries are dropped. */
static const char FORGET[] =
	"DROP TABLE file; DROP TABLE ftext; DROP TABLE body;"
	"CREATE TABLE body (id INTEGER PRIMARY KEY, blob BLOB);"
	"CREATE TABLE file (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, size INTEGER,"
	" mtime INTEGER, fhash INTEGER, title TEXT, source TEXT, author TEXT, date TEXT,"
	" inferred INTEGER, chars INTEGER, len INTEGER, thash INTEGER, spec TEXT, counts TEXT,"
	" format INTEGER);"
	"CREATE INDEX file_fhash ON file (fhash);"
	"CREATE VIRTUAL TABLE ftext USING fts5 (text, tokenize = 'trigram', detail = 'none');"
	FTEXT_CONFIG;

/* Drop every entry if they were made by another build than `build`. */
static int
check_build(sqlite3 *db, const char *build)
{
	sqlite3_stmt *st;
	int same = 0;
	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'build'", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *v = sqlite3_column_text(st, 0);
		same = v && strcmp((const char *)v, build) == 0;
	}
	sqlite3_finalize(st);
	if (same)
		return 0;
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_exec(db, FORGET, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO meta VALUES ('build', ?1)", -1, &st,
			       NULL) != SQLITE_OK) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	sqlite3_bind_text(st, 1, build, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

/* What is at path: 1 ours and current, 2 ours of another schema, 0 empty
 * (new), -1 anything else. */
static int
classify(sqlite3 *db)
{
	int ok1, ok2, ok3;
	long long app = query_int(db, "PRAGMA application_id", &ok1);
	long long ver = query_int(db, "PRAGMA user_version", &ok2);
	long long tables = query_int(db, "SELECT count(*) FROM sqlite_master", &ok3);
	if (!ok1 || !ok2 || !ok3)
		return -1;
	if (app == CACHE_APPLICATION_ID && ver == CACHE_SCHEMA_VERSION)
		return 1;
	if (app == 0 && ver == 0 && tables == 0)
		return 0;
	if (app == CACHE_APPLICATION_ID)
		return 2;
	return -1;
}

/* Create the schema in an empty database; another process may be doing the
 * same, so decide inside the write transaction. */
static int
init_schema(sqlite3 *db)
{
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	int k = classify(db);
	if (k == 1)
		return sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
	char sql[128];
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d;",
		 CACHE_APPLICATION_ID, CACHE_SCHEMA_VERSION);
	if (k != 0 || sqlite3_exec(db, SCHEMA, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

/* Move path (and its WAL files) aside to path.bad. */
static void
move_aside(const char *path)
{
	char bad[PATH_MAX + 8], side[PATH_MAX + 8];
	snprintf(bad, sizeof bad, "%s.bad", path);
	rename(path, bad);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

/* Remove path and its WAL files. */
static void
drop_file(const char *path)
{
	char side[PATH_MAX + 8];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

static int
try_open(const char *path, sqlite3 **out)
{
	sqlite3 *db = NULL;
	/* a connection is one thread's at a time: SQLite need not lock it */
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db, 5000);
	/* For a new file only (before WAL, which fixes it): an article's
	 * folded text and blob (12 and 5 KB on average) then sit in their
	 * table's leaf pages instead of chains of 4 KiB overflow pages, read
	 * one pread each. */
	sqlite3_exec(db, "PRAGMA page_size = " TEXT_OF(CACHE_PAGE_SIZE), NULL, NULL, NULL);
	sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	sqlite3_exec(db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
	*out = db;
	return 0;
}

int
cache_open(const char *dir, const char *build, struct cache **out, char **cause)
{
	*out = NULL;
	char *d = data_dir(dir);
	if (d == NULL) {
		*cause = strdup("no data directory: set HOME, XDG_DATA_HOME or DUWEN_DATA");
		return 0;
	}
	struct cache *c = calloc(1, sizeof *c);
	if (c == NULL || (c->path = xasprintf("%s%s", d, "/cache.db")) == NULL) {
		free(d);
		free(c);
		return ERR_NOMEM;
	}
	const char *why = NULL;
	if (mkdirs(d) < 0) {
		why = "cannot create the data directory";
		goto none;
	}
	for (int attempt = 0; attempt < 2; attempt++) {
		if (try_open(c->path, &c->db) < 0) {
			why = "cannot open it";
			goto none;
		}
		int k = classify(c->db);
		if (k == 1 || (k == 0 && init_schema(c->db) == 0)) {
			if (check_build(c->db, build) < 0) {
				why = "locked or read-only";
				goto none;
			}
			break;
		}
		/* Not ours, corrupt, or another schema: nothing in it is
		 * precious, but it is kept for a look as cache.db.bad. */
		sqlite3_close(c->db);
		c->db = NULL;
		if (attempt == 0 && k == 2 && access(c->path, W_OK) == 0)
			drop_file(c->path); /* ours, an older schema: nothing to keep */
		else if (attempt == 0 && access(c->path, W_OK) == 0)
			move_aside(c->path);
		else {
			why = "unusable (read-only, locked or not a cache)";
			goto none;
		}
	}
	for (int i = 0; i < NQ; i++) {
		if (sqlite3_prepare_v3(c->db, SQL[i], -1, SQLITE_PREPARE_PERSISTENT, &c->q[i], NULL) !=
		    SQLITE_OK) {
			why = sqlite3_errmsg(c->db);
			goto none;
		}
	}
	free(d);
	*out = c;
	return 0;
none:
	*cause = xasprintf("cache %s: %s", c->path, why);
	free(d);
	cache_close(c);
	return *cause ? 0 : ERR_NOMEM;
}

int
cache_open_more(const char *path, struct cache **out)
{
	*out = NULL;
	struct cache *c = calloc(1, sizeof *c);
	if (c == NULL || (c->path = strdup(path)) == NULL) {
		free(c);
		return ERR_NOMEM;
	}
	int rc = ERR_DB;
	if (access(path, W_OK) < 0 || try_open(c->path, &c->db) < 0)
		goto fail;
	for (int i = 0; i < NQ; i++)
		if (sqlite3_prepare_v3(c->db, SQL[i], -1, SQLITE_PREPARE_PERSISTENT, &c->q[i], NULL) !=
		    SQLITE_OK)
			goto fail;
	*out = c;
	return 0;
fail:
	cache_close(c);
	return rc;
}

void
cache_close(struct cache *c)
{
	if (c == NULL)
		return;
	for (int i = 0; i < NQ; i++)
		sqlite3_finalize(c->q[i]);
	sqlite3_close(c->db);
	if (c->broken)
		move_aside(c->path);
	pre_drop(c);
	free(c->seen);
	free(c->path);
	free(c);
}

const char *
cache_path(const struct cache *c)
{
	return c->path;
}

/* An SQLite result code as ours; a corrupt file is noted. */
static int
db_err(struct cache *c, int rc)
{
	if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
		c->broken = 1;
	return ERR_DB;
}

/* The preload is dropped if another connection wrote meanwhile. */
static void
pre_check(struct cache *c)
{
	int ok;
	if (c->pre && query_int(c->db, "PRAGMA data_version", &ok) != c->pre_version)
		pre_drop(c);
	c->pre_out = 0;
}

int
cache_begin(struct cache *c)
{
	int rc = sqlite3_exec(c->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return ERR_BUSY;
	if (rc != SQLITE_OK)
		return db_err(c, rc);
	pre_check(c);
	return 0;
}

void
cache_set_busy_ms(struct cache *c, int ms)
{
	if (c)
		sqlite3_busy_timeout(c->db, ms > 0 ? ms : 0);
}

int
cache_begin_read(struct cache *c)
{
	int rc = sqlite3_exec(c->db, "BEGIN", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return db_err(c, rc);
	pre_check(c);
	return 0;
}

int
cache_commit(struct cache *c)
{
	sqlite3_reset(c->q[Q_SEARCH_TEXT]);
	sqlite3_reset(c->q[Q_SEARCH_BODY]);
	c->pre_out = 1;
	int rc = sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
		return db_err(c, rc);
	}
	return 0;
}

void
cache_entry_clear(struct cache_entry *e)
{
	free(e->title);
	free(e->source);
	free(e->author);
	free(e->date);
	free(e->spec);
	memset(e, 0, sizeof *e);
}

static char *
col_str(sqlite3_stmt *st, int i, int *bad)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	if (s == NULL)
		return NULL;
	char *r = strdup((const char *)s);
	if (r == NULL)
		*bad = 1;
	return r;
}

/* The numbers of a row of the file table (the strings left NULL). */
static void
read_numbers(sqlite3_stmt *st, struct cache_entry *e)
{
	*e = (struct cache_entry){
		.id = sqlite3_column_int64(st, 0),
		.size = (uint64_t)sqlite3_column_int64(st, 1),
		.mtime_ns = sqlite3_column_int64(st, 2),
		.file_hash = (uint64_t)sqlite3_column_int64(st, 3),
		.title_inferred = sqlite3_column_int(st, 8),
		.chars = (size_t)sqlite3_column_int64(st, 9),
		.len = (size_t)sqlite3_column_int64(st, 10),
		.text_hash = (uint64_t)sqlite3_column_int64(st, 11),
		.format = sqlite3_column_int(st, 14),
	};
	const char *counts = (const char *)sqlite3_column_text(st, 13);
	while (counts && *counts && e->ncounts < CACHE_MAX_COUNTS) {
		char *end;
		e->counts[e->ncounts++] = strtoul(counts, &end, 10);
		counts = *end == ',' ? end + 1 : end;
		if (end == counts && *end)
			break;
	}
}

static int
read_entry(sqlite3_stmt *st, struct cache_entry *e)
{
	int bad = 0;
	read_numbers(st, e);
	e->title = col_str(st, 4, &bad);
	e->source = col_str(st, 5, &bad);
	e->author = col_str(st, 6, &bad);
	e->date = col_str(st, 7, &bad);
	e->spec = col_str(st, 12, &bad);
	if (bad || (e->spec == NULL && (e->spec = strdup("")) == NULL)) {
		cache_entry_clear(e);
		return ERR_NOMEM;
	}
	return 0;
}

static int
pre_cmp(const void *a, const void *b)
{
	return strcmp(((const struct pre *)a)->key, ((const struct pre *)b)->key);
}

static char *
dup_or_null(const char *s, int *bad)
{
	char *r = s ? strdup(s) : NULL;
	if (s && r == NULL)
		*bad = 1;
	return r;
}

/* The preloaded entry of key, copied to out. */
static int
pre_get(struct cache *c, const char *key, struct cache_entry *out)
{
	struct pre k = { (char *)key, { 0 } };
	const struct pre *p = bsearch(&k, c->pre, c->npre, sizeof *c->pre, pre_cmp);
	if (p == NULL)
		return ERR_NOTFOUND;
	int bad = 0;
	*out = p->e;
	out->title = dup_or_null(p->e.title, &bad);
	out->source = dup_or_null(p->e.source, &bad);
	out->author = dup_or_null(p->e.author, &bad);
	out->date = dup_or_null(p->e.date, &bad);
	out->spec = dup_or_null(p->e.spec, &bad);
	if (bad) {
		cache_entry_clear(out);
		return ERR_NOMEM;
	}
	saw(c, out->id);
	return 0;
}

/* cache_preload's cache_each: the entry and its key into one block (10,000
 * entries: not 60,000 mallocs). */
static int
pre_add(void *ctx, const char *key, const struct cache_entry *e)
{
	struct pre_fill *pf = ctx;
	struct cache *c = pf->c;
	if (c->npre == pf->cap) {
		size_t cap = pf->cap ? pf->cap * 2 : 1024;
		struct pre *v = realloc(c->pre, cap * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		c->pre = v;
		pf->cap = cap;
	}
	const char *v[6] = { key, e->title, e->source, e->author, e->date, e->spec };
	size_t len[6], total = 0;
	for (int k = 0; k < 6; k++) {
		len[k] = v[k] ? strlen(v[k]) : 0;
		total += len[k] + 1;
	}
	char *block = malloc(total), *w = block;
	if (block == NULL)
		return ERR_NOMEM;
	char *at[6];
	for (int k = 0; k < 6; k++) {
		at[k] = v[k] ? w : NULL; /* key and spec are never NULL */
		if (v[k])
			memcpy(w, v[k], len[k]);
		w[len[k]] = '\0';
		w += len[k] + 1;
	}
	struct pre *p = &c->pre[c->npre++];
	p->key = at[0];
	p->e = *e;
	p->e.title = at[1];
	p->e.source = at[2];
	p->e.author = at[3];
	p->e.date = at[4];
	p->e.spec = at[5];
	return 0;
}

int
cache_preload(struct cache *c)
{
	pre_drop(c);
	int ok;
	c->pre_version = query_int(c->db, "PRAGMA data_version", &ok);
	if (!ok)
		return ERR_DB;
	struct pre_fill pf = { c, 0 };
	int r = cache_each(c, pre_add, &pf);
	if (r < 0) {
		pre_drop(c);
		return r;
	}
	if (c->npre > 1)
		qsort(c->pre, c->npre, sizeof *c->pre, pre_cmp);
	if (c->pre == NULL && (c->pre = malloc(sizeof *c->pre)) == NULL)
		return ERR_NOMEM; /* none: an empty preload, which still answers */
	return 0;
}

int
cache_get(struct cache *c, const char *key, struct cache_entry *out)
{
	/* inside a transaction: no one else writes meanwhile */
	if (c->pre && !c->pre_out && !sqlite3_get_autocommit(c->db))
		return pre_get(c, key, out);
	sqlite3_stmt *st = c->q[Q_GET];
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	int r = rc == SQLITE_ROW ? read_entry(st, out) : rc == SQLITE_DONE ? ERR_NOTFOUND : db_err(c, rc);
	sqlite3_reset(st);
	if (r == 0)
		saw(c, out->id);
	return r;
}

int
cache_each(struct cache *c, cache_each_fn fn, void *ctx)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(c->db,
				    "SELECT id, size, mtime, fhash, title, source, author, date, inferred,"
				    " chars, len, thash, spec, counts, format, path FROM file",
				    -1, &st, NULL);
	if (rc != SQLITE_OK)
		return db_err(c, rc);
	int r = 0;
	while (r == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* the strings are SQLite's own, good until the next step */
		struct cache_entry e;
		read_numbers(st, &e);
		e.title = (char *)sqlite3_column_text(st, 4);
		e.source = (char *)sqlite3_column_text(st, 5);
		e.author = (char *)sqlite3_column_text(st, 6);
		e.date = (char *)sqlite3_column_text(st, 7);
		const unsigned char *spec = sqlite3_column_text(st, 12);
		const unsigned char *key = sqlite3_column_text(st, 15);
		e.spec = spec ? (char *)spec : "";
		r = fn(ctx, key ? (const char *)key : "", &e);
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = db_err(c, rc);
	sqlite3_finalize(st);
	return r;
}

int
cache_find_hash(struct cache *c, uint64_t size, uint64_t file_hash, struct cache_entry *out,
		char **key_out)
{
	sqlite3_stmt *st = c->q[Q_HASH];
	sqlite3_bind_int64(st, 1, (sqlite3_int64)file_hash);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)size);
	int rc = sqlite3_step(st);
	int r = rc == SQLITE_ROW ? read_entry(st, out) : rc == SQLITE_DONE ? ERR_NOTFOUND : db_err(c, rc);
	if (r == 0) {
		const unsigned char *p = sqlite3_column_text(st, 15);
		*key_out = strdup(p ? (const char *)p : "");
		if (*key_out == NULL) {
			cache_entry_clear(out);
			r = ERR_NOMEM;
		}
	}
	sqlite3_reset(st);
	return r;
}

/* Run a one-id statement. */
static int
run_id(struct cache *c, sqlite3_stmt *st, int64_t id)
{
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_err(c, rc);
}

static void
counts_text(char *buf, size_t cap, const size_t *counts, size_t n)
{
	size_t w = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && w < cap; i++)
		w += (size_t)snprintf(buf + w, cap - w, "%s%zu", i ? "," : "", counts[i]);
}

int
cache_put(struct cache *c, const char *key, const struct cache_entry *e, const char *folded,
	  size_t folded_len, const void *body, size_t body_len, int64_t *id)
{
	sqlite3_stmt *st = c->q[Q_OLD];
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	int64_t old = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_err(c, rc);
	pre_drop(c); /* written: the preload no longer knows */
	if (old >= 0 && (run_id(c, c->q[Q_DEL_TEXT], old) < 0 || run_id(c, c->q[Q_DEL_BODY], old) < 0 ||
			 run_id(c, c->q[Q_DEL_FILE], old) < 0))
		return ERR_DB;
	char counts[128];
	counts_text(counts, sizeof counts, e->counts, e->ncounts);
	st = c->q[Q_PUT];
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)e->size);
	sqlite3_bind_int64(st, 3, e->mtime_ns);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)e->file_hash);
	sqlite3_bind_text(st, 5, e->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, e->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, e->author, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, e->date, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 9, e->title_inferred);
	sqlite3_bind_int64(st, 10, (sqlite3_int64)e->chars);
	sqlite3_bind_int64(st, 11, (sqlite3_int64)e->len);
	sqlite3_bind_int64(st, 12, (sqlite3_int64)e->text_hash);
	sqlite3_bind_text(st, 13, e->spec ? e->spec : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 14, counts, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 15, e->format);
	rc = sqlite3_step(st);
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_err(c, rc);
	int64_t nid = sqlite3_last_insert_rowid(c->db);
	st = c->q[Q_PUT_TEXT];
	sqlite3_bind_int64(st, 1, nid);
	sqlite3_bind_text64(st, 2, folded, folded_len, SQLITE_STATIC, SQLITE_UTF8);
	rc = sqlite3_step(st);
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_err(c, rc);
	if (body) {
		st = c->q[Q_PUT_BODY];
		sqlite3_bind_int64(st, 1, nid);
		sqlite3_bind_blob64(st, 2, body, body_len, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_clear_bindings(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_err(c, rc);
	}
	*id = nid;
	saw(c, nid);
	return 0;
}

/* A malloc'd copy of column 0 of the row st finds for id (a NUL after it). */
static int
one_value(struct cache *c, sqlite3_stmt *st, int64_t id, int text, void **out, size_t *n)
{
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st), r = 0;
	if (rc == SQLITE_ROW) {
		const void *v = text ? (const void *)sqlite3_column_text(st, 0) : sqlite3_column_blob(st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 0);
		char *m = malloc(len + 1);
		if (m == NULL) {
			r = ERR_NOMEM;
		} else {
			if (len)
				memcpy(m, v, len);
			m[len] = '\0';
			*out = m;
			*n = len;
		}
	} else {
		r = rc == SQLITE_DONE ? ERR_NOTFOUND : db_err(c, rc);
	}
	sqlite3_reset(st);
	return r;
}

int
cache_body(struct cache *c, int64_t id, void **body, size_t *body_len, char **folded,
	   size_t *folded_len)
{
	void *b = NULL, *f = NULL;
	int rc = one_value(c, c->q[Q_BODY], id, 0, &b, body_len);
	if (rc == 0)
		rc = one_value(c, c->q[Q_RAW_TEXT], id, 1, &f, folded_len);
	if (rc < 0) {
		free(b);
		return rc;
	}
	*body = b;
	*folded = f;
	return 0;
}

int
cache_body_if(struct cache *c, int64_t id, const char *needle, size_t len, const void **body,
	      size_t *body_len, const char **folded, size_t *folded_len)
{
	sqlite3_stmt *st = c->q[Q_SEARCH_TEXT], *sb = c->q[Q_SEARCH_BODY];
	sqlite3_reset(st); /* the previous answer's buffers go */
	sqlite3_reset(sb);
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? ERR_NOTFOUND : db_err(c, rc);
	const char *t = (const char *)sqlite3_column_text(st, 0);
	size_t n = (size_t)sqlite3_column_bytes(st, 0);
	if (t == NULL || find_bytes(t, n, needle, len) == NULL) {
		sqlite3_reset(st); /* nothing kept: the text goes now */
		return 0;
	}
	/* only now the blob's pages are read */
	sqlite3_bind_int64(sb, 1, id);
	rc = sqlite3_step(sb);
	const void *b = rc == SQLITE_ROW ? sqlite3_column_blob(sb, 0) : NULL;
	if (b == NULL) {
		/* no answer to keep: the folded text (61 MB of a 64 MiB file,
		 * whose article is not kept whole) goes now, not at the next call */
		sqlite3_reset(st);
		sqlite3_reset(sb);
		return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_NOTFOUND : db_err(c, rc);
	}
	*body = b;
	*body_len = (size_t)sqlite3_column_bytes(sb, 0);
	*folded = t;
	*folded_len = n;
	return 1;
}

int
cache_restat(struct cache *c, int64_t id, const char *key, uint64_t size, int64_t mtime_ns)
{
	/* a touched file keeps its preloaded entry, told its new time;
	 * a renamed one (a new key) drops the preload */
	struct pre k = { (char *)key, { 0 } }, *p = NULL;
	if (c->pre && ((p = bsearch(&k, c->pre, c->npre, sizeof *c->pre, pre_cmp)) == NULL ||
		       p->e.id != id))
		pre_drop(c), p = NULL;
	sqlite3_stmt *st = c->q[Q_RESTAT];
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)size);
	sqlite3_bind_int64(st, 4, mtime_ns);
	int rc = sqlite3_step(st);
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		saw(c, id);
		if (p) {
			p->e.size = size;
			p->e.mtime_ns = mtime_ns;
		}
	} else {
		pre_drop(c);
	}
	return rc == SQLITE_DONE ? 0 : db_err(c, rc);
}

int
cache_set_counts(struct cache *c, int64_t id, const char *spec, const size_t *counts, size_t n)
{
	char buf[128];
	counts_text(buf, sizeof buf, counts, n < CACHE_MAX_COUNTS ? n : CACHE_MAX_COUNTS);
	pre_drop(c);
	sqlite3_stmt *st = c->q[Q_COUNTS];
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, spec, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, buf, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_err(c, rc);
}

static int
i64_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* Entry id of file p is gone if the scan did not look at it and p does
 * not exist: added to *gone. 0 or ERR_NOMEM. */
static int
prune_one(struct cache *c, int64_t id, const char *p, int64_t **gone, size_t *n, size_t *cap)
{
	struct stat sb;
	if (c->nseen && bsearch(&id, c->seen, c->nseen, sizeof *c->seen, i64_cmp))
		return 0; /* its file was looked at in this scan */
	if (p == NULL || stat(p, &sb) == 0 || errno != ENOENT)
		return 0;
	if (*n == *cap) {
		size_t k = *cap ? *cap * 2 : 64;
		int64_t *v = realloc(*gone, k * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		*gone = v;
		*cap = k;
	}
	(*gone)[(*n)++] = id;
	return 0;
}

long
cache_prune(struct cache *c)
{
	if (c->nseen)
		qsort(c->seen, c->nseen, sizeof *c->seen, i64_cmp);
	int64_t *gone = NULL;
	size_t n = 0, cap = 0;
	long r = 0;
	if (c->pre && !c->pre_out && !sqlite3_get_autocommit(c->db)) {
		/* the preload is every entry (as cache_get trusts it): the
		 * table need not be read again */
		for (size_t i = 0; i < c->npre && r == 0; i++)
			r = prune_one(c, c->pre[i].e.id, c->pre[i].key, &gone, &n, &cap);
	} else {
		sqlite3_stmt *st;
		int rc = sqlite3_prepare_v2(c->db, "SELECT id, path FROM file", -1, &st, NULL);
		if (rc != SQLITE_OK)
			return db_err(c, rc);
		while (r == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW)
			r = prune_one(c, sqlite3_column_int64(st, 0),
				      (const char *)sqlite3_column_text(st, 1), &gone, &n, &cap);
		if (r == 0 && rc != SQLITE_DONE)
			r = db_err(c, rc);
		sqlite3_finalize(st);
	}
	if (n)
		pre_drop(c);
	for (size_t i = 0; r == 0 && i < n; i++)
		if (run_id(c, c->q[Q_DEL_TEXT], gone[i]) < 0 || run_id(c, c->q[Q_DEL_BODY], gone[i]) < 0 ||
		    run_id(c, c->q[Q_DEL_FILE], gone[i]) < 0)
			r = ERR_DB;
	free(gone);
	return r < 0 ? r : (long)n;
}

struct id_at {
	int64_t id;
	size_t at;
};

static int
id_cmp(const void *a, const void *b)
{
	const struct id_at *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Characters (code points) in s. */
static size_t
cps(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int
cache_search_indexed(const char *folded)
{
	return cps(folded) >= 3 && strpbrk(folded, "%_") == NULL;
}

int
cache_search(struct cache *c, const char *folded, const int64_t *ids, size_t n, unsigned char *hit)
{
	memset(hit, 0, n);
	struct id_at *v = malloc((n ? n : 1) * sizeof *v);
	if (v == NULL)
		return ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		v[i] = (struct id_at){ ids[i], i };
	qsort(v, n, sizeof *v, id_cmp);
	/* The trigram index answers LIKE for three characters or more (ASCII
	 * case-insensitively: a superset, which the caller's search narrows);
	 * shorter queries, or ones holding LIKE's own % and _, scan the
	 * cached folded text. */
	int like = cache_search_indexed(folded);
	char *pat = like ? xasprintf("%%%s%s", folded, "%") : NULL;
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(c->db,
				    like ? "SELECT rowid FROM ftext WHERE text LIKE ?1"
					 : "SELECT rowid FROM ftext WHERE instr(text, ?1) > 0",
				    -1, &st, NULL);
	if (rc != SQLITE_OK || (like && pat == NULL)) {
		free(v);
		free(pat);
		sqlite3_finalize(st);
		return rc != SQLITE_OK ? db_err(c, rc) : ERR_NOMEM;
	}
	sqlite3_bind_text(st, 1, like ? pat : folded, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct id_at key = { sqlite3_column_int64(st, 0), 0 };
		struct id_at *f = bsearch(&key, v, n, sizeof *v, id_cmp);
		if (f)
			hit[f->at] = 1;
	}
	sqlite3_finalize(st);
	free(pat);
	free(v);
	return rc == SQLITE_DONE ? 0 : db_err(c, rc);
}
