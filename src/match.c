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

/* Code points that NFKC and case folding leave as they are, in the blocks
 * an article is mostly made of (the Han blocks, hangul syllables): folded
 * without asking utf8proc. tests/test_match.c checks every code point of
 * them against utf8proc (fold_cp's slow path). */
static int
fold_self(int32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x20000 && cp <= 0x2A6DF);
}

static size_t
encode(int32_t cp, unsigned char *buf)
{
	if (cp < 0x800) {
		buf[0] = (unsigned char)(0xC0 | (cp >> 6));
		buf[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		buf[0] = (unsigned char)(0xE0 | (cp >> 12));
		buf[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		buf[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	buf[0] = (unsigned char)(0xF0 | (cp >> 18));
	buf[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	buf[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	buf[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* NFKC + case fold of one code point into buf (UTF-8); returns its bytes
 * (0: the code point folds to nothing, e.g. a default-ignorable) and the
 * code points they hold in *ncp. fast: use fold_self (0: utf8proc for
 * every code point past ASCII, as match_fold_ref does). */
static size_t
fold_cp(int32_t cp, unsigned char *buf, size_t cap, int fast, size_t *ncp)
{
	*ncp = 1;
	if (cp < 0x80) {
		buf[0] = (unsigned char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		return 1;
	}
	if (fast && fold_self(cp))
		return encode(cp, buf);
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
	*ncp = 0;
	for (utf8proc_ssize_t i = 0; i < n && len + 4 <= cap; i++) {
		len += (size_t)utf8proc_encode_char(d[i], buf + len);
		++*ncp;
	}
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
	int fast;     /* the fast paths (match_fold), or none (match_fold_ref) */
};

/* Append s[0, n), folded from original [os, oe); one_cp: s is one code
 * point, or a run of code points each folded to itself (oe - os == n). */
static int
fold_push(struct fold_buf *b, const unsigned char *s, size_t n, uint32_t os, uint32_t oe, int one_cp)
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
	one_cp = one_cp && (size_t)(oe - os) == n;
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
			if (fold_push(b, (const unsigned char *)"\n", 1, b->nl_os, b->nl_oe, 1) < 0)
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
	size_t ncp, n = fold_cp(cp, buf, sizeof buf, b->fast, &ncp);
	if (n == 0)
		return 0;
	b->prev = cp;
	return fold_push(b, buf, n, os, oe, ncp == 1);
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

/* A byte that folds to itself as a code point, with no line break
 * waiting (fold_one's rules). */
static int
ascii_self(unsigned char c)
{
	return c < 0x80 && c != '\n' && !(c >= 'A' && c <= 'Z');
}

static int
fold_text(struct script *sc, const char *text, size_t len, int fast, struct match_text *out)
{
	if (len >= SEG_LINEAR)
		return ERR_TOOBIG;
	struct fold_buf b = { .fast = fast };
	int rc = ERR_NOMEM;
	/* room for the text as it is (the usual size of its fold) at once */
	if (fold_push(&b, (const unsigned char *)"", 0, 0, 0, 0) < 0)
		goto done;
	if (fast && len + 1 > b.cap) {
		char *t = realloc(b.text, len + 1);
		if (t == NULL)
			goto done;
		b.text = t;
		b.cap = len + 1;
	}
	for (size_t i = 0; i < len;) {
		if (fast && !b.nl_pending && ascii_self((unsigned char)text[i])) {
			/* a run of ASCII folded to itself: at once */
			size_t e = i + 1;
			while (e < len && ascii_self((unsigned char)text[e]))
				e++;
			if (fold_push(&b, (const unsigned char *)text + i, e - i, (uint32_t)i, (uint32_t)e, 1) < 0)
				goto done;
			b.prev = (unsigned char)text[e - 1];
			i = e;
			continue;
		}
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
		if (fold_push(&b, (const unsigned char *)"\n", 1, b.nl_os, b.nl_oe, 1) < 0)
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

int
match_fold(struct script *sc, const char *text, size_t len, struct match_text *out)
{
	return fold_text(sc, text, len, 1, out);
}

int
match_fold_ref(struct script *sc, const char *text, size_t len, struct match_text *out)
{
	return fold_text(sc, text, len, 0, out);
}

/* The index of the segment holding folded byte i < t->len, among
 * segments [lo, hi) (seg[lo].f <= i; hi: the end or a segment after i). */
static size_t
seg_in(const struct match_text *t, size_t i, size_t lo, size_t hi)
{
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->seg[mid].f <= i)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The same from a hint: forward from *hint in steps that double (a few
 * steps for the next hit of a sentence), else a binary search. */
static size_t
seg_near(const struct match_text *t, size_t i, size_t *hint)
{
	size_t lo = *hint;
	if (lo >= t->nseg || t->seg[lo].f > i) {
		lo = seg_in(t, i, 0, t->nseg);
	} else {
		size_t step = 1;
		while (lo + step < t->nseg && t->seg[lo + step].f <= i) {
			lo += step;
			step *= 2;
		}
		lo = seg_in(t, i, lo, lo + step < t->nseg ? lo + step : t->nseg);
	}
	*hint = lo;
	return lo;
}

/* First byte of the folded code point holding byte i of a linear segment. */
static size_t
cp_start(const struct match_text *t, const struct match_seg *s, size_t i)
{
	while (i > s->f && ((unsigned char)t->text[i] & 0xC0) == 0x80)
		i--;
	return i;
}

static size_t
start_in(const struct match_text *t, const struct match_seg *s, size_t i)
{
	if (s->oe != SEG_LINEAR)
		return s->o;
	return s->o + (cp_start(t, s, i) - s->f);
}

static size_t
end_in(const struct match_text *t, const struct match_seg *s, size_t i)
{
	if (s->oe != SEG_LINEAR)
		return s->oe;
	size_t c = cp_start(t, s, i);
	return s->o + (c - s->f) + (size_t)ustr_next(t->text, t->len, c, &(int32_t){ 0 }) - c;
}

size_t
match_text_start(const struct match_text *t, size_t i)
{
	if (i >= t->len)
		return t->orig_len;
	return start_in(t, &t->seg[seg_in(t, i, 0, t->nseg)], i);
}

size_t
match_text_end(const struct match_text *t, size_t i)
{
	if (i >= t->len)
		return t->orig_len;
	return end_in(t, &t->seg[seg_in(t, i, 0, t->nseg)], i);
}

size_t
match_text_start_near(const struct match_text *t, size_t i, size_t *hint)
{
	if (i >= t->len)
		return t->orig_len;
	return start_in(t, &t->seg[seg_near(t, i, hint)], i);
}

size_t
match_text_end_near(const struct match_text *t, size_t i, size_t *hint)
{
	if (i >= t->len)
		return t->orig_len;
	return end_in(t, &t->seg[seg_near(t, i, hint)], i);
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

/* Where match_text_at's answer begins: the first segment starting at off
 * or later (lo), unless the linear segment before it reaches off. */
static size_t
text_at_seg(const struct match_text *t, size_t off, size_t lo)
{
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

/* The first segment in [lo, hi) starting at off or later (hi if none). */
static size_t
seg_lower(const struct match_text *t, size_t off, size_t lo, size_t hi)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->seg[mid].o < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t
match_text_at(const struct match_text *t, size_t off)
{
	/* starts never decrease along the folded text */
	return text_at_seg(t, off, seg_lower(t, off, 0, t->nseg));
}

size_t
match_text_at_near(const struct match_text *t, size_t off, size_t *hint)
{
	size_t h = *hint < t->nseg ? *hint : t->nseg, lo;
	if (h > 0 && t->seg[h - 1].o >= off) {
		lo = seg_lower(t, off, 0, h - 1); /* behind the hint */
	} else {
		/* ahead of it: segments before lo start before off, and hi
		 * is the end or starts at off or later */
		size_t hi = h, step = 1;
		lo = h;
		while (hi < t->nseg && t->seg[hi].o < off) {
			lo = hi + 1;
			hi = hi + step < t->nseg ? hi + step : t->nseg;
			step *= 2;
		}
		lo = seg_lower(t, off, lo, hi);
	}
	*hint = lo;
	return text_at_seg(t, off, lo);
}
