/* load: the panes' articles, loaded between keystrokes. Before the first
 * paint, load_open opens the catalog (src/catalog.h): a slot per file,
 * allocated at once so that no article pointer ever moves, with the
 * list's facts from the cache where it is current; the rest are pending
 * rows that show their file name. Then the event loop calls load_work
 * (app->work) whenever no key is waiting: it fills slots in order for a
 * slice of LOAD_SLICE_MS, commits what it wrote to the cache every
 * second, and bumps app->load.gen so that the list refreshes the rows that
 * changed. Enter on a row not loaded (load_article) and the comparison
 * (load_all, which needs every article) fill what they need at once. The
 * files the cache does not have are read (decoded, cleaned, parsed,
 * folded) ahead on worker threads, one per core (catalog_read_ahead); what they made is counted, cached and shown from
 * the event loop, so the articles, the cache and the screen are still
 * only touched there and nothing of them is locked. A slice reads a file
 * itself when no worker has begun it, and when a worker is still reading
 * it waits for a key or for the worker (LOAD_WAIT_MS at most). Files that cannot be read go to
 * :messages (and to stderr before the screen is up). */
#ifndef DUWEN_UI_LOAD_H
#define DUWEN_UI_LOAD_H

#include <stddef.h>

#include "../src/compare_spec.h"
#include "../src/corpus.h"
#include "../src/source.h"

struct app;

/* Time the loader may take between two looks at the keyboard. */
#define LOAD_SLICE_MS 15

struct load_opts {
	const char *const *paths;
	size_t npaths;
	const struct source_opts *source;
	int no_cache;
	struct corpus *loaded; /* already loaded (standard input): taken over */
};

/* Open the catalog for o into app->load and app->corpus, with the city
 * counts of spec (may be NULL); app->script is borrowed for reading files.
 * 0 or ERR_NOMEM. */
int load_open(struct app *app, const struct load_opts *o, const struct compare_spec *spec);

/* One slice of loading (app->work): 1 while slots are left, else 0. */
int load_work(struct app *app);

/* Article art in full now (Enter on a row not loaded). 0, ERR_NOTFOUND
 * (the file could not be read: said in :messages) or ERR_NOMEM. */
int load_article(struct app *app, size_t art);

/* Every article in full now, the progress on the bottom line (what says
 * what it is for: pane_progress); Esc or Ctrl-C stops it
 * (pane_cancel_pending). 0 or ERR_CANCELLED. */
int load_all(struct app *app, const char *what);

/* "1234/10000 [####------]" while loading, "" when done. The length. */
size_t load_progress(const struct app *app, char *buf, size_t cap);

/* Slots filled (or failed) and all slots. */
size_t load_done(const struct app *app);

/* Commit, close the cache, free the articles. */
void load_close(struct app *app);

#endif
