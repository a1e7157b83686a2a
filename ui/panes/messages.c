/* The messages pane; see messages.h. */
#include "messages.h"

#include <stdlib.h>
#include <string.h>

#include "../../src/width.h"

#include "../../src/err.h"
#include "../app.h"
#include "../screen/menu.h"
#include "../screen/pane.h"
#include "../screen/style.h"

int
ui_messages_add(struct app *app, const char *msg)
{
	struct app_messages *m = &app->messages;
	if (m->n == m->cap) {
		size_t c = m->cap ? m->cap * 2 : 16;
		char **v = realloc(m->v, c * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		m->v = v;
		m->cap = c;
	}
	if ((m->v[m->n] = strdup(msg)) == NULL)
		return ERR_NOMEM;
	m->n++;
	return 0;
}

void
ui_messages_free(struct app *app)
{
	struct app_messages *m = &app->messages;
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i]);
	free(m->v);
	memset(m, 0, sizeof *m);
}

/* The line number of "path:N: ..." for this path, or -1. */
static long
line_of(const char *msg, const char *path, size_t pl)
{
	if (strncmp(msg, path, pl) != 0 || msg[pl] != ':')
		return -1;
	char *end;
	long n = strtol(msg + pl + 1, &end, 10);
	return end > msg + pl + 1 && *end == ':' ? n : -1;
}

void
ui_messages_by_line(char **v, size_t n, const char *path)
{
	if (path == NULL || n < 2)
		return;
	size_t pl = strlen(path), *at = malloc(n * sizeof *at), k = 0;
	char **mine = malloc(n * sizeof *mine);
	if (at && mine) {
		for (size_t i = 0; i < n; i++)
			if (line_of(v[i], path, pl) >= 0) {
				at[k] = i;
				mine[k++] = v[i];
			}
		/* by line, stable (an insertion sort: a handful) */
		for (size_t i = 1; i < k; i++)
			for (size_t j = i; j > 0 && line_of(mine[j - 1], path, pl) > line_of(mine[j], path, pl); j--) {
				char *t = mine[j];
				mine[j] = mine[j - 1];
				mine[j - 1] = t;
			}
		for (size_t i = 0; i < k; i++)
			v[at[i]] = mine[i];
	}
	free(at);
	free(mine);
}

/* ---- the pane: each message on as many rows as it takes ---- */

/* The messages pane: the cursor is a message; top the first shown. */
struct mpane {
	struct menu m;
	size_t top;
};

/* Continuation rows are indented this much under the first. */
enum { WRAP_INDENT = 2 };

/* The end of the next row of msg from byte at, cols wide: after the last
 * blank that fits if there is one in its second half, else the last
 * cluster that fits (at least one). */
static size_t
row_end(struct app *app, const char *msg, size_t len, size_t at, int cols)
{
	int used = 0;
	size_t p = at, blank = 0;
	while (p < len) {
		size_t q = width_next_cluster(msg, len, p);
		int c = pane_cols(app, msg + p, q - p);
		if (used + c > cols && p > at)
			break;
		used += c;
		if (msg[p] == ' ' && used > cols / 2)
			blank = q;
		p = q;
	}
	return p < len && blank ? blank : p;
}

/* Rows message msg takes in a pane cols wide. */
static int
rows_of(struct app *app, const char *msg, int cols)
{
	size_t len = strlen(msg);
	int n = 0, w = cols - 2;
	for (size_t at = 0; at < len || n == 0; n++) {
		at = row_end(app, msg, len, at, w);
		w = cols - 2 - WRAP_INDENT;
		if (w < 1)
			return n + 1;
	}
	return n;
}

enum { M_DOWN = 1, M_UP, M_TOP, M_BOTTOM, M_CLOSE };

static const struct pane_key msg_keys[] = {
	{ M_DOWN, "down", { 'j', KEY_DOWN }, "Next message", 0 },
	{ M_UP, "up", { 'k', KEY_UP }, "Previous message", 0 },
	{ M_TOP, "top", { 'g', KEY_HOME }, "First message", 0 },
	{ M_BOTTOM, "bottom", { 'G', KEY_END }, "Last message", 0 },
	{ M_CLOSE, "close", { 'q', PANE_KEY_ESC }, "Close the messages", 0 },
};

static void
m_resize(struct pane *p, int rows, int cols)
{
	struct mpane *mp = p->data;
	(void)cols;
	menu_set(&mp->m, p->app->messages.n, rows > 1 ? rows - 1 : 1);
}

static void
m_draw(struct pane *p, WINDOW *w)
{
	struct mpane *mp = p->data;
	struct menu *m = &mp->m;
	struct app *app = p->app;
	const struct app_messages *ms = &app->messages;
	int cols = getmaxx(w), rows = getmaxy(w) > 1 ? getmaxy(w) - 1 : 1;
	menu_set(m, ms->n, rows);
	/* the cursor's message whole on screen (as far as it fits) */
	if (mp->top > m->cur || mp->top >= ms->n)
		mp->top = m->cur;
	for (;;) {
		int used = 0;
		for (size_t k = mp->top; k <= m->cur && k < ms->n; k++)
			used += rows_of(app, ms->v[k], cols);
		if (used <= rows || mp->top == m->cur)
			break;
		mp->top++;
	}
	char head[64];
	snprintf(head, sizeof head, "Messages (%zu)", ms->n);
	pane_put_trunc(app, w, 0, 1, head, strlen(head), cols - 2, style_get(app, STYLE_TITLE));
	if (ms->n == 0)
		pane_put_trunc(app, w, 1, 1, "No messages", 11, cols - 2, style_get(app, STYLE_DIM));
	int y = 1;
	for (size_t k = mp->top; k < ms->n && y <= rows; k++) {
		int at = k == m->cur ? style_get(app, STYLE_CURSOR) : 0;
		const char *msg = ms->v[k];
		size_t len = strlen(msg);
		int x = 1, wc = cols - 2;
		for (size_t pos = 0; (pos < len || x == 1) && y <= rows; y++) {
			if (at) {
				wattrset(w, at);
				mvwhline(w, y, 0, ' ', cols);
				wattrset(w, A_NORMAL);
			}
			size_t end = row_end(app, msg, len, pos, wc);
			pane_put(app, w, y, x, msg + pos, end - pos, wc, at);
			pos = end;
			while (pos < len && msg[pos] == ' ') /* no blank starts a row */
				pos++;
			x = 1 + WRAP_INDENT;
			wc = cols - 2 - WRAP_INDENT;
			if (wc < 1)
				break;
		}
	}
}

static int
m_key(struct pane *p, const struct pane_event *ev)
{
	struct menu *m = &((struct mpane *)p->data)->m;
	switch (ev->action) {
	case M_DOWN: menu_move(m, 1); break;
	case M_UP: menu_move(m, -1); break;
	case M_TOP: menu_goto(m, 0); break;
	case M_BOTTOM: menu_goto(m, m->n ? m->n - 1 : 0); break;
	case M_CLOSE: return PANE_CLOSE | PANE_REDRAW_ALL;
	default: return PANE_UNHANDLED;
	}
	return PANE_REDRAW;
}

static void
m_title(struct pane *p, char *buf, size_t cap)
{
	(void)p;
	snprintf(buf, cap, "Messages");
}

static void
m_status(struct pane *p, char *buf, size_t cap)
{
	struct menu *m = &((struct mpane *)p->data)->m;
	snprintf(buf, cap, "Messages  %zu/%zu", m->n ? m->cur + 1 : 0, m->n);
}

static void
m_destroy(struct pane *p)
{
	free(p->data);
}

static const struct pane_ops msg_ops = {
	.name = "messages",
	.keys = msg_keys,
	.nkeys = sizeof msg_keys / sizeof msg_keys[0],
	.draw = m_draw,
	.key = m_key,
	.resize = m_resize,
	.title = m_title,
	.status = m_status,
	.destroy = m_destroy,
};

int
ui_messages_open(struct app *app)
{
	struct pane *old = pane_find(app, &msg_ops);
	if (old) {
		pane_focus(app, old);
		return 0;
	}
	struct mpane *mp = calloc(1, sizeof *mp);
	if (mp == NULL)
		return ERR_NOMEM;
	mp->m.rows = 1;
	return pane_open(app, &msg_ops, mp, 1) ? 0 : ERR_NOMEM;
}

enum { G_MESSAGES = 1 };

static const struct pane_key global_keys[] = {
	{ G_MESSAGES, "messages", { KEY_F(7) }, "Messages: every warning since the start (bad config lines, unread files)", 0 },
};

static int
global_fn(struct app *app, struct pane *focused, const struct pane_event *ev)
{
	(void)focused;
	if (ev->action != G_MESSAGES)
		return PANE_UNHANDLED;
	if (ui_messages_open(app) < 0)
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
ui_messages_register(struct app *app)
{
	int rc;
	if ((rc = pane_register(app, &msg_ops)) < 0 ||
	    (rc = pane_register_global(app, &global_map)) < 0)
		return rc;
	return 0;
}
