#include "catalog.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "article.h"
#include "artblob.h"
#include "compare.h"
#include "err.h"
#include "match.h"
#include "report.h"
#include "script.h"

/* What a scan opens only if some file must be read. */
struct scan {
	struct catalog *cat;
	struct cache *cache;
	const struct source_opts *opts;
	const struct compare_spec *spec;
	int full;
	char *spec_key;
	struct script *sc;
	int sc_tried;
	struct compare_matcher *m;
	source_warn_fn warn;
	void *ctx;
	int borrowed; /* sc is the caller's (catalog_open): not closed here */
	int in_tx;   /* incremental: a write transaction is open */
	struct loaded *pre; /* catalog_fill_loaded: what read_file takes */
};

/* An article read elsewhere, handed to read_file instead of loading. */
struct loaded {
	int rc;
	char *cause;
	struct article a;
	struct match_text fa;
	int used;
};

char *
catalog_spec_key(const struct compare_spec *spec)
{
	size_t cap = 64, len = 0;
	char *k = malloc(cap);
	if (k == NULL)
		return NULL;
	len = (size_t)snprintf(k, cap, "v1");
	for (size_t c = 0; c < spec->ncities; c++) {
		const struct compare_entity *e = compare_spec_city(spec, c);
		for (size_t w = 0; w < e->nwords; w++) {
			size_t n = strlen(e->words[w]);
			if (len + n + 3 > cap) {
				while (len + n + 3 > cap)
					cap *= 2;
				char *t = realloc(k, cap);
				if (t == NULL) {
					free(k);
					return NULL;
				}
				k = t;
			}
			k[len++] = w ? '\x1f' : '\x1e';
			memcpy(k + len, e->words[w], n);
			len += n;
			k[len] = '\0';
		}
	}
	return k;
}

static uint64_t
file_hash(const char *path, int *ok)
{
	uint64_t h = 1469598103934665603ULL;
	*ok = 0;
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return 0;
	unsigned char buf[1 << 16];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		for (size_t i = 0; i < n; i++) {
			h ^= buf[i];
			h *= 1099511628211ULL;
		}
	*ok = !ferror(f);
	fclose(f);
	return h;
}

static int
need_script(struct scan *s)
{
	if (!s->sc_tried) {
		s->sc_tried = 1;
		if (script_open(&s->sc, NULL) < 0)
			s->sc = NULL; /* counts and search then without script folding */
	}
	if (s->spec && s->m == NULL) {
		int rc = compare_matcher_new(s->spec, s->sc, &s->m);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static char *
dup_or_null(const char *s, int *bad)
{
	if (s == NULL)
		return NULL;
	char *r = strdup(s);
	if (r == NULL)
		*bad = 1;
	return r;
}

/* Article i of the catalog from what the cache knows. */
static int
stub_from_entry(struct article *a, const char *path, const struct cache_entry *e)
{
	int bad = 0;
	*a = (struct article){ .len = e->len, .chars = e->chars, .hash = e->text_hash,
			       .format = (enum format)e->format };
	a->path = dup_or_null(path, &bad);
	a->meta.title = dup_or_null(e->title, &bad);
	a->meta.source = dup_or_null(e->source, &bad);
	a->meta.author = dup_or_null(e->author, &bad);
	a->meta.date = dup_or_null(e->date, &bad);
	a->meta.title_inferred = e->title_inferred;
	if (bad) {
		article_free(a);
		return ERR_NOMEM;
	}
	return 0;
}

/* The city counts of a loaded article, folded as fa. */
static int
count_cities(struct scan *s, const struct article *a, const struct match_text *fa, size_t *out)
{
	struct match_corpus one = { a, (struct match_text *)fa, 1 };
	struct report_cities rc;
	if (report_cities_count(s->spec, s->m, &one, &rc) < 0)
		return ERR_NOMEM;
	memcpy(out, rc.mentions, rc.n * sizeof *out);
	report_cities_free(&rc);
	return 0;
}

/* Read the file at path for article slot i; store it in the cache. 1 if it
 * is an article, 0 if it was reported and left out, or an error. */
static int
read_file(struct scan *s, const char *path, const char *key, const struct stat *sb,
	  uint64_t fh, size_t i)
{
	struct catalog *cat = s->cat;
	struct article a;
	char *cause = NULL;
	struct match_text fa = { 0 };
	int rc;
	if (s->pre && !s->pre->used) { /* read elsewhere: take it over */
		s->pre->used = 1;
		rc = s->pre->rc;
		cause = s->pre->cause;
		s->pre->cause = NULL;
		if (rc == 0)
			a = s->pre->a;
		fa = s->pre->fa;
		s->pre->fa = (struct match_text){ 0 };
	} else {
		rc = article_load(s->opts, path, &a, &cause);
	}
	if (rc < 0)
		match_text_free(&fa);
	if (rc == ERR_NOMEM) {
		free(cause);
		return rc;
	}
	if (rc < 0) {
		if (s->warn)
			s->warn(s->ctx, path, cause ? cause : err_strerror(rc));
		free(cause);
		return 0;
	}
	if (!corpus_has_text(a.text, a.len)) {
		article_free(&a);
		match_text_free(&fa);
		if (s->warn)
			s->warn(s->ctx, path, "file is empty or blank");
		return 0;
	}
	struct cache_entry e = { .size = (uint64_t)sb->st_size,
				 .mtime_ns = (int64_t)sb->st_mtim.tv_sec * 1000000000 + sb->st_mtim.tv_nsec,
				 .file_hash = fh,
				 .title = a.meta.title, .source = a.meta.source,
				 .author = a.meta.author, .date = a.meta.date,
				 .title_inferred = a.meta.title_inferred,
				 .chars = a.chars, .len = a.len, .text_hash = a.hash,
				 .format = (int)a.format,
				 .spec = s->spec_key ? s->spec_key : "" };
	int fold = s->cache != NULL || s->spec != NULL || s->full;
	if (fold && ((rc = need_script(s)) < 0 ||
		     (fa.text == NULL && (rc = match_fold(s->sc, a.text, a.len, &fa)) < 0)))
		goto out;
	if (s->spec) {
		if ((rc = count_cities(s, &a, &fa, &cat->counts[i * cat->ncities])) < 0)
			goto out;
		e.ncounts = cat->ncities;
		memcpy(e.counts, &cat->counts[i * cat->ncities], e.ncounts * sizeof *e.counts);
	}
	int64_t id = -1;
	/* counts folded without OpenCC are not the real ones: not kept */
	if (s->cache && s->sc) {
		void *blob = NULL;
		size_t blen = 0;
		/* a huge single file is not kept whole a second time */
		if (a.len <= CATALOG_BODY_MAX && (rc = artblob_pack(&a, &fa, &blob, &blen)) < 0)
			goto out;
		if (cache_put(s->cache, key, &e, fa.text, fa.len, blob, blen, &id) < 0)
			id = -1;
		free(blob);
	}
	cat->ids[i] = id;
	if (s->full) {
		cat->arts.v[i] = a;
		cat->folded[i] = fa;
		return 1;
	}
	/* keep the metadata only */
	free(a.text);
	free(a.blocks);
	free(a.sents);
	span_list_free(&a.spans);
	a.text = NULL;
	a.blocks = NULL;
	a.sents = NULL;
	a.nblocks = a.nsents = 0;
	cat->arts.v[i] = a;
	rc = 1;
	a.path = NULL;
out:
	if (rc != 1)
		article_free(&a);
	match_text_free(&fa);
	return rc;
}

/* Fill article slot i from the file at path. 1 added, 0 left out, or an
 * error. */
static int
scan_one(struct scan *s, const char *path, size_t i)
{
	struct catalog *cat = s->cat;
	char abs[PATH_MAX];
	const char *key = realpath(path, abs) ? abs : path;
	struct stat sb = { 0 };
	if (stat(key, &sb) < 0 || !S_ISREG(sb.st_mode) || s->cache == NULL)
		return read_file(s, path, key, &sb, 0, i); /* article_load says why */
	int64_t mt = (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec;
	struct cache_entry e;
	int rc = cache_get(s->cache, key, &e), found = rc == 0, ok = 0;
	if (rc == ERR_NOMEM)
		return rc;
	if (found && e.size == (uint64_t)sb.st_size && e.mtime_ns == mt)
		ok = 1;
	uint64_t fh = 0;
	if (!ok) {
		int read_ok;
		fh = file_hash(key, &read_ok);
		if (found && read_ok && e.size == (uint64_t)sb.st_size && e.file_hash == fh) {
			ok = 1; /* touched, not changed */
			cache_restat(s->cache, e.id, key, (uint64_t)sb.st_size, mt);
		} else if (read_ok) {
			/* renamed: the same bytes under a path that is gone */
			struct cache_entry r;
			char *old = NULL;
			struct stat ob;
			if (cache_find_hash(s->cache, (uint64_t)sb.st_size, fh, &r, &old) == 0) {
				if (stat(old, &ob) < 0 && errno == ENOENT &&
				    cache_restat(s->cache, r.id, key, (uint64_t)sb.st_size, mt) == 0) {
					if (found)
						cache_entry_clear(&e);
					e = r;
					found = ok = 1;
				} else {
					cache_entry_clear(&r);
				}
			}
			free(old);
		}
	}
	if (ok && s->spec && strcmp(e.spec, s->spec_key) != 0)
		ok = 0; /* other cities: read it again for them */
	if (!ok) {
		if (found)
			cache_entry_clear(&e);
		return read_file(s, path, key, &sb, fh ? fh : file_hash(key, &(int){ 0 }), i);
	}
	if (s->full) {
		void *blob = NULL;
		char *ft = NULL;
		size_t bn = 0, fn = 0;
		rc = cache_body(s->cache, e.id, &blob, &bn, &ft, &fn);
		if (rc == 0)
			rc = artblob_unpack(blob, bn, path, ft, fn, &cat->arts.v[i], &cat->folded[i]);
		free(blob);
		free(ft);
		if (rc == ERR_NOMEM) {
			cache_entry_clear(&e);
			return rc;
		}
		if (rc < 0) { /* no usable copy: read the file */
			cache_entry_clear(&e);
			return read_file(s, path, key, &sb, file_hash(key, &(int){ 0 }), i);
		}
	} else {
		rc = stub_from_entry(&cat->arts.v[i], path, &e);
	}
	if (rc == 0) {
		cat->ids[i] = e.id;
		for (size_t c = 0; s->spec && c < cat->ncities; c++)
			cat->counts[i * cat->ncities + c] = c < e.ncounts ? e.counts[c] : 0;
		cat->from_cache++;
	}
	cache_entry_clear(&e);
	return rc < 0 ? rc : 1;
}

int
catalog_scan(struct catalog *cat, struct cache *cache, const char *const *paths, size_t npaths,
	     const struct source_opts *opts, const struct compare_spec *spec, int full,
	     source_warn_fn warn, void *ctx, catalog_progress_fn progress, void *pctx)
{
	memset(cat, 0, sizeof *cat);
	struct source_paths sp;
	int rc = source_expand(paths, npaths, &sp, warn, ctx);
	if (rc < 0)
		return rc;
	size_t n = sp.n ? sp.n : 1;
	cat->ncities = spec ? spec->ncities : 0;
	cat->arts.v = calloc(n, sizeof *cat->arts.v);
	cat->keys = calloc(n, sizeof *cat->keys);
	cat->ids = calloc(n, sizeof *cat->ids);
	cat->counts = calloc(n * (cat->ncities ? cat->ncities : 1), sizeof *cat->counts);
	if (full)
		cat->folded = calloc(n, sizeof *cat->folded);
	struct scan s = { cat, cache, opts, spec, full, NULL, NULL, 0, NULL, warn, ctx, 0, 0, NULL };
	rc = ERR_NOMEM;
	if (!cat->arts.v || !cat->keys || !cat->ids || !cat->counts || (full && !cat->folded) ||
	    (spec && (s.spec_key = catalog_spec_key(spec)) == NULL))
		goto out;
	if (cache && cache_begin(cache) < 0)
		cache = s.cache = NULL; /* locked or broken: do without */
	rc = 0;
	for (size_t i = 0; i < sp.n && rc == 0; i++) {
		size_t at = cat->arts.n;
		int r = scan_one(&s, sp.v[i], at);
		if (r < 0) {
			rc = r;
			break;
		}
		if (r == 1) {
			char abs[PATH_MAX];
			const char *key = realpath(sp.v[i], abs) ? abs : sp.v[i];
			if ((cat->keys[at] = strdup(key)) == NULL) {
				article_free(&cat->arts.v[at]);
				if (full)
					match_text_free(&cat->folded[at]);
				rc = ERR_NOMEM;
				break;
			}
			cat->arts.n++;
		}
		/* a long first scan commits as it goes, so an interrupted one
		 * is not lost and other readers see it */
		if (cache && i % 500 == 499 && (cache_commit(cache) < 0 || cache_begin(cache) < 0))
			cache = s.cache = NULL;
		if (progress)
			progress(pctx, i + 1, sp.n);
	}
	if (cache) {
		if (rc == 0)
			cache_prune(cache);
		cache_commit(cache);
	}
out:
	compare_matcher_free(s.m);
	script_close(s.sc);
	free(s.spec_key);
	source_paths_free(&sp);
	if (rc < 0)
		catalog_free(cat);
	return rc;
}

/* ---- incremental ---- */

/* The slots' arrays for n files. 0 or ERR_NOMEM. */
static int
alloc_slots(struct catalog *cat, size_t n, size_t ncities)
{
	size_t k = n ? n : 1;
	cat->ncities = ncities;
	cat->arts.v = calloc(k, sizeof *cat->arts.v);
	cat->keys = calloc(k, sizeof *cat->keys);
	cat->ids = calloc(k, sizeof *cat->ids);
	cat->counts = calloc(k * (ncities ? ncities : 1), sizeof *cat->counts);
	cat->folded = calloc(k, sizeof *cat->folded);
	cat->state = calloc(k, sizeof *cat->state);
	cat->scan = calloc(1, sizeof *cat->scan);
	if (!cat->arts.v || !cat->keys || !cat->ids || !cat->counts || !cat->folded ||
	    !cat->state || !cat->scan)
		return ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		cat->ids[i] = -1;
	return 0;
}

/* Slot i from the cache's entry e if it is current for the file. 1 META,
 * 0 not current (the slot stays PENDING), or ERR_NOMEM. */
static int
slot_meta(struct scan *s, size_t i, const struct cache_entry *e)
{
	struct catalog *cat = s->cat;
	struct stat sb;
	if (cat->state[i] != CATALOG_PENDING || stat(cat->keys[i], &sb) < 0 ||
	    !S_ISREG(sb.st_mode))
		return 0;
	int64_t mt = (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec;
	if (e->size != (uint64_t)sb.st_size || e->mtime_ns != mt ||
	    (s->spec && strcmp(e->spec, s->spec_key) != 0))
		return 0;
	struct article a;
	int rc = stub_from_entry(&a, cat->arts.v[i].path, e);
	if (rc < 0)
		return rc;
	article_free(&cat->arts.v[i]);
	cat->arts.v[i] = a;
	cat->ids[i] = e->id;
	for (size_t c = 0; s->spec && c < cat->ncities; c++)
		cat->counts[i * cat->ncities + c] = c < e->ncounts ? e->counts[c] : 0;
	cat->state[i] = CATALOG_META;
	cat->from_cache++;
	return 1;
}

/* The slots by key, for the cache's entries to find theirs. */
struct by_key {
	struct scan *s;
	size_t *order; /* slot indices sorted by key */
};

static int
cmp_slot_keys(const void *x, const void *y, void *ctx)
{
	const struct catalog *cat = ctx;
	return strcmp(cat->keys[*(const size_t *)x], cat->keys[*(const size_t *)y]);
}

static int
each_entry(void *ctx, const char *key, const struct cache_entry *e)
{
	struct by_key *b = ctx;
	struct catalog *cat = b->s->cat;
	size_t lo = 0, hi = cat->arts.n;
	while (lo < hi) { /* the first slot whose key is not below key */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(cat->keys[b->order[mid]], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < cat->arts.n && strcmp(cat->keys[b->order[lo]], key) == 0; lo++) {
		int rc = slot_meta(b->s, b->order[lo], e);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* The facts of every slot whose file the cache knows as it is now, from
 * one scan of the cache's entries (10,000 lookups cost ten times more). */
static int
slots_meta(struct scan *s)
{
	struct catalog *cat = s->cat;
	if (s->cache == NULL || cat->arts.n == 0)
		return 0;
	struct by_key b = { s, malloc(cat->arts.n * sizeof *b.order) };
	if (b.order == NULL)
		return ERR_NOMEM;
	for (size_t i = 0; i < cat->arts.n; i++)
		b.order[i] = i;
	qsort_r(b.order, cat->arts.n, sizeof *b.order, cmp_slot_keys, cat);
	int rc = cache_each(s->cache, each_entry, &b);
	free(b.order);
	return rc == ERR_NOMEM ? rc : 0; /* a cache that fails only costs speed */
}

int
catalog_open(struct catalog *cat, struct cache *cache, const char *const *paths, size_t npaths,
	     const struct source_opts *opts, const struct compare_spec *spec, struct script *sc,
	     source_warn_fn warn, void *ctx)
{
	memset(cat, 0, sizeof *cat);
	struct source_paths sp;
	int rc = source_expand(paths, npaths, &sp, warn, ctx);
	if (rc < 0)
		return rc;
	if ((rc = alloc_slots(cat, sp.n, spec ? spec->ncities : 0)) < 0)
		goto out;
	struct scan *s = cat->scan;
	*s = (struct scan){ cat, cache, opts, spec, 1, NULL, sc, sc != NULL, NULL, warn, ctx, sc != NULL, 0, NULL };
	rc = ERR_NOMEM;
	if (spec && (s->spec_key = catalog_spec_key(spec)) == NULL)
		goto out;
	for (cat->arts.n = 0; cat->arts.n < sp.n; cat->arts.n++) {
		size_t i = cat->arts.n;
		char abs[PATH_MAX];
		const char *key = realpath(sp.v[i], abs) ? abs : sp.v[i];
		if ((cat->keys[i] = strdup(key)) == NULL)
			goto out;
		if ((cat->arts.v[i].path = strdup(sp.v[i])) == NULL) {
			free(cat->keys[i]);
			goto out;
		}
	}
	if ((rc = slots_meta(s)) < 0)
		goto out;
	rc = 0;
out:
	source_paths_free(&sp);
	if (rc < 0)
		catalog_free(cat);
	return rc;
}

int
catalog_fill(struct catalog *cat, size_t i)
{
	struct scan *s = cat->scan;
	if (i >= cat->arts.n || s == NULL)
		return 0;
	if (cat->state[i] == CATALOG_FULL)
		return 1;
	if (cat->state[i] == CATALOG_FAILED)
		return 0;
	struct article stub = cat->arts.v[i];
	size_t *counts = &cat->counts[i * cat->ncities], keep[CACHE_MAX_COUNTS];
	if (cat->ncities)
		memcpy(keep, counts, cat->ncities * sizeof *counts);
	int rc = -1;
	if (cat->state[i] == CATALOG_META && s->cache) {
		/* current when the catalog was opened: its blob, else the file */
		void *blob = NULL;
		char *ft = NULL;
		size_t bn = 0, fn = 0;
		rc = cache_body(s->cache, cat->ids[i], &blob, &bn, &ft, &fn);
		if (rc == 0)
			rc = artblob_unpack(blob, bn, stub.path, ft, fn, &cat->arts.v[i],
					    &cat->folded[i]);
		free(blob);
		free(ft);
		if (rc == 0)
			rc = 1;
		else if (rc == ERR_NOMEM)
			return rc;
	}
	if (rc != 1) {
		if (s->cache && !s->in_tx) {
			if (cache_begin(s->cache) < 0)
				s->cache = NULL; /* locked or broken: do without */
			else
				s->in_tx = 1;
		}
		cat->arts.v[i] = (struct article){ 0 };
		size_t from = cat->from_cache;
		rc = scan_one(s, stub.path, i);
		if (rc == 1 && cat->state[i] == CATALOG_META)
			cat->from_cache = from; /* counted when opened */
	}
	if (rc == 1) {
		article_free(&stub);
		cat->state[i] = CATALOG_FULL;
		cat->nfull++;
		return 1;
	}
	/* as it was: the stub keeps the path (and the facts, for ERR_NOMEM) */
	article_free(&cat->arts.v[i]);
	match_text_free(&cat->folded[i]);
	cat->arts.v[i] = stub;
	if (cat->ncities)
		memcpy(counts, keep, cat->ncities * sizeof *counts);
	if (rc < 0)
		return rc;
	cat->state[i] = CATALOG_FAILED;
	cat->nfailed++;
	return 0;
}

int
catalog_fill_loaded(struct catalog *cat, size_t i, int rc, struct article *a,
		    struct match_text *fa, char *cause)
{
	struct loaded l = { rc, cause, { 0 }, { 0 }, 0 };
	if (rc == 0)
		l.a = *a;
	if (fa) {
		l.fa = *fa;
		*fa = (struct match_text){ 0 };
	}
	int r = 0;
	if (cat->scan) {
		cat->scan->pre = &l;
		r = catalog_fill(cat, i);
		cat->scan->pre = NULL;
	}
	if (!l.used && l.rc == 0) /* filled otherwise (the cache's copy), or not at all */
		article_free(&l.a);
	free(l.cause);
	match_text_free(&l.fa);
	return r;
}

const struct source_opts *
catalog_source_opts(const struct catalog *cat)
{
	return cat->scan ? cat->scan->opts : NULL;
}

void
catalog_unfill(struct catalog *cat, size_t i)
{
	if (i >= cat->arts.n || cat->state == NULL || cat->state[i] != CATALOG_FULL)
		return;
	struct article *a = &cat->arts.v[i];
	free(a->text);
	free(a->blocks);
	free(a->sents);
	span_list_free(&a->spans);
	a->text = NULL;
	a->blocks = NULL;
	a->sents = NULL;
	a->nblocks = a->nsents = 0;
	match_text_free(&cat->folded[i]);
	cat->state[i] = CATALOG_META;
	cat->nfull--;
}

int
catalog_sync(struct catalog *cat)
{
	struct scan *s = cat->scan;
	if (s == NULL || !s->in_tx)
		return 0;
	s->in_tx = 0;
	if (cache_commit(s->cache) < 0) {
		s->cache = NULL;
		return ERR_DB;
	}
	return 0;
}

void
catalog_done(struct catalog *cat)
{
	struct scan *s = cat->scan;
	if (s == NULL || s->cache == NULL)
		return;
	catalog_sync(cat);
	if (cache_begin(s->cache) == 0) {
		cache_prune(s->cache);
		cache_commit(s->cache);
	}
}

int
catalog_adopt(struct catalog *cat, struct corpus *c, const struct compare_spec *spec,
	      struct script *sc)
{
	memset(cat, 0, sizeof *cat);
	int rc = alloc_slots(cat, c->n, spec ? spec->ncities : 0);
	struct scan *s = cat->scan;
	if (rc == 0) {
		*s = (struct scan){ cat, NULL, NULL, spec, 1, NULL, sc, sc != NULL, NULL, NULL, NULL, sc != NULL, 0, NULL };
		if (spec)
			rc = need_script(s);
	}
	for (size_t i = 0; rc == 0 && i < c->n; i++) {
		rc = match_fold(s->sc, c->v[i].text, c->v[i].len, &cat->folded[i]);
		if (rc == 0 && spec)
			rc = count_cities(s, &c->v[i], &cat->folded[i], &cat->counts[i * cat->ncities]);
		if (rc == 0 && (cat->keys[i] = strdup(c->v[i].path)) == NULL)
			rc = ERR_NOMEM;
	}
	if (rc < 0) {
		for (size_t i = 0; i < c->n && cat->folded; i++) {
			match_text_free(&cat->folded[i]);
			if (cat->keys)
				free(cat->keys[i]);
		}
		catalog_free(cat);
		return rc;
	}
	for (size_t i = 0; i < c->n; i++) {
		cat->arts.v[i] = c->v[i];
		cat->state[i] = CATALOG_FULL;
	}
	cat->arts.n = cat->nfull = c->n;
	free(c->v);
	c->v = NULL;
	c->n = 0;
	return 0;
}

int
catalog_load(const struct catalog *cat, struct cache *cache, size_t i,
	     const struct source_opts *opts, struct article *out, struct match_text *fout,
	     char **cause)
{
	if (fout)
		*fout = (struct match_text){ 0 };
	if (cache && cat->ids[i] >= 0) {
		void *blob = NULL;
		char *ft = NULL;
		size_t bn = 0, fn = 0;
		struct match_text f;
		int rc = cache_body(cache, cat->ids[i], &blob, &bn, &ft, &fn);
		if (rc == 0 && (rc = artblob_unpack(blob, bn, cat->arts.v[i].path, ft, fn, out, &f)) == 0) {
			if (fout)
				*fout = f;
			else
				match_text_free(&f);
		}
		free(blob);
		free(ft);
		if (rc == 0 || rc == ERR_NOMEM)
			return rc;
	}
	return article_load(opts, cat->arts.v[i].path, out, cause);
}

void
catalog_take(struct catalog *cat, struct corpus *arts, struct match_text **folded)
{
	for (size_t i = 0; cat->keys && i < cat->arts.n; i++)
		free(cat->keys[i]);
	*arts = cat->arts;
	*folded = cat->folded;
	free(cat->keys);
	free(cat->ids);
	free(cat->counts);
	free(cat->state);
	memset(cat, 0, sizeof *cat);
}

void
catalog_free(struct catalog *cat)
{
	struct scan *s = cat->scan;
	if (s) {
		catalog_sync(cat);
		compare_matcher_free(s->m);
		if (!s->borrowed)
			script_close(s->sc);
		free(s->spec_key);
		free(s);
	}
	for (size_t i = 0; cat->keys && i < cat->arts.n; i++)
		free(cat->keys[i]);
	for (size_t i = 0; cat->folded && i < cat->arts.n; i++)
		match_text_free(&cat->folded[i]);
	free(cat->folded);
	corpus_free(&cat->arts);
	free(cat->keys);
	free(cat->ids);
	free(cat->counts);
	free(cat->state);
	memset(cat, 0, sizeof *cat);
}
