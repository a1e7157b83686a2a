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

/* --- the matcher against a naive scan --- */

/* A small deterministic generator (xorshift64*). */
static uint64_t
rnd(uint64_t *st)
{
	*st ^= *st >> 12;
	*st ^= *st << 25;
	*st ^= *st >> 27;
	return *st * 2685821657736338717ull;
}

static size_t
rnd_below(uint64_t *st, size_t n)
{
	return (size_t)(rnd(st) % n);
}

/* Pieces of text and words: both scripts, aliases sharing prefixes,
 * Latin words for the word rule, one- and two-byte patterns, line breaks
 * that the fold joins, a code point that folds to several (㈱), digits. */
static const char *const PIECES[] = {
	"杭", "州", "市", "杭州", "深圳", "開", "源", "开", "資", "本", "资", "大", "学", "模型",
	"頭髮", "头发", "，", "。", "、", "ａ", "Ａ", "a", "i", "ai", "AI", "g", "p", "u", "GPU",
	"x", " ", "\n", "\n  ", "é", "e", "㈱", "株", "1", "2", "%", "％", "区", "南山区", "山",
};
#define NPIECES (sizeof PIECES / sizeof *PIECES)

static char *
rnd_string(uint64_t *st, size_t max_pieces)
{
	size_t n = 1 + rnd_below(st, max_pieces), len = 0;
	char *s = malloc(n * 16 + 1); /* pieces of up to 9 bytes */
	assert_non_null(s);
	for (size_t i = 0; i < n; i++) {
		const char *p = PIECES[rnd_below(st, NPIECES)];
		memcpy(s + len, p, strlen(p));
		len += strlen(p);
	}
	s[len] = '\0';
	return s;
}

/* The set as match_set_add keeps it: folded, trimmed, the first of equal
 * ones. */
struct naive_set {
	char *w[32];
	int tag[32];
	size_t n;
	int flags;
};

static void
naive_add(struct naive_set *ns, struct script *sc, const char *word, int tag)
{
	char *f = match_fold_word(sc, word);
	assert_non_null(f);
	size_t a = 0, z = strlen(f);
	while (a < z && (f[a] == ' ' || f[a] == '\n'))
		a++;
	while (z > a && (f[z - 1] == ' ' || f[z - 1] == '\n'))
		z--;
	memmove(f, f + a, z - a);
	f[z - a] = '\0';
	assert_true(ns->n < 32);
	for (size_t i = 0; i < ns->n; i++)
		if (z == a || strcmp(ns->w[i], f) == 0) {
			free(f);
			return;
		}
	if (z == a) {
		free(f);
		return;
	}
	ns->w[ns->n] = f;
	ns->tag[ns->n++] = tag;
}

static int
word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* match_set_find's contract, the slow way: at every folded byte of the
 * range, every pattern, the longest that fits wins. */
static void
naive_find(const struct naive_set *ns, const struct match_text *t, size_t from, size_t to,
	   int kind, struct span_list *out)
{
	if (ns->n == 0 || from >= to)
		return;
	size_t i = match_text_at(t, from);
	size_t lim = to >= t->orig_len ? t->len : match_text_at(t, to);
	while (i < lim) {
		size_t best = SIZE_MAX, blen = 0;
		for (size_t k = 0; k < ns->n; k++) {
			size_t len = strlen(ns->w[k]), pe = i + len;
			if (len <= blen || pe > t->len || memcmp(t->text + i, ns->w[k], len) != 0 ||
			    match_text_end(t, pe - 1) > to)
				continue;
			const unsigned char *s = (const unsigned char *)t->text;
			if ((ns->flags & MATCH_WORDS) &&
			    ((word_byte((unsigned char)ns->w[k][0]) && i > 0 && word_byte(s[i - 1])) ||
			     (word_byte((unsigned char)ns->w[k][len - 1]) && pe < t->len &&
			      word_byte(s[pe]))))
				continue;
			best = k;
			blen = len;
		}
		if (best == SIZE_MAX) {
			i++;
			continue;
		}
		assert_int_equal(span_list_push(out, match_text_start(t, i),
						match_text_end(t, i + blen - 1), kind, ns->tag[best]),
				 0);
		i += blen;
	}
}

static void
spans_equal(const char *what, const char *text, const struct span_list *got,
	    const struct span_list *want)
{
	if (got->n != want->n)
		fail_msg("%s in \"%s\": %zu hits, want %zu", what, text, got->n, want->n);
	for (size_t i = 0; i < got->n; i++)
		if (got->v[i].start != want->v[i].start || got->v[i].end != want->v[i].end ||
		    got->v[i].kind != want->v[i].kind || got->v[i].tag != want->v[i].tag)
			fail_msg("%s in \"%s\": hit %zu is %zu-%zu tag %d, want %zu-%zu tag %d", what,
				 text, i, got->v[i].start, got->v[i].end, got->v[i].tag,
				 want->v[i].start, want->v[i].end, want->v[i].tag);
}

/* Ranges of a text to search: the whole, its ends, and random ones
 * (code point boundaries or not). */
static void
rnd_range(uint64_t *st, size_t len, size_t r, size_t *from, size_t *to)
{
	if (r == 0) {
		*from = 0;
		*to = len;
	} else if (r == 1) {
		*from = len > 3 ? len - 3 : 0;
		*to = len;
	} else {
		*from = rnd_below(st, len + 1);
		*to = *from + rnd_below(st, len - *from + 2);
	}
}

/* match_set_find and a group's scan and pick against the naive scan, over
 * random texts and sets (both scripts, overlapping patterns, hits at the
 * ends), and the maps' hinted lookups against the plain ones. */
static void
test_find_naive(void **state)
{
	uint64_t st = 0x9E3779B97F4A7C15ull;
	size_t hits = 0;
	for (int round = 0; round < 400; round++) {
		struct naive_set ns[3] = { { .flags = 0 }, { .flags = MATCH_WORDS }, { .flags = 0 } };
		struct match_set *sets[3];
		for (int k = 0; k < 3; k++) {
			assert_int_equal(match_set_new(ns[k].flags, &sets[k]), 0);
			size_t nw = rnd_below(&st, 7);
			for (size_t w = 0; w < nw; w++) {
				char *word = rnd_string(&st, 3);
				int tag = (int)rnd_below(&st, 5);
				int rc = match_set_add(sets[k], *state, word, tag);
				assert_true(rc == 0 || rc == ERR_INVAL);
				naive_add(&ns[k], *state, word, tag);
				free(word);
			}
			assert_int_equal(match_set_size(sets[k]), ns[k].n);
		}
		struct match_group *g;
		assert_int_equal(match_group_new((const struct match_set *const *)sets, 3, &g), 0);
		char *text = rnd_string(&st, round % 4 == 0 ? 200 : 40);
		struct match_text t;
		assert_int_equal(match_fold(*state, text, strlen(text), &t), 0);
		struct match_cands cands = { 0 };
		assert_int_equal(match_group_scan(g, &t, 0, t.len, &cands), 0);
		const struct match_cand **pick = malloc((cands.n + 1) * sizeof *pick);
		assert_non_null(pick);
		size_t hint = 0;
		for (size_t r = 0; r < 6; r++) {
			size_t from, to;
			rnd_range(&st, t.orig_len, r, &from, &to);
			struct span_list got[3] = { { 0 } }, want[3] = { { 0 } }, picked[3] = { { 0 } };
			for (int k = 0; k < 3; k++) {
				long n = match_set_find(sets[k], &t, from, to, SPAN_KEYWORD, &got[k]);
				assert_int_equal(n, (long)got[k].n);
				naive_find(&ns[k], &t, from, to, SPAN_KEYWORD, &want[k]);
				spans_equal("match_set_find", text, &got[k], &want[k]);
				hits += want[k].n;
			}
			if (from < to) {
				size_t a = match_text_at(&t, from);
				size_t lim = to >= t.orig_len ? t.len : match_text_at(&t, to);
				size_t n = match_cands_pick(cands.v, cands.n, &t, a, lim, to, &hint, pick);
				for (size_t i = 0; i < n; i++)
					assert_int_equal(span_list_push(&picked[pick[i]->set],
									match_text_start(&t, pick[i]->at),
									match_text_end(&t, pick[i]->end - 1),
									SPAN_KEYWORD, pick[i]->tag),
							 0);
				/* a scan of the range alone finds the same */
				struct match_cands part = { 0 };
				assert_int_equal(match_group_scan(g, &t, a, lim, &part), 0);
				size_t hint2 = 0;
				assert_int_equal(match_cands_pick(part.v, part.n, &t, a, lim, to, &hint2, pick), n);
				match_cands_free(&part);
			}
			for (int k = 0; k < 3; k++) {
				spans_equal("match_cands_pick", text, &picked[k], &want[k]);
				span_list_free(&got[k]);
				span_list_free(&want[k]);
				span_list_free(&picked[k]);
			}
		}
		/* every place of the scan is a whole pattern of its set */
		for (size_t i = 0; i < cands.n; i++) {
			const struct match_cand *c = &cands.v[i];
			assert_true(c->at < c->end && c->end <= t.len && c->set >= 0 && c->set < 3);
			assert_true(i == 0 || cands.v[i - 1].at <= c->at);
			int found = 0;
			for (size_t k = 0; k < ns[c->set].n; k++)
				found |= strlen(ns[c->set].w[k]) == c->end - c->at &&
					 memcmp(t.text + c->at, ns[c->set].w[k], c->end - c->at) == 0 &&
					 ns[c->set].tag[k] == c->tag;
			assert_true(found);
		}
		/* the hinted lookups, from any hint */
		for (size_t i = 0; i <= t.len + 1; i++) {
			size_t h = rnd_below(&st, t.nseg + 2), h2 = h;
			assert_int_equal(match_text_start_near(&t, i, &h), match_text_start(&t, i));
			assert_int_equal(match_text_end_near(&t, i, &h2), match_text_end(&t, i));
		}
		size_t h = 0;
		for (size_t off = 0; off <= t.orig_len + 1; off++) {
			if (rnd_below(&st, 4) == 0)
				h = rnd_below(&st, t.nseg + 2);
			assert_int_equal(match_text_at_near(&t, off, &h), match_text_at(&t, off));
		}
		free(pick);
		match_cands_free(&cands);
		match_text_free(&t);
		free(text);
		match_group_free(g);
		for (int k = 0; k < 3; k++) {
			match_set_free(sets[k]);
			for (size_t w = 0; w < ns[k].n; w++)
				free(ns[k].w[w]);
		}
	}
	assert_true(hits > 2000); /* the cases do hit */
}

/* The same over the bundled articles with Chinese words, sentence by
 * sentence as the comparison asks. */
static void
test_find_naive_articles(void **state)
{
	static const char *const words[] = { "杭州", "杭州市", "州市", "深圳", "人才", "人",
					     "资本", "資本", "开源", "模型", "大模型", "AI",
					     "DeepSeek", "GPU", "%", "，", "中国", "的" };
	struct corpus c;
	const char *paths[] = { "texts" };
	assert_int_equal(corpus_load(&c, paths, 1, NULL, NULL, NULL), 0);
	struct match_set *m;
	struct naive_set ns = { .flags = MATCH_WORDS };
	assert_int_equal(match_set_new(MATCH_WORDS, &m), 0);
	for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
		assert_int_equal(match_set_add(m, *state, words[w], (int)w), 0);
		naive_add(&ns, *state, words[w], (int)w);
	}
	const struct match_set *one[1] = { m };
	struct match_group *g;
	assert_int_equal(match_group_new(one, 1, &g), 0);
	for (size_t a = 0; a < c.n; a++) {
		const struct article *art = &c.v[a];
		struct match_text t;
		assert_int_equal(match_fold(*state, art->text, art->len, &t), 0);
		struct match_cands cands = { 0 };
		assert_int_equal(match_group_scan(g, &t, 0, t.len, &cands), 0);
		const struct match_cand **pick = malloc((cands.n + 1) * sizeof *pick);
		assert_non_null(pick);
		size_t hint = 0;
		for (size_t si = 0; si < art->nsents; si++) {
			size_t from = art->sents[si].start, to = art->sents[si].end;
			struct span_list got = { 0 }, want = { 0 }, picked = { 0 };
			assert_true(match_set_find(m, &t, from, to, SPAN_CITY, &got) >= 0);
			naive_find(&ns, &t, from, to, SPAN_CITY, &want);
			spans_equal("match_set_find", art->path, &got, &want);
			if (from < to) {
				size_t fa = match_text_at(&t, from);
				size_t lim = to >= t.orig_len ? t.len : match_text_at(&t, to);
				size_t n = match_cands_pick(cands.v, cands.n, &t, fa, lim, to, &hint, pick);
				for (size_t i = 0; i < n; i++)
					assert_int_equal(span_list_push(&picked, match_text_start(&t, pick[i]->at),
									match_text_end(&t, pick[i]->end - 1),
									SPAN_CITY, pick[i]->tag),
							 0);
			}
			spans_equal("match_cands_pick", art->path, &picked, &want);
			span_list_free(&got);
			span_list_free(&want);
			span_list_free(&picked);
		}
		free(pick);
		match_cands_free(&cands);
		match_text_free(&t);
	}
	match_group_free(g);
	match_set_free(m);
	for (size_t w = 0; w < ns.n; w++)
		free(ns.w[w]);
	corpus_free(&c);
}

/* --- the fold's fast paths against match_fold_ref --- */

/* match_fold and match_fold_ref agree on s[0, n): the folded text and
 * the map, segment for segment. */
static void
fold_same(struct script *sc, const char *what, const char *s, size_t n)
{
	struct match_text f, r;
	assert_int_equal(match_fold(sc, s, n, &f), 0);
	assert_int_equal(match_fold_ref(sc, s, n, &r), 0);
	if (f.len != r.len || memcmp(f.text, r.text, f.len) != 0 || f.nseg != r.nseg ||
	    (f.nseg && memcmp(f.seg, r.seg, f.nseg * sizeof *f.seg) != 0) || f.orig_len != r.orig_len)
		fail_msg("%s: the fast fold differs from match_fold_ref (%zu/%zu bytes, %zu/%zu segments)",
			 what, f.len, r.len, f.nseg, r.nseg);
	match_text_free(&f);
	match_text_free(&r);
}

static size_t
put_utf8(char *b, uint32_t cp)
{
	if (cp < 0x80) {
		b[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	b[0] = (char)(0xF0 | (cp >> 18));
	b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	b[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Every code point, between ASCII letters (a run the fast path copies,
 * and one that lowercases) and after a line break, without OpenCC (the
 * per code point fold: utf8proc or fold_self) and, for the Han blocks,
 * with it. */
static void
test_fold_fast_every_cp(void **state)
{
	char buf[64], what[32];
	for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
		size_t n = 0;
		buf[n++] = 'x';
		n += put_utf8(buf + n, cp);
		buf[n++] = 'Q';
		buf[n++] = '\n';
		n += put_utf8(buf + n, cp);
		snprintf(what, sizeof what, "U+%04X", (unsigned)cp);
		fold_same(NULL, what, buf, n);
		if ((cp >= 0x3400 && cp <= 0x9FFF && cp % 7 == 0))
			fold_same(*state, what, buf, n);
	}
}

/* The bundled articles, and random strings of the pieces above with
 * broken UTF-8 among them, with and without OpenCC. */
static void
test_fold_fast_texts(void **state)
{
	struct corpus c;
	const char *paths[] = { "texts" };
	assert_int_equal(corpus_load(&c, paths, 1, NULL, NULL, NULL), 0);
	for (size_t a = 0; a < c.n; a++) {
		fold_same(*state, c.v[a].path, c.v[a].text, c.v[a].len);
		fold_same(NULL, c.v[a].path, c.v[a].text, c.v[a].len);
	}
	corpus_free(&c);
	uint64_t st = 0x9E3779B97F4A7C15ull;
	for (int k = 0; k < 3000; k++) {
		char *s = rnd_string(&st, 24);
		size_t n = strlen(s);
		if (n > 2 && k % 3 == 0)
			s[rnd_below(&st, n)] = (char)(0x80 | rnd_below(&st, 0x80)); /* a stray byte */
		fold_same(*state, s, s, n);
		fold_same(NULL, s, s, n);
		free(s);
	}
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
		cmocka_unit_test(test_find_naive),
		cmocka_unit_test(test_find_naive_articles),
		cmocka_unit_test(test_fold_fast_every_cp),
		cmocka_unit_test(test_fold_fast_texts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
