/* ui_notes: the notes pane: every annotation of the corpus (article,
 * quote, note, date, colour); filter, sort, jump to the passage. It reads
 * the shared index of noteset.h. ui_notes_register registers the pane, its
 * global key, the notes highlight source and the list's note counter. */
#ifndef DUWEN_UI_NOTES_H
#define DUWEN_UI_NOTES_H

#include "../screen/pane.h"

struct app;

extern const struct pane_ops ui_notes_ops;

/* Called by ui/registry.c. 0 or ERR_NOMEM. */
int ui_notes_register(struct app *app);

/* Open (or focus) the notes pane. 0 or ERR_NOMEM. */
int ui_notes_open(struct app *app);

#endif
