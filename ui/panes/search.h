/* ui_search: the corpus-wide search pane. Type a query; every hit across
 * the articles is listed with its sentence as context, grouped by article
 * with a count per article. Enter opens the reading view at the hit with
 * all of that article's hits highlighted, and n/N there move between them
 * (the reader's own search is set to the query). */
#ifndef DUWEN_UI_SEARCH_H
#define DUWEN_UI_SEARCH_H

struct app;

/* Register the pane and the global keys S / F5. */
int ui_search_register(struct app *app);

/* Open (or focus) the search pane; query NULL: ask for one. A long search
 * shows its progress on the bottom row; Esc or Ctrl-C stops it, keeping the
 * results shown before (a pane opened for it is closed again). 0 or a
 * negative err_code. */
int ui_search_open(struct app *app, const char *query);

#endif
