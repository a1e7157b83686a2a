/* Tests for ustr_next: its inline fast paths (ASCII, three-byte
 * sequences) against ustr_next_any, the whole decoder, on every one-,
 * two- and three-byte sequence and every four-byte lead with its first
 * continuation bytes, whole and cut short; ustr_strict against
 * utf8proc_iterate. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "../src/ustr.h"

static void
agree(const char *b, size_t len)
{
	int32_t a, z;
	size_t na = ustr_next(b, len, 0, &a), nz = ustr_next_any(b, len, 0, &z);
	if (na != nz || a != z)
		fail_msg("%02X %02X %02X %02X (len %zu): ustr_next %zu U+%04X, ustr_next_any %zu U+%04X",
			 (unsigned char)b[0], (unsigned char)b[1], (unsigned char)b[2],
			 (unsigned char)b[3], len, na, (unsigned)a, nz, (unsigned)z);
}

/* fn(b, len) for every sequence b of one, two and three bytes */
static void
every_short_sequence(void (*fn)(const char *b, size_t len))
{
	char b[4] = { 0 };
	for (unsigned x = 0; x < 1u << 24; x++) {
		b[0] = (char)(x >> 16);
		b[1] = (char)(x >> 8);
		b[2] = (char)x;
		for (size_t len = 1; len <= 3; len++)
			fn(b, len);
	}
}

static void
test_next_every_sequence(void **state)
{
	(void)state;
	char b[4] = { 0 };
	every_short_sequence(agree);
	/* four-byte leads: the middle text of a longer string, and cut short */
	for (unsigned x = 0xF00000; x < 0x1000000; x++) {
		b[0] = (char)(x >> 16);
		b[1] = (char)(x >> 8);
		b[2] = (char)x;
		b[3] = (char)0x80;
		agree(b, 4);
		b[3] = 'a';
		agree(b, 4);
	}
	/* in the middle of a text: pos past 0 */
	const char *t = "a杭\xE6\x9D";
	int32_t cp;
	assert_int_equal(ustr_next(t, 6, 1, &cp), 4);
	assert_int_equal(cp, 0x676D);
	assert_int_equal(ustr_next(t, 6, 4, &cp), 5); /* cut short: one byte, U+FFFD */
	assert_int_equal(cp, 0xFFFD);
}

/* ustr_strict (the decoder of nfc_map, clean, garble and pinyin) against utf8proc_iterate,
 * the one it replaces: every sequence of up to three bytes, every
 * four-byte one, whole and cut short. */
static void
strict_agree(const char *b, size_t len)
{
	int32_t a = -7;
	utf8proc_int32_t z = -7;
	size_t na = ustr_strict(b, len, 0, &a);
	utf8proc_ssize_t nz = utf8proc_iterate((const utf8proc_uint8_t *)b, (utf8proc_ssize_t)len, &z);
	if ((nz > 0 ? (size_t)nz : 0) != na || (na && a != z))
		fail_msg("%02X %02X %02X %02X (len %zu): ustr_strict %zu U+%04X, utf8proc_iterate %zd U+%04X",
			 (unsigned char)b[0], (unsigned char)b[1], (unsigned char)b[2],
			 (unsigned char)b[3], len, na, (unsigned)a, (ssize_t)nz, (unsigned)z);
}

static void
test_strict_every_sequence(void **state)
{
	(void)state;
	char b[4] = { 0 };
	every_short_sequence(strict_agree);
	for (unsigned x = 0xF00000; x < 0xF80000; x++)
		for (unsigned last = 0; last < 256; last += 0x3F) {
			b[0] = (char)(x >> 16);
			b[1] = (char)(x >> 8);
			b[2] = (char)x;
			b[3] = (char)last;
			strict_agree(b, 4);
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_next_every_sequence),
		cmocka_unit_test(test_strict_every_sequence),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
