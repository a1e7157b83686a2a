#include "match.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "err.h"
#include "ustr.h"

/* --- folding --- */

/* Original end of the converted run that ends at byte e of the converted
 * text (map: converted byte -> original byte, floor). Bytes of a run that
 * OpenCC converted as a whole share one value: round up past them. */
static size_t
map_end(const size_t *map, size_t n, size_t e)
{
	if (e == 0 || e >= n || map[e] != map[e - 1])
		return map[e];
	size_t v = map[e];
	while (e < n && map[e] == v)
		e++;
	return map[e];
}

/* NFKC + case fold of one code point into buf (UTF-8); returns its bytes
 * (0: the code point folds to nothing, e.g. a default-ignorable). */
static size_t
fold_cp(int32_t cp, unsigned char *buf, size_t cap)
{
	utf8proc_int32_t d[32];
	int last = 0;
	utf8proc_ssize_t n = utf8proc_decompose_char(
		cp, d, 32, UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE,
		&last);
	if (n < 0 || n > 32) {
		d[0] = cp;
		n = 1;
	}
	n = utf8proc_normalize_utf32(d, n, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	size_t len = 0;
	for (utf8proc_ssize_t i = 0; i < n && len + 4 <= cap; i++)
		len += (size_t)utf8proc_encode_char(d[i], buf + len);
	return len;
}

struct fold_buf {
	char *text;
	size_t len, cap;
	size_t *start_of, *end_of;
};

static int
fold_push(struct fold_buf *b, const unsigned char *s, size_t n, size_t os, size_t oe)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *t = realloc(b->text, cap);
		if (t == NULL)
			return ERR_NOMEM;
		b->text = t;
		size_t *x = realloc(b->start_of, cap * sizeof *x);
		if (x == NULL)
			return ERR_NOMEM;
		b->start_of = x;
		x = realloc(b->end_of, cap * sizeof *x);
		if (x == NULL)
			return ERR_NOMEM;
		b->end_of = x;
		b->cap = cap;
	}
	for (size_t i = 0; i < n; i++) {
		b->text[b->len] = (char)s[i];
		b->start_of[b->len] = os;
		b->end_of[b->len] = oe;
		b->len++;
	}
	return 0;
}

int
match_fold(struct script *sc, const char *text, size_t len, struct match_text *out)
{
	size_t slen = 0, *map = NULL;
	char *simp = script_to_simplified(sc, text, len, &slen, &map);
	struct fold_buf b = { 0 };
	int rc = ERR_NOMEM;
	if (simp == NULL || fold_push(&b, (const unsigned char *)"", 0, 0, 0) < 0)
		goto done;
	int32_t prev = 0;
	for (size_t i = 0; i < slen;) {
		int32_t cp;
		size_t ni = ustr_next(simp, slen, i, &cp);
		size_t os = map[i], oe = map_end(map, slen, ni);
		unsigned char buf[128];
		size_t n;
		if (cp == '\n') {
			/* A hard-wrap join between CJK characters shows as nothing,
			 * so it must not stop a match either. */
			int32_t next = 0;
			if (ni < slen)
				ustr_next(simp, slen, ni, &next);
			n = ustr_is_cjk(prev) && ustr_is_cjk(next) ? 0 : 1;
			buf[0] = '\n';
		} else {
			n = fold_cp(cp, buf, sizeof buf);
		}
		if (n && fold_push(&b, buf, n, os, oe) < 0)
			goto done;
		if (n)
			prev = cp;
		i = ni;
	}
	b.text[b.len] = '\0';
	b.start_of[b.len] = len;
	*out = (struct match_text){ b.text, b.len, b.start_of, b.end_of, len };
	b = (struct fold_buf){ 0 };
	rc = 0;
done:
	free(simp);
	free(map);
	free(b.text);
	free(b.start_of);
	free(b.end_of);
	return rc;
}

void
match_text_free(struct match_text *t)
{
	free(t->text);
	free(t->start_of);
	free(t->end_of);
	memset(t, 0, sizeof *t);
}

int
match_corpus_fold(struct script *sc, const struct article *arts, size_t n,
		  struct match_corpus *out)
{
	struct match_text *f = calloc(n ? n : 1, sizeof *f);
	if (f == NULL)
		return ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		if (match_fold(sc, arts[i].text, arts[i].len, &f[i]) < 0) {
			while (i-- > 0)
				match_text_free(&f[i]);
			free(f);
			return ERR_NOMEM;
		}
	}
	*out = (struct match_corpus){ arts, f, n };
	return 0;
}

void
match_corpus_free(struct match_corpus *mc)
{
	for (size_t i = 0; i < mc->n; i++)
		match_text_free(&mc->folded[i]);
	free(mc->folded);
	memset(mc, 0, sizeof *mc);
}

char *
match_fold_word(struct script *sc, const char *word)
{
	struct match_text t;
	if (match_fold(sc, word, strlen(word), &t) < 0)
		return NULL;
	char *w = t.text;
	t.text = NULL;
	match_text_free(&t);
	return w;
}

/* --- sets --- */

struct pattern {
	char *s;
	size_t len;
	int tag;
	int word_start, word_end; /* begins / ends with a Latin letter or digit */
};

struct match_set {
	int flags;
	struct pattern *v;
	size_t n, cap;
	/* Patterns sorted by first byte, longest first; [first[b], first[b] +
	 * count[b]) are those starting with byte b. */
	size_t first[256], count[256];
};

int
match_set_new(int flags, struct match_set **out)
{
	struct match_set *m = calloc(1, sizeof *m);
	if (m == NULL)
		return ERR_NOMEM;
	m->flags = flags;
	*out = m;
	return 0;
}

void
match_set_free(struct match_set *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].s);
	free(m->v);
	free(m);
}

size_t
match_set_size(const struct match_set *m)
{
	return m->n;
}

static int
is_word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
pattern_cmp(const void *a, const void *b)
{
	const struct pattern *x = a, *y = b;
	unsigned char cx = (unsigned char)x->s[0], cy = (unsigned char)y->s[0];
	if (cx != cy)
		return cx < cy ? -1 : 1;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	return 0;
}

static void
reindex(struct match_set *m)
{
	qsort(m->v, m->n, sizeof *m->v, pattern_cmp);
	memset(m->count, 0, sizeof m->count);
	for (size_t i = m->n; i-- > 0;) {
		unsigned char c = (unsigned char)m->v[i].s[0];
		m->first[c] = i;
		m->count[c]++;
	}
}

int
match_set_add(struct match_set *m, struct script *sc, const char *word, int tag)
{
	char *f = match_fold_word(sc, word);
	if (f == NULL)
		return ERR_NOMEM;
	size_t len = strlen(f);
	size_t a = 0, z = len;
	while (a < z && (f[a] == ' ' || f[a] == '\n'))
		a++;
	while (z > a && (f[z - 1] == ' ' || f[z - 1] == '\n'))
		z--;
	if (a == z) {
		free(f);
		return ERR_INVAL;
	}
	memmove(f, f + a, z - a);
	f[z - a] = '\0';
	len = z - a;
	for (size_t i = 0; i < m->n; i++) {
		if (m->v[i].len == len && memcmp(m->v[i].s, f, len) == 0) {
			free(f);
			return 0;
		}
	}
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 16;
		struct pattern *v = realloc(m->v, cap * sizeof *v);
		if (v == NULL) {
			free(f);
			return ERR_NOMEM;
		}
		m->v = v;
		m->cap = cap;
	}
	m->v[m->n++] = (struct pattern){ f, len, tag, is_word_byte((unsigned char)f[0]),
					 is_word_byte((unsigned char)f[len - 1]) };
	/* Tags of equal patterns must not depend on sort order: keep the
	 * first added; qsort is not stable, but equal patterns never coexist. */
	reindex(m);
	return 0;
}

size_t
match_text_at(const struct match_text *t, size_t off)
{
	size_t lo = 0, hi = t->len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->start_of[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

long
match_set_find(const struct match_set *m, const struct match_text *t,
	       size_t from, size_t to, int kind, struct span_list *out)
{
	long found = 0;
	if (m->n == 0 || from >= to)
		return 0;
	size_t i = match_text_at(t, from);
	const unsigned char *s = (const unsigned char *)t->text;
	while (i < t->len && t->start_of[i] < to) {
		unsigned char c = s[i];
		const struct pattern *hit = NULL;
		for (size_t k = m->first[c], e = k + m->count[c]; k < e; k++) {
			const struct pattern *p = &m->v[k];
			size_t pe = i + p->len;
			if (pe > t->len || memcmp(s + i, p->s, p->len) != 0)
				continue;
			if (t->end_of[pe - 1] > to)
				continue;
			if ((m->flags & MATCH_WORDS) &&
			    ((p->word_start && i > 0 && is_word_byte(s[i - 1])) ||
			     (p->word_end && pe < t->len && is_word_byte(s[pe]))))
				continue;
			hit = p;
			break;
		}
		if (hit == NULL) {
			i++;
			continue;
		}
		size_t pe = i + hit->len;
		if (span_list_push(out, t->start_of[i], t->end_of[pe - 1], kind, hit->tag) < 0)
			return ERR_NOMEM;
		found++;
		i = pe;
	}
	return found;
}
