#include "artblob.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

/* Every field of struct article is packed below: a field added after
 * `levels` must be packed too, and this line moved to it. */
_Static_assert(offsetof(struct article, levels) + sizeof(unsigned char *) == sizeof(struct article),
	       "struct article has a field artblob.c does not pack");

/* "DWB3", then the sizes of the structs copied as they are. */
struct head {
	char magic[4];
	uint16_t block, sentence, span, stats, seg, article;
};

static struct head
this_head(void)
{
	return (struct head){ { 'D', 'W', 'B', '3' }, sizeof(struct block), sizeof(struct sentence),
			      sizeof(struct span), sizeof(struct clean_stats),
			      sizeof(struct match_seg), sizeof(struct article) };
}

struct out {
	unsigned char *p;
	size_t n, cap;
	int bad;
};

static void
put(struct out *o, const void *s, size_t n)
{
	if (o->bad)
		return;
	if (o->n + n > o->cap) {
		size_t cap = o->cap ? o->cap : 256;
		while (cap < o->n + n)
			cap *= 2;
		unsigned char *p = realloc(o->p, cap);
		if (p == NULL) {
			o->bad = 1;
			return;
		}
		o->p = p;
		o->cap = cap;
	}
	if (n)
		memcpy(o->p + o->n, s, n);
	o->n += n;
}

static void
put_size(struct out *o, size_t v)
{
	uint64_t x = v;
	put(o, &x, sizeof x);
}

static void
put_str(struct out *o, const char *s)
{
	/* UINT64_MAX: NULL */
	if (s == NULL) {
		put_size(o, SIZE_MAX);
		return;
	}
	size_t n = strlen(s);
	put_size(o, n);
	put(o, s, n);
}

static void
put_varint(struct out *o, size_t v)
{
	unsigned char b[10];
	size_t n = 0;
	do {
		b[n] = (unsigned char)(v & 0x7f);
		v >>= 7;
		b[n] |= v ? 0x80 : 0;
		n++;
	} while (v);
	put(o, b, n);
}

/* The text is kept as pieces against the folded text, which the cache
 * holds anyway: a run of the text's own bytes, then a run of bytes equal
 * to the folded text's (skip bytes on from where the last run ended).
 * Most of a text folds to itself (simplified Chinese; full-width
 * punctuation and capitals do not), so a hit read from the cache reads
 * its 14 KB once, not twice. Runs under COPY_MIN bytes are not worth a
 * piece. */
#define COPY_MIN 8

struct pieces {
	struct out *o;
	const char *text;
	size_t o_end, f_end;     /* where the last piece's copy ended */
	size_t po, pf, pn;       /* the copy not written yet */
};

static void
piece_flush(struct pieces *p)
{
	if (p->pn == 0)
		return;
	put_varint(p->o, p->po - p->o_end);
	put(p->o, p->text + p->o_end, p->po - p->o_end);
	put_varint(p->o, p->pf - p->f_end);
	put_varint(p->o, p->pn);
	p->o_end = p->po + p->pn;
	p->f_end = p->pf + p->pn;
	p->pn = 0;
}

/* Text [o, o + n) equals folded [f, f + n). */
static void
piece_copy(struct pieces *p, size_t o, size_t f, size_t n)
{
	if (p->pn && p->po + p->pn == o && p->pf + p->pn == f) {
		p->pn += n;
		return;
	}
	size_t o_end = p->pn ? p->po + p->pn : p->o_end, f_end = p->pn ? p->pf + p->pn : p->f_end;
	if (o < o_end || f < f_end)
		return; /* out of order (never in a fold): the bytes stay literal */
	piece_flush(p);
	p->po = o;
	p->pf = f;
	p->pn = n;
}

static void
put_text(struct out *o, const struct article *a, const struct match_text *f)
{
	struct out d = { 0 };
	struct pieces p = { &d, a->text, 0, 0, 0, 0, 0 };
	for (size_t i = 0; i < f->nseg; i++) {
		const struct match_seg *s = &f->seg[i];
		size_t fe = i + 1 < f->nseg ? f->seg[i + 1].f : f->len;
		/* the map only says where to compare: equal bytes are copied,
		 * whatever kind of piece of the map they are in */
		if (s->f > fe || fe > f->len || s->o > a->len || fe - s->f > a->len - s->o)
			continue;
		const char *t = a->text + s->o, *ft = f->text + s->f;
		size_t n = fe - s->f;
		for (size_t k = 0; k < n;) {
			size_t run = 0;
			while (k + run < n && t[k + run] == ft[k + run])
				run++;
			if (run >= COPY_MIN)
				piece_copy(&p, s->o + k, s->f + k, run);
			k += run ? run : 1;
		}
	}
	piece_flush(&p);
	if (p.o_end < a->len) { /* the rest, literal */
		put_varint(&d, a->len - p.o_end);
		put(&d, a->text + p.o_end, a->len - p.o_end);
		put_varint(&d, 0);
		put_varint(&d, 0);
	}
	if (d.bad)
		o->bad = 1;
	put_size(o, a->len);
	put_size(o, d.n);
	put(o, d.p, d.n);
	free(d.p);
}

int
artblob_pack(const struct article *a, const struct match_text *f, void **out, size_t *n)
{
	struct out o = { 0 };
	struct head h = this_head();
	put(&o, &h, sizeof h);
	put_text(&o, a, f);
	put_size(&o, a->nblocks);
	put(&o, a->blocks, a->nblocks * sizeof *a->blocks);
	unsigned char has_levels = a->levels != NULL;
	put(&o, &has_levels, 1);
	if (has_levels)
		put(&o, a->levels, a->nblocks);
	put_size(&o, a->nsents);
	put(&o, a->sents, a->nsents * sizeof *a->sents);
	put_size(&o, a->spans.n);
	put(&o, a->spans.v, a->spans.n * sizeof *a->spans.v);
	put(&o, &a->stats, sizeof a->stats);
	put(&o, a->encoding, sizeof a->encoding);
	put_size(&o, a->replaced);
	put_size(&o, a->chars);
	put(&o, &a->hash, sizeof a->hash);
	int fmt = (int)a->format, inferred = a->meta.title_inferred;
	put(&o, &fmt, sizeof fmt);
	put(&o, &inferred, sizeof inferred);
	put_str(&o, a->meta.title);
	put_str(&o, a->meta.source);
	put_str(&o, a->meta.author);
	put_str(&o, a->meta.date);
	put_size(&o, f->len);
	put_size(&o, f->orig_len);
	put_size(&o, f->nseg);
	put(&o, f->seg, f->nseg * sizeof *f->seg);
	if (o.bad) {
		free(o.p);
		return ERR_NOMEM;
	}
	*out = o.p;
	*n = o.n;
	return 0;
}

struct in {
	const unsigned char *p;
	size_t n, at;
	int bad;
};

static void
get(struct in *in, void *d, size_t n)
{
	if (in->bad || n > in->n - in->at) {
		in->bad = 1;
		return;
	}
	memcpy(d, in->p + in->at, n);
	in->at += n;
}

static size_t
get_size(struct in *in)
{
	uint64_t x = 0;
	get(in, &x, sizeof x);
	if (x != UINT64_MAX && x > in->n)
		in->bad = 1; /* no count is larger than the blob */
	return (size_t)x;
}

/* A malloc'd copy of count items of size bytes (NULL for none). */
static void *
get_array(struct in *in, size_t count, size_t size, int *nomem)
{
	if (in->bad || count == 0)
		return NULL;
	if (count > (in->n - in->at) / size) {
		in->bad = 1;
		return NULL;
	}
	void *v = malloc(count * size);
	if (v == NULL) {
		*nomem = 1;
		return NULL;
	}
	get(in, v, count * size);
	return v;
}

static char *
get_str(struct in *in, int *nomem)
{
	size_t n = get_size(in);
	if (in->bad || n == SIZE_MAX)
		return NULL;
	if (n > in->n - in->at) {
		in->bad = 1;
		return NULL;
	}
	char *s = malloc(n + 1);
	if (s == NULL) {
		*nomem = 1;
		return NULL;
	}
	get(in, s, n);
	s[n] = '\0';
	return s;
}

static size_t
get_varint_long(struct in *in)
{
	size_t v = 0;
	for (unsigned shift = 0; !in->bad; shift += 7) {
		if (in->at >= in->n || shift > 63) {
			in->bad = 1;
			break;
		}
		unsigned char b = in->p[in->at++];
		v |= (size_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return v;
	}
	return 0;
}

static inline size_t
get_varint(struct in *in)
{
	if (in->at < in->n && !(in->p[in->at] & 0x80))
		return in->p[in->at++]; /* most: one byte */
	return get_varint_long(in);
}

/* memcpy for the many short runs (a punctuation mark's bytes) without a
 * call */
static inline void
copy_short(char *d, const unsigned char *s, size_t n)
{
	if (n > 8) {
		memcpy(d, s, n);
		return;
	}
	for (size_t i = 0; i < n; i++)
		d[i] = (char)s[i];
}

/* The text's differences as put_text wrote them, read a piece at a time:
 * both the whole text (get_text) and its parts (artblob_text_fill) are
 * rebuilt by this one walk, so both check every piece alike. */
struct diff_walk {
	struct in d; /* the differences */
	const char *folded;
	size_t flen, f; /* the folded text, where its last copy ended */
	size_t len, at; /* the text's length, where the next piece goes */
};

/* One piece: at text offset at, lit[0, nlit) of the blob's own bytes,
 * then cp[0, ncp) of the folded text's. */
struct diff_piece {
	size_t at, nlit, ncp;
	const unsigned char *lit, *cp;
};

static struct diff_walk
diff_walk_start(const struct artblob_text *txt, const char *folded, size_t flen)
{
	return (struct diff_walk){ { txt->d, txt->dn, 0, 0 }, folded, flen, 0, txt->len, 0 };
}

/* The next piece into *p: 1, or 0 at the end or at damage (diff_walk_whole
 * tells which). A piece is checked to lie inside the differences, the
 * folded text and the text, and to move on. */
static inline int
diff_walk_next(struct diff_walk *w, struct diff_piece *p)
{
	struct in *d = &w->d;
	if (d->bad || d->at >= d->n)
		return 0;
	size_t lit = get_varint(d);
	if (d->bad || lit > d->n - d->at || lit > w->len - w->at) {
		d->bad = 1;
		return 0;
	}
	p->at = w->at;
	p->lit = d->p + d->at;
	p->nlit = lit;
	d->at += lit;
	size_t skip = get_varint(d), cp = get_varint(d), at = w->at + lit;
	if (d->bad || skip > w->flen - w->f || cp > w->flen - w->f - skip || cp > w->len - at ||
	    (lit == 0 && cp == 0)) {
		d->bad = 1;
		return 0;
	}
	p->cp = (const unsigned char *)w->folded + w->f + skip;
	p->ncp = cp;
	w->f += skip + cp;
	w->at = at + cp;
	return 1;
}

/* After the last piece: did the walk rebuild the whole text, undamaged? */
static int
diff_walk_whole(const struct diff_walk *w)
{
	return !w->d.bad && w->at == w->len;
}

/* The text's differences from the folded text, left where they are: their
 * place in the blob and the text's length (each byte of the text is the
 * blob's or the folded text's, at most once). */
static void
skip_text(struct in *in, size_t flen, struct artblob_text *txt)
{
	uint64_t x = 0, dn = 0;
	get(in, &x, sizeof x);
	get(in, &dn, sizeof dn);
	if (in->bad || dn > in->n - in->at || x > (in->n - in->at) + (uint64_t)flen) {
		in->bad = 1;
		return;
	}
	txt->d = in->p + in->at;
	txt->dn = (size_t)dn;
	txt->len = (size_t)x;
	in->at += (size_t)dn;
}

/* The text put_text kept, rebuilt against folded[0, flen): *len bytes,
 * malloc'd (a NUL after it); NULL if it is damaged (in->bad) or on
 * *nomem. */
static char *
get_text(struct in *in, const char *folded, size_t flen, size_t *len, int *nomem)
{
	struct artblob_text txt;
	skip_text(in, flen, &txt);
	if (in->bad)
		return NULL;
	char *t = malloc(txt.len + 1);
	if (t == NULL) {
		*nomem = 1;
		return NULL;
	}
	struct diff_walk w = diff_walk_start(&txt, folded, flen);
	struct diff_piece p;
	while (diff_walk_next(&w, &p)) {
		copy_short(t + p.at, p.lit, p.nlit);
		copy_short(t + p.at + p.nlit, p.cp, p.ncp);
	}
	if (!diff_walk_whole(&w)) {
		free(t);
		in->bad = 1;
		return NULL;
	}
	t[txt.len] = '\0';
	*len = txt.len;
	return t;
}

/* Ranges of a text being filled, and the first one not passed yet. */
struct fill {
	char *t;
	const size_t *ranges;
	size_t nranges, k;
};

/* The part of the text's [at, at + n) inside the ranges, from s. */
static inline void
fill_run(struct fill *fl, size_t at, const unsigned char *s, size_t n)
{
	size_t q = at + n;
	const size_t *r = fl->ranges;
	while (fl->k < fl->nranges && r[2 * fl->k] < q) {
		size_t lo = r[2 * fl->k] > at ? r[2 * fl->k] : at;
		size_t hi = r[2 * fl->k + 1] < q ? r[2 * fl->k + 1] : q;
		if (lo < hi)
			copy_short(fl->t + lo, s + (lo - at), hi - lo);
		if (r[2 * fl->k + 1] > q)
			break;
		fl->k++;
	}
}

int
artblob_text_fill(const struct artblob_text *txt, const char *folded, size_t flen,
		  const size_t *ranges, size_t nranges, char **out)
{
	char *t = malloc(txt->len + 1);
	if (t == NULL)
		return ERR_NOMEM;
	struct fill fl = { t, ranges, nranges, 0 };
	struct diff_walk w = diff_walk_start(txt, folded, flen);
	struct diff_piece p;
	while (diff_walk_next(&w, &p)) {
		fill_run(&fl, p.at, p.lit, p.nlit);
		fill_run(&fl, p.at + p.nlit, p.cp, p.ncp);
	}
	if (!diff_walk_whole(&w)) {
		free(t);
		return ERR_INVAL;
	}
	t[txt->len] = '\0';
	*out = t;
	return 0;
}

static int
unpack(const void *blob, size_t n, const char *path, const char *folded, size_t flen, int borrow,
       struct artblob_text *txt, struct article *out, struct match_text *fout)
{
	struct in in = { blob, n, 0, 0 };
	struct head h, want = this_head();
	get(&in, &h, sizeof h);
	if (in.bad || memcmp(&h, &want, sizeof h) != 0)
		return ERR_INVAL;
	struct article a = { 0 };
	struct match_text f = { 0 };
	int nomem = 0;
	if (txt) {
		skip_text(&in, flen, txt);
		a.len = txt->len;
	} else {
		a.text = get_text(&in, folded, flen, &a.len, &nomem);
	}
	a.nblocks = get_size(&in);
	a.blocks = get_array(&in, a.nblocks, sizeof *a.blocks, &nomem);
	unsigned char has_levels = 0;
	get(&in, &has_levels, 1);
	if (has_levels == 1)
		a.levels = get_array(&in, a.nblocks, 1, &nomem);
	else if (has_levels != 0)
		in.bad = 1;
	a.nsents = get_size(&in);
	a.sents = get_array(&in, a.nsents, sizeof *a.sents, &nomem);
	a.spans.n = a.spans.cap = get_size(&in);
	a.spans.v = get_array(&in, a.spans.n, sizeof *a.spans.v, &nomem);
	get(&in, &a.stats, sizeof a.stats);
	get(&in, a.encoding, sizeof a.encoding);
	a.encoding[sizeof a.encoding - 1] = '\0';
	a.replaced = get_size(&in);
	a.chars = get_size(&in);
	get(&in, &a.hash, sizeof a.hash);
	int fmt = 0, inferred = 0;
	get(&in, &fmt, sizeof fmt);
	get(&in, &inferred, sizeof inferred);
	a.format = (enum format)fmt;
	a.meta.title_inferred = inferred;
	a.meta.title = get_str(&in, &nomem);
	a.meta.source = get_str(&in, &nomem);
	a.meta.author = get_str(&in, &nomem);
	a.meta.date = get_str(&in, &nomem);
	/* the lengths of the texts, checked below (the blob may be shorter) */
	uint64_t lens[2] = { 0, 0 };
	get(&in, lens, sizeof lens);
	f.len = (size_t)lens[0];
	f.orig_len = (size_t)lens[1];
	f.nseg = get_size(&in);
	f.seg = get_array(&in, f.nseg, sizeof *f.seg, &nomem);
	/* everything must agree with the text it maps */
	int ok = !in.bad && !nomem && in.at == n && f.len == flen && f.orig_len == a.len &&
		 (f.len == 0 || f.nseg > 0);
	for (size_t i = 0; ok && i < a.nblocks; i++)
		ok = a.blocks[i].start <= a.blocks[i].end && a.blocks[i].end <= a.len;
	for (size_t i = 0; ok && i < a.nsents; i++)
		ok = a.sents[i].start <= a.sents[i].end && a.sents[i].end <= a.len &&
		     a.sents[i].block < a.nblocks;
	for (size_t i = 0; ok && i < a.spans.n; i++)
		ok = a.spans.v[i].start <= a.spans.v[i].end && a.spans.v[i].end <= a.len;
	for (size_t i = 0; ok && i < f.nseg; i++)
		ok = f.seg[i].f <= f.len && f.seg[i].o <= a.len &&
		     (i == 0 ? f.seg[i].f == 0 : f.seg[i].f > f.seg[i - 1].f);
	if (ok && ((a.path = strdup(path)) == NULL ||
		   (!borrow && (f.text = malloc(flen + 1)) == NULL)))
		nomem = 1, ok = 0;
	if (!ok) {
		article_free(&a);
		match_text_free(&f);
		return nomem ? ERR_NOMEM : ERR_INVAL;
	}
	if (borrow) {
		f.text = (char *)folded;
	} else {
		memcpy(f.text, folded, flen);
		f.text[flen] = '\0';
	}
	*out = a;
	*fout = f;
	return 0;
}

int
artblob_unpack(const void *blob, size_t n, const char *path, const char *folded, size_t flen,
	       struct article *out, struct match_text *fout)
{
	return unpack(blob, n, path, folded, flen, 0, NULL, out, fout);
}

int
artblob_unpack_borrow(const void *blob, size_t n, const char *path, const char *folded,
		      size_t flen, struct article *out, struct match_text *fout)
{
	return unpack(blob, n, path, folded, flen, 1, NULL, out, fout);
}

int
artblob_unpack_lazy(const void *blob, size_t n, const char *path, const char *folded, size_t flen,
		    struct article *out, struct match_text *fout, struct artblob_text *txt)
{
	return unpack(blob, n, path, folded, flen, 1, txt, out, fout);
}
