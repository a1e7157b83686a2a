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

/* "DWB2", then the sizes of the structs copied as they are. */
struct head {
	char magic[4];
	uint16_t block, sentence, span, stats, seg, article;
};

static struct head
this_head(void)
{
	return (struct head){ { 'D', 'W', 'B', '2' }, sizeof(struct block), sizeof(struct sentence),
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

int
artblob_pack(const struct article *a, const struct match_text *f, void **out, size_t *n)
{
	struct out o = { 0 };
	struct head h = this_head();
	put(&o, &h, sizeof h);
	put_size(&o, a->len);
	put(&o, a->text, a->len);
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

int
artblob_unpack(const void *blob, size_t n, const char *path, const char *folded, size_t flen,
	       struct article *out, struct match_text *fout)
{
	struct in in = { blob, n, 0, 0 };
	struct head h, want = this_head();
	get(&in, &h, sizeof h);
	if (in.bad || memcmp(&h, &want, sizeof h) != 0)
		return ERR_INVAL;
	struct article a = { 0 };
	struct match_text f = { 0 };
	int nomem = 0;
	a.len = get_size(&in);
	if (!in.bad && a.len <= n - in.at && (a.text = malloc(a.len + 1)) == NULL)
		nomem = 1;
	if (a.text) {
		get(&in, a.text, a.len);
		a.text[a.len] = '\0';
	} else {
		in.bad = 1;
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
	f.len = get_size(&in);
	f.orig_len = get_size(&in);
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
	if (ok && ((a.path = strdup(path)) == NULL || (f.text = malloc(flen + 1)) == NULL))
		nomem = 1, ok = 0;
	if (!ok) {
		article_free(&a);
		match_text_free(&f);
		return nomem ? ERR_NOMEM : ERR_INVAL;
	}
	memcpy(f.text, folded, flen);
	f.text[flen] = '\0';
	*out = a;
	*fout = f;
	return 0;
}
