/* noteset: the one note index (src/note_index.h) the panes share, kept
 * fresh: reloaded after our own writes and whenever another duwen process
 * has written to the store. Its state lives in struct app (app->notes),
 * made on first use; noteset_free frees it. Also the notes highlight
 * source and the list's note counter, which ui_notes_register installs. */
#ifndef DUWEN_NOTESET_H
#define DUWEN_NOTESET_H

#include <stddef.h>

#include "../../src/note_index.h"
#include "../../src/span.h"

struct app;

/* The index, loaded on first use. Never NULL (empty if the store cannot
 * be read; the reason is shown once). */
struct note_index *noteset_index(struct app *app);
/* Bumped on every reload: panes showing the index rebuild their rows. */
unsigned noteset_gen(struct app *app);
/* If another process committed to the store since the last look, reload
 * and have every pane redraw its highlights. Cheap (PRAGMA data_version). */
void noteset_refresh(struct app *app);
/* We wrote to the store: reload and redraw highlights, counts, the pane. */
void noteset_changed(struct app *app);
/* pane_span_fn and pane_count_fn over the index (pane.h). */
int noteset_spans(void *ctx, struct app *app, size_t art, struct span_list *out);
int noteset_count(void *ctx, struct app *app, size_t art);
/* Free app->notes (it can be loaded again). */
void noteset_free(struct app *app);

#endif
