/* Tests for epub_pkg: container.xml and OPF package documents, written
 * here, read into metadata, manifest and spine. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/epub_pkg.h"
#include "../src/err.h"
#include "support_epub.h"

static const struct {
	const char *xml;
	int rc;
	const char *want; /* the OPF name, or the cause */
} container_cases[] = {
	{ "<container xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles>"
	  "<rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>"
	  "</rootfiles></container>",
	  0, "OEBPS/content.opf" },
	/* the package beats another rootfile listed first */
	{ "<container><rootfiles><rootfile full-path=\"book.pdf\" media-type=\"application/pdf\"/>"
	  "<rootfile full-path=\"%E4%B9%A6/book.opf\" media-type=\"application/oebps-package+xml\"/>"
	  "</rootfiles></container>",
	  0, "书/book.opf" },
	/* no media type: the first usable one */
	{ "<container><rootfiles><rootfile/><rootfile full-path=\"a.opf\"/></rootfiles></container>", 0,
	  "a.opf" },
	{ "<container><rootfiles></rootfiles></container>", ERR_INVAL,
	  "META-INF/container.xml names no package document (rootfile)" },
	{ "PK\x03\x04 not xml", ERR_INVAL, "META-INF/container.xml is not XML" },
};

static void
test_container(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof container_cases / sizeof container_cases[0]; i++) {
		char *opf = NULL, *cause = NULL;
		const char *x = container_cases[i].xml;
		int rc = epub_pkg_container(x, strlen(x), &opf, &cause);
		assert_int_equal(rc, container_cases[i].rc);
		assert_string_equal(rc == 0 ? opf : cause, container_cases[i].want);
		free(opf);
		free(cause);
	}
}

/* dc:metadata as books write it, and what the book's metadata becomes */
static const struct {
	const char *metadata;
	const char *title, *creator, *date, *publisher, *language;
} meta_cases[] = {
	{ "<dc:title>活着</dc:title><dc:creator opf:role=\"aut\">余华</dc:creator>"
	  "<dc:date>2012-08-01T00:00:00+00:00</dc:date><dc:publisher>作家出版社</dc:publisher>"
	  "<dc:language>zh-CN</dc:language>",
	  "活着", "余华", "2012-08-01", "作家出版社", "zh-CN" },
	/* authors first, joined; a translator only if no author */
	{ "<dc:title>\n  The   Title\n</dc:title><dc:creator opf:role=\"trl\">译者</dc:creator>"
	  "<dc:creator>甲</dc:creator><dc:creator opf:role=\"aut\">乙</dc:creator>",
	  "The Title", "甲、乙", NULL, NULL, NULL },
	{ "<dc:title>T</dc:title><dc:creator opf:role=\"trl\">A. Translator</dc:creator>"
	  "<dc:creator opf:role=\"ill\">B. Drawer</dc:creator>",
	  "T", "A. Translator, B. Drawer", NULL, NULL, NULL },
	/* the publication date wins over a modification date, in any order */
	{ "<dc:date opf:event=\"modification\">2020-01-02</dc:date>"
	  "<dc:date opf:event=\"publication\">1993</dc:date>",
	  NULL, NULL, "1993", NULL, NULL },
	{ "<dc:date opf:event=\"modification\">2020-01-02</dc:date>", NULL, NULL, "2020-01-02",
	  NULL, NULL },
	/* the first title; U+3000 and controls trimmed; empty ones ignored */
	{ "<dc:title> </dc:title><dc:title>\xe3\x80\x80第一部\xe3\x80\x80上\x01</dc:title>"
	  "<dc:title>Sub</dc:title>",
	  "第一部\xe3\x80\x80上", NULL, NULL, NULL, NULL },
	/* raw escape sequences go whole, not their ESC alone (an 8-bit CSI too) */
	{ "<dc:title>\x1b]0;pwned\x07\xe6\xb4\xbb\x1b[2J\xe7\x9d\x80</dc:title>"
	  "<dc:creator>\x1b[31m\xe4\xbd\x99\xe5\x8d\x8e\xc2\x9b" "0m</dc:creator>",
	  "活着", "余华", NULL, NULL, NULL },
	/* OPF 2.0 drafts: dc-metadata inside metadata */
	{ "<dc-metadata><dc:Title>Old</dc:Title><dc:Creator>X</dc:Creator></dc-metadata>", "Old",
	  "X", NULL, NULL, NULL },
};

static void
expect_str(const char *got, const char *want)
{
	if (want == NULL)
		assert_null(got);
	else
		assert_string_equal(got, want);
}

static void
test_metadata(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof meta_cases / sizeof meta_cases[0]; i++) {
		char *opf = support_epub_opf("2.0", meta_cases[i].metadata,
					     "<item id=\"c1\" href=\"c1.xhtml\" "
					     "media-type=\"application/xhtml+xml\"/>",
					     "", "<itemref idref=\"c1\"/>");
		struct epub_pkg p;
		assert_int_equal(epub_pkg_parse("OEBPS/content.opf", opf, strlen(opf), &p, NULL), 0);
		expect_str(p.meta.title, meta_cases[i].title);
		expect_str(p.meta.creator, meta_cases[i].creator);
		expect_str(p.meta.date, meta_cases[i].date);
		expect_str(p.meta.publisher, meta_cases[i].publisher);
		expect_str(p.meta.language, meta_cases[i].language);
		epub_pkg_free(&p);
		free(opf);
	}
}

static void
test_manifest_spine(void **state)
{
	(void)state;
	char *opf = support_epub_opf(
		"3.0", "<dc:title>T</dc:title>",
		"<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" "
		"properties=\"scripted nav\"/>"
		"<item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>"
		"<item id=\"a\" href=\"Text/a.xhtml\" media-type=\"application/xhtml+xml\"/>"
		"<item id=\"b\" href=\"../b%20b.xhtml\" media-type=\"application/xhtml+xml\"/>"
		"<item id=\"web\" href=\"https://example.com/x.html\" media-type=\"text/html\"/>"
		"<item id=\"notes\" href=\"notes.xhtml\" media-type=\"application/xhtml+xml\"/>",
		"toc=\"ncx\"",
		"<itemref idref=\"notes\" linear=\"no\"/><itemref idref=\"b\"/><itemref idref=\"nosuch\"/>"
		"<itemref idref=\"web\"/><itemref idref=\"a\" linear=\"yes\"/>");
	struct epub_pkg p;
	assert_int_equal(epub_pkg_parse("OEBPS/content.opf", opf, strlen(opf), &p, NULL), 0);
	assert_int_equal(p.nitems, 6);
	assert_string_equal(p.items[2].name, "OEBPS/Text/a.xhtml");
	assert_string_equal(p.items[3].name, "b b.xhtml");
	assert_null(p.items[4].name);
	assert_int_equal(p.nav, 0);
	assert_int_equal(p.ncx, 1);
	/* unknown and external spine entries are skipped */
	assert_int_equal(p.nspine, 3);
	assert_int_equal(p.spine[0].item, 5);
	assert_int_equal(p.spine[0].linear, 0);
	assert_int_equal(p.spine[1].item, 3);
	assert_int_equal(p.spine[1].linear, 1);
	assert_int_equal(p.spine[2].item, 2);
	assert_int_equal(p.spine[2].linear, 1);
	epub_pkg_free(&p);
	free(opf);
}

static void
test_ncx_by_media_type(void **state)
{
	(void)state;
	/* no toc attribute: the NCX is found by its media type; no nav */
	char *opf = support_epub_opf("2.0", "",
				     "<item id=\"a\" href=\"a.html\" media-type=\"text/html\"/>"
				     "<item id=\"t\" href=\"t.ncx\" media-type=\"application/x-dtbncx+xml\"/>",
				     "", "<itemref idref=\"a\"/>");
	struct epub_pkg p;
	assert_int_equal(epub_pkg_parse("content.opf", opf, strlen(opf), &p, NULL), 0);
	assert_int_equal(p.ncx, 1);
	assert_int_equal(p.nav, 2);
	assert_null(p.meta.title);
	epub_pkg_free(&p);
	free(opf);
}

static void
test_errors(void **state)
{
	(void)state;
	static const struct {
		const char *xml, *cause;
	} cases[] = {
		{ "<html><body>no</body></html>", "OEBPS/c.opf is not an EPUB package document" },
		{ "", "OEBPS/c.opf is not an EPUB package document (not well-formed XML: line 1: "
		      "Document is empty)" },
		/* entities that expand a billion times: stopped by libxml2 */
		{ "<?xml version=\"1.0\"?><!DOCTYPE package [<!ENTITY a \"haha\">"
		  "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
		  "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
		  "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
		  "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\"><!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">"
		  "]><package><metadata><title>&i;</title></metadata><manifest>"
		  "<item id=\"a\" href=\"a.html\"/></manifest><spine><itemref idref=\"a\"/></spine>"
		  "</package>",
		  "OEBPS/c.opf lists no chapters (its spine is empty) (not well-formed XML: line 1: "
		  "Detected an entity reference loop)" },
		{ "<package><metadata/><manifest><item id=\"a\" href=\"a.html\"/></manifest>"
		  "<spine><itemref idref=\"b\"/></spine></package>",
		  "OEBPS/c.opf lists no chapters (its spine is empty)" },
		{ "<package><manifest/></package>", "OEBPS/c.opf lists no chapters (its spine is empty)" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct epub_pkg p;
		char *cause = NULL;
		assert_int_equal(epub_pkg_parse("OEBPS/c.opf", cases[i].xml, strlen(cases[i].xml), &p,
						 &cause),
				 ERR_INVAL);
		assert_string_equal(cause, cases[i].cause);
		free(cause);
	}
}

static void
test_tokens(void **state)
{
	(void)state;
	assert_true(epub_pkg_has_token("nav", "nav"));
	assert_true(epub_pkg_has_token(" scripted\tnav ", "nav"));
	assert_false(epub_pkg_has_token("navigation", "nav"));
	assert_false(epub_pkg_has_token("", "nav"));
	assert_false(epub_pkg_has_token(NULL, "nav"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_container),     cmocka_unit_test(test_metadata),
		cmocka_unit_test(test_manifest_spine), cmocka_unit_test(test_ncx_by_media_type),
		cmocka_unit_test(test_errors),        cmocka_unit_test(test_tokens),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
