#include "scan_cli.h"

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

int
scan_cli_search(FILE *f, const struct scan_cli *o, const char *query)
{
	struct cache *cache = open_cache(o);
	struct catalog cat;
	int st = scan(o, cache, NULL, 0, &cat);
	if (st) {
		cache_close(cache);
		return st;
	}
	struct script *sc = NULL;
	char *cause = NULL;
	if (script_open(&sc, &cause) < 0) {
		say(cause ? cause : "cannot load OpenCC data");
		free(cause);
		catalog_free(&cat);
		cache_close(cache);
		return 1;
	}
	struct streamed ss = { 0 };
	unsigned char *maybe = malloc(cat.arts.n + 1);
	int rc = search_query_new(sc, query, &ss.q);
	if (rc == ERR_INVAL) {
		say("--search: the query is empty");
		st = 2;
		goto out;
	}
	if (rc < 0 || maybe == NULL || candidates(cache, &cat, ss.q.folded, maybe) < 0 ||
	    (ss.mem = open_memstream(&ss.buf, &ss.len)) == NULL) {
		say("out of memory");
		st = 1;
		goto out;
	}
	int reading = cache && cache_begin_read(cache) == 0;
	struct progress p;
	progress_start(&p, "searching");
	for (size_t i = 0; i < cat.arts.n && st == 0; i++) {
		progress_update(&p, i + 1, cat.arts.n);
		if (!maybe[i])
			continue;
		struct article a;
		struct match_text t;
		cause = NULL;
		rc = ERR_NOTFOUND;
		if (cache && cat.ids[i] >= 0) {
			/* the cached folded text says whether to read the rest */
			const void *blob;
			const char *ft;
			size_t bn, fn;
			rc = cache_body_if(cache, cat.ids[i], ss.q.folded, ss.q.len, &blob, &bn, &ft, &fn);
			if (rc == 0)
				continue;
			if (rc == 1)
				rc = artblob_unpack(blob, bn, cat.arts.v[i].path, ft, fn, &a, &t);
		}
		if (rc == ERR_NOMEM) {
			st = 1;
			break;
		}
		if (rc < 0) { /* no usable copy: the file */
			rc = article_load(o->source, cat.arts.v[i].path, &a, &cause);
			if (rc == 0 && (rc = match_fold(sc, a.text, a.len, &t)) < 0)
				article_free(&a);
		}
		if (rc == 0) {
			rc = search_one(&ss, &a, &t);
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
	if (reading)
		cache_commit(cache);
	if (fclose(ss.mem) != 0)
		st = 1;
	ss.mem = NULL;
	if (st) {
		say("out of memory");
	} else {
		compare_text_search_head(f, query, ss.hits, ss.articles);
		fwrite(ss.buf, 1, ss.len, f);
		st = ferror(f) ? 1 : 0;
	}
out:
	if (ss.mem)
		fclose(ss.mem);
	free(ss.buf);
	span_list_free(&ss.scratch);
	search_query_free(&ss.q);
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
