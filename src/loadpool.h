/* loadpool: files read ahead of their use on worker threads. Each worker
 * takes the next job of a list that may grow (loadpool_add), loads the
 * file (article_load) and, if asked, folds it (match_fold, with an OpenCC
 * of its own, as src/article_job.c does for a huge article); the caller
 * takes the results by job number (mostly in order), waiting or not.
 * Workers stay at most `window` jobs ahead of the first job not taken or
 * let go, so memory stays at a few articles. The pool owns its copies of the paths
 * and the results not taken; loadpool_free stops and joins the workers. */
#ifndef DUWEN_LOADPOOL_H
#define DUWEN_LOADPOOL_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "match.h"
#include "source.h"

struct loadpool_opts {
	const struct source_opts *source; /* copied */
	int fold;          /* match_fold each article (OpenCC: the worker's own) */
	size_t threads;    /* 0: one per core the process may run on */
	size_t window;     /* jobs made ahead of the next taken; 0: 8 per worker */
	uint64_t max_size; /* larger files are not read (LOADPOOL_SKIPPED); 0: all */
	int nice;          /* workers this much nicer than the caller (0: as nice) */
};

/* A job's result: article_load's rc, cause (malloc'd, may be NULL) and
 * article (rc 0), and its fold when the pool folds (fa.text NULL when it
 * did not: no OpenCC for the worker, or rc < 0). */
struct loadpool_item {
	int rc;
	char *cause;
	struct article a;
	struct match_text fa;
};

struct loadpool;

/* A pool of o->threads workers with no job yet. 0, ERR_NOMEM or ERR_IO
 * (no thread could be started: the caller reads the files itself). */
int loadpool_start(const struct loadpool_opts *o, struct loadpool **out);

/* Add the file at path as the next job; returns its number (0, 1, ...) or
 * ERR_NOMEM. */
long loadpool_add(struct loadpool *p, const char *path);

enum { LOADPOOL_NOT_READY = 1, LOADPOOL_SKIPPED = 2 };

/* Take job k's result into *out (out NULL: let it go). A job a worker is
 * doing: wait until it is made, or LOADPOOL_NOT_READY if !wait. A job no
 * worker has begun is let go at once (LOADPOOL_SKIPPED: the caller reads
 * the file itself, as soon as a worker would; the workers may be behind,
 * or kept waiting by the machine). Also LOADPOOL_SKIPPED: the file is over
 * max_size (not read), or k was let go before; ERR_RANGE: no such job. 0 with *out (the caller frees it:
 * loadpool_item_free). The window moves past the jobs taken or let go:
 * a job the caller never takes must be let go (loadpool_drop). */
int loadpool_take(struct loadpool *p, size_t k, int wait, struct loadpool_item *out);

/* Would loadpool_take(p, k, 1, ...) return at once (no worker is doing
 * job k)? */
int loadpool_ready(struct loadpool *p, size_t k);

/* Has a worker made job k (its result waits to be taken)? */
int loadpool_made(struct loadpool *p, size_t k);

/* Let job k go, made or not (a worker doing it frees its result). */
void loadpool_drop(struct loadpool *p, size_t k);

/* A file descriptor that becomes readable when a worker has made a result
 * (for poll beside the keyboard); loadpool_take empties it. */
int loadpool_fd(const struct loadpool *p);

void loadpool_item_free(struct loadpool_item *it);

/* Stop the workers after the jobs they are doing, join them, free all. */
void loadpool_free(struct loadpool *p);

#endif
