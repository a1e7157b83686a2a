/* Tests for match: folding (script variants, case, width), the offset maps
 * back to the original text, aliases and overlapping patterns. Each case
 * lists the original text each hit covers, in order, with its tag. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/corpus.h"
#include "../src/err.h"
#include "../src/match.h"
#include "../src/script.h"

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

struct pat {
	const char *word;
	int tag;
};

struct hit {
	const char *orig; /* the original text the span covers */
	int tag;
};

struct find_case {
	const char *name;
	const char *text;
	int flags;
	struct pat pats[6];
	struct hit hits[6];
};

static const struct find_case find_cases[] = {
	{ "simplified finds traditional", "開源與开源，開 源", 0,
	  { { "开源", 1 } }, { { "開源", 1 }, { "开源", 1 } } },
	{ "traditional pattern finds simplified", "资本和資本", 0,
	  { { "資本", 2 } }, { { "资本", 2 }, { "資本", 2 } } },
	{ "phrase conversion", "頭髮與头发", 0, { { "头发", 0 } }, { { "頭髮", 0 }, { "头发", 0 } } },
	{ "case and width", "ＡＩ, ai, Ai, aI", 0, { { "AI", 3 } },
	  { { "ＡＩ", 3 }, { "ai", 3 }, { "Ai", 3 }, { "aI", 3 } } },
	{ "full-width punctuation", "甲，乙,丙", 0, { { ",", 0 } }, { { "，", 0 }, { ",", 0 } } },
	{ "full-width pattern", "GPU与ＧＰＵ", 0, { { "ｇｐｕ", 5 } }, { { "GPU", 5 }, { "ＧＰＵ", 5 } } },
	{ "substring without word rule", "said AI", 0, { { "ai", 0 } }, { { "ai", 0 }, { "AI", 0 } } },
	{ "word rule", "said AI,AIGC与AI芯片", MATCH_WORDS, { { "ai", 0 } },
	  { { "AI", 0 }, { "AI", 0 } } },
	{ "word rule only at Latin ends", "用DeepSeek开源", MATCH_WORDS,
	  { { "deepseek开源", 4 } }, { { "DeepSeek开源", 4 } } },
	{ "longest alias at a position", "杭州市和杭州与杭城", 0,
	  { { "杭州", 0 }, { "杭州市", 0 }, { "杭城", 0 } },
	  { { "杭州市", 0 }, { "杭州", 0 }, { "杭城", 0 } } },
	{ "overlap: leftmost wins, no double count", "南山区的山区", 0,
	  { { "山区", 2 }, { "南山区", 1 } }, { { "南山区", 1 }, { "山区", 2 } } },
	{ "two cities", "深圳市与杭州市", 0, { { "深圳", 1 }, { "杭州", 0 } },
	  { { "深圳", 1 }, { "杭州", 0 } } },
	{ "joined line break between CJK", "杭\n州，AI\nGPU", 0,
	  { { "杭州", 0 }, { "aigpu", 1 } }, { { "杭\n州", 0 } } },
	{ "joined line with the next line's indentation", "必须满\n        足的条件", 0,
	  { { "满足", 0 } }, { { "满\n        足", 0 } } },
	{ "URL joined after its slash", "见 https://\n    lists.debian.org/ 页", 0,
	  { { "https://lists.debian", 2 } }, { { "https://\n    lists.debian", 2 } } },
	{ "no hit", "成都", 0, { { "杭州", 0 } }, { { NULL, 0 } } },
	/* the set's filters on a pattern's first two and three bytes */
	{ "one-byte pattern at the end", "增长1.7%", 0, { { "%", 0 } }, { { "%", 0 } } },
	{ "two-byte pattern", "café和cafe", 0, { { "é", 0 } }, { { "é", 0 } } },
	{ "two-byte pattern at the end", "xai", 0, { { "ai", 0 } }, { { "ai", 0 } } },
	{ "first two bytes shared, the third not", "李杭林杭", 0, { { "杭", 1 }, { "林", 2 } },
	  { { "杭", 1 }, { "林", 2 }, { "杭", 1 } } },
	{ "three-byte pattern at the end", "和杭", 0, { { "杭", 0 } }, { { "杭", 0 } } },
	{ "short and long patterns on one first byte", "a杭ab杭州", 0,
	  { { "a", 0 }, { "ab", 1 }, { "杭州", 2 } }, { { "a", 0 }, { "ab", 1 }, { "杭州", 2 } } },
};

static void
run_find_case(struct script *sc, const struct find_case *c)
{
	struct match_set *m;
	assert_int_equal(match_set_new(c->flags, &m), 0);
	for (size_t i = 0; i < 6 && c->pats[i].word; i++)
		assert_int_equal(match_set_add(m, sc, c->pats[i].word, c->pats[i].tag), 0);
	struct match_text t;
	size_t len = strlen(c->text);
	assert_int_equal(match_fold(sc, c->text, len, &t), 0);
	struct span_list out = { 0 };
	long n = match_set_find(m, &t, 0, len, SPAN_KEYWORD, &out);
	size_t want = 0;
	while (want < 6 && c->hits[want].orig)
		want++;
	if (n != (long)want)
		fail_msg("%s: %ld hits, want %zu", c->name, n, want);
	for (size_t i = 0; i < want; i++) {
		const struct span *sp = &out.v[i];
		size_t sl = sp->end - sp->start;
		if (sl != strlen(c->hits[i].orig) ||
		    memcmp(c->text + sp->start, c->hits[i].orig, sl) != 0)
			fail_msg("%s: hit %zu covers \"%.*s\", want \"%s\"", c->name, i,
				 (int)sl, c->text + sp->start, c->hits[i].orig);
		assert_int_equal(sp->tag, c->hits[i].tag);
		assert_int_equal(sp->kind, SPAN_KEYWORD);
	}
	span_list_free(&out);
	match_text_free(&t);
	match_set_free(m);
}

static void
test_find_table(void **state)
{
	for (size_t i = 0; i < sizeof find_cases / sizeof *find_cases; i++)
		run_find_case(*state, &find_cases[i]);
}

/* The fold itself and its maps, byte by byte. */
static void
test_fold_maps(void **state)
{
	static const char in[] = "頭髮ＡＢ\n,c";
	struct match_text t;
	assert_int_equal(match_fold(*state, in, strlen(in), &t), 0);
	assert_string_equal(t.text, "头发ab\n,c");
	assert_int_equal(t.orig_len, strlen(in));
	static const size_t start_of[] = { 0, 0, 0, 3, 3, 3, 6, 9, 12, 13, 14, 15 };
	static const size_t end_of[] = { 3, 3, 3, 6, 6, 6, 9, 12, 13, 14, 15 };
	assert_int_equal(t.len, 11);
	for (size_t i = 0; i <= t.len; i++)
		assert_int_equal(match_text_start(&t, i), start_of[i]);
	for (size_t i = 0; i < t.len; i++)
		assert_int_equal(match_text_end(&t, i), end_of[i]);
	match_text_free(&t);

	/* An expansion (㈱ -> "(株)"): a hit inside it covers the whole code point. */
	assert_int_equal(match_fold(*state, "㈱公司", strlen("㈱公司"), &t), 0);
	assert_string_equal(t.text, "(株)公司");
	struct match_set *m;
	assert_int_equal(match_set_new(0, &m), 0);
	assert_int_equal(match_set_add(m, *state, "株", 0), 0);
	struct span_list out = { 0 };
	assert_int_equal(match_set_find(m, &t, 0, t.orig_len, SPAN_SEARCH, &out), 1);
	assert_int_equal(out.v[0].start, 0);
	assert_int_equal(out.v[0].end, 3);
	span_list_free(&out);
	match_set_free(m);
	match_text_free(&t);

	/* Without a script handle only width and case fold. */
	assert_int_equal(match_fold(NULL, "開ＡＩ", strlen("開ＡＩ"), &t), 0);
	assert_string_equal(t.text, "開ai");
	match_text_free(&t);

	/* Empty text. */
	assert_int_equal(match_fold(*state, "", 0, &t), 0);
	assert_int_equal(t.len, 0);
	assert_string_equal(t.text, "");
	assert_int_equal(match_text_start(&t, 0), 0);
	match_text_free(&t);
}

static void
test_set_add(void **state)
{
	struct match_set *m;
	assert_int_equal(match_set_new(0, &m), 0);
	assert_int_equal(match_set_add(m, *state, "", 0), ERR_INVAL);
	assert_int_equal(match_set_add(m, *state, "  \u3000 ", 0), ERR_INVAL);
	assert_int_equal(match_set_add(m, *state, "AI", 1), 0);
	assert_int_equal(match_set_add(m, *state, "ａｉ", 2), 0); /* same after folding */
	assert_int_equal(match_set_add(m, *state, " 開源 ", 3), 0); /* trimmed */
	assert_int_equal(match_set_add(m, *state, "开源", 4), 0);
	assert_int_equal(match_set_size(m), 2);
	struct match_text t;
	assert_int_equal(match_fold(*state, "ai开源", strlen("ai开源"), &t), 0);
	struct span_list out = { 0 };
	assert_int_equal(match_set_find(m, &t, 0, t.orig_len, SPAN_KEYWORD, &out), 2);
	assert_int_equal(out.v[0].tag, 1); /* the first tag stays */
	assert_int_equal(out.v[1].tag, 3);
	span_list_free(&out);
	match_text_free(&t);
	match_set_free(m);
	char *w = match_fold_word(*state, "資本ＡＩ");
	assert_string_equal(w, "资本ai");
	free(w);
}

/* Finding inside an original byte range: hits must lie wholly inside it. */
static void
test_find_range(void **state)
{
	static const char in[] = "杭州。杭州。杭州。";
	struct match_set *m;
	assert_int_equal(match_set_new(0, &m), 0);
	assert_int_equal(match_set_add(m, *state, "杭州", 7), 0);
	struct match_text t;
	assert_int_equal(match_fold(*state, in, strlen(in), &t), 0);
	struct span_list out = { 0 };
	/* the second sentence: bytes [9, 18) */
	assert_int_equal(match_set_find(m, &t, 9, 18, SPAN_CITY, &out), 1);
	assert_int_equal(out.v[0].start, 9);
	assert_int_equal(out.v[0].end, 15);
	assert_int_equal(out.v[0].kind, SPAN_CITY);
	/* a range that cuts a hit in two finds nothing */
	assert_int_equal(match_set_find(m, &t, 9, 12, SPAN_CITY, &out), 0);
	assert_int_equal(match_set_find(m, &t, 12, 27, SPAN_CITY, &out), 1);
	assert_int_equal(out.v[1].start, 18);
	assert_int_equal(match_set_find(m, &t, 5, 5, SPAN_CITY, &out), 0);
	span_list_free(&out);
	match_text_free(&t);
	match_set_free(m);
}

/* The compact map against its definition, over every bundled article:
 * match_text_at(off) is the first folded byte whose start is off or
 * later, starts never decrease, and every byte lies in [start, end). */
static void
test_map_sweep(void **state)
{
	struct corpus c;
	const char *paths[] = { "texts" };
	assert_int_equal(corpus_load(&c, paths, 1, NULL, NULL, NULL), 0);
	for (size_t a = 0; a < c.n; a++) {
		struct match_text t;
		assert_int_equal(match_fold(*state, c.v[a].text, c.v[a].len, &t), 0);
		size_t i = 0, prev = 0;
		for (size_t k = 0; k < t.len; k++) {
			size_t st = match_text_start(&t, k), en = match_text_end(&t, k);
			assert_true(st >= prev && st < en && en <= t.orig_len);
			prev = st;
		}
		for (size_t off = 0; off <= t.orig_len; off++) {
			while (i < t.len && match_text_start(&t, i) < off)
				i++;
			if (match_text_at(&t, off) != i)
				fail_msg("%s: at(%zu) = %zu, want %zu", c.v[a].path, off,
					 match_text_at(&t, off), i);
		}
		match_text_free(&t);
	}
	corpus_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_table),
		cmocka_unit_test(test_fold_maps),
		cmocka_unit_test(test_set_add),
		cmocka_unit_test(test_find_range),
		cmocka_unit_test(test_map_sweep),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
