/* The screen manager's drawing: windows for the arrangement, the tab,
 * status and prompt lines, "terminal too small", and the cluster-safe text
 * helpers panes draw with. */
#include <stdio.h>
#include <string.h>

#include "../src/width.h"
#include "app.h"
#include "pane.h"
#include "pane_int.h"
#include "style.h"

/* ---- drawing helpers ---- */

int
pane_put(WINDOW *w, int y, int x, const char *s, size_t len, int max_cols, int attr)
{
	static const struct width_opts wo = { 0 };
	int cols = 0;
	char buf[64];
	wattrset(w, attr);
	wmove(w, y, x);
	for (size_t i = 0; i < len && s[i];) {
		size_t e = width_next_cluster(s, len, i);
		int c = width_cluster_shown(&wo, s + i, e - i, buf, sizeof buf);
		unsigned char b0 = (unsigned char)buf[0];
		if (c <= 0 || b0 < 0x20 || b0 == 0x7f) { /* nothing that moves the cursor */
			i = e;
			continue;
		}
		if (cols + c > max_cols)
			break;
		waddstr(w, buf);
		cols += c;
		i = e;
	}
	wattrset(w, A_NORMAL);
	return cols;
}

int
pane_put_trunc(WINDOW *w, int y, int x, const char *s, size_t len, int max_cols, int attr)
{
	static const struct width_opts wo = { 0 };
	if (max_cols <= 0)
		return 0;
	len = strnlen(s, len);
	if (width_str(&wo, s, len) <= max_cols)
		return pane_put(w, y, x, s, len, max_cols, attr);
	int c = pane_put(w, y, x, s, len, max_cols - 1, attr);
	wattrset(w, attr);
	waddstr(w, "…");
	wattrset(w, A_NORMAL);
	return c + 1;
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
		int by, bx;
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
	m->tabw = remake(m->tabw, 1, c, 0, 0);
	m->statw = remake(m->statw, 1, c, LINES - 2 > 0 ? LINES - 2 : 0, 0);
	m->promptw = remake(m->promptw, 1, c, LINES - 1 > 0 ? LINES - 1 : 0, 0);
	if (m->promptw)
		keypad(m->promptw, TRUE); /* leaveok: the cursor stays put (hidden) */
	if (m->sepw) {
		delwin(m->sepw);
		m->sepw = NULL;
	}
	if (m->ar.sep_x >= 0)
		m->sepw = remake(NULL, m->ar.rect[0].rows, 1, m->ar.rect[0].y, m->ar.sep_x);
	m->relayout = 0;
	m->lines_dirty = 1;
}

static void
tab_title(struct pane *p, char *buf, size_t cap)
{
	buf[0] = 0;
	if (p->ops->title)
		p->ops->title(p, buf, cap);
	if (buf[0] == 0)
		snprintf(buf, cap, "%s", p->ops->name);
}

static void
draw_tabs(struct app *app)
{
	struct pane_mgr *m = app->mgr;
	WINDOW *w = m->tabw;
	werase(w);
	int x = pane_put(w, 0, 0, " 读文 duwen ", 14, COLS, style_get(STYLE_TITLE));
	int each = m->n ? (COLS - x) / (int)m->n - 3 : 0;
	if (each > 28)
		each = 28;
	for (size_t i = 0; i < m->n && each >= 4; i++) {
		char t[256], lab[300];
		tab_title(m->v[i], t, sizeof t);
		snprintf(lab, sizeof lab, "%zu %s", i + 1, t);
		int st = i == m->focus ? STYLE_TABACTIVE : STYLE_TAB;
		pane_put(w, 0, x, "│", 3, 1, style_get(STYLE_BORDER));
		x += 1;
		pane_put(w, 0, x, " ", 1, 1, style_get(st));
		int c = pane_put_trunc(w, 0, x + 1, lab, strlen(lab), each, style_get(st));
		pane_put(w, 0, x + 1 + c, " ", 1, 1, style_get(st));
		x += c + 2;
	}
	wnoutrefresh(w);
}

static void
draw_status(struct app *app)
{
	struct pane_mgr *m = app->mgr;
	WINDOW *w = m->statw;
	int st = style_get(STYLE_STATUS);
	wbkgdset(w, (chtype)(' ' | (st & ~A_CHARTEXT)));
	werase(w);
	char left[512] = "";
	struct pane *p = pane_focused(app);
	if (p && p->ops->status)
		p->ops->status(p, left, sizeof left);
	const char *hint = "F1 help  q back  : command";
	static const struct width_opts wo = { 0 };
	int hc = width_str(&wo, hint, strlen(hint));
	int room = COLS - 2;
	if (room > hc + 20)
		room -= hc + 2;
	else
		hc = 0;
	pane_put_trunc(w, 0, 1, left, strlen(left), room, st);
	if (hc)
		pane_put(w, 0, COLS - hc - 1, hint, strlen(hint), hc, st);
	wnoutrefresh(w);
}

static void
draw_msg(struct app *app)
{
	struct pane_mgr *m = app->mgr;
	WINDOW *w = m->promptw;
	werase(w);
	if (m->msg[0])
		pane_put_trunc(w, 0, 0, m->msg, strlen(m->msg), COLS,
			       style_get(m->msg_err ? STYLE_ERROR : STYLE_MESSAGE));
	wnoutrefresh(w);
}

static void
draw_too_small(void)
{
	erase();
	const char *s = "terminal too small";
	int y = LINES / 2, x = (COLS - 18) / 2;
	if (COLS < 18) {
		s = "too small";
		x = COLS > 9 ? (COLS - 9) / 2 : 0;
	}
	mvaddnstr(y < 0 ? 0 : y, x < 0 ? 0 : x, s, COLS > 0 ? COLS : 0);
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
		return;
	}
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
			/* U+2502 rather than ACS: no charset switching bytes */
			for (int y = 0; y < m->ar.rect[0].rows; y++)
				pane_put(m->sepw, y, 0, "│", 3, 1, style_get(STYLE_BORDER));
			wnoutrefresh(m->sepw);
		}
		draw_tabs(app);
		draw_status(app);
		draw_msg(app);
		m->lines_dirty = 0;
	}
	doupdate();
}

