/* collate: the order of titles for a person reading Chinese, without ICU.
 * Text is compared as a sequence of elements: a run of digits by its value
 * (2 < 10), Latin letters without case or accents (full-width ones too),
 * letters of other scripts by code point, then Han characters in Hanyu
 * Pinyin order, character by character as a dictionary does: syllable,
 * tone (1-4, then neutral), then the character (a traditional one as its
 * simplified form, so 長 and 长 sort together); Han characters without a
 * reading last. Spaces, punctuation and symbols count only where all
 * that is equal, as does case: then the bytes decide. Readings come from
 * collate_table (Unihan, the first zh-Hans reading) and, for a few words
 * whose first character reads otherwise (重庆 chóng, 长沙 cháng, 厦门
 * xià), from a short list in collate.c. Owns no state. */
#ifndef DUWEN_COLLATE_H
#define DUWEN_COLLATE_H

#include <stddef.h>
#include <stdint.h>

/* Compare a[0, alen) and b[0, blen) (UTF-8; bytes that are not UTF-8 are
 * skipped, then compared as bytes): < 0, 0 (only for equal bytes) or > 0. */
int collate_cmp(const char *a, size_t alen, const char *b, size_t blen);

/* Write the sort key of s[0, len) to out, at most cap bytes, and return
 * its whole length (call again with a bigger buffer if that is more than
 * cap). Keys compared with memcmp over the shorter length, then the
 * shorter first, order as collate_cmp does. */
size_t collate_key(const char *s, size_t len, unsigned char *out, size_t cap);

/* The reading by which Han character cp sorts when not in a listed word:
 * *syllable toneless ("zhong", ü as U+00FC; static), *tone 1..4 or 5 for
 * the neutral tone. 0, or ERR_NOTFOUND if cp has none in the table. */
int collate_reading(uint32_t cp, const char **syllable, int *tone);

#endif
