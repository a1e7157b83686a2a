/* The messages pane; see messages.h. */
#include "messages.h"

#include <stdlib.h>
#include <string.h>

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

/* ---- the pane: one message a row, cut with … ---- */

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
	(void)cols;
	menu_set(p->data, p->app->messages.n, rows > 1 ? rows - 1 : 1);
}

static void
m_draw(struct pane *p, WINDOW *w)
{
	struct menu *m = p->data;
	struct app *app = p->app;
	const struct app_messages *ms = &app->messages;
	int cols = getmaxx(w);
	menu_set(m, ms->n, getmaxy(w) > 1 ? getmaxy(w) - 1 : 1);
	char head[64];
	snprintf(head, sizeof head, "Messages (%zu)", ms->n);
	pane_put_trunc(app, w, 0, 1, head, strlen(head), cols - 2, style_get(app, STYLE_TITLE));
	if (ms->n == 0)
		pane_put_trunc(app, w, 1, 1, "No messages", 11, cols - 2, style_get(app, STYLE_DIM));
	for (int i = 0; i < m->rows; i++) {
		size_t k = m->top + (size_t)i;
		if (k >= ms->n)
			break;
		int at = k == m->cur ? style_get(app, STYLE_CURSOR) : 0;
		if (at) {
			wattrset(w, at);
			mvwhline(w, i + 1, 0, ' ', cols);
			wattrset(w, A_NORMAL);
		}
		pane_put_trunc(app, w, i + 1, 1, ms->v[k], strlen(ms->v[k]), cols - 2, at);
	}
}

static int
m_key(struct pane *p, const struct pane_event *ev)
{
	struct menu *m = p->data;
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
	struct menu *m = p->data;
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
	struct menu *m = calloc(1, sizeof *m);
	if (m == NULL)
		return ERR_NOMEM;
	m->rows = 1;
	return pane_open(app, &msg_ops, m, 1) ? 0 : ERR_NOMEM;
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
