/* parse_line and boiler: what single lines say they are. Tables of lines
 * with the expected answer; "" as an expected name means "not this kind". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/boiler.h"
#include "../src/parse_line.h"
#include "support_parse.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int
report(size_t i, const char *line, const char *want, const char *got)
{
	char *l = support_escape(line, strlen(line)), *w = support_escape(want, strlen(want)),
	     *g = support_escape(got, strlen(got));
	fprintf(stderr, "case %zu %s:\n  want %s\n  got  %s\n", i, l, w, g);
	free(l);
	free(w);
	free(g);
	return 1;
}

static void
test_source(void **state)
{
	(void)state;
	static const struct {
		const char *line, *name;
	} cases[] = {
		{ "来源:四川日报", "四川日报" },
		{ "(文章来源:第一财经)", "第一财经" },
		{ "来源：新华社 2025-03-31", "新华社" },
		{ "來源:中國科學報", "中國科學報" },
		{ "Source: Reuters", "Reuters" },
		{ "2025-03-31 10:22 来源:新华社", "新华社" },
		{ "2025年3月31日 来源:人民网", "人民网" },
		{ "【来源:澎湃新闻】", "澎湃新闻" },
		{ "来源:中国新闻周刊  《黑神话·悟空》这样的现象级产品  没有出现在创新最前沿的深圳?", "" },
		{ "来源于生活的灵感。", "" },
		{ "来源:", "" },
		{ "信息来源广泛,涉及很多方面。", "" },
		{ "资源来源:统计局。数据显示增长。", "" },
	};
	int bad = 0;
	for (size_t i = 0; i < N(cases); i++) {
		const char *s = cases[i].line;
		size_t off = 0, n = 0;
		char got[256] = "";
		if (parse_line_source(s, strlen(s), &off, &n))
			snprintf(got, sizeof got, "%.*s", (int)n, s + off);
		if (strcmp(got, cases[i].name) != 0)
			bad += report(i, s, cases[i].name, got);
	}
	assert_int_equal(bad, 0);
}

static void
test_byline(void **state)
{
	(void)state;
	static const struct {
		const char *line, *want; /* "A:names", "I:institution" or "" */
	} cases[] = {
		{ "川观新闻记者 文露敏 高杲", "A:文露敏 高杲" },
		{ "记者:陈惟杉(chenweishan@chinanews.com.cn)", "A:陈惟杉" },
		{ "(記者 趙廣立)", "A:趙廣立" },
		{ "本报记者 张三、李四", "A:张三、李四" },
		{ "(作者單位:浙江財經大學新經濟研究中心)", "I:浙江財經大學新經濟研究中心" },
		{ "（作者单位：复旦大学）", "I:复旦大学" },
		{ "作者:张三", "A:张三" },
		{ "文/李四", "A:李四" },
		{ "By Li Wei", "A:Li Wei" },
		{ "有创业者告诉记者:“对于初创企业而言,人力成本占据主要位置。”", "" },
		{ "记者了解到，目前杭州向来杭找工作的大学生提供7天的免费住宿。", "" },
		{ "文章来源:第一财经", "" },
		{ "文化是城市的灵魂", "" },
		{ "作者单位", "" },
	};
	int bad = 0;
	for (size_t i = 0; i < N(cases); i++) {
		const char *s = cases[i].line;
		size_t off = 0, n = 0;
		char got[256] = "";
		enum parse_byline k = parse_line_byline(s, strlen(s), &off, &n);
		if (k != PARSE_BYLINE_NONE)
			snprintf(got, sizeof got, "%c:%.*s", k == PARSE_BYLINE_AUTHOR ? 'A' : 'I',
				 (int)n, s + off);
		if (strcmp(got, cases[i].want) != 0)
			bad += report(i, s, cases[i].want, got);
	}
	assert_int_equal(bad, 0);
}

static void
test_trailing_byline(void **state)
{
	(void)state;
	static const struct {
		const char *line, *tail; /* the byline split off, or "" */
	} cases[] = {
		{ "这样才会有更多的DeepSeek出現。(記者 趙廣立)", "(記者 趙廣立)" },
		{ "他说完就走了。（记者 张三 李四）", "（记者 张三 李四）" },
		{ "中国人工智能(AI)企业", "" },
		{ "(記者 趙廣立)", "" },
		{ "数据显示增速为(1.7%)", "" },
		{ "他说。(作者:张三)", "" },
	};
	int bad = 0;
	for (size_t i = 0; i < N(cases); i++) {
		const char *s = cases[i].line;
		size_t off = parse_line_trailing_byline(s, strlen(s));
		if (strcmp(s + off, cases[i].tail) != 0)
			bad += report(i, s, cases[i].tail, s + off);
	}
	assert_int_equal(bad, 0);
}

static void
test_summary(void **state)
{
	(void)state;
	static const struct {
		const char *line;
		int is, label_only;
	} cases[] = {
		{ "摘要:年初,私募机构幻方量化旗下公司发布最新开源模型。", 1, 0 },
		{ "AI导读:", 1, 1 },
		{ "AI導讀：", 1, 1 },
		{ "编者按：杭州的经验值得关注。", 1, 0 },
		{ "内容提要: 三点启示", 1, 0 },
		{ "摘要", 0, 0 },
		{ "摘要显示了很多内容。", 0, 0 },
	};
	for (size_t i = 0; i < N(cases); i++) {
		int lo = -1;
		int is = parse_line_summary(cases[i].line, strlen(cases[i].line), &lo);
		assert_int_equal(is, cases[i].is);
		if (is)
			assert_int_equal(lo, cases[i].label_only);
	}
}

static void
test_caption(void **state)
{
	(void)state;
	static const struct {
		const char *line;
		int is, credit_only;
	} cases[] = {
		{ "具身科技研发的“天行者1号”人形机器人。具身科技供图", 1, 0 },
		{ "具身科技供图", 1, 1 },
		{ "错过DeepSeek,深圳拼了2024年6月26日,在深圳市南山区智园的优必选总部,工作人员对人形机器人"
		  "进行测试。图/新华",
		  1, 0 },
		{ "图/新华社", 1, 1 },
		{ "新华社记者 张三 摄", 1, 1 },
		{ "(图片来源:网络)", 1, 1 },
		{ "杭州西湖。(图片来源:视觉中国)", 1, 0 },
		{ "工作人员正在进行拍摄", 0, 0 },
		{ "如图/表所示，数据在过去三年中持续增长，并且远远超过预期。", 0, 0 },
		{ "供图", 0, 0 },
	};
	for (size_t i = 0; i < N(cases); i++) {
		int co = -1;
		int is = parse_line_caption(cases[i].line, strlen(cases[i].line), &co);
		if (is != cases[i].is)
			report(i, cases[i].line, cases[i].is ? "caption" : "no", is ? "caption" : "no");
		assert_int_equal(is, cases[i].is);
		if (is)
			assert_int_equal(co, cases[i].credit_only);
	}
}

static void
test_shapes(void **state)
{
	(void)state;
	static const struct {
		const char *line;
		int heading, title;
	} cases[] = {
		{ "启示一:", 1, 0 },
		{ "深厚土壤", 1, 1 },
		{ "“黄金三角”", 1, 1 },
		{ "如何“抢人”?", 1, 1 },
		{ "為什么DeepSeek成功了", 1, 1 },
		{ "深圳急了?", 1, 1 },
		{ "通用大模型迎突破,垂直深耕还是出路吗?", 1, 1 },
		{ "DeepSeek爆火引全球关注,中国AI创新力量再获肯定", 1, 1 },
		{ "杭州", 1, 0 },
		{ "另一种耐心,则指向金融这一“源头活水”。", 0, 0 },
		{ "这是一个问题?还有一个?", 0, 0 },
		{ "一,二,", 0, 0 },
		{ "2025", 0, 0 },
		{ "——", 0, 0 },
		{ "等等……", 0, 0 },
		{ "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十", 1, 1 },
		{ "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一", 0, 1 },
		{ "甲,乙,丙,丁", 1, 0 },
	};
	for (size_t i = 0; i < N(cases); i++) {
		const char *s = cases[i].line;
		if (parse_line_heading(s, strlen(s)) != cases[i].heading ||
		    parse_line_title(s, strlen(s)) != cases[i].title)
			report(i, s, "see table", "differs");
		assert_int_equal(parse_line_heading(s, strlen(s)), cases[i].heading);
		assert_int_equal(parse_line_title(s, strlen(s)), cases[i].title);
	}
}

static void
test_date(void **state)
{
	(void)state;
	static const struct {
		const char *line, *want;
	} cases[] = {
		{ "2025年3月31日", "2025-03-31" },
		{ "发布时间:2025-03-31 10:22", "2025-03-31" },
		{ "2025/3/1 来源:新华社", "2025-03-01" },
		{ "2025.03.31", "2025-03-31" },
		{ "记者 张三 2024年12月5日电", "2024-12-05" },
		{ "12025年1月1日", "" },
		{ "2025年13月1日", "" },
		{ "2025年3月", "" },
		{ "3月31日", "" },
		{ "2025-03/31", "" },
		{ "", "" },
	};
	int bad = 0;
	for (size_t i = 0; i < N(cases); i++) {
		char got[11] = "";
		parse_line_date(cases[i].line, strlen(cases[i].line), got);
		if (strcmp(got, cases[i].want) != 0)
			bad += report(i, cases[i].line, cases[i].want, got);
	}
	assert_int_equal(bad, 0);
}

static void
test_prose(void **state)
{
	(void)state;
	assert_true(parse_line_prose("深圳市50%—60%的人工智能企业集聚在南山区,而在南山区科创局,当前最忙碌的部门。",
				     strlen("深圳市50%—60%的人工智能企业集聚在南山区,而在南山区科创局,当前最忙碌的部门。")));
	const char *s = "来源:中国新闻周刊  《黑神话·悟空》这样的现象级产品  没有出现在创新最前沿的深圳?";
	assert_false(parse_line_prose(s, strlen(s)));
	assert_false(parse_line_prose("短句。", strlen("短句。")));
}

static void
test_boiler(void **state)
{
	(void)state;
	static const struct {
		const char *line;
		int strong, footer, nav;
	} cases[] = {
		{ "责任编辑:刘德宾", 1, 1, 0 },
		{ "(责任编辑:王五)", 1, 1, 0 },
		{ "本文来自网络,不代表大火龙新闻网立场,转载请注明出处:/29350.html", 1, 1, 0 },
		{ "郑重声明:以上内容与本站立场无关。", 1, 1, 0 },
		{ "返回顶部", 1, 1, 0 },
		{ "微信扫一扫关注我们", 1, 1, 0 },
		{ "您的邮箱地址不会被公开。 必填项已用 * 标注", 1, 1, 0 },
		{ "为您推荐", 0, 1, 0 },
		{ "发表回复", 0, 1, 0 },
		{ "联系我们", 0, 1, 0 },
		{ "13000001211", 0, 1, 0 },
		{ "010-12345678", 0, 1, 0 },
		{ "在线咨询: QQ交谈", 0, 1, 0 },
		{ "邮箱: email@wangzhan.com", 0, 1, 0 },
		{ "关注微信", 0, 1, 0 },
		{ "关注微博", 0, 1, 0 },
		{ "您的位置 首页 新闻", 0, 0, 1 },
		{ "当前位置:首页 > 科技", 0, 0, 1 },
		{ "首页 > 新闻 > 正文", 0, 0, 1 },
		{ "首页的设计很好看", 0, 0, 0 },
		{ "深圳市政府", 0, 0, 0 },
		{ "2048", 0, 0, 0 },
	};
	for (size_t i = 0; i < N(cases); i++) {
		const char *s = cases[i].line;
		size_t n = strlen(s);
		if (boiler_strong(s, n) != cases[i].strong || boiler_footer(s, n) != cases[i].footer ||
		    boiler_nav(s, n) != cases[i].nav)
			report(i, s, "see table", "differs");
		assert_int_equal(boiler_strong(s, n), cases[i].strong);
		assert_int_equal(boiler_footer(s, n), cases[i].footer);
		assert_int_equal(boiler_nav(s, n), cases[i].nav);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_source),  cmocka_unit_test(test_byline),
		cmocka_unit_test(test_trailing_byline), cmocka_unit_test(test_summary),
		cmocka_unit_test(test_caption), cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_date),    cmocka_unit_test(test_prose),
		cmocka_unit_test(test_boiler),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
