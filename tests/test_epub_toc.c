/* Tests for epub_toc: EPUB 3 navigation documents and EPUB 2 NCX files,
 * written here, read into a flat list of (depth, title, entry, fragment),
 * compared as text rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/epub_toc.h"
#include "../src/err.h"

/* "depth title -> name#frag" per entry, one per line */
static char *
rows(const struct epub_toc *t)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	assert_non_null(f);
	for (size_t i = 0; i < t->n; i++)
		fprintf(f, "%d %s -> %s%s%s\n", t->v[i].depth, t->v[i].title,
			t->v[i].name ? t->v[i].name : "(none)", t->v[i].frag ? "#" : "",
			t->v[i].frag ? t->v[i].frag : "");
	fclose(f);
	return s;
}

#define NAV_HEAD                                                                                   \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                             \
	"<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">" \
	"<head><title>目录</title></head><body>"

static const struct {
	const char *doc;
	int rc;
	const char *want;
} nav_cases[] = {
	/* nested parts and chapters; a span heading with no link */
	{ NAV_HEAD "<nav epub:type=\"toc\" id=\"toc\"><h1>目录</h1><ol>"
		   "<li><a href=\"Text/c1.xhtml\">第一章\xe3\x80\x80出发</a></li>"
		   "<li><span>第二部</span><ol>"
		   "<li><a href=\"Text/c2.xhtml#s1\">第二章 <em>归来</em></a></li>"
		   "<li><a href=\"../c3.xhtml\">第三章</a><ol><li><a href=\"../c3.xhtml#n\">一</a></li></ol></li>"
		   "</ol></li></ol></nav></body></html>",
	  0,
	  "0 第一章\xe3\x80\x80出发 -> OEBPS/Text/c1.xhtml\n"
	  "0 第二部 -> (none)\n"
	  "1 第二章 归来 -> OEBPS/Text/c2.xhtml#s1\n"
	  "1 第三章 -> c3.xhtml\n"
	  "2 一 -> c3.xhtml#n\n" },
	/* the toc nav, not the landmarks before it; empty labels left out */
	{ NAV_HEAD "<nav epub:type=\"landmarks\"><ol><li><a href=\"cover.xhtml\">Cover</a></li></ol></nav>"
		   "<nav epub:type=\"toc\"><ol><li><a href=\"a.xhtml\"> </a><ol>"
		   "<li><a href=\"b.xhtml\">B</a></li></ol></li></ol></nav></body></html>",
	  0, "1 B -> OEBPS/b.xhtml\n" },
	/* no epub:type at all: the first nav */
	{ "<html><body><nav><ol><li><a href=\"x.html\">X</a></li></ol></nav></body></html>", 0,
	  "0 X -> OEBPS/x.html\n" },
	/* tag soup (an undeclared entity, unclosed tags): read as HTML */
	{ "<html><body><nav epub:type=\"toc\"><ol><li><a href=\"a.html\">A&nbsp;1</a>"
	  "<li><a href=\"b.html\">B<br></a></ol></nav></body></html>",
	  0, "0 A\xc2\xa0" "1 -> OEBPS/a.html\n0 B -> OEBPS/b.html\n" },
	/* a nav without a list: no entries */
	{ NAV_HEAD "<nav epub:type=\"toc\"><p>empty</p></nav></body></html>", 0, "" },
	{ NAV_HEAD "<p>no nav here</p></body></html>", ERR_INVAL, NULL },
};

static void
test_nav(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof nav_cases / sizeof nav_cases[0]; i++) {
		struct epub_toc t = { NULL, 0 };
		const char *d = nav_cases[i].doc;
		int rc = epub_toc_nav("OEBPS/nav.xhtml", d, strlen(d), &t);
		if (rc != nav_cases[i].rc) {
			fprintf(stderr, "case %zu: rc %d\n", i, rc);
			fail();
		}
		if (rc < 0)
			continue;
		char *got = rows(&t);
		if (strcmp(got, nav_cases[i].want) != 0) {
			fprintf(stderr, "case %zu:\ngot:\n%swant:\n%s", i, got, nav_cases[i].want);
			fail();
		}
		free(got);
		epub_toc_free(&t);
	}
}

static const char ncx[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<!DOCTYPE ncx PUBLIC \"-//NISO//DTD ncx 2005-1//EN\" "
	"\"http://www.daisy.org/z3986/2005/ncx-2005-1.dtd\">\n"
	"<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\">"
	"<docTitle><text>书</text></docTitle><navMap>"
	"<navPoint id=\"p1\" playOrder=\"1\"><navLabel><text>序</text></navLabel>"
	"<content src=\"text/preface.html\"/></navPoint>"
	"<navPoint id=\"p2\" playOrder=\"2\"><navLabel><text>卷一</text></navLabel>"
	"<content src=\"text/v1.html\"/>"
	"<navPoint id=\"p3\" playOrder=\"3\"><navLabel><text>\n  第一回\n</text></navLabel>"
	"<content src=\"text/v1.html#c1\"/></navPoint>"
	"<navPoint id=\"p4\" playOrder=\"4\"><navLabel><text></text></navLabel>"
	"<content src=\"text/v1.html#c2\"/></navPoint>"
	"</navPoint></navMap></ncx>";

static void
test_ncx(void **state)
{
	(void)state;
	struct epub_toc t;
	assert_int_equal(epub_toc_ncx("OEBPS/toc.ncx", ncx, strlen(ncx), &t), 0);
	char *got = rows(&t);
	assert_string_equal(got, "0 序 -> OEBPS/text/preface.html\n"
				 "0 卷一 -> OEBPS/text/v1.html\n"
				 "1 第一回 -> OEBPS/text/v1.html#c1\n");
	free(got);
	epub_toc_free(&t);
	const char *bad = "<html><body>not an ncx</body></html>";
	assert_int_equal(epub_toc_ncx("toc.ncx", bad, strlen(bad), &t), ERR_INVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nav),
		cmocka_unit_test(test_ncx),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
