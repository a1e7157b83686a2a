/* ui_help: the help screen, generated from the key table as it stands
 * after the config's `bind` lines; also the same table as plain text and
 * as the man page's KEYS section (mdoc). */
#ifndef DUWEN_UI_HELP_H
#define DUWEN_UI_HELP_H

#include <stdio.h>

struct app;

/* Make the help pane's keys known. 0 or ERR_NOMEM. */
int ui_help_register(struct app *app);
/* Open (or focus) the help screen. 0 or ERR_NOMEM. */
int ui_help_open(struct app *app);

/* The heading of key context name ("annotate": "Reading view: passages
 * and notes"), or NULL if it has none. */
const char *ui_help_ctx_title(const char *name);

/* Write every context's actions and keys of app's table: as text, or as
 * mdoc for the man page. 0, or -1 on a write error. */
int ui_help_text(struct app *app, FILE *f);
int ui_help_man(struct app *app, FILE *f);

#endif
