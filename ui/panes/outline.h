/* ui_outline: the table of contents of the article in the reading view:
 * its title and headings, indented by rank (article.levels: h2 under h1, a
 * book's chapters under its parts), or, for an article without headings,
 * the start of each paragraph; Enter jumps there and closes the outline. */
#ifndef DUWEN_UI_OUTLINE_H
#define DUWEN_UI_OUTLINE_H

#include <stddef.h>

struct app;

/* Open the outline of r, the reading view's model of corpus article art
 * (borrowed until the call returns). Enter opens the article at the
 * heading through pane_open_article. 0 or ERR_NOMEM. */
struct reader;
int ui_outline_open(struct app *app, struct reader *r, size_t art);
/* Make the outline's keys known (help, bind). 0 or ERR_NOMEM. */
int ui_outline_register(struct app *app);

#endif
