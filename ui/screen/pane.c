/* The screen manager: open panes, focus, windows, the tab and status
 * lines, key dispatch and the event loop. See pane.h. */
#include "pane.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "../../src/err.h"
#include "../../src/width.h"
#include "../app.h"
#include "pane_int.h"
#include "style.h"
#include "../panes/reader.h"

volatile sig_atomic_t pane_signalled;

static int
grow(void **v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return 0;
	size_t c = *cap ? *cap * 2 : 8;
	void *nv = realloc(*v, c * size);
	if (nv == NULL)
		return ERR_NOMEM;
	*v = nv;
	*cap = c;
	return 0;
}

int
pane_mgr_init(struct app *app)
{
	app->mgr = calloc(1, sizeof *app->mgr);
	return app->mgr ? 0 : ERR_NOMEM;
}

void
pane_mgr_free(struct app *app)
{
	struct pane_mgr *m = app->mgr;
	if (m == NULL)
		return;
	while (m->n > 0)
		pane_close(app, m->v[m->n - 1]);
	free(m->v);
	free(m->classes);
	free(m->globals);
	free(m->spansrc);
	keys_table_free(&m->keys);
	free(m);
	app->mgr = NULL;
}

int
pane_register(struct app *app, const struct pane_ops *ops)
{
	struct pane_mgr *m = app->mgr;
	for (size_t i = 0; i < m->nclasses; i++)
		if (m->classes[i] == ops)
			return 0;
	if (grow((void **)&m->classes, &m->capclasses, m->nclasses, sizeof *m->classes) < 0)
		return ERR_NOMEM;
	if (keys_add(&m->keys, ops->name, ops->keys, ops->nkeys, 0, ops) < 0)
		return ERR_NOMEM;
	m->classes[m->nclasses++] = ops;
	return 0;
}

int
pane_register_global(struct app *app, const struct pane_keymap *km)
{
	struct pane_mgr *m = app->mgr;
	if (grow((void **)&m->globals, &m->capglobals, m->nglobals, sizeof *m->globals) < 0)
		return ERR_NOMEM;
	if (keys_add(&m->keys, km->name, km->keys, km->nkeys, 1, km) < 0)
		return ERR_NOMEM;
	m->globals[m->nglobals++] = km;
	return 0;
}

struct keys_ctx *
pane_ctx_of(struct app *app, const struct pane_ops *ops)
{
	return keys_ctx_find(&app->mgr->keys, ops->name, ops);
}

static size_t
index_of(struct pane_mgr *m, const struct pane *p)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i] == p)
			return i;
	return m->n;
}

size_t
pane_sidebar_index(struct pane_mgr *m)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i]->ops->sidebar)
			return i;
	return m->n;
}

struct pane *
pane_open(struct app *app, const struct pane_ops *ops, void *data, int focus)
{
	struct pane_mgr *m = app->mgr;
	struct pane *p = calloc(1, sizeof *p);
	if (p == NULL || pane_register(app, ops) < 0 ||
	    grow((void **)&m->v, &m->cap, m->n, sizeof *m->v) < 0) {
		free(p);
		if (ops->destroy) {
			struct pane tmp = { .ops = ops, .app = app, .data = data };
			ops->destroy(&tmp);
		}
		return NULL;
	}
	p->ops = ops;
	p->app = app;
	p->data = data;
	p->dirty = 1;
	m->v[m->n++] = p;
	if (focus || m->n == 1)
		pane_focus(app, p);
	m->relayout = 1;
	return p;
}

struct pane *
pane_find(struct app *app, const struct pane_ops *ops)
{
	struct pane_mgr *m = app->mgr;
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i]->ops == ops)
			return m->v[i];
	return NULL;
}

struct pane *
pane_focused(struct app *app)
{
	struct pane_mgr *m = app->mgr;
	return m->focus < m->n ? m->v[m->focus] : NULL;
}

void
pane_focus(struct app *app, struct pane *p)
{
	struct pane_mgr *m = app->mgr;
	size_t i = index_of(m, p);
	if (i == m->n || i == m->focus)
		return;
	m->prev = m->focus;
	m->focus = i;
	if (!p->ops->sidebar)
		m->main = i;
	m->relayout = 1;
	m->lines_dirty = 1;
}

#define GONE ((size_t)-1)

/* An index after removing entry i of oldn (GONE if it was i or none). */
static size_t
fix_index(size_t x, size_t i, size_t oldn)
{
	if (x >= oldn || x == i)
		return GONE;
	return x > i ? x - 1 : x;
}

void
pane_close(struct app *app, struct pane *p)
{
	struct pane_mgr *m = app->mgr;
	size_t i = index_of(m, p);
	if (i == m->n)
		return;
	if (p->ops->save)
		p->ops->save(p);
	if (p->ops->destroy)
		p->ops->destroy(p);
	if (p->win)
		delwin(p->win);
	free(p);
	size_t oldn = m->n;
	memmove(m->v + i, m->v + i + 1, (m->n - i - 1) * sizeof *m->v);
	m->n--;
	size_t focus = fix_index(m->focus, i, oldn);
	size_t prev = fix_index(m->prev, i, oldn);
	size_t main = fix_index(m->main, i, oldn);
	if (focus == GONE)
		focus = prev != GONE ? prev : main != GONE ? main : m->n ? m->n - 1 : 0;
	if (prev == focus)
		prev = GONE;
	m->focus = focus;
	m->prev = prev == GONE ? m->n : prev;
	m->main = main == GONE ? m->n : main;
	if (m->main == m->n) /* the most recent non-sidebar pane */
		for (size_t k = m->n; k-- > 0;)
			if (!m->v[k]->ops->sidebar) {
				m->main = k;
				break;
			}
	m->relayout = 1;
	m->lines_dirty = 1;
}

void
pane_dirty(struct pane *p)
{
	p->dirty = 1;
	p->app->mgr->lines_dirty = 1;
}

void
pane_dirty_all(struct app *app)
{
	struct pane_mgr *m = app->mgr;
	for (size_t i = 0; i < m->n; i++)
		m->v[i]->dirty = 1;
	m->lines_dirty = 1;
}

void
pane_save_all(struct app *app)
{
	struct pane_mgr *m = app->mgr;
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i]->ops->save)
			m->v[i]->ops->save(m->v[i]);
}

static void
vmessage(struct app *app, int err, const char *fmt, va_list ap)
{
	struct pane_mgr *m = app->mgr;
	vsnprintf(m->msg, sizeof m->msg, fmt, ap);
	m->msg_err = err;
	m->msg_shown = 0;
	m->lines_dirty = 1;
}

void
pane_message(struct app *app, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(app, 0, fmt, ap);
	va_end(ap);
}

void
pane_error(struct app *app, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(app, 1, fmt, ap);
	va_end(ap);
	if (app->mgr->curses)
		beep();
}

int
pane_add_span_source(struct app *app, pane_span_fn fn, void *ctx)
{
	struct pane_mgr *m = app->mgr;
	if (grow((void **)&m->spansrc, &m->capspansrc, m->nspansrc, sizeof *m->spansrc) < 0)
		return ERR_NOMEM;
	m->spansrc[m->nspansrc++] = (struct pane_spansrc){ fn, ctx };
	return 0;
}

void
pane_spans_changed(struct app *app)
{
	app->mgr->spans_gen++;
	pane_dirty_all(app);
}

int
pane_collect_spans(struct app *app, size_t art, struct span_list *out)
{
	struct pane_mgr *m = app->mgr;
	for (size_t i = 0; i < m->nspansrc; i++) {
		int rc = m->spansrc[i].fn(m->spansrc[i].ctx, app, art, out);
		if (rc < 0)
			return rc;
	}
	return 0;
}

unsigned
pane_spans_gen(struct app *app)
{
	return app->mgr->spans_gen;
}

int
pane_note_count(struct app *app, size_t art)
{
	struct pane_mgr *m = app->mgr;
	return m->note_count ? m->note_count(m->note_ctx, app, art) : 0;
}

int
pane_open_article(struct app *app, size_t art, size_t off, const struct span_list *extra)
{
	return ui_reader_open(app, art, off, extra);
}

int
pane_reading_place(struct app *app, size_t *art, size_t *off)
{
	return ui_reader_place(app, art, off);
}

void
pane_set_note_counter(struct app *app, pane_count_fn fn, void *ctx)
{
	app->mgr->note_count = fn;
	app->mgr->note_ctx = ctx;
	pane_dirty_all(app);
}

/* ---- keys ---- */

static int
apply(struct app *app, struct pane *p, int r)
{
	struct pane_mgr *m = app->mgr;
	if (r & PANE_REDRAW && p)
		pane_dirty(p);
	if (r & PANE_REDRAW_ALL)
		pane_dirty_all(app);
	if (r & PANE_QUIT)
		m->quit = 1;
	if (r & (PANE_FOCUS_NEXT | PANE_FOCUS_PREV) && m->n > 1) {
		size_t i = r & PANE_FOCUS_NEXT ? (m->focus + 1) % m->n
					       : (m->focus + m->n - 1) % m->n;
		pane_focus(app, m->v[i]);
	}
	if (r & PANE_BACK && p) {
		size_t to = m->prev < m->n && m->v[m->prev] != p ? m->prev : pane_sidebar_index(m);
		if (to < m->n && m->v[to] != p)
			pane_focus(app, m->v[to]);
		else
			m->quit = 1;
	}
	if (r & PANE_CLOSE && p) {
		pane_close(app, p);
		if (m->n == 0)
			m->quit = 1;
	}
	m->lines_dirty = 1;
	return r;
}

static int
run_global(struct app *app, struct pane *p, int key, const char *name, const char *arg)
{
	struct pane_mgr *m = app->mgr;
	for (size_t i = 0; i < m->nglobals; i++) {
		const struct pane_keymap *km = m->globals[i];
		struct keys_ctx *c = keys_ctx_find(&m->keys, km->name, km);
		if (c == NULL)
			continue;
		const struct pane_key *act = name ? keys_action(c, name) : keys_lookup(c, key);
		if (act == NULL)
			continue;
		struct pane_event ev = { act->action, key, arg };
		int r = km->fn(app, p, &ev);
		if (r != PANE_UNHANDLED)
			return apply(app, p, r);
	}
	return PANE_UNHANDLED;
}

void
pane_dispatch(struct app *app, int key)
{
	struct pane_mgr *m = app->mgr;
	struct pane *p = pane_focused(app);
	int r = PANE_UNHANDLED;
	if (p && !m->ar.too_small) {
		struct keys_ctx *c = pane_ctx_of(app, p->ops);
		const struct pane_key *act = c ? keys_lookup(c, key) : NULL;
		struct pane_event ev = { act ? act->action : 0, key, NULL };
		r = p->ops->key(p, &ev);
		if (r != PANE_UNHANDLED) {
			apply(app, p, r);
			return;
		}
	}
	if (run_global(app, p, key, NULL, NULL) != PANE_UNHANDLED)
		return;
	char kn[32];
	pane_message(app, "%s: no such key here; F1 lists the keys", keys_name(key, kn, sizeof kn));
}

void
pane_command(struct app *app, const char *line)
{
	struct pane_mgr *m = app->mgr;
	while (*line == ' ')
		line++;
	if (*line == 0)
		return;
	char name[64];
	size_t n = strcspn(line, " ");
	if (n >= sizeof name) {
		pane_error(app, "no such command");
		return;
	}
	memcpy(name, line, n);
	name[n] = 0;
	const char *arg = line + n;
	while (*arg == ' ')
		arg++;
	if (*arg == 0)
		arg = NULL;
	/* Vi's habits cost nothing to honour. */
	if (strcmp(name, "q") == 0 || strcmp(name, "quit") == 0 || strcmp(name, "q!") == 0 ||
	    strcmp(name, "wq") == 0 || strcmp(name, "x") == 0) {
		m->quit = 1;
		return;
	}
	struct pane *p = pane_focused(app);
	if (p) {
		struct keys_ctx *c = pane_ctx_of(app, p->ops);
		const struct pane_key *act = c ? keys_action(c, name) : NULL;
		if (act) {
			struct pane_event ev = { act->action, 0, arg };
			apply(app, p, p->ops->key(p, &ev));
			return;
		}
	}
	if (run_global(app, p, 0, name, arg) != PANE_UNHANDLED)
		return;
	pane_error(app, ":%s: no such command here; F1 lists them", name);
}

void
pane_apply_binds(struct app *app, void (*warn)(void *, const char *), void *ctx)
{
	const struct config *cfg = app->config;
	for (size_t i = 0; i < cfg->bind.n; i++) {
		const struct config_entry *e = &cfg->bind.v[i];
		char err[256];
		if (keys_bind(&app->mgr->keys, e->argv[0], e->argv[1], e->argv[2], err, sizeof err) < 0 && warn) {
			char msg[512];
			snprintf(msg, sizeof msg, "%s:%d: %s; line skipped",
				 cfg->path && cfg->path[0] ? cfg->path : "config", e->line, err);
			warn(ctx, msg);
		}
	}
}

/* ---- the loop ---- */

static int
hung_up(void)
{
	struct pollfd pfd = { .fd = 0, .events = POLLIN };
	if (poll(&pfd, 1, 0) < 0)
		return 0;
	return (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

void
pane_run(struct app *app)
{
	struct pane_mgr *m = app->mgr;
	int idle_errs = 0;
	m->relayout = 1;
	while (!m->quit && !pane_signalled && m->n > 0) {
		pane_update(app);
		if (m->msg[0])
			m->msg_shown = 1;
		wint_t ch;
		wtimeout(m->promptw, 1000);
		int r = wget_wch(m->promptw, &ch);
		if (pane_signalled)
			break;
		if (r == ERR) {
			/* A dead terminal reads as ERR at once, forever. */
			if (hung_up() || (errno == EIO && ++idle_errs > 100))
				break;
			pane_save_all(app); /* idle: a cheap moment to remember the place */
			continue;
		}
		idle_errs = 0;
		int key = (int)ch;
		if (m->msg_shown) {
			m->msg[0] = 0;
			m->msg_shown = 0;
			m->lines_dirty = 1;
		}
		if (r == KEY_CODE_YES && key == KEY_RESIZE) {
			m->relayout = 1;
			continue;
		}
		pane_dispatch(app, key);
	}
	pane_save_all(app);
}

void
pane_suspend(struct app *app)
{
	pane_save_all(app);
	def_prog_mode();
	endwin();
	struct sigaction dfl = { .sa_handler = SIG_DFL }, old;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &old);
	raise(SIGTSTP);
	/* resumed */
	sigaction(SIGTSTP, &old, NULL);
	reset_prog_mode();
	clearok(curscr, TRUE);
	app->mgr->relayout = 1;
	pane_dirty_all(app);
}
