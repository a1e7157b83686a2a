/* ui_notes: the notes pane (every annotation of the corpus: article, quote,
 * note, date, colour; filter, sort, jump to the passage) and the one note
 * index the UI shares (note_index.h), kept fresh: reloaded after our own
 * writes and whenever another duwen process has written to the store.
 * Registers the pane, its global key, the reading view's annotate keys
 * (annot.h), the notes highlight source and the list's note counter.
 * One index per process (ui_run runs once); ui_notes_reset frees it. */
#ifndef DUWEN_UI_NOTES_H
#define DUWEN_UI_NOTES_H

#include "../../src/note_index.h"
#include "../screen/pane.h"

struct app;

extern const struct pane_ops ui_notes_ops;

/* Called by ui/registry.c. */
void ui_notes_register(struct app *app);

/* The index, loaded on first use. Never NULL (empty if the store cannot
 * be read; the reason is shown once). */
struct note_index *ui_notes_index(struct app *app);

/* If another process committed to the store since the last look, reload
 * and have every pane redraw its highlights. Cheap (PRAGMA data_version). */
void ui_notes_refresh(struct app *app);

/* We wrote to the store: reload and redraw highlights, counts, the pane. */
void ui_notes_changed(struct app *app);

/* Open (or focus) the notes pane. 0 or ERR_NOMEM. */
int ui_notes_open(struct app *app);

/* Free the index (tests; the process exit does not need it). */
void ui_notes_reset(void);

#endif
