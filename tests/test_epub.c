/* Tests for epub: books written here (EPUB 2 with an NCX, EPUB 3 with a
 * nav document, broken and encrypted ones) opened into metadata, chapters
 * in reading order and a table of contents mapped onto them, or refused
 * with a message naming the reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/epub.h"
#include "../src/err.h"
#include "support_epub.h"
#include "support_tmp.h"

#define XHTML(body)                                                                                \
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">" \
	"<head><title>t</title></head><body>" body "</body></html>"

#define ITEM(id, href) "<item id=\"" id "\" href=\"" href "\" media-type=\"application/xhtml+xml\"/>"

static const char ncx[] =
	"<?xml version=\"1.0\"?><ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\"><navMap>"
	"<navPoint><navLabel><text>第一章</text></navLabel><content src=\"Text/c1.xhtml\"/>"
	"<navPoint><navLabel><text>一节</text></navLabel><content src=\"Text/c1.xhtml#s\"/></navPoint>"
	"</navPoint>"
	"<navPoint><navLabel><text>第二章</text></navLabel><content src=\"Text/c2.xhtml\"/></navPoint>"
	"<navPoint><navLabel><text>外链</text></navLabel><content src=\"http://x.org/\"/></navPoint>"
	"</navMap></ncx>";

/* "chapter: name [aux] [missing]" lines, then "toc: depth title -> chapter" */
static char *
book_rows(const struct epub_book *b)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	assert_non_null(f);
	for (size_t i = 0; i < b->nch; i++)
		fprintf(f, "chapter: %s%s%s\n", b->ch[i].name, b->ch[i].linear ? "" : " aux",
			b->ch[i].missing ? " missing" : "");
	for (size_t i = 0; i < b->toc.n; i++) {
		fprintf(f, "toc: %d %s -> ", b->toc.v[i].depth, b->toc.v[i].title);
		if (b->toc_ch[i] < b->nch)
			fprintf(f, "%zu\n", b->toc_ch[i]);
		else
			fprintf(f, "-\n");
	}
	fclose(f);
	return s;
}

static void
test_epub2_ncx(void **state)
{
	(void)state;
	char *opf = support_epub_opf(
		"2.0",
		"<dc:title>书名</dc:title><dc:creator opf:role=\"aut\">作者</dc:creator>"
		"<dc:date opf:event=\"publication\">2001-02-03</dc:date><dc:publisher>出版社</dc:publisher>"
		"<dc:language>zh</dc:language>",
		"<item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>"
		"<item id=\"cover\" href=\"cover.jpg\" media-type=\"image/jpeg\"/>" ITEM("n", "Text/notes.xhtml")
			ITEM("c1", "Text/c1.xhtml") ITEM("c2", "Text/c2.xhtml"),
		"toc=\"ncx\"",
		"<itemref idref=\"cover\"/><itemref idref=\"n\" linear=\"no\"/><itemref idref=\"c1\"/>"
		"<itemref idref=\"c2\"/>");
	const struct support_zip_entry e[] = {
		{ "OEBPS/toc.ncx", ncx, 0, SUPPORT_ZIP_DEFLATE },
		{ "OEBPS/Text/c1.xhtml", XHTML("<h1>第一章</h1><p>一。</p>"), 0, SUPPORT_ZIP_DEFLATE },
		{ "OEBPS/Text/c2.xhtml", XHTML("<p>二。</p>"), 0, SUPPORT_ZIP_DEFLATE },
		{ "OEBPS/Text/notes.xhtml", XHTML("<p>注</p>"), 0, 0 },
		{ "OEBPS/cover.jpg", "\xFF\xD8\xFF", 0, 0 },
	};
	char *path = support_tmp_path("ncx.epub");
	support_epub_write(path, opf, e, sizeof e / sizeof e[0]);
	struct epub_book *b;
	char *cause = NULL;
	assert_int_equal(epub_open(path, 0, &b, &cause), 0);
	assert_null(cause);
	assert_string_equal(b->meta.title, "书名");
	assert_string_equal(b->meta.creator, "作者");
	assert_string_equal(b->meta.date, "2001-02-03");
	assert_string_equal(b->meta.publisher, "出版社");
	assert_string_equal(b->meta.language, "zh");
	assert_string_equal(b->toc_from, "ncx");
	/* the image is no chapter; the auxiliary notes come last */
	char *rows = book_rows(b);
	assert_string_equal(rows, "chapter: OEBPS/Text/c1.xhtml\n"
				  "chapter: OEBPS/Text/c2.xhtml\n"
				  "chapter: OEBPS/Text/notes.xhtml aux\n"
				  "toc: 0 第一章 -> 0\n"
				  "toc: 1 一节 -> 0\n"
				  "toc: 0 第二章 -> 1\n"
				  "toc: 0 外链 -> -\n");
	free(rows);
	char *buf;
	size_t len;
	assert_int_equal(epub_read_chapter(b, 1, &buf, &len, NULL), 0);
	assert_string_equal(buf, XHTML("<p>二。</p>"));
	free(buf);
	assert_int_equal(epub_read_chapter(b, 3, &buf, &len, NULL), ERR_RANGE);
	epub_close(b);
	free(opf);
	free(path);
}

static const char nav[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">"
	"<body><nav epub:type=\"toc\"><ol>"
	"<li><a href=\"%E7%AC%AC1%E7%AB%A0.xhtml\">第1章</a></li>"
	"<li><a href=\"c2.xhtml#p\">第2章</a></li>"
	"</ol></nav></body></html>";

static void
test_epub3_nav(void **state)
{
	(void)state;
	/* both a nav and an NCX: the nav is read; in the spine, it is no
	 * chapter (it is the outline) */
	char *opf = support_epub_opf(
		"3.0", "<dc:title>Book</dc:title>",
		"<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" "
		"properties=\"nav\"/>"
		"<item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>"
		ITEM("a", "%E7%AC%AC1%E7%AB%A0.xhtml") ITEM("b", "c2.xhtml"),
		"toc=\"ncx\"", "<itemref idref=\"nav\"/><itemref idref=\"a\"/><itemref idref=\"b\"/>");
	const struct support_zip_entry e[] = {
		{ "OEBPS/nav.xhtml", nav, 0, SUPPORT_ZIP_DEFLATE },
		{ "OEBPS/toc.ncx", ncx, 0, SUPPORT_ZIP_DEFLATE },
		{ "OEBPS/第1章.xhtml", XHTML("<p>一</p>"), 0, 0 },
		{ "OEBPS/c2.xhtml", XHTML("<p id=\"p\">二</p>"), 0, 0 },
	};
	char *path = support_tmp_path("nav.epub");
	support_epub_write(path, opf, e, sizeof e / sizeof e[0]);
	struct epub_book *b;
	assert_int_equal(epub_open(path, 0, &b, NULL), 0);
	assert_string_equal(b->toc_from, "nav");
	assert_null(b->meta.creator);
	char *rows = book_rows(b);
	assert_string_equal(rows, "chapter: OEBPS/第1章.xhtml\n"
				  "chapter: OEBPS/c2.xhtml\n"
				  "toc: 0 第1章 -> 0\n"
				  "toc: 0 第2章 -> 1\n");
	free(rows);
	assert_string_equal(b->toc.v[1].frag, "p");
	epub_close(b);
	free(opf);
	free(path);
}

static void
test_missing_chapter(void **state)
{
	(void)state;
	char *opf = support_epub_opf("3.0", "", ITEM("a", "a.xhtml") ITEM("b", "b.xhtml"), "",
				     "<itemref idref=\"a\"/><itemref idref=\"b\"/>");
	const struct support_zip_entry e[] = { { "OEBPS/b.xhtml", XHTML("<p>b</p>"), 0, 0 } };
	char *path = support_tmp_path("missing.epub");
	support_epub_write(path, opf, e, 1);
	struct epub_book *b;
	assert_int_equal(epub_open(path, 0, &b, NULL), 0);
	char *rows = book_rows(b);
	/* no TOC at all: the book still opens */
	assert_string_equal(rows, "chapter: OEBPS/a.xhtml missing\nchapter: OEBPS/b.xhtml\n");
	free(rows);
	assert_null(b->toc_from);
	char *buf, *cause = NULL;
	size_t len;
	assert_int_equal(epub_read_chapter(b, 0, &buf, &len, &cause), ERR_NOTFOUND);
	assert_string_equal(cause, "OEBPS/a.xhtml is missing from the archive");
	free(cause);
	epub_close(b);
	free(opf);
	free(path);
}

static const char container[] =
	"<container><rootfiles><rootfile full-path=\"OEBPS/content.opf\" "
	"media-type=\"application/oebps-package+xml\"/></rootfiles></container>";
static const char good_opf[] =
	"<package><metadata/><manifest><item id=\"a\" href=\"a.xhtml\" "
	"media-type=\"application/xhtml+xml\"/><item id=\"f\" href=\"f.otf\" "
	"media-type=\"font/otf\"/></manifest><spine><itemref idref=\"a\"/></spine></package>";
static const char chapter[] = XHTML("<p>a</p>");

static const char enc_aes[] =
	"<encryption xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\" "
	"xmlns:enc=\"http://www.w3.org/2001/04/xmlenc#\"><enc:EncryptedData>"
	"<enc:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#aes128-cbc\"/>"
	"<enc:CipherData><enc:CipherReference URI=\"OEBPS/a.xhtml\"/></enc:CipherData>"
	"</enc:EncryptedData></encryption>";
static const char enc_font[] =
	"<encryption xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\" "
	"xmlns:enc=\"http://www.w3.org/2001/04/xmlenc#\"><enc:EncryptedData>"
	"<enc:EncryptionMethod Algorithm=\"http://www.idpf.org/2008/embedding\"/>"
	"<enc:CipherData><enc:CipherReference URI=\"OEBPS/f.otf\"/></enc:CipherData>"
	"</enc:EncryptedData><enc:EncryptedData>"
	"<enc:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#aes128-cbc\"/>"
	"<enc:CipherData><enc:CipherReference URI=\"OEBPS/f.otf\"/></enc:CipherData>"
	"</enc:EncryptedData></encryption>";

#define MT { "mimetype", "application/epub+zip", 0, 0 }
#define CT { "META-INF/container.xml", container, 0, 0 }
#define OPF { "OEBPS/content.opf", good_opf, 0, 0 }
#define CH { "OEBPS/a.xhtml", chapter, 0, 0 }

static const struct {
	const char *name;
	struct support_zip_entry e[6];
	int rc;
	const char *cause; /* NULL: the book opens */
} open_cases[] = {
	{ "odt.epub",
	  { { "mimetype", "application/vnd.oasis.opendocument.text", 0, 0 }, CT, OPF, CH },
	  ERR_INVAL,
	  "not an EPUB: its mimetype is 'application/vnd.oasis.opendocument.text'" },
	{ "nocontainer.epub", { MT, OPF, CH }, ERR_INVAL,
	  "not an EPUB: META-INF/container.xml is missing" },
	{ "noopf.epub", { MT, CT, CH }, ERR_INVAL,
	  "the package document OEBPS/content.opf named by META-INF/container.xml is missing" },
	{ "badopf.epub", { MT, CT, { "OEBPS/content.opf", "<html>oops</html>", 0, 0 }, CH },
	  ERR_INVAL, "OEBPS/content.opf is not an EPUB package document" },
	{ "nochapters.epub", { MT, CT, OPF }, ERR_INVAL,
	  "none of the chapters in OEBPS/content.opf is in the archive (1 listed, the first: "
	  "OEBPS/a.xhtml)" },
	{ "images.epub",
	  { MT, CT,
	    { "OEBPS/content.opf",
	      "<package><manifest><item id=\"i\" href=\"p.png\" media-type=\"image/png\"/></manifest>"
	      "<spine><itemref idref=\"i\"/></spine></package>",
	      0, 0 } },
	  ERR_INVAL, "OEBPS/content.opf lists no text chapters in its spine" },
	{ "adept.epub", { MT, CT, OPF, CH, { "META-INF/rights.xml", "<rights/>", 0, 0 } }, ERR_INVAL,
	  "the book is DRM-protected (META-INF/rights.xml); duwen cannot read encrypted books" },
	{ "aes.epub", { MT, CT, OPF, CH, { "META-INF/encryption.xml", enc_aes, 0, 0 } }, ERR_INVAL,
	  "the book is encrypted (DRM): OEBPS/a.xhtml is encrypted with "
	  "http://www.w3.org/2001/04/xmlenc#aes128-cbc (META-INF/encryption.xml)" },
	{ "encjunk.epub", { MT, CT, OPF, CH, { "META-INF/encryption.xml", "\x01\x02", 0, 0 } },
	  ERR_INVAL, "META-INF/encryption.xml is not XML: cannot tell which parts are encrypted" },
	/* obfuscated or encrypted fonts do not stop reading the text */
	{ "fonts.epub", { MT, CT, OPF, CH, { "META-INF/encryption.xml", enc_font, 0, 0 } }, 0,
	  NULL },
	/* no mimetype entry at all: accepted */
	{ "nomime.epub", { CT, OPF, CH }, 0, NULL },
};

static void
test_open_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof open_cases / sizeof open_cases[0]; i++) {
		size_t n = 0;
		while (n < 6 && open_cases[i].e[n].name)
			n++;
		char *path = support_tmp_path(open_cases[i].name);
		support_zip_write(path, open_cases[i].e, n);
		struct epub_book *b = NULL;
		char *cause = NULL;
		int rc = epub_open(path, 0, &b, &cause);
		if (rc != open_cases[i].rc) {
			fprintf(stderr, "%s: rc %d (%s)\n", open_cases[i].name, rc,
				cause ? cause : "");
			fail();
		}
		if (open_cases[i].cause)
			assert_string_equal(cause, open_cases[i].cause);
		else
			assert_null(cause);
		free(cause);
		epub_close(b);
		free(path);
	}
}

/* A chapter bigger than the size limit is refused when read. */
static void
test_limit(void **state)
{
	(void)state;
	size_t big = (size_t)2 << 20;
	char *text = malloc(big + 1);
	assert_non_null(text);
	memset(text, 'x', big);
	text[big] = 0;
	const struct support_zip_entry e[] = { MT, CT, OPF,
					       { "OEBPS/a.xhtml", text, big, SUPPORT_ZIP_DEFLATE } };
	char *path = support_tmp_path("big.epub");
	support_zip_write(path, e, 4);
	free(text);
	struct epub_book *b;
	assert_int_equal(epub_open(path, (size_t)1 << 20, &b, NULL), 0);
	char *buf, *cause = NULL;
	size_t len;
	assert_int_equal(epub_read_chapter(b, 0, &buf, &len, &cause), ERR_TOOBIG);
	assert_string_equal(cause,
			    "OEBPS/a.xhtml: the book's text is over the 1 MiB limit (uncompressed)");
	free(cause);
	epub_close(b);
	free(path);
}

/* The OCF signature: a zip whose first entry is "mimetype", stored. The
 * same book opens from memory as from its file. */
static void
test_sniff_bytes(void **state)
{
	(void)state;
	const struct support_zip_entry ch[] = { CH };
	char *path = support_tmp_path("mem.epub");
	support_epub_write(path, good_opf, ch, 1);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static unsigned char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	assert_true(epub_sniff(buf, n));
	assert_false(epub_sniff(buf, 40));
	assert_false(epub_sniff((const unsigned char *)"PK\x03\x04", 4));
	struct epub_book *b;
	assert_int_equal(epub_open_bytes(buf, n, 0, &b, NULL), 0);
	char *rows = book_rows(b);
	assert_string_equal(rows, "chapter: OEBPS/a.xhtml\n");
	free(rows);
	epub_close(b);
	char *cause = NULL;
	assert_int_equal(epub_open_bytes("not a zip", 9, 0, &b, &cause), ERR_INVAL);
	assert_string_equal(cause, "not an EPUB: not a zip archive");
	free(cause);
	/* no mimetype first (or a compressed one): not the signature */
	const struct support_zip_entry late[] = { CT, MT };
	support_zip_write(path, late, 2);
	f = fopen(path, "rb");
	assert_non_null(f);
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	assert_false(epub_sniff(buf, n));
	const struct support_zip_entry packed[] = {
		{ "mimetype", "application/epub+zip", 0, SUPPORT_ZIP_DEFLATE }, CT
	};
	support_zip_write(path, packed, 2);
	f = fopen(path, "rb");
	assert_non_null(f);
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	assert_false(epub_sniff(buf, n));
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_epub2_ncx),	cmocka_unit_test(test_epub3_nav),
		cmocka_unit_test(test_missing_chapter), cmocka_unit_test(test_open_errors),
		cmocka_unit_test(test_limit),		cmocka_unit_test(test_sniff_bytes),
	};
	return cmocka_run_group_tests(tests, support_tmp_setup, support_tmp_teardown);
}
