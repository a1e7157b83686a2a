/* store: opening, validating and migrating notes.db. Reading positions are
 * in store_place.c, annotations in store_annot.c. */
#include "store.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "err.h"
#include "store_int.h"

void
store_now_iso(char *buf, size_t cap)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	if (strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0 && cap > 0)
		buf[0] = 0;
}

static char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = NULL;
	if (vasprintf(&p, fmt, ap) < 0)
		p = NULL;
	va_end(ap);
	return p;
}

int
store_int_fail(struct store *s, int rc, const char *what)
{
	const char *why;
	int code = ERR_DB;
	switch (rc & 0xff) {
	case SQLITE_FULL: why = "disk full"; break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED: why = "database is locked by another program"; break;
	case SQLITE_READONLY: why = "database is read-only"; code = ERR_READONLY; break;
	case SQLITE_IOERR: why = "input/output error"; break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB: why = "database is corrupt"; break;
	case SQLITE_CANTOPEN: why = "cannot open the database file"; break;
	default: why = s->db ? sqlite3_errmsg(s->db) : "no database"; break;
	}
	snprintf(s->err, sizeof s->err, "%s: %s; not saved", what, why);
	return code;
}

int
store_int_refuse(struct store *s, const char *what)
{
	snprintf(s->err, sizeof s->err, "%s: store is read-only; not saved", what);
	return ERR_READONLY;
}

/* mkdir -p with mode 0700 for the parts it creates. 0 or -1 (errno). */
static int
mkdirs(const char *dir)
{
	char *p = strdup(dir);
	if (p == NULL)
		return -1;
	for (char *q = p + 1;; q++) {
		if (*q == '/' || *q == 0) {
			char c = *q;
			*q = 0;
			if (mkdir(p, 0700) < 0 && errno != EEXIST) {
				free(p);
				return -1;
			}
			*q = c;
			if (c == 0)
				break;
		}
	}
	free(p);
	struct stat sb;
	if (stat(dir, &sb) < 0)
		return -1;
	if (!S_ISDIR(sb.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

/* The data directory the environment names, malloc'd into *out (NULL if
 * it names none). 0, or ERR_NOMEM: not the same as naming none. */
static int
default_dir(char **out)
{
	const char *e;
	char *d;
	if ((e = getenv("DUWEN_DATA")) && *e)
		d = strdup(e);
	else if ((e = getenv("XDG_DATA_HOME")) && e[0] == '/') /* relative: ignored (XDG) */
		d = xasprintf("%s/duwen", e);
	else if ((e = getenv("HOME")) && *e)
		d = xasprintf("%s/.local/share/duwen", e);
	else
		return *out = NULL, 0;
	*out = d;
	return d ? 0 : ERR_NOMEM;
}

/* Bring the schema to STORE_SCHEMA_VERSION in one write transaction,
 * re-reading the version inside it (another process may be migrating). */
static int
migrate(struct store *s, const char **why)
{
	/* Up to date: no write lock needed (another process may hold it). */
	if (store_int_query(s->db, "PRAGMA application_id") == STORE_APPLICATION_ID &&
	    store_int_query(s->db, "PRAGMA user_version") == STORE_SCHEMA_VERSION) {
		s->version = STORE_SCHEMA_VERSION;
		return SQLITE_OK;
	}
	int rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return rc;
	long long app = store_int_query(s->db, "PRAGMA application_id");
	long long ver = store_int_query(s->db, "PRAGMA user_version");
	if (app < 0 || ver < 0) {
		rc = sqlite3_errcode(s->db);
		goto fail;
	}
	if (app != STORE_APPLICATION_ID) {
		*why = "not a duwen database";
		rc = SQLITE_NOTADB;
		goto fail;
	}
	if (ver > STORE_SCHEMA_VERSION) {
		*why = "made by a newer duwen";
		rc = SQLITE_READONLY;
		goto fail;
	}
	if ((rc = store_int_schema(s->db, (int)ver)) != SQLITE_OK)
		goto fail;
	if ((rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK)
		goto fail;
	s->version = STORE_SCHEMA_VERSION;
	return SQLITE_OK;
fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

static const char *
rc_why(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_FULL: return "disk full";
	case SQLITE_BUSY:
	case SQLITE_LOCKED: return "database is locked by another program";
	case SQLITE_READONLY: return "database or its directory is read-only";
	case SQLITE_CANTOPEN: return "cannot open the database file";
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB: return "database is corrupt";
	default: return sqlite3_errstr(rc);
	}
}

/* Read-write open of a file store_int_check found to be ours. It is never
 * created here (SQLITE_OPEN_CREATE): a new one comes from store_int_create. */
static int
open_rw(struct store *s, int busy_ms, long max_pages, const char **why)
{
	int rc = sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(s->db, busy_ms);
		/* Two processes opening at once: switching to WAL may report
		 * BUSY without calling the busy handler; retry a while. */
		for (int waited = 0;; waited += 10) {
			rc = sqlite3_exec(s->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
			if ((rc & 0xff) != SQLITE_BUSY || waited >= busy_ms)
				break;
			sqlite3_sleep(10);
		}
	}
	/* FULL: a commit survives a power cut too, not only kill -9. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(s->db, "PRAGMA synchronous=FULL", NULL, NULL, NULL);
	if (rc == SQLITE_OK && max_pages > 0) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA max_page_count=%ld", max_pages);
		rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	}
	if (rc == SQLITE_OK && sqlite3_db_readonly(s->db, "main") == 1)
		rc = SQLITE_READONLY; /* SQLite fell back to read-only by itself */
	if (rc == SQLITE_OK)
		rc = migrate(s, why);
	if (rc != SQLITE_OK) {
		if (*why == NULL)
			*why = rc_why(rc);
		sqlite3_close(s->db);
		s->db = NULL;
		return -1;
	}
	return 0;
}

/* The read-only session's connection, and the version it reads. The
 * check may have read the file as immutable only to leave nothing beside
 * it; read in place if we can, to see other sessions' notes as they come. */
static void
keep_ro(struct store *s, sqlite3 *ro, int version, int how, int busy_ms)
{
	sqlite3 *live;
	int live_how;
	if (how == STORE_RO_IMMUTABLE &&
	    store_int_open_ro(s->path, busy_ms, 0, &live, &live_how) == SQLITE_OK) {
		sqlite3_close(ro);
		ro = live;
	}
	s->db = ro;
	s->version = version;
	s->ro = 1;
}

int
store_open_opts(const struct store_opts *opts, const char *dir, struct store **out,
		char **cause)
{
	static const struct store_opts defaults = { 0 };
	const struct store_opts *o = opts ? opts : &defaults;
	int busy = o->busy_ms > 0 ? o->busy_ms : 5000;
	struct store *s = calloc(1, sizeof *s);
	char *d = NULL, *msg = NULL;
	if (s == NULL || (dir ? (d = strdup(dir)) == NULL : default_dir(&d) < 0))
		goto nomem;
	s->ro = 1;
	if (d == NULL) {
		s->path = strdup("");
		msg = strdup("no data directory: set HOME, XDG_DATA_HOME or DUWEN_DATA; notes are not saved");
		if (s->path == NULL || msg == NULL) {
			free(msg);
			goto nomem;
		}
		goto done;
	}
	s->path = xasprintf("%s/notes.db", d);
	if (s->path == NULL)
		goto nomem;
	int dir_err = 0;
	if (!o->readonly && mkdirs(d) < 0)
		dir_err = errno;
	/* WAL needs to create files beside the database: a directory we may
	 * not write means read-only even if notes.db itself is writable. */
	if (!o->readonly && dir_err == 0 && access(d, W_OK) < 0)
		dir_err = -errno;
	char why[256];
	int created = 0;
again:;
	sqlite3 *ro = NULL;
	int version = 0, how = STORE_RO_PLAIN;
	switch (store_int_check(s->path, busy, &ro, &version, &how, why, sizeof why)) {
	case STORE_FILE_FOREIGN:
	case STORE_FILE_CORRUPT:
		msg = xasprintf("%s: %s; duwen will not write it, and notes are not saved this"
				" session (move it away to start afresh, or use --data DIR)",
				s->path, why);
		goto done;
	case STORE_FILE_UNREADABLE:
		msg = xasprintf("%s: %s; notes are not saved this session", s->path, why);
		goto done;
	case STORE_FILE_MISSING:
		if (o->readonly)
			goto done; /* nothing saved yet, nothing to say */
		if (dir_err > 0) {
			msg = xasprintf("%s: cannot create the data directory (%s); notes are not"
					" saved this session", d, strerror(dir_err));
			goto done;
		}
		if (dir_err < 0) {
			msg = xasprintf("%s: the directory is not writable (%s); notes are not saved"
					" this session", d, strerror(-dir_err));
			goto done;
		}
		if (created++ || store_int_create(d, s->path, why, sizeof why) < 0) {
			msg = xasprintf("%s: %s; notes are not saved this session", s->path,
					created > 1 ? "vanished while being made" : why);
			goto done;
		}
		goto again; /* ours, or whatever another process put there first */
	case STORE_FILE_OURS:
		break;
	}
	if (o->readonly) {
		keep_ro(s, ro, version, how, busy);
		goto done;
	}
	if (version > STORE_SCHEMA_VERSION) {
		keep_ro(s, ro, version, how, busy);
		msg = xasprintf("%s: made by a newer duwen (schema version %d; this one writes %d);"
				" notes are read-only this session", s->path, version,
				STORE_SCHEMA_VERSION);
		goto done;
	}
	if (dir_err) {
		keep_ro(s, ro, version, how, busy);
		msg = xasprintf("%s: the directory %s is not writable (%s); notes are read-only"
				" this session", s->path, d, strerror(dir_err < 0 ? -dir_err : dir_err));
		goto done;
	}
	const char *rw_why = NULL;
	if (open_rw(s, busy, o->max_pages, &rw_why) == 0) {
		sqlite3_close(ro);
		s->ro = 0;
		goto done;
	}
	keep_ro(s, ro, version, how, busy);
	msg = xasprintf("%s: %s; notes are read-only this session", s->path, rw_why);
done:
	if (s->db)
		s->data_version = store_int_query(s->db, "PRAGMA data_version");
	free(d);
	if (cause)
		*cause = msg;
	else
		free(msg);
	*out = s;
	return 0;
nomem:
	free(d);
	if (s)
		free(s->path);
	free(s);
	return ERR_NOMEM;
}

int
store_open(const char *dir, struct store **out, char **cause)
{
	return store_open_opts(NULL, dir, out, cause);
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

int
store_readonly(const struct store *s)
{
	return s == NULL || s->ro;
}

const char *
store_path(const struct store *s)
{
	return s && s->path ? s->path : "";
}

const char *
store_error(const struct store *s)
{
	return s ? s->err : "";
}

int
store_changed(struct store *s)
{
	if (s == NULL || s->db == NULL)
		return 0;
	long long v = store_int_query(s->db, "PRAGMA data_version");
	int changed = v != s->data_version;
	s->data_version = v;
	return changed;
}
