/* test_garble: the plausibility costs, and mojibake found, repaired or kept
 * on exact inputs: shifted GBK re-read, lost annotations and tags, clean text
 * left alone; garble_tidy's debris rules on exact span texts; the
 * generated GB18030 table against iconv, pair by pair. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <string.h>

#include "../src/garble.h"
#include "../src/garble_tidy.h"
#include "../src/gb18030_table.h"

/* gb18030_table is what this C library's iconv makes of each pair (the
 * way garble_read.c made it at run time): if this fails, the C library
 * decodes GB18030 otherwise; run src/gb18030_gen.py again. */
static void
test_gb18030_table(void **state)
{
	(void)state;
	iconv_t cd = iconv_open("UTF-32LE", "GB18030");
	assert_true(cd != (iconv_t)-1);
	size_t decoded = 0;
	for (unsigned lead = 0x81; lead <= 0xFE; lead++)
		for (unsigned trail = 0x40; trail <= 0xFE; trail++) {
			char in[2] = { (char)lead, (char)trail };
			unsigned char out[4];
			char *ip = in, *op = (char *)out;
			size_t il = 2, ol = 4;
			uint32_t cp = 0;
			iconv(cd, NULL, NULL, NULL, NULL);
			if (trail != 0x7F && iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && ol == 0)
				cp = out[0] | (uint32_t)out[1] << 8 | (uint32_t)out[2] << 16 |
				     (uint32_t)out[3] << 24;
			uint32_t have = gb18030_table_pairs[(lead - 0x81) * 191 + (trail - 0x40)];
			if (have != cp)
				fail_msg("pair %02X%02X: table U+%04X, iconv U+%04X", lead, trail, have, cp);
			decoded += cp != 0;
		}
	iconv_close(cd);
	assert_true(decoded > 21000); /* GBK's 21,886 and more */
	assert_int_equal(gb18030_table_pairs[(0xD5 - 0x81) * 191 + (0xE2 - 0x40)], 0x8FD9); /* 这 */
}

static void
test_cost(void **state)
{
	(void)state;
	assert_true(garble_cost(0x7684, 0) <= 6);   /* 的 */
	assert_true(garble_cost(0x4EBA, 0) <= 9);   /* 人 */
	assert_int_equal(garble_cost(0x9F23, 0), 18); /* 鼣: GBK, outside the common sets */
	assert_int_equal(garble_cost(0x4E02, 0), 21); /* 丂: no data at all */
	assert_int_equal(garble_cost(0x9F23, 3), 12); /* ...unless the document keeps using it */
	assert_int_equal(garble_cost(0x9F23, 2), 18);
	assert_int_equal(garble_cost('?', 0), 9);
	assert_int_equal(garble_cost(0xFFFD, 0), 16);
	assert_int_equal(garble_cost(0x2526, 0), 20); /* box drawing from a mis-read */
	assert_int_equal(garble_cost(0xFF0C, 0), 7);  /* ， */
}

struct scan_case {
	const char *name;
	const char *in;
	const char *want;
	const char *span; /* text of the one span, NULL for none */
	int kind;
};

#define FFFD "\xEF\xBF\xBD"

static const struct scan_case scan_cases[] = {
	/* 深圳市的人工智能产业… as GBK read from its second byte; the orphan
	 * byte of 产 and its lost byte '?' are one lost mark */
	{"shifted gbk", "开头正常的一句话。钲谑械娜斯ぶ悄懿?业发展很快，企业数量全国第一。",
	 "开头正常的一句话。" FFFD "圳市的人工智能" FFFD "业发展很快，企业数量全国第一。",
	 FFFD "圳市的人工智能" FFFD, SPAN_REPAIRED},
	/* 004: the annotation's "(" was eaten, the following byte pairs realign;
	 * "?shù)" and the orphan byte of 地 are one lost mark */
	{"004 line 27", "高于當?shù)匾话愎差A(yù)算支出", "高于當" FFFD "一般共預(yù)算支出",
	 FFFD "一般共預", SPAN_REPAIRED},
	/* 004 line 26: "�?chuàng)" is 創 with its annotation, one lost mark */
	{"004 line 26", "都與近年來當?shù)卣哟罂萍紕?chuàng)新投入的力度息息相關",
	 "都與近年來當" FFFD "沼大科技" FFFD "新投入的力度息息相關", FFFD "沼大科技" FFFD, SPAN_REPAIRED},
	/* nothing to re-read: the tail becomes a lost mark, 贏 stays */
	{"lost annotation", "那么我們?cè)贏I領域", "那么我們" FFFD "贏I領域", FFFD, SPAN_GARBLED},
	/* 贏 (DA 41) behind the lost byte of 在 (D4 DA) is the A of "AI", a
	 * word this text uses */
	{"lost annotation, latin tail", "在AI領域突破的象征,那么我們?cè)贏I領域",
	 "在AI領域突破的象征,那么我們" FFFD "AI領域", FFFD "A", SPAN_REPAIRED},
	{"latin tail, unknown word", "在XY領域,那么我們?cè)贏I領域", "在XY領域,那么我們" FFFD "贏I領域",
	 FFFD, SPAN_GARBLED},
	/* 001: an annotated Latin letter is the second byte of 營 (A0 49) */
	{"annotated letter", "為AI創新?tīng)I(yíng)造了寬松的環境", "為AI創新" FFFD "(yíng)造了寬松的環境", FFFD,
	 SPAN_REPAIRED},
	/* "?/p>": the '<' of "</p>" was eaten with a byte of the mojibake */
	{"lost tag", "后工作的两年里钲谑械娜斯ぶ悄懿?/p>", "后工作的两年里" FFFD "圳市的人工智能" FFFD,
	 FFFD "圳市的人工智能" FFFD, SPAN_REPAIRED},
	{"lost tag alone", "第一段?/p>", "第一段" FFFD, FFFD, SPAN_GARBLED},
	{"tag before mojibake", "开头</p钲谑械娜斯ぶ悄懿?业", "开头" FFFD "圳市的人工智能" FFFD "业",
	 FFFD "圳市的人工智能" FFFD, SPAN_REPAIRED},
	/* the corpus turned ！ (A3 A1) into '!': re-read from its full-width
	 * bytes, "摺!暗" gives back 。“ */
	{"full-width punct", "享受到了當?shù)赜押玫娜瞬耪摺!暗轿覀兯霾┦亢蠊ぷ鞯膬赡昀",
	 "享受到了當" FFFD "友好的人才者。“到我們琐博士后工作的兩年" FFFD,
	 FFFD "友好的人才者。“到我們琐博士后工作的兩年" FFFD, SPAN_REPAIRED},
	/* rare characters alone are not mojibake */
	{"names", "天府绛溪实验室副研究员杨光炜表示", "天府绛溪实验室副研究员杨光炜表示", NULL, 0},
	{"question mark", "出現在杭州?這成了", "出現在杭州?這成了", NULL, 0},
	{"ascii", "plain ascii line?", "plain ascii line?", NULL, 0},
	/* a character GBK cannot hold ends the re-read, and survives */
	{"emoji barrier", "钲谑械娜斯ぶ悄懿😀", FFFD "圳市的人工智能" FFFD "😀", FFFD "圳市的人工智能" FFFD,
	 SPAN_REPAIRED},
	/* real question marks, paths and annotations outside mojibake stay */
	{"question and path", "真的吗?/p 是路径,开(kāi)源", "真的吗?/p 是路径,开(kāi)源", NULL, 0},
};

static void
test_scan(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof scan_cases / sizeof scan_cases[0]; k++) {
		const struct scan_case *c = &scan_cases[k];
		struct clean_buf out = {0};
		struct span_list spans = {0};
		size_t garbled = 0, repaired = 0;
		assert_int_equal(garble_scan(c->in, strlen(c->in), &out, &spans, &garbled, &repaired), 0);
		if (out.len != strlen(c->want) || memcmp(out.s, c->want, out.len) != 0)
			fail_msg("%s: got %.*s", c->name, (int)out.len, out.s);
		if (c->span == NULL) {
			if (spans.n != 0)
				fail_msg("%s: %zu spans, want none", c->name, spans.n);
		} else {
			if (spans.n != 1)
				fail_msg("%s: %zu spans, want 1", c->name, spans.n);
			const struct span *s = &spans.v[0];
			if (s->kind != c->kind || s->end - s->start != strlen(c->span) ||
			    memcmp(out.s + s->start, c->span, strlen(c->span)) != 0)
				fail_msg("%s: span %d %.*s", c->name, s->kind, (int)(s->end - s->start), out.s + s->start);
			assert_int_equal(c->kind == SPAN_REPAIRED ? repaired : garbled, 1);
		}
		clean_buf_free(&out);
		span_list_free(&spans);
	}
}

struct tidy_case {
	const char *in, *want;
};

static void
test_tidy(void **state)
{
	(void)state;
	static const struct tidy_case cases[] = {
		{"?shù)" FFFD "一般", FFFD "一般"},
		{"科技" FFFD "?chuàng)", "科技" FFFD},
		{"住!?/p>", "住!" FFFD},
		{"?zhòng yào)甲", FFFD "甲"},
		{"?zhòng yào）甲", FFFD "甲"},
		{"甲shù)乙", "甲乙"},           /* "(" alone eaten */
		{"Ashù)", "Ashù)"},            /* part of a word */
		{"?ma)", FFFD "ma)"},          /* toneless: not an annotation */
		{"?kaī)", FFFD "kaī)"},         /* misplaced tone mark */
		{"</p甲", "甲"},
		{"甲/p>", "甲"},
		{"甲</h2>乙", "甲乙"},
		{"a/b", "a/b"},
		{"??", FFFD},
		{FFFD "?" FFFD, FFFD},
		{"甲?乙", "甲" FFFD "乙"},
		{"", ""},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct clean_buf out = {0};
		assert_int_equal(garble_tidy_span(cases[k].in, strlen(cases[k].in), &out), 0);
		if (out.len != strlen(cases[k].want) || (out.len > 0 && memcmp(out.s, cases[k].want, out.len) != 0))
			fail_msg("tidy \"%s\": got \"%.*s\" want \"%s\"", cases[k].in, (int)out.len,
				 out.s ? out.s : "", cases[k].want);
		clean_buf_free(&out);
	}
}

struct len_case {
	const char *s;
	size_t pinyin, tag;
};

static void
test_tidy_lengths(void **state)
{
	(void)state;
	static const struct len_case cases[] = {
		{"shù)", 5, 0},          {"chuàng)x", 8, 0},  {"zhòng yào)", 12, 0}, {"lǜ)", 4, 0},
		{"ma)", 0, 0},           {"shù", 0, 0},       {"xyā)", 0, 0},        {"a b c d è)", 0, 0},
		{"</p>", 0, 4},          {"/p>", 0, 3},       {"</p", 0, 3},         {"/h1>x", 0, 4},
		{"</divisionalx>", 0, 0}, {"/p", 0, 0},        {"/12>", 0, 0},        {"<p>", 0, 0},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		size_t n = strlen(cases[k].s);
		if (garble_tidy_pinyin_tail(cases[k].s, n) != cases[k].pinyin ||
		    garble_tidy_tag(cases[k].s, n) != cases[k].tag)
			fail_msg("\"%s\": pinyin %zu tag %zu, want %zu %zu", cases[k].s,
				 garble_tidy_pinyin_tail(cases[k].s, n), garble_tidy_tag(cases[k].s, n),
				 cases[k].pinyin, cases[k].tag);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gb18030_table),
		cmocka_unit_test(test_cost),
		cmocka_unit_test(test_scan),
		cmocka_unit_test(test_tidy),
		cmocka_unit_test(test_tidy_lengths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
