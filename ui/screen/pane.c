/* The screen manager's core: pane classes, open panes, focus, messages,
 * span sources and the hooks panes register. The windows and lines are
 * pane_draw.c, the bottom-row prompts pane_prompt.c, key dispatch and the
 * event loop loop.c. See pane.h. */
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
#include "termwidth.h"

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
	pane_history_free(m);
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
pane_nth(struct app *app, size_t i)
{
	return i < app->mgr->n ? app->mgr->v[i] : NULL;
}

struct pane *
pane_find_named(struct app *app, const char *name)
{
	struct pane_mgr *m = app->mgr;
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->v[i]->ops->name, name) == 0)
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

void
pane_set_opener(struct app *app, const struct pane_opener *o)
{
	app->mgr->opener = *o;
}

int
pane_open_at(struct app *app, const struct pane_open_req *req)
{
	const struct pane_opener *o = &app->mgr->opener;
	return o->open ? o->open(o->ctx, app, req) : ERR_NOTFOUND;
}

int
pane_open_article(struct app *app, size_t art, size_t off, const struct span_list *extra)
{
	return pane_open_at(app, &(struct pane_open_req){ .art = art, .off = off, .extra = extra });
}

int
pane_open_passage(struct app *app, size_t art, size_t off)
{
	return pane_open_at(app, &(struct pane_open_req){ .art = art, .off = off, .passage = 1 });
}

int
pane_reading_place(struct app *app, size_t *art, size_t *off)
{
	const struct pane_opener *o = &app->mgr->opener;
	return o->place ? o->place(o->ctx, app, art, off) : ERR_NOTFOUND;
}

void
pane_set_curses(struct app *app, int on)
{
	app->mgr->curses = on;
	/* curses counts columns as the layout: termwidth.h */
	static const struct width_opts defaults = { 0 };
	termwidth_set(on ? &app->vopts.layout.w : &defaults);
}

void
pane_beep(struct app *app)
{
	if (app->mgr->curses)
		beep();
}

const struct keys_table *
pane_keys(struct app *app)
{
	return &app->mgr->keys;
}

const struct pane_key *
pane_keymap_lookup(struct app *app, const struct pane_keymap *km, int key)
{
	struct keys_ctx *c = keys_ctx_find(&app->mgr->keys, km->name, km);
	return c ? keys_lookup(c, key) : NULL;
}

void
pane_set_note_counter(struct app *app, pane_count_fn fn, void *ctx)
{
	app->mgr->note_count = fn;
	app->mgr->note_ctx = ctx;
	pane_dirty_all(app);
}
