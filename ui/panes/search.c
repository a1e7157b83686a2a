/* The search pane; see search.h. */
#include "search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/err.h"
#include "../../src/search.h"
#include "../app.h"
#include "../screen/menu.h"
#include "../screen/pane.h"
#include "../../src/reader.h"
#include "../screen/style.h"
#include "busy.h"
#include "match.h"
#include "passage.h"

enum { S_DOWN = 1, S_UP, S_PAGEDOWN, S_PAGEUP, S_TOP, S_BOTTOM, S_OPEN, S_QUERY, S_BACK };

static const struct pane_key search_keys[] = {
	{ S_DOWN, "down", { 'j', KEY_DOWN, 'n' }, "Next hit", 0 },
	{ S_UP, "up", { 'k', KEY_UP, 'N' }, "Previous hit", 0 },
	{ S_PAGEDOWN, "page-down", { ' ', KEY_NPAGE, PANE_CTRL('d') }, "A page down", 0 },
	{ S_PAGEUP, "page-up", { 'b', KEY_PPAGE, PANE_CTRL('u') }, "A page up", 0 },
	{ S_TOP, "top", { 'g', KEY_HOME }, "First hit", 0 },
	{ S_BOTTOM, "bottom", { 'G', KEY_END }, "Last hit", 0 },
	{ S_OPEN, "open", { PANE_KEY_ENTER, 'l', KEY_RIGHT }, "Read the hit in its article (n/N there: next hits)", 0 },
	{ S_QUERY, "query", { '/', 's' }, "Search all the articles for another word (:query 开源)", 1 },
	{ S_BACK, "back", { 'q', PANE_KEY_ESC, 'h', KEY_LEFT }, "Back to the last pane", 0 },
};

enum { G_SEARCH = 1 };

static const struct pane_key global_keys[] = {
	{ G_SEARCH, "search-all", { 'S', KEY_F(5) }, "Search every article (simplified and traditional alike)", 1 },
};

/* A row of the result list: an article heading or a hit. */
struct srow {
	size_t art;
	size_t hit; /* index into res.v, or SIZE_MAX for a heading */
};

struct srch {
	struct app *app;
	struct ui_match *um;
	char query[256];
	int have;
	int stopped; /* the last search was stopped (Esc, Ctrl-C) */
	struct search_result res;
	struct srow *rows;
	size_t nrows;
	struct menu m;
	size_t searched; /* articles loaded when it ran, if not all */
	int partial;     /* it ran while articles loaded (none of them, maybe) */
};

static int
is_hit(const struct srch *s, size_t i)
{
	return i < s->nrows && s->rows[i].hit != (size_t)-1;
}

/* Search for q; a long search shows its progress and stops on Esc or
 * Ctrl-C (ERR_CANCELLED), the results shown before kept as they were. */
static int
run_query(struct srch *s, const char *q)
{
	struct search_result r;
	char label[300];
	snprintf(label, sizeof label, "searching %s", q);
	struct ui_busy b;
	ui_busy_start(&b, s->app, label);
	int rc = search_run_tick(&s->um->mc, s->app->script, q, ui_busy_tick, &b, &r);
	if (rc < 0)
		return rc;
	struct srow *rows = malloc((r.n + r.articles + 1) * sizeof *rows);
	if (rows == NULL) {
		search_result_free(&r);
		return ERR_NOMEM;
	}
	/* one row per sentence: its first hit; draw_hit marks all of them */
	size_t n = 0;
	for (size_t i = 0; i < r.n; i++) {
		int new_art = i == 0 || r.v[i].art != r.v[i - 1].art;
		if (new_art)
			rows[n++] = (struct srow){ r.v[i].art, (size_t)-1 };
		const struct article *a = &s->app->corpus->v[r.v[i].art];
		if (!new_art && r.v[i].sent < a->nsents && r.v[i].sent == r.v[i - 1].sent)
			continue;
		rows[n++] = (struct srow){ r.v[i].art, i };
	}
	if (s->have)
		search_result_free(&s->res);
	free(s->rows);
	s->res = r;
	s->have = 1;
	s->rows = rows;
	s->nrows = n;
	snprintf(s->query, sizeof s->query, "%s", q);
	/* while articles load (load.h), the search is over those loaded */
	s->partial = s->app->load.active;
	s->searched = s->partial ? s->app->load.cat.nfull : 0;
	s->m = (struct menu){ 0 };
	menu_set(&s->m, n, 1);
	if (n > 1)
		menu_goto(&s->m, 1); /* the first hit */
	return 0;
}

/* Move the cursor by delta hits, skipping the article headings. */
static void
move_hits(struct srch *s, long delta)
{
	size_t i = s->m.cur;
	long step = delta > 0 ? 1 : -1;
	for (long k = 0; k != delta; k += step) {
		size_t j = i;
		do {
			if ((step < 0 && j == 0) || (step > 0 && j + 1 >= s->nrows))
				goto done;
			j = (size_t)((long)j + step);
		} while (!is_hit(s, j));
		i = j;
	}
done:
	menu_goto(&s->m, i);
}

static void
draw_hit(struct srch *s, WINDOW *w, int y, int cols, const struct search_hit *h, int cur)
{
	struct app *app = s->app;
	const struct article *a = &app->corpus->v[h->art];
	const struct layout_opts *lo = &app->vopts.layout;
	size_t start = h->sent < a->nsents ? a->sents[h->sent].start : h->start;
	size_t end = h->sent < a->nsents ? a->sents[h->sent].end : h->end;
	if (end < h->end)
		end = h->end;
	struct layout_lines ll = { 0 };
	struct span_list sp = { 0 };
	int base = cur ? style_get(app, STYLE_CURSOR) : 0;
	if (cur) {
		wattrset(w, base);
		mvwhline(w, y, 0, ' ', cols);
	}
	/* this article's hits in the sentence; the garbled marks */
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < s->res.n; i++)
		if (s->res.v[i].art == h->art && s->res.v[i].start < end && s->res.v[i].end > start)
			rc = span_list_push(&sp, s->res.v[i].start, s->res.v[i].end, SPAN_SEARCH,
					    &s->res.v[i] == h);
	for (size_t i = 0; rc == 0 && i < a->spans.n; i++)
		if (a->spans.v[i].start < end && a->spans.v[i].end > start)
			rc = span_list_push(&sp, a->spans.v[i].start, a->spans.v[i].end,
					    a->spans.v[i].kind, a->spans.v[i].tag);
	span_list_sort(&sp);
	/* the line of the sentence that holds the hit, "…" if not the first */
	if (rc == 0 && ui_passage_layout(lo, a, start, end, cols - 6, &ll) == 0 && ll.n) {
		size_t k = 0;
		while (k + 1 < ll.n && ll.v[k + 1].start <= h->start)
			k++;
		if (k > 0)
			pane_put(app, w, y, 2, "…", strlen("…"), 2, base); /* 2: ambiguous-wide */
		ui_passage_draw(s->app, w, y, 4, cols - 6, lo, a, &ll.v[k], &sp, base);
		/* and "…" at the right when the sentence goes on */
		if (k + 1 < ll.n)
			pane_put(app, w, y, 4 + ll.v[k].indent_cols + ll.v[k].width_cols, "…",
				 strlen("…"), 2, base);
	}
	layout_lines_free(&ll);
	span_list_free(&sp);
}

static void
s_draw(struct pane *p, WINDOW *w)
{
	struct srch *s = p->data;
	struct app *app = p->app;
	int rows = getmaxy(w), cols = getmaxx(w);
	char buf[512];
	if (!s->have) {
		pane_put_trunc(app, w, 0, 1, "/ to search all the articles", 28, cols - 2, style_get(app, STYLE_DIM));
		return;
	}
	int k = snprintf(buf, sizeof buf, "%s: %zu %s in %zu %s", s->query, s->res.n,
			 s->res.n == 1 ? "hit" : "hits", s->res.articles,
			 s->res.articles == 1 ? "article" : "articles");
	/* over the articles loaded then: while the rest load, and after
	 * (when / Enter searches them all); short enough for 80 columns
	 * at 10,000 articles (the end of "(searched 97 of 1000 articles:
	 * / Enter searches all)" was cut) */
	if (s->partial && k > 0 && (size_t)k < sizeof buf)
		snprintf(buf + k, sizeof buf - (size_t)k, " (searched %zu of %zu%s)", s->searched,
			 s->app->corpus->n, s->app->load.active ? ", still loading" : ": / Enter for all");
	pane_put_trunc(app, w, 0, 1, buf, strlen(buf), cols - 2, style_get(app, STYLE_TITLE));
	menu_set(&s->m, s->nrows, rows - 1 > 0 ? rows - 1 : 1);
	/* the cursor on an article's first hit at the top: its title too */
	if (s->m.rows > 1 && s->m.top > 0 && s->m.cur == s->m.top && !is_hit(s, s->m.top - 1))
		s->m.top--;
	for (int i = 0; i < s->m.rows; i++) {
		size_t k = s->m.top + (size_t)i;
		if (k >= s->nrows)
			break;
		const struct srow *r = &s->rows[k];
		if (!is_hit(s, k)) {
			const struct article *a = &s->app->corpus->v[r->art];
			char title[400];
			pane_shown_copy(s->app, a->meta.title, title, sizeof title);
			snprintf(buf, sizeof buf, "%s (%zu)", title, s->res.per_article[r->art]);
			pane_put_trunc(app, w, i + 1, 1, buf, strlen(buf), cols - 2, style_get(app, STYLE_HEADING));
		} else {
			draw_hit(s, w, i + 1, cols, &s->res.v[r->hit], k == s->m.cur);
		}
	}
}

static int
open_hit(struct srch *s)
{
	if (!is_hit(s, s->m.cur))
		return PANE_HANDLED;
	const struct search_hit *h = &s->res.v[s->rows[s->m.cur].hit];
	const struct article *a = &s->app->corpus->v[h->art];
	struct span_list extra = { 0 };
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < s->res.n; i++)
		if (s->res.v[i].art == h->art)
			rc = span_list_push(&extra, s->res.v[i].start, s->res.v[i].end, SPAN_SEARCH, 0);
	size_t off = h->sent < a->nsents ? a->sents[h->sent].start : h->start;
	if (rc == 0)
		rc = pane_open_at(s->app, &(struct pane_open_req){ .art = h->art, .off = off,
				  .extra = &extra, .query = s->query, .hit = h->start });
	span_list_free(&extra);
	if (rc < 0)
		pane_error(s->app, "cannot open the article: %s", err_strerror(rc));
	return PANE_REDRAW_ALL;
}

static int
ask(struct srch *s, const char *arg)
{
	char buf[256];
	if (arg && *arg)
		snprintf(buf, sizeof buf, "%s", arg);
	else if (!pane_prompt(s->app, "Search all: ", s->have ? s->query : NULL, buf, sizeof buf))
		return PANE_REDRAW_ALL;
	int rc = run_query(s, buf);
	s->stopped = rc == ERR_CANCELLED;
	if (rc == ERR_CANCELLED)
		pane_message(s->app, "search for %s stopped", buf);
	else if (rc == ERR_INVAL)
		pane_error(s->app, "empty query");
	else if (rc < 0)
		pane_error(s->app, "out of memory");
	else if (s->res.n == 0)
		pane_message(s->app, "%s: not found", buf);
	return PANE_REDRAW_ALL;
}

static int
s_key(struct pane *p, const struct pane_event *ev)
{
	struct srch *s = p->data;
	long page = s->m.rows > 1 ? s->m.rows - 1 : 1;
	switch (ev->action) {
	case S_DOWN: move_hits(s, 1); break;
	case S_UP: move_hits(s, -1); break;
	case S_PAGEDOWN: move_hits(s, page); break;
	case S_PAGEUP: move_hits(s, -page); break;
	case S_TOP: menu_goto(&s->m, 0); move_hits(s, 1); break;
	case S_BOTTOM: menu_goto(&s->m, s->nrows ? s->nrows - 1 : 0); break;
	case S_OPEN: return open_hit(s);
	case S_QUERY: return ask(s, ev->arg);
	case S_BACK: return PANE_BACK | PANE_REDRAW_ALL;
	default: return PANE_UNHANDLED;
	}
	return PANE_REDRAW;
}

static void
s_title(struct pane *p, char *buf, size_t cap)
{
	struct srch *s = p->data;
	snprintf(buf, cap, "Search%s%s", s->have ? ": " : "", s->have ? s->query : "");
}

static void
s_status(struct pane *p, char *buf, size_t cap)
{
	struct srch *s = p->data;
	size_t ord = 0;
	for (size_t i = 0; i <= s->m.cur && i < s->nrows; i++)
		ord += is_hit(s, i);
	if (s->have)
		snprintf(buf, cap, "hit %zu/%zu  Enter: read  /: new search", ord, s->res.n);
	else
		snprintf(buf, cap, "/: search");
}

static void
s_destroy(struct pane *p)
{
	struct srch *s = p->data;
	if (s == NULL)
		return;
	if (s->have)
		search_result_free(&s->res);
	free(s->rows);
	free(s);
}

static const struct pane_ops search_ops = {
	.name = "search",
	.keys = search_keys,
	.nkeys = sizeof search_keys / sizeof search_keys[0],
	.draw = s_draw,
	.key = s_key,
	.title = s_title,
	.status = s_status,
	.destroy = s_destroy,
};

int
ui_search_open(struct app *app, const char *query)
{
	struct pane *p = pane_find(app, &search_ops);
	int fresh = p == NULL;
	if (p == NULL) {
		struct ui_match *um = ui_match_get(app);
		if (um == NULL)
			return ERR_NOMEM;
		struct srch *s = calloc(1, sizeof *s);
		if (s == NULL)
			return ERR_NOMEM;
		s->app = app;
		s->um = um;
		if ((p = pane_open(app, &search_ops, s, 1)) == NULL)
			return ERR_NOMEM;
	}
	pane_focus(app, p);
	pane_dirty_all(app);
	ask(p->data, query);
	/* a first search stopped with Esc: the screen as it was before */
	if (fresh && !((struct srch *)p->data)->have && ((struct srch *)p->data)->stopped)
		pane_close(app, p);
	return 0;
}

static int
global_fn(struct app *app, struct pane *focused, const struct pane_event *ev)
{
	(void)focused;
	if (ev->action != G_SEARCH)
		return PANE_UNHANDLED;
	if (ui_search_open(app, ev->arg) < 0)
		pane_error(app, "cannot open the search");
	return PANE_REDRAW_ALL;
}

static const struct pane_keymap global_map = {
	.name = "global",
	.keys = global_keys,
	.nkeys = sizeof global_keys / sizeof global_keys[0],
	.fn = global_fn,
};

int
ui_search_register(struct app *app)
{
	int rc;
	if ((rc = pane_register(app, &search_ops)) < 0 ||
	    (rc = pane_register_global(app, &global_map)) < 0)
		return rc;
	return 0;
}
