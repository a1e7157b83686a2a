/* Long work in the panes (a corpus search, the comparison): its progress
 * on the bottom row, and a look at the typed keys for Esc or Ctrl-C,
 * between steps of the work; see pane.h. */
#include <stdio.h>
#include <string.h>

#include "../app.h"
#include "pane.h"
#include "pane_int.h"
#include "style.h"

/* Keys kept aside while looking for a cancel: more are left unread. */
#define BUSY_KEYS 32

int
pane_cancel_pending(struct app *app)
{
	struct pane_mgr *m = app->mgr;
	if (!m->curses || m->promptw == NULL)
		return 0;
	struct {
		int r;
		wint_t ch;
	} kept[BUSY_KEYS];
	int n = 0, cancel = 0, delay = wgetdelay(m->promptw);
	wtimeout(m->promptw, 0);
	while (n < BUSY_KEYS) {
		wint_t ch;
		int r = wget_wch(m->promptw, &ch);
		if (r == ERR)
			break;
		/* raw mode: Ctrl-C is a key (3), not SIGINT */
		if (r == OK && (ch == PANE_KEY_ESC || ch == PANE_CTRL('c'))) {
			cancel = 1;
			continue;
		}
		kept[n].r = r;
		kept[n++].ch = ch;
	}
	/* the other keys go back for the event loop, in the order typed */
	while (n-- > 0) {
		if (kept[n].r == KEY_CODE_YES)
			ungetch((int)kept[n].ch);
		else
			unget_wch((wchar_t)kept[n].ch);
	}
	wtimeout(m->promptw, delay);
	return cancel;
}

void
pane_progress(struct app *app, const char *label, size_t done, size_t total)
{
	struct pane_mgr *m = app->mgr;
	if (!m->curses || m->promptw == NULL || m->ar.too_small)
		return;
	/* the count and "Esc: stop" always whole: where the row is short the
	 * bar narrows, then goes, then the label is cut (at 40 columns it
	 * read "comparison: loading every article [##-…") */
	enum { CELLS = 20, CELLS_MIN = 8 };
	char count[64], bar[CELLS + 1] = "";
	snprintf(count, sizeof count, " %zu/%zu  Esc: stop", done, total);
	int room = COLS - 1, cc = (int)strlen(count), lc = pane_cols(app, label, strlen(label));
	int cells = room - lc - cc - 3;
	cells = cells > CELLS ? CELLS : cells < CELLS_MIN ? 0 : cells;
	size_t full = total ? done * (size_t)cells / total : 0;
	for (int i = 0; i < cells; i++)
		bar[i] = (size_t)i < full ? '#' : '-';
	bar[cells] = '\0';
	char tail[128];
	snprintf(tail, sizeof tail, "%s%s%s%s", cells ? " [" : "", bar, cells ? "]" : "", count);
	int tc = (int)strlen(tail), at = style_get(app, STYLE_MESSAGE);
	werase(m->promptw);
	int x = pane_put_trunc(app, m->promptw, 0, 0, label, strlen(label), room - tc > 1 ? room - tc : 1, at);
	pane_put_trunc(app, m->promptw, 0, x, tail, strlen(tail), room - x, at);
	wnoutrefresh(m->promptw);
	doupdate();
	m->lines_dirty = 1; /* the status line again at the next update */
}
