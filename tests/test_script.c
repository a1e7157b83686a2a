/* Tests for script: OpenCC conversion with offset maps, converted articles
 * whose blocks, sentences and spans line up with the original's, and an
 * invariant sweep over the bundled texts. Run from the repository root. */
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
#include "../src/script.h"
#include "../src/source.h"
#include "../src/script_keys.h"
#include "../src/ustr.h"
#include "support_script.h"
#include <opencc/opencc.h>

static int
setup(void **state)
{
	struct script *s = NULL;
	char *cause = NULL;
	int rc = script_open(&s, &cause);
	if (rc < 0) {
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

static void
test_names(void **state)
{
	(void)state;
	assert_string_equal(script_name(SCRIPT_ORIGINAL), "original");
	assert_string_equal(script_name(SCRIPT_SIMPLIFIED), "simplified");
	assert_string_equal(script_name(SCRIPT_TRADITIONAL), "traditional");
}

/* to_simplified cases: input, output, and for each listed output byte the
 * input byte it maps to. */
struct simp_case {
	const char *in, *out;
	struct { size_t o, i; } map[6];
	size_t nmap;
};

static const struct simp_case simp_cases[] = {
	{ "開源", "开源", { { 0, 0 }, { 3, 3 }, { 6, 6 } }, 3 },
	{ "資本AI，說", "资本AI，说", { { 6, 6 }, { 7, 7 }, { 8, 8 }, { 11, 11 }, { 14, 14 } }, 5 },
	{ "already 简体", "already 简体", { { 8, 8 }, { 14, 14 } }, 2 },
	{ "", "", { { 0, 0 } }, 1 },
	/* 頭髮 is a phrase (頭发 would be wrong char by char: 髮 -> 发). */
	{ "頭髮", "头发", { { 3, 3 } }, 1 },
	/* 䂎 (3 bytes) becomes 𥎝 (4 bytes): maps follow code points. */
	{ "䂎a", "𥎝a", { { 0, 0 }, { 1, 0 }, { 3, 0 }, { 4, 3 }, { 5, 4 } }, 5 },
	/* Malformed UTF-8 is copied, never given to OpenCC (which read past a
	 * truncated sequence: found by fuzz_match). */
	{ "沒有出現在\xe5", "没有出现在\xe5", { { 15, 15 }, { 16, 16 } }, 2 },
	{ "資\xe6\x01本說話\xed\xa0\x80說\xf4\x90\x80\x80", "资\xe6\x01本说话\xed\xa0\x80说\xf4\x90\x80\x80",
	  { { 3, 3 }, { 5, 5 }, { 14, 14 }, { 17, 17 } }, 4 },
};

static void
test_to_simplified(void **state)
{
	struct script *s = *state;
	for (size_t t = 0; t < sizeof simp_cases / sizeof *simp_cases; t++) {
		const struct simp_case *c = &simp_cases[t];
		size_t n = 0, *map = NULL;
		char *o = script_to_simplified(s, c->in, strlen(c->in), &n, &map);
		assert_non_null(o);
		assert_string_equal(o, c->out);
		assert_int_equal(n, strlen(c->out));
		assert_int_equal(map[n], strlen(c->in));
		for (size_t k = 0; k < c->nmap; k++) {
			if (map[c->map[k].o] != c->map[k].i)
				fail_msg("case %zu: map[%zu] = %zu, want %zu", t,
					 c->map[k].o, map[c->map[k].o], c->map[k].i);
		}
		free(o);
		free(map);
	}
	/* Without a map. */
	size_t n = 0;
	char *o = script_to_simplified(s, "資本", 6, &n, NULL);
	assert_string_equal(o, "资本");
	free(o);
}

static const char sample[] =
	"開源的力量\n"
	"杭州說，資本與人才都重要。頭髮不是問題！\n"
	"\n"
	"第二段：深圳有100家企業。\n";

static void
check_sentence_texts(const struct article *a, const struct script_article *sa,
		     const char *const *want, size_t nwant)
{
	assert_int_equal(sa->art.nsents, a->nsents);
	assert_int_equal(sa->art.nsents, nwant);
	for (size_t i = 0; i < nwant; i++) {
		const struct sentence *x = &sa->art.sents[i];
		size_t len = x->end - x->start;
		if (len != strlen(want[i]) || memcmp(sa->art.text + x->start, want[i], len) != 0)
			fail_msg("sentence %zu: \"%.*s\", want \"%s\"", i, (int)len,
				 sa->art.text + x->start, want[i]);
		assert_int_equal(x->block, a->sents[i].block);
		/* Both ends map back exactly. */
		assert_int_equal(sa->to_orig[x->start], a->sents[i].start);
		assert_int_equal(sa->to_orig[x->end], a->sents[i].end);
		assert_int_equal(sa->from_orig[a->sents[i].start], x->start);
	}
}

static void
test_convert_simplified(void **state)
{
	struct article a;
	assert_int_equal(article_from_utf8("x.txt", sample, strlen(sample), &a), 0);
	struct script_article sa;
	assert_int_equal(script_convert_article(*state, SCRIPT_SIMPLIFIED, &a, &sa), 0);
	assert_string_equal(sa.art.path, "x.txt");
	assert_int_equal(sa.orig_len, a.len);
	assert_non_null(strstr(sa.art.text, "杭州说，资本与人才都重要。头发不是问题！"));
	assert_non_null(strstr(sa.art.text, "深圳有100家企业。"));
	/* Every converted sentence is the conversion of its original. */
	for (size_t i = 0; i < a.nsents; i++) {
		size_t n;
		char *want = script_to_simplified(*state, a.text + a.sents[i].start,
						  a.sents[i].end - a.sents[i].start, &n, NULL);
		assert_non_null(want);
		size_t len = sa.art.sents[i].end - sa.art.sents[i].start;
		assert_int_equal(len, n);
		assert_memory_equal(sa.art.text + sa.art.sents[i].start, want, n);
		free(want);
	}
	assert_int_equal(sa.art.nblocks, a.nblocks);
	for (size_t i = 0; i < a.nblocks; i++) {
		assert_int_equal(sa.art.blocks[i].kind, a.blocks[i].kind);
		assert_int_equal(sa.to_orig[sa.art.blocks[i].start], a.blocks[i].start);
		assert_int_equal(sa.to_orig[sa.art.blocks[i].end], a.blocks[i].end);
	}
	assert_string_equal(sa.art.meta.title, "开源的力量");
	assert_int_equal(sa.art.hash, article_hash(sa.art.text, sa.art.len));
	script_article_free(&sa);
	article_free(&a);
}

static void
test_convert_traditional(void **state)
{
	static const char simp[] = "资本与人才。干部说头发！\n";
	struct article a;
	assert_int_equal(article_from_utf8(NULL, simp, strlen(simp), &a), 0);
	struct script_article sa;
	assert_int_equal(script_convert_article(*state, SCRIPT_TRADITIONAL, &a, &sa), 0);
	static const char *const want[] = { "資本與人才。", "幹部說頭髮！" };
	check_sentence_texts(&a, &sa, want, 2);
	script_article_free(&sa);
	article_free(&a);
}

static void
test_convert_original(void **state)
{
	struct article a;
	assert_int_equal(article_from_utf8("o", sample, strlen(sample), &a), 0);
	struct script_article sa;
	assert_int_equal(script_convert_article(*state, SCRIPT_ORIGINAL, &a, &sa), 0);
	assert_int_equal(sa.art.len, a.len);
	assert_memory_equal(sa.art.text, a.text, a.len);
	for (size_t i = 0; i <= a.len; i++) {
		assert_int_equal(sa.to_orig[i], i);
		assert_int_equal(sa.from_orig[i], i);
	}
	assert_int_equal(sa.art.hash, a.hash);
	assert_int_equal(sa.art.chars, a.chars);
	script_article_free(&sa);
	article_free(&a);
}

/* Spans carried over: a span over 資本 covers 资本 after conversion. */
static void
test_convert_spans(void **state)
{
	struct article a;
	assert_int_equal(article_from_utf8("s", sample, strlen(sample), &a), 0);
	const char *p = strstr(a.text, "資本");
	assert_non_null(p);
	size_t st = (size_t)(p - a.text);
	span_list_clear(&a.spans);
	assert_int_equal(span_list_push(&a.spans, st, st + 6, SPAN_GARBLED, 7), 0);
	struct script_article sa;
	assert_int_equal(script_convert_article(*state, SCRIPT_SIMPLIFIED, &a, &sa), 0);
	assert_int_equal(sa.art.spans.n, 1);
	const struct span *sp = &sa.art.spans.v[0];
	assert_int_equal(sp->end - sp->start, 6);
	assert_memory_equal(sa.art.text + sp->start, "资本", 6);
	assert_int_equal(sp->kind, SPAN_GARBLED);
	assert_int_equal(sp->tag, 7);
	script_article_free(&sa);
	article_free(&a);
}

/* Every bundled text both ways: maps are monotonic, bounded, round-trip at
 * sentence and block boundaries, and sentences keep their order. */
static void
test_bundled_sweep(void **state)
{
	static const char *const files[] = {
		"texts/000_sichuan_ribao.txt", "texts/001_hangzhou_kaiyuan.txt",
		"texts/002_shenzhen_pinle.txt", "texts/003_deepseek_chuangxin.txt",
		"texts/004_kexuebao_lianghui.txt",
	};
	struct source_opts opts;
	memset(&opts, 0, sizeof opts);
	for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
		struct article a;
		char *cause = NULL;
		if (article_load(&opts, files[f], &a, &cause) < 0)
			fail_msg("%s: %s", files[f], cause ? cause : "?");
		for (int k = SCRIPT_SIMPLIFIED; k <= SCRIPT_TRADITIONAL; k++) {
			struct script_article sa;
			assert_int_equal(script_convert_article(*state, k, &a, &sa), 0);
			assert_int_equal(sa.to_orig[0], 0);
			assert_int_equal(sa.to_orig[sa.art.len], a.len);
			assert_int_equal(sa.from_orig[a.len], sa.art.len);
			for (size_t i = 1; i <= sa.art.len; i++)
				assert_true(sa.to_orig[i] >= sa.to_orig[i - 1]);
			for (size_t i = 1; i <= a.len; i++)
				assert_true(sa.from_orig[i] >= sa.from_orig[i - 1]);
			for (size_t i = 0; i < a.nsents; i++) {
				assert_int_equal(sa.to_orig[sa.art.sents[i].start], a.sents[i].start);
				assert_int_equal(sa.to_orig[sa.art.sents[i].end], a.sents[i].end);
				assert_true(sa.art.sents[i].start <= sa.art.sents[i].end);
			}
			for (size_t i = 0; i < a.nblocks; i++)
				assert_int_equal(sa.to_orig[sa.art.blocks[i].start], a.blocks[i].start);
			assert_int_equal(sa.art.spans.n, a.spans.n);
			script_article_free(&sa);
		}
		article_free(&a);
	}
}


static int
is_key_first(uint32_t cp)
{
	size_t lo = 0, hi = SCRIPT_KEYS_FIRST;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (script_keys_first[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < SCRIPT_KEYS_FIRST && script_keys_first[lo] == cp;
}

static size_t
put_cp(char *b, uint32_t cp)
{
	if (cp < 0x10000) {
		b[0] = (char)(0xE0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	b[0] = (char)(0xF0 | cp >> 18);
	b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	b[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	b[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The runs OpenCC is not asked about are its own conversion: every code
 * point OpenCC may change, alone; runs of code points that begin no key
 * mixed with ones that do, in random order; every run of every bundled
 * text, and of its traditional form. The files here are the ones script_keys was made from (if this
 * fails, OpenCC's data changed: run tools/opencc_keys_gen.cc again). */
static void
test_runs_skipped(void **state)
{
	(void)state;
	struct script *sc;
	assert_int_equal(script_open(&sc, NULL), 0);
	assert_true(script_skips_runs(sc));
	opencc_t cc = opencc_open("t2s.json");
	assert_true(cc != (opencc_t)-1);
	char b[64];
	size_t skipped = 0;
	for (uint32_t cp = 0x2E80; cp < 0x30000; cp++) {
		if (!script_convertible((int32_t)cp))
			continue;
		size_t n = put_cp(b, cp);
		support_run_is_opencc(sc, cc, b, n);
		skipped += !is_key_first(cp);
	}
	assert_true(skipped > 100000);
	/* key-initial code points among others: phrases across them */
	uint32_t seed = 12345;
	for (int k = 0; k < 20000; k++) {
		size_t n = 0, len = 1 + k % 15;
		for (size_t j = 0; j < len; j++) {
			seed = seed * 1103515245 + 12345;
			uint32_t cp = (seed >> 8) % 3 == 0 ? script_keys_first[(seed >> 4) % SCRIPT_KEYS_FIRST]
							  : 0x4E00 + (seed >> 6) % 0x5200;
			n += put_cp(b + n, cp);
		}
		support_run_is_opencc(sc, cc, b, n);
	}
	static const char *const files[] = {
		"texts/000_sichuan_ribao.txt", "texts/001_hangzhou_kaiyuan.txt",
		"texts/002_shenzhen_pinle.txt", "texts/003_deepseek_chuangxin.txt",
		"texts/004_kexuebao_lianghui.txt", "tests/data/manual-debian-zh_TW.txt",
	};
	/* each text, and each text made traditional */
	support_runs_are_opencc(sc, cc, files, sizeof files / sizeof files[0]);
	opencc_close(cc);
	script_close(sc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_runs_skipped),
		cmocka_unit_test(test_to_simplified),
		cmocka_unit_test(test_convert_simplified),
		cmocka_unit_test(test_convert_traditional),
		cmocka_unit_test(test_convert_original),
		cmocka_unit_test(test_convert_spans),
		cmocka_unit_test(test_bundled_sweep),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
