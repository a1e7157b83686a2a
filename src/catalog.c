#include "catalog.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "artblob.h"
#include "catalog_int.h"
#include "compare.h"
#include "err.h"
#include "match.h"
#include "report.h"
#include "script.h"

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

/* FNV-1a of the regular file at path, *ok when it was read whole. Opened
 * without blocking and read no further than max bytes: a file that is not
 * regular (a FIFO put in its place), that blocks (/proc/kmsg) or that is
 * over the limit (a 100 GiB disk image named .txt was read whole, a
 * minute, before article_load said it was too big) is left to article_load
 * to name. */
static uint64_t
file_hash(const char *path, size_t max, int *ok)
{
	uint64_t h = 1469598103934665603ULL;
	*ok = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return 0;
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (unsigned long long)st.st_size > max) {
		close(fd);
		return 0;
	}
	unsigned char buf[1 << 16];
	size_t total = 0;
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || (total += (size_t)n) > max)
			break;
		for (ssize_t i = 0; i < n; i++) {
			h ^= buf[i];
			h *= 1099511628211ULL;
		}
	}
	*ok = n == 0;
	close(fd);
	return h;
}

int
catalog_need_script(struct scan *s)
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
int
catalog_stub(struct article *a, const char *path, const struct cache_entry *e)
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

/* catalog_stub taking e's strings instead of copying them. */
static int
stub_take(struct article *a, const char *path, struct cache_entry *e)
{
	*a = (struct article){ .len = e->len, .chars = e->chars, .hash = e->text_hash,
			       .format = (enum format)e->format };
	if ((a->path = strdup(path)) == NULL)
		return ERR_NOMEM;
	a->meta.title = e->title;
	a->meta.source = e->source;
	a->meta.author = e->author;
	a->meta.date = e->date;
	a->meta.title_inferred = e->title_inferred;
	e->title = e->source = e->author = e->date = NULL;
	return 0;
}

/* The city counts of a loaded article, folded as fa. */
int
catalog_count_cities(struct scan *s, const struct article *a, const struct match_text *fa, size_t *out)
{
	struct match_corpus one = { a, (struct match_text *)fa, 1 };
	struct report_cities rc;
	if (report_cities_count(s->spec, s->m, &one, &rc) < 0)
		return ERR_NOMEM;
	memcpy(out, rc.mentions, rc.n * sizeof *out);
	report_cities_free(&rc);
	return 0;
}

void
catalog_strip_text(struct article *a)
{
	free(a->text);
	free(a->blocks);
	free(a->sents);
	span_list_free(&a->spans);
	a->text = NULL;
	a->blocks = NULL;
	a->sents = NULL;
	a->nblocks = a->nsents = 0;
}

/* Read the file at path for article slot i; store it in the cache. 1 if it
 * is an article, 0 if it was reported and left out, or an error. */
static int
read_file_keep(struct scan *s, const char *path, const char *key, const struct stat *sb,
	       uint64_t fh, size_t i, int64_t keep);

static int
read_file(struct scan *s, const char *path, const char *key, const struct stat *sb,
	  uint64_t fh, size_t i)
{
	return read_file_keep(s, path, key, sb, fh, i, -1);
}

/* read_file when the cache's entry keep (>= 0) is current but holds no
 * copy of the article (over CATALOG_BODY_MAX): the file is read and the
 * entry kept as it is, not written again (61 MB into the index for a
 * 64 MiB file, each time a full scan reads it). */
static int
read_file_keep(struct scan *s, const char *path, const char *key, const struct stat *sb,
	       uint64_t fh, size_t i, int64_t keep)
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
		/* folded with OpenCC (a worker's): not the fold of a scan without
		 * (each's caller has its own, and folds what is not folded) */
		if (fa.text && !s->each && (catalog_need_script(s) < 0 || s->sc == NULL))
			match_text_free(&fa);
	} else {
		rc = article_load(s->opts, path, &a, &cause);
	}
	s->reads++;
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
	if (fold && ((rc = catalog_need_script(s)) < 0 ||
		     (fa.text == NULL && (rc = match_fold(s->sc, a.text, a.len, &fa)) < 0)))
		goto out;
	if (s->spec) {
		if ((rc = catalog_count_cities(s, &a, &fa, &cat->counts[i * cat->ncities])) < 0)
			goto out;
		e.ncounts = cat->ncities;
		memcpy(e.counts, &cat->counts[i * cat->ncities], e.ncounts * sizeof *e.counts);
	}
	if (s->each && (rc = s->each(s->each_ctx, i, &a, fa.text ? &fa : NULL)) < 0)
		goto out;
	/* a listing keeps the metadata only: a text that no blob needs goes
	 * before the cache copies its fold (a huge file's peak, 4.4x -> 3.2x) */
	if (!s->full && !(s->cache && s->sc && keep < 0 && a.len <= CATALOG_BODY_MAX))
		catalog_strip_text(&a);
	int64_t id = keep;
	/* counts folded without OpenCC are not the real ones: not kept */
	if (s->cache && s->sc && keep < 0) {
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
	catalog_strip_text(&a); /* keep the metadata only */
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
int
catalog_scan_one(struct scan *s, const char *path, const char *key, size_t i)
{
	struct catalog *cat = s->cat;
	char abs[PATH_MAX];
	if (key == NULL)
		key = realpath(path, abs) ? abs : path;
	struct stat sb = { 0 };
	size_t max = s->opts && s->opts->max_bytes ? s->opts->max_bytes : SOURCE_DEFAULT_MAX_BYTES;
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
		fh = file_hash(key, max, &read_ok);
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
		return read_file(s, path, key, &sb, fh ? fh : file_hash(key, max, &(int){ 0 }), i);
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
		if (rc == ERR_NOTFOUND && e.len > CATALOG_BODY_MAX) {
			/* none kept for a file this large: read it, keep the entry */
			int64_t id = e.id;
			cache_entry_clear(&e);
			return read_file_keep(s, path, key, &sb, 0, i, id);
		}
		if (rc < 0) { /* no usable copy: read the file */
			cache_entry_clear(&e);
			return read_file(s, path, key, &sb, file_hash(key, max, &(int){ 0 }), i);
		}
	} else {
		rc = stub_take(&cat->arts.v[i], path, &e);
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
	return catalog_scan_each(cat, cache, paths, npaths, opts, spec, full, warn, ctx, progress,
				 pctx, NULL, NULL);
}

int
catalog_scan_each(struct catalog *cat, struct cache *cache, const char *const *paths,
		  size_t npaths, const struct source_opts *opts, const struct compare_spec *spec,
		  int full, source_warn_fn warn, void *ctx, catalog_progress_fn progress,
		  void *pctx, catalog_each_fn each, void *ectx)
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
	struct scan s = { cat, cache, opts, spec, full, NULL, NULL, 0, NULL, warn, ctx, 0, 0, NULL, 0, 0, NULL,
			  each, ectx };
	rc = ERR_NOMEM;
	if (!cat->arts.v || !cat->keys || !cat->ids || !cat->counts || (full && !cat->folded) ||
	    (spec && (s.spec_key = catalog_spec_key(spec)) == NULL))
		goto out;
	if (cache && cache_begin(cache) < 0)
		cache = s.cache = NULL; /* locked or broken: do without */
	/* every entry in one statement, not one per file (a cache that
	 * cannot only costs speed) */
	if (cache && sp.n > 1 && cache_preload(cache) == ERR_NOMEM) {
		rc = ERR_NOMEM;
		goto out;
	}
	rc = 0;
	/* the files to read, read ahead on the other cores */
	struct catalog_ahead ahead;
	catalog_ahead_init(&ahead, (const char *const *)sp.v, (const char *const *)sp.keys, sp.n);
	catalog_ahead_step(&s, &ahead, 0, cache == NULL);
	for (size_t i = 0; i < sp.n && rc == 0; i++) {
		size_t at = cat->arts.n, reads = s.reads;
		char abs[PATH_MAX];
		const char *key = sp.keys[i] ? sp.keys[i] : realpath(sp.v[i], abs) ? abs : sp.v[i];
		struct loaded pre;
		int have = catalog_ahead_take(&ahead, i, 1, &pre) == 1;
		s.pre = have ? &pre : NULL;
		int r = catalog_scan_one(&s, sp.v[i], key, at);
		s.pre = NULL;
		if (have)
			catalog_loaded_free(&pre);
		catalog_ahead_step(&s, &ahead, i + 1, s.reads != reads);
		if (r < 0) {
			rc = r;
			break;
		}
		if (r == 1) {
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
	catalog_ahead_free(&ahead);
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
	if (s && s->ahead) { /* the workers first: they may be reading */
		catalog_ahead_free(s->ahead);
		free(s->ahead);
	}
	if (s) {
		/* what the fills wrote is kept (catalog_sync, without the call:
		 * catalog_slots.c is above this file) */
		if (s->in_tx && s->cache)
			cache_commit(s->cache);
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
