/* test_ui_edit: the note editor's buffer: clusters, keys, scrolling. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "../ui/screen/edit.h"

static const struct width_opts wo = { 0 };

/* Insert, then check text and cursor (bytes). */
static void
check(const struct ui_edit *e, const char *text, size_t cur)
{
	assert_string_equal(e->buf, text);
	assert_int_equal(e->len, strlen(text));
	assert_int_equal(e->cur, cur);
}

static void
test_clusters(void **state)
{
	(void)state;
	struct ui_edit e;
	assert_int_equal(ui_edit_init(&e, "读文"), 0);
	check(&e, "读文", 6);
	/* e + combining acute: one cluster of 3 bytes. */
	assert_int_equal(ui_edit_insert(&e, "e\xCC\x81", 3), 0);
	check(&e, "读文e\xCC\x81", 9);
	ui_edit_left(&e);
	check(&e, "读文e\xCC\x81", 6);
	ui_edit_left(&e);
	check(&e, "读文e\xCC\x81", 3);
	ui_edit_right(&e);
	ui_edit_right(&e);
	ui_edit_right(&e); /* at the end: stays */
	check(&e, "读文e\xCC\x81", 9);
	ui_edit_backspace(&e);
	check(&e, "读文", 6);
	ui_edit_home(&e);
	ui_edit_delete(&e);
	check(&e, "文", 0);
	ui_edit_backspace(&e); /* at the start: nothing */
	check(&e, "文", 0);
	/* A flag (two regional indicators) is one cluster. */
	ui_edit_end(&e);
	assert_int_equal(ui_edit_insert(&e, "\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3", 8), 0);
	ui_edit_backspace(&e);
	check(&e, "文", 3);
	ui_edit_free(&e);
}

static void
test_insert_filters(void **state)
{
	(void)state;
	struct ui_edit e;
	assert_int_equal(ui_edit_init(&e, NULL), 0);
	const char in[] = "一\n二\t三\x1b[31m\x07\xff四";
	assert_int_equal(ui_edit_insert(&e, in, sizeof in - 1), 0);
	check(&e, "一 二 三[31m四", strlen("一 二 三[31m四"));
	ui_edit_free(&e);
}

struct key_step {
	int is_code;
	unsigned key;
	int result;
	const char *text;
	size_t cur;
};

static void
test_keys(void **state)
{
	(void)state;
	static const struct key_step steps[] = {
		{ 0, 0x4E2D, UI_EDIT_MORE, "中", 3 },
		{ 0, 0x6587, UI_EDIT_MORE, "中文", 6 },
		{ 1, KEY_HOME, UI_EDIT_MORE, "中文", 0 },
		{ 0, 'A', UI_EDIT_MORE, "A中文", 1 },
		{ 1, KEY_END, UI_EDIT_MORE, "A中文", 7 },
		{ 1, KEY_LEFT, UI_EDIT_MORE, "A中文", 4 },
		{ 1, KEY_BACKSPACE, UI_EDIT_MORE, "A文", 1 },
		{ 0, 127, UI_EDIT_MORE, "文", 0 },
		{ 1, KEY_DC, UI_EDIT_MORE, "", 0 },
		{ 0, 0x1F600, UI_EDIT_MORE, "\xF0\x9F\x98\x80", 4 },
		{ 0, 21, UI_EDIT_MORE, "", 0 },
		{ 0, 1, UI_EDIT_MORE, "", 0 },
		{ 0, 0x7F00, UI_EDIT_MORE, "缀", 3 },
		{ 0, '\r', UI_EDIT_DONE, "缀", 3 },
		{ 0, 27, UI_EDIT_CANCEL, "缀", 3 },
		{ 0, 7, UI_EDIT_CANCEL, "缀", 3 },
	};
	struct ui_edit e;
	assert_int_equal(ui_edit_init(&e, NULL), 0);
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		int r = ui_edit_key(&e, steps[i].is_code, steps[i].key);
		if (r != steps[i].result || strcmp(e.buf, steps[i].text) != 0 || e.cur != steps[i].cur)
			fail_msg("step %zu: result %d text '%s' cur %zu", i, r, e.buf, e.cur);
	}
	ui_edit_free(&e);
}

/* Ctrl-W of the one line editor: the word before the cursor and the
 * spaces after it, whatever the text after the cursor. */
static void
test_kill_word(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		size_t cur;
		const char *want;
		size_t want_cur;
	} cases[] = {
		{ "sort length", 11, "sort ", 5 },
		{ "sort length  ", 13, "sort ", 5 },
		{ "sort length", 5, "length", 0 },
		{ "开源 模型", 13, "开源 ", 7 },
		{ "开源", 6, "", 0 },
		{ "", 0, "", 0 },
		{ "a b", 0, "a b", 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ui_edit e;
		assert_int_equal(ui_edit_init(&e, cases[i].text), 0);
		e.cur = cases[i].cur;
		ui_edit_kill_word(&e);
		if (strcmp(e.buf, cases[i].want) != 0 || e.cur != cases[i].want_cur)
			fail_msg("case %zu: '%s' cur %zu", i, e.buf, e.cur);
		ui_edit_free(&e);
	}
}

/* A note longer than the field scrolls so the cursor stays visible. */
static void
test_scroll(void **state)
{
	(void)state;
	struct ui_edit e;
	/* 20 Chinese characters = 40 columns, in a 10-column field. */
	assert_int_equal(ui_edit_init(&e, "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸"), 0);
	int col = ui_edit_scroll(&e, &wo, 10);
	assert_int_equal(e.scroll_cols, 32);
	assert_int_equal(col, 8);
	ui_edit_home(&e);
	col = ui_edit_scroll(&e, &wo, 10);
	assert_int_equal(e.scroll_cols, 0);
	assert_int_equal(col, 0);
	for (int i = 0; i < 6; i++)
		ui_edit_right(&e);
	col = ui_edit_scroll(&e, &wo, 10);
	assert_int_equal(e.scroll_cols, 4);
	assert_int_equal(col, 8);
	ui_edit_free(&e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clusters),
		cmocka_unit_test(test_insert_filters),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_scroll),
		cmocka_unit_test(test_kill_word),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
