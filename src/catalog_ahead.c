/* catalog_ahead: the files a scan is going to read, read ahead on worker
 * threads (loadpool.h): decoding, cleaning, parsing and folding are most
 * of a cold scan, and each file's are its own. What the cache is told
 * (counts, entries, blobs) stays on the scan's thread, in file order, so
 * the result is the one-thread scan's; see catalog_int.h. Below catalog.c
 * and catalog_slots.c: it calls neither. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cache.h"
#include "catalog_int.h"
#include "err.h"
#include "loadpool.h"

/* Files predicted ahead of the one the scan is at, and how many current
 * ones in a row end the read-ahead (until the scan reads a file again).
 * With fewer than AHEAD_MIN files left, no pool is started: a worker's
 * OpenCC takes as long to load as a few dozen small files to read, and
 * the caller would wait at the end for the workers still loading it. */
enum { AHEAD_FILES = 48, AHEAD_QUIET = 48, AHEAD_MIN = 32 };

void
catalog_ahead_init(struct catalog_ahead *a, const char *const *paths, const char *const *keys,
		   size_t n)
{
	*a = (struct catalog_ahead){ .paths = paths, .keys = keys, .n = n };
}

void
catalog_ahead_free(struct catalog_ahead *a)
{
	loadpool_free(a->pool);
	free(a->job);
	a->pool = NULL;
	a->job = NULL;
}

/* Will the scan read file i (its cache entry is not current)? */
static int
will_read(struct scan *s, const struct catalog_ahead *a, size_t i)
{
	if (s->cache == NULL)
		return 1;
	char abs[PATH_MAX];
	const char *key = a->keys && a->keys[i] ? a->keys[i] : realpath(a->paths[i], abs) ? abs : a->paths[i];
	struct stat sb;
	if (stat(key, &sb) < 0 || !S_ISREG(sb.st_mode))
		return 0; /* article_load says why, at once */
	struct cache_entry e;
	if (cache_get(s->cache, key, &e) < 0)
		return 1;
	int64_t mt = (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec;
	int current = e.size == (uint64_t)sb.st_size && e.mtime_ns == mt &&
		      (!s->spec || strcmp(e.spec, s->spec_key) == 0);
	cache_entry_clear(&e);
	return !current;
}

/* Start the pool; 0 or an error (then the scan reads every file itself). */
static int
start(struct scan *s, struct catalog_ahead *a, uint64_t max_size, int nice)
{
	a->job = malloc((a->n ? a->n : 1) * sizeof *a->job);
	if (a->job == NULL)
		return ERR_NOMEM;
	for (size_t i = 0; i < a->n; i++)
		a->job[i] = -1;
	struct loadpool_opts o = { .source = s->opts,
				   .fold = s->cache != NULL || s->spec != NULL || s->full || s->each,
				   .max_size = max_size, .nice = nice };
	return loadpool_start(&o, &a->pool);
}

void
catalog_ahead_step(struct scan *s, struct catalog_ahead *a, size_t next, int read)
{
	if (a->failed || a->n < 2 || next >= a->n)
		return;
	if (a->pool == NULL) {
		/* a cold scan: a file was read (without a cache every one is) */
		if (!read || a->n - next < AHEAD_MIN)
			return;
		if (start(s, a, 0, 0) < 0) {
			catalog_ahead_free(a);
			a->failed = 1;
			return;
		}
	}
	if (read)
		a->on = 1, a->quiet = 0;
	if (a->pred < next)
		a->pred = next;
	while (a->on && a->pred < a->n && a->pred < next + AHEAD_FILES) {
		size_t k = a->pred++;
		if (!will_read(s, a, k)) {
			if (++a->quiet >= AHEAD_QUIET)
				a->on = 0; /* warm again: no more guesses until a file is read */
			continue;
		}
		a->quiet = 0;
		long j = loadpool_add(a->pool, a->paths[k]);
		if (j < 0)
			break; /* that one the scan reads itself */
		a->job[k] = j;
	}
}

int
catalog_ahead_take(struct catalog_ahead *a, size_t i, int wait, struct loaded *out)
{
	if (a->pool == NULL || i >= a->n || a->job[i] < 0)
		return 0;
	struct loadpool_item it;
	int rc = loadpool_take(a->pool, (size_t)a->job[i], wait, &it);
	if (rc == LOADPOOL_NOT_READY)
		return rc;
	a->job[i] = -1;
	if (rc != 0)
		return 0;
	*out = (struct loaded){ .rc = it.rc, .cause = it.cause, .a = it.a, .fa = it.fa };
	return 1;
}

int
catalog_ahead_slots(struct scan *s, struct catalog_ahead *a, uint64_t max_size, int nice)
{
	const struct catalog *cat = s->cat;
	*a = (struct catalog_ahead){ .n = cat->arts.n };
	size_t pending = 0;
	for (size_t i = 0; i < cat->arts.n; i++)
		pending += cat->state[i] == CATALOG_PENDING;
	if (pending < AHEAD_MIN)
		return 0; /* read between keys as quickly: no OpenCC loaded again */
	int rc = start(s, a, max_size, nice);
	if (rc < 0) {
		catalog_ahead_free(a);
		return rc;
	}
	for (size_t i = 0; i < cat->arts.n; i++)
		if (cat->state[i] == CATALOG_PENDING) {
			long j = loadpool_add(a->pool, cat->arts.v[i].path);
			if (j < 0)
				break; /* the rest: catalog_fill reads them */
			a->job[i] = j;
		}
	return 0;
}

int
catalog_ahead_ready(struct catalog_ahead *a, size_t i)
{
	return a->pool == NULL || i >= a->n || a->job[i] < 0 || loadpool_ready(a->pool, (size_t)a->job[i]);
}

void
catalog_ahead_let_go(struct catalog_ahead *a, size_t i)
{
	if (a->pool && i < a->n && a->job[i] >= 0) {
		loadpool_drop(a->pool, (size_t)a->job[i]);
		a->job[i] = -1;
	}
}

int
catalog_ahead_fd(const struct catalog_ahead *a)
{
	return a->pool ? loadpool_fd(a->pool) : -1;
}

void
catalog_loaded_free(struct loaded *l)
{
	if (!l->used && l->rc == 0)
		article_free(&l->a);
	match_text_free(&l->fa);
	free(l->cause);
	memset(l, 0, sizeof *l);
}
