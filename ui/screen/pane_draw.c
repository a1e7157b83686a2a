/* The screen manager's drawing: windows for the arrangement, the bottom
 * row (status line with the tabs, or a message), "terminal too small", and
 * the cluster-safe text helpers panes draw with. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/layout.h"
#include "../../src/report.h"
#include "../../src/width.h"
#include "../app.h"
#include "pane.h"
#include "pane_int.h"
#include "style.h"

/* ---- drawing helpers ---- */

/* Every cell of a wide character is written or erased together: a cluster
 * is drawn only where all its columns are inside the window and inside
 * max_cols, and the cursor is placed at each cluster's column (our width,
 * not the cursor curses advanced: with `ambiguous-wide` the two differ). */
int
pane_put(struct app *app, WINDOW *w, int y, int x, const char *s, size_t len, int max_cols,
	 int attr)
{
	const struct width_opts *wo = &app->vopts.layout.w;
	int room = getmaxx(w) - x;
	if (max_cols > room)
		max_cols = room;
	int cols = 0;
	char buf[WIDTH_SHOWN_MAX];
	wattrset(w, attr);
	for (size_t i = 0; i < len && s[i];) {
		size_t e = width_next_cluster(s, len, i);
		int c = width_cluster_shown(wo, s + i, e - i, buf, sizeof buf);
		unsigned char b0 = (unsigned char)buf[0];
		if (c <= 0 || b0 < 0x20 || b0 == 0x7f) { /* nothing that moves the cursor */
			i = e;
			continue;
		}
		if (cols + c > max_cols)
			break;
		wmove(w, y, x + cols);
		waddstr(w, buf);
		cols += c;
		i = e;
	}
	wmove(w, y, x + cols); /* where the next text goes (ERR past the edge) */
	wattrset(w, A_NORMAL);
	return cols;
}

int
pane_cols(struct app *app, const char *s, size_t len)
{
	return width_str(&app->vopts.layout.w, s, strnlen(s, len));
}

int
pane_put_trunc(struct app *app, WINDOW *w, int y, int x, const char *s, size_t len,
	       int max_cols, int attr)
{
	if (max_cols > getmaxx(w) - x)
		max_cols = getmaxx(w) - x;
	if (max_cols <= 0)
		return 0;
	len = strnlen(s, len);
	int ell = pane_cols(app, "…", strlen("…")); /* 2 with ambiguous-wide */
	if (pane_cols(app, s, len) <= max_cols || max_cols < ell)
		return pane_put(app, w, y, x, s, len, max_cols, attr);
	int c = pane_put(app, w, y, x, s, len, max_cols - ell, attr);
	return c + pane_put(app, w, y, x + c, "…", strlen("…"), ell, attr);
}

/* Titles and other metadata as the reading view shows them: one
 * definition, report_shown (src/report.h), for the panes and the
 * plain-text outputs alike. */
size_t
pane_shown_copy(struct app *app, const char *s, char *buf, size_t cap)
{
	if (cap == 0)
		return 0;
	char *t = report_shown(&app->vopts.layout, s, strlen(s));
	size_t n = t ? strlen(t) : 0, w = 0;
	while (w < n) { /* whole clusters that fit */
		size_t q = width_next_cluster(t, n, w);
		if (q >= cap)
			break;
		w = q;
	}
	if (t)
		memcpy(buf, t, w);
	buf[w] = 0;
	free(t);
	return w;
}

int
pane_put_shown(struct app *app, WINDOW *w, int y, int x, const char *s, size_t len,
	       int max_cols, int attr)
{
	if (max_cols <= 0)
		return 0;
	char *t = report_shown(&app->vopts.layout, s, strnlen(s, len));
	if (t == NULL)
		return 0;
	int cols = pane_put_trunc(app, w, y, x, t, strlen(t), max_cols, attr);
	free(t);
	return cols;
}

/* ---- layout and drawing ---- */

static WINDOW *
remake(WINDOW *w, int rows, int cols, int y, int x)
{
	if (w)
		delwin(w);
	if (rows <= 0 || cols <= 0)
		return NULL;
	w = newwin(rows, cols, y, x);
	if (w) {
		leaveok(w, TRUE);
		idlok(w, TRUE);
		scrollok(w, FALSE);
	}
	return w;
}

void
pane_relayout(struct app *app)
{
	struct pane_mgr *m = app->mgr;
	struct arrange_in in = {
		.rows = LINES, .cols = COLS, .npanes = m->n, .focus = m->focus,
		.sidebar = pane_sidebar_index(m), .main = m->main,
		.split_min_cols = app->split_min_cols,
	};
	arrange_compute(&in, &m->ar);
	for (size_t i = 0; i < m->n; i++) {
		struct pane *p = m->v[i];
		size_t k;
		for (k = 0; k < m->ar.nshown; k++)
			if (m->ar.shown[k] == i)
				break;
		if (k == m->ar.nshown) {
			if (p->win)
				delwin(p->win);
			p->win = NULL;
			continue;
		}
		const struct arrange_rect *r = &m->ar.rect[k];
		int changed = !p->win || p->rows != r->rows || p->cols != r->cols;
		int by = -1, bx = -1;
		if (p->win)
			getbegyx(p->win, by, bx);
		if (changed || by != r->y || bx != r->x)
			p->win = remake(p->win, r->rows, r->cols, r->y, r->x);
		p->rows = r->rows;
		p->cols = r->cols;
		if (changed && p->ops->resize)
			p->ops->resize(p, r->rows, r->cols);
		p->dirty = 1;
	}
	int c = COLS > 0 ? COLS : 1;
	m->promptw = remake(m->promptw, 1, c, LINES - 1 > 0 ? LINES - 1 : 0, 0);
	if (m->promptw)
		keypad(m->promptw, TRUE);
	if (m->sepw) {
		delwin(m->sepw);
		m->sepw = NULL;
	}
	if (m->ar.sep_x >= 0)
		m->sepw = remake(NULL, m->ar.rect[0].rows, 1, m->ar.rect[0].y, m->ar.sep_x);
	m->relayout = 0;
	m->lines_dirty = 1;
	pane_scroll_forget(app);
}

/* Columns the tabs take with each title cut to each columns (0: numbers
 * only; -1: numbers, the focused pane's named); draws them at x if w is
 * not NULL. */
static int
tabs(struct app *app, WINDOW *w, int x, int each)
{
	struct pane_mgr *m = app->mgr;
	int cols = 0;
	for (size_t i = 0; i < m->n; i++) {
		/* the class name: short, and the focused pane's status already
		 * names what it shows (the article's title) */
		char lab[64];
		if (each > 0 || (each < 0 && i == m->focus))
			snprintf(lab, sizeof lab, "%zu %s", i + 1, m->v[i]->ops->name);
		else
			snprintf(lab, sizeof lab, "%zu", i + 1);
		int st = style_get(app, i == m->focus ? STYLE_TABACTIVE : STYLE_TAB);
		int c = pane_cols(app, lab, strlen(lab));
		if (each != 0 && c > (each > 0 ? each : 14) + 2)
			c = (each > 0 ? each : 14) + 2;
		if (w)
			pane_put_trunc(app, w, 0, x + cols, lab, strlen(lab), c, st);
		cols += c + 1;
	}
	return cols;
}

/* s cut to cols columns after the last of its parts (parted by two
 * blanks or more) that fits whole, never inside one; where not even the
 * first fits, a progress's count alone (its part before a blank:
 * "197/300"), else s as it was. The columns kept. */
static int
whole_parts(struct app *app, char *s, int cols, int progress)
{
	size_t end = 0;
	for (size_t i = 0;;) {
		size_t a = i, b;
		while (s[a] == ' ')
			a++;
		for (b = a; s[b] && !(s[b] == ' ' && s[b + 1] == ' '); b++)
			;
		if (b == a || pane_cols(app, s, b) > cols)
			break;
		end = i = b;
	}
	if (end == 0 && progress && pane_cols(app, s, strcspn(s, " ")) <= cols)
		end = strcspn(s, " ");
	if (end == 0)
		return pane_cols(app, s, strlen(s));
	s[end] = 0;
	return pane_cols(app, s, end);
}

/* The status line: the focused pane's status on the left (it starts with
 * what changes most, e.g. the reading position, so that a scroll rewrites
 * a few cells at the start of the row); the tabs and the key hints on the
 * right. When the row is short the tabs give way first: named, then
 * numbers with the focused pane named, then numbers only (the focused one
 * in reverse), then none, so that the status keeps its key facts (what
 * comes before a '\t' in it, which is not drawn: the selection's count)
 * and at least 55% of the row; then the hints shrink to "F1 help". A
 * status with key facts or a progress is cut between its parts, never in
 * one (at 40 columns "197/300 [######----]  文章 Ar…"), "F1 help" giving
 * way to the key facts. */
static void
draw_status(struct app *app)
{
	struct pane_mgr *m = app->mgr;
	WINDOW *w = m->promptw;
	int st = style_get(app, STYLE_STATUS);
	werase(w);
	char left[512] = "";
	struct pane *p = pane_focused(app);
	/* long work's progress first, whatever the pane (app.h) */
	size_t pl = app->progress[0] ? (size_t)snprintf(left, sizeof left, "%s  ", app->progress) : 0;
	if (p && p->ops->status)
		p->ops->status(p, left + pl, sizeof left - pl);
	/* what q does here, from the key table: "q quit" in the list */
	char hint[128] = "F1 help";
	struct keys_ctx *kc = p ? pane_ctx_of(app, p->ops) : NULL;
	const struct pane_key *qa = kc ? keys_lookup(kc, 'q') : NULL;
	for (size_t i = 0; qa == NULL && i < m->nglobals; i++) {
		struct keys_ctx *g = keys_ctx_find(&m->keys, m->globals[i]->name, m->globals[i]);
		qa = g ? keys_lookup(g, 'q') : NULL;
	}
	if (qa)
		snprintf(hint, sizeof hint, "F1 help  q %s", qa->name);
	/* warnings since the start: how many, and where they are; before
	 * the tabs, so that the count is not read as one more tab number */
	char counted[64] = "";
	size_t nmsg = app->messages.n;
	if (nmsg)
		snprintf(counted, sizeof counted, "%zu message%s (:messages)", nmsg,
			 nmsg == 1 ? "" : "s");
	int room = COLS - 1; /* never the bottom-right cell: no scroll, no wrap */
	/* the key facts: the status up to its '\t' (taken out) */
	char *tab = strchr(left, '\t');
	int key = tab ? pane_cols(app, left, (size_t)(tab - left)) : 0, key_cols = key;
	if (tab)
		memmove(tab, tab + 1, strlen(tab));
	if (tab && *tab) /* more after them: the … of the cut goes after the facts */
		key++;
	int lc = pane_cols(app, left, strlen(left));
	int min_left = lc < 24 ? lc : 24, want = lc < room * 11 / 20 ? lc : room * 11 / 20;
	min_left = key > min_left ? key : min_left;
	want = key > want ? key : want;
	int hc = pane_cols(app, hint, strlen(hint));
	int cc = pane_cols(app, counted, strlen(counted));
	/* each part on the right takes its width and two blanks before it */
	if (room - hc - 2 - (cc ? cc + 2 : 0) < min_left) {
		if (nmsg) /* the count before the help */
			snprintf(counted, sizeof counted, "%zu msg", nmsg);
		hint[7] = 0; /* "F1 help" */
		hc = pane_cols(app, hint, strlen(hint));
		cc = pane_cols(app, counted, strlen(counted));
	}
	int fixed = hc + 2 + (cc ? cc + 2 : 0);
	/* tc: the tabs' columns, a blank after each */
	int each = 14, tc = m->n > 1 ? tabs(app, NULL, 0, each) : 0;
	if (tc && room - fixed - tc - 1 < want) {
		each = -1;
		tc = tabs(app, NULL, 0, each);
	}
	if (tc && room - fixed - tc - 1 < want) {
		each = 0;
		tc = tabs(app, NULL, 0, each);
	}
	if (tc && room - fixed - tc - 1 < min_left)
		tc = 0;
	if (room - hc - 1 < (lc < 8 ? lc : 8))
		hc = cc = 0;
	int right = hc + (cc ? cc + 2 : 0) + (tc ? tc + 1 : 0);
	int avail = room - right - (right ? 2 : 0);
	if ((tab || pl) && lc > avail) {
		char all[sizeof left];
		memcpy(all, left, sizeof left);
		if (whole_parts(app, left, avail, pl > 0) < key_cols && hc && right == hc &&
		    whole_parts(app, all, room, pl > 0) >= key_cols) {
			memcpy(left, all, sizeof left);
			hc = right = 0;
			avail = room;
		}
	}
	pane_put_trunc(app, w, 0, 0, left, strlen(left), avail, st);
	int x = room - right;
	if (cc) {
		pane_put(app, w, 0, x, counted, strlen(counted), cc, style_get(app, STYLE_DIM));
		x += cc + 2;
	}
	if (tc) {
		tabs(app, w, x, each);
		x += tc + 1;
	}
	if (hc)
		pane_put(app, w, 0, x, hint, strlen(hint), hc, style_get(app, STYLE_DIM));
}

/* The bottom row: a message (until the next key) or the status line. */
static void
draw_bottom(struct app *app)
{
	struct pane_mgr *m = app->mgr;
	if (m->msg[0]) {
		werase(m->promptw);
		pane_put_trunc(app, m->promptw, 0, 0, m->msg, strlen(m->msg), COLS - 1,
			       style_get(app, m->msg_err ? STYLE_ERROR : STYLE_MESSAGE));
	} else {
		draw_status(app);
	}
}

static void
draw_too_small(void)
{
	erase();
	/* the size and the minimum, as long as it fits */
	char s[3][96];
	snprintf(s[0], sizeof s[0], "terminal too small: %dx%d, need %dx%d", COLS, LINES,
		 ARRANGE_MIN_COLS, ARRANGE_MIN_ROWS);
	snprintf(s[1], sizeof s[1], "too small: %dx%d, need %dx%d", COLS, LINES,
		 ARRANGE_MIN_COLS, ARRANGE_MIN_ROWS);
	snprintf(s[2], sizeof s[2], "%dx%d<%dx%d", COLS, LINES, ARRANGE_MIN_COLS, ARRANGE_MIN_ROWS);
	int k = 0;
	while (k < 2 && (int)strlen(s[k]) > COLS)
		k++;
	int len = (int)strlen(s[k]), y = LINES / 2, x = (COLS - len) / 2;
	mvaddnstr(y < 0 ? 0 : y, x < 0 ? 0 : x, s[k], COLS > 0 ? COLS : 0);
	wnoutrefresh(stdscr);
}

void
pane_update(struct app *app)
{
	struct pane_mgr *m = app->mgr;
	if (m->relayout)
		pane_relayout(app);
	if (m->ar.too_small) {
		draw_too_small();
		doupdate();
		pane_scroll_forget(app);
		return;
	}
	pane_scroll_apply(app); /* before anything new reaches newscr */
	for (size_t k = 0; k < m->ar.nshown; k++) {
		struct pane *p = m->v[m->ar.shown[k]];
		if (!p->win || !p->dirty)
			continue;
		werase(p->win);
		p->ops->draw(p, p->win);
		wnoutrefresh(p->win);
		p->dirty = 0;
		m->lines_dirty = 1;
	}
	if (m->lines_dirty) {
		if (m->sepw) {
			werase(m->sepw);
			/* U+2502 rather than ACS: no charset switching bytes;
			 * '|' where it is two columns wide (ambiguous-wide) */
			const char *bar = pane_cols(app, "│", 3) == 1 ? "│" : "|";
			for (int y = 0; y < m->ar.rect[0].rows; y++)
				pane_put(app, m->sepw, y, 0, bar, strlen(bar), 1,
					 style_get(app, STYLE_BORDER));
			wnoutrefresh(m->sepw);
		}
		draw_bottom(app);
		m->lines_dirty = 0;
	}
	/* The hidden cursor rests at the start of the bottom row, so the next
	 * scroll knows where it is (pane_scroll.c). */
	pane_scroll_park(app);
	doupdate();
}
