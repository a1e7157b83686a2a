/* test_ui_head: the reading view's header as the document's first rows
 * (reader_head.h), no terminal: how many rows it takes, how scrolling
 * hides it row by row before the text moves and brings it back, the rows
 * each scroll reports (what the terminal is asked to scroll), jumps that
 * hide it, and the text width that spares the last column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/article.h"
#include "../src/reader.h"
#include "../ui/panes/reader_head.h"

struct fx {
	struct article a, b; /* 001: no title block; 003: opens with one */
	struct view_opts vo;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct source_opts so = { 0 };
	char *cause = NULL;
	if (article_load(&so, "texts/001_hangzhou_kaiyuan.txt", &f->a, &cause) < 0 ||
	    article_load(&so, "texts/003_deepseek_chuangxin.txt", &f->b, &cause) < 0) {
		fprintf(stderr, "%s\n", cause ? cause : "?");
		free(cause);
		return -1;
	}
	view_opts_default(&f->vo);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	article_free(&f->a);
	article_free(&f->b);
	free(f);
	return 0;
}

static void
test_text_cols(void **state)
{
	(void)state;
	static const int in[] = { 80, 160, 40, 2, 1, 0 }, out[] = { 79, 159, 39, 1, 1, 1 };
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++)
		assert_int_equal(reader_head_text_cols(in[i]), out[i]);
}

/* One scroll step: delta, then the rows the screen moved, the header rows
 * shown and whether the text's top left its start. */
struct step {
	long delta, moved;
	int shown, text_moved;
};

static void
test_scroll(void **state)
{
	struct fx *f = *state;
	struct reader r;
	struct reader_head h = { 0 };
	assert_int_equal(reader_init(&r, &f->a, NULL, &f->vo, 79, 23, 0), 0);
	assert_int_equal(reader_head_set(&h, &r), 0);
	reader_head_fix(&h, &r, 1);
	/* 001 at 79 columns: the title, the facts line, a blank row */
	assert_int_equal(h.rows, 3);
	assert_int_equal(reader_head_shown(&h, &r), 3);
	/* 20 rows of text under the header: the position counts those only */
	assert_int_equal(reader_head_text_rows(&h, &r), 20);
	int end = 1;
	int first = reader_position(&r, reader_head_text_rows(&h, &r), &end);
	assert_int_equal(end, 0);
	assert_true(first < 20);
	assert_true(first < reader_position(&r, 23, NULL));
	static const struct step steps[] = {
		{ 1, 1, 2, 0 },   /* the title row goes first */
		{ 2, 2, 0, 0 },   /* then the facts and the blank row */
		{ 1, 1, 0, 1 },   /* then the text */
		{ -1, -1, 0, 0 }, /* back to the text's start */
		{ -2, -2, 2, 0 }, /* the header comes back row by row */
		{ -5, -1, 3, 0 }, /* and no further than its first row */
		{ -1, 0, 3, 0 },
		{ 4, 4, 0, 1 },   /* 3 header rows and 1 text row in one move */
	};
	struct view_pos start = reader_head_start(&r);
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		long got = reader_head_scroll(&h, &r, steps[i].delta);
		int away = r.top.block != start.block || r.top.line != start.line;
		if (got != steps[i].moved || reader_head_shown(&h, &r) != steps[i].shown ||
		    away != steps[i].text_moved)
			fail_msg("step %zu: moved %ld shown %d away %d; want %ld %d %d", i, got,
				 reader_head_shown(&h, &r), away, steps[i].moved, steps[i].shown,
				 steps[i].text_moved);
	}
	/* a jump elsewhere hides the header; g brings it all back */
	reader_bottom(&r);
	reader_head_fix(&h, &r, 0);
	assert_int_equal(reader_head_shown(&h, &r), 0);
	assert_int_equal(reader_head_text_rows(&h, &r), 23);
	assert_int_equal(reader_position(&r, reader_head_text_rows(&h, &r), &end), 100);
	assert_int_equal(end, 1);
	reader_head_top(&h, &r);
	assert_int_equal(reader_head_shown(&h, &r), 3);
	reader_head_free(&h);
	reader_free(&r);
}

static void
test_own_title(void **state)
{
	struct fx *f = *state;
	struct reader r;
	struct reader_head h = { 0 };
	assert_int_equal(reader_init(&r, &f->b, NULL, &f->vo, 79, 23, 0), 0);
	assert_int_equal(reader_head_set(&h, &r), 0);
	reader_head_fix(&h, &r, 1);
	/* 003 opens with its title: the header still shows it first, then the
	 * facts line and a blank (as --dump); the view leaves the text's title
	 * block out, so the text starts with the next block */
	assert_int_equal(h.rows, 3);
	assert_int_equal(h.title.n, 1);
	struct view_row vr;
	assert_int_equal(view_rows(r.view, reader_head_start(&r), 1, &vr), 1);
	assert_int_not_equal(r.a->blocks[vr.block].kind, BLOCK_TITLE);
	/* a pane too short for it keeps its rows for the text */
	assert_int_equal(reader_resize(&r, 79, 3), 0);
	assert_int_equal(reader_head_set(&h, &r), 0);
	assert_int_equal(h.rows, 0);
	reader_head_free(&h);
	reader_free(&r);
}

/* The facts line stays one row: narrow panes drop the reading time, then
 * the author, rather than break inside a part. */
static void
test_facts_narrow(void **state)
{
	struct fx *f = *state;
	static const struct {
		int cols;
		const char *meta;
	} cases[] = {
		{ 79, "浙江財經大學新經濟研究中心 · 3605字 · 约10分钟" },
		{ 39, "浙江財經大學新經濟研究中心 · 3605字" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct reader r;
		struct reader_head h = { 0 };
		assert_int_equal(reader_init(&r, &f->a, NULL, &f->vo, cases[i].cols, 23, 0), 0);
		assert_int_equal(reader_head_set(&h, &r), 0);
		assert_string_equal(h.meta, cases[i].meta);
		assert_int_equal(h.facts.n, 1);
		reader_head_free(&h);
		reader_free(&r);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_cols),
		cmocka_unit_test(test_scroll),
		cmocka_unit_test(test_own_title),
		cmocka_unit_test(test_facts_narrow),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
