/* The panes' incremental catalog: a slot per file, filled when asked; see
 * catalog.h. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "artblob.h"
#include "catalog.h"
#include "compare.h"
#include "catalog_int.h"
#include "err.h"

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
	int rc = catalog_stub(&a, cat->arts.v[i].path, e);
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
	*s = (struct scan){ cat, cache, opts, spec, 1, NULL, sc, sc != NULL, NULL, warn, ctx, sc != NULL, 0, NULL, 0, 0, NULL, NULL, NULL };
	rc = ERR_NOMEM;
	if (spec && (s->spec_key = catalog_spec_key(spec)) == NULL)
		goto out;
	for (cat->arts.n = 0; cat->arts.n < sp.n; cat->arts.n++) {
		size_t i = cat->arts.n;
		char abs[PATH_MAX];
		const char *key = sp.keys[i] ? sp.keys[i] : realpath(sp.v[i], abs) ? abs : sp.v[i];
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
		struct cache *cache = s->cache;
		if (s->hold) /* our own thread writes (catalog_hold_writes): not now */
			s->cache = NULL;
		if (s->cache && !s->in_tx) {
			int b = cache_begin(s->cache);
			if (b == ERR_BUSY) /* another process writes: read this one */
				s->cache = NULL; /* without caching it; the next tries again */
			else if (b < 0)
				s->cache = cache = NULL; /* broken: do without */
			else
				s->in_tx = 1;
		}
		cat->arts.v[i] = (struct article){ 0 };
		size_t from = cat->from_cache;
		/* read by a worker (catalog_read_ahead): counted and cached here */
		struct loaded pre;
		int have = s->ahead && catalog_ahead_take(s->ahead, i, 1, &pre) == 1;
		s->pre = have ? &pre : NULL;
		rc = catalog_scan_one(s, stub.path, cat->keys[i], i);
		s->pre = NULL;
		if (have)
			catalog_loaded_free(&pre);
		s->cache = cache;
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

struct catalog_prep {
	char *path;           /* the slot's */
	char *key;            /* its canonical path (catalog_open's) */
	char *cache_path;     /* the cache's file; NULL: none */
	struct compare_spec spec;
	int has_spec;
	size_t ncities;
	/* catalog_prep_run's */
	int rc;               /* 1, 0 or ERR_NOMEM */
	struct catalog one;   /* a catalog of the one slot (alloc_slots) */
	char **said;          /* warnings: path, message, path, message... */
	size_t nsaid;
};

int
catalog_prep_new(const struct catalog *cat, size_t i, struct catalog_prep **out)
{
	const struct scan *s = cat->scan;
	struct catalog_prep *p = calloc(1, sizeof *p);
	if (p == NULL)
		return ERR_NOMEM;
	p->rc = ERR_NOMEM;
	p->ncities = cat->ncities;
	p->path = strdup(cat->arts.v[i].path);
	p->key = cat->keys[i] ? strdup(cat->keys[i]) : NULL;
	if (s && s->cache)
		p->cache_path = strdup(cache_path(s->cache));
	if (p->path == NULL || (cat->keys[i] && p->key == NULL) ||
	    (s && s->cache && p->cache_path == NULL) ||
	    (s && s->spec && compare_spec_copy(s->spec, &p->spec) < 0)) {
		catalog_prep_free(p);
		return ERR_NOMEM;
	}
	p->has_spec = s && s->spec;
	*out = p;
	return 0;
}

/* What the other thread's scan says, kept for the catalog's warn. */
static void
prep_warn(void *ctx, const char *path, const char *msg)
{
	struct catalog_prep *p = ctx;
	char **v = realloc(p->said, (p->nsaid + 2) * sizeof *v);
	if (v == NULL)
		return;
	p->said = v;
	v[p->nsaid] = strdup(path);
	v[p->nsaid + 1] = strdup(msg ? msg : "");
	if (v[p->nsaid] && v[p->nsaid + 1])
		p->nsaid += 2;
	else {
		free(v[p->nsaid]);
		free(v[p->nsaid + 1]);
	}
}

/* The cache's entry of the file at path (key: its canonical path, NULL to
 * ask realpath) if it is current (size, mtime and the cities counted): 1
 * with *e, else 0. */
static int
prep_current(struct scan *s, const char *path, const char *key, struct cache_entry *e)
{
	char abs[PATH_MAX];
	struct stat sb;
	if (key == NULL)
		key = realpath(path, abs) ? abs : path;
	if (stat(key, &sb) < 0 || !S_ISREG(sb.st_mode) || cache_get(s->cache, key, e) < 0)
		return 0;
	int64_t mt = (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec;
	if (e->size == (uint64_t)sb.st_size && e->mtime_ns == mt &&
	    (!s->spec || strcmp(e->spec, s->spec_key) == 0))
		return 1;
	cache_entry_clear(e);
	return 0;
}

int
catalog_prep_run(struct catalog_prep *p, struct script *sc, int rc, struct article *a,
		 struct match_text *fa, char *cause)
{
	struct loaded l = { rc, cause, { 0 }, { 0 }, 0 };
	if (rc == 0)
		l.a = *a;
	if (fa) {
		l.fa = *fa;
		*fa = (struct match_text){ 0 };
	}
	struct catalog *one = &p->one;
	int r = alloc_slots(one, 1, p->ncities);
	struct scan *s = one->scan;
	if (r < 0 || (p->has_spec && (s->spec_key = catalog_spec_key(&p->spec)) == NULL)) {
		r = ERR_NOMEM;
		goto out;
	}
	one->arts.n = 1;
	s->cat = one;
	s->spec = p->has_spec ? &p->spec : NULL;
	s->full = 1;
	s->sc = sc;       /* the thread's: its matcher below */
	s->sc_tried = 1;
	s->borrowed = 1;
	s->warn = prep_warn;
	s->ctx = p;
	/* counts folded without OpenCC are not cached (read_file): no need */
	if (p->cache_path && sc && cache_open_more(p->cache_path, &s->cache) == 0) {
		/* the panes commit theirs and hold their writes meanwhile
		 * (catalog_hold_writes): the busy timeout covers that */
		if (cache_begin(s->cache) < 0) {
			cache_close(s->cache);
			s->cache = NULL;
		} else {
			s->in_tx = 1;
		}
	}
	struct cache_entry e;
	if (rc == 0 && s->cache && l.fa.text && prep_current(s, p->path, p->key, &e)) {
		/* cached as it is (a large file opened again): not again */
		one->arts.v[0] = l.a;
		one->folded[0] = l.fa;
		l.used = 1;
		l.fa = (struct match_text){ 0 };
		for (size_t c = 0; c < p->ncities; c++)
			one->counts[c] = c < e.ncounts ? e.counts[c] : 0;
		one->ids[0] = e.id;
		one->from_cache = 1;
		cache_entry_clear(&e);
		r = 1;
	} else {
		s->pre = &l;
		r = catalog_scan_one(s, p->path, p->key, 0);
		s->pre = NULL;
	}
out:
	if (s && s->cache) {
		if (s->in_tx)
			cache_commit(s->cache);
		cache_close(s->cache);
		s->cache = NULL;
		s->in_tx = 0;
	}
	if (s) { /* the matcher goes now, the script is the thread's */
		compare_matcher_free(s->m);
		s->m = NULL;
		s->sc = NULL;
	}
	if (!l.used && l.rc == 0)
		article_free(&l.a);
	free(l.cause);
	match_text_free(&l.fa);
	p->rc = r;
	return r;
}

int
catalog_fill_prepared(struct catalog *cat, size_t i, struct catalog_prep *p)
{
	struct scan *s = cat->scan;
	int r = p->rc;
	if (i >= cat->arts.n || cat->state[i] == CATALOG_FULL || cat->state[i] == CATALOG_FAILED) {
		r = i < cat->arts.n && cat->state[i] == CATALOG_FULL; /* filled otherwise */
		catalog_prep_free(p);
		return r;
	}
	for (size_t k = 0; k + 1 < p->nsaid; k += 2)
		if (s && s->warn)
			s->warn(s->ctx, p->said[k], p->said[k + 1]);
	if (r == 1) {
		article_free(&cat->arts.v[i]); /* the stub */
		cat->arts.v[i] = p->one.arts.v[0];
		p->one.arts.v[0] = (struct article){ 0 };
		cat->folded[i] = p->one.folded[0];
		p->one.folded[0] = (struct match_text){ 0 };
		if (cat->ncities)
			memcpy(&cat->counts[i * cat->ncities], p->one.counts,
			       cat->ncities * sizeof *cat->counts);
		cat->ids[i] = p->one.ids[0];
		if (cat->state[i] != CATALOG_META) /* else counted when opened */
			cat->from_cache += p->one.from_cache;
		cat->state[i] = CATALOG_FULL;
		cat->nfull++;
	} else if (r == 0) {
		cat->state[i] = CATALOG_FAILED;
		cat->nfailed++;
	}
	catalog_prep_free(p);
	return r;
}

void
catalog_prep_free(struct catalog_prep *p)
{
	if (p == NULL)
		return;
	if (p->one.scan) {
		p->one.scan->sc = NULL;
		p->one.scan->borrowed = 1;
		catalog_free(&p->one);
	}
	for (size_t k = 0; k < p->nsaid; k++)
		free(p->said[k]);
	free(p->said);
	if (p->has_spec)
		compare_spec_free(&p->spec);
	free(p->cache_path);
	free(p->key);
	free(p->path);
	free(p);
}

void
catalog_hold_writes(struct catalog *cat, int on)
{
	struct scan *s = cat->scan;
	if (s == NULL || s->hold == on)
		return;
	if (on)
		catalog_sync(cat);
	s->hold = on;
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
	catalog_strip_text(&cat->arts.v[i]);
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

int
catalog_read_ahead(struct catalog *cat, uint64_t max_size, int nice)
{
	struct scan *s = cat->scan;
	if (s == NULL || s->ahead)
		return 0;
	if ((s->ahead = calloc(1, sizeof *s->ahead)) == NULL)
		return ERR_NOMEM;
	int rc = catalog_ahead_slots(s, s->ahead, max_size, nice);
	if (rc < 0 || s->ahead->pool == NULL) {
		free(s->ahead);
		s->ahead = NULL;
	}
	return rc == ERR_NOMEM ? rc : 0;
}

int
catalog_fill_ready(struct catalog *cat, size_t i)
{
	struct scan *s = cat->scan;
	return s == NULL || s->ahead == NULL || catalog_ahead_ready(s->ahead, i);
}

int
catalog_fill_ahead(const struct catalog *cat, size_t i)
{
	const struct scan *s = cat->scan;
	return s && s->ahead && i < s->ahead->n && s->ahead->job[i] >= 0;
}

void
catalog_fill_skip(struct catalog *cat, size_t i)
{
	struct scan *s = cat->scan;
	if (s && s->ahead)
		catalog_ahead_let_go(s->ahead, i);
}

int
catalog_ready_fd(const struct catalog *cat)
{
	const struct scan *s = cat->scan;
	return s && s->ahead ? catalog_ahead_fd(s->ahead) : -1;
}

void
catalog_done(struct catalog *cat)
{
	struct scan *s = cat->scan;
	if (s && s->ahead) { /* the workers are done: their OpenCC goes */
		catalog_ahead_free(s->ahead);
		free(s->ahead);
		s->ahead = NULL;
	}
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
		*s = (struct scan){ cat, NULL, NULL, spec, 1, NULL, sc, sc != NULL, NULL, NULL, NULL, sc != NULL, 0, NULL, 0, 0, NULL, NULL, NULL };
		if (spec)
			rc = catalog_need_script(s);
	}
	for (size_t i = 0; rc == 0 && i < c->n; i++) {
		rc = match_fold(s->sc, c->v[i].text, c->v[i].len, &cat->folded[i]);
		if (rc == 0 && spec)
			rc = catalog_count_cities(s, &c->v[i], &cat->folded[i], &cat->counts[i * cat->ncities]);
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

