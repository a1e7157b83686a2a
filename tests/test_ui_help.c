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
#include <curses.h>

#include "../src/config.h"
#include "../src/corpus.h"
#include "../src/err.h"
#include "../ui/app.h"
#include "../ui/registry.h"
#include "../ui/screen/pane.h"
#include "../ui/screen/pane_int.h"
#include "../ui/ui.h"
#include "../ui/panes/help.h"

/* strdup as libc's, but the strdup_fail_at-th call (from 1; 0: none)
 * fails as it would out of memory. Defined here, it stands in for libc's
 * in the code under test. */
static int strdup_fail_at, strdup_calls;

char *
strdup(const char *s)
{
	if (++strdup_calls == strdup_fail_at)
		return NULL;
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

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

/* Out of memory at any one strdup while the help screen is built: it is
 * not opened (ERR_NOMEM), or it is whole and draws (a line lost to a
 * failed strdup was a NULL drawn). */
static void
test_open_nomem(void **state)
{
	(void)state;
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	assert_non_null(out);
	assert_non_null(in);
	SCREEN *scr = newterm("xterm-256color", out, in);
	assert_non_null(scr);
	struct corpus c = { 0 };
	struct config cfg;
	memset(&cfg, 0, sizeof cfg);
	struct app app = { 0 };
	app.corpus = &c;
	app.config = &cfg;
	assert_int_equal(pane_mgr_init(&app), 0);
	assert_int_equal(registry_all(&app), 0);
	pane_set_curses(&app, 1);
	int failed = 0, opened = 0;
	for (int at = 1; at < 10000; at++) {
		strdup_calls = 0;
		strdup_fail_at = at;
		int rc = ui_help_open(&app);
		int injected = strdup_calls >= at;
		strdup_fail_at = 0;
		if (rc == 0) {
			struct pane *p = pane_find_named(&app, "help");
			assert_non_null(p);
			pane_update(&app);
			pane_close(&app, p);
			opened++;
		} else {
			assert_int_equal(rc, ERR_NOMEM);
			failed++;
		}
		if (!injected)
			break;
	}
	assert_true(failed > 100); /* a line per key action, each a strdup */
	assert_true(opened >= 1);
	pane_mgr_free(&app);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_man_headings),
		cmocka_unit_test(test_help_headings),
		cmocka_unit_test(test_titles),
		cmocka_unit_test(test_open_nomem),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
