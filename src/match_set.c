/* match_set: sets of folded patterns, found in folded texts one set at a
 * time (match_set_find) or several in one pass (match_group_*): see
 * match.h. Nothing here is shared between calls but the read-only sets
 * and groups, so threads may search with one set or group at once. */
#include "match.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

struct pattern {
	char *s;
	size_t len;
	int tag;
	int set; /* in a group: the index of its set */
	/* the word rule (MATCH_WORDS): begins / ends with a Latin letter or
	 * digit, in a set that has the rule */
	int word_start, word_end;
};

/* The index over a set's (or group's) patterns. A position of the text is
 * looked at only if its first three bytes (one Chinese character) hash to
 * a slot of first3 that some pattern of three bytes or more sets, eight
 * positions at a time without a branch (a multiply and a load each), or
 * its first two are those of a shorter pattern (short2); then, since the
 * first character alone is too common (大 of 大学, 上 of 上市), if its first
 * six bytes hash to a bit of bloom6 set by a pattern that long, or its
 * first three to one of bloom_mid (patterns of three to five bytes).
 * Chinese text shares its first bytes among thousands of characters, so
 * no filter on single bytes helps. Past the filters, the first three
 * bytes find their patterns in an open-addressing table (tab). */
#define BLOOM_BITS 15
#define FIRST_BITS 14
#define HASH_MUL 0x9E3779B1u

struct bucket {
	uint32_t key; /* first three bytes, the first lowest; 0: empty */
	uint32_t first, count;
};

struct pindex {
	/* v[0, nlong): three bytes or more, by first three bytes, the
	 * longest first among those; v[nlong, n): shorter, the longest first */
	struct pattern *v;
	size_t n, nlong;
	struct bucket *tab; /* 1 << tbits slots, at most half full */
	unsigned tbits;
	unsigned char first3[1u << FIRST_BITS]; /* 0 or 1: no bit to pick out */
	/* the same for the first six bytes of the patterns that long, and
	 * the first three of those of three to five bytes (has_mid) */
	uint64_t bloom6[(1u << BLOOM_BITS) / 64], bloom_mid[(1u << BLOOM_BITS) / 64];
	int has_mid;
	/* bit c1 of short2[c0]: a pattern of two bytes is c0 c1, or one of
	 * one byte is c0 (every c1) */
	uint64_t short2[256][4];
};

struct match_set {
	int flags;
	size_t cap;
	struct pindex ix;
};

struct match_group {
	struct pindex ix;
};

static uint32_t
key3(const unsigned char *s)
{
	return (uint32_t)s[0] | (uint32_t)s[1] << 8 | (uint32_t)s[2] << 16;
}

static int
bloom_bit(const uint64_t *bloom, uint32_t key)
{
	uint32_t h = (key * HASH_MUL) >> (32 - BLOOM_BITS);
	return (bloom[h >> 6] >> (h & 63)) & 1;
}

static uint64_t
key6(const unsigned char *s)
{
	uint64_t k = 0;
	for (int j = 5; j >= 0; j--)
		k = k << 8 | s[j];
	return k;
}

static int
bloom6_bit(const uint64_t *bloom, uint64_t key)
{
	uint32_t h = (uint32_t)((key * 0x9E3779B97F4A7C15u) >> (64 - BLOOM_BITS));
	return (bloom[h >> 6] >> (h & 63)) & 1;
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
	int lx = x->len >= 3, ly = y->len >= 3;
	if (lx != ly)
		return lx ? -1 : 1;
	if (lx) {
		uint32_t kx = key3((const unsigned char *)x->s), ky = key3((const unsigned char *)y->s);
		if (kx != ky)
			return kx < ky ? -1 : 1;
	}
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	return 0;
}

static void
index_free(struct pindex *x)
{
	for (size_t i = 0; i < x->n; i++)
		free(x->v[i].s);
	free(x->v);
	free(x->tab);
}

/* Sort x->v and build the filters and the table. 0, or ERR_NOMEM with x
 * untouched. */
static int
index_build(struct pindex *x)
{
	size_t nlong = 0;
	for (size_t i = 0; i < x->n; i++)
		nlong += x->v[i].len >= 3;
	unsigned tbits = 4; /* at most half full, whatever the first bytes */
	while (((size_t)1 << tbits) < 2 * nlong)
		tbits++;
	struct bucket *tab = calloc((size_t)1 << tbits, sizeof *tab);
	if (tab == NULL)
		return ERR_NOMEM;
	qsort(x->v, x->n, sizeof *x->v, pattern_cmp);
	free(x->tab);
	x->tab = tab;
	x->tbits = tbits;
	x->nlong = nlong;
	memset(x->first3, 0, sizeof x->first3);
	memset(x->bloom6, 0, sizeof x->bloom6);
	memset(x->bloom_mid, 0, sizeof x->bloom_mid);
	x->has_mid = 0;
	for (size_t i = 0; i < nlong; i++) {
		const unsigned char *p = (const unsigned char *)x->v[i].s;
		if (x->v[i].len >= 6) {
			uint32_t h = (uint32_t)((key6(p) * 0x9E3779B97F4A7C15u) >> (64 - BLOOM_BITS));
			x->bloom6[h >> 6] |= (uint64_t)1 << (h & 63);
		} else {
			uint32_t h = (key3(p) * HASH_MUL) >> (32 - BLOOM_BITS);
			x->bloom_mid[h >> 6] |= (uint64_t)1 << (h & 63);
			x->has_mid = 1;
		}
	}
	memset(x->short2, 0, sizeof x->short2);
	size_t mask = ((size_t)1 << tbits) - 1;
	for (size_t i = 0; i < nlong;) {
		uint32_t key = key3((const unsigned char *)x->v[i].s);
		size_t e = i + 1;
		while (e < nlong && key3((const unsigned char *)x->v[e].s) == key)
			e++;
		uint32_t h = key * HASH_MUL;
		x->first3[h >> (32 - FIRST_BITS)] = 1;
		size_t k = h >> (32 - tbits);
		while (tab[k].key != 0)
			k = (k + 1) & mask;
		tab[k] = (struct bucket){ key, (uint32_t)i, (uint32_t)(e - i) };
		i = e;
	}
	for (size_t i = nlong; i < x->n; i++) {
		unsigned char c = (unsigned char)x->v[i].s[0];
		if (x->v[i].len == 1) {
			memset(x->short2[c], 0xff, sizeof x->short2[c]);
		} else {
			unsigned char c1 = (unsigned char)x->v[i].s[1];
			x->short2[c][c1 >> 6] |= (uint64_t)1 << (c1 & 63);
		}
	}
	return 0;
}

/* The bucket of the patterns beginning with key, or NULL. */
static const struct bucket *
bucket_of(const struct pindex *x, uint32_t key)
{
	size_t mask = ((size_t)1 << x->tbits) - 1;
	for (size_t k = (key * HASH_MUL) >> (32 - x->tbits);; k = (k + 1) & mask) {
		if (x->tab[k].key == key)
			return &x->tab[k];
		if (x->tab[k].key == 0)
			return NULL;
	}
}

static int
short_bit(const struct pindex *x, unsigned char c0, unsigned char c1)
{
	return (x->short2[c0][c1 >> 6] >> (c1 & 63)) & 1;
}

/* Past the first filter, position i of s[0, len] may begin a pattern of
 * three bytes or more: by its first six bytes (two Chinese characters)
 * for the patterns that long, by its first three for the others. The
 * first character alone passes too often: 大 of 大学, 上 of 上市. */
static inline int
maybe_long(const struct pindex *x, const unsigned char *s, size_t i, size_t len)
{
	if (i + 8 <= len) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (bloom6_bit(x->bloom6, w & 0xFFFFFFFFFFFFu)) /* little-endian: key6 */
			return 1;
	} else if (i + 6 <= len && bloom6_bit(x->bloom6, key6(s + i))) {
		return 1;
	}
	return i + 3 <= len && x->has_mid && bloom_bit(x->bloom_mid, key3(s + i));
}

/* The first position in [i, lim) (lim <= len) of NUL-terminated s[0, len]
 * that passes x's filters, or lim. */
static size_t
next_maybe(const struct pindex *x, const unsigned char *s, size_t i, size_t lim, size_t len)
{
	const unsigned char *f3 = x->first3;
	/* eight positions at a time without a branch: positions with four
	 * bytes of text to load (s[len] is the NUL) */
	size_t bulk = len >= 10 ? len - 10 : 0;
	if (bulk > lim)
		bulk = lim;
	int shorts = x->nlong < x->n;
	for (; i + 8 <= bulk; i += 8) {
		uint64_t w;
		uint32_t w2;
		memcpy(&w, s + i, 8);
		memcpy(&w2, s + i + 8, 4);
		uint64_t v = w >> 48 | (uint64_t)w2 << 16;
#define F3(k) ((unsigned)f3[((uint32_t)(k)&0xFFFFFF) * HASH_MUL >> (32 - FIRST_BITS)])
		unsigned hit = F3(w) | F3(w >> 8) << 1 | F3(w >> 16) << 2 | F3(w >> 24) << 3 |
			       F3(w >> 32) << 4 | F3(w >> 40) << 5 | F3(v) << 6 | F3(v >> 8) << 7;
#undef F3
		unsigned sh = 0;
		if (shorts)
			for (int k = 0; k < 8; k++)
				sh |= (unsigned)short_bit(x, s[i + k], s[i + k + 1]) << k;
		hit |= sh;
		while (hit) {
			unsigned k = (unsigned)__builtin_ctz(hit);
			if (((sh >> k) & 1) || maybe_long(x, s, i + k, len))
				return i + k;
			hit &= hit - 1;
		}
	}
	for (; i < lim; i++) {
		if (i + 3 <= len && f3[key3(s + i) * HASH_MUL >> (32 - FIRST_BITS)] &&
		    maybe_long(x, s, i, len))
			return i;
		if (shorts && short_bit(x, s[i], s[i + 1])) /* s[i + 1]: at most the NUL */
			return i;
	}
	return lim;
}

/* Pattern p lies whole at byte i of s[0, len] (its first skip bytes known
 * to be there), and its word rule allows it there. */
static int
whole_at(const struct pattern *p, const unsigned char *s, size_t len, size_t i, size_t skip)
{
	size_t pe = i + p->len;
	if (pe > len)
		return 0;
	for (size_t k = skip; k < p->len; k++) /* a few bytes: no call */
		if (s[i + k] != (unsigned char)p->s[k])
			return 0;
	return !((p->word_start && i > 0 && is_word_byte(s[i - 1])) ||
		 (p->word_end && pe < len && is_word_byte(s[pe])));
}

/* --- sets --- */

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
	index_free(&m->ix);
	free(m);
}

size_t
match_set_size(const struct match_set *m)
{
	return m->ix.n;
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
	struct pindex *x = &m->ix;
	for (size_t i = 0; i < x->n; i++) {
		if (x->v[i].len == len && memcmp(x->v[i].s, f, len) == 0) {
			free(f);
			return 0; /* the first tag stays */
		}
	}
	if (x->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 16;
		struct pattern *v = realloc(x->v, cap * sizeof *v);
		if (v == NULL) {
			free(f);
			return ERR_NOMEM;
		}
		x->v = v;
		m->cap = cap;
	}
	int words = (m->flags & MATCH_WORDS) != 0;
	x->v[x->n++] = (struct pattern){ f, len, tag, 0, words && is_word_byte((unsigned char)f[0]),
					 words && is_word_byte((unsigned char)f[len - 1]) };
	if (index_build(x) < 0) {
		x->n--;
		free(f);
		return ERR_NOMEM;
	}
	return 0;
}

long
match_set_find(const struct match_set *m, const struct match_text *t,
	       size_t from, size_t to, int kind, struct span_list *out)
{
	const struct pindex *x = &m->ix;
	long found = 0;
	if (x->n == 0 || from >= to)
		return 0;
	size_t i = match_text_at(t, from);
	/* the folded bytes from original bytes before `to` */
	size_t lim = to >= t->orig_len ? t->len : match_text_at(t, to);
	const unsigned char *s = (const unsigned char *)t->text;
	size_t len = t->len;
	for (;;) {
		i = next_maybe(x, s, i, lim, len);
		if (i >= lim)
			break;
		/* at one position the longest pattern that fits wins */
		const struct pattern *hit = NULL;
		const struct bucket *b = i + 3 <= len ? bucket_of(x, key3(s + i)) : NULL;
		for (size_t k = b ? b->first : 0, e = b ? k + b->count : 0; k < e && !hit; k++)
			if (whole_at(&x->v[k], s, len, i, 3) &&
			    match_text_end(t, i + x->v[k].len - 1) <= to)
				hit = &x->v[k];
		if (!hit && x->nlong < x->n && short_bit(x, s[i], s[i + 1]))
			for (size_t k = x->nlong; k < x->n && !hit; k++)
				if ((unsigned char)x->v[k].s[0] == s[i] && whole_at(&x->v[k], s, len, i, 1) &&
				    match_text_end(t, i + x->v[k].len - 1) <= to)
					hit = &x->v[k];
		if (hit == NULL) {
			i++;
			continue;
		}
		size_t pe = i + hit->len;
		if (span_list_push(out, match_text_start(t, i), match_text_end(t, pe - 1), kind,
				   hit->tag) < 0)
			return ERR_NOMEM;
		found++;
		i = pe;
	}
	return found;
}

/* --- groups --- */

int
match_group_new(const struct match_set *const *sets, size_t n, struct match_group **out)
{
	if (n > MATCH_GROUP_MAX)
		return ERR_INVAL;
	struct match_group *g = calloc(1, sizeof *g);
	if (g == NULL)
		return ERR_NOMEM;
	size_t total = 0;
	for (size_t k = 0; k < n; k++)
		total += sets[k]->ix.n;
	g->ix.v = calloc(total ? total : 1, sizeof *g->ix.v);
	if (g->ix.v == NULL)
		goto nomem;
	for (size_t k = 0; k < n; k++) {
		for (size_t i = 0; i < sets[k]->ix.n; i++) {
			struct pattern p = sets[k]->ix.v[i];
			if ((p.s = malloc(p.len + 1)) == NULL)
				goto nomem;
			memcpy(p.s, sets[k]->ix.v[i].s, p.len + 1);
			p.set = (int)k;
			g->ix.v[g->ix.n++] = p;
		}
	}
	if (index_build(&g->ix) < 0)
		goto nomem;
	*out = g;
	return 0;
nomem:
	match_group_free(g);
	return ERR_NOMEM;
}

void
match_group_free(struct match_group *g)
{
	if (g == NULL)
		return;
	index_free(&g->ix);
	free(g);
}

static int
cand_push(struct match_cands *c, size_t at, const struct pattern *p)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		struct match_cand *v = realloc(c->v, cap * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		c->v = v;
		c->cap = cap;
	}
	c->v[c->n++] = (struct match_cand){ at, at + p->len, p->set, p->tag };
	return 0;
}

int
match_group_scan(const struct match_group *g, const struct match_text *t, size_t a, size_t b,
		 struct match_cands *out)
{
	const struct pindex *x = &g->ix;
	const unsigned char *s = (const unsigned char *)t->text;
	size_t len = t->len, lim = b < len ? b : len;
	if (x->n == 0)
		return 0;
	for (size_t i = a;; i++) {
		i = next_maybe(x, s, i, lim, len);
		if (i >= lim)
			return 0;
		const struct bucket *bk = i + 3 <= len ? bucket_of(x, key3(s + i)) : NULL;
		for (size_t k = bk ? bk->first : 0, e = bk ? k + bk->count : 0; k < e; k++)
			if (whole_at(&x->v[k], s, len, i, 3) && cand_push(out, i, &x->v[k]) < 0)
				return ERR_NOMEM;
		if (x->nlong < x->n && short_bit(x, s[i], s[i + 1]))
			for (size_t k = x->nlong; k < x->n; k++)
				if ((unsigned char)x->v[k].s[0] == s[i] &&
				    whole_at(&x->v[k], s, len, i, 1) && cand_push(out, i, &x->v[k]) < 0)
					return ERR_NOMEM;
	}
}

size_t
match_cands_pick(const struct match_cand *c, size_t n, const struct match_text *t, size_t a,
		 size_t lim, size_t to, size_t *hint, const struct match_cand **out)
{
	size_t cur[MATCH_GROUP_MAX], m = 0, k = 0;
	for (size_t s = 0; s < MATCH_GROUP_MAX; s++)
		cur[s] = a;
	while (k < n && c[k].at < a)
		k++;
	for (; k < n && c[k].at < lim; k++) {
		int s = c[k].set;
		if (c[k].at < cur[s] || match_text_end_near(t, c[k].end - 1, hint) > to)
			continue;
		out[m++] = &c[k];
		cur[s] = c[k].end;
	}
	return m;
}

void
match_cands_free(struct match_cands *c)
{
	free(c->v);
	memset(c, 0, sizeof *c);
}
