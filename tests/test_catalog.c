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

#include "../src/cache.h"
#include "../src/catalog.h"
#include "../src/compare_spec.h"
#include "../src/err.h"
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_invalidation),
		cmocka_unit_test(test_bad_cache),
	};
	return cmocka_run_group_tests(tests, support_tmp_setup, support_tmp_teardown);
}
