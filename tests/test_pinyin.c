/* test_pinyin: the syllable table, tone-mark placement, and annotation
 * recognition (what is and is not a pinyin annotation). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "../src/pinyin.h"
#include "../src/pinyin_table.h"

static void
test_table(void **state)
{
	(void)state;
	/* Unihan's modern readings: about 400 syllables, sorted, unique */
	assert_true(pinyin_table_count >= 400 && pinyin_table_count <= 420);
	for (size_t k = 1; k < pinyin_table_count; k++)
		if (strcmp(pinyin_table_syllables[k - 1], pinyin_table_syllables[k]) >= 0)
			fail_msg("table out of order at %s", pinyin_table_syllables[k]);
	assert_string_equal(pinyin_table_syllables[0], "a");
	assert_string_equal(pinyin_table_syllables[pinyin_table_count - 1], "zuo");
}

struct syl_case {
	const char *s;
	int want;
};

static void
test_syllable(void **state)
{
	(void)state;
	static const struct syl_case cases[] = {
		{"kāi", 1},   {"shuō", 1},  {"lǜ", 4},	  {"nǚ", 3},	{"lüè", 4},   {"nüè", 4},
		{"zhòng", 4}, {"guó", 2},   {"xiě", 3},	  {"huì", 4},	{"liù", 4},   {"lóu", 2},
		{"chuǎng", 3}, {"jiǎn", 3}, {"yī", 1},	  {"ér", 2},	{"zhuang", 0}, {"ma", 0},
		{"ai", 0},    {"lü", 0},
		/* mark on the wrong vowel */
		{"kaī", -1},  {"hùi", -1},  {"loú", -1},  {"lìu", -1},
		/* not syllables */
		{"Ai", -1},   {"AI", -1},   {"deepseek", -1}, {"xyz", -1}, {"kāā", -1}, {"", -1},
		{"lv", -1},   {"kai1", -1}, {"bū ", -1},  {"m", -1},	{"hng", -1},  {"kōng", 1},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		int got = pinyin_syllable(cases[k].s, strlen(cases[k].s));
		if (got != cases[k].want)
			fail_msg("pinyin_syllable(\"%s\") = %d, want %d", cases[k].s, got, cases[k].want);
	}
}

struct ann_case {
	const char *s;
	size_t max_syl;
	size_t want; /* bytes, 0 = not an annotation */
};

static void
test_annotation(void **state)
{
	(void)state;
	static const struct ann_case cases[] = {
		{"(kāi)源", 1, sizeof "(kāi)" - 1},
		{"(zhòng yào)的", 2, sizeof "(zhòng yào)" - 1},
		{"(zhòng yào)的", 1, 0},
		{"（kāi）源", 1, sizeof "（kāi）" - 1},
		{"(kāi）", 1, sizeof "(kāi）" - 1},
		{"(dōng xi)", 2, sizeof "(dōng xi)" - 1},
		{"(ma)", 1, 0},
		{"(de le)", 2, 0},
		{"(AI)", 1, 0},
		{"(Ai)", 1, 0},
		{"(DeepSeek)", 1, 0},
		{"(1.7%)", 1, 0},
		{"(記者 趙廣立)", 1, 0},
		{"(以下簡(jiǎn)稱)", 4, 0},
		{"(kāi", 1, 0},
		{"(kāi  yuán)", 2, 0},
		{"(kāi )", 1, 0},
		{"(Kāi)", 1, 0},
		{"kāi)", 1, 0},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		size_t got = pinyin_annotation(cases[k].s, strlen(cases[k].s), cases[k].max_syl);
		if (got != cases[k].want)
			fail_msg("pinyin_annotation(\"%s\", %zu) = %zu, want %zu", cases[k].s, cases[k].max_syl, got,
				 cases[k].want);
	}
}

static void
test_strip_spans(void **state)
{
	(void)state;
	/* a span after an annotation moves left by its length; one ending right
	 * before an annotation keeps its end */
	const char *in = "AB(kāi)開(kāi)源XY";
	struct span_list spans = {0};
	struct clean_buf out = {0};
	size_t removed = 0;
	assert_int_equal(span_list_push(&spans, 0, 2, SPAN_GARBLED, 0), 0);
	size_t xy = strlen("AB(kāi)開(kāi)源");
	assert_int_equal(span_list_push(&spans, xy, xy + 2, SPAN_GARBLED, 0), 0);
	assert_int_equal(pinyin_strip(in, strlen(in), &spans, &out, &removed), 0);
	/* "(kāi)" after the span end "AB" is a lost character's annotation */
	assert_string_equal(out.s, "AB開源XY");
	assert_int_equal(removed, 2);
	assert_int_equal(spans.v[0].start, 0);
	assert_int_equal(spans.v[0].end, 2);
	assert_int_equal(spans.v[1].start, strlen("AB開源"));
	assert_int_equal(spans.v[1].end, strlen("AB開源XY"));
	span_list_free(&spans);
	clean_buf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_syllable),
		cmocka_unit_test(test_annotation),
		cmocka_unit_test(test_strip_spans),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
