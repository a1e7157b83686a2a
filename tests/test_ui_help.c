/* test_ui_help: every key context has a human heading, in a reading order
 * (the reading view's note keys right after the reading view's), in the
 * manual's KEYS section and on the help screen alike; each heading names
 * the context that `bind` takes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../ui/ui.h"
#include "../ui/panes/help.h"

static const char *const HEADINGS[] = {
	"Everywhere (global)",
	"Article list (list)",
	"Reading view (reader)",
	"Reading view: passages and notes (annotate)",
	"Outline (outline)",
	"Help (help)",
	"City comparison (compare)",
	"Corpus search (search)",
	"Notes (notes)",
	"Messages (messages)",
};
#define NHEAD (sizeof HEADINGS / sizeof HEADINGS[0])

/* The lines of out that start with prefix, the prefix cut, in order. */
static size_t
headings(char *out, const char *prefix, char **v, size_t cap)
{
	size_t n = 0, pl = strlen(prefix);
	for (char *save = NULL, *l = strtok_r(out, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		if (strncmp(l, prefix, pl) == 0 && n < cap)
			v[n++] = l + pl;
	return n;
}

static void
check(int man)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	assert_non_null(f);
	assert_int_equal(man ? ui_keys_man(f) : ui_keys_text(f), 0);
	assert_int_equal(fclose(f), 0);
	char *v[32];
	/* the text's headings are the lines that do not start with blanks */
	size_t n = man ? headings(out, ".Ss ", v, 32) : 0;
	if (!man)
		for (char *save = NULL, *l = strtok_r(out, "\n", &save); l;
		     l = strtok_r(NULL, "\n", &save))
			if (l[0] != ' ' && n < 32)
				v[n++] = l;
	for (size_t i = 0; i < n || i < NHEAD; i++)
		if (i >= n || i >= NHEAD || strcmp(v[i], HEADINGS[i]) != 0) {
			fprintf(stderr, "%s heading %zu: '%s', want '%s'\n", man ? "man" : "help", i,
				i < n ? v[i] : "(none)", i < NHEAD ? HEADINGS[i] : "(none)");
			fail();
		}
	free(out);
}

static void
test_man_headings(void **state)
{
	(void)state;
	check(1);
}

static void
test_help_headings(void **state)
{
	(void)state;
	check(0);
}

static void
test_titles(void **state)
{
	(void)state;
	assert_string_equal(ui_help_ctx_title("annotate"), "Reading view: passages and notes");
	assert_string_equal(ui_help_ctx_title("global"), "Everywhere");
	assert_null(ui_help_ctx_title("nonesuch"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_man_headings),
		cmocka_unit_test(test_help_headings),
		cmocka_unit_test(test_titles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
