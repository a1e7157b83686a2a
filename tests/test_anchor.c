/* test_anchor: an annotation made on one version of an article, re-anchored
 * after the article is edited in each way the issue names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/anchor.h"
#include "../src/article.h"
#include "../src/err.h"

static const char base[] =
	"这样的“热风暴”,是西湖边上的一只“蝴蝶”扇动翅膀带来的。\n"
	"年初,私募机构幻方量化旗下公司深度求索发布最新开源模型DeepSeek-R1,"
	"用较低的成本达到了接近于美国OpenAI公司开发的GPT-o1的性能。\n"
	"为什么是杭州?未来的机会又在哪儿?\n"
	"“蝴蝶”不止一只。连日来,围绕“杭州六小龙”展开的讨论不绝于耳。\n";

/* An annotation on the first occurrence of quote in base, with context. */
static struct anchor_sel
make_sel(const char *quote, char **pre, char **suf)
{
	const char *at = strstr(base, quote);
	assert_non_null(at);
	size_t start = (size_t)(at - base), end = start + strlen(quote);
	assert_int_equal(anchor_context(base, strlen(base), start, end, ANCHOR_CONTEXT_CPS, pre,
					suf),
			 0);
	return (struct anchor_sel){ start, end, quote, *pre, *suf };
}

/* A copy of base with the first occurrence of from replaced by to. */
static char *
edit(const char *from, const char *to)
{
	const char *at = strstr(base, from);
	assert_non_null(at);
	size_t n = strlen(base) - strlen(from) + strlen(to);
	char *s = malloc(n + 1);
	assert_non_null(s);
	size_t k = (size_t)(at - base);
	memcpy(s, base, k);
	memcpy(s + k, to, strlen(to));
	strcpy(s + k + strlen(to), at + strlen(from));
	return s;
}

struct edit_case {
	const char *name;
	const char *quote;   /* annotated in base */
	const char *from, *to; /* the edit */
	int how;
	const char *found;   /* text at the new range; NULL for an orphan */
};

static const struct edit_case cases[] = {
	{ "unchanged", "深度求索发布最新开源模型", "", "", ANCHOR_EXACT, "深度求索发布最新开源模型" },
	{ "text inserted before", "深度求索发布最新开源模型", "年初,",
	  "据报道,今年年初,", ANCHOR_QUOTE, "深度求索发布最新开源模型" },
	{ "paragraph inserted at the top", "杭州六小龙", "这样的",
	  "新加的一段。\n这样的", ANCHOR_QUOTE, "杭州六小龙" },
	{ "text deleted before", "为什么是杭州", "私募机构幻方量化旗下公司", "", ANCHOR_QUOTE,
	  "为什么是杭州" },
	{ "word changed inside", "用较低的成本达到了接近于美国OpenAI公司开发的GPT-o1的性能",
	  "较低的成本", "很低的花费", ANCHOR_FUZZY,
	  "用很低的花费达到了接近于美国OpenAI公司开发的GPT-o1的性能" },
	{ "word inserted inside", "围绕“杭州六小龙”展开的讨论不绝于耳", "展开的讨论",
	  "展开的热烈讨论", ANCHOR_FUZZY, "围绕“杭州六小龙”展开的热烈讨论不绝于耳" },
	{ "passage deleted", "用较低的成本达到了接近于美国OpenAI公司开发的GPT-o1的性能",
	  ",用较低的成本达到了接近于美国OpenAI公司开发的GPT-o1的性能", "", ANCHOR_ORPHAN,
	  NULL },
	{ "passage rewritten", "未来的机会又在哪儿", "未来的机会又在哪儿", "明天会怎样呢还不知道",
	  ANCHOR_ORPHAN, NULL },
	{ "short quote changed", "杭州", "为什么是杭州", "为什么是深圳", ANCHOR_QUOTE, "杭州" },
};

static void
test_edits(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct edit_case *c = &cases[i];
		char *pre, *suf;
		struct anchor_sel sel = make_sel(c->quote, &pre, &suf);
		char *text = c->from[0] ? edit(c->from, c->to) : strdup(base);
		struct anchor_result r;
		assert_int_equal(anchor_locate(text, strlen(text), &sel, &r), 0);
		if (r.how != c->how)
			fail_msg("%s: anchored %s, want %s", c->name, anchor_how_name(r.how),
				 anchor_how_name(c->how));
		if (c->found) {
			size_t n = r.end - r.start;
			if (n != strlen(c->found) || memcmp(text + r.start, c->found, n) != 0)
				fail_msg("%s: found '%.*s', want '%s'", c->name, (int)n,
					 text + r.start, c->found);
		} else {
			assert_int_equal(r.start, 0);
			assert_int_equal(r.end, 0);
		}
		free(text);
		free(pre);
		free(suf);
	}
}

/* The quote occurs twice; the context says which one was meant, wherever
 * the stored range now points. */
static void
test_context_chooses(void **state)
{
	(void)state;
	const char *text = "甲说杭州好。乙说深圳好。丙说杭州好。";
	const char *second = strstr(strstr(text, "杭州") + 1, "杭州");
	struct anchor_sel sel = { 0, 6, "杭州", "丙说", "好。" };
	struct anchor_result r;
	assert_int_equal(anchor_locate(text, strlen(text), &sel, &r), 0);
	assert_int_equal(r.how, ANCHOR_QUOTE);
	assert_int_equal(r.start, (size_t)(second - text));
	/* No context: the occurrence nearest the old start wins. */
	struct anchor_sel near = { 40, 46, "杭州", "", "" };
	assert_int_equal(anchor_locate(text, strlen(text), &near, &r), 0);
	assert_int_equal(r.start, (size_t)(second - text));
}

/* A quote longer than one 64-bit word, with a changed word in the middle. */
static void
test_long_quote(void **state)
{
	(void)state;
	const char *quote =
		"年初,私募机构幻方量化旗下公司深度求索发布最新开源模型DeepSeek-R1,"
		"用较低的成本达到了接近于美国OpenAI公司开发的GPT-o1的性能。";
	char *pre, *suf;
	struct anchor_sel sel = make_sel(quote, &pre, &suf);
	assert_true(anchor_cps(quote, strlen(quote), strlen(quote)) > 64);
	char *text = edit("发布最新开源模型", "推出新一代开源大模型");
	struct anchor_result r;
	assert_int_equal(anchor_locate(text, strlen(text), &sel, &r), 0);
	assert_int_equal(r.how, ANCHOR_FUZZY);
	const char *want = strstr(text, "年初");
	assert_int_equal(r.start, (size_t)(want - text));
	assert_int_equal(r.end, (size_t)(strstr(text, "性能。") - text) + strlen("性能。"));
	free(text);
	/* Most of it gone: orphan. */
	text = edit(quote, "年初,一些事情发生了,没有细节。");
	assert_int_equal(anchor_locate(text, strlen(text), &sel, &r), 0);
	assert_int_equal(r.how, ANCHOR_ORPHAN);
	free(text);
	free(pre);
	free(suf);
}

/* Against a real bundled article, loaded and cleaned: a sentence anchored
 * exactly, then after 500 bytes are cut from the start. */
static void
test_real_article(void **state)
{
	(void)state;
	struct article a;
	char *cause = NULL;
	assert_int_equal(article_load(NULL, "texts/000_sichuan_ribao.txt", &a, &cause), 0);
	assert_true(a.nsents > 10);
	const struct sentence *s = &a.sents[a.nsents / 2];
	char *quote = strndup(a.text + s->start, s->end - s->start);
	char *pre, *suf;
	assert_int_equal(anchor_context(a.text, a.len, s->start, s->end, 32, &pre, &suf), 0);
	struct anchor_sel sel = { s->start, s->end, quote, pre, suf };
	struct anchor_result r;
	assert_int_equal(anchor_locate(a.text, a.len, &sel, &r), 0);
	assert_int_equal(r.how, ANCHOR_EXACT);
	size_t cut = anchor_byte_of_cps(a.text, a.len, 150);
	assert_int_equal(anchor_locate(a.text + cut, a.len - cut, &sel, &r), 0);
	assert_int_equal(r.how, ANCHOR_QUOTE);
	assert_int_equal(r.start, s->start - cut);
	free(quote);
	free(pre);
	free(suf);
	article_free(&a);
}

static void
test_context_and_cps(void **state)
{
	(void)state;
	const char *t = "ab中文字cd";
	size_t n = strlen(t);
	char *pre, *suf;
	/* [中文) with 2 code points either side. */
	assert_int_equal(anchor_context(t, n, 2, 8, 2, &pre, &suf), 0);
	assert_string_equal(pre, "ab");
	assert_string_equal(suf, "字c");
	free(pre);
	free(suf);
	assert_int_equal(anchor_context(t, n, 0, 0, 1, &pre, &suf), 0);
	assert_string_equal(pre, "");
	assert_string_equal(suf, "a");
	free(pre);
	free(suf);
	assert_int_equal(anchor_context(t, n, 3, 2, 1, &pre, &suf), ERR_RANGE);
	assert_int_equal(anchor_context(t, n, 0, n + 1, 1, &pre, &suf), ERR_RANGE);
	/* Code points vs bytes: 中 is 3 bytes, one code point. */
	assert_int_equal(anchor_cps(t, n, 0), 0);
	assert_int_equal(anchor_cps(t, n, 5), 3);
	assert_int_equal(anchor_cps(t, n, n), 7);
	assert_int_equal(anchor_byte_of_cps(t, n, 3), 5);
	assert_int_equal(anchor_byte_of_cps(t, n, 7), n);
	assert_int_equal(anchor_byte_of_cps(t, n, 99), n);
	/* An emoji outside the BMP: one code point (two UTF-16 units). */
	const char *e = "a\xF0\x9F\x98\x80z";
	assert_int_equal(anchor_cps(e, 6, 6), 3);
	assert_int_equal(anchor_byte_of_cps(e, 6, 2), 5);
}

static void
test_degenerate(void **state)
{
	(void)state;
	struct anchor_result r;
	struct anchor_sel empty = { 0, 0, "", "", "" };
	assert_int_equal(anchor_locate("abc", 3, &empty, &r), 0);
	assert_int_equal(r.how, ANCHOR_ORPHAN);
	struct anchor_sel out = { 100, 110, "中文", NULL, NULL };
	assert_int_equal(anchor_locate("", 0, &out, &r), 0);
	assert_int_equal(r.how, ANCHOR_ORPHAN);
	assert_int_equal(anchor_locate("英文中文", 12, &out, &r), 0);
	assert_int_equal(r.how, ANCHOR_QUOTE);
	assert_int_equal(r.start, 6);
	/* A range after a one-byte character: still exact. */
	struct anchor_sel after = { 1, 7, "中文", NULL, NULL };
	assert_int_equal(anchor_locate("x中文", 7, &after, &r), 0);
	assert_int_equal(r.how, ANCHOR_EXACT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edits),
		cmocka_unit_test(test_context_chooses),
		cmocka_unit_test(test_long_quote),
		cmocka_unit_test(test_real_article),
		cmocka_unit_test(test_context_and_cps),
		cmocka_unit_test(test_degenerate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
