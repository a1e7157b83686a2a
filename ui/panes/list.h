/* ui_list: the article list pane (sidebar): title, source, length, city
 * mentions, read/unread, notes; sorting and a filter; Enter opens. */
#ifndef DUWEN_UI_LIST_H
#define DUWEN_UI_LIST_H

#include "../screen/pane.h"

struct app;

extern const struct pane_ops ui_list_ops;

/* Open the list pane (focus: make it the focused pane). 0 or ERR_NOMEM. */
int ui_list_open(struct app *app, int focus);

#endif
