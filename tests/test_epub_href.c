/* Tests for epub_href: links inside an EPUB resolved to zip entry names,
 * one row per rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/epub_href.h"
#include "../src/err.h"

static const struct {
	const char *doc, *href;
	int rc;
	const char *name, *frag; /* when rc is 0; frag NULL for none */
} cases[] = {
	{ "OEBPS/content.opf", "text/ch1.xhtml", 0, "OEBPS/text/ch1.xhtml", NULL },
	{ "OEBPS/content.opf", "../Text/ch%201.xhtml#s2", 0, "Text/ch 1.xhtml", "s2" },
	{ "OEBPS/nav.xhtml", "#toc", 0, "OEBPS/nav.xhtml", "toc" },
	{ "OEBPS/nav.xhtml", "ch1.xhtml#", 0, "OEBPS/ch1.xhtml", NULL },
	{ "content.opf", "./a/./b/../c.html", 0, "a/c.html", NULL },
	{ "OEBPS/x.opf", "/root.html", 0, "root.html", NULL },
	{ "OEBPS/x.opf", "ch1.xhtml?v=2#f%201", 0, "OEBPS/ch1.xhtml", "f 1" },
	{ "", "OEBPS/content.opf", 0, "OEBPS/content.opf", NULL },
	{ "OEBPS/x.opf", "  a//b.html", 0, "OEBPS/a/b.html", NULL },
	/* names in Chinese, percent-encoded or not */
	{ "OEBPS/x.opf", "%E7%AC%AC1%E7%AB%A0.xhtml", 0, "OEBPS/第1章.xhtml", NULL },
	{ "OEBPS/x.opf", "第1章.xhtml", 0, "OEBPS/第1章.xhtml", NULL },
	/* a NUL is never decoded, nor a broken escape */
	{ "x.opf", "a%00b.html", 0, "a%00b.html", NULL },
	{ "x.opf", "a%zz%4.html", 0, "a%zz%4.html", NULL },
	{ "x.opf", "100%", 0, "100%", NULL },
	/* not entries of this archive */
	{ "OEBPS/x.opf", "http://example.com/a.html", ERR_INVAL, NULL, NULL },
	{ "OEBPS/x.opf", "mailto:a@b.c", ERR_INVAL, NULL, NULL },
	{ "OEBPS/x.opf", "../../etc/passwd", ERR_INVAL, NULL, NULL },
	{ "x.opf", "..", ERR_INVAL, NULL, NULL },
	{ "OEBPS/x.opf", "", ERR_INVAL, NULL, NULL },
	{ "OEBPS/x.opf", "images/", ERR_INVAL, NULL, NULL },
	{ "OEBPS/x.opf", "a/..", ERR_INVAL, NULL, NULL },
};

static void
test_resolve(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *name = (char *)"untouched", *frag = (char *)"untouched";
		int rc = epub_href_resolve(cases[i].doc, cases[i].href, &name, &frag);
		if (rc != cases[i].rc) {
			fprintf(stderr, "case %zu (%s, %s): rc %d, want %d\n", i, cases[i].doc,
				cases[i].href, rc, cases[i].rc);
			fail();
		}
		if (rc < 0) {
			assert_string_equal(name, "untouched");
			assert_string_equal(frag, "untouched");
			continue;
		}
		assert_string_equal(name, cases[i].name);
		if (cases[i].frag)
			assert_string_equal(frag, cases[i].frag);
		else
			assert_null(frag);
		free(name);
		free(frag);
	}
}

static void
test_no_frag_wanted(void **state)
{
	(void)state;
	char *name;
	assert_int_equal(epub_href_resolve("a/b.opf", "c.html#x", &name, NULL), 0);
	assert_string_equal(name, "a/c.html");
	free(name);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_no_frag_wanted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
