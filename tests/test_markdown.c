/* markdown: Markdown files read as the documents they stand for, compared
 * block by block as "kind|text", and their titles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/article.h"
#include "../src/format.h"
#include "../src/markdown.h"
#include "support_parse.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static struct article
load(const char *md)
{
	struct article a;
	char *cause = NULL;
	assert_int_equal(markdown_article(NULL, "README.md", (const unsigned char *)md, strlen(md),
					  &a, &cause),
			 0);
	assert_null(cause);
	assert_int_equal(a.format, FORMAT_MARKDOWN);
	return a;
}

static void
check(const char *md, const char *title, int inferred, const char *const *want, size_t n)
{
	struct article a = load(md);
	int bad = support_check_blocks(a.text, a.blocks, a.nblocks, want, n);
	assert_string_equal(a.meta.title, title);
	assert_int_equal(a.meta.title_inferred, inferred);
	article_free(&a);
	assert_int_equal(bad, 0);
}

/* Headings without their #, inline markup and links as their text, a
 * fenced block line for line, a table in columns, lists. */
static void
test_readme(void **state)
{
	(void)state;
	const char *md = "# duwen\n\n"
			 "A terminal reader for **Chinese** articles, see [the manual](man/duwen.1)"
			 " or `duwen --help`.\n\n"
			 "## Install\n\n"
			 "1. Install the libraries:\n2. Build it:\n\n"
			 "```sh\nmake -j2\n  sudo make install\n```\n\n"
			 "| key | what |\n| --- | ---- |\n| `q` | quit |\n| `/` | search |\n\n"
			 "- one\n- two\n";
	const char *want[] = {
		"title|duwen",
		"paragraph|A terminal reader for Chinese articles, see the manual or duwen --help.",
		"heading|Install",
		"list item|1. Install the libraries:",
		"list item|2. Build it:",
		"pre|make -j2\n  sudo make install",
		"table|key  what\nq    quit\n/    search",
		"list item|\u2022 one",
		"list item|\u2022 two",
	};
	check(md, "duwen", 0, want, N(want));
}

/* A Chinese manual in Markdown: 第一章 headings (setext and ATX), a
 * numbered step list, a table drawn with box characters in a code block. */
static void
test_chinese_manual(void **state)
{
	(void)state;
	const char *md = "安装手册\n========\n\n"
			 "## 第一章 准备\n\n"
			 "本章说明安装前的准备工作。请先阅读全文，再动手操作。\n\n"
			 "1. 下载安装映像。\n2. 校验文件。\n\n"
			 "```\n┌────┬────┐\n│ 项 │ 值 │\n└────┴────┘\n```\n";
	const char *want[] = {
		"title|安装手册",
		"heading|第一章 准备",
		"paragraph|本章说明安装前的准备工作。请先阅读全文，再动手操作。",
		"list item|1. 下载安装映像。",
		"list item|2. 校验文件。",
		"pre|┌────┬────┐\n│ 项 │ 值 │\n└────┴────┘",
	};
	check(md, "安装手册", 0, want, N(want));
}

/* No level-one heading: the first heading names a section, so the title is
 * the lead's first sentence, cut at a clause. */
static void
test_no_h1(void **state)
{
	(void)state;
	const char *md = "<p align=\"center\"><img src=\"logo.png\" alt=\"Zstandard\"></p>\n\n"
			 "__Zstandard__, or `zstd` as short version, is a fast lossless compression"
			 " algorithm, targeting real-time compression scenarios.\n\n"
			 "## Benchmarks\n\nFor reference, several algorithms were compared.\n";
	struct article a = load(md);
	assert_string_equal(a.meta.title, "Zstandard");
	assert_int_equal(a.meta.title_inferred, 1);
	article_free(&a);
}

/* A README's badges (pictures that link elsewhere) show nothing; a
 * picture of its own keeps its alt text as a caption. */
static void
test_badges(void **state)
{
	(void)state;
	const char *md = "[![Build status](https://github.com/git/git/workflows/CI/badge.svg)]"
			 "(https://github.com/git/git/actions?query=branch%3Amaster)\n\n"
			 "Git - fast, scalable, distributed revision control system\n"
			 "=========================================================\n\n"
			 "Git is a fast, scalable, distributed revision control system.\n\n"
			 "![The commit graph of a merge](graph.png)\n";
	const char *want[] = {
		"title|Git - fast, scalable, distributed revision control system",
		"paragraph|Git is a fast, scalable, distributed revision control system.",
		"caption|[The commit graph of a merge]",
	};
	check(md, "Git - fast, scalable, distributed revision control system", 0, want, N(want));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_readme),
		cmocka_unit_test(test_chinese_manual),
		cmocka_unit_test(test_no_h1),
		cmocka_unit_test(test_badges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
