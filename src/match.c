#include "match.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "err.h"
#include "script.h"
#include "ustr.h"

/* --- folding --- */

/* The offset map is a list of segments in folded order. A LINEAR segment
 * (oe == SEG_LINEAR) is a run of code points each folded to itself or to
 * one code point of the same byte length, so a folded byte's code point
 * lies at the same distance from the segment's start in both texts. Any
 * other segment is opaque: all its bytes come from original [o, oe) (a code
 * point that folds to several, or a run OpenCC converted as a whole). About
 * one segment per full-width punctuation mark: well under a byte of map per
 * byte of text, where two size_t per byte took sixteen. */
#define SEG_LINEAR UINT32_MAX

/* NFKC + case fold of one code point into buf (UTF-8); returns its bytes
 * (0: the code point folds to nothing, e.g. a default-ignorable). */
static size_t
fold_cp(int32_t cp, unsigned char *buf, size_t cap)
{
	if (cp < 0x80) {
		buf[0] = (unsigned char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		return 1;
	}
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
	struct match_seg *seg;
	size_t nseg, segcap;
	/* a line break waiting for the code point after it */
	int nl_pending;
	uint32_t nl_os, nl_oe;
	int32_t prev; /* last code point that gave output */
};

static int
fold_push(struct fold_buf *b, const unsigned char *s, size_t n, uint32_t os, uint32_t oe)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *t = realloc(b->text, cap);
		if (t == NULL)
			return ERR_NOMEM;
		b->text = t;
		b->cap = cap;
	}
	if (n == 0)
		return 0;
	struct match_seg *last = b->nseg ? &b->seg[b->nseg - 1] : NULL;
	int one_cp = (size_t)(oe - os) == n && ustr_next((const char *)s, n, 0, &(int32_t){ 0 }) == n;
	int linear_ok = one_cp && last && last->oe == SEG_LINEAR &&
			b->len - last->f == (size_t)(os - last->o);
	int opaque_ok = !one_cp && last && last->oe == oe && last->o == os;
	if (!linear_ok && !opaque_ok) {
		if (b->nseg == b->segcap) {
			size_t cap = b->segcap ? b->segcap * 2 : 16;
			struct match_seg *v = realloc(b->seg, cap * sizeof *v);
			if (v == NULL)
				return ERR_NOMEM;
			b->seg = v;
			b->segcap = cap;
		}
		b->seg[b->nseg++] = (struct match_seg){ (uint32_t)b->len, os, one_cp ? SEG_LINEAR : oe };
	}
	memcpy(b->text + b->len, s, n);
	b->len += n;
	return 0;
}

/* Fold one code point of the (script-folded) stream that came from
 * original [os, oe). A line break waits for the next code point (past
 * the next line's indentation): a hard-wrap join between CJK characters,
 * or after a '/' (a wrapped URL), shows as nothing, so it must not stop a
 * match either. */
static int
fold_one(struct fold_buf *b, int32_t cp, uint32_t os, uint32_t oe)
{
	if (b->nl_pending && cp == ' ') { /* the next line's indentation */
		b->nl_oe = oe;
		return 0;
	}
	if (b->nl_pending) {
		b->nl_pending = 0;
		if (!(ustr_is_cjk(b->prev) && ustr_is_cjk(cp)) && b->prev != '/') {
			if (fold_push(b, (const unsigned char *)"\n", 1, b->nl_os, b->nl_oe) < 0)
				return ERR_NOMEM;
			b->prev = '\n';
		}
	}
	if (cp == '\n') {
		b->nl_pending = 1;
		b->nl_os = os;
		b->nl_oe = oe;
		return 0;
	}
	unsigned char buf[128];
	size_t n = fold_cp(cp, buf, sizeof buf);
	if (n == 0)
		return 0;
	b->prev = cp;
	return fold_push(b, buf, n, os, oe);
}

/* Fold a run that OpenCC converted: code point by code point when it kept
 * their number, else every code point stands for the whole run. */
static int
fold_converted(struct fold_buf *b, const char *in, size_t a, size_t e, const char *o, size_t olen)
{
	int same = ustr_count(in + a, e - a) == ustr_count(o, olen);
	size_t i = a;
	for (size_t j = 0; j < olen;) {
		int32_t cp, icp;
		size_t nj = ustr_next(o, olen, j, &cp);
		size_t ni = same ? ustr_next(in, e, i, &icp) : e;
		if (fold_one(b, cp, (uint32_t)(same ? i : a), (uint32_t)ni) < 0)
			return ERR_NOMEM;
		if (same)
			i = ni;
		j = nj;
	}
	return 0;
}

int
match_fold(struct script *sc, const char *text, size_t len, struct match_text *out)
{
	if (len >= SEG_LINEAR)
		return ERR_TOOBIG;
	struct fold_buf b = { 0 };
	int rc = ERR_NOMEM;
	if (fold_push(&b, (const unsigned char *)"", 0, 0, 0) < 0)
		goto done;
	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t ni = ustr_next(text, len, i, &cp);
		if (sc == NULL || !script_convertible(cp)) {
			if (fold_one(&b, cp, (uint32_t)i, (uint32_t)ni) < 0)
				goto done;
			i = ni;
			continue;
		}
		size_t e = ni;
		while (e < len) {
			size_t ne = ustr_next(text, len, e, &cp);
			if (!script_convertible(cp))
				break;
			e = ne;
		}
		size_t olen = 0;
		char *o = script_run_simplified(sc, text + i, e - i, &olen);
		if (o == NULL)
			goto done;
		int frc = fold_converted(&b, text, i, e, o, olen);
		script_run_free(o);
		if (frc < 0)
			goto done;
		i = e;
	}
	if (b.nl_pending) {
		b.nl_pending = 0;
		if (fold_push(&b, (const unsigned char *)"\n", 1, b.nl_os, b.nl_oe) < 0)
			goto done;
	}
	b.text[b.len] = '\0';
	/* trim the spare room: a corpus keeps thousands of these */
	char *t = realloc(b.text, b.len + 1);
	if (t)
		b.text = t;
	if (b.nseg) {
		struct match_seg *v = realloc(b.seg, b.nseg * sizeof *v);
		if (v)
			b.seg = v;
	}
	*out = (struct match_text){ b.text, b.len, len, b.seg, b.nseg };
	b = (struct fold_buf){ 0 };
	rc = 0;
done:
	free(b.text);
	free(b.seg);
	return rc;
}

/* The segment holding folded byte i < t->len. */
static const struct match_seg *
seg_of(const struct match_text *t, size_t i)
{
	size_t lo = 0, hi = t->nseg;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->seg[mid].f <= i)
			lo = mid;
		else
			hi = mid;
	}
	return &t->seg[lo];
}

/* First byte of the folded code point holding byte i of a linear segment. */
static size_t
cp_start(const struct match_text *t, const struct match_seg *s, size_t i)
{
	while (i > s->f && ((unsigned char)t->text[i] & 0xC0) == 0x80)
		i--;
	return i;
}

size_t
match_text_start(const struct match_text *t, size_t i)
{
	if (i >= t->len)
		return t->orig_len;
	const struct match_seg *s = seg_of(t, i);
	if (s->oe != SEG_LINEAR)
		return s->o;
	return s->o + (cp_start(t, s, i) - s->f);
}

size_t
match_text_end(const struct match_text *t, size_t i)
{
	if (i >= t->len)
		return t->orig_len;
	const struct match_seg *s = seg_of(t, i);
	if (s->oe != SEG_LINEAR)
		return s->oe;
	size_t c = cp_start(t, s, i);
	return s->o + (c - s->f) + (size_t)ustr_next(t->text, t->len, c, &(int32_t){ 0 }) - c;
}

void
match_text_free(struct match_text *t)
{
	free(t->text);
	free(t->seg);
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
	/* bit c of second[b]: some pattern starts with the bytes b c (every
	 * c for a one-byte pattern b), so most positions of a Chinese text,
	 * whose first bytes are shared by thousands of characters, are passed
	 * over without comparing any pattern */
	uint64_t second[256][4];
	/* and of the first three bytes (a Chinese character) of the patterns
	 * of three bytes or more, hashed (bloom3_bit); short2: the first two
	 * bytes of a pattern shorter than that, which the hash cannot pass */
	uint64_t bloom3[64], short2[256][4];
};

static unsigned
bloom3_bit(unsigned char a, unsigned char b, unsigned char c)
{
	return (((unsigned)a << 16 | (unsigned)b << 8 | c) * 2654435761u) >> 20; /* 12 bits */
}

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
	memset(m->second, 0, sizeof m->second);
	memset(m->bloom3, 0, sizeof m->bloom3);
	memset(m->short2, 0, sizeof m->short2);
	for (size_t i = m->n; i-- > 0;) {
		unsigned char c = (unsigned char)m->v[i].s[0];
		m->first[c] = i;
		m->count[c]++;
		if (m->v[i].len == 1) {
			memset(m->second[c], 0xff, sizeof m->second[c]);
			memset(m->short2[c], 0xff, sizeof m->short2[c]);
		} else {
			unsigned char c1 = (unsigned char)m->v[i].s[1];
			m->second[c][c1 >> 6] |= (uint64_t)1 << (c1 & 63);
			if (m->v[i].len == 2) {
				m->short2[c][c1 >> 6] |= (uint64_t)1 << (c1 & 63);
			} else {
				unsigned k = bloom3_bit(c, c1, (unsigned char)m->v[i].s[2]);
				m->bloom3[k >> 6] |= (uint64_t)1 << (k & 63);
			}
		}
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
	/* Starts never decrease along the folded text. The first segment
	 * starting at off or later begins the answer, unless the linear
	 * segment before it reaches off. */
	size_t lo = 0, hi = t->nseg;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->seg[mid].o < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t at = lo < t->nseg ? t->seg[lo].f : t->len;
	if (lo > 0 && t->seg[lo - 1].oe == SEG_LINEAR) {
		const struct match_seg *s = &t->seg[lo - 1];
		size_t p = s->f + (off - s->o);
		while (p < at && ((unsigned char)t->text[p] & 0xC0) == 0x80)
			p++;
		if (p < at)
			return p;
	}
	return at;
}

long
match_set_find(const struct match_set *m, const struct match_text *t,
	       size_t from, size_t to, int kind, struct span_list *out)
{
	long found = 0;
	if (m->n == 0 || from >= to)
		return 0;
	size_t i = match_text_at(t, from);
	/* the folded bytes from original bytes before `to` */
	size_t lim = to >= t->orig_len ? t->len : match_text_at(t, to);
	const unsigned char *s = (const unsigned char *)t->text;
	while (i < lim) {
		unsigned char c = s[i];
		/* the byte after (the NUL at the end) */
		unsigned char c1 = s[i + 1];
		if (!((m->second[c][c1 >> 6] >> (c1 & 63)) & 1)) {
			i++;
			continue;
		}
		/* past short2, c1 is a pattern's second byte, no NUL: the
		 * text goes on at least to s[i + 2] */
		if (!((m->short2[c][c1 >> 6] >> (c1 & 63)) & 1)) {
			unsigned k = bloom3_bit(c, c1, s[i + 2]);
			if (!((m->bloom3[k >> 6] >> (k & 63)) & 1)) {
				i++;
				continue;
			}
		}
		const struct pattern *hit = NULL;
		for (size_t k = m->first[c], e = k + m->count[c]; k < e; k++) {
			const struct pattern *p = &m->v[k];
			size_t pe = i + p->len;
			if (pe > t->len || memcmp(s + i, p->s, p->len) != 0)
				continue;
			if (match_text_end(t, pe - 1) > to)
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
		if (span_list_push(out, match_text_start(t, i), match_text_end(t, pe - 1), kind,
				   hit->tag) < 0)
			return ERR_NOMEM;
		found++;
		i = pe;
	}
	return found;
}
