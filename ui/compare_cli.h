/* ui_compare_cli: the command line's side of the comparison issue: the
 * plain-text modes `duwen --compare` and `duwen --search QUERY` (the
 * panes get --cities and --highlight through struct ui_opts and struct
 * app). Borrows the corpus and the strings it is given (argv). */
#ifndef DUWEN_UI_COMPARE_CLI_H
#define DUWEN_UI_COMPARE_CLI_H

#include <stdio.h>

#include "../src/compare_spec.h"
#include "../src/corpus.h"
#include "../src/match.h"

/* Check a --cities value; 0, or -1 after printing why to stderr. */
int ui_compare_cli_check_cities(const char *list);

/* The spec the panes and the plain-text modes use: defaults, then the
 * config file (config_path, NULL: the default path; bad lines reported on
 * stderr), then --cities. 0 or an err_code (message printed). */
int ui_compare_cli_spec(const char *config_path, const char *cities,
			struct compare_spec *out);

/* `duwen --compare` / `duwen --search QUERY` to f. Return an exit status:
 * 0, 1 (writing failed, out of memory, OpenCC data missing) or 2 (empty
 * query); the reason is printed to stderr. */
/* folded: c's texts already folded (taken over and freed), or NULL. */
int ui_compare_cli_compare(FILE *f, const struct corpus *c, struct match_text *folded,
			   const char *config_path,
			   const char *cities);
int ui_compare_cli_search(FILE *f, const struct corpus *c, struct match_text *folded,
			  const char *query);

/* `duwen --list` to f, its city columns the compared cities of the spec
 * above, counted as --compare counts mentions (report_cities_count). The
 * same exit statuses. */
int ui_compare_cli_list(FILE *f, const struct corpus *c, const char *config_path,
			const char *cities);

#endif
