#include "scan_cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../src/cache.h"
#include "../src/catalog.h"
#include "../src/compare.h"
#include "../src/config.h"
#include "../src/err.h"
#include "../src/layout.h"
#include "../src/match.h"
#include "../src/report.h"
#include "../src/script.h"
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

/* The query as the matcher will look for it (match_set_add): folded, blanks
 * trimmed. NULL if nothing is left, or on allocation failure (*nomem). */
static char *
fold_query(const char *query, int *nomem)
{
	struct script *sc = NULL;
	if (script_open(&sc, NULL) < 0)
		sc = NULL;
	char *f = match_fold_word(sc, query);
	script_close(sc);
	*nomem = f == NULL;
	if (f == NULL)
		return NULL;
	size_t a = 0, z = strlen(f);
	while (a < z && (f[a] == ' ' || f[a] == '\n'))
		a++;
	while (z > a && (f[z - 1] == ' ' || f[z - 1] == '\n'))
		z--;
	memmove(f, f + a, z - a);
	f[z - a] = '\0';
	if (z == a) {
		free(f);
		return NULL;
	}
	return f;
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
	int nomem = 0;
	char *fq = fold_query(query, &nomem);
	unsigned char *maybe = malloc(cat.arts.n);
	if (nomem || maybe == NULL) {
		say("out of memory");
		st = 1;
		goto out;
	}
	memset(maybe, 1, cat.arts.n);
	/* Ask the index about the files it holds; the others are read. */
	if (cache && fq) {
		size_t n = 0;
		int64_t *ids = malloc(cat.arts.n * sizeof *ids);
		size_t *at = malloc(cat.arts.n * sizeof *at);
		unsigned char *hit = malloc(cat.arts.n);
		for (size_t i = 0; ids && at && hit && i < cat.arts.n; i++)
			if (cat.ids[i] >= 0) {
				ids[n] = cat.ids[i];
				at[n++] = i;
			}
		if (ids && at && hit && cache_search(cache, fq, ids, n, hit) == 0)
			for (size_t k = 0; k < n; k++)
				maybe[at[k]] = hit[k];
		free(ids);
		free(at);
		free(hit);
	}
	struct corpus c = { calloc(cat.arts.n, sizeof *c.v), 0 };
	struct match_text *folded = calloc(cat.arts.n ? cat.arts.n : 1, sizeof *folded);
	struct script *sc = NULL;
	int sc_tried = 0;
	if (c.v == NULL || folded == NULL) {
		free(folded);
		say("out of memory");
		st = 1;
		goto out;
	}
	struct progress p;
	progress_start(&p, "searching");
	for (size_t i = 0; i < cat.arts.n && st == 0; i++) {
		progress_update(&p, i + 1, cat.arts.n);
		if (!maybe[i])
			continue;
		char *cause = NULL;
		int rc = catalog_load(&cat, cache, i, o->source, &c.v[c.n], &folded[c.n], &cause);
		if (rc == 0 && folded[c.n].text == NULL) { /* read from its file: fold it */
			if (!sc_tried && script_open(&sc, NULL) < 0)
				sc = NULL;
			sc_tried = 1;
			if (match_fold(sc, c.v[c.n].text, c.v[c.n].len, &folded[c.n]) < 0) {
				article_free(&c.v[c.n]);
				rc = ERR_NOMEM;
			}
		}
		if (rc == 0)
			c.n++;
		else if (rc == ERR_NOMEM)
			st = 1;
		else if (o->warn)
			o->warn(o->warn_ctx, cat.arts.v[i].path, cause ? cause : err_strerror(rc));
		free(cause);
	}
	progress_end(&p);
	script_close(sc);
	if (st) {
		say("out of memory");
		for (size_t i = 0; i < c.n; i++)
			match_text_free(&folded[i]);
		free(folded);
	} else {
		st = ui_compare_cli_search(f, &c, folded, query); /* takes folded */
	}
	corpus_free(&c);
out:
	free(maybe);
	free(fq);
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
