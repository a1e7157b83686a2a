/* Tests for the plain-text modes' progress line (ui/progress.c): it fits
 * the terminal's width (the bar narrower, then the unit left out, then the
 * bar) so that a \r always returns to its start (at 40 columns the line
 * of 66 wrapped, and every update left a row behind), says how long the
 * work has taken once that is two seconds, and says it is at work before
 * the first file is in (a 64 MiB article showed nothing for 20 s). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../ui/progress.h"

static const struct {
	int cols;
	const char *what, *unit;
	size_t done, total;
	long secs;
	const char *want;
} cases[] = {
	{ 80, "reading", "files", 1234, 10000, 0, "duwen: reading [###---------------------------] 1234/10000 files" },
	{ 80, "reading", "files", 10000, 10000, 1, "duwen: reading [##############################] 10000/10000 files" },
	{ 80, "searching", "articles", 5, 10, 12, "duwen: searching [###############---------------] 5/10 articles 12 s" },
	/* a search counts articles, not files; the unit goes first */
	{ 50, "searching", "articles", 173, 1000, 3, "duwen: searching [#-------] 173/1000 articles 3 s" },
	{ 45, "searching", "articles", 173, 1000, 3, "duwen: searching [##----------] 173/1000 3 s" },
	/* the bar narrower: 55 - 1 - 7 - 7 - 4 - 16 = 20 */
	{ 55, "reading", "files", 1234, 10000, 0, "duwen: reading [##------------------] 1234/10000 files" },
	/* 40: the bar narrower, then "files" goes, then the bar */
	{ 40, "reading", "files", 173, 1000, 0, "duwen: reading [#------] 173/1000 files" },
	{ 40, "reading", "files", 500, 1000, 4, "duwen: reading [####-----] 500/1000 4 s" },
	{ 30, "reading", "files", 500, 1000, 4, "duwen: reading 500/1000 4 s" },
	/* never past cols - 1 (the last column would wrap) */
	{ 20, "reading", "files", 500, 1000, 4, "duwen: reading 500/" },
	/* nothing counted yet: at work all the same */
	{ 80, "reading", "files", 0, 0, 1, "duwen: reading..." },
	{ 80, "reading", "files", 0, 0, 21, "duwen: reading... 21 s" },
};

static void
test_lines(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[256];
		progress_line(buf, sizeof buf, cases[i].cols, cases[i].what, cases[i].unit, cases[i].done,
			      cases[i].total, cases[i].secs);
		if (strcmp(buf, cases[i].want) != 0)
			fail_msg("case %zu (%d cols): got \"%s\", want \"%s\"", i, cases[i].cols, buf,
				 cases[i].want);
		assert_true(strlen(buf) <= (size_t)cases[i].cols - 1);
	}
}

/* Not on a terminal: nothing at all, and start/end pair without a thread. */
static void
test_not_a_tty(void **state)
{
	(void)state;
	struct progress p;
	progress_start(&p, "reading", "files");
	if (!p.tty) {
		progress_update(&p, 1, 2);
		progress_pause(&p);
		progress_resume(&p);
		assert_int_equal(p.shown, 0);
	}
	progress_end(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_not_a_tty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
