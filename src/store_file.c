/* store_file: notes.db as a file: its schema steps, making a new one (whole,
 * under a temporary name, then linked into place), telling duwen's database
 * from anything else without writing a byte, and reading it where it
 * cannot be written. store.c decides what to do with the answers. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "source.h"
#include "store_int.h"

/* Each step takes the schema from version i to i + 1. v1 was positions
 * only (the first interface); v2 adds the article hash to positions, and
 * annotations; v3 adds how far each article was read (pct, -1 for the
 * rows before it) and whether its end was shown (finished). */
static const char *const migrations[STORE_SCHEMA_VERSION] = {
	/* 0 -> 1 (each step in parentheses: one string of several
	 * statements, not a missing comma) */
	("CREATE TABLE position("
	" path TEXT PRIMARY KEY,"
	" off INTEGER NOT NULL,"
	" modified TEXT NOT NULL);"),
	/* 1 -> 2 */
	("ALTER TABLE position ADD COLUMN hash TEXT NOT NULL DEFAULT '';"
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
	"CREATE INDEX annotation_path ON annotation(path);"),
	/* 2 -> 3 */
	("ALTER TABLE position ADD COLUMN pct INTEGER NOT NULL DEFAULT -1;"
	"ALTER TABLE position ADD COLUMN finished INTEGER NOT NULL DEFAULT 0;"),
};

long long
store_int_query(sqlite3 *db, const char *sql)
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

int
store_int_schema(sqlite3 *db, int from)
{
	int rc = SQLITE_OK;
	for (int v = from < 0 ? 0 : from; v < STORE_SCHEMA_VERSION && rc == SQLITE_OK; v++)
		rc = sqlite3_exec(db, migrations[v], NULL, NULL, NULL);
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA application_id=%d", STORE_APPLICATION_ID);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	snprintf(sql, sizeof sql, "PRAGMA user_version=%d", STORE_SCHEMA_VERSION);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	return rc;
}

/* SQLite URI for path with params (e.g. "mode=ro"): '%', '?' and '#' in
 * the path would otherwise be read as URI syntax. */
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

/* Size of path + suffix; -1 if it does not exist (or cannot be seen). */
static long long
size_of(const char *path, const char *suffix)
{
	char p[4096];
	struct stat sb;
	if ((size_t)snprintf(p, sizeof p, "%s%s", path, suffix) >= sizeof p || stat(p, &sb) < 0)
		return -1;
	return (long long)sb.st_size;
}

static int
open_uri(const char *path, const char *params, int busy_ms, sqlite3 **out)
{
	char *uri = uri_for(path, params);
	if (uri == NULL)
		return SQLITE_NOMEM;
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	free(uri);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(db, busy_ms);
		/* The open is lazy: a WAL database fails only on the first read
		 * when its -shm can be neither opened nor created. */
		sqlite3_stmt *st;
		rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL);
		if (rc == SQLITE_OK) {
			rc = sqlite3_step(st);
			rc = rc == SQLITE_ROW ? SQLITE_OK : rc;
			sqlite3_finalize(st);
		}
	}
	if (rc != SQLITE_OK) {
		sqlite3_close(db);
		return rc;
	}
	*out = db;
	return SQLITE_OK;
}

/* path and path-wal copied into a private directory, read there (which
 * replays the WAL) and backed up into memory; the copy is removed. For a
 * WAL database with changes in its -wal but no -shm we may open or make:
 * immutable=1 would not see those changes. */
static int
open_snapshot(const char *path, sqlite3 **out)
{
	const char *t = getenv("TMPDIR");
	char dir[4096], copy[4200], buf[65536];
	snprintf(dir, sizeof dir, "%s/duwen-notes-XXXXXX", t && *t ? t : "/tmp");
	if (mkdtemp(dir) == NULL)
		return SQLITE_CANTOPEN;
	int rc = SQLITE_CANTOPEN;
	const char *suffix[2] = { "", "-wal" };
	for (int i = 0; i < 2; i++) {
		char from[4200];
		snprintf(from, sizeof from, "%s%s", path, suffix[i]);
		snprintf(copy, sizeof copy, "%s/notes.db%s", dir, suffix[i]);
		int in = open(from, O_RDONLY | O_CLOEXEC);
		int o = in < 0 ? -1 : open(copy, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		ssize_t n = 0;
		while (o >= 0 && (n = read(in, buf, sizeof buf)) > 0)
			if (write(o, buf, (size_t)n) != n) {
				n = -1;
				break;
			}
		if (in >= 0)
			close(in);
		if (o >= 0)
			close(o);
		if (in < 0 || o < 0 || n < 0)
			goto out;
	}
	snprintf(copy, sizeof copy, "%s/notes.db", dir);
	sqlite3 *src = NULL, *mem = NULL;
	if (sqlite3_open_v2(copy, &src, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
	    sqlite3_open(":memory:", &mem) == SQLITE_OK) {
		sqlite3_backup *b = sqlite3_backup_init(mem, "main", src, "main");
		if (b) {
			sqlite3_backup_step(b, -1);
			rc = sqlite3_backup_finish(b);
		} else {
			rc = sqlite3_errcode(mem);
		}
	}
	sqlite3_close(src);
	if (rc == SQLITE_OK)
		*out = mem;
	else
		sqlite3_close(mem);
out:
	for (int i = 0; i < 4; i++) {
		static const char *const left[4] = { "", "-wal", "-shm", "-journal" };
		snprintf(copy, sizeof copy, "%s/notes.db%s", dir, left[i]);
		unlink(copy);
	}
	rmdir(dir);
	return rc;
}

int
store_int_open_ro(const char *path, int busy_ms, int prefer_immutable, sqlite3 **out,
		  int *how)
{
	long long wal = size_of(path, "-wal");
	int rc = SQLITE_CANTOPEN;
	if (!(prefer_immutable && wal <= 0)) {
		rc = open_uri(path, "mode=ro", busy_ms, out);
		if (rc == SQLITE_OK) {
			*how = STORE_RO_PLAIN;
			return rc;
		}
		if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_NOTADB ||
		    (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOMEM)
			return rc;
	}
	/* No -wal (or an empty one): the file alone holds everything, and
	 * immutable=1 reads it without a -shm. */
	if (wal <= 0) {
		rc = open_uri(path, "immutable=1", busy_ms, out);
		if (rc == SQLITE_OK)
			*how = STORE_RO_IMMUTABLE;
		return rc;
	}
	rc = open_snapshot(path, out);
	if (rc == SQLITE_OK)
		*how = STORE_RO_SNAPSHOT;
	return rc;
}

/* The SQLite header's 4-byte big-endian field at off. */
static unsigned long
be32(const unsigned char *h, size_t off)
{
	return (unsigned long)h[off] << 24 | (unsigned long)h[off + 1] << 16 |
	       (unsigned long)h[off + 2] << 8 | h[off + 3];
}

static enum store_file_kind
check(const char *path, int busy_ms, sqlite3 **ro, int *version, int *how, char *why,
      size_t cap, int may_immutable)
{
	static const char magic[16] = "SQLite format 3";
	unsigned char head[100];
	why[0] = 0;
	/* O_NONBLOCK: a FIFO in its place must not hang duwen at start */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct stat sb;
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return STORE_FILE_MISSING;
		if (errno == ENXIO) { /* what open() says of a socket */
			snprintf(why, cap, "%s, not a duwen database", source_kind(S_IFSOCK));
			return STORE_FILE_FOREIGN;
		}
		snprintf(why, cap, "cannot be read (%s)", strerror(errno));
		return STORE_FILE_UNREADABLE;
	}
	if (fstat(fd, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		close(fd);
		snprintf(why, cap, "%s, not a duwen database", source_kind(sb.st_mode));
		return STORE_FILE_FOREIGN;
	}
	ssize_t got = read(fd, head, sizeof head);
	close(fd);
	if (got < 0) {
		snprintf(why, cap, "cannot be read (%s)", strerror(errno));
		return STORE_FILE_UNREADABLE;
	}
	/* An empty file is ours only with a WAL holding duwen's schema (an
	 * older duwen killed before its first checkpoint); duwen itself never
	 * leaves an empty notes.db now (store_int_create). */
	if (got == 0 && size_of(path, "-wal") <= 0) {
		snprintf(why, cap, "an empty file, not a duwen database");
		return STORE_FILE_FOREIGN;
	}
	if (got > 0 && (got < (ssize_t)sizeof head || memcmp(head, magic, sizeof magic) != 0)) {
		snprintf(why, cap, "not a duwen database (not an SQLite file)");
		return STORE_FILE_FOREIGN;
	}
	unsigned long app = got > 0 ? be32(head, 68) : 0;
	if (app != 0 && app != STORE_APPLICATION_ID) {
		snprintf(why, cap, "not a duwen database (another program's: application_id 0x%08lX)",
			 app);
		return STORE_FILE_FOREIGN;
	}
	/* With no -wal (nobody has it open) and no hot journal, the file alone
	 * holds it all: read it as immutable, which leaves nothing beside it
	 * (mode=ro would make a -shm by a WAL file, a foreign or corrupt one
	 * too). Should the file change meanwhile, read it again in place. */
	struct stat b0, b1;
	int quiet = may_immutable && size_of(path, "-wal") < 0 && size_of(path, "-journal") < 0 &&
		    stat(path, &b0) == 0;
	sqlite3 *db = NULL;
	int rc = store_int_open_ro(path, busy_ms, quiet, &db, how);
	if (rc != SQLITE_OK) {
		switch (rc & 0xff) {
		case SQLITE_BUSY:
			snprintf(why, cap, "database is locked by another program");
			return STORE_FILE_UNREADABLE;
		case SQLITE_NOTADB:
		case SQLITE_CORRUPT:
			snprintf(why, cap, "database is corrupt");
			return STORE_FILE_CORRUPT;
		default:
			snprintf(why, cap, "cannot be read (%s)", sqlite3_errstr(rc));
			return STORE_FILE_UNREADABLE;
		}
	}
	long long id = store_int_query(db, "PRAGMA application_id");
	long long ver = store_int_query(db, "PRAGMA user_version");
	long long tables = store_int_query(db, "SELECT count(*) FROM sqlite_master");
	enum store_file_kind kind = STORE_FILE_CORRUPT;
	if (id < 0 || ver < 0 || tables < 0) {
		snprintf(why, cap, "database is corrupt");
	} else if (id != STORE_APPLICATION_ID) {
		kind = STORE_FILE_FOREIGN;
		if (tables == 0)
			snprintf(why, cap, "not a duwen database (an empty SQLite database)");
		else
			snprintf(why, cap, "not a duwen database (an SQLite database of %lld tables)",
				 tables);
	} else {
		sqlite3_stmt *st;
		int step = SQLITE_ERROR;
		const unsigned char *res = NULL;
		if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) == SQLITE_OK) {
			step = sqlite3_step(st);
			res = step == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
		} else {
			st = NULL;
		}
		int ok = res && strcmp((const char *)res, "ok") == 0;
		sqlite3_finalize(st);
		if (ok)
			kind = STORE_FILE_OURS;
		else if ((step & 0xff) == SQLITE_BUSY)
			kind = STORE_FILE_UNREADABLE;
		if (!ok)
			snprintf(why, cap, "%s", (step & 0xff) == SQLITE_BUSY
							 ? "database is locked by another program"
							 : "database is corrupt");
	}
	if (*how == STORE_RO_IMMUTABLE && quiet &&
	    (stat(path, &b1) < 0 || b1.st_ino != b0.st_ino || b1.st_size != b0.st_size ||
	     b1.st_mtim.tv_sec != b0.st_mtim.tv_sec || b1.st_mtim.tv_nsec != b0.st_mtim.tv_nsec ||
	     size_of(path, "-wal") >= 0)) {
		sqlite3_close(db); /* written while we read: read it again, in place */
		return check(path, busy_ms, ro, version, how, why, cap, 0);
	}
	if (kind != STORE_FILE_OURS) {
		sqlite3_close(db);
		return kind;
	}
	*version = (int)ver;
	*ro = db;
	return kind;
}

enum store_file_kind
store_int_check(const char *path, int busy_ms, sqlite3 **ro, int *version, int *how,
		char *why, size_t cap)
{
	return check(path, busy_ms, ro, version, how, why, cap, 1);
}

/* Temporary files of creations killed before they were linked into place:
 * left alone for an hour, in case one is still being made. */
static void
remove_stale(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return;
	size_t n = strlen(prefix);
	time_t now = time(NULL);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		char p[4096];
		struct stat sb;
		if (strncmp(e->d_name, prefix, n) != 0 ||
		    (size_t)snprintf(p, sizeof p, "%s/%s", dir, e->d_name) >= sizeof p ||
		    lstat(p, &sb) < 0 || !S_ISREG(sb.st_mode) || now - sb.st_mtime < 3600)
			continue;
		unlink(p);
	}
	closedir(d);
}

static int
fsync_path(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

int
store_int_create(const char *dir, const char *path, char *why, size_t cap)
{
	char tmp[4200], side[4300];
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	char prefix[256];
	snprintf(prefix, sizeof prefix, "%s.new-", base);
	remove_stale(dir, prefix);
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.new-XXXXXX", path) >= sizeof tmp) {
		snprintf(why, cap, "path too long");
		return -1;
	}
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(why, cap, "cannot create a file in %s (%s)", dir, strerror(errno));
		return -1;
	}
	/* The mode SQLite gives the files it creates (0644 less the umask). */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0644 & ~mask);
	close(fd);
	/* Built whole in rollback-journal mode, then switched to WAL, closed
	 * (so that nothing is left in a -wal) and synced before it gets its
	 * name: a crash before the link leaves no notes.db at all. */
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "PRAGMA synchronous=FULL; BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = store_int_schema(db, 0);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
	if (sqlite3_close(db) != SQLITE_OK && rc == SQLITE_OK)
		rc = SQLITE_ERROR;
	snprintf(side, sizeof side, "%s-wal", tmp);
	if (rc == SQLITE_OK && size_of(tmp, "-wal") > 0)
		rc = SQLITE_IOERR; /* not everything reached the file */
	int e = 0;
	if (rc == SQLITE_OK && fsync_path(tmp, O_RDONLY) < 0)
		e = errno;
	int made = 0;
	if (rc == SQLITE_OK && e == 0) {
		if (link(tmp, path) == 0)
			made = 1;
		else if (errno == EEXIST)
			made = 0; /* another process made it first: use theirs */
		else if (errno != EPERM && errno != EOPNOTSUPP && errno != ENOSYS)
			e = errno;
		else if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
			made = 1; /* a file system without hard links */
		else if (errno != EEXIST)
			e = errno;
	}
	unlink(tmp);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", tmp);
	unlink(side);
	snprintf(side, sizeof side, "%s-journal", tmp);
	unlink(side);
	if (rc != SQLITE_OK || e) {
		snprintf(why, cap, "cannot create it (%s)", e ? strerror(e) : sqlite3_errstr(rc));
		return -1;
	}
	if (made)
		fsync_path(dir, O_RDONLY | O_DIRECTORY);
	return 0;
}
