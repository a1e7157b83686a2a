/* ui_messages: what went wrong while starting (bad config lines, files
 * that could not be read, the store, the script converters), kept in
 * struct app (app->messages) and listed by the messages pane (:messages,
 * F7), as vim's :messages; the status line counts them. */
#ifndef DUWEN_UI_MESSAGES_H
#define DUWEN_UI_MESSAGES_H

#include <stddef.h>

struct app;

/* Keep a copy of msg. 0 or ERR_NOMEM. */
int ui_messages_add(struct app *app, const char *msg);
/* Free them all. */
void ui_messages_free(struct app *app);
/* Put the messages among v[0, n) about lines of the file at path
 * ("path:N: ...", as config_warn writes them) in the order of their lines,
 * in the places they take (the others stay where they are): a file's
 * lines are checked in more than one pass, its warnings should read in
 * order. */
void ui_messages_by_line(char **v, size_t n, const char *path);

/* Register the pane and its global key. 0 or ERR_NOMEM. */
int ui_messages_register(struct app *app);
/* Open (or focus) the pane. 0 or ERR_NOMEM. */
int ui_messages_open(struct app *app);

#endif
