/* ui_outline: the table of contents of the article in the reading view:
 * its title and headings (or, for an article without headings, the start
 * of each paragraph); Enter jumps there and closes the outline. */
#ifndef DUWEN_UI_OUTLINE_H
#define DUWEN_UI_OUTLINE_H

struct app;

/* Open the outline of the reading view's article. 0, ERR_NOTFOUND (no
 * article open) or ERR_NOMEM. */
int ui_outline_open(struct app *app);
/* Make the outline's keys known (help, bind). 0 or ERR_NOMEM. */
int ui_outline_register(struct app *app);

#endif
