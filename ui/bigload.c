/* The panes' large articles read in a thread; see bigload.h. */
#include "bigload.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../src/article_job.h"
#include "../src/catalog.h"
#include "../src/err.h"
#include "../src/source.h"
#include "app.h"
#include "screen/pane.h"

struct bigload_job {
	size_t art;
	struct article_job *job;
	struct catalog_prep *prep; /* the job's until it is taken */
	struct timespec t0;
};

struct bigload {
	struct bigload_job *v;
	size_t n, cap;
};

static long
secs_since(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - t->tv_sec);
}

static struct bigload_job *
find(const struct bigload *b, size_t art)
{
	for (size_t i = 0; b && i < b->n; i++)
		if (b->v[i].art == art)
			return &b->v[i];
	return NULL;
}

/* 1 if slot art is to be read in a thread: a large file, and not one the
 * cache keeps whole (those come back from the cache at once). */
static int
large(const struct app *app, size_t art)
{
	const struct catalog *cat = &app->load.cat;
	const char *path = cat->arts.v[art].path;
	struct stat sb;
	if (path == NULL || strcmp(path, "-") == 0 || stat(path, &sb) < 0 || !S_ISREG(sb.st_mode))
		return 0; /* catalog_fill says what is wrong */
	const struct source_opts *o = catalog_source_opts(cat);
	size_t size = (size_t)sb.st_size, max = o && o->max_bytes ? o->max_bytes : SOURCE_DEFAULT_MAX_BYTES;
	if (size <= BIGLOAD_MIN || size > max) /* over the limit: refused at once */
		return 0;
	return cat->state[art] != CATALOG_META || size > CATALOG_BODY_MAX;
}

/* The job's hook (src/article_job.h): the catalog's prep, in the thread. */
static int
prep_run(void *ctx, struct script *sc, int rc, struct article *a, struct match_text *fa,
	 char *cause)
{
	return catalog_prep_run(ctx, sc, rc, a, fa, cause);
}

static void
prep_free(void *ctx)
{
	catalog_prep_free(ctx);
}

int
bigload_fill(struct app *app, size_t art)
{
	struct catalog *cat = &app->load.cat;
	if (art >= cat->arts.n)
		return 0;
	if (cat->state[art] == CATALOG_FULL)
		return 1;
	if (cat->state[art] == CATALOG_FAILED)
		return 0;
	if (find(app->big, art))
		return 2;
	if (!large(app, art))
		return catalog_fill(cat, art);
	if (app->big == NULL && (app->big = calloc(1, sizeof *app->big)) == NULL)
		return ERR_NOMEM;
	struct bigload *b = app->big;
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 4;
		struct bigload_job *v = realloc(b->v, cap * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		b->v = v;
		b->cap = cap;
	}
	struct bigload_job *j = &b->v[b->n];
	j->art = art;
	clock_gettime(CLOCK_MONOTONIC, &j->t0);
	/* the thread also counts and caches it (catalog_prep_run): the
	 * end of loading costs the keys nothing */
	int rc = catalog_prep_new(cat, art, &j->prep);
	if (rc < 0)
		return rc;
	struct article_job_hook hook = { prep_run, prep_free, j->prep };
	rc = article_job_start_hook(catalog_source_opts(cat), cat->arts.v[art].path, 1, &hook,
				    &j->job);
	if (rc < 0)
		catalog_prep_free(j->prep);
	if (rc == ERR_NOMEM)
		return rc;
	if (rc < 0) /* no thread: read it here */
		return catalog_fill(cat, art);
	b->n++;
	return 2;
}

size_t
bigload_poll(struct app *app)
{
	struct bigload *b = app->big;
	size_t done = 0;
	int writing = 0;
	if (b == NULL)
		return 0;
	for (size_t i = 0; i < b->n;) {
		struct bigload_job *j = &b->v[i];
		enum article_job_stage st = article_job_stage(j->job);
		if (st != ARTICLE_JOB_DONE) {
			writing |= st == ARTICLE_JOB_FINISHING;
			i++;
			continue;
		}
		/* the slot is made in the thread: only handed over here */
		article_job_take(j->job, NULL, NULL, NULL);
		size_t art = j->art;
		struct catalog_prep *prep = j->prep;
		b->v[i] = b->v[--b->n];
		if (catalog_fill_prepared(&app->load.cat, art, prep) == ERR_NOMEM)
			pane_error(app, "loading: out of memory");
		done++;
	}
	/* a job writes to the cache through its own connection: the loader's
	 * fills leave it alone meanwhile rather than wait for its lock */
	catalog_hold_writes(&app->load.cat, writing);
	return done;
}

size_t
bigload_running(const struct app *app)
{
	return app->big ? app->big->n : 0;
}

size_t
bigload_status(const struct app *app, size_t art, char *buf, size_t cap)
{
	const struct bigload_job *j = find(app->big, art);
	if (cap)
		buf[0] = 0;
	if (j == NULL || cap == 0)
		return 0;
	enum article_job_stage st = article_job_stage(j->job);
	const char *what = st == ARTICLE_JOB_READING ? "reading" :
			   st == ARTICLE_JOB_FOLDING ? "indexing" : "caching";
	int n = snprintf(buf, cap, "%s %ld s", what, secs_since(&j->t0));
	return n > 0 ? (size_t)n : 0;
}

size_t
bigload_status_any(const struct app *app, char *buf, size_t cap)
{
	char job[32];
	if (cap)
		buf[0] = 0;
	if (app->big == NULL || app->big->n == 0 || cap == 0)
		return 0;
	size_t art = app->big->v[0].art;
	const char *path = app->load.cat.arts.v[art].path, *slash = strrchr(path, '/');
	bigload_status(app, art, job, sizeof job);
	int n = snprintf(buf, cap, "%s: %s", slash && slash[1] ? slash + 1 : path, job);
	return n > 0 ? (size_t)n : 0;
}

void
bigload_wait(struct app *app)
{
	(void)app;
	struct pollfd pfd = { .fd = 0, .events = POLLIN };
	poll(&pfd, 1, BIGLOAD_WAIT_MS);
}

void
bigload_free(struct app *app)
{
	struct bigload *b = app->big;
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->n; i++)
		article_job_drop(b->v[i].job);
	free(b->v);
	free(b);
	app->big = NULL;
}
