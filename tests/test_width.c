/* test_width: the width function against the C library's wcwidth (what ncurses
 * uses) over every code point, every cluster of the bundled articles and a
 * table of tricky clusters; cluster boundaries in Unicode's ÷/× notation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <locale.h>
#include <glob.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "../src/article.h"
#include "../src/width.h"

/* Escaped form of s for failure messages: invisible characters show. */
static const char *
esc(const char *s, size_t len)
{
	static char out[512];
	size_t n = 0;
	for (size_t i = 0; i < len && n + 12 < sizeof out;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k =
			utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0) {
			n += (size_t)snprintf(out + n, sizeof out - n, "\\x%02x", (unsigned char)s[i]);
			i++;
			continue;
		}
		if (cp >= 0x20 && cp < 0x7f)
			out[n++] = (char)cp;
		else
			n += (size_t)snprintf(out + n, sizeof out - n, "\\u%04X", (unsigned)cp);
		i += (size_t)k;
	}
	out[n] = 0;
	return out;
}

/* Sum of wcwidth over the code points of s: what ncurses will advance. */
static int
ncurses_cols(const char *s)
{
	int w = 0;
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k =
			utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0)
			return -1;
		int c = wcwidth((wchar_t)cp);
		if (c < 0)
			return -1;
		w += c;
		i += (size_t)k;
	}
	return w;
}

static int
setup(void **state)
{
	(void)state;
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return -1;
	return 0;
}

/* Every code point: ours equals wcwidth, except where we refuse to measure
 * (private use, NUL), which then shows U+FFFD. */
static void
test_every_codepoint(void **state)
{
	(void)state;
	struct width_opts o = { 0 };
	for (int32_t cp = 0; cp <= 0x10ffff; cp++) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		int ours = width_codepoint(&o, cp);
		int libc = wcwidth((wchar_t)cp);
		if (ours == libc)
			continue;
		if (ours == -1 &&
		    (cp == 0 || utf8proc_category(cp) == UTF8PROC_CATEGORY_CO))
			continue;
		fail_msg("U+%04X: width_codepoint %d, wcwidth %d", (unsigned)cp, ours, libc);
	}
}

/* Every single code point as a cluster: what is drawn measures what we say. */
static void
test_every_codepoint_shown(void **state)
{
	(void)state;
	struct width_opts o = { 0 };
	for (int32_t cp = 0; cp <= 0x10ffff; cp++) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		utf8proc_uint8_t s[4];
		size_t len = (size_t)utf8proc_encode_char(cp, s);
		char buf[WIDTH_SHOWN_MAX];
		int w = width_cluster_shown(&o, (const char *)s, len, buf, sizeof buf);
		if (w != ncurses_cols(buf) || w != width_cluster(&o, (const char *)s, len))
			fail_msg("U+%04X: shown %s cols %d, ncurses %d", (unsigned)cp,
				 esc(buf, strlen(buf)), w, ncurses_cols(buf));
	}
}

/* Every cluster of every bundled article, as cleaned. */
static void
test_bundled_texts(void **state)
{
	(void)state;
	struct width_opts o = { 0 };
	glob_t g;
	assert_int_equal(glob("texts/*.txt", 0, NULL, &g), 0);
	assert_true(g.gl_pathc >= 5);
	size_t clusters = 0, substituted = 0;
	for (size_t f = 0; f < g.gl_pathc; f++) {
		struct source_opts so = { 0 };
		struct article a;
		char *cause = NULL;
		int rc = article_load(&so, g.gl_pathv[f], &a, &cause);
		if (rc < 0)
			fail_msg("%s: %s", g.gl_pathv[f], cause ? cause : "?");
		for (size_t i = 0; i < a.len;) {
			size_t e = width_next_cluster(a.text, a.len, i);
			char buf[WIDTH_SHOWN_MAX];
			int w = width_cluster_shown(&o, a.text + i, e - i, buf, sizeof buf);
			if (a.text[i] != '\n') {
				if (w != ncurses_cols(buf) || w != width_cluster(&o, a.text + i, e - i))
					fail_msg("%s+%zu: %s shown %s cols %d ncurses %d", g.gl_pathv[f],
						 i, esc(a.text + i, e - i), esc(buf, strlen(buf)), w,
						 ncurses_cols(buf));
				substituted += strlen(buf) != e - i || memcmp(buf, a.text + i, e - i);
				clusters++;
			}
			i = e;
		}
		article_free(&a);
	}
	globfree(&g);
	assert_true(clusters > 20000);
	assert_int_equal(substituted, 0); /* the articles need no substitutes */
}

static const struct {
	const char *in, *shown;
	int cols, cols_wide; /* narrow, ambiguous_wide */
} tricky[] = {
	{ "\u201c", "\u201c", 1, 2 },                 /* “ */
	{ "\u201d", "\u201d", 1, 2 },                 /* ” */
	{ "\u2018", "\u2018", 1, 2 },                 /* ‘ */
	{ "\u2019", "\u2019", 1, 2 },                 /* ’ */
	{ "\u2014", "\u2014", 1, 2 },                 /* — */
	{ "\u2026", "\u2026", 1, 2 },                 /* … */
	{ "\u00b7", "\u00b7", 1, 2 },                 /* · */
	{ "\u3000", "\u3000", 2, 2 },                 /* ideographic space */
	{ "\uff21", "\uff21", 2, 2 },                 /* Ａ */
	{ "\uff0c", "\uff0c", 2, 2 },                 /* ， */
	{ "\u4e2d", "\u4e2d", 2, 2 },                 /* 中 */
	{ "\u3042\u3099", "\u3042\u3099", 2, 2 },     /* あ + voiced mark */
	{ "e\u0301", "e\u0301", 1, 1 },               /* e + acute */
	{ "\u1112\u1161\u11ab", "\u1112\u1161\u11ab", 2, 2 }, /* 한 in jamo */
	{ "\U0001F600", "\U0001F600", 2, 2 },         /* 😀 */
	{ "\U0001F600\ufe0e", "\U0001F600", 2, 2 },   /* 😀 text style */
	{ "\u2764\ufe0f", "\u2764", 1, 1 },           /* ❤️: wcwidth 1 */
	{ "\u263a\ufe0f", "\u263a", 1, 1 },           /* ☺️ */
	{ "\U0001F468\u200d\U0001F469\u200d\U0001F467", "\U0001F468", 2, 2 }, /* family */
	{ "\U0001F44D\U0001F3FD", "\U0001F44D", 2, 2 },                       /* 👍🏽 */
	{ "\U0001F3F3\ufe0f\u200d\U0001F308", "\U0001F3F3", 1, 1 },            /* rainbow flag */
	{ "\U0001F1E8\U0001F1F3", "\U0001F1E8\U0001F1F3", 2, 2 },             /* 🇨🇳 */
	{ "1\ufe0f\u20e3", "1\u20e3", 1, 1 },                                 /* keycap 1 */
	{ "\u0301", "\u25cc\u0301", 1, 1 },           /* mark with no base */
	{ "\u092e\u093e\u0903", "\u092e\u093e", 2, 2 }, /* माः: at most 2 columns */
	{ "\u1100\u1100\u1100", "\u1100", 2, 2 },     /* leading jamo run */
	{ "\uff76\uff9e\uff9e", "\uff76\uff9e", 2, 2 }, /* ｶﾞﾞ */
	{ "\u200b", "", 0, 0 },                       /* zero-width space */
	{ "\ue000", "\ufffd", 1, 2 },                 /* private use */
	{ "\u0378", "\ufffd", 1, 2 },                 /* unassigned */
	{ "\x01", "\ufffd", 1, 2 },                   /* control */
	{ "\x1b", "\ufffd", 1, 2 },                   /* escape */
	{ "\xff", "\ufffd", 1, 2 },                   /* bad UTF-8 */
	{ "\u2400", "\u2400", 1, 1 },                 /* ␀ control picture */
	{ "\ufffd", "\ufffd", 1, 2 },
};

static void
test_tricky(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof tricky / sizeof tricky[0]; i++) {
		const char *in = tricky[i].in;
		size_t len = strlen(in);
		assert_int_equal(width_next_cluster(in, len, 0), len); /* one cluster */
		for (int wide = 0; wide < 2; wide++) {
			struct width_opts o = { .ambiguous_wide = wide };
			char buf[WIDTH_SHOWN_MAX];
			int w = width_cluster_shown(&o, in, len, buf, sizeof buf);
			int want = wide ? tricky[i].cols_wide : tricky[i].cols;
			if (w != want || strcmp(buf, tricky[i].shown) != 0 ||
			    width_cluster(&o, in, len) != want)
				fail_msg("%s (wide %d): shown %s cols %d, want %s cols %d", esc(in, len),
					 wide, esc(buf, strlen(buf)), w,
					 esc(tricky[i].shown, strlen(tricky[i].shown)), want);
			if (!wide && ncurses_cols(buf) != w)
				fail_msg("%s: ncurses would draw %d cols", esc(in, len), ncurses_cols(buf));
		}
	}
}

/* Cluster boundaries: ÷ marks a break, × marks none. */
static const char *breaks[] = {
	"÷a÷b÷ ÷c÷",
	"÷中÷文÷a÷，÷",
	"÷e×\u0301÷x÷",
	"÷\u4e2d×\u302a÷\u6587÷",            /* ideograph + tone mark */
	"÷\u3042×\u3099÷\u3044÷",            /* kana + voiced mark */
	"÷\U0001F468×\u200d×\U0001F469÷a÷",  /* ZWJ sequence */
	"÷\U0001F1E8×\U0001F1F3÷\U0001F1FA×\U0001F1F8÷", /* two flags */
	"÷\u2764×\ufe0f÷中÷",
	"÷a÷\xff÷b÷",                        /* bad byte alone */
	"÷\n÷\n÷",
};

static void
test_breaks(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof breaks / sizeof breaks[0]; i++) {
		char text[128];
		size_t want[32], nw = 0, n = 0;
		for (const char *p = breaks[i]; *p;) {
			if (strncmp(p, "÷", 2) == 0) {
				want[nw++] = n;
				p += 2;
			} else if (strncmp(p, "×", 2) == 0) {
				p += 2;
			} else {
				text[n++] = *p++;
			}
		}
		size_t k = 1;
		for (size_t pos = 0; pos < n; k++) {
			pos = width_next_cluster(text, n, pos);
			if (k >= nw || pos != want[k])
				fail_msg("%s: break %zu at %zu", breaks[i], k, pos);
		}
		assert_int_equal(k, nw);
	}
}

/* The cluster boundary as utf8proc alone finds it (no fast paths). */
static size_t
ref_next(const char *s, size_t len, size_t pos)
{
	utf8proc_int32_t state = 0, prev = -1;
	size_t i = pos;
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n =
			utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0)
			return i == pos ? pos + 1 : i;
		if (prev >= 0 && utf8proc_grapheme_break_stateful(prev, cp, &state))
			break;
		prev = cp;
		i += (size_t)n;
	}
	return i;
}

/* The fast paths of width_next_cluster agree with utf8proc: every BMP code
 * point after and before an ideograph and ASCII, and every pair from the
 * CJK symbol, kana and full-width blocks. */
static void
test_breaks_exhaustive(void **state)
{
	(void)state;
	static const int32_t neigh[] = { 'a', '\r', 0x4e2d, 0x3002, 0xff0c };
	for (int32_t c = 1; c < 0x10000; c++) {
		if (c >= 0xd800 && c <= 0xdfff)
			continue;
		for (size_t k = 0; k < sizeof neigh / sizeof neigh[0]; k++) {
			utf8proc_uint8_t s[8];
			size_t n = (size_t)utf8proc_encode_char(neigh[k], s);
			size_t m = n + (size_t)utf8proc_encode_char(c, s + n);
			if (width_next_cluster((char *)s, m, 0) != ref_next((char *)s, m, 0))
				fail_msg("U+%04X U+%04X", (unsigned)neigh[k], (unsigned)c);
			m = (size_t)utf8proc_encode_char(c, s);
			size_t m2 = m + (size_t)utf8proc_encode_char(neigh[k], s + m);
			if (width_next_cluster((char *)s, m2, 0) != ref_next((char *)s, m2, 0))
				fail_msg("U+%04X U+%04X", (unsigned)c, (unsigned)neigh[k]);
		}
	}
	for (int32_t a = 0x3000; a < 0x3100; a++)
		for (int32_t b = 0xff00; b < 0xfff0; b++) {
			utf8proc_uint8_t s[8];
			size_t n = (size_t)utf8proc_encode_char(a, s);
			n += (size_t)utf8proc_encode_char(b, s + n);
			if (width_next_cluster((char *)s, n, 0) != ref_next((char *)s, n, 0))
				fail_msg("U+%04X U+%04X", (unsigned)a, (unsigned)b);
		}
}

static void
test_str(void **state)
{
	(void)state;
	struct width_opts o = { 0 }, wide = { 1 };
	static const char s[] = "DeepSeek“开源”——e\u0301\U0001F468\u200d\U0001F469";
	assert_int_equal(width_str(&o, s, strlen(s)), 8 + 1 + 4 + 1 + 2 + 1 + 2);
	assert_int_equal(width_str(&wide, s, strlen(s)), 8 + 2 + 4 + 2 + 4 + 1 + 2);
	assert_int_equal(width_str(&o, "", 0), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_codepoint), cmocka_unit_test(test_every_codepoint_shown),
		cmocka_unit_test(test_bundled_texts),   cmocka_unit_test(test_tricky),
		cmocka_unit_test(test_breaks),          cmocka_unit_test(test_breaks_exhaustive),
		cmocka_unit_test(test_str),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
