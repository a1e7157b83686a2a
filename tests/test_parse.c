/* parse: block kinds, the header block, metadata and inferred titles on
 * small cleaned texts. Blocks are written "kind|exact text". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/parse.h"
#include "support_parse.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void
check(const char *text, const char *const *want, size_t n)
{
	assert_int_equal(support_parse_blocks(text, want, n), 0);
}

/* Metadata of a text as "title|inferred|source|author|date", "-" for NULL. */
static void
check_meta(const char *text, const char *want)
{
	struct parse_result r;
	assert_int_equal(parse_article(text, strlen(text), &r), 0);
	char got[1024];
	snprintf(got, sizeof got, "%s|%d|%s|%s|%s", r.meta.title, r.meta.title_inferred,
		 r.meta.source ? r.meta.source : "-", r.meta.author ? r.meta.author : "-",
		 r.meta.date ? r.meta.date : "-");
	if (strcmp(got, want) != 0) {
		char *w = support_escape(want, strlen(want)), *g = support_escape(got, strlen(got));
		fprintf(stderr, "meta:\n  want %s\n  got  %s\n", w, g);
		free(w);
		free(g);
	}
	assert_string_equal(got, want);
	parse_result_free(&r);
}

#define PARA1 "最近,人工智能火出了圈——四川一家人工智能企业公关负责人透露,有时一下午要接待3个参观团队。"
#define PARA2 "这样的“热风暴”,是西湖边上的一只“蝴蝶”扇动翅膀带来的,也让更多城市开始思考自己的路。"

static void
test_kinds(void **state)
{
	(void)state;
	const char *text = "杭州六小龙的启示\n"
			   "摘要:杭州的创新生态值得学习。\n"
			   "川观新闻记者 文露敏 高杲\n" PARA1 "\n"
			   "深厚土壤\n"
			   "具身科技研发的人形机器人。具身科技供图\n" PARA2 "\n"
			   "来源:四川日报\n";
	const char *want[] = {
		"title|杭州六小龙的启示",
		"summary|摘要:杭州的创新生态值得学习。",
		"byline|川观新闻记者 文露敏 高杲",
		"paragraph|" PARA1,
		"heading|深厚土壤",
		"caption|具身科技研发的人形机器人。具身科技供图",
		"paragraph|" PARA2,
		"source|来源:四川日报",
	};
	check(text, want, N(want));
	check_meta(text, "杭州六小龙的启示|0|四川日报|文露敏 高杲|-");
}

/* A summary label alone: the paragraph after it is the summary. */
static void
test_summary_label(void **state)
{
	(void)state;
	const char *text = "DeepSeek爆火引全球关注\nAI导读:\n" PARA1 "\n" PARA2 "\n";
	const char *want[] = { "title|DeepSeek爆火引全球关注", "summary|AI导读:", "summary|" PARA1,
			       "paragraph|" PARA2 };
	check(text, want, N(want));
}

/* A credit alone takes the short line before it (else after) as caption. */
static void
test_caption_pair(void **state)
{
	(void)state;
	const char *text = PARA1 "\n天行者1号人形机器人\n具身科技供图\n" PARA2 "\n"
			   "图/新华社\n杭州西湖边的人工智能小镇\n" PARA1 "\n";
	const char *want[] = {
		"paragraph|" PARA1,         "caption|天行者1号人形机器人", "caption|具身科技供图",
		"paragraph|" PARA2,         "caption|图/新华社",          "caption|杭州西湖边的人工智能小镇",
		"paragraph|" PARA1,
	};
	check(text, want, N(want));
}

/* A scraped page: navigation, title, repeated lead lines, source, body, a
 * byline, then a footer of short lines. */
static void
test_scraped_page(void **state)
{
	(void)state;
	const char *text = "您的位置 首页 新闻\n\n"
			   "错过DeepSeek,深圳拼了\n\n"
			   "  来源:中国新闻周刊  《黑神话·悟空》这样的现象级产品  没有出现在最前沿的深圳?\n\n"
			   "  来源:中国新闻周刊\n\n"
			   "  没有出现在最前沿的深圳?\n\n"
			   "  不少网民讨论:为什么像《黑神话· 悟空》这样的现象级产品,没有出现在最前沿的深圳?这个问题。\n\n"
			   "  联系我们\n\n"
			   "  " PARA1 "\n\n"
			   "  记者:陈惟杉(chenweishan@chinanews.com.cn)\n\n"
			   "   \n\n"
			   "责任编辑:刘德宾\n\n"
			   "作者: wczz1314\n\n"
			   "为您推荐\n\n"
			   "联系我们\n\n"
			   "13000001211\n\n"
			   "关注微信\n"
			   "返回顶部";
	const char *want[] = {
		"boilerplate|您的位置 首页 新闻",
		"title|错过DeepSeek,深圳拼了",
		"boilerplate|来源:中国新闻周刊  《黑神话·悟空》这样的现象级产品  没有出现在最前沿的深圳?",
		"source|来源:中国新闻周刊",
		"boilerplate|没有出现在最前沿的深圳?",
		"paragraph|不少网民讨论:为什么像《黑神话· 悟空》这样的现象级产品,没有出现在最前沿的深圳?这个问题。",
		"heading|联系我们",
		"paragraph|" PARA1,
		"byline|记者:陈惟杉(chenweishan@chinanews.com.cn)",
		"boilerplate|责任编辑:刘德宾",
		"boilerplate|作者: wczz1314",
		"boilerplate|为您推荐",
		"boilerplate|联系我们",
		"boilerplate|13000001211",
		"boilerplate|关注微信",
		"boilerplate|返回顶部",
	};
	check(text, want, N(want));
	check_meta(text, "错过DeepSeek,深圳拼了|0|中国新闻周刊|陈惟杉|-");
}

/* "(记者 X)" glued to the last paragraph is split off as a byline. */
static void
test_trailing_byline(void **state)
{
	(void)state;
	const char *text = PARA1 "\n" PARA2 "(記者 趙廣立)";
	const char *want[] = { "paragraph|" PARA1, "paragraph|" PARA2, "byline|(記者 趙廣立)" };
	check(text, want, N(want));
}

/* A source line, then a legal disclaimer: the disclaimer is boilerplate. */
static void
test_disclaimer(void **state)
{
	(void)state;
	const char *text = PARA1 "\n(文章来源:第一财经)\n"
			   "郑重声明:以上内容与本站立场无关。本站发布此内容的目的在于传播更多信息,"
			   "本站对其观点、判断保持中立。股市有风险,投资需谨慎。";
	const char *want[] = {
		"paragraph|" PARA1,
		"source|(文章来源:第一财经)",
		"boilerplate|郑重声明:以上内容与本站立场无关。本站发布此内容的目的在于传播更多信息,"
		"本站对其观点、判断保持中立。股市有风险,投资需谨慎。",
	};
	check(text, want, N(want));
	/* text glued after the disclaimer at the end of a page (another
	 * article's teaser) goes with it: the whole line is furniture */
	const char *glued = PARA1 "\n郑重声明:以上内容与本站立场无关。我们将安排核实处理。DeepSeek的成功也提示中国社会。";
	const char *want2[] = {
		"paragraph|" PARA1,
		"boilerplate|郑重声明:以上内容与本站立场无关。我们将安排核实处理。DeepSeek的成功也提示中国社会。",
	};
	check(glued, want2, N(want2));
}

/* Short closing lines of the article itself are not a footer. */
static void
test_no_footer(void **state)
{
	(void)state;
	const char *text = PARA1 "\n到那一天,城市拥有的,远不止“六小龙”。\n来源:四川日报\n";
	const char *want[] = { "paragraph|" PARA1, "paragraph|到那一天,城市拥有的,远不止“六小龙”。",
			       "source|来源:四川日报" };
	check(text, want, N(want));
}

static void
test_header_block(void **state)
{
	(void)state;
	const char *text = "title: 杭州的开源之路\n"
			   "source: 浙江日报\n"
			   "Author: 王五\n"
			   "date: 2025-04-02\n"
			   "tags: 开源\n"
			   "\n" PARA1 "\n来源:四川日报\n";
	const char *want[] = {
		"meta|title: 杭州的开源之路\nsource: 浙江日报\nAuthor: 王五\ndate: 2025-04-02\ntags: 开源",
		"paragraph|" PARA1,
		"source|来源:四川日报",
	};
	check(text, want, N(want));
	check_meta(text, "杭州的开源之路|0|浙江日报|王五|2025-04-02");
	/* a header of one field, the rest inferred */
	check_meta("source：新华社\n\n" PARA1 "\n", "最近,人工智能火出了圈|1|新华社|-|-");
}

static void
test_not_header(void **state)
{
	(void)state;
	/* no blank line after it: the "header" is text */
	const char *t1 = "title: 杭州\n" PARA1 "\n";
	const char *w1[] = { "title|title: 杭州", "paragraph|" PARA1 };
	check(t1, w1, N(w1));
	/* keys duwen does not know only */
	const char *t2 = "From: Li Wei\n\n" PARA1 "\n";
	const char *w2[] = { "title|From: Li Wei", "paragraph|" PARA1 };
	check(t2, w2, N(w2));
	/* not at the very top */
	const char *t3 = PARA1 "\ntitle: 杭州\n\n";
	const char *w3[] = { "paragraph|" PARA1, "heading|title: 杭州" };
	check(t3, w3, N(w3));
}

static void
test_dates(void **state)
{
	(void)state;
	/* a dateline with the source in the head */
	check_meta("杭州的开源之路\n2025-03-31 10:22 来源:新华社\n" PARA1 "\n",
		   "杭州的开源之路|0|新华社|-|2025-03-31");
	/* a date in the body is not the article's date */
	check_meta("杭州的开源之路\n" PARA1 "2025年3月31日,杭州发布了新政策。\n",
		   "杭州的开源之路|0|-|-|-");
	/* a dateline alone in the head is a byline */
	const char *t = "杭州的开源之路\n2025年4月2日\n" PARA1 "\n";
	const char *w[] = { "title|杭州的开源之路", "byline|2025年4月2日", "paragraph|" PARA1 };
	check(t, w, N(w));
	check_meta(t, "杭州的开源之路|0|-|-|2025-04-02");
}

static void
test_inferred_titles(void **state)
{
	(void)state;
	/* questions in the lead; never the summary */
	check_meta("摘要:年初,深度求索发布最新开源模型。\n" PARA1 "\n"
		   "为什么是杭州?未来的机会又在哪儿?“热风暴”中,需要“冷思考”。\n启示一:\n" PARA2 "\n",
		   "为什么是杭州?未来的机会又在哪儿?|1|-|-|-");
	/* a question after the first heading does not count: the heading does */
	check_meta(PARA1 "\n為什么DeepSeek成功了\n" PARA2 "为什么是杭州?\n",
		   "為什么DeepSeek成功了|1|-|-|-");
	/* a bare label heading is skipped */
	check_meta(PARA1 "\n启示一:\n深厚土壤\n" PARA2 "\n", "深厚土壤|1|-|-|-");
	/* the first sentence cut at a clause boundary */
	check_meta("隨著DeepSeek以開源模式引發行業變革,開源迅速成為大模型主流開發模式。第二句。\n",
		   "隨著DeepSeek以開源模式引發行業變革|1|-|-|-");
	check_meta("天气很好。\n", "天气很好|1|-|-|-");
	/* no clause boundary within 30 characters: cut with an ellipsis */
	check_meta("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三。\n",
		   "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十…|1|-|-|-");
	/* the institution, then the publication named in the text */
	check_meta(PARA1 "\n(作者單位:浙江財經大學新經濟研究中心)", "最近,人工智能火出了圈|1|浙江財經大學新經濟研究中心|-|-");
	check_meta("他向《中國科學報》表示,很好。她對《中國科學報》說,也好。《浙江省行動計劃》。\n",
		   "他向《中國科學報》表示,很好|1|中國科學報|-|-");
	/* English: a space parts words, not clauses; as many columns */
	check_meta("This is the file README for the gzip distribution.\n\n"
		   "The GNU gzip home page is https://www.gnu.org/software/gzip.\n",
		   "This is the file README for the gzip distribution|1|-|-|-");
	check_meta("This program reads the files that are named on its command line and "
		   "prints them on standard output.\n",
		   "This program reads the files that are named on its command\u2026|1|-|-|-");
	/* Emacs's mode line is no part of a title */
	check_meta("GNU gzip NEWS                                    -*- outline -*-\n\n"
		   "* Noteworthy changes in release 1.12 (2022-04-07) [stable]\n\n"
		   "'gzip -l' no longer misreports file lengths 4 GiB and larger. Previously, "
		   "it did.\n",
		   "GNU gzip NEWS|0|-|-|-");
}

static void
test_empty(void **state)
{
	(void)state;
	static const char *const texts[] = { "", "\n\n\n", "   \n\u3000\u3000\n \n" };
	for (size_t i = 0; i < N(texts); i++) {
		struct parse_result r;
		assert_int_equal(parse_article(texts[i], strlen(texts[i]), &r), 0);
		assert_int_equal(r.nblocks, 0);
		assert_int_equal(r.nsents, 0);
		assert_string_equal(r.meta.title, PARSE_UNTITLED);
		assert_int_equal(r.meta.title_inferred, 1);
		assert_null(r.meta.source);
		parse_result_free(&r);
	}
}

/* Every block yields at least one sentence; sentences stay in their block,
 * in order, and never start or end with white space. */
static void
test_sentences_in_blocks(void **state)
{
	(void)state;
	const char *text = "标题\n  缩进的段落。第二句!\n……\n- a\n- b\n" PARA1 "(記者 趙廣立)";
	struct parse_result r;
	assert_int_equal(parse_article(text, strlen(text), &r), 0);
	size_t s = 0;
	for (size_t b = 0; b < r.nblocks; b++) {
		size_t first = s;
		for (; s < r.nsents && r.sents[s].block == b; s++) {
			assert_true(r.sents[s].start >= r.blocks[b].start);
			assert_true(r.sents[s].end <= r.blocks[b].end);
			assert_true(r.sents[s].end > r.sents[s].start);
			assert_true(text[r.sents[s].start] != ' ' && text[r.sents[s].end - 1] != ' ');
		}
		assert_true(s > first);
	}
	assert_int_equal(s, r.nsents);
	/* the list is one sentence per item */
	assert_int_equal(r.blocks[3].kind, BLOCK_LIST);
	assert_int_equal(r.nsents, 1 + 2 + 1 + 2 + 1 + 1);
	parse_result_free(&r);
}

/* Text clean would never produce (NUL, CR, invalid bytes, lone marks) still
 * parses into blocks that hold sentences, and never reads past len. */
static void
test_hostile(void **state)
{
	(void)state;
	static const struct {
		const char *t;
		size_t len, nblocks;
	} cases[] = {
#define C(s, n) { s, sizeof(s) - 1, n }
		C("\r\r\n\v\f\n", 0),
		C("a\0b\n\0\n", 2),
		C("\xff\xfe\n\xe4\xb8\n(\n)", 4),
		C("“\n”\n。\n……\n(記者", 5),
		C("title:\n\n", 1),
		C("来源:\n记者\n摘要:", 3),
#undef C
	};
	for (size_t i = 0; i < N(cases); i++) {
		struct parse_result r;
		char *copy = malloc(cases[i].len); /* exact size: ASan sees overreads */
		assert_non_null(copy);
		memcpy(copy, cases[i].t, cases[i].len);
		assert_int_equal(parse_article(copy, cases[i].len, &r), 0);
		assert_int_equal(r.nblocks, cases[i].nblocks);
		for (size_t b = 0, s = 0; b < r.nblocks; b++) {
			size_t first = s;
			while (s < r.nsents && r.sents[s].block == b)
				s++;
			assert_true(s > first);
			assert_true(r.blocks[b].end <= cases[i].len);
		}
		assert_non_null(r.meta.title);
		parse_result_free(&r);
		free(copy);
	}
}

static void
test_kind_names(void **state)
{
	(void)state;
	assert_string_equal(parse_block_kind_name(BLOCK_TITLE), "title");
	assert_string_equal(parse_block_kind_name(BLOCK_BOILERPLATE), "boilerplate");
	assert_string_equal(parse_block_kind_name(BLOCK_META), "meta");
	assert_string_equal(parse_block_kind_name(BLOCK_LIST), "list");
	assert_string_equal(parse_block_kind_name(BLOCK_KIND_COUNT), "?");
}

/* A manual page saved as text (`man ls > ls.txt`, columns as groff makes
 * them at 80): the header and footer lines are furniture, the section names
 * headings, the body's units start at their indentation past the body's
 * (seven columns), filled lines join, an option's text hangs under it (a
 * tag alone on its line and the text under it are one block: the layout
 * gives the tag its row), and unfilled lines (two sentences on two lines)
 * stay as they are. */
static const char MAN_LS[] =
	"LS(1)                           User Commands                            LS(1)\n"
	"\n"
	"NAME\n"
	"       ls - list directory contents\n"
	"\n"
	"SYNOPSIS\n"
	"       ls [OPTION]... [FILE]...\n"
	"\n"
	"DESCRIPTION\n"
	"       List  information  about  the FILEs (the current directory by default).\n"
	"       Sort entries alphabetically if none of -cftuvSUX nor --sort  is  speci\u2010\n"
	"       fied.\n"
	"\n"
	"       -a, --all\n"
	"              do not ignore entries starting with .\n"
	"\n"
	"       -c     with -lt: sort by, and show, ctime (time of last modification of\n"
	"              file status information); with -l: show ctime and sort by  name;\n"
	"              otherwise: sort by ctime, newest first\n"
	"\n"
	"   Exit status:\n"
	"       0      if OK,\n"
	"\n"
	"       1      if minor problems (e.g., cannot access subdirectory),\n"
	"\n"
	"SEE ALSO\n"
	"       Full documentation <https://www.gnu.org/software/coreutils/ls>\n"
	"       or available locally via: info '(coreutils) ls invocation'\n"
	"\n"
	"GNU coreutils 9.1                     September 2022                     LS(1)\n";

static void
test_man_page(void **state)
{
	(void)state;
	const char *want[] = {
		"boilerplate|LS(1)                           User Commands                            LS(1)",
		"heading|NAME",
		"indented|ls - list directory contents",
		"heading|SYNOPSIS",
		"indented|ls [OPTION]... [FILE]...",
		"heading|DESCRIPTION",
		"indented|List  information  about  the FILEs (the current directory by default).\n"
		"       Sort entries alphabetically if none of -cftuvSUX nor --sort  is  speci\u2010\n"
		"       fied.",
		"indented|-a, --all\n              do not ignore entries starting with .",
		"indented|-c     with -lt: sort by, and show, ctime (time of last modification of\n"
		"              file status information); with -l: show ctime and sort by  name;\n"
		"              otherwise: sort by ctime, newest first",
		"heading|Exit status:",
		"indented|0      if OK,",
		"indented|1      if minor problems (e.g., cannot access subdirectory),",
		"heading|SEE ALSO",
		"pre|Full documentation <https://www.gnu.org/software/coreutils/ls>\n"
		"       or available locally via: info '(coreutils) ls invocation'",
		"boilerplate|GNU coreutils 9.1                     September 2022                     LS(1)",
	};
	check(MAN_LS, want, N(want));
	check_meta(MAN_LS, "ls(1) \u2014 list directory contents|0|-|-|-");
	/* without a NAME section the header's name stays as it is written */
	check_meta("GIT-LOG(1)      Git Manual      GIT-LOG(1)\n\nSYNOPSIS\n       git log\n",
		   "GIT-LOG(1)|0|-|-|-");
	/* bash(1)'s options: tag and text on one line, no blank line between */
	const char *bash =
		"BASH(1)                    General Commands Manual                   BASH(1)\n\n"
		"OPTIONS\n"
		"       -c        If the -c option is present, then commands are read from  the\n"
		"                 first non-option argument command_string.\n"
		"       -i        If the -i option is present, the shell is interactive.\n"
		"       -l        Make bash act as if it had been invoked as a login shell (see\n"
		"                 INVOCATION below).\n";
	const char *want_bash[] = {
		"boilerplate|BASH(1)                    General Commands Manual                   BASH(1)",
		"heading|OPTIONS",
		"indented|-c        If the -c option is present, then commands are read from  the\n"
		"                 first non-option argument command_string.",
		"indented|-i        If the -i option is present, the shell is interactive.",
		"indented|-l        Make bash act as if it had been invoked as a login shell (see\n"
		"                 INVOCATION below).",
	};
	check(bash, want_bash, N(want_bash));
	/* ssh(1)'s synopsis: the first line ends where "[-c cipher_spec]", which
	 * is not broken, did not fit; the others hang under it */
	const char *ssh =
		"SSH(1)                   BSD General Commands Manual                  SSH(1)\n\n"
		"SYNOPSIS\n"
		"     ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n"
		"         [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n"
		"         [command [argument ...]]\n";
	const char *want_ssh[] = {
		"boilerplate|SSH(1)                   BSD General Commands Manual                  SSH(1)",
		"heading|SYNOPSIS",
		"indented|ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n"
		"         [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n"
		"         [command [argument ...]]",
	};
	check(ssh, want_ssh, N(want_ssh));
	/* not a header: the names differ, or nothing stands between them */
	check_meta("LS(1) and CP(1) compared\n", "LS(1) and CP(1) compared|0|-|-|-");
}

/* An RFC as text (pages of 72 columns, as cleaning leaves them: the form
 * feeds gone): the running header and footer of each page are boilerplate,
 * the two-column front matter is kept as a table, the centred line is the
 * title, the numbered section names are headings, the grammar and the
 * drawing stay preformatted. A paragraph cut by a page break stays in two
 * (XXX: the halves are not joined). */
static const char RFC[] =
	"Network Working Group                                        R. Fielding\n"
	"Request for Comments: 2616                                     UC Irvine\n"
	"Obsoletes: 2068                                                J. Gettys\n"
	"Category: Standards Track                                     Compaq/W3C\n"
	"                                                               June 1999\n"
	"\n"
	"\n"
	"                Hypertext Transfer Protocol -- HTTP/1.1\n"
	"\n"
	"Status of this Memo\n"
	"\n"
	"   This document specifies an Internet standards track protocol for the\n"
	"   Internet community, and requests discussion and suggestions for\n"
	"   improvements.  Please refer to the current edition of the \"Internet\n"
	"   Official Protocol Standards\" (STD 1) for the standardization state\n"
	"   and status of this protocol.  Distribution of this memo is unlimited.\n"
	"\n"
	"Abstract\n"
	"\n"
	"   The Hypertext Transfer Protocol (HTTP) is an application-level\n"
	"   protocol for distributed, collaborative, hypermedia information\n"
	"   systems. It is a generic, stateless, protocol which can be used for\n"
	"   many tasks beyond its use for hypertext.\n"
	"\n"
	"\n"
	"\n"
	"Fielding, et al.                Standards Track                 [Page 1]\n"
	"\n"
	"RFC 2616                       HTTP/1.1                        June 1999\n"
	"\n"
	"\n"
	"1 Introduction\n"
	"\n"
	"1.1 Purpose\n"
	"\n"
	"   The Hypertext Transfer Protocol (HTTP) is an application-level\n"
	"   protocol for distributed, collaborative, hypermedia information\n"
	"   systems. HTTP has been in use by the World-Wide Web global\n"
	"   information initiative since 1990. The first version of HTTP,\n"
	"   referred to as HTTP/0.9, was a simple protocol for raw data transfer\n"
	"   across the Internet.\n"
	"\n"
	"       Request       = Request-Line              ; Section 5.1\n"
	"                       *(( general-header        ; Section 4.5\n"
	"                        | request-header         ; Section 5.3\n"
	"                        | entity-header ) CRLF)  ; Section 7.1\n"
	"                       CRLF\n"
	"                       [ message-body ]          ; Section 4.3\n"
	"\n"
	"   The following example illustrates a request chain:\n"
	"\n"
	"          request chain ------------------------>\n"
	"       UA -----v----- A -----v----- B -----v----- C -----v----- O\n"
	"          <----------------------- response chain\n"
	"\n"
	"   HTTP communication usually takes place over TCP/IP connections. The\n"
	"   default port is TCP 80 [19], but other ports can be used. This does\n"
	"\n"
	"\n"
	"\n"
	"Fielding, et al.                Standards Track                 [Page 2]\n"
	"\n"
	"RFC 2616                       HTTP/1.1                        June 1999\n"
	"\n"
	"\n"
	"   not preclude HTTP from being implemented on top of any other protocol\n"
	"   on the Internet, or on other networks.\n"
	"\n"
	"2 Notational Conventions and Generic Grammar\n"
	"\n"
	"   This specification defines the protocol referred to as \"HTTP/1.1\".\n"
	"\n"
	"\n"
	"Fielding, et al.                Standards Track                 [Page 3]\n";

static void
test_paged_text(void **state)
{
	(void)state;
	const char *want[] = {
		"pre|Network Working Group                                        R. Fielding\n"
		"Request for Comments: 2616                                     UC Irvine\n"
		"Obsoletes: 2068                                                J. Gettys\n"
		"Category: Standards Track                                     Compaq/W3C\n"
		"                                                               June 1999",
		"title|Hypertext Transfer Protocol -- HTTP/1.1",
		"heading|Status of this Memo",
		"paragraph|This document specifies an Internet standards track protocol for the\n"
		"   Internet community, and requests discussion and suggestions for\n"
		"   improvements.  Please refer to the current edition of the \"Internet\n"
		"   Official Protocol Standards\" (STD 1) for the standardization state\n"
		"   and status of this protocol.  Distribution of this memo is unlimited.",
		"heading|Abstract",
		"paragraph|The Hypertext Transfer Protocol (HTTP) is an application-level\n"
		"   protocol for distributed, collaborative, hypermedia information\n"
		"   systems. It is a generic, stateless, protocol which can be used for\n"
		"   many tasks beyond its use for hypertext.",
		"boilerplate|Fielding, et al.                Standards Track                 [Page 1]",
		"boilerplate|RFC 2616                       HTTP/1.1                        June 1999",
		"heading|1 Introduction",
		"heading|1.1 Purpose",
		"paragraph|The Hypertext Transfer Protocol (HTTP) is an application-level\n"
		"   protocol for distributed, collaborative, hypermedia information\n"
		"   systems. HTTP has been in use by the World-Wide Web global\n"
		"   information initiative since 1990. The first version of HTTP,\n"
		"   referred to as HTTP/0.9, was a simple protocol for raw data transfer\n"
		"   across the Internet.",
		"pre|       Request       = Request-Line              ; Section 5.1\n"
		"                       *(( general-header        ; Section 4.5\n"
		"                        | request-header         ; Section 5.3\n"
		"                        | entity-header ) CRLF)  ; Section 7.1\n"
		"                       CRLF\n"
		"                       [ message-body ]          ; Section 4.3",
		"paragraph|The following example illustrates a request chain:",
		"pre|          request chain ------------------------>\n"
		"       UA -----v----- A -----v----- B -----v----- C -----v----- O\n"
		"          <----------------------- response chain",
		"paragraph|HTTP communication usually takes place over TCP/IP connections. The\n"
		"   default port is TCP 80 [19], but other ports can be used. This does",
		"boilerplate|Fielding, et al.                Standards Track                 [Page 2]",
		"boilerplate|RFC 2616                       HTTP/1.1                        June 1999",
		"paragraph|not preclude HTTP from being implemented on top of any other protocol\n"
		"   on the Internet, or on other networks.",
		"heading|2 Notational Conventions and Generic Grammar",
		"paragraph|This specification defines the protocol referred to as \"HTTP/1.1\".",
		"boilerplate|Fielding, et al.                Standards Track                 [Page 3]",
	};
	check(RFC, want, N(want));
	check_meta(RFC, "Hypertext Transfer Protocol -- HTTP/1.1|0|-|-|-");
	/* rows alike but for their figures, one after another, are a table */
	const char *table = "Sales by year, in the tables of the report of the year.\n\n"
			    "2021    100    5%\n2022    120    20%\n2023    150    25%\n";
	const char *want_table[] = {
		"paragraph|Sales by year, in the tables of the report of the year.",
		"pre|2021    100    5%\n2022    120    20%\n2023    150    25%",
	};
	check(table, want_table, N(want_table));
	/* a page number as "第 N 页" or "- N -", alone on its line */
	char book[4096] = "";
	for (int pg = 1; pg <= 3; pg++) {
		char page[1024];
		snprintf(page, sizeof page,
			 "%s这是第%d页的正文，它讲的是一件事情。这是第二句话，说的是另一件事情。\n"
			 "第二段。\n\n第三段。\n\n第四段。\n\n第五段。\n\n第六段。\n\n"
			 "- %d -\n\n",
			 pg > 1 ? "" : "", pg, pg);
		strcat(book, page);
	}
	struct parse_result r;
	assert_int_equal(parse_article(book, strlen(book), &r), 0);
	size_t furn = 0;
	for (size_t i = 0; i < r.nblocks; i++)
		if (r.blocks[i].kind == BLOCK_BOILERPLATE) {
			assert_memory_equal(book + r.blocks[i].start, "- ", 2);
			furn++;
		}
	assert_int_equal(furn, 3);
	parse_result_free(&r);
}

/* GNU's INSTALL: headings underlined with *** and === (the underline is
 * boilerplate), numbered items apart by blank lines are a list, an item's
 * own paragraph stays indented under it; a Chinese heading underlined by
 * its width in columns. */
static void
test_setext(void **state)
{
	(void)state;
	const char *text = "Installation Instructions\n*************************\n\n"
			   "Basic Installation\n==================\n\n"
			   "   The simplest way to compile this package is:\n\n"
			   "  1. 'cd' to the directory containing the package's source code and type\n"
			   "     './configure' to configure the package for your system.\n\n"
			   "     Running 'configure' might take a while.\n\n"
			   "  2. Type 'make' to compile the package.\n\n"
			   "第一章 概述\n============\n\n本章介绍软件。\n";
	const char *want[] = {
		"title|Installation Instructions",
		"boilerplate|*************************",
		"heading|Basic Installation",
		"boilerplate|==================",
		"paragraph|The simplest way to compile this package is:",
		"list|  1. 'cd' to the directory containing the package's source code and type\n"
		"     './configure' to configure the package for your system.",
		"pre|     Running 'configure' might take a while.",
		"list|  2. Type 'make' to compile the package.",
		"heading|第一章 概述",
		"boilerplate|============",
		"paragraph|本章介绍软件。",
	};
	check(text, want, N(want));
}

/* Headings in Latin script may be longer than Chinese ones, but a line
 * ending with a colon introduces what follows. */
static void
test_latin_headings(void **state)
{
	(void)state;
	const char *text = "2 Notational Conventions and Generic Grammar\n\n"
			   "This specification defines the protocol referred to as HTTP/1.1.\n\n"
			   "The following example illustrates a request chain:\n\n"
			   "A very long line of words that is not a heading because it is too long\n";
	const char *want[] = {
		"heading|2 Notational Conventions and Generic Grammar",
		"paragraph|This specification defines the protocol referred to as HTTP/1.1.",
		"paragraph|The following example illustrates a request chain:",
		"paragraph|A very long line of words that is not a heading because it is too long",
	};
	check(text, want, N(want));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_summary_label),
		cmocka_unit_test(test_caption_pair),
		cmocka_unit_test(test_scraped_page),
		cmocka_unit_test(test_trailing_byline),
		cmocka_unit_test(test_disclaimer),
		cmocka_unit_test(test_no_footer),
		cmocka_unit_test(test_header_block),
		cmocka_unit_test(test_not_header),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_inferred_titles),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_sentences_in_blocks),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_man_page),
		cmocka_unit_test(test_paged_text),
		cmocka_unit_test(test_latin_headings),
		cmocka_unit_test(test_setext),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
