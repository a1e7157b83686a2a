/* test_list_model: the list's rows without a terminal: the title sort in
 * pinyin order (collate.h) and the marks on titles that repeat. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_title_sort),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
