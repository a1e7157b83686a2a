#include "ustr.h"

#include <string.h>

size_t
ustr_next_any(const char *s, size_t len, size_t pos, int32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c = u[pos];
	size_t n;
	int32_t v;
	if (c < 0x80) {
		*cp = (int32_t)c;
		return pos + 1;
	} else if (c >= 0xC2 && c < 0xE0) {
		n = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c < 0xF0) {
		n = 3;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c < 0xF5) {
		n = 4;
		v = c & 0x07;
	} else {
		*cp = 0xFFFD;
		return pos + 1;
	}
	if (pos + n > len)
		goto bad;
	for (size_t i = 1; i < n; i++) {
		if ((u[pos + i] & 0xC0) != 0x80)
			goto bad;
		v = (v << 6) | (u[pos + i] & 0x3F);
	}
	*cp = v;
	return pos + n;
bad:
	*cp = 0xFFFD;
	return pos + 1;
}

size_t
ustr_strict_any(const char *str, size_t len, size_t i, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[i];
	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	}
	size_t n = c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF5 ? 4 : 0;
	if (n == 0 || i + n > len)
		return 0;
	unsigned lo = 0x80, hi = 0xBF; /* the second byte's range */
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if (s[i + 1] < lo || s[i + 1] > hi)
		return 0;
	int32_t v = (int32_t)(c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07));
	for (size_t k = 1; k < n; k++) {
		if ((s[i + k] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i + k] & 0x3F);
	}
	*cp = v;
	return n;
}

size_t
ustr_prev(const char *s, size_t pos, int32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t p = pos - 1;
	/* back over at most three continuation bytes */
	for (int k = 0; k < 3 && p > 0 && (u[p] & 0xC0) == 0x80; k++)
		p--;
	size_t e = ustr_next(s, pos, p, cp);
	if (e != pos) { /* not one well-formed sequence: step one byte */
		*cp = 0xFFFD;
		return pos - 1;
	}
	return p;
}

size_t
ustr_count(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

int
ustr_is_space(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0xA0 ||
	       cp == 0x3000 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
	       cp == 0x205F;
}

int
ustr_is_han(int32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF) || cp == 0x3007;
}

int
ustr_is_cjk(int32_t cp)
{
	return ustr_is_han(cp) || (cp >= 0x2E80 && cp <= 0x2FDF) || /* radicals */
	       (cp >= 0x3000 && cp <= 0x30FF) ||                    /* symbols, kana */
	       (cp >= 0x3100 && cp <= 0x31FF) ||                    /* bopomofo */
	       (cp >= 0xAC00 && cp <= 0xD7AF) ||                    /* hangul */
	       (cp >= 0xFE30 && cp <= 0xFE4F) ||                    /* vertical forms */
	       (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
	       cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 || cp == 0x2014 ||
	       cp == 0x2026 || cp == 0x00B7;
}

int
ustr_is_closing(int32_t cp)
{
	switch (cp) {
	case 0x201D: case 0x2019: case 0x300D: case 0x300F: case 0xFF09: case ')':
	case ']': case '}': case 0x3011: case 0x300B: case 0x3009: case 0x3015:
	case 0x3017: case 0x3019: case 0x301B: case 0xFF3D: case 0xFF5D: case 0xFF63:
	case 0xFE42: case 0xFE44: case 0x00BB: case 0x203A:
		return 1;
	}
	return 0;
}

int
ustr_is_opening(int32_t cp)
{
	switch (cp) {
	case 0x201C: case 0x2018: case 0x300C: case 0x300E: case 0xFF08: case '(':
	case '[': case '{': case 0x3010: case 0x300A: case 0x3008: case 0x3014:
	case 0x3016: case 0x3018: case 0x301A: case 0xFF3B: case 0xFF5B: case 0xFF62:
	case 0xFE41: case 0xFE43: case 0x00AB: case 0x2039:
		return 1;
	}
	return 0;
}

void
ustr_trim(const char *s, size_t start, size_t end, size_t *ts, size_t *te)
{
	int32_t cp;
	while (start < end) {
		size_t n = ustr_next(s, end, start, &cp);
		if (!ustr_is_space(cp))
			break;
		start = n;
	}
	while (end > start) {
		size_t p = ustr_prev(s, end, &cp);
		if (!ustr_is_space(cp))
			break;
		end = p;
	}
	*ts = start;
	*te = end;
}

size_t
ustr_prefix(const char *s, size_t len, const char *const *prefixes)
{
	for (size_t i = 0; prefixes[i]; i++) {
		size_t n = strlen(prefixes[i]);
		if (n <= len && memcmp(s, prefixes[i], n) == 0)
			return n;
	}
	return 0;
}

int
ustr_suffix(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);
	return n <= len && memcmp(s + len - n, suffix, n) == 0;
}

size_t
ustr_find(const char *s, size_t len, const char *needle)
{
	const char *p = memmem(s, len, needle, strlen(needle));
	return p ? (size_t)(p - s) : len;
}
