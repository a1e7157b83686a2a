/* ustr: small scanners over valid UTF-8 byte ranges, shared by the parser
 * modules (parse, sentence, hardwrap, prefmt, boiler, parse_line). Pure: no
 * allocation, no state; the caller owns the text. Offsets are bytes. */
#ifndef DUWEN_USTR_H
#define DUWEN_USTR_H

#include <stddef.h>
#include <stdint.h>

/* One source line: [raw_start, raw_end) without its '\n'; [start, end) the
 * same with horizontal space trimmed from both ends (start == end: blank). */
struct ustr_line {
	size_t raw_start, raw_end;
	size_t start, end;
};

/* ustr_next's whole decoder; ustr_next does ASCII and well-formed
 * three-byte sequences (Han, kana, CJK punctuation) itself, inline, as
 * this would (tests/test_ustr.c checks every three-byte sequence). */
size_t ustr_next_any(const char *s, size_t len, size_t pos, int32_t *cp);

/* Decode the code point at s[pos] (pos < len) into *cp; returns the offset
 * just past it. Invalid bytes decode as U+FFFD, one byte at a time. */
static inline size_t
ustr_next(const char *s, size_t len, size_t pos, int32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s + pos;
	if (u[0] < 0x80) {
		*cp = u[0];
		return pos + 1;
	}
	if ((u[0] & 0xF0) == 0xE0 && pos + 3 <= len && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
		*cp = (int32_t)((u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu));
		return pos + 3;
	}
	return ustr_next_any(s, len, pos, cp);
}

/* ustr_strict's whole decoder (ustr_strict does ASCII and the three-byte
 * sequences of leads E1-EC and EE-EF inline). */
size_t ustr_strict_any(const char *s, size_t len, size_t pos, int32_t *cp);

/* The well-formed UTF-8 sequence at s[pos] (pos < len), as utf8proc_iterate
 * accepts one (no overlong form, surrogate or code point past U+10FFFF):
 * its length with *cp, or 0 if there is none. */
static inline size_t
ustr_strict(const char *s, size_t len, size_t pos, int32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s + pos;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xE1 && u[0] <= 0xEF && u[0] != 0xED && pos + 3 <= len && (u[1] & 0xC0) == 0x80 &&
	    (u[2] & 0xC0) == 0x80) {
		*cp = (int32_t)((u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu));
		return 3;
	}
	return ustr_strict_any(s, len, pos, cp);
}

/* Offset of the code point that ends at pos (pos > 0); *cp gets it. */
size_t ustr_prev(const char *s, size_t pos, int32_t *cp);

/* Code points in s[0, len). */
size_t ustr_count(const char *s, size_t len);

/* White space within a line: ASCII space, tab, CR, VT, FF, U+00A0, U+3000
 * and the other Unicode space separators. '\n' is not included. */
int ustr_is_space(int32_t cp);

/* CJK ideographs (the Han blocks, including extensions and compatibility). */
int ustr_is_han(int32_t cp);

/* Wide East Asian scripts and punctuation (Han, kana, hangul, full-width
 * forms, CJK symbols): text where a joined line break shows as nothing. */
int ustr_is_cjk(int32_t cp);

/* Closing quotes and brackets: ” ’ 」 』 ） ) ] 】 》 〉 and kin. */
int ustr_is_closing(int32_t cp);

/* Opening quotes and brackets: “ ‘ 「 『 （ ( [ 【 《 〈 and kin. */
int ustr_is_opening(int32_t cp);

/* s[start, end) with horizontal space removed from both ends, written to
 * *ts / *te. */
void ustr_trim(const char *s, size_t start, size_t end, size_t *ts, size_t *te);

/* Length of the first of the NULL-terminated prefixes that s[0, len) starts
 * with, or 0. */
size_t ustr_prefix(const char *s, size_t len, const char *const *prefixes);

/* 1 if s[0, len) ends with the NUL-terminated suffix. */
int ustr_suffix(const char *s, size_t len, const char *suffix);

/* Offset of the first occurrence of needle in s[0, len), or len. */
size_t ustr_find(const char *s, size_t len, const char *needle);

#endif
