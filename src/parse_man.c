#include "parse_man.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "parse.h"

/* A line reaching this near the page's right edge was filled by the
 * formatter: the text goes on in the next line (columns). */
#define FILL_SLACK 3

struct man {
	const char *t;
	const struct ustr_line *L;
	size_t n, head, foot; /* foot: n when the page has no footer line */
	size_t base;          /* the body's indentation (columns) */
	size_t width;         /* the header line's right edge (columns) */
};

static size_t
indent(const struct ustr_line *l)
{
	return l->start - l->raw_start; /* sanitize made tabs spaces */
}

static int
blank(const struct ustr_line *l)
{
	return l->start == l->end;
}

/* XXX: a wide character counts one column; manual pages are mostly ASCII. */
static size_t
right(const char *t, const struct ustr_line *l)
{
	return ustr_count(t + l->raw_start, l->end - l->raw_start);
}

/* Length of "NAME(SECTION)" at s[0, len), ended by a space or len; 0 if
 * there is none. *open: the '(' offset. */
static size_t
man_token(const char *s, size_t len, size_t *open)
{
	size_t p = 0;
	while (p < len && s[p] != ' ' && s[p] != '(')
		p++;
	if (p == 0 || p >= len || s[p] != '(')
		return 0;
	*open = p++;
	size_t sec = p;
	while (p < len && p - sec <= 8 &&
	       ((s[p] >= '0' && s[p] <= '9') || ((s[p] | 0x20) >= 'a' && (s[p] | 0x20) <= 'z')))
		p++;
	if (p == sec || p - sec > 8 || p >= len || s[p] != ')')
		return 0;
	p++;
	return p == len || s[p] == ' ' ? p : 0;
}

/* Do a and b hold the same words, however spaced? */
static int
same_words(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;
	for (;;) {
		while (i < an && a[i] == ' ')
			i++;
		while (j < bn && b[j] == ' ')
			j++;
		if (i == an || j == bn)
			return i == an && j == bn;
		int sa = 0, sb = 0;
		while (i < an && j < bn && a[i] != ' ' && b[j] != ' ' && a[i] == b[j])
			i++, j++;
		sa = i == an || a[i] == ' ';
		sb = j == bn || b[j] == ' ';
		if (!sa || !sb)
			return 0;
	}
}

int
parse_man_detect(const char *t, const struct ustr_line *L, size_t n, size_t *head)
{
	size_t h = 0, open;
	while (h < n && blank(&L[h]))
		h++;
	if (h == n)
		return 0;
	const char *s = t + L[h].start;
	size_t len = L[h].end - L[h].start, k = man_token(s, len, &open);
	if (k == 0 || k == len || len < 2 * k + 2 || memcmp(s, s + len - k, k) != 0 ||
	    s[len - k - 1] != ' ')
		return 0;
	*head = h;
	return 1;
}

static int
furniture(const struct man *m, size_t i)
{
	const struct ustr_line *l = &m->L[i], *h = &m->L[m->head];
	if (same_words(m->t + l->start, l->end - l->start, m->t + h->start, h->end - h->start))
		return 1;
	return m->foot < m->n && (i == m->foot ||
				  same_words(m->t + l->start, l->end - l->start,
					     m->t + m->L[m->foot].start,
					     m->L[m->foot].end - m->L[m->foot].start));
}

/* A line with a gap of two spaces or more inside: the three parts of a
 * page's footer. */
static int
gapped(const char *t, const struct ustr_line *l)
{
	const char *g = memmem(t + l->start, l->end - l->start, "  ", 2);
	return g != NULL;
}

/* Does a word start at column col of line l after two spaces (a tag's
 * text, "-c     with -lt")? */
static int
text_at(const char *t, const struct ustr_line *l, size_t col)
{
	size_t p = l->raw_start, c = 0;
	while (p < l->end && c < col) {
		int32_t cp;
		p = ustr_next(t, l->end, p, &cp);
		c++;
	}
	return c == col && p < l->end && p >= l->start + 2 && t[p] != ' ' && t[p - 1] == ' ' &&
	       t[p - 2] == ' ';
}

/* Was line i filled: near the right edge, or the next line's first word
 * would not have fitted on it? */
static int
full(const struct man *m, size_t i)
{
	size_t r = right(m->t, &m->L[i]), w = 0;
	int32_t last;
	ustr_prev(m->t, m->L[i].end, &last);
	if (r + FILL_SLACK >= m->width || last == 0x2010) /* hyphenated: speci‐ */
		return 1;
	/* a synopsis's "[-c cipher_spec]" is not broken inside */
	int depth = 0;
	if (i + 1 < m->n)
		for (size_t p = m->L[i + 1].start; p < m->L[i + 1].end && (depth || m->t[p] != ' ');) {
			int32_t cp;
			depth += m->t[p] == '[' ? 1 : m->t[p] == ']' && depth ? -1 : 0;
			p = ustr_next(m->t, m->L[i + 1].end, p, &cp);
			w++;
		}
	return w > 0 && r + 1 + w > m->width;
}

static int
body(const struct man *m, size_t i)
{
	return i < m->n && !blank(&m->L[i]) && !furniture(m, i) && indent(&m->L[i]) >= m->base;
}

/* "ls(1) — list directory contents" from the NAME section's text s[0, len)
 * ("ls - list directory contents") and the header's token. */
static char *
title_of(const struct man *m, const char *s, size_t len)
{
	const char *h = m->t + m->L[m->head].start;
	size_t open, k = man_token(h, m->L[m->head].end - m->L[m->head].start, &open);
	static const char *const dashes[] = { " - ", " \u2014 ", " \u2013 ", " \u2010 ", " \\- " };
	const char *d = NULL;
	size_t dl = 0;
	for (size_t i = 0; s && i < sizeof dashes / sizeof dashes[0]; i++) {
		const char *q = memmem(s, len, dashes[i], strlen(dashes[i]));
		if (q && (d == NULL || q < d))
			d = q, dl = strlen(dashes[i]);
	}
	size_t name = 0;
	while (s && name < len && !strchr(" ,\n", s[name]))
		name++;
	int own = s && name == open && strncasecmp(s, h, open) == 0;
	size_t cap = k + (d ? len : 0) + 8;
	char *out = malloc(cap), *o = out;
	if (out == NULL)
		return NULL;
	memcpy(o, own ? s : h, open);
	memcpy(o + open, h + open, k - open);
	o += k;
	if (d) {
		memcpy(o, " \u2014 ", strlen(" \u2014 "));
		o += strlen(" \u2014 ");
		int space = 0;
		for (const char *q = d + dl; q < s + len; q++) {
			if (*q == ' ' || *q == '\n') {
				space = o[-1] != ' ';
				continue;
			}
			if (space)
				*o++ = ' ';
			space = 0;
			*o++ = *q;
		}
	}
	*o = 0;
	return out;
}

int
parse_man_units(const char *t, const struct ustr_line *L, size_t n, size_t head,
		parse_man_push_fn push, void *ctx, char **title)
{
	struct man m = { t, L, n, head, n, 0, right(t, &L[head]) };
	size_t f = n;
	while (f > head + 1 && blank(&L[f - 1]))
		f--;
	if (f > head + 1 && indent(&L[f - 1]) == 0 && gapped(t, &L[f - 1]))
		m.foot = f - 1;
	for (size_t i = head + 1; i < n && m.base == 0; i++)
		if (!blank(&L[i]) && !furniture(&m, i))
			m.base = indent(&L[i]);
	size_t name_s = 0, name_e = 0, headings = 0, hang = 0;
	int rc = 0;
	for (size_t i = head; i < n && rc == 0;) {
		const struct ustr_line *l = &L[i];
		if (blank(l)) {
			i++;
			continue;
		}
		if (furniture(&m, i) || m.base == 0 || indent(l) < m.base) {
			int kind = furniture(&m, i) ? BLOCK_BOILERPLATE : BLOCK_HEADING;
			headings += kind == BLOCK_HEADING;
			rc = push(ctx, l->start, l->end, kind);
			i++;
			continue;
		}
		size_t ind = indent(l), cont = ind, j = i;
		int alone = 0;
		if (body(&m, i + 1)) {
			size_t n1 = indent(&L[i + 1]);
			if (n1 > ind && (full(&m, i) || text_at(t, l, n1)))
				cont = hang = n1;
			else if (n1 != ind)
				alone = 1;
			/* "-v  Print shell input lines...", "-x  Print commands...":
			 * tags at the column the last tag's text hung at */
			else if (hang > ind && text_at(t, l, hang) && text_at(t, &L[i + 1], hang))
				alone = 1;
		}
		/* a tag alone on its line ("-a, --all") and the text under it
		 * are one unit, when that text is prose: the layout gives the
		 * tag its own row */
		if (alone && !full(&m, i) && indent(&L[i + 1]) > ind) {
			size_t k = i + 1, n1 = indent(&L[i + 1]);
			int filled = 1;
			while (body(&m, k + 1) && indent(&L[k + 1]) == n1)
				filled &= full(&m, k++);
			if (filled)
				alone = 0, cont = n1, j = k;
		}
		while (!alone && body(&m, j + 1) && indent(&L[j + 1]) == cont)
			j++;
		int prose = 1;
		for (size_t k = i + (cont > ind && !text_at(t, l, cont)); k < j; k++)
			prose &= full(&m, k);
		if (headings == 1 && name_e == 0) {
			name_s = l->start;
			name_e = L[j].end;
		}
		rc = push(ctx, l->raw_start + m.base, L[j].end, prose ? BLOCK_INDENTED : BLOCK_PRE);
		i = j + 1;
	}
	if (rc != 0)
		return rc;
	*title = title_of(&m, name_e ? t + name_s : NULL, name_e - name_s);
	return *title ? 0 : ERR_NOMEM;
}
