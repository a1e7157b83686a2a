/* ui_edit: the note line editor (see edit.h). */
#include "edit.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <wchar.h>

#include "../../src/err.h"
#include "../app.h"
#include "pane.h"
#include "pane_int.h"
#include "style.h"

#define KEY_ESC 27

void
ui_edit_register(struct app *app)
{
	(void)app;
}

int
ui_edit_init(struct ui_edit *e, const char *initial)
{
	memset(e, 0, sizeof *e);
	e->cap = 64;
	e->buf = malloc(e->cap);
	if (e->buf == NULL)
		return ERR_NOMEM;
	e->buf[0] = 0;
	if (initial && ui_edit_insert(e, initial, strlen(initial)) < 0) {
		ui_edit_free(e);
		return ERR_NOMEM;
	}
	return 0;
}

void
ui_edit_free(struct ui_edit *e)
{
	free(e->buf);
	memset(e, 0, sizeof *e);
}

static int
reserve(struct ui_edit *e, size_t more)
{
	if (e->len + more + 1 <= e->cap)
		return 0;
	size_t cap = e->cap ? e->cap : 64;
	while (e->len + more + 1 > cap)
		cap *= 2;
	char *p = realloc(e->buf, cap);
	if (p == NULL)
		return ERR_NOMEM;
	e->buf = p;
	e->cap = cap;
	return 0;
}

int
ui_edit_insert(struct ui_edit *e, const char *s, size_t n)
{
	if (reserve(e, n) < 0)
		return ERR_NOMEM;
	/* Filter into place: the result is never longer than the input. */
	char *tmp = malloc(n + 1);
	if (tmp == NULL)
		return ERR_NOMEM;
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
							(utf8proc_ssize_t)(n - i), &c);
		if (len <= 0) {
			i++; /* invalid byte: dropped */
			continue;
		}
		if (c == '\n' || c == '\r' || c == '\t')
			tmp[k++] = ' ';
		else if (!(c < 0x20 || (c >= 0x7f && c < 0xa0)))
			for (utf8proc_ssize_t j = 0; j < len; j++)
				tmp[k++] = s[i + (size_t)j];
		i += (size_t)len;
	}
	memmove(e->buf + e->cur + k, e->buf + e->cur, e->len - e->cur + 1);
	memcpy(e->buf + e->cur, tmp, k);
	e->len += k;
	e->cur += k;
	free(tmp);
	return 0;
}

/* Start of the cluster that ends at the cursor (notes are short: scan
 * clusters from the start, the only way grapheme breaks can be found). */
static size_t
prev_cluster(const struct ui_edit *e)
{
	size_t p = 0, last = 0;
	while (p < e->cur) {
		last = p;
		p = width_next_cluster(e->buf, e->len, p);
	}
	return last;
}

void
ui_edit_left(struct ui_edit *e)
{
	e->cur = prev_cluster(e);
}

void
ui_edit_right(struct ui_edit *e)
{
	if (e->cur < e->len)
		e->cur = width_next_cluster(e->buf, e->len, e->cur);
}

void
ui_edit_home(struct ui_edit *e)
{
	e->cur = 0;
}

void
ui_edit_end(struct ui_edit *e)
{
	e->cur = e->len;
}

static void
cut(struct ui_edit *e, size_t from, size_t to)
{
	memmove(e->buf + from, e->buf + to, e->len - to + 1);
	e->len -= to - from;
	e->cur = from;
}

void
ui_edit_backspace(struct ui_edit *e)
{
	if (e->cur > 0)
		cut(e, prev_cluster(e), e->cur);
}

void
ui_edit_delete(struct ui_edit *e)
{
	if (e->cur < e->len)
		cut(e, e->cur, width_next_cluster(e->buf, e->len, e->cur));
}

void
ui_edit_kill_end(struct ui_edit *e)
{
	cut(e, e->cur, e->len);
}

void
ui_edit_kill_start(struct ui_edit *e)
{
	cut(e, 0, e->cur);
}

int
ui_edit_scroll(struct ui_edit *e, const struct width_opts *wo, int width_cols)
{
	int col = width_str(wo, e->buf, e->cur);
	if (width_cols < 2)
		width_cols = 2;
	/* Keep a column free after the cursor for the terminal cursor. */
	if (col < e->scroll_cols)
		e->scroll_cols = col;
	else if (col > e->scroll_cols + width_cols - 2)
		e->scroll_cols = col - (width_cols - 2);
	int total = width_str(wo, e->buf, e->len);
	if (e->scroll_cols > 0 && total - e->scroll_cols < width_cols - 1)
		e->scroll_cols = total - (width_cols - 1) > 0 ? total - (width_cols - 1) : 0;
	/* Start the shown part on a cluster: a wide character is not cut. */
	int c = 0;
	for (size_t p = 0; p < e->len && c < e->scroll_cols;) {
		size_t q = width_next_cluster(e->buf, e->len, p);
		c += width_cluster(wo, e->buf + p, q - p);
		p = q;
	}
	e->scroll_cols = c < col ? c : col;
	return col - e->scroll_cols;
}

int
ui_edit_key(struct ui_edit *e, int is_code, unsigned key)
{
	if (is_code) {
		switch (key) {
		case KEY_LEFT: ui_edit_left(e); break;
		case KEY_RIGHT: ui_edit_right(e); break;
		case KEY_HOME: ui_edit_home(e); break;
		case KEY_END: ui_edit_end(e); break;
		case KEY_BACKSPACE: ui_edit_backspace(e); break;
		case KEY_DC: ui_edit_delete(e); break;
		case KEY_ENTER: return UI_EDIT_DONE;
		default: break;
		}
		return UI_EDIT_MORE;
	}
	switch (key) {
	case '\r':
	case '\n': return UI_EDIT_DONE;
	case KEY_ESC:
	case 3:  /* Ctrl-C */
	case 7:  /* Ctrl-G */
		return UI_EDIT_CANCEL;
	case 1: ui_edit_home(e); return UI_EDIT_MORE;   /* Ctrl-A */
	case 5: ui_edit_end(e); return UI_EDIT_MORE;    /* Ctrl-E */
	case 2: ui_edit_left(e); return UI_EDIT_MORE;   /* Ctrl-B */
	case 6: ui_edit_right(e); return UI_EDIT_MORE;  /* Ctrl-F */
	case 4: ui_edit_delete(e); return UI_EDIT_MORE; /* Ctrl-D */
	case 8:
	case 127: ui_edit_backspace(e); return UI_EDIT_MORE;
	case 11: ui_edit_kill_end(e); return UI_EDIT_MORE;   /* Ctrl-K */
	case 21: ui_edit_kill_start(e); return UI_EDIT_MORE; /* Ctrl-U */
	default: break;
	}
	if (key < 0x20 || key > 0x10FFFF)
		return UI_EDIT_MORE;
	utf8proc_uint8_t u[4];
	utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)key, u);
	if (n > 0)
		ui_edit_insert(e, (const char *)u, (size_t)n);
	return UI_EDIT_MORE;
}

static void
draw(WINDOW *w, int y, int x, int width, const struct width_opts *wo, struct ui_edit *e)
{
	int cur = ui_edit_scroll(e, wo, width);
	wmove(w, y, x);
	for (int i = 0; i < width; i++)
		waddch(w, ' ');
	int col = 0, shown = 0;
	char cell[32];
	for (size_t p = 0; p < e->len;) {
		size_t q = width_next_cluster(e->buf, e->len, p);
		int cw = width_cluster(wo, e->buf + p, q - p);
		if (col >= e->scroll_cols && shown + cw <= width) {
			width_cluster_shown(wo, e->buf + p, q - p, cell, sizeof cell);
			mvwaddstr(w, y, x + shown, cell);
			shown += cw;
		} else if (col >= e->scroll_cols) {
			break;
		}
		col += cw;
		p = q;
	}
	wmove(w, y, x + cur);
}

/* Read one key into e: returns the editor's verdict. A newline with more
 * input already waiting is a paste of several lines, not Enter. *resized
 * is set on KEY_RESIZE. */
static int
read_key(WINDOW *w, struct ui_edit *e, int *resized)
{
	wint_t ch;
	int rc = wget_wch(w, &ch);
	if (rc == ERR)
		return UI_EDIT_MORE;
	if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
		*resized = 1;
		return UI_EDIT_MORE;
	}
	if (rc == OK && ch == KEY_ESC) {
		/* Esc with more bytes right behind it is a key the terminal
		 * description does not know (ESC [ 1 ~): drop the sequence
		 * rather than cancel the note being typed. */
		wint_t next;
		nodelay(w, TRUE);
		int more = wget_wch(w, &next), n = 0;
		while (more == OK && n++ < 16 && !(n > 1 && next >= 0x40 && next <= 0x7e))
			more = wget_wch(w, &next);
		nodelay(w, FALSE);
		if (n > 0 || more != ERR)
			return UI_EDIT_MORE;
	}
	if (rc == OK && (ch == '\r' || ch == '\n')) {
		wint_t next;
		nodelay(w, TRUE);
		int more = wget_wch(w, &next);
		nodelay(w, FALSE);
		if (more != ERR) {
			ui_edit_insert(e, " ", 1);
			if (more == OK && next != '\r' && next != '\n')
				return ui_edit_key(e, 0, (unsigned)next);
			if (more == KEY_CODE_YES)
				return ui_edit_key(e, 1, (unsigned)next);
			return UI_EDIT_MORE;
		}
	}
	return ui_edit_key(e, rc == KEY_CODE_YES, (unsigned)ch);
}

int
ui_edit_run(WINDOW *w, int y, int x, int width_cols, const struct width_opts *wo,
	    const char *label, const char *initial, char **out)
{
	struct ui_edit e;
	if (ui_edit_init(&e, initial) < 0)
		return 0;
	int lw = 0;
	if (label) {
		mvwaddstr(w, y, x, label);
		lw = width_str(wo, label, strlen(label));
	}
	int old_cursor = curs_set(1);
	keypad(w, TRUE);
	int result = UI_EDIT_MORE, resized = 0;
	while (result == UI_EDIT_MORE) {
		draw(w, y, x + lw, width_cols - lw, wo, &e);
		wrefresh(w);
		result = read_key(w, &e, &resized);
	}
	if (old_cursor != ERR)
		curs_set(old_cursor);
	if (result == UI_EDIT_CANCEL) {
		ui_edit_free(&e);
		return 0;
	}
	*out = e.buf; /* ownership passes to the caller */
	return 1;
}

int
ui_edit_prompt(struct app *app, const char *label, const char *initial, char **out)
{
	static const struct width_opts wo = { 0 };
	struct pane_mgr *m = app->mgr;
	struct ui_edit e;
	if (ui_edit_init(&e, initial) < 0)
		return 0;
	m->msg[0] = 0;
	curs_set(1);
	int result = UI_EDIT_MORE;
	while (result == UI_EDIT_MORE && !pane_signalled) {
		/* The screen first (it may have been resized), then the line:
		 * the prompt window is remade on a resize, so fetch it anew. */
		pane_update(app);
		WINDOW *w = m->promptw;
		int resized = 0;
		if (m->ar.too_small) {
			wtimeout(w, -1);
			result = read_key(w, &e, &resized);
			if (resized)
				m->relayout = 1;
			continue;
		}
		leaveok(w, FALSE);
		werase(w);
		int lc = pane_put(w, 0, 0, label, strlen(label), COLS / 2, style_get(STYLE_KEY));
		draw(w, 0, lc, COLS - lc - 1, &wo, &e);
		wnoutrefresh(w);
		doupdate();
		wtimeout(w, -1);
		result = read_key(w, &e, &resized);
		if (resized)
			m->relayout = 1;
	}
	curs_set(0);
	leaveok(m->promptw, TRUE);
	werase(m->promptw);
	wnoutrefresh(m->promptw);
	m->lines_dirty = 1;
	if (result != UI_EDIT_DONE) {
		ui_edit_free(&e);
		return 0;
	}
	*out = e.buf;
	return 1;
}
