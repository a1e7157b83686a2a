/* Tests for the catalog's read-ahead (catalog_ahead.c, loadpool.h): a cold
 * scan (no cache, with a cache, full or not) and the panes' slots filled
 * with catalog_read_ahead (in order, out of order, waiting or not) hold
 * what one thread makes of each file: article_load and match_fold byte for
 * byte, the same counts, the same warnings in the same order; a scan with
 * a few changed files among current ones reads just those. Run from the
 * repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "../src/cache.h"
#include "../src/catalog.h"
#include "../src/compare_spec.h"
#include "../src/err.h"
#include "../src/match.h"
#include "../src/script.h"
#include "support_load.h"
#include "support_tmp.h"

#define sources support_load_files
#define NSRC SUPPORT_LOAD_NFILES
#define NFILES 60 /* more than the pool's window and the prediction's reach */

static char *dir;
static char *names[NFILES + 2]; /* the folder's files, in the catalog's order */
static size_t nnames;

/* NFILES copies of the sources (each made distinct by a line of its own),
 * a blank file and one that is not text. */
static int
setup(void **state)
{
	if (support_tmp_setup(state) < 0)
		return -1;
	dir = support_tmp_path("arts");
	mkdir(dir, 0700);
	for (size_t k = 0; k < NFILES; k++) {
		size_t n;
		char *b = support_slurp(sources[k % NSRC], &n), name[32], line[64];
		int gbk = strstr(sources[k % NSRC], "gbk") != NULL;
		snprintf(name, sizeof name, "f%03zu.txt", k);
		/* ASCII: the GBK one stays GBK */
		int m = snprintf(line, sizeof line, "\nline %zu of its own\n", k);
		char *t = malloc(n + (size_t)m);
		memcpy(t, b, n);
		memcpy(t + n, line, (size_t)m);
		support_write_in(dir, name, t, n + (gbk ? 0 : (size_t)m));
		free(t);
		free(b);
	}
	support_write_in(dir, "g-blank.txt", " \n\n", 3);
	support_write_in(dir, "h-binary.txt", "\x89PNG\r\n\x1a\n\0\0", 10);
	for (size_t k = 0; k < NFILES; k++) {
		char name[32];
		snprintf(name, sizeof name, "/f%03zu.txt", k);
		names[nnames] = malloc(strlen(dir) + strlen(name) + 1);
		sprintf(names[nnames++], "%s%s", dir, name);
	}
	return 0;
}

static int
teardown(void **state)
{
	for (size_t k = 0; k < nnames; k++)
		free(names[k]);
	free(dir);
	return support_tmp_teardown(state);
}

/* The warnings of a scan, one "path: reason" line each. */
struct said {
	char buf[4096];
	size_t len;
};

static void
warn(void *ctx, const char *path, const char *reason)
{
	struct said *s = ctx;
	const char *base = strrchr(path, '/');
	s->len += (size_t)snprintf(s->buf + s->len, sizeof s->buf - s->len, "%s: %s\n",
				   base ? base + 1 : path, reason);
}

static const char WARNED[] = "g-blank.txt: file is empty or blank\n"
			     "h-binary.txt: not a text file (PNG image)\n";

/* Article i of cat is what one thread makes of names[i] (and its fold),
 * all of it if full. */
static void
one_thread(const struct catalog *cat, size_t i, int full, struct script *sc)
{
	struct article a;
	struct match_text f;
	support_load_one(sc, names[i], &a, full ? &f : NULL);
	if (full) {
		support_same_article(&a, &cat->arts.v[i]);
		support_same_fold(&f, &cat->folded[i]);
		match_text_free(&f);
	} else {
		support_same_summary(&a, &cat->arts.v[i]);
	}
	article_free(&a);
}

/* Cold scans: no cache, then a new cache; full and not; the counts the
 * same either way. */
static void
test_cold_scan(void **state)
{
	(void)state;
	struct script *sc;
	assert_int_equal(script_open(&sc, NULL), 0);
	struct compare_spec spec;
	assert_int_equal(compare_spec_default(&spec), 0);
	const char *paths[] = { dir };
	size_t *counts = NULL;
	for (int use_cache = 0; use_cache <= 1; use_cache++)
		for (int full = 0; full <= 1; full++) {
			char name[32];
			snprintf(name, sizeof name, "data-%d%d", use_cache, full);
			char *data = support_tmp_path(name);
			struct cache *c = NULL;
			char *cause = NULL;
			if (use_cache)
				assert_int_equal(cache_open(data, "test", &c, &cause), 0);
			struct said said = { .len = 0 };
			struct catalog cat;
			assert_int_equal(catalog_scan(&cat, c, paths, 1, NULL, &spec, full, warn, &said, NULL,
						      NULL),
					 0);
			assert_string_equal(said.buf, WARNED);
			assert_int_equal(cat.arts.n, NFILES);
			assert_int_equal(cat.from_cache, 0);
			for (size_t i = 0; i < NFILES; i++)
				one_thread(&cat, i, full, sc);
			if (counts == NULL) {
				counts = malloc(NFILES * cat.ncities * sizeof *counts);
				memcpy(counts, cat.counts, NFILES * cat.ncities * sizeof *counts);
			} else {
				assert_memory_equal(cat.counts, counts, NFILES * cat.ncities * sizeof *counts);
			}
			catalog_free(&cat);
			cache_close(c);
			free(data);
		}
	free(counts);
	compare_spec_free(&spec);
	script_close(sc);
}

/* With a cache, three files changed among current ones: those three read
 * again (and only those: from_cache counts the rest). */
static void
test_few_changed(void **state)
{
	(void)state;
	char *data = support_tmp_path("data-few");
	const char *paths[] = { dir };
	struct cache *c = NULL;
	char *cause = NULL;
	assert_int_equal(cache_open(data, "test", &c, &cause), 0);
	struct catalog cat;
	assert_int_equal(catalog_scan(&cat, c, paths, 1, NULL, NULL, 0, NULL, NULL, NULL, NULL), 0);
	catalog_free(&cat);
	static const size_t changed[] = { 5, 6, 40 };
	for (size_t k = 0; k < 3; k++) {
		FILE *f = fopen(names[changed[k]], "ab");
		assert_non_null(f);
		fputs("one more line\n", f);
		fclose(f);
	}
	struct said said = { .len = 0 };
	assert_int_equal(catalog_scan(&cat, c, paths, 1, NULL, NULL, 0, warn, &said, NULL, NULL), 0);
	assert_string_equal(said.buf, WARNED);
	assert_int_equal(cat.arts.n, NFILES);
	assert_int_equal(cat.from_cache, NFILES - 3);
	for (size_t k = 0; k < 3; k++)
		one_thread(&cat, changed[k], 0, NULL);
	catalog_free(&cat);
	cache_close(c);
	free(data);
}

struct slot {
	struct catalog *cat;
	size_t i;
};

static int
slot_ready(void *ctx)
{
	struct slot *s = ctx;
	return catalog_fill_ready(s->cat, s->i);
}

/* The panes' slots read ahead: filled in order without waiting (polling
 * the descriptor when a worker is behind), with one slot far ahead filled
 * first and one let go, each what one thread makes of its file. */
static void
test_slots(void **state)
{
	(void)state;
	struct script *sc;
	assert_int_equal(script_open(&sc, NULL), 0);
	struct compare_spec spec;
	assert_int_equal(compare_spec_default(&spec), 0);
	const char *paths[] = { dir };
	struct said said = { .len = 0 };
	struct catalog cat;
	assert_int_equal(catalog_open(&cat, NULL, paths, 1, NULL, &spec, sc, warn, &said), 0);
	assert_int_equal(cat.arts.n, NFILES + 2);
	assert_int_equal(catalog_read_ahead(&cat, 0, 0), 0);
	assert_true(catalog_ready_fd(&cat) >= 0);
	/* Enter on a row far ahead: read at once */
	assert_int_equal(catalog_fill(&cat, 50), 1);
	catalog_fill_skip(&cat, 7); /* as if filled otherwise: read by catalog_fill */
	for (size_t i = 0; i < cat.arts.n; i++) {
		struct slot slot = { &cat, i };
		support_wait_until(catalog_ready_fd(&cat), slot_ready, &slot);
		assert_int_equal(catalog_fill(&cat, i), i < NFILES ? 1 : 0);
	}
	assert_string_equal(said.buf, WARNED);
	assert_int_equal(cat.nfull, NFILES);
	assert_int_equal(cat.nfailed, 2);
	for (size_t i = 0; i < NFILES; i++)
		one_thread(&cat, i, 1, sc);
	/* the counts: those of a scan */
	struct catalog scan;
	assert_int_equal(catalog_scan(&scan, NULL, paths, 1, NULL, &spec, 0, NULL, NULL, NULL, NULL), 0);
	assert_memory_equal(cat.counts, scan.counts, NFILES * cat.ncities * sizeof *cat.counts);
	catalog_free(&scan);
	catalog_done(&cat);
	catalog_free(&cat);
	compare_spec_free(&spec);
	script_close(sc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cold_scan),
		cmocka_unit_test(test_few_changed),
		cmocka_unit_test(test_slots),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
