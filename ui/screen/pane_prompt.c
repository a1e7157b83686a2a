/* The bottom row's one line editor: every prompt (":", "/", filters,
 * notes) and every one-key question reads keys here, on the tested buffer
 * of edit.h, with the same keys, history and resizes. See pane.h. */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../../src/err.h"
#include "../../src/width.h"
#include "../app.h"
#include "edit.h"
#include "keys.h"
#include "pane.h"
#include "pane_int.h"
#include "style.h"

struct prompt {
	const char *label;
	int back_out;        /* Backspace on an empty line cancels */
	int commands;        /* Tab completes ':' command names */
	struct pane_history *h;
	size_t hpos;         /* h->n: the line being typed */
	char *typed;         /* the line being typed while browsing history */
	size_t tab_n, tab_i; /* candidates of the last Tab, the one shown */
	const char *tab_v[64];
	size_t tab_at;       /* bytes before the completed word */
	int menu_shown;      /* the candidates are on the row above */
};

static void
replace(struct ui_edit *e, size_t from, const char *s)
{
	e->cur = e->len;
	while (e->len > from)
		ui_edit_backspace(e);
	ui_edit_insert(e, s, strlen(s));
}

/* Up (dir -1) and Down (dir 1) through the history of the prompt. */
static void
browse(struct prompt *pr, struct ui_edit *e, int dir)
{
	struct pane_history *h = pr->h;
	if (h == NULL || h->n == 0)
		return;
	if (dir < 0 && pr->hpos == 0)
		return;
	if (dir > 0 && pr->hpos >= h->n)
		return;
	if (pr->hpos == h->n) {
		free(pr->typed);
		pr->typed = strdup(e->buf);
	}
	pr->hpos = dir < 0 ? pr->hpos - 1 : pr->hpos + 1;
	replace(e, 0, pr->hpos < h->n ? h->v[pr->hpos] : pr->typed ? pr->typed : "");
}

/* The ':' command names that start with text[at, len) in the focused pane's
 * context and the global maps, each once. */
static size_t
command_names(struct app *app, const char *word, size_t wl, const char **out, size_t max)
{
	struct pane_mgr *m = app->mgr;
	size_t n = 0;
	struct pane *p = pane_focused(app);
	const struct keys_ctx *ctxs[64];
	size_t nc = 0;
	if (p) {
		const struct keys_ctx *c = pane_ctx_of(app, p->ops);
		if (c)
			ctxs[nc++] = c;
	}
	for (size_t i = 0; i < m->nglobals && nc < 64; i++) {
		const struct keys_ctx *c = keys_ctx_find(&m->keys, m->globals[i]->name, m->globals[i]);
		if (c)
			ctxs[nc++] = c;
	}
	static const char *const vi[] = { "quit" };
	for (size_t i = 0; i < sizeof vi / sizeof *vi && n < max; i++)
		if (strncmp(vi[i], word, wl) == 0)
			out[n++] = vi[i];
	for (size_t c = 0; c < nc; c++)
		for (size_t k = 0; k < ctxs[c]->nacts && n < max; k++) {
			const char *name = ctxs[c]->acts[k].name;
			if (strncmp(name, word, wl) != 0)
				continue;
			int dup = 0;
			for (size_t j = 0; j < n && !dup; j++)
				dup = strcmp(out[j], name) == 0;
			if (!dup)
				out[n++] = name;
		}
	return n;
}

/* Tab: complete the command name; again: the next candidate (dir 1), or
 * with S-Tab the one before (dir -1). */
static void
complete(struct app *app, struct prompt *pr, struct ui_edit *e, int again, int dir)
{
	if (!pr->commands)
		return;
	if (!again) {
		if (memchr(e->buf, ' ', e->len)) /* the argument: nothing to offer */
			return;
		pr->tab_at = 0;
		pr->tab_n = command_names(app, e->buf, e->len, pr->tab_v,
					  sizeof pr->tab_v / sizeof *pr->tab_v);
		pr->tab_i = 0;
		if (dir < 0 && pr->tab_n > 0)
			pr->tab_i = pr->tab_n - 1;
	} else if (pr->tab_n > 0) {
		pr->tab_i = (pr->tab_i + pr->tab_n + (dir < 0 ? -1 : 1)) % pr->tab_n;
	}
	if (pr->tab_n == 0) {
		if (app->mgr->curses)
			beep();
		return;
	}
	replace(e, pr->tab_at, pr->tab_v[pr->tab_i]);
	if (pr->tab_n == 1)
		ui_edit_insert(e, " ", 1);
}

/* The candidates of a Tab that found several, on the row above the
 * prompt (vim's wildmenu): two blanks apart, the one on the line in
 * reverse; as many as fit, from the page holding it, with "<" and ">"
 * where more are before and after. */
static void
draw_menu(struct app *app, struct prompt *pr)
{
	if (LINES < 2 || COLS < 8)
		return;
	WINDOW *w = newwin(1, COLS, LINES - 2, 0);
	if (w == NULL)
		return;
	int room = COLS - 4; /* "< " and " >" */
	size_t from = 0;
	for (;;) { /* the page holding tab_i */
		size_t k = from;
		int used = 0;
		while (k < pr->tab_n) {
			int cw = pane_cols(app, pr->tab_v[k], strlen(pr->tab_v[k])) + (k > from ? 2 : 0);
			if (used + cw > room && k > from)
				break;
			used += cw;
			k++;
		}
		if (pr->tab_i < k || k >= pr->tab_n)
			break;
		from = k;
	}
	int st = style_get(app, STYLE_STATUS), x = 0;
	wattrset(w, st);
	mvwhline(w, 0, 0, ' ', COLS);
	if (from > 0)
		x += pane_put(app, w, 0, 0, "< ", 2, 2, style_get(app, STYLE_KEY));
	size_t k = from;
	for (; k < pr->tab_n; k++) {
		const char *c = pr->tab_v[k];
		int cw = pane_cols(app, c, strlen(c));
		if (k > from && x + 2 + cw > room + (from > 0 ? 2 : 0))
			break;
		if (k > from)
			x += 2;
		x += pane_put(app, w, 0, x, c, strlen(c), COLS - x,
			      k == pr->tab_i ? style_get(app, STYLE_CURSOR) : st);
	}
	if (k < pr->tab_n)
		pane_put(app, w, 0, COLS - 2, " >", 2, 2, style_get(app, STYLE_KEY));
	wnoutrefresh(w);
	delwin(w);
	pr->menu_shown = 1;
}

static void
draw_line(struct app *app, WINDOW *w, const char *label, struct ui_edit *e)
{
	const struct width_opts *wo = &app->vopts.layout.w;
	werase(w);
	/* a label wider than half the row is cut with "…" and a blank after
	 * it, so that what is typed stays apart from it */
	int half = COLS / 2, lc;
	if (pane_cols(app, label, strlen(label)) <= half)
		lc = pane_put(app, w, 0, 0, label, strlen(label), half, style_get(app, STYLE_KEY));
	else
		lc = pane_put_trunc(app, w, 0, 0, label, strlen(label), half - 1,
				    style_get(app, STYLE_KEY)) + 1;
	int room = COLS - lc - 1, cur = ui_edit_scroll(e, wo, room);
	int col = 0, shown = 0;
	for (size_t p = 0; p < e->len;) {
		size_t q = width_next_cluster(e->buf, e->len, p);
		int cw = width_cluster(wo, e->buf + p, q - p);
		if (col >= e->scroll_cols) {
			if (shown + cw > room)
				break;
			shown += pane_put(app, w, 0, lc + shown, e->buf + p, q - p, room - shown, A_NORMAL);
		}
		col += cw;
		p = q;
	}
	wmove(w, 0, lc + cur);
	wnoutrefresh(w);
}

/* After Esc: drop the rest of an escape sequence the terminal description
 * does not know (ESC [ 1 ~); 1 if there was one. Any other key right
 * behind the Esc is put back: Esc cancels, the key acts after it. */
static int
drop_sequence(WINDOW *w)
{
	wint_t next;
	nodelay(w, TRUE);
	int more = wget_wch(w, &next);
	if (more == ERR || (more == OK && next != '[' && next != 'O') || more == KEY_CODE_YES) {
		if (more == OK)
			unget_wch((wchar_t)next);
		else if (more == KEY_CODE_YES)
			ungetch((int)next);
		nodelay(w, FALSE);
		return 0;
	}
	int n = 0;
	while ((more = wget_wch(w, &next)) == OK && n++ < 16 && !(next >= 0x40 && next <= 0x7e))
		;
	nodelay(w, FALSE);
	return 1;
}

/* One key for the editor; returns UI_EDIT_*. */
static int
edit_key(struct app *app, struct prompt *pr, struct ui_edit *e, WINDOW *w, int r, wint_t ch)
{
	int is_code = r == KEY_CODE_YES, tab = !is_code && ch == '\t';
	int btab = is_code && ch == KEY_BTAB;
	int again = (tab || btab) && pr->tab_n > 0;
	if (!tab && !btab)
		pr->tab_n = 0;
	if (is_code) {
		switch (ch) {
		case KEY_BTAB: complete(app, pr, e, again, -1); return UI_EDIT_MORE;
		case KEY_UP: browse(pr, e, -1); return UI_EDIT_MORE;
		case KEY_DOWN: browse(pr, e, 1); return UI_EDIT_MORE;
		case KEY_BACKSPACE:
			if (e->len == 0 && pr->back_out)
				return UI_EDIT_CANCEL;
			break;
		default: break;
		}
		return ui_edit_key(e, 1, (unsigned)ch);
	}
	switch (ch) {
	case '\t': complete(app, pr, e, again, 1); return UI_EDIT_MORE;
	case 8: case 127:
		if (e->len == 0 && pr->back_out)
			return UI_EDIT_CANCEL;
		break;
	case PANE_CTRL('p'): browse(pr, e, -1); return UI_EDIT_MORE;
	case PANE_CTRL('n'): browse(pr, e, 1); return UI_EDIT_MORE;
	case PANE_CTRL('w'): ui_edit_kill_word(e); return UI_EDIT_MORE;
	case PANE_CTRL('l'): clearok(curscr, TRUE); pane_dirty_all(app); return UI_EDIT_MORE;
	case 27:
		if (drop_sequence(w))
			return UI_EDIT_MORE;
		break;
	case '\r': case '\n': {
		/* a newline with more input right behind it is a paste */
		wint_t next;
		nodelay(w, TRUE);
		int more = wget_wch(w, &next);
		nodelay(w, FALSE);
		if (more == ERR)
			break;
		ui_edit_insert(e, " ", 1);
		if (more == OK && (next == '\r' || next == '\n'))
			return UI_EDIT_MORE;
		return edit_key(app, pr, e, w, more, next);
	}
	default: break;
	}
	return ui_edit_key(e, 0, (unsigned)ch);
}

/* The loop every prompt shares. 1 and *out (malloc'd) on Enter. */
static int
run(struct app *app, struct prompt *pr, const char *initial, char **out)
{
	struct pane_mgr *m = app->mgr;
	struct ui_edit e;
	if (ui_edit_init(&e, initial) < 0)
		return 0;
	pr->h = pane_history_get(m, pr->label);
	pr->hpos = pr->h ? pr->h->n : 0;
	m->msg[0] = 0;
	curs_set(1);
	int result = UI_EDIT_MORE;
	while (result == UI_EDIT_MORE && !pane_signalled()) {
		/* The screen first (it may have been resized), then the line:
		 * the prompt window is remade on a resize, so fetch it anew. */
		if (pr->menu_shown && pr->tab_n < 2) { /* the panes' row again */
			pr->menu_shown = 0;
			pane_dirty_all(app);
		}
		pane_update(app);
		WINDOW *w = m->promptw;
		leaveok(w, FALSE);
		if (!m->ar.too_small) {
			if (pr->tab_n > 1)
				draw_menu(app, pr);
			draw_line(app, w, pr->label, &e);
			doupdate();
		}
		wint_t ch;
		wtimeout(w, -1);
		int r = wget_wch(w, &ch);
		if (r == ERR)
			continue;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			m->relayout = 1;
			continue;
		}
		result = edit_key(app, pr, &e, w, r, ch);
	}
	curs_set(0);
	if (pr->menu_shown)
		pane_dirty_all(app);
	leaveok(m->promptw, TRUE);
	werase(m->promptw);
	wnoutrefresh(m->promptw);
	m->lines_dirty = 1;
	free(pr->typed);
	if (result != UI_EDIT_DONE) {
		ui_edit_free(&e);
		return 0;
	}
	pane_history_add(pr->h, e.buf);
	*out = e.buf;
	return 1;
}

static int
prompt_buf(struct app *app, struct prompt *pr, const char *initial, char *buf, size_t cap)
{
	char *s = NULL;
	if (cap == 0)
		return 0;
	buf[0] = 0;
	if (!run(app, pr, initial, &s))
		return 0;
	size_t n = strlen(s);
	if (n >= cap) { /* cut at a cluster boundary */
		size_t k = 0;
		while (k < n) {
			size_t q = width_next_cluster(s, n, k);
			if (q >= cap)
				break;
			k = q;
		}
		n = k;
	}
	memcpy(buf, s, n);
	buf[n] = 0;
	free(s);
	return 1;
}

int
pane_prompt(struct app *app, const char *label, const char *initial, char *buf, size_t cap)
{
	struct prompt pr = { .label = label, .back_out = 1 };
	return prompt_buf(app, &pr, initial, buf, cap);
}

int
pane_prompt_command(struct app *app, char *buf, size_t cap)
{
	struct prompt pr = { .label = ":", .back_out = 1, .commands = 1 };
	return prompt_buf(app, &pr, NULL, buf, cap);
}

int
pane_prompt_edit(struct app *app, const char *label, const char *initial, char **out)
{
	struct prompt pr = { .label = label };
	return run(app, &pr, initial, out);
}

/* A question on the bottom row; cut with "…" where it is too long, but
 * the answers it ends with, " (y/n)", are kept. */
static void
put_question(struct app *app, WINDOW *w, const char *label)
{
	size_t len = strlen(label);
	int room = COLS - 1, st = style_get(app, STYLE_KEY);
	const char *tail = NULL;
	for (const char *p = label; len && label[len - 1] == ')' && (p = strstr(p, " (")); p++)
		tail = p;
	int tw = tail ? pane_cols(app, tail, strlen(tail)) : 0;
	if (tail == NULL || pane_cols(app, label, len) <= room || tw + 2 > room) {
		pane_put_trunc(app, w, 0, 0, label, len, room, st);
		return;
	}
	int c = pane_put_trunc(app, w, 0, 0, label, (size_t)(tail - label), room - tw, st);
	pane_put(app, w, 0, c, tail, strlen(tail), tw, st);
}

int
pane_ask_key(struct app *app, const char *label)
{
	struct pane_mgr *m = app->mgr;
	m->msg[0] = 0;
	for (;;) {
		pane_update(app);
		if (!m->ar.too_small) {
			werase(m->promptw);
			put_question(app, m->promptw, label);
			wnoutrefresh(m->promptw);
			doupdate();
		}
		wint_t ch;
		wtimeout(m->promptw, -1);
		int r = wget_wch(m->promptw, &ch);
		if (pane_signalled())
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
