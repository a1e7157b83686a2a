/* ui_annot: annotating in the reading view: the passage cursor (one
 * sentence, underlined in passage mode only, from the first passage key to
 * a plain scroll or Esc; `(` `)` move it), the visual selection (`v`; by
 * sentence or by character, both ways, across paragraphs), and the actions
 * on a passage: highlight in a colour with an optional note, edit the
 * note, change the colour, delete (asked) and undo the last deletion. The
 * cursor and selection arithmetic is textsel.h, the actions and their
 * prompts annot_act.h, the notes ui_notes' index. The reading view (reader.c)
 * calls the three hooks below; the keys are the "annotate" context. */
#ifndef DUWEN_UI_ANNOT_H
#define DUWEN_UI_ANNOT_H

#include <stddef.h>
#include <stdint.h>

#include "../../src/view.h"
#include "../screen/pane.h"

struct app;
struct reader;

/* Tags of the SPAN_SELECT spans of the passage cursor and the selection
 * (other SPAN_SELECT spans, e.g. a passage opened from the comparison, keep
 * their own tags and the select style). */
#define UI_ANNOT_TAG_CURSOR 1000
#define UI_ANNOT_TAG_SELECTION 1001

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

/* The reading view moved by a plain key (scroll, jump, search): leave
 * passage mode, the cursor is no longer drawn (a selection stays). */
void ui_annot_plain_move(struct app *app, struct reader *r, size_t art);
/* Put the passage cursor on the sentence at orig offset off of article art
 * (after a jump from the notes pane). */
void ui_annot_set_cursor(struct app *app, size_t art, size_t off);
/* Cancel the selection in article art (it has been annotated). */
void ui_annot_cancel(struct app *app, size_t art);

#endif
