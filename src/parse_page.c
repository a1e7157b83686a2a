#include "parse_page.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"

static int
blank(const struct ustr_line *l)
{
	return l->start == l->end;
}

static int
digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The line's next character as its key sees it: a run of digits is '#', a
 * run of spaces ' '; 0 at the end. */
static int
key_next(const char *t, size_t *p, size_t end)
{
	if (*p >= end)
		return 0;
	char c = t[*p];
	if (digit(c) || c == ' ') {
		while (*p < end && (c == ' ' ? t[*p] == ' ' : digit(t[*p])))
			(*p)++;
		return c == ' ' ? ' ' : '#';
	}
	(*p)++;
	return (unsigned char)c;
}

/* The order of two lines' keys; 0 when the keys are the same. */
static int
key_order(const char *t, const struct ustr_line *a, const struct ustr_line *b)
{
	size_t p = a->start, q = b->start;
	for (;;) {
		int x = key_next(t, &p, a->end), y = key_next(t, &q, b->end);
		if (x != y)
			return x < y ? -1 : 1;
		if (x == 0)
			return 0;
	}
}

struct ctx {
	const char *t;
	const struct ustr_line *L;
};

/* By key, then by line. */
static int
key_cmp(const void *a, const void *b, void *arg)
{
	const struct ctx *c = arg;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int o = key_order(c->t, &c->L[i], &c->L[j]);
	return o ? o : i < j ? -1 : i > j;
}

/* "Page 12", "[Page 12]", "- 12 -", "第 12 页" */
static int
page_number(const char *s, size_t len)
{
	static const char *const words[] = { "Page ", "page ", "PAGE ", "\u7b2c", NULL };
	for (size_t k = 0; words[k]; k++) {
		const char *w = memmem(s, len, words[k], strlen(words[k]));
		if (w == NULL)
			continue;
		size_t p = (size_t)(w - s) + strlen(words[k]);
		while (p < len && s[p] == ' ')
			p++;
		if (p < len && digit(s[p]))
			return k < 3 || memmem(s + p, len - p, "\u9875", 3) != NULL;
	}
	return len >= 5 && s[0] == '-' && s[1] == ' ' && digit(s[2]) && s[len - 1] == '-';
}

static int
candidate(const char *t, const struct ustr_line *l)
{
	size_t len = l->end - l->start;
	const char *s = t + l->start;
	if (len == 0 || len > 200)
		return 0;
	/* a page number alone is short: "第3页的正文" in a sentence is not one */
	return memmem(s, len, "  ", 2) != NULL || (ustr_count(s, len) <= 16 && page_number(s, len));
}

static int
by_blank(const struct ustr_line *L, size_t n, size_t i)
{
	return i == 0 || blank(&L[i - 1]) || i + 1 == n || blank(&L[i + 1]);
}

int
parse_page_furniture(const char *t, const struct ustr_line *L, size_t n, unsigned char *furn)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		m += candidate(t, &L[i]);
	if (m < 2)
		return 0;
	size_t *v = malloc(m * sizeof *v);
	if (v == NULL)
		return ERR_NOMEM;
	m = 0;
	for (size_t i = 0; i < n; i++)
		if (candidate(t, &L[i]))
			v[m++] = i;
	struct ctx c = { t, L };
	qsort_r(v, m, sizeof *v, key_cmp, &c);
	for (size_t a = 0, b; a < m; a = b) {
		int ok = by_blank(L, n, v[a]);
		for (b = a + 1; b < m && key_order(t, &L[v[a]], &L[v[b]]) == 0; b++)
			ok &= v[b] - v[b - 1] >= PARSE_PAGE_GAP && by_blank(L, n, v[b]);
		if (ok && b - a >= 2)
			for (size_t k = a; k < b; k++)
				furn[v[k]] = 1;
	}
	free(v);
	return 0;
}
