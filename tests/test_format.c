/* Tests for format: the extension table and the sniffing of pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../src/format.h"

static void
test_of_name(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		int want;
	} cases[] = {
		{ "a.txt", FORMAT_TEXT },     { "dir/A.TXT", FORMAT_TEXT },
		{ "page.html", FORMAT_HTML }, { "page.HTM", FORMAT_HTML },
		{ "ch1.xhtml", FORMAT_HTML }, { "book.epub", FORMAT_EPUB },
		{ ".hidden.txt", -1 },	      { "d/.x.html", -1 },
		{ "notes.md", FORMAT_MARKDOWN }, { "html", -1 },
		{ ".txt", -1 },		      { "a.txt.bak", -1 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (format_of_name(cases[i].name) != cases[i].want)
			fail_msg("%s: want %d, got %d", cases[i].name, cases[i].want,
				 format_of_name(cases[i].name));
	assert_string_equal(format_name(FORMAT_TEXT), "txt");
	assert_string_equal(format_name(FORMAT_HTML), "html");
	assert_string_equal(format_name(FORMAT_EPUB), "epub");
	assert_string_equal(format_name(FORMAT_MARKDOWN), "md");
	assert_int_equal(format_of_name("README.markdown"), FORMAT_MARKDOWN);
}

static void
test_sniff(void **state)
{
	(void)state;
	static const struct {
		const char *bytes;
		enum format want;
	} cases[] = {
		{ "<!DOCTYPE html><html>", FORMAT_HTML },
		{ "\xEF\xBB\xBF  \n<html lang=zh>", FORMAT_HTML },
		{ "<!-- saved from url=(0042) --><HTML>", FORMAT_HTML },
		{ "<?xml version=\"1.0\"?>\n<!DOCTYPE html>", FORMAT_HTML },
		{ "<head><meta charset=gbk>", FORMAT_HTML },
		{ "<body>", FORMAT_HTML },
		{ "<htmlx>", FORMAT_TEXT },
		{ "标题\n\n<html> 是一个标签", FORMAT_TEXT },
		{ "<!-- never closed", FORMAT_TEXT },
		{ "", FORMAT_TEXT },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *b = cases[i].bytes;
		if (format_sniff((const unsigned char *)b, strlen(b)) != cases[i].want)
			fail_msg("'%s': want %d", b, (int)cases[i].want);
	}
	/* the extension wins; no name: the bytes */
	assert_int_equal(format_of_file("x.txt", (const unsigned char *)"<html>", 6), FORMAT_TEXT);
	assert_int_equal(format_of_file(NULL, (const unsigned char *)"<html>", 6), FORMAT_HTML);
	assert_int_equal(format_of_file("x.dat", (const unsigned char *)"<html>", 6), FORMAT_HTML);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_of_name),
		cmocka_unit_test(test_sniff),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
