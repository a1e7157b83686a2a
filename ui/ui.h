/* ui: duwen's interactive mode: sets up the terminal, the store, the
 * script converters and the config, registers every pane, opens the list
 * (or the reader for a single article) and runs the event loop until quit.
 * Borrows the corpus. */
#ifndef DUWEN_UI_H
#define DUWEN_UI_H

#include <stdio.h>

#include "../src/corpus.h"
#include "../src/match.h"

struct ui_opts {
	const char *config_path; /* NULL: config_default_path */
	int open_reader;         /* 1: start in the reading view of article 0 */
	const char *const *warnings; /* met before (files not read): for :messages */
	size_t nwarnings;
	const char *cities, *highlight; /* --cities, --highlight (NULL: none) */
	struct match_text *folded; /* the corpus's texts already folded (c->n
				    * entries; ui_run takes them over), or NULL */
	size_t *mentions;          /* the compared cities' mentions counted ahead
				    * ([art * ncities + city]; taken over), or NULL */
	char *mentions_key;        /* which cities (catalog_spec_key; taken over) */
};

/* Run the panes on c. 0 on a normal quit; 1 after printing why to stderr
 * (no UTF-8 locale, not a terminal). */
int ui_run(struct corpus *c, const struct ui_opts *o);

/* Write the man page's KEYS section (mdoc) generated from the key tables
 * to f. 0 or -1 on a write error. */
int ui_keys_man(FILE *f);

/* Write the key table as plain text (what the help screen shows). */
int ui_keys_text(FILE *f);

#endif
