/* ui: duwen's interactive mode: sets up the terminal, the store, the
 * script converters and the config, registers every pane, opens the list
 * (or the reader for a single article) and runs the event loop until quit.
 * The articles load while the panes run (load.h). Borrows the options. */
#ifndef DUWEN_UI_H
#define DUWEN_UI_H

#include <stdio.h>

#include "../src/corpus.h"
#include "../src/source.h"

struct ui_opts {
	const char *config_path; /* NULL: config_default_path */
	const char *const *paths; /* the articles: files and directories */
	size_t npaths;
	const struct source_opts *source;
	int no_cache;            /* --no-cache: read every file, keep nothing */
	struct corpus *loaded;   /* or these, already loaded (standard input;
				  * taken over) */
	const char *const *warnings; /* met before: for :messages */
	size_t nwarnings;
	const char *cities, *highlight; /* --cities, --highlight (NULL: none) */
};

/* Run the panes. A single article opens in the reading view. 0 on a
 * normal quit; 1 after printing why to stderr (no UTF-8 locale, not a
 * terminal, out of memory); 2 when no article could be loaded. */
int ui_run(const struct ui_opts *o);

/* Write the man page's KEYS section (mdoc) generated from the key tables
 * to f. 0 or -1 on a write error. */
int ui_keys_man(FILE *f);

/* Write the key table as plain text (what the help screen shows). */
int ui_keys_text(FILE *f);

#endif
