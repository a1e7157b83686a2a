#include "prefmt.h"

#include <stdint.h>
#include <string.h>

#include "width.h"

static int
is_digit(int32_t cp)
{
	return cp >= '0' && cp <= '9';
}

static int
is_cn_numeral(int32_t cp)
{
	static const int32_t v[] = { 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03,
				     0x516B, 0x4E5D, 0x5341, 0x767E, 0x96F6, 0x3007 };
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		if (cp == v[i])
			return 1;
	return 0;
}

static size_t
indent_of(const char *t, const struct ustr_line *l)
{
	size_t n = 0;
	for (size_t p = l->raw_start; p < l->start; p++)
		n += t[p] == '\t' ? 4 : 1;
	return n;
}

/* Length of a list marker at s[0, len) (including its space), or 0. */
static size_t
list_marker(const char *s, size_t len)
{
	static const char *const bullets[] = {
		"- ", "* ", "+ ", "\u2022", "\u00b7 ", "\u30fb", "\u25e6", "\u25aa", "\u25cf",
		"\u25cb", "\u25a0", "\u25a1", "\u25c6", "\u25c7", "\u221a", NULL,
	};
	size_t n = ustr_prefix(s, len, bullets);
	if (n)
		return n;
	size_t p = 0;
	int32_t cp;
	int open = 0;
	if (p < len) {
		size_t q = ustr_next(s, len, p, &cp);
		if (cp == '(' || cp == 0xFF08) {
			open = 1;
			p = q;
		}
	}
	size_t digits = 0, q;
	while (p < len && (q = ustr_next(s, len, p, &cp), is_digit(cp) || (open && is_cn_numeral(cp)))) {
		p = q;
		digits++;
	}
	if (digits == 0 && p < len) { /* "a) ", "(b) " */
		q = ustr_next(s, len, p, &cp);
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
			p = q;
			digits = 1;
		}
	}
	if (digits == 0 || digits > 3 || p >= len)
		return 0;
	q = ustr_next(s, len, p, &cp);
	if (open) {
		if (cp != ')' && cp != 0xFF09)
			return 0;
		return q;
	}
	if (cp == 0x3001) /* 1、 */
		return q;
	if (cp != '.' && cp != ')' && cp != 0xFF0E)
		return 0;
	if (q < len && s[q] != ' ')
		return 0; /* 1.7%, 2.1 节 */
	return q;
}

/* 2: ends with a leader and a page number; 1: a chapter line (第一章 …,
 * 1.2 …); 0: neither. */
static int
toc_line(const char *s, size_t len)
{
	size_t e = len, digits = 0;
	while (e > 0 && is_digit(s[e - 1])) {
		e--;
		digits++;
	}
	if (digits > 0 && digits <= 4 && e > 0) {
		size_t leader = 0, spaces = 0, p = e;
		int32_t cp;
		while (p > 0) {
			size_t b = ustr_prev(s, p, &cp);
			if (cp == '.' || cp == 0x00B7 || cp == 0x2026 || cp == '-' || cp == '_' ||
			    cp == 0xFF0E || cp == 0x22EF)
				leader++;
			else if (cp == ' ')
				spaces++;
			else
				break;
			p = b;
		}
		if (p > 0 && (leader >= 3 || (leader == 0 && spaces >= 2)))
			return 2;
	}
	int32_t cp;
	size_t p = ustr_next(s, len, 0, &cp);
	if (cp == 0x7B2C) { /* 第 */
		size_t n = 0;
		while (p < len && (p = ustr_next(s, len, p, &cp), is_cn_numeral(cp) || is_digit(cp)))
			n++;
		static const int32_t units[] = { 0x7AE0, 0x8282, 0x56DE, 0x5377, 0x90E8, 0x7BC7 };
		for (size_t i = 0; n > 0 && i < sizeof units / sizeof units[0]; i++)
			if (cp == units[i])
				return 1;
		return 0;
	}
	if (is_digit(cp)) { /* 1.2 Title */
		size_t q = 0;
		while (q < len && (is_digit(s[q]) || s[q] == '.'))
			q++;
		if (q < len && s[q] == ' ' && memchr(s, '.', q))
			return 1;
	}
	return 0;
}

/* Two or more runs of two or more spaces inside the line: aligned columns. */
static int
space_columns(const char *s, size_t len)
{
	int runs = 0;
	for (size_t i = 0; i + 1 < len; i++) {
		if (s[i] == ' ' && s[i + 1] == ' ') {
			runs++;
			while (i < len && s[i] == ' ')
				i++;
		}
	}
	return runs >= 2;
}

enum prefmt_kind
prefmt_line(const char *t, const struct ustr_line *l)
{
	if (l->start == l->end)
		return PREFMT_NONE;
	const char *s = t + l->start;
	size_t len = l->end - l->start;
	size_t nonspace = 0, rule = 0, bars = 0, box = 0, ascii = 0;
	int32_t cp;
	for (size_t p = 0; p < len;) {
		p = ustr_next(s, len, p, &cp);
		if (ustr_is_space(cp))
			continue;
		nonspace++;
		if (cp < 0x80) {
			ascii++;
			if (strchr("-=_*~#+.:|", (int)cp))
				rule++;
			if (cp == '|')
				bars++;
		} else if (cp >= 0x2500 && cp <= 0x257F) {
			rule++;
			box++;
			if (cp == 0x2502 || cp == 0x2503 || cp == 0x2551)
				bars++;
		}
	}
	if (nonspace >= 3 && rule == nonspace)
		return PREFMT_RULE;
	if (bars >= 2 || box > 0)
		return PREFMT_TABLE;
	if (indent_of(t, l) >= 4 && ascii * 2 >= nonspace)
		return PREFMT_CODE;
	if (list_marker(s, len))
		return PREFMT_LIST;
	if (toc_line(s, len) == 2)
		return PREFMT_TOC;
	if (space_columns(s, len))
		return PREFMT_TABLE;
	return PREFMT_NONE;
}

static int
cols(const char *t, const struct ustr_line *l)
{
	struct width_opts wo = { 0 };
	return width_str(&wo, t + l->raw_start, l->end - l->raw_start);
}

static int
blank(const struct ustr_line *l)
{
	return l->start == l->end;
}

static int
toc_ok(const char *t, const struct ustr_line *l)
{
	return !blank(l) && toc_line(t + l->start, l->end - l->start) > 0 && cols(t, l) <= 60;
}

void
prefmt_mark(const char *t, const struct ustr_line *lines, size_t n, unsigned char *pre)
{
	for (size_t i = 0; i < n;) {
		const struct ustr_line *l = &lines[i];
		enum prefmt_kind k = prefmt_line(t, l);
		size_t j = i + 1;
		if (k == PREFMT_RULE || k == PREFMT_CODE) {
			pre[i] = 1;
		} else if (k == PREFMT_TABLE) {
			while (j < n && (prefmt_line(t, &lines[j]) == PREFMT_TABLE ||
					 prefmt_line(t, &lines[j]) == PREFMT_RULE))
				j++;
			if (j - i >= 2)
				memset(pre + i, 1, j - i);
		} else if (k == PREFMT_LIST) {
			size_t items = 1, ind = indent_of(t, l);
			int narrow = cols(t, l) <= PREFMT_LIST_MAX_COLS;
			while (j < n && !blank(&lines[j])) {
				if (prefmt_line(t, &lines[j]) == PREFMT_LIST &&
				    indent_of(t, &lines[j]) <= ind + 4)
					items++;
				else if (indent_of(t, &lines[j]) < ind + 2)
					break;
				narrow &= cols(t, &lines[j]) <= PREFMT_LIST_MAX_COLS;
				j++;
			}
			if (items >= 2 && narrow)
				memset(pre + i, 1, j - i);
		} else if (toc_ok(t, l)) {
			/* a table of contents: chapter lines and leader lines */
			while (j < n && toc_ok(t, &lines[j]))
				j++;
			if (j - i >= 2)
				memset(pre + i, 1, j - i);
		}
		i = j;
	}
}
