/* test_collate: the pinyin order of titles: readings from the table,
 * lists that must come out in a given order (cities, listed words,
 * traditional as simplified, Latin and digits among Han), and the sort
 * keys agreeing with the comparison. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "../src/collate.h"
#include "../src/collate_table.h"
#include "../src/err.h"

static void
test_table(void **state)
{
	(void)state;
	assert_true(collate_table_nsyllables >= 400 && collate_table_nsyllables <= 450);
	for (size_t k = 1; k < collate_table_nsyllables; k++)
		if (strcmp(collate_table_syllables[k - 1], collate_table_syllables[k]) >= 0)
			fail_msg("syllables out of order at %s", collate_table_syllables[k]);
	for (size_t k = 1; k < collate_table_nsimplified; k++)
		if (collate_table_simplified[k - 1][0] >= collate_table_simplified[k][0])
			fail_msg("pairs out of order at U+%04X", collate_table_simplified[k][0]);
	assert_int_equal(strlen(collate_table_readings), 2 * COLLATE_TABLE_LEN);
}

struct reading_case {
	uint32_t cp;
	const char *syl; /* NULL: no reading */
	int tone;
};

static void
test_reading(void **state)
{
	(void)state;
	static const struct reading_case cases[] = {
		{ 0x5317, "bei", 3 },   /* 北 */
		{ 0x4EAC, "jing", 1 },  /* 京 */
		{ 0x91CD, "zhong", 4 }, /* 重: the first reading; 重庆 is a listed word */
		{ 0x957F, "zhang", 3 }, /* 长 */
		{ 0x9577, "zhang", 3 }, /* 長 reads as 长 */
		{ 0x5F8C, "hou", 4 },   /* 後 as 后 */
		{ 0x4E7E, "qian", 2 },  /* 乾 is its own simplified form (and 干's traditional) */
		{ 0x5973, "n\u00fc", 3 }, /* 女 */
		{ 0x7684, "de", 5 },    /* 的: neutral tone */
		{ 0x3400, "qiu", 1 },   /* 㐀, extension A */
		{ 0x4DC0, NULL, 0 },    /* ䷀, a hexagram */
		{ 0x41, NULL, 0 },
		{ 0x20000, NULL, 0 },   /* extension B: not in the table */
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		const char *syl = NULL;
		int tone = 0;
		int rc = collate_reading(cases[k].cp, &syl, &tone);
		if (cases[k].syl == NULL) {
			if (rc != ERR_NOTFOUND)
				fail_msg("U+%04X: a reading %s%d, want none", cases[k].cp, syl, tone);
			continue;
		}
		if (rc != 0 || strcmp(syl, cases[k].syl) != 0 || tone != cases[k].tone)
			fail_msg("U+%04X: %s%d, want %s%d", cases[k].cp, rc ? "none" : syl, tone,
				 cases[k].syl, cases[k].tone);
	}
}

static int
sign(int x)
{
	return (x > 0) - (x < 0);
}

/* The order of keys (memcmp, then the shorter first). */
static int
key_cmp(const char *a, const char *b)
{
	unsigned char ka[512], kb[512];
	size_t la = collate_key(a, strlen(a), ka, sizeof ka);
	size_t lb = collate_key(b, strlen(b), kb, sizeof kb);
	assert_true(la <= sizeof ka && lb <= sizeof kb);
	int c = memcmp(ka, kb, la < lb ? la : lb);
	return c ? sign(c) : (la > lb) - (la < lb);
}

/* Each list must be in strictly increasing order, by collate_cmp and by
 * the keys, pairwise (not only neighbours). */
static const char *const orders[][8] = {
	{ "北京", "成都", "杭州", "深圳" },
	{ "北京", "成都", "重庆", "杭州", "深圳" },      /* 重庆 as chóng */
	{ "北京", "成都", "重慶", "杭州", "深圳" },      /* traditional: the same */
	{ "北京", "長沙", "成都", "重慶", "杭州", "深圳" }, /* 長沙 cháng */
	{ "北京", "长沙", "成都", "重庆", "杭州", "深圳" },
	{ "深圳", "西安", "厦门" },                      /* 厦门 xià (not shà): shen < xi < xia */
	{ "买车", "卖车" },                              /* mǎi < mài: tone */
	{ "妈妈", "麻烦", "马上", "骂人", "吗" },         /* ma1 ma2 ma3 ma4 ma5 */
	{ "北京大学", "北京电影", "北京站" },          /* da < dian < zhan */
	{ "路口", "绿色", "女人" },                      /* lu < lü < nü */
	{ "2 篇", "10 篇", "100 篇" },                   /* numbers by value */
	{ "第2章", "第10章", "第二章" },                 /* digits before Han */
	{ "AI 时代", "apple", "Banana", "北京" },        /* Latin before Han, case apart */
	{ "Éclair", "eclairs", "Zebra" },               /* accents away */
	{ "Ｚｅｂｒａ", "阿里" },                        /* full-width Latin */
	{ "Apple", "apple" },                           /* equal but for case: the bytes */
	{ "《三体》", "三体", "三体2" },                   /* punctuation ignored, then bytes */
	{ "Δέλτα", "阿里" },                            /* other scripts before Han */
	{ "阿里", "𠀀" },                               /* no reading: last */
	{ "", "a", "b" },
};

static void
test_orders(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof orders / sizeof orders[0]; k++) {
		const char *const *v = orders[k];
		size_t n = 0;
		while (n < 8 && v[n])
			n++;
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < n; j++) {
				int want = (i > j) - (i < j);
				int c = collate_cmp(v[i], strlen(v[i]), v[j], strlen(v[j]));
				int kc = key_cmp(v[i], v[j]);
				if (sign(c) != want || kc != want)
					fail_msg("list %zu: \"%s\" vs \"%s\": cmp %d, key %d, want %d", k,
						 v[i], v[j], c, kc, want);
			}
	}
}

/* Traditional titles sort as their simplified forms do. */
static void
test_traditional(void **state)
{
	(void)state;
	static const char *const simp[] = { "开源软件", "长城", "后来", "发展", "经济", "国际",
					    "书评", "电影", "读书", "马克思" };
	static const char *const trad[] = { "開源軟件", "長城", "後來", "發展", "經濟", "國際",
					    "書評", "電影", "讀書", "馬克思" };
	size_t n = sizeof simp / sizeof simp[0];
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			int s = sign(collate_cmp(simp[i], strlen(simp[i]), simp[j], strlen(simp[j])));
			int t = sign(collate_cmp(trad[i], strlen(trad[i]), trad[j], strlen(trad[j])));
			if (i != j && s != t)
				fail_msg("%s vs %s: %d, %s vs %s: %d", simp[i], simp[j], s, trad[i],
					 trad[j], t);
		}
}

/* Bytes that are not UTF-8, and a key buffer that is too small. */
static void
test_bad_input(void **state)
{
	(void)state;
	const char bad[] = "\xff\xfe北京\xc3";
	assert_true(collate_cmp(bad, sizeof bad - 1, "成都", strlen("成都")) < 0);
	assert_int_equal(collate_cmp(bad, sizeof bad - 1, bad, sizeof bad - 1), 0);
	unsigned char small[3];
	size_t need = collate_key("北京", strlen("北京"), small, sizeof small);
	unsigned char *big = malloc(need);
	assert_non_null(big);
	assert_int_equal(collate_key("北京", strlen("北京"), big, need), need);
	assert_memory_equal(small, big, sizeof small);
	free(big);
	assert_int_equal(collate_cmp("", 0, "", 0), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),	     cmocka_unit_test(test_reading),
		cmocka_unit_test(test_orders),	     cmocka_unit_test(test_traditional),
		cmocka_unit_test(test_bad_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
