/* store_int: what store.c, store_annot.c and store_file.c share; not for
 * other modules. */
#ifndef DUWEN_STORE_INT_H
#define DUWEN_STORE_INT_H

#include <sqlite3.h>
#include <stddef.h>

#include "store.h"

struct store {
	sqlite3 *db;    /* NULL: no database at all (every call a no-op) */
	int ro;         /* writes refused */
	int version;    /* schema version of the open database */
	char *path;     /* DIR/notes.db */
	char err[256];  /* last write failure, for store_error */
	long long data_version;
};

/* Record why a statement failed (rc from sqlite) in s->err; returns the
 * err_code to hand back (ERR_READONLY or ERR_DB). */
int store_int_fail(struct store *s, int rc, const char *what);

/* Record that a write of `what` was refused (read-only store) in s->err;
 * returns ERR_READONLY. */
int store_int_refuse(struct store *s, const char *what);

/* An integer from a one-row PRAGMA or query; -1 on error. */
long long store_int_query(sqlite3 *db, const char *sql);

/* Run the schema steps from version `from` to STORE_SCHEMA_VERSION and
 * mark the database as duwen's (application_id, user_version), inside the
 * caller's transaction. An SQLite result code. */
int store_int_schema(sqlite3 *db, int from);

/* What is at a notes.db path, as far as duwen may touch it. */
enum store_file_kind {
	STORE_FILE_MISSING,    /* nothing: duwen may create it */
	STORE_FILE_OURS,       /* a sound duwen database */
	STORE_FILE_FOREIGN,    /* not duwen's (an empty file too): never written */
	STORE_FILE_CORRUPT,    /* damaged: never written */
	STORE_FILE_UNREADABLE, /* permissions, a lock, an I/O error */
};

/* How a read-only connection reads the file. */
enum store_ro_how {
	STORE_RO_PLAIN,     /* mode=ro: sees other processes' commits */
	STORE_RO_IMMUTABLE, /* immutable=1: no -wal, and no -shm could be made */
	STORE_RO_SNAPSHOT,  /* an in-memory copy (a -wal but no usable -shm) */
};

/* Look at path without writing to it or beside it. STORE_FILE_OURS: *ro is
 * a read-only connection (store_int_open_ro), *version its user_version,
 * *how how it reads. Otherwise why (cap bytes) says what it is. */
enum store_file_kind store_int_check(const char *path, int busy_ms, sqlite3 **ro,
				     int *version, int *how, char *why, size_t cap);

/* A read-only connection to path: mode=ro, else (no -wal) immutable=1,
 * else an in-memory snapshot; prefer_immutable tries immutable=1 first
 * when there is no -wal. *how says which. An SQLite result code. */
int store_int_open_ro(const char *path, int busy_ms, int prefer_immutable, sqlite3 **out,
		      int *how);

/* Make path (in dir) a new duwen database: built whole under a temporary
 * name, then linked into place, so that a crash leaves either nothing or
 * a complete database. If another process made it first, theirs is kept.
 * 0, or -1 with why set. */
int store_int_create(const char *dir, const char *path, char *why, size_t cap);

#endif
