/* test_sanitize: sanitize_escape_end, the one rule for how much of an
 * escape sequence or control goes (sanitize_text, and doc_article for HTML
 * and EPUB blocks). The whole texts are tested through clean (test_clean). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/sanitize.h"

static const struct {
	const char *name, *in;
	size_t at, end; /* sanitize_escape_end(in, at) == end */
} cases[] = {
	{ "lone esc before a character", "a\x1B中", 1, 2 },
	{ "esc with a final byte", "a\x1B" "7b", 1, 3 },
	{ "esc charset", "\x1B(B中", 0, 3 },
	{ "csi", "\x1B[1;31m红", 0, 7 },
	{ "osc bel", "\x1B]0;t\x07z", 0, 6 },
	{ "osc st", "\x1B]0;t\x1B\\z", 0, 7 },
	{ "esc osc unterminated: to the line's end", "\x1B]0;t字\n下", 0, 8 },
	{ "8-bit csi", "\xC2\x9B" "2J字", 0, 4 },
	{ "8-bit osc bel", "\xC2\x9D" "0;t\x07字", 0, 6 },
	{ "8-bit osc st", "\xC2\x9D" "0;t\xC2\x9C字", 0, 7 },
	{ "8-bit osc unterminated: itself", "\xC2\x9D" "我们\n", 0, 2 },
	{ "8-bit dcs unterminated: itself", "\xC2\x90" "x", 0, 2 },
	{ "8-bit osc ended on the next line only: itself", "\xC2\x9D" "a\nb\x07", 0, 2 },
	{ "other c1", "\xC2\x85" "x", 0, 2 },
};

static void
test_cases(void **state)
{
	(void)state;
	int bad = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct sanitize_memo memo = { 0 };
		size_t got = sanitize_escape_end(cases[i].in, strlen(cases[i].in), cases[i].at, &memo);
		if (got != cases[i].end) {
			printf("%s: ends at %zu, want %zu\n", cases[i].name, got, cases[i].end);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* A line of 100,000 unterminated 8-bit OSCs (U+009D 字): each goes alone,
 * and the line is scanned for a terminator once, not once for each (1.5
 * MB of them held --dump for minutes). */
static void
test_linear(void **state)
{
	(void)state;
	size_t n = 100000, len = n * 5;
	char *s = malloc(len + 2);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		memcpy(s + 5 * i, "\xC2\x9D\xE5\xAD\x97", 5);
	memcpy(s + len, "\n", 2);
	struct sanitize_memo memo = { 0 };
	size_t i = 0, gone = 0;
	while (i < len) {
		if ((unsigned char)s[i] == 0xC2) {
			size_t e = sanitize_escape_end(s, len + 1, i, &memo);
			assert_int_equal(e, i + 2);
			gone++;
			i = e;
		} else {
			i++;
		}
	}
	assert_int_equal(gone, n);
	assert_true(memo.scanned <= len + 1);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_linear),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
