#include "sentence.h"

#include <stdint.h>

#include "ustr.h"

void
sentence_iter_init(struct sentence_iter *it, const char *text, size_t start, size_t end)
{
	it->text = text;
	it->pos = start;
	it->end = end;
	it->dquote = 0;
}

static int
is_blank(int32_t cp)
{
	return cp == '\n' || cp == '\r' || ustr_is_space(cp);
}

static int
is_alnum(int32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	       (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
	       (cp >= 0xFF41 && cp <= 0xFF5A); /* and their full-width forms */
}

/* Punctuation that always ends a sentence (in a run with what follows). */
static int
is_full_stop(int32_t cp)
{
	switch (cp) {
	case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF61: case 0x2026:
	case 0x203C: case 0x2047: case 0x2048: case 0x2049:
		return 1;
	}
	return 0;
}

/* Code point at p, or 0 at or past end. */
static int32_t
at(const struct sentence_iter *it, size_t p, size_t *next)
{
	int32_t cp = 0;
	size_t n = p;
	if (p < it->end)
		n = ustr_next(it->text, it->end, p, &cp);
	if (next)
		*next = n;
	return cp;
}

/* Does the ASCII or full-width '.', '!' or '?' at p end a sentence? prev is
 * the code point before it (0 at the sentence start). */
static int
ascii_ends(const struct sentence_iter *it, size_t p, int32_t cp, int32_t prev)
{
	size_t n;
	at(it, p, &n);
	int32_t next = at(it, n, NULL);
	if (is_alnum(prev) && is_alnum(next))
		return 0; /* 1.7, example.com, a.php?id=1 */
	if (cp == '!' || cp == '?')
		return 1;
	if (prev == 0)
		return 0; /* ".NET" */
	if (next == ' ') {
		size_t m;
		at(it, n, &m);
		int32_t after = at(it, m, NULL);
		if ((after >= 'a' && after <= 'z') || (after >= '0' && after <= '9'))
			return 0; /* "e.g. the", "No. 5" */
	}
	return 1;
}

int
sentence_iter_next(struct sentence_iter *it, size_t *ss, size_t *se)
{
	size_t p = it->pos, n;
	while (p < it->end && is_blank(at(it, p, &n)))
		p = n;
	if (p >= it->end) {
		it->pos = it->end;
		return 0;
	}
	size_t start = p, stop = it->end;
	int32_t prev = 0;
	while (p < it->end) {
		int32_t cp = at(it, p, &n);
		if (cp == '"')
			it->dquote ^= 1;
		int ends = is_full_stop(cp);
		if (!ends && (cp == '.' || cp == '!' || cp == '?' || cp == 0xFF0E))
			ends = ascii_ends(it, p, cp, prev);
		if (!ends) {
			prev = cp;
			p = n;
			continue;
		}
		/* take the run of stops and the closing quotes/brackets after it */
		size_t q = n;
		for (;;) {
			size_t m;
			int32_t c = at(it, q, &m);
			if (c == 0)
				break;
			if (is_full_stop(c) || c == '.' || c == '!' || c == '?' || c == 0xFF0E ||
			    ustr_is_closing(c)) {
				q = m;
			} else if (c == '"' && it->dquote) {
				it->dquote = 0;
				q = m;
			} else if (c == '\'' && !is_alnum(at(it, m, NULL))) {
				q = m;
			} else {
				break;
			}
		}
		int32_t c = at(it, q, NULL);
		if (c == 0xFF0C || c == ',' || c == 0x3001 || c == 0xFF1B || c == ';' ||
		    c == 0xFF1A || c == ':') {
			prev = c; /* "……，": the sentence goes on */
			p = q;
			continue;
		}
		stop = q;
		break;
	}
	it->pos = stop;
	while (stop > start) {
		int32_t cp;
		size_t b = ustr_prev(it->text, stop, &cp);
		if (!is_blank(cp))
			break;
		stop = b;
	}
	*ss = start;
	*se = stop;
	return 1;
}
