/* test_garble: the plausibility costs, and mojibake found, repaired or kept
 * on exact inputs: shifted GBK re-read, lost annotations, clean text left
 * alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "../src/garble.h"

static void
test_cost(void **state)
{
	(void)state;
	assert_true(garble_cost(0x7684, 0) <= 6);   /* 的 */
	assert_true(garble_cost(0x4EBA, 0) <= 9);   /* 人 */
	assert_int_equal(garble_cost(0x9F23, 0), 18); /* 鼣: GBK, outside the common sets */
	assert_int_equal(garble_cost(0x4E02, 0), 21); /* 丂: no data at all */
	assert_int_equal(garble_cost(0x9F23, 3), 12); /* ...unless the document keeps using it */
	assert_int_equal(garble_cost(0x9F23, 2), 18);
	assert_int_equal(garble_cost('?', 0), 9);
	assert_int_equal(garble_cost(0xFFFD, 0), 16);
	assert_int_equal(garble_cost(0x2526, 0), 20); /* box drawing from a mis-read */
	assert_int_equal(garble_cost(0xFF0C, 0), 7);  /* ， */
}

struct scan_case {
	const char *name;
	const char *in;
	const char *want;
	const char *span; /* text of the one span, NULL for none */
	int kind;
};

static const struct scan_case scan_cases[] = {
	/* 深圳市的人工智能产业… as GBK read from its second byte */
	{"shifted gbk", "开头正常的一句话。钲谑械娜斯ぶ悄懿?业发展很快，企业数量全国第一。",
	 "开头正常的一句话。\xEF\xBF\xBD圳市的人工智能\xEF\xBF\xBD?业发展很快，企业数量全国第一。",
	 "\xEF\xBF\xBD圳市的人工智能\xEF\xBF\xBD?", SPAN_REPAIRED},
	/* 004: the annotation's "(" was eaten, the following byte pairs realign */
	{"004 line 27", "高于當?shù)匾话愎差A(yù)算支出",
	 "高于當?shù)\xEF\xBF\xBD一般共預(yù)算支出", "?shù)\xEF\xBF\xBD一般共預", SPAN_REPAIRED},
	/* nothing to re-read: kept as is and marked */
	{"lost annotation", "那么我們?cè)贏I領域", "那么我們?cè)贏I領域", "?cè)", SPAN_GARBLED},
	/* rare characters alone are not mojibake */
	{"names", "天府绛溪实验室副研究员杨光炜表示", "天府绛溪实验室副研究员杨光炜表示", NULL, 0},
	{"question mark", "出現在杭州?這成了", "出現在杭州?這成了", NULL, 0},
	{"ascii", "plain ascii line?", "plain ascii line?", NULL, 0},
	/* a character GBK cannot hold ends the re-read, and survives */
	{"emoji barrier", "钲谑械娜斯ぶ悄懿😀", "\xEF\xBF\xBD圳市的人工智能\xEF\xBF\xBD😀",
	 "\xEF\xBF\xBD圳市的人工智能\xEF\xBF\xBD", SPAN_REPAIRED},
};

static void
test_scan(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof scan_cases / sizeof scan_cases[0]; k++) {
		const struct scan_case *c = &scan_cases[k];
		struct clean_buf out = {0};
		struct span_list spans = {0};
		size_t garbled = 0, repaired = 0;
		assert_int_equal(garble_scan(c->in, strlen(c->in), &out, &spans, &garbled, &repaired), 0);
		if (out.len != strlen(c->want) || memcmp(out.s, c->want, out.len) != 0)
			fail_msg("%s: got %.*s", c->name, (int)out.len, out.s);
		if (c->span == NULL) {
			if (spans.n != 0)
				fail_msg("%s: %zu spans, want none", c->name, spans.n);
		} else {
			if (spans.n != 1)
				fail_msg("%s: %zu spans, want 1", c->name, spans.n);
			const struct span *s = &spans.v[0];
			if (s->kind != c->kind || s->end - s->start != strlen(c->span) ||
			    memcmp(out.s + s->start, c->span, strlen(c->span)) != 0)
				fail_msg("%s: span %d %.*s", c->name, s->kind, (int)(s->end - s->start), out.s + s->start);
			assert_int_equal(c->kind == SPAN_REPAIRED ? repaired : garbled, 1);
		}
		clean_buf_free(&out);
		span_list_free(&spans);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cost),
		cmocka_unit_test(test_scan),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
