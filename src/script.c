#include "script.h"

#include <opencc/opencc.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "script_keys.h"
#include "script_memo.h"
#include "ustr.h"

struct script {
	opencc_t t2s;
	opencc_t s2t;
	/* t2s's dictionaries are script_keys's: keys[cp] the longest key
	 * that begins with cp, in code points, 0 if none (code points below
	 * KEYS_CPS; NULL: every run to OpenCC) */
	unsigned char *keys;
	struct script_memo *memo; /* OpenCC's t2s answers for short stretches */
};

/* Code points of the key table; past it every run goes to OpenCC. */
#define KEYS_CPS 0x30000

#define SCRIPT_BAD ((opencc_t)-1)

static char *
xstrdup_msg(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *m = malloc(la + lb + 1);
	if (m) {
		memcpy(m, a, la);
		memcpy(m + la, b, lb + 1);
	}
	return m;
}

/* Is the file at f->path the one script_keys was made from? */
static int
same_file(const struct script_keys_file *f)
{
	FILE *in = fopen(f->path, "rb");
	if (in == NULL)
		return 0;
	uint64_t h = 0xcbf29ce484222325ULL;
	long n = 0;
	unsigned char buf[8192];
	size_t got;
	while ((got = fread(buf, 1, sizeof buf, in)) > 0) {
		for (size_t i = 0; i < got; i++)
			h = (h ^ buf[i]) * 0x100000001b3ULL;
		n += (long)got;
	}
	int ok = !ferror(in) && n == f->size && h == f->fnv1a;
	fclose(in);
	return ok;
}

/* The key table, if OpenCC loads script_keys's files: its t2s.json is
 * looked for in the working directory first, then in its data directory. */
static unsigned char *
keys_open(void)
{
	if (access("t2s.json", F_OK) == 0)
		return NULL;
	for (size_t i = 0; i < SCRIPT_KEYS_FILES; i++)
		if (!same_file(&script_keys_files[i]))
			return NULL;
	/* a byte per code point (192 KiB), not a bit and a binary search for
	 * the length: every key-initial character of a run asked for it */
	unsigned char *lens = calloc(KEYS_CPS, 1);
	if (lens == NULL)
		return NULL;
	for (size_t i = 0; i < SCRIPT_KEYS_FIRST; i++) {
		uint32_t cp = script_keys_first[i];
		if (cp >= KEYS_CPS || script_keys_len[i] == 0) { /* not in the table: no run is left alone */
			free(lens);
			return NULL;
		}
		lens[cp] = script_keys_len[i];
	}
	return lens;
}

int
script_open(struct script **out, char **cause)
{
	struct script *s = calloc(1, sizeof *s);
	if (s == NULL)
		return ERR_NOMEM;
	s->t2s = opencc_open("t2s.json");
	s->s2t = NULL; /* when first needed: s2t_of */
	if (s->t2s == SCRIPT_BAD) {
		const char *why = opencc_error();
		if (cause)
			*cause = xstrdup_msg("cannot load OpenCC data: ",
					     why && *why ? why : "unknown reason");
		script_close(s);
		return ERR_IO;
	}
	s->keys = keys_open();
	s->memo = script_memo_new(0); /* without: every stretch to OpenCC */
	*out = s;
	return 0;
}

void
script_close(struct script *s)
{
	if (s == NULL)
		return;
	if (s->t2s != SCRIPT_BAD && s->t2s != NULL)
		opencc_close(s->t2s);
	if (s->s2t != SCRIPT_BAD && s->s2t != NULL)
		opencc_close(s->s2t);
	free(s->keys);
	script_memo_free(s->memo);
	free(s);
}

const char *
script_name(enum script_kind k)
{
	switch (k) {
	case SCRIPT_SIMPLIFIED:
		return "simplified";
	case SCRIPT_TRADITIONAL:
		return "traditional";
	default:
		return "original";
	}
}

/* Output buffer with the two maps under construction. */
struct conv {
	char *out;
	size_t len, cap;
	size_t *to_orig; /* parallel to out: output byte -> input byte */
	size_t *from_orig; /* in_len + 1 entries */
};

static int
conv_reserve(struct conv *c, size_t more)
{
	if (c->len + more + 1 <= c->cap)
		return 0;
	size_t cap = c->cap ? c->cap : 256;
	while (cap < c->len + more + 1)
		cap *= 2;
	char *o = realloc(c->out, cap);
	if (o == NULL)
		return ERR_NOMEM;
	c->out = o;
	size_t *m = realloc(c->to_orig, cap * sizeof *m);
	if (m == NULL)
		return ERR_NOMEM;
	c->to_orig = m;
	c->cap = cap;
	return 0;
}

/* Append in[a, b) unchanged, mapping byte for byte. */
static int
conv_copy(struct conv *c, const char *in, size_t a, size_t b)
{
	if (conv_reserve(c, b - a) < 0)
		return ERR_NOMEM;
	for (size_t i = a; i < b; i++) {
		c->from_orig[i] = c->len;
		c->to_orig[c->len] = i;
		c->out[c->len++] = in[i];
	}
	return 0;
}

/* Append the converted form o[0, olen) of in[a, b). Same number of code
 * points: map code point by code point (bytes inside a code point map to
 * its first byte). Otherwise every byte inside the piece maps to the
 * piece's start, so a mismatch stays local to one run. */
static int
conv_piece(struct conv *c, const char *in, size_t a, size_t b,
	   const char *o, size_t olen)
{
	if (conv_reserve(c, olen) < 0)
		return ERR_NOMEM;
	size_t base = c->len;
	if (ustr_count(in + a, b - a) == ustr_count(o, olen)) {
		size_t i = a, j = 0;
		while (i < b && j < olen) {
			int32_t cp;
			size_t ni = ustr_next(in, b, i, &cp);
			size_t nj = ustr_next(o, olen, j, &cp);
			for (size_t k = i; k < ni; k++)
				c->from_orig[k] = base + j;
			for (size_t k = j; k < nj; k++)
				c->to_orig[base + k] = i;
			i = ni;
			j = nj;
		}
	} else {
		for (size_t k = a; k < b; k++)
			c->from_orig[k] = base;
		for (size_t k = 0; k < olen; k++)
			c->to_orig[base + k] = a;
	}
	memcpy(c->out + base, o, olen);
	c->len = base + olen;
	return 0;
}

/* Code points OpenCC may change: everything wide except CJK punctuation and
 * full-width forms, which it leaves alone and which we use as run breaks.
 * OpenCC must only see well-formed UTF-8 (it reads as many bytes as a lead
 * byte announces, past the end of a truncated sequence): U+FFFD, which
 * ustr_next gives for every malformed byte, surrogates and values past
 * U+10FFFF are never converted. */
int
script_convertible(int32_t cp)
{
	if (cp < 0x2E80 || cp == 0xFFFD || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	if (cp >= 0x3000 && cp <= 0x303F)
		return 0;
	if (cp >= 0xFF00 && cp <= 0xFFEF)
		return 0;
	return 1;
}

/* Convert in[0, len) run by run with cc (NULL: copy). On success the
 * conv's buffers hold the result; the caller frees them on failure too. */
static int
conv_run(opencc_t cc, const char *in, size_t len, struct conv *c)
{
	c->from_orig = malloc((len + 1) * sizeof *c->from_orig);
	if (c->from_orig == NULL || conv_reserve(c, len) < 0)
		return ERR_NOMEM;
	size_t i = 0;
	while (i < len) {
		int32_t cp;
		size_t n = ustr_next(in, len, i, &cp);
		int conv = cc != NULL && script_convertible(cp);
		size_t j = n;
		while (j < len) {
			size_t nj = ustr_next(in, len, j, &cp);
			if ((cc != NULL && script_convertible(cp)) != conv)
				break;
			j = nj;
		}
		if (!conv) {
			if (conv_copy(c, in, i, j) < 0)
				return ERR_NOMEM;
		} else {
			char *o = opencc_convert_utf8(cc, in + i, j - i);
			if (o == NULL)
				return ERR_NOMEM;
			int rc = conv_piece(c, in, i, j, o, strlen(o));
			opencc_convert_utf8_free(o);
			if (rc < 0)
				return rc;
		}
		i = j;
	}
	c->from_orig[len] = c->len;
	c->to_orig[c->len] = len;
	c->out[c->len] = '\0';
	return 0;
}

static void
conv_free(struct conv *c)
{
	free(c->out);
	free(c->to_orig);
	free(c->from_orig);
	memset(c, 0, sizeof *c);
}

char *
script_to_simplified(struct script *s, const char *text, size_t len,
		     size_t *out_len, size_t **map)
{
	struct conv c = { 0 };
	if (conv_run(s ? s->t2s : NULL, text, len, &c) < 0) {
		conv_free(&c);
		return NULL;
	}
	free(c.from_orig);
	if (map)
		*map = c.to_orig;
	else
		free(c.to_orig);
	*out_len = c.len;
	return c.out;
}

/* The longest key of t2s's dictionaries, in code points, that begins
 * with cp: 0 if none; past the table, the whole run. */
static size_t
key_reach(const struct script *s, int32_t cp)
{
	return cp < 0 || cp >= KEYS_CPS ? SIZE_MAX / 2 : s->keys[cp];
}

/* An output buffer of script_run_simplified. */
struct runbuf {
	char *s;
	size_t len, cap;
};

static int
runbuf_put(struct runbuf *b, const char *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (b->len + n + 1 > cap)
			cap *= 2;
		char *t = realloc(b->s, cap);
		if (t == NULL)
			return ERR_NOMEM;
		b->s = t;
		b->cap = cap;
	}
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = 0;
	return 0;
}

/* OpenCC's t2s of text[0, len) appended to b: what it gave for the same
 * bytes before, if the memo has it. */
static int
runbuf_convert(struct script *s, struct runbuf *b, const char *text, size_t len)
{
	size_t olen;
	const char *kept = script_memo_get(s->memo, text, len, &olen);
	if (kept)
		return runbuf_put(b, kept, olen);
	char *o = opencc_convert_utf8(s->t2s, text, len);
	if (o == NULL)
		return ERR_NOMEM;
	olen = strlen(o);
	script_memo_put(s->memo, text, len, o, olen);
	int rc = runbuf_put(b, o, olen);
	opencc_convert_utf8_free(o);
	return rc;
}

/* OpenCC changes text only where a key of its dictionaries matches, and a
 * key matching at code point k lies within k's reach (the longest key k
 * begins); both its passes (the segmentation, then the conversion of each
 * segment) go from left to right taking the longest key where one
 * begins, else one code point. So a code point in no reach is copied by
 * OpenCC as it is, no key crosses it, and OpenCC of the whole run is
 * OpenCC of each stretch of reached code points, the rest as it is:
 * only those stretches are sent to it. */
char *
script_run_simplified(struct script *s, const char *text, size_t len, size_t *out_len)
{
	struct runbuf b = { NULL, 0, 0 };
	if (s->keys == NULL) {
		if (runbuf_convert(s, &b, text, len) < 0)
			goto fail;
		*out_len = b.len;
		return b.s;
	}
	size_t reach = 0, k = 0, from = SIZE_MAX, copied = 0; /* reach, k: code points */
	for (size_t i = 0; i < len; k++) {
		int32_t cp;
		size_t ni = ustr_next(text, len, i, &cp);
		size_t kl = key_reach(s, cp);
		if (kl && k + kl > reach)
			reach = k + kl;
		if (k < reach && from == SIZE_MAX) { /* a stretch begins */
			if (runbuf_put(&b, text + copied, i - copied) < 0)
				goto fail;
			from = i;
		} else if (k >= reach && from != SIZE_MAX) { /* it ends */
			if (runbuf_convert(s, &b, text + from, i - from) < 0)
				goto fail;
			from = SIZE_MAX;
			copied = i;
		}
		i = ni;
	}
	if (from != SIZE_MAX ? runbuf_convert(s, &b, text + from, len - from) < 0
			     : runbuf_put(&b, text + copied, len - copied) < 0)
		goto fail;
	*out_len = b.len;
	return b.s;
fail:
	free(b.s);
	return NULL;
}

void
script_run_free(char *run)
{
	free(run);
}

int
script_skips_runs(const struct script *s)
{
	return s && s->keys != NULL;
}

/* Map an end offset: inside a run that was mapped as a whole (several
 * bytes sharing one target) round up to the run's end, so a non-empty
 * range never collapses. */
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

static char *
conv_string(opencc_t cc, const char *str)
{
	if (str == NULL)
		return NULL;
	if (cc == NULL)
		return strdup(str);
	char *o = opencc_convert_utf8(cc, str, strlen(str));
	if (o == NULL)
		return NULL;
	char *r = strdup(o);
	opencc_convert_utf8_free(o);
	return r;
}

static int
copy_meta(opencc_t cc, const struct meta *m, struct meta *out)
{
	out->title_inferred = m->title_inferred;
	out->title = conv_string(cc, m->title);
	out->source = conv_string(cc, m->source);
	out->author = conv_string(cc, m->author);
	out->date = conv_string(cc, m->date);
	if ((m->title && !out->title) || (m->source && !out->source) ||
	    (m->author && !out->author) || (m->date && !out->date))
		return ERR_NOMEM;
	return 0;
}

static size_t
count_chars(const struct article *a)
{
	size_t n = 0;
	for (size_t b = 0; b < a->nblocks; b++) {
		if (a->blocks[b].kind == BLOCK_BOILERPLATE || a->blocks[b].kind == BLOCK_META)
			continue;
		for (size_t i = a->blocks[b].start; i < a->blocks[b].end; i++) {
			unsigned char ch = (unsigned char)a->text[i];
			if ((ch & 0xC0) != 0x80 && ch != ' ' && ch != '\n')
				n++;
		}
	}
	return n;
}

/* Carry blocks, sentences and spans of a over to the converted text. */
static int
carry(const struct article *a, const size_t *fm, struct article *art)
{
	size_t n = a->len;
	if (a->nblocks) {
		art->blocks = malloc(a->nblocks * sizeof *art->blocks);
		if (art->blocks == NULL)
			return ERR_NOMEM;
	}
	for (size_t i = 0; i < a->nblocks; i++) {
		art->blocks[i] = a->blocks[i];
		art->blocks[i].start = fm[a->blocks[i].start];
		art->blocks[i].end = map_end(fm, n, a->blocks[i].end);
	}
	art->nblocks = a->nblocks;
	if (a->levels) {
		art->levels = malloc(a->nblocks ? a->nblocks : 1);
		if (art->levels == NULL)
			return ERR_NOMEM;
		memcpy(art->levels, a->levels, a->nblocks);
	}
	if (a->nsents) {
		art->sents = malloc(a->nsents * sizeof *art->sents);
		if (art->sents == NULL)
			return ERR_NOMEM;
	}
	for (size_t i = 0; i < a->nsents; i++) {
		art->sents[i] = a->sents[i];
		art->sents[i].start = fm[a->sents[i].start];
		art->sents[i].end = map_end(fm, n, a->sents[i].end);
	}
	art->nsents = a->nsents;
	for (size_t i = 0; i < a->spans.n; i++) {
		const struct span *sp = &a->spans.v[i];
		if (span_list_push(&art->spans, fm[sp->start], map_end(fm, n, sp->end),
				   sp->kind, sp->tag) < 0)
			return ERR_NOMEM;
	}
	return 0;
}

/* The s2t converter, opened when first needed: its dictionaries take
 * some 20 ms to load (STPhrases, 925 KB), t2s's 1 ms, and only the
 * traditional view uses it (a search, a list or a comparison never).
 * SCRIPT_BAD if OpenCC's data cannot be loaded. */
static opencc_t
s2t_of(struct script *s)
{
	if (s->s2t == NULL)
		s->s2t = opencc_open("s2t.json");
	return s->s2t;
}

int
script_convert_article(struct script *s, enum script_kind kind,
		       const struct article *a, struct script_article *out)
{
	opencc_t cc = NULL;
	if (kind == SCRIPT_SIMPLIFIED)
		cc = s ? s->t2s : NULL;
	else if (kind == SCRIPT_TRADITIONAL && s && (cc = s2t_of(s)) == SCRIPT_BAD)
		return ERR_IO;
	struct conv c = { 0 };
	struct article art = { 0 };
	int rc = conv_run(cc, a->text, a->len, &c);
	if (rc < 0)
		goto fail;
	rc = ERR_NOMEM;
	art.path = strdup(a->path ? a->path : "");
	if (art.path == NULL)
		goto fail;
	art.text = c.out;
	art.len = c.len;
	c.out = NULL;
	if (carry(a, c.from_orig, &art) < 0 || copy_meta(cc, &a->meta, &art.meta) < 0)
		goto fail;
	art.stats = a->stats;
	memcpy(art.encoding, a->encoding, sizeof art.encoding);
	art.replaced = a->replaced;
	art.chars = count_chars(&art);
	art.hash = article_hash(art.text, art.len);
	out->art = art;
	out->to_orig = c.to_orig;
	out->from_orig = c.from_orig;
	out->orig_len = a->len;
	return 0;
fail:
	conv_free(&c);
	article_free(&art);
	return rc;
}

void
script_article_free(struct script_article *sa)
{
	article_free(&sa->art);
	free(sa->to_orig);
	free(sa->from_orig);
	memset(sa, 0, sizeof *sa);
}
