/* The prompt line: read a line of UTF-8 (Chinese input included) with a
 * few editing keys, redrawing the screen on resize. See pane_prompt in
 * pane.h. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../../src/width.h"
#include "../app.h"
#include "keys.h"
#include "pane.h"
#include "pane_int.h"
#include "style.h"

void
pane_draw_prompt_line(struct app *app, const char *label, const char *text,
		      size_t len, size_t cursor)
{
	static const struct width_opts wo = { 0 };
	WINDOW *w = app->mgr->promptw;
	(void)cursor;
	werase(w);
	int lc = pane_put(w, 0, 0, label, strlen(label), COLS - 2, style_get(STYLE_KEY));
	int room = COLS - lc - 1;
	/* Show the tail when the line is wider than the room. */
	size_t from = 0;
	while (from < len && width_str(&wo, text + from, len - from) > room)
		from = width_next_cluster(text, len, from);
	int c = pane_put(w, 0, lc, text + from, len - from, room, A_NORMAL);
	wmove(w, 0, lc + c);
	wnoutrefresh(w);
}

/* Remove the last cluster of buf[0, *len). */
static void
back_cluster(char *buf, size_t *len)
{
	size_t last = 0;
	for (size_t i = 0; i < *len;) {
		last = i;
		i = width_next_cluster(buf, *len, i);
	}
	*len = last;
	buf[*len] = 0;
}

int
pane_prompt(struct app *app, const char *label, const char *initial, char *buf,
	    size_t cap)
{
	struct pane_mgr *m = app->mgr;
	size_t len = 0;
	if (cap == 0)
		return 0;
	buf[0] = 0;
	if (initial) {
		len = strnlen(initial, cap - 1);
		memcpy(buf, initial, len);
		buf[len] = 0;
	}
	m->msg[0] = 0;
	curs_set(1);
	leaveok(m->promptw, FALSE);
	int done = -1;
	while (done < 0 && !pane_signalled) {
		pane_update(app);
		if (m->ar.too_small) {
			wint_t ch;
			wtimeout(m->promptw, 1000);
			int r = wget_wch(m->promptw, &ch);
			if (r == KEY_CODE_YES && ch == KEY_RESIZE)
				m->relayout = 1;
			else if (r != ERR)
				done = 0;
			continue;
		}
		pane_draw_prompt_line(app, label, buf, len, len);
		doupdate();
		wint_t ch;
		wtimeout(m->promptw, -1);
		int r = wget_wch(m->promptw, &ch);
		if (r == ERR)
			continue;
		if (r == KEY_CODE_YES) {
			switch (ch) {
			case KEY_RESIZE: m->relayout = 1; break;
			case KEY_BACKSPACE:
				if (len == 0)
					done = 0; /* backspace on an empty line backs out, as in less */
				else
					back_cluster(buf, &len);
				break;
			case KEY_ENTER: done = 1; break;
			default: break;
			}
			continue;
		}
		switch (ch) {
		case '\r': case '\n': done = 1; continue;
		case 27: case PANE_CTRL('c'): case PANE_CTRL('g'): done = 0; continue;
		case 8: case 127:
			if (len == 0)
				done = 0;
			else
				back_cluster(buf, &len);
			continue;
		case PANE_CTRL('u'): len = 0; buf[0] = 0; continue;
		case PANE_CTRL('w'):
			while (len > 0 && buf[len - 1] == ' ')
				len--;
			while (len > 0 && buf[len - 1] != ' ')
				back_cluster(buf, &len);
			buf[len] = 0;
			continue;
		case PANE_CTRL('l'): clearok(curscr, TRUE); pane_dirty_all(app); continue;
		default: break;
		}
		if (ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0))
			continue;
		char mb[MB_LEN_MAX];
		mbstate_t st;
		memset(&st, 0, sizeof st);
		size_t n = wcrtomb(mb, (wchar_t)ch, &st);
		if (n == (size_t)-1 || len + n >= cap)
			continue;
		memcpy(buf + len, mb, n);
		len += n;
		buf[len] = 0;
	}
	curs_set(0);
	leaveok(m->promptw, TRUE);
	m->lines_dirty = 1;
	werase(m->promptw);
	wnoutrefresh(m->promptw);
	return done == 1;
}
