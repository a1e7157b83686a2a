#include "garble_tidy.h"

#include <string.h>

#include "err.h"
#include "pinyin.h"

#define GARBLE_TIDY_SYL 4  /* syllables in one annotation tail */
#define GARBLE_TIDY_NAME 10 /* letters in a tag name */

static const char garble_tidy_fffd[] = "\xEF\xBF\xBD";

/* Bytes of a pinyin letter at s[0, n): a-z, or a Latin letter with a mark
 * (U+00E0..U+01DC, two bytes); 0 otherwise. pinyin_syllable judges more. */
static size_t
garble_tidy_letter(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	if (c >= 'a' && c <= 'z')
		return 1;
	if (n >= 2 && c >= 0xC3 && c <= 0xC7 && ((unsigned char)s[1] & 0xC0) == 0x80) {
		unsigned cp = (c & 0x1Fu) << 6 | ((unsigned char)s[1] & 0x3Fu);
		return cp >= 0xE0 && cp <= 0x1DC ? 2 : 0;
	}
	return 0;
}

size_t
garble_tidy_pinyin_tail(const char *s, size_t n)
{
	size_t i = 0, syl = 0;
	int toned = 0;
	for (;;) {
		size_t start = i, k;
		while (i < n && i - start <= 16 && (k = garble_tidy_letter(s + i, n - i)) > 0)
			i += k;
		int t = i > start ? pinyin_syllable(s + start, i - start) : -1;
		if (t < 0 || ++syl > GARBLE_TIDY_SYL)
			return 0;
		toned |= t > 0;
		if (i + 1 < n && s[i] == ' ' && garble_tidy_letter(s + i + 1, n - i - 1) > 0) {
			i++;
			continue;
		}
		break;
	}
	if (!toned)
		return 0;
	if (i < n && s[i] == ')')
		return i + 1;
	if (n - i >= 3 && memcmp(s + i, "\xEF\xBC\x89", 3) == 0)
		return i + 3;
	return 0;
}

size_t
garble_tidy_tag(const char *s, size_t n)
{
	size_t i = 0;
	int open = 0, close = 0;
	if (i < n && s[i] == '<')
		open = 1, i++;
	if (i >= n || s[i] != '/')
		return 0;
	size_t name = ++i;
	while (i < n && i - name < GARBLE_TIDY_NAME &&
	       ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
		i++;
	if (i == name)
		return 0;
	/* a name too long to be a tag's */
	if (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
		return 0;
	if (i < n && s[i] >= '1' && s[i] <= '6' && (s[name] == 'h' || s[name] == 'H') && i == name + 1)
		i++;
	if (i < n && s[i] == '>')
		close = 1, i++;
	/* a lone "/word" is a path or a fraction, not a tag */
	return open || close ? i : 0;
}

/* Does a Latin letter end at s[i) (i > 0)? Then a tail there is part of a
 * word, not an annotation. */
static int
garble_tidy_after_letter(const char *s, size_t i)
{
	unsigned char c = (unsigned char)s[i - 1];
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	size_t j = i - 1;
	while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	c = (unsigned char)s[j];
	return c >= 0xC3 && c <= 0xC9;
}

int
garble_tidy_span(const char *s, size_t n, struct clean_buf *out)
{
	int lost = 0; /* a lost mark is pending */
	for (size_t i = 0; i < n;) {
		size_t k = 0;
		if (s[i] == '?') {
			k = 1 + garble_tidy_pinyin_tail(s + i + 1, n - i - 1);
			lost = 1;
		} else if (n - i >= 3 && memcmp(s + i, garble_tidy_fffd, 3) == 0) {
			k = 3;
			lost = 1;
		} else if ((k = garble_tidy_tag(s + i, n - i)) > 0) {
			/* debris: dropped, and it does not end a run of lost marks */
		} else if ((i == 0 || !garble_tidy_after_letter(s, i)) &&
			   (k = garble_tidy_pinyin_tail(s + i, n - i)) > 0) {
			/* an annotation tail whose "(" alone was eaten */
		} else {
			if (lost && clean_buf_put(out, garble_tidy_fffd, 3) < 0)
				return ERR_NOMEM;
			lost = 0;
			k = 1;
			while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
				k++;
			if (clean_buf_put(out, s + i, k) < 0)
				return ERR_NOMEM;
		}
		i += k;
	}
	if (lost && clean_buf_put(out, garble_tidy_fffd, 3) < 0)
		return ERR_NOMEM;
	return 0;
}
