/* Tests for loadpool: every result is article_load's and match_fold's,
 * byte for byte, whatever the number of workers and the window, taken in
 * order, out of order, or let go; an error is article_load's with its
 * cause; a file over max_size is skipped unread; a job no worker has begun
 * is handed back to the caller; the descriptor wakes a poll; freeing with results not
 * taken frees them (the sanitizer run checks leaks). Run from the
 * repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "../src/err.h"
#include "../src/loadpool.h"
#include "../src/script.h"
#include "support_load.h"

/* the samples, a file that is not there and a folder */
#define NFILES (SUPPORT_LOAD_NFILES + 2)
static const char *files[NFILES];

/* What one thread makes of files[k]: the result a job must equal. */
struct expect {
	int rc;
	char *cause;
	struct article a;
	struct match_text fa;
};

static struct expect want[NFILES];
static struct script *sc;

static int
setup(void **state)
{
	(void)state;
	if (script_open(&sc, NULL) < 0)
		return -1;
	for (size_t k = 0; k < SUPPORT_LOAD_NFILES; k++)
		files[k] = support_load_files[k];
	files[NFILES - 2] = "texts/no-such-file.txt";
	files[NFILES - 1] = "texts";
	for (size_t k = 0; k < NFILES; k++) {
		want[k].rc = article_load(NULL, files[k], &want[k].a, &want[k].cause);
		if (want[k].rc == 0 && match_fold(sc, want[k].a.text, want[k].a.len, &want[k].fa) < 0)
			return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	for (size_t k = 0; k < NFILES; k++) {
		if (want[k].rc == 0)
			article_free(&want[k].a);
		match_text_free(&want[k].fa);
		free(want[k].cause);
	}
	script_close(sc);
	return 0;
}

static void
same(size_t k, struct loadpool_item *it, int folded)
{
	const struct expect *w = &want[k];
	assert_int_equal(it->rc, w->rc);
	if (w->rc < 0) {
		assert_non_null(it->cause);
		assert_string_equal(it->cause, w->cause);
		return;
	}
	support_same_article(&w->a, &it->a);
	if (folded)
		support_same_fold(&w->fa, &it->fa);
	else
		assert_null(it->fa.text);
}

/* Wait until the workers have made n more results (a byte each on the
 * pool's descriptor). */
static void
wait_made(struct loadpool *p, size_t n)
{
	while (n > 0) {
		struct pollfd pfd = { .fd = loadpool_fd(p), .events = POLLIN };
		assert_int_equal(poll(&pfd, 1, 60000), 1);
		char b[64];
		ssize_t r = read(loadpool_fd(p), b, n < sizeof b ? n : sizeof b);
		if (r > 0)
			n -= (size_t)r;
	}
}

/* Wait until a worker has made job k. Not by counting the descriptor's
 * bytes: loadpool_take empties the descriptor, so a result made before a
 * take is not counted after it (wait_made would wait for ever). */
static void
wait_job(struct loadpool *p, size_t k)
{
	for (int n = 0; !loadpool_made(p, k); n++) {
		assert_true(n < 6000); /* 60 s */
		struct pollfd pfd = { .fd = loadpool_fd(p), .events = POLLIN };
		if (poll(&pfd, 1, 10) == 1) {
			char b[64];
			ssize_t r = read(loadpool_fd(p), b, sizeof b);
			(void)r;
		}
	}
}

/* Every file, twice over, made by 1 to 3 workers, folded and not, then
 * taken in order. */
static void
test_in_order(void **state)
{
	(void)state;
	for (size_t threads = 1; threads <= 3; threads++)
		for (int fold = 0; fold <= 1; fold++) {
			struct loadpool_opts o = { .fold = fold, .threads = threads, .window = 2 * NFILES };
			struct loadpool *p;
			assert_int_equal(loadpool_start(&o, &p), 0);
			for (size_t k = 0; k < 2 * NFILES; k++)
				assert_int_equal(loadpool_add(p, files[k % NFILES]), (long)k);
			wait_made(p, 2 * NFILES);
			for (size_t k = 0; k < 2 * NFILES; k++) {
				struct loadpool_item it;
				assert_int_equal(loadpool_take(p, k, 1, &it), 0);
				same(k % NFILES, &it, fold);
				loadpool_item_free(&it);
			}
			assert_int_equal(loadpool_take(p, 2 * NFILES, 1, NULL), ERR_RANGE);
			loadpool_free(p);
		}
}

/* Taken at once, small windows: each job is made (and is the one-thread
 * result) or, when no worker had begun it, handed back to the caller;
 * all of them, none twice. */
static void
test_handed_back(void **state)
{
	(void)state;
	for (size_t threads = 1; threads <= 2; threads++)
		for (size_t window = 1; window <= 3; window += 2) {
			struct loadpool_opts o = { .fold = 1, .threads = threads, .window = window };
			struct loadpool *p;
			assert_int_equal(loadpool_start(&o, &p), 0);
			for (size_t k = 0; k < 3 * NFILES; k++)
				loadpool_add(p, files[k % NFILES]);
			size_t made = 0, back = 0;
			for (size_t k = 0; k < 3 * NFILES; k++) {
				struct loadpool_item it;
				int rc = loadpool_take(p, k, 1, &it);
				if (rc == LOADPOOL_SKIPPED) {
					back++;
					continue;
				}
				assert_int_equal(rc, 0);
				same(k % NFILES, &it, 1);
				loadpool_item_free(&it);
				made++;
				assert_int_equal(loadpool_take(p, k, 1, &it), LOADPOOL_SKIPPED);
			}
			assert_int_equal(made + back, 3 * NFILES);
			loadpool_free(p);
		}
}

/* Out of order and let go: a later job first, some never taken; without
 * waiting, a job is NOT_READY until made, and the descriptor says when. */
static void
test_out_of_order(void **state)
{
	(void)state;
	struct loadpool_opts o = { .fold = 1, .threads = 2, .window = 3 };
	struct loadpool *p;
	assert_int_equal(loadpool_start(&o, &p), 0);
	for (size_t k = 0; k < NFILES; k++)
		loadpool_add(p, files[k]);
	wait_made(p, 3); /* jobs 0 to 2: the window */
	struct loadpool_item it;
	/* job 1 first; 0 stays to be taken */
	assert_int_equal(loadpool_take(p, 1, 1, &it), 0);
	same(1, &it, 1);
	loadpool_item_free(&it);
	assert_int_equal(loadpool_take(p, 1, 1, &it), LOADPOOL_SKIPPED); /* taken before */
	assert_int_equal(loadpool_take(p, 0, 0, &it), 0);
	same(0, &it, 1);
	loadpool_item_free(&it);
	loadpool_drop(p, 2);
	assert_int_equal(loadpool_take(p, 2, 1, &it), LOADPOOL_SKIPPED);
	/* the window moved past 0..2: 3 to 5 are made (the takes above may
	 * have emptied the descriptor of 3's byte already) */
	for (size_t k = 3; k <= 5; k++)
		wait_job(p, k);
	assert_int_equal(loadpool_take(p, 3, 1, &it), 0);
	same(3, &it, 1);
	loadpool_item_free(&it);
	/* the last is let go with the pool, made or not */
	assert_int_equal(loadpool_take(p, 5, 1, NULL), 0);
	loadpool_free(p);
}

/* Is files[k] a regular file of more than max bytes? */
static int
over(size_t k, long max)
{
	struct stat sb;
	return stat(files[k], &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > max;
}

/* A job beyond the window that no worker has begun is handed back (the
 * caller reads it); a file over max_size is skipped unread. */
static void
test_skips(void **state)
{
	(void)state;
	struct loadpool_opts o = { .fold = 0, .threads = 1, .window = 1, .max_size = 10000 };
	struct loadpool *p;
	assert_int_equal(loadpool_start(&o, &p), 0);
	for (size_t k = 0; k < NFILES; k++)
		loadpool_add(p, files[k]);
	struct loadpool_item it;
	wait_made(p, 1);
	int rc = loadpool_take(p, 0, 1, &it);
	assert_int_equal(rc, over(0, 10000) ? LOADPOOL_SKIPPED : 0);
	if (rc == 0) {
		same(0, &it, 0);
		loadpool_item_free(&it);
	}
	/* the window holds job 1 at most: 7 is nobody's yet, so the caller's */
	assert_int_equal(loadpool_take(p, 7, 1, &it), LOADPOOL_SKIPPED);
	loadpool_free(p);
	/* a window for all: each file over the size skipped, the rest made */
	o.window = NFILES;
	assert_int_equal(loadpool_start(&o, &p), 0);
	for (size_t k = 0; k < NFILES; k++)
		loadpool_add(p, files[k]);
	wait_made(p, NFILES);
	size_t skipped = 0;
	for (size_t k = 0; k < NFILES; k++) {
		rc = loadpool_take(p, k, 1, &it);
		assert_int_equal(rc, over(k, 10000) ? LOADPOOL_SKIPPED : 0);
		skipped += rc == LOADPOOL_SKIPPED;
		if (rc == 0) {
			same(k, &it, 0);
			loadpool_item_free(&it);
		}
	}
	assert_true(skipped > 0 && skipped < NFILES - 2);
	loadpool_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_order),
		cmocka_unit_test(test_handed_back),
		cmocka_unit_test(test_out_of_order),
		cmocka_unit_test(test_skips),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
