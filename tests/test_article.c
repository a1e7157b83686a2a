/* article: the five bundled articles through source -> clean -> parse, with
 * their exact titles, sources, headings, boilerplate and block counts; the
 * position lookups; the model's invariants. Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/article.h"
#include "../src/err.h"
#include "support_parse.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define MAXH 12
#define MAXB 20

struct expect {
	const char *path;
	const char *title;
	int inferred;
	const char *source, *author;
	size_t chars; /* 000, 002, 003 checked against a count of the raw file */
	/* blocks of each kind, in enum block_kind order: title byline source
	 * summary heading paragraph caption boilerplate pre meta */
	size_t kinds[BLOCK_KIND_COUNT];
	const char *headings[MAXH];
	const char *boiler[MAXB]; /* every boilerplate block, in order */
};

static const struct expect bundled[] = {
	{
		"texts/000_sichuan_ribao.txt",
		"为什么是杭州?未来的机会又在哪儿?", 1, "四川日报", "文露敏 高杲", 4224,
		{ 0, 1, 1, 1, 9, 46, 1, 0, 0, 0 },
		{ "启示一:", "通用大模型迎突破,垂直深耕还是出路吗?", "“落地为王”,垂类细分赛道仍有机会",
		  "启示二:", "“破圈”成果频出,杭州的创新生态究竟是什么?",
		  "“播种”又“浇灌”,打造没有围墙的“热带雨林”", "启示三:",
		  "培育硬科技企业,川籍“六小龙”在哪儿?", "寻找“长坡”,耐心有力地“滚雪球”" },
		{ NULL },
	},
	{
		"texts/001_hangzhou_kaiyuan.txt",
		"杭州“開源大模型之城”是如何煉成的?", 1, "浙江財經大學新經濟研究中心", NULL, 3605,
		{ 0, 1, 0, 0, 3, 38, 0, 0, 0, 0 },
		{ "深厚土壤", "“黃金三角”", "“三圈合一”" },
		{ NULL },
	},
	{
		"texts/002_shenzhen_pinle.txt",
		"错过DeepSeek,深圳拼了", 0, "中国新闻周刊", "陈惟杉", 6704,
		{ 1, 1, 1, 0, 3, 57, 1, 20, 0, 0 },
		{ "深圳急了?", "机遇在于应用", "如何“抢人”?" },
		{ "您的位置 首页 新闻",
		  "来源:中国新闻周刊  《黑神话·悟空》这样的现象级产品  没有出现在创新最前沿的深圳?",
		  "《黑神话·悟空》这样的现象级产品", "没有出现在创新最前沿的深圳?", "责任编辑:刘德宾",
		  "本文来自网络,不代表大火龙新闻网立场,转载请注明出处:/29350.html", "作者: wczz1314",
		  "为您推荐", "发表回复", "您的邮箱地址不会被公开。 必填项已用 * 标注", "联系我们",
		  "联系我们", "13000001211", "在线咨询: QQ交谈", "邮箱: email@wangzhan.com", "关注微信",
		  "微信扫一扫关注我们", "微信扫一扫关注我们", "关注微博", "返回顶部" },
	},
	{
		"texts/003_deepseek_chuangxin.txt",
		"DeepSeek爆火引全球关注,中国AI创新力量再获肯定", 0, "第一财经", NULL, 3322,
		{ 1, 0, 1, 2, 2, 30, 0, 1, 0, 0 },
		{ "创新及创新人才的再定义", "如何影响中国创新路径?" },
		{ "郑重声明:以上内容与本站立场无关。本站发布此内容的目的在于传播更多信息,本站对其观点、"
		  "判断保持中立,不保证该内容(包括但不限于文字、数据及图表)全部或者部分内容的准确性、"
		  "真实性、完整性、有效性、及时性、原创性等。相关内容不对各位读者构成任何投资建议,据此操作,"
		  "风险自担。股市有风险,投资需谨慎。如对该内容存在异议,或发现违法及不良信息,请发送邮件至"
		  "yxiu_cn@foxmail.com,我们将安排核实处理。" },
	},
	{
		"texts/004_kexuebao_lianghui.txt",
		"為什么DeepSeek成功了", 1, "中國科學報", "趙廣立", 2794,
		{ 0, 1, 0, 0, 3, 29, 0, 0, 0, 0 },
		{ "為什么DeepSeek成功了", "“六小龍”為何在杭州扎堆", "如何培育更多的DeepSeek" },
		{ NULL },
	},
};

static void
load(const char *path, struct article *a)
{
	struct source_opts o = { 0 };
	char *cause = NULL;
	int rc = article_load(&o, path, a, &cause);
	if (rc != 0)
		fprintf(stderr, "%s: %s\n", path, cause ? cause : "?");
	free(cause);
	assert_int_equal(rc, 0);
}

static int
str_eq(const char *what, const char *want, const char *got)
{
	if ((want == NULL) != (got == NULL) || (want && strcmp(want, got) != 0)) {
		char *w = want ? support_escape(want, strlen(want)) : strdup("(null)");
		char *g = got ? support_escape(got, strlen(got)) : strdup("(null)");
		fprintf(stderr, "%s:\n  want %s\n  got  %s\n", what, w, g);
		free(w);
		free(g);
		return 1;
	}
	return 0;
}

/* Blocks in order and inside the text, a sentence or more in each, all
 * sentences inside their block, no sentence starting or ending in space. */
static void
check_invariants(const struct article *a)
{
	size_t s = 0, prev_end = 0;
	for (size_t b = 0; b < a->nblocks; b++) {
		const struct block *bl = &a->blocks[b];
		assert_true(bl->start < bl->end);
		assert_true(bl->end <= a->len);
		assert_true(b == 0 || bl->start >= prev_end);
		prev_end = bl->end;
		size_t first = s;
		for (; s < a->nsents && a->sents[s].block == b; s++) {
			const struct sentence *se = &a->sents[s];
			assert_true(se->start >= bl->start && se->end <= bl->end && se->start < se->end);
			assert_true(a->text[se->start] != ' ' && a->text[se->start] != '\n');
			assert_true(a->text[se->end - 1] != ' ' && a->text[se->end - 1] != '\n');
			assert_int_equal(article_sentence_at(a, se->start), s);
			assert_int_equal(article_sentence_at(a, se->end - 1), s);
			assert_int_equal(article_block_at(a, se->start), b);
		}
		assert_true(s > first);
	}
	assert_int_equal(s, a->nsents);
}

static void
test_bundled(void **state)
{
	(void)state;
	int bad = 0;
	for (size_t i = 0; i < N(bundled); i++) {
		const struct expect *e = &bundled[i];
		struct article a;
		load(e->path, &a);
		char what[256];
		snprintf(what, sizeof what, "%s title", e->path);
		bad += str_eq(what, e->title, a.meta.title);
		snprintf(what, sizeof what, "%s source", e->path);
		bad += str_eq(what, e->source, a.meta.source);
		snprintf(what, sizeof what, "%s author", e->path);
		bad += str_eq(what, e->author, a.meta.author);
		bad += a.meta.title_inferred != e->inferred;
		bad += str_eq(what, NULL, a.meta.date);
		if (a.chars != e->chars) {
			fprintf(stderr, "%s chars: want %zu got %zu\n", e->path, e->chars, a.chars);
			bad++;
		}
		size_t kinds[BLOCK_KIND_COUNT] = { 0 }, h = 0, bp = 0;
		for (size_t b = 0; b < a.nblocks; b++) {
			const struct block *bl = &a.blocks[b];
			char text[2048];
			snprintf(text, sizeof text, "%.*s", (int)(bl->end - bl->start), a.text + bl->start);
			kinds[bl->kind]++;
			if (bl->kind == BLOCK_HEADING) {
				snprintf(what, sizeof what, "%s heading %zu", e->path, h);
				bad += str_eq(what, h < MAXH ? e->headings[h] : NULL, text);
				h++;
			}
			if (bl->kind == BLOCK_BOILERPLATE) {
				snprintf(what, sizeof what, "%s boilerplate %zu", e->path, bp);
				bad += str_eq(what, bp < MAXB ? e->boiler[bp] : NULL, text);
				bp++;
			}
		}
		for (int k = 0; k < BLOCK_KIND_COUNT; k++)
			if (kinds[k] != e->kinds[k]) {
				fprintf(stderr, "%s: %s blocks: want %zu got %zu\n", e->path,
					parse_block_kind_name(k), e->kinds[k], kinds[k]);
				bad++;
			}
		check_invariants(&a);
		article_free(&a);
	}
	assert_int_equal(bad, 0);
}

/* Text of block or sentence ranges, for exact comparisons. */
static int
range_is(const struct article *a, size_t s, size_t e, const char *want)
{
	return e - s == strlen(want) && memcmp(a->text + s, want, e - s) == 0;
}

static void
test_details(void **state)
{
	(void)state;
	struct article a;
	/* 004: the byline glued to the last paragraph is split off */
	load("texts/004_kexuebao_lianghui.txt", &a);
	const struct block *last = &a.blocks[a.nblocks - 1], *para = &a.blocks[a.nblocks - 2];
	assert_true(range_is(&a, last->start, last->end, "(記者 趙廣立)"));
	assert_int_equal(last->kind, BLOCK_BYLINE);
	assert_int_equal(para->kind, BLOCK_PARAGRAPH);
	assert_true(a.text[para->end - 1] == '\x82'); /* ends with 。 */
	article_free(&a);

	/* 000: the lead question is one sentence; lookups by offset */
	load("texts/000_sichuan_ribao.txt", &a);
	const char *q = "为什么是杭州?";
	const char *p = strstr(a.text, q);
	assert_non_null(p);
	size_t off = (size_t)(p - a.text);
	size_t s = article_sentence_at(&a, off + 3);
	assert_true(range_is(&a, a.sents[s].start, a.sents[s].end, q));
	assert_true(range_is(&a, a.sents[s + 1].start, a.sents[s + 1].end, "未来的机会又在哪儿?"));
	assert_int_equal(article_block_at(&a, off), 6);
	assert_int_equal(a.blocks[0].kind, BLOCK_SUMMARY);
	assert_int_equal(article_sentence_at(&a, 0), 0);
	assert_int_equal(article_block_at(&a, a.len), a.nblocks);
	/* the '\n' after a block: its sentence is the one before, its block the next */
	assert_int_equal(article_sentence_at(&a, a.blocks[0].end), a.sents[1].block == 0 ? 1 : 0);
	assert_int_equal(article_block_at(&a, a.blocks[0].end), 1);
	article_free(&a);

	/* 003: the summary is the label and the paragraph after it */
	load("texts/003_deepseek_chuangxin.txt", &a);
	assert_true(range_is(&a, a.blocks[1].start, a.blocks[1].end, "AI导读:"));
	assert_int_equal(a.blocks[2].kind, BLOCK_SUMMARY);
	assert_int_equal(a.blocks[a.nblocks - 2].kind, BLOCK_SOURCE);
	article_free(&a);

	/* 002: the caption with the credit 图/新华 */
	load("texts/002_shenzhen_pinle.txt", &a);
	size_t caps = 0;
	for (size_t b = 0; b < a.nblocks; b++)
		if (a.blocks[b].kind == BLOCK_CAPTION) {
			caps++;
			assert_true(a.blocks[b].end - a.blocks[b].start > strlen("图/新华"));
			assert_memory_equal(a.text + a.blocks[b].end - strlen("图/新华"), "图/新华",
					    strlen("图/新华"));
		}
	assert_int_equal(caps, 1);
	article_free(&a);
}

static void
test_from_utf8(void **state)
{
	(void)state;
	struct article a;
	assert_int_equal(article_from_utf8(NULL, "", 0, &a), 0);
	assert_string_equal(a.meta.title, PARSE_UNTITLED);
	assert_int_equal(a.nblocks, 0);
	assert_int_equal(a.chars, 0);
	assert_int_equal(article_sentence_at(&a, 0), 0);
	assert_int_equal(article_block_at(&a, 0), 0);
	assert_true(a.hash == 0xcbf29ce484222325ULL);
	article_free(&a);

	assert_int_equal(article_from_utf8("some/dir/笔记.txt", " \n\n", 3, &a), 0);
	assert_string_equal(a.meta.title, "笔记");
	article_free(&a);

	const char *t = "标题在此\n  第一句。第二句!\n";
	assert_int_equal(article_from_utf8("x.txt", t, strlen(t), &a), 0);
	assert_string_equal(a.meta.title, "标题在此");
	assert_int_equal(a.chars, 4 + 8);
	assert_int_equal(a.nsents, 3);
	/* before the first sentence there is none */
	assert_int_equal(a.blocks[0].start, 0);
	assert_int_equal(article_sentence_at(&a, 0), 0);
	assert_int_equal(article_block_at(&a, 0), 0);
	article_free(&a);

	assert_true(article_hash("a", 1) == 0xaf63dc4c8601ec8cULL);
}

static void
test_load_errors(void **state)
{
	(void)state;
	struct source_opts o = { 0 };
	struct article a;
	char *cause = NULL;
	assert_int_equal(article_load(&o, "texts/no-such-file.txt", &a, &cause), ERR_NOTFOUND);
	assert_non_null(cause);
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bundled),
		cmocka_unit_test(test_details),
		cmocka_unit_test(test_from_utf8),
		cmocka_unit_test(test_load_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
