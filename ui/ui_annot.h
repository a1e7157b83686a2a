/* ui_annot: annotating in the reading view: the passage cursor (one
 * sentence, marked; `(` `)` move it), the visual selection (`v`; by
 * sentence or by character, both ways, across paragraphs), and the actions
 * on a passage: highlight in a colour with an optional note, edit the
 * note, change the colour, delete (asked) and undo the last deletion. The
 * cursor and selection arithmetic is textsel.h; the records are the
 * store's, seen through ui_notes' index. The reading view (ui_reader.c)
 * calls the three hooks below; the keys are the "annotate" context. */
#ifndef DUWEN_UI_ANNOT_H
#define DUWEN_UI_ANNOT_H

#include <stddef.h>
#include <stdint.h>

#include "../src/view.h"
#include "pane.h"

struct app;
struct reader;

/* Register the "annotate" keys (called by ui_notes_register). */
int ui_annot_register(struct app *app);

/* ---- hooks of the reading view ---- */

/* First look at a key in the reading view: while selecting, the
 * selection's keys (h l H L arrows, Esc) win over the reader's. Returns
 * PANE_UNHANDLED to let the reader handle it. */
int ui_annot_reader_key(struct pane *p, struct reader *r, size_t art,
			const struct pane_event *ev);

/* Before drawing rows[0, n) (view_rows from the top): keep the passage
 * cursor on screen and put the cursor or selection span into r->spans. */
void ui_annot_frame(struct app *app, struct reader *r, size_t art,
		    const struct view_row *rows, int n);

/* Text for the status line instead of the title: the selection, or the
 * note on the passage under the cursor. 1 if buf was written, else 0. */
int ui_annot_status(struct app *app, struct reader *r, size_t art, char *buf, size_t cap);

/* ---- actions (the notes pane uses them too) ---- */

/* Put the passage cursor on the sentence at orig offset off of article art
 * (after a jump from the notes pane). */
void ui_annot_set_cursor(struct app *app, size_t art, size_t off);

/* Highlight [s, e) of corpus article art: asks the colour, saves, then
 * asks for a note (Esc keeps the highlight without one). 0 if saved. */
int ui_annot_create(struct app *app, size_t art, size_t s, size_t e);
/* Edit the note / change the colour / delete (asks y/n) annotation id.
 * 0 if saved. */
int ui_annot_edit(struct app *app, int64_t id);
int ui_annot_recolour(struct app *app, int64_t id);
int ui_annot_delete(struct app *app, int64_t id);
/* Bring back the last deleted annotation. */
int ui_annot_undo(struct app *app);

/* The colour chosen by key on the colour prompt: the letter shown for a
 * colour (ui_annot_colour_letter), its number from 1, or Enter for def.
 * Returns the colour index, -1 for Esc / Ctrl-C / Ctrl-G / q, -2 for any
 * other key. */
int ui_annot_colour_key(int key, int def);
/* The letter that picks colour i: its first letter not taken by an earlier
 * colour (yellow y, green g, blue b, pink p, purple u). */
int ui_annot_colour_letter(size_t i);

#endif
