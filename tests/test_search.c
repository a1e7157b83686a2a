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
#include "../src/find.h"
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

/* search_run as it was before search_article: every searchable block
 * through the matcher, the reference the streamed search must equal. */
static void
reference(const struct match_corpus *mc, struct script *sc, const char *q, struct search_result *r)
{
	struct match_set *m;
	assert_int_equal(match_set_new(0, &m), 0);
	assert_int_equal(match_set_add(m, sc, q, 0), 0);
	assert_int_equal(search_result_init(r, mc->n), 0);
	struct span_list sp = { 0 };
	for (size_t ai = 0; ai < mc->n; ai++) {
		const struct article *a = &mc->arts[ai];
		for (size_t b = 0; b < a->nblocks; b++) {
			if (a->blocks[b].kind == BLOCK_BOILERPLATE || a->blocks[b].kind == BLOCK_META)
				continue;
			span_list_clear(&sp);
			assert_true(match_set_find(m, &mc->folded[ai], a->blocks[b].start, a->blocks[b].end,
						   SPAN_SEARCH, &sp) >= 0);
			for (size_t k = 0; k < sp.n; k++) {
				if (r->n == r->cap) {
					r->cap = r->cap ? 2 * r->cap : 64;
					r->v = realloc(r->v, r->cap * sizeof *r->v);
					assert_non_null(r->v);
				}
				r->v[r->n++] = (struct search_hit){ ai, sp.v[k].start, sp.v[k].end,
								    article_sentence_at(a, sp.v[k].start) };
			}
			r->per_article[ai] += sp.n;
		}
		r->articles += r->per_article[ai] > 0;
	}
	span_list_free(&sp);
	match_set_free(m);
}

static void
same_result(const char *q, const struct search_result *a, const struct search_result *b)
{
	if (a->n != b->n || a->articles != b->articles)
		fail_msg("%s: %zu hits in %zu articles, want %zu in %zu", q, a->n, a->articles, b->n,
			 b->articles);
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i].art != b->v[i].art || a->v[i].start != b->v[i].start ||
		    a->v[i].end != b->v[i].end || a->v[i].sent != b->v[i].sent)
			fail_msg("%s: hit %zu differs", q, i);
}

/* The search one article at a time (search_article: memmem finds the
 * blocks to look at) equals every block through the matcher, on the
 * bundled texts and on the same texts with their blocks out of order
 * (then every block is searched), for queries in both scripts. */
static void
test_article_equals_blocks(void **state)
{
	static const char *const paths[] = { "texts" };
	struct source_opts opts = { 0 };
	struct corpus c;
	assert_int_equal(corpus_load(&c, paths, 1, &opts, NULL, NULL), 0);
	struct match_corpus mc;
	assert_int_equal(match_corpus_fold(*state, c.v, c.n, &mc), 0);
	static const char *const queries[] = {
		"资本", "資本", "开源", "開源", "杭州", "深圳市", "人工智能", "ai", "AI", "的",
		"。", ",", "（", "1", "deepseek", "不存在的词", "e", "资本市场",
	};
	for (int shuffled = 0; shuffled < 2; shuffled++) {
		if (shuffled) /* the last block first: not in order */
			for (size_t i = 0; i < c.n; i++) {
				struct article *a = &c.v[i];
				assert_true(a->nblocks > 2);
				struct block last = a->blocks[a->nblocks - 1];
				memmove(a->blocks + 1, a->blocks, (a->nblocks - 1) * sizeof *a->blocks);
				a->blocks[0] = last;
				free(a->levels);
				a->levels = NULL;
			}
		for (size_t k = 0; k < sizeof queries / sizeof *queries; k++) {
			struct search_result want, got, one;
			reference(&mc, *state, queries[k], &want);
			assert_int_equal(search_run(&mc, *state, queries[k], &got), 0);
			same_result(queries[k], &got, &want);
			/* article by article, each counted as article 0 */
			struct search_query q;
			struct span_list sp = { 0 };
			assert_int_equal(search_query_new(*state, queries[k], &q), 0);
			size_t at = 0;
			for (size_t ai = 0; ai < mc.n; ai++) {
				assert_int_equal(search_result_init(&one, 1), 0);
				assert_int_equal(search_article(&q, &c.v[ai], &mc.folded[ai], 0, &one, &sp), 0);
				assert_int_equal(one.per_article[0], want.per_article[ai]);
				assert_int_equal(search_query_in(&q, mc.folded[ai].text, mc.folded[ai].len),
						 strstr(mc.folded[ai].text, q.folded) != NULL);
				for (size_t i = 0; i < one.n; i++, at++) {
					assert_int_equal(one.v[i].start, want.v[at].start);
					assert_int_equal(one.v[i].sent, want.v[at].sent);
				}
				search_result_free(&one);
			}
			assert_int_equal(at, want.n);
			span_list_free(&sp);
			search_query_free(&q);
			search_result_free(&want);
			search_result_free(&got);
		}
	}
	match_corpus_free(&mc);
	corpus_free(&c);
}

struct ticks {
	size_t calls, cancel_at, last_done, total;
};

static int
tick(void *ctx, size_t done, size_t total)
{
	struct ticks *t = ctx;
	t->calls++;
	t->last_done = done;
	t->total = total;
	return t->cancel_at && t->calls >= t->cancel_at;
}

/* search_run_tick reports progress every SEARCH_TICK_EVERY articles and
 * stops with ERR_CANCELLED, its output untouched, when told to. */
static void
test_tick_cancel(void **state)
{
	struct small_corpus s;
	small_load(*state, &s);
	/* 3 articles seen as 200: the same three again and again */
	size_t n = 200;
	struct article *arts = calloc(n, sizeof *arts);
	struct match_text *f = calloc(n, sizeof *f);
	for (size_t i = 0; i < n; i++) {
		arts[i] = s.a[i % 3];
		f[i] = s.mc.folded[i % 3];
	}
	struct match_corpus big = { arts, f, n };
	struct search_result r = { .n = 12345 };
	struct ticks t = { 0 };
	assert_int_equal(search_run_tick(&big, *state, "开源", tick, &t, &r), 0);
	assert_int_equal(t.calls, 4); /* before articles 0, 64, 128 and 192 */
	assert_int_equal(t.last_done, 192);
	assert_int_equal(t.total, n);
	assert_int_equal(r.n, 2 * 67 + 2 * 66); /* 开源 twice in articles 0 and 2 */
	search_result_free(&r);
	r = (struct search_result){ .n = 12345 };
	t = (struct ticks){ .cancel_at = 2 };
	assert_int_equal(search_run_tick(&big, *state, "开源", tick, &t, &r), ERR_CANCELLED);
	assert_int_equal(t.calls, 2);
	assert_int_equal(r.n, 12345); /* untouched */
	free(arts);
	free(f);
	small_free(&s);
}

/* find_bytes answers as memmem does: every needle of one to four bytes
 * over an alphabet of three bytes (so that the last byte is common and
 * the fallback to memmem is taken) at every start of random texts, and
 * the Chinese text of the bundled articles for some words. */
static void
test_find_bytes(void **state)
{
	(void)state;
	srand(12);
	char hay[600];
	for (int round = 0; round < 40; round++) {
		size_t n = (size_t)(rand() % (int)sizeof hay);
		for (size_t i = 0; i < n; i++)
			hay[i] = "ab\xe5"[rand() % (round % 2 ? 2 : 3)];
		for (size_t m = 0; m <= 4; m++) {
			char nd[4];
			for (size_t k = 0; k < m; k++)
				nd[k] = "ab\xe5"[rand() % 3];
			for (size_t from = 0; from <= n; from += 7) {
				const char *want = memmem(hay + from, n - from, nd, m);
				const char *got = find_bytes(hay + from, n - from, nd, m);
				if (want != got)
					fail_msg("round %d, needle of %zu, from %zu: %td, memmem %td", round, m,
						 from, got ? got - hay : -1, want ? want - hay : -1);
			}
		}
	}
	/* a run of the needle's last byte, then the needle: found wherever
	 * the fallback to memmem begins */
	static const char *const runs[] = { "ba", "bba", "baa", "bbba", "aaba" };
	for (size_t r = 0; r < sizeof runs / sizeof *runs; r++)
		for (size_t k = 0; k < 300; k++) {
			size_t m = strlen(runs[r]);
			memset(hay, 'a', k);
			memcpy(hay + k, runs[r], m);
			memset(hay + k + m, 'a', 5);
			assert_ptr_equal(find_bytes(hay, k + m + 5, runs[r], m),
					 memmem(hay, k + m + 5, runs[r], m));
		}
	struct corpus c;
	const char *paths[] = { "texts" };
	assert_int_equal(corpus_load(&c, paths, 1, NULL, NULL, NULL), 0);
	static const char *const words[] = { "资本", "杭州", "的", "。", "，", "\n", "AI", "鲲鹏湾", "人工智能" };
	for (size_t i = 0; i < c.n; i++)
		for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
			size_t m = strlen(words[w]);
			const char *t = c.v[i].text, *end = t + c.v[i].len;
			for (;;) {
				const char *want = memmem(t, (size_t)(end - t), words[w], m);
				const char *got = find_bytes(t, (size_t)(end - t), words[w], m);
				assert_ptr_equal(got, want);
				if (want == NULL)
					break;
				t = want + 1;
			}
		}
	corpus_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_bytes),
		cmocka_unit_test(test_small),
		cmocka_unit_test(test_small_text),
		cmocka_unit_test(test_bundled),
		cmocka_unit_test(test_article_equals_blocks),
		cmocka_unit_test(test_tick_cancel),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
