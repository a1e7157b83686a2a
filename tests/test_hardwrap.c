/* hardwrap and prefmt: which lines are re-joined into paragraphs and which
 * are kept line by line, checked as the blocks parse_article makes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/hardwrap.h"
#include "../src/parse.h"
#include "../src/prefmt.h"
#include "support_parse.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* A Chinese paragraph wrapped at 36 columns, one in traditional script with
 * Latin inside, wrapped the same way. */
#define CN1 "杭州作为“互联网之城”和世界著名旅游城\n" \
	    "市，程序员的开源精神和开放包容的城市\n" \
	    "精神，为“开源大模型之城”的诞生提供了\n" \
	    "深厚的土壤。在互联网时代，阿里秉持“\n" \
	    "让天下没有难做的生意”的使命，开创了\n" \
	    "全新的电商生态。"
#define CN2 "寬松的政策環境，讓企業能夠放下心中的\n" \
	    "顧慮，全身心地投入創新中，從而加快AI\n" \
	    "技術的研發和應用進程。"

static void
test_chinese_36(void **state)
{
	(void)state;
	const char *text = "开源大模型之城\n\n" CN1 "\n\n" CN2 "\n";
	const char *want[] = { "title|开源大模型之城", "paragraph|" CN1, "paragraph|" CN2 };
	assert_int_equal(support_parse_blocks(text, want, N(want)), 0);
}

/* Without blank lines between paragraphs: a short last line ends one. */
static void
test_chinese_no_blank(void **state)
{
	(void)state;
	const char *text = CN1 "\n" CN2 "\n";
	const char *want[] = { "paragraph|" CN1, "paragraph|" CN2 };
	assert_int_equal(support_parse_blocks(text, want, N(want)), 0);
}

/* A manual's paragraph of two lines gives no width to judge by, but a long
 * line that ends on a comma goes on; a short one so ended is verse; a
 * table drawn with box characters is neither garbled nor joined. */
static void
test_chinese_clause(void **state)
{
	(void)state;
	const char *text = "1.1 简介\n\n"
			   "本软件是一款用于管理文档的工具。它可以帮助用户整理、检索和备份各种格式的文件，\n"
			   "适合个人和小型团队使用。本手册介绍软件的安装、配置和日常使用方法。\n\n"
			   "床前明月光，\n疑是地上霜。\n";
	const char *want[] = {
		"title|1.1 简介",
		"paragraph|本软件是一款用于管理文档的工具。它可以帮助用户整理、检索和备份各种格式的文件，\n"
		"适合个人和小型团队使用。本手册介绍软件的安装、配置和日常使用方法。",
		"paragraph|床前明月光，", "paragraph|疑是地上霜。",
	};
	assert_int_equal(support_parse_blocks(text, want, N(want)), 0);
}

/* Sentences of a joined paragraph run across its line breaks. */
static void
test_joined_sentences(void **state)
{
	(void)state;
	const char *text = CN1 "\n\n" CN2 "\n";
	const char *first = "杭州作为“互联网之城”和世界著名旅游城\n市，程序员的开源精神和开放包容的城市\n"
			    "精神，为“开源大模型之城”的诞生提供了\n深厚的土壤。";
	struct parse_result r;
	assert_int_equal(parse_article(text, strlen(text), &r), 0);
	assert_int_equal(r.nblocks, 2);
	assert_int_equal(r.nsents, 3);
	assert_int_equal(r.sents[0].start, 0);
	assert_int_equal(r.sents[0].end, strlen(first));
	assert_int_equal(r.sents[1].start, strlen(first));
	assert_int_equal(r.sents[1].end, strlen(CN1));
	assert_int_equal(r.sents[2].block, 1);
	parse_result_free(&r);
}

#define EN1 "The meeting about the Hangzhou open-source models went well. We agreed\n" \
	    "to compare the three cities in a small report, and to share the draft\n" \
	    "with the whole team before the end of the month. Please send your\n" \
	    "comments early, and mark every figure that still needs a source."
#define EN2 "Shenzhen has the supply chain, Hangzhou has the models, and Chengdu has\n" \
	    "the talent from its universities; the report should say which of them\n" \
	    "matters most."

static void
test_mail_72(void **state)
{
	(void)state;
	const char *text = "Hello all,\n\n" EN1 "\n\n" EN2 "\n\nThanks,\nLi Wei\n";
	const char *want[] = { "paragraph|Hello all,", "paragraph|" EN1, "paragraph|" EN2,
			       "paragraph|Thanks,", "heading|Li Wei" };
	assert_int_equal(support_parse_blocks(text, want, N(want)), 0);
}

/* English filled by an editor or by fmt, which balances its lines: in a
 * file wrapped at 77 columns, lines of 62 to 65 that could have taken the
 * next word, yet the long ones that end on a word or a comma run on
 * (paragraphs of the bash README, as Debian ships it). */
#define BASH1 "This is GNU Bash, version 5.2. Bash is the GNU Project's Bourne\n" \
	      "Again SHell, a complete implementation of the POSIX shell spec,\n" \
	      "but also with interactive command line editing, job control on\n" \
	      "architectures that support it, csh-like features such as history\n" \
	      "substitution and brace expansion, and a slew of other features."
#define BASH2 "There are some user-visible incompatibilities between this version\n" \
	      "of Bash and previous widely-distributed versions, bash-4.4, bash-5.0,\n" \
	      "and bash-5.1. For details, see the file COMPAT.  The NEWS file tersely\n" \
	      "lists features that are new in this release."
#define BASH3 "Bash is free software, distributed under the terms of the [GNU] General\n" \
	      "Public License as published by the Free Software Foundation,\n" \
	      "version 3 of the License (or any later version).  For more information,\n" \
	      "see the file COPYING."
/* a paragraph filled greedily at 77 columns: the file is hard-wrapped at 77 */
#define FILL77 "The reader keeps every article of a folder in one list, orders the rows by\n" \
	       "title or by date, and opens the one under the cursor in a pane of its own,\n" \
	       "where the text is laid out at the width of the terminal, with the customary\n" \
	       "indent at the start of each paragraph, and with the lines broken where\n" \
	       "Chinese typography allows a break and nowhere else, so that a closing mark\n" \
	       "never starts a line and an opening mark never ends one, whatever the width\n" \
	       "the user has chosen."
#define BASH4 "This distribution includes, in examples/bash-completion, a recent version\n" \
	      "of the `bash-completion' package, which provides programmable completions\n" \
	      "for a number of commands. It's available as a package in many distributions,\n" \
	      "and that is the first place from which to obtain it. If it's not a package\n" \
	      "from your vendor, you may install the included version of the package now."

static void
test_english_balanced(void **state)
{
	(void)state;
	const char *text = FILL77 "\n\n" BASH1 "\n\n" BASH2 "\n\n" BASH3 "\n\n" BASH4 "\n";
	const char *want[] = { "paragraph|" FILL77, "paragraph|" BASH1, "paragraph|" BASH2,
			       "paragraph|" BASH3, "paragraph|" BASH4 };
	assert_int_equal(support_parse_blocks(text, want, N(want)), 0);
}

/* One paragraph per line, lines of similar length ending with full stops:
 * not hard-wrapped, left alone. */
static void
test_not_wrapped_prose(void **state)
{
	(void)state;
	const char *text = "深圳市南山区聚集了大量人工智能企业，如今天天加班加点。\n"
			   "年初杭州六小龙出圈，深圳被外界不停地拿来和杭州比较。\n"
			   "其实早在二〇二三年，深圳市政府就成立了工作专班。\n"
			   "面对新一轮人工智能浪潮，政府层面首先开展了认知竞赛。\n";
	const char *want[] = {
		"paragraph|深圳市南山区聚集了大量人工智能企业，如今天天加班加点。",
		"paragraph|年初杭州六小龙出圈，深圳被外界不停地拿来和杭州比较。",
		"paragraph|其实早在二〇二三年，深圳市政府就成立了工作专班。",
		"paragraph|面对新一轮人工智能浪潮，政府层面首先开展了认知竞赛。",
	};
	assert_int_equal(support_parse_blocks(text, want, N(want)), 0);
}

/* Short unpunctuated lines (verse, lyrics) are not full lines: kept. */
static void
test_not_wrapped_verse(void **state)
{
	(void)state;
	const char *text = "西湖的水\n我的泪\n我情愿和你化作一团火焰\n啊啊啊\n";
	const char *want[] = { "title|西湖的水", "heading|我的泪", "heading|我情愿和你化作一团火焰",
			       "heading|啊啊啊" };
	assert_int_equal(support_parse_blocks(text, want, N(want)), 0);
}

/* Two lines only, the first ending mid-sentence: too little to call it
 * wrapped. */
static void
test_not_wrapped_two_lines(void **state)
{
	(void)state;
	const char *text = "这是一段没有换行规律的文字，它在这里莫名其妙地断开了，断开的位置就在这里，然后\n"
			   "继续说完。\n";
	const char *want[] = {
		"paragraph|这是一段没有换行规律的文字，它在这里莫名其妙地断开了，断开的位置就在这里，然后",
		"paragraph|继续说完。",
	};
	assert_int_equal(support_parse_blocks(text, want, N(want)), 0);
}

/* In a wrapped file, code, tables of contents, rules and tables are kept
 * line by line as BLOCK_PRE, indentation included; lists are BLOCK_LIST. */
static void
test_pre_in_wrapped(void **state)
{
	(void)state;
	const char *text = CN1 "\n\n"
			   "    ./configure --prefix=/usr\n"
			   "    make && make install\n\n"
			   "- 杭州：开源大模型\n"
			   "- 深圳：硬件供应链\n"
			   "- 成都：高校人才\n\n"
			   "第一章 总论 ........ 1\n"
			   "第二章 杭州 ........ 5\n\n"
			   "----------\n\n"
			   "| 城市 | 企业 |\n"
			   "|------|------|\n"
			   "| 杭州 | 六小龙 |\n\n" CN2 "\n";
	const char *want[] = {
		"paragraph|" CN1,
		"pre|    ./configure --prefix=/usr\n    make && make install",
		"list|- 杭州：开源大模型\n- 深圳：硬件供应链\n- 成都：高校人才",
		"pre|第一章 总论 ........ 1\n第二章 杭州 ........ 5",
		"pre|----------",
		"pre|| 城市 | 企业 |\n|------|------|\n| 杭州 | 六小龙 |",
		"paragraph|" CN2,
	};
	assert_int_equal(support_parse_blocks(text, want, N(want)), 0);
}

/* A list item's indented continuation lines stay with it. */
static void
test_list_continuation(void **state)
{
	(void)state;
	const char *text = "要点:\n\n"
			   "1. 杭州的开源生态\n"
			   "   包括阿里和深度求索\n"
			   "2. 深圳的硬件\n";
	/* "要点:" ends with ':': a heading, not a title */
	const char *want[] = {
		"heading|要点:",
		"list|1. 杭州的开源生态\n   包括阿里和深度求索\n2. 深圳的硬件",
	};
	assert_int_equal(support_parse_blocks(text, want, N(want)), 0);
}

/* Markers as prefmt_list_marker measures them (with their spaces). */
static void
test_list_markers(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t len;
	} cases[] = {
		{ "1. 第一", 3 }, { "12)  x", 5 }, { "(3) 第三", 4 }, { "（一）总则", 9 },
		{ "一、总则", 6 }, { "1、杭州", 4 }, { "- item", 2 }, { "* item", 2 },
		{ "\u2022要点", 3 }, { "\u2460 第一", 4 }, { "[12] 注", 5 }, { "a) 甲", 3 },
		{ "1.7%", 0 }, { "2.1 节", 0 }, { "[1]。", 0 }, { "-5度", 0 }, { "一", 0 },
		{ "(AI)企业", 0 }, { "", 0 }, { "1.", 0 }, { "①", 0 },
	};
	for (size_t i = 0; i < N(cases); i++) {
		size_t got = prefmt_list_marker(cases[i].s, strlen(cases[i].s));
		if (got != cases[i].len)
			fail_msg("case %zu: want %zu got %zu", i, cases[i].len, got);
	}
}

/* A hard-wrapped manual: a numbered listing with Chinese comments and
 * English lines, a table of contents, an aligned table with a Chinese
 * header, list items whose lines were exactly full (each item stays one,
 * nested items apart), a hanging 问/答 paragraph, notes. */
static void
test_manual(void **state)
{
	(void)state;
	const char *text =
		"目录\n\n"
		"    1  关于安装 ................ 1\n"
		"       1.1  简介 ............... 1\n"
		"    附录 A  常见问题 ........... 20\n\n"
		"代码清单 2-1：/etc/conf.d/net\n\n"
		"     1  # 静态地址配置，适用于 OpenRC\n"
		"     2  config_enp1s0=\"192.168.0.2/24\"\n"
		"    16  # Gentoo lets\n"
		"    17  the user do it\n\n"
		"    分区          文件系统    大小\n"
		"    /dev/sda1     vfat        1G\n"
		"    /dev/sda3     ext4        剩余空间\n\n"
		"    1. 準備磁碟。在這一步中，每個分割區都必須滿足\n"
		"       的條件是大小足夠，並且已經建立了檔案系統。\n"
		"       - 使用 DHCP 自動取得位址；\n"
		"       - 手動設定。\n"
		"    2. 下載並解壓 stage 檔案。\n\n"
		"    问：编译时出现错误怎么办？这通常是内存不足造成的，应当\n"
		"        减少并行任务数，或者临时添加交换文件；具体的计算\n"
		"        方法见维基页面。\n\n"
		"[1] 参见 https://wiki.gentoo.org/wiki/Handbook\n"
		"[2] 安装过程中的每一步都可以重复执行。\n";
	const char *want[] = {
		"heading|目录",
		"pre|    1  关于安装 ................ 1\n       1.1  简介 ............... 1\n"
		"    附录 A  常见问题 ........... 20",
		"heading|代码清单 2-1：/etc/conf.d/net",
		"pre|     1  # 静态地址配置，适用于 OpenRC\n     2  config_enp1s0=\"192.168.0.2/24\"\n"
		"    16  # Gentoo lets\n    17  the user do it",
		"pre|    分区          文件系统    大小\n    /dev/sda1     vfat        1G\n"
		"    /dev/sda3     ext4        剩余空间",
		"list|    1. 準備磁碟。在這一步中，每個分割區都必須滿足\n"
		"       的條件是大小足夠，並且已經建立了檔案系統。\n"
		"       - 使用 DHCP 自動取得位址；\n       - 手動設定。\n"
		"    2. 下載並解壓 stage 檔案。",
		"paragraph|问：编译时出现错误怎么办？这通常是内存不足造成的，应当\n"
		"        减少并行任务数，或者临时添加交换文件；具体的计算\n"
		"        方法见维基页面。",
		"list|[1] 参见 https://wiki.gentoo.org/wiki/Handbook\n"
		"[2] 安装过程中的每一步都可以重复执行。",
	};
	assert_int_equal(support_parse_blocks(text, want, N(want)), 0);
	/* one sentence per list item, the nested ones too */
	struct parse_result r;
	assert_int_equal(parse_article(text, strlen(text), &r), 0);
	size_t items = 0;
	for (size_t i = 0; i < r.nsents; i++)
		items += r.sents[i].block == 5;
	assert_int_equal(items, 5);
	parse_result_free(&r);
}

/* A single list-looking line, or long "list" lines, are prose. */
static void
test_list_not_pre(void **state)
{
	(void)state;
	const char *text = "1. 这是一个单独的编号段落，没有别的项目跟着它，所以它只是普通的段落文字。\n";
	const char *want[] = {
		"paragraph|1. 这是一个单独的编号段落，没有别的项目跟着它，所以它只是普通的段落文字。",
	};
	assert_int_equal(support_parse_blocks(text, want, N(want)), 0);
}

static void
test_prefmt_line(void **state)
{
	(void)state;
	static const struct {
		const char *line;
		enum prefmt_kind want;
	} cases[] = {
		{ "----------", PREFMT_RULE },
		{ "* * *", PREFMT_RULE },
		{ "========", PREFMT_RULE },
		{ "──────", PREFMT_RULE },
		{ "--", PREFMT_NONE },
		{ "| a | b |", PREFMT_TABLE },
		{ "│ 杭州 │ 深圳 │", PREFMT_TABLE },
		{ "名称    数量    价格", PREFMT_TABLE },
		{ "Network Working Group          R. Fielding", PREFMT_TABLE },
		{ "名称   数量", PREFMT_NONE },
		{ "    int x = 1;", PREFMT_CODE },
		{ "    深圳市五成以上的人工智能企业集聚在南山区。", PREFMT_NONE },
		{ "  两个空格缩进的段落。", PREFMT_NONE },
		{ "- item", PREFMT_LIST },
		{ "* item", PREFMT_LIST },
		{ "\u2022 要点", PREFMT_LIST },
		{ "1. 第一", PREFMT_LIST },
		{ "12) 第十二", PREFMT_LIST },
		{ "(3) 第三", PREFMT_LIST },
		{ "（一）总则", PREFMT_LIST },
		{ "1、杭州", PREFMT_LIST },
		{ "1.7%的增速", PREFMT_NONE },
		{ "2024年6月26日", PREFMT_NONE },
		{ "(AI)企业", PREFMT_NONE },
		{ "(記者 趙廣立)", PREFMT_NONE },
		{ "-5度", PREFMT_NONE },
		{ "第一章 总论 ........ 1", PREFMT_TOC },
		{ "Introduction ..... 12", PREFMT_TOC },
		{ "前言……………3", PREFMT_TOC },
		{ "第一章 总论", PREFMT_NONE },
		{ "深圳市50%—60%的人工智能企业", PREFMT_NONE },
		/* listings: line numbers, code punctuation, Chinese comments */
		{ "     1  # 静态地址配置，适用于 OpenRC", PREFMT_CODE },
		{ "    17  the user decides", PREFMT_CODE },
		{ "  3: 说明文字", PREFMT_CODE },
		{ "1  关于安装", PREFMT_NONE },
		{ "    # 中文注释", PREFMT_CODE },
		{ "    for (i = 0; i < n; i++) {", PREFMT_CODE },
		{ "    }", PREFMT_CODE },
		{ "    $ 命令", PREFMT_CODE },
		{ "    问：编译时出现 “internal compiler error: Killed (program cc1plus)”", PREFMT_NONE },
		{ "    时添加交换文件；具体的计算方法见 https://wiki.gentoo.org/wiki/", PREFMT_NONE },
		{ "    root # cd /etc/init.d", PREFMT_CODE },
		/* list markers */
		{ "一、总则", PREFMT_LIST },
		{ "十二、附则", PREFMT_LIST },
		{ "一丁、", PREFMT_NONE },
		{ "① 第一", PREFMT_LIST },
		{ "⑵第二", PREFMT_LIST },
		{ "[4] 镜像站点每周更新一次。", PREFMT_LIST },
		{ "[4]镜像", PREFMT_NONE },
		{ "1.进入", PREFMT_LIST },
		{ "1)x", PREFMT_NONE },
		{ "• 要点", PREFMT_LIST },
		{ "", PREFMT_NONE },
	};
	int bad = 0;
	for (size_t i = 0; i < N(cases); i++) {
		const char *s = cases[i].line;
		struct ustr_line l = { 0, strlen(s), 0, strlen(s) };
		ustr_trim(s, 0, strlen(s), &l.start, &l.end);
		enum prefmt_kind got = prefmt_line(s, &l);
		if (got != cases[i].want) {
			char *e = support_escape(s, strlen(s));
			fprintf(stderr, "case %zu %s: want %d got %d\n", i, e, cases[i].want, got);
			free(e);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* hardwrap_plan directly: the join vector and the width it reports. */
static void
test_plan_vector(void **state)
{
	(void)state;
	const char *text = CN1 "\n\n" CN2;
	struct ustr_line l[16];
	size_t n = 0, s = 0, len = strlen(text);
	for (size_t i = 0; i <= len; i++) {
		if (i < len && text[i] != '\n')
			continue;
		l[n].raw_start = s;
		l[n].raw_end = i;
		ustr_trim(text, s, i, &l[n].start, &l[n].end);
		n++;
		s = i + 1;
	}
	assert_int_equal(n, 10);
	unsigned char skip[16] = { 0 }, join[16];
	assert_int_equal(hardwrap_plan(text, l, n, skip, join), 36);
	const unsigned char want[10] = { 1, 1, 1, 1, 1, 0, 0, 1, 1, 0 };
	assert_memory_equal(join, want, n);
	/* a skipped (preformatted) line never joins */
	skip[2] = 1;
	hardwrap_plan(text, l, n, skip, join);
	assert_int_equal(join[1], 0);
	assert_int_equal(join[2], 0);
	assert_int_equal(hardwrap_plan(text, l, 1, skip, join), 0);
}

/* A 1 MB line and thousands of short lines cost nothing and join nothing. */
static void
test_big_inputs(void **state)
{
	(void)state;
	size_t n = 1 << 20;
	char *big = malloc(n + 1);
	assert_non_null(big);
	for (size_t i = 0; i + 3 <= n; i += 3)
		memcpy(big + i, "字", 3);
	big[n - n % 3] = 0;
	struct parse_result r;
	assert_int_equal(parse_article(big, strlen(big), &r), 0);
	assert_int_equal(r.nblocks, 1);
	assert_int_equal(r.blocks[0].kind, BLOCK_PARAGRAPH);
	assert_int_equal(r.nsents, 1);
	parse_result_free(&r);
	for (size_t i = 0; i + 4 <= n; i += 4)
		memcpy(big + i, "ab.\n", 4);
	big[n] = 0;
	assert_int_equal(parse_article(big, n, &r), 0);
	assert_int_equal(r.nblocks, n / 4);
	parse_result_free(&r);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chinese_36),
		cmocka_unit_test(test_chinese_no_blank),
		cmocka_unit_test(test_chinese_clause),
		cmocka_unit_test(test_joined_sentences),
		cmocka_unit_test(test_mail_72),
		cmocka_unit_test(test_english_balanced),
		cmocka_unit_test(test_not_wrapped_prose),
		cmocka_unit_test(test_not_wrapped_verse),
		cmocka_unit_test(test_not_wrapped_two_lines),
		cmocka_unit_test(test_pre_in_wrapped),
		cmocka_unit_test(test_list_continuation),
		cmocka_unit_test(test_list_not_pre),
		cmocka_unit_test(test_list_markers),
		cmocka_unit_test(test_manual),
		cmocka_unit_test(test_prefmt_line),
		cmocka_unit_test(test_plan_vector),
		cmocka_unit_test(test_big_inputs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
