/* test_ui_reader_search: the reading view's / ? n N search uses the one
 * matcher (src/match.h): width, case and script folded, hits as spans over
 * the displayed text's original bytes; and on the bundled articles it finds
 * exactly what the corpus search (src/search.h) finds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/article.h"
#include "../src/match.h"
#include "../src/script.h"
#include "../src/search.h"
#include "../src/reader.h"

static struct script *
open_script(void)
{
	struct script *sc = NULL;
	char *cause = NULL;
	if (script_open(&sc, &cause) < 0) {
		free(cause);
		return NULL;
	}
	return sc;
}

static const char TEXT[] = "标题\n\n我们用ＡＩ，也用AI, 還有開源与开源。DeepSeek说said。\n";

struct hit_case {
	const char *query;
	const char *const want[4]; /* the displayed bytes of each hit, in order */
};

static void
test_folding(void **state)
{
	(void)state;
	struct script *sc = open_script();
	struct article a;
	assert_int_equal(article_from_utf8("t.txt", TEXT, strlen(TEXT), &a), 0);
	struct view_opts vo;
	view_opts_default(&vo);
	struct reader r;
	assert_int_equal(reader_init(&r, &a, sc, &vo, 60, 10, 0), 0);
	const struct hit_case cases[] = {
		/* a search matches inside words too: s(ai)d */
		{ "AI", { "ＡＩ", "AI", "ai" } },
		{ "ai", { "ＡＩ", "AI", "ai" } },
		{ "ＡＩ", { "ＡＩ", "AI", "ai" } },
		{ "，", { "，", "," } },
		{ ",", { "，", "," } },
		{ "用ai,也", { "用ＡＩ，也" } },
		{ "seek", { "Seek" } },
		{ "SAID", { "said" } },
		{ "。", { "。", "。" } },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct hit_case *c = &cases[i];
		size_t nwant = 0;
		while (nwant < 4 && c->want[nwant])
			nwant++;
		int wrapped;
		int n = reader_search(&r, c->query, 1, &wrapped);
		if (n != (int)nwant) {
			fprintf(stderr, "%s: %d hits, want %zu\n", c->query, n, nwant);
			fail();
		}
		for (size_t k = 0; k < nwant; k++) {
			const struct span *h = &r.hits.v[k];
			size_t len = strlen(c->want[k]);
			if (h->end - h->start != len || memcmp(r.a->text + h->start, c->want[k], len) != 0) {
				fprintf(stderr, "%s: hit %zu is '%.*s', want '%s'\n", c->query, k,
					(int)(h->end - h->start), r.a->text + h->start, c->want[k]);
				fail();
			}
		}
	}
	int wrapped;
	assert_int_equal(reader_search(&r, "   ", 1, &wrapped), 0); /* blank: nothing */
	if (sc) {
		/* script folding, both ways, over the displayed text */
		assert_int_equal(reader_search(&r, "开源", 1, &wrapped), 2);
		assert_memory_equal(r.a->text + r.hits.v[0].start, "開源", strlen("開源"));
		assert_int_equal(reader_mode_script(&r, SCRIPT_TRADITIONAL), 0);
		assert_int_equal(reader_search(&r, "还有开源", 1, &wrapped), 1);
		const struct span *h = &r.hits.v[0];
		assert_int_equal(h->end - h->start, strlen("還有開源"));
		assert_memory_equal(r.a->text + h->start, "還有開源", strlen("還有開源"));
	}
	reader_free(&r);
	article_free(&a);
	if (sc)
		script_close(sc);
}

static const char *const paths[] = {
	"texts/000_sichuan_ribao.txt", "texts/001_hangzhou_kaiyuan.txt",
	"texts/002_shenzhen_pinle.txt", "texts/003_deepseek_chuangxin.txt",
	"texts/004_kexuebao_lianghui.txt",
};
#define NART (sizeof paths / sizeof paths[0])

/* The reading view finds what the corpus search finds, article by article:
 * "，" finds the ASCII commas the articles use, "ａｉ" their AI; and the
 * same with the article's fold made ahead (reader.folded). */
static void
test_agrees_with_corpus_search(void **state)
{
	(void)state;
	struct script *sc = open_script();
	struct article a[NART];
	struct source_opts so = { 0 };
	for (size_t i = 0; i < NART; i++) {
		char *cause = NULL;
		assert_int_equal(article_load(&so, paths[i], &a[i], &cause), 0);
	}
	struct match_corpus mc;
	assert_int_equal(match_corpus_fold(sc, a, NART, &mc), 0);
	struct view_opts vo;
	view_opts_default(&vo);
	static const char *const queries[] = { "，", "ａｉ", "杭州", "開源", "（" };
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		struct search_result sr;
		assert_int_equal(search_run(&mc, sc, queries[q], &sr), 0);
		size_t total = 0;
		for (size_t i = 0; i < NART; i++) {
			struct reader r;
			assert_int_equal(reader_init(&r, &a[i], sc, &vo, 80, 20, 0), 0);
			int wrapped;
			int n = reader_search(&r, queries[q], 1, &wrapped);
			if (n != (int)sr.per_article[i]) {
				fprintf(stderr, "%s in %s: reader %d, corpus search %zu\n", queries[q],
					paths[i], n, sr.per_article[i]);
				fail();
			}
			/* with the corpus's fold handed over: the same hits, no
			 * fold of its own */
			struct reader rf;
			assert_int_equal(reader_init(&rf, &a[i], sc, &vo, 80, 20, 0), 0);
			rf.folded = &mc.folded[i];
			assert_int_equal(reader_search(&rf, queries[q], 1, &wrapped), n);
			for (size_t k = 0; k < rf.hits.n; k++) {
				assert_int_equal(rf.hits.v[k].start, r.hits.v[k].start);
				assert_int_equal(rf.hits.v[k].end, r.hits.v[k].end);
			}
			assert_int_equal(rf.cur, r.cur);
			reader_free(&rf);
			total += (size_t)n;
			reader_free(&r);
		}
		assert_true(total > 0);
		search_result_free(&sr);
	}
	match_corpus_free(&mc);
	for (size_t i = 0; i < NART; i++)
		article_free(&a[i]);
	if (sc)
		script_close(sc);
}

/* n from where the reader is (as less and vim): while the current hit is
 * on the screen n goes to the next one; once the reader has scrolled it
 * off, to the first hit from the top row on (N: the last before it). */
static void
test_next_from_screen(void **state)
{
	(void)state;
	/* forty short paragraphs, "词" in each: one hit per paragraph */
	char text[4096] = "标题\n\n";
	for (int i = 0; i < 40; i++)
		snprintf(text + strlen(text), sizeof text - strlen(text), "第%d段有词。\n\n", i);
	struct article a;
	assert_int_equal(article_from_utf8("t.txt", text, strlen(text), &a), 0);
	struct view_opts vo;
	view_opts_default(&vo);
	struct reader r;
	assert_int_equal(reader_init(&r, &a, NULL, &vo, 40, 10, 0), 0);
	int wrapped;
	assert_int_equal(reader_search(&r, "词", 1, &wrapped), 40);
	assert_int_equal(r.cur, 0);
	/* on the screen: the next hit */
	assert_int_equal(reader_search_next(&r, 1, &wrapped), 2);
	/* scroll far past it: the first hit on the screen, the screen kept */
	reader_scroll(&r, 40);
	size_t top = reader_top_offset(&r);
	int n = reader_search_next(&r, 1, &wrapped);
	assert_true(n > 2);
	assert_true(r.hits.v[r.cur].start >= top);
	assert_true(r.cur == 0 || r.hits.v[r.cur - 1].start < top);
	assert_int_equal(reader_top_offset(&r), top);
	assert_int_equal(wrapped, 0);
	/* and again off the screen, backwards: the last hit above the top */
	reader_scroll(&r, 20);
	top = reader_top_offset(&r);
	n = reader_search_next(&r, -1, &wrapped);
	assert_true(r.hits.v[r.cur].start < top);
	assert_true(r.cur + 1 == r.hits.n || r.hits.v[r.cur + 1].start >= top);
	reader_free(&r);
	article_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_folding),
		cmocka_unit_test(test_agrees_with_corpus_search),
		cmocka_unit_test(test_next_from_screen),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
