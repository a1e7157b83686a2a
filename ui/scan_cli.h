/* scan_cli: `duwen --list` and `duwen --search QUERY` over the catalog
 * (src/catalog.h): what the cache (DIR/cache.db) knows is not read again,
 * and a search reads only the articles the index says may hold the query.
 * A progress bar on stderr (progress.h) while files are read. Borrows the
 * strings it is given. */
#ifndef DUWEN_UI_SCAN_CLI_H
#define DUWEN_UI_SCAN_CLI_H

#include <stdio.h>

#include "../src/corpus.h"
#include "../src/match.h"
#include "../src/source.h"

struct scan_cli {
	const char *const *paths;
	size_t npaths;
	const struct source_opts *source;
	const char *config_path, *cities; /* --config, --cities */
	int no_cache;                     /* --no-cache */
	source_warn_fn warn;
	void *warn_ctx;                   /* handed to warn */
};

/* Exit statuses as ui_compare_cli_list / ui_compare_cli_search give them,
 * and 2 when no article could be loaded. */
int scan_cli_list(FILE *f, const struct scan_cli *o);

/* Every article in full and its folded text (for the panes and --compare),
 * from the cache's copies where current: *out and *folded (c->n entries,
 * match_text_free each, then free) on success; else an exit status after
 * a message (2: no article could be loaded). If mentions: also the
 * compared cities' mentions per article as --list counts them
 * (*mentions: [article * ncities + city], malloc'd; *key: which cities,
 * catalog_spec_key, malloc'd). */
int scan_cli_corpus(const struct scan_cli *o, struct corpus *out, struct match_text **folded,
		    size_t **mentions, char **key);
int scan_cli_search(FILE *f, const struct scan_cli *o, const char *query);

#endif
