/* Tests for source: decoding of every supported encoding against the UTF-8
 * originals in texts/, BOMs, ill-formed and truncated input, binary files,
 * file reading limits and path expansion. Run from the repository root. */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "../src/err.h"
#include "../src/source.h"
#include "support_tmp.h"

/* ---- helpers ---- */

/* Print s[0, n) with non-ASCII and controls escaped, so a failure shows
 * invisible differences. */
static void
print_escaped(const char *label, const char *s, size_t n)
{
	fprintf(stderr, "%s \"", label);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7F && c != '\\')
			fputc(c, stderr);
		else
			fprintf(stderr, "\\x%02X", c);
	}
	fprintf(stderr, "\"\n");
}

static void
assert_bytes(const char *got, size_t glen, const char *want, size_t wlen)
{
	if (glen == wlen && memcmp(got, want, wlen) == 0)
		return;
	size_t i = 0;
	while (i < glen && i < wlen && got[i] == want[i])
		i++;
	size_t from = i > 24 ? i - 24 : 0;
	fprintf(stderr, "lengths %zu vs %zu, first difference at byte %zu\n", glen, wlen, i);
	print_escaped("got ", got + from, (glen - from) < 64 ? glen - from : 64);
	print_escaped("want", want + from, (wlen - from) < 64 ? wlen - from : 64);
	fail();
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap + 1);
			assert_non_null(buf);
		}
		size_t r = fread(buf + n, 1, cap - n, f);
		if (r == 0)
			break;
		n += r;
	}
	fclose(f);
	buf[n] = 0;
	*len = n;
	return buf;
}

/* UTF-8 s[0, n) encoded with iconv(3) into to; NULL if some character
 * cannot be encoded. */
static char *
encode(const char *s, size_t n, const char *to, size_t *outlen)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	assert_true(cd != (iconv_t)-1);
	size_t cap = 4 * n + 16;
	char *out = malloc(cap), *op = out, *in = (char *)s;
	size_t inleft = n, oleft = cap;
	assert_non_null(out);
	size_t r = iconv(cd, &in, &inleft, &op, &oleft);
	if (r != (size_t)-1)
		r = iconv(cd, NULL, NULL, &op, &oleft);
	iconv_close(cd);
	if (r == (size_t)-1) {
		free(out);
		return NULL;
	}
	*outlen = (size_t)(op - out);
	return out;
}

static int
decode(const struct source_opts *o, const void *b, size_t n, struct source_text *t,
       char **cause)
{
	memset(t, 0, sizeof *t);
	return source_decode(o, (const unsigned char *)b, n, t, cause);
}

/* ---- decoding the bundled texts in other encodings ---- */

static const char *const TEXTS[] = {
	"texts/000_sichuan_ribao.txt",
	"texts/001_hangzhou_kaiyuan.txt",
	"texts/002_shenzhen_pinle.txt",
	"texts/003_deepseek_chuangxin.txt",
	"texts/004_kexuebao_lianghui.txt",
};

static void
test_utf8_originals(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof TEXTS / sizeof TEXTS[0]; i++) {
		struct source_text t;
		char *cause = NULL;
		size_t n;
		char *orig = slurp(TEXTS[i], &n);
		assert_int_equal(source_read(NULL, TEXTS[i], &t, &cause), 0);
		assert_null(cause);
		assert_string_equal(t.encoding, "UTF-8");
		assert_int_equal(t.replaced, 0);
		assert_int_equal(t.had_bom, 0);
		assert_bytes(t.utf8, t.len, orig, n);
		assert_int_equal(t.utf8[t.len], 0);
		source_text_free(&t);
		free(orig);
	}
}

static const struct enc_case {
	const char *file;
	const char *iconv_name; /* how the test encodes it */
	const char *bom;        /* bytes put in front, or NULL */
	size_t bom_len;
	const char *detected;   /* what source must report */
} ENC_CASES[] = {
	{ "texts/000_sichuan_ribao.txt", "GB18030", NULL, 0, "GB18030" },
	{ "texts/000_sichuan_ribao.txt", "GBK", NULL, 0, "GB18030" },
	{ "texts/001_hangzhou_kaiyuan.txt", "GB18030", NULL, 0, "GB18030" },
	{ "texts/001_hangzhou_kaiyuan.txt", "GBK", NULL, 0, "GB18030" },
	{ "texts/002_shenzhen_pinle.txt", "GBK", NULL, 0, "GB18030" },
	{ "texts/003_deepseek_chuangxin.txt", "GB18030", NULL, 0, "GB18030" },
	{ "texts/004_kexuebao_lianghui.txt", "GBK", NULL, 0, "GB18030" },
	{ "texts/000_sichuan_ribao.txt", "UTF-8", "\xEF\xBB\xBF", 3, "UTF-8" },
	{ "texts/000_sichuan_ribao.txt", "UTF-16LE", "\xFF\xFE", 2, "UTF-16LE" },
	{ "texts/000_sichuan_ribao.txt", "UTF-16BE", "\xFE\xFF", 2, "UTF-16BE" },
	{ "texts/001_hangzhou_kaiyuan.txt", "UTF-16LE", "\xFF\xFE", 2, "UTF-16LE" },
	{ "texts/001_hangzhou_kaiyuan.txt", "UTF-16BE", "\xFE\xFF", 2, "UTF-16BE" },
	{ "texts/000_sichuan_ribao.txt", "UTF-16LE", NULL, 0, "UTF-16LE" },
	{ "texts/000_sichuan_ribao.txt", "UTF-16BE", NULL, 0, "UTF-16BE" },
	{ "texts/001_hangzhou_kaiyuan.txt", "UTF-16LE", NULL, 0, "UTF-16LE" },
	{ "texts/001_hangzhou_kaiyuan.txt", "UTF-16BE", NULL, 0, "UTF-16BE" },
	/* 137 U+3000 and 一, whose low byte is NUL as in ASCII read out of step */
	{ "texts/002_shenzhen_pinle.txt", "UTF-16LE", NULL, 0, "UTF-16LE" },
	{ "texts/002_shenzhen_pinle.txt", "UTF-16BE", NULL, 0, "UTF-16BE" },
	{ "texts/003_deepseek_chuangxin.txt", "UTF-16LE", NULL, 0, "UTF-16LE" },
	{ "texts/004_kexuebao_lianghui.txt", "UTF-16BE", NULL, 0, "UTF-16BE" },
	{ "texts/004_kexuebao_lianghui.txt", "UTF-32LE", "\xFF\xFE\0\0", 4, "UTF-32LE" },
};

static void
test_encodings(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof ENC_CASES / sizeof ENC_CASES[0]; i++) {
		const struct enc_case *c = &ENC_CASES[i];
		size_t n, en;
		char *orig = slurp(c->file, &n);
		char *enc = encode(orig, n, c->iconv_name, &en);
		assert_non_null(enc);
		char *bytes = malloc(en + c->bom_len + 1);
		assert_non_null(bytes);
		memcpy(bytes, c->bom ? c->bom : "", c->bom_len);
		memcpy(bytes + c->bom_len, enc, en);
		struct source_text t;
		char *cause = NULL;
		int rc = decode(NULL, bytes, en + c->bom_len, &t, &cause);
		if (rc != 0 || strcmp(t.encoding, c->detected) != 0)
			fprintf(stderr, "case %zu: %s as %s: rc %d, detected %s\n", i, c->file,
				c->iconv_name, rc, rc == 0 ? t.encoding : cause);
		assert_int_equal(rc, 0);
		assert_string_equal(t.encoding, c->detected);
		assert_int_equal(t.replaced, 0);
		assert_int_equal(t.had_bom, c->bom != NULL);
		assert_bytes(t.utf8, t.len, orig, n);
		source_text_free(&t);
		free(bytes);
		free(enc);
		free(orig);
	}
}

/* Remove pinyin annotations "(kāi)" from UTF-8 s in place (Big5 has no
 * tone-marked letters): a '(' then lower-case ASCII or non-ASCII letters
 * that are not Han (2-byte UTF-8) then ')'. */
static size_t
strip_pinyin(char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n;) {
		if (s[i] == '(') {
			size_t j = i + 1;
			while (j < n && ((s[j] >= 'a' && s[j] <= 'z') ||
					 ((unsigned char)s[j] >= 0xC3 && (unsigned char)s[j] <= 0xC9)))
				j += (unsigned char)s[j] >= 0xC3 ? 2 : 1;
			if (j < n && j > i + 1 && s[j] == ')') {
				i = j + 1;
				continue;
			}
		}
		s[w++] = s[i++];
	}
	return w;
}

/* A traditional excerpt of 001 and 004 that Big5 can encode: their lines
 * without pinyin, leaving out lines with characters Big5 lacks. */
static void
test_big5(void **state)
{
	(void)state;
	const char *files[] = { "texts/001_hangzhou_kaiyuan.txt", "texts/004_kexuebao_lianghui.txt" };
	for (size_t f = 0; f < 2; f++) {
		size_t n, en, kept = 0, elen = 0;
		char *orig = slurp(files[f], &n);
		n = strip_pinyin(orig, n);
		char *excerpt = malloc(n + 1);
		assert_non_null(excerpt);
		for (char *line = orig; line < orig + n;) {
			char *nl = memchr(line, '\n', (size_t)(orig + n - line));
			size_t ll = nl ? (size_t)(nl - line) + 1 : (size_t)(orig + n - line);
			char *enc = encode(line, ll, "BIG5", &en);
			if (enc) {
				memcpy(excerpt + elen, line, ll);
				elen += ll;
				kept++;
				free(enc);
			}
			line += ll;
		}
		assert_true(kept >= 10);
		assert_true(elen >= 2000);
		char *big5 = encode(excerpt, elen, "BIG5", &en);
		assert_non_null(big5);
		struct source_text t;
		assert_int_equal(decode(NULL, big5, en, &t, NULL), 0);
		assert_string_equal(t.encoding, "BIG5");
		assert_int_equal(t.replaced, 0);
		assert_bytes(t.utf8, t.len, excerpt, elen);
		source_text_free(&t);
		/* the same bytes as GB18030 would be mojibake: forcing shows it */
		struct source_opts o = { .encoding = "GB18030" };
		assert_int_equal(decode(&o, big5, en, &t, NULL), 0);
		assert_string_equal(t.encoding, "GB18030");
		assert_true(t.len != elen || memcmp(t.utf8, excerpt, elen) != 0);
		source_text_free(&t);
		free(big5);
		free(excerpt);
		free(orig);
	}
}

/* A short GBK line, as small as a title file might be. */
static void
test_short_gbk(void **state)
{
	(void)state;
	const char *s = "错过DeepSeek,深圳拼了\n";
	size_t en;
	char *gbk = encode(s, strlen(s), "GBK", &en);
	assert_non_null(gbk);
	struct source_text t;
	assert_int_equal(decode(NULL, gbk, en, &t, NULL), 0);
	assert_string_equal(t.encoding, "GB18030");
	assert_string_equal(t.utf8, s);
	source_text_free(&t);
	free(gbk);
}

/* ---- ill-formed and truncated input ---- */

#define HAN12 "中文中文中文中文中文中文"

static const struct bad_case {
	const char *enc; /* forced, or NULL to detect */
	const char *in;
	size_t in_len;
	const char *out;
	size_t replaced;
	const char *detected;
} BAD_CASES[] = {
#define B(enc, in, out, rep, det) { enc, in, sizeof in - 1, out, rep, det }
	B(NULL, "中文中文\xE4\xB8", "中文中文\uFFFD", 1, "UTF-8"),
	B(NULL, "中文中文\xFF", "中文中文\uFFFD", 1, "UTF-8"),
	B(NULL, "中文\xE4\xB8" "A中文", "中文\uFFFDA中文", 1, "UTF-8"),
	B(NULL, "中文\xC0\xAF" HAN12, "中文\uFFFD\uFFFD" HAN12, 2, "UTF-8"),
	B(NULL, "中\xED\xA0\x80" HAN12, "中\uFFFD\uFFFD\uFFFD" HAN12, 3, "UTF-8"),
	B(NULL, "中\xF4\x90\x80\x80" HAN12 HAN12, "中\uFFFD\uFFFD\uFFFD\uFFFD" HAN12 HAN12, 4,
	  "UTF-8"),
	B(NULL, "中文\xF0\x9F\x98中文", "中文\uFFFD中文", 1, "UTF-8"),
	B(NULL, "中文\xE0\x80\x80" HAN12, "中文\uFFFD\uFFFD\uFFFD" HAN12, 3, "UTF-8"),
	B("UTF-8", "a\x80z", "a\uFFFDz", 1, "UTF-8"),
	B("GB18030", "\xD6\xD0\x81\x20\xCE\xC4", "中\uFFFD 文", 1, "GB18030"),
	B("GB18030", "\xD6\xD0\xCE", "中\uFFFD", 1, "GB18030"),
	B("GB18030", "\xD6\xD0\xFF\xCE\xC4", "中\uFFFD文", 1, "GB18030"),
	B("GB18030", "\xD6\xD0\x84\x31\xA5\x30\xCE\xC4", "中\uFFFD文", 1, "GB18030"),
	B("GBK", "\xD6\xD0\xCE", "中\uFFFD", 1, "GBK"),
	B("UTF-16LE", "\x2D\x4E\x00\xD8\x87\x65", "中\uFFFD文", 1, "UTF-16LE"),
	B("UTF-16LE", "\x2D\x4E\x87", "中\uFFFD", 1, "UTF-16LE"),
	B(NULL, "\xFF\xFE\x2D\x4E\x87", "中\uFFFD", 1, "UTF-16LE"),
	B(NULL, "\xFE\xFF\x4E\x2D\x65", "中\uFFFD", 1, "UTF-16BE"),
	B(NULL, "\xFE\xFF\xDC\x00\x4E\x2D", "\uFFFD中", 1, "UTF-16BE"),
#undef B
};

static void
test_bad_sequences(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof BAD_CASES / sizeof BAD_CASES[0]; i++) {
		const struct bad_case *c = &BAD_CASES[i];
		struct source_opts o = { .encoding = c->enc };
		struct source_text t;
		char *cause = NULL;
		int rc = decode(&o, c->in, c->in_len, &t, &cause);
		if (rc != 0) {
			fprintf(stderr, "case %zu: rc %d (%s)\n", i, rc, cause ? cause : "");
			free(cause);
		}
		assert_int_equal(rc, 0);
		if (strcmp(t.encoding, c->detected) != 0)
			fprintf(stderr, "case %zu\n", i);
		assert_string_equal(t.encoding, c->detected);
		assert_bytes(t.utf8, t.len, c->out, strlen(c->out));
		if (t.replaced != c->replaced)
			fprintf(stderr, "case %zu\n", i);
		assert_int_equal(t.replaced, c->replaced);
		source_text_free(&t);
	}
}

/* Every prefix of a mixed text decodes without error, valid, and NUL-terminated. */
static void
test_every_truncation(void **state)
{
	(void)state;
	const char *s = "中文 text “引号” 😀 ā\n";
	const char *encs[] = { NULL, "GB18030", "UTF-16LE", "UTF-16BE" };
	for (size_t e = 0; e < sizeof encs / sizeof encs[0]; e++) {
		size_t en;
		char *b = encs[e] ? encode(s, strlen(s), encs[e], &en) : strdup(s);
		assert_non_null(b);
		if (encs[e] == NULL)
			en = strlen(s);
		for (size_t k = 0; k <= en; k++) {
			struct source_opts o = { .encoding = encs[e] };
			struct source_text t;
			assert_int_equal(decode(&o, b, k, &t, NULL), 0);
			assert_int_equal(strlen(t.utf8), t.len);
			if (k == en) {
				assert_string_equal(t.utf8, s);
				assert_int_equal(t.replaced, 0);
			}
			source_text_free(&t);
		}
		free(b);
	}
}

static void
test_bom_only_and_empty(void **state)
{
	(void)state;
	struct source_text t;
	assert_int_equal(decode(NULL, "\xEF\xBB\xBF", 3, &t, NULL), 0);
	assert_string_equal(t.utf8, "");
	assert_int_equal(t.len, 0);
	assert_int_equal(t.had_bom, 1);
	assert_string_equal(t.encoding, "UTF-8");
	source_text_free(&t);

	assert_int_equal(decode(NULL, "", 0, &t, NULL), 0);
	assert_string_equal(t.utf8, "");
	assert_int_equal(t.len, 0);
	assert_int_equal(t.had_bom, 0);
	assert_string_equal(t.encoding, "UTF-8");
	source_text_free(&t);

	const char ws[] = " \n\t\r\n\xE3\x80\x80\n\n";
	assert_int_equal(decode(NULL, ws, sizeof ws - 1, &t, NULL), 0);
	assert_bytes(t.utf8, t.len, ws, sizeof ws - 1);
	source_text_free(&t);

	/* a forced encoding keeps no BOM either */
	struct source_opts o = { .encoding = "UTF-16LE" };
	assert_int_equal(decode(&o, "\xFF\xFE\x2D\x4E", 4, &t, NULL), 0);
	assert_string_equal(t.utf8, "中");
	assert_int_equal(t.had_bom, 1);
	source_text_free(&t);
}

/* A BOM that lies: the text after it is detected as if it had none (it
 * was decoded by the BOM into mojibake); a BOM that tells the truth is
 * believed, and a UTF-16 one in the wrong byte order is corrected. */
static void
test_lying_bom(void **state)
{
	(void)state;
	static const char text[] = "标题\n\n这是一段中文文字，用来测试谎报的字节顺序标记。\n";
	static const struct {
		const char *bom, *body_enc, *want_enc;
	} cases[] = {
		{ "\xEF\xBB\xBF", "GB18030", "GB18030" },   /* UTF-8's, then GBK */
		{ "\xFF\xFE", "UTF-8", "UTF-8" },             /* UTF-16LE's, then UTF-8 */
		{ "\xFE\xFF", "UTF-16LE", "UTF-16LE" },       /* the wrong byte order */
		{ "\xFF\xFE", "UTF-16BE", "UTF-16BE" },
		{ "\xEF\xBB\xBF", "UTF-8", "UTF-8" },        /* the truth */
		{ "\xFF\xFE", "UTF-16LE", "UTF-16LE" },
		{ "\xFE\xFF", "UTF-16BE", "UTF-16BE" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t en, bl = strlen(cases[i].bom);
		if (bl == 0)
			bl = 2;
		char *body = encode(text, sizeof text - 1, cases[i].body_enc, &en);
		char *b = malloc(bl + en);
		assert_non_null(b);
		memcpy(b, cases[i].bom, bl);
		memcpy(b + bl, body, en);
		struct source_text t;
		assert_int_equal(decode(NULL, b, bl + en, &t, NULL), 0);
		if (strcmp(t.encoding, cases[i].want_enc) != 0 || t.len != sizeof text - 1 ||
		    memcmp(t.utf8, text, t.len) != 0)
			fail_msg("case %zu: read as %s, %zu bytes", i, t.encoding, t.len);
		assert_int_equal(t.had_bom, 1);
		assert_int_equal(t.replaced, 0);
		source_text_free(&t);
		free(b);
		free(body);
	}
}

static void
test_unknown_encoding(void **state)
{
	(void)state;
	struct source_opts o = { .encoding = "NO-SUCH-CHARSET" };
	struct source_text t = { 0 };
	char *cause = NULL;
	assert_int_equal(source_decode(&o, (const unsigned char *)"abc", 3, &t, &cause),
			 ERR_ENCODING);
	assert_string_equal(cause, "unknown encoding 'NO-SUCH-CHARSET'");
	assert_null(t.utf8);
	free(cause);
	assert_int_equal(source_check_encoding("gbk", NULL), 0);
	assert_int_equal(source_check_encoding("utf-8", NULL), 0);
	assert_int_equal(source_check_encoding("", &cause), ERR_ENCODING);
	assert_string_equal(cause, "unknown encoding ''");
	free(cause);
}

/* ---- BOM-less UTF-16 with one stray byte ---- */

enum stray_kind {
	STRAY_ADDED,    /* a byte added before unit at */
	STRAY_LOST_LO,  /* the first byte of unit at lost */
	STRAY_LOST_HI,  /* its second byte lost */
	STRAY_NUL_UNIT, /* unit at made U+0000 */
	STRAY_ODD_END,  /* a byte added at the end (an odd byte count) */
};

static const struct stray_case {
	const char *file, *enc;
	enum stray_kind kind;
	int at; /* unit index; < 0 counts from the end */
} STRAY_CASES[] = {
	{ "texts/000_sichuan_ribao.txt", "UTF-16LE", STRAY_ADDED, 2000 },
	{ "texts/000_sichuan_ribao.txt", "UTF-16BE", STRAY_ADDED, 2000 },
	{ "texts/000_sichuan_ribao.txt", "UTF-16LE", STRAY_LOST_LO, 2000 },
	{ "texts/000_sichuan_ribao.txt", "UTF-16BE", STRAY_LOST_LO, 2000 },
	{ "texts/000_sichuan_ribao.txt", "UTF-16LE", STRAY_LOST_HI, 2000 },
	{ "texts/000_sichuan_ribao.txt", "UTF-16BE", STRAY_LOST_HI, 2000 },
	{ "texts/000_sichuan_ribao.txt", "UTF-16LE", STRAY_NUL_UNIT, 2000 },
	{ "texts/000_sichuan_ribao.txt", "UTF-16BE", STRAY_NUL_UNIT, 2000 },
	{ "texts/000_sichuan_ribao.txt", "UTF-16LE", STRAY_ODD_END, 0 },
	{ "texts/000_sichuan_ribao.txt", "UTF-16BE", STRAY_ODD_END, 0 },
	{ "texts/002_shenzhen_pinle.txt", "UTF-16LE", STRAY_ADDED, 1 },
	{ "texts/002_shenzhen_pinle.txt", "UTF-16BE", STRAY_ADDED, 1 },
	{ "texts/002_shenzhen_pinle.txt", "UTF-16LE", STRAY_ADDED, -3 },
	{ "texts/002_shenzhen_pinle.txt", "UTF-16BE", STRAY_LOST_HI, -300 },
	{ "texts/003_deepseek_chuangxin.txt", "UTF-16LE", STRAY_LOST_LO, 7 },
	{ "texts/003_deepseek_chuangxin.txt", "UTF-16BE", STRAY_ADDED, 3000 },
};

/* Byte offset of code point k of UTF-8 s[0, n). */
static size_t
cp_offset(const char *s, size_t n, size_t k)
{
	size_t i = 0;
	for (; i < n && k > 0; k--)
		for (i++; i < n && ((unsigned char)s[i] & 0xC0) == 0x80; i++)
			;
	return i;
}

/* The texts in UTF-16 without a BOM, each with one byte too many or too
 * few or one NUL unit, decode as UTF-16 with exactly one U+FFFD where the
 * damage is and everything else intact (before, a byte added or lost put
 * every later unit out of step and the file was refused as binary). */
static void
test_utf16_stray(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof STRAY_CASES / sizeof STRAY_CASES[0]; i++) {
		const struct stray_case *c = &STRAY_CASES[i];
		size_t n;
		char *orig = slurp(c->file, &n);
		size_t cps = 0;
		for (size_t j = 0; j < n; j++)
			cps += ((unsigned char)orig[j] & 0xC0) != 0x80;
		size_t at = c->kind == STRAY_ODD_END ? cps : c->at < 0 ? cps + (size_t)c->at
							    : (size_t)c->at;
		size_t cut = cp_offset(orig, n, at), next = cp_offset(orig, n, at + 1);
		size_t pn, rn;
		char *p16 = encode(orig, cut, c->enc, &pn);
		char *r16 = encode(orig + cut, n - cut, c->enc, &rn);
		assert_non_null(p16);
		assert_non_null(r16);
		char *bytes = malloc(pn + rn + 1);
		assert_non_null(bytes);
		memcpy(bytes, p16, pn);
		size_t bn = pn, keep = next; /* the text resumes at orig + keep */
		switch (c->kind) {
		case STRAY_ADDED:
		case STRAY_ODD_END:
			bytes[bn++] = 'A';
			memcpy(bytes + bn, r16, rn);
			bn += rn;
			keep = cut;
			break;
		case STRAY_LOST_LO:
		case STRAY_LOST_HI:
			bytes[bn++] = r16[c->kind == STRAY_LOST_LO ? 1 : 0];
			memcpy(bytes + bn, r16 + 2, rn - 2);
			bn += rn - 2;
			break;
		case STRAY_NUL_UNIT:
			bytes[bn++] = 0;
			bytes[bn++] = 0;
			memcpy(bytes + bn, r16 + 2, rn - 2);
			bn += rn - 2;
			break;
		}
		size_t wn = cut + 3 + (n - keep);
		char *want = malloc(wn + 1);
		assert_non_null(want);
		memcpy(want, orig, cut);
		memcpy(want + cut, "\xEF\xBF\xBD", 3);
		memcpy(want + cut + 3, orig + keep, n - keep);
		struct source_text t;
		char *cause = NULL;
		int rc = decode(NULL, bytes, bn, &t, &cause);
		if (rc != 0)
			fail_msg("case %zu: rc %d (%s)", i, rc, cause ? cause : "");
		if (strcmp(t.encoding, c->enc) != 0 || t.replaced != 1)
			fail_msg("case %zu: %s, %zu replaced", i, t.encoding, t.replaced);
		if (t.len != wn || memcmp(t.utf8, want, wn) != 0)
			fprintf(stderr, "case %zu: %s %s, unit %zu\n", i, c->file, c->enc, at);
		assert_bytes(t.utf8, t.len, want, wn);
		source_text_free(&t);
		free(want);
		free(bytes);
		free(p16);
		free(r16);
		free(orig);
	}
}

/* ---- binary files ---- */

static const struct bin_case {
	const char *bytes;
	size_t n;
	const char *cause;
} BIN_CASES[] = {
#define X(b, c) { b, sizeof b - 1, c }
	X("abc\0def", "not a text file (1 NUL byte; only UTF-16 text may hold them)"),
	X("中文\n\0", "not a text file (1 NUL byte; only UTF-16 text may hold them)"),
	X("ab\0\0\0\0cd\0\0\0\0\0ef\0\0\0", "not a text file (12 NUL bytes; only UTF-16 text may hold them)"),
	X("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "not a text file (PNG image)"),
	X("\x89PNG\r\n\x1a\nabc", "not a text file (PNG image)"),
	X("\x7F" "ELF\x02\x01\x01", "not a text file (ELF executable)"),
	X("\xFF\xD8\xFF\xE0", "not a text file (JPEG image)"),
	X("GIF89a..", "not a text file (GIF image)"),
	X("%PDF-1.7\n", "not a text file (PDF document)"),
	X("PK\x03\x04zz", "not a text file (ZIP archive)"),
	X("\x1F\x8B\x08", "not a text file (gzip data)"),
	X("\xFF\xFE\x00\x00\x00\x00\x00\x00", "not a text file (NUL characters: 1 of 1, over 1 in 100)"),
#undef X
};

static void
test_binary(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof BIN_CASES / sizeof BIN_CASES[0]; i++) {
		struct source_text t = { 0 };
		char *cause = NULL;
		int rc = source_decode(NULL, (const unsigned char *)BIN_CASES[i].bytes,
				       BIN_CASES[i].n, &t, &cause);
		if (rc != ERR_BINARY)
			fprintf(stderr, "case %zu: rc %d\n", i, rc);
		assert_int_equal(rc, ERR_BINARY);
		assert_string_equal(cause, BIN_CASES[i].cause);
		assert_null(t.utf8);
		free(cause);
	}
	/* this repository's own binary: an ELF file on disk */
	struct source_text t;
	char *cause = NULL;
	assert_int_equal(source_read(NULL, "/proc/self/exe", &t, &cause), ERR_BINARY);
	assert_string_equal(cause, "not a text file (ELF executable)");
	free(cause);
}

/* ---- reading files ---- */

static void
test_read_errors(void **state)
{
	(void)state;
	struct source_text t;
	char *cause = NULL;
	assert_int_equal(source_read(NULL, "texts/no-such-file.txt", &t, &cause), ERR_NOTFOUND);
	assert_string_equal(cause, "no such file or directory");
	free(cause);
	assert_int_equal(source_read(NULL, "texts/000_sichuan_ribao.txt/x", &t, &cause),
			 ERR_NOTFOUND);
	free(cause);
	assert_int_equal(source_read(NULL, "texts", &t, &cause), ERR_INVAL);
	assert_string_equal(cause, "is a directory");
	free(cause);

	char *fifo = support_tmp_path("fifo.txt");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(source_read(NULL, fifo, &t, &cause), ERR_INVAL);
	assert_string_equal(cause, "not a regular file (a FIFO)");
	free(cause);
	free(fifo);
	/* a socket cannot be opened at all (ENXIO): named for what it is */
	char *sock = support_tmp_path("sock.txt");
	int sfd = support_bind_socket(sock);
	assert_int_equal(source_read(NULL, sock, &t, &cause), ERR_INVAL);
	assert_string_equal(cause, "not a regular file (a socket)");
	free(cause);
	close(sfd);
	free(sock);
	assert_int_equal(source_read(NULL, "/dev/null", &t, &cause), ERR_INVAL);
	assert_string_equal(cause, "not a regular file (a character device)");
	free(cause);
}

static const struct size_case {
	size_t file_bytes, max_bytes;
	const char *cause; /* NULL: loads */
} SIZE_CASES[] = {
	{ 3000, 1024, "file is 2.9 KiB, over the 1 KiB limit" },
	{ 1025, 1024, "file is 1025 bytes, over the 1 KiB limit" },
	{ 1024, 1024, NULL },
	{ 100, 50, "file is 100 bytes, over the 50 bytes limit" },
	{ 1, 1, NULL },
	{ 2, 1, "file is 2 bytes, over the 1 byte limit" },
	{ 3 << 20, 2 << 20, "file is 3 MiB, over the 2 MiB limit" },
	{ (5 << 20) + (1 << 19), 5 << 20, "file is 5.5 MiB, over the 5 MiB limit" },
};

static void
test_size_limit(void **state)
{
	(void)state;
	char *p = support_tmp_path("big.txt");
	for (size_t i = 0; i < sizeof SIZE_CASES / sizeof SIZE_CASES[0]; i++) {
		const struct size_case *c = &SIZE_CASES[i];
		char *b = malloc(c->file_bytes);
		assert_non_null(b);
		memset(b, 'a', c->file_bytes);
		support_write_file(p, b, c->file_bytes);
		struct source_opts o = { .max_bytes = c->max_bytes };
		struct source_text t;
		char *cause = NULL;
		int rc = source_read(&o, p, &t, &cause);
		if (c->cause) {
			assert_int_equal(rc, ERR_TOOBIG);
			assert_string_equal(cause, c->cause);
			free(cause);
		} else {
			assert_int_equal(rc, 0);
			assert_int_equal(t.len, c->file_bytes);
			source_text_free(&t);
		}
		free(b);
	}
	free(p);
}

/* Standard input over the limit (a pipe: its size is not known, and the
 * read stops one byte past the limit): said without a made-up size (it
 * said "file is 1025 bytes" of an endless pipe). */
static void
test_stdin_too_big(void **state)
{
	(void)state;
	int p[2], saved = dup(0);
	assert_int_equal(pipe(p), 0);
	char buf[3000];
	memset(buf, 'a', sizeof buf);
	assert_int_equal(write(p[1], buf, sizeof buf), (int)sizeof buf);
	close(p[1]);
	assert_int_equal(dup2(p[0], 0), 0);
	close(p[0]);
	struct source_opts o = { .max_bytes = 1024 };
	struct source_text t;
	char *cause = NULL;
	assert_int_equal(source_read(&o, "-", &t, &cause), ERR_TOOBIG);
	assert_string_equal(cause, "file is over the 1 KiB limit");
	free(cause);
	assert_int_equal(dup2(saved, 0), 0);
	close(saved);
}

/* A 1 MB line without a newline, in UTF-8 and in GB18030. */
static void
test_one_megabyte_line(void **state)
{
	(void)state;
	size_t n = 350000 * 3;
	char *s = malloc(n + 1);
	assert_non_null(s);
	for (size_t i = 0; i < n; i += 3)
		memcpy(s + i, i % 2 ? "文" : "中", 3);
	s[n] = 0;
	char *p = support_tmp_path("line.txt");
	support_write_file(p, s, n);
	struct source_text t;
	assert_int_equal(source_read(NULL, p, &t, NULL), 0);
	assert_string_equal(t.encoding, "UTF-8");
	assert_bytes(t.utf8, t.len, s, n);
	source_text_free(&t);
	size_t en;
	char *gb = encode(s, n, "GB18030", &en);
	assert_non_null(gb);
	support_write_file(p, gb, en);
	assert_int_equal(source_read(NULL, p, &t, NULL), 0);
	assert_string_equal(t.encoding, "GB18030");
	assert_bytes(t.utf8, t.len, s, n);
	source_text_free(&t);
	free(gb);
	free(p);
	free(s);
}

/* source_fopen: a FIFO with no writer reads as empty at once (the alarm
 * fails the test if it waits), a pipe with a writer is read, a directory
 * and a socket are named, a missing file is no reason. */
static void
test_fopen(void **state)
{
	(void)state;
	const char *why = "unset";
	char *fifo = support_tmp_path("f.json");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	alarm(10);
	FILE *f = source_fopen(fifo, &why);
	alarm(0);
	assert_non_null(f);
	assert_null(why);
	assert_int_equal(fgetc(f), EOF);
	fclose(f);
	int p[2];
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], "[]", 2), 2);
	close(p[1]);
	char via[64];
	snprintf(via, sizeof via, "/dev/fd/%d", p[0]);
	f = source_fopen(via, &why);
	assert_non_null(f);
	char buf[8] = { 0 };
	assert_int_equal(fread(buf, 1, sizeof buf, f), 2);
	assert_string_equal(buf, "[]");
	fclose(f);
	close(p[0]);
	assert_null(source_fopen("texts", &why));
	assert_string_equal(why, "is a directory");
	assert_null(source_fopen("texts/no-such.json", &why));
	assert_null(why);
	char *sock = support_tmp_path("s.json");
	int sfd = support_bind_socket(sock);
	assert_null(source_fopen(sock, &why));
	assert_string_equal(why, "not a regular file (a socket)");
	close(sfd);
	free(sock);
	free(fifo);
}

/* ---- path expansion ---- */

struct warnings {
	char lines[16][160];
	size_t n;
};

static void
collect(void *ctx, const char *path, const char *reason)
{
	struct warnings *w = ctx;
	if (w->n < 16)
		snprintf(w->lines[w->n++], sizeof w->lines[0], "%s: %s", path, reason);
}

static void
test_expand(void **state)
{
	(void)state;
	char *dir = support_tmp_path("dir");
	char *empty = support_tmp_path("empty");
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(mkdir(empty, 0700), 0);
	/* created out of order; .TXT counts, hidden files, other suffixes and a
	 * directory named like an article do not */
	const char *names[] = { "a10.txt", "a2.txt", "b.TXT", "a1.txt", ".hidden.txt",
				"notes.odt", "txt", "a.txt~" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char *p;
		assert_true(asprintf(&p, "%s/%s", dir, names[i]) > 0);
		support_write_file(p, "x", 1);
		free(p);
	}
	char *sub;
	assert_true(asprintf(&sub, "%s/sub.txt", dir) > 0);
	assert_int_equal(mkdir(sub, 0700), 0);
	char *notes;
	assert_true(asprintf(&notes, "%s/notes.odt", dir) > 0);

	const char *paths[] = { notes, "texts/nope.txt", dir, empty, "texts/000_sichuan_ribao.txt" };
	struct source_paths sp;
	struct warnings w = { .n = 0 };
	assert_int_equal(source_expand(paths, 5, &sp, collect, &w), 0);
	char want[5][128];
	snprintf(want[0], sizeof want[0], "%s/notes.odt", dir);
	snprintf(want[1], sizeof want[1], "%s/a1.txt", dir);
	snprintf(want[2], sizeof want[2], "%s/a2.txt", dir);
	snprintf(want[3], sizeof want[3], "%s/a10.txt", dir);
	snprintf(want[4], sizeof want[4], "%s/b.TXT", dir);
	assert_int_equal(sp.n, 6);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(sp.v[i], want[i]);
	assert_string_equal(sp.v[5], "texts/000_sichuan_ribao.txt");
	/* a directory's regular files come with their canonical paths (one
	 * realpath for the directory); files named on their own without */
	assert_null(sp.keys[0]);
	assert_null(sp.keys[5]);
	for (size_t i = 1; i < 5; i++) {
		char *canon = realpath(sp.v[i], NULL);
		assert_non_null(canon);
		assert_non_null(sp.keys[i]);
		assert_string_equal(sp.keys[i], canon);
		free(canon);
	}
	assert_int_equal(w.n, 2);
	assert_string_equal(w.lines[0], "texts/nope.txt: no such file or directory");
	char want_empty[200];
	snprintf(want_empty, sizeof want_empty, "%s: no articles in directory (.txt, .html, .htm, .xhtml, .epub, .md or .markdown)", empty);
	assert_string_equal(w.lines[1], want_empty);
	source_paths_free(&sp);
	assert_null(sp.v);

	/* a trailing slash gives no double slash; no paths gives nothing */
	char *slash;
	assert_true(asprintf(&slash, "%s/", dir) > 0);
	const char *one[] = { slash };
	assert_int_equal(source_expand(one, 1, &sp, NULL, NULL), 0);
	assert_int_equal(sp.n, 4);
	assert_string_equal(sp.v[0], want[1]);
	source_paths_free(&sp);
	assert_int_equal(source_expand(NULL, 0, &sp, collect, &w), 0);
	assert_int_equal(sp.n, 0);
	source_paths_free(&sp);
	/* only an empty directory: nothing, a warning, no qsort(NULL, 0) (UBSan) */
	const char *none[] = { empty };
	w.n = 0;
	assert_int_equal(source_expand(none, 1, &sp, collect, &w), 0);
	assert_int_equal(sp.n, 0);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.lines[0], want_empty);
	source_paths_free(&sp);
	/* a symbolic link is followed (stat) and its canonical path left to
	 * realpath: the file it names */
	char *link, *ldir;
	ldir = support_tmp_path("links");
	assert_int_equal(mkdir(ldir, 0700), 0);
	assert_true(asprintf(&link, "%s/link.txt", ldir) > 0);
	assert_int_equal(symlink(want[1], link), 0);
	const char *linked[] = { ldir };
	assert_int_equal(source_expand(linked, 1, &sp, NULL, NULL), 0);
	assert_int_equal(sp.n, 1);
	assert_string_equal(sp.v[0], link);
	assert_null(sp.keys[0]);
	source_paths_free(&sp);
	free(link);
	free(ldir);

	/* named like articles but no regular files: each left out with a
	 * warning that says what it is (a FIFO is never opened, so nothing
	 * hangs); the one real file is listed, the subdirectory silently
	 * skipped */
	char *odd = support_tmp_path("odd");
	assert_int_equal(mkdir(odd, 0700), 0);
	const char *kinds[][2] = {
		{ "fifo.txt", "not a regular file (a FIFO)" },
		{ "loop.txt", "too many levels of symbolic links" },
		{ "dangling.txt", "a broken symbolic link" },
		{ "zero.txt", "not a regular file (a character device)" },
	};
	char *q;
	assert_true(asprintf(&q, "%s/fifo.txt", odd) > 0);
	assert_int_equal(mkfifo(q, 0600), 0);
	free(q);
	assert_true(asprintf(&q, "%s/loop.txt", odd) > 0);
	assert_int_equal(symlink("loop.txt", q), 0);
	free(q);
	assert_true(asprintf(&q, "%s/dangling.txt", odd) > 0);
	assert_int_equal(symlink("nowhere.txt", q), 0);
	free(q);
	assert_true(asprintf(&q, "%s/zero.txt", odd) > 0);
	assert_int_equal(symlink("/dev/zero", q), 0);
	free(q);
	assert_true(asprintf(&q, "%s/dir.txt", odd) > 0);
	assert_int_equal(mkdir(q, 0700), 0);
	free(q);
	assert_true(asprintf(&q, "%s/real.txt", odd) > 0);
	support_write_file(q, "x", 1);
	const char *odds[] = { odd };
	w.n = 0;
	assert_int_equal(source_expand(odds, 1, &sp, collect, &w), 0);
	assert_int_equal(sp.n, 1);
	assert_string_equal(sp.v[0], q);
	assert_int_equal(w.n, 4);
	for (size_t i = 0; i < 4; i++) {
		char line[160];
		snprintf(line, sizeof line, "%s/%s: %s", odd, kinds[i][0], kinds[i][1]);
		size_t k = 0;
		while (k < w.n && strcmp(w.lines[k], line) != 0)
			k++;
		assert_true(k < w.n);
	}
	source_paths_free(&sp);
	free(q);
	free(odd);
	free(slash);
	free(notes);
	free(sub);
	free(empty);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_originals),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_big5),
		cmocka_unit_test(test_short_gbk),
		cmocka_unit_test(test_bad_sequences),
		cmocka_unit_test(test_every_truncation),
		cmocka_unit_test(test_bom_only_and_empty),
		cmocka_unit_test(test_lying_bom),
		cmocka_unit_test(test_unknown_encoding),
		cmocka_unit_test(test_utf16_stray),
		cmocka_unit_test(test_binary),
		cmocka_unit_test(test_read_errors),
		cmocka_unit_test(test_size_limit),
		cmocka_unit_test(test_stdin_too_big),
		cmocka_unit_test(test_one_megabyte_line),
		cmocka_unit_test(test_fopen),
		cmocka_unit_test(test_expand),
	};
	return cmocka_run_group_tests(tests, support_tmp_setup, support_tmp_teardown);
}
