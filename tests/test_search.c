/* Tests for search and its plain-text output: hits across articles with
 * script/case/width folding, per-article counts, sentences as context,
 * boilerplate left out, and counts on the bundled texts (recounted with
 * `opencc -c t2s` + Python over the parsed sentences, as in test_compare).
 * Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/compare_text.h"
#include "../src/corpus.h"
#include "../src/err.h"
#include "../src/layout.h"
#include "../src/search.h"

static int
setup(void **state)
{
	struct script *s = NULL;
	char *cause = NULL;
	if (script_open(&s, &cause) < 0) {
		fprintf(stderr, "script_open: %s\n", cause ? cause : "?");
		free(cause);
		return -1;
	}
	*state = s;
	return 0;
}

static int
teardown(void **state)
{
	script_close(*state);
	return 0;
}

static const char *const small[] = {
	"甲\n\n開源很重要。我们开源了ＡＩ模型。\n",
	"乙\n\n没有这个词。\n",
	"丙\n\nAI与开源,开源与AI。\n",
};

static const char *const small_paths[] = { "a.txt", "b.txt", "c.txt" };

struct small_corpus {
	struct article a[3];
	struct match_corpus mc;
};

static void
small_load(struct script *sc, struct small_corpus *s)
{
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(article_from_utf8(small_paths[i], small[i], strlen(small[i]), &s->a[i]), 0);
	assert_int_equal(match_corpus_fold(sc, s->a, 3, &s->mc), 0);
}

static void
small_free(struct small_corpus *s)
{
	match_corpus_free(&s->mc);
	for (size_t i = 0; i < 3; i++)
		article_free(&s->a[i]);
}

static void
test_small(void **state)
{
	struct small_corpus s;
	small_load(*state, &s);
	struct search_result r;
	assert_int_equal(search_run(&s.mc, *state, "开源", &r), 0);
	assert_int_equal(r.n, 4);
	assert_int_equal(r.articles, 2);
	assert_int_equal(r.per_article[0], 2);
	assert_int_equal(r.per_article[1], 0);
	assert_int_equal(r.per_article[2], 2);
	assert_memory_equal(s.a[0].text + r.v[0].start, "開源", 6);
	assert_int_equal(r.v[0].end - r.v[0].start, 6);
	assert_int_equal(r.v[1].sent, r.v[0].sent + 1);
	assert_memory_equal(s.a[0].text + s.a[0].sents[r.v[1].sent].start, "我们", 6);
	assert_int_equal(r.v[2].art, 2);
	/* SPAN_SEARCH spans for the reading view, numbered per article */
	struct span_list sp = { 0 };
	assert_int_equal(search_spans(&r, 2, &sp), 0);
	assert_int_equal(sp.n, 2);
	assert_int_equal(sp.v[1].tag, 1);
	assert_int_equal(sp.v[1].kind, SPAN_SEARCH);
	span_list_free(&sp);
	search_result_free(&r);

	/* substrings, case and width: "ai" finds ＡＩ and AI */
	assert_int_equal(search_run(&s.mc, *state, "ai", &r), 0);
	assert_int_equal(r.n, 3);
	search_result_free(&r);
	assert_int_equal(search_run(&s.mc, *state, "  ", &r), ERR_INVAL);
	assert_int_equal(search_run(&s.mc, *state, "不存在", &r), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.articles, 0);
	search_result_free(&r);
	small_free(&s);
}

static void
test_small_text(void **state)
{
	struct small_corpus s;
	small_load(*state, &s);
	struct search_result r;
	assert_int_equal(search_run(&s.mc, *state, "开源", &r), 0);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct layout_opts lo;
	layout_opts_default(&lo);
	assert_int_equal(compare_text_search(f, "开源", &r, &s.mc, &lo.w), 0);
	fclose(f);
	/* titles are whatever the parser made of the first lines */
	char want[512];
	snprintf(want, sizeof want,
		 "开源: 4 hits in 2 articles\n"
		 "\n"
		 "%s (2 hits)\n"
		 "  a.txt\n"
		 "    ⟨開源⟩很重要。\n"
		 "    我们⟨开源⟩了ＡＩ模型。\n"
		 "\n"
		 "%s (2 hits)\n"
		 "  c.txt\n"
		 "    AI与⟨开源⟩,⟨开源⟩与AI。\n",
		 s.a[0].meta.title, s.a[2].meta.title);
	assert_string_equal(buf, want);
	free(buf);
	search_result_free(&r);
	small_free(&s);
}

static void
test_bundled(void **state)
{
	static const char *const paths[] = { "texts" };
	struct source_opts opts = { 0 };
	struct corpus c;
	assert_int_equal(corpus_load(&c, paths, 1, &opts, NULL, NULL), 0);
	assert_int_equal(c.n, 5);
	struct match_corpus mc;
	assert_int_equal(match_corpus_fold(*state, c.v, c.n, &mc), 0);
	static const struct {
		const char *q;
		size_t per[5];
	} cases[] = {
		{ "开源", { 3, 28, 0, 6, 0 } },  { "開源", { 3, 28, 0, 6, 0 } },
		{ "ai", { 6, 26, 11, 17, 10 } }, { "深圳", { 3, 0, 84, 5, 0 } },
		{ "资本", { 0, 9, 1, 4, 2 } },
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		struct search_result r;
		assert_int_equal(search_run(&mc, *state, cases[k].q, &r), 0);
		size_t total = 0;
		for (size_t a = 0; a < 5; a++) {
			if (r.per_article[a] != cases[k].per[a])
				fail_msg("%s in article %zu: %zu, want %zu", cases[k].q, a,
					 r.per_article[a], cases[k].per[a]);
			total += cases[k].per[a];
		}
		assert_int_equal(r.n, total);
		/* every hit lies in its sentence */
		for (size_t i = 0; i < r.n; i++) {
			const struct article *a = &c.v[r.v[i].art];
			assert_true(r.v[i].sent < a->nsents);
			assert_true(a->sents[r.v[i].sent].start <= r.v[i].start);
		}
		search_result_free(&r);
	}
	match_corpus_free(&mc);
	corpus_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small),
		cmocka_unit_test(test_small_text),
		cmocka_unit_test(test_bundled),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
