/* test_ui_reader: the reading view's model on the bundled articles, no
 * terminal: scroll arithmetic and clamping, the place kept across width
 * changes (same character on the top row, exact round trip), script
 * switches keeping the sentence, search hit counts with script folding,
 * heading jumps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/article.h"
#include "../src/err.h"
#include "../src/script.h"
#include "../src/list_model.h"
#include "../src/reader.h"

static const char *const paths[] = {
	"texts/000_sichuan_ribao.txt", "texts/001_hangzhou_kaiyuan.txt",
	"texts/002_shenzhen_pinle.txt", "texts/003_deepseek_chuangxin.txt",
	"texts/004_kexuebao_lianghui.txt",
};
#define NART (sizeof paths / sizeof paths[0])

struct fx {
	struct article a[NART];
	struct script *sc;
	struct view_opts vo;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct source_opts so = { 0 };
	for (size_t i = 0; i < NART; i++) {
		char *cause = NULL;
		if (article_load(&so, paths[i], &f->a[i], &cause) < 0) {
			fprintf(stderr, "%s: %s\n", paths[i], cause ? cause : "?");
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

/* Byte offset of the first character of row i below the top. */
static size_t
row_start(struct reader *r, int i, enum view_row_kind *kind)
{
	struct view_row rows[64];
	int n = view_rows(r->view, r->top, i + 1, rows);
	assert_true(n > i);
	*kind = rows[i].kind;
	return rows[i].kind == VIEW_ROW_TEXT ? rows[i].line.start : 0;
}

static void
test_scroll(void **state)
{
	struct fx *f = *state;
	for (size_t k = 0; k < NART; k++) {
		struct reader r;
		assert_int_equal(reader_init(&r, &f->a[k], f->sc, &f->vo, 80, 20, 0), 0);
		assert_int_equal(reader_scroll(&r, -1), 0); /* already at the top */
		struct view_row before[3], after[2];
		assert_int_equal(view_rows(r.view, r.top, 3, before), 3);
		assert_int_equal(reader_scroll(&r, 1), 1);
		assert_int_equal(view_rows(r.view, r.top, 2, after), 2);
		/* one row: the second row is now on top */
		assert_int_equal(after[0].kind, before[1].kind);
		assert_int_equal(after[0].block, before[1].block);
		assert_int_equal(after[0].line.start, before[1].line.start);
		assert_int_equal(after[1].line.start, before[2].line.start);
		/* the end: the last page stays full, further scrolls do nothing */
		reader_bottom(&r);
		assert_true(reader_at_end(&r));
		assert_int_equal(reader_percent(&r), 100);
		struct view_row last[20];
		assert_int_equal(view_rows(r.view, r.top, 20, last), 20);
		assert_int_equal(reader_scroll(&r, 1), 0);
		assert_int_equal(reader_scroll(&r, 1000), 0);
		assert_int_equal(reader_scroll(&r, -1), 1);
		assert_false(reader_at_end(&r));
		reader_top(&r);
		assert_int_equal(reader_top_offset(&r), row_start(&r, 0, &last[0].kind));
		assert_true(reader_percent(&r) < 100);
		reader_free(&r);
	}
}

static const struct { int from, to; } widths[] = {
	{ 80, 41 }, { 80, 100 }, { 60, 80 }, { 41, 160 }, { 100, 44 }, { 79, 80 },
};
static const long tops[] = { 0, 7, 23, 61, 150 };

static void
test_place_across_widths(void **state)
{
	struct fx *f = *state;
	for (size_t k = 0; k < NART; k++)
		for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++)
			for (size_t t = 0; t < sizeof tops / sizeof tops[0]; t++) {
				struct reader r;
				assert_int_equal(reader_init(&r, &f->a[k], f->sc, &f->vo,
							     widths[w].from, 20, 0), 0);
				reader_scroll(&r, tops[t]);
				size_t off = reader_top_offset(&r);
				size_t sent = article_sentence_at(&f->a[k], off);
				assert_int_equal(reader_resize(&r, widths[w].to, 20), 0);
				/* the character that was on top is on the top row */
				size_t now = reader_top_offset(&r);
				assert_true(now <= off || reader_at_end(&r));
				struct view_row rows[2];
				int n = view_rows(r.view, r.top, 2, rows);
				/* (on the last page the row can only be somewhere on screen) */
				if (reader_at_end(&r)) {
					struct view_row page[20];
					int np = view_rows(r.view, r.top, 20, page);
					size_t lo = SIZE_MAX, hi = 0;
					for (int i = 0; i < np; i++)
						if (page[i].kind == VIEW_ROW_TEXT) {
							lo = page[i].line.start < lo ? page[i].line.start : lo;
							hi = page[i].line.end > hi ? page[i].line.end : hi;
						}
					assert_true(lo <= off && off < hi);
				} else if (n == 2 && rows[1].kind == VIEW_ROW_TEXT && rows[0].kind == VIEW_ROW_TEXT &&
				    !(off < rows[1].line.start))
					fail_msg("%s %d->%d top %ld: off %zu, rows %zu-%zu (b%zu) %zu-%zu (b%zu)",
						 paths[k], widths[w].from, widths[w].to, tops[t], off,
						 rows[0].line.start, rows[0].line.end, rows[0].block,
						 rows[1].line.start, rows[1].line.end, rows[1].block);
				if (rows[0].kind == VIEW_ROW_TEXT && off < rows[0].line.end)
					assert_int_equal(article_sentence_at(&f->a[k], now) <= sent, 1);
				/* and back: exactly where it was */
				assert_int_equal(reader_resize(&r, widths[w].from, 20), 0);
				if (reader_top_offset(&r) != off)
					fail_msg("%s %d->%d->%d top %ld: %zu != %zu", paths[k],
						 widths[w].from, widths[w].to, widths[w].from,
						 tops[t], reader_top_offset(&r), off);
				reader_free(&r);
			}
}

static void
test_script_keeps_sentence(void **state)
{
	struct fx *f = *state;
	if (f->sc == NULL)
		skip();
	for (size_t k = 0; k < NART; k++) {
		struct reader r;
		assert_int_equal(reader_init(&r, &f->a[k], f->sc, &f->vo, 80, 20, 0), 0);
		reader_scroll(&r, 30);
		size_t place = reader_place(&r);
		size_t sent = article_sentence_at(&f->a[k], place);
		const enum script_kind seq[] = { SCRIPT_SIMPLIFIED, SCRIPT_TRADITIONAL, SCRIPT_ORIGINAL };
		for (size_t s = 0; s < 3; s++) {
			assert_int_equal(reader_mode_script(&r, seq[s]), 0);
			assert_int_equal(r.kind, seq[s]);
			assert_int_equal(article_sentence_at(&f->a[k], reader_place(&r)), sent);
		}
		assert_int_equal(reader_place(&r), place);
		reader_free(&r);
	}
}

/* Occurrences of needle in the visible (non-boilerplate) blocks of a. */
static int
visible_count(const struct article *a, const char *needle)
{
	int n = 0;
	for (size_t b = 0; b < a->nblocks; b++) {
		enum block_kind k = a->blocks[b].kind;
		if (k == BLOCK_BOILERPLATE || k == BLOCK_META)
			continue;
		n += list_count(a->text + a->blocks[b].start, a->blocks[b].end - a->blocks[b].start, needle);
	}
	return n;
}

static void
test_search(void **state)
{
	struct fx *f = *state;
	struct reader r;
	/* 001 is traditional: 開源 is found by the simplified query too */
	const struct article *a = &f->a[1];
	int expect = visible_count(a, "開源");
	assert_true(expect > 10);
	assert_int_equal(reader_init(&r, a, f->sc, &f->vo, 80, 20, 0), 0);
	int wrapped = -1;
	assert_int_equal(reader_search(&r, "開源", 1, &wrapped), expect);
	assert_int_equal(wrapped, 0);
	assert_int_equal(r.cur, 0);
	size_t first = r.hits.v[0].start;
	assert_memory_equal(a->text + first, "開源", strlen("開源"));
	if (f->sc)
		assert_int_equal(reader_search(&r, "开源", 1, &wrapped), expect);
	/* n walks the hits in order and wraps at the end */
	for (int i = 2; i <= expect; i++)
		assert_int_equal(reader_search_next(&r, 1, &wrapped), i);
	assert_int_equal(wrapped, 0);
	assert_int_equal(reader_search_next(&r, 1, &wrapped), 1);
	assert_int_equal(wrapped, 1);
	assert_int_equal(reader_search_next(&r, -1, &wrapped), expect);
	assert_int_equal(wrapped, 1);
	/* ASCII case is ignored */
	assert_int_equal(reader_search(&r, "deepseek", 1, &wrapped), visible_count(a, "DeepSeek"));
	assert_int_equal(reader_search(&r, "沒有這個詞組", 1, &wrapped), 0);
	reader_free(&r);
}

static void
test_headings(void **state)
{
	struct fx *f = *state;
	for (size_t k = 0; k < NART; k++) {
		struct reader r;
		assert_int_equal(reader_init(&r, &f->a[k], f->sc, &f->vo, 80, 20, 0), 0);
		int jumps = 0;
		while (reader_heading(&r, 1) == 0 && jumps < 100) {
			enum block_kind kind = r.a->blocks[r.top.block].kind;
			assert_true(kind == BLOCK_HEADING || kind == BLOCK_TITLE);
			assert_int_equal(r.top.line, 0);
			jumps++;
		}
		assert_true(jumps < 100);
		while (jumps-- > 0 && reader_heading(&r, -1) == 0)
			;
		reader_free(&r);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scroll),
		cmocka_unit_test(test_place_across_widths),
		cmocka_unit_test(test_script_keeps_sentence),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_headings),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
