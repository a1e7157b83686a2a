/* Tests for catalog over a cache: what is read again and what is not when
 * files are edited, touched, deleted, added and renamed, and when the
 * cache file is corrupt or another program's. Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "../src/article_job.h"
#include "../src/cache.h"
#include "../src/catalog.h"
#include "../src/compare_spec.h"
#include "../src/err.h"
#include "../src/match.h"
#include "../src/script.h"
#include "support_tmp.h"

static const char ART_A[] = "title: 杭州\n\n杭州的开源社区很活跃。杭州和深圳都有很多公司。\n";
static const char ART_B[] = "title: 深圳\n\n深圳拼了。深圳的资本市场很大。\n";
static const char ART_C[] = "title: 成都\n\n成都的大学培养了人才。\n";

/* The build the cache is opened as (another one drops every entry). */
static const char *build = "test";

/* Scan dir with a cache in data; returns the catalog (caller frees). */
static void
scan(const char *data, const char *dir, const struct compare_spec *spec, struct catalog *cat)
{
	struct cache *c = NULL;
	char *cause = NULL;
	assert_int_equal(cache_open(data, build, &c, &cause), 0);
	if (c == NULL)
		fail_msg("no cache: %s", cause ? cause : "?");
	const char *paths[] = { dir };
	assert_int_equal(catalog_scan(cat, c, paths, 1, NULL, spec, 0, NULL, NULL, NULL, NULL), 0);
	cache_close(c);
}

static const char *
title(const struct catalog *cat, size_t i)
{
	return cat->arts.v[i].meta.title ? cat->arts.v[i].meta.title : "";
}

static void
set_mtime(const char *path, long sec)
{
	struct timespec ts[2] = { { sec, 0 }, { sec, 0 } };
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
}

static void
test_invalidation(void **state)
{
	(void)state;
	char *data = support_tmp_path("data"), *dir = support_tmp_path("arts");
	mkdir(dir, 0700);
	support_write_in(dir, "a.txt", ART_A, strlen(ART_A));
	support_write_in(dir, "b.txt", ART_B, strlen(ART_B));
	support_write_in(dir, "c.txt", ART_C, strlen(ART_C));
	struct compare_spec spec;
	assert_int_equal(compare_spec_default(&spec), 0);
	struct catalog cat;

	scan(data, dir, &spec, &cat); /* cold */
	assert_int_equal(cat.arts.n, 3);
	assert_int_equal(cat.from_cache, 0);
	assert_string_equal(title(&cat, 0), "杭州");
	/* 杭州 深圳 成都: a.txt's text names 杭州 twice, 深圳 once (the
	 * file's header block does not count) */
	size_t cold[9];
	memcpy(cold, cat.counts, sizeof cold);
	assert_int_equal(cold[0], 2);
	assert_int_equal(cold[1], 1);
	assert_null(cat.arts.v[0].text);
	catalog_free(&cat);

	scan(data, dir, &spec, &cat); /* warm: nothing read, same counts */
	assert_int_equal(cat.arts.n, 3);
	assert_int_equal(cat.from_cache, 3);
	assert_memory_equal(cat.counts, cold, sizeof cold);
	assert_string_equal(title(&cat, 1), "深圳");
	catalog_free(&cat);

	char *a = support_tmp_path("arts/a.txt");
	set_mtime(a, 1000000); /* touched, bytes unchanged */
	scan(data, dir, &spec, &cat);
	assert_int_equal(cat.from_cache, 3);
	catalog_free(&cat);

	static const char A2[] = "title: 杭州新篇\n\n杭州。\n";
	support_write_in(dir, "a.txt", A2, strlen(A2)); /* edited */
	set_mtime(a, 2000000);
	scan(data, dir, &spec, &cat);
	assert_int_equal(cat.from_cache, 2);
	assert_string_equal(title(&cat, 0), "杭州新篇");
	assert_int_equal(cat.counts[0], 1);
	catalog_free(&cat);

	char *c = support_tmp_path("arts/c.txt");
	assert_int_equal(unlink(c), 0); /* deleted */
	scan(data, dir, &spec, &cat);
	assert_int_equal(cat.arts.n, 2);
	catalog_free(&cat);
	struct cache *ch = NULL;
	char *cause = NULL;
	assert_int_equal(cache_open(data, "test", &ch, &cause), 0);
	struct cache_entry e;
	char abs[4096];
	assert_non_null(realpath(dir, abs));
	strcat(abs, "/c.txt");
	assert_int_equal(cache_get(ch, abs, &e), ERR_NOTFOUND); /* dropped */
	cache_close(ch);

	support_write_in(dir, "d.txt", ART_C, strlen(ART_C)); /* added */
	scan(data, dir, &spec, &cat);
	assert_int_equal(cat.arts.n, 3);
	assert_int_equal(cat.from_cache, 2);
	catalog_free(&cat);

	char *d = support_tmp_path("arts/d.txt"), *e2 = support_tmp_path("arts/e.txt");
	assert_int_equal(rename(d, e2), 0); /* renamed: found by its bytes */
	scan(data, dir, &spec, &cat);
	assert_int_equal(cat.arts.n, 3);
	assert_int_equal(cat.from_cache, 3);
	assert_string_equal(title(&cat, 2), "成都");
	catalog_free(&cat);

	/* other cities: counted again, from the files */
	assert_int_equal(compare_spec_select(&spec, "杭州,北京", NULL), 0);
	scan(data, dir, &spec, &cat);
	assert_int_equal(cat.from_cache, 0);
	assert_int_equal(cat.ncities, 2);
	assert_int_equal(cat.counts[0], 1);
	catalog_free(&cat);

	/* another build of duwen: every file is read again, once */
	build = "another";
	scan(data, dir, &spec, &cat);
	assert_int_equal(cat.arts.n, 3);
	assert_int_equal(cat.from_cache, 0);
	catalog_free(&cat);
	scan(data, dir, &spec, &cat);
	assert_int_equal(cat.from_cache, 3);
	catalog_free(&cat);
	build = "test";

	compare_spec_free(&spec);
	free(a);
	free(c);
	free(d);
	free(e2);
	free(data);
	free(dir);
}

/* A cache file that is corrupt, or another program's database, is moved
 * aside to cache.db.bad and a new cache is made; the scan never fails. */
static void
test_bad_cache(void **state)
{
	(void)state;
	char *data = support_tmp_path("bad"), *dir = support_tmp_path("bad_arts");
	mkdir(data, 0700);
	mkdir(dir, 0700);
	support_write_in(dir, "a.txt", ART_A, strlen(ART_A));
	char *db = support_tmp_path("bad/cache.db"), *bad = support_tmp_path("bad/cache.db.bad");
	struct catalog cat;

	static const char junk[] = "this is not a database, not at all, not even close........";
	support_write_file(db, junk, sizeof junk);
	scan(data, dir, NULL, &cat);
	assert_int_equal(cat.arts.n, 1);
	assert_int_equal(cat.from_cache, 0);
	catalog_free(&cat);
	struct stat sb;
	assert_int_equal(stat(bad, &sb), 0);
	assert_int_equal(sb.st_size, sizeof junk); /* kept, not written */
	scan(data, dir, NULL, &cat);
	assert_int_equal(cat.from_cache, 1); /* the new cache works */
	catalog_free(&cat);

	/* another program's SQLite database in its place */
	unlink(db);
	sqlite3 *x;
	assert_int_equal(sqlite3_open(db, &x), SQLITE_OK);
	assert_int_equal(sqlite3_exec(x, "CREATE TABLE mine (v); INSERT INTO mine VALUES (42);",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(x);
	scan(data, dir, NULL, &cat);
	assert_int_equal(cat.arts.n, 1);
	assert_int_equal(cat.from_cache, 0);
	catalog_free(&cat);
	assert_int_equal(sqlite3_open(bad, &x), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(x, "SELECT v FROM mine", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 42); /* untouched */
	sqlite3_finalize(st);
	sqlite3_close(x);

	free(db);
	free(bad);
	free(data);
	free(dir);
}

/* A cache of an older schema (version 2 kept the texts in 4 KiB pages) is
 * dropped, not moved aside, and made again at this schema and page size;
 * the scan never fails. */
static void
test_old_schema(void **state)
{
	(void)state;
	char *data = support_tmp_path("old"), *dir = support_tmp_path("old_arts");
	mkdir(data, 0700);
	mkdir(dir, 0700);
	support_write_in(dir, "a.txt", ART_A, strlen(ART_A));
	char *db = support_tmp_path("old/cache.db"), *bad = support_tmp_path("old/cache.db.bad");
	sqlite3 *x;
	char sql[160];
	snprintf(sql, sizeof sql,
		 "PRAGMA page_size = 4096; PRAGMA application_id = %d; PRAGMA user_version = %d;"
		 " CREATE TABLE file (id INTEGER PRIMARY KEY, path TEXT);",
		 CACHE_APPLICATION_ID, CACHE_SCHEMA_VERSION - 1);
	assert_int_equal(sqlite3_open(db, &x), SQLITE_OK);
	assert_int_equal(sqlite3_exec(x, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(x);

	struct catalog cat;
	scan(data, dir, NULL, &cat);
	assert_int_equal(cat.arts.n, 1);
	assert_int_equal(cat.from_cache, 0);
	catalog_free(&cat);
	struct stat sb;
	assert_int_equal(stat(bad, &sb), -1); /* ours: nothing to keep */
	assert_int_equal(sqlite3_open(db, &x), SQLITE_OK);
	static const struct {
		const char *sql;
		long long want;
	} facts[] = {
		{ "PRAGMA application_id", CACHE_APPLICATION_ID },
		{ "PRAGMA user_version", CACHE_SCHEMA_VERSION },
		{ "PRAGMA page_size", CACHE_PAGE_SIZE },
	};
	for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++) {
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(x, facts[i].sql, -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int64(st, 0), facts[i].want);
		sqlite3_finalize(st);
	}
	sqlite3_close(x);
	scan(data, dir, NULL, &cat);
	assert_int_equal(cat.from_cache, 1); /* the new cache works */
	catalog_free(&cat);

	free(db);
	free(bad);
	free(data);
	free(dir);
}

/* Warnings from an incremental catalog: the paths, in order. */
struct warned {
	char paths[4][256];
	size_t n;
};

static void
note_warn(void *ctx, const char *path, const char *reason)
{
	struct warned *w = ctx;
	(void)reason;
	if (w->n < 4)
		snprintf(w->paths[w->n++], sizeof w->paths[0], "%s", path);
}

static struct cache *
open_cache(const char *data)
{
	struct cache *c = NULL;
	char *cause = NULL;
	assert_int_equal(cache_open(data, build, &c, &cause), 0);
	if (c == NULL)
		fail_msg("no cache: %s", cause ? cause : "?");
	return c;
}

struct said {
	char v[4][512];
	size_t n;
};

static void
say_warn(void *ctx, const char *path, const char *reason)
{
	struct said *w = ctx;
	if (w->n < 4)
		snprintf(w->v[w->n++], sizeof w->v[0], "%s: %s", path, reason);
}

/* A huge file in the folder (a 1 TiB sparse one: a disk image named .txt)
 * is refused by its size at once with the cache as without it: the cache's
 * content hash read it whole first (100 GiB: a minute), so the alarm fails
 * the test instead of waiting. */
static void
test_huge_file(void **state)
{
	(void)state;
	char *data = support_tmp_path("data"), *dir = support_tmp_path("huge");
	mkdir(dir, 0700);
	support_write_in(dir, "a.txt", ART_A, strlen(ART_A));
	char *big = support_tmp_path("huge/big.txt");
	int fd = open(big, O_WRONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	if (ftruncate(fd, (off_t)1 << 40) < 0) {
		close(fd);
		skip(); /* a file system without such files */
	}
	close(fd);
	struct cache *c = open_cache(data);
	struct catalog cat;
	struct said w = { .n = 0 };
	const char *paths[] = { dir };
	alarm(30);
	assert_int_equal(catalog_scan(&cat, c, paths, 1, NULL, NULL, 0, say_warn, &w, NULL, NULL), 0);
	alarm(0);
	assert_int_equal(cat.arts.n, 1);
	assert_int_equal(w.n, 1);
	char want[512];
	snprintf(want, sizeof want, "%s: file is 1 TiB, over the 64 MiB limit", big);
	assert_string_equal(w.v[0], want);
	catalog_free(&cat);
	cache_close(c);
	unlink(big);
	free(big);
	free(dir);
	free(data);
}

/* The slots' states as a string: P pending, M metadata, F full, X failed. */
static void
states(const struct catalog *cat, char *out)
{
	for (size_t i = 0; i < cat->arts.n; i++)
		out[i] = "PMFX"[cat->state[i]];
	out[cat->arts.n] = 0;
}

/* The incremental catalog of the panes: slots for every file at once
 * (pointers that never move), each PENDING, META (from the cache), FULL
 * or FAILED; filling in any order; an interrupted load keeps what it read. */
static void
test_incremental(void **state)
{
	(void)state;
	char *data = support_tmp_path("inc_data"), *dir = support_tmp_path("inc_arts");
	mkdir(dir, 0700);
	support_write_in(dir, "a.txt", ART_A, strlen(ART_A));
	support_write_in(dir, "b.txt", ART_B, strlen(ART_B));
	support_write_in(dir, "c.txt", ART_C, strlen(ART_C));
	support_write_in(dir, "d.txt", " \n", 2); /* blank: no article */
	struct compare_spec spec;
	assert_int_equal(compare_spec_default(&spec), 0);
	const char *paths[] = { dir };
	struct warned w = { .n = 0 };
	struct catalog cat;
	char st[8];

	/* cold: every slot pending, with its path; filled out of order */
	struct cache *c = open_cache(data);
	assert_int_equal(catalog_open(&cat, c, paths, 1, NULL, &spec, NULL, note_warn, &w), 0);
	assert_int_equal(cat.arts.n, 4);
	states(&cat, st);
	assert_string_equal(st, "PPPP");
	assert_null(cat.arts.v[1].meta.title);
	assert_non_null(strstr(cat.arts.v[1].path, "b.txt"));
	const struct article *b = &cat.arts.v[1]; /* the slot, not a copy */
	assert_int_equal(catalog_fill(&cat, 1), 1);
	assert_ptr_equal(b, &cat.arts.v[1]);
	assert_string_equal(b->meta.title, "深圳");
	assert_non_null(b->text);
	assert_non_null(cat.folded[1].text);
	assert_int_equal(cat.counts[1 * 3 + 1], 2); /* 深圳 twice in b's text */
	assert_int_equal(catalog_fill(&cat, 1), 1); /* again: nothing to do */
	assert_int_equal(catalog_fill(&cat, 3), 0); /* the blank file */
	assert_int_equal(w.n, 1);
	assert_non_null(strstr(w.paths[0], "d.txt"));
	assert_int_equal(catalog_fill(&cat, 3), 0); /* reported once */
	assert_int_equal(w.n, 1);
	states(&cat, st);
	assert_string_equal(st, "PFPX");
	assert_int_equal(cat.nfull, 1);
	assert_int_equal(cat.nfailed, 1);
	/* quit here: what was read is kept */
	catalog_free(&cat);
	cache_close(c);

	/* reopened: b from the cache's metadata, the rest still to read */
	c = open_cache(data);
	assert_int_equal(catalog_open(&cat, c, paths, 1, NULL, &spec, NULL, note_warn, &w), 0);
	states(&cat, st);
	assert_string_equal(st, "PMPP");
	assert_int_equal(cat.from_cache, 1);
	assert_string_equal(cat.arts.v[1].meta.title, "深圳");
	assert_null(cat.arts.v[1].text);
	assert_int_equal(cat.counts[1 * 3 + 1], 2);
	for (size_t i = 0; i < cat.arts.n; i++)
		catalog_fill(&cat, i);
	states(&cat, st);
	assert_string_equal(st, "FFFX");
	assert_string_equal(cat.arts.v[0].meta.title, "杭州");
	assert_int_equal(cat.counts[0], 2);
	assert_int_equal(cat.counts[1], 1);
	catalog_done(&cat);
	catalog_free(&cat);
	cache_close(c);

	/* warm: all metadata at once; a full copy from the cache, let go */
	c = open_cache(data);
	assert_int_equal(catalog_open(&cat, c, paths, 1, NULL, &spec, NULL, note_warn, &w), 0);
	states(&cat, st);
	assert_string_equal(st, "MMMP"); /* the blank file is never cached */
	assert_int_equal(catalog_fill(&cat, 2), 1);
	assert_string_equal(cat.arts.v[2].meta.title, "成都");
	assert_non_null(strstr(cat.arts.v[2].text, "人才"));
	assert_true(cat.folded[2].len > 0);
	catalog_unfill(&cat, 2);
	assert_null(cat.arts.v[2].text);
	assert_null(cat.folded[2].text);
	assert_string_equal(cat.arts.v[2].meta.title, "成都"); /* the facts stay */
	states(&cat, st);
	assert_string_equal(st, "MMMP");
	assert_int_equal(cat.nfull, 0);
	catalog_free(&cat);
	cache_close(c);

	/* an edited file is pending again, and read anew */
	static const char A2[] = "title: 杭州新篇\n\n杭州。\n";
	char *a = support_tmp_path("inc_arts/a.txt");
	support_write_file(a, A2, strlen(A2));
	set_mtime(a, 3000000);
	c = open_cache(data);
	assert_int_equal(catalog_open(&cat, c, paths, 1, NULL, &spec, NULL, note_warn, &w), 0);
	states(&cat, st);
	assert_string_equal(st, "PMMP");
	assert_int_equal(catalog_fill(&cat, 0), 1);
	assert_string_equal(cat.arts.v[0].meta.title, "杭州新篇");
	assert_int_equal(cat.counts[0], 1);
	catalog_free(&cat);
	cache_close(c);

	/* without a cache: pending, filled from the files */
	assert_int_equal(catalog_open(&cat, NULL, paths, 1, NULL, &spec, NULL, NULL, NULL), 0);
	states(&cat, st);
	assert_string_equal(st, "PPPP");
	assert_int_equal(catalog_fill(&cat, 2), 1);
	assert_string_equal(cat.arts.v[2].meta.title, "成都");
	catalog_free(&cat);

	/* a corpus already loaded (standard input) is adopted whole */
	struct corpus corp;
	assert_int_equal(corpus_load(&corp, paths, 1, NULL, NULL, NULL), 0);
	assert_int_equal(corp.n, 3);
	assert_int_equal(catalog_adopt(&cat, &corp, &spec, NULL), 0);
	assert_int_equal(corp.n, 0);
	states(&cat, st);
	assert_string_equal(st, "FFF");
	assert_int_equal(cat.counts[1 * 3 + 1], 2);
	assert_true(cat.folded[0].len > 0);
	catalog_free(&cat);

	compare_spec_free(&spec);
	free(a);
	free(data);
	free(dir);
}

/* A full scan (--compare) reads a file the cache keeps no copy of (over
 * CATALOG_BODY_MAX) without writing its current entry again: the same
 * entry, the same counts, the article in full. */
static void
test_full_keeps_entry(void **state)
{
	(void)state;
	char *dir = support_tmp_path("keep_arts"), *data = support_tmp_path("keep_data");
	mkdir(dir, 0700);
	support_write_in(dir, "a.txt", ART_A, strlen(ART_A));
	/* first in the listing, so that a new entry would get another id */
	char *big = support_tmp_path("keep_arts/0big.txt");
	FILE *in = fopen("texts/002_shenzhen_pinle.txt", "rb"), *out = fopen(big, "wb");
	assert_non_null(in);
	assert_non_null(out);
	char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf, in);
	for (size_t done = 0; done <= CATALOG_BODY_MAX + ((size_t)2 << 20); done += n)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	fclose(out);
	struct compare_spec spec;
	assert_int_equal(compare_spec_default(&spec), 0);
	struct catalog cat;
	scan(data, dir, &spec, &cat); /* cold: both cached */
	assert_int_equal(cat.arts.n, 2);
	assert_true(cat.arts.v[0].len > CATALOG_BODY_MAX);
	int64_t id0 = cat.ids[0], id1 = cat.ids[1];
	size_t counts[6];
	memcpy(counts, cat.counts, sizeof counts);
	assert_true(id0 >= 0 && id1 > id0);
	catalog_free(&cat);
	struct cache *c = open_cache(data);
	const char *paths[] = { dir };
	assert_int_equal(catalog_scan(&cat, c, paths, 1, NULL, &spec, 1, NULL, NULL, NULL, NULL), 0);
	cache_close(c);
	assert_int_equal(cat.arts.n, 2);
	assert_true(cat.ids[0] == id0);
	assert_true(cat.ids[1] == id1);
	assert_memory_equal(cat.counts, counts, sizeof counts);
	assert_non_null(cat.arts.v[0].text);
	assert_non_null(cat.folded[0].text);
	catalog_free(&cat);
	scan(data, dir, &spec, &cat); /* warm: both from the cache */
	assert_int_equal(cat.from_cache, 2);
	assert_true(cat.ids[0] == id0);
	catalog_free(&cat);
	compare_spec_free(&spec);
	free(big);
	free(data);
	free(dir);
}

/* A job's hook in the test: the catalog's prep, as ui/bigload.c wires it. */
static int
prep_run(void *ctx, struct script *sc, int rc, struct article *a, struct match_text *fa,
	 char *cause)
{
	return catalog_prep_run(ctx, sc, rc, a, fa, cause);
}

static void
prep_free(void *ctx)
{
	catalog_prep_free(ctx);
}

/* Slot i through a job that counts and caches it in its thread. */
static int
fill_by_job(struct catalog *cat, size_t i)
{
	struct catalog_prep *p;
	assert_int_equal(catalog_prep_new(cat, i, &p), 0);
	struct article_job_hook hook = { prep_run, prep_free, p };
	struct article_job *j;
	assert_int_equal(article_job_start_hook(NULL, cat->arts.v[i].path, 1, &hook, &j), 0);
	int rc = article_job_take(j, NULL, NULL, NULL);
	int r = catalog_fill_prepared(cat, i, p);
	assert_int_equal(r, rc);
	return r;
}

/* A slot counted and cached in the job's thread (catalog_prep_run, the
 * panes' large files) is the slot catalog_fill makes: the same article,
 * fold, city counts, warnings and cache entry; so is a failure. Opened
 * again, an entry current in the cache is not written again. While
 * writes are held (another connection writes), a fill caches nothing. */
static void
test_fill_prepared(void **state)
{
	(void)state;
	char *dir = support_tmp_path("prep_arts");
	mkdir(dir, 0700);
	support_write_in(dir, "a.txt", ART_A, strlen(ART_A));
	support_write_in(dir, "b.txt", ART_B, strlen(ART_B));
	support_write_in(dir, "d.txt", " \n", 2); /* blank: no article */
	support_write_in(dir, "e.txt", ART_C, strlen(ART_C)); /* deleted after opening */
	char *big = support_tmp_path("prep_arts/big.txt");
	FILE *in = fopen("texts/001_hangzhou_kaiyuan.txt", "rb"), *out = fopen(big, "wb");
	assert_non_null(in);
	assert_non_null(out);
	char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf, in);
	for (size_t done = 0; done < ((size_t)3 << 20); done += n)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	fclose(out);
	struct compare_spec spec;
	assert_int_equal(compare_spec_default(&spec), 0);
	const char *paths[] = { dir };
	char *data[2] = { support_tmp_path("prep_data0"), support_tmp_path("prep_data1") };
	struct catalog cat[2];
	struct cache *c[2];
	struct warned w[2] = { { .n = 0 }, { .n = 0 } };
	for (int k = 0; k < 2; k++) {
		c[k] = open_cache(data[k]);
		assert_int_equal(catalog_open(&cat[k], c[k], paths, 1, NULL, &spec, NULL, note_warn, &w[k]), 0);
		assert_int_equal(cat[k].arts.n, 5);
	}
	char *e = support_tmp_path("prep_arts/e.txt");
	unlink(e);
	/* 0: catalog_fill; 1: the same slots through a job each */
	for (size_t i = 0; i < 5; i++) {
		int want = catalog_fill(&cat[0], i);
		assert_int_equal(fill_by_job(&cat[1], i), want);
		assert_int_equal(cat[1].state[i], cat[0].state[i]);
		const struct article *x = &cat[0].arts.v[i], *y = &cat[1].arts.v[i];
		assert_string_equal(x->path, y->path);
		if (want != 1)
			continue;
		assert_int_equal(x->len, y->len);
		assert_memory_equal(x->text, y->text, x->len);
		assert_true(x->hash == y->hash);
		assert_string_equal(x->meta.title, y->meta.title);
		assert_int_equal(x->nblocks, y->nblocks);
		assert_int_equal(x->nsents, y->nsents);
		assert_int_equal(cat[0].folded[i].len, cat[1].folded[i].len);
		assert_memory_equal(cat[0].folded[i].text, cat[1].folded[i].text, cat[0].folded[i].len);
		assert_memory_equal(&cat[0].counts[i * 3], &cat[1].counts[i * 3], 3 * sizeof *cat[0].counts);
		assert_true(cat[1].ids[i] >= 0); /* cached by the job */
	}
	char st[2][8];
	states(&cat[0], st[0]);
	states(&cat[1], st[1]);
	assert_string_equal(st[0], "FFFXX");
	assert_string_equal(st[1], st[0]);
	assert_int_equal(cat[1].nfull, 3);
	assert_int_equal(cat[1].nfailed, 2);
	/* big.txt (001 over and over) names 杭州 many times */
	assert_true(cat[0].arts.v[2].len > ((size_t)2 << 20));
	assert_true(cat[1].counts[2 * 3 + 0] > 1000);
	assert_int_equal(w[1].n, w[0].n);
	assert_int_equal(w[1].n, 2);
	for (size_t k = 0; k < w[0].n; k++)
		assert_string_equal(w[1].paths[k], w[0].paths[k]);
	/* both caches hold the same: reopened, the same metadata and counts */
	int64_t id[2][3];
	for (int k = 0; k < 2; k++) {
		catalog_done(&cat[k]);
		catalog_free(&cat[k]);
		cache_close(c[k]);
		c[k] = open_cache(data[k]);
		assert_int_equal(catalog_open(&cat[k], c[k], paths, 1, NULL, &spec, NULL, NULL, NULL), 0);
		states(&cat[k], st[k]);
		memcpy(id[k], cat[k].ids, sizeof id[k]);
	}
	assert_string_equal(st[0], "MMMP");
	assert_string_equal(st[1], st[0]);
	for (size_t i = 0; i < 3; i++) {
		assert_string_equal(cat[0].arts.v[i].meta.title, cat[1].arts.v[i].meta.title);
		assert_int_equal(cat[0].arts.v[i].chars, cat[1].arts.v[i].chars);
		assert_memory_equal(&cat[0].counts[i * 3], &cat[1].counts[i * 3], 3 * sizeof *cat[0].counts);
	}
	/* again through jobs: current entries are kept as they are (the same
	 * ids, not written again), with the same counts */
	size_t counts[9];
	memcpy(counts, cat[1].counts, sizeof counts);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(fill_by_job(&cat[1], i), 1);
		assert_true(cat[1].ids[i] == id[1][i]);
		assert_memory_equal(&cat[1].counts[i * 3], &counts[i * 3], 3 * sizeof *counts);
		assert_int_equal(cat[1].state[i], CATALOG_FULL);
		assert_non_null(cat[1].folded[i].text);
	}
	assert_int_equal(cat[1].from_cache, 3);
	/* a file added while writes are held is read, and not cached */
	support_write_in(dir, "f.txt", ART_C, strlen(ART_C));
	for (int k = 0; k < 2; k++) {
		catalog_done(&cat[k]);
		catalog_free(&cat[k]);
		cache_close(c[k]);
		c[k] = open_cache(data[k]);
		assert_int_equal(catalog_open(&cat[k], c[k], paths, 1, NULL, &spec, NULL, NULL, NULL), 0);
		states(&cat[k], st[k]);
		assert_string_equal(st[k], "MMMPP"); /* ..., d.txt, f.txt */
	}
	catalog_hold_writes(&cat[1], 1);
	assert_int_equal(catalog_fill(&cat[0], 4), 1);
	assert_int_equal(catalog_fill(&cat[1], 4), 1);
	assert_true(cat[0].ids[4] >= 0);
	assert_int_equal(cat[1].ids[4], -1);
	assert_memory_equal(&cat[0].counts[4 * 3], &cat[1].counts[4 * 3], 3 * sizeof *cat[0].counts);
	catalog_hold_writes(&cat[1], 0);
	for (int k = 0; k < 2; k++) {
		catalog_sync(&cat[k]);
		catalog_free(&cat[k]);
		cache_close(c[k]);
		c[k] = open_cache(data[k]);
		assert_int_equal(catalog_open(&cat[k], c[k], paths, 1, NULL, &spec, NULL, NULL, NULL), 0);
		states(&cat[k], st[k]);
	}
	assert_string_equal(st[0], "MMMPM");
	assert_string_equal(st[1], "MMMPP");
	for (int k = 0; k < 2; k++) {
		catalog_free(&cat[k]);
		cache_close(c[k]);
		free(data[k]);
	}
	compare_spec_free(&spec);
	free(e);
	free(big);
	free(dir);
}

/* What catalog_scan_each hands over: each article once, numbered as in
 * the catalog, whole (as article_load makes it), with a worker's fold or
 * none. */
struct each_seen {
	struct script *sc;
	size_t calls, folded, next;
	int bad;
};

static int
each_check(void *ctx, size_t i, const struct article *a, const struct match_text *fa)
{
	struct each_seen *e = ctx;
	struct article b;
	char *cause = NULL;
	e->calls++;
	if (i != e->next++ || a->text == NULL || article_load(NULL, a->path, &b, &cause) != 0) {
		e->bad = 1;
		free(cause);
		return 0;
	}
	if (b.len != a->len || memcmp(b.text, a->text, a->len) != 0 || b.nblocks != a->nblocks ||
	    b.nsents != a->nsents)
		e->bad = 1;
	if (fa) {
		struct match_text t;
		assert_int_equal(match_fold(e->sc, a->text, a->len, &t), 0);
		if (t.len != fa->len || memcmp(t.text, fa->text, t.len) != 0)
			e->bad = 1;
		match_text_free(&t);
		e->folded++;
	}
	article_free(&b);
	return 0;
}

static int
each_fail(void *ctx, size_t i, const struct article *a, const struct match_text *fa)
{
	(void)a;
	(void)fa;
	*(size_t *)ctx += 1;
	return i == 2 ? ERR_NOMEM : 0;
}

static void
test_scan_each(void **state)
{
	(void)state;
	char *dir = support_tmp_path("each_arts");
	mkdir(dir, 0700);
	/* enough files for the workers to take some (they fold them; not
	 * asserted: a loaded machine may leave every file to the scan), a
	 * blank one left out */
	static const char *const texts[] = { "texts/000_sichuan_ribao.txt", "texts/001_hangzhou_kaiyuan.txt",
					     "texts/002_shenzhen_pinle.txt" };
	for (int k = 0; k < 60; k++) {
		char name[32], buf[1 << 16];
		snprintf(name, sizeof name, "a%02d.txt", k);
		FILE *in = fopen(texts[k % 3], "rb");
		assert_non_null(in);
		size_t n = fread(buf, 1, sizeof buf, in);
		fclose(in);
		support_write_in(dir, name, k == 5 ? " \n" : buf, k == 5 ? 2 : n);
	}
	struct each_seen e = { 0 };
	assert_int_equal(script_open(&e.sc, NULL), 0);
	const char *paths[] = { dir };
	struct catalog cat;
	assert_int_equal(catalog_scan_each(&cat, NULL, paths, 1, NULL, NULL, 0, NULL, NULL, NULL, NULL,
					   each_check, &e), 0);
	assert_int_equal(cat.arts.n, 59);
	assert_int_equal(e.calls, 59);
	assert_false(e.bad);
	assert_null(cat.arts.v[0].text); /* let go after each */
	catalog_free(&cat);
	/* an error from each ends the scan with it */
	size_t calls = 0;
	assert_int_equal(catalog_scan_each(&cat, NULL, paths, 1, NULL, NULL, 0, NULL, NULL, NULL, NULL,
					   each_fail, &calls), ERR_NOMEM);
	assert_int_equal(calls, 3);
	assert_int_equal(cat.arts.n, 0);
	script_close(e.sc);
	free(dir);
	printf("scan_each: %zu of %zu folded by the workers\n", e.folded, e.calls);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_invalidation),
		cmocka_unit_test(test_bad_cache),
		cmocka_unit_test(test_old_schema),
		cmocka_unit_test(test_incremental),
		cmocka_unit_test(test_fill_prepared),
		cmocka_unit_test(test_full_keeps_entry),
		cmocka_unit_test(test_scan_each),
		cmocka_unit_test(test_huge_file),
	};
	return cmocka_run_group_tests(tests, support_tmp_setup, support_tmp_teardown);
}
