/* ui_compare_cli: `duwen --compare`, `duwen --search`, --cities, --highlight. */
#include "compare_cli.h"

#include <stdlib.h>
#include <string.h>

#include "../src/compare.h"
#include "../src/compare_text.h"
#include "../src/config.h"
#include "../src/err.h"
#include "../src/layout.h"
#include "../src/match.h"
#include "../src/report.h"
#include "../src/script.h"
#include "../src/search.h"
#include "../src/termsafe.h"

static void
say(const char *what, const char *msg)
{
	termsafe_warn(stderr, what, "%s", msg);
}

int
ui_compare_cli_check_cities(const char *list)
{
	struct compare_spec s;
	if (compare_spec_default(&s) < 0) {
		say(NULL, "out of memory");
		return -1;
	}
	char *cause = NULL;
	int rc = compare_spec_select(&s, list, &cause);
	if (rc < 0)
		say("--cities", rc == ERR_INVAL && cause ? cause : err_strerror(rc));
	free(cause);
	compare_spec_free(&s);
	return rc < 0 ? -1 : 0;
}

static void
warn_line(void *ctx, const char *msg)
{
	(void)ctx;
	say(NULL, msg);
}

int
ui_compare_cli_spec(const char *config_path, const char *cities, struct compare_spec *out)
{
	struct config cfg;
	char path[4096];
	const char *cpath = config_path ? config_path : config_default_path(path, sizeof path);
	struct compare_spec s;
	if (compare_spec_default(&s) < 0) {
		say(NULL, "out of memory");
		return ERR_NOMEM;
	}
	if (cpath) {
		if (config_load(cpath, &cfg, warn_line, NULL) < 0) {
			say(NULL, "out of memory");
			compare_spec_free(&s);
			return ERR_NOMEM;
		}
		int rc = compare_spec_configure(&s, &cfg, warn_line, NULL);
		config_free(&cfg);
		if (rc < 0) {
			say(NULL, "out of memory");
			compare_spec_free(&s);
			return rc;
		}
	}
	if (cities) {
		char *cause = NULL;
		int rc = compare_spec_select(&s, cities, &cause);
		if (rc < 0) {
			say("--cities", rc == ERR_INVAL && cause ? cause : err_strerror(rc));
			free(cause);
			compare_spec_free(&s);
			return rc;
		}
	}
	*out = s;
	return 0;
}

static void
drop_folded(struct match_text *folded, size_t n)
{
	for (size_t i = 0; folded && i < n; i++)
		match_text_free(&folded[i]);
	free(folded);
}

/* OpenCC and the folded corpus (folded: the texts already folded, taken
 * over; NULL: fold here); 0 or an exit status after a message. */
static int
prepare(const struct corpus *c, struct match_text *folded, struct script **sc,
	struct match_corpus *mc)
{
	char *cause = NULL;
	if (script_open(sc, &cause) < 0) {
		say(NULL, cause ? cause : "cannot load OpenCC data");
		free(cause);
		drop_folded(folded, c->n);
		return 1;
	}
	if (folded) {
		*mc = (struct match_corpus){ c->v, folded, c->n };
		return 0;
	}
	if (match_corpus_fold(*sc, c->v, c->n, mc) < 0) {
		say(NULL, "out of memory");
		script_close(*sc);
		return 1;
	}
	return 0;
}

int
ui_compare_cli_compare(FILE *f, const struct corpus *c, struct match_text *folded,
		       const char *config_path, const char *cities)
{
	struct compare_spec spec;
	if (ui_compare_cli_spec(config_path, cities, &spec) < 0) {
		drop_folded(folded, c->n);
		return cities ? 2 : 1;
	}
	struct script *sc;
	struct match_corpus mc;
	int st = prepare(c, folded, &sc, &mc);
	if (st) {
		compare_spec_free(&spec);
		return st;
	}
	struct compare_matcher *m = NULL;
	struct compare_result r;
	int rc = compare_matcher_new(&spec, sc, &m);
	if (rc == ERR_INVAL) {
		say("config", "a city alias or theme word is empty");
		st = 2;
	} else if (rc < 0 || compare_run(&spec, m, &mc, &r) < 0) {
		say(NULL, "out of memory");
		st = 1;
	} else {
		struct layout_opts lo;
		layout_opts_default(&lo);
		rc = compare_text_print(f, &spec, &r, &mc, &lo.w);
		compare_result_free(&r);
		st = rc < 0 ? 1 : 0;
	}
	compare_matcher_free(m);
	match_corpus_free(&mc);
	script_close(sc);
	compare_spec_free(&spec);
	return st;
}

int
ui_compare_cli_search(FILE *f, const struct corpus *c, struct match_text *folded,
		      const char *query)
{
	struct script *sc;
	struct match_corpus mc;
	int st = prepare(c, folded, &sc, &mc);
	if (st)
		return st;
	struct search_result r;
	int rc = search_run(&mc, sc, query, &r);
	if (rc == ERR_INVAL) {
		say("--search", "the query is empty");
		st = 2;
	} else if (rc < 0) {
		say(NULL, "out of memory");
		st = 1;
	} else {
		struct layout_opts lo;
		layout_opts_default(&lo);
		st = compare_text_search(f, query, &r, &mc, &lo.w) < 0 ? 1 : 0;
		search_result_free(&r);
	}
	match_corpus_free(&mc);
	script_close(sc);
	return st;
}

int
ui_compare_cli_list(FILE *f, const struct corpus *c, const char *config_path,
		    const char *cities)
{
	struct compare_spec spec;
	if (ui_compare_cli_spec(config_path, cities, &spec) < 0)
		return cities ? 2 : 1;
	/* without OpenCC the list still shows, its counts not script-folded */
	struct script *sc = NULL;
	char *cause = NULL;
	if (script_open(&sc, &cause) < 0) {
		say(NULL, cause ? cause : "cannot load OpenCC data");
		sc = NULL;
	}
	free(cause);
	struct match_corpus mc = { 0 };
	struct compare_matcher *m = NULL;
	struct report_cities rc_cities = { 0 };
	int st = 0;
	int rc = match_corpus_fold(sc, c->v, c->n, &mc);
	if (rc == 0)
		rc = compare_matcher_new(&spec, sc, &m);
	if (rc == ERR_INVAL) {
		say("config", "a city alias or theme word is empty");
		st = 2;
	} else if (rc < 0 || report_cities_count(&spec, m, &mc, &rc_cities) < 0) {
		say(NULL, "out of memory");
		st = 1;
	} else {
		struct layout_opts lo;
		layout_opts_default(&lo);
		rc = report_list(f, c, &lo, &rc_cities);
		if (rc < 0)
			say(NULL, rc == ERR_IO ? "cannot write the output" : err_strerror(rc));
		st = rc < 0 ? 1 : 0;
	}
	report_cities_free(&rc_cities);
	compare_matcher_free(m);
	match_corpus_free(&mc);
	if (sc)
		script_close(sc);
	compare_spec_free(&spec);
	return st;
}
