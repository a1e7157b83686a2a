#include "pinyin.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "pinyin_table.h"
#include "ustr.h"

#define PINYIN_SYL_MAX 8 /* letters in the longest syllable ("chuang") and then some */

/* The toned vowels, in tone order 1..4 for a e i o u ü. */
static const struct {
	int32_t cp;
	char base; /* 'v' stands for ü */
	int tone;
} pinyin_toned[] = {
	{0x101, 'a', 1}, {0xE1, 'a', 2},  {0x1CE, 'a', 3}, {0xE0, 'a', 4},  {0x113, 'e', 1},
	{0xE9, 'e', 2},  {0x11B, 'e', 3}, {0xE8, 'e', 4},  {0x12B, 'i', 1}, {0xED, 'i', 2},
	{0x1D0, 'i', 3}, {0xEC, 'i', 4},  {0x14D, 'o', 1}, {0xF3, 'o', 2},  {0x1D2, 'o', 3},
	{0xF2, 'o', 4},  {0x16B, 'u', 1}, {0xFA, 'u', 2},  {0x1D4, 'u', 3}, {0xF9, 'u', 4},
	{0x1D6, 'v', 1}, {0x1D8, 'v', 2}, {0x1DA, 'v', 3}, {0x1DC, 'v', 4},
};

static int
pinyin_cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static int
pinyin_is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'v';
}

/* Where the spelling rules put the tone mark: on a, else e, else the o of
 * "ou", else the last vowel. -1 if there is no vowel. */
static int
pinyin_mark_pos(const char *base, size_t n)
{
	const char *p;
	if ((p = memchr(base, 'a', n)) != NULL || (p = memchr(base, 'e', n)) != NULL)
		return (int)(p - base);
	for (size_t k = 0; k + 1 < n; k++)
		if (base[k] == 'o' && base[k + 1] == 'u')
			return (int)k;
	for (size_t k = n; k-- > 0;)
		if (pinyin_is_vowel(base[k]))
			return (int)k;
	return -1;
}

int
pinyin_syllable(const char *s, size_t n)
{
	char base[PINYIN_SYL_MAX + 1];
	size_t nb = 0, i = 0;
	int tone = 0, mark = -1;
	while (i < n) {
		int32_t cp;
		size_t k = ustr_strict(s, n, i, &cp);
		if (k == 0 || nb == PINYIN_SYL_MAX)
			return -1;
		i += (size_t)k;
		if (cp >= 'a' && cp <= 'z' && cp != 'v') {
			base[nb++] = (char)cp;
			continue;
		}
		if (cp == 0xFC) {
			base[nb++] = 'v';
			continue;
		}
		size_t t;
		for (t = 0; t < sizeof pinyin_toned / sizeof pinyin_toned[0]; t++)
			if (pinyin_toned[t].cp == cp)
				break;
		if (t == sizeof pinyin_toned / sizeof pinyin_toned[0] || tone != 0)
			return -1;
		tone = pinyin_toned[t].tone;
		mark = (int)nb;
		base[nb++] = pinyin_toned[t].base;
	}
	if (nb == 0)
		return -1;
	if (tone != 0 && mark != pinyin_mark_pos(base, nb))
		return -1;
	/* The table spells ü as UTF-8 U+00FC. */
	char key[2 * PINYIN_SYL_MAX + 1];
	size_t nk = 0;
	for (size_t k = 0; k < nb; k++) {
		if (base[k] == 'v') {
			key[nk++] = (char)0xC3;
			key[nk++] = (char)0xBC;
		} else {
			key[nk++] = base[k];
		}
	}
	key[nk] = 0;
	if (bsearch(key, pinyin_table_syllables, pinyin_table_count, sizeof pinyin_table_syllables[0],
		    pinyin_cmp) == NULL)
		return -1;
	return tone;
}

static int
pinyin_is_syl_byte(unsigned char c)
{
	/* Lowercase ASCII letters and the lead/continuation bytes of Latin
	 * letters with marks (U+00E0..U+01DC); pinyin_syllable checks more. */
	return (c >= 'a' && c <= 'z') || (c >= 0x80 && c <= 0xBF) || c == 0xC3 || c == 0xC4 ||
	       c == 0xC5 || c == 0xC7;
}

size_t
pinyin_annotation(const char *s, size_t n, size_t max_syl)
{
	size_t i;
	int full;
	if (n >= 1 && s[0] == '(')
		i = 1, full = 0;
	else if (n >= 3 && memcmp(s, "\xEF\xBC\x88", 3) == 0)
		i = 3, full = 1;
	else
		return 0;
	size_t syl = 0;
	int toned = 0;
	for (;;) {
		size_t start = i;
		while (i < n && i - start <= 2 * PINYIN_SYL_MAX && pinyin_is_syl_byte((unsigned char)s[i]))
			i++;
		int t = i > start ? pinyin_syllable(s + start, i - start) : -1;
		if (t < 0 || ++syl > max_syl)
			return 0;
		toned |= t > 0;
		if (i < n && s[i] == ' ' && i + 1 < n && s[i + 1] != ' ') {
			i++;
			continue;
		}
		break;
	}
	if (!toned)
		return 0;
	/* Either closing parenthesis: pasted text mixes them. */
	if (i < n && s[i] == ')')
		return i + 1;
	if (n - i >= 3 && memcmp(s + i, "\xEF\xBC\x89", 3) == 0)
		return i + 3;
	(void)full;
	return 0;
}

static int
pinyin_is_han(int32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F) || cp == 0x3007;
}

int
pinyin_strip(const char *in, size_t len, struct span_list *spans, struct clean_buf *out,
	     size_t *removed)
{
	int rc = ERR_NOMEM;
	struct clean_remap m = {0};
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
	size_t i = 0, copied = 0, han_run = 0, next_end = 0;
	while (i < len) {
		unsigned char c = (unsigned char)in[i];
		if (c == '(' || (c == 0xEF && i + 2 < len && in[i + 1] == (char)0xBC && in[i + 2] == (char)0x88)) {
			while (next_end < spans->n && spans->v[next_end].end < i)
				next_end++;
			int after_span = next_end < spans->n && spans->v[next_end].end == i;
			size_t max = han_run > 0 ? han_run : after_span ? 1 : 0;
			size_t n = max > 0 ? pinyin_annotation(in + i, len - i, max) : 0;
			if (n > 0) {
				clean_remap_copy(&m, copied, i - copied, out->len);
				if (clean_buf_put(out, in + copied, i - copied) < 0)
					goto done;
				(*removed)++;
				i += n;
				copied = i;
				han_run = 0;
				continue;
			}
		}
		size_t k = 1;
		int32_t cp = c;
		if (c >= 0x80) {
			int32_t u;
			size_t r = ustr_strict(in, len, i, &u);
			k = r > 0 ? r : 1;
			cp = r > 0 ? u : 0xFFFD;
		}
		han_run = pinyin_is_han(cp) ? han_run + 1 : 0;
		i += k;
	}
	clean_remap_copy(&m, copied, len - copied, out->len);
	if (clean_buf_put(out, in + copied, len - copied) < 0)
		goto done;
	clean_remap_drop(&m, len + 1, out->len);
	for (size_t k = 0; k < spans->n; k++) {
		spans->v[k].start = m.pos[2 * k];
		spans->v[k].end = m.pos[2 * k + 1];
	}
	rc = 0;
done:
	free(m.pos);
	return rc;
}
