/* test_ui_keys: key names both ways, the binding table (defaults, config
 * rebinding, unbinding, bad lines), the assembled table of every pane, and
 * the man page's KEYS section being exactly what the table generates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/err.h"
#include "../ui/screen/keys.h"
#include "../ui/ui.h"

static const struct {
	const char *name;
	int key;
	const char *canon; /* keys_name of key */
} names[] = {
	{ "j", 'j', "j" },
	{ "G", 'G', "G" },
	{ "?", '?', "?" },
	{ "C-d", PANE_CTRL('d'), "C-d" },
	{ "^D", PANE_CTRL('d'), "C-d" },
	{ "c-L", PANE_CTRL('l'), "C-l" },
	{ "Space", ' ', "Space" },
	{ "enter", '\r', "Enter" },
	{ "Tab", '\t', "Tab" },
	{ "Esc", 27, "Esc" },
	{ "PgDn", KEY_NPAGE, "PgDn" },
	{ "PageUp", KEY_PPAGE, "PgUp" },
	{ "Home", KEY_HOME, "Home" },
	{ "Down", KEY_DOWN, "Down" },
	{ "F1", KEY_F(1), "F1" },
	{ "F12", KEY_F(12), "F12" },
	{ "BTab", KEY_BTAB, "BTab" },
	{ "Backspace", KEY_BACKSPACE, "Backspace" },
};

static void
test_names(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char buf[32];
		assert_int_equal(keys_parse(names[i].name), names[i].key);
		assert_string_equal(keys_name(names[i].key, buf, sizeof buf), names[i].canon);
		assert_int_equal(keys_parse(buf), names[i].key);
	}
	const char *badnames[] = { "", "jj", "C-", "C-1", "F0", "F99", "Spacebar", "é" };
	for (size_t i = 0; i < sizeof badnames / sizeof badnames[0]; i++)
		assert_int_equal(keys_parse(badnames[i]), -1);
	/* Enter and Backspace variants fold together */
	assert_int_equal(keys_fold('\n'), '\r');
	assert_int_equal(keys_fold(KEY_ENTER), '\r');
	assert_int_equal(keys_fold(127), KEY_BACKSPACE);
	assert_int_equal(keys_fold(8), KEY_BACKSPACE);
}

enum { A_DOWN = 1, A_UP, A_OPEN };
static const struct pane_key acts[] = {
	{ A_DOWN, "down", { 'j', KEY_DOWN }, "Down", 0 },
	{ A_UP, "up", { 'k', KEY_UP }, "Up", 0 },
	{ A_OPEN, "open", { PANE_KEY_ENTER }, "Open", 0 },
};
enum { G_QUIT = 1 };
static const struct pane_key gacts[] = {
	{ G_QUIT, "quit", { 'Q' }, "Quit", 0 },
};

static void
test_bindings(void **state)
{
	(void)state;
	struct keys_table t = { 0 };
	assert_int_equal(keys_add(&t, "list", acts, 3, 0, NULL), 0);
	assert_int_equal(keys_add(&t, "global", gacts, 1, 1, NULL), 0);
	struct keys_ctx *c = keys_ctx_find(&t, "list", NULL);
	assert_non_null(c);
	assert_ptr_equal(keys_lookup(c, 'j'), &acts[0]);
	assert_ptr_equal(keys_lookup(c, KEY_UP), &acts[1]);
	assert_ptr_equal(keys_lookup(c, '\n'), &acts[2]); /* Enter, any form */
	assert_ptr_equal(keys_lookup(c, KEY_ENTER), &acts[2]);
	assert_null(keys_lookup(c, 'x'));
	assert_ptr_equal(keys_action(c, "up"), &acts[1]);
	assert_null(keys_action(c, "sideways"));

	char err[256];
	/* rebind: J also goes down; j now goes up */
	assert_int_equal(keys_bind(&t, "list", "J", "down", err, sizeof err), 0);
	assert_int_equal(keys_bind(&t, "list", "j", "up", err, sizeof err), 0);
	assert_ptr_equal(keys_lookup(c, 'J'), &acts[0]);
	assert_ptr_equal(keys_lookup(c, 'j'), &acts[1]);
	int k[8];
	assert_int_equal(keys_bound(c, &acts[0], k, 8), 2); /* Down and J */
	assert_int_equal(keys_bind(&t, "list", "Down", "none", err, sizeof err), 0);
	assert_null(keys_lookup(c, KEY_DOWN));
	assert_int_equal(keys_bound(c, &acts[0], k, 8), 1);
	assert_int_equal(k[0], 'J');

	assert_int_equal(keys_bind(&t, "lst", "j", "down", err, sizeof err), ERR_INVAL);
	assert_string_equal(err, "unknown context 'lst' (global, list, reader, ...)");
	assert_int_equal(keys_bind(&t, "list", "Ctrl-j", "down", err, sizeof err), ERR_INVAL);
	assert_string_equal(err, "unknown key 'Ctrl-j' (j, C-d, PgDn, F1, Space...)");
	assert_int_equal(keys_bind(&t, "list", "j", "fly", err, sizeof err), ERR_INVAL);
	assert_string_equal(err, "no action 'fly' in context 'list' (see the help screen, F1)");
	assert_int_equal(keys_bind(&t, "global", "C-q", "quit", err, sizeof err), 0);
	assert_ptr_equal(keys_lookup(keys_ctx_find(&t, "global", NULL), PANE_CTRL('q')), &gacts[0]);
	keys_table_free(&t);
}

/* Every pane's table: names unique per context, every action has help and
 * a default key, no key bound twice in one context. */
static void
test_full_table(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(ui_keys_text(f), 0);
	fclose(f);
	/* headings name their context (tests/test_ui_help.c has them all) */
	assert_non_null(strstr(buf, "\nEverywhere (global)\n"));
	assert_non_null(strstr(buf, "\nArticle list (list)\n"));
	assert_non_null(strstr(buf, "\nReading view (reader)\n"));
	assert_non_null(strstr(buf, "  j, Down, C-e, Enter    Scroll one line down (line-down)\n"));
	assert_non_null(strstr(buf, "  /                      Search forward (simplified and traditional alike) (search)\n"));
	assert_null(strstr(buf, "(unbound)"));
	/* no line mentions the same key twice within one context */
	free(buf);
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	char *s = malloc(1 << 20);
	size_t n = fread(s, 1, (1 << 20) - 1, f);
	s[n] = 0;
	fclose(f);
	return s;
}

static void
test_man_page_in_sync(void **state)
{
	(void)state;
	char *gen = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&gen, &len);
	assert_int_equal(ui_keys_man(f), 0);
	fclose(f);
	char *page = slurp("man/duwen.1");
	assert_non_null(page);
	char *start = strstr(page, "\n.Sh KEYS\n");
	assert_non_null(start);
	start++;
	char *end = strstr(start + 1, "\n.Sh ");
	assert_non_null(end);
	end[1] = 0;
	if (strcmp(start, gen) != 0) {
		fprintf(stderr, "man/duwen.1's KEYS section is out of date: "
				"run sh man/update-keys.sh BUILD/duwen\n");
		fail();
	}
	free(page);
	free(gen);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_bindings),
		cmocka_unit_test(test_full_table),
		cmocka_unit_test(test_man_page_in_sync),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
