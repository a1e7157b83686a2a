/* Tests for epub_article: books written here read as one article, shown
 * as "kind: text" rows per block: chapters in spine order, headings from
 * the TOC only where a chapter has none, part titles, Chinese chapters
 * (U+3000 indents, ruby, GBK), missing and damaged chapters, and the
 * messages of books that cannot be read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "../src/article.h"
#include "../src/corpus.h"
#include "../src/epub_article.h"
#include "../src/err.h"
#include "../src/format.h"
#include "support_epub.h"
#include "support_tmp.h"

#define XHTML(body)                                                                                \
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html>\n"                            \
	"<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">" \
	"<head><title>x</title><style>p{text-indent:2em}</style></head><body>" body "</body></html>"

#define ITEM(id, href) "<item id=\"" id "\" href=\"" href "\" media-type=\"application/xhtml+xml\"/>"
#define REF(id) "<itemref idref=\"" id "\"/>"

/* The article's blocks, "kind: text" a line each; a heading ranked below
 * the top shows its rank ("heading 2: text"). */
static char *
block_rows(const struct article *a)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	assert_non_null(f);
	for (size_t i = 0; i < a->nblocks; i++) {
		int rank = a->levels ? a->levels[i] : 0;
		fprintf(f, "%s", parse_block_kind_name(a->blocks[i].kind));
		if (rank > 1)
			fprintf(f, " %d", rank);
		fprintf(f, ": %.*s\n", (int)(a->blocks[i].end - a->blocks[i].start),
			a->text + a->blocks[i].start);
	}
	fclose(f);
	return s;
}

static void
expect_rows(const struct article *a, const char *want)
{
	char *got = block_rows(a);
	if (strcmp(got, want) != 0) {
		fprintf(stderr, "got:\n%swant:\n%s", got, want);
		fail();
	}
	free(got);
}

/* Write an EPUB named name with the given OPF pieces and entries, load it
 * with article_load; 0 or the error, with *cause. */
static int
load(const char *name, const char *opf, const struct support_zip_entry *e, size_t n,
     const struct source_opts *so, struct article *a, char **cause)
{
	char *path = support_tmp_path(name);
	support_epub_write(path, opf, e, n);
	int rc = article_load(so, path, a, cause);
	free(path);
	return rc;
}

static const char ncx[] =
	"<?xml version=\"1.0\"?><ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\"><navMap>"
	"<navPoint><navLabel><text>第一章 出发</text></navLabel><content src=\"c1.xhtml\"/>"
	"<navPoint><navLabel><text>一、夜</text></navLabel><content src=\"c1.xhtml#night\"/></navPoint>"
	"<navPoint><navLabel><text>二、不在</text></navLabel><content src=\"c1.xhtml#gone\"/></navPoint>"
	"</navPoint>"
	"<navPoint><navLabel><text>第二章 无题</text></navLabel><content src=\"c2.xhtml\"/></navPoint>"
	"<navPoint><navLabel><text>第三章</text></navLabel><content src=\"c3.xhtml\"/></navPoint>"
	"</navMap></ncx>";

/* EPUB 2: the chapter's own heading stays; a chapter without one gets the
 * TOC's title; a title written as a paragraph becomes the heading; a
 * fragment finds its heading inside the chapter; notes (linear="no") last. */
static void
test_epub2(void **state)
{
	(void)state;
	char *opf = support_epub_opf(
		"2.0",
		"<dc:title>书</dc:title><dc:creator>作者甲</dc:creator><dc:date>2010-01-01</dc:date>"
		"<dc:publisher>某出版社</dc:publisher>",
		"<item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>"
		ITEM("n", "notes.xhtml") ITEM("c1", "c1.xhtml") ITEM("c2", "c2.xhtml")
			ITEM("c3", "c3.xhtml"),
		"toc=\"ncx\"", "<itemref idref=\"n\" linear=\"no\"/>" REF("c1") REF("c2") REF("c3"));
	const struct support_zip_entry e[] = {
		{ "OEBPS/toc.ncx", ncx, 0, SUPPORT_ZIP_DEFLATE },
		{ "OEBPS/c1.xhtml",
		  XHTML("<h2>第一章　出发</h2><p>开头。</p><h3 id=\"night\">一、夜</h3><p>夜里。</p>"),
		  0, SUPPORT_ZIP_DEFLATE },
		{ "OEBPS/c2.xhtml", XHTML("<p>没有标题的一章。</p>"), 0, 0 },
		{ "OEBPS/c3.xhtml", XHTML("<p class=\"title\">第三章　归来</p><p>　　回来了。</p>"), 0,
		  0 },
		{ "OEBPS/notes.xhtml", XHTML("<p>注一。</p>"), 0, 0 },
	};
	struct article a;
	char *cause = NULL;
	assert_int_equal(load("ncx.epub", opf, e, sizeof e / sizeof e[0], NULL, &a, &cause), 0);
	assert_null(cause);
	assert_string_equal(a.meta.title, "书");
	assert_string_equal(a.meta.author, "作者甲");
	assert_string_equal(a.meta.date, "2010-01-01");
	assert_string_equal(a.meta.source, "某出版社");
	assert_int_equal(a.format, FORMAT_EPUB);
	expect_rows(&a, "heading: 第一章　出发\n"
			"paragraph: 开头。\n"
			"heading 2: 一、夜\n"
			"paragraph: 夜里。\n"
			"heading: 第二章 无题\n"
			"paragraph: 没有标题的一章。\n"
			"heading: 第三章　归来\n"
			"paragraph: 回来了。\n"
			"paragraph: 注一。\n");
	article_free(&a);
	free(opf);
}

static const char nav[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">"
	"<body><nav epub:type=\"toc\"><ol>"
	"<li><a href=\"Text/cover.xhtml\">封面</a></li>"
	"<li><span>第一部</span><ol><li><a href=\"Text/c1.xhtml\">第一回</a></li></ol></li>"
	"<li><span>第二部</span><ol><li><a href=\"Text/c2.xhtml\">第二回</a></li></ol></li>"
	"</ol></nav></body></html>";

/* EPUB 3 with a nav: part titles with no page of their own go before their
 * first chapter; a cover of an image alone adds nothing, not even its
 * heading. A Chinese chapter: U+3000 indents go (the layout indents
 * paragraphs), ruby keeps its base text, images leave nothing, <br> splits
 * paragraphs. */
static void
test_epub3_chinese(void **state)
{
	(void)state;
	char *opf = support_epub_opf(
		"3.0", "<dc:title>红楼</dc:title>",
		"<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" "
		"properties=\"nav\"/>" ITEM("cv", "Text/cover.xhtml") ITEM("c1", "Text/c1.xhtml")
			ITEM("c2", "Text/c2.xhtml"),
		"", REF("cv") REF("c1") REF("c2"));
	const struct support_zip_entry e[] = {
		{ "OEBPS/nav.xhtml", nav, 0, 0 },
		{ "OEBPS/Text/cover.xhtml", XHTML("<div><img src=\"../c.jpg\" alt=\"cover\"/></div>"), 0,
		  0 },
		{ "OEBPS/Text/c1.xhtml",
		  XHTML("<h1>第一回</h1><p>\xe3\x80\x80\xe3\x80\x80<ruby>甄<rp>(</rp><rt>zhēn</rt>"
			"<rp>)</rp></ruby>士隐梦幻识通灵。</p>"
			"<p>\xe3\x80\x80\xe3\x80\x80第二段<img src=\"x.png\"/>。<br/>\xe3\x80\x80\xe3\x80\x80"
			"第三段。</p>"),
		  0, SUPPORT_ZIP_DEFLATE },
		{ "OEBPS/Text/c2.xhtml", XHTML("<h1>第二回</h1><p>贾夫人仙逝扬州城。</p>"), 0, 0 },
	};
	struct article a;
	assert_int_equal(load("nav.epub", opf, e, sizeof e / sizeof e[0], NULL, &a, NULL), 0);
	assert_string_equal(a.meta.title, "红楼");
	assert_null(a.meta.author);
	expect_rows(&a, "heading: 第一部\n"
			"heading 2: 第一回\n"
			"paragraph: 甄士隐梦幻识通灵。\n"
			"paragraph: 第二段。\n"
			"paragraph: 第三段。\n"
			"heading: 第二部\n"
			"heading 2: 第二回\n"
			"paragraph: 贾夫人仙逝扬州城。\n");
	article_free(&a);
	free(opf);
}

/* What a book holds that a web page rarely does. A poem broken with <br> is
 * kept line for line (a quoted one too); a link to a note reads as its
 * bracketed mark (epub:type="noteref", or a short mark in <sup> linking to
 * a fragment), the link back from a note is left out; an image's alt is a
 * caption when the image stands alone, a glyph drawn as a picture reads as
 * its character, a cover's "cover" and a file name say nothing; a vertical
 * book's presentation forms (﹁﹂︽︾︐) read across (「」《》，). */
static void
test_book_reading(void **state)
{
	(void)state;
	char *opf = support_epub_opf(
		"3.0", "<dc:title>诗与注</dc:title>",
		"<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" "
		"properties=\"nav\"/>" ITEM("c1", "c1.xhtml") ITEM("n", "notes.xhtml"),
		"page-progression-direction=\"rtl\"", REF("c1") REF("n"));
	static const char nav1[] =
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		"<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">"
		"<body><nav epub:type=\"toc\"><ol><li><a href=\"c1.xhtml\">第一章 静夜思</a></li>"
		"<li><a href=\"notes.xhtml\">注释</a></li></ol></nav></body></html>";
	const struct support_zip_entry e[] = {
		{ "OEBPS/nav.xhtml", nav1, 0, 0 },
		{ "OEBPS/c1.xhtml",
		  XHTML("<h2>第一章 静夜思</h2>"
			"<div class=\"poem\"><p>床前明月光，<br/>疑是地上霜。<br/>举头望明月，<br/>"
			"低头思故乡。</p></div>"
			"<p>多看<a class=\"duokan-footnote\" href=\"notes.xhtml#df1\" id=\"dfr1\">"
			"<img alt=\"\" src=\"note.png\"/></a>的注。</p>"
			"<p>此诗作于开元十四年<a epub:type=\"noteref\" href=\"notes.xhtml#n1\" "
			"id=\"r1\">1</a>，是名作<sup><a href=\"notes.xhtml#n2\">[2]</a></sup>；"
			"见<a href=\"#x\">第2节</a>。</p>"
			"<p><img src=\"moon.jpg\" alt=\"明月图：满月挂在山头\"/></p>"
			"<p>一个<img src=\"g.png\" alt=\"𠀀\"/>字，<img src=\"i.png\" "
			"alt=\"i.png\"/><img src=\"c.jpg\" alt=\"cover\"/>。</p>"
			"<p>﹁︽书︾︐好﹂</p>"
			"<blockquote><p>白日依山尽，<br/>黄河入海流。</p></blockquote>"),
		  0, 0 },
		{ "OEBPS/notes.xhtml",
		  XHTML("<h2>注释</h2><p id=\"n1\">1. 即公元726年。<a epub:type=\"backlink\" "
			"href=\"c1.xhtml#r1\">返回</a></p>"
			"<p id=\"n2\">2. 另一说。<a href=\"c1.xhtml#r2\">↩</a></p>"
			"<ol class=\"duokan-footnote-content\"><li id=\"df1\"><p><a href=\"c1.xhtml#dfr1\">◎</a>"
			"多看的注。</p></li></ol>"),
		  0, 0 },
	};
	struct article a;
	assert_int_equal(load("book.epub", opf, e, sizeof e / sizeof e[0], NULL, &a, NULL), 0);
	expect_rows(&a, "heading: 第一章 静夜思\n"
			"pre: 床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。\n"
			"paragraph: 多看的注。\n"
			"paragraph: 此诗作于开元十四年[1]，是名作[2]；见第2节。\n"
			"caption: [明月图：满月挂在山头]\n"
			"paragraph: 一个𠀀字，。\n"
			"paragraph: 「《书》，好」\n"
			"pre: 白日依山尽，\n黄河入海流。\n"
			"heading: 注释\n"
			"paragraph: 1. 即公元726年。\n"
			"paragraph: 2. 另一说。\n"
			"list item: 1. 多看的注。\n");
	article_free(&a);
	free(opf);
}

/* Which block a TOC entry names, one book per row: the chapter c.xhtml
 * with body, the TOC entries given as nav <li> items. */
static const struct {
	const char *toc, *body, *want;
} title_cases[] = {
	/* a chapter titled "一" does not take a sentence for its title */
	{ "<li><a href=\"c.xhtml\">一</a></li>", "<p>一个人走来。</p>",
	  "heading: 一\nparagraph: 一个人走来。\n" },
	{ "<li><a href=\"c.xhtml\">一</a></li>", "<p>一</p><p>正文。</p>",
	  "heading: 一\nparagraph: 正文。\n" },
	{ "<li><a href=\"c.xhtml\">序</a></li>", "<p>序幕拉开了</p>",
	  "heading: 序\nparagraph: 序幕拉开了\n" },
	/* the paragraph may say more than the TOC, up to a space or a mark */
	{ "<li><a href=\"c.xhtml\">第一章</a></li>", "<p>第一章\xe3\x80\x80风起</p><p>正文。</p>",
	  "heading: 第一章\xe3\x80\x80风起\nparagraph: 正文。\n" },
	{ "<li><a href=\"c.xhtml\">第一章</a></li>", "<p>第一章：风起</p><p>正文。</p>",
	  "heading: 第一章：风起\nparagraph: 正文。\n" },
	/* a heading may say less: h1 the number, h2 the name */
	{ "<li><a href=\"c.xhtml\">第一章 风起</a></li>", "<h1>第一章</h1><h2>风起</h2><p>正文。</p>",
	  "heading: 第一章\nheading 2: 风起\nparagraph: 正文。\n" },
	/* a heading worded otherwise is the chapter's own */
	{ "<li><a href=\"c.xhtml\">Chapter 1</a></li>", "<h2>第一章</h2><p>正文。</p>",
	  "heading: 第一章\nparagraph: 正文。\n" },
	/* fragments: found by their words (a short paragraph too), else left out */
	{ "<li><a href=\"c.xhtml\">甲</a></li><li><a href=\"c.xhtml#x\">乙：归来</a></li>"
	  "<li><a href=\"c.xhtml#y\">丙</a></li>",
	  "<h1>甲</h1><p>一。</p><p id=\"x\">乙：归来</p><p>二。</p>",
	  "heading: 甲\nparagraph: 一。\nheading: 乙：归来\nparagraph: 二。\n" },
	/* a first entry with a fragment not found: at the chapter's start */
	{ "<li><a href=\"c.xhtml#z\">丁</a></li>", "<p>正文。</p>",
	  "heading: 丁\nparagraph: 正文。\n" },
};

static void
test_title_rules(void **state)
{
	(void)state;
	char *opf = support_epub_opf("3.0", "<dc:title>T</dc:title>",
				     "<item id=\"nav\" href=\"nav.xhtml\" "
				     "media-type=\"application/xhtml+xml\" properties=\"nav\"/>" ITEM(
					     "c", "c.xhtml"),
				     "", REF("c"));
	for (size_t i = 0; i < sizeof title_cases / sizeof title_cases[0]; i++) {
		char *navdoc, *chapter;
		assert_true(asprintf(&navdoc,
				     "<html xmlns=\"http://www.w3.org/1999/xhtml\" "
				     "xmlns:epub=\"http://www.idpf.org/2007/ops\"><body>"
				     "<nav epub:type=\"toc\"><ol>%s</ol></nav></body></html>",
				     title_cases[i].toc) > 0);
		assert_true(asprintf(&chapter, XHTML("%s"), title_cases[i].body) > 0);
		const struct support_zip_entry e[] = {
			{ "OEBPS/nav.xhtml", navdoc, 0, 0 },
			{ "OEBPS/c.xhtml", chapter, 0, 0 },
		};
		struct article a;
		assert_int_equal(load("t.epub", opf, e, 2, NULL, &a, NULL), 0);
		char *got = block_rows(&a);
		if (strcmp(got, title_cases[i].want) != 0) {
			fprintf(stderr, "case %zu:\ngot:\n%swant:\n%s", i, got, title_cases[i].want);
			fail();
		}
		free(got);
		article_free(&a);
		free(navdoc);
		free(chapter);
	}
	free(opf);
}

/* Heading ranks: from the TOC's nesting where it places a heading; the
 * others one below the TOC heading before them (a split file's heading
 * under its chapter); in a book without a TOC, as the XHTML has them. */
static void
test_ranks(void **state)
{
	(void)state;
	char *opf = support_epub_opf("3.0", "<dc:title>T</dc:title>",
				     "<item id=\"nav\" href=\"nav.xhtml\" "
				     "media-type=\"application/xhtml+xml\" properties=\"nav\"/>" ITEM(
					     "a", "a.xhtml") ITEM("b", "b.xhtml"),
				     "", REF("a") REF("b"));
	const struct support_zip_entry e[] = {
		{ "OEBPS/nav.xhtml",
		  "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/"
		  "ops\"><body><nav epub:type=\"toc\"><ol><li><span>卷一</span><ol>"
		  "<li><a href=\"a.xhtml\">第一章</a></li></ol></li></ol></nav></body></html>",
		  0, 0 },
		{ "OEBPS/a.xhtml", XHTML("<h1>第一章</h1><p>甲。</p><h1>小节</h1><p>乙。</p>"), 0, 0 },
		{ "OEBPS/b.xhtml", XHTML("<h2>续</h2><p>丙。</p>"), 0, 0 },
	};
	struct article a;
	assert_int_equal(load("ranks.epub", opf, e, 3, NULL, &a, NULL), 0);
	expect_rows(&a, "heading: 卷一\n"
			"heading 2: 第一章\n"
			"paragraph: 甲。\n"
			"heading 3: 小节\n"
			"paragraph: 乙。\n"
			"heading 3: 续\n"
			"paragraph: 丙。\n");
	article_free(&a);
	free(opf);
	/* no TOC: the XHTML's own ranks */
	opf = support_epub_opf("3.0", "<dc:title>T</dc:title>", ITEM("a", "a.xhtml"), "", REF("a"));
	const struct support_zip_entry plain[] = {
		{ "OEBPS/a.xhtml", XHTML("<h1>甲</h1><p>一。</p><h3>乙</h3><p>二。</p>"), 0, 0 },
	};
	assert_int_equal(load("plain.epub", opf, plain, 1, NULL, &a, NULL), 0);
	expect_rows(&a, "heading: 甲\nparagraph: 一。\nheading 3: 乙\nparagraph: 二。\n");
	article_free(&a);
	free(opf);
}

/* Chapters in GBK (declared), with terminal escapes in the text: decoded,
 * and no control character left in the text; a chapter with a byte that is
 * no UTF-8 counts it as replaced. */
static void
test_encoding_controls(void **state)
{
	(void)state;
	char *opf = support_epub_opf("2.0", "<dc:title>T</dc:title>", ITEM("g", "g.xhtml") ITEM("x", "x.xhtml"),
				     "", REF("g") REF("x"));
	/* "<p>中文</p>" in GBK: 中 D6D0, 文 CEC4 */
	const char gbk[] = "<?xml version=\"1.0\" encoding=\"GBK\"?>\n"
			   "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>g</title></head>"
			   "<body><p>\xD6\xD0\xCE\xC4</p></body></html>";
	const struct support_zip_entry e[] = {
		{ "OEBPS/g.xhtml", gbk, 0, 0 },
		{ "OEBPS/x.xhtml", XHTML("<p>a\x1b[31mred\x1b[0m\x07 b</p>"), 0, 0 },
	};
	struct article a;
	assert_int_equal(load("gbk.epub", opf, e, 2, NULL, &a, NULL), 0);
	assert_int_equal(a.nblocks, 2);
	assert_memory_equal(a.text + a.blocks[0].start, "中文", strlen("中文"));
	for (size_t i = 0; i < a.len; i++)
		assert_true((unsigned char)a.text[i] >= 0x20 || a.text[i] == '\n');
	assert_non_null(strstr(a.text, "red"));
	assert_int_equal(a.replaced, 0);
	article_free(&a);
	const struct support_zip_entry bad[] = {
		{ "OEBPS/g.xhtml", XHTML("<p>好\xff字</p>"), 0, 0 },
		{ "OEBPS/x.xhtml", XHTML("<p>x</p>"), 0, 0 },
	};
	assert_int_equal(load("bad8.epub", opf, bad, 2, NULL, &a, NULL), 0);
	assert_int_equal(a.replaced, 1);
	article_free(&a);
	free(opf);
}

/* A chapter missing from the archive, or damaged, leaves a caption in its
 * place; the rest reads. */
static void
test_missing_damaged(void **state)
{
	(void)state;
	char *opf = support_epub_opf("3.0", "<dc:title>T</dc:title>",
				     ITEM("a", "a.xhtml") ITEM("b", "b.xhtml") ITEM("c", "c.xhtml"),
				     "", REF("a") REF("b") REF("c"));
	const struct support_zip_entry e[] = {
		{ "OEBPS/a.xhtml", XHTML("<p>甲。</p>"), 0, 0 },
		{ "OEBPS/c.xhtml", XHTML("<p>丙。</p>"), 0, SUPPORT_ZIP_ENCRYPT },
	};
	struct article a;
	assert_int_equal(load("gap.epub", opf, e, 2, NULL, &a, NULL), 0);
	expect_rows(&a, "paragraph: 甲。\n"
			"caption: [OEBPS/b.xhtml is missing from the archive]\n"
			"caption: [OEBPS/c.xhtml is encrypted (a password-protected zip entry)]\n");
	article_free(&a);
	free(opf);
}

static void
test_refused(void **state)
{
	(void)state;
	char *opf = support_epub_opf("3.0", "", ITEM("a", "a.xhtml"), "", REF("a"));
	const struct support_zip_entry img[] = {
		{ "OEBPS/a.xhtml", XHTML("<p><img src=\"p1.jpg\" alt=\"page 1\"/></p>"), 0, 0 },
	};
	struct article a;
	char *cause = NULL;
	const struct support_zip_entry text[] = {
		{ "OEBPS/a.xhtml", XHTML("<h1>第一章</h1><p>正文。</p>"), 0, 0 },
	};
	/* no dc:title: named after its file, not its first heading */
	assert_int_equal(load("无题.epub", opf, text, 1, NULL, &a, &cause), 0);
	assert_string_equal(a.meta.title, "无题");
	article_free(&a);
	assert_int_equal(load("comic.epub", opf, img, 1, NULL, &a, &cause), ERR_EMPTY);
	assert_string_equal(cause, "the book holds no text (1 chapter read)");
	free(cause);
	/* over the size limit: the whole book is refused */
	char *big = malloc(3000);
	assert_non_null(big);
	memset(big, 'x', 2999);
	big[2999] = 0;
	const struct support_zip_entry large[] = { { "OEBPS/a.xhtml", big, 0, SUPPORT_ZIP_DEFLATE } };
	struct source_opts so = { NULL, 2048 };
	cause = NULL;
	assert_int_equal(load("large.epub", opf, large, 1, &so, &a, &cause), ERR_TOOBIG);
	assert_string_equal(cause, "OEBPS/a.xhtml: the book's text is over the 0 MiB limit "
				   "(uncompressed)");
	free(cause);
	free(big);
	free(opf);
}

/* Hostile books: a good book cut short at many lengths and with bytes
 * overwritten at many places (a fixed sequence) either reads or is refused
 * with a reason; never a crash, a hang or a leak (run under ASan too). */
static void
test_damage_sweep(void **state)
{
	(void)state;
	char *opf = support_epub_opf(
		"2.0", "<dc:title>书</dc:title>",
		"<item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>"
		ITEM("c1", "c1.xhtml") ITEM("c2", "c2.xhtml"),
		"toc=\"ncx\"", REF("c1") REF("c2"));
	const struct support_zip_entry e[] = {
		{ "OEBPS/toc.ncx", ncx, 0, 0 },
		{ "OEBPS/c1.xhtml", XHTML("<h2>第一章</h2><p>\xe3\x80\x80\xe3\x80\x80开头。</p>"), 0, 0 },
		{ "OEBPS/c2.xhtml", XHTML("<p>没有标题的一章。<ruby>字<rt>zì</rt></ruby></p>"), 0,
		  SUPPORT_ZIP_DEFLATE },
	};
	char *good = support_tmp_path("good.epub");
	support_epub_write(good, opf, e, 3);
	FILE *f = fopen(good, "rb");
	assert_non_null(f);
	static unsigned char buf[1 << 16], bad[1 << 16];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	assert_true(n > 500 && n < sizeof buf);
	char *path = support_tmp_path("bad.epub");
	uint32_t seed = 12345;
	size_t loaded = 0, refused = 0;
	for (size_t round = 0; round < 400; round++) {
		size_t len = n;
		memcpy(bad, buf, n);
		if (round < 100) {
			len = n * round / 100; /* cut short */
		} else {
			for (int k = 0; k < 1 + (int)(round % 4); k++) {
				seed = seed * 1103515245u + 12345u;
				bad[(seed >> 8) % n] = (unsigned char)(seed >> 24);
			}
		}
		support_write_file(path, bad, len);
		struct article a;
		char *cause = NULL;
		int rc = article_load(NULL, path, &a, &cause);
		if (rc == 0) {
			assert_null(cause);
			for (size_t i = 0; i < a.len; i++)
				assert_true((unsigned char)a.text[i] >= 0x20 || a.text[i] == '\n');
			article_free(&a);
			loaded++;
		} else {
			assert_true(rc != ERR_NOMEM);
			assert_non_null(cause);
			assert_true(strlen(cause) > 0);
			free(cause);
			refused++;
		}
	}
	/* both outcomes occur: the sweep reaches past the zip's own checks */
	assert_true(loaded > 0 && refused > 0);
	free(path);
	free(good);
	free(opf);
}

/* A folder lists its books beside its texts; article_load tells a book by
 * its name, and a file that is no EPUB says so. */
static void
test_corpus(void **state)
{
	(void)state;
	char *dir = support_tmp_path("lib");
	assert_int_equal(mkdir(dir, 0700), 0);
	char *opf = support_epub_opf("3.0", "<dc:title>书一</dc:title>", ITEM("a", "a.xhtml"), "",
				     REF("a"));
	const struct support_zip_entry e[] = { { "OEBPS/a.xhtml", XHTML("<p>正文。</p>"), 0, 0 } };
	char *book = support_tmp_path("lib/b.epub");
	support_epub_write(book, opf, e, 1);
	support_write_in(dir, "a.txt", "标题\n\n正文。\n", strlen("标题\n\n正文。\n"));
	support_write_in(dir, "bad.epub", "not a zip", 9);
	struct corpus c;
	const char *paths[] = { dir };
	assert_int_equal(corpus_load(&c, paths, 1, NULL, NULL, NULL), 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.v[0].format, FORMAT_TEXT);
	assert_int_equal(c.v[1].format, FORMAT_EPUB);
	assert_string_equal(c.v[1].meta.title, "书一");
	corpus_free(&c);
	struct article a;
	/* a book named otherwise is known by its first bytes */
	char *other = support_tmp_path("book.zip");
	support_epub_write(other, opf, e, 1);
	assert_int_equal(article_load(NULL, other, &a, NULL), 0);
	assert_int_equal(a.format, FORMAT_EPUB);
	assert_string_equal(a.meta.title, "书一");
	article_free(&a);
	free(other);
	char *cause = NULL;
	char *bad = support_tmp_path("lib/bad.epub");
	assert_int_equal(article_load(NULL, bad, &a, &cause), ERR_INVAL);
	assert_string_equal(cause, "not an EPUB: not a zip archive");
	free(cause);
	free(bad);
	free(book);
	free(opf);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_epub2),		cmocka_unit_test(test_epub3_chinese),
		cmocka_unit_test(test_book_reading),
		cmocka_unit_test(test_title_rules),	cmocka_unit_test(test_damage_sweep),
		cmocka_unit_test(test_ranks),
		cmocka_unit_test(test_encoding_controls), cmocka_unit_test(test_missing_damaged),
		cmocka_unit_test(test_refused),	cmocka_unit_test(test_corpus),
	};
	return cmocka_run_group_tests(tests, support_tmp_setup, support_tmp_teardown);
}
