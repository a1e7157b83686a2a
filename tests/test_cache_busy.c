/* Tests for a cache shared by two processes while one writes: with a
 * short busy timeout (cache_set_busy_ms, as the panes set it) a write that
 * finds another connection's write lock fails at once (ERR_BUSY) instead
 * of waiting up to the 5 s of cache_open, and the incremental catalog
 * still fills the article, only its caching is left to a later start:
 * nothing either connection wrote is lost. Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cmocka.h>

#include "../src/cache.h"
#include "../src/catalog.h"
#include "../src/compare_spec.h"
#include "../src/err.h"
#include "support_tmp.h"

static const char ART_A[] = "title: 杭州\n\n杭州的开源社区很活跃。杭州和深圳都有很多公司。\n";
static const char ART_B[] = "title: 深圳\n\n深圳拼了。深圳的资本市场很大。\n";

static struct cache *
open_cache(const char *data)
{
	struct cache *c = NULL;
	char *cause = NULL;
	assert_int_equal(cache_open(data, "test", &c, &cause), 0);
	if (c == NULL)
		fail_msg("no cache: %s", cause ? cause : "?");
	return c;
}

static long
ms_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)(t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* An entry for a file that need not exist (cache_put does not look). */
static void
put(struct cache *c, const char *key, const char *title)
{
	struct cache_entry e = { .size = 1, .mtime_ns = 1, .file_hash = 1, .title = (char *)title,
				 .chars = 1, .len = 1, .spec = (char *)"" };
	int64_t id = -1;
	assert_int_equal(cache_put(c, key, &e, "x", 1, NULL, 0, &id), 0);
	assert_true(id >= 0);
}

/* cache_begin while another connection holds the write lock: ERR_BUSY at
 * once with the short timeout; the other's writes are kept, and the lock
 * is taken as soon as it is free. */
static void
test_begin_busy(void **state)
{
	(void)state;
	char *data = support_tmp_path("busy_data");
	struct cache *mine = open_cache(data), *other = open_cache(data);
	cache_set_busy_ms(mine, 0);
	assert_int_equal(cache_begin(other), 0);
	put(other, "/other/x.txt", "其他");
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(cache_begin(mine), ERR_BUSY);
	/* not the 5 s a default connection waits (a margin for a loaded
	 * machine: this is not a benchmark) */
	assert_true(ms_since(&t0) < 1000);
	assert_int_equal(cache_commit(other), 0);
	assert_int_equal(cache_begin(mine), 0);
	put(mine, "/mine/y.txt", "我的");
	assert_int_equal(cache_commit(mine), 0);
	struct cache_entry e;
	assert_int_equal(cache_get(other, "/mine/y.txt", &e), 0);
	assert_string_equal(e.title, "我的");
	cache_entry_clear(&e);
	assert_int_equal(cache_get(mine, "/other/x.txt", &e), 0);
	assert_string_equal(e.title, "其他");
	cache_entry_clear(&e);
	cache_close(mine);
	cache_close(other);
	free(data);
}

/* The panes' catalog over a busy cache: the article is filled (read from
 * its file) without waiting and without caching it; once the lock is free
 * the next article is cached again, and a later start caches the first. */
static void
test_fill_busy(void **state)
{
	(void)state;
	char *data = support_tmp_path("fill_data"), *dir = support_tmp_path("fill_arts");
	mkdir(dir, 0700);
	support_write_in(dir, "a.txt", ART_A, strlen(ART_A));
	support_write_in(dir, "b.txt", ART_B, strlen(ART_B));
	struct compare_spec spec;
	assert_int_equal(compare_spec_default(&spec), 0);
	const char *paths[] = { dir };
	struct cache *mine = open_cache(data), *other = open_cache(data);
	cache_set_busy_ms(mine, 0);
	struct catalog cat;
	assert_int_equal(catalog_open(&cat, mine, paths, 1, NULL, &spec, NULL, NULL, NULL), 0);
	assert_int_equal(cat.arts.n, 2);

	assert_int_equal(cache_begin(other), 0); /* another duwen writes */
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(catalog_fill(&cat, 0), 1);
	assert_true(ms_since(&t0) < 1000);
	assert_int_equal(cat.state[0], CATALOG_FULL);
	assert_string_equal(cat.arts.v[0].meta.title, "杭州");
	assert_non_null(cat.arts.v[0].text);
	assert_int_equal(cat.counts[0 * 3 + 0], 2); /* 杭州 twice */
	assert_int_equal(cat.ids[0], -1);           /* not cached */
	assert_int_equal(cache_commit(other), 0);

	assert_int_equal(catalog_fill(&cat, 1), 1); /* free again: cached */
	assert_true(cat.ids[1] >= 0);
	assert_int_equal(catalog_sync(&cat), 0);
	struct cache_entry e;
	assert_int_equal(cache_get(other, cat.keys[1], &e), 0);
	assert_string_equal(e.title, "深圳");
	cache_entry_clear(&e);
	assert_int_equal(cache_get(other, cat.keys[0], &e), ERR_NOTFOUND);
	catalog_free(&cat);

	/* the next start: b from the cache, a read and cached now */
	assert_int_equal(catalog_open(&cat, mine, paths, 1, NULL, &spec, NULL, NULL, NULL), 0);
	assert_int_equal(cat.state[0], CATALOG_PENDING);
	assert_int_equal(cat.state[1], CATALOG_META);
	assert_int_equal(catalog_fill(&cat, 0), 1);
	assert_true(cat.ids[0] >= 0);
	catalog_done(&cat);
	assert_int_equal(cache_get(other, cat.keys[0], &e), 0);
	assert_string_equal(e.title, "杭州");
	cache_entry_clear(&e);
	catalog_free(&cat);
	cache_close(mine);
	cache_close(other);
	compare_spec_free(&spec);
	free(data);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_begin_busy),
		cmocka_unit_test(test_fill_busy),
	};
	return cmocka_run_group_tests(tests, support_tmp_setup, support_tmp_teardown);
}
