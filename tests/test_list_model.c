/* test_list_model: the list's rows without a terminal: the title sort in
 * pinyin order (collate.h), the marks on titles that repeat, and the rows
 * of a corpus whose articles are loading (catalog slots): failed files are
 * not shown, pending ones (no facts yet) sort after the others and are
 * found by their file name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "../src/catalog.h"
#include "../src/list_model.h"

/* titles in file order -> the rows sorted by title (file indices) and
 * which rows repeat a title */
static const struct {
	const char *titles[6];
	size_t n;
	size_t want[6];
	int repeat[6]; /* by file index */
} cases[] = {
	{ { "深圳", "杭州", "北京", "重庆", "成都" }, 5, { 2, 4, 3, 1, 0 }, { 0 } },
	{ { "深圳", "杭州", "北京", "重慶", "成都" }, 5, { 2, 4, 3, 1, 0 }, { 0 } },
	/* copies: the file order among equals; both marked */
	{ { "开源", "Zebra", "开源", "apple" }, 4, { 3, 1, 0, 2 }, { 1, 0, 1, 0 } },
	/* 開源 is not the same title as 开源: not a copy */
	{ { "開源", "开源", "10 篇", "2 篇" }, 4, { 3, 2, 1, 0 }, { 0 } },
};

static void
test_title_sort(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct article arts[6];
		memset(arts, 0, sizeof arts);
		for (size_t i = 0; i < cases[k].n; i++)
			arts[i].meta.title = (char *)cases[k].titles[i];
		struct corpus c = { arts, cases[k].n };
		struct list_model m;
		assert_int_equal(list_model_init(&m, c.n), 0);
		m.sort = LIST_SORT_TITLE;
		assert_int_equal(list_model_apply(&m, &c, NULL), 0);
		assert_int_equal(m.norder, c.n);
		for (size_t i = 0; i < c.n; i++) {
			if (m.items[m.order[i]].art != cases[k].want[i])
				fail_msg("case %zu row %zu: %s, want %s", k, i,
					 cases[k].titles[m.items[m.order[i]].art],
					 cases[k].titles[cases[k].want[i]]);
			if (m.items[i].repeat != cases[k].repeat[i])
				fail_msg("case %zu: %s repeat %d", k, cases[k].titles[i], m.items[i].repeat);
		}
		list_model_free(&m);
	}
}

/* Four slots: 0 loaded "Beta" 30 chars, 1 pending, 2 failed, 3 metadata
 * "Alpha" 10 chars. */
static struct article loading_arts[] = {
	{ .path = "dir/b.txt", .meta = { .title = "Beta", .source = "S2" }, .chars = 30 },
	{ .path = "dir/pending.txt" },
	{ .path = "dir/broken.epub" },
	{ .path = "dir/a.txt", .meta = { .title = "Alpha", .source = "S1" }, .chars = 10 },
};
static const unsigned char states[] = { CATALOG_FULL, CATALOG_PENDING, CATALOG_FAILED,
					CATALOG_META };

static const struct {
	enum list_sort sort;
	const char *filter;
	size_t n;
	size_t order[4]; /* corpus indices, as shown */
} loading_cases[] = {
	{ LIST_SORT_FILE, "", 3, { 0, 1, 3 } },
	{ LIST_SORT_TITLE, "", 3, { 3, 0, 1 } },
	{ LIST_SORT_SOURCE, "", 3, { 3, 0, 1 } },
	{ LIST_SORT_LENGTH, "", 3, { 3, 0, 1 } },
	{ LIST_SORT_FILE, "pending", 1, { 1 } },
	{ LIST_SORT_FILE, "broken", 0, { 0 } },
	{ LIST_SORT_FILE, "alpha", 1, { 3 } },
};

static void
test_loading_rows(void **state)
{
	(void)state;
	struct corpus c = { loading_arts, 4 };
	for (size_t k = 0; k < sizeof loading_cases / sizeof loading_cases[0]; k++) {
		struct list_model m;
		assert_int_equal(list_model_init(&m, c.n), 0);
		m.state = states;
		m.sort = loading_cases[k].sort;
		snprintf(m.filter, sizeof m.filter, "%s", loading_cases[k].filter);
		assert_int_equal(list_model_apply(&m, &c, NULL), 0);
		assert_int_equal(m.norder, loading_cases[k].n);
		for (size_t i = 0; i < m.norder; i++)
			assert_int_equal(m.items[m.order[i]].art, loading_cases[k].order[i]);
		list_model_free(&m);
	}
}

/* The filter's verdicts are kept between applies, and judged again for
 * an article whose slot changed state (its title came in). */
static void
test_filter_as_loading(void **state)
{
	(void)state;
	struct article v[2] = { { .path = "dir/x.txt", .meta = { .title = "Alpha" } },
				{ .path = "dir/y.txt" } };
	unsigned char st[2] = { CATALOG_META, CATALOG_PENDING };
	struct corpus c = { v, 2 };
	struct list_model m;
	assert_int_equal(list_model_init(&m, c.n), 0);
	m.state = st;
	snprintf(m.filter, sizeof m.filter, "alpha");
	assert_int_equal(list_model_apply(&m, &c, NULL), 0);
	assert_int_equal(m.norder, 1);
	/* y.txt loads: its title holds the word */
	v[1].meta.title = "Alphabet";
	st[1] = CATALOG_FULL;
	assert_int_equal(list_model_apply(&m, &c, NULL), 0);
	assert_int_equal(m.norder, 2);
	/* another filter: every verdict again */
	snprintf(m.filter, sizeof m.filter, "bet");
	assert_int_equal(list_model_apply(&m, &c, NULL), 0);
	assert_int_equal(m.norder, 1);
	assert_int_equal(m.items[m.order[0]].art, 1);
	list_model_free(&m);
}

/* Without states (a corpus loaded whole) every article is a row. */
static void
test_no_states(void **state)
{
	(void)state;
	struct corpus c = { loading_arts, 4 };
	struct list_model m;
	assert_int_equal(list_model_init(&m, c.n), 0);
	assert_int_equal(list_model_apply(&m, &c, NULL), 0);
	assert_int_equal(m.norder, 4);
	list_model_free(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_title_sort),
		cmocka_unit_test(test_loading_rows),
		cmocka_unit_test(test_filter_as_loading),
		cmocka_unit_test(test_no_states),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
