/* Tests for html (and doc, doc_article): small pages written for one rule
 * each, read as a saved page (HTML_EXTRACT_ARTICLE) or a chapter
 * (HTML_WHOLE_BODY), compared block by block as "kind|text". */
#include <iconv.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/doc.h"
#include "../src/err.h"
#include "../src/html.h"
#include "support_parse.h"

/* Paragraphs long enough to score as text. */
#define EN1 "The council voted on Tuesday to expand the tram line, a decision that " \
	    "residents had awaited for years, and work will begin in the spring."
#define EN2 "Engineers said the new stretch, which runs along the river, will carry " \
	    "twenty thousand passengers a day once it opens, according to the plan."
#define ZH1 "杭州市政府周二宣布，将在城西新建三座公园，总面积约两百公顷，预计明年完工。"
#define ZH2 "据介绍，新公园将以湿地和林地为主，兼顾市民休闲与生态保护，并配套建设步道。"

static struct article
load(const char *html, enum html_mode mode)
{
	struct doc d = { 0 };
	char *cause = NULL;
	assert_int_equal(html_read(html, strlen(html), mode, &d, &cause), 0);
	assert_null(cause);
	struct article a;
	assert_int_equal(doc_article(&d, "page.html", &a), 0);
	doc_free(&d);
	return a;
}

static void
check(const char *html, enum html_mode mode, const char *const *want, size_t nwant)
{
	struct article a = load(html, mode);
	int bad = support_check_blocks(a.text, a.blocks, a.nblocks, want, nwant);
	article_free(&a);
	assert_int_equal(bad, 0);
}

#define CHECK(html, mode, ...)                                                  \
	do {                                                                    \
		static const char *const w_[] = { __VA_ARGS__ };                 \
		check(html, mode, w_, sizeof w_ / sizeof w_[0]);                 \
	} while (0)

/* Navigation, a footer and an aside are dropped from the article and kept
 * as boilerplate, in their places. */
static void
test_nav_dropped(void **state)
{
	(void)state;
	CHECK("<body><nav><a href=/>Home</a> <a href=/news>News</a></nav>"
	      "<article><p>" EN1 "</p><p>" EN2 "</p></article>"
	      "<footer>Copyright 2025 The Daily</footer></body>",
	      HTML_EXTRACT_ARTICLE, "boilerplate|Home News", "paragraph|" EN1, "paragraph|" EN2,
	      "boilerplate|Copyright 2025 The Daily");
}

/* A block of links inside the article's container goes. */
static void
test_link_dense_dropped(void **state)
{
	(void)state;
	CHECK("<body><div><p>" EN1 "</p><p>" EN2 "</p>"
	      "<div>More: <a href=a>Trams in the city centre</a>, <a href=b>Bus fares rise</a>,"
	      " <a href=c>River walk opens</a></div></div></body>",
	      HTML_EXTRACT_ARTICLE, "paragraph|" EN1, "paragraph|" EN2,
	      "boilerplate|More: Trams in the city centre, Bus fares rise, River walk opens");
}

/* Class and id hints: a "sidebar" with as much text loses to "content". */
static void
test_class_hints(void **state)
{
	(void)state;
	CHECK("<body><div class=sidebar><p>" EN2 "</p><p>" EN1 "</p></div>"
	      "<div id=main-content><p>" EN1 "</p><p>" EN2 "</p></div></body>",
	      HTML_EXTRACT_ARTICLE, "boilerplate|" EN2, "boilerplate|" EN1, "paragraph|" EN1,
	      "paragraph|" EN2);
}

/* Chinese punctuation scores: three short Chinese paragraphs with their
 * ，。 beat a longer paragraph that has no comma (counting only ',' they
 * would lose). */
static void
test_cjk_punctuation(void **state)
{
	(void)state;
	static const char *const words =
		"Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
		"incididunt ut labore et dolore magna aliqua Ut enim ad minim veniam quis nostrud "
		"exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat Duis aute "
		"irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat";
	char html[4096];
	snprintf(html, sizeof html,
		 "<body><div><p>%s</p></div>"
		 "<div><p>" ZH1 "</p><p>" ZH2 "</p><p>" ZH1 "</p></div></body>",
		 words);
	char b0[600];
	snprintf(b0, sizeof b0, "boilerplate|%s", words);
	const char *const want[] = { b0, "paragraph|" ZH1, "paragraph|" ZH2, "paragraph|" ZH1 };
	check(html, HTML_EXTRACT_ARTICLE, want, 4);
}

/* Text loose in a div beside a block (text and <br>, as Chinese sites
 * write) scores as a paragraph of that div. */
static void
test_loose_text(void **state)
{
	(void)state;
	CHECK("<body><div class=nav><a href=/>首页</a></div><div><div>" ZH1 "<br><br>" ZH2
	      "<br>" ZH1 "<div class=gallery></div></div></div></body>",
	      HTML_EXTRACT_ARTICLE, "boilerplate|首页", "paragraph|" ZH1, "paragraph|" ZH2,
	      "paragraph|" ZH1);
}

/* A byline, a date line and a photo credit inside the article are page
 * metadata: boilerplate. */
static void
test_byline_dropped(void **state)
{
	(void)state;
	CHECK("<body><article><div class=byline>By Ann Lee</div>"
	      "<span class=storyDate>Posted: Fri 6:45 PM</span><p>" EN1 "</p>"
	      "<div class=\"photo-credit\">Getty Images</div><p>" EN2 "</p></article></body>",
	      HTML_EXTRACT_ARTICLE, "boilerplate|By Ann Lee", "boilerplate|Posted: Fri 6:45 PM",
	      "paragraph|" EN1, "boilerplate|Getty Images", "paragraph|" EN2);
}

/* An article cut into sections, each wrapped deep enough that its score
 * stays below the wrapper (a magazine's layout), with figures between:
 * every section is the article, the captions between them are not. */
static void
test_wrapped_sections(void **state)
{
	(void)state;
#define SECTION(ps) "<section class=outer><div><div><div class=inner>" ps "</div></div></div></section>"
	CHECK("<body><div class=nav><a href=/>Home</a> <a href=/a>About</a></div><div class=post>"
	      SECTION("<p>" EN1 "</p><p>" EN2 "</p><p>" EN1 "</p>")
	      "<figure><img src=a.jpg><figcaption>The river at dawn.</figcaption></figure>"
	      SECTION("<p>" EN2 "</p><p>" EN1 "</p><p>" EN2 "</p><p>" EN1 "</p>")
	      "<figure><img src=b.jpg><figcaption>A tram.</figcaption></figure>"
	      SECTION("<h2>Next year</h2><p>" EN1 "</p><p>" EN2 "</p><p>" EN1 "</p>")
	      "</div></body>",
	      HTML_EXTRACT_ARTICLE, "boilerplate|Home About", "paragraph|" EN1, "paragraph|" EN2,
	      "paragraph|" EN1, "boilerplate|The river at dawn.", "paragraph|" EN2,
	      "paragraph|" EN1, "paragraph|" EN2, "paragraph|" EN1, "boilerplate|A tram.",
	      "heading|Next year", "paragraph|" EN1, "paragraph|" EN2, "paragraph|" EN1);
#undef SECTION
}

/* CNN's layout: the lead paragraph in a wrapper of its own before the
 * wrapper that scores best joins the article, with its dateline (an inline
 * <cite>, part of the sentence); a paragraph wrapped alone after the article
 * (a promotion) does not. */
static void
test_wrapped_lead(void **state)
{
	(void)state;
#define LEAD "President Lee, according to the council, made an unscheduled trip to the " \
	     "river on Saturday for a quick look at the works."
#define PARA(s) "<div class=\"zn-body__paragraph\">" s "</div>"
	CHECK("<body><div class=l-container>"
	      "<div class=\"el__leafmedia\"><p class=\"zn-body__paragraph\"><cite "
	      "class=\"el-editorial-source\">(CNN)</cite> " LEAD "</p></div>"
	      PARA("You should not just believe them.")
	      "<div class=\"zn-body__read-all\">" PARA(EN1) PARA(EN2) PARA(EN1) PARA(EN2) "</div>"
	      "<div class=\"copy\"><p><em><a href=/f>Join our forums</a> to keep talking "
	      "about the river, the trams and more, and send us your news tips.</em></p></div>"
	      "</div></body>",
	      HTML_EXTRACT_ARTICLE, "paragraph|(CNN) " LEAD, "paragraph|You should not just believe them.",
	      "paragraph|" EN1, "paragraph|" EN2, "paragraph|" EN1, "paragraph|" EN2,
	      "boilerplate|Join our forums to keep talking about the river, the trams and more, and "
	      "send us your news tips.");
#undef PARA
#undef LEAD
}

/* A saved page's picture captions (figcaption, class or id "caption"; a
 * caption and its credit in two paragraphs) describe pictures the terminal does not show: boilerplate, where they
 * stand; a chapter keeps them (test_structure). */
static void
test_captions_dropped(void **state)
{
	(void)state;
	CHECK("<body><article><p>" EN1 "</p>"
	      "<figure><img src=a.jpg><figcaption>The river at dawn. (Photo: A. Lee)</figcaption></figure>"
	      "<p>" EN2 "</p><div class=\"wp-caption\"><img src=b.jpg>"
	      "<p class=\"wp-caption-text\">The new tram, seen from the bridge.</p></div>"
	      "<p>" EN1 "</p><span id=imageCaption>A third picture</span>"
	      "<div class=featured-image-caption><p>The depot.</p><p>Image: B. Wu</p></div>"
	      "</article></body>",
	      HTML_EXTRACT_ARTICLE, "paragraph|" EN1, "boilerplate|The river at dawn. (Photo: A. Lee)",
	      "paragraph|" EN2, "boilerplate|The new tram, seen from the bridge.", "paragraph|" EN1,
	      "boilerplate|A third picture", "boilerplate|The depot.", "boilerplate|Image: B. Wu");
}

/* A paragraph that is one link in the article is a teaser for another
 * page (相关新闻, 此前报道, READ MORE): boilerplate; a bare address (a
 * source cited) and a paragraph with a link in its text stay. */
static void
test_link_paragraphs(void **state)
{
	(void)state;
	CHECK("<body><div class=content><p><a href=/a>点击进入“文艺星青年”&gt;&gt;</a></p><p>" ZH1
	      "</p><p>" ZH2 "<a href=/b>详见通知</a>。</p><p>此前报道：<a href=/c>港媒曝陈同佳出狱前首受访"
	      " 称“对不起香港人”</a></p><p><a href=/d>http://www.example.cn/2019/notice.html</a></p>"
	      "<p>" ZH1 "</p></div></body>",
	      HTML_EXTRACT_ARTICLE, "boilerplate|点击进入“文艺星青年”>>", "paragraph|" ZH1,
	      "paragraph|" ZH2 "详见通知。",
	      "boilerplate|此前报道：港媒曝陈同佳出狱前首受访 称“对不起香港人”",
	      "paragraph|http://www.example.cn/2019/notice.html", "paragraph|" ZH1);
}

/* Lines of furniture by their words inside the article: the page's
 * metadata labels, 责任编辑, a breadcrumb; a lone 来源 in prose stays. */
static void
test_furniture_lines(void **state)
{
	(void)state;
	CHECK("<body><div><p>来源：新华网 作者：李四</p><p>" ZH1 "</p><p>" ZH2 "</p>"
	      "<p>消息来源：记者现场采访。</p><p>（责任编辑：张三）</p></div></body>",
	      HTML_EXTRACT_ARTICLE, "boilerplate|来源：新华网 作者：李四", "paragraph|" ZH1,
	      "paragraph|" ZH2, "paragraph|消息来源：记者现场采访。", "boilerplate|（责任编辑：张三）");
	/* an editor and proofreader line, bracketed or not, indented; a row of
	 * tags; share buttons (with an icon font's glyphs); a follow-us QR
	 * code; a picture credit; a disclaimer */
	CHECK("<body><div><p>" ZH1 "</p><p>" ZH2 "</p>"
	      "<p>\u3000\u3000【编辑：姚昊】</p><p>编辑 刘晓阳 校对 李铭</p>"
	      "<p>20190926|国贸|增长率|全球经济</p><p><span>\uE617</span>微信 <span>\uE618</span>微博</p>"
	      "<p>专注苹果新闻报道。扫描下方二维码关注苹果汇官方微信。</p><p>图片均来自网络</p>"
	      "<p>声明：本报力求信息真实、准确，文章提及内容仅供参考。</p>"
	      "<p>棱镜|数据业大整顿</p></div></body>",
	      HTML_EXTRACT_ARTICLE, "paragraph|" ZH1, "paragraph|" ZH2, "boilerplate|【编辑：姚昊】",
	      "boilerplate|编辑 刘晓阳 校对 李铭", "boilerplate|20190926|国贸|增长率|全球经济",
	      "boilerplate|微信 微博", "boilerplate|专注苹果新闻报道。扫描下方二维码关注苹果汇官方微信。",
	      "boilerplate|图片均来自网络", "boilerplate|声明：本报力求信息真实、准确，文章提及内容仅供参考。",
	      "paragraph|棱镜|数据业大整顿");
}

/* script, style, template, noscript and svg hold no text; hidden elements
 * are boilerplate. */
static void
test_script_dropped(void **state)
{
	(void)state;
	CHECK("<head><style>p{color:red}</style></head><body><article>"
	      "<p>" EN1 "<script>var t = \"not text\";</script></p>"
	      "<template><p>template text</p></template><noscript>Enable JavaScript</noscript>"
	      "<svg><text>svg text</text></svg>"
	      "<p>" EN2 "</p><p style=\"display: none\">hidden text</p></article></body>",
	      HTML_EXTRACT_ARTICLE, "paragraph|" EN1, "paragraph|" EN2, "boilerplate|hidden text");
}

/* visibility:hidden is no hiding (WeChat's article until its script runs);
 * a page whose text is mostly under display:none is read as shown. */
static void
test_hidden_rules(void **state)
{
	(void)state;
	CHECK("<body><div id=js_content style=\"visibility: hidden;\"><p>" ZH1 "</p><p>" ZH2
	      "</p></div></body>",
	      HTML_EXTRACT_ARTICLE, "paragraph|" ZH1, "paragraph|" ZH2);
	CHECK("<body><div style=\"display:none\"><article><p>" EN1 "</p><p>" EN2 "</p></article>"
	      "</div><p>short</p></body>",
	      HTML_EXTRACT_ARTICLE, "paragraph|" EN1, "paragraph|" EN2, "boilerplate|short");
}

/* Entities that decode to controls never reach the text: ESC with its
 * sequence, BEL, a raw C1 CSI; &#x9b; is '›' (the HTML5 table). */
static void
test_entities_sanitized(void **state)
{
	(void)state;
	CHECK("<body><p>A&#27;[31mB E&#7;F &#x9b; G&#x202E;H&#xFEFF;I&#27;]0;title&#7;J</p></body>",
	      HTML_WHOLE_BODY, "paragraph|AB EF \u203A GHIJ");
	/* &#x9d; and &#x90; stay C1 (OSC, DCS) in HTML5's table: with no end
	 * they go alone, not with the paragraph after them (as sanitize_text
	 * drops them); with one, the string goes */
	CHECK("<body><p>他说&#x9d;我们在杭州。</p><p>甲&#x90;乙</p><p>A&#x9d;0;t&#7;B</p></body>",
	      HTML_WHOLE_BODY, "paragraph|他说我们在杭州。", "paragraph|甲乙", "paragraph|AB");
}

/* Raw escape sequences in a page (not entities) go whole, in the title,
 * a meta field and the text, before the parser turns each ESC into a
 * U+FFFD and leaves the rest of the sequence as text. */
static void
test_raw_escapes(void **state)
{
	(void)state;
	static const char html[] =
		"<title>A\x1b]0;pwned\x07\x1b[2J title \xc2\x9b" "31m</title>"
		"<meta name=author content=\"\x1b[31mAnn\">"
		"<body><h1>\x1b[5mBlink</h1><p>" ZH1 "\x1b[31m" ZH2 "\x1b[0m</p></body>";
	struct article a = load(html, HTML_EXTRACT_ARTICLE);
	assert_string_equal(a.meta.title, "A title");
	assert_string_equal(a.meta.author, "Ann");
	static const char *const want[] = { "heading|Blink", "paragraph|" ZH1 ZH2 };
	int bad = support_check_blocks(a.text, a.blocks, a.nblocks, want, 2);
	article_free(&a);
	assert_int_equal(bad, 0);
}

/* A page nested deeper than any real one (an attack, a broken generator)
 * is read in moments, and the text at the bottom is kept: 100,000 <div>s
 * took the parser minutes; 2,000 <b><i> pairs hid their text below the
 * tree's reading depth. */
static void
test_deep_nesting(void **state)
{
	(void)state;
	static const char *const open[] = { "<div>", "<b><i>" };
	static const size_t times[] = { 100000, 2000 };
	for (size_t k = 0; k < 2; k++) {
		size_t n = times[k], ol = strlen(open[k]);
		char *html = malloc(n * (2 * ol + 1) + 256);
		assert_non_null(html);
		char *p = html;
		p += sprintf(p, "<body>");
		for (size_t i = 0; i < n; i++, p += ol)
			memcpy(p, open[k], ol);
		p += sprintf(p, "<p>%s</p>", ZH1);
		for (size_t i = 0; i < n && k == 0; i++, p += 6)
			memcpy(p, "</div>", 6);
		strcpy(p, "</body>");
		struct article a = load(html, HTML_EXTRACT_ARTICLE);
		free(html);
		static const char *const want[] = { "paragraph|" ZH1 };
		int bad = support_check_blocks(a.text, a.blocks, a.nblocks, want, 1);
		article_free(&a);
		assert_int_equal(bad, 0);
	}
}

/* doc_article cleans what any reader puts in a doc: a raw C1 CSI with its
 * sequence, controls; a pre block keeps its lines, others lose theirs. */
static void
test_doc_clean(void **state)
{
	(void)state;
	struct doc d = { 0 };
	assert_int_equal(doc_push(&d, BLOCK_PARAGRAPH, 0, 0, "C\xC2\x9B" "1mD\nE\x01", 9), 0);
	assert_int_equal(doc_push(&d, BLOCK_PRE, 0, 0, " a\n b ", 7), 0);
	assert_int_equal(doc_push(&d, BLOCK_PARAGRAPH, 0, 0, " \u3000\n", 5), 0); /* blank: not added */
	assert_int_equal(d.n, 2);
	struct article a;
	assert_int_equal(doc_article(&d, NULL, &a), 0);
	static const char *const want[] = { "paragraph|CD E", "pre| a\n b " };
	assert_int_equal(support_check_blocks(a.text, a.blocks, a.nblocks, want, 2), 0);
	assert_int_equal(a.stats.controls, 2);
	article_free(&a);
	doc_free(&d);
	/* an icon font's Private Use Area glyphs are dropped, not shown as
	 * U+FFFD; a presentation form for vertical text reads across (a Hong
	 * Kong page's ︰ is its colon) */
	CHECK("<body><p>\uE617 4 \U000F0001\u5206\u4EAB \u8868\u793A\uFE30\uFE41\u597D\uFE42</p></body>",
	      HTML_WHOLE_BODY, "paragraph|4 \u5206\u4EAB \u8868\u793A\uFF1A\u300C\u597D\u300D");
}

/* Headings, quotes, captions, nested and numbered lists. */
static void
test_structure(void **state)
{
	(void)state;
	CHECK("<title>Notes</title><body><h2>Plans</h2><ul><li>one<ul><li>inner <b>bold</b></li></ul></li>"
	      "<li>two</li></ul><ol><li>first</li><li>second<p>more</p></li></ol>"
	      "<blockquote><p>quoted</p></blockquote>"
	      "<figure><figcaption>A tram</figcaption></figure></body>",
	      HTML_WHOLE_BODY, "heading|Plans", "list item|\u2022 one", "list item|  \u2022 inner bold",
	      "list item|\u2022 two", "list item|1. first", "list item|2. second",
	      "list item|  more", "quote|quoted", "caption|A tram");
}

/* <pre> keeps its lines and spaces; a table is aligned text. */
static void
test_pre_and_table(void **state)
{
	(void)state;
	CHECK("<body><pre>  int x;\n\n    x = 1;  </pre>"
	      "<table><caption>人口</caption><tr><th>城市</th><th>人口</th></tr>"
	      "<tr><td>Hangzhou</td><td>1200</td></tr><tr><td>成都</td><td>2100</td></tr></table>"
	      "</body>",
	      HTML_WHOLE_BODY, "pre|  int x;\n\n    x = 1;", "caption|人口",
	      "table|城市      人口\nHangzhou  1200\n成都      2100");
}

/* A table that lays out the page is not a data table: its cells are text. */
static void
test_layout_table(void **state)
{
	(void)state;
	CHECK("<body><table><tr><td><table><tr><td>menu</td></tr></table></td>"
	      "<td><p>" EN1 "</p></td></tr></table></body>",
	      HTML_WHOLE_BODY, "paragraph|menu", "paragraph|" EN1);
}

/* A chapter keeps everything, navigation included, but ruby annotations. */
static void
test_whole_body(void **state)
{
	(void)state;
	CHECK("<body><nav>Contents</nav><p>short</p></body>", HTML_WHOLE_BODY,
	      "paragraph|Contents", "paragraph|short");
	/* ruby: the base text; the annotation and its fallback brackets go */
	CHECK("<body><p><ruby>漢<rp>(</rp><rt>hàn</rt><rp>)</rp>字</ruby>と"
	      "<ruby><rb>東</rb><rt>とう</rt></ruby></p></body>",
	      HTML_WHOLE_BODY, "paragraph|漢字と東");
}

/* ---- metadata ---- */

struct meta_case {
	const char *html;
	const char *title, *source, *author, *date;
};

static const struct meta_case META[] = {
	/* the site's name comes off the title, and names the source */
	{ "<title>杭州将新建三座城市公园_新浪网</title><p>x</p>", "杭州将新建三座城市公园", "新浪网", NULL, NULL },
	{ "<title>杭州将新建三座城市公园 - 网易新闻</title>", "杭州将新建三座城市公园", "网易新闻", NULL, NULL },
	{ "<title>杭州将新建三座城市公园_财经_新浪网</title>", "杭州将新建三座城市公园", "新浪网", NULL, NULL },
	{ "<title>Council backs tram extension | Reuters</title>", "Council backs tram extension",
	  "Reuters", NULL, NULL },
	/* a hyphen inside a word is no separator */
	{ "<title>COVID-19 cases fall</title>", "COVID-19 cases fall", NULL, NULL, NULL },
	/* the <h1> that matches the title wins; one that names the site does not */
	{ "<title>公园开工 城西三座_杭州网</title><body><h1>杭州网</h1><h1>x</h1></body>",
	  "公园开工 城西三座", "杭州网", NULL, NULL },
	{ "<title>Tram line to be extended - The Daily</title><body><h1>Tram line to be extended, "
	  "council says</h1>",
	  "Tram line to be extended, council says", "The Daily", NULL, NULL },
	/* meta: og:, article:, name=author */
	{ "<meta property=og:title content=\"Tram extension\"><meta property=og:site_name "
	  "content=\"The Daily\"><meta property=article:published_time "
	  "content=\"2025-03-04T10:00:00Z\"><meta name=author content=\"Ann Lee\">",
	  "Tram extension", "The Daily", "Ann Lee", "2025-03-04" },
	/* JSON-LD */
	{ "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
	  "\"@type\":\"NewsArticle\",\"headline\":\"三座公园\",\"author\":[{\"@type\":\"Person\","
	  "\"name\":\"张三\"}],\"datePublished\":\"2025-04-03\",\"publisher\":{\"name\":"
	  "\"杭州日报\"}}</script>",
	  "三座公园", "杭州日报", "张三", "2025-04-03" },
	{ "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebPage\"},"
	  "{\"@type\":\"Article\",\"headline\":\"In a graph\"}]}</script><title>Other</title>",
	  "In a graph", NULL, NULL, NULL },
	/* "--" and a bare hyphen before a Chinese site name separate */
	{ "<title>女儿出嫁，郑板桥画了几笔兰花当嫁妆--文化--人民网</title>",
	  "女儿出嫁，郑板桥画了几笔兰花当嫁妆", "人民网", NULL, NULL },
	{ "<title>阿里发布最强AI芯片，一块顶十块GPU-EDN 电子技术设计</title>",
	  "阿里发布最强AI芯片，一块顶十块GPU", "EDN 电子技术设计", NULL, NULL },
	/* an element named title that the <title> holds, with what the title
	 * adds before or after it (no separator) left out */
	{ "<title>明日股市预测--最新出炉联合国贸发报告：全球经济增长率降至2.3%</title><body>"
	  "<div class=title-text>最新出炉联合国贸发报告：全球经济增长率降至2.3%</div>",
	  "最新出炉联合国贸发报告：全球经济增长率降至2.3%", NULL, NULL, NULL },
	/* a <title> that names the section: the heading just before the text */
	{ "<title>新闻动态--中国地理学会官网</title><body><h3>首页 - 新闻动态</h3><div><h5>"
	  "人文地理学术年会在重庆举行</h5><div>发布时间：2019-05-18</div><div><p>" ZH1 "</p><p>"
	  ZH2 "</p></div></div></body>",
	  "人文地理学术年会在重庆举行", NULL, NULL, NULL },
	/* references escaped twice in a meta value; an author that is a number */
	{ "<meta property=og:title content=\"&amp;#8216;Light&amp;#8217; &amp;amp; dark\">"
	  "<meta name=author content=104363>",
	  "\u2018Light\u2019 & dark", NULL, NULL, NULL },
	/* nothing to go by: the file name */
	{ "<p></p>", "page", NULL, NULL, NULL },
};

static void
assert_opt_string(const char *got, const char *want)
{
	if (want == NULL) {
		if (got)
			fail_msg("want NULL, got '%s'", got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
}

static void
test_meta(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof META / sizeof META[0]; i++) {
		struct article a = load(META[i].html, HTML_EXTRACT_ARTICLE);
		assert_opt_string(a.meta.title, META[i].title);
		assert_opt_string(a.meta.source, META[i].source);
		assert_opt_string(a.meta.author, META[i].author);
		assert_opt_string(a.meta.date, META[i].date);
		article_free(&a);
	}
}

/* The heading that repeats the title is the title block. */
static void
test_title_block(void **state)
{
	(void)state;
	CHECK("<title>Tram line extended | The Daily</title><body><article><h1>Tram line "
	      "extended</h1><p>" EN1 "</p></article></body>",
	      HTML_EXTRACT_ARTICLE, "title|Tram line extended", "paragraph|" EN1);
}

/* ---- encodings ---- */

static void
test_prescan(void **state)
{
	(void)state;
	static const struct {
		const char *head, *want;
	} cases[] = {
		{ "<meta charset=\"gb2312\">", "GB18030" },
		{ "<!-- <meta charset=big5> --><META CHARSET=GBK>", "GB18030" },
		{ "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=big5\">", "BIG5-HKSCS" },
		{ "<meta content='text/html;charset=Shift_JIS' http-equiv=content-type>", "Shift_JIS" },
		{ "<?xml version=\"1.0\" encoding=\"GBK\"?><html>", "GB18030" },
		{ "<meta charset=\"no-such-thing\">", NULL },
		{ "<meta name=charset content=gbk>", NULL },
		{ "<p>charset=gbk</p>", NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char name[32] = "";
		const char *h = cases[i].head;
		int got = html_prescan_charset((const unsigned char *)h, strlen(h), name, sizeof name);
		if (cases[i].want == NULL) {
			if (got)
				fail_msg("%s: want none, got %s", h, name);
		} else {
			assert_int_equal(got, 1);
			assert_string_equal(name, cases[i].want);
		}
	}
}

/* A GBK page that says so reads right; a UTF-8 page whose meta still names
 * GBK reads as UTF-8. */
static void
test_decode_gbk(void **state)
{
	(void)state;
	const char *utf8 = "<html><head><meta charset=\"gbk\"><title>公园</title></head>"
			   "<body><p>" ZH1 "</p></body></html>";
	char gbk[1024];
	iconv_t cd = iconv_open("GBK", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	char *in = (char *)utf8, *out = gbk;
	size_t il = strlen(utf8), ol = sizeof gbk;
	assert_true(iconv(cd, &in, &il, &out, &ol) != (size_t)-1);
	iconv_close(cd);
	size_t n = (size_t)(out - gbk);
	for (int k = 0; k < 2; k++) {
		struct source_text st;
		const unsigned char *b = k == 0 ? (const unsigned char *)gbk : (const unsigned char *)utf8;
		assert_int_equal(html_decode(NULL, b, k == 0 ? n : strlen(utf8), &st, NULL), 0);
		assert_string_equal(st.encoding, k == 0 ? "GB18030" : "UTF-8");
		assert_string_equal(st.utf8, utf8);
		source_text_free(&st);
	}
}

/* A UTF-8 page with a stray byte (a © in Latin-1 pasted in), whose meta
 * still names GBK, reads as UTF-8 with one U+FFFD, not as GBK (every
 * character garbled); a GBK page whose meta says UTF-8 reads as GBK. */
static void
test_decode_stray(void **state)
{
	(void)state;
	const char *utf8 = "<html><head><meta charset=\"gbk\"><title>公园</title></head>"
			   "<body><p>" ZH1 "\xa9 2025</p><p>" ZH2 "</p></body></html>";
	struct source_text st;
	assert_int_equal(html_decode(NULL, (const unsigned char *)utf8, strlen(utf8), &st, NULL), 0);
	assert_string_equal(st.encoding, "UTF-8");
	assert_int_equal(st.replaced, 1);
	assert_non_null(strstr(st.utf8, ZH1 "\xef\xbf\xbd 2025</p><p>" ZH2));
	source_text_free(&st);

	const char *page = "<html><head><meta charset=\"utf-8\"><title>公园</title></head>"
			   "<body><p>" ZH1 ZH2 "</p><p>" ZH2 ZH1 "</p></body></html>";
	char gbk[2048];
	iconv_t cd = iconv_open("GBK", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	char *in = (char *)page, *out = gbk;
	size_t il = strlen(page), ol = sizeof gbk;
	assert_true(iconv(cd, &in, &il, &out, &ol) != (size_t)-1);
	iconv_close(cd);
	assert_int_equal(html_decode(NULL, (const unsigned char *)gbk, (size_t)(out - gbk), &st, NULL), 0);
	assert_string_equal(st.encoding, "GB18030");
	assert_string_equal(st.utf8, page);
	source_text_free(&st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nav_dropped),	  cmocka_unit_test(test_link_dense_dropped),
		cmocka_unit_test(test_class_hints),	  cmocka_unit_test(test_cjk_punctuation),
		cmocka_unit_test(test_loose_text),	  cmocka_unit_test(test_byline_dropped),
		cmocka_unit_test(test_furniture_lines),	  cmocka_unit_test(test_wrapped_sections), cmocka_unit_test(test_wrapped_lead),
		cmocka_unit_test(test_captions_dropped),  cmocka_unit_test(test_link_paragraphs),	  cmocka_unit_test(test_hidden_rules),
		cmocka_unit_test(test_script_dropped),	  cmocka_unit_test(test_entities_sanitized),
		cmocka_unit_test(test_structure),	  cmocka_unit_test(test_pre_and_table),
		cmocka_unit_test(test_layout_table),	  cmocka_unit_test(test_whole_body),
		cmocka_unit_test(test_doc_clean),	  cmocka_unit_test(test_meta),		  cmocka_unit_test(test_title_block),
		cmocka_unit_test(test_raw_escapes),	  cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_prescan),		  cmocka_unit_test(test_decode_gbk),
		cmocka_unit_test(test_decode_stray),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
