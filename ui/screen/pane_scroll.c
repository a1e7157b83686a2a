/* Scrolling a pane's text by the terminal, the way less does, without a
 * scroll region.
 *
 * The layout keeps one fixed row, the bottom one (status, prompt and
 * messages share it). When the focused pane has every row above it and says
 * its text moved n rows (pane_scrolled), ncurses alone would set a scroll
 * region, scroll, and reset it (about 20 bytes), since its cheap paths only
 * serve a region that reaches the bottom row (tty_update.c,
 * scroll_csr_forward: `ind` when the region is the whole screen, `dl1` when
 * it ends at the last row). Instead, from the hidden cursor resting at the
 * start of the bottom row:
 *   up n:   ind (or indn n): the whole screen moves up, the status row too;
 *           to the status row's new place, il n: it goes back down and n
 *           blank rows open above it.          j: "\n" "\E[A" "\E[L"
 *   down n: to row LINES-1-n, dl n: the status row comes up n rows; home,
 *           ri (or il n): everything moves down again, n blank rows on top.
 * Then curscr is scrolled the same way (wscrl on its rows above the status)
 * so that ncurses knows the screen and draws only the rows that came in.
 * Cursor moves go through mvcur, which keeps ncurses's idea of the cursor.
 * Everything else (the text of the new rows, the status) is ncurses's.
 * One catch: ncurses keeps a hash of each row on the screen, updated as it
 * draws a row or scrolls, and does not see curscr changed from outside: its
 * next update would take the shifted rows for a scroll still to do and
 * scroll again. wredrawln is the public call that makes it rehash rows (of
 * curscr emptied for a repaint); the rows are then put back as they are,
 * so the hashes match nothing, ncurses scrolls nothing, compares every row,
 * and the rows it compares get true hashes again. */
#include <stdio.h>

#include <curses.h>
#include <term.h>

#include "../app.h"
#include "pane.h"
#include "pane_int.h"

static int
out(int c)
{
	return putchar(c);
}

static const char *
cap(const char *name)
{
	const char *s = tigetstr(name);
	return s != NULL && s != (const char *)-1 && s[0] ? s : NULL;
}

static void
emit(const char *s)
{
	tputs(s, 1, out);
}

/* Insert (op "il") or delete ("dl") n rows at the cursor. */
static void
lines_op(const char *one, const char *many, int n)
{
	if (n == 1 && one)
		emit(one);
	else if (many)
		emit(tiparm(many, n));
	else
		while (n-- > 0)
			emit(one);
}

void
pane_scrolled(struct pane *p, long rows)
{
	struct pane_mgr *m = p->app->mgr;
	pane_dirty(p);
	if (rows == 0)
		return;
	if (m->scroll_p != NULL && m->scroll_p != p)
		m->scroll_p = NULL, m->scroll_rows = 0; /* two panes moved: no hint */
	else {
		m->scroll_p = p;
		m->scroll_rows += rows;
	}
}

void
pane_scroll_forget(struct app *app)
{
	app->mgr->scroll_p = NULL;
	app->mgr->scroll_rows = 0;
}

void
pane_scroll_park(struct app *app)
{
	WINDOW *w = app->mgr->promptw;
	if (w == NULL)
		return;
	leaveok(w, FALSE);
	wmove(w, 0, 0);
	wnoutrefresh(w); /* last: newscr's cursor is this one */
}

void
pane_scroll_apply(struct app *app)
{
	struct pane_mgr *m = app->mgr;
	struct pane *p = m->scroll_p;
	long n = m->scroll_rows;
	pane_scroll_forget(app);
	int bottom = LINES - 1; /* the status row; the text is rows [0, bottom) */
	if (p == NULL || n == 0 || m->relayout || m->ar.too_small || m->ar.nshown != 1 ||
	    m->v[m->ar.shown[0]] != p || p->win == NULL || bottom < 2)
		return;
	int by, bx;
	getbegyx(p->win, by, bx);
	if (by != 0 || bx != 0 || getmaxy(p->win) != bottom || getmaxx(p->win) != COLS ||
	    n >= bottom || -n >= bottom)
		return;
	/* The hidden cursor must be where the last update left it. */
	int cy, cx;
	getyx(newscr, cy, cx);
	if (is_leaveok(newscr) || cy != bottom || cx != 0 || is_cleared(curscr))
		return;
	/* Terminals that keep rows scrolled off the screen would bring them
	 * back instead of blanks. */
	if (tigetflag("da") > 0 || tigetflag("db") > 0)
		return;
	const char *ind = cap("ind"), *indn = cap("indn"), *il1 = cap("il1"), *il = cap("il"),
		   *dl1 = cap("dl1"), *dl = cap("dl"), *ri = cap("ri");
	if (!(il1 || il) || (n > 0 && !(ind || indn)) || (n < 0 && !(dl1 || dl)))
		return;
	if (n > 0) {
		if (n == 1 && ind)
			emit(ind);
		else if (indn)
			emit(tiparm(indn, (int)n));
		else
			for (long i = 0; i < n; i++)
				emit(ind);
		mvcur(bottom, 0, bottom - (int)n, 0);
		lines_op(il1, il, (int)n);
	} else {
		int k = (int)-n;
		if (k == 1 && ri)
			emit(ri); /* not at the top: only moves up */
		else
			mvcur(bottom, 0, bottom - k, 0);
		lines_op(dl1, dl, k);
		mvcur(bottom - k, 0, 0, 0);
		if (k == 1 && ri)
			emit(ri); /* at the top: the screen moves down */
		else
			lines_op(il1, il, k);
	}
	fflush(stdout);
	scrollok(curscr, TRUE);
	wsetscrreg(curscr, 0, bottom - 1);
	wscrl(curscr, (int)n);
	wsetscrreg(curscr, 0, LINES - 1);
	scrollok(curscr, FALSE);
	WINDOW *keep = dupwin(curscr);
	if (keep == NULL) {
		clearok(curscr, TRUE); /* a repaint: dear, but right */
		return;
	}
	wredrawln(stdscr, 0, bottom);
	overwrite(keep, curscr);
	delwin(keep);
}
