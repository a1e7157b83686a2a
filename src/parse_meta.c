#include "parse_meta.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "ustr.h"

/* Length of an ASCII "key:" at s (the colon included), or 0. */
static size_t
header_key(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && i < 32 &&
	       ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		(i > 0 && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-'))))
		i++;
	if (i == 0 || i >= len)
		return 0;
	if (s[i] == ':')
		return i + 1;
	if (len - i >= 3 && memcmp(s + i, "\uff1a", 3) == 0)
		return i + 3;
	return 0;
}

static char **
field(struct meta *m, const char *key, size_t klen)
{
	static const char *const names[] = { "title", "source", "author", "date" };
	char **slots[] = { &m->title, &m->source, &m->author, &m->date };
	for (size_t i = 0; i < 4; i++)
		if (strlen(names[i]) == klen && strncasecmp(key, names[i], klen) == 0)
			return slots[i];
	return NULL;
}

int
parse_meta_header(const char *t, const struct ustr_line *lines, size_t n, struct meta *m)
{
	size_t i = 0;
	int known = 0;
	for (; i < n && lines[i].start < lines[i].end; i++) {
		/* a header line starts at the margin */
		if (lines[i].start != lines[i].raw_start)
			return 0;
		size_t k = header_key(t + lines[i].start, lines[i].end - lines[i].start);
		if (k == 0)
			return 0;
		known += field(m, t + lines[i].start, k - (t[lines[i].start + k - 1] == ':' ? 1 : 3)) != NULL;
	}
	if (i == 0 || known == 0)
		return 0;
	for (size_t j = 0; j < i; j++) {
		const char *s = t + lines[j].start;
		size_t len = lines[j].end - lines[j].start;
		size_t k = header_key(s, len);
		char **slot = field(m, s, k - (s[k - 1] == ':' ? 1 : 3));
		size_t vb, ve;
		ustr_trim(s, k, len, &vb, &ve);
		if (slot == NULL || vb == ve)
			continue;
		char *v = strndup(s + vb, ve - vb);
		if (v == NULL)
			return ERR_NOMEM;
		free(*slot);
		*slot = v;
	}
	if (m->title)
		m->title_inferred = 0;
	return (int)(i < n ? i + 1 : i);
}

/* Copy text[s, e) for a one-line title: a '\n' from a joined line becomes a
 * space between Latin words and nothing between CJK. */
static char *
flat(const char *t, size_t s, size_t e, const char *append, int *nomem)
{
	size_t alen = append ? strlen(append) : 0;
	char *out = malloc(e - s + alen + 1), *o = out;
	*nomem = out == NULL;
	if (out == NULL)
		return NULL;
	for (size_t p = s; p < e; p++) {
		if (t[p] != '\n') {
			*o++ = t[p];
			continue;
		}
		int32_t a = 0, b = 0;
		if (p > s)
			ustr_prev(t, p, &a);
		while (p + 1 < e && t[p + 1] == ' ') /* the next line's indentation */
			p++;
		if (p + 1 < e)
			ustr_next(t, e, p + 1, &b);
		if (!ustr_is_cjk(a) && !ustr_is_cjk(b) && a != '/' && o > out && o[-1] != ' ')
			*o++ = ' ';
	}
	memcpy(o, append ? append : "", alen);
	o[alen] = 0;
	return out;
}

static int
question(const char *t, const struct sentence *s)
{
	int32_t first, last;
	ustr_next(t, s->end, s->start, &first);
	ustr_prev(t, s->end, &last);
	size_t n = ustr_count(t + s->start, s->end - s->start);
	return (last == '?' || last == 0xFF1F) && !ustr_is_opening(first) && n >= 4 &&
	       n <= PARSE_META_TITLE_MAX;
}

static char *
lead_question(const char *t, const struct block *b, size_t nb, const struct sentence *s,
	      size_t ns, int *nomem)
{
	(void)nb;
	size_t paras = 0;
	for (size_t i = 0; i < ns; i++) {
		const struct block *bl = &b[s[i].block];
		if (bl->kind == BLOCK_HEADING || paras > 6)
			break;
		if (i == 0 || s[i - 1].block != s[i].block)
			paras += bl->kind == BLOCK_PARAGRAPH;
		if (bl->kind != BLOCK_PARAGRAPH || !question(t, &s[i]))
			continue;
		size_t j = i;
		while (j + 1 < ns && s[j + 1].block == s[i].block && question(t, &s[j + 1]) &&
		       ustr_count(t + s[i].start, s[j + 1].end - s[i].start) <= PARSE_META_TITLE_MAX)
			j++;
		return flat(t, s[i].start, s[j].end, NULL, nomem);
	}
	return NULL;
}

static char *
first_heading(const char *t, const struct block *b, size_t nb, int *nomem)
{
	for (size_t i = 0; i < nb; i++) {
		if (b[i].kind != BLOCK_HEADING)
			continue;
		int32_t last;
		ustr_prev(t, b[i].end, &last);
		if (last != ':' && last != 0xFF1A && ustr_count(t + b[i].start, b[i].end - b[i].start) >= 4)
			return flat(t, b[i].start, b[i].end, NULL, nomem);
	}
	return NULL;
}

/* The first sentence of the first paragraph, cut at a clause boundary. */
static char *
first_clauses(const char *t, const struct block *b, const struct sentence *s, size_t ns,
	      int *nomem)
{
	const struct sentence *f = NULL;
	for (size_t i = 0; i < ns && f == NULL; i++)
		if (b[s[i].block].kind == BLOCK_PARAGRAPH)
			f = &s[i];
	for (size_t i = 0; i < ns && f == NULL; i++)
		if (b[s[i].block].kind != BLOCK_BOILERPLATE && b[s[i].block].kind != BLOCK_META)
			f = &s[i];
	if (f == NULL)
		return NULL;
	size_t e = f->end;
	int32_t cp;
	size_t p = ustr_prev(t, e, &cp);
	if (cp == 0x3002 || cp == '.')
		e = p;
	/* Latin script: as many columns, so twice the characters; a space
	 * parts words there, not clauses */
	int latin = 1;
	for (p = f->start; p < e && latin;) {
		p = ustr_next(t, e, p, &cp);
		latin = !ustr_is_cjk(cp);
	}
	size_t max = latin ? 2 * PARSE_META_TITLE_MAX : PARSE_META_TITLE_MAX;
	if (ustr_count(t + f->start, e - f->start) <= max)
		return flat(t, f->start, e, NULL, nomem);
	/* the first clause boundary after 8 characters, else the last one */
	size_t cut = 0, n = 0, word = 0;
	int depth = 0;
	for (p = f->start; p < e && n <= max; n++) {
		size_t q = ustr_next(t, e, p, &cp);
		if (ustr_is_opening(cp))
			depth++;
		else if (ustr_is_closing(cp) && depth > 0)
			depth--;
		else if (latin && cp == ' ')
			word = p;
		else if (depth == 0 && n > 0 &&
			 (cp == 0xFF0C || cp == ',' || cp == 0xFF1B || cp == ';' || cp == 0xFF1A ||
			  cp == ':' || cp == 0x3001 || cp == ' ' || cp == 0x2014)) {
			cut = p;
			if (n >= 8)
				break;
		}
		if (n < max)
			p = q;
	}
	if (cut == 0 && word > f->start)
		return flat(t, f->start, word, "\u2026", nomem);
	if (cut)
		return flat(t, f->start, cut, NULL, nomem);
	return flat(t, f->start, p, "\u2026", nomem);
}

char *
parse_meta_infer_title(const char *t, const struct block *b, size_t nb,
		       const struct sentence *s, size_t ns, int *nomem)
{
	/* each rule yields NULL when it finds nothing: try the next one */
	*nomem = 0;
	char *r = lead_question(t, b, nb, s, ns, nomem);
	if (r == NULL && !*nomem)
		r = first_heading(t, b, nb, nomem);
	if (r == NULL && !*nomem)
		r = first_clauses(t, b, s, ns, nomem);
	return r;
}

char *
parse_meta_lead_title(const char *t, const struct block *b, size_t nb, const struct sentence *s,
		      size_t ns, int *nomem)
{
	(void)nb;
	*nomem = 0;
	return first_clauses(t, b, s, ns, nomem);
}

char *
parse_meta_publication(const char *t, size_t len, int *nomem)
{
	enum { MAXC = 32 };
	struct cand {
		size_t off, len, count;
	} c[MAXC];
	size_t nc = 0;
	static const char *const ends[] = { "报", "報", "刊", "志", "誌", "社", NULL };
	if (len > PARSE_META_SCAN_BYTES)
		len = PARSE_META_SCAN_BYTES;
	*nomem = 0;
	for (size_t p = 0; (p += ustr_find(t + p, len - p, "\u300a")) < len;) {
		size_t s = p + 3, e = s, n = 0;
		while (e < len && n < 20 && !(len - e >= 3 && memcmp(t + e, "\u300b", 3) == 0)) {
			int32_t cp;
			e = ustr_next(t, len, e, &cp);
			n++;
		}
		p = s;
		if (e >= len || n == 0 || n >= 20)
			continue;
		int ok = 0;
		for (size_t i = 0; ends[i]; i++)
			ok |= ustr_suffix(t + s, e - s, ends[i]);
		if (!ok)
			continue;
		size_t i = 0;
		while (i < nc && !(c[i].len == e - s && memcmp(t + c[i].off, t + s, e - s) == 0))
			i++;
		if (i == nc && nc < MAXC)
			c[nc++] = (struct cand){ s, e - s, 0 };
		if (i < nc)
			c[i].count++;
	}
	size_t best = MAXC;
	for (size_t i = 0; i < nc; i++)
		if (c[i].count >= 2 && (best == MAXC || c[i].count > c[best].count))
			best = i;
	if (best == MAXC)
		return NULL;
	char *r = strndup(t + c[best].off, c[best].len);
	*nomem = r == NULL;
	return r;
}
