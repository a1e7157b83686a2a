/* store_annot: annotation records in notes.db (see store.h). Every change
 * is one transaction (one statement, or a check and an insert), so a crash
 * loses at most it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "store.h"
#include "store_int.h"

#define COLUMNS "id, path, hash, start, end, quote, prefix, suffix, note, colour," \
		" created, modified, deleted, orphan"

void
store_annot_clear(struct store_annot *a)
{
	free(a->path);
	free(a->quote);
	free(a->prefix);
	free(a->suffix);
	free(a->note);
	memset(a, 0, sizeof *a);
}

void
store_annot_list_free(struct store_annot_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		store_annot_clear(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

static char *
dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

int
store_annot_copy(struct store_annot *dst, const struct store_annot *src)
{
	struct store_annot a = *src;
	a.path = dup_or_empty(src->path);
	a.quote = dup_or_empty(src->quote);
	a.prefix = dup_or_empty(src->prefix);
	a.suffix = dup_or_empty(src->suffix);
	a.note = dup_or_empty(src->note);
	if (!a.path || !a.quote || !a.prefix || !a.suffix || !a.note) {
		store_annot_clear(&a);
		return ERR_NOMEM;
	}
	*dst = a;
	return 0;
}

static void
hash_hex(uint64_t h, char buf[17])
{
	snprintf(buf, 17, "%016llx", (unsigned long long)h);
}

static void
copy_text(char *dst, size_t cap, const unsigned char *src)
{
	snprintf(dst, cap, "%s", src ? (const char *)src : "");
}

/* One row (in COLUMNS order) into *a; 0 or ERR_NOMEM. */
static int
row_to_annot(sqlite3_stmt *st, struct store_annot *a)
{
	struct store_annot r = { 0 };
	r.id = sqlite3_column_int64(st, 0);
	r.path = dup_or_empty((const char *)sqlite3_column_text(st, 1));
	const char *h = (const char *)sqlite3_column_text(st, 2);
	r.hash = h ? strtoull(h, NULL, 16) : 0;
	long long start = sqlite3_column_int64(st, 3), end = sqlite3_column_int64(st, 4);
	r.start = start > 0 ? (size_t)start : 0;
	r.end = end > start ? (size_t)end : r.start;
	r.quote = dup_or_empty((const char *)sqlite3_column_text(st, 5));
	r.prefix = dup_or_empty((const char *)sqlite3_column_text(st, 6));
	r.suffix = dup_or_empty((const char *)sqlite3_column_text(st, 7));
	r.note = dup_or_empty((const char *)sqlite3_column_text(st, 8));
	copy_text(r.colour, sizeof r.colour, sqlite3_column_text(st, 9));
	copy_text(r.created, sizeof r.created, sqlite3_column_text(st, 10));
	copy_text(r.modified, sizeof r.modified, sqlite3_column_text(st, 11));
	r.deleted = sqlite3_column_int(st, 12) != 0;
	r.orphan = sqlite3_column_int(st, 13) != 0;
	if (!r.path || !r.quote || !r.prefix || !r.suffix || !r.note) {
		store_annot_clear(&r);
		return ERR_NOMEM;
	}
	*a = r;
	return 0;
}

static int
writable(struct store *s, const char *what)
{
	if (s == NULL)
		return ERR_READONLY;
	if (s->ro || s->db == NULL || s->version < 2) {
		snprintf(s->err, sizeof s->err, "%s: store is read-only; not saved", what);
		return ERR_READONLY;
	}
	return 0;
}

/* Step a prepared write statement to completion in autocommit mode (one
 * statement, one transaction); 0, ERR_NOTFOUND if it changed no row. */
static int
run_write(struct store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_int_fail(s, rc, what);
	s->err[0] = 0;
	return sqlite3_changes(s->db) > 0 ? 0 : ERR_NOTFOUND;
}

/* The INSERT of store_annot_add, in whatever transaction is open. */
static int
insert(struct store *s, struct store_annot *a)
{
	char now[32], hex[17];
	store_now_iso(now, sizeof now);
	hash_hex(a->hash, hex);
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db,
				    "INSERT INTO annotation(path, hash, start, end, quote, prefix, suffix,"
				    " note, colour, created, modified, deleted, orphan)"
				    " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)",
				    -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_int_fail(s, rc, "note");
	const char *created = a->created[0] ? a->created : now;
	const char *modified = a->modified[0] ? a->modified : created;
	sqlite3_bind_text(st, 1, a->path, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, hex, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)a->start);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)a->end);
	sqlite3_bind_text(st, 5, a->quote, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, a->prefix ? a->prefix : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, a->suffix ? a->suffix : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, a->note ? a->note : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 9, a->colour, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 10, created, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 11, modified, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 12, a->deleted != 0);
	sqlite3_bind_int(st, 13, a->orphan != 0);
	rc = run_write(s, st, "note");
	if (rc < 0)
		return rc;
	a->id = sqlite3_last_insert_rowid(s->db);
	if (created == now)
		snprintf(a->created, sizeof a->created, "%s", now);
	if (modified == now)
		snprintf(a->modified, sizeof a->modified, "%s", now);
	return 0;
}

int
store_annot_add(struct store *s, struct store_annot *a)
{
	int rc = writable(s, "note");
	if (rc < 0)
		return rc;
	if (a->path == NULL || a->quote == NULL || a->path[0] == 0)
		return ERR_INVAL;
	return insert(s, a);
}

/* 1 if a live annotation with a's path, quote and note is stored, 0 if
 * not, else an SQLite error code (negated). */
static int
stored(struct store *s, const struct store_annot *a)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db,
				    "SELECT 1 FROM annotation WHERE path=? AND quote=? AND note=?"
				    " AND deleted=0 LIMIT 1",
				    -1, &st, NULL);
	if (rc != SQLITE_OK)
		return -rc;
	sqlite3_bind_text(st, 1, a->path, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, a->quote, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, a->note ? a->note : "", -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -rc;
}

/* A write transaction (IMMEDIATE: the write lock from the start). */
static int
tx_begin(struct store *s, const char *what)
{
	int rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : store_int_fail(s, rc, what);
}

/* Commit the transaction if rc is 0, else (or if the commit fails) roll
 * it back; the outcome. */
static int
tx_end(struct store *s, int rc, const char *what)
{
	if (rc == 0 && (rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK)
		rc = store_int_fail(s, rc, what);
	if (rc < 0)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc < 0 ? rc : 0;
}

int
store_annot_add_unique_many(struct store *s, struct store_annot *v, size_t n, unsigned char *dup)
{
	int rc = writable(s, "note");
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < n; i++)
		if (v[i].path == NULL || v[i].quote == NULL || v[i].path[0] == 0)
			return ERR_INVAL;
	/* IMMEDIATE: the write lock before the checks, so that no other
	 * process can insert the same note between a check and ours. */
	if ((rc = tx_begin(s, "note")) < 0)
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++) {
		int have = stored(s, &v[i]);
		if (have < 0)
			rc = store_int_fail(s, -have, "note");
		else if (have == 0)
			rc = insert(s, &v[i]);
		dup[i] = have == 1;
	}
	return tx_end(s, rc, "note");
}

int
store_annot_add_unique(struct store *s, struct store_annot *a)
{
	unsigned char dup = 0;
	int rc = store_annot_add_unique_many(s, a, 1, &dup);
	return rc < 0 ? rc : dup;
}

int
store_annot_update(struct store *s, struct store_annot *a)
{
	int rc = writable(s, "note");
	if (rc < 0)
		return rc;
	char now[32];
	store_now_iso(now, sizeof now);
	sqlite3_stmt *st;
	rc = sqlite3_prepare_v2(s->db,
				"UPDATE annotation SET note=?, colour=?, modified=? WHERE id=?",
				-1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_int_fail(s, rc, "note");
	sqlite3_bind_text(st, 1, a->note ? a->note : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, a->colour, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, a->id);
	rc = run_write(s, st, "note");
	if (rc == 0)
		snprintf(a->modified, sizeof a->modified, "%s", now);
	return rc;
}

int
store_annot_set_anchor(struct store *s, int64_t id, const char *path, uint64_t hash,
		       size_t start, size_t end, int orphan)
{
	int rc = writable(s, "anchor");
	if (rc < 0)
		return rc;
	char hex[17];
	hash_hex(hash, hex);
	sqlite3_stmt *st;
	rc = sqlite3_prepare_v2(s->db,
				"UPDATE annotation SET path=?, hash=?, start=?, end=?, orphan=?"
				" WHERE id=?",
				-1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_int_fail(s, rc, "anchor");
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, hex, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)start);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)end);
	sqlite3_bind_int(st, 5, orphan != 0);
	sqlite3_bind_int64(st, 6, id);
	return run_write(s, st, "anchor");
}

int
store_annot_set_anchors(struct store *s, struct store_annot *const *v, size_t n)
{
	int rc = writable(s, "anchor");
	if (rc < 0 || n == 0)
		return rc;
	if ((rc = tx_begin(s, "anchor")) < 0)
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = store_annot_set_anchor(s, v[i]->id, v[i]->path, v[i]->hash, v[i]->start,
					    v[i]->end, v[i]->orphan);
		if (rc == ERR_NOTFOUND) /* deleted meanwhile by another duwen */
			rc = 0;
	}
	return tx_end(s, rc, "anchor");
}

static int
set_deleted(struct store *s, int64_t id, int deleted)
{
	int rc = writable(s, deleted ? "delete" : "undo");
	if (rc < 0)
		return rc;
	sqlite3_stmt *st;
	rc = sqlite3_prepare_v2(s->db, "UPDATE annotation SET deleted=? WHERE id=?", -1, &st,
				NULL);
	if (rc != SQLITE_OK)
		return store_int_fail(s, rc, deleted ? "delete" : "undo");
	sqlite3_bind_int(st, 1, deleted);
	sqlite3_bind_int64(st, 2, id);
	return run_write(s, st, deleted ? "delete" : "undo");
}

int
store_annot_delete(struct store *s, int64_t id)
{
	return set_deleted(s, id, 1);
}

int
store_annot_undelete(struct store *s, int64_t id)
{
	return set_deleted(s, id, 0);
}

int
store_annot_get(struct store *s, int64_t id, struct store_annot *out)
{
	if (s == NULL || s->db == NULL || s->version < 2)
		return ERR_NOTFOUND;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT " COLUMNS " FROM annotation WHERE id=?", -1, &st,
			       NULL) != SQLITE_OK)
		return ERR_DB;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = row_to_annot(st, out);
	else
		rc = rc == SQLITE_DONE ? ERR_NOTFOUND : ERR_DB;
	sqlite3_finalize(st);
	return rc;
}

int
store_annot_list(struct store *s, const char *path, int with_deleted,
		 struct store_annot_list *out)
{
	if (s == NULL || s->db == NULL || s->version < 2)
		return 0;
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT " COLUMNS " FROM annotation WHERE %s%s ORDER BY id",
		 path ? "path=?" : "1", with_deleted ? "" : " AND deleted=0");
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return ERR_DB;
	if (path)
		sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == out->cap) {
			size_t cap = out->cap ? out->cap * 2 : 16;
			struct store_annot *v = realloc(out->v, cap * sizeof *v);
			if (v == NULL) {
				sqlite3_finalize(st);
				return ERR_NOMEM;
			}
			out->v = v;
			out->cap = cap;
		}
		if (row_to_annot(st, &out->v[out->n]) < 0) {
			sqlite3_finalize(st);
			return ERR_NOMEM;
		}
		out->n++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : ERR_DB;
}
