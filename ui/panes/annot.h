/* ui_annot: annotating in the reading view: the passage cursor (one
 * sentence, underlined in passage mode only, from the first passage key to
 * a plain scroll or Esc; `(` `)` move it), the visual selection (`v`; by
 * sentence or by character, both ways, across paragraphs), and the actions
 * on a passage: highlight in a colour with an optional note, edit the
 * note, change the colour, delete (asked) and undo the last deletion. The
 * cursor and selection arithmetic is textsel.h, the actions and their
 * prompts annot_act.h, the notes the shared index (noteset.h). The
 * reading view (reader.c) owns the state and calls the hooks below; the
 * keys are the "annotate" context. */
#ifndef DUWEN_UI_ANNOT_H
#define DUWEN_UI_ANNOT_H

#include <stddef.h>
#include <stdint.h>

#include "../../src/view.h"
#include "../../src/textsel.h"
#include "../screen/pane.h"

struct app;
struct reader;

/* Tags of the SPAN_SELECT spans of the passage cursor and the selection
 * (other SPAN_SELECT spans, e.g. a passage opened from the comparison, keep
 * their own tags and the select style). */
#define UI_ANNOT_TAG_CURSOR 1000
#define UI_ANNOT_TAG_SELECTION 1001

/* The reading view's annotation state (one per reading view, in its
 * data): the passage cursor and selection of the article shown, the note
 * last announced. Zero it to start; it follows the article by itself. */
struct ui_annot {
	const struct article *orig;
	size_t art;
	struct textsel ts;
	int64_t announced;
};

/* The "annotate" key table: the reading view registers it as a global map
 * that acts only while it has the focus (ui_annot_key). */
#define UI_ANNOT_NKEYS 13
extern const struct pane_key ui_annot_keys[UI_ANNOT_NKEYS];

/* ---- hooks of the reading view ---- */

/* Do annotate action (a pane_key.action of ui_annot_keys) on reader r
 * showing corpus article art. Returns enum pane_result flags. */
int ui_annot_key(struct app *app, struct ui_annot *an, struct reader *r, size_t art,
		 int action);

/* First look at a key in the reading view: while selecting, the
 * selection's keys (h l H L arrows, Esc, as bound in km, the annotate map)
 * win over the reader's. Returns PANE_UNHANDLED to let the reader have it. */
int ui_annot_reader_key(struct pane *p, struct ui_annot *an, struct reader *r, size_t art,
			const struct pane_event *ev, const struct pane_keymap *km);

/* Before drawing rows[0, n) (view_rows from the top): keep the passage
 * cursor on screen and put the cursor or selection span into r->spans. */
void ui_annot_frame(struct app *app, struct ui_annot *an, struct reader *r, size_t art,
		    const struct view_row *rows, int n);

/* Text for the status line instead of the title: the selection, or the
 * note on the passage under the cursor. 1 if buf was written, else 0. */
int ui_annot_status(struct app *app, struct ui_annot *an, struct reader *r, size_t art,
		    char *buf, size_t cap);

/* The reading view moved by a plain key (scroll, jump, search): leave
 * passage mode, the cursor is no longer drawn (a selection stays). */
void ui_annot_plain_move(struct app *app, struct ui_annot *an, struct reader *r, size_t art);
/* Put the passage cursor on the sentence at orig offset off (after a jump
 * from the notes pane) and say its note. */
void ui_annot_set_cursor(struct app *app, struct ui_annot *an, struct reader *r, size_t art,
			 size_t off);

#endif
