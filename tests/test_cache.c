/* Tests for cache: the FTS5 trigram index (and the scan for queries under
 * three characters) answers exactly as a scan of every folded text does,
 * for queries in both scripts; entries round-trip. Run from the repository
 * root (reads texts/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "../src/article.h"
#include "../src/cache.h"
#include "../src/corpus.h"
#include "../src/err.h"
#include "../src/match.h"
#include "../src/script.h"
#include "support_tmp.h"

/* The bundled texts plus two short ones that hold a query only across a
 * line break or in full-width letters. */
static const char EXTRA1[] = "開放原始碼\n社區。ＤｅｅｐＳｅｅｋ";
static const char EXTRA2[] = "资本\n市场与人工\n智能";

static void
test_index_equals_scan(void **state)
{
	(void)state;
	struct script *sc;
	assert_int_equal(script_open(&sc, NULL), 0);
	struct corpus c;
	const char *paths[] = { "texts" };
	assert_int_equal(corpus_load(&c, paths, 1, NULL, NULL, NULL), 0);
	assert_true(c.n >= 5);
	size_t n = c.n + 2;
	struct match_text *f = calloc(n, sizeof *f);
	assert_non_null(f);
	for (size_t i = 0; i < c.n; i++)
		assert_int_equal(match_fold(sc, c.v[i].text, c.v[i].len, &f[i]), 0);
	assert_int_equal(match_fold(sc, EXTRA1, strlen(EXTRA1), &f[c.n]), 0);
	assert_int_equal(match_fold(sc, EXTRA2, strlen(EXTRA2), &f[c.n + 1]), 0);

	char *data = support_tmp_path("idx");
	struct cache *ch = NULL;
	char *cause = NULL;
	assert_int_equal(cache_open(data, "test", &ch, &cause), 0);
	assert_non_null(ch);
	int64_t *ids = calloc(n, sizeof *ids);
	assert_int_equal(cache_begin(ch), 0);
	for (size_t i = 0; i < n; i++) {
		char key[64];
		snprintf(key, sizeof key, "/nowhere/%zu.txt", i);
		struct cache_entry e = { .size = i, .spec = "" };
		assert_int_equal(cache_put(ch, key, &e, f[i].text, f[i].len, NULL, 0, &ids[i]), 0);
	}
	assert_int_equal(cache_commit(ch), 0);

	static const char *const queries[] = {
		"资本", "資本", "开源", "開源", "杭州", "深圳市", "人工智能", "人工智慧",
		"deepseek", "ai", "%", "_", "1.7%", "鲲鹏湾", "的", "。", "开放源码",
		"资本市场", "開放原始碼社區", "（", "杭州医学所",
	};
	unsigned char *hit = malloc(n);
	for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
		char *fq = match_fold_word(sc, queries[q]);
		assert_non_null(fq);
		assert_int_equal(cache_search(ch, fq, ids, n, hit), 0);
		for (size_t i = 0; i < n; i++) {
			int want = strstr(f[i].text, fq) != NULL;
			if (hit[i] != want)
				fail_msg("query %s, text %zu: index says %d, a scan %d", queries[q], i,
					 hit[i], want);
			/* the search's own look at each text (no blob kept here) */
			const void *b;
			const char *t;
			size_t bn, tn;
			int got = cache_body_if(ch, ids[i], fq, strlen(fq), &b, &bn, &t, &tn);
			if (got != (want ? ERR_NOTFOUND : 0))
				fail_msg("query %s, text %zu: cache_body_if says %d, a scan %d", queries[q],
					 i, got, want);
		}
		free(fq);
	}
	/* the index holds 资本 and 開源 in one script only */
	char *fq = match_fold_word(sc, "開源");
	assert_int_equal(cache_search(ch, fq, ids, n, hit), 0);
	assert_int_equal(hit[c.n], 0);
	free(fq);
	fq = match_fold_word(sc, "資本市場");
	assert_int_equal(cache_search(ch, fq, ids, n, hit), 0);
	assert_int_equal(hit[c.n + 1], 1); /* across the line break */
	free(fq);

	free(hit);
	free(ids);
	cache_close(ch);
	for (size_t i = 0; i < n; i++)
		match_text_free(&f[i]);
	free(f);
	corpus_free(&c);
	script_close(sc);
	free(data);
}

static void
test_entry_roundtrip(void **state)
{
	(void)state;
	char *data = support_tmp_path("rt");
	struct cache *ch = NULL;
	char *cause = NULL;
	assert_int_equal(cache_open(data, "test", &ch, &cause), 0);
	assert_non_null(ch);
	struct cache_entry e = { .size = 12, .mtime_ns = 1234567890123, .file_hash = UINT64_MAX - 5,
				 .title = "标题", .source = NULL, .author = "作者", .date = "2025-01-02",
				 .title_inferred = 1, .chars = 99, .len = 300, .text_hash = 1ULL << 63,
				 .spec = "v1", .counts = { 3, 0, 7 }, .ncounts = 3 };
	int64_t id;
	assert_int_equal(cache_put(ch, "/a/b.txt", &e, "abc", 3, NULL, 0, &id), 0);
	struct cache_entry g;
	assert_int_equal(cache_get(ch, "/a/b.txt", &g), 0);
	assert_int_equal(g.id, id);
	assert_int_equal(g.size, 12);
	assert_int_equal(g.mtime_ns, 1234567890123);
	assert_true(g.file_hash == UINT64_MAX - 5);
	assert_string_equal(g.title, "标题");
	assert_null(g.source);
	assert_string_equal(g.author, "作者");
	assert_int_equal(g.title_inferred, 1);
	assert_int_equal(g.chars, 99);
	assert_int_equal(g.len, 300);
	assert_true(g.text_hash == 1ULL << 63);
	assert_string_equal(g.spec, "v1");
	assert_int_equal(g.ncounts, 3);
	assert_int_equal(g.counts[2], 7);
	cache_entry_clear(&g);
	size_t counts[2] = { 5, 6 };
	assert_int_equal(cache_set_counts(ch, id, "v2", counts, 2), 0);
	assert_int_equal(cache_get(ch, "/a/b.txt", &g), 0);
	assert_int_equal(g.ncounts, 2);
	assert_int_equal(g.counts[1], 6);
	cache_entry_clear(&g);
	assert_int_equal(cache_get(ch, "/a/c.txt", &g), ERR_NOTFOUND);
	/* its file does not exist, but this connection stored and got it
	 * (a scan looks at a file before it gets its entry): kept */
	assert_int_equal(cache_prune(ch), 0);
	cache_close(ch);
	/* another connection has looked at nothing: pruned */
	assert_int_equal(cache_open(data, "test", &ch, &cause), 0);
	assert_int_equal(cache_prune(ch), 1);
	assert_int_equal(cache_get(ch, "/a/b.txt", &g), ERR_NOTFOUND);
	cache_close(ch);
	free(data);
}

/* cache_body_if: the blob and folded text in place when the folded text
 * holds the needle, 0 (the blob not read) when not, ERR_NOTFOUND for no
 * entry or no blob kept. */
static void
test_body_if(void **state)
{
	(void)state;
	char *data = support_tmp_path("bodyif");
	struct cache *ch = NULL;
	char *cause = NULL;
	assert_int_equal(cache_open(data, "test", &ch, &cause), 0);
	assert_non_null(ch);
	struct cache_entry e = { .size = 1, .spec = "" };
	int64_t with, without;
	static const char blob[] = "BLOB\0bytes";
	assert_int_equal(cache_put(ch, "/x/1.txt", &e, "资本市场", strlen("资本市场"), blob,
				   sizeof blob, &with), 0);
	assert_int_equal(cache_put(ch, "/x/2.txt", &e, "资本", strlen("资本"), NULL, 0, &without), 0);
	assert_int_equal(cache_begin_read(ch), 0);
	const void *b;
	const char *t;
	size_t bn, tn;
	assert_int_equal(cache_body_if(ch, with, "市场", strlen("市场"), &b, &bn, &t, &tn), 1);
	assert_int_equal(bn, sizeof blob);
	assert_memory_equal(b, blob, sizeof blob);
	assert_int_equal(tn, strlen("资本市场"));
	assert_memory_equal(t, "资本市场", tn);
	assert_int_equal(cache_body_if(ch, with, "股市", strlen("股市"), &b, &bn, &t, &tn), 0);
	assert_int_equal(cache_body_if(ch, without, "资本", strlen("资本"), &b, &bn, &t, &tn),
			 ERR_NOTFOUND);
	assert_int_equal(cache_body_if(ch, without, "市场", strlen("市场"), &b, &bn, &t, &tn), 0);
	assert_int_equal(cache_body_if(ch, 9999, "资本", strlen("资本"), &b, &bn, &t, &tn),
			 ERR_NOTFOUND);
	assert_int_equal(cache_commit(ch), 0);
	/* another connection to the same file (a second search thread's) */
	struct cache *r = NULL;
	assert_int_equal(cache_open_more(cache_path(ch), &r), 0);
	assert_non_null(r);
	assert_int_equal(cache_begin_read(r), 0);
	assert_int_equal(cache_body_if(r, with, "市场", strlen("市场"), &b, &bn, &t, &tn), 1);
	assert_memory_equal(b, blob, sizeof blob);
	assert_int_equal(cache_body_if(r, without, "市场", strlen("市场"), &b, &bn, &t, &tn), 0);
	assert_int_equal(cache_commit(r), 0);
	cache_close(r);
	cache_close(ch);
	free(data);
}

/* cache_preload: cache_get answers from memory exactly as the database
 * would, through this connection's writes (a touch, a rename, a new
 * entry) and another connection's. */
static void
test_preload(void **state)
{
	(void)state;
	char *data = support_tmp_path("preload");
	struct cache *ch = NULL, *other = NULL;
	char *cause = NULL;
	assert_int_equal(cache_open(data, "test", &ch, &cause), 0);
	assert_int_equal(cache_open(data, "test", &other, &cause), 0);
	assert_non_null(ch);
	assert_non_null(other);
	struct cache_entry e = { .size = 10, .mtime_ns = 100, .title = "甲", .spec = "" }, g;
	int64_t a, b, n;
	assert_int_equal(cache_put(ch, "/p/a.txt", &e, "a", 1, NULL, 0, &a), 0);
	e.title = NULL;
	e.size = 20;
	assert_int_equal(cache_put(ch, "/p/b.txt", &e, "b", 1, NULL, 0, &b), 0);

	assert_int_equal(cache_begin(ch), 0);
	assert_int_equal(cache_preload(ch), 0);
	assert_int_equal(cache_get(ch, "/p/a.txt", &g), 0);
	assert_int_equal(g.id, a);
	assert_int_equal(g.size, 10);
	assert_int_equal(g.mtime_ns, 100);
	assert_string_equal(g.title, "甲");
	assert_string_equal(g.spec, "");
	cache_entry_clear(&g);
	assert_int_equal(cache_get(ch, "/p/b.txt", &g), 0);
	assert_int_equal(g.id, b);
	assert_null(g.title);
	cache_entry_clear(&g);
	assert_int_equal(cache_get(ch, "/p/c.txt", &g), ERR_NOTFOUND);
	/* touched: the same key, a new time */
	assert_int_equal(cache_restat(ch, a, "/p/a.txt", 10, 200), 0);
	assert_int_equal(cache_get(ch, "/p/a.txt", &g), 0);
	assert_int_equal(g.mtime_ns, 200);
	cache_entry_clear(&g);
	/* renamed: found under the new key only */
	assert_int_equal(cache_restat(ch, b, "/p/c.txt", 20, 300), 0);
	assert_int_equal(cache_get(ch, "/p/b.txt", &g), ERR_NOTFOUND);
	assert_int_equal(cache_get(ch, "/p/c.txt", &g), 0);
	assert_int_equal(g.id, b);
	assert_int_equal(g.mtime_ns, 300);
	cache_entry_clear(&g);
	assert_int_equal(cache_commit(ch), 0);

	/* stored by this connection, inside the preload's transaction */
	assert_int_equal(cache_begin(ch), 0);
	assert_int_equal(cache_preload(ch), 0);
	assert_int_equal(cache_put(ch, "/p/d.txt", &e, "d", 1, NULL, 0, &n), 0);
	assert_int_equal(cache_get(ch, "/p/d.txt", &g), 0);
	assert_int_equal(g.id, n);
	cache_entry_clear(&g);
	assert_int_equal(cache_commit(ch), 0);

	/* another connection's commit between two transactions */
	assert_int_equal(cache_begin(ch), 0);
	assert_int_equal(cache_preload(ch), 0);
	assert_int_equal(cache_commit(ch), 0);
	e.size = 30;
	assert_int_equal(cache_put(other, "/p/e.txt", &e, "e", 1, NULL, 0, &n), 0);
	assert_int_equal(cache_restat(other, a, "/p/a.txt", 11, 400), 0);
	/* outside a transaction, and in the next one */
	assert_int_equal(cache_get(ch, "/p/e.txt", &g), 0);
	assert_int_equal(g.id, n);
	cache_entry_clear(&g);
	assert_int_equal(cache_begin(ch), 0);
	assert_int_equal(cache_get(ch, "/p/e.txt", &g), 0);
	assert_int_equal(g.size, 30);
	cache_entry_clear(&g);
	assert_int_equal(cache_get(ch, "/p/a.txt", &g), 0);
	assert_int_equal(g.size, 11);
	assert_int_equal(g.mtime_ns, 400);
	cache_entry_clear(&g);
	assert_int_equal(cache_commit(ch), 0);

	/* a prune through the preload (no file of /p exists): the entries
	 * not looked at go, the one looked at stays, as without it */
	cache_close(ch);
	assert_int_equal(cache_open(data, "test", &ch, &cause), 0);
	assert_int_equal(cache_begin(ch), 0);
	assert_int_equal(cache_preload(ch), 0);
	assert_int_equal(cache_get(ch, "/p/e.txt", &g), 0);
	cache_entry_clear(&g);
	assert_int_equal(cache_prune(ch), 3); /* a, c, d */
	assert_int_equal(cache_commit(ch), 0);
	assert_int_equal(cache_get(ch, "/p/e.txt", &g), 0);
	cache_entry_clear(&g);
	assert_int_equal(cache_get(ch, "/p/a.txt", &g), ERR_NOTFOUND);
	assert_int_equal(cache_get(ch, "/p/c.txt", &g), ERR_NOTFOUND);
	assert_int_equal(cache_get(ch, "/p/d.txt", &g), ERR_NOTFOUND);

	cache_close(other);
	cache_close(ch);
	free(data);
}

/* FTS5's hashsize in the cache at path. */
static long long
hashsize(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long v = -1;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT v FROM ftext_config WHERE k = 'hashsize'", -1,
					    &st, NULL),
			 SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* The index keeps 8 MiB of terms in memory before it writes a segment,
 * in a new cache and in one another build emptied. */
static void
test_index_hashsize(void **state)
{
	(void)state;
	char *data = support_tmp_path("hs");
	struct cache *ch = NULL;
	char *cause = NULL;
	assert_int_equal(cache_open(data, "one", &ch, &cause), 0);
	assert_non_null(ch);
	char *path = strdup(cache_path(ch));
	cache_close(ch);
	assert_int_equal(hashsize(path), 8388608);
	assert_int_equal(cache_open(data, "two", &ch, &cause), 0);
	assert_non_null(ch);
	cache_close(ch);
	assert_int_equal(hashsize(path), 8388608);
	free(path);
	free(data);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_index_equals_scan),
		cmocka_unit_test(test_entry_roundtrip),
		cmocka_unit_test(test_body_if),
		cmocka_unit_test(test_preload),
		cmocka_unit_test(test_index_hashsize),
	};
	return cmocka_run_group_tests(tests, support_tmp_setup, support_tmp_teardown);
}
