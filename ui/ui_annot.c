/* Annotating in the reading view; see ui_annot.h. */
#include "ui_annot.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "../src/anchor.h"
#include "../src/err.h"
#include "../src/notes.h"
#include "../src/store.h"
#include "app.h"
#include "keys.h"
#include "pane_int.h"
#include "reader.h"
#include "style.h"
#include "textsel.h"
#include "ui_edit.h"
#include "ui_notes.h"
#include "ui_reader.h"

enum {
	A_PREV = 1, A_NEXT, A_SELECT, A_ANNOTATE, A_EDIT, A_COLOUR, A_DELETE, A_UNDO,
	A_END_LEFT, A_END_RIGHT, A_START_LEFT, A_START_RIGHT, A_CANCEL,
};

/* Reading-view actions, in a global map so that they need no entry in the
 * reader's own table: they act only when the reading view has the focus.
 * The selection's keys (the last five) act only while selecting and then
 * come first (ui_annot_reader_key), so h and Left still go back otherwise. */
static const struct pane_key annot_keys[] = {
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
	{ A_CANCEL, "select-cancel", { PANE_KEY_ESC }, "Selecting: cancel the selection", 0 },
};

/* The passage cursor of the one reading view and the last deletion. The
 * pane's data is ui_reader.c's, so the state lives here, tied to the
 * article it was made on. */
static struct {
	struct app *app;
	const struct article *orig;
	size_t art;
	struct textsel ts;
	int64_t last_deleted;
	int last_colour;
	int64_t announced; /* the note last shown on the message line */
} st;

static struct textsel *
sel_for(struct app *app, struct reader *r, size_t art)
{
	if (st.app != app || st.orig != r->orig || st.art != art) {
		st.app = app;
		st.orig = r->orig;
		st.art = art;
		textsel_init(&st.ts, r->orig);
		st.announced = 0;
	}
	st.ts.show_boiler = r->vo.show_boilerplate;
	return &st.ts;
}

/* ---- the prompt line: one key ---- */

/* Show label on the prompt line and read one key (resizes handled). */
static int
ask_key(struct app *app, const char *label)
{
	struct pane_mgr *m = app->mgr;
	m->msg[0] = 0;
	for (;;) {
		pane_update(app);
		if (!m->ar.too_small) {
			werase(m->promptw);
			pane_put_trunc(m->promptw, 0, 0, label, strlen(label), COLS - 1,
				       style_get(STYLE_KEY));
			wnoutrefresh(m->promptw);
			doupdate();
		}
		wint_t ch;
		wtimeout(m->promptw, -1);
		int r = wget_wch(m->promptw, &ch);
		if (pane_signalled)
			return 27;
		if (r == ERR)
			continue;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			m->relayout = 1;
			continue;
		}
		werase(m->promptw);
		m->lines_dirty = 1;
		return (int)ch;
	}
}

int
ui_annot_colour_letter(size_t i)
{
	size_t n;
	const struct notes_colour *c = notes_colours(&n);
	if (i >= n)
		return 0;
	for (const char *p = c[i].name; *p; p++) {
		int taken = 0;
		for (size_t k = 0; k < i && !taken; k++)
			taken = ui_annot_colour_letter(k) == *p;
		if (!taken)
			return *p;
	}
	return 0;
}

int
ui_annot_colour_key(int key, int def)
{
	size_t n;
	notes_colours(&n);
	if (key == '\r' || key == '\n' || key == KEY_ENTER)
		return def;
	if (key == 27 || key == PANE_CTRL('c') || key == PANE_CTRL('g') || key == 'q')
		return -1;
	if (key >= '1' && key < '1' + (int)n)
		return key - '1';
	if (key >= 'A' && key <= 'Z')
		key += 'a' - 'A';
	for (size_t i = 0; i < n; i++)
		if (ui_annot_colour_letter(i) == key)
			return (int)i;
	return -2;
}

static int
choose_colour(struct app *app, const char *what, int def)
{
	size_t n;
	const struct notes_colour *c = notes_colours(&n);
	char label[256];
	int len = snprintf(label, sizeof label, "%s:", what);
	/* "[y]ellow p[u]rple": the key inside the name, to fit 80 columns */
	for (size_t i = 0; i < n && len > 0 && (size_t)len < sizeof label; i++) {
		const char *name = c[i].name, *k = strchr(name, ui_annot_colour_letter(i));
		int at = k ? (int)(k - name) : 0;
		len += snprintf(label + len, sizeof label - (size_t)len, " %.*s[%c]%s", at, name,
				name[at], name + at + 1);
	}
	if (len > 0 && (size_t)len < sizeof label)
		snprintf(label + len, sizeof label - (size_t)len, "  Enter: %s  Esc: cancel",
			 c[def].name);
	for (;;) {
		int k = ui_annot_colour_key(ask_key(app, label), def);
		if (k != -2)
			return k;
		if (app->mgr->curses)
			beep();
	}
}

static int
confirm(struct app *app, const char *question)
{
	int k = ask_key(app, question);
	return k == 'y' || k == 'Y';
}

/* ---- writing ---- */

/* 1 if notes can be saved; else say why (the reader goes on). */
static int
writable(struct app *app)
{
	if (!store_readonly(app->store))
		return 1;
	const char *path = store_path(app->store);
	if (path[0] == 0) {
		pane_error(app, "Cannot save notes: no data directory (set HOME, XDG_DATA_HOME or DUWEN_DATA)");
		return 0;
	}
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = 0;
	if (access(dir, W_OK) < 0)
		pane_error(app, "Cannot save notes: %s is not writable (%s); reading goes on",
			   dir, strerror(errno));
	else
		pane_error(app, "Cannot save notes: %s is read-only for duwen (see the message at start-up)",
			   path);
	return 0;
}

static void
write_failed(struct app *app, int rc)
{
	const char *why = store_error(app->store);
	pane_error(app, "Not saved: %s", why[0] ? why : err_strerror(rc));
}

static const char *
colour_name(int i)
{
	size_t n;
	const struct notes_colour *c = notes_colours(&n);
	return c[i >= 0 && (size_t)i < n ? i : 0].name;
}

#define NOTE_LABEL "Note (Enter: save, Esc: no note): "

int
ui_annot_create(struct app *app, size_t art, size_t s, size_t e)
{
	if (!writable(app))
		return ERR_READONLY;
	struct note_index *ix = ui_notes_index(app);
	if (art >= app->corpus->n || !ix->have_lib || art >= ix->ncorpus)
		return ERR_RANGE;
	int colour = choose_colour(app, "Colour", st.last_colour);
	if (colour < 0) {
		pane_message(app, "Not highlighted");
		return ERR_INVAL;
	}
	st.last_colour = colour;
	struct store_annot a;
	int rc = notes_new(&app->corpus->v[art], ix->lib.keys[art], s, e, "", colour_name(colour), &a);
	if (rc < 0) {
		pane_error(app, "Cannot highlight: %s", err_strerror(rc));
		return rc;
	}
	/* The highlight is saved before the note is typed: pulling the plug
	 * mid-note loses only the note. */
	if ((rc = store_annot_add(app->store, &a)) < 0) {
		write_failed(app, rc);
		store_annot_clear(&a);
		return rc;
	}
	ui_notes_changed(app);
	char *note = NULL;
	if (ui_edit_prompt(app, NOTE_LABEL, NULL, &note) && note[0]) {
		free(a.note);
		a.note = note;
		note = NULL;
		if ((rc = store_annot_update(app->store, &a)) < 0)
			write_failed(app, rc);
		else
			pane_message(app, "Highlighted in %s with a note", a.colour);
	} else {
		pane_message(app, "Highlighted in %s (no note: e adds one, D deletes)", a.colour);
	}
	free(note);
	store_annot_clear(&a);
	ui_notes_changed(app);
	return rc;
}

/* A copy of live annotation id (the caller clears it). */
static int
fetch(struct app *app, int64_t id, struct store_annot *a)
{
	int rc = store_annot_get(app->store, id, a);
	if (rc == 0 && a->deleted) {
		store_annot_clear(a);
		rc = ERR_NOTFOUND;
	}
	if (rc < 0)
		pane_error(app, "That note is gone (deleted in another window?)");
	return rc;
}

int
ui_annot_edit(struct app *app, int64_t id)
{
	if (!writable(app))
		return ERR_READONLY;
	struct store_annot a;
	int rc = fetch(app, id, &a);
	if (rc < 0)
		return rc;
	char *note = NULL;
	if (!ui_edit_prompt(app, "Note (Enter: save, Esc: keep): ", a.note, &note)) {
		pane_message(app, "Note unchanged");
		store_annot_clear(&a);
		return ERR_INVAL;
	}
	free(a.note);
	a.note = note;
	if ((rc = store_annot_update(app->store, &a)) < 0)
		write_failed(app, rc);
	else
		pane_message(app, note[0] ? "Note saved" : "Note removed (the highlight stays)");
	store_annot_clear(&a);
	ui_notes_changed(app);
	return rc;
}

int
ui_annot_recolour(struct app *app, int64_t id)
{
	if (!writable(app))
		return ERR_READONLY;
	struct store_annot a;
	int rc = fetch(app, id, &a);
	if (rc < 0)
		return rc;
	int colour = choose_colour(app, "New colour", note_index_colour(a.colour));
	if (colour >= 0) {
		snprintf(a.colour, sizeof a.colour, "%s", colour_name(colour));
		if ((rc = store_annot_update(app->store, &a)) < 0)
			write_failed(app, rc);
		else
			pane_message(app, "Now %s", a.colour);
		st.last_colour = colour;
	}
	store_annot_clear(&a);
	ui_notes_changed(app);
	return colour < 0 ? ERR_INVAL : rc;
}

int
ui_annot_delete(struct app *app, int64_t id)
{
	if (!writable(app))
		return ERR_READONLY;
	struct store_annot a;
	int rc = fetch(app, id, &a);
	if (rc < 0)
		return rc;
	char q[300];
	snprintf(q, sizeof q, "Delete this %s highlight%s? (y/n)", a.colour,
		 a.note[0] ? " and its note" : "");
	store_annot_clear(&a);
	if (!confirm(app, q)) {
		pane_message(app, "Not deleted");
		return ERR_INVAL;
	}
	if ((rc = store_annot_delete(app->store, id)) < 0) {
		write_failed(app, rc);
		return rc;
	}
	st.last_deleted = id;
	pane_message(app, "Deleted (U brings it back)");
	ui_notes_changed(app);
	return 0;
}

int
ui_annot_undo(struct app *app)
{
	if (st.last_deleted <= 0) {
		pane_message(app, "Nothing to bring back");
		return ERR_NOTFOUND;
	}
	if (!writable(app))
		return ERR_READONLY;
	int rc = store_annot_undelete(app->store, st.last_deleted);
	if (rc < 0) {
		write_failed(app, rc);
		return rc;
	}
	st.last_deleted = 0;
	pane_message(app, "Brought back");
	ui_notes_changed(app);
	return 0;
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
	return note_index_at(ui_notes_index(app), art, s, e);
}

/* After a cursor move: say the note of the passage now under it, once. */
static void
announce(struct app *app, struct textsel *ts, const struct article *a, size_t art)
{
	const struct note_entry *n = note_here(app, ts, a, art);
	if (n == NULL || n->a.id == st.announced) {
		if (n == NULL)
			st.announced = 0;
		return;
	}
	st.announced = n->a.id;
	if (n->a.note[0])
		pane_message(app, "✎ %s  (e: edit)", n->a.note);
	else
		pane_message(app, "%s highlight  (e: add a note)", n->a.colour);
}

static int
act(struct app *app, struct reader *r, size_t art, int action)
{
	struct textsel *ts = sel_for(app, r, art);
	const struct article *a = r->orig;
	if (ts->cur >= a->nsents) {
		/* No cursor yet (nothing drawn): the top visible sentence. */
		size_t vs, ve;
		if (visible(r, &vs, &ve))
			textsel_keep_visible(ts, a, reader_to_orig(r, vs), reader_to_orig(r, ve));
	}
	size_t s, e;
	switch (action) {
	case A_NEXT:
	case A_PREV:
		if (!textsel_move(ts, a, action == A_NEXT ? 1 : -1)) {
			pane_message(app, action == A_NEXT ? "Last sentence" : "First sentence");
			return PANE_HANDLED;
		}
		show_range(r, a->sents[ts->cur].start, a->sents[ts->cur].end);
		announce(app, ts, a, art);
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
			return PANE_UNHANDLED;
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
		if (textsel_range(ts, a, &s, &e) < 0) {
			pane_message(app, "Nothing to annotate here");
			return PANE_HANDLED;
		}
		if (ui_annot_create(app, art, s, e) == 0 || !ts->selecting)
			textsel_cancel(ts);
		st.announced = 0;
		return PANE_REDRAW_ALL;
	case A_EDIT:
	case A_COLOUR:
	case A_DELETE: {
		const struct note_entry *n = note_here(app, ts, a, art);
		if (n == NULL) {
			pane_message(app, "No highlight under the passage cursor: a makes one");
			return PANE_HANDLED;
		}
		int64_t id = n->a.id; /* the index is reloaded by the action */
		if (action == A_EDIT)
			ui_annot_edit(app, id);
		else if (action == A_COLOUR)
			ui_annot_recolour(app, id);
		else
			ui_annot_delete(app, id);
		st.announced = id;
		return PANE_REDRAW_ALL;
	}
	case A_UNDO:
		ui_annot_undo(app);
		return PANE_REDRAW_ALL;
	default:
		return PANE_UNHANDLED;
	}
}

static const struct pane_keymap annot_map;

int
ui_annot_reader_key(struct pane *p, struct reader *r, size_t art, const struct pane_event *ev)
{
	struct textsel *ts = sel_for(p->app, r, art);
	if (!ts->selecting || ev->key == 0)
		return PANE_UNHANDLED;
	struct keys_ctx *c = keys_ctx_find(&p->app->mgr->keys, annot_map.name, &annot_map);
	const struct pane_key *k = c ? keys_lookup(c, ev->key) : NULL;
	if (k == NULL || k->action < A_END_LEFT)
		return PANE_UNHANDLED;
	return act(p->app, r, art, k->action);
}

static int
annot_fn(struct app *app, struct pane *focused, const struct pane_event *ev)
{
	if (focused == NULL || focused->ops != &ui_reader_ops)
		return PANE_UNHANDLED;
	struct reader *r = ui_reader_model(app);
	size_t art, off;
	if (r == NULL || ui_reader_place(app, &art, &off) < 0)
		return PANE_UNHANDLED;
	return act(app, r, art, ev->action);
}

static const struct pane_keymap annot_map = {
	.name = "annotate",
	.keys = annot_keys,
	.nkeys = sizeof annot_keys / sizeof annot_keys[0],
	.fn = annot_fn,
};

void
ui_annot_frame(struct app *app, struct reader *r, size_t art, const struct view_row *rows,
	       int n)
{
	struct textsel *ts = sel_for(app, r, art);
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
	/* The cursor (tag 0) or the selection (tag 1) joins the reader's
	 * spans, which it draws; ours are the only SPAN_SELECT there. */
	struct span_list *l = &r->spans;
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind != SPAN_SELECT)
			l->v[k++] = l->v[i];
	l->n = k;
	size_t s, e;
	if (textsel_range(ts, a, &s, &e) == 0) {
		size_t ds = reader_from_orig(r, s), de = reader_from_orig(r, e);
		if (de > ds && span_list_push(l, ds, de, SPAN_SELECT, ts->selecting) == 0)
			span_list_sort(l);
	}
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
ui_annot_status(struct app *app, struct reader *r, size_t art, char *buf, size_t cap)
{
	struct textsel *ts = sel_for(app, r, art);
	const struct article *a = r->orig;
	if (ts->selecting) {
		snprintf(buf, cap, "SELECT %zu字  a: annotate  Esc: cancel", chars_in(a, ts->s, ts->e));
		return 1;
	}
	const struct note_entry *n = note_here(app, ts, a, art);
	if (n == NULL)
		return 0;
	if (n->a.note[0])
		snprintf(buf, cap, "✎ %s", n->a.note);
	else
		snprintf(buf, cap, "[%s highlight]", n->a.colour);
	return 1;
}

void
ui_annot_set_cursor(struct app *app, size_t art, size_t off)
{
	struct reader *r = ui_reader_model(app);
	size_t cur;
	if (r == NULL || ui_reader_place(app, &cur, &(size_t){ 0 }) < 0 || cur != art)
		return;
	struct textsel *ts = sel_for(app, r, art);
	textsel_set(ts, r->orig, off);
	st.announced = 0;
	announce(app, ts, r->orig, art);
}

int
ui_annot_register(struct app *app)
{
	return pane_register_global(app, &annot_map);
}
