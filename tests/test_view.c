/* test_view: scrolling arithmetic, offset <-> position round trips, percent and
 * end clamping, on hand-built articles (so the parser's choices do not matter)
 * and on one huge generated article. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/view.h"

/* An article whose blocks are runs of 一 (2 columns each): block i holds
 * nchars[i] characters, kinds[i] its kind; blocks are separated by '\n'. */
struct fixture {
	struct article a;
	struct view_opts o;
};

static void
build(struct fixture *f, const int *nchars, const enum block_kind *kinds, size_t n)
{
	memset(f, 0, sizeof *f);
	size_t len = 0;
	for (size_t i = 0; i < n; i++)
		len += (size_t)nchars[i] * 3 + 1;
	f->a.text = malloc(len + 1);
	f->a.blocks = calloc(n ? n : 1, sizeof *f->a.blocks);
	assert_non_null(f->a.text);
	assert_non_null(f->a.blocks);
	size_t p = 0;
	for (size_t i = 0; i < n; i++) {
		f->a.blocks[i].start = p;
		for (int k = 0; k < nchars[i]; k++) {
			memcpy(f->a.text + p, "\xe4\xb8\x80", 3);
			p += 3;
		}
		f->a.blocks[i].end = p;
		f->a.blocks[i].kind = kinds ? kinds[i] : BLOCK_PARAGRAPH;
		f->a.text[p++] = '\n';
	}
	f->a.text[p] = 0;
	f->a.len = p;
	f->a.nblocks = n;
	view_opts_default(&f->o);
	f->o.layout.indent_cols = 0;
}

static void
unbuild(struct fixture *f)
{
	free(f->a.text);
	free(f->a.blocks);
}

#define POS(b, l) ((struct view_pos){ (b), (l) })

static void
assert_pos(struct view_pos got, size_t block, size_t line)
{
	if (got.block != block || got.line != line)
		fail_msg("position {%zu, %zu}, expected {%zu, %zu}", got.block, got.line, block,
			 line);
}

/* Width 10 holds 5 characters: blocks of 12, 3, 5 chars give 3, 1, 1 lines.
 * Rows: b0 l0 l1 l2 blank | b1 l0 blank | b2 l0 (no blank after the last). */
static void
test_rows_and_blanks(void **state)
{
	(void)state;
	static const int nc[] = { 12, 3, 5 };
	struct fixture f;
	build(&f, nc, NULL, 3);
	struct view *v = view_new(&f.a, &f.o, 10);
	assert_non_null(v);
	struct view_row r[16];
	int n = view_rows(v, POS(0, 0), 16, r);
	assert_int_equal(n, 7);
	static const struct {
		enum view_row_kind kind;
		size_t block, start, end;
	} want[] = {
		{ VIEW_ROW_TEXT, 0, 0, 15 },   { VIEW_ROW_TEXT, 0, 15, 30 },
		{ VIEW_ROW_TEXT, 0, 30, 36 },  { VIEW_ROW_BLANK, 0, 36, 36 },
		{ VIEW_ROW_TEXT, 1, 37, 46 },  { VIEW_ROW_BLANK, 1, 46, 46 },
		{ VIEW_ROW_TEXT, 2, 47, 62 },
	};
	for (int i = 0; i < n; i++) {
		assert_int_equal(r[i].kind, want[i].kind);
		assert_int_equal(r[i].block, want[i].block);
		assert_int_equal(r[i].line.start, want[i].start);
		assert_int_equal(r[i].line.end, want[i].end);
	}
	/* From the middle, and asking for fewer rows than there are. */
	assert_int_equal(view_rows(v, POS(0, 2), 3, r), 3);
	assert_int_equal(r[0].line.start, 30);
	assert_int_equal(r[1].kind, VIEW_ROW_BLANK);
	assert_int_equal(r[2].block, 1);
	/* A line past the end of a block is clamped to its last row. */
	assert_int_equal(view_rows(v, POS(1, 99), 16, r), 2);
	assert_int_equal(r[0].kind, VIEW_ROW_BLANK);
	view_free(v);
	unbuild(&f);
}

static void
test_scroll(void **state)
{
	(void)state;
	static const int nc[] = { 12, 3, 5 };
	struct fixture f;
	build(&f, nc, NULL, 3);
	struct view *v = view_new(&f.a, &f.o, 10);
	static const struct {
		size_t b, l;
		long d;
		size_t wb, wl;
	} cases[] = {
		{ 0, 0, 1, 0, 1 },  { 0, 0, 3, 0, 3 },    { 0, 0, 4, 1, 0 },   { 0, 0, 6, 2, 0 },
		{ 0, 0, 7, 2, 0 },  { 0, 0, 1000, 2, 0 }, { 0, 0, 99999, 2, 0 },
		{ 2, 0, -1, 1, 1 }, { 2, 0, -2, 1, 0 },   { 2, 0, -3, 0, 3 },  { 2, 0, -6, 0, 0 },
		{ 2, 0, -7, 0, 0 }, { 2, 0, -99999, 0, 0 }, { 1, 0, 0, 1, 0 }, { 0, 2, 2, 1, 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_pos(view_scroll(v, POS(cases[i].b, cases[i].l), cases[i].d), cases[i].wb,
			   cases[i].wl);
	assert_pos(view_last_top(v, 1), 2, 0);
	assert_pos(view_last_top(v, 3), 1, 0);
	assert_pos(view_last_top(v, 7), 0, 0);
	assert_pos(view_last_top(v, 50), 0, 0);
	view_free(v);
	unbuild(&f);
}

/* Hidden blocks take no rows; positions naming them move to the next shown. */
static void
test_hidden(void **state)
{
	(void)state;
	static const int nc[] = { 2, 4, 6, 2 };
	static const enum block_kind k[] = { BLOCK_META, BLOCK_PARAGRAPH, BLOCK_BOILERPLATE,
					     BLOCK_PARAGRAPH };
	struct fixture f;
	build(&f, nc, k, 4);
	struct view *v = view_new(&f.a, &f.o, 10);
	struct view_row r[8];
	assert_int_equal(view_rows(v, POS(0, 0), 8, r), 3);
	assert_int_equal(r[0].block, 1);
	assert_int_equal(r[2].block, 3);
	assert_pos(view_scroll(v, POS(2, 0), 0), 3, 0);
	assert_pos(view_pos_of_offset(v, 0), 1, 0);
	assert_pos(view_pos_of_offset(v, f.a.blocks[2].start + 3), 3, 0);
	view_free(v);
	f.o.show_boilerplate = 1;
	v = view_new(&f.a, &f.o, 10);
	assert_int_equal(view_rows(v, POS(0, 0), 8, r), 8);
	assert_int_equal(r[0].block, 0);
	view_free(v);
	unbuild(&f);
}

static void
test_offsets(void **state)
{
	(void)state;
	static const int nc[] = { 12, 3, 5 };
	struct fixture f;
	build(&f, nc, NULL, 3);
	struct view *v = view_new(&f.a, &f.o, 10);
	static const struct {
		size_t off, b, l;
	} cases[] = {
		{ 0, 0, 0 },  { 14, 0, 0 }, { 15, 0, 1 }, { 35, 0, 2 }, { 36, 1, 0 },
		{ 37, 1, 0 }, { 47, 2, 0 }, { 61, 2, 0 }, { 62, 2, 0 }, { 9999, 2, 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_pos(view_pos_of_offset(v, cases[i].off), cases[i].b, cases[i].l);
	assert_int_equal(view_offset_of_pos(v, POS(0, 1)), 15);
	assert_int_equal(view_offset_of_pos(v, POS(0, 3)), 37); /* blank: next block */
	assert_int_equal(view_offset_of_pos(v, POS(2, 0)), 47);
	/* Round trip: every text row's offset maps back to that row. */
	struct view_row r[16];
	int n = view_rows(v, POS(0, 0), 16, r);
	struct view_pos p = POS(0, 0);
	for (int i = 0; i < n; i++, p = view_scroll(v, p, 1)) {
		if (r[i].kind != VIEW_ROW_TEXT)
			continue;
		struct view_pos q = view_pos_of_offset(v, view_offset_of_pos(v, p));
		assert_pos(q, p.block, p.line);
	}
	view_free(v);
	unbuild(&f);
}

static void
test_percent(void **state)
{
	(void)state;
	static const int nc[] = { 12, 3, 5 };
	struct fixture f;
	build(&f, nc, NULL, 3);
	struct view *v = view_new(&f.a, &f.o, 10);
	/* 7 rows: row i is i * 100 / 6 percent. */
	assert_int_equal(view_percent(v, POS(0, 0)), 0);
	assert_int_equal(view_percent(v, POS(0, 3)), 50);
	assert_int_equal(view_percent(v, POS(1, 0)), 66);
	assert_int_equal(view_percent(v, POS(2, 0)), 100);
	view_free(v);
	unbuild(&f);
}

static void
test_empty(void **state)
{
	(void)state;
	struct fixture f;
	build(&f, NULL, NULL, 0);
	struct view *v = view_new(&f.a, &f.o, 10);
	struct view_row r[4];
	assert_int_equal(view_rows(v, POS(0, 0), 4, r), 0);
	assert_pos(view_scroll(v, POS(0, 0), 5), 0, 0);
	assert_pos(view_last_top(v, 10), 0, 0);
	assert_pos(view_pos_of_offset(v, 3), 0, 0);
	assert_int_equal(view_offset_of_pos(v, POS(0, 0)), 0);
	assert_int_equal(view_percent(v, POS(0, 0)), 100);
	view_free(v);
	unbuild(&f);
	/* Empty blocks take no rows and no blank. */
	static const int nc[] = { 0, 2, 0, 0, 2, 0 };
	build(&f, nc, NULL, 6);
	v = view_new(&f.a, &f.o, 10);
	assert_int_equal(view_rows(v, POS(0, 0), 8, r), 3);
	assert_int_equal(r[0].block, 1);
	assert_int_equal(r[1].kind, VIEW_ROW_BLANK);
	assert_int_equal(r[2].block, 4);
	assert_pos(view_scroll(v, POS(4, 0), -1), 1, 1);
	assert_pos(view_scroll(v, POS(5, 0), 0), 4, 0);
	view_free(v);
	unbuild(&f);
}

/* 200,000 blocks: long jumps go through the index and land on the right row
 * once the blocks they cross have been laid out; walking and jumping agree. */
static void
test_big(void **state)
{
	(void)state;
	enum { NB = 200000 };
	int *nc = malloc(NB * sizeof *nc);
	assert_non_null(nc);
	for (int i = 0; i < NB; i++)
		nc[i] = 1 + (i * 7) % 23; /* 1..23 chars: 1..5 lines of 5 */
	struct fixture f;
	build(&f, nc, NULL, NB);
	struct view *v = view_new(&f.a, &f.o, 10);
	uint64_t total = 0;
	for (int i = 0; i < NB; i++)
		total += (uint64_t)(nc[i] + 4) / 5 + (i + 1 < NB);
	struct view_pos end = view_scroll(v, POS(0, 0), (long)total + 5);
	assert_pos(end, NB - 1, (size_t)(nc[NB - 1] + 4) / 5 - 1);
	assert_int_equal(view_percent(v, end), 100);
	/* After walking everything once, the index is exact: a jump of k rows
	 * from the top lands where k single steps would. */
	struct view_pos p = POS(0, 0);
	for (uint64_t i = 0; i < total; i++)
		p = view_scroll(v, p, 1);
	assert_pos(p, end.block, end.line);
	struct view_pos mid = view_scroll(v, POS(0, 0), 123457);
	struct view_pos w = POS(0, 0);
	for (int i = 0; i < 123457 / 4000; i++)
		w = view_scroll(v, w, 4000);
	w = view_scroll(v, w, 123457 % 4000);
	assert_pos(mid, w.block, w.line);
	assert_pos(view_scroll(v, mid, -123457), 0, 0);
	assert_int_equal(view_percent(v, mid), (int)(123457 * 100 / (total - 1)));
	view_free(v);
	unbuild(&f);
	free(nc);
}

static void
same_rows(const struct view_row *a, const struct view_row *b, int n)
{
	for (int i = 0; i < n; i++) {
		assert_int_equal(a[i].kind, b[i].kind);
		assert_int_equal(a[i].block, b[i].block);
		assert_int_equal(a[i].line.start, b[i].line.start);
		assert_int_equal(a[i].line.end, b[i].line.end);
		assert_int_equal(a[i].line.indent_cols, b[i].line.indent_cols);
	}
}

/* The layout of blocks far from the screen is let go (view_trim), all of
 * it when the reader leaves (view_forget), and what the view shows stays
 * the same: blocks are laid out again as they come back. */
static void
test_trim(void **state)
{
	(void)state;
	enum { NB = 5000, ROWS = 40 };
	int *nc = malloc(NB * sizeof *nc);
	assert_non_null(nc);
	for (int i = 0; i < NB; i++)
		nc[i] = 1 + (i * 11) % 37;
	struct fixture f;
	build(&f, nc, NULL, NB);
	struct view *v = view_new(&f.a, &f.o, 10);
	assert_int_equal(view_held(v, NULL), 0);
	/* read it all, a screen at a time: the cache stays bounded */
	struct view_row first[ROWS], again[ROWS];
	struct view_pos p = POS(0, 0), mid = POS(0, 0);
	size_t pages = 0;
	for (;;) {
		assert_true(view_rows(v, p, ROWS, first) > 0);
		if (++pages == 300)
			mid = p;
		struct view_pos np = view_scroll(v, p, ROWS);
		if (np.block == p.block && np.line == p.line)
			break;
		p = np;
	}
	assert_true(pages > 300);
	assert_int_equal(p.block, NB - 1);
	size_t bytes;
	assert_true(view_held(v, &bytes) <= 1024);
	assert_true(view_held(v, NULL) > 100);
	struct view_pos end = view_last_top(v, ROWS);
	int pc = view_percent(v, mid);
	int n = view_rows(v, mid, ROWS, first);
	/* near the screen only: the blocks within 8 of mid's */
	view_trim(v, mid, 8);
	size_t held = view_held(v, NULL);
	assert_true(held >= 1 && held <= 17);
	size_t tbytes;
	view_held(v, &tbytes);
	assert_true(tbytes < bytes);
	assert_int_equal(view_rows(v, mid, ROWS, again), n);
	same_rows(first, again, n);
	assert_int_equal(view_percent(v, mid), pc);
	struct view_pos e2 = view_last_top(v, ROWS);
	assert_pos(e2, end.block, end.line);
	/* left: nothing held, and the same rows when it comes back */
	view_forget(v);
	assert_int_equal(view_held(v, &tbytes), 0);
	assert_int_equal(tbytes, 0);
	assert_int_equal(view_rows(v, mid, ROWS, again), n);
	same_rows(first, again, n);
	assert_int_equal(view_percent(v, mid), pc);
	assert_int_equal(view_offset_of_pos(v, mid), first[0].line.start);
	view_free(v);
	unbuild(&f);
	free(nc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_and_blanks), cmocka_unit_test(test_scroll),
		cmocka_unit_test(test_hidden),          cmocka_unit_test(test_offsets),
		cmocka_unit_test(test_percent),         cmocka_unit_test(test_empty),
		cmocka_unit_test(test_big),             cmocka_unit_test(test_trim),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
