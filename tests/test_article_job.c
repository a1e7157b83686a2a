/* Tests for article_job: a job's article and fold are article_load's and
 * match_fold's, byte for byte, for every bundled text and for large files
 * made here from them (UTF-8 and GBK); a head is article_load's article of
 * the bytes up to its cut, and the whole file's when it is small; what has
 * no head says so; a job dropped early or late frees everything (the
 * sanitizer run checks leaks). Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <stdatomic.h>

#include <cmocka.h>

#include "../src/article_job.h"
#include "../src/err.h"
#include "../src/script.h"
#include "support_load.h"
#include "support_tmp.h"

#define bundled support_load_files
#define NBUNDLED SUPPORT_LOAD_NFILES

/* The job's article and fold against the one-shot path's. */
static void
job_is_one_shot(const char *path, struct script *sc)
{
	struct article_job *j;
	assert_int_equal(article_job_start(NULL, path, 1, &j), 0);
	struct article one, got;
	struct match_text fone, fgot;
	support_load_one(sc, path, &one, &fone);
	assert_int_equal(article_job_take(j, &got, &fgot, NULL), 0);
	support_same_article(&one, &got);
	support_same_fold(&fone, &fgot);
	article_free(&one);
	article_free(&got);
	match_text_free(&fone);
	match_text_free(&fgot);
}

/* A file of at least size bytes under the test directory: the bundled
 * text src again and again, a paragraph numbered in each copy. */
static char *
big_file(const char *name, const char *src, size_t size)
{
	size_t n;
	char *one = support_slurp(src, &n);
	char *path = support_tmp_path(name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	for (size_t done = 0, k = 0; done < size; k++) {
		/* ASCII digits read the same in GBK */
		done += (size_t)fprintf(f, "\n\n%zu\n\n", k);
		assert_int_equal(fwrite(one, 1, n, f), n);
		done += n;
	}
	fclose(f);
	free(one);
	return path;
}

static void
test_bundled(void **state)
{
	(void)state;
	struct script *sc = NULL;
	assert_int_equal(script_open(&sc, NULL), 0);
	for (size_t i = 0; i < NBUNDLED; i++)
		job_is_one_shot(bundled[i], sc);
	script_close(sc);
}

/* Large files: the job is the one-shot path; the head is article_load of
 * the bytes up to its cut (a paragraph's end), and what it shows is where
 * the whole article starts. */
static void
test_large(void **state)
{
	(void)state;
	static const struct {
		const char *name, *src;
		size_t size;
		const char *encoding;
	} cases[] = {
		{ "big-utf8.txt", "texts/001_hangzhou_kaiyuan.txt", (size_t)3 << 20, "UTF-8" },
		{ "big-gbk.txt", "tests/data/manual-sbuild-zh_CN.gbk.txt", (size_t)1 << 20, "GB18030" },
	};
	struct script *sc = NULL;
	assert_int_equal(script_open(&sc, NULL), 0);
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		char *path = big_file(cases[c].name, cases[c].src, cases[c].size);
		job_is_one_shot(path, sc);
		struct article head, whole;
		int all = -1;
		assert_int_equal(article_job_head(NULL, path, ARTICLE_JOB_HEAD_BYTES, &head, &all, NULL), 0);
		assert_int_equal(all, 0);
		assert_string_equal(head.encoding, cases[c].encoding);
		assert_int_equal(article_load(NULL, path, &whole, NULL), 0);
		/* the first screen is the whole article's first screen */
		assert_true(head.len < whole.len);
		assert_true(head.nblocks > 2);
		size_t shown = head.blocks[head.nblocks - 2].end;
		assert_memory_equal(head.text, whole.text, shown);
		for (size_t i = 0; i + 2 < head.nblocks; i++) {
			assert_int_equal(head.blocks[i].start, whole.blocks[i].start);
			assert_int_equal(head.blocks[i].end, whole.blocks[i].end);
			assert_int_equal(head.blocks[i].kind, whole.blocks[i].kind);
		}
		assert_string_equal(head.meta.title, whole.meta.title);
		/* and it is article_load's article of the bytes up to the cut */
		size_t n;
		unsigned char *bytes = support_slurp(path, &n);
		size_t cut = ARTICLE_JOB_HEAD_BYTES;
		while (!(bytes[cut - 1] == '\n' && bytes[cut - 2] == '\n'))
			cut--;
		char *hpath = support_tmp_path("head.txt");
		support_write_file(hpath, bytes, cut);
		struct article ref;
		assert_int_equal(article_load(NULL, hpath, &ref, NULL), 0);
		free(ref.path);
		ref.path = strdup(path);
		support_same_article(&ref, &head);
		article_free(&ref);
		article_free(&head);
		article_free(&whole);
		free(bytes);
		free(hpath);
		free(path);
	}
	script_close(sc);
}

/* A file that fits in the head is read whole, as article_load reads it. */
static void
test_head_whole(void **state)
{
	(void)state;
	for (size_t i = 0; i < NBUNDLED; i++) {
		struct article a, b;
		int all = 0;
		assert_int_equal(article_job_head(NULL, bundled[i], ARTICLE_JOB_HEAD_BYTES, &a, &all, NULL), 0);
		assert_int_equal(all, 1);
		assert_int_equal(article_load(NULL, bundled[i], &b, NULL), 0);
		support_same_article(&a, &b);
		article_free(&a);
		article_free(&b);
	}
	char *cause = NULL;
	struct article a;
	int all;
	assert_int_equal(article_job_head(NULL, "no/such/file.txt", 1024, &a, &all, &cause),
			 ERR_INVAL);
	assert_null(cause);
}

/* No head: article_load has the last word on these. */
static void
test_no_head(void **state)
{
	(void)state;
	char big[4096];
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = i % 64 == 63 ? '\n' : 'a' + (char)(i % 26);
	char html[4096];
	memset(html, ' ', sizeof html);
	memcpy(html, "<!DOCTYPE html><html><body><p>x</p>\n", 37);
	char utf16[4096];
	memset(utf16, 0, sizeof utf16);
	utf16[0] = (char)0xFF;
	utf16[1] = (char)0xFE;
	for (size_t i = 2; i + 1 < sizeof utf16; i += 2)
		utf16[i] = i % 64 == 62 ? '\n' : 'a';
	char oneline[4096];
	memset(oneline, 'a', sizeof oneline);
	const struct {
		const char *name;
		const char *bytes;
		size_t max; /* source_opts.max_bytes */
	} cases[] = {
		{ "page.html", html, 0 },
		{ "page.txt", html, 0 },
		{ "utf16.txt", utf16, 0 },
		{ "oneline.txt", oneline, 0 },
		{ "toobig.txt", big, 2048 },
		{ "book.epub", big, 0 },
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		char *path = support_tmp_path(cases[c].name);
		support_write_file(path, cases[c].bytes, 4096);
		struct source_opts o = { NULL, cases[c].max };
		struct article a;
		int all;
		assert_int_equal(article_job_head(&o, path, 1024, &a, &all, NULL), ERR_INVAL);
		free(path);
	}
	struct article a;
	int all;
	assert_int_equal(article_job_head(NULL, "-", 1024, &a, &all, NULL), ERR_INVAL);
	assert_int_equal(article_job_head(NULL, support_tmpdir, 1024, &a, &all, NULL), ERR_INVAL);
	/* the plain file above has a head, cut at its last line end */
	char *path = support_tmp_path("plain.txt");
	support_write_file(path, big, sizeof big);
	assert_int_equal(article_job_head(NULL, path, 1000, &a, &all, NULL), 0);
	assert_int_equal(all, 0);
	assert_int_equal(a.len, 15 * 64); /* 15 lines of 63 letters */
	article_free(&a);
	free(path);
}

static int
job_done(void *j)
{
	return article_job_stage(j) == ARTICLE_JOB_DONE;
}

/* A job's errors are article_load's; a job can be let go at any time. */
static void
test_errors_and_drop(void **state)
{
	(void)state;
	struct article_job *j;
	struct article a;
	char *cause = NULL;
	assert_int_equal(article_job_start(NULL, "no/such/file.txt", 1, &j), 0);
	assert_int_equal(article_job_take(j, &a, NULL, &cause), ERR_NOTFOUND);
	assert_string_equal(cause, "no such file or directory");
	free(cause);
	/* dropped while it works, and after it ended */
	assert_int_equal(article_job_start(NULL, bundled[1], 1, &j), 0);
	article_job_drop(j);
	assert_int_equal(article_job_start(NULL, bundled[1], 0, &j), 0);
	support_wait_until(-1, job_done, j);
	article_job_drop(j);
	article_job_drop(NULL);
	/* without a fold: the article alone, the fold left empty */
	assert_int_equal(article_job_start(NULL, bundled[2], 0, &j), 0);
	struct match_text f = { .len = 7 };
	assert_int_equal(article_job_take(j, &a, &f, NULL), 0);
	assert_null(f.text);
	assert_int_equal(f.len, 0);
	struct article b;
	assert_int_equal(article_load(NULL, bundled[2], &b, NULL), 0);
	support_same_article(&a, &b);
	article_free(&a);
	article_free(&b);
}

/* What a hook saw, in the job's thread. */
struct seen {
	atomic_int ran, freed;
	pthread_t thread;
	int rc, had_sc;
	struct article a;
	struct match_text f;
	char *cause;
};

static int
hook_run(void *ctx, struct script *sc, int rc, struct article *a, struct match_text *f,
	 char *cause)
{
	struct seen *s = ctx;
	s->thread = pthread_self();
	s->rc = rc;
	s->had_sc = sc != NULL;
	if (rc == 0)
		s->a = *a;
	s->f = *f;
	s->cause = cause;
	atomic_fetch_add(&s->ran, 1);
	return rc == 0 ? 42 : rc;
}

static void
seen_clear(struct seen *s)
{
	if (s->rc == 0)
		article_free(&s->a);
	match_text_free(&s->f);
	free(s->cause);
	s->cause = NULL;
	s->f = (struct match_text){ 0 };
	s->rc = -1;
}

static void
hook_free(void *ctx)
{
	struct seen *s = ctx;
	seen_clear(s);
	atomic_fetch_add(&s->freed, 1);
}

static int
seen_freed(void *s)
{
	return atomic_load(&((struct seen *)s)->freed) > 0;
}

/* A hook runs once in the job's thread with the job's results (the
 * one-shot path's, and an OpenCC), takes them over, and its return is
 * the job's; a dropped job frees the hook's context, whenever it drops. */
static void
test_hook(void **state)
{
	(void)state;
	struct seen s = { .rc = -1 };
	struct article_job_hook hook = { hook_run, hook_free, &s };
	struct article_job *j;
	assert_int_equal(article_job_start_hook(NULL, bundled[1], 1, &hook, &j), 0);
	assert_int_equal(article_job_take(j, NULL, NULL, NULL), 42);
	assert_int_equal(atomic_load(&s.ran), 1);
	assert_int_equal(atomic_load(&s.freed), 0); /* taken: the caller's */
	assert_false(pthread_equal(s.thread, pthread_self()));
	assert_int_equal(s.rc, 0);
	struct script *sc = NULL;
	if (script_open(&sc, NULL) == 0)
		assert_int_equal(s.had_sc, 1);
	struct article one;
	struct match_text fone;
	support_load_one(sc, bundled[1], &one, &fone);
	support_same_article(&one, &s.a);
	support_same_fold(&fone, &s.f);
	article_free(&one);
	match_text_free(&fone);
	script_close(sc);
	seen_clear(&s);
	/* a failure reaches the hook with its cause */
	atomic_store(&s.ran, 0);
	assert_int_equal(article_job_start_hook(NULL, "no/such/file.txt", 1, &hook, &j), 0);
	assert_int_equal(article_job_take(j, NULL, NULL, NULL), ERR_NOTFOUND);
	assert_int_equal(atomic_load(&s.ran), 1);
	assert_int_equal(s.rc, ERR_NOTFOUND);
	assert_string_equal(s.cause, "no such file or directory");
	seen_clear(&s);
	/* dropped at once, and after it ended: the context freed once */
	for (int late = 0; late < 2; late++) {
		struct seen d = { .rc = -1 };
		struct article_job_hook h = { hook_run, hook_free, &d };
		assert_int_equal(article_job_start_hook(NULL, bundled[2], 1, &h, &j), 0);
		if (late)
			support_wait_until(-1, job_done, j);
		article_job_drop(j);
		support_wait_until(-1, seen_freed, &d);
		assert_int_equal(atomic_load(&d.freed), 1);
		if (late)
			assert_int_equal(atomic_load(&d.ran), 1);
		assert_null(d.f.text);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bundled),
		cmocka_unit_test(test_large),
		cmocka_unit_test(test_head_whole),
		cmocka_unit_test(test_no_head),
		cmocka_unit_test(test_errors_and_drop),
		cmocka_unit_test(test_hook),
	};
	return cmocka_run_group_tests(tests, support_tmp_setup, support_tmp_teardown);
}
