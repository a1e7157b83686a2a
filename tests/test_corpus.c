/* Tests for corpus: loading directories and files, with every file that
 * cannot be loaded reported as "path: reason" and the others still loaded.
 * Run from the repository root. */
#include <iconv.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "../src/corpus.h"
#include "../src/err.h"
#include "support_tmp.h"

struct warnings {
	char lines[16][200];
	size_t n;
};

static void
collect(void *ctx, const char *path, const char *reason)
{
	struct warnings *w = ctx;
	if (w->n < 16)
		snprintf(w->lines[w->n++], sizeof w->lines[0], "%s: %s", path, reason);
}

static const char *
base(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static void
test_bundled(void **state)
{
	(void)state;
	static const char *const names[] = {
		"000_sichuan_ribao.txt", "001_hangzhou_kaiyuan.txt", "002_shenzhen_pinle.txt",
		"003_deepseek_chuangxin.txt", "004_kexuebao_lianghui.txt",
	};
	const char *paths[] = { "texts" };
	struct corpus c;
	struct warnings w = { .n = 0 };
	assert_int_equal(corpus_load(&c, paths, 1, NULL, collect, &w), 0);
	assert_int_equal(w.n, 0);
	assert_int_equal(c.n, 5);
	for (size_t i = 0; i < 5; i++) {
		char want[64];
		snprintf(want, sizeof want, "texts/%s", names[i]);
		assert_string_equal(c.v[i].path, want);
		assert_string_equal(c.v[i].encoding, "UTF-8");
		assert_int_equal(c.v[i].replaced, 0);
		assert_true(c.v[i].len > 5000);
	}
	corpus_free(&c);
	assert_null(c.v);
	assert_int_equal(c.n, 0);
}

/* 300 small articles, created in reverse order, load sorted by name. */
static void
test_many_files(void **state)
{
	(void)state;
	char dir[128];
	snprintf(dir, sizeof dir, "%s/many", support_tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	for (int i = 300; i >= 1; i--) {
		char name[32], body[128];
		snprintf(name, sizeof name, "article%d.txt", i);
		int n = snprintf(body, sizeof body, "第%d篇文章\n\n这是第%d篇文章的正文。\n", i, i);
		support_write_in(dir, name, body, (size_t)n);
	}
	const char *paths[] = { dir };
	struct corpus c;
	struct warnings w = { .n = 0 };
	assert_int_equal(corpus_load(&c, paths, 1, NULL, collect, &w), 0);
	assert_int_equal(w.n, 0);
	assert_int_equal(c.n, 300);
	for (size_t i = 0; i < 300; i++) {
		char name[32], body[64];
		snprintf(name, sizeof name, "article%zu.txt", i + 1);
		snprintf(body, sizeof body, "这是第%zu篇文章的正文。", i + 1);
		assert_string_equal(base(c.v[i].path), name);
		assert_non_null(strstr(c.v[i].text, body));
	}
	corpus_free(&c);
}

static char *
to_gbk(const char *s, size_t *outlen)
{
	iconv_t cd = iconv_open("GBK", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	size_t n = strlen(s), cap = 2 * n + 8, oleft = cap;
	char *out = malloc(cap), *op = out, *in = (char *)s;
	assert_non_null(out);
	assert_int_not_equal(iconv(cd, &in, &n, &op, &oleft), (size_t)-1);
	iconv_close(cd);
	*outlen = (size_t)(op - out);
	return out;
}

/* Bad files are reported one line each; the good ones load. */
static void
test_mixed(void **state)
{
	(void)state;
	char dir[128], empty[128];
	snprintf(dir, sizeof dir, "%s/mixed", support_tmpdir);
	snprintf(empty, sizeof empty, "%s/nothing-here", support_tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(mkdir(empty, 0700), 0);
	support_write_in(empty, "readme.odt", "x", 1);
	const char good[] = "杭州的开源\n\n杭州再次引起业界瞩目。\n";
	support_write_in(dir, "a_good.txt", good, sizeof good - 1);
	support_write_in(dir, "b_image.txt", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
	support_write_in(dir, "c_empty.txt", "", 0);
	support_write_in(dir, "d_blank.txt", " \n\t\n\xE3\x80\x80\r\n", 9);
	support_write_in(dir, "e_nul.txt", "abc\0def", 7);
	size_t gn;
	char *gbk = to_gbk(good, &gn);
	support_write_in(dir, "f_gbk.txt", gbk, gn);
	free(gbk);

	char missing[160];
	snprintf(missing, sizeof missing, "%s/missing.txt", support_tmpdir);
	const char *paths[] = { missing, dir, empty };
	struct corpus c;
	struct warnings w = { .n = 0 };
	assert_int_equal(corpus_load(&c, paths, 3, NULL, collect, &w), 0);
	assert_int_equal(c.n, 2);
	assert_string_equal(base(c.v[0].path), "a_good.txt");
	assert_string_equal(c.v[0].encoding, "UTF-8");
	assert_string_equal(base(c.v[1].path), "f_gbk.txt");
	assert_string_equal(c.v[1].encoding, "GB18030");
	assert_string_equal(c.v[0].text, c.v[1].text);

	/* expansion reports first, then each file that does not load */
	char want[6][300];
	snprintf(want[0], sizeof want[0], "%s: no such file or directory", missing);
	snprintf(want[1], sizeof want[1], "%s: no articles in directory (.txt, .html, .htm, .xhtml, .epub, .md or .markdown)", empty);
	snprintf(want[2], sizeof want[2], "%s/b_image.txt: not a text file (PNG image)", dir);
	snprintf(want[3], sizeof want[3], "%s/c_empty.txt: file is empty or blank", dir);
	snprintf(want[4], sizeof want[4], "%s/d_blank.txt: file is empty or blank", dir);
	snprintf(want[5], sizeof want[5],
		 "%s/e_nul.txt: not a text file (1 NUL byte; only UTF-16 text may hold them)", dir);
	assert_int_equal(w.n, 6);
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(w.lines[i], want[i]);
	corpus_free(&c);
}

/* A forced encoding applies to every file; nothing loaded is not an error. */
static void
test_forced_and_none(void **state)
{
	(void)state;
	const char *paths[] = { "texts/000_sichuan_ribao.txt" };
	struct source_opts o = { .encoding = "GB18030" };
	struct corpus c;
	struct warnings w = { .n = 0 };
	assert_int_equal(corpus_load(&c, paths, 1, &o, collect, &w), 0);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.v[0].encoding, "GB18030");
	assert_int_equal(w.n, 0);
	corpus_free(&c);

	struct source_opts small = { .max_bytes = 1000 };
	assert_int_equal(corpus_load(&c, paths, 1, &small, collect, &w), 0);
	assert_int_equal(c.n, 0);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.lines[0],
			    "texts/000_sichuan_ribao.txt: file is 11.4 KiB, over the 1000 bytes limit");
	corpus_free(&c);

	assert_int_equal(corpus_load(&c, NULL, 0, NULL, collect, &w), 0);
	assert_int_equal(c.n, 0);
	assert_int_equal(w.n, 1);
	corpus_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bundled),
		cmocka_unit_test(test_many_files),
		cmocka_unit_test(test_mixed),
		cmocka_unit_test(test_forced_and_none),
	};
	return cmocka_run_group_tests(tests, support_tmp_setup, support_tmp_teardown);
}
