/* store: opening, validating and migrating notes.db; reading positions.
 * Annotations are in store_annot.c. */
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

/* Each step takes the schema from version i to i + 1 and runs inside the
 * migration transaction. v1 was positions only (the first interface);
 * v2 adds the article hash to positions, and annotations. */
static const char *const migrations[STORE_SCHEMA_VERSION] = {
	/* 0 -> 1 */
	"CREATE TABLE position("
	" path TEXT PRIMARY KEY,"
	" off INTEGER NOT NULL,"
	" modified TEXT NOT NULL);",
	/* 1 -> 2 */
	"ALTER TABLE position ADD COLUMN hash TEXT NOT NULL DEFAULT '';"
	"CREATE INDEX position_hash ON position(hash);"
	"CREATE TABLE annotation("
	" id INTEGER PRIMARY KEY,"
	" path TEXT NOT NULL,"
	" hash TEXT NOT NULL,"
	" start INTEGER NOT NULL,"
	" end INTEGER NOT NULL,"
	" quote TEXT NOT NULL,"
	" prefix TEXT NOT NULL,"
	" suffix TEXT NOT NULL,"
	" note TEXT NOT NULL,"
	" colour TEXT NOT NULL,"
	" created TEXT NOT NULL,"
	" modified TEXT NOT NULL,"
	" deleted INTEGER NOT NULL DEFAULT 0,"
	" orphan INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX annotation_path ON annotation(path);",
};

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

static int
refuse(struct store *s, const char *what)
{
	snprintf(s->err, sizeof s->err, "%s: store is read-only; not saved", what);
	return ERR_READONLY;
}

/* An integer from a one-row PRAGMA or query; -1 on error. */
static long long
query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* SQLite URI for path with mode (e.g. "mode=ro"): '%', '?' and '#' in the
 * path would otherwise be read as URI syntax. */
static char *
uri_for(const char *path, const char *params)
{
	size_t n = strlen(path);
	char *u = malloc(3 * n + strlen(params) + 16);
	if (u == NULL)
		return NULL;
	char *p = u + sprintf(u, "file:");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)path[i];
		if (c == '%' || c == '?' || c == '#')
			p += sprintf(p, "%%%02X", c);
		else
			*p++ = (char)c;
	}
	sprintf(p, "?%s", params);
	return u;
}

/* Is the file at path one we may use? 0: a duwen database or an empty one;
 * else ERR_NOTDUWEN with *why (static) set. Opens it read-only only, so a
 * foreign or corrupt file is never written. */
static int
validate(const char *path, const char **why)
{
	static const char magic[16] = "SQLite format 3";
	char head[16];
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return 0; /* vanished, or unreadable: the real open will say */
	size_t got = fread(head, 1, sizeof head, f);
	fclose(f);
	if (got == 0)
		return 0; /* empty file: a database not yet written */
	if (got < sizeof head || memcmp(head, magic, sizeof magic) != 0) {
		*why = "not a duwen database (not an SQLite file, or corrupt)";
		return ERR_NOTDUWEN;
	}
	char *uri = uri_for(path, "mode=ro");
	sqlite3 *db = NULL;
	int rc = ERR_NOTDUWEN;
	*why = "cannot read the database";
	if (uri == NULL || sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
					   NULL) != SQLITE_OK)
		goto out;
	sqlite3_busy_timeout(db, 5000);
	long long app = query_int(db, "PRAGMA application_id");
	long long tables = query_int(db, "SELECT count(*) FROM sqlite_master");
	if (app < 0 || tables < 0) {
		*why = "database is corrupt";
		goto out;
	}
	if (app != STORE_APPLICATION_ID && !(app == 0 && tables == 0)) {
		*why = "not a duwen database";
		goto out;
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK) {
		*why = "database is corrupt";
		goto out;
	}
	int step = sqlite3_step(st);
	const unsigned char *res = step == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
	int ok = res && strcmp((const char *)res, "ok") == 0;
	sqlite3_finalize(st);
	if (!ok) {
		*why = step == SQLITE_BUSY ? "database is locked by another program"
					   : "database is corrupt";
		goto out;
	}
	rc = 0;
out:
	sqlite3_close(db);
	free(uri);
	return rc;
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

static char *
default_dir(void)
{
	const char *e = getenv("DUWEN_DATA");
	if (e && *e)
		return strdup(e);
	e = getenv("XDG_DATA_HOME");
	if (e && e[0] == '/') /* the XDG spec: relative values are ignored */
		return xasprintf("%s/duwen", e);
	e = getenv("HOME");
	if (e && *e)
		return xasprintf("%s/.local/share/duwen", e);
	return NULL;
}

/* Bring the schema to STORE_SCHEMA_VERSION in one write transaction,
 * re-reading the version inside it (another process may be migrating). */
static int
migrate(struct store *s, const char **why)
{
	/* Up to date: no write lock needed (another process may hold it). */
	if (query_int(s->db, "PRAGMA application_id") == STORE_APPLICATION_ID &&
	    query_int(s->db, "PRAGMA user_version") == STORE_SCHEMA_VERSION) {
		s->version = STORE_SCHEMA_VERSION;
		return SQLITE_OK;
	}
	int rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return rc;
	long long app = query_int(s->db, "PRAGMA application_id");
	long long ver = query_int(s->db, "PRAGMA user_version");
	long long tables = query_int(s->db, "SELECT count(*) FROM sqlite_master");
	if (app < 0 || ver < 0 || tables < 0) {
		rc = sqlite3_errcode(s->db);
		goto fail;
	}
	if (app != STORE_APPLICATION_ID && !(app == 0 && tables == 0)) {
		*why = "not a duwen database";
		rc = SQLITE_NOTADB;
		goto fail;
	}
	if (ver > STORE_SCHEMA_VERSION) {
		*why = "made by a newer duwen; opened read-only";
		rc = SQLITE_READONLY;
		goto fail;
	}
	char sql[64];
	for (long long v = ver; v < STORE_SCHEMA_VERSION; v++) {
		rc = sqlite3_exec(s->db, migrations[v], NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			goto fail;
	}
	snprintf(sql, sizeof sql, "PRAGMA application_id=%d", STORE_APPLICATION_ID);
	if ((rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL)) != SQLITE_OK)
		goto fail;
	snprintf(sql, sizeof sql, "PRAGMA user_version=%d", STORE_SCHEMA_VERSION);
	if ((rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL)) != SQLITE_OK)
		goto fail;
	rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
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

static int
open_rw(struct store *s, const struct store_opts *o, const char **why)
{
	int rc = sqlite3_open_v2(s->path, &s->db,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(s->db, o->busy_ms > 0 ? o->busy_ms : 5000);
		/* Two processes creating the file at once: switching to WAL may
		 * report BUSY without calling the busy handler; retry a while. */
		int ms = o->busy_ms > 0 ? o->busy_ms : 5000;
		for (int waited = 0;; waited += 10) {
			rc = sqlite3_exec(s->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
			if ((rc & 0xff) != SQLITE_BUSY || waited >= ms)
				break;
			sqlite3_sleep(10);
		}
	}
	/* FULL: a commit survives a power cut too, not only kill -9. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(s->db, "PRAGMA synchronous=FULL", NULL, NULL, NULL);
	if (rc == SQLITE_OK && o->max_pages > 0) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA max_page_count=%ld", o->max_pages);
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

/* Read-only open of an existing database. A WAL database in a directory we
 * cannot write has no -shm; then it can only be read as immutable. */
static int
open_ro(struct store *s, const struct store_opts *o)
{
	const char *params[] = { "mode=ro", "immutable=1" };
	for (size_t i = 0; i < 2; i++) {
		char *uri = uri_for(s->path, params[i]);
		if (uri == NULL)
			return -1;
		int rc = sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
		free(uri);
		if (rc == SQLITE_OK) {
			sqlite3_busy_timeout(s->db, o->busy_ms > 0 ? o->busy_ms : 5000);
			long long app = query_int(s->db, "PRAGMA application_id");
			long long ver = query_int(s->db, "PRAGMA user_version");
			if (app == STORE_APPLICATION_ID && ver >= 0) {
				s->version = (int)ver;
				s->ro = 1;
				return 0;
			}
		}
		sqlite3_close(s->db);
		s->db = NULL;
	}
	return -1;
}

int
store_open_opts(const struct store_opts *opts, const char *dir, struct store **out,
		char **cause)
{
	static const struct store_opts defaults = { 0 };
	const struct store_opts *o = opts ? opts : &defaults;
	struct store *s = calloc(1, sizeof *s);
	char *d = dir ? strdup(dir) : default_dir();
	char *msg = NULL;
	if (s == NULL || (dir && d == NULL))
		goto nomem;
	s->ro = 1;
	if (d == NULL) {
		s->path = strdup("");
		msg = strdup("no data directory: set HOME, XDG_DATA_HOME or DUWEN_DATA; notes are not saved");
		goto done;
	}
	s->path = xasprintf("%s/notes.db", d);
	if (s->path == NULL)
		goto nomem;
	const char *why = NULL;
	if (validate(s->path, &why) < 0) {
		/* Never open a file we refused, not even read-only. */
		msg = xasprintf("%s: %s; duwen will not write it (move it away to start afresh)",
				s->path, why);
		goto done;
	}
	why = NULL; /* validate may have set it on its way to success */
	if (o->readonly) {
		if (open_ro(s, o) < 0 && access(s->path, F_OK) == 0)
			msg = xasprintf("%s: cannot be read", s->path);
		goto done;
	}
	if (mkdirs(d) < 0) {
		int e = errno;
		open_ro(s, o);
		msg = xasprintf("%s: cannot create the data directory (%s); %s", d, strerror(e),
				s->db ? "notes are read-only" : "notes are not saved");
		goto done;
	}
	/* WAL needs to create files beside the database: a directory we may
	 * not write means read-only even if notes.db itself is writable. */
	if (access(d, W_OK) < 0) {
		int e = errno;
		open_ro(s, o);
		msg = xasprintf("%s: data directory is not writable (%s); %s", d, strerror(e),
				s->db ? "notes are read-only" : "notes are not saved");
		goto done;
	}
	if (open_rw(s, o, &why) == 0) {
		s->ro = 0;
		goto done;
	}
	open_ro(s, o);
	msg = xasprintf("%s: %s; %s", s->path, why,
			s->db ? "notes are read-only" : "notes are not saved");
done:
	if (s->db)
		s->data_version = query_int(s->db, "PRAGMA data_version");
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
	long long v = query_int(s->db, "PRAGMA data_version");
	int changed = v != s->data_version;
	s->data_version = v;
	return changed;
}

static int
get_off(sqlite3_stmt *st, size_t *off)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		long long v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		if (v < 0)
			return ERR_NOTFOUND;
		*off = (size_t)v;
		return 0;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? ERR_NOTFOUND : ERR_DB;
}

int
store_get_position(struct store *s, const char *path, size_t *off)
{
	return store_find_position(s, path, 0, off);
}

int
store_find_position(struct store *s, const char *path, uint64_t hash, size_t *off)
{
	if (s == NULL || s->db == NULL || s->version < 1)
		return ERR_NOTFOUND;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT off FROM position WHERE path=?", -1, &st,
			       NULL) != SQLITE_OK)
		return ERR_DB;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	int rc = get_off(st, off);
	if (rc != ERR_NOTFOUND || hash == 0 || s->version < 2)
		return rc;
	char hex[17];
	snprintf(hex, sizeof hex, "%016llx", (unsigned long long)hash);
	if (sqlite3_prepare_v2(s->db,
			       "SELECT off FROM position WHERE hash=? ORDER BY modified DESC LIMIT 1",
			       -1, &st, NULL) != SQLITE_OK)
		return ERR_DB;
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_TRANSIENT);
	return get_off(st, off);
}

int
store_set_position(struct store *s, const char *path, size_t off)
{
	return store_set_position_hash(s, path, 0, off);
}

int
store_set_position_hash(struct store *s, const char *path, uint64_t hash, size_t off)
{
	if (s == NULL || s->ro || s->db == NULL)
		return s ? refuse(s, "reading position") : ERR_READONLY;
	char hex[17] = "";
	if (hash)
		snprintf(hex, sizeof hex, "%016llx", (unsigned long long)hash);
	char now[32];
	store_now_iso(now, sizeof now);
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db,
				    "INSERT INTO position(path, off, modified, hash) VALUES(?,?,?,?)"
				    " ON CONFLICT(path) DO UPDATE SET off=excluded.off,"
				    " modified=excluded.modified, hash=excluded.hash",
				    -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_int_fail(s, rc, "reading position");
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)off);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, hex, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st); /* autocommit: one statement, one transaction */
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_int_fail(s, rc, "reading position");
	s->err[0] = 0;
	return 0;
}
