/* test_clean: every cleaning rule with exact input -> exact output, hostile
 * controls, spans over the output, and the bundled articles (pinyin gone,
 * real parentheticals kept, mojibake found, no false positives). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/clean.h"
#include "../src/err.h"
#include "../src/pinyin.h"

/* Printable form of s: non-ASCII and controls as \uXXXX. */
static const char *
esc(const char *s, size_t n, char *buf, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < n && o + 12 < cap;) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp = c;
		size_t k = 1;
		if (c >= 0xF0 && i + 3 < n)
			cp = (c & 7u) << 18 | (s[i + 1] & 0x3Fu) << 12 | (s[i + 2] & 0x3Fu) << 6 | (s[i + 3] & 0x3Fu), k = 4;
		else if (c >= 0xE0 && i + 2 < n)
			cp = (c & 15u) << 12 | (s[i + 1] & 0x3Fu) << 6 | (s[i + 2] & 0x3Fu), k = 3;
		else if (c >= 0xC0 && i + 1 < n)
			cp = (c & 31u) << 6 | (s[i + 1] & 0x3Fu), k = 2;
		if (cp >= 0x20 && cp < 0x7F && cp != '\\')
			buf[o++] = (char)cp;
		else
			o += (size_t)snprintf(buf + o, cap - o, "\\u%04X", (unsigned)cp);
		i += k;
	}
	buf[o] = 0;
	return buf;
}

static void
expect_text(const char *name, const struct clean_result *r, const char *want)
{
	if (r->len != strlen(want) || memcmp(r->text, want, r->len) != 0) {
		char a[2048], b[2048];
		fail_msg("%s: got \"%s\" want \"%s\"", name, esc(r->text, r->len, a, sizeof a),
			 esc(want, strlen(want), b, sizeof b));
	}
}

struct rule_case {
	const char *name;
	const char *in;
	size_t in_len; /* 0: strlen(in) */
	const char *want;
	size_t controls, bidi, pinyin;
};

static const struct rule_case rule_cases[] = {
	/* line endings, NFC, tabs */
	{"crlf", "a\r\nb\rc\r\n", 0, "a\nb\nc\n", 0, 0, 0},
	{"nfc", "e\xCC\x81 ka\xCC\x84i", 0, "\xC3\xA9 k\xC4\x81i\n", 0, 0, 0},
	/* a tab goes to the next stop of eight columns, as a terminal shows it */
	{"tab", "a\tb\t\tc", 0, "a       b               c\n", 0, 0, 0},
	{"tab indent", "x\n\t      do\n", 0, "x\n              do\n", 0, 0, 0},
	{"tab after eight", "12345678\tx", 0, "12345678        x\n", 0, 0, 0},
	/* man(1)'s overstrike: the character struck last; no backspace stays */
	{"overstrike bold", "N\bNA\bAM\bME\bE", 0, "NAME\n", 0, 0, 0},
	{"overstrike underline", "_\bf_\bi_\bl_\be", 0, "file\n", 0, 0, 0},
	{"overstrike underline after", "f\b_i\b_", 0, "fi\n", 0, 0, 0},
	{"overstrike underscore", "_\b_", 0, "_\n", 0, 0, 0},
	{"overstrike bullet", "+\bo x", 0, "\xE2\x80\xA2 x\n", 0, 0, 0},
	{"overstrike wide", "\xE2\x80\x90\b\xE2\x80\x90\xE4\xB8\xAD\b\xE4\xB8\xAD", 0,
	 "\xE2\x80\x90\xE4\xB8\xAD\n", 0, 0, 0},
	{"overstrike then tab", "N\bNA\bA\tx", 0, "NA      x\n", 0, 0, 0},
	{"backspace at line start", "a\n\bb\b", 0, "a\nb\n", 0, 0, 0},
	/* C0, DEL, C1, NUL; "c\bd" strikes d over c */
	{"c0", "a\x01" "b\x07" "c\x08" "d", 0, "abd\n", 2, 0, 0},
	{"nul", "a\0b", 3, "ab\n", 1, 0, 0},
	{"del", "a\x7F" "b", 0, "ab\n", 1, 0, 0},
	{"c1", "a\xC2\x85" "b\xC2\x9C" "c", 0, "abc\n", 2, 0, 0},
	/* escape sequences */
	{"csi colour title", "\x1B[32m题目\x1B[m", 0, "题目\n", 2, 0, 0},
	{"csi params", "\x1B[1;31;48;5;200m红\x1B[0m字", 0, "红字\n", 2, 0, 0},
	{"csi private", "\x1B[?25l隐\x1B[?25h", 0, "隐\n", 2, 0, 0},
	{"osc bel", "\x1B]0;title\x07正文", 0, "正文\n", 1, 0, 0},
	{"osc st", "\x1B]8;;http://x\x1B\\链接\x1B]8;;\x1B\\", 0, "链接\n", 2, 0, 0},
	{"osc unterminated", "\x1B]0;标题\n正文", 0, "正文\n", 1, 0, 0},
	{"dcs", "\x1BPq#0;2;0;0;0\x1B\\文字", 0, "文字\n", 1, 0, 0},
	{"apc pm sos", "\x1B_x\x1B\\甲\x1B^y\x1B\\乙\x1BXz\x1B\\丙", 0, "甲乙丙\n", 3, 0, 0},
	{"esc two char", "\x1B" "7文\x1B" "8", 0, "文\n", 2, 0, 0},
	{"esc charset", "\x1B(B中", 0, "中\n", 1, 0, 0},
	{"lone esc at end", "中文\x1B", 0, "中文\n", 1, 0, 0},
	{"esc inside cjk", "中\x1B文", 0, "中文\n", 1, 0, 0},
	{"broken csi before cjk", "中\x1B[3文", 0, "中文\n", 1, 0, 0},
	{"8-bit csi", "\xC2\x9B" "31m红\xC2\x9B" "0m", 0, "红\n", 2, 0, 0},
	{"8-bit osc", "\xC2\x9D" "0;t\xC2\x9C" "字", 0, "字\n", 1, 0, 0},
	{"8-bit osc bel", "\xC2\x9D" "52;c;eA==\x07字", 0, "字\n", 1, 0, 0},
	/* an 8-bit string with no end on its line: the introducer goes, the
	 * text stays (the Latin-1 reading of UTF-8's “” holds U+009D) */
	{"8-bit osc unterminated", "他说\xC2\x9D" "我们在杭州。\n下一段", 0,
	 "他说我们在杭州。\n下一段\n", 1, 0, 0},
	{"8-bit dcs unterminated", "a\xC2\x90" "bc\xC2\x98" "d\xC2\x9E" "e\xC2\x9F" "f", 0,
	 "abcdef\n", 4, 0, 0},
	{"bidi", "a\xE2\x80\xAE" "b\xE2\x81\xA6" "c\xE2\x81\xA9\xE2\x80\x8E" "d\xD8\x9C", 0, "abcd\n", 0, 5, 0},
	{"bom inside", "\xEF\xBB\xBF中", 0, "中\n", 1, 0, 0},
	{"invalid utf-8", "a\xFF" "b", 0, "a\xEF\xBF\xBD" "b\n", 0, 0, 0},
	/* HTML remnants */
	{"html p end", "第一段</p>\n第二段", 0, "第一段\n第二段\n", 0, 0, 0},
	{"html br", "甲<br>乙<br/>丙", 0, "甲\n乙\n丙\n", 0, 0, 0},
	{"html attrs", "<p class=\"x\">段</p>", 0, "段\n", 0, 0, 0},
	{"html inline", "<span style=\"a\">重</span><b>点</b>", 0, "重点\n", 0, 0, 0},
	{"html entities", "A&amp;B &lt;x&gt; &quot;q&quot;", 0, "A&B <x> \"q\"\n", 0, 0, 0},
	{"html nbsp indent", "&nbsp;&nbsp;正文", 0, "正文\n", 0, 0, 0},
	{"html numeric", "&#20013;&#x6587;", 0, "中文\n", 0, 0, 0},
	{"html control entity", "a&#7;b", 0, "ab\n", 1, 0, 0},
	{"not html", "x<5 and y>3, a & b, a&unknown;b", 0, "x<5 and y>3, a & b, a&unknown;b\n", 0, 0, 0},
	/* lines */
	{"ideographic indent", "\xE3\x80\x80\xE3\x80\x80段落\n", 0, "段落\n", 0, 0, 0},
	{"ascii indent kept", "段落\n    1  int x;\n  第二段 \n", 0, "段落\n    1  int x;\n  第二段\n", 0, 0, 0},
	{"mixed indent", "  \xE3\x80\x80正文\n", 0, "正文\n", 0, 0, 0},
	{"trailing ideographic", "文字\xE3\x80\x80 \n", 0, "文字\n", 0, 0, 0},
	{"nbsp indent", "\xC2\xA0\xC2\xA0正文", 0, "正文\n", 0, 0, 0},
	{"blank runs", "a\n\n\n\nb\n", 0, "a\n\nb\n", 0, 0, 0},
	{"blank edges", "\n\n a\n\n", 0, " a\n", 0, 0, 0},
	{"space-only lines", "a\n \xE3\x80\x80 \n\nb", 0, "a\n\nb\n", 0, 0, 0},
	{"empty", "", 0, "", 0, 0, 0},
	{"whitespace only", "  \n\t\n\xE3\x80\x80\n", 0, "", 0, 0, 0},
	/* pinyin annotations */
	{"pinyin kai", "開(kāi)源", 0, "開源\n", 0, 0, 1},
	{"pinyin shuo", "說(shuō)話", 0, "說話\n", 0, 0, 1},
	{"pinyin lv", "綠(lǜ)色", 0, "綠色\n", 0, 0, 1},
	{"pinyin nv", "女(nǚ)士", 0, "女士\n", 0, 0, 1},
	{"pinyin multi", "重要(zhòng yào)的", 0, "重要的\n", 0, 0, 1},
	{"pinyin multi too many", "要(zhòng yào)的", 0, "要(zhòng yào)的\n", 0, 0, 0},
	{"pinyin fullwidth", "開（kāi）源", 0, "開源\n", 0, 0, 1},
	{"pinyin combining mark", "開(ka\xCC\x84i)源", 0, "開源\n", 0, 0, 1},
	{"pinyin nested", "(以下簡(jiǎn)稱杭州醫(yī)學(xué)所)", 0, "(以下簡稱杭州醫學所)\n", 0, 0, 3},
	{"keep AI", "人工智能(AI)企業", 0, "人工智能(AI)企業\n", 0, 0, 0},
	{"keep Ai", "人工智能(Ai)企業", 0, "人工智能(Ai)企業\n", 0, 0, 0},
	{"keep DeepSeek", "深度求索(DeepSeek)公司", 0, "深度求索(DeepSeek)公司\n", 0, 0, 0},
	{"keep percent", "增速(1.7%),", 0, "增速(1.7%),\n", 0, 0, 0},
	{"keep byline", "。(記者 趙廣立)", 0, "。(記者 趙廣立)\n", 0, 0, 0},
	{"keep toneless ma", "什麼(ma)", 0, "什麼(ma)\n", 0, 0, 0},
	{"keep numeric tone", "開(kai1)源", 0, "開(kai1)源\n", 0, 0, 0},
	{"keep misplaced tone", "開(kaī)源", 0, "開(kaī)源\n", 0, 0, 0},
	{"drop one keep non-syllable", "開(kōng)源(xyā)", 0, "開源(xyā)\n", 0, 0, 1},
	{"keep after latin", "Linux(kāi)", 0, "Linux(kāi)\n", 0, 0, 0},
	{"keep unclosed", "開(kāi", 0, "開(kāi\n", 0, 0, 0},
};

static void
test_rules(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof rule_cases / sizeof rule_cases[0]; k++) {
		const struct rule_case *c = &rule_cases[k];
		struct clean_result r;
		size_t n = c->in_len ? c->in_len : strlen(c->in);
		int rc = clean_text(c->in, n, &r);
		if (rc != 0)
			fail_msg("%s: clean_text returned %d", c->name, rc);
		expect_text(c->name, &r, c->want);
		if (r.stats.controls != c->controls || r.stats.bidi != c->bidi || r.stats.pinyin != c->pinyin)
			fail_msg("%s: controls %zu bidi %zu pinyin %zu, want %zu %zu %zu", c->name,
				 r.stats.controls, r.stats.bidi, r.stats.pinyin, c->controls, c->bidi, c->pinyin);
		assert_int_equal(r.text[r.len], 0);
		clean_result_free(&r);
	}
}

struct punct_case {
	const char *in;
	size_t want;
};

static void
test_ascii_punct(void **state)
{
	(void)state;
	static const struct punct_case cases[] = {
		{"杭州,深圳:成都(AI)", 3},
		{"a, b: c (d)", 0},
		{"是什么?这", 1},
		{"DeepSeek?", 0},
		{"数据;据说!好", 2},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct clean_result r;
		assert_int_equal(clean_text(cases[k].in, strlen(cases[k].in), &r), 0);
		if (r.stats.ascii_punct != cases[k].want)
			fail_msg("\"%s\": ascii_punct %zu want %zu", cases[k].in, r.stats.ascii_punct, cases[k].want);
		/* counted, never changed */
		assert_memory_equal(r.text, cases[k].in, strlen(cases[k].in));
		clean_result_free(&r);
	}
}

/* The mojibake of 001 alone: the span and its offsets are over the output. */
static void
test_garbled_span_offsets(void **state)
{
	(void)state;
	const char *in = "\xE3\x80\x80甲\x1B[1m乙\n\n\n因?yàn)楹贾莅鼣埩饲叭蔀槿蛏儆械?、同時\n";
	struct clean_result r;
	assert_int_equal(clean_text(in, strlen(in), &r), 0);
	/* alone, without the article's many 杭 and 州, only the stretch from 包
	 * re-reads; "?yàn)" is one lost mark, so are the orphan byte of 的 and
	 * its lost byte '?' */
	expect_text("garbled", &r, "甲乙\n\n因\xEF\xBF\xBD楹贾\xEF\xBF\xBD包攬了前壬為闰少有\xEF\xBF\xBD、同時\n");
	assert_int_equal(r.spans.n, 1);
	assert_int_equal(r.spans.v[0].kind, SPAN_REPAIRED);
	const char *want = "\xEF\xBF\xBD楹贾\xEF\xBF\xBD包攬了前壬為闰少有\xEF\xBF\xBD";
	assert_int_equal(r.spans.v[0].end - r.spans.v[0].start, strlen(want));
	assert_memory_equal(r.text + r.spans.v[0].start, want, strlen(want));
	assert_int_equal(r.stats.repaired, 1);
	assert_int_equal(r.stats.garbled, 0);
	assert_int_equal(r.stats.replacement, 3);
	clean_result_free(&r);
}

/* A lost annotation "?tīng)" marks mojibake: it and the annotated letter I
 * (the second byte of 營) are one lost mark; the annotation after them goes. */
static void
test_lost_annotation(void **state)
{
	(void)state;
	const char *in = "為AI創新?tīng)I(yíng)造了寬松的環境";
	struct clean_result r;
	assert_int_equal(clean_text(in, strlen(in), &r), 0);
	expect_text("lost", &r, "為AI創新\xEF\xBF\xBD造了寬松的環境\n");
	assert_int_equal(r.spans.n, 1);
	assert_int_equal(r.spans.v[0].kind, SPAN_REPAIRED);
	assert_int_equal(r.spans.v[0].end - r.spans.v[0].start, 3);
	assert_memory_equal(r.text + r.spans.v[0].start, "\xEF\xBF\xBD", 3);
	assert_int_equal(r.stats.pinyin, 1);
	assert_int_equal(r.stats.replacement, 1);
	clean_result_free(&r);
}

/* A tag remnant next to mojibake goes with the bytes eaten around it. */
static void
test_lost_tag(void **state)
{
	(void)state;
	const char *in = "當(dāng)?shù)赜押玫娜瞬耪摺!暗轿覀兯霾┦亢蠊ぷ鞯膬赡昀铮贾莸囊耪呷档住!?/p>\n下一段";
	struct clean_result r;
	assert_int_equal(clean_text(in, strlen(in), &r), 0);
	expect_text("tag", &r, "當\xEF\xBF\xBD友好的人才者。“到我們琐博士后工作的兩年里＜州的遗者鹊\xEF\xBF\xBD住!\xEF\xBF\xBD\n下一段\n");
	assert_int_equal(r.spans.n, 1);
	assert_int_equal(r.spans.v[0].kind, SPAN_REPAIRED);
	assert_int_equal(r.spans.v[0].start, strlen("當"));
	assert_int_equal(r.spans.v[0].end, strlen(r.text) - strlen("\n下一段\n"));
	assert_int_equal(r.stats.pinyin, 1);
	clean_result_free(&r);
}

/* A table drawn with box characters (a run of three of one, ───) is no
 * mojibake; three different ones together in a sentence still are. */
static void
test_box_table(void **state)
{
	(void)state;
	const char *in = "┌──────────┬──────────────┐\n│ 项目     │ 要求         │\n"
			 "└──────────┴──────────────┘\n";
	struct clean_result r;
	assert_int_equal(clean_text(in, strlen(in), &r), 0);
	assert_int_equal(r.spans.n, 0);
	clean_result_free(&r);
	const char *moji = "这是一段正常的中文，后面跟着乱码╕╗╝的部分。";
	assert_int_equal(clean_text(moji, strlen(moji), &r), 0);
	assert_true(r.spans.n >= 1);
	clean_result_free(&r);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		fail_msg("cannot open %s (run from the repository root)", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	char *s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return s;
}

#define FFFD "\xEF\xBF\xBD"

struct article_case {
	const char *path;
	size_t pinyin, garbled, repaired;
	const char *keep[6];   /* real parentheticals that must survive */
	const char *spans[6];  /* every span's text, in order, all SPAN_REPAIRED */
};

/* The spans were read off the source bytes by hand: see test_garble.c for
 * how each comes about (a lost byte and its orphan, or an annotation or tag
 * tail, are one U+FFFD). */
static const struct article_case articles[] = {
	{"texts/000_sichuan_ribao.txt", 0, 0, 0, {"(SLM)", "(成都)", "(研究与试验发展经费)"}, {NULL}},
	{"texts/001_hangzhou_kaiyuan.txt", 581, 0, 2, {NULL},
	 {FFFD "杭州包攬了前壬為闰少有" FFFD, FFFD}},
	{"texts/002_shenzhen_pinle.txt", 0, 0, 0, {"(样机)", "(RMU)", "(2025—2026年)"}, {NULL}},
	{"texts/003_deepseek_chuangxin.txt", 0, 0, 0, {"(DeepSeek)", "(Marc Andreessen)", "(文章来源:第一财经)"}, {NULL}},
	{"texts/004_kexuebao_lianghui.txt", 345, 0, 5,
	 {"智能(AI)", "(以下簡稱杭州醫學所)", "(1.7%)", "(5.7%)", "(記者 趙廣立)"},
	 {FFFD "A", FFFD "友好的人才者。“到我們琐博士后工作的兩年里＜州的遗者鹊" FFFD "住!" FFFD,
	  FFFD "沼大科技" FFFD, FFFD "一般共預", FFFD "加大了科技" FFFD}},
};

/* Is there a toned pinyin syllable ending just before s[i] (a closing
 * parenthesis), whatever precedes it? */
static int
toned_before(const char *s, size_t i)
{
	for (size_t j = i; j > 0 && i - j < 16;) {
		unsigned char c = (unsigned char)s[j - 1];
		if (c >= 'a' && c <= 'z')
			j--;
		else if (c >= 0x80 && c <= 0xBF && j >= 2 && (unsigned char)s[j - 2] >= 0xC3 &&
			 (unsigned char)s[j - 2] <= 0xC7)
			j -= 2;
		else
			break;
		if (pinyin_syllable(s + j, i - j) > 0)
			return 1;
	}
	return 0;
}

static void
test_articles(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof articles / sizeof articles[0]; k++) {
		const struct article_case *c = &articles[k];
		size_t len;
		char *in = slurp(c->path, &len);
		struct clean_result r;
		assert_int_equal(clean_text(in, len, &r), 0);
		if (r.stats.pinyin != c->pinyin || r.stats.garbled != c->garbled || r.stats.repaired != c->repaired)
			fail_msg("%s: pinyin %zu garbled %zu repaired %zu, want %zu %zu %zu", c->path, r.stats.pinyin,
				 r.stats.garbled, r.stats.repaired, c->pinyin, c->garbled, c->repaired);
		assert_int_equal(r.spans.n, c->garbled + c->repaired);
		/* no annotation left anywhere, whatever precedes it */
		for (size_t i = 0; i < r.len; i++)
			if (pinyin_annotation(r.text + i, r.len - i, 8) != 0)
				fail_msg("%s: pinyin annotation left at byte %zu: %.20s", c->path, i, r.text + i);
		for (size_t j = 0; j < 6 && c->keep[j]; j++)
			if (memmem(r.text, r.len, c->keep[j], strlen(c->keep[j])) == NULL)
				fail_msg("%s: lost %s", c->path, c->keep[j]);
		size_t prev = 0;
		for (size_t j = 0; j < r.spans.n; j++) {
			const struct span *s = &r.spans.v[j];
			assert_true(s->start >= prev && s->start < s->end && s->end <= r.len);
			assert_true(((unsigned char)r.text[s->start] & 0xC0) != 0x80);
			assert_true(s->end == r.len || ((unsigned char)r.text[s->end] & 0xC0) != 0x80);
			prev = s->end;
			const char *w = j < 6 ? c->spans[j] : NULL;
			if (w == NULL || s->kind != SPAN_REPAIRED || s->end - s->start != strlen(w) ||
			    memcmp(r.text + s->start, w, strlen(w)) != 0) {
				char a[2048], b[2048];
				fail_msg("%s span %zu (kind %d): \"%s\" want \"%s\"", c->path, j, s->kind,
					 esc(r.text + s->start, s->end - s->start, a, sizeof a),
					 w ? esc(w, strlen(w), b, sizeof b) : "(none)");
			}
		}
		/* no annotation remnant: no toned syllable before ")" or "）",
		 * whether or not a "(" precedes it */
		for (size_t i = 0; i < r.len; i++)
			if ((r.text[i] == ')' || (i + 3 <= r.len && memcmp(r.text + i, "\xEF\xBC\x89", 3) == 0)) &&
			    toned_before(r.text, i))
			{
				size_t b = i > 12 ? i - 12 : 0;
				while (b > 0 && ((unsigned char)r.text[b] & 0xC0) == 0x80)
					b--;
				fail_msg("%s: pinyin tail before byte %zu: %.*s", c->path, i, (int)(i + 1 - b), r.text + b);
			}
		/* and no HTML debris */
		assert_null(memmem(r.text, r.len, "/p>", 3));
		assert_null(memmem(r.text, r.len, "</", 2));
		for (size_t i = 0; i < r.len; i++)
			if ((unsigned char)r.text[i] < 0x20 && r.text[i] != '\n')
				fail_msg("%s: control byte %#x at %zu", c->path, (unsigned char)r.text[i], i);
		assert_null(memmem(r.text, r.len, "</p>", 4));
		/* layout indents: no line keeps its U+3000 indentation */
		assert_null(memmem(r.text, r.len, "\n\xE3\x80\x80", 4));
		assert_false(r.len >= 3 && memcmp(r.text, "\xE3\x80\x80", 3) == 0);
		assert_null(memmem(r.text, r.len, "\n\n\n", 3));
		clean_result_free(&r);
		free(in);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_ascii_punct),
		cmocka_unit_test(test_garbled_span_offsets),
		cmocka_unit_test(test_lost_annotation),
		cmocka_unit_test(test_lost_tag),
		cmocka_unit_test(test_box_table),
		cmocka_unit_test(test_articles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
