/* Tests for nfc: nfc_inert against utf8proc's own data for every code
 * point, and nfc_map against utf8proc_map (the call it replaces): every
 * code point among starters and combining marks, random strings of
 * marks, jamo and precomposed letters with broken UTF-8 among them, and
 * the bundled texts. Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "../src/nfc.h"
#include "../src/source.h"

/* nfc_map(s) == utf8proc_map(s, STABLE | COMPOSE), errors too. */
static void
same(const char *what, const char *s, size_t n)
{
	unsigned char *a = NULL;
	utf8proc_uint8_t *b = NULL;
	ssize_t na = nfc_map(s, n, &a);
	utf8proc_ssize_t nb = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &b,
					   UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (na != nb || (na >= 0 && memcmp(a, b, (size_t)na + 1) != 0))
		fail_msg("%s: nfc_map %zd bytes, utf8proc_map %zd", what, na, (ssize_t)nb);
	free(a);
	free(b);
}

static size_t
put(char *b, int32_t cp)
{
	return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)b);
}

/* The code points that may compose with one before them: every one past
 * the first of a canonical decomposition (hangul's included). */
static unsigned char *
seconds(void)
{
	unsigned char *sec = calloc(0x110000, 1);
	assert_non_null(sec);
	for (int32_t cp = 0; cp < 0x110000; cp++) {
		utf8proc_int32_t d[32];
		int last = 0;
		utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 32, UTF8PROC_DECOMPOSE, &last);
		for (utf8proc_ssize_t i = 1; i < n && i < 32; i++)
			sec[d[i]] = 1;
	}
	return sec;
}

static void
test_inert_every_cp(void **state)
{
	(void)state;
	unsigned char *sec = seconds();
	size_t inert = 0;
	for (int32_t cp = 0; cp < 0x110000; cp++) {
		if (!nfc_inert(cp))
			continue;
		inert++;
		char what[32];
		snprintf(what, sizeof what, "U+%04X", (unsigned)cp);
		assert_false(cp >= 0xD800 && cp <= 0xDFFF);
		utf8proc_int32_t d[32];
		int last = 0;
		utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 32, UTF8PROC_DECOMPOSE, &last);
		if (n < 1 || utf8proc_get_property(d[0])->combining_class != 0 || sec[d[0]])
			fail_msg("%s: not a starter that ends what is before it", what);
		char b[8];
		size_t bn = put(b, cp);
		utf8proc_uint8_t *o = NULL;
		utf8proc_ssize_t on = utf8proc_map((const utf8proc_uint8_t *)b, (utf8proc_ssize_t)bn, &o,
						   UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		if (on != (utf8proc_ssize_t)bn || memcmp(o, b, bn) != 0)
			fail_msg("%s: NFC changes it", what);
		free(o);
	}
	assert_true(inert > 80000); /* ASCII, Latin, kana, Han, hangul, full-width forms */
	free(sec);
}

/* Every code point after a letter and before and after combining marks
 * and an inert one: "a" cp U+0301 cp "e" U+0308 cp U+1161. */
static void
test_map_every_cp(void **state)
{
	(void)state;
	char b[64], what[32];
	for (int32_t cp = 1; cp < 0x110000; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		size_t n = 0;
		b[n++] = 'a';
		n += put(b + n, cp);
		n += put(b + n, 0x301);
		n += put(b + n, cp);
		b[n++] = 'e';
		n += put(b + n, 0x308);
		n += put(b + n, cp);
		n += put(b + n, 0x1161);
		snprintf(what, sizeof what, "U+%04X", (unsigned)cp);
		same(what, b, n);
	}
}

static uint64_t
rnd(uint64_t *st)
{
	*st ^= *st >> 12;
	*st ^= *st << 25;
	*st ^= *st >> 27;
	return *st * 2685821657736338717ull;
}

static void
test_map_random(void **state)
{
	(void)state;
	static const int32_t pieces[] = {
		'a', 'e', 'u', 'A', ' ', '\n', 0x301, 0x304, 0x308, 0x30C, 0x323, 0x345, 0x101, 0xFC,
		0x1D6, 0x1DA, 0x2F8, 0x300, 0x1100, 0x1161, 0x11A8, 0xAC00, 0xAC01, 0x304B, 0x3099,
		0x309A, 0x304C, 0x30AB, 0x4E00, 0x6F22, 0xFF0C, 0x3001, 0x302A, 0x0915, 0x093C, 0x0958,
		0x0B47, 0x0B3E, 0x0BC6, 0x0BBE, 0x1D158, 0x1D165, 0x1D15E, 0xF900, 0x2F800, 0x212B,
		0x1E0A, 0x0344, 0x0F73, 0x0F71, 0x0F72, 0x200B, 0xFEFF,
	};
	uint64_t st = 0x2545F4914F6CDD1Dull;
	char b[256];
	for (int k = 0; k < 200000; k++) {
		size_t n = 0, m = 1 + rnd(&st) % 24;
		for (size_t j = 0; j < m; j++)
			n += put(b + n, pieces[rnd(&st) % (sizeof pieces / sizeof *pieces)]);
		if (k % 50 == 0)
			b[rnd(&st) % n] = (char)(0x80 | rnd(&st) % 0x80); /* a stray byte */
		same("random", b, n);
	}
	same("empty", "", 0);
}

static void
test_map_texts(void **state)
{
	(void)state;
	static const char *const files[] = {
		"texts/000_sichuan_ribao.txt", "texts/001_hangzhou_kaiyuan.txt",
		"texts/002_shenzhen_pinle.txt", "texts/003_deepseek_chuangxin.txt",
		"texts/004_kexuebao_lianghui.txt", "tests/data/manual-debian-zh_TW.txt",
	};
	for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
		struct source_text t;
		assert_int_equal(source_read(NULL, files[f], &t, NULL), 0);
		same(files[f], t.utf8, t.len);
		source_text_free(&t);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inert_every_cp),
		cmocka_unit_test(test_map_every_cp),
		cmocka_unit_test(test_map_random),
		cmocka_unit_test(test_map_texts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
