/* test_position: the one definition of how far an article is read
 * (position.h): the percent and the goal of :goto N as arithmetic, the list's
 * mark of a stored place (old rows too), the readable-character index
 * against article_count_chars, and the reader over articles of several
 * sizes, screen sizes and scripts: the first screen, every row down to G
 * (100 and the end shown only there), and :goto N for every N (the first
 * place at N% or more). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/article.h"
#include "../src/position.h"
#include "../src/reader.h"
#include "../src/script.h"

static void
test_percent(void **state)
{
	(void)state;
	static const struct {
		size_t before, total;
		int end, want;
	} t[] = {
		{ 0, 100, 0, 0 },
		{ 50, 100, 0, 50 },
		{ 99, 100, 0, 99 },
		{ 100, 100, 0, 99 }, /* all characters, but the last row not shown: not 100 */
		{ 150, 100, 0, 99 },
		{ 100, 100, 1, 100 },
		{ 3, 100, 1, 100 },   /* the end shown decides */
		{ 1, 3, 0, 33 },
		{ 2, 3, 0, 66 },      /* rounded down */
		{ 0, 0, 0, 0 },       /* nothing readable */
		{ 0, 0, 1, 100 },
		{ 3000000000u, 4000000000u, 0, 75 },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (position_percent(t[i].before, t[i].total, t[i].end) != t[i].want)
			fail_msg("row %zu: %d, want %d", i,
				 position_percent(t[i].before, t[i].total, t[i].end), t[i].want);
}

static void
test_goal(void **state)
{
	(void)state;
	static const struct {
		int pct;
		size_t total, want;
	} t[] = {
		{ 0, 3605, 0 },  { -5, 3605, 0 },   { 1, 3605, 37 },   { 50, 3605, 1803 },
		{ 99, 3605, 3569 }, { 100, 3605, 3605 }, { 150, 3605, 3605 }, { 50, 0, 0 },
		{ 33, 3, 1 },    { 34, 3, 2 },      { 67, 3, 3 },      { 50, 4, 2 },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		size_t got = position_goal(t[i].pct, t[i].total);
		if (got != t[i].want)
			fail_msg("row %zu: %zu, want %zu", i, got, t[i].want);
		/* the goal is the fewest characters whose percent is at least pct */
		if (t[i].pct > 0 && t[i].pct <= 100 && t[i].total > 0) {
			assert_true(position_percent(got, t[i].total, got == t[i].total) >= t[i].pct);
			assert_true(position_percent(got - 1, t[i].total, 0) < t[i].pct);
		}
	}
}

static void
test_mark(void **state)
{
	(void)state;
	assert_int_equal(position_mark(NULL, 1000), -1);
	static const struct {
		struct store_place p;
		size_t len;
		int want;
	} t[] = {
		{ { 0, 0, 0 }, 1000, 0 },
		{ { 500, 37, 0 }, 1000, 37 },    /* the stored position, not off/len */
		{ { 10, 12, 1 }, 1000, 100 },    /* finished, read again from the top */
		{ { 990, 100, 0 }, 1000, 100 },
		{ { 880, 99, 0 }, 1000, 99 },
		/* saved by a duwen before schema 3: as it showed them */
		{ { 500, -1, 0 }, 1000, 50 },
		{ { 900, -1, 0 }, 1000, 90 },
		{ { 910, -1, 0 }, 1000, 100 },
		{ { 5000, -1, 0 }, 1000, 100 },
		{ { 0, -1, 0 }, 0, 100 },
		{ { 10, -1, 1 }, 1000, 100 },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (position_mark(&t[i].p, t[i].len) != t[i].want)
			fail_msg("row %zu: %d, want %d", i, position_mark(&t[i].p, t[i].len), t[i].want);
}

/* Articles of several sizes and kinds; built from text (article_from_utf8)
 * or loaded from the bundled files. */
#define NSYN 5
static char *
synth(int kind)
{
	size_t cap = 1 << 20, n = 0;
	char *s = malloc(cap);
	assert_non_null(s);
	static const char *const han = "读文是一个终端里的中文文章阅读器开源大模型之城杭州深圳";
	n += (size_t)snprintf(s + n, cap - n, "标题%d\n\n", kind);
	int paras = kind == 0 ? 1 : kind == 1 ? 3 : kind == 2 ? 40 : kind == 3 ? 300 : 12;
	for (int p = 0; p < paras; p++) {
		int len = kind == 0 ? 5 : kind == 3 ? 20 + p % 37 : 60 + (p * 13) % 90;
		for (int c = 0; c < len; c++) {
			if (kind == 4 && c % 7 == 3) /* mixed: words and spaces */
				n += (size_t)snprintf(s + n, cap - n, " word%d ", c);
			size_t k = (size_t)((p * 31 + c * 7) % 27) * 3;
			memcpy(s + n, han + k, 3);
			n += 3;
		}
		n += (size_t)snprintf(s + n, cap - n, "。\n\n");
	}
	s[n] = 0;
	return s;
}

static const char *const files[] = {
	"texts/001_hangzhou_kaiyuan.txt", "texts/003_deepseek_chuangxin.txt",
	"tests/data/manual-debian-zh_TW.txt",
};
#define NFILES (sizeof files / sizeof files[0])
#define NART (NSYN + NFILES)

struct fx {
	struct article a[NART];
	struct script *sc;
	struct view_opts vo;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	for (int k = 0; k < NSYN; k++) {
		char *s = synth(k);
		int rc = article_from_utf8(NULL, s, strlen(s), &f->a[k]);
		free(s);
		if (rc < 0)
			return -1;
	}
	struct source_opts so = { 0 };
	for (size_t i = 0; i < NFILES; i++) {
		char *cause = NULL;
		if (article_load(&so, files[i], &f->a[NSYN + i], &cause) < 0) {
			fprintf(stderr, "%s: %s\n", files[i], cause ? cause : "?");
			free(cause);
			return -1;
		}
	}
	char *cause = NULL;
	if (script_open(&f->sc, &cause) < 0) {
		free(cause);
		f->sc = NULL;
	}
	view_opts_default(&f->vo);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	for (size_t i = 0; i < NART; i++)
		article_free(&f->a[i]);
	if (f->sc)
		script_close(f->sc);
	free(f);
	return 0;
}

/* The index counts what article_count_chars counts, and char_at is its
 * inverse: the nth character has n - 1 before it. */
static void
test_index(void **state)
{
	struct fx *f = *state;
	for (size_t k = 0; k < NART; k++) {
		const struct article *a = &f->a[k];
		struct position_index ix;
		position_index_init(&ix, a);
		/* from the end first (all sums at once), then again lazily */
		assert_int_equal(position_chars_before(&ix, a->len), a->chars);
		assert_int_equal(a->chars, article_count_chars(a));
		assert_true(a->chars > 0);
		position_index_free(&ix);
		position_index_init(&ix, a);
		assert_int_equal(position_chars_before(&ix, 0), 0);
		assert_int_equal(position_char_at(&ix, 0), 0);
		assert_int_equal(position_char_at(&ix, a->chars + 1), a->len);
		size_t step = a->chars / 200 + 1, prev = 0;
		for (size_t n = 1; n <= a->chars; n += step) {
			size_t off = position_char_at(&ix, n);
			assert_true(off >= prev);
			assert_true(off < a->len);
			prev = off;
			if (position_chars_before(&ix, off) != n - 1)
				fail_msg("article %zu: character %zu at %zu has %zu before it", k, n, off,
					 position_chars_before(&ix, off));
		}
		position_index_free(&ix);
	}
}

/* One article at one screen size (and script): the first screen, each row
 * down to the end, G, and :goto N for every N. */
static void
check_reader(struct fx *f, size_t k, int cols, int rows, enum script_kind kind)
{
	const struct article *a = &f->a[k];
	struct reader r;
	assert_int_equal(reader_init(&r, a, f->sc, &f->vo, cols, rows, 0), 0);
	if (kind != SCRIPT_ORIGINAL)
		assert_int_equal(reader_mode_script(&r, kind), 0);
	int end = -1;
	int pct = reader_position(&r, rows, &end);
	/* the first screen: 100 if the whole article fits, never 100 else */
	assert_int_equal(end, reader_at_end(&r));
	assert_int_equal(pct == 100, end);
	/* down row by row: never back, 100 and the end only at the last row */
	int prev = pct, steps = 0;
	while (reader_scroll(&r, 1) == 1) {
		pct = reader_position(&r, rows, &end);
		assert_true(pct >= prev);
		assert_int_equal(end, reader_at_end(&r));
		assert_int_equal(pct == 100, end);
		prev = pct;
		steps++;
	}
	assert_int_equal(reader_position(&r, rows, &end), 100);
	assert_int_equal(end, 1);
	reader_top(&r);
	reader_bottom(&r); /* G */
	assert_int_equal(reader_position(&r, rows, &end), 100);
	assert_int_equal(end, 1);
	/* :goto N: N% or more, and one row up is below N% (unless at the start) */
	for (int n = 0; n <= 100; n++) {
		reader_goto_percent(&r, rows, n);
		int got = reader_position(&r, rows, &end);
		if (got < n)
			fail_msg("article %zu %dx%d script %d: goto %d shows %d", k, cols, rows, kind, n,
				 got);
		if (got > n && reader_scroll(&r, -1) == -1) {
			int up = reader_position(&r, rows, NULL);
			if (up >= n)
				fail_msg("article %zu %dx%d script %d: goto %d shows %d, one row up %d", k,
					 cols, rows, kind, n, got, up);
		}
	}
	reader_free(&r);
	(void)steps;
}

static void
test_reader(void **state)
{
	struct fx *f = *state;
	static const struct {
		int cols, rows;
	} sizes[] = { { 80, 23 }, { 160, 44 }, { 40, 11 }, { 30, 3 }, { 80, 1 } };
	for (size_t k = 0; k < NART; k++)
		for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
			check_reader(f, k, sizes[s].cols, sizes[s].rows, SCRIPT_ORIGINAL);
	if (f->sc) /* positions count the original's characters in any script */
		for (size_t k = 0; k < NART; k++)
			check_reader(f, k, 80, 23, SCRIPT_SIMPLIFIED);
}

/* The issue's case: 001 at 80x24 (23 rows of text): G shows 100 and the
 * end, :goto 50 shows exactly 50, the first screen is not finished. */
static void
test_issue_case(void **state)
{
	struct fx *f = *state;
	struct reader r;
	assert_int_equal(reader_init(&r, &f->a[NSYN], f->sc, &f->vo, 79, 23, 0), 0);
	int end;
	assert_true(reader_position(&r, 23, &end) < 20);
	assert_int_equal(end, 0);
	reader_goto_percent(&r, 23, 50);
	assert_int_equal(reader_position(&r, 23, &end), 50);
	reader_bottom(&r);
	assert_int_equal(reader_position(&r, 23, &end), 100);
	assert_int_equal(end, 1);
	reader_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_goal),
		cmocka_unit_test(test_mark),
		cmocka_unit_test(test_index),
		cmocka_unit_test(test_reader),
		cmocka_unit_test(test_issue_case),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
