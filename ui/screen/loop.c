/* The event loop: key dispatch to the focused pane and the global maps,
 * ':' commands, bind lines, suspend. Above every other screen file. See
 * pane.h. */
#include "pane.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "../app.h"
#include "pane_int.h"

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
	while (!m->quit && !pane_signalled() && m->n > 0) {
		pane_update(app);
		if (m->msg[0])
			m->msg_shown = 1;
		wint_t ch;
		/* with work to do, a look at the keys between slices of it */
		int busy = app->work != NULL;
		wtimeout(m->promptw, busy ? 0 : 1000);
		int r = wget_wch(m->promptw, &ch);
		if (pane_signalled())
			break;
		if (r == ERR) {
			/* A dead terminal reads as ERR at once, forever. */
			if (hung_up() || (!busy && errno == EIO && ++idle_errs > 100))
				break;
			if (busy) {
				app->work(app);
				m->lines_dirty = 1; /* the progress in the status line */
				continue;
			}
			pane_save_all(app); /* idle: a cheap moment to remember the place */
			continue;
		}
		idle_errs = 0;
		app->keys++;
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
