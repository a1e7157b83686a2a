/* The notes pane and the shared note index; see notes.h. */
#include "notes.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../../src/anchor.h"
#include "../../src/err.h"
#include "../../src/report.h"
#include "../../src/termsafe.h"
#include "../../src/width.h"
#include "../app.h"
#include "../load.h"
#include "../screen/menu.h"
#include "../screen/style.h"
#include "annot_act.h"
#include "noteset.h"

static int
note_attr(void *ctx, const struct span *s)
{
	const struct app *app = ctx;
	size_t n;
	notes_colours(&n);
	int tag = s->tag >= 0 && (size_t)s->tag < n && s->tag <= STYLE_NOTEPURPLE - STYLE_NOTE
			  ? s->tag : 0;
	return style_get(app, STYLE_NOTE + tag);
}

/* ---- the pane ---- */

enum {
	N_DOWN = 1, N_UP, N_PAGEDOWN, N_PAGEUP, N_TOP, N_BOTTOM, N_OPEN, N_EDIT, N_COLOUR,
	N_DELETE, N_UNDO, N_FILTER, N_SORT, N_BACK,
};

static const struct pane_key notes_keys[] = {
	{ N_DOWN, "down", { 'j', KEY_DOWN, PANE_CTRL('n') }, "Next note", 0 },
	{ N_UP, "up", { 'k', KEY_UP, PANE_CTRL('p') }, "Previous note", 0 },
	{ N_PAGEDOWN, "page-down", { ' ', KEY_NPAGE, PANE_CTRL('d') }, "A page down", 0 },
	{ N_PAGEUP, "page-up", { 'b', KEY_PPAGE, PANE_CTRL('u') }, "A page up", 0 },
	{ N_TOP, "top", { 'g', KEY_HOME }, "First note", 0 },
	{ N_BOTTOM, "bottom", { 'G', KEY_END }, "Last note", 0 },
	{ N_OPEN, "open", { PANE_KEY_ENTER, 'l', KEY_RIGHT }, "Read the passage in its article", 0 },
	{ N_EDIT, "edit-note", { 'e' }, "Edit the note", 0 },
	{ N_COLOUR, "recolour", { 'c' }, "Change the highlight's colour", 0 },
	{ N_DELETE, "delete-note", { 'D', 'd', KEY_DC }, "Delete the highlight and its note (asks)", 0 },
	{ N_UNDO, "undo-delete", { 'U' }, "Bring back the last deleted note", 0 },
	{ N_FILTER, "filter", { '/', 'f' }, "Show only notes containing a word (article, quote, note, colour; empty: all)", 1 },
	{ N_SORT, "sort", { 's' }, "Sort by date, article or colour (:sort article)", 1 },
	{ N_BACK, "back", { 'q', PANE_KEY_ESC, 'h', KEY_LEFT }, "Back to the last pane", 0 },
};

struct npane {
	struct app *app;
	size_t *rows;      /* indices into the index, filtered and sorted */
	size_t nrows;
	unsigned gen;      /* index generation the rows were built from */
	struct menu m;
	char filter[256];
	int sort;
	int64_t keep;      /* id of the note under the cursor, kept on rebuild */
	int list_rows;     /* rows of the list part */
};

static const struct note_entry *
current(const struct npane *np)
{
	const struct note_index *ix = noteset_index(np->app);
	if (np->nrows == 0 || np->m.cur >= np->nrows || np->rows[np->m.cur] >= ix->n)
		return NULL;
	return &ix->v[np->rows[np->m.cur]];
}

static int
rebuild(struct npane *np)
{
	struct note_index *ix = noteset_index(np->app);
	const struct note_entry *cur = current(np);
	if (cur && np->gen == noteset_gen(np->app))
		np->keep = cur->a.id;
	size_t *rows = malloc((ix->n ? ix->n : 1) * sizeof *rows);
	if (rows == NULL)
		return ERR_NOMEM;
	long n = note_index_view(ix, np->app->script, np->filter, np->sort, rows);
	if (n < 0) {
		free(rows);
		return (int)n;
	}
	free(np->rows);
	np->rows = rows;
	np->nrows = (size_t)n;
	np->gen = noteset_gen(np->app);
	menu_set(&np->m, np->nrows, np->list_rows > 0 ? np->list_rows : 1);
	for (size_t i = 0; i < np->nrows; i++)
		if (ix->v[rows[i]].a.id == np->keep) {
			menu_goto(&np->m, i);
			break;
		}
	return 0;
}

static void
n_destroy(struct pane *p)
{
	struct npane *np = p->data;
	if (np == NULL)
		return;
	free(np->rows);
	free(np);
}

/* Rows below the list for the details of the note under the cursor. */
static int
detail_rows(int rows)
{
	return rows >= 14 ? 5 : 0;
}

static void
n_resize(struct pane *p, int rows, int cols)
{
	struct npane *np = p->data;
	(void)cols;
	np->list_rows = rows - 2 - detail_rows(rows);
	if (np->list_rows < 1)
		np->list_rows = 1;
	menu_set(&np->m, np->nrows, np->list_rows);
}

static void
n_title(struct pane *p, char *buf, size_t cap)
{
	(void)p;
	snprintf(buf, cap, "Notes");
}

static void
n_status(struct pane *p, char *buf, size_t cap)
{
	struct npane *np = p->data;
	snprintf(buf, cap, "Notes %zu/%zu  by %s%s%s  Enter: read  e: edit  D: delete",
		 np->nrows ? np->m.cur + 1 : 0, np->nrows, note_sort_name(np->sort),
		 np->filter[0] ? "  filter: " : "", np->filter);
}

/* Draw s on row y from column x, cols wide, as up to maxrows wrapped rows
 * (cut at clusters, line breaks shown as spaces). Returns rows used. */
static int
put_wrapped(struct app *app, WINDOW *w, int y, int x, const char *s, int cols,
	    int maxrows, int attr)
{
	const struct layout_opts *o = &app->vopts.layout;
	/* laid out by the layout engine (kinsoku, words kept whole), line
	 * breaks kept, the last row cut with … when there is more */
	size_t len = strlen(s);
	int row = 0;
	for (size_t p = 0; p <= len && row < maxrows && cols > 0;) {
		const char *nl = memchr(s + p, '\n', len - p);
		size_t e = nl ? (size_t)(nl - s) : len;
		struct layout_lines ll = { 0 };
		struct block b = { p, e, BLOCK_META };
		if (e > p && layout_block(o, s, &b, cols, &ll) < 0) {
			layout_lines_free(&ll);
			break;
		}
		for (size_t i = 0; i < ll.n && row < maxrows; i++, row++) {
			const struct layout_line *l = &ll.v[i];
			int more = i + 1 < ll.n || e < len;
			if (row == maxrows - 1 && more)
				pane_put_trunc(app, w, y + row, x + l->indent_cols, s + l->start, len - l->start,
					       cols - l->indent_cols, attr);
			else
				pane_put(app, w, y + row, x + l->indent_cols, s + l->start, l->end - l->start,
					 cols - l->indent_cols, attr);
		}
		if (e == p && row < maxrows) /* an empty line */
			row++;
		layout_lines_free(&ll);
		if (nl == NULL)
			break;
		p = e + 1;
	}
	return row;
}

/* s as the reading view shows it (report_shown: the same punctuation
 * style, ，for , between Chinese), each line apart so that a quote across
 * paragraphs keeps its breaks; malloc'd, NULL if out of memory. */
static char *
shown(const struct layout_opts *lo, const char *s)
{
	size_t len = strlen(s), w = 0;
	char *out = NULL;
	for (size_t p = 0; p <= len;) {
		size_t q = p;
		while (q < len && s[q] != '\n')
			q++;
		char *t = report_shown(lo, s + p, q - p);
		size_t k = t ? strlen(t) : 0;
		char *grown = t ? realloc(out, w + k + 2) : NULL;
		if (grown == NULL) {
			free(t);
			free(out);
			return NULL;
		}
		out = grown;
		memcpy(out + w, t, k);
		w += k;
		free(t);
		if (q < len)
			out[w++] = '\n';
		out[w] = 0;
		p = q + 1;
	}
	return out;
}

static void
draw_entry(struct app *app, WINDOW *w, int y, int cols, const struct note_index *ix,
	   const struct note_entry *e, int cursor)
{
	const struct layout_opts *lo = &app->vopts.layout;
	int base = cursor ? style_get(app, STYLE_CURSOR) : style_get(app, STYLE_NORMAL);
	if (cursor) {
		wattrset(w, base);
		mvwhline(w, y, 0, ' ', cols);
	}
	char sw[4] = { (char)ui_annot_act_colour_letter((size_t)e->colour), ' ', 0 };
	pane_put(app, w, y, 1, sw, 2, 2, style_get(app, STYLE_NOTE + e->colour));
	int x = 4;
	pane_put(app, w, y, x, e->a.created, strlen(e->a.created) < 10 ? strlen(e->a.created) : 10, 10,
		 base | (cursor ? 0 : style_get(app, STYLE_DIM)));
	x += 11;
	int rest = cols - x - 1;
	if (rest < 8)
		return;
	int tw = rest / 5 < 8 ? 8 : rest / 5, qw = (rest - tw) / 2, nw = rest - tw - qw - 2;
	char *title = shown(lo, e->title);
	const char *t = title ? title : e->title;
	pane_put_trunc(app, w, y, x, t, strlen(t), tw, base);
	free(title);
	x += tw + 1;
	int qx = x;
	if (e->how == ANCHOR_ORPHAN)
		qx += pane_put(app, w, y, x, "(orphan) ", 9, qw, base | style_get(app, STYLE_ERROR));
	else if (e->art == NOTE_INDEX_NONE && note_index_slot(ix, e->a.path) != NOTE_INDEX_NONE)
		qx += pane_put(app, w, y, x, "(loading) ", 10, qw, base | style_get(app, STYLE_DIM));
	else if (e->art == NOTE_INDEX_NONE)
		qx += pane_put(app, w, y, x, "(not open) ", 11, qw, base | style_get(app, STYLE_DIM));
	/* line breaks in a quote that spans paragraphs show as spaces */
	char *quote = report_shown(lo, e->a.quote, strlen(e->a.quote));
	if (quote && qw - (qx - x) > 0)
		pane_put_trunc(app, w, y, qx, quote, strlen(quote), qw - (qx - x), base);
	free(quote);
	x += qw + 1;
	if (nw > 0)
		pane_put_trunc(app, w, y, x, e->a.note, strlen(e->a.note), nw, base);
}

/* "2024-05-01T08:30:00Z" as "2024-05-01 08:30 UTC". */
static void
when(const char *iso, char *buf, size_t cap)
{
	if (strlen(iso) >= 16 && iso[10] == 'T')
		snprintf(buf, cap, "%.10s %.5s UTC", iso, iso + 11);
	else
		snprintf(buf, cap, "%s", iso);
}

static void
draw_details(struct app *app, WINDOW *w, int y, int rows, int cols, const struct note_entry *e)
{
	const struct layout_opts *lo = &app->vopts.layout;
	char head[400], made[32], edited[48] = "";
	when(e->a.created, made, sizeof made);
	/* the note typed after the highlight is saved is no edit */
	if (strncmp(e->a.modified, e->a.created, 15) != 0) {
		char m[32];
		when(e->a.modified, m, sizeof m);
		snprintf(edited, sizeof edited, " · edited %s", m);
	}
	char *title = shown(lo, e->title);
	snprintf(head, sizeof head, "%s · %s · %s%s", title ? title : e->title, e->a.colour, made,
		 edited);
	free(title);
	pane_put_trunc(app, w, y, 1, head, strlen(head), cols - 2, style_get(app, STYLE_DIM));
	int used = 1;
	if (e->how == ANCHOR_ORPHAN && used < rows)
		used += put_wrapped(app, w, y + used, 1, "Not found in the article as it is now (kept as an orphan):",
				    cols - 2, 1, style_get(app, STYLE_ERROR));
	if (used < rows) {
		pane_put(app, w, y + used, 1, "「", 3, 2, style_get(app, STYLE_DIM));
		char *quote = shown(lo, e->a.quote);
		used += put_wrapped(app, w, y + used, 3, quote ? quote : e->a.quote, cols - 4,
				    e->a.note[0] ? (rows - used > 2 ? rows - used - 1 : 1) : rows - used,
				    style_get(app, STYLE_NOTE + e->colour));
		free(quote);
	}
	if (e->a.note[0] && used < rows) {
		pane_put(app, w, y + used, 1, "✎", 3, 1, style_get(app, STYLE_KEY));
		put_wrapped(app, w, y + used, 3, e->a.note, cols - 4, rows - used, A_NORMAL);
	}
}

static void
n_draw(struct pane *p, WINDOW *w)
{
	struct npane *np = p->data;
	struct app *app = p->app;
	noteset_refresh(p->app);
	if (np->gen != noteset_gen(np->app) && rebuild(np) < 0)
		pane_error(p->app, "out of memory");
	int cols = getmaxx(w), rows = getmaxy(w);
	const struct note_index *ix = noteset_index(np->app);
	char head[400];
	snprintf(head, sizeof head, "批注 Notes  %zu%s of %zu · by %s%s%s", np->nrows,
		 np->filter[0] ? " shown" : "", ix->n, note_sort_name(np->sort),
		 np->filter[0] ? " · filter: " : "", np->filter);
	pane_put_trunc(app, w, 0, 1, head, strlen(head), cols - 2, style_get(app, STYLE_TITLE));
	if (ix->n == 0) {
		const char *t = "No notes yet. In an article: ( ) move the passage cursor, "
				"v selects, a highlights with a note.";
		put_wrapped(app, w, 2, 2, t, cols - 4, rows - 2, style_get(app, STYLE_DIM));
		return;
	}
	if (np->nrows == 0) {
		put_wrapped(app, w, 2, 2, "No note matches the filter (/ changes it; empty: all).",
			    cols - 4, rows - 2, style_get(app, STYLE_DIM));
		return;
	}
	for (int i = 0; i < np->m.rows; i++) {
		size_t k = np->m.top + (size_t)i;
		if (k >= np->nrows)
			break;
		draw_entry(app, w, 1 + i, cols, ix, &ix->v[np->rows[k]],
			   k == np->m.cur);
	}
	wattrset(w, A_NORMAL);
	int dr = detail_rows(rows);
	const struct note_entry *e = current(np);
	if (dr && e)
		draw_details(app, w, rows - dr, dr, cols, e);
}

/* A note of an article not among those open: its file, read on its own
 * (not added to the corpus), with the highlights of its notes; or why
 * it cannot be. */
static void
jump_file(struct app *app, const struct note_entry *e)
{
	struct stat st;
	if (stat(e->a.path, &st) < 0) {
		pane_error(app, "Cannot open %s: %s", e->a.path, strerror(errno));
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		pane_error(app, "Cannot open %s: not a file", e->a.path);
		return;
	}
	const struct note_index *ix = noteset_index(app);
	struct span_list spans = { 0 };
	for (size_t i = 0; i < ix->n; i++) {
		const struct note_entry *x = &ix->v[i];
		if (x->art == NOTE_INDEX_NONE && x->how != ANCHOR_ORPHAN && x->a.end > x->a.start &&
		    strcmp(x->a.path, e->a.path) == 0 &&
		    span_list_push(&spans, x->a.start, x->a.end, SPAN_NOTE, x->colour) < 0) {
			span_list_free(&spans);
			pane_error(app, "out of memory");
			return;
		}
	}
	int orphan = e->how == ANCHOR_ORPHAN;
	struct pane_open_req req = { .art = PANE_ART_FILE, .path = e->a.path,
				     .off = e->a.start, .extra = &spans, .passage = 1 };
	int rc = pane_open_at(app, &req);
	span_list_free(&spans);
	if (rc < 0)
		pane_error(app, "Cannot open %s: %s", e->a.path, err_strerror(rc));
	else if (orphan)
		pane_error(app, "This passage is no longer in the article (edited?): shown where it was");
	else
		pane_message(app, "%s%s  (not among the articles open: read from its file)",
			     e->a.note[0] ? "✎ " : "", e->a.note[0] ? e->a.note : e->a.colour);
}

static void
jump(struct pane *p, const struct note_entry *e)
{
	struct app *app = p->app;
	size_t slot = e->art == NOTE_INDEX_NONE && e->how != ANCHOR_ORPHAN ?
			      note_index_slot(noteset_index(app), e->a.path) : NOTE_INDEX_NONE;
	if (slot != NOTE_INDEX_NONE) {
		/* an article of the list still loading: that one now, and the
		 * note placed on it (the index is made again: e goes) */
		int64_t id = e->a.id;
		int rc = load_article(app, slot);
		if (rc == ERR_NOTFOUND) {
			const char *path = app->corpus->v[slot].path, *slash = strrchr(path, '/');
			char *name = termsafe_name(slash ? slash + 1 : path);
			pane_error(app, "%s cannot be read (:messages says why)", name ? name : "");
			free(name);
			return;
		}
		if (rc < 0) {
			pane_error(app, "cannot open: %s", err_strerror(rc));
			return;
		}
		e = note_index_find(noteset_index(app), id);
		if (e == NULL)
			return;
	}
	if (e->art == NOTE_INDEX_NONE) {
		jump_file(app, e);
		return;
	}
	size_t art = e->art, start = e->a.start;
	int orphan = e->how == ANCHOR_ORPHAN;
	const struct article *a = &app->corpus->v[art];
	if (start > a->len)
		start = 0;
	if (pane_open_passage(app, art, start) < 0) {
		pane_error(app, "out of memory");
		return;
	}
	if (orphan)
		pane_error(app, "This passage is no longer in the article (edited?): shown where it was");
}

static int
set_sort(struct npane *np, const char *arg)
{
	if (arg == NULL) {
		np->sort = (np->sort + 1) % NOTE_SORT_COUNT;
		return 0;
	}
	for (int i = 0; i < NOTE_SORT_COUNT; i++)
		if (strncmp(arg, note_sort_name(i), strlen(arg)) == 0 && arg[0]) {
			np->sort = i;
			return 0;
		}
	if (strcmp(arg, "color") == 0) {
		np->sort = NOTE_SORT_COLOUR;
		return 0;
	}
	return ERR_INVAL;
}

static int
n_key(struct pane *p, const struct pane_event *ev)
{
	struct npane *np = p->data;
	long page = np->m.rows > 1 ? np->m.rows - 1 : 1;
	const struct note_entry *e = current(np);
	int64_t id = e ? e->a.id : 0;
	switch (ev->action) {
	case N_DOWN: menu_move(&np->m, 1); break;
	case N_UP: menu_move(&np->m, -1); break;
	case N_PAGEDOWN: menu_move(&np->m, page); break;
	case N_PAGEUP: menu_move(&np->m, -page); break;
	case N_TOP: menu_goto(&np->m, 0); break;
	case N_BOTTOM: menu_goto(&np->m, np->nrows ? np->nrows - 1 : 0); break;
	case N_OPEN:
		if (e)
			jump(p, e);
		return PANE_REDRAW_ALL;
	case N_EDIT:
	case N_COLOUR:
	case N_DELETE:
		if (e == NULL) {
			pane_message(p->app, "No note here");
			return PANE_HANDLED;
		}
		np->keep = id;
		if (ev->action == N_EDIT)
			ui_annot_act_edit(p->app, id);
		else if (ev->action == N_COLOUR)
			ui_annot_act_recolour(p->app, id);
		else
			ui_annot_act_delete(p->app, id);
		return PANE_REDRAW_ALL;
	case N_UNDO:
		ui_annot_act_undo(p->app);
		return PANE_REDRAW_ALL;
	case N_FILTER: {
		char buf[256];
		const char *arg = ev->arg;
		if (arg == NULL) {
			if (!pane_prompt(p->app, "Filter notes: ", np->filter, buf, sizeof buf))
				return PANE_REDRAW;
			arg = buf;
		}
		snprintf(np->filter, sizeof np->filter, "%s", arg);
		np->keep = id;
		if (rebuild(np) < 0)
			pane_error(p->app, "out of memory");
		break;
	}
	case N_SORT:
		if (set_sort(np, ev->arg) < 0) {
			pane_error(p->app, "sort: date, article or colour");
			return PANE_HANDLED;
		}
		np->keep = id;
		if (rebuild(np) < 0)
			pane_error(p->app, "out of memory");
		pane_message(p->app, "Sorted by %s", note_sort_name(np->sort));
		break;
	case N_BACK: return PANE_BACK | PANE_REDRAW_ALL;
	default: return PANE_UNHANDLED;
	}
	const struct note_entry *now = current(np);
	np->keep = now ? now->a.id : 0;
	return PANE_REDRAW;
}

/* Idle ticks (about once a second): notes written by another process show
 * up without a key press while the pane is open. */
static void
n_save(struct pane *p)
{
	noteset_refresh(p->app);
}

const struct pane_ops ui_notes_ops = {
	.name = "notes",
	.keys = notes_keys,
	.nkeys = sizeof notes_keys / sizeof notes_keys[0],
	.draw = n_draw,
	.key = n_key,
	.resize = n_resize,
	.title = n_title,
	.status = n_status,
	.save = n_save,
	.destroy = n_destroy,
};

int
ui_notes_open(struct app *app)
{
	struct pane *p = pane_find(app, &ui_notes_ops);
	if (p) {
		pane_focus(app, p);
		pane_dirty(p);
		return 0;
	}
	struct npane *np = calloc(1, sizeof *np);
	if (np == NULL)
		return ERR_NOMEM;
	np->app = app;
	np->list_rows = 1;
	np->gen = noteset_gen(app) - 1; /* build on first draw */
	return pane_open(app, &ui_notes_ops, np, 1) ? 0 : ERR_NOMEM;
}

/* ---- registration ---- */

enum { G_NOTES = 1 };

static const struct pane_key global_keys[] = {
	{ G_NOTES, "notes", { 'M', KEY_F(6) }, "Notes: every highlight and note, to filter, sort and jump to", 0 },
};

static int
global_fn(struct app *app, struct pane *focused, const struct pane_event *ev)
{
	(void)focused;
	if (ev->action != G_NOTES)
		return PANE_UNHANDLED;
	if (ui_notes_open(app) < 0)
		pane_error(app, "out of memory");
	return PANE_REDRAW_ALL;
}

static const struct pane_keymap global_map = {
	.name = "global",
	.keys = global_keys,
	.nkeys = sizeof global_keys / sizeof global_keys[0],
	.fn = global_fn,
};

int
ui_notes_register(struct app *app)
{
	int rc;
	if ((rc = pane_register(app, &ui_notes_ops)) < 0 ||
	    (rc = pane_register_global(app, &global_map)) < 0 ||
	    (rc = pane_add_span_source(app, noteset_spans, NULL)) < 0)
		return rc;
	pane_set_note_counter(app, noteset_count, NULL);
	style_set_span_fn(app, SPAN_NOTE, note_attr, app);
	return 0;
}
