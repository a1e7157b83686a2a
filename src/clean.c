/* clean: the cleaning pipeline. sanitize (controls, escapes, bidi, HTML,
 * line endings, tabs) -> NFC (utf8proc) -> garble (mojibake spans) ->
 * pinyin (annotations) -> lines (indentation, trailing space, blank runs) ->
 * stats. Each pass is linear and writes a new buffer; spans are created by
 * garble and carried through the deleting passes by clean_remap. */
#include "clean.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "clean_buf.h"
#include "err.h"
#include "garble.h"
#include "nfc.h"
#include "pinyin.h"
#include "sanitize.h"
#include "ustr.h"

/* Length of the indentation-like space at s[0, n): ASCII space, NBSP,
 * en/em space, ideographic space U+3000; 0 if none. */
static size_t
clean_space_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n >= 1 && u[0] == ' ')
		return 1;
	if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (n >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;
	if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x82 || u[2] == 0x83))
		return 3;
	return 0;
}

/* Trailing counterpart of clean_space_len: length of such a space ending
 * at s[n). */
static size_t
clean_space_len_back(const char *s, size_t n)
{
	if (n >= 1 && s[n - 1] == ' ')
		return 1;
	if (n >= 2 && clean_space_len(s + n - 2, 2) == 2)
		return 2;
	if (n >= 3 && clean_space_len(s + n - 3, 3) == 3)
		return 3;
	return 0;
}

/* Strip trailing space and the line-start indentation made of U+3000, NBSP
 * or en/em spaces (a paragraph indent the layout makes itself), collapse
 * blank-line runs to one, drop leading and trailing blank lines; end with
 * one newline. Indentation of ASCII spaces alone stays: it tells code
 * listings, tables of contents and list continuations apart (prefmt). */
static int
clean_lines(const char *in, size_t len, struct span_list *spans, struct clean_buf *out)
{
	struct clean_remap m = {0};
	int rc = ERR_NOMEM, blank = 0;
	if (spans->n > 0) {
		m.pos = malloc(2 * spans->n * sizeof *m.pos);
		if (m.pos == NULL)
			return ERR_NOMEM;
		for (size_t k = 0; k < spans->n; k++) {
			m.pos[2 * k] = spans->v[k].start;
			m.pos[2 * k + 1] = spans->v[k].end;
		}
		m.n = 2 * spans->n;
	}
	if (clean_buf_reserve(out, len) < 0)
		goto done;
	for (size_t ls = 0; ls < len;) {
		const char *nl = memchr(in + ls, '\n', len - ls);
		size_t le = nl ? (size_t)(nl - in) : len, a = ls, b = le, k;
		int ascii = 1;
		while (a < b && (k = clean_space_len(in + a, b - a)) > 0) {
			ascii &= k == 1;
			a += k;
		}
		while (b > a && (k = clean_space_len_back(in + a, b - a)) > 0)
			b -= k;
		if (a < b && ascii)
			a = ls;
		if (a == b) {
			blank = out->len > 0;
		} else {
			if (blank && clean_buf_put(out, "\n", 1) < 0)
				goto done;
			blank = 0;
			clean_remap_copy(&m, a, b - a, out->len);
			if (clean_buf_put(out, in + a, b - a) < 0 || clean_buf_put(out, "\n", 1) < 0)
				goto done;
		}
		ls = le + 1;
	}
	/* A span ending at a line's end stays before its newline. */
	clean_remap_drop(&m, len + 1, out->len);
	for (size_t k = 0; k < spans->n; k++) {
		spans->v[k].start = m.pos[2 * k];
		spans->v[k].end = m.pos[2 * k + 1];
		if (spans->v[k].end > spans->v[k].start && spans->v[k].end <= out->len &&
		    out->s[spans->v[k].end - 1] == '\n')
			spans->v[k].end--;
	}
	rc = 0;
done:
	free(m.pos);
	return rc;
}

static int
clean_is_chinese(int32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x20000 && cp <= 0x3134F) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF65);
}

/* The code point ending at s[i) (i > 0), -1 if none (as utf8proc_iterate
 * says). */
static int32_t
clean_prev_cp(const char *s, size_t i)
{
	size_t j = i - 1;
	while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80 && i - j < 4)
		j--;
	int32_t cp;
	return ustr_strict(s, i, j, &cp) > 0 ? cp : -1;
}

static void
clean_count(const char *s, size_t len, struct clean_stats *st)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBF && (unsigned char)s[i + 2] == 0xBD)
			st->replacement++;
		if (c != ',' && c != ':' && c != ';' && c != '?' && c != '!' && c != '(' && c != ')')
			continue;
		int32_t next = -1;
		if (i + 1 < len && ustr_strict(s, len, i + 1, &next) == 0)
			next = -1;
		if ((i > 0 && clean_is_chinese(clean_prev_cp(s, i))) || clean_is_chinese(next))
			st->ascii_punct++;
	}
}

int
clean_text(const char *in, size_t len, struct clean_result *out)
{
	struct clean_buf a = {0}, b = {0};
	struct span_list spans = {0};
	struct clean_stats st = {0};
	struct sanitize_stats ss = {0};
	utf8proc_uint8_t *nfc = NULL;
	int rc = ERR_NOMEM;
	if (clean_buf_reserve(&a, len) < 0 || (rc = sanitize_text(in, len, &a, &ss)) < 0)
		goto fail;
	/* a text's copies alive at once are the peak of loading a huge file
	 * (with the caller's input): the sanitized one goes before the next,
	 * at once if it is the input itself (nothing to sanitize, as usual) */
	const char *s = a.s;
	size_t slen = a.len;
	if (a.len == len && memcmp(a.s, in, len) == 0) {
		clean_buf_free(&a);
		s = in;
	}
	utf8proc_ssize_t n = nfc_map(s, slen, &nfc);
	clean_buf_free(&a);
	if (n < 0) {
		rc = n == UTF8PROC_ERROR_NOMEM ? ERR_NOMEM : ERR_INVAL;
		goto fail;
	}
	if ((rc = garble_scan((const char *)nfc, (size_t)n, &b, &spans, &st.garbled, &st.repaired)) < 0)
		goto fail;
	free(nfc);
	nfc = NULL;
	if ((rc = pinyin_strip(b.s, b.len, &spans, &a, &st.pinyin)) < 0)
		goto fail;
	b.len = 0;
	if ((rc = clean_lines(a.s, a.len, &spans, &b)) < 0 || (rc = clean_buf_reserve(&b, 0)) < 0)
		goto fail;
	b.s[b.len] = 0;
	clean_buf_free(&a);
	st.controls = ss.controls;
	st.bidi = ss.bidi;
	clean_count(b.s, b.len, &st);
	span_list_sort(&spans);
	memset(out, 0, sizeof *out);
	out->text = b.s;
	out->len = b.len;
	out->spans = spans;
	out->stats = st;
	return 0;
fail:
	free(nfc);
	clean_buf_free(&a);
	clean_buf_free(&b);
	span_list_free(&spans);
	return rc;
}

void
clean_result_free(struct clean_result *r)
{
	free(r->text);
	r->text = NULL;
	r->len = 0;
	span_list_free(&r->spans);
}
