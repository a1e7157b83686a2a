/* Tests for report: --list and --dump text of small articles built by hand
 * (independent of cleaning and parsing), written to a memstream and
 * compared line by line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/article.h"
#include "../src/compare.h"
#include "../src/compare_spec.h"
#include "../src/corpus.h"
#include "../src/err.h"
#include "../src/match.h"
#include "../src/script.h"
#include "../src/layout.h"
#include "../src/report.h"
#include "../src/span.h"

/* An article assembled piece by piece: blocks are lines of its text. */
struct builder {
	char text[4096];
	size_t len, block_start;
	struct block blocks[16];
	size_t nb;
	struct span_list spans;
};

static void
put(struct builder *b, const char *s)
{
	size_t n = strlen(s);
	assert_true(b->len + n < sizeof b->text);
	memcpy(b->text + b->len, s, n);
	b->len += n;
	b->text[b->len] = 0;
}

static void
mark(struct builder *b, int kind, const char *s)
{
	size_t start = b->len;
	put(b, s);
	assert_int_equal(span_list_push(&b->spans, start, b->len, kind, 0), 0);
}

static void
end_block(struct builder *b, enum block_kind k)
{
	b->blocks[b->nb++] = (struct block){ b->block_start, b->len, k };
	put(b, "\n");
	b->block_start = b->len;
}

static void
block(struct builder *b, enum block_kind k, const char *s)
{
	put(b, s);
	end_block(b, k);
}

static struct article
article_of(struct builder *b, const char *title, const char *source, const char *author,
	   const char *date, size_t chars)
{
	struct article a;
	memset(&a, 0, sizeof a);
	a.path = (char *)"synthetic.txt";
	a.text = b->text;
	a.len = b->len;
	a.blocks = b->blocks;
	a.nblocks = b->nb;
	a.spans = b->spans;
	a.meta.title = (char *)title;
	a.meta.source = (char *)source;
	a.meta.author = (char *)author;
	a.meta.date = (char *)date;
	a.chars = chars;
	return a;
}

#define TEN "一二三四五六七八九十"

/* Title block, byline, a 60-character paragraph, a paragraph with a garbled
 * and a repaired span, boilerplate, a header block and a source line. */
static struct article
sample(struct builder *b)
{
	memset(b, 0, sizeof *b);
	block(b, BLOCK_META, "title:开源大模型之城");
	block(b, BLOCK_TITLE, "开源大模型之城");
	block(b, BLOCK_BYLINE, "第一财经记者张三");
	block(b, BLOCK_PARAGRAPH, TEN TEN TEN TEN TEN TEN);
	put(b, "前");
	mark(b, SPAN_GARBLED, "鍙戝");
	put(b, "后");
	mark(b, SPAN_REPAIRED, "杭州");
	put(b, "尾");
	end_block(b, BLOCK_PARAGRAPH);
	block(b, BLOCK_BOILERPLATE, "返回顶部杭州深圳");
	block(b, BLOCK_SOURCE, "来源第一财经");
	return article_of(b, "开源大模型之城", "第一财经", "张三", "2025-04-03", 80);
}

static void
opts(struct layout_opts *o, int ambiguous_wide)
{
	layout_opts_default(o);
	o->indent_cols = 4;
	o->punct_fullwidth = 0;
	o->w.ambiguous_wide = ambiguous_wide;
}

/* Compare the memstream text with want, line by line for a clear failure. */
static void
assert_text(const char *got, const char *want)
{
	if (strcmp(got, want) == 0)
		return;
	const char *g = got, *w = want;
	for (int line = 1;; line++) {
		size_t gl = strcspn(g, "\n"), wl = strcspn(w, "\n");
		if (gl != wl || memcmp(g, w, gl) != 0 || (g[gl] == 0) != (w[wl] == 0)) {
			fprintf(stderr, "line %d:\n  got  \"%.*s\"\n  want \"%.*s\"\n", line, (int)gl, g,
				(int)wl, w);
			break;
		}
		if (g[gl] == 0)
			break;
		g += gl + 1;
		w += wl + 1;
	}
	fail();
}

/* report_dump of a (default layout options, width_cols 0 for no wrapping)
 * into a malloc'd string; the test fails if it does not return 0. */
static char *
dump_of(const struct article *a, int width_cols)
{
	struct layout_opts o;
	opts(&o, 0);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	assert_non_null(f);
	assert_int_equal(report_dump(f, a, &o, width_cols), 0);
	assert_int_equal(fclose(f), 0);
	return out;
}

static void
test_dump_wrapped(void **state)
{
	(void)state;
	struct builder b;
	struct article a = sample(&b);
	char *out = dump_of(&a, 40);
	/* the layout centres titles (the metadata line is laid out as one)
	 * and sets bylines and source lines flush right */
	assert_text(out, "             开源大模型之城\n"
			 "  第一财经 · 张三 · 2025-04-03 · 80 字\n"
			 "\n"
			 "                        第一财经记者张三\n"
			 "\n"
			 "    一二三四五六七八九十一二三四五六七八\n"
			 "九十一二三四五六七八九十一二三四五六七八\n"
			 "九十一二三四五六七八九十一二三四五六七八\n"
			 "九十\n"
			 "\n"
			 "    前⟦鍙戝⟧后⟪杭州⟫尾\n"
			 "\n"
			 "                            来源第一财经\n");
	free(out);
	span_list_free(&b.spans);
}

static void
test_dump_unwrapped(void **state)
{
	(void)state;
	struct builder b;
	struct article a = sample(&b);
	a.meta.author = NULL;
	a.meta.date = NULL;
	char *out = dump_of(&a, 0);
	assert_text(out, "开源大模型之城\n"
			 "第一财经 · 80 字\n"
			 "\n"
			 "第一财经记者张三\n" TEN TEN TEN TEN TEN TEN "\n"
			 "前⟦鍙戝⟧后⟪杭州⟫尾\n"
			 "来源第一财经\n");
	free(out);
	span_list_free(&b.spans);
}

/* A title that differs from the text's title block keeps the block; a
 * title with controls loses them; no metadata leaves the count alone. */
static void
test_dump_title_and_controls(void **state)
{
	(void)state;
	struct builder b;
	memset(&b, 0, sizeof b);
	block(&b, BLOCK_TITLE, "原标题");
	block(&b, BLOCK_PARAGRAPH, "正文\x1B[31m红\xC2\x9B字");
	struct article a = article_of(&b, "新\a标题\n二", NULL, NULL, NULL, 6);
	char *out = dump_of(&a, 0);
	/* how a control left in the text shows is the width module's business;
	 * that it does not reach the output is report's */
	const char *want = "新标题 二\n"
			   "6 字\n"
			   "\n"
			   "原标题\n"
			   "正文";
	assert_int_equal(strncmp(out, want, strlen(want)), 0);
	assert_non_null(strstr(out, "[31m红"));
	for (const char *p = out; *p; p++)
		assert_true((unsigned char)*p >= 0x20 || *p == '\n');
	assert_null(strstr(out, "\xC2\x9B"));
	free(out);
}

#define LONG_TITLE TEN TEN "一二三四五"

/* The city columns: 杭州, 深圳, 成都 with these mentions per article. */
static size_t three_counts[] = { 1, 0, 0, 0, 2, 1 };
static const struct report_cities three = { 3, { "杭州", "深圳", "成都" }, three_counts };

static void
list_with(struct article *v, size_t n, int ambiguous_wide, const struct report_cities *cities,
	  const char *want)
{
	struct corpus c = { v, n };
	struct layout_opts o;
	opts(&o, ambiguous_wide);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	assert_non_null(f);
	assert_int_equal(report_list(f, &c, &o, cities), 0);
	assert_int_equal(fclose(f), 0);
	assert_text(out, want);
	free(out);
}

static void
list_of(struct article *v, size_t n, int ambiguous_wide, const char *want)
{
	list_with(v, n, ambiguous_wide, &three, want);
}

static void
test_list(void **state)
{
	(void)state;
	struct builder b1, b2;
	struct article v[2];
	v[0] = sample(&b1);
	memset(&b2, 0, sizeof b2);
	block(&b2, BLOCK_PARAGRAPH, "深圳和深圳,还有成都。");
	block(&b2, BLOCK_BOILERPLATE, "成都成都");
	v[1] = article_of(&b2, LONG_TITLE, NULL, NULL, NULL, 12345);

	list_of(v, 2, 0,
		"开源大模型之城                           第一财经  2025-04-03  txt      80 字  杭州 1  深圳 0  成都 0\n"
		"一二三四五六七八九十一二三四五六七八九…  -         -           txt   12345 字  杭州 0  深圳 2  成都 1\n");
	/* "…" takes two columns on a CJK terminal: the cut leaves room for it */
	list_of(v, 2, 1,
		"开源大模型之城                            第一财经  2025-04-03  txt      80 字  杭州 1  深圳 0  成都 0\n"
		"一二三四五六七八九十一二三四五六七八九…  -         -           txt   12345 字  杭州 0  深圳 2  成都 1\n");
	/* no article with a date: no date column */
	static size_t second[] = { 0, 2, 1 };
	const struct report_cities one = { 3, { "杭州", "深圳", "成都" }, second };
	list_with(v + 1, 1, 0, &one,
		  "一二三四五六七八九十一二三四五六七八九…  -  txt   12345 字  杭州 0  深圳 2  成都 1\n");
	list_of(v, 0, 0, "");
	/* four cities, counts of up to three digits aligned; none at all */
	static size_t four_counts[] = { 105, 0, 7, 16, 0, 4, 0, 0 };
	const struct report_cities four = { 4, { "杭州", "北京", "深圳", "成都" }, four_counts };
	list_with(v, 2, 0, &four,
		  "开源大模型之城                           第一财经  2025-04-03  txt      80 字  杭州 105  北京   0  深圳   7  成都  16\n"
		  "一二三四五六七八九十一二三四五六七八九…  -         -           txt   12345 字  杭州   0  北京   4  深圳   0  成都   0\n");
	list_with(v + 1, 1, 0, NULL, "一二三四五六七八九十一二三四五六七八九…  -  txt   12345 字\n");
	span_list_free(&b1.spans);
}

/* Copies (a title another article has too) are told apart by their file
 * names, in a column of its own after the title, blank for the others. */
static void
test_list_copies(void **state)
{
	(void)state;
	struct builder b1, b2, b3;
	struct article v[3];
	v[0] = sample(&b1);
	v[0].path = (char *)"/data/2024/kaiyuan.txt";
	memset(&b2, 0, sizeof b2);
	block(&b2, BLOCK_PARAGRAPH, "深圳和深圳,还有成都。");
	v[1] = article_of(&b2, "深圳拼了", NULL, NULL, NULL, 9);
	v[1].path = (char *)"shenzhen.txt";
	v[2] = sample(&b3);
	v[2].path = (char *)"kaiyuan (1).txt";
	static size_t counts[] = { 1, 0, 0, 0, 2, 1, 1, 0, 0 };
	const struct report_cities c3 = { 3, { "杭州", "深圳", "成都" }, counts };
	list_with(v, 3, 0, &c3,
		  "开源大模型之城  kaiyuan.txt      第一财经  2025-04-03  txt   80 字  杭州 1  深圳 0  成都 0\n"
		  "深圳拼了                         -         -           txt    9 字  杭州 0  深圳 2  成都 1\n"
		  "开源大模型之城  kaiyuan (1).txt  第一财经  2025-04-03  txt   80 字  杭州 1  深圳 0  成都 0\n");
	/* a control in a file name is escaped, as everywhere */
	v[2].path = (char *)"kai\x1b[2J.txt";
	list_with(v, 3, 0, NULL,
		  "开源大模型之城  kaiyuan.txt     第一财经  2025-04-03  txt   80 字\n"
		  "深圳拼了                        -         -           txt    9 字\n"
		  "开源大模型之城  kai\\x1B[2J.txt  第一财经  2025-04-03  txt   80 字\n");
	span_list_free(&b1.spans);
	span_list_free(&b3.spans);
}

/* report_shown: what the notes pane shows of quotes and titles is what the
 * reader shows; controls go, line breaks become spaces. */
static void
test_shown(void **state)
{
	(void)state;
	static const struct {
		int fullwidth;
		const char *in, *out;
	} cases[] = {
		{ 1, "最近,人工智能火出了圈(AI)：透露,有时?", "最近，人工智能火出了圈（AI）：透露，有时？" },
		{ 1, "DeepSeek-R1, said: (ok)", "DeepSeek-R1, said: (ok)" },
		{ 1, "第一段,\n第二段\t完\x1b[31m", "第一段， 第二段 完[31m" },
		{ 0, "最近,人工智能", "最近,人工智能" },
		{ 1, "", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct layout_opts o;
		layout_opts_default(&o);
		o.punct_fullwidth = cases[i].fullwidth;
		char *got = report_shown(&o, cases[i].in, strlen(cases[i].in));
		assert_non_null(got);
		assert_string_equal(got, cases[i].out);
		free(got);
	}
}

/* The comparison's matcher on articles, for report_cities_count. */
struct counted {
	struct script *sc;
	struct compare_spec spec;
	struct compare_matcher *m;
	struct match_corpus mc;
	struct report_cities rc;
};

static void
count_cities(struct counted *k, const struct article *v, size_t n, const char *cities)
{
	char *cause = NULL;
	if (script_open(&k->sc, &cause) < 0) {
		free(cause);
		k->sc = NULL;
	}
	assert_int_equal(compare_spec_default(&k->spec), 0);
	if (cities)
		assert_int_equal(compare_spec_select(&k->spec, cities, &cause), 0);
	assert_int_equal(compare_matcher_new(&k->spec, k->sc, &k->m), 0);
	assert_int_equal(match_corpus_fold(k->sc, v, n, &k->mc), 0);
	assert_int_equal(report_cities_count(&k->spec, k->m, &k->mc, &k->rc), 0);
}

static void
counted_free(struct counted *k)
{
	report_cities_free(&k->rc);
	match_corpus_free(&k->mc);
	compare_matcher_free(k->m);
	compare_spec_free(&k->spec);
	if (k->sc)
		script_close(k->sc);
}

/* Aliases count, a longer alias once (杭州市 is not 杭州市 and 杭州), the
 * province does not, nor the footer; a city chosen by --cities has its
 * column. */
/* The one facts line: --dump's and the reading view's, shortened part by
 * part for narrow panes. */
static void
test_facts(void **state)
{
	(void)state;
	struct builder b;
	memset(&b, 0, sizeof b);
	struct article a = article_of(&b, "题", "第一财经", "张三", "2025-04-03", 801);
	static const struct {
		int shorten, reading;
		const char *want;
	} cases[] = {
		{ 0, 0, "第一财经 · 张三 · 2025-04-03 · 801 字" },
		{ 0, 1, "第一财经 · 张三 · 2025-04-03 · 801字 · 约3分钟" },
		{ 1, 1, "第一财经 · 张三 · 2025-04-03 · 801字" },
		{ 2, 1, "第一财经 · 2025-04-03 · 801字" },
		{ 3, 1, "第一财经 · 801字" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *s = report_facts(&a, cases[i].shorten, cases[i].reading);
		assert_non_null(s);
		assert_string_equal(s, cases[i].want);
		free(s);
	}
	a.chars = 10; /* under a minute is a minute */
	char *s = report_facts(&a, 0, 1);
	assert_string_equal(s, "第一财经 · 张三 · 2025-04-03 · 10字 · 约1分钟");
	free(s);
}

static void
test_cities_count(void **state)
{
	(void)state;
	static const char text[] =
		"杭州市的杭城有西湖区和滨江區\n\n"
		"深圳也叫鵬城。广东的深圳市，四川的成都，北京。\n\n"
		"联系我们\n微信扫一扫关注我们\n返回顶部 杭州 深圳\n";
	struct article a;
	assert_int_equal(article_from_utf8("t.txt", text, strlen(text), &a), 0);
	struct counted k;
	count_cities(&k, &a, 1, NULL);
	assert_int_equal(k.rc.n, 3);
	assert_string_equal(k.rc.name[0], "杭州");
	assert_string_equal(k.rc.name[2], "成都");
	size_t want_sc[] = { 4, 3, 1 }, want_plain[] = { 4, 2, 1 };
	for (size_t c = 0; c < 3; c++) /* 鵬城 and 滨江區 need OpenCC's folding */
		assert_int_equal(k.rc.mentions[c], k.sc ? want_sc[c] : want_plain[c] - (c == 0));
	counted_free(&k);

	count_cities(&k, &a, 1, "北京,深圳");
	assert_int_equal(k.rc.n, 2);
	assert_string_equal(k.rc.name[0], "北京");
	assert_int_equal(k.rc.mentions[0], 1);
	counted_free(&k);
	article_free(&a);
}

/* The bundled articles: --list's columns add up to --compare's mentions
 * row (105, 106, 17; tests/test_compare.c), article by article as pinned
 * here (a plain substring count gave 杭州 21 39 8 3 25, 深圳 3 0 84 5 0). */
static void
test_cities_bundled(void **state)
{
	(void)state;
	static const char *const paths[] = {
		"texts/000_sichuan_ribao.txt", "texts/001_hangzhou_kaiyuan.txt",
		"texts/002_shenzhen_pinle.txt", "texts/003_deepseek_chuangxin.txt",
		"texts/004_kexuebao_lianghui.txt",
	};
	enum { N = sizeof paths / sizeof paths[0] };
	static const size_t want[N][3] = {
		{ 26, 3, 16 }, { 40, 0, 0 }, { 8, 98, 0 }, { 3, 5, 1 }, { 28, 0, 0 },
	};
	struct article v[N];
	struct source_opts so = { 0 };
	for (size_t i = 0; i < N; i++) {
		char *cause = NULL;
		assert_int_equal(article_load(&so, paths[i], &v[i], &cause), 0);
	}
	struct counted k;
	count_cities(&k, v, N, NULL);
	if (k.sc == NULL) { /* the pinned counts fold scripts */
		counted_free(&k);
		for (size_t i = 0; i < N; i++)
			article_free(&v[i]);
		skip();
	}
	struct compare_result r;
	assert_int_equal(compare_run(&k.spec, k.m, &k.mc, &r), 0);
	for (size_t c = 0; c < 3; c++) {
		size_t sum = 0;
		for (size_t i = 0; i < N; i++) {
			size_t got = k.rc.mentions[i * 3 + c];
			if (got != want[i][c]) {
				fprintf(stderr, "%s, %s: %zu mentions, want %zu\n", paths[i], k.rc.name[c],
					got, want[i][c]);
				fail();
			}
			sum += got;
		}
		assert_int_equal(sum, r.hits[c]);
	}
	compare_result_free(&r);
	counted_free(&k);
	for (size_t i = 0; i < N; i++)
		article_free(&v[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dump_wrapped),
		cmocka_unit_test(test_dump_unwrapped),
		cmocka_unit_test(test_dump_title_and_controls),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_list_copies),
		cmocka_unit_test(test_shown),
		cmocka_unit_test(test_facts),
		cmocka_unit_test(test_cities_count),
		cmocka_unit_test(test_cities_bundled),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
