/* sentence: splitting cases as "input" -> "sentence|sentence|...". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/sentence.h"

/* Non-ASCII and controls as \uXXXX so a failure shows what differs. */
static void
escape(const char *s, char *out, size_t cap)
{
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && o + 12 < cap; p++) {
		if (*p >= 0x20 && *p < 0x7F) {
			out[o++] = (char)*p;
			continue;
		}
		uint32_t cp = *p;
		int extra = 0;
		if (*p >= 0xF0)
			cp = *p & 0x07, extra = 3;
		else if (*p >= 0xE0)
			cp = *p & 0x0F, extra = 2;
		else if (*p >= 0xC0)
			cp = *p & 0x1F, extra = 1;
		for (int k = 0; k < extra && p[1]; k++)
			cp = (cp << 6) | (*++p & 0x3F);
		o += (size_t)snprintf(out + o, cap - o, "\\u%04X", cp);
	}
	out[o] = 0;
}

static void
split(const char *in, char *out, size_t cap)
{
	struct sentence_iter it;
	size_t s, e, o = 0;
	out[0] = 0;
	sentence_iter_init(&it, in, 0, strlen(in));
	while (sentence_iter_next(&it, &s, &e)) {
		assert_true(e > s);
		o += (size_t)snprintf(out + o, cap - o, "%s%.*s", o ? "|" : "", (int)(e - s), in + s);
	}
}

static const struct {
	const char *in, *want;
} cases[] = {
	{ "你好。世界！再见？", "你好。|世界！|再见？" },
	{ "他说:“好。”然后走了。", "他说:“好。”|然后走了。" },
	{ "“大模型行业不再只有‘大力才能出奇迹’。”谈到DeepSeek带来的震动,严帅告诉记者。",
	  "“大模型行业不再只有‘大力才能出奇迹’。”|谈到DeepSeek带来的震动,严帅告诉记者。" },
	{ "占比近70%……“杭州六小龙”之外,杭州。", "占比近70%……|“杭州六小龙”之外,杭州。" },
	{ "苹果、香蕉……,都有。", "苹果、香蕉……,都有。" },
	{ "增速(1.7%),也高于5.7%。下一句", "增速(1.7%),也高于5.7%。|下一句" },
	{ "发布了DeepSeek-R1.春节前夕开源。", "发布了DeepSeek-R1.|春节前夕开源。" },
	{ "模型DeepSeek-R1.", "模型DeepSeek-R1." },
	{ "Visit example.com today. Then leave.", "Visit example.com today.|Then leave." },
	{ "e.g. the cat sat. Done!", "e.g. the cat sat.|Done!" },
	{ "为什么是杭州?未来的机会又在哪儿?“热风暴”中,需要冷思考。",
	  "为什么是杭州?|未来的机会又在哪儿?|“热风暴”中,需要冷思考。" },
	{ "规模为557.6万美元;仅用2048块芯片;耗时两月。", "规模为557.6万美元;仅用2048块芯片;耗时两月。" },
	{ "  前导空格。  后面也有。  ", "前导空格。|后面也有。" },
	{ "\u3000\u3000全角缩进。", "全角缩进。" },
	{ "没有终止符", "没有终止符" },
	{ "", "" },
	{ "   ", "" },
	{ "他问:“真的吗?!”我说:“真的。”", "他问:“真的吗?!”|我说:“真的。”" },
	{ "He said \"Stop.\" Then left.", "He said \"Stop.\"|Then left." },
	{ "等等...然后呢?", "等等...|然后呢?" },
	{ "硬换行的\n一句。下一句", "硬换行的\n一句。|下一句" },
	{ "句末。\n下一行。", "句末。|下一行。" },
	{ "版本v1.2.3发布。", "版本v1.2.3发布。" },
	{ "见a.php?id=1的说明。", "见a.php?id=1的说明。" },
	{ ".NET很好。", ".NET很好。" },
	{ "这样才会有更多的DeepSeek出現。(記者 趙廣立)", "这样才会有更多的DeepSeek出現。|(記者 趙廣立)" },
	{ "「你好。」她说。『再见！』", "「你好。」|她说。|『再见！』" },
	{ "(这是括号里的话。)然后。", "(这是括号里的话。)|然后。" },
	{ "……", "……" },
	{ "一。二", "一。|二" },
	{ "No. 5 is here.", "No. 5 is here." },
	{ "Wow! Really? Yes.", "Wow!|Really?|Yes." },
	{ "真的吗？！", "真的吗？！" },
	{ "数字３．５不拆。全角句点．", "数字３．５不拆。|全角句点．" },
};

static void
test_cases(void **state)
{
	(void)state;
	char got[1024], a[4096], b[4096];
	int bad = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		split(cases[i].in, got, sizeof got);
		if (strcmp(got, cases[i].want) != 0) {
			escape(cases[i].want, a, sizeof a);
			escape(got, b, sizeof b);
			print_error("case %zu:\n  want %s\n  got  %s\n", i, a, b);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* Splitting a range inside a larger text stays inside it. */
static void
test_range(void **state)
{
	(void)state;
	const char *t = "前文。本段第一句。第二句!后文。";
	size_t s0 = strlen("前文。"), e0 = strlen("前文。本段第一句。第二句!");
	struct sentence_iter it;
	size_t s, e;
	sentence_iter_init(&it, t, s0, e0);
	assert_true(sentence_iter_next(&it, &s, &e));
	assert_int_equal(s, s0);
	assert_int_equal(e, s0 + strlen("本段第一句。"));
	assert_true(sentence_iter_next(&it, &s, &e));
	assert_int_equal(e, e0);
	assert_false(sentence_iter_next(&it, &s, &e));
	assert_false(sentence_iter_next(&it, &s, &e));
}

/* Invalid bytes (never produced by clean, but possible in a test string) do
 * not stop or overrun the iterator. */
static void
test_bad_bytes(void **state)
{
	(void)state;
	const char t[] = "a\xE4\xB8。\xFF!b";
	char got[64];
	split(t, got, sizeof got);
	assert_string_equal(got, "a\xE4\xB8。|\xFF!|b");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_bad_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
