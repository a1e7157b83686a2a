/* The panes' articles, loaded between keystrokes; see load.h. */
#include "load.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../src/cache.h"
#include "../src/catalog.h"
#include "../src/err.h"
#include "../src/termsafe.h"
#include "app.h"
#include "bigload.h"
#include "panes/messages.h"
#include "screen/pane.h"

/* The list is repainted at most this often while loading (rows filling
 * in); notes are placed again at most this often. The cache is committed
 * every SYNC_MS; the progress changes at most every PROGRESS_MS. */
enum { PAINT_MS = 250, NOTES_MS = 2000, SYNC_MS = 1000, PROGRESS_MS = 100 };
/* The cache's busy timeout here: the loader runs between keys, so a write
 * lock held by another duwen must not keep it (and the keys) waiting. A
 * write that finds the cache busy is not made: that article is read and
 * shown, cached by a later start (catalog_fill). */
enum { LOAD_BUSY_MS = 0 };
/* The loader waits at most LOAD_WAIT_MS for a worker's next file (a key
 * ends the wait). The workers run as nice as the keys' thread: at nice +5
 * a loaded machine starved them (1,000 articles loaded in 5.5-8.2 s
 * against 3.0-4.6 s, load 5-6) and a key took 0.5-0.6 ms either way
 * (bench/firstpaint.py, median of 40 while loading). */
enum { LOAD_WAIT_MS = 20, LOAD_AHEAD_NICE = 0 };
/* How far past a slot a worker is still reading the loader looks for one
 * to fill meanwhile. */
enum { LOAD_AHEAD_SLOTS = 64 };

static long
ms_since(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

static void
stamp(struct timespec *t)
{
	clock_gettime(CLOCK_MONOTONIC, t);
}

/* A file that cannot be read: said on stderr before the screen is up, and
 * kept for :messages (the status line counts them). */
static void
warn(void *ctx, const char *path, const char *reason)
{
	struct app *app = ctx;
	if (!app->load.screen)
		termsafe_warn(stderr, path, "%s", reason);
	char *name = termsafe_name(path);
	size_t len = (name ? strlen(name) : 0) + strlen(reason) + 3;
	char *msg = malloc(len);
	if (msg) {
		snprintf(msg, len, "%s: %s", name ? name : "", reason);
		ui_messages_add(app, msg);
	}
	free(msg);
	free(name);
}

/* The cache, or NULL (none usable: then loading is only slower, which is
 * not worth a message). The build is named as scan_cli.c names it: this
 * binary's size and time. */
static struct cache *
open_cache(void)
{
	char build[64] = "unknown";
	struct stat sb;
	if (stat("/proc/self/exe", &sb) == 0)
		snprintf(build, sizeof build, "%lld.%lld.%ld", (long long)sb.st_size,
			 (long long)sb.st_mtim.tv_sec, (long)sb.st_mtim.tv_nsec);
	struct cache *c = NULL;
	char *cause = NULL;
	if (cache_open(NULL, build, &c, &cause) < 0)
		return NULL;
	free(cause);
	return c;
}

/* Wait until a key comes or a worker has read a file, LOAD_WAIT_MS at
 * most: the loader has nothing to do until then. */
static void
wait_ready(struct app *app)
{
	struct pollfd pfd[2] = { { .fd = 0, .events = POLLIN },
				 { .fd = catalog_ready_fd(&app->load.cat), .events = POLLIN } };
	poll(pfd, pfd[1].fd >= 0 ? 2 : 1, LOAD_WAIT_MS);
}

size_t
load_done(const struct app *app)
{
	return app->load.cat.nfull + app->load.cat.nfailed;
}

int
load_open(struct app *app, const struct load_opts *o, const struct compare_spec *spec)
{
	struct app_load *l = &app->load;
	int rc;
	if (o->loaded) {
		rc = catalog_adopt(&l->cat, o->loaded, spec, app->script);
	} else {
		l->cache = o->no_cache ? NULL : open_cache();
		cache_set_busy_ms(l->cache, LOAD_BUSY_MS);
		rc = catalog_open(&l->cat, l->cache, o->paths, o->npaths, o->source, spec, app->script,
				  warn, app);
		/* the files the cache does not have, read on the other cores; the
		 * large ones go to their own thread (bigload) */
		if (rc == 0) /* without it (out of memory), only slower */
			catalog_read_ahead(&l->cat, BIGLOAD_MIN, LOAD_AHEAD_NICE);
	}
	if (rc < 0) {
		cache_close(l->cache);
		l->cache = NULL;
		return rc;
	}
	app->corpus = &l->cat.arts;
	l->active = load_done(app) < l->cat.arts.n;
	app->work = l->active ? load_work : NULL;
	load_progress(app, app->progress, sizeof app->progress);
	stamp(&l->synced);
	l->noted = l->painted = l->synced;
	return 0;
}

/* Everything is in: drop the cache's entries of files that are gone,
 * place the notes on every article, repaint. */
static void
finished(struct app *app)
{
	struct app_load *l = &app->load;
	catalog_done(&l->cat);
	l->active = 0;
	app->work = NULL;
	app->progress[0] = 0;
	l->notes_gen++;
	l->gen++;
	pane_dirty_all(app);
}

int
load_work(struct app *app)
{
	struct app_load *l = &app->load;
	if (!l->active)
		return 0;
	struct timespec t0;
	stamp(&t0);
	size_t n = l->cat.arts.n;
	int changed = 0;
	if (bigload_poll(app) > 0) /* large files read in a thread */
		changed = 1;
	int behind = 0; /* the next files are still being read by workers */
	while (l->next < n) {
		size_t i = l->next;
		if (l->cat.state[i] == CATALOG_FULL || l->cat.state[i] == CATALOG_FAILED) {
			l->next++;
			continue;
		}
		/* while a worker reads slot i, a later one a worker has made, or
		 * that no worker has begun (read here, as quickly) */
		size_t k = i, end = i + LOAD_AHEAD_SLOTS < n ? i + LOAD_AHEAD_SLOTS : n;
		if (!catalog_fill_ready(&l->cat, i))
			for (k = i + 1; k < end && !(catalog_fill_ahead(&l->cat, k) &&
						     catalog_fill_ready(&l->cat, k));
			     k++)
				;
		if (k == end) {
			behind = 1;
			break;
		}
		if (bigload_fill(app, k) == ERR_NOMEM) {
			pane_error(app, "loading: out of memory; %zu of %zu articles loaded",
				   l->cat.nfull, n);
			l->next = n;
			break;
		}
		catalog_fill_skip(&l->cat, k); /* a large file: read in its own thread */
		changed = 1;
		if (k == i)
			l->next++;
		if (ms_since(&t0) >= LOAD_SLICE_MS)
			break;
	}
	if (changed)
		l->gen++;
	/* not a redraw per slice, but never behind for long: a change within
	 * PROGRESS_MS of the last one shows at the next call (the count
	 * stayed at 2/6 while a large file read on, the five others in) */
	if (ms_since(&l->shown) >= PROGRESS_MS) {
		load_progress(app, app->progress, sizeof app->progress);
		stamp(&l->shown);
	}
	if (l->next >= n && bigload_running(app) == 0) {
		finished(app);
		return 0;
	}
	if (l->next >= n) /* only threads at work: wait for a key a little */
		bigload_wait(app);
	else if (behind) /* for a key, or the workers' next file */
		wait_ready(app);
	/* what was read is kept if duwen ends now */
	if (ms_since(&l->synced) >= SYNC_MS) {
		catalog_sync(&l->cat);
		stamp(&l->synced);
	}
	if (l->noted_full != l->cat.nfull && ms_since(&l->noted) >= NOTES_MS) {
		l->notes_gen++;
		l->noted_full = l->cat.nfull;
		stamp(&l->noted);
	}
	if (ms_since(&l->painted) >= PAINT_MS) {
		pane_dirty_all(app);
		stamp(&l->painted);
	}
	return 1;
}

int
load_article(struct app *app, size_t art)
{
	struct app_load *l = &app->load;
	if (art >= l->cat.arts.n)
		return ERR_RANGE;
	int was = l->cat.state[art];
	int rc = bigload_fill(app, art);
	catalog_fill_skip(&l->cat, art);
	if (rc < 0)
		return rc;
	if (rc == 2) /* a large file, read in a thread: its first part shows */
		return 0;
	if (l->cat.state[art] != was) {
		l->gen++;
		load_progress(app, app->progress, sizeof app->progress);
		l->notes_gen++; /* its notes show when it opens */
		if (l->active && load_done(app) == l->cat.arts.n)
			finished(app);
	}
	return rc == 1 ? 0 : ERR_NOTFOUND;
}

int
load_all(struct app *app, const char *what)
{
	struct app_load *l = &app->load;
	struct timespec shown = { 0, 0 };
	char label[96];
	snprintf(label, sizeof label, "%s: loading every article", what);
	while (l->active) {
		if (pane_cancel_pending(app)) {
			pane_dirty_all(app);
			return ERR_CANCELLED;
		}
		load_work(app);
		if (l->active && ms_since(&shown) >= 100) {
			/* only a large file left: which, and what its thread is
			 * doing (the bar stood at 5/6 for the 20 s of 64 MiB) */
			char job[160], big[256];
			const char *lab = label;
			if (l->next >= l->cat.arts.n && bigload_status_any(app, job, sizeof job) > 0) {
				snprintf(big, sizeof big, "%s: loading %s", what, job);
				lab = big;
			}
			pane_progress(app, lab, load_done(app), l->cat.arts.n);
			stamp(&shown);
		}
	}
	pane_dirty_all(app);
	return 0;
}

size_t
load_progress(const struct app *app, char *buf, size_t cap)
{
	const struct app_load *l = &app->load;
	if (cap == 0)
		return 0;
	buf[0] = 0;
	/* one file: nothing to count (the reader and the list say what it
	 * is doing; "0/1 [----------]" took 18 of 40 columns) */
	if (!l->active || l->cat.arts.n < 2)
		return 0;
	size_t done = load_done(app), n = l->cat.arts.n;
	int k = n ? (int)(done * 10 / n) : 10;
	int w = snprintf(buf, cap, "%zu/%zu [%.*s%.*s]", done, n, k, "##########", 10 - k,
			 "----------");
	return w > 0 ? (size_t)w : 0;
}

void
load_close(struct app *app)
{
	struct app_load *l = &app->load;
	bigload_free(app);
	catalog_free(&l->cat);
	cache_close(l->cache);
	l->cache = NULL;
	app->corpus = NULL;
	app->work = NULL;
	l->active = 0;
}
