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

/* Scan o's paths into cat. 0, or an exit status after a message. */
static int
scan(const struct scan_cli *o, struct cache *cache, const struct compare_spec *spec, int full,
     struct catalog *cat)
{
	struct progress p;
	progress_start(&p, "reading");
	int rc = catalog_scan(cat, cache, o->paths, o->npaths, o->source, spec, full, o->warn, o->warn_ctx,
			      progress_update, &p);
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
};

/* Search article a (folded as t) and write its part of the report. */
static int
search_one(struct streamed *ss, const struct article *a, const struct match_text *t)
{
	struct search_result r;
	int rc = search_result_init(&r, 1);
	if (rc == 0)
		rc = search_article(&ss->q, a, t, 0, &r, &ss->scratch);
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

/* The articles still to search, claimed SEARCH_CHUNK at a time by
 * whichever thread is free (one the machine keeps waiting does less). */
struct claim {
	atomic_size_t next, done;
	size_t n;
	atomic_int stop; /* a thread failed: the other stops too */
};

#define SEARCH_CHUNK 32

/* One thread's search from the cache, with its own connection, into its
 * own buffer. */
struct part {
	const struct catalog *cat;
	const unsigned char *maybe;
	struct cache *cache;
	struct piece *pieces;
	struct claim *claim;
	unsigned char who;
	struct streamed ss;
	int st; /* 1: out of memory or the buffer failed */
	struct progress *p; /* the main thread's: drawn as it goes */
};

/* Search cached article i into w's buffer; the rest is said in pieces[i]. */
static void
part_one(struct part *w, size_t i)
{
	struct piece *pc = &w->pieces[i];
	if (w->cat->ids[i] < 0) {
		pc->later = 1;
		return;
	}
	/* the cached folded text says whether to read the rest */
	const void *blob;
	const char *ft;
	size_t bn, fn;
	struct article a;
	struct match_text t;
	int rc = cache_body_if(w->cache, w->cat->ids[i], w->ss.q.folded, w->ss.q.len, &blob, &bn,
			       &ft, &fn);
	if (rc == 0)
		return;
	if (rc == 1)
		rc = artblob_unpack(blob, bn, w->cat->arts.v[i].path, ft, fn, &a, &t);
	if (rc == ERR_NOMEM) {
		w->st = 1;
		return;
	}
	if (rc < 0) { /* no usable copy: the file */
		pc->later = 1;
		return;
	}
	pc->from = (size_t)ftello(w->ss.mem);
	rc = search_one(&w->ss, &a, &t);
	pc->to = (size_t)ftello(w->ss.mem);
	pc->who = w->who;
	article_free(&a);
	match_text_free(&t);
	if (rc == ERR_NOMEM || rc == ERR_IO)
		w->st = 1;
	else if (rc < 0)
		pc->err = rc;
}

static void
part_run(struct part *w)
{
	int reading = cache_begin_read(w->cache) == 0;
	struct claim *cl = w->claim;
	while (w->st == 0 && !atomic_load(&cl->stop)) {
		size_t lo = atomic_fetch_add(&cl->next, SEARCH_CHUNK);
		if (lo >= cl->n)
			break;
		size_t hi = lo + SEARCH_CHUNK < cl->n ? lo + SEARCH_CHUNK : cl->n;
		for (size_t i = lo; i < hi && w->st == 0; i++)
			if (w->maybe[i])
				part_one(w, i);
		size_t done = atomic_fetch_add(&cl->done, hi - lo) + (hi - lo);
		if (w->p)
			progress_update(w->p, done, cl->n);
	}
	if (w->st)
		atomic_store(&cl->stop, 1);
	if (reading)
		cache_commit(w->cache);
}

static void *
part_thread(void *arg)
{
	part_run(arg);
	return NULL;
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

static void *
prep_thread(void *arg)
{
	struct prep *pr = arg;
	pr->sc_rc = script_open(&pr->sc, &pr->cause);
	if (pr->sc_rc == 0)
		pr->rc = search_query_new(pr->sc, pr->query, &pr->q);
	return NULL;
}

/* Two threads search from this many candidate articles on: each costs
 * some 20 us, so 100 repay a thread and a connection (under 1 ms). */
#define SEARCH_SPLIT_MIN 100

int
scan_cli_search(FILE *f, const struct scan_cli *o, const char *query)
{
	/* OpenCC loads on a thread of its own while the files are looked at */
	struct prep pr = { .query = query };
	pthread_t prep;
	int prepping = pthread_create(&prep, NULL, prep_thread, &pr) == 0;
	if (!prepping)
		prep_thread(&pr);
	struct cache *cache = open_cache(o);
	struct catalog cat;
	int st = scan(o, cache, NULL, 0, &cat);
	if (prepping)
		pthread_join(prep, NULL);
	struct script *sc = pr.sc;
	if (st) {
		if (pr.sc_rc == 0 && pr.rc == 0)
			search_query_free(&pr.q);
		script_close(sc);
		free(pr.cause);
		cache_close(cache);
		return st;
	}
	if (pr.sc_rc < 0) {
		say(pr.cause ? pr.cause : "cannot load OpenCC data");
		free(pr.cause);
		catalog_free(&cat);
		cache_close(cache);
		return 1;
	}
	free(pr.cause);
	char *cause = NULL;
	struct part w[2] = { { 0 }, { 0 } };
	struct cache *second = NULL;
	size_t n = cat.arts.n;
	unsigned char *maybe = malloc(n + 1);
	struct piece *pieces = calloc(n + 1, sizeof *pieces);
	int rc = pr.rc;
	if (rc == ERR_INVAL) {
		say("--search: the query is empty");
		st = 2;
		goto out;
	}
	if (rc == 0)
		w[0].ss.q = pr.q;
	if (rc < 0 || maybe == NULL || pieces == NULL || candidates(cache, &cat, pr.q.folded, maybe) < 0 ||
	    (w[0].ss.mem = open_memstream(&w[0].ss.buf, &w[0].ss.len)) == NULL) {
		say("out of memory");
		st = 1;
		goto out;
	}
	/* the cached articles searched by two threads, each with its own
	 * connection to the cache, when there are enough of them */
	size_t ncand = 0;
	for (size_t i = 0; i < n; i++)
		ncand += maybe[i];
	struct claim cl = { .n = n };
	atomic_init(&cl.next, 0);
	atomic_init(&cl.done, 0);
	atomic_init(&cl.stop, 0);
	for (int k = 0; k < 2; k++) {
		w[k].cat = &cat;
		w[k].maybe = maybe;
		w[k].pieces = pieces;
		w[k].claim = &cl;
		w[k].who = (unsigned char)(k + 1);
	}
	w[0].cache = cache;
	if (cache && ncand >= SEARCH_SPLIT_MIN && cache_open_more(cache_path(cache), &second) == 0) {
		w[1].ss.q = pr.q; /* shared: the search only reads it */
		w[1].cache = second;
	}
	struct progress p;
	progress_start(&p, "searching");
	pthread_t other;
	int two = second && (w[1].ss.mem = open_memstream(&w[1].ss.buf, &w[1].ss.len)) != NULL &&
		  pthread_create(&other, NULL, part_thread, &w[1]) == 0;
	if (cache) {
		w[0].p = &p;
		part_run(&w[0]);
	} else { /* every file is read */
		for (size_t i = 0; i < n; i++)
			pieces[i].later = maybe[i];
	}
	if (two)
		pthread_join(other, NULL);
	if (cache)
		progress_update(&p, n, n);
	st = w[0].st || w[1].st;
	/* the files the cache had no copy of, and what to report, in order */
	for (size_t i = 0; i < n && st == 0; i++) {
		struct piece *pc = &pieces[i];
		if (pc->err && o->warn)
			o->warn(o->warn_ctx, cat.arts.v[i].path, err_strerror(pc->err));
		if (!pc->later)
			continue;
		if (!cache)
			progress_update(&p, i + 1, n);
		struct article a;
		struct match_text t;
		cause = NULL;
		rc = article_load(o->source, cat.arts.v[i].path, &a, &cause);
		if (rc == 0 && (rc = match_fold(sc, a.text, a.len, &t)) < 0)
			article_free(&a);
		if (rc == 0) {
			pc->from = (size_t)ftello(w[0].ss.mem);
			rc = search_one(&w[0].ss, &a, &t);
			pc->to = (size_t)ftello(w[0].ss.mem);
			pc->who = 1;
			article_free(&a);
			match_text_free(&t);
		}
		if (rc == ERR_NOMEM || rc == ERR_IO)
			st = 1;
		else if (rc < 0 && o->warn)
			o->warn(o->warn_ctx, cat.arts.v[i].path, cause ? cause : err_strerror(rc));
		free(cause);
	}
	progress_end(&p);
	for (int k = 0; k < 2; k++) {
		if (w[k].ss.mem && fclose(w[k].ss.mem) != 0)
			st = 1;
		w[k].ss.mem = NULL;
	}
	if (st) {
		say("out of memory");
	} else {
		compare_text_search_head(f, query, w[0].ss.hits + w[1].ss.hits,
					 w[0].ss.articles + w[1].ss.articles);
		for (size_t i = 0; i < n; i++)
			if (pieces[i].who)
				fwrite(w[pieces[i].who - 1].ss.buf + pieces[i].from, 1,
				       pieces[i].to - pieces[i].from, f);
		st = ferror(f) ? 1 : 0;
	}
out:
	for (int k = 0; k < 2; k++) {
		if (w[k].ss.mem)
			fclose(w[k].ss.mem);
		free(w[k].ss.buf);
		span_list_free(&w[k].ss.scratch);
	}
	if (pr.rc == 0)
		search_query_free(&pr.q);
	cache_close(second);
	free(pieces);
	free(maybe);
	script_close(sc);
	catalog_free(&cat);
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
