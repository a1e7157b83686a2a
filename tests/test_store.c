/* test_store: notes.db creation, migration, concurrency, crashes, and the
 * files it must refuse (foreign, corrupt) or may only read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../src/err.h"
#include "../src/store.h"
#include "support_tmp.h"

/* vasprintf as libc's, but failing as out of memory while vasprintf_fail
 * is set. Defined here, it stands in for libc's in the code under test. */
static int vasprintf_fail;

int
vasprintf(char **strp, const char *fmt, va_list ap)
{
	if (vasprintf_fail)
		return -1;
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0 || (*strp = malloc((size_t)n + 1)) == NULL)
		return -1;
	return vsnprintf(*strp, (size_t)n + 1, fmt, ap);
}

struct tmp {
	char dir[64];
	char db[96];
};

static void
tmp_make(struct tmp *t)
{
	snprintf(t->dir, sizeof t->dir, "/tmp/duwen-test-store-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->db, sizeof t->db, "%s/notes.db", t->dir);
}

static void
tmp_remove(struct tmp *t)
{
	char cmd[128];
	chmod(t->dir, 0700);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
	assert_int_equal(system(cmd), 0);
}

/* Whole file into a malloc'd buffer. */
static char *
slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = NULL;
	size_t cap = 0, len = 0;
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		size_t got = fread(buf + len, 1, cap - len, f);
		if (got == 0)
			break;
		len += got;
	}
	fclose(f);
	*n = len;
	return buf;
}

static void
copy_file(const char *from, const char *to)
{
	size_t n;
	char *b = slurp(from, &n);
	FILE *f = fopen(to, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	free(b);
}

/* Every file of dir, name and bytes, as one malloc'd string (names in
 * order): equal before and after means nothing was written or left. */
static char *
dir_image(const char *dir, size_t *len)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);
	assert_true(n >= 0);
	char *img = NULL;
	size_t cap = 0;
	FILE *f = open_memstream(&img, &cap);
	assert_non_null(f);
	for (int i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.') {
			char p[512];
			size_t sz;
			snprintf(p, sizeof p, "%s/%s", dir, names[i]->d_name);
			struct stat sb;
			assert_int_equal(lstat(p, &sb), 0);
			if (!S_ISREG(sb.st_mode)) { /* a FIFO, a link...: its kind */
				fprintf(f, "%s mode %o\n", names[i]->d_name, (unsigned)sb.st_mode);
				free(names[i]);
				continue;
			}
			char *b = slurp(p, &sz);
			fprintf(f, "%s %zu\n", names[i]->d_name, sz);
			fwrite(b, 1, sz, f);
			free(b);
		}
		free(names[i]);
	}
	free(names);
	fclose(f);
	*len = cap;
	return img;
}

static void
assert_same_image(const char *before, size_t n0, const char *after, size_t n1)
{
	assert_int_equal(n0, n1);
	assert_memory_equal(before, after, n0);
}

static void
sql(const char *path, const char *stmt)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	char *msg = NULL;
	int rc = sqlite3_exec(db, stmt, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		fail_msg("%s: %s", stmt, msg);
	sqlite3_close(db);
}

static long long
sql_int(const char *path, const char *q)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long v = -1;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static char *
sql_text(const char *path, const char *q)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char *v = NULL;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static struct store *
open_ok(const char *dir)
{
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(dir, &s, &cause), 0);
	if (cause)
		fail_msg("unexpected cause: %s", cause);
	assert_int_equal(store_readonly(s), 0);
	return s;
}

/* A note with text "tag-i" on a fixed quote. */
static int
add_note(struct store *s, const char *tag, int i, int64_t *id)
{
	char note[64];
	snprintf(note, sizeof note, "%s-%d", tag, i);
	struct store_annot a = {
		.path = "/corpus/000.txt", .hash = 0x1234, .start = 3, .end = 9,
		.quote = "杭州", .prefix = "在", .suffix = "的", .note = note,
		.colour = "yellow",
	};
	int rc = store_annot_add(s, &a);
	if (id)
		*id = a.id;
	return rc;
}

static int
has_note(const struct store_annot_list *l, const char *note)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].note, note) == 0)
			return 1;
	return 0;
}

static void
test_create(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	char sub[128];
	snprintf(sub, sizeof sub, "%s/a/b/duwen", t.dir);
	struct store *s = open_ok(sub);
	char db[160];
	snprintf(db, sizeof db, "%s/notes.db", sub);
	assert_string_equal(store_path(s), db);
	store_close(s);
	assert_int_equal(sql_int(db, "PRAGMA application_id"), STORE_APPLICATION_ID);
	assert_int_equal(sql_int(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	char *mode = sql_text(db, "PRAGMA journal_mode");
	assert_string_equal(mode, "wal");
	free(mode);
	struct stat sb;
	assert_int_equal(stat(sub, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	tmp_remove(&t);
}

static void
test_positions(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	struct store *s = open_ok(t.dir);
	size_t off = 7;
	assert_int_equal(store_get_position(s, "/x/a.txt", &off), ERR_NOTFOUND);
	assert_int_equal(off, 7);
	assert_int_equal(store_set_position(s, "/x/a.txt", 1200), 0);
	assert_int_equal(store_set_position(s, "/x/a.txt", 1300), 0);
	assert_int_equal(store_get_position(s, "/x/a.txt", &off), 0);
	assert_int_equal(off, 1300);
	/* A renamed file finds its position by hash. */
	assert_int_equal(store_set_position_hash(s, "/x/b.txt", 0xabcdef, 55), 0);
	assert_int_equal(store_find_position(s, "/y/renamed.txt", 0xabcdef, &off), 0);
	assert_int_equal(off, 55);
	assert_int_equal(store_find_position(s, "/y/renamed.txt", 0xabcdee, &off), ERR_NOTFOUND);
	store_close(s);
	/* ...and it is still there in a new process's view. */
	s = open_ok(t.dir);
	assert_int_equal(store_get_position(s, "/x/a.txt", &off), 0);
	assert_int_equal(off, 1300);
	store_close(s);
	tmp_remove(&t);
}

/* Places: pct and finished kept with the offset; the map of every place
 * (one query) finds what store_find_place finds, by path, else by hash
 * (the newest); the offset-only calls leave pct and finished alone. */
static void
test_places(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	struct store *s = open_ok(t.dir);
	struct store_places *m = NULL;
	assert_int_equal(store_places_read(s, &m), 0);
	assert_int_equal(store_places_count(m), 0);
	store_places_free(m);
	static const struct {
		const char *path;
		uint64_t hash;
		struct store_place p;
	} rows[] = {
		{ "/x/a.txt", 0x1111, { 120, 37, 0 } },
		{ "/x/b.txt", 0x2222, { 900, 100, 1 } },
		{ "/x/c.txt", 0, { 0, 4, 0 } },
		{ "/x/d.txt", 0x4444, { 50, 12, 1 } }, /* finished, read again from near the top */
	};
	size_t n = sizeof rows / sizeof rows[0];
	for (size_t i = 0; i < n; i++)
		assert_int_equal(store_set_place(s, rows[i].path, rows[i].hash, &rows[i].p), 0);
	/* two more of hash 0x5555, the newer one must win */
	sql(t.db, "INSERT INTO position(path, off, modified, hash, pct, finished) VALUES"
		  "('/old/e.txt', 10, '2025-01-01T00:00:00Z', '0000000000005555', 20, 0),"
		  "('/old/f.txt', 30, '2025-06-01T00:00:00Z', '0000000000005555', 60, 0),"
		  "('/old/g.txt', -4, '2025-06-01T00:00:00Z', '', 60, 0)");
	assert_int_equal(store_places_read(s, &m), 0);
	assert_int_equal(store_places_count(m), n + 2); /* a negative offset is no place */
	static const struct {
		const char *path;
		uint64_t hash;
		int rc;
		struct store_place want;
	} finds[] = {
		{ "/x/a.txt", 0, 0, { 120, 37, 0 } },
		{ "/x/b.txt", 0x9999, 0, { 900, 100, 1 } },
		{ "/x/c.txt", 0x1111, 0, { 0, 4, 0 } },       /* the path first */
		{ "/y/renamed.txt", 0x4444, 0, { 50, 12, 1 } }, /* renamed: by hash */
		{ "/y/renamed.txt", 0x5555, 0, { 30, 60, 0 } }, /* the newest of that hash */
		{ "/y/renamed.txt", 0x4445, ERR_NOTFOUND, { 0, 0, 0 } },
		{ "/y/renamed.txt", 0, ERR_NOTFOUND, { 0, 0, 0 } },
		{ "/old/g.txt", 0, ERR_NOTFOUND, { 0, 0, 0 } },
		{ "/x", 0, ERR_NOTFOUND, { 0, 0, 0 } },
		{ "/x/a.txt0", 0, ERR_NOTFOUND, { 0, 0, 0 } },
	};
	for (size_t i = 0; i < sizeof finds / sizeof finds[0]; i++) {
		struct store_place a = { 7, 7, 7 }, b = { 7, 7, 7 };
		assert_int_equal(store_find_place(s, finds[i].path, finds[i].hash, &a), finds[i].rc);
		assert_int_equal(store_places_find(m, finds[i].path, finds[i].hash, &b), finds[i].rc);
		if (finds[i].rc < 0)
			continue;
		assert_int_equal(a.off, finds[i].want.off);
		assert_int_equal(a.pct, finds[i].want.pct);
		assert_int_equal(a.finished, finds[i].want.finished);
		assert_memory_equal(&a, &b, sizeof a);
	}
	store_places_free(m);
	struct store_place p;
	assert_int_equal(store_places_find(NULL, "/x/a.txt", 0, &p), ERR_NOTFOUND);
	/* the offset alone: pct and finished stay; a new row has pct -1 */
	assert_int_equal(store_set_position_hash(s, "/x/b.txt", 0x2222, 10), 0);
	assert_int_equal(store_find_place(s, "/x/b.txt", 0, &p), 0);
	assert_int_equal(p.off, 10);
	assert_int_equal(p.pct, 100);
	assert_int_equal(p.finished, 1);
	assert_int_equal(store_set_position(s, "/x/new.txt", 33), 0);
	assert_int_equal(store_find_place(s, "/x/new.txt", 0, &p), 0);
	assert_int_equal(p.off, 33);
	assert_int_equal(p.pct, -1);
	assert_int_equal(p.finished, 0);
	store_close(s);
	/* a new process reads the same */
	s = open_ok(t.dir);
	assert_int_equal(store_find_place(s, "/x/d.txt", 0, &p), 0);
	assert_int_equal(p.finished, 1);
	assert_int_equal(p.pct, 12);
	store_close(s);
	tmp_remove(&t);
}

/* A version-2 database: read as it is where it may not be written (pct -1,
 * not finished), migrated to version 3 with its rows kept where it may. */
static void
test_places_v2(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	sql(t.db, "PRAGMA journal_mode=WAL;"
		  "CREATE TABLE position(path TEXT PRIMARY KEY, off INTEGER NOT NULL,"
		  " modified TEXT NOT NULL, hash TEXT NOT NULL DEFAULT '');"
		  "CREATE INDEX position_hash ON position(hash);"
		  "INSERT INTO position VALUES('/old/a.txt', 321, '2024-01-02T03:04:05Z',"
		  " '00000000000000aa');"
		  "PRAGMA application_id=1146443598; PRAGMA user_version=2;");
	for (int pass = 0; pass < 2; pass++) {
		struct store_opts o = { .readonly = pass == 0 };
		struct store *s;
		char *cause = NULL;
		assert_int_equal(store_open_opts(&o, t.dir, &s, &cause), 0);
		free(cause);
		struct store_places *m = NULL;
		assert_int_equal(store_places_read(s, &m), 0);
		assert_int_equal(store_places_count(m), 1);
		struct store_place a, b;
		assert_int_equal(store_places_find(m, "/moved.txt", 0xaa, &a), 0);
		assert_int_equal(store_find_place(s, "/old/a.txt", 0, &b), 0);
		assert_memory_equal(&a, &b, sizeof a);
		assert_int_equal(a.off, 321);
		assert_int_equal(a.pct, -1);
		assert_int_equal(a.finished, 0);
		store_places_free(m);
		store_close(s);
		assert_int_equal(sql_int(t.db, "PRAGMA user_version"), pass == 0 ? 2 : 3);
	}
	tmp_remove(&t);
}

static void
test_annotations(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	struct store *s = open_ok(t.dir);
	int64_t id1, id2;
	assert_int_equal(add_note(s, "a", 1, &id1), 0);
	assert_int_equal(add_note(s, "a", 2, &id2), 0);
	assert_true(id2 > id1);
	struct store_annot a;
	assert_int_equal(store_annot_get(s, id1, &a), 0);
	assert_string_equal(a.path, "/corpus/000.txt");
	assert_int_equal(a.hash, 0x1234);
	assert_int_equal(a.start, 3);
	assert_int_equal(a.end, 9);
	assert_string_equal(a.quote, "杭州");
	assert_string_equal(a.prefix, "在");
	assert_string_equal(a.suffix, "的");
	assert_string_equal(a.note, "a-1");
	assert_string_equal(a.colour, "yellow");
	assert_int_equal(strlen(a.created), 20);
	assert_int_equal(a.created[10], 'T');
	assert_string_equal(a.created, a.modified);
	/* Edit. */
	free(a.note);
	a.note = strdup("改过的笔记");
	strcpy(a.colour, "green");
	assert_int_equal(store_annot_update(s, &a), 0);
	store_annot_clear(&a);
	assert_int_equal(store_annot_get(s, id1, &a), 0);
	assert_string_equal(a.note, "改过的笔记");
	assert_string_equal(a.colour, "green");
	store_annot_clear(&a);
	/* Re-anchor. */
	assert_int_equal(store_annot_set_anchor(s, id2, "/corpus/new.txt", 0x99, 30, 36, 1), 0);
	assert_int_equal(store_annot_get(s, id2, &a), 0);
	assert_string_equal(a.path, "/corpus/new.txt");
	assert_int_equal(a.hash, 0x99);
	assert_int_equal(a.start, 30);
	assert_int_equal(a.orphan, 1);
	store_annot_clear(&a);
	/* Delete, list, undo. */
	assert_int_equal(store_annot_delete(s, id1), 0);
	struct store_annot_list l = { 0 };
	assert_int_equal(store_annot_list(s, NULL, 0, &l), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].id, id2);
	store_annot_list_free(&l);
	assert_int_equal(store_annot_list(s, NULL, 1, &l), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].deleted, 1);
	store_annot_list_free(&l);
	assert_int_equal(store_annot_undelete(s, id1), 0);
	assert_int_equal(store_annot_list(s, "/corpus/000.txt", 0, &l), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].id, id1);
	store_annot_list_free(&l);
	assert_int_equal(store_annot_delete(s, 9999), ERR_NOTFOUND);
	assert_int_equal(store_annot_get(s, 9999, &a), ERR_NOTFOUND);
	struct store_annot bad = { .path = "", .quote = "x" };
	assert_int_equal(store_annot_add(s, &bad), ERR_INVAL);
	/* Several at once: one already stored, one twice in the batch (the
	 * second sees the first: one transaction), one new. */
	struct store_annot v[4] = {
		{ .path = "/corpus/000.txt", .quote = "杭州", .note = "改过的笔记", .colour = "yellow" },
		{ .path = "/corpus/000.txt", .quote = "深圳", .note = "新", .colour = "yellow" },
		{ .path = "/corpus/000.txt", .quote = "深圳", .note = "新", .colour = "yellow" },
		{ .path = "/corpus/000.txt", .quote = "杭州", .note = "另一个", .colour = "green" },
	};
	unsigned char dup[4];
	assert_int_equal(store_annot_add_unique_many(s, v, 4, dup), 0);
	assert_memory_equal(dup, "\1\0\1\0", 4);
	assert_int_equal(store_annot_list(s, "/corpus/000.txt", 0, &l), 0);
	assert_int_equal(l.n, 3);
	store_annot_list_free(&l);
	/* one unusable note: none of the batch is stored */
	v[0].note = "不会存";
	v[1] = bad;
	assert_int_equal(store_annot_add_unique_many(s, v, 2, dup), ERR_INVAL);
	assert_int_equal(store_annot_list(s, "/corpus/000.txt", 0, &l), 0);
	assert_int_equal(l.n, 3);
	store_annot_list_free(&l);
	store_close(s);
	tmp_remove(&t);
}

/* A version-1 database (positions only, as the first duwen wrote it) is
 * migrated to the current schema and keeps its rows; so is one whose rows
 * are all still in its -wal. */
static void
test_migrate(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	sql(t.db, "PRAGMA journal_mode=WAL;"
		  "CREATE TABLE position(path TEXT PRIMARY KEY, off INTEGER NOT NULL,"
		  " modified TEXT NOT NULL);"
		  "INSERT INTO position VALUES('/old/a.txt', 321, '2024-01-02T03:04:05Z');"
		  "PRAGMA application_id=1146443598; PRAGMA user_version=1;");
	struct store *s = open_ok(t.dir);
	size_t off = 0;
	assert_int_equal(store_get_position(s, "/old/a.txt", &off), 0);
	assert_int_equal(off, 321);
	assert_int_equal(add_note(s, "m", 1, NULL), 0);
	assert_int_equal(store_set_position_hash(s, "/old/a.txt", 0x42, 400), 0);
	store_close(s);
	assert_int_equal(sql_int(t.db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(sql_int(t.db, "SELECT count(*) FROM annotation"), 1);
	assert_int_equal(sql_int(t.db, "SELECT count(*) FROM position"), 1);
	tmp_remove(&t);

	/* What an older duwen left when killed after its first commit and
	 * before a checkpoint: notes.db not yet marked as duwen's, its schema
	 * and rows only in notes.db-wal. It is duwen's; it is read and
	 * migrated. */
	tmp_make(&t);
	sqlite3 *keep;
	assert_int_equal(sqlite3_open(t.db, &keep), SQLITE_OK);
	assert_int_equal(sqlite3_exec(keep,
				      "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;"
				      "CREATE TABLE position(path TEXT PRIMARY KEY,"
				      " off INTEGER NOT NULL, modified TEXT NOT NULL);"
				      "INSERT INTO position VALUES('/old/b.txt', 99, '2024-01-02T03:04:05Z');"
				      "PRAGMA application_id=1146443598; PRAGMA user_version=1;",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	struct tmp c;
	tmp_make(&c);
	char from[128], to[128];
	copy_file(t.db, c.db);
	snprintf(from, sizeof from, "%s-wal", t.db);
	snprintf(to, sizeof to, "%s-wal", c.db);
	copy_file(from, to);
	sqlite3_close(keep);
	tmp_remove(&t);
	size_t n;
	char *head = slurp(c.db, &n);
	assert_int_equal(head[68] | head[69] | head[70] | head[71], 0); /* not marked yet */
	free(head);
	s = open_ok(c.dir);
	assert_int_equal(store_get_position(s, "/old/b.txt", &off), 0);
	assert_int_equal(off, 99);
	assert_int_equal(add_note(s, "m", 2, NULL), 0);
	store_close(s);
	assert_int_equal(sql_int(c.db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	tmp_remove(&c);
}

/* A database from a newer duwen is read, never migrated down or written. */
static void
test_newer_version(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	struct store *s = open_ok(t.dir);
	assert_int_equal(store_set_position(s, "/a", 5), 0);
	store_close(s);
	sql(t.db, "PRAGMA user_version=99");
	char *cause = NULL;
	assert_int_equal(store_open(t.dir, &s, &cause), 0);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "newer duwen"));
	free(cause);
	assert_int_equal(store_readonly(s), 1);
	size_t off;
	assert_int_equal(store_get_position(s, "/a", &off), 0);
	assert_int_equal(off, 5);
	assert_int_equal(store_set_position(s, "/a", 6), ERR_READONLY);
	store_close(s);
	assert_int_equal(sql_int(t.db, "PRAGMA user_version"), 99);
	tmp_remove(&t);
}

#define NWRITES 150

static void
writer(const char *dir, const char *tag)
{
	struct store *s;
	char *cause = NULL;
	if (store_open(dir, &s, &cause) < 0 || cause || store_readonly(s)) {
		fprintf(stderr, "writer: %s\n", cause ? cause : "?");
		_exit(3);
	}
	for (int i = 0; i < NWRITES; i++)
		if (add_note(s, tag, i, NULL) < 0)
			_exit(4);
	store_close(s);
	_exit(0);
}

/* Two processes insert at the same time; every note of both is there. */
static void
test_concurrent_writers(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	pid_t p[2];
	const char *tags[2] = { "left", "right" };
	for (int k = 0; k < 2; k++) {
		p[k] = fork();
		assert_true(p[k] >= 0);
		if (p[k] == 0)
			writer(t.dir, tags[k]);
	}
	for (int k = 0; k < 2; k++) {
		int status;
		assert_int_equal(waitpid(p[k], &status, 0), p[k]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	struct store *s = open_ok(t.dir);
	struct store_annot_list l = { 0 };
	assert_int_equal(store_annot_list(s, NULL, 0, &l), 0);
	assert_int_equal(l.n, 2 * NWRITES);
	char note[64];
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < NWRITES; i++) {
			snprintf(note, sizeof note, "%s-%d", tags[k], i);
			assert_true(has_note(&l, note));
		}
	store_annot_list_free(&l);
	store_close(s);
	tmp_remove(&t);
}

/* A child writes notes in a loop and reports each committed one on a pipe;
 * it is killed with SIGKILL mid-stream. Every reported note survives and
 * the database passes integrity_check. */
static void
test_kill9(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	int fd[2];
	assert_int_equal(pipe(fd), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fd[0]);
		struct store *s;
		char *cause = NULL;
		if (store_open(t.dir, &s, &cause) < 0 || cause)
			_exit(3);
		for (int i = 0;; i++) {
			if (add_note(s, "k", i, NULL) < 0)
				_exit(4);
			if (write(fd[1], &i, sizeof i) != sizeof i)
				_exit(5);
		}
	}
	close(fd[1]);
	int last = -1, i;
	while (last < 60 && read(fd[0], &i, sizeof i) == sizeof i)
		last = i;
	assert_int_equal(kill(pid, SIGKILL), 0);
	while (read(fd[0], &i, sizeof i) == sizeof i)
		last = i;
	close(fd[0]);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_true(last >= 60);

	struct store *s = open_ok(t.dir);
	struct store_annot_list l = { 0 };
	assert_int_equal(store_annot_list(s, NULL, 0, &l), 0);
	assert_true(l.n >= (size_t)last + 1);
	char note[32];
	for (int k = 0; k <= last; k++) {
		snprintf(note, sizeof note, "k-%d", k);
		assert_true(has_note(&l, note));
	}
	store_annot_list_free(&l);
	store_close(s);
	char *ok = sql_text(t.db, "PRAGMA integrity_check");
	assert_string_equal(ok, "ok");
	free(ok);
	tmp_remove(&t);
}

static void
assert_readonly_store(struct store *s, size_t want_off)
{
	assert_int_equal(store_readonly(s), 1);
	size_t off = 0;
	assert_int_equal(store_get_position(s, "/a", &off), 0);
	assert_int_equal(off, want_off);
	struct store_annot_list l = { 0 };
	assert_int_equal(store_annot_list(s, NULL, 0, &l), 0);
	assert_int_equal(l.n, 1);
	store_annot_list_free(&l);
	assert_int_equal(store_set_position(s, "/a", 1), ERR_READONLY);
	assert_int_equal(add_note(s, "ro", 1, NULL), ERR_READONLY);
	assert_non_null(strstr(store_error(s), "read-only"));
}

/* In a child that is not root (chmod does not stop root): open dir, which
 * it may not write, and read every note. Exit status 0 if the store is
 * read-only, says so plainly, lists want notes and position 77, and
 * refuses writes; else the number of the check that failed. */
static void
read_as_nobody(const char *dir, size_t want)
{
	if (geteuid() == 0 && (setgid(65534) < 0 || setuid(65534) < 0))
		_exit(3);
	struct store *s;
	char *cause = NULL;
	if (store_open(dir, &s, &cause) < 0 || cause == NULL)
		_exit(4);
	char expect[160];
	snprintf(expect, sizeof expect, ": the directory %s is not writable (Permission denied);"
		 " notes are read-only this session", dir);
	if (strstr(cause, expect) == NULL || strstr(cause, "corrupt")) {
		fprintf(stderr, "cause: %s\n", cause);
		_exit(5);
	}
	if (!store_readonly(s) || store_set_position(s, "/a", 1) != ERR_READONLY ||
	    add_note(s, "no", 1, NULL) != ERR_READONLY)
		_exit(6);
	size_t off = 0;
	if (store_get_position(s, "/a", &off) < 0 || off != 77)
		_exit(7);
	struct store_annot_list l = { 0 };
	if (store_annot_list(s, NULL, 0, &l) < 0 || l.n != want)
		_exit(8);
	char note[32];
	for (size_t i = 0; i < want; i++) {
		snprintf(note, sizeof note, "keep-%zu", i);
		if (!has_note(&l, note))
			_exit(9);
	}
	store_annot_list_free(&l);
	store_close(s);
	free(cause);
	_exit(0);
}

/* dir made read-only (0555); read_as_nobody must pass, and every file in
 * dir stay byte-identical with no file added. */
static void
assert_reads_readonly(const char *dir, size_t want)
{
	size_t n0, n1;
	char *before = dir_image(dir, &n0);
	assert_int_equal(chmod(dir, 0555), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		read_as_nobody(dir, want);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(chmod(dir, 0700), 0);
	char *after = dir_image(dir, &n1);
	assert_same_image(before, n0, after, n1);
	free(before);
	free(after);
}

/* The readonly option; then a data directory the user cannot write (as
 * uid 65534 when run as root) in the three states a WAL database can be
 * in: closed cleanly (no -wal, no -shm: read as immutable), in use (notes
 * in -wal, a -shm: read in place), and notes in a -wal without a -shm
 * (read from a copy). Each time every note is shown, the message says the
 * session is read-only and why, and nothing is written; a healthy
 * database is never called corrupt. Last, a data "directory" that is a
 * regular file. */
static void
test_readonly(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	struct store *s = open_ok(t.dir);
	assert_int_equal(store_set_position(s, "/a", 77), 0);
	assert_int_equal(add_note(s, "keep", 0, NULL), 0);
	store_close(s);
	size_t n0, n1;
	char *before = slurp(t.db, &n0);

	struct store_opts ro = { .readonly = 1 };
	char *cause = NULL;
	assert_int_equal(store_open_opts(&ro, t.dir, &s, &cause), 0);
	assert_null(cause);
	assert_readonly_store(s, 77);
	store_close(s);
	char *after = slurp(t.db, &n1);
	assert_same_image(before, n0, after, n1);
	free(before);
	free(after);
	tmp_remove(&t);

	/* Closed cleanly. */
	tmp_make(&t);
	s = open_ok(t.dir);
	assert_int_equal(store_set_position(s, "/a", 77), 0);
	assert_int_equal(add_note(s, "keep", 0, NULL), 0);
	store_close(s);
	char side[128];
	snprintf(side, sizeof side, "%s-shm", t.db);
	assert_int_equal(access(side, F_OK), -1);
	assert_reads_readonly(t.dir, 1);

	/* In use: another process's connection keeps the notes in -wal. (Not
	 * one of this process: a forked child would share its -shm mapping.) */
	int go[2], ready[2];
	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(ready), 0);
	pid_t keeper = fork();
	assert_true(keeper >= 0);
	if (keeper == 0) {
		sqlite3 *keep;
		char c = 0;
		if (sqlite3_open(t.db, &keep) != SQLITE_OK ||
		    sqlite3_exec(keep, "PRAGMA wal_autocheckpoint=0; SELECT count(*) FROM annotation",
				 NULL, NULL, NULL) != SQLITE_OK ||
		    write(ready[1], &c, 1) != 1)
			_exit(3);
		close(go[1]);
		while (read(go[0], &c, 1) > 0)
			;
		_exit(0); /* without closing: no checkpoint */
	}
	close(go[0]);
	char c0;
	assert_int_equal(read(ready[0], &c0, 1), 1);
	s = open_ok(t.dir);
	for (int i = 1; i < 5; i++)
		assert_int_equal(add_note(s, "keep", i, NULL), 0);
	store_close(s);
	snprintf(side, sizeof side, "%s-wal", t.db);
	size_t wal_len;
	free(slurp(side, &wal_len));
	assert_true(wal_len > 0);
	assert_reads_readonly(t.dir, 5);

	/* The same notes.db and -wal without a -shm. */
	struct tmp c;
	tmp_make(&c);
	copy_file(t.db, c.db);
	char to[128];
	snprintf(to, sizeof to, "%s-wal", c.db);
	copy_file(side, to);
	close(go[1]);
	close(ready[0]);
	close(ready[1]);
	int status;
	assert_int_equal(waitpid(keeper, &status, 0), keeper);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_reads_readonly(c.dir, 5);
	tmp_remove(&c);

	/* The data directory is a regular file: nothing to read, nothing written. */
	char file[128];
	snprintf(file, sizeof file, "%s/plain", t.dir);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(store_open(file, &s, &cause), 0);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "cannot create the data directory"));
	free(cause);
	assert_int_equal(store_readonly(s), 1);
	assert_int_equal(store_set_position(s, "/a", 1), ERR_READONLY);
	store_close(s);
	tmp_remove(&t);
}

/* A full disk (the database capped with max_page_count): the write fails
 * with a clear message, earlier notes are intact. */
static void
test_full_disk(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	struct store_opts o = { .max_pages = 24 };
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open_opts(&o, t.dir, &s, &cause), 0);
	assert_null(cause);
	char *big = malloc(3001);
	memset(big, 'x', 3000);
	big[3000] = 0;
	int i, rc = 0;
	for (i = 0; i < 200; i++) {
		struct store_annot a = { .path = "/p", .quote = "q", .note = big };
		snprintf(a.colour, sizeof a.colour, "c%d", i);
		if ((rc = store_annot_add(s, &a)) < 0)
			break;
	}
	free(big);
	assert_true(i > 0 && i < 200);
	assert_int_equal(rc, ERR_DB);
	assert_non_null(strstr(store_error(s), "disk full"));
	store_close(s);
	s = open_ok(t.dir);
	struct store_annot_list l = { 0 };
	assert_int_equal(store_annot_list(s, NULL, 0, &l), 0);
	assert_int_equal(l.n, (size_t)i);
	store_annot_list_free(&l);
	store_close(s);
	char *ok = sql_text(t.db, "PRAGMA integrity_check");
	assert_string_equal(ok, "ok");
	free(ok);
	tmp_remove(&t);
}

/* Another program holds the write lock: a write fails with "locked" after
 * the busy timeout and succeeds once the lock is gone. */
static void
test_locked(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	struct store *s = open_ok(t.dir);
	assert_int_equal(store_set_position(s, "/a", 1), 0);
	store_close(s);
	struct store_opts o = { .busy_ms = 50 };
	char *cause = NULL;
	assert_int_equal(store_open_opts(&o, t.dir, &s, &cause), 0);
	assert_null(cause);

	sqlite3 *other;
	assert_int_equal(sqlite3_open(t.db, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN EXCLUSIVE; UPDATE position SET off=2",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(store_set_position(s, "/a", 3), ERR_DB);
	assert_non_null(strstr(store_error(s), "locked"));

	/* Opening while it is held works (the lock is transient); its writes
	 * wait and fail the same way. */
	struct store *s2;
	assert_int_equal(store_open_opts(&o, t.dir, &s2, &cause), 0);
	assert_null(cause);
	assert_int_equal(store_readonly(s2), 0);
	assert_int_equal(add_note(s2, "l", 1, NULL), ERR_DB);
	assert_non_null(strstr(store_error(s2), "locked"));
	store_close(s2);

	assert_int_equal(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	assert_int_equal(store_changed(s), 1);
	assert_int_equal(store_changed(s), 0);
	assert_int_equal(store_set_position(s, "/a", 3), 0);
	assert_string_equal(store_error(s), "");
	store_close(s);
	tmp_remove(&t);
}

/* dir holds a notes.db duwen must not write: opening gives why (and never
 * "newer"), a store that lists nothing and refuses writes, and leaves
 * every file in dir byte-identical, none added. */
static void
assert_refused(const char *dir, const char *why)
{
	size_t n0, n1;
	char *before = dir_image(dir, &n0);
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(dir, &s, &cause), 0);
	assert_non_null(cause);
	if (strstr(cause, why) == NULL || strstr(cause, "newer") ||
	    strstr(cause, "duwen will not write it") == NULL)
		fail_msg("cause '%s' lacks '%s'", cause, why);
	free(cause);
	assert_int_equal(store_readonly(s), 1);
	assert_int_equal(store_set_position(s, "/a", 1), ERR_READONLY);
	assert_int_equal(add_note(s, "x", 1, NULL), ERR_READONLY);
	size_t off;
	assert_int_equal(store_get_position(s, "/a", &off), ERR_NOTFOUND);
	struct store_annot_list l = { 0 };
	assert_int_equal(store_annot_list(s, NULL, 1, &l), 0);
	assert_int_equal(l.n, 0);
	store_close(s);
	char *after = dir_image(dir, &n1);
	assert_same_image(before, n0, after, n1);
	free(before);
	free(after);
}

/* Files that are not duwen's: whatever they are, refused with what they
 * are, left byte-identical, nothing created beside them. A 0-byte file
 * is not duwen's: duwen makes notes.db whole under another name and links
 * it into place, so a crash never leaves one empty (test_kill_create). */
static void
test_foreign(void **state)
{
	(void)state;
	static const struct {
		const char *sql; /* run on a new file; NULL: an empty file */
		const char *why;
	} cases[] = {
		{ NULL, "an empty file, not a duwen database" },
		{ "PRAGMA user_version=0; PRAGMA user_version=0",
		  "not a duwen database (an empty SQLite database)" },
		/* What made an old duwen say "made by a newer duwen". */
		{ "PRAGMA user_version=7", "not a duwen database (an empty SQLite database)" },
		{ "PRAGMA journal_mode=WAL", "not a duwen database (an empty SQLite database)" },
		{ "PRAGMA journal_mode=WAL; PRAGMA user_version=3",
		  "not a duwen database (an empty SQLite database)" },
		{ "PRAGMA application_id=12345; PRAGMA user_version=2;",
		  "not a duwen database (another program's: application_id 0x00003039)" },
		{ "PRAGMA journal_mode=WAL; PRAGMA application_id=12345;",
		  "not a duwen database (another program's: application_id 0x00003039)" },
		{ "CREATE TABLE cookies(name TEXT, value TEXT); INSERT INTO cookies VALUES('a', 'b');",
		  "not a duwen database (an SQLite database of 1 tables)" },
		{ "PRAGMA journal_mode=WAL; CREATE TABLE annotation(x); PRAGMA user_version=2;",
		  "not a duwen database (an SQLite database of 1 tables)" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct tmp t;
		tmp_make(&t);
		if (cases[i].sql) {
			sql(t.db, cases[i].sql);
		} else {
			FILE *f = fopen(t.db, "w");
			assert_non_null(f);
			fclose(f);
		}
		assert_refused(t.dir, cases[i].why);
		tmp_remove(&t);
	}
}

/* A notes.db that is no file: a FIFO (opening it waited for a writer
 * for ever: the alarm fails the test instead), a directory, a socket, a
 * link to a device. Refused as not duwen's, named for what it is. */
static void
test_not_a_file(void **state)
{
	(void)state;
	static const char *const kinds[] = { "a FIFO", "a directory", "a socket",
					     "a character device" };
	for (size_t i = 0; i < 4; i++) {
		struct tmp t;
		tmp_make(&t);
		int sfd = -1;
		if (i == 0) {
			assert_int_equal(mkfifo(t.db, 0600), 0);
		} else if (i == 1) {
			assert_int_equal(mkdir(t.db, 0700), 0);
		} else if (i == 2) {
			sfd = support_bind_socket(t.db);
		} else {
			assert_int_equal(symlink("/dev/null", t.db), 0);
		}
		char why[64];
		snprintf(why, sizeof why, "%s, not a duwen database", kinds[i]);
		alarm(20);
		assert_refused(t.dir, why);
		alarm(0);
		if (sfd >= 0)
			close(sfd);
		tmp_remove(&t);
	}
}

/* Random bytes, and a duwen database whose pages were overwritten in the
 * middle: refused with a reason, left byte-identical. */
static void
test_corrupt(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	FILE *f = fopen(t.db, "wb");
	assert_non_null(f);
	uint32_t x = 2463534242u;
	for (int i = 0; i < 8192; i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		fputc((int)(x & 0xff), f);
	}
	fclose(f);
	assert_refused(t.dir, "not a duwen database (not an SQLite file)");
	tmp_remove(&t);

	tmp_make(&t);
	struct store *s = open_ok(t.dir);
	for (int i = 0; i < 40; i++)
		assert_int_equal(add_note(s, "pad-pad-pad-pad-pad-pad-pad-pad-pad", i, NULL), 0);
	store_close(s);
	f = fopen(t.db, "r+b");
	assert_non_null(f);
	assert_int_equal(fseek(f, 4096 + 100, SEEK_SET), 0);
	for (int i = 0; i < 8000; i++)
		fputc(0xA5, f);
	fclose(f);
	assert_refused(t.dir, "database is corrupt");
	tmp_remove(&t);
}

/* SIGKILL while notes.db is being made, at times spread over the making:
 * afterwards there is either no notes.db or a complete one, and the next
 * open makes or opens it read-write without a word. A temporary file a
 * killed creation left is removed once it is an hour old. */
static void
test_kill_create(void **state)
{
	(void)state;
	int absent = 0;
	for (int round = 0; round < 24; round++) {
		struct tmp t;
		tmp_make(&t);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			struct store *s;
			store_open(t.dir, &s, NULL);
			_exit(0);
		}
		usleep((useconds_t)(round * 400));
		kill(pid, SIGKILL);
		int status;
		assert_int_equal(waitpid(pid, &status, 0), pid);
		if (access(t.db, F_OK) < 0)
			absent++;
		else
			assert_int_equal(sql_int(t.db, "PRAGMA application_id"), STORE_APPLICATION_ID);
		struct store *s = open_ok(t.dir);
		assert_int_equal(add_note(s, "after", round, NULL), 0);
		store_close(s);
		assert_int_equal(sql_int(t.db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
		assert_int_equal(sql_int(t.db, "SELECT count(*) FROM annotation"), 1);
		tmp_remove(&t);
	}
	assert_true(absent > 0); /* some kills did land before the link */

	struct tmp t;
	tmp_make(&t);
	char stale[128], fresh[128];
	snprintf(stale, sizeof stale, "%s.new-AbCdEf", t.db);
	snprintf(fresh, sizeof fresh, "%s.new-GhIjKl", t.db);
	FILE *f = fopen(stale, "w");
	assert_non_null(f);
	fclose(f);
	f = fopen(fresh, "w");
	assert_non_null(f);
	fclose(f);
	struct timeval old[2] = { { time(NULL) - 7200, 0 }, { time(NULL) - 7200, 0 } };
	assert_int_equal(utimes(stale, old), 0);
	struct store *s = open_ok(t.dir);
	store_close(s);
	assert_int_equal(access(stale, F_OK), -1);
	assert_int_equal(access(fresh, F_OK), 0);
	tmp_remove(&t);
}

/* Out of memory while the data directory is worked out from HOME is out
 * of memory (ERR_NOMEM), not "no data directory: set HOME"; with no HOME
 * at all it is that message. */
static void
test_default_dir_nomem(void **state)
{
	(void)state;
	const char *names[3] = { "HOME", "DUWEN_DATA", "XDG_DATA_HOME" };
	char *saved[3];
	for (int i = 0; i < 3; i++) {
		const char *v = getenv(names[i]);
		saved[i] = v ? strdup(v) : NULL;
		unsetenv(names[i]);
	}
	setenv("HOME", "/nonexistent-home", 1);
	struct store *s = NULL;
	char *cause = NULL;
	vasprintf_fail = 1;
	int rc = store_open(NULL, &s, &cause);
	vasprintf_fail = 0;
	assert_int_equal(rc, ERR_NOMEM);
	assert_null(cause);
	unsetenv("HOME");
	assert_int_equal(store_open(NULL, &s, &cause), 0);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "no data directory: set HOME"));
	assert_true(store_readonly(s));
	free(cause);
	store_close(s);
	for (int i = 0; i < 3; i++) {
		if (saved[i])
			setenv(names[i], saved[i], 1);
		else
			unsetenv(names[i]);
		free(saved[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_places),
		cmocka_unit_test(test_places_v2),
		cmocka_unit_test(test_annotations),
		cmocka_unit_test(test_migrate),
		cmocka_unit_test(test_newer_version),
		cmocka_unit_test(test_concurrent_writers),
		cmocka_unit_test(test_kill9),
		cmocka_unit_test(test_readonly),
		cmocka_unit_test(test_full_disk),
		cmocka_unit_test(test_locked),
		cmocka_unit_test(test_foreign),
		cmocka_unit_test(test_not_a_file),
		cmocka_unit_test(test_corrupt),
		cmocka_unit_test(test_kill_create),
		cmocka_unit_test(test_default_dir_nomem),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
