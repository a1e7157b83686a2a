/* loadpool: files read ahead on worker threads; see loadpool.h. A worker
 * shares nothing with the caller but the pool (under its mutex): its own
 * copy of each path, its own OpenCC, its results handed over whole. */
#include "loadpool.h"

#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "err.h"
#include "script.h"

enum job_state { JOB_WAITING, JOB_WORKING, JOB_MADE, JOB_GONE };

struct job {
	char *path;
	unsigned char state;
	unsigned char skipped; /* over max_size: not read */
	struct loadpool_item it;
};

struct loadpool {
	pthread_mutex_t mu;
	pthread_cond_t work; /* a job to claim, or stop */
	pthread_cond_t made; /* a result made */
	struct job *v;
	size_t n, cap;
	size_t next; /* the first job not claimed */
	size_t low;  /* the first job not taken or let go */
	size_t window;
	int stop;
	struct source_opts source;
	char *encoding;
	int fold;
	uint64_t max_size;
	int nice;
	int pipe[2]; /* a byte per result made, for poll */
	pthread_t *threads;
	size_t nthreads;
};

static size_t
cores(void)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
		return (size_t)CPU_COUNT(&set);
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (size_t)n : 1;
}

void
loadpool_item_free(struct loadpool_item *it)
{
	if (it->rc == 0)
		article_free(&it->a);
	match_text_free(&it->fa);
	free(it->cause);
	memset(it, 0, sizeof *it);
}

/* Load job k's file (outside the lock) into *it. */
static void
load_one(struct loadpool *p, struct script *sc, int have_sc, const char *path, struct loadpool_item *it,
	 int *skipped)
{
	memset(it, 0, sizeof *it);
	struct stat sb;
	if (p->max_size && stat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (uint64_t)sb.st_size > p->max_size) {
		*skipped = 1;
		return;
	}
	it->rc = article_load(&p->source, path, &it->a, &it->cause);
	/* without OpenCC the caller folds it itself, with its own */
	if (it->rc == 0 && p->fold && have_sc) {
		int rc = match_fold(sc, it->a.text, it->a.len, &it->fa);
		if (rc < 0)
			it->fa = (struct match_text){ 0 };
	}
}

static void *
worker(void *arg)
{
	struct loadpool *p = arg;
	if (p->nice) /* this thread only (Linux): the caller's keys come first */
		setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid),
			    getpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid)) + p->nice);
	struct script *sc = NULL;
	int have_sc = p->fold && script_open(&sc, NULL) == 0;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->stop && (p->next >= p->n || p->next >= p->low + p->window))
			pthread_cond_wait(&p->work, &p->mu);
		if (p->stop)
			break;
		size_t k = p->next++;
		struct job *j = &p->v[k];
		if (j->state == JOB_GONE)
			continue;
		j->state = JOB_WORKING;
		char *path = j->path; /* the array may move: not j */
		pthread_mutex_unlock(&p->mu);
		struct loadpool_item it;
		int skipped = 0;
		load_one(p, sc, have_sc, path, &it, &skipped);
		pthread_mutex_lock(&p->mu);
		j = &p->v[k];
		if (j->state == JOB_GONE) { /* let go meanwhile */
			loadpool_item_free(&it);
			continue;
		}
		j->it = it;
		j->skipped = (unsigned char)skipped;
		j->state = JOB_MADE;
		pthread_cond_broadcast(&p->made);
		ssize_t w = write(p->pipe[1], "", 1); /* full: a byte is there already */
		(void)w;
	}
	pthread_mutex_unlock(&p->mu);
	script_close(sc);
	return NULL;
}

int
loadpool_start(const struct loadpool_opts *o, struct loadpool **out)
{
	struct loadpool *p = calloc(1, sizeof *p);
	if (p == NULL)
		return ERR_NOMEM;
	p->pipe[0] = p->pipe[1] = -1;
	if (o->source) {
		p->source = *o->source;
		if (o->source->encoding && (p->encoding = strdup(o->source->encoding)) == NULL) {
			free(p);
			return ERR_NOMEM;
		}
		p->source.encoding = p->encoding;
	}
	p->fold = o->fold;
	p->max_size = o->max_size;
	p->nice = o->nice;
	size_t nt = o->threads ? o->threads : cores();
	p->window = o->window ? o->window : 8 * nt;
	p->threads = calloc(nt, sizeof *p->threads);
	if (p->threads == NULL || pipe2(p->pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		int rc = p->threads ? ERR_IO : ERR_NOMEM;
		free(p->threads);
		free(p->encoding);
		free(p);
		return rc;
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->made, NULL);
	/* libxml2 (EPUB books) is set up once here, not by two workers at once */
	xmlInitParser();
	for (; p->nthreads < nt; p->nthreads++)
		if (pthread_create(&p->threads[p->nthreads], NULL, worker, p) != 0)
			break;
	if (p->nthreads == 0) {
		loadpool_free(p);
		return ERR_IO;
	}
	*out = p;
	return 0;
}

long
loadpool_add(struct loadpool *p, const char *path)
{
	char *copy = strdup(path);
	if (copy == NULL)
		return ERR_NOMEM;
	pthread_mutex_lock(&p->mu);
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 64;
		struct job *v = realloc(p->v, cap * sizeof *v);
		if (v == NULL) {
			pthread_mutex_unlock(&p->mu);
			free(copy);
			return ERR_NOMEM;
		}
		p->v = v;
		p->cap = cap;
	}
	long k = (long)p->n;
	p->v[p->n++] = (struct job){ .path = copy, .state = JOB_WAITING };
	pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->mu);
	return k;
}

/* Let job k go (under the lock): its result if made, else the worker's
 * when it is; the window moves past the jobs let go. */
static void
let_go(struct loadpool *p, size_t k)
{
	struct job *j = &p->v[k];
	if (j->state == JOB_MADE)
		loadpool_item_free(&j->it);
	j->state = JOB_GONE;
	while (p->low < p->n && p->v[p->low].state == JOB_GONE)
		p->low++;
	pthread_cond_broadcast(&p->work);
}

int
loadpool_take(struct loadpool *p, size_t k, int wait, struct loadpool_item *out)
{
	char drain[64];
	while (read(p->pipe[0], drain, sizeof drain) > 0)
		;
	pthread_mutex_lock(&p->mu);
	int rc = 0;
	if (k >= p->n) {
		rc = ERR_RANGE;
	} else if (p->v[k].state == JOB_GONE) {
		rc = LOADPOOL_SKIPPED;
	} else if (p->v[k].state == JOB_WAITING) {
		/* no worker has begun it: the caller is as quick doing it (and
		 * the workers may be behind, or kept waiting by the machine) */
		let_go(p, k);
		rc = LOADPOOL_SKIPPED;
	} else if (p->v[k].state != JOB_MADE && !wait) {
		rc = LOADPOOL_NOT_READY;
	} else {
		while (p->v[k].state != JOB_MADE)
			pthread_cond_wait(&p->made, &p->mu);
		struct job *j = &p->v[k];
		rc = j->skipped ? LOADPOOL_SKIPPED : 0;
		if (rc == 0 && out) {
			*out = j->it;
			j->it = (struct loadpool_item){ 0 };
		}
		let_go(p, k);
	}
	pthread_mutex_unlock(&p->mu);
	return rc;
}

int
loadpool_ready(struct loadpool *p, size_t k)
{
	pthread_mutex_lock(&p->mu);
	int r = k >= p->n || p->v[k].state != JOB_WORKING;
	pthread_mutex_unlock(&p->mu);
	return r;
}

int
loadpool_made(struct loadpool *p, size_t k)
{
	pthread_mutex_lock(&p->mu);
	int r = k < p->n && p->v[k].state == JOB_MADE;
	pthread_mutex_unlock(&p->mu);
	return r;
}

void
loadpool_drop(struct loadpool *p, size_t k)
{
	pthread_mutex_lock(&p->mu);
	if (k < p->n && p->v[k].state != JOB_GONE)
		let_go(p, k);
	pthread_mutex_unlock(&p->mu);
}

int
loadpool_fd(const struct loadpool *p)
{
	return p->pipe[0];
}

void
loadpool_free(struct loadpool *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (size_t t = 0; t < p->nthreads; t++)
		pthread_join(p->threads[t], NULL);
	for (size_t k = 0; k < p->n; k++) {
		if (p->v[k].state == JOB_MADE)
			loadpool_item_free(&p->v[k].it);
		free(p->v[k].path);
	}
	free(p->v);
	free(p->threads);
	free(p->encoding);
	close(p->pipe[0]);
	close(p->pipe[1]);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->made);
	pthread_mutex_destroy(&p->mu);
	free(p);
}
