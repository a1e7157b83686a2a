/* store_place: reading places in notes.db's position table: one article's
 * place by path or hash, a place saved, and every place read with one query
 * into a map (store.h). Rows of older schemas read as pct -1, not finished. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "store_int.h"

/* The columns every query of this file reads, for the open schema: path,
 * off, hash, modified, pct, finished. */
static const char *
columns(const struct store *s)
{
	if (s->version >= 3)
		return "SELECT path, off, hash, modified, pct, finished FROM position";
	if (s->version >= 2)
		return "SELECT path, off, hash, modified, -1, 0 FROM position";
	return "SELECT path, off, '', modified, -1, 0 FROM position";
}

static void
hash_hex(uint64_t hash, char hex[17])
{
	snprintf(hex, 17, "%016llx", (unsigned long long)hash);
}

static uint64_t
hex_hash(const unsigned char *t)
{
	if (t == NULL || t[0] == 0)
		return 0;
	char *end;
	unsigned long long v = strtoull((const char *)t, &end, 16);
	return *end == 0 ? (uint64_t)v : 0;
}

/* A row's place; 0, or -1 if its offset is not one (negative). */
static int
row_place(sqlite3_stmt *st, struct store_place *out)
{
	long long off = sqlite3_column_int64(st, 1);
	if (off < 0)
		return -1;
	long long pct = sqlite3_column_int64(st, 4);
	out->off = (size_t)off;
	out->pct = pct >= 0 && pct <= 100 ? (int)pct : -1;
	out->finished = sqlite3_column_int64(st, 5) != 0;
	return 0;
}

/* The first row of sql with text parameter arg. */
static int
find_one(struct store *s, const char *where, const char *arg, struct store_place *out)
{
	char sql[256];
	snprintf(sql, sizeof sql, "%s %s", columns(s), where);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return ERR_DB;
	sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	struct store_place p;
	if (rc == SQLITE_ROW)
		rc = row_place(st, &p) == 0 ? 0 : ERR_NOTFOUND;
	else
		rc = rc == SQLITE_DONE ? ERR_NOTFOUND : ERR_DB;
	sqlite3_finalize(st);
	if (rc == 0)
		*out = p;
	return rc;
}

int
store_find_place(struct store *s, const char *path, uint64_t hash, struct store_place *out)
{
	if (s == NULL || s->db == NULL || s->version < 1)
		return ERR_NOTFOUND;
	int rc = find_one(s, "WHERE path=?", path, out);
	if (rc != ERR_NOTFOUND || hash == 0 || s->version < 2)
		return rc;
	char hex[17];
	hash_hex(hash, hex);
	return find_one(s, "WHERE hash=? ORDER BY modified DESC LIMIT 1", hex, out);
}

/* Upsert path's row; set is the SET clause for an existing row. */
static int
upsert(struct store *s, const char *path, uint64_t hash, const struct store_place *p,
       const char *set)
{
	if (s == NULL || s->ro || s->db == NULL)
		return s ? store_int_refuse(s, "reading position") : ERR_READONLY;
	char hex[17] = "";
	if (hash)
		hash_hex(hash, hex);
	char now[32];
	store_now_iso(now, sizeof now);
	char sql[512];
	snprintf(sql, sizeof sql,
		 "INSERT INTO position(path, off, modified, hash, pct, finished)"
		 " VALUES(?,?,?,?,?,?) ON CONFLICT(path) DO UPDATE SET %s", set);
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_int_fail(s, rc, "reading position");
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)p->off);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, hex, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 5, p->pct >= 0 && p->pct <= 100 ? p->pct : -1);
	sqlite3_bind_int(st, 6, p->finished != 0);
	rc = sqlite3_step(st); /* autocommit: one statement, one transaction */
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_int_fail(s, rc, "reading position");
	s->err[0] = 0;
	return 0;
}

int
store_set_place(struct store *s, const char *path, uint64_t hash, const struct store_place *p)
{
	return upsert(s, path, hash, p,
		      "off=excluded.off, modified=excluded.modified, hash=excluded.hash,"
		      " pct=excluded.pct, finished=excluded.finished");
}

int
store_get_position(struct store *s, const char *path, size_t *off)
{
	return store_find_position(s, path, 0, off);
}

int
store_find_position(struct store *s, const char *path, uint64_t hash, size_t *off)
{
	struct store_place p;
	int rc = store_find_place(s, path, hash, &p);
	if (rc == 0)
		*off = p.off;
	return rc;
}

int
store_set_position(struct store *s, const char *path, size_t off)
{
	return store_set_position_hash(s, path, 0, off);
}

int
store_set_position_hash(struct store *s, const char *path, uint64_t hash, size_t off)
{
	struct store_place p = { off, -1, 0 };
	return upsert(s, path, hash, &p,
		      "off=excluded.off, modified=excluded.modified, hash=excluded.hash");
}

/* ---- every place at once ---- */

struct place_row {
	size_t path;        /* offset into the map's names */
	uint64_t hash;      /* 0: none */
	char modified[24];
	struct store_place p;
};

struct store_places {
	struct place_row *v;
	size_t n, cap;
	char *names;        /* the paths, NUL-terminated one after another */
	size_t nnames, capnames;
	size_t *byhash;     /* rows with a hash: by hash, the newest first */
	size_t nhash;
};

static int
by_path(const void *x, const void *y, void *ctx)
{
	const struct store_places *m = ctx;
	const struct place_row *a = x, *b = y;
	return strcmp(m->names + a->path, m->names + b->path);
}

static int
by_hash(const void *x, const void *y, void *ctx)
{
	const struct store_places *m = ctx;
	const struct place_row *a = &m->v[*(const size_t *)x], *b = &m->v[*(const size_t *)y];
	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	int c = strcmp(b->modified, a->modified); /* the newest first */
	return c ? c : strcmp(m->names + a->path, m->names + b->path);
}

static int
push_row(struct store_places *m, const char *path, uint64_t hash, const char *modified,
	 const struct store_place *p)
{
	size_t len = strlen(path) + 1;
	if (m->nnames + len > m->capnames) {
		size_t cap = m->capnames ? m->capnames * 2 : 4096;
		while (cap < m->nnames + len)
			cap *= 2;
		char *t = realloc(m->names, cap);
		if (t == NULL)
			return ERR_NOMEM;
		m->names = t;
		m->capnames = cap;
	}
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		struct place_row *t = realloc(m->v, cap * sizeof *t);
		if (t == NULL)
			return ERR_NOMEM;
		m->v = t;
		m->cap = cap;
	}
	struct place_row *r = &m->v[m->n++];
	memcpy(m->names + m->nnames, path, len);
	r->path = m->nnames;
	m->nnames += len;
	r->hash = hash;
	snprintf(r->modified, sizeof r->modified, "%s", modified);
	r->p = *p;
	return 0;
}

/* Sort the rows by path and index those with a hash. */
static int
index_rows(struct store_places *m)
{
	if (m->n > 1)
		qsort_r(m->v, m->n, sizeof *m->v, by_path, m);
	m->byhash = malloc((m->n ? m->n : 1) * sizeof *m->byhash);
	if (m->byhash == NULL)
		return ERR_NOMEM;
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].hash)
			m->byhash[m->nhash++] = i;
	if (m->nhash > 1)
		qsort_r(m->byhash, m->nhash, sizeof *m->byhash, by_hash, m);
	return 0;
}

int
store_places_read(struct store *s, struct store_places **out)
{
	*out = NULL;
	struct store_places *m = calloc(1, sizeof *m);
	if (m == NULL)
		return ERR_NOMEM;
	int rc = 0;
	if (s && s->db && s->version >= 1) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(s->db, columns(s), -1, &st, NULL) != SQLITE_OK) {
			store_places_free(m);
			return ERR_DB;
		}
		int step;
		while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
			const unsigned char *path = sqlite3_column_text(st, 0);
			const unsigned char *mod = sqlite3_column_text(st, 3);
			struct store_place p;
			if (path == NULL || row_place(st, &p) < 0)
				continue;
			rc = push_row(m, (const char *)path, hex_hash(sqlite3_column_text(st, 2)),
				      mod ? (const char *)mod : "", &p);
		}
		if (rc == 0 && step != SQLITE_DONE)
			rc = ERR_DB;
		sqlite3_finalize(st);
	}
	if (rc == 0)
		rc = index_rows(m);
	if (rc < 0) {
		store_places_free(m);
		return rc;
	}
	*out = m;
	return 0;
}

int
store_places_find(const struct store_places *m, const char *path, uint64_t hash,
		  struct store_place *out)
{
	if (m == NULL)
		return ERR_NOTFOUND;
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(m->names + m->v[mid].path, path);
		if (c == 0) {
			*out = m->v[mid].p;
			return 0;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (hash == 0)
		return ERR_NOTFOUND;
	lo = 0, hi = m->nhash;
	while (lo < hi) { /* the first row of that hash: the newest */
		size_t mid = lo + (hi - lo) / 2;
		if (m->v[m->byhash[mid]].hash < hash)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == m->nhash || m->v[m->byhash[lo]].hash != hash)
		return ERR_NOTFOUND;
	*out = m->v[m->byhash[lo]].p;
	return 0;
}

size_t
store_places_count(const struct store_places *m)
{
	return m ? m->n : 0;
}

void
store_places_free(struct store_places *m)
{
	if (m == NULL)
		return;
	free(m->v);
	free(m->names);
	free(m->byhash);
	free(m);
}
