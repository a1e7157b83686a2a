/* Annotating in the reading view; see annot.h. */
#include "annot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/reader.h"
#include "../../src/textsel.h"
#include "../app.h"
#include "../screen/style.h"
#include "annot_act.h"
#include "noteset.h"

enum {
	A_PREV = 1, A_NEXT, A_SELECT, A_ANNOTATE, A_EDIT, A_COLOUR, A_DELETE, A_UNDO,
	A_END_LEFT, A_END_RIGHT, A_START_LEFT, A_START_RIGHT, A_CANCEL,
};

/* Reading-view actions, in a global map so that they need no entry in the
 * reader's own table: they act only when the reading view has the focus.
 * The selection's keys (the last five) act only while selecting and then
 * come first (ui_annot_reader_key), so h and Left still go back otherwise. */
const struct pane_key ui_annot_keys[UI_ANNOT_NKEYS] = {
	{ A_NEXT, "next-sentence", { ')', PANE_CTRL('n') }, "Passage cursor to the next sentence (selecting: select up to it)", 0 },
	{ A_PREV, "prev-sentence", { '(', PANE_CTRL('p') }, "Passage cursor to the previous sentence (selecting: select back to it)", 0 },
	{ A_SELECT, "select", { 'v' }, "Select from the passage cursor; ( ) by sentence, h l H L by character; v again cancels", 0 },
	{ A_ANNOTATE, "annotate", { 'a' }, "Highlight the selection (or the cursor's sentence) in a colour, with a note", 0 },
	{ A_EDIT, "edit-note", { 'e' }, "Edit the note of the highlight under the passage cursor", 0 },
	{ A_COLOUR, "recolour", { 'c' }, "Change the colour of the highlight under the passage cursor", 0 },
	{ A_DELETE, "delete-note", { 'D' }, "Delete the highlight and note under the passage cursor (asks)", 0 },
	{ A_UNDO, "undo-delete", { 'U' }, "Bring back the last deleted highlight and note", 0 },
	{ A_END_LEFT, "select-end-left", { 'h', KEY_LEFT }, "Selecting: end one character left", 0 },
	{ A_END_RIGHT, "select-end-right", { 'l', KEY_RIGHT }, "Selecting: end one character right", 0 },
	{ A_START_LEFT, "select-start-left", { 'H' }, "Selecting: start one character left", 0 },
	{ A_START_RIGHT, "select-start-right", { 'L' }, "Selecting: start one character right", 0 },
	{ A_CANCEL, "select-cancel", { PANE_KEY_ESC }, "Cancel the selection; else hide the passage cursor", 0 },
};

static struct textsel *
sel_for(struct ui_annot *an, struct reader *r, size_t art)
{
	if (an->orig != r->orig || an->art != art) {
		an->orig = r->orig;
		an->art = art;
		textsel_init(&an->ts, r->orig);
		an->announced = 0;
	}
	an->ts.show_boiler = r->vo.show_boilerplate;
	return &an->ts;
}

/* ---- the reading view ---- */

/* Rows on screen as a [*s, *e) range of displayed bytes. 0 if none. */
static int
visible(struct reader *r, size_t *s, size_t *e)
{
	enum { MAXROWS = 256 };
	struct view_row *rows = malloc(MAXROWS * sizeof *rows);
	int n = rows ? view_rows(r->view, r->top, r->rows < MAXROWS ? r->rows : MAXROWS, rows) : 0;
	int found = 0;
	for (int i = 0; i < n; i++) {
		if (rows[i].kind != VIEW_ROW_TEXT)
			continue;
		if (!found || rows[i].line.start < *s)
			*s = rows[i].line.start;
		if (!found || rows[i].line.end > *e)
			*e = rows[i].line.end;
		found = 1;
	}
	free(rows);
	return found;
}

/* Scroll so that orig [s, e) is on screen: its start at the top if not. */
static void
show_range(struct reader *r, size_t s, size_t e)
{
	size_t ds = reader_from_orig(r, s), de = reader_from_orig(r, e);
	size_t vs, ve;
	if (visible(r, &vs, &ve) && ds >= vs && de <= ve)
		return;
	if (visible(r, &vs, &ve) && ds >= vs && ds < ve && de - ds > ve - vs)
		return; /* longer than the screen and already starting on it */
	r->top = view_pos_of_offset(r->view, ds);
	reader_scroll(r, 0);
}

/* The note under the passage cursor (or selection), or NULL. */
static const struct note_entry *
note_here(struct app *app, struct textsel *ts, const struct article *a, size_t art)
{
	size_t s, e;
	if (textsel_range(ts, a, &s, &e) < 0)
		return NULL;
	return note_index_at(noteset_index(app), art, s, e);
}

/* After a cursor move: say the note of the passage now under it, once. */
static void
announce(struct app *app, struct ui_annot *an, struct textsel *ts, const struct article *a, size_t art)
{
	const struct note_entry *n = note_here(app, ts, a, art);
	if (n == NULL || n->a.id == an->announced) {
		if (n == NULL)
			an->announced = 0;
		return;
	}
	an->announced = n->a.id;
	if (n->a.note[0])
		pane_message(app, "✎ %s  (e: edit)", n->a.note);
	else
		pane_message(app, "%s highlight  (e: add a note)", n->a.colour);
}

/* An article read on its own (pane_open_req.path) takes no notes here. */
#define NOT_OPEN "Not among the articles open (read from its file): open it with duwen to change notes"

int
ui_annot_key(struct app *app, struct ui_annot *an, struct reader *r, size_t art, int action)
{
	struct textsel *ts = sel_for(an, r, art);
	const struct article *a = r->orig;
	if (ts->cur >= a->nsents) {
		/* No cursor yet (nothing drawn): the top visible sentence. */
		size_t vs, ve;
		if (visible(r, &vs, &ve))
			textsel_keep_visible(ts, a, reader_to_orig(r, vs), reader_to_orig(r, ve));
	}
	/* Passage keys show the cursor (passage mode); Esc, j and the other
	 * plain moves hide it again, so that reading costs no underlining. */
	if (action < A_END_LEFT && action != A_UNDO && textsel_show(ts) && pane_focused(app))
		pane_dirty(pane_focused(app)); /* shown before a prompt asks about it */
	size_t s, e;
	switch (action) {
	case A_NEXT:
	case A_PREV:
		if (!textsel_move(ts, a, action == A_NEXT ? 1 : -1)) {
			pane_message(app, action == A_NEXT ? "Last sentence" : "First sentence");
			return PANE_HANDLED;
		}
		show_range(r, a->sents[ts->cur].start, a->sents[ts->cur].end);
		announce(app, an, ts, a, art);
		return PANE_REDRAW;
	case A_SELECT:
		if (ts->selecting) {
			textsel_cancel(ts);
			pane_message(app, "Selection cancelled");
		} else if (textsel_select(ts, a) < 0) {
			pane_message(app, "No sentence here to select");
		} else {
			pane_message(app, "Selecting: ( ) sentences, h l end, H L start, a annotate, Esc cancel");
		}
		return PANE_REDRAW;
	case A_CANCEL:
		if (!ts->selecting)
			return textsel_hide(ts) ? PANE_REDRAW : PANE_UNHANDLED;
		textsel_cancel(ts);
		pane_message(app, "Selection cancelled");
		return PANE_REDRAW;
	case A_END_LEFT:
	case A_END_RIGHT:
	case A_START_LEFT:
	case A_START_RIGHT: {
		if (!ts->selecting)
			return PANE_UNHANDLED;
		int edge = action == A_END_LEFT || action == A_END_RIGHT;
		int dir = action == A_END_RIGHT || action == A_START_RIGHT ? 1 : -1;
		if (textsel_char(ts, a, edge, dir)) {
			size_t x = edge ? ts->e : ts->s;
			show_range(r, x > 0 && edge ? textsel_prev_cluster(a->text, a->len, x) : x, x);
		}
		return PANE_REDRAW;
	}
	case A_ANNOTATE:
		if (art >= app->corpus->n) {
			pane_message(app, NOT_OPEN);
			return PANE_HANDLED;
		}
		if (textsel_range(ts, a, &s, &e) < 0) {
			pane_message(app, "Nothing to annotate here");
			return PANE_HANDLED;
		}
		if (!ts->selecting) {
			/* the sentence is highlighted already: its note, not a copy */
			const struct note_entry *n = note_index_at(noteset_index(app), art, s, e);
			if (n && n->a.start == s && n->a.end == e) {
				ui_annot_act_edit(app, n->a.id);
				return PANE_REDRAW_ALL;
			}
		}
		ui_annot_act_create(app, art, s, e, ts);
		an->announced = 0;
		return PANE_REDRAW_ALL;
	case A_EDIT:
	case A_COLOUR:
	case A_DELETE: {
		const struct note_entry *n = note_here(app, ts, a, art);
		if (n == NULL && art >= app->corpus->n) {
			pane_message(app, NOT_OPEN);
			return PANE_HANDLED;
		}
		if (n == NULL) {
			pane_message(app, "No highlight under the passage cursor: a makes one");
			return PANE_HANDLED;
		}
		int64_t id = n->a.id; /* the index is reloaded by the action */
		if (action == A_EDIT)
			ui_annot_act_edit(app, id);
		else if (action == A_COLOUR)
			ui_annot_act_recolour(app, id);
		else
			ui_annot_act_delete(app, id);
		an->announced = id;
		return PANE_REDRAW_ALL;
	}
	case A_UNDO:
		ui_annot_act_undo(app);
		return PANE_REDRAW_ALL;
	default:
		return PANE_UNHANDLED;
	}
}

int
ui_annot_reader_key(struct pane *p, struct ui_annot *an, struct reader *r, size_t art,
		    const struct pane_event *ev, const struct pane_keymap *km)
{
	struct textsel *ts = sel_for(an, r, art);
	if (!ts->selecting || ev->key == 0)
		return PANE_UNHANDLED;
	const struct pane_key *k = pane_keymap_lookup(p->app, km, ev->key);
	if (k == NULL || k->action < A_END_LEFT)
		return PANE_UNHANDLED;
	return ui_annot_key(p->app, an, r, art, k->action);
}

void
ui_annot_frame(struct app *app, struct ui_annot *an, struct reader *r, size_t art, const struct view_row *rows,
	       int n)
{
	(void)app;
	struct textsel *ts = sel_for(an, r, art);
	const struct article *a = r->orig;
	size_t vs = 0, ve = 0;
	int any = 0;
	for (int i = 0; i < n; i++)
		if (rows[i].kind == VIEW_ROW_TEXT) {
			if (!any || rows[i].line.start < vs)
				vs = rows[i].line.start;
			if (!any || rows[i].line.end > ve)
				ve = rows[i].line.end;
			any = 1;
		}
	if (any)
		textsel_keep_visible(ts, a, reader_to_orig(r, vs), reader_to_orig(r, ve));
	/* The cursor or the selection joins the reader's spans, which it
	 * draws; last frame's is taken out first (known by its tag). */
	struct span_list *l = &r->spans;
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind != SPAN_SELECT || l->v[i].tag < UI_ANNOT_TAG_CURSOR)
			l->v[k++] = l->v[i];
	l->n = k;
	size_t s, e;
	if (!textsel_drawn(ts, a) || textsel_range(ts, a, &s, &e) < 0)
		return;
	size_t ds = reader_from_orig(r, s), de = reader_from_orig(r, e);
	int tag = ts->selecting ? UI_ANNOT_TAG_SELECTION : UI_ANNOT_TAG_CURSOR;
	/* A sentence the opener marked already (a passage from the comparison)
	 * is not underlined on top of that. */
	for (size_t i = 0; i < l->n && !ts->selecting; i++)
		if (l->v[i].kind == SPAN_SELECT && l->v[i].start < de && l->v[i].end > ds)
			return;
	if (de > ds && span_list_push(l, ds, de, SPAN_SELECT, tag) == 0)
		span_list_sort(l);
}

/* Characters in a[s, e), line breaks left out. */
static size_t
chars_in(const struct article *a, size_t s, size_t e)
{
	size_t n = 0;
	for (size_t i = s; i < e && i < a->len; i++)
		if (((unsigned char)a->text[i] & 0xC0) != 0x80 && a->text[i] != '\n')
			n++;
	return n;
}

int
ui_annot_status(struct app *app, struct ui_annot *an, struct reader *r, size_t art, char *buf, size_t cap)
{
	struct textsel *ts = sel_for(an, r, art);
	const struct article *a = r->orig;
	if (ts->selecting) {
		/* the count is a key fact: the tabs give way to it (pane.h) */
		snprintf(buf, cap, "SELECT %zu字\t  a: annotate  Esc: cancel", chars_in(a, ts->s, ts->e));
		return 1;
	}
	/* out of passage mode the status names the article, not a note */
	const struct note_entry *n = textsel_drawn(ts, a) ? note_here(app, ts, a, art) : NULL;
	if (n == NULL)
		return 0;
	if (n->a.note[0])
		snprintf(buf, cap, "✎ %s", n->a.note);
	else
		snprintf(buf, cap, "[%s highlight]", n->a.colour);
	return 1;
}

void
ui_annot_set_cursor(struct app *app, struct ui_annot *an, struct reader *r, size_t art,
		    size_t off)
{
	struct textsel *ts = sel_for(an, r, art);
	textsel_set(ts, r->orig, off);
	textsel_show(ts); /* the passage the user came to read */
	an->announced = 0;
	announce(app, an, ts, r->orig, art);
}

void
ui_annot_plain_move(struct app *app, struct ui_annot *an, struct reader *r, size_t art)
{
	(void)app;
	textsel_hide(sel_for(an, r, art));
}
