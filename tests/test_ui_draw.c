/* test_ui_draw: the screen layer's text helpers (ui/screen/pane_draw.c)
 * on a curses window: pane_put and pane_put_trunc measure with the app's
 * width options, as the text layout does (`set ambiguous-wide on`: “ ” ‘ ’
 * · … take two columns), and never draw part of a wide character (at the
 * window's edge or at max_cols); curses itself counts as they do. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <cmocka.h>

#include "../src/layout.h"
#include "../src/view.h"
#include "../src/width.h"
#include "../ui/app.h"
#include "../ui/screen/pane.h"

struct term {
	FILE *out, *in;
	SCREEN *scr;
	struct app app;
};

static void
term_open(struct term *t, int ambiguous_wide)
{
	memset(t, 0, sizeof *t);
	assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
	t->out = fopen("/dev/null", "w");
	t->in = fopen("/dev/null", "r");
	assert_non_null(t->out);
	assert_non_null(t->in);
	t->scr = newterm("xterm-256color", t->out, t->in);
	assert_non_null(t->scr);
	view_opts_default(&t->app.vopts);
	t->app.vopts.layout.w.ambiguous_wide = ambiguous_wide;
	assert_int_equal(pane_mgr_init(&t->app), 0);
}

static void
term_close(struct term *t)
{
	endwin();
	delscreen(t->scr);
	pane_mgr_free(&t->app);
	fclose(t->out);
	fclose(t->in);
}

/* The character curses holds at (0, x) of w, as UTF-8 ("" if none). */
static void
cell(WINDOW *w, int x, char *buf, size_t cap)
{
	cchar_t cc;
	wchar_t wc[CCHARW_MAX + 1] = { 0 };
	attr_t a;
	short pair;
	buf[0] = 0;
	if (mvwin_wch(w, 0, x, &cc) == ERR || getcchar(&cc, wc, &a, &pair, NULL) == ERR)
		return;
	mbstate_t st = { 0 };
	size_t n = wcrtomb(buf, wc[0], &st);
	buf[n == (size_t)-1 || n >= cap ? 0 : n] = 0;
}

/* s drawn at column x of a window cols wide, at most max_cols (with … if
 * trunc): the columns drawn, and where each cluster starts. */
static const struct {
	const char *what;
	const char *s;
	int ambiguous, trunc, cols, x, max_cols;
	int want_cols;
	/* the text of each column from x: a character where one starts, ""
	 * inside a wide one, " " blank (the rest of the row is blank too) */
	const char *want[12];
} cases[] = {
	{ "ambiguous wide: “ ” · take two columns, … too", "“开源”·模型", 1, 1, 40, 0, 9, 8,
	  { "“", "", "开", "", "源", "", "…", "", " " } },
	{ "ambiguous narrow: one column each", "“开源”·模型", 0, 1, 40, 0, 9, 8,
	  { "“", "开", "", "源", "", "”", "·", "…", " " } },
	{ "wide: no … needed when it fits exactly", "“开”", 1, 1, 40, 0, 6, 6,
	  { "“", "", "开", "", "”", "", " " } },
	{ "narrow: the same text", "“开”", 0, 1, 40, 0, 6, 4, { "“", "开", "", "”", " " } },
	{ "wide, cut without …: a wide · does not fit in the last column", "‘深’·求", 1, 0, 40, 0,
	  7, 6, { "‘", "", "深", "", "’", "", " " } },
	{ "wide: room for no … (two columns): as much as fits", "“开", 1, 1, 40, 0, 1, 0, { " " } },
	{ "a wide character never straddles the window's right edge", "a中", 0, 0, 10, 8, 5, 1,
	  { "a", " " } },
	{ "nor starts in its last column", "中", 0, 0, 10, 9, 5, 0, { " " } },
	{ "cut at the window's edge: … there", "一二三四五六", 0, 1, 10, 2, 20, 7,
	  { "一", "", "二", "", "三", "", "…", " " } },
};

static void
test_put(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct term t;
		term_open(&t, cases[i].ambiguous);
		WINDOW *w = newwin(1, cases[i].cols, 0, 0);
		assert_non_null(w);
		const char *s = cases[i].s;
		int got = cases[i].trunc
				  ? pane_put_trunc(&t.app, w, 0, cases[i].x, s, strlen(s), cases[i].max_cols, 0)
				  : pane_put(&t.app, w, 0, cases[i].x, s, strlen(s), cases[i].max_cols, 0);
		int bad = got != cases[i].want_cols;
		char have[12][8];
		size_t n = 0;
		for (; n < 12 && cases[i].want[n] && cases[i].x + (int)n < cases[i].cols; n++) {
			cell(w, cases[i].x + (int)n, have[n], sizeof have[n]);
			const char *want = cases[i].want[n];
			if (want[0] && strcmp(have[n], want) != 0)
				bad = 1;
		}
		if (bad) {
			fprintf(stderr, "%s: %d columns (want %d):", cases[i].what, got, cases[i].want_cols);
			for (size_t k = 0; k < n; k++)
				fprintf(stderr, " [%s]", have[k]);
			fputc('\n', stderr);
		}
		delwin(w);
		term_close(&t);
		assert_false(bad);
	}
}

/* pane_cols is the layout's measure: a title laid out by the layout engine
 * in its own width is one line, as wide as pane_cols says, and pane_put
 * draws all of it in that width and cuts it one column short. */
static void
test_cols_as_layout(void **state)
{
	(void)state;
	static const char *const titles[] = {
		"‘深度求索’：“开源”·大模型",
		"为什么是杭州？未来的机会又在哪儿？",
		"DeepSeek爆火 · 中国AI“创新”……",
	};
	for (int amb = 0; amb <= 1; amb++)
		for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
			struct term t;
			term_open(&t, amb);
			const char *s = titles[i];
			int c = pane_cols(&t.app, s, strlen(s));
			assert_int_equal(c, width_str(&t.app.vopts.layout.w, s, strlen(s)));
			struct layout_opts lo = t.app.vopts.layout;
			lo.punct_fullwidth = 0;
			struct layout_lines ll = { 0 };
			struct block b = { 0, strlen(s), BLOCK_META };
			assert_int_equal(layout_block(&lo, s, &b, c, &ll), 0);
			assert_int_equal(ll.n, 1);
			assert_int_equal(ll.v[0].width_cols, c);
			layout_lines_free(&ll);
			WINDOW *w = newwin(1, 80, 0, 0);
			assert_int_equal(pane_put(&t.app, w, 0, 0, s, strlen(s), c, 0), c);
			int cut = pane_put(&t.app, w, 0, 0, s, strlen(s), c - 1, 0);
			assert_true(cut == c - 1 || cut == c - 2); /* the last cluster: 1 or 2 */
			delwin(w);
			term_close(&t);
		}
}

/* curses counts columns as the layout (termwidth.h): once the app's
 * options are given (pane_set_curses), “ takes two columns in curses too
 * with ambiguous-wide, one without, and 中 two either way. */
static void
test_curses_counts(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		int ambiguous, want_x;
	} counts[] = {
		{ "“x", 1, 3 }, { "“x", 0, 2 }, { "…·", 1, 4 }, { "…·", 0, 2 }, { "中a", 1, 3 },
		{ "中a", 0, 3 }, { "ab", 1, 2 },
	};
	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
		struct term t;
		term_open(&t, counts[i].ambiguous);
		pane_set_curses(&t.app, 1);
		WINDOW *w = newwin(1, 20, 0, 0);
		waddstr(w, counts[i].s);
		assert_int_equal(getcurx(w), counts[i].want_x);
		assert_int_equal(wcwidth(L'“'), counts[i].ambiguous ? 2 : 1);
		delwin(w);
		pane_set_curses(&t.app, 0);
		term_close(&t);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put),
		cmocka_unit_test(test_cols_as_layout),
		cmocka_unit_test(test_curses_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
