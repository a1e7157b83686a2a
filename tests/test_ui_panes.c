/* test_ui_panes: the screen arithmetic of the pane system without a
 * terminal: where panes go (side by side, one at a time, too small) and
 * the list cursor and scroll. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../ui/screen/arrange.h"
#include "../src/list_model.h"
#include "../ui/screen/menu.h"

/* rows x cols, panes, focus, sidebar, main, split -> what is shown */
static const struct {
	int rows, cols;
	size_t n, focus, sidebar, main;
	int split;
	int too_small;
	size_t nshown, shown0, shown1;
	int x0, w0, x1, w1;
} cases[] = {
	/* 80x24, list + reader focused: the reader alone */
	{ 24, 80, 2, 1, 0, 1, 120, 0, 1, 1, 0, 0, 80, 0, 0 },
	/* 160x45: list | reader; the list gets a third, capped at 48 */
	{ 45, 160, 2, 1, 0, 1, 120, 0, 2, 0, 1, 0, 48, 49, 111 },
	/* 120 wide: exactly the split width */
	{ 30, 120, 2, 0, 0, 1, 120, 0, 2, 0, 1, 0, 40, 41, 79 },
	/* wide but only the list open: the list takes it all */
	{ 45, 160, 1, 0, 0, 1, 120, 0, 1, 0, 0, 0, 160, 0, 0 },
	/* list focused, reader was the main pane: both, list on the left */
	{ 45, 160, 3, 0, 0, 2, 120, 0, 2, 0, 2, 0, 48, 49, 111 },
	/* split disabled */
	{ 45, 160, 2, 1, 0, 1, 0, 0, 1, 1, 0, 0, 160, 0, 0 },
	/* the smallest screen that draws, and one row/column less */
	{ 12, 40, 2, 1, 0, 1, 120, 0, 1, 1, 0, 0, 40, 0, 0 },
	{ 11, 40, 2, 1, 0, 1, 120, 1, 0, 0, 0, 0, 0, 0, 0 },
	{ 12, 39, 2, 1, 0, 1, 120, 1, 0, 0, 0, 0, 0, 0, 0 },
};

static void
test_arrange(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct arrange_in in = { cases[i].rows, cases[i].cols, cases[i].n, cases[i].focus,
					 cases[i].sidebar, cases[i].main, cases[i].split };
		struct arrange_out out;
		arrange_compute(&in, &out);
		assert_int_equal(out.too_small, cases[i].too_small);
		assert_int_equal(out.nshown, cases[i].nshown);
		/* one bottom row for the status, prompt and messages */
		assert_int_equal(out.status_y, cases[i].rows - 1);
		assert_int_equal(out.prompt_y, cases[i].rows - 1);
		if (out.nshown == 0)
			continue;
		assert_int_equal(out.shown[0], cases[i].shown0);
		assert_int_equal(out.rect[0].x, cases[i].x0);
		assert_int_equal(out.rect[0].cols, cases[i].w0);
		/* no tab line: the panes start at the top row */
		assert_int_equal(out.rect[0].y, 0);
		assert_int_equal(out.rect[0].rows, cases[i].rows - 1);
		if (out.nshown == 2) {
			assert_int_equal(out.shown[1], cases[i].shown1);
			assert_int_equal(out.rect[1].x, cases[i].x1);
			assert_int_equal(out.rect[1].cols, cases[i].w1);
			assert_int_equal(out.sep_x, cases[i].w0);
			/* the panes and the separator fill the width exactly */
			assert_int_equal(out.rect[0].cols + 1 + out.rect[1].cols, cases[i].cols);
		} else {
			assert_int_equal(out.sep_x, -1);
		}
	}
}

static void
test_menu(void **state)
{
	(void)state;
	struct menu m = { 0 };
	menu_set(&m, 100, 10);
	assert_int_equal(m.cur, 0);
	assert_int_equal(m.top, 0);
	menu_move(&m, 9); /* the last visible row: no scroll */
	assert_int_equal(m.cur, 9);
	assert_int_equal(m.top, 0);
	menu_move(&m, 1); /* one past: scroll by one */
	assert_int_equal(m.cur, 10);
	assert_int_equal(m.top, 1);
	menu_move(&m, 1000);
	assert_int_equal(m.cur, 99);
	assert_int_equal(m.top, 90);
	menu_move(&m, -5);
	assert_int_equal(m.cur, 94);
	assert_int_equal(m.top, 90);
	menu_move(&m, -1000);
	assert_int_equal(m.cur, 0);
	assert_int_equal(m.top, 0);
	/* the window grows at the end: no empty rows below while rows hide above */
	menu_goto(&m, 99);
	menu_set(&m, 100, 30);
	assert_int_equal(m.top, 70);
	/* the list shrinks under the cursor (a filter) */
	menu_set(&m, 5, 30);
	assert_int_equal(m.cur, 4);
	assert_int_equal(m.top, 0);
	menu_set(&m, 0, 30);
	assert_int_equal(m.cur, 0);
	menu_move(&m, 1);
	assert_int_equal(m.cur, 0);
	/* scrolling the window drags the cursor along */
	menu_set(&m, 50, 10);
	menu_goto(&m, 0);
	menu_scroll(&m, 5);
	assert_int_equal(m.top, 5);
	assert_int_equal(m.cur, 5);
	menu_scroll(&m, 100);
	assert_int_equal(m.top, 40);
	menu_scroll(&m, -100);
	assert_int_equal(m.top, 0);
	assert_int_equal(m.cur, 9);
}

static void
test_list_count(void **state)
{
	(void)state;
	const char *t = "杭州杭州，深圳杭州";
	assert_int_equal(list_count(t, strlen(t), "杭州"), 3);
	assert_int_equal(list_count(t, strlen(t), "深圳"), 1);
	assert_int_equal(list_count(t, strlen(t), "成都"), 0);
	assert_int_equal(list_count("aaaa", 4, "aa"), 2); /* non-overlapping */
	assert_int_equal(list_count("abc", 3, ""), 0);
	assert_string_equal(list_sort_name(LIST_SORT_UNREAD), "unread first");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arrange),
		cmocka_unit_test(test_menu),
		cmocka_unit_test(test_list_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
