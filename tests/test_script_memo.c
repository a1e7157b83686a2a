/* Tests for script_memo: what is kept is given back byte for byte, what
 * is too long is not kept, a full memo forgets and fills again; and
 * script_run_simplified's answers through the memo (the second time a
 * stretch is seen, and after the memo was full) are OpenCC's own. Run
 * from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <opencc/opencc.h>

#include "../src/script.h"
#include "../src/script_memo.h"
#include "../src/source.h"
#include "../src/ustr.h"
#include "support_script.h"

static void
test_memo_table(void **state)
{
	(void)state;
	assert_null(script_memo_new(12)); /* not a power of two */
	struct script_memo *m = script_memo_new(16);
	assert_non_null(m);
	size_t n;
	assert_null(script_memo_get(m, "開", 3, &n));
	script_memo_put(m, "開", 3, "开", 3);
	script_memo_put(m, "頭髮", 6, "头发", 6);
	const char *v = script_memo_get(m, "開", 3, &n);
	assert_non_null(v);
	assert_int_equal(n, 3);
	assert_memory_equal(v, "开", 3);
	v = script_memo_get(m, "頭髮", 6, &n);
	assert_non_null(v);
	assert_int_equal(n, 6);
	assert_memory_equal(v, "头发", 6);
	assert_null(script_memo_get(m, "頭", 3, &n)); /* a prefix is another stretch */
	/* too long, either side: not kept */
	char lng[SCRIPT_MEMO_MAX + 3];
	memset(lng, 'a', sizeof lng);
	script_memo_put(m, lng, sizeof lng, "x", 1);
	assert_null(script_memo_get(m, lng, sizeof lng, &n));
	script_memo_put(m, "x", 1, lng, sizeof lng);
	assert_null(script_memo_get(m, "x", 1, &n));
	script_memo_put(m, "", 0, "y", 1);
	assert_null(script_memo_get(m, "", 0, &n));
	assert_int_equal(script_memo_count(m), 2);
	/* full at 12 of 16: forgets all, keeps the newest */
	char k[8];
	for (int i = 0; i < 40; i++) {
		int kn = snprintf(k, sizeof k, "k%d", i);
		script_memo_put(m, k, (size_t)kn, k + 1, (size_t)kn - 1);
		assert_true(script_memo_count(m) <= 12);
		v = script_memo_get(m, k, (size_t)kn, &n);
		assert_non_null(v);
		assert_int_equal(n, (size_t)kn - 1);
		assert_memory_equal(v, k + 1, n);
	}
	assert_true(script_memo_resets(m) >= 3);
	/* the same stretch again: replaced, not added */
	size_t before = script_memo_count(m);
	script_memo_put(m, "k39", 3, "Z", 1);
	assert_int_equal(script_memo_count(m), before);
	v = script_memo_get(m, "k39", 3, &n);
	assert_int_equal(n, 1);
	assert_memory_equal(v, "Z", 1);
	script_memo_free(m);
	script_memo_free(NULL);
}

/* Every run of the bundled texts and of their traditional forms, three
 * times over (the memo answers the second and third), then every Han
 * code point of the main block alone (more than the memo holds: it is
 * full and forgets, many times) and the texts' runs again. */
static void
test_memo_is_opencc(void **state)
{
	(void)state;
	struct script *sc;
	assert_int_equal(script_open(&sc, NULL), 0);
	opencc_t cc = opencc_open("t2s.json");
	assert_true(cc != (opencc_t)-1);
	static const char *const files[] = {
		"texts/000_sichuan_ribao.txt", "texts/001_hangzhou_kaiyuan.txt",
		"texts/002_shenzhen_pinle.txt", "texts/003_deepseek_chuangxin.txt",
		"texts/004_kexuebao_lianghui.txt",
	};
	for (int pass = 0; pass < 4; pass++) {
		if (pass == 3) { /* every Han code point between */
			char b[8];
			for (uint32_t cp = 0x4E00; cp <= 0x9FFF; cp++) {
				b[0] = (char)(0xE0 | cp >> 12);
				b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
				b[2] = (char)(0x80 | (cp & 0x3F));
				support_run_is_opencc(sc, cc, b, 3);
			}
		}
		support_runs_are_opencc(sc, cc, files, sizeof files / sizeof files[0]);
	}
	opencc_close(cc);
	script_close(sc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memo_table),
		cmocka_unit_test(test_memo_is_opencc),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
