/* registry: every pane class and global key map duwen has, registered in
 * one call, so that the key table (help, bind, man page) is complete even
 * before a pane is opened. Other engineers' panes join through their
 * headers (see pane.h, "Adding a pane"). */
#ifndef DUWEN_REGISTRY_H
#define DUWEN_REGISTRY_H

struct app;

/* Register the global keys, the built-in panes and every optional pane
 * module present in the build. 0 or ERR_NOMEM. */
int registry_all(struct app *app);

#endif
