/* ui_annot_act: what can be done to a passage or an annotation, with the
 * prompts that ask for it on the bottom line: highlight in a colour with a
 * note, edit the note, change the colour, delete (asked y/n), bring the last
 * deletion back. Used by the reading view (annot.c) and the notes pane;
 * every write is one store transaction, and a read-only store says why. */
#ifndef DUWEN_UI_ANNOT_ACT_H
#define DUWEN_UI_ANNOT_ACT_H

#include <stddef.h>
#include <stdint.h>

struct app;

/* Highlight [s, e) of corpus article art: asks the colour, saves, cancels
 * the selection done (may be NULL), then asks for a note (Esc keeps the
 * highlight without one). 0 if saved. */
struct textsel;
int ui_annot_act_create(struct app *app, size_t art, size_t s, size_t e,
			struct textsel *done);
/* Edit the note / change the colour / delete (asks y/n) annotation id.
 * 0 if saved. */
int ui_annot_act_edit(struct app *app, int64_t id);
int ui_annot_act_recolour(struct app *app, int64_t id);
int ui_annot_act_delete(struct app *app, int64_t id);
/* Bring back the last deleted annotation. */
int ui_annot_act_undo(struct app *app);

/* The colour chosen by key on the colour prompt: the letter shown for a
 * colour (ui_annot_act_colour_letter), its number from 1, or Enter for def.
 * Returns the colour index, -1 for Esc / Ctrl-C / Ctrl-G / q, -2 for any
 * other key. */
int ui_annot_act_colour_key(int key, int def);
/* The letter that picks colour i: its first letter not taken by an earlier
 * colour (yellow y, green g, blue b, pink p, purple u). */
int ui_annot_act_colour_letter(size_t i);

#endif
