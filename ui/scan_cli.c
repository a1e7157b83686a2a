#include "scan_cli.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../src/cache.h"
#include "../src/article.h"
#include "../src/artblob.h"
#include "../src/catalog.h"
#include "../src/compare.h"
#include "../src/config.h"
#include "../src/err.h"
#include "../src/layout.h"
#include "../src/loadpool.h"
#include "../src/match.h"
#include "../src/report.h"
#include "../src/script.h"
#include "../src/search.h"
#include "../src/compare_text.h"
#include "../src/termsafe.h"
#include "compare_cli.h"
#include "progress.h"

static void
say(const char *msg)
{
	termsafe_warn(stderr, NULL, "%s", msg);
}

/* The cache, or NULL (--no-cache, or none usable: then the work is only
 * slower, which is not worth a message on every run). */
static struct cache *
open_cache(const struct scan_cli *o)
{
	if (o->no_cache)
		return NULL;
	/* this binary's size and time name the readers that fill the cache */
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

/* o's warnings, each on a line of its own above the progress bar (it was
 * written after the bar, on its line) */
struct warn_bar {
	const struct scan_cli *o;
	struct progress *p;
};

static void
warn_bar(void *ctx, const char *path, const char *reason)
{
	struct warn_bar *wb = ctx;
	progress_pause(wb->p);
	wb->o->warn(wb->o->warn_ctx, path, reason);
	progress_resume(wb->p);
}

/* Scan o's paths into cat. 0, or an exit status after a message. */
static int
scan(const struct scan_cli *o, struct cache *cache, const struct compare_spec *spec, int full,
     struct catalog *cat)
{
	struct progress p;
	progress_start(&p, "reading", "files");
	struct warn_bar wb = { o, &p };
	int rc = catalog_scan(cat, cache, o->paths, o->npaths, o->source, spec, full,
			      o->warn ? warn_bar : NULL, &wb, progress_update, &p);
	progress_end(&p);
	if (rc < 0) {
		say(err_strerror(rc));
		return 1;
	}
	if (cat->arts.n == 0) {
		say("no article could be loaded");
		catalog_free(cat);
		return 2;
	}
	return 0;
}

int
scan_cli_list(FILE *f, const struct scan_cli *o)
{
	struct compare_spec spec;
	if (ui_compare_cli_spec(o->config_path, o->cities, &spec) < 0)
		return o->cities ? 2 : 1;
	/* an empty word is an error whether or not a file is read */
	struct compare_matcher *m = NULL;
	int rc = compare_matcher_new(&spec, NULL, &m);
	compare_matcher_free(m);
	if (rc < 0) {
		say(rc == ERR_INVAL ? "config: a city alias or theme word is empty" : err_strerror(rc));
		compare_spec_free(&spec);
		return rc == ERR_INVAL ? 2 : 1;
	}
	struct cache *cache = open_cache(o);
	struct catalog cat;
	int st = scan(o, cache, &spec, 0, &cat);
	cache_close(cache);
	if (st) {
		compare_spec_free(&spec);
		return st;
	}
	struct report_cities rcs = { .n = spec.ncities, .mentions = cat.counts };
	for (size_t c = 0; c < spec.ncities; c++)
		rcs.name[c] = compare_spec_city(&spec, c)->name;
	struct layout_opts lo;
	layout_opts_default(&lo);
	rc = report_list(f, &cat.arts, &lo, &rcs);
	if (rc < 0)
		say(rc == ERR_IO ? "cannot write the output" : err_strerror(rc));
	catalog_free(&cat);
	compare_spec_free(&spec);
	return rc < 0 ? 1 : 0;
}

/* Which cataloged articles may hold the folded query fq (maybe[i] = 1):
 * for three characters or more, those the trigram index names; the
 * files it does not hold are read. Shorter queries leave every article
 * a candidate: the search itself asks each one's cached folded text
 * (cache_body_if), which reads it once instead of twice. */
static int
candidates(struct cache *cache, const struct catalog *cat, const char *fq, unsigned char *maybe)
{
	memset(maybe, 1, cat->arts.n);
	if (cache == NULL || !cache_search_indexed(fq))
		return 0;
	size_t n = 0;
	int64_t *ids = malloc((cat->arts.n + 1) * sizeof *ids);
	size_t *at = malloc((cat->arts.n + 1) * sizeof *at);
	unsigned char *hit = malloc(cat->arts.n + 1);
	int rc = ids && at && hit ? 0 : ERR_NOMEM;
	for (size_t i = 0; rc == 0 && i < cat->arts.n; i++)
		if (cat->ids[i] >= 0) {
			ids[n] = cat->ids[i];
			at[n++] = i;
		}
	if (rc == 0 && cache_search(cache, fq, ids, n, hit) == 0)
		for (size_t k = 0; k < n; k++)
			maybe[at[k]] = hit[k];
	free(ids);
	free(at);
	free(hit);
	return rc;
}

/* The search, one article at a time: only the articles whose folded text
 * holds the query are read in full, searched, written out (to a buffer:
 * the summary line comes first) and let go, so memory stays at one
 * article and the output. */
struct streamed {
	struct search_query q;
	struct span_list scratch;
	char *buf;
	size_t len;
	FILE *mem;
	size_t hits, articles;
	size_t *ranges, nranges, rcap; /* hit_ranges' */
};

/* The passages compare_text_search_hits prints for r's hits in a: each
 * hit's sentence, and the hit where it goes past it, as sorted ranges
 * that do not overlap, into ss->ranges (pairs). 0 or ERR_NOMEM. */
static int
hit_ranges(struct streamed *ss, const struct article *a, const struct search_result *r)
{
	if (ss->rcap < r->n) {
		size_t *v = realloc(ss->ranges, 2 * r->n * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		ss->ranges = v;
		ss->rcap = r->n;
	}
	size_t n = 0;
	for (size_t i = 0; i < r->n; i++) {
		size_t lo = r->v[i].start, hi = r->v[i].end, s = r->v[i].sent;
		if (s < a->nsents) {
			if (a->sents[s].start < lo)
				lo = a->sents[s].start;
			if (a->sents[s].end > hi)
				hi = a->sents[s].end;
		}
		/* in order of start (insertion: they come in order) */
		size_t k = n;
		while (k > 0 && ss->ranges[2 * (k - 1)] > lo) {
			ss->ranges[2 * k] = ss->ranges[2 * (k - 1)];
			ss->ranges[2 * k + 1] = ss->ranges[2 * (k - 1) + 1];
			k--;
		}
		ss->ranges[2 * k] = lo;
		ss->ranges[2 * k + 1] = hi;
		n++;
	}
	size_t m = 0; /* merged */
	for (size_t k = 0; k < n; k++) {
		size_t lo = ss->ranges[2 * k], hi = ss->ranges[2 * k + 1];
		if (m > 0 && lo <= ss->ranges[2 * m - 1]) {
			if (hi > ss->ranges[2 * m - 1])
				ss->ranges[2 * m - 1] = hi;
			continue;
		}
		ss->ranges[2 * m] = lo;
		ss->ranges[2 * m + 1] = hi;
		m++;
	}
	ss->nranges = m;
	return 0;
}

/* Search article a (folded as t) and write its part of the report. With
 * txt, a's text is not there yet (artblob_unpack_lazy): only its hit
 * passages are rebuilt, once there are hits; 1 if that finds the blob
 * damaged (nothing written). */
static int
search_one(struct streamed *ss, struct article *a, const struct match_text *t,
	   const struct artblob_text *txt)
{
	struct search_result r;
	int rc = search_result_init(&r, 1);
	if (rc == 0)
		rc = search_article(&ss->q, a, t, 0, &r, &ss->scratch);
	if (rc == 0 && r.n && txt && (rc = hit_ranges(ss, a, &r)) == 0) {
		rc = artblob_text_fill(txt, t->text, t->len, ss->ranges, ss->nranges, &a->text);
		if (rc == ERR_INVAL)
			rc = 1;
	}
	if (rc == 0 && r.n) {
		struct match_corpus one = { a, (struct match_text *)t, 1 };
		rc = compare_text_search_hits(ss->mem, &r, &one);
		ss->hits += r.n;
		ss->articles++;
	}
	search_result_free(&r);
	return rc;
}

/* Where article i's part of the report is: bytes [from, to) of the
 * buffer of part `who` (0: none), or what to say about it. */
struct piece {
	size_t from, to;
	unsigned char who;
	unsigned char later; /* no usable copy in the cache: the file, in order */
	int err;             /* an error to report for it, in order */
};

/* The articles to search, claimed SEARCH_CHUNK at a time by whichever
 * thread is free (one the machine keeps waiting does less), as the
 * catalog makes them ready: the search thread starts on the first
 * articles while the main thread still looks at the files. */
struct claim {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	size_t next;     /* the first article not claimed yet */
	size_t ready;    /* articles [0, ready) may be searched */
	size_t done;     /* articles searched, for the progress */
	int final;       /* ready is all there is (the catalog is done) */
	int stop;        /* a thread failed, or the catalog: stop */
	/* what the search thread may read of the catalog: copies, as the
	 * catalog frees its own if it fails */
	int64_t *ids;
	char **paths;
	unsigned char *maybe;
	struct piece *pieces;
	size_t cap;
	/* the main thread's: the catalog as it goes, its progress */
	struct catalog *cat;
	struct progress *p;
	int go;          /* the query is ready and maybe[] is set */
	int prepped;     /* OpenCC and the query tried (struct prep) */
};

#define SEARCH_CHUNK 32

/* One thread's search from the cache, with its own connection, into its
 * own buffer. */
struct part {
	struct claim *claim;
	struct cache *cache;
	unsigned char who;
	struct streamed ss;
	int st; /* 1: out of memory or the buffer failed */
	struct progress *p; /* the main thread's: drawn as it goes */
};

/* Search cached article i into w's buffer; the rest is said in pieces[i]. */
static void
part_one(struct part *w, size_t i)
{
	const struct claim *cl = w->claim;
	struct piece *pc = &cl->pieces[i];
	if (cl->ids[i] < 0) {
		pc->later = 1;
		return;
	}
	/* the cached folded text says whether to read the rest */
	const void *blob;
	const char *ft;
	size_t bn, fn;
	struct article a;
	struct match_text t;
	struct artblob_text txt;
	int rc = cache_body_if(w->cache, cl->ids[i], w->ss.q.folded, w->ss.q.len, &blob, &bn, &ft,
			       &fn);
	if (rc == 0)
		return;
	if (rc == 1) /* the folded text stays SQLite's, good until the next cache_body_if */
		rc = artblob_unpack_lazy(blob, bn, cl->paths[i], ft, fn, &a, &t, &txt);
	if (rc == ERR_NOMEM) {
		w->st = 1;
		return;
	}
	if (rc < 0) { /* no usable copy: the file */
		pc->later = 1;
		return;
	}
	pc->from = (size_t)ftello(w->ss.mem);
	rc = search_one(&w->ss, &a, &t, &txt);
	pc->to = (size_t)ftello(w->ss.mem);
	pc->who = w->who;
	article_free(&a);
	t.text = NULL; /* borrowed */
	match_text_free(&t);
	if (rc == 1) { /* its text damaged: the file */
		pc->from = pc->to = 0;
		pc->who = 0;
		pc->later = 1;
	} else if (rc == ERR_NOMEM || rc == ERR_IO)
		w->st = 1;
	else if (rc < 0)
		pc->err = rc;
}

static void
part_run(struct part *w)
{
	struct claim *cl = w->claim;
	pthread_mutex_lock(&cl->mu);
	while (!cl->go && !cl->stop)
		pthread_cond_wait(&cl->cv, &cl->mu);
	for (;;) {
		/* the next chunk, once the catalog has made it (or all there is) */
		while (!cl->stop && !cl->final && cl->ready < cl->next + SEARCH_CHUNK)
			pthread_cond_wait(&cl->cv, &cl->mu);
		size_t lo = cl->next;
		if (cl->stop || w->st || lo >= cl->ready)
			break;
		size_t hi = lo + SEARCH_CHUNK < cl->ready ? lo + SEARCH_CHUNK : cl->ready;
		cl->next = hi;
		pthread_mutex_unlock(&cl->mu);
		/* a snapshot per chunk: it sees what the catalog committed */
		int reading = cache_begin_read(w->cache) == 0;
		for (size_t i = lo; i < hi && w->st == 0; i++)
			if (cl->maybe[i])
				part_one(w, i);
		if (reading)
			cache_commit(w->cache);
		pthread_mutex_lock(&cl->mu);
		cl->done += hi - lo;
		if (w->p && cl->final)
			progress_update(w->p, cl->done, cl->ready);
	}
	if (w->st) {
		cl->stop = 1;
		pthread_cond_broadcast(&cl->cv);
	}
	pthread_mutex_unlock(&cl->mu);
}

/* What the search needs before it can start, made while the files are
 * looked at: OpenCC (to fold the query as the texts were folded) and the
 * query. */
struct prep {
	const char *query;
	struct script *sc;
	char *cause;
	int sc_rc, rc;
	struct search_query q;
};

static void
prep_run(struct prep *pr)
{
	pr->sc_rc = script_open(&pr->sc, &pr->cause);
	pr->rc = pr->sc_rc == 0 ? search_query_new(pr->sc, pr->query, &pr->q) : pr->sc_rc;
}

/* The search thread: OpenCC and the query, then its share of the search
 * (from the start for a query the index does not answer, which every
 * article may hold; after the candidates are known otherwise). */
struct searcher {
	struct prep pr;
	struct part w;
	const char *cache_path; /* its connection's, opened in the thread */
};

static void
prepped(struct searcher *sr)
{
	struct claim *cl = sr->w.claim;
	pthread_mutex_lock(&cl->mu);
	cl->prepped = 1;
	if (sr->pr.rc == 0) {
		sr->w.ss.q = sr->pr.q; /* shared with the main thread: only read */
		if (!cache_search_indexed(sr->pr.q.folded))
			cl->go = 1;
	}
	pthread_cond_broadcast(&cl->cv);
	pthread_mutex_unlock(&cl->mu);
}

static void *
searcher_thread(void *arg)
{
	struct searcher *sr = arg;
	/* its connection and buffer, here rather than on the main thread's
	 * way to the catalog */
	struct cache *c = NULL;
	if (sr->cache_path && cache_open_more(sr->cache_path, &c) == 0 &&
	    (sr->w.ss.mem = open_memstream(&sr->w.ss.buf, &sr->w.ss.len)) != NULL)
		sr->w.cache = c;
	prep_run(&sr->pr);
	prepped(sr);
	if (sr->pr.rc == 0 && sr->w.cache)
		part_run(&sr->w);
	cache_close(c);
	sr->w.cache = NULL;
	return NULL;
}

/* Articles [cl->ready, upto) of the catalog handed to the search: copies
 * of their ids and paths. Under cl->mu. 0 or ERR_NOMEM. */
static int
hand_over(struct claim *cl, size_t upto)
{
	for (; cl->ready < upto; cl->ready++) {
		size_t k = cl->ready;
		cl->ids[k] = cl->cat->ids[k];
		cl->maybe[k] = 1;
		if ((cl->paths[k] = strdup(cl->cat->arts.v[k].path)) == NULL)
			return ERR_NOMEM;
	}
	return 0;
}

/* The catalog's progress: the bar, and the articles it has made ready
 * for the search thread, as long as every one came from the cache (a
 * file read was cached in a transaction not committed yet, which the
 * search thread's connection would not see: the rest waits for the end). */
static void
feed(void *ctx, size_t done, size_t total)
{
	struct claim *cl = ctx;
	progress_update(cl->p, done, total);
	pthread_mutex_lock(&cl->mu);
	if (cl->ids == NULL && !cl->stop) {
		cl->cap = total + 1;
		cl->ids = calloc(cl->cap, sizeof *cl->ids);
		cl->paths = calloc(cl->cap, sizeof *cl->paths);
		cl->maybe = calloc(cl->cap, 1);
		cl->pieces = calloc(cl->cap, sizeof *cl->pieces);
		if (!cl->ids || !cl->paths || !cl->maybe || !cl->pieces)
			cl->stop = 1;
	}
	const struct catalog *cat = cl->cat;
	if (!cl->stop && cat->from_cache == cat->arts.n && cat->arts.n / SEARCH_CHUNK > cl->ready / SEARCH_CHUNK) {
		if (hand_over(cl, cat->arts.n) < 0)
			cl->stop = 1;
		pthread_cond_broadcast(&cl->cv);
	}
	pthread_mutex_unlock(&cl->mu);
}

/* Without a cache: the articles searched as the catalog reads them
 * (catalog_scan_each), so that no file is read twice. pieces[i] is
 * article i's part of w0's buffer (who 1) once searched; one not searched
 * here (a fold or search that failed, or no query) is read again after
 * the catalog, as the files a cache had no copy of are. */
struct early {
	struct claim *cl;
	struct prep *pr;
	struct part *w0;
	struct piece *v;
	size_t n;
	int ready; /* -1: the query not looked at yet; 0: no search; 1 */
};

static int
early_one(void *ctx, size_t i, const struct article *a, const struct match_text *fa)
{
	struct early *e = ctx;
	if (e->ready < 0) { /* the query (OpenCC) is made on the search thread */
		pthread_mutex_lock(&e->cl->mu);
		while (!e->cl->prepped)
			pthread_cond_wait(&e->cl->cv, &e->cl->mu);
		pthread_mutex_unlock(&e->cl->mu);
		struct streamed *ss = &e->w0->ss;
		e->ready = e->pr->rc == 0 && (ss->mem = open_memstream(&ss->buf, &ss->len)) != NULL;
		if (e->ready)
			ss->q = e->pr->q;
	}
	if (!e->ready)
		return 0;
	if (i >= e->n) {
		size_t n = 2 * i + 64;
		struct piece *v = realloc(e->v, n * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		memset(v + e->n, 0, (n - e->n) * sizeof *v);
		e->v = v;
		e->n = n;
	}
	struct match_text t = { 0 };
	if (fa == NULL && match_fold(e->pr->sc, a->text, a->len, &t) < 0)
		return 0; /* read again, and said, after the catalog */
	struct streamed *ss = &e->w0->ss;
	struct piece *pc = &e->v[i];
	pc->from = (size_t)ftello(ss->mem);
	int rc = search_one(ss, (struct article *)a, fa ? fa : &t, NULL);
	pc->to = (size_t)ftello(ss->mem);
	match_text_free(&t);
	if (rc == ERR_NOMEM || rc == ERR_IO)
		return rc;
	pc->who = rc == 0;
	return 0;
}

/* A pool reading (and folding) the articles of pieces[0, n) marked later,
 * in order: *job[i] is article i's job, -1 none. Without a pool (*pool
 * NULL) the caller reads them itself. 0 or ERR_NOMEM. */
static int
later_ahead(const struct scan_cli *o, const struct catalog *cat, const struct piece *pieces, size_t n,
	    struct loadpool **pool, long **job)
{
	size_t later = 0;
	for (size_t i = 0; i < n; i++)
		later += pieces[i].later;
	*pool = NULL;
	*job = NULL;
	if (later < 32) /* a worker's OpenCC loads as long as a few dozen are read */
		return 0;
	if ((*job = malloc(n * sizeof **job)) == NULL)
		return ERR_NOMEM;
	struct loadpool_opts lo = { .source = o->source, .fold = 1 };
	if (loadpool_start(&lo, pool) < 0) {
		*pool = NULL;
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		(*job)[i] = pieces[i].later ? loadpool_add(*pool, cat->arts.v[i].path) : -1;
	return 0;
}

int
scan_cli_search(FILE *f, const struct scan_cli *o, const char *query)
{
	struct catalog cat;
	struct claim cl = { .cat = &cat };
	pthread_mutex_init(&cl.mu, NULL);
	pthread_cond_init(&cl.cv, NULL);
	struct searcher sr = { .pr = { .query = query }, .w = { .claim = &cl, .who = 2 } };
	struct part w0 = { .claim = &cl, .who = 1 };
	struct part *w[2] = { &w0, &sr.w };
	struct cache *cache = open_cache(o);
	sr.cache_path = cache ? cache_path(cache) : NULL;
	pthread_t thread;
	int threaded = pthread_create(&thread, NULL, searcher_thread, &sr) == 0;
	if (!threaded) { /* one thread: OpenCC first, then the rest */
		prep_run(&sr.pr);
		prepped(&sr);
	}
	struct progress p;
	cl.p = &p;
	/* without a cache the files are searched as they are read: the
	 * count is the files' all the same */
	progress_start(&p, cache ? "reading" : "searching", "files");
	struct warn_bar wb = { o, &p };
	struct early early = { &cl, &sr.pr, &w0, NULL, 0, -1 };
	int rc = catalog_scan_each(&cat, cache, o->paths, o->npaths, o->source, NULL, 0,
				   o->warn ? warn_bar : NULL, &wb, feed, &cl,
				   cache ? NULL : early_one, &early);
	progress_end(&p);
	int st = 0;
	if (rc < 0) {
		say(err_strerror(rc));
		st = 1;
	} else if (cat.arts.n == 0) {
		say("no article could be loaded");
		st = 2;
	}
	size_t n = st ? 0 : cat.arts.n;
	pthread_mutex_lock(&cl.mu);
	if (st == 0 && (cl.ids == NULL || hand_over(&cl, n) < 0)) {
		say("out of memory");
		st = 1;
	}
	cl.final = 1;
	if (st)
		cl.stop = 1;
	pthread_cond_broadcast(&cl.cv);
	while (!cl.prepped)
		pthread_cond_wait(&cl.cv, &cl.mu);
	pthread_mutex_unlock(&cl.mu);
	struct prep *pr = &sr.pr;
	if (st == 0 && pr->sc_rc < 0) {
		say(pr->cause ? pr->cause : "cannot load OpenCC data");
		st = 1;
	} else if (st == 0 && pr->rc == ERR_INVAL) {
		say("--search: the query is empty");
		st = 2;
	} else if (st == 0 && (pr->rc < 0 || (w0.ss.mem == NULL &&
				       (w0.ss.mem = open_memstream(&w0.ss.buf, &w0.ss.len)) == NULL))) {
		say("out of memory");
		st = 1;
	}
	if (st == 0) {
		w0.ss.q = pr->q;
		w0.cache = cache;
		/* the index's candidates (it answers queries of three characters
		 * or more), before the search thread starts */
		int indexed = cache && cache_search_indexed(pr->q.folded);
		if (indexed && candidates(cache, &cat, pr->q.folded, cl.maybe) < 0) {
			say("out of memory");
			st = 1;
		}
		pthread_mutex_lock(&cl.mu);
		if (st)
			cl.stop = 1;
		cl.go = 1;
		pthread_cond_broadcast(&cl.cv);
		pthread_mutex_unlock(&cl.mu);
	} else {
		pthread_mutex_lock(&cl.mu);
		cl.stop = 1;
		pthread_cond_broadcast(&cl.cv);
		pthread_mutex_unlock(&cl.mu);
	}
	struct progress ps;
	cl.p = NULL;
	progress_start(&ps, "searching", "articles");
	struct warn_bar wbs = { o, &ps };
	if (st == 0 && cache) {
		w0.p = &ps;
		part_run(&w0);
	} else if (st == 0) { /* every file was read: searched then, or again now */
		for (size_t i = 0; i < n; i++)
			if (i < early.n && early.v[i].who)
				cl.pieces[i] = early.v[i];
			else
				cl.pieces[i].later = cl.maybe[i];
	}
	if (threaded)
		pthread_join(thread, NULL);
	if (st == 0 && cache)
		progress_update(&ps, n, n);
	if (st == 0)
		st = w0.st || sr.w.st;
	struct script *sc = pr->sc;
	char *cause = NULL;
	/* the files the cache had no copy of (without a cache, every one),
	 * read and folded on the other cores (coldload) */
	struct loadpool *pool = NULL;
	long *job = NULL;
	if (st == 0 && later_ahead(o, &cat, cl.pieces, n, &pool, &job) == ERR_NOMEM)
		st = 1;
	/* ... and what to report, in order */
	for (size_t i = 0; i < n && st == 0; i++) {
		struct piece *pc = &cl.pieces[i];
		if (pc->err && o->warn)
			warn_bar(&wbs, cat.arts.v[i].path, err_strerror(pc->err));
		if (!pc->later)
			continue;
		if (!cache)
			progress_update(&ps, i + 1, n);
		struct article a;
		struct match_text t = { 0 };
		cause = NULL;
		struct loadpool_item it;
		if (pool && job[i] >= 0 && loadpool_take(pool, (size_t)job[i], 1, &it) == 0) {
			rc = it.rc;
			cause = it.cause;
			a = it.a;
			t = it.fa;
		} else {
			rc = article_load(o->source, cat.arts.v[i].path, &a, &cause);
		}
		if (rc == 0 && t.text == NULL && (rc = match_fold(sc, a.text, a.len, &t)) < 0)
			article_free(&a);
		if (rc == 0) {
			pc->from = (size_t)ftello(w0.ss.mem);
			rc = search_one(&w0.ss, &a, &t, NULL);
			pc->to = (size_t)ftello(w0.ss.mem);
			pc->who = 1;
			article_free(&a);
			match_text_free(&t);
		}
		if (rc == ERR_NOMEM || rc == ERR_IO)
			st = 1;
		else if (rc < 0 && o->warn)
			warn_bar(&wbs, cat.arts.v[i].path, cause ? cause : err_strerror(rc));
		free(cause);
	}
	loadpool_free(pool);
	free(job);
	progress_end(&ps);
	int listed = st == 0;
	for (int k = 0; k < 2; k++) {
		if (w[k]->ss.mem && fclose(w[k]->ss.mem) != 0 && st == 0)
			st = 1;
		w[k]->ss.mem = NULL;
	}
	if (listed && st) {
		say("out of memory");
	} else if (listed) {
		compare_text_search_head(f, query, w0.ss.hits + sr.w.ss.hits,
					 w0.ss.articles + sr.w.ss.articles);
		for (size_t i = 0; i < n; i++)
			if (cl.pieces[i].who)
				fwrite(w[cl.pieces[i].who - 1]->ss.buf + cl.pieces[i].from, 1,
				       cl.pieces[i].to - cl.pieces[i].from, f);
		st = ferror(f) ? 1 : 0;
	}
	for (int k = 0; k < 2; k++) {
		free(w[k]->ss.buf);
		span_list_free(&w[k]->ss.scratch);
		free(w[k]->ss.ranges);
	}
	if (pr->rc == 0)
		search_query_free(&pr->q);
	free(pr->cause);
	script_close(sc);
	for (size_t i = 0; cl.paths && i < cl.cap; i++)
		free(cl.paths[i]);
	free(cl.paths);
	free(cl.ids);
	free(cl.maybe);
	free(cl.pieces);
	free(early.v);
	pthread_cond_destroy(&cl.cv);
	pthread_mutex_destroy(&cl.mu);
	catalog_free(&cat); /* also after a failed scan or none: it is zeroed */
	cache_close(cache);
	return st;
}

/* The compared cities as the panes will have them (defaults, config,
 * --cities), without a word on stderr: the panes report the config's
 * problems themselves. */
static int
quiet_spec(const struct scan_cli *o, struct compare_spec *out)
{
	struct config cfg;
	char path[4096];
	const char *cpath = o->config_path ? o->config_path : config_default_path(path, sizeof path);
	if (compare_spec_default(out) < 0)
		return ERR_NOMEM;
	if (cpath && config_load(cpath, &cfg, NULL, NULL) == 0) {
		int rc = compare_spec_configure(out, &cfg, NULL, NULL);
		config_free(&cfg);
		if (rc < 0) {
			compare_spec_free(out);
			return rc;
		}
	}
	if (o->cities && compare_spec_select(out, o->cities, NULL) == ERR_NOMEM) {
		compare_spec_free(out);
		return ERR_NOMEM;
	}
	return 0;
}

int
scan_cli_corpus(const struct scan_cli *o, struct corpus *out, struct match_text **folded,
		size_t **mentions, char **key)
{
	struct compare_spec spec;
	int have_spec = mentions && quiet_spec(o, &spec) == 0;
	struct cache *cache = open_cache(o);
	struct catalog cat;
	int st = scan(o, cache, have_spec ? &spec : NULL, 1, &cat);
	cache_close(cache);
	if (mentions) {
		*mentions = NULL;
		*key = NULL;
	}
	if (st == 0 && have_spec && (*key = catalog_spec_key(&spec)) != NULL) {
		*mentions = cat.counts; /* taken over */
		cat.counts = NULL;
	}
	if (have_spec)
		compare_spec_free(&spec);
	if (st)
		return st;
	catalog_take(&cat, out, folded);
	return 0;
}
