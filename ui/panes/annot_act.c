/* Annotating actions and their prompts; see annot_act.h. */
#include "annot_act.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "../../src/err.h"
#include "../../src/notes.h"
#include "../../src/store.h"
#include "../../src/textsel.h"
#include "../app.h"
#include "../screen/pane.h"
#include "noteset.h"

int
ui_annot_act_colour_letter(size_t i)
{
	size_t n;
	const struct notes_colour *c = notes_colours(&n);
	if (i >= n)
		return 0;
	for (const char *p = c[i].name; *p; p++) {
		int taken = 0;
		for (size_t k = 0; k < i && !taken; k++)
			taken = ui_annot_act_colour_letter(k) == *p;
		if (!taken)
			return *p;
	}
	return 0;
}

int
ui_annot_act_colour_key(int key, int def)
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
		if (ui_annot_act_colour_letter(i) == key)
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
		const char *name = c[i].name, *k = strchr(name, ui_annot_act_colour_letter(i));
		int at = k ? (int)(k - name) : 0;
		len += snprintf(label + len, sizeof label - (size_t)len, " %.*s[%c]%s", at, name,
				name[at], name + at + 1);
	}
	if (len > 0 && (size_t)len < sizeof label)
		snprintf(label + len, sizeof label - (size_t)len, "  Enter: %s  Esc: cancel",
			 c[def].name);
	/* narrower than that (40 columns): the keys alone, every one shown */
	if (len > 0 && (int)strlen(label) > COLS - 1) {
		len = snprintf(label, sizeof label, "%s:", what);
		for (size_t i = 0; i < n && len > 0 && (size_t)len < sizeof label; i++)
			len += snprintf(label + len, sizeof label - (size_t)len, "%s%c", i ? "/" : " ",
					ui_annot_act_colour_letter(i));
		if (len > 0 && (size_t)len < sizeof label)
			snprintf(label + len, sizeof label - (size_t)len, "  Enter: %s", c[def].name);
	}
	for (;;) {
		int k = ui_annot_act_colour_key(pane_ask_key(app, label), def);
		if (k != -2)
			return k;
		pane_beep(app);
	}
}

static int
confirm(struct app *app, const char *question)
{
	int k = pane_ask_key(app, question);
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
ui_annot_act_create(struct app *app, size_t art, size_t s, size_t e, struct textsel *done)
{
	if (!writable(app))
		return ERR_READONLY;
	struct note_index *ix = noteset_index(app);
	if (art >= app->corpus->n || !ix->have_lib || art >= ix->ncorpus)
		return ERR_RANGE;
	int colour = choose_colour(app, "Colour", app->annot.last_colour);
	if (colour < 0) {
		pane_message(app, "Not highlighted");
		return ERR_INVAL;
	}
	app->annot.last_colour = colour;
	struct store_annot a;
	const char *key = notes_lib_key(&ix->lib, art);
	int rc = key ? notes_new(&app->corpus->v[art], key, s, e, "", colour_name(colour), &a)
		     : ERR_NOMEM;
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
	if (done) /* done with: the status line shows the note */
		textsel_cancel(done);
	noteset_changed(app);
	char *note = NULL;
	if (pane_prompt_edit(app, NOTE_LABEL, NULL, &note) && note[0]) {
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
	noteset_changed(app);
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
ui_annot_act_edit(struct app *app, int64_t id)
{
	if (!writable(app))
		return ERR_READONLY;
	struct store_annot a;
	int rc = fetch(app, id, &a);
	if (rc < 0)
		return rc;
	char *note = NULL;
	if (!pane_prompt_edit(app, "Note (Enter: save, Esc: keep): ", a.note, &note)) {
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
	noteset_changed(app);
	return rc;
}

int
ui_annot_act_recolour(struct app *app, int64_t id)
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
		app->annot.last_colour = colour;
	}
	store_annot_clear(&a);
	noteset_changed(app);
	return colour < 0 ? ERR_INVAL : rc;
}

int
ui_annot_act_delete(struct app *app, int64_t id)
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
	app->annot.last_deleted = id;
	pane_message(app, "Deleted (U brings it back)");
	noteset_changed(app);
	return 0;
}

int
ui_annot_act_undo(struct app *app)
{
	if (app->annot.last_deleted <= 0) {
		pane_message(app, "Nothing to bring back");
		return ERR_NOTFOUND;
	}
	if (!writable(app))
		return ERR_READONLY;
	int rc = store_annot_undelete(app->store, app->annot.last_deleted);
	if (rc < 0) {
		write_failed(app, rc);
		return rc;
	}
	app->annot.last_deleted = 0;
	pane_message(app, "Brought back");
	noteset_changed(app);
	return 0;
}
