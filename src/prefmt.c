#include "prefmt.h"

#include <stdint.h>
#include <string.h>

#include "kinsoku.h"
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

static int
is_circled(int32_t cp)
{
	return (cp >= 0x2460 && cp <= 0x249B) || (cp >= 0x2776 && cp <= 0x2793);
}

/* Past the spaces at s[p]. */
static size_t
spaces_from(const char *s, size_t len, size_t p)
{
	while (p < len && s[p] == ' ')
		p++;
	return p;
}

/* Length of a list marker at s[0, len) (including the spaces after it), or
 * 0. Numbers: "1. " "1) " "1．" "1、" "(1) " "（一）" "一、" "[1] "; bullets;
 * circled numbers ①; letters "a) " "(b) ". */
size_t
prefmt_list_marker(const char *s, size_t len)
{
	static const char *const bullets[] = {
		"- ", "* ", "+ ", "\u2022", "\u00b7 ", "\u30fb", "\u25e6", "\u25aa", "\u25cf",
		"\u25cb", "\u25a0", "\u25a1", "\u25c6", "\u25c7", "\u221a", NULL,
	};
	size_t n = ustr_prefix(s, len, bullets);
	if (n)
		return n < len ? spaces_from(s, len, n) : 0;
	/* a note: "^[1] ", "[注1] " */
	if ((n = kinsoku_note_len(s, len)) > 0 && n + 1 < len && s[n] == ' ')
		return spaces_from(s, len, n);
	size_t p = 0;
	int32_t cp;
	int open = 0, square = 0;
	if (p < len) {
		size_t q = ustr_next(s, len, p, &cp);
		if (is_circled(cp))
			return q < len ? spaces_from(s, len, q) : 0;
		if (cp == '(' || cp == 0xFF08) {
			open = 1;
			p = q;
		} else if (cp == '[') {
			square = 1;
			p = q;
		}
	}
	size_t digits = 0, cn = 0, q;
	while (p < len && (q = ustr_next(s, len, p, &cp), is_digit(cp) || (!square && is_cn_numeral(cp)))) {
		cn += !is_digit(cp);
		p = q;
		digits++;
	}
	if (digits == 0 && p < len && !square) { /* "a) ", "(b) " */
		q = ustr_next(s, len, p, &cp);
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
			p = q;
			digits = 1;
		}
	}
	if (digits == 0 || digits > 3 || p >= len || (cn && cn != digits))
		return 0;
	q = ustr_next(s, len, p, &cp);
	if (open || square) {
		if (open ? (cp != ')' && cp != 0xFF09) : cp != ']')
			return 0;
		if (square && (q >= len || s[q] != ' '))
			return 0; /* "[1]" inside a line is a footnote mark */
		return q < len ? spaces_from(s, len, q) : 0;
	}
	if (cp == 0x3001) /* 1、 一、 */
		return q < len ? spaces_from(s, len, q) : 0;
	if (cn || (cp != '.' && cp != ')' && cp != 0xFF0E))
		return 0;
	if (q >= len)
		return 0;
	int32_t next;
	ustr_next(s, len, q, &next);
	if (s[q] != ' ' && !(ustr_is_cjk(next) && cp != ')'))
		return 0; /* 1.7%, 2.1 节 */
	return spaces_from(s, len, q);
}

size_t
prefmt_item_end(const char *t, size_t a, size_t end)
{
	for (const char *nl; (nl = memchr(t + a, '\n', end - a)) != NULL;) {
		size_t s = (size_t)(nl - t) + 1;
		const char *nx = memchr(t + s, '\n', end - s);
		size_t e = nx ? (size_t)(nx - t) : end;
		while (s < e && t[s] == ' ')
			s++;
		if (prefmt_list_marker(t + s, e - s))
			return (size_t)(nl - t);
		a = s;
	}
	return end;
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

/* Two or more runs of two or more spaces inside the line, or one of four or
 * more ("Network Working Group          R. Fielding"): aligned columns. */
static int
space_columns(const char *s, size_t len)
{
	int runs = 0, wide = 0;
	for (size_t i = 0; i + 1 < len; i++) {
		if (s[i] == ' ' && s[i + 1] == ' ') {
			size_t a = i;
			runs++;
			while (i < len && s[i] == ' ')
				i++;
			wide |= i - a >= 4;
		}
	}
	return runs >= 2 || wide;
}

/* A listing line: a line number of one to four digits, then two spaces
 * (or ": ", "| ") and the line itself, with some indentation. */
static int
numbered(const char *s, size_t len)
{
	size_t p = 0;
	while (p < len && p < 5 && is_digit(s[p]))
		p++;
	if (p == 0 || p > 4 || p + 2 >= len)
		return 0;
	return (s[p] == ' ' && s[p + 1] == ' ') || ((s[p] == ':' || s[p] == '|') && s[p + 1] == ' ');
}

/* Begins or ends the way only code does: a prompt or a comment leader, a
 * brace, a line continuation. */
static int
code_like(const char *s, size_t len)
{
	static const char *const heads[] = { "$ ", "# ", "% ", "//", "/*", "#!", "#include", "#define",
					     "{", "}", NULL };
	static const char *const tails[] = { "{", "}", "\\", "*/", NULL };
	if (ustr_prefix(s, len, heads))
		return 1;
	for (size_t i = 0; tails[i]; i++)
		if (ustr_suffix(s, len, tails[i]))
			return 1;
	return 0;
}

enum prefmt_kind
prefmt_line(const char *t, const struct ustr_line *l)
{
	if (l->start == l->end)
		return PREFMT_NONE;
	const char *s = t + l->start;
	size_t len = l->end - l->start;
	size_t nonspace = 0, rule = 0, bars = 0, box = 0, ascii = 0, stops = 0;
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
		} else if (cp == 0xFF0C || cp == 0x3002 || cp == 0xFF1B || cp == 0xFF1A ||
			   cp == 0x3001 || cp == 0xFF1F || cp == 0xFF01) {
			stops++;
		}
	}
	if (nonspace >= 3 && rule == nonspace)
		return PREFMT_RULE;
	if (bars >= 2 || box > 0)
		return PREFMT_TABLE;
	size_t ind = indent_of(t, l);
	/* mostly ASCII, but Chinese sentence marks: prose with a URL */
	if (ind >= 4 && ((ascii * 2 >= nonspace && stops == 0) || code_like(s, len)))
		return PREFMT_CODE;
	if (ind >= 2 && numbered(s, len))
		return PREFMT_CODE;
	if (toc_line(s, len) == 2)
		return PREFMT_TOC;
	if (prefmt_list_marker(s, len))
		return PREFMT_LIST;
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

/* A hard-wrapped line: wide, and not ending a sentence or a clause. */
static int
wrapped_on(const char *t, const struct ustr_line *l)
{
	int32_t cp;
	ustr_prev(t, l->end, &cp);
	return cols(t, l) >= 56 && cp != 0x3002 && cp != 0xFF1A && cp != 0xFF1B && cp != 0xFF01 &&
	       cp != 0xFF1F && cp != ':' && cp != ';';
}

/* The lines from i that would make a list: their end (exclusive); *ok set
 * when they are one. */
static size_t
list_run(const char *t, const struct ustr_line *lines, size_t n, size_t i, int *ok)
{
	size_t items = 1, conts = 0, ind = indent_of(t, &lines[i]), item_ind = ind, j = i + 1;
	size_t wide = cols(t, &lines[i]) > PREFMT_LIST_MAX_COLS;
	for (; j < n && !blank(&lines[j]); j++) {
		const struct ustr_line *l = &lines[j];
		size_t li = indent_of(t, l);
		enum prefmt_kind k = prefmt_line(t, l);
		if (k == PREFMT_LIST && li >= ind) {
			items++;
			item_ind = li;
		} else if (k == PREFMT_LIST || k == PREFMT_RULE || k == PREFMT_TABLE ||
			   k == PREFMT_TOC || (k == PREFMT_CODE && li > item_ind + 4)) {
			break;
		} else if (li >= item_ind + 2 || (li >= ind && wrapped_on(t, &lines[j - 1]))) {
			conts++;
		} else {
			break;
		}
		wide += cols(t, l) > PREFMT_LIST_MAX_COLS;
	}
	/* one long line (a URL) among four does not make it prose */
	*ok = (items >= 2 || conts > 0) && wide * 4 <= j - i;
	return j;
}

static int
verbatim(enum prefmt_kind k)
{
	return k == PREFMT_CODE || k == PREFMT_TABLE || k == PREFMT_RULE || k == PREFMT_TOC;
}

/* Lines [i, j) indented four or more, not blank: mostly code, tables or
 * rules, they are all kept (a table's header, a comment in Chinese). */
static size_t
indented_run(const char *t, const struct ustr_line *lines, size_t n, size_t i, unsigned char *pre)
{
	size_t j = i, code = 0;
	while (j < n && !blank(&lines[j]) && indent_of(t, &lines[j]) >= 4) {
		code += verbatim(prefmt_line(t, &lines[j]));
		j++;
	}
	if (j - i >= 2 && code > 0 && code * 2 >= j - i) {
		memset(pre + i, PREFMT_MARK_PRE, j - i);
		return j;
	}
	return i;
}

/* The text's measure: its widest line of PREFMT_LIST_MAX_COLS columns or
 * fewer (a long URL aside). */
static int
measure(const char *t, const struct ustr_line *lines, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n; i++) {
		int c = cols(t, &lines[i]);
		if (c <= PREFMT_LIST_MAX_COLS + 20 && c > w)
			w = c;
	}
	return w;
}

/* A line alone between blank lines, centred in the text's measure, with no
 * mark of code: a title ("Hypertext Transfer Protocol -- HTTP/1.1"), not
 * code. *w: the measure, computed on first use (-1 before). */
static int
centred(const char *t, const struct ustr_line *lines, size_t n, size_t i, int *w)
{
	const struct ustr_line *l = &lines[i];
	int ind = (int)indent_of(t, l);
	if (ind < 8 || (i > 0 && !blank(&lines[i - 1])) || (i + 1 < n && !blank(&lines[i + 1])) ||
	    code_like(t + l->start, l->end - l->start) ||
	    memchr(t + l->start, ';', l->end - l->start) || memchr(t + l->start, '=', l->end - l->start))
		return 0;
	if (*w < 0)
		*w = measure(t, lines, n);
	int right = *w - cols(t, l);
	return right >= 0 && ind - right <= 4 && right - ind <= 4;
}

/* The start of the list item whose lines end at line e (exclusive): back
 * over blank lines and its continuation lines and paragraphs, indented
 * deeper than ind; n if the line there opens no item at indentation ind. */
static size_t
item_before(const char *t, const struct ustr_line *lines, size_t e, size_t ind, size_t n)
{
	while (e > 0 && (blank(&lines[e - 1]) || indent_of(t, &lines[e - 1]) > ind))
		e--;
	if (e == 0 || indent_of(t, &lines[e - 1]) != ind ||
	    prefmt_line(t, &lines[e - 1]) != PREFMT_LIST)
		return n;
	return e - 1;
}

/* Items apart by blank lines ("1. …\n\n2. …", GNU's INSTALL): an item
 * alone between blank lines is a list when an item at its indentation
 * comes just before or after it. Lines [i, j) are the item's. */
static int
spaced_item(const char *t, const struct ustr_line *lines, size_t n, size_t i, size_t j)
{
	size_t ind = indent_of(t, &lines[i]), wide = 0;
	for (size_t k = i; k < j; k++)
		wide += cols(t, &lines[k]) > PREFMT_LIST_MAX_COLS;
	if (wide * 4 > j - i)
		return 0;
	if (item_before(t, lines, i, ind, n) < n)
		return 1;
	size_t k = j;
	while (k < n && blank(&lines[k]))
		k++;
	return k > j && k < n && indent_of(t, &lines[k]) == ind && prefmt_line(t, &lines[k]) == PREFMT_LIST;
}

void
prefmt_mark(const char *t, const struct ustr_line *lines, size_t n, unsigned char *pre)
{
	int w = -1;
	for (size_t i = 0; i < n;) {
		const struct ustr_line *l = &lines[i];
		enum prefmt_kind k = prefmt_line(t, l);
		size_t j = k == PREFMT_LIST ? i : indented_run(t, lines, n, i, pre);
		int ok = 0;
		if (j > i) {
			i = j;
			continue;
		}
		j = i + 1;
		if (k == PREFMT_CODE && centred(t, lines, n, i, &w)) {
			;
		} else if (k == PREFMT_RULE || k == PREFMT_CODE) {
			pre[i] = PREFMT_MARK_PRE;
		} else if (k == PREFMT_TABLE) {
			while (j < n && verbatim(prefmt_line(t, &lines[j])))
				j++;
			if (j - i >= 2)
				memset(pre + i, PREFMT_MARK_PRE, j - i);
		} else if (k == PREFMT_LIST) {
			j = list_run(t, lines, n, i, &ok);
			if (ok || spaced_item(t, lines, n, i, j))
				memset(pre + i, PREFMT_MARK_LIST, j - i);
		} else if (toc_ok(t, l)) {
			/* a table of contents: chapter lines and leader lines */
			while (j < n && toc_ok(t, &lines[j]))
				j++;
			if (j - i >= 2)
				memset(pre + i, PREFMT_MARK_PRE, j - i);
		}
		i = j;
	}
}
