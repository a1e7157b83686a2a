#include "parse_line.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ustr.h"

static int
is_colon(int32_t cp)
{
	return cp == ':' || cp == 0xFF1A;
}

/* Strip one pair of enclosing brackets: (x) （x） 【x】 [x]. */
static void
unbracket(const char *s, size_t *b, size_t *e)
{
	int32_t o, c;
	if (*e - *b < 2)
		return;
	size_t q = ustr_next(s, *e, *b, &o);
	size_t p = ustr_prev(s, *e, &c);
	if (((o == '(' || o == 0xFF08) && (c == ')' || c == 0xFF09)) ||
	    (o == 0x3010 && c == 0x3011) || (o == '[' && c == ']')) {
		ustr_trim(s, q, p, b, e);
	}
}

/* Skip spaces then one colon (if colon_needed, fail without it) then
 * spaces; returns the new offset or (size_t)-1. */
static size_t
skip_colon(const char *s, size_t len, size_t p, int colon_needed)
{
	int32_t cp;
	int colon = 0;
	while (p < len) {
		size_t q = ustr_next(s, len, p, &cp);
		if (is_colon(cp) && !colon)
			colon = 1;
		else if (!ustr_is_space(cp))
			break;
		p = q;
	}
	return colon_needed && !colon ? (size_t)-1 : p;
}

/* More than max code points? Without counting a line that is surely longer
 * (a code point is at most four bytes). */
static int
longer_than(const char *s, size_t len, size_t max)
{
	return len > 4 * max || (len > max && ustr_count(s, len) > max);
}

static int
has_stop(const char *s, size_t len)
{
	return ustr_find(s, len, "\u3002") < len || ustr_find(s, len, "\uff01") < len;
}

int
parse_line_source(const char *s, size_t len, size_t *name_off, size_t *name_len)
{
	static const char *const labels[] = {
		"文章来源", "文章來源", "本文来源", "本文來源", "稿件来源", "稿件來源",
		"新闻来源", "新聞來源", "信息来源", "資料來源", "来源",     "來源",
		"出处",     "出處",     "Source",   "source",   "SOURCE",   NULL,
	};
	size_t b = 0, e = len;
	unbracket(s, &b, &e);
	/* "2025-03-31 10:22 来源:新华社": a dateline may come first */
	while (b < e && ((s[b] && strchr("0123456789-:/. ", s[b])) ||
			 ustr_prefix(s + b, e - b, (const char *const[]){ "年", "月", "日", NULL })))
		b += (unsigned char)s[b] < 0x80 ? 1 : 3;
	size_t n = ustr_prefix(s + b, e - b, labels);
	if (n == 0)
		return 0;
	size_t p = skip_colon(s, e, b + n, 1);
	if (p == (size_t)-1 || p >= e)
		return 0;
	size_t q = p;
	int32_t cp;
	while (q < e) {
		size_t r = ustr_next(s, e, q, &cp);
		if (ustr_is_space(cp) || cp == '|' || cp == 0xFF5C || ustr_is_closing(cp) ||
		    cp == 0xFF0C || cp == ',' || cp == 0x3001)
			break;
		q = r;
	}
	size_t rest_b, rest_e;
	ustr_trim(s, q, e, &rest_b, &rest_e);
	if (q == p || ustr_count(s + p, q - p) > 30 || ustr_count(s + rest_b, rest_e - rest_b) > 30 ||
	    has_stop(s, len))
		return 0;
	*name_off = p;
	*name_len = q - p;
	return 1;
}

/* Names after a 记者 label: Han names, spaces, 、 and ·, up to a bracket. */
static int
names_after(const char *s, size_t len, size_t p, size_t *off, size_t *nlen)
{
	size_t q = p, last = p;
	int32_t cp;
	size_t han = 0;
	while (q < len) {
		size_t r = ustr_next(s, len, q, &cp);
		if (cp == '(' || cp == 0xFF08 || cp == 0x3010)
			break;
		if (ustr_is_han(cp) || cp == 0x00B7 || cp == 0x30FB ||
		    ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'))
			han++, last = r;
		else if (!(ustr_is_space(cp) || cp == 0x3001 || cp == ',' || cp == 0xFF0C))
			return 0;
		q = r;
	}
	if (han < 2 || han > 40)
		return 0;
	/* what follows the names must be a bracketed note: (e-mail), （实习生 X） */
	if (q < len) {
		int32_t c;
		ustr_prev(s, len, &c);
		if (!ustr_is_closing(c))
			return 0;
	}
	*off = p;
	*nlen = last - p;
	return 1;
}

enum parse_byline
parse_line_byline(const char *s, size_t len, size_t *names_off, size_t *names_len)
{
	static const char *const inst[] = { "作者单位", "作者單位", NULL };
	static const char *const author[] = { "作者", "撰文", "文字", "文", "By ", "by ", NULL };
	size_t b = 0, e = len;
	if (longer_than(s, len, 60) || has_stop(s, len))
		return PARSE_BYLINE_NONE;
	unbracket(s, &b, &e);
	size_t n = ustr_prefix(s + b, e - b, inst);
	if (n) {
		size_t p = skip_colon(s, e, b + n, 1);
		if (p == (size_t)-1 || p >= e)
			return PARSE_BYLINE_NONE;
		*names_off = p;
		*names_len = e - p;
		return PARSE_BYLINE_INSTITUTION;
	}
	size_t k = ustr_find(s + b, e - b, "记者");
	if (k == e - b)
		k = ustr_find(s + b, e - b, "記者");
	if (k < e - b && ustr_count(s + b, k) <= 12) {
		size_t p = skip_colon(s, e, b + k + strlen("记者"), 0);
		if (names_after(s, e, p, names_off, names_len))
			return PARSE_BYLINE_AUTHOR;
		return PARSE_BYLINE_NONE;
	}
	n = ustr_prefix(s + b, e - b, author);
	if (n) {
		int32_t cp;
		size_t p = b + n;
		if (p < e) {
			size_t q = ustr_next(s, e, p, &cp);
			if (cp == '/' || cp == 0xFF0F || cp == '|' || cp == 0xFF5C)
				p = skip_colon(s, e, q, 0);
			else if (n < 3 || !ustr_is_space(s[p - 1]))
				p = skip_colon(s, e, p, 1);
		}
		if (p != (size_t)-1 && p < e && ustr_count(s + p, e - p) <= 20 &&
		    names_after(s, e, p, names_off, names_len))
			return PARSE_BYLINE_AUTHOR;
	}
	return PARSE_BYLINE_NONE;
}

size_t
parse_line_trailing_byline(const char *s, size_t len)
{
	int32_t c;
	if (len < 4)
		return len;
	size_t p = ustr_prev(s, len, &c);
	if (c != ')' && c != 0xFF09)
		return len;
	/* back to the matching opening bracket */
	while (p > 0) {
		p = ustr_prev(s, p, &c);
		if (c == '(' || c == 0xFF08)
			break;
		if (ustr_is_closing(c) || c == 0x3002)
			return len;
	}
	if ((c != '(' && c != 0xFF08) || p == 0)
		return len;
	size_t no, nl;
	if (parse_line_byline(s + p, len - p, &no, &nl) != PARSE_BYLINE_AUTHOR)
		return len;
	if (ustr_find(s + p, len - p, "记者") == len - p && ustr_find(s + p, len - p, "記者") == len - p)
		return len;
	return p;
}

int
parse_line_summary(const char *s, size_t len, int *label_only)
{
	static const char *const labels[] = {
		"AI导读", "AI導讀", "内容摘要", "內容摘要", "内容提要", "內容提要", "摘要", "提要",
		"导读",   "導讀",   "编者按",   "編者按",   "核心提示", "Abstract", "Summary", NULL,
	};
	size_t n = ustr_prefix(s, len, labels);
	if (n == 0)
		return 0;
	size_t p = skip_colon(s, len, n, 1);
	if (p == (size_t)-1)
		return 0;
	*label_only = p >= len;
	return 1;
}

int
parse_line_caption(const char *s, size_t len, int *credit_only)
{
	static const char *const credits[] = { "供图", "供圖", " 摄", " 攝", "/摄", "／摄", NULL };
	if (longer_than(s, len, 150))
		return 0;
	size_t credit = len; /* where the credit starts */
	for (size_t i = 0; credits[i]; i++) {
		if (ustr_suffix(s, len, credits[i]) && len > strlen(credits[i])) {
			/* the credit is the run of non-stop text before the suffix */
			size_t p = len - strlen(credits[i]);
			int32_t cp;
			while (p > 0) {
				size_t q = ustr_prev(s, p, &cp);
				if (cp == 0x3002 || cp == 0xFF0C || cp == ',' || cp == 0xFF1B)
					break;
				p = q;
			}
			credit = p;
			break;
		}
	}
	if (credit == len) {
		/* 图/新华, 圖/新華社: a short source after the slash */
		static const char *const marks[] = { "图/", "圖/", "图／", "图｜", "图|", NULL };
		for (size_t i = 0; marks[i] && credit == len; i++) {
			const char *m = s, *hit = NULL;
			while ((m = memmem(m, len - (size_t)(m - s), marks[i], strlen(marks[i])))) {
				hit = m;
				m += strlen(marks[i]);
			}
			if (hit) {
				size_t after = (size_t)(hit - s) + strlen(marks[i]);
				if (ustr_count(s + after, len - after) <= 12 && !has_stop(s + after, len - after))
					credit = (size_t)(hit - s);
			}
		}
	}
	if (credit == len) {
		static const char *const src[] = { "图片来源", "圖片來源", "图源", "圖源", NULL };
		int32_t c;
		ustr_prev(s, len, &c);
		for (size_t i = 0; src[i] && credit == len; i++) {
			size_t k = ustr_find(s, len, src[i]);
			if (k < len && ustr_count(s + k, len - k) <= 24 &&
			    (k == 0 || ustr_is_closing(c)))
				credit = k;
		}
	}
	if (credit == len)
		return 0;
	int32_t o;
	if (credit > 0 && ustr_is_opening((ustr_prev(s, credit, &o), o)))
		credit = ustr_prev(s, credit, &o);
	*credit_only = credit == 0;
	return 1;
}

/* The last code point of s[0, len) that is not a closing quote or bracket. */
static int32_t
last_mark(const char *s, size_t len)
{
	int32_t cp = 0;
	for (size_t e = len; e > 0;) {
		e = ustr_prev(s, e, &cp);
		if (!ustr_is_closing(cp) && cp != '"')
			break;
	}
	return cp;
}

static int
shaped(const char *s, size_t len, size_t max)
{
	if (len == 0 || longer_than(s, len, max))
		return 0;
	int letters = 0;
	for (size_t p = 0; p < len;) {
		int32_t cp;
		size_t q = ustr_next(s, len, p, &cp);
		if (cp == 0x3002 || cp == 0xFF1B || cp == ';' || cp == 0x2026)
			return 0;
		if ((cp == 0xFF01 || cp == 0xFF1F || cp == '!' || cp == '?') && q < len)
			return 0; /* a sentence end inside: prose */
		if (ustr_is_han(cp) || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'))
			letters = 1;
		p = q;
	}
	int32_t last = last_mark(s, len);
	return letters && last != 0xFF0C && last != ',' && last != 0x3001 && last != '.' &&
	       last != 0x2014;
}

static int
has_cjk(const char *s, size_t len)
{
	for (size_t p = 0; p < len;) {
		int32_t cp;
		p = ustr_next(s, len, p, &cp);
		if (ustr_is_cjk(cp))
			return 1;
	}
	return 0;
}

int
parse_line_heading(const char *s, size_t len)
{
	if (!has_cjk(s, len)) /* "2 Notational Conventions and Generic Grammar" */
		return shaped(s, len, PARSE_LINE_HEADING_LATIN_MAX) && last_mark(s, len) != ':';
	return shaped(s, len, PARSE_LINE_HEADING_MAX);
}

int
parse_line_title(const char *s, size_t len)
{
	int32_t c = last_mark(s, len);
	size_t commas = 0;
	for (size_t p = 0; p < len;) {
		int32_t cp;
		p = ustr_next(s, len, p, &cp);
		commas += cp == 0xFF0C || cp == ',';
	}
	return shaped(s, len, PARSE_LINE_TITLE_MAX) && !is_colon(c) && ustr_count(s, len) >= 4 &&
	       commas <= 2;
}

int
parse_line_prose(const char *s, size_t len)
{
	return longer_than(s, len, 29) &&
	       (has_stop(s, len) || ustr_find(s, len, ". ") < len || ustr_suffix(s, len, "."));
}

/* Digits at s[p] (at most max of them) as a number; *end past them. */
static int
number(const char *s, size_t len, size_t p, int max, size_t *end)
{
	int v = 0, n = 0;
	while (p < len && n < max && s[p] >= '0' && s[p] <= '9') {
		v = v * 10 + (s[p] - '0');
		p++;
		n++;
	}
	*end = p;
	return n ? v : -1;
}

int
parse_line_date(const char *s, size_t len, char out[11])
{
	for (size_t i = 0; i + 4 <= len; i++) {
		if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
			continue;
		size_t p;
		int y = number(s, len, i, 4, &p);
		if (y < 1900 || y > 2199 || p != i + 4)
			continue;
		int cn = ustr_prefix(s + p, len - p, (const char *const[]){ "年", NULL }) != 0;
		char sep = 0;
		if (cn)
			p += strlen("年");
		else if (p < len && (s[p] == '-' || s[p] == '/' || s[p] == '.'))
			sep = s[p++];
		else
			continue;
		int m = number(s, len, p, 2, &p);
		if (m < 1 || m > 12)
			continue;
		if (cn && ustr_prefix(s + p, len - p, (const char *const[]){ "月", NULL }))
			p += strlen("月");
		else if (!cn && p < len && s[p] == sep)
			p++;
		else
			continue;
		int d = number(s, len, p, 2, &p);
		if (d < 1 || d > 31)
			continue;
		snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
		return 1;
	}
	return 0;
}
