/* test_termsafe: what each mode writes for controls, escape sequences,
 * C1 (UTF-8 and raw bytes), bidi controls and invalid UTF-8; that no byte
 * it writes for any input byte pair is a control; messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/termsafe.h"

static char *
written(const char *in, size_t n, enum termsafe_mode m)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	assert_non_null(f);
	assert_int_equal(termsafe_write(f, in, n, m), 0);
	assert_int_equal(fclose(f), 0);
	return out;
}

#define FFFD "\xEF\xBF\xBD"

static const struct {
	const char *in;
	const char *text, *line, *name;
} cases[] = {
	{ "plain 中文", "plain 中文", "plain 中文", "plain 中文" },
	{ "a\x1B]0;title\x07z", "a]0;titlez", "a]0;titlez", "a\\x1B]0;title\\x07z" },
	{ "\x1B[2J", "[2J", "[2J", "\\x1B[2J" },
	{ "tab\there\r\nnl", "tab here\nnl", "tab here  nl", "tab\\there\\x0D\\nnl" },
	{ "c1\xC2\x85\xC2\x9Bx", "c1x", "c1x", "c1\\u0085\\u009Bx" },
	{ "raw\x9B" "2J", "raw\xEF\xBF\xBD" "2J", "raw\xEF\xBF\xBD" "2J", "raw\\x9B2J" },
	{ "bidi\xE2\x80\xAE\xE2\x81\xA6x\xE2\x80\x8F", "bidix", "bidix",
	  "bidi\\u202E\\u2066x\\u200F" },
	{ "bad\xFF\xE4\xB8z", "bad" FFFD FFFD FFFD "z", "bad" FFFD FFFD FFFD "z",
	  "bad\\xFF\\xE4\\xB8z" },
	{ "del\x7F.", "del.", "del.", "del\\x7F." },
	{ "sep\xE2\x80\xA8.", "sep.", "sep .", "sep\\u2028." },
	{ "bom\xEF\xBB\xBF.", "bom.", "bom.", "bom\\uFEFF." },
	{ "back\\slash", "back\\slash", "back\\slash", "back\\\\slash" },
	{ "surrogate\xED\xA0\x80.", "surrogate\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD.",
	  "surrogate\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD.", "surrogate\\xED\\xA0\\x80." },
};

static void
test_modes(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *want[3] = { cases[i].text, cases[i].line, cases[i].name };
		for (int m = TERMSAFE_TEXT; m <= TERMSAFE_NAME; m++) {
			char *got = written(cases[i].in, strlen(cases[i].in), (enum termsafe_mode)m);
			if (strcmp(got, want[m]) != 0)
				fail_msg("case %zu mode %d: got '%s', want '%s'", i, m, got, want[m]);
			char *dup = termsafe_dup(cases[i].in, strlen(cases[i].in), (enum termsafe_mode)m);
			assert_non_null(dup);
			assert_string_equal(dup, got);
			free(dup);
			free(got);
		}
	}
	/* a NUL inside the length is a control like any other */
	char *got = written("a\0b", 3, TERMSAFE_NAME);
	assert_string_equal(got, "a\\x00b");
	free(got);
}

/* 1 if s[0, n) holds a C0 control other than LF, DEL, a C1 control (as
 * UTF-8 or a raw byte), a bidi control or invalid UTF-8. */
static int
unsafe(const char *s, size_t n, int lf_ok)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && !(lf_ok && c == '\n')) || c == 0x7F)
			return 1;
		if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] < 0xA0)
			return 1;
		if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] >= 0xAA && (unsigned char)s[i + 2] <= 0xAE)
			return 1;
		if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x81 &&
		    (unsigned char)s[i + 2] >= 0xA6 && (unsigned char)s[i + 2] <= 0xA9)
			return 1;
	}
	return 0;
}

/* Every pair of bytes, then every pair after a lead byte: nothing unsafe
 * comes out in any mode, and the output is valid UTF-8. */
static void
test_sweep(void **state)
{
	(void)state;
	char in[3];
	for (int lead = -1; lead < 4; lead++) {
		static const unsigned char leads[] = { 0xC2, 0xE2, 0xF0, 0xED };
		for (int a = 0; a < 256; a++)
			for (int b = 0; b < 256; b++) {
				size_t n = 0;
				if (lead >= 0)
					in[n++] = (char)leads[lead];
				in[n++] = (char)a;
				in[n++] = (char)b;
				for (int m = TERMSAFE_TEXT; m <= TERMSAFE_NAME; m++) {
					char *t = termsafe_dup(in, n, (enum termsafe_mode)m);
					assert_non_null(t);
					if (unsafe(t, strlen(t), m == TERMSAFE_TEXT))
						fail_msg("lead %d bytes %02x %02x mode %d", lead, a, b, m);
					free(t);
				}
			}
	}
}

static void
test_warn(void **state)
{
	(void)state;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	assert_non_null(f);
	termsafe_warn(f, "/tmp/\x1B]0;x\x07.txt", "%s: %d", "bad\nthing\xC2\x9B", 3);
	termsafe_warn(f, NULL, "no path");
	assert_int_equal(termsafe_printf(f, TERMSAFE_TEXT, "%s\n", "t\x1B[2Jx"), 0);
	assert_int_equal(fclose(f), 0);
	assert_string_equal(out, "duwen: /tmp/\\x1B]0;x\\x07.txt: bad thing: 3\n"
				 "duwen: no path\n"
				 "t[2Jx\n");
	free(out);
	char *name = termsafe_name("a\xE2\x80\xAE\\b");
	assert_string_equal(name, "a\\u202E\\\\b");
	free(name);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_modes),
		cmocka_unit_test(test_sweep),
		cmocka_unit_test(test_warn),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
