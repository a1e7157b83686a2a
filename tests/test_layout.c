/* test_layout: line breaking as expected screen rows (indent spaces and the
 * glyphs layout_glyph draws), punctuation style, block styles, every width
 * from 1 to 200, and the kinsoku properties over every bundled article at
 * every width from 20 to 120. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glob.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "../src/article.h"
#include "../src/kinsoku.h"
#include "../src/layout.h"

#define MAXROWS 64

/* The screen rows of text laid out as one block of kind k in w columns. */
static size_t
render(const struct layout_opts *o, const char *text, enum block_kind k, int w,
       char rows[][256])
{
	struct block b = { 0, strlen(text), k };
	struct layout_lines ll = { 0 };
	assert_int_equal(layout_block(o, text, &b, w, &ll), 0);
	assert_true(ll.n <= MAXROWS);
	for (size_t i = 0; i < ll.n; i++) {
		char *r = rows[i];
		size_t n = 0;
		for (int s = 0; s < ll.v[i].indent_cols; s++)
			r[n++] = ' ';
		struct layout_glyph g;
		int cols = 0;
		for (size_t p = ll.v[i].start; p < ll.v[i].end; p = g.end) {
			layout_glyph(o, text, b.start, b.end, p, &g);
			assert_true(n + strlen(g.shown) < 256);
			memcpy(r + n, g.shown, strlen(g.shown));
			n += strlen(g.shown);
			cols += g.cols;
		}
		r[n] = 0;
		assert_int_equal(cols, ll.v[i].width_cols); /* drawing agrees */
		assert_true(ll.v[i].indent_cols + cols <= w || w == 1);
	}
	size_t n = ll.n;
	layout_lines_free(&ll);
	return n;
}

static void
expect_rows(const struct layout_opts *o, const char *text, enum block_kind k, int w,
	    const char *const *want)
{
	char rows[MAXROWS][256];
	size_t n = render(o, text, k, w, rows);
	size_t nw = 0;
	while (want[nw])
		nw++;
	int bad = n != nw;
	for (size_t i = 0; !bad && i < n; i++)
		bad = strcmp(rows[i], want[i]) != 0;
	if (!bad)
		return;
	fprintf(stderr, "layout of \"%s\" at width %d:\n", text, w);
	for (size_t i = 0; i < n || i < nw; i++)
		fprintf(stderr, "  got  |%s|\n  want |%s|\n", i < n ? rows[i] : "(none)",
			i < nw ? want[i] : "(none)");
	fail();
}

#define ROWS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static struct layout_opts
plain(void)
{
	struct layout_opts o;
	layout_opts_default(&o);
	o.indent_cols = 0;
	return o;
}

/* Each character that may not start a line travels down with the character
 * before it: at width 6 "一二三" fills a line exactly. */
static void
test_forbidden_start(void **state)
{
	(void)state;
	struct layout_opts o = plain();
	static const char *const close[] = { "，", "。", "、", "；", "：", "？", "！", "）",
					     "」", "』", "”", "’", "》", "〉", "】", "…",
					     "—", "·", "・", "ー", "っ", "々", "～" };
	for (size_t i = 0; i < sizeof close / sizeof close[0]; i++) {
		char in[64], row2[64];
		snprintf(in, sizeof in, "一二三%s四", close[i]);
		snprintf(row2, sizeof row2, "三%s四", close[i]);
		expect_rows(&o, in, BLOCK_PARAGRAPH, 6, ROWS("一二", row2));
	}
	/* ASCII , ; : ? ! ) after Chinese (shown full-width) and . (kept). */
	static const struct {
		const char *in, *row2;
	} ascii[] = {
		{ "一二三,四", "三，四" }, { "一二三;四", "三；四" }, { "一二三:四", "三：四" },
		{ "一二三?四", "三？四" }, { "一二三!四", "三！四" }, { "一二三)四", "三）四" },
		{ "一二三.四", "三.四" },
	};
	for (size_t i = 0; i < sizeof ascii / sizeof ascii[0]; i++)
		expect_rows(&o, ascii[i].in, BLOCK_PARAGRAPH, 6, ROWS("一二", ascii[i].row2));
	/* With the style off, ASCII stays ASCII and still never starts a line. */
	o.punct_fullwidth = 0;
	expect_rows(&o, "一二三,四", BLOCK_PARAGRAPH, 6, ROWS("一二", "三,四"));
	expect_rows(&o, "一二三)四", BLOCK_PARAGRAPH, 6, ROWS("一二", "三)四"));
}

/* Opening marks never end a line: they go down with what follows. */
static void
test_forbidden_end(void **state)
{
	(void)state;
	struct layout_opts o = plain();
	static const char *const open[] = { "（", "「", "『", "“", "‘", "《", "〈", "【", "〔" };
	for (size_t i = 0; i < sizeof open / sizeof open[0]; i++) {
		char in[64], row2[64];
		snprintf(in, sizeof in, "一二%s三四", open[i]);
		snprintf(row2, sizeof row2, "%s三四", open[i]);
		expect_rows(&o, in, BLOCK_PARAGRAPH, 6, ROWS("一二", row2));
	}
	expect_rows(&o, "一二(三四", BLOCK_PARAGRAPH, 6, ROWS("一二", "（三四"));
	expect_rows(&o, "ab cd (ef", BLOCK_PARAGRAPH, 7, ROWS("ab cd", "(ef"));
}

static void
test_chains(void **state)
{
	(void)state;
	struct layout_opts o = plain();
	expect_rows(&o, "一二三。”四", BLOCK_PARAGRAPH, 6, ROWS("一二", "三。”", "四"));
	expect_rows(&o, "一二三”，四", BLOCK_PARAGRAPH, 6, ROWS("一二", "三”，", "四"));
	expect_rows(&o, "一二三？！四", BLOCK_PARAGRAPH, 6, ROWS("一二", "三？！", "四"));
	expect_rows(&o, "一二三——四", BLOCK_PARAGRAPH, 7, ROWS("一二", "三——四"));
	expect_rows(&o, "一二三……四", BLOCK_PARAGRAPH, 7, ROWS("一二", "三……四"));
	expect_rows(&o, "一二“三”。", BLOCK_PARAGRAPH, 6, ROWS("一二", "“三”。"));
	/* A chain longer than the line is cut at the end (nothing else fits). */
	expect_rows(&o, "一。。。。", BLOCK_PARAGRAPH, 4, ROWS("一。", "。。", "。"));
}

static void
test_latin(void **state)
{
	(void)state;
	struct layout_opts o = plain();
	expect_rows(&o, "我们使用DeepSeek-R1模型", BLOCK_PARAGRAPH, 16,
		    ROWS("我们使用", "DeepSeek-R1模型"));
	expect_rows(&o, "芯片H800AI和GPT-o1", BLOCK_PARAGRAPH, 10, ROWS("芯片H800AI", "和GPT-o1"));
	expect_rows(&o, "芯片H800AI和GPT-o1", BLOCK_PARAGRAPH, 9,
		    ROWS("芯片", "H800AI和", "GPT-o1"));
	expect_rows(&o, "增长率为557.6万元和1.7%左右", BLOCK_PARAGRAPH, 14,
		    ROWS("增长率为", "557.6万元和", "1.7%左右"));
	expect_rows(&o, "约2023年8月", BLOCK_PARAGRAPH, 7, ROWS("约", "2023年", "8月"));
	expect_rows(&o, "ab cd (ef", BLOCK_PARAGRAPH, 7, ROWS("ab cd", "(ef"));
	/* Spaces at a break disappear, inside and around. */
	expect_rows(&o, "  one two   three  ", BLOCK_PARAGRAPH, 8, ROWS("one two", "three"));
	expect_rows(&o, "the Open AI model", BLOCK_PARAGRAPH, 8, ROWS("the Open", "AI model"));
	expect_rows(&o, "图/新华社", BLOCK_PARAGRAPH, 4, ROWS("图/", "新华", "社"));
	expect_rows(&o, "mail x@example.com now", BLOCK_PARAGRAPH, 15,
		    ROWS("mail", "x@example.com", "now"));
}

/* A token longer than the line (URL, path, e-mail address) is cut after a
 * '/' or before . @ ? # - & =, filling each row; a token that fits on the
 * next row moves there whole; only a token with none of those marks is cut
 * at a cluster boundary, and never right before a closing mark. */
static void
test_long_url(void **state)
{
	(void)state;
	struct layout_opts o = plain();
	expect_rows(&o, "见https://example.com/a/very/long/path。", BLOCK_PARAGRAPH, 12,
		    ROWS("见https://", "example.com/", "a/very/long/", "path。"));
	expect_rows(&o, "abcdefgh", BLOCK_PARAGRAPH, 3, ROWS("abc", "def", "gh"));
	/* fits on a row of its own: moves whole, never /R + EADME */
	expect_rows(&o, "debhelper 的说明位于 /usr/share/doc/debhelper/README 中，建议先读。",
		    BLOCK_PARAGRAPH, 40,
		    ROWS("debhelper 的说明位于", "/usr/share/doc/debhelper/README 中，建议",
			 "先读。"));
	/* wider than the line: after '/', before '.', '@', '?', '-' */
	expect_rows(&o, "见 https://lists.debian.org/debian-mentors/2023/09/msg00012.html 。",
		    BLOCK_PARAGRAPH, 30,
		    ROWS("见 https://lists.debian.org/", "debian-mentors/2023/09/",
			 "msg00012.html 。"));
	expect_rows(&o, "写信到 debian-l10n-chinese-translators@lists.debian.org 询问",
		    BLOCK_PARAGRAPH, 30,
		    ROWS("写信到 debian-l10n-chinese", "-translators@lists.debian.org",
			 "询问"));
	expect_rows(&o, "https://example.com/search?q=abc#top", BLOCK_PARAGRAPH, 22,
		    ROWS("https://example.com/", "search?q=abc#top"));
	expect_rows(&o, "https://example.com/searchpage?q=abc#top", BLOCK_PARAGRAPH, 22,
		    ROWS("https://example.com/", "searchpage?q=abc#top"));
	/* a cut after a '/' is preferred to one a little later before a '.' */
	expect_rows(&o, "页面 https://wiki.gentoo.org/wiki/Handbook", BLOCK_PARAGRAPH, 20,
		    ROWS("页面 https://", "wiki.gentoo.org/", "wiki/Handbook"));
	/* a number is not cut before its decimal point */
	expect_rows(&o, "共557.6万", BLOCK_PARAGRAPH, 6, ROWS("共", "557.6", "万"));
}

/* The kinsoku rules a long token and a footnote mark use, on their own. */
static void
test_kinsoku_tokens(void **state)
{
	(void)state;
	static const struct {
		int32_t a, b;
		int want;
	} cut[] = {
		{ '/', 'l', 1 }, { 'e', '.', 1 }, { 'x', '@', 1 }, { 'h', '?', 1 }, { 'p', '#', 1 },
		{ 'n', '-', 1 }, { 'a', '&', 1 }, { 'q', '=', 1 }, { '/', '/', 0 }, { '-', '-', 0 },
		{ '.', '.', 0 }, { 'a', 'b', 0 }, { '7', '.', 0 }, { '.', 'c', 0 }, { '@', 'x', 0 },
		{ '-', 'x', 0 }, { 0x4e00, '/', 0 },
	};
	for (size_t i = 0; i < sizeof cut / sizeof cut[0]; i++) {
		struct kinsoku_unit a = { cut[i].a, (unsigned char)kinsoku_class_of(cut[i].a), 0 };
		struct kinsoku_unit b = { cut[i].b, (unsigned char)kinsoku_class_of(cut[i].b), 0 };
		a.latin = cut[i].a < 0x80;
		b.latin = cut[i].b < 0x80;
		if (kinsoku_can_break_long(&a, &b) != cut[i].want)
			fail_msg("cut %zu: U+%04X | U+%04X want %d", i, (unsigned)cut[i].a,
				 (unsigned)cut[i].b, cut[i].want);
	}
	static const struct {
		const char *s;
		size_t len;
	} note[] = {
		{ "[4]", 3 },   { "[12]。", 4 }, { "^[4]x", 4 },  { "[注1]", 6 }, { "[註12]", 7 },
		{ "①", 3 },     { "⑳", 3 },      { "❶", 3 },      { "[1234]", 0 }, { "[]", 0 },
		{ "[a]", 0 },   { "[4", 0 },     { "^4", 0 },     { "(4)", 0 },    { "", 0 },
		{ "4]", 0 },    { "[注]", 0 },   { "\u2474", 0 },
	};
	for (size_t i = 0; i < sizeof note / sizeof note[0]; i++)
		if (kinsoku_note_len(note[i].s, strlen(note[i].s)) != note[i].len)
			fail_msg("note %zu (%s): want %zu", i, note[i].s, note[i].len);
	/* dot leaders part; a lone '.' still never starts a line */
	struct kinsoku_unit d = { '.', KINSOKU_CL, 1 }, x = { 'x', KINSOKU_AL, 1 };
	assert_true(kinsoku_can_break(&d, &d, &d, 0));
	assert_false(kinsoku_can_break(&x, &d, &d, 0));
	assert_false(kinsoku_can_break(NULL, &x, &d, 1));
}

/* A joined hard-wrapped line: a URL wrapped after '/' is one token again;
 * a '\n' with the next line's indentation is one joiner. */
static void
test_joined_lines(void **state)
{
	(void)state;
	struct layout_opts o = plain();
	expect_rows(&o, "见 https://\nlists.debian.org/debian-mentors/ 页面", BLOCK_PARAGRAPH, 80,
		    ROWS("见 https://lists.debian.org/debian-mentors/ 页面"));
	expect_rows(&o, "一个套件在上传之前必\n        须满足的条件", BLOCK_PARAGRAPH, 80,
		    ROWS("一个套件在上传之前必须满足的条件"));
	expect_rows(&o, "Gentoo lets\n    the user", BLOCK_PARAGRAPH, 80,
		    ROWS("Gentoo lets the user"));
	/* the joined URL breaks like any long token */
	expect_rows(&o, "见 https://\nlists.debian.org/debian-mentors/ 页面", BLOCK_PARAGRAPH, 30,
		    ROWS("见 https://lists.debian.org/", "debian-mentors/ 页面"));
	/* a word hyphenated at a line's end (groff's U+2010) is whole again,
	 * and is not broken there; a hyphen between letters of two cases,
	 * before a digit or at the block's end stays (non‐ASCII, RFC‐1234) */
	expect_rows(&o, "is speci\u2010\n       fied.", BLOCK_PARAGRAPH, 80, ROWS("is specified."));
	expect_rows(&o, "aa speci\u2010\n       fied.", BLOCK_PARAGRAPH, 10, ROWS("aa", "specified."));
	expect_rows(&o, "FOR\u2010\nMAT1", BLOCK_PARAGRAPH, 80, ROWS("FORMAT1"));
	expect_rows(&o, "non\u2010\n   ASCII RFC\u2010\n1234 end\u2010", BLOCK_PARAGRAPH, 80,
		    ROWS("non\u2010ASCII RFC\u20101234 end\u2010"));
}

/* Footnote marks stay with the word before them: never "^[" / "4]", never
 * a mark at the start of a row. */
static void
test_footnotes(void **state)
{
	(void)state;
	struct layout_opts o = plain();
	expect_rows(&o, "一二三四[4]五六", BLOCK_PARAGRAPH, 8, ROWS("一二三", "四[4]五", "六"));
	expect_rows(&o, "一二三四^[4]五六", BLOCK_PARAGRAPH, 10, ROWS("一二三", "四^[4]五六"));
	expect_rows(&o, "一二三例子^[12]。后", BLOCK_PARAGRAPH, 12,
		    ROWS("一二三例", "子^[12]。后"));
	expect_rows(&o, "一二三四①五六", BLOCK_PARAGRAPH, 8, ROWS("一二三", "四①五六"));
	expect_rows(&o, "一二三四[注1]五", BLOCK_PARAGRAPH, 8, ROWS("一二三", "四[注1]", "五"));
	expect_rows(&o, "words here [4] more", BLOCK_PARAGRAPH, 13,
		    ROWS("words", "here [4] more"));
	/* brackets that are no mark break as before */
	expect_rows(&o, "一二三四[甲]五", BLOCK_PARAGRAPH, 8, ROWS("一二三四", "[甲]五"));
}

/* Lists: each item on a new row, continuation rows hanging under the text
 * after the marker, nested items as deep as in the source. */
static void
test_list_rows(void **state)
{
	(void)state;
	struct layout_opts o;
	layout_opts_default(&o);
	const char *t = "    1. 准备磁盘。根据分区表创建分区，然后\n"
			"       建立文件系统。\n"
			"       - 使用 DHCP 自动获取地址；\n"
			"    2. 下载 stage 文件。";
	expect_rows(&o, t, BLOCK_LIST, 24,
		    ROWS("1. 准备磁盘。根据分区表", "   创建分区，然后建立文", "   件系统。",
			 "   - 使用 DHCP 自动获取", "     地址；", "2. 下载 stage 文件。"));
	expect_rows(&o, "一、 总则：第一条内容很长\n    的说明。\n二、 附则。", BLOCK_LIST, 16,
		    ROWS("一、 总则：第一", "     条内容很长", "     的说明。", "二、 附则。"));
	/* too narrow for the hang: flush left */
	expect_rows(&o, "- 一二三四", BLOCK_LIST, 3, ROWS("-", "一", "二", "三", "四"));
}

/* Preformatted: line for line with the indentation; a row too long for
 * the width goes on under the line's indentation, a dot leader may part,
 * a row broken at spaces keeps one. */
static void
test_pre_rows(void **state)
{
	(void)state;
	struct layout_opts o = plain();
	const char *t = "     1  # 静态地址配置\n"
			"     2  config_enp1s0=\"192.168.0.2/24\"\n"
			"\n"
			"    分区        大小";
	expect_rows(&o, t, BLOCK_PRE, 80,
		    ROWS("     1  # 静态地址配置", "     2  config_enp1s0=\"192.168.0.2/24\"", "",
			 "    分区        大小"));
	expect_rows(&o, "    1  关于安装 ........................ 1", BLOCK_PRE, 30,
		    ROWS("    1  关于安装 ..............", "    .......... 1"));
	expect_rows(&o, "    /dev/sda1     vfat        1G      EFI 系统分区", BLOCK_PRE, 40,
		    ROWS("    /dev/sda1     vfat        1G ", "    EFI 系统分区"));
	/* a long token's rows take the whole width: it moves whole when it
	 * fits there, else it is cut after a '/' */
	expect_rows(&o, "     2  $ wget https://distfiles.gentoo.org/releases/iso.txt", BLOCK_PRE, 48,
		    ROWS("     2  $ wget ", "https://distfiles.gentoo.org/releases/iso.txt"));
	expect_rows(&o, "     2  $ wget https://distfiles.gentoo.org/releases/latest-iso.txt",
		    BLOCK_PRE, 50,
		    ROWS("     2  $ wget https://distfiles.gentoo.org/", "     releases/latest-iso.txt"));
}

static void
test_ambiguous(void **state)
{
	(void)state;
	struct layout_opts o = plain();
	/* ” may not start a line, so 好 goes down with it. */
	expect_rows(&o, "他说“你好”。", BLOCK_PARAGRAPH, 9, ROWS("他说“你", "好”。"));
	expect_rows(&o, "他说“你好”。", BLOCK_PARAGRAPH, 12, ROWS("他说“你好”。"));
	expect_rows(&o, "他说“你好”。", BLOCK_PARAGRAPH, 5, ROWS("他说", "“你", "好”。"));
	o.w.ambiguous_wide = 1; /* “ and ” take 2 columns */
	expect_rows(&o, "他说“你好”。", BLOCK_PARAGRAPH, 12, ROWS("他说“你", "好”。"));
	expect_rows(&o, "他说“你好”。", BLOCK_PARAGRAPH, 14, ROWS("他说“你好”。"));
	expect_rows(&o, "他说“你好”。", BLOCK_PARAGRAPH, 5, ROWS("他说", "“你", "好”", "。"));
}

static void
test_emoji_and_marks(void **state)
{
	(void)state;
	struct layout_opts o = plain();
	expect_rows(&o, "一二\U0001F600三", BLOCK_PARAGRAPH, 6, ROWS("一二\U0001F600", "三"));
	expect_rows(&o, "一\U0001F468\u200d\U0001F469\u200d\U0001F467二", BLOCK_PARAGRAPH, 4,
		    ROWS("一\U0001F468", "二"));
	expect_rows(&o, "\u2764\ufe0f\u2764\ufe0f", BLOCK_PARAGRAPH, 2, ROWS("\u2764\u2764"));
	expect_rows(&o, "cafe\u0301 au lait", BLOCK_PARAGRAPH, 6,
		    ROWS("cafe\u0301", "au", "lait"));
	expect_rows(&o, "x\u0301\u0302\u0303y", BLOCK_PARAGRAPH, 1,
		    ROWS("x\u0301\u0302\u0303", "y"));
	expect_rows(&o, "a\ue000b\x01", BLOCK_PARAGRAPH, 10, ROWS("a\ufffdb\ufffd"));
}

static void
test_empty(void **state)
{
	(void)state;
	struct layout_opts o = plain();
	static const char *const blank[] = { "", " ", "   \t ", "\u3000\u3000", "\n \n" };
	for (size_t i = 0; i < sizeof blank / sizeof blank[0]; i++)
		for (int w = 1; w < 10; w++)
			expect_rows(&o, blank[i], BLOCK_PARAGRAPH, w, (const char *const[]){ NULL });
}

static void
test_punct_style(void **state)
{
	(void)state;
	struct layout_opts o = plain();
	static const struct {
		const char *in, *shown;
	} cases[] = {
		{ "中国,美国", "中国，美国" },
		{ "DeepSeek,他们", "DeepSeek，他们" },
		{ "1,000 and 12:30", "1,000 and 12:30" },
		{ "时间:10:30", "时间：10:30" },
		{ "好!!", "好！！" },
		{ "真的?!", "真的？！" },
		{ "a, b; c", "a, b; c" },
		{ "使用(DeepSeek)模型", "使用（DeepSeek）模型" },
		{ "增长(1.7%),达", "增长（1.7%），达" },
		{ "GPT(o1) and f(x)", "GPT(o1) and f(x)" },
		{ "（DeepSeek)", "（DeepSeek）" },
		{ "记者(张三)", "记者（张三）" },
		{ "中文\n中文", "中文中文" },
		{ "hard\nwrapped", "hard wrapped" },
		{ "AI\n模型", "AI模型" },
		{ "a\tb", "a b" },
		/* curly quotes serve both scripts: looked through */
		{ "\"Do you know?’” she asked.", "\"Do you know?’” she asked." },
		{ "“Yes,” he said, “why not?”", "“Yes,” he said, “why not?”" },
		{ "It’s ‘odd’: really!", "It’s ‘odd’: really!" },
		{ "他说:“好吗?”", "他说：“好吗？”" },
		{ "“好”,“行”", "“好”，“行”" },
		{ "他问,“Why?”", "他问，“Why?”" },
		{ "“OK?”他问", "“OK？”他问" },
		{ "He wrote “中国?”, then left", "He wrote “中国？”, then left" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *t = cases[i].in;
		size_t len = strlen(t);
		char out[256] = "";
		struct layout_glyph g;
		size_t prev_end = 0;
		for (size_t p = 0; p < len; p = g.end) {
			size_t r = layout_glyph(&o, t, 0, len, p, &g);
			assert_int_equal(r, g.end);
			assert_int_equal(g.start, prev_end); /* positions map to source bytes */
			assert_true(g.end > g.start);
			prev_end = g.end;
			strcat(out, g.shown);
		}
		if (strcmp(out, cases[i].shown) != 0)
			fail_msg("\"%s\" shows \"%s\", want \"%s\"", t, out, cases[i].shown);
	}
	o.punct_fullwidth = 0;
	struct layout_glyph g;
	layout_glyph(&o, "中,国", 0, 7, 3, &g);
	assert_string_equal(g.shown, ",");
	assert_int_equal(g.cols, 1);
}

static void
test_styles(void **state)
{
	(void)state;
	struct layout_opts o;
	layout_opts_default(&o); /* indent 4 */
	expect_rows(&o, "一二三四五六七八", BLOCK_PARAGRAPH, 10,
		    ROWS("    一二三", "四五六七八"));
	o.indent_cols = 0;
	expect_rows(&o, "一二三四五六七八", BLOCK_PARAGRAPH, 10, ROWS("一二三四五", "六七八"));
	layout_opts_default(&o);
	expect_rows(&o, "一二三四", BLOCK_PARAGRAPH, 6, ROWS("一二三", "四")); /* no room */
	expect_rows(&o, "标题", BLOCK_TITLE, 10, ROWS("   标题"));
	expect_rows(&o, "来源：新华", BLOCK_SOURCE, 12, ROWS("  来源：新华"));
	expect_rows(&o, "记者 张三", BLOCK_BYLINE, 12, ROWS("   记者 张三"));
	expect_rows(&o, "小标题", BLOCK_HEADING, 12, ROWS("小标题"));
	expect_rows(&o, "图为测试。", BLOCK_CAPTION, 30, ROWS("          图为测试。"));
	expect_rows(&o, "一二三四五六七八九十一二三四五六七八九十", BLOCK_CAPTION, 24,
		    ROWS("  一二三四五六七八九十", "  一二三四五六七八九十"));
	expect_rows(&o, "一二三四五六七八九十一二三四五六七八九十", BLOCK_SUMMARY, 24,
		    ROWS("  一二三四五六七八九十", "  一二三四五六七八九十"));
	expect_rows(&o, "  code(x);\n\n\tb\nlong line here", BLOCK_PRE, 9,
		    ROWS("  code(x)", ";", "", " b", "long line", "here"));
	/* a web page's list items: the marker hangs, nesting indents, an
	 * item's second block hangs at its indent; too narrow: flush left */
	expect_rows(&o, "\u2022 一二三四五六七八", BLOCK_LIST_ITEM, 10,
		    ROWS("\u2022 一二三四", "  五六七八"));
	expect_rows(&o, "  \u2022 一二三四五六", BLOCK_LIST_ITEM, 10,
		    ROWS("  \u2022 一二三", "    四五六"));
	expect_rows(&o, "12. 一二三四五六七", BLOCK_LIST_ITEM, 10,
		    ROWS("12. 一二三", "    四五六", "    七"));
	expect_rows(&o, "  more text here", BLOCK_LIST_ITEM, 10, ROWS("  more", "  text", "  here"));
	expect_rows(&o, "\u2022 一二", BLOCK_LIST_ITEM, 3, ROWS("\u2022", "一", "二"));
	/* a block quote is inset like a summary; a table keeps its rows */
	expect_rows(&o, "一二三四五六七八九十一二三四五六七八九十", BLOCK_QUOTE, 24,
		    ROWS("  一二三四五六七八九十", "  一二三四五六七八九十"));
	expect_rows(&o, "城市      人口\nHangzhou  1200", BLOCK_TABLE, 20,
		    ROWS("城市      人口", "Hangzhou  1200"));
}

/* layout_measure caps, layout_margin centres. */
static void
test_measure(void **state)
{
	(void)state;
	struct layout_opts o;
	layout_opts_default(&o);
	assert_int_equal(layout_measure(&o, 40), 40);
	assert_int_equal(layout_measure(&o, 80), 80);
	assert_int_equal(layout_measure(&o, 200), 80);
	assert_int_equal(layout_margin(&o, 200), 60);
	assert_int_equal(layout_margin(&o, 81), 0);
	assert_int_equal(layout_margin(&o, 40), 0);
	assert_int_equal(layout_measure(&o, 0), 1);
}

/* ---------------------------------------------------------------- properties */

struct unitinfo {
	size_t start, end;
	int cols;
	struct kinsoku_unit k;
	int space;
};

/* What the tests judge a unit by: its shown form's first code point. */
static void
unit_info(const struct layout_opts *o, const char *t, const struct block *b, size_t p,
	  struct unitinfo *u)
{
	struct layout_glyph g;
	layout_glyph(o, t, b->start, b->end, p, &g);
	u->start = g.start;
	u->end = g.end;
	u->cols = g.cols;
	utf8proc_int32_t cp = 0;
	if (g.shown[0])
		utf8proc_iterate((const utf8proc_uint8_t *)g.shown, -1, &cp);
	else
		cp = (unsigned char)t[p] == '\n' ? '\n' : 0x200b;
	u->k.cp = cp;
	u->k.cls = (unsigned char)kinsoku_class_of(cp);
	u->k.latin = u->k.cls == KINSOKU_AL ||
		     (cp < 0x80 && (u->k.cls == KINSOKU_CL || u->k.cls == KINSOKU_OP));
	u->space = u->k.cls == KINSOKU_SP;
	/* a URL joined after its '/' (https:// + lists...): one token */
	if (cp == '\n' && p > b->start && t[p - 1] == '/' && g.end < b->end &&
	    (unsigned char)t[g.end] > ' ' && (unsigned char)t[g.end] < 0x80)
		u->k.latin = 1;
}

/* strict: also judge kinsoku (not at tiny widths, where an opening mark
 * and the character after it may not fit on one line together). */
static size_t
check_block(const struct layout_opts *o, const char *path, const char *t, const struct block *b,
	    int w, const struct layout_lines *ll, int strict)
{
	size_t breaks = 0;
	size_t p = b->start;
	for (size_t i = 0; i < ll->n; i++) {
		const struct layout_line *l = &ll->v[i];
		if (l->indent_cols + l->width_cols > w)
			fail_msg("%s w=%d: line %zu at %zu is %d+%d columns", path, w, i, l->start,
				 l->indent_cols, l->width_cols);
		/* every byte once, in order: only spaces between lines */
		if (l->start < p)
			fail_msg("%s w=%d: line %zu overlaps", path, w, i);
		struct unitinfo u;
		for (; p < l->start; p = u.end) {
			unit_info(o, t, b, p, &u);
			if (!u.space)
				fail_msg("%s w=%d: byte %zu dropped before line %zu", path, w, p, i);
		}
		int cols = 0;
		for (; p < l->end; p = u.end) {
			unit_info(o, t, b, p, &u);
			cols += u.cols;
		}
		assert_int_equal(cols, l->width_cols);
		if (i + 1 == ll->n || l->end == l->start || !strict)
			continue;
		const struct layout_line *nx = &ll->v[i + 1];
		if (b->kind == BLOCK_PRE && memchr(t + l->end, '\n', nx->start - l->end))
			continue; /* a forced break */
		if (nx->start == nx->end)
			continue;
		breaks++;
		/* the last unit of l and the first of nx */
		struct unitinfo a, z, sp;
		size_t q = l->start;
		for (; (unit_info(o, t, b, q, &a), a.end < l->end); q = a.end)
			;
		unit_info(o, t, b, nx->start, &z);
		int spaced = 0;
		for (q = l->end; q < nx->start; q = sp.end) {
			unit_info(o, t, b, q, &sp);
			spaced |= sp.cols > 0 || t[q] == '\n';
		}
		/* a long token may be cut before its '.' or '?' (the cut is
		 * judged below) */
		int token_cut = !spaced && a.k.latin && z.k.latin;
		if (z.k.cls == KINSOKU_CL && !token_cut)
			fail_msg("%s w=%d: line %zu starts with a closing mark (byte %zu)", path, w,
				 i + 1, nx->start);
		if (a.k.cls == KINSOKU_OP)
			fail_msg("%s w=%d: line %zu ends with an opening mark (byte %zu)", path, w, i,
				 a.start);
		/* a dot leader may part anywhere (kinsoku_can_break) */
		if (!spaced && a.k.latin && z.k.latin && !(a.k.cp == '.' && z.k.cp == '.')) {
			/* a Latin run was cut: only allowed when it is longer than a line */
			size_t s0 = a.start, e0 = z.end;
			struct unitinfo x;
			while (s0 > b->start) {
				size_t r = s0 - 1;
				while (r > b->start && ((unsigned char)t[r] & 0xc0) == 0x80)
					r--;
				unit_info(o, t, b, r, &x);
				if (!x.k.latin)
					break;
				s0 = r;
			}
			for (; e0 < b->end && (unit_info(o, t, b, e0, &x), x.k.latin); e0 = x.end)
				;
			int run = 0;
			for (q = s0; q < e0; q = x.end) {
				unit_info(o, t, b, q, &x);
				run += x.cols;
			}
			if (run <= w - o->indent_cols)
				fail_msg("%s w=%d: \"%.*s\" (%d columns) split at byte %zu", path, w,
					 (int)(e0 - s0), t + s0, run, l->end);
		}
	}
	struct unitinfo u;
	for (; p < b->end; p = u.end) {
		unit_info(o, t, b, p, &u);
		if (!u.space)
			fail_msg("%s w=%d: byte %zu after the last line dropped", path, w, p);
	}
	return breaks;
}

static void
test_bundled_properties(void **state)
{
	(void)state;
	glob_t g;
	assert_int_equal(glob("texts/*.txt", 0, NULL, &g), 0);
	assert_true(g.gl_pathc >= 5);
	/* and the hard-wrapped manuals: lists, listings, long tokens */
	assert_int_equal(glob("tests/data/manual-*.txt", GLOB_APPEND, NULL, &g), 0);
	assert_true(g.gl_pathc >= 8);
	struct layout_opts o;
	layout_opts_default(&o);
	size_t breaks = 0;
	for (size_t f = 0; f < g.gl_pathc; f++) {
		struct source_opts so = { 0 };
		struct article a;
		char *cause = NULL;
		if (article_load(&so, g.gl_pathv[f], &a, &cause) < 0)
			fail_msg("%s: %s", g.gl_pathv[f], cause ? cause : "?");
		struct layout_lines ll = { 0 };
		for (int w = 20; w <= 120; w++) {
			for (size_t i = 0; i < a.nblocks; i++) {
				ll.n = 0;
				assert_int_equal(layout_block(&o, a.text, &a.blocks[i], w, &ll), 0);
				breaks += check_block(&o, g.gl_pathv[f], a.text, &a.blocks[i], w, &ll, 1);
			}
		}
		layout_lines_free(&ll);
		article_free(&a);
	}
	globfree(&g);
	assert_true(breaks > 10000); /* the checks above did judge something */
}

/* One paragraph at every width from 1 to 200: the same properties; at width 1
 * every line holds one cluster. */
static void
test_every_width(void **state)
{
	(void)state;
	static const char t[] =
		"“深度求索(DeepSeek)将来怎么样不得而知,但它的横空出世至少告诉世界,"
		"中国很多‘小角落’能够爆发出大能量。”以不到OpenAI GPT-4模型十分之一的训练"
		"成本——557.6万美元,达到接近的性能……见https://example.com/x。\U0001F600e\u0301";
	struct block b = { 0, sizeof t - 1, BLOCK_PARAGRAPH };
	struct layout_opts o;
	layout_opts_default(&o);
	struct layout_lines ll = { 0 };
	for (int w = 1; w <= 200; w++) {
		ll.n = 0;
		assert_int_equal(layout_block(&o, t, &b, w, &ll), 0);
		if (w == 1) {
			for (size_t i = 0; i < ll.n; i++)
				assert_int_equal(width_next_cluster(t, b.end, ll.v[i].start), ll.v[i].end);
			continue;
		}
		check_block(&o, "every-width", t, &b, w, &ll, w >= 6);
	}
	ll.n = 0;
	assert_int_equal(layout_block(&o, t, &b, 1000, &ll), 0);
	assert_int_equal(ll.n, 1);
	/* ( ) and three , are shown full-width: one column more each */
	assert_int_equal(ll.v[0].width_cols, width_str(&o.w, t, b.end) + 5);
	layout_lines_free(&ll);
}

/* ------------------------------------------------------------ no overflow */

/* The inputs that once gave lines wider than the width: a lone combining mark
 * (after U+2062, a control for grapheme breaking) was measured as transparent
 * although it is drawn on U+25CC; clusters of several spacing code points
 * were 3 to 6 columns; an indent of 1 left 1 column for the first line. */
static void
test_overflow(void **state)
{
	(void)state;
	struct layout_opts o;
	layout_opts_default(&o); /* indent 4: 36 columns on the first line at 40 */
	char t[128] = "";
	for (int i = 0; i < 18; i++)
		strcat(t, "中");
	strcat(t, "\u2062\u0301"); /* was one line of 4 + 37 columns */
	expect_rows(&o, t, BLOCK_PARAGRAPH, 40,
		    ROWS("    中中中中中中中中中中中中中中中中中中", "\u25cc\u0301"));
	o = plain();
	expect_rows(&o, "中\u2062\u0301", BLOCK_PARAGRAPH, 2, ROWS("中", "\u25cc\u0301"));
	expect_rows(&o, "中\u0903\u0903\u0903", BLOCK_PARAGRAPH, 3, ROWS("中"));
	expect_rows(&o, "\u0903\u0903\u0903", BLOCK_PARAGRAPH, 2, ROWS("\u0903\u0903"));
	expect_rows(&o, "a\u0903\u0903\u0903", BLOCK_PARAGRAPH, 3, ROWS("a\u0903"));
	expect_rows(&o, "\u1100\u1100\u1100", BLOCK_PARAGRAPH, 2, ROWS("\u1100"));
	expect_rows(&o, "\u1100\u1161\u11a8", BLOCK_PARAGRAPH, 2, ROWS("\u1100\u1161\u11a8"));
	expect_rows(&o, "\uff76\uff9e\uff9e\uff9e", BLOCK_PARAGRAPH, 2, ROWS("\uff76\uff9e"));
	o.indent_cols = 1;
	expect_rows(&o, "中文", BLOCK_PARAGRAPH, 2, ROWS("中", "文"));
	expect_rows(&o, "中文", BLOCK_PARAGRAPH, 3, ROWS(" 中", "文"));
}

/* Hostile text: code points chosen to stress clusters, classes and widths. */
static const char *const hostile_bits[] = {
	"中", "文", "。", "，", "「", "」", "（", "）", "“", "”", "—", "…", "·",
	"a", "Z", "7", "-", "/", ".", ",", "(", ")", ":", "!", " ", "  ", "\t", "\n",
	"\u3000", "\u00a0", "\u2060", "\u200b", "\u200d", "\u2062", "\ufeff",
	"\u0301", "\u0903", "\u093f", "\u0e31", "\u1100", "\u1161", "\u11a8", "\uac00",
	"\uff76", "\uff9e", "\u3099", "\U0001F600", "\U0001F468", "\U0001F1E8",
	"\U0001F1F3", "\ufe0f", "\U0001F3FD", "\U000E0041", "\u0600", "\u0d4e",
	"\ue000", "\u0378", "\ufffd", "\u202e", "\u2028", "\x01", "\x1b", "\x7f",
	"\xc2\x9b", "\xff", "\xe4\xb8", "\xf0\x9f", "\r", "\r\n", "https://x.y/z",
	"\uff10", "\uff21", "\u3041", "\u30fc", "\u2014\u2014", "\u0301\u0301",
	"\ud7b0", "\u115f", "\u1160",
};

static unsigned
rnd(unsigned *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* No line wider than the width, whatever the text, the block kind or the
 * options: at width 1 a line that overflows holds one cluster, unindented. */
static void
test_hostile_sweep(void **state)
{
	(void)state;
	enum { NTEXT = 300 };
	static const enum block_kind kinds[] = { BLOCK_PARAGRAPH, BLOCK_TITLE, BLOCK_SUMMARY,
						 BLOCK_CAPTION, BLOCK_BYLINE, BLOCK_HEADING,
						 BLOCK_PRE };
	const size_t nbits = sizeof hostile_bits / sizeof hostile_bits[0];
	const size_t nkinds = sizeof kinds / sizeof kinds[0];
	unsigned seed = 2026;
	struct layout_lines ll = { 0 };
	size_t lines = 0, wide1 = 0;
	for (int n = 0; n < NTEXT; n++) {
		char t[2048];
		size_t len = 0, parts = rnd(&seed) % 120;
		for (size_t i = 0; i < parts; i++) {
			const char *bit = hostile_bits[rnd(&seed) % nbits];
			size_t k = strlen(bit);
			if (len + k >= sizeof t)
				break;
			memcpy(t + len, bit, k);
			len += k;
		}
		t[len] = 0;
		struct layout_opts o;
		layout_opts_default(&o);
		o.indent_cols = (int)(rnd(&seed) % 17);
		o.w.ambiguous_wide = n % 3 == 0;
		o.punct_fullwidth = n % 5 != 0;
		struct block b = { 0, len, kinds[(size_t)n % nkinds] };
		for (int w = 1; w <= 200; w++) {
			ll.n = 0;
			assert_int_equal(layout_block(&o, t, &b, w, &ll), 0);
			lines += ll.n;
			if (w > 1) {
				check_block(&o, "hostile", t, &b, w, &ll, 0);
				continue;
			}
			for (size_t i = 0; i < ll.n; i++) {
				const struct layout_line *l = &ll.v[i];
				if (l->indent_cols + l->width_cols <= 1)
					continue;
				wide1++;
				if (l->indent_cols != 0 || l->width_cols > WIDTH_CLUSTER_MAX ||
				    width_next_cluster(t, len, l->start) != l->end)
					fail_msg("text %d w=1: line %zu is %d+%d columns, bytes %zu-%zu", n,
						 i, l->indent_cols, l->width_cols, l->start, l->end);
			}
		}
	}
	layout_lines_free(&ll);
	assert_true(lines > 100000); /* the sweep did lay text out */
	assert_true(wide1 > 100);    /* and met the width-1 exception */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forbidden_start), cmocka_unit_test(test_forbidden_end),
		cmocka_unit_test(test_chains),          cmocka_unit_test(test_latin),
		cmocka_unit_test(test_long_url),        cmocka_unit_test(test_joined_lines),
		cmocka_unit_test(test_footnotes),       cmocka_unit_test(test_list_rows),
		cmocka_unit_test(test_kinsoku_tokens),
		cmocka_unit_test(test_pre_rows),        cmocka_unit_test(test_ambiguous),
		cmocka_unit_test(test_emoji_and_marks), cmocka_unit_test(test_empty),
		cmocka_unit_test(test_punct_style),     cmocka_unit_test(test_styles),
		cmocka_unit_test(test_measure),         cmocka_unit_test(test_every_width),
		cmocka_unit_test(test_bundled_properties), cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_hostile_sweep),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
