/* The article list pane; the rows are list_model.c's. */
#include "list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/catalog.h"
#include "../../src/err.h"
#include "../../src/position.h"
#include "../../src/store.h"
#include "../../src/termsafe.h"
#include "../../src/width.h"
#include "../app.h"
#include "../bigload.h"
#include "../load.h"
#include "../../src/list_model.h"
#include "../screen/menu.h"
#include "../screen/pane.h"
#include "../screen/style.h"
#include "help.h"
#include "match.h"

enum {
	L_DOWN = 1, L_UP, L_PAGEDOWN, L_PAGEUP, L_TOP, L_BOTTOM, L_OPEN, L_SORT,
	L_FILTER, L_UNFILTER, L_HELP, L_QUIT,
};

static const struct pane_key list_keys[] = {
	{ L_DOWN, "down", { 'j', KEY_DOWN, PANE_CTRL('n') }, "Next article", 0 },
	{ L_UP, "up", { 'k', KEY_UP, PANE_CTRL('p') }, "Previous article", 0 },
	{ L_PAGEDOWN, "page-down", { ' ', KEY_NPAGE, PANE_CTRL('d') }, "A page down", 0 },
	{ L_PAGEUP, "page-up", { 'b', KEY_PPAGE, PANE_CTRL('u') }, "A page up", 0 },
	{ L_TOP, "top", { 'g', KEY_HOME }, "First article", 0 },
	{ L_BOTTOM, "bottom", { 'G', KEY_END }, "Last article", 0 },
	{ L_OPEN, "open", { PANE_KEY_ENTER, 'l', KEY_RIGHT }, "Open the article where you left it", 0 },
	{ L_SORT, "sort", { 's' }, "Sort by title, source, length, unread first, file (:sort title)", 1 },
	{ L_FILTER, "filter", { '/', 'f' }, "Filter by title, source or file name (empty: all)", 1 },
	{ L_UNFILTER, "unfilter", { PANE_KEY_ESC }, "Clear the filter: every article again", 0 },
	{ L_HELP, "help", { '?' }, "Show the keys", 0 },
	{ L_QUIT, "quit", { 'q' }, "Quit", 0 },
};

struct lpane {
	struct app *app;
	struct list_model lm;
	struct menu m;
	char cities[LIST_CITIES][64];
	size_t ncities;
	int moved; /* the last key only moved the cursor: facts are as they were */
	unsigned long keys_seen; /* app->keys when the facts were last read */
	unsigned load_seen;      /* app->load.gen the rows were last ordered for */
	struct store_places *places; /* every reading place, read at each refresh */
	unsigned char *seen;     /* [art]: the slot's state its facts are of
				  * (STALE: to read again when shown) */
	int copy_cols;           /* the widest file name of a copy (0: no copies) */
	int chars_cols, count_cols; /* the widest 字数 and city count of any row */
};

/* The slot states (catalog.h), or NULL when every article is loaded. */
static const unsigned char *
states(const struct lpane *lp)
{
	return lp->app->load.cat.state;
}

/* The compared cities (defaults, config, --cities), counted as the
 * comparison and `duwen --list` count them (ui_match_mentions). */
static const struct report_cities *
load_cities(struct lpane *lp)
{
	const struct report_cities *rc = ui_match_mentions(lp->app);
	lp->ncities = 0;
	for (size_t i = 0; rc && i < rc->n && i < LIST_CITIES; i++)
		snprintf(lp->cities[lp->ncities++], sizeof lp->cities[0], "%s", rc->name[i]);
	return rc;
}

/* seen[art] of a row whose facts must be read again before it is shown */
#define STALE 0xff

/* Article art's slot state (catalog.h); FULL when nothing loads. */
static unsigned char
slot_state(const struct lpane *lp, size_t art)
{
	return states(lp) ? states(lp)[art] : CATALOG_FULL;
}

static void
refresh_item(struct lpane *lp, struct list_item *it, const struct report_cities *rc)
{
	struct app *app = lp->app;
	const struct article *a = &app->corpus->v[it->art];
	for (size_t c = 0; c < LIST_CITIES; c++)
		it->cities[c] = c < lp->ncities ? (int)rc->mentions[it->art * rc->n + c] : 0;
	struct store_place pl;
	int found = a->hash && store_places_find(lp->places, a->path, a->hash, &pl) == 0;
	it->read_pct = position_mark(found ? &pl : NULL, a->len);
	it->notes = pane_note_count(app, it->art);
	lp->seen[it->art] = slot_state(lp, it->art);
}

/* The facts of the rows in [from, to) of the shown order (all: the
 * items) that are stale or whose article loaded since they were read. */
static void
refresh_rows(struct lpane *lp, size_t from, size_t to, int all)
{
	const struct report_cities *rc = NULL;
	for (size_t k = from; k < to; k++) {
		struct list_item *it = &lp->lm.items[all ? k : lp->lm.order[k]];
		if (lp->seen[it->art] == slot_state(lp, it->art))
			continue;
		if (rc == NULL)
			rc = load_cities(lp);
		refresh_item(lp, it, rc);
	}
}

/* Every row's facts are to be read again (reading places and notes may
 * have changed): now for the sort by unread, which needs them all, else
 * as rows are drawn, so that a paint costs the rows on screen, not the
 * articles in the list. */
static void
refresh_facts(struct lpane *lp)
{
	/* every reading place in one query, not one per article */
	store_places_free(lp->places);
	lp->places = NULL;
	int prc = store_places_read(lp->app->store, &lp->places);
	if (prc < 0)
		pane_error(lp->app, "cannot read the reading positions: %s", err_strerror(prc));
	memset(lp->seen, STALE, lp->app->corpus->n);
	load_cities(lp);
	if (lp->lm.sort == LIST_SORT_UNREAD)
		refresh_rows(lp, 0, lp->lm.n, 1);
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s && s[1] ? s + 1 : path;
}

/* A row whose title another article has too: its file name tells them
 * apart (a pending row shows its file name already, a row without a
 * title too). */
static int
is_copy(const struct lpane *lp, const struct list_item *it)
{
	const struct article *a = &lp->app->corpus->v[it->art];
	return it->repeat && a->meta.title && a->meta.title[0] &&
	       !(states(lp) && states(lp)[it->art] == CATALOG_PENDING);
}

static size_t
current_art(struct lpane *lp)
{
	if (lp->lm.norder == 0)
		return (size_t)-1;
	return lp->lm.items[lp->lm.order[lp->m.cur]].art;
}

static int
digits(size_t v)
{
	int n = 1;
	for (; v >= 10; v /= 10)
		n++;
	return n;
}

/* The number columns are as wide as the widest value of any article,
 * filtered out or not (a column does not move with the filter): 6 and 3
 * digits at least, as many as a 64 MiB article needs (21650078 字, a city
 * named 111433 times). Read when the rows are ordered again, after a
 * filter or when articles came in, never per key. */
static void
number_cols(struct lpane *lp)
{
	const struct corpus *c = lp->app->corpus;
	const struct report_cities *rc = ui_match_mentions(lp->app);
	size_t maxc = 0, maxn = 0;
	for (size_t i = 0; i < c->n; i++) {
		maxc = c->v[i].chars > maxc ? c->v[i].chars : maxc;
		for (size_t k = 0; rc && k < rc->n && k < LIST_CITIES; k++)
			maxn = rc->mentions[i * rc->n + k] > maxn ? rc->mentions[i * rc->n + k] : maxn;
	}
	lp->chars_cols = digits(maxc) > 6 ? digits(maxc) : 6;
	lp->count_cols = digits(maxn) > 3 ? digits(maxn) : 3;
}

static void
reapply(struct lpane *lp)
{
	size_t keep = current_art(lp);
	if (list_model_apply(&lp->lm, lp->app->corpus, lp->app->script) < 0)
		pane_error(lp->app, "out of memory");
	menu_set(&lp->m, lp->lm.norder, lp->m.rows);
	for (size_t i = 0; i < lp->lm.norder; i++)
		if (lp->lm.items[lp->lm.order[i]].art == keep)
			menu_goto(&lp->m, i);
	/* the names of copies get a column of their own, as wide as the
	 * widest (the same for every row and every scroll) */
	lp->copy_cols = 0;
	for (size_t i = 0; i < lp->lm.norder; i++) {
		const struct list_item *it = &lp->lm.items[lp->lm.order[i]];
		if (!is_copy(lp, it))
			continue;
		const char *name = base_name(lp->app->corpus->v[it->art].path);
		int w = pane_cols(lp->app, name, strlen(name));
		lp->copy_cols = w > lp->copy_cols ? w : lp->copy_cols;
	}
	number_cols(lp);
}

static void
l_destroy(struct pane *p)
{
	struct lpane *lp = p->data;
	if (lp == NULL)
		return;
	list_model_free(&lp->lm);
	store_places_free(lp->places);
	free(lp->seen);
	free(lp);
}

static void
l_resize(struct pane *p, int rows, int cols)
{
	struct lpane *lp = p->data;
	(void)cols;
	menu_set(&lp->m, lp->lm.norder, rows - 1);
}

static void
l_title(struct pane *p, char *buf, size_t cap)
{
	struct lpane *lp = p->data;
	snprintf(buf, cap, "文章 Articles (%zu)", lp->lm.norder);
}

static void
l_status(struct pane *p, char *buf, size_t cap)
{
	struct lpane *lp = p->data;
	/* the count, the place, the sort and the filter are the key facts
	 * (a '\t' after them: the hints, the tabs, then "q quit" give way
	 * first; with the progress before them at 80 columns "sort: file"
	 * was cut mid-word: "sort: fi…"). "Articles (" stays: bench/'s
	 * first-paint marker. */
	snprintf(buf, cap, "文章 Articles (%zu)  %zu/%zu  sort: %s%s%s\t  Enter: open  s: sort  /: filter",
		 lp->lm.norder, lp->lm.norder ? lp->m.cur + 1 : 0, lp->lm.norder, list_sort_name(lp->lm.sort),
		 lp->lm.filter[0] ? "  filter: " : "", lp->lm.filter);
}

/* Column plan for a pane cols wide; name: the file names of copies (the
 * part of the title column they take, a blank before them included). */
struct cols {
	int mark, title, name, source, len, city, notes;
	int count; /* the digits of a city count (a blank before each) */
};

enum { NAME_MAX_COLS = 32, NAME_TITLE_COLS = 10 };

static struct cols
plan(int cols, size_t ncities, int copy_cols, int chars_cols, int count_cols)
{
	struct cols c = { 4, 0, 0, 0, chars_cols + 1, 0, 0, count_cols };
	int rest = cols - c.mark - c.len - 1;
	int city = ncities ? 1 + (1 + count_cols) * (int)ncities : 0;
	/* where titles repeat, the file name is what tells the rows apart: it
	 * takes the space first (the title keeps NAME_TITLE_COLS), in a
	 * column of its own, before the counts and the source */
	if (copy_cols) {
		int want = 1 + (copy_cols < NAME_MAX_COLS ? copy_cols : NAME_MAX_COLS);
		int room = rest - NAME_TITLE_COLS;
		c.name = want < room ? want : room > 4 ? room : 0;
		rest -= c.name;
	}
	/* the title keeps at least 18 columns; counts before the source */
	if (city && rest - city >= 18) { c.city = city; rest -= c.city; }
	if (rest - 4 >= 18) { c.notes = 4; rest -= c.notes; }
	if (rest - 14 >= 28) { c.source = 14; rest -= c.source; }
	c.title = rest + c.name; /* the name's part is the title's when no copy */
	return c;
}

/* name cut to max_cols in its middle (its start, "…", its end: where
 * copies differ, a number or "(2)" before the extension, or a prefix),
 * into buf. */
static void
cut_middle(struct app *app, const char *name, int max_cols, char *buf, size_t cap)
{
	size_t len = strlen(name);
	if (pane_cols(app, name, len) <= max_cols || max_cols < 3) {
		snprintf(buf, cap, "%s", name);
		return;
	}
	int ell = pane_cols(app, "…", strlen("…"));
	int head = (max_cols - ell + 1) / 2, tail = max_cols - ell - head;
	size_t h = 0;
	for (size_t q; h < len && pane_cols(app, name, (q = width_next_cluster(name, len, h))) <= head;)
		h = q;
	size_t t = len; /* the shortest end that fits in tail columns */
	for (size_t p = 0, q; p < len; p = q) {
		q = width_next_cluster(name, len, p);
		if (p >= h && pane_cols(app, name + p, len - p) <= tail) {
			t = p;
			break;
		}
	}
	snprintf(buf, cap, "%.*s…%s", (int)h, name, name + t);
}

static void
draw_header(struct app *app, WINDOW *w, struct lpane *lp, struct cols c)
{
	int at = (int)((unsigned)style_get(app, STYLE_DIM) | A_UNDERLINE);
	wattrset(w, at);
	mvwhline(w, 0, 0, ' ', getmaxx(w));
	int x = c.mark;
	pane_put(app, w, 0, x, "标题", 6, c.title, at);
	x += c.title;
	if (c.source) {
		pane_put(app, w, 0, x, "来源", 6, c.source, at);
		x += c.source;
	}
	pane_put(app, w, 0, x + c.len - 5, "字数", 6, 4, at);
	x += c.len;
	for (size_t k = 0; c.city && k < lp->ncities; k++) {
		char lab[8];
		size_t n = width_next_cluster(lp->cities[k], strlen(lp->cities[k]), 0);
		snprintf(lab, sizeof lab, "%.*s", (int)n, lp->cities[k]);
		pane_put(app, w, 0, x + ((int)k + 1) * (1 + c.count) - 2, lab, strlen(lab), 2, at);
	}
	x += c.city;
	if (c.notes)
		pane_put(app, w, 0, x + 1, "注", 3, 2, at);
}

static void
l_draw(struct pane *p, WINDOW *w)
{
	struct lpane *lp = p->data;
	int cols = getmaxx(w);
	size_t end = lp->m.top + (size_t)(lp->m.rows > 0 ? lp->m.rows : 0);
	refresh_rows(lp, lp->m.top, end < lp->lm.norder ? end : lp->lm.norder, 0);
	struct cols c = plan(cols, lp->ncities, lp->copy_cols, lp->chars_cols, lp->count_cols);
	struct app *app = p->app;
	draw_header(app, w, lp, c);
	int focused = pane_focused(p->app) == p;
	for (int i = 0; i < lp->m.rows; i++) {
		size_t k = lp->m.top + (size_t)i;
		if (k >= lp->lm.norder)
			break;
		const struct list_item *it = &lp->lm.items[lp->lm.order[k]];
		const struct article *a = &p->app->corpus->v[it->art];
		/* not read yet: its file name, until it loads */
		int pending = states(lp) && states(lp)[it->art] == CATALOG_PENDING;
		int y = i + 1;
		int base = pending ? style_get(app, STYLE_DIM)
				   : it->read_pct < 0 ? style_get(app, STYLE_UNREAD) : 0;
		if (k == lp->m.cur) {
			base = focused ? style_get(app, STYLE_CURSOR) : (int)((unsigned)base | A_UNDERLINE);
			wattrset(w, base);
			mvwhline(w, y, 0, ' ', cols);
		}
		char buf[64];
		if (pending)
			snprintf(buf, sizeof buf, "...");
		else if (it->read_pct < 0)
			snprintf(buf, sizeof buf, "●");
		else if (it->read_pct >= 100)
			snprintf(buf, sizeof buf, "✓");
		else
			snprintf(buf, sizeof buf, "%d%%", it->read_pct);
		pane_put(app, w, y, 0, buf, strlen(buf), 3, base);
		int x = c.mark;
		/* titles as the reading view shows them (full-width punctuation) */
		/* a pending row has no facts: its name (and what its thread is
		 * doing) may take their columns */
		int tw = pending ? cols - c.mark - 1 : c.title - 1;
		if (c.name && is_copy(lp, it)) { /* copies: the file name tells them apart */
			char nm[256];
			tw -= c.name;
			cut_middle(app, base_name(a->path), c.name - 1, nm, sizeof nm);
			pane_put(app, w, y, x + tw + 1, nm, strlen(nm), c.name - 1,
				 base | style_get(app, STYLE_DIM));
		}
		const char *t = a->meta.title && !pending ? a->meta.title : base_name(a->path);
		/* a large file read in a thread: how far it is (it said "..."
		 * and nothing else for the 20 s of a 64 MiB article) */
		char job[32], tb[320];
		if (pending && bigload_status(app, it->art, job, sizeof job) > 0) {
			snprintf(tb, sizeof tb, "%s  %s", t, job);
			t = tb;
		}
		pane_put_shown(p->app, w, y, x, t, strlen(t), tw, base);
		x += c.title;
		if (c.source) {
			const char *s = a->meta.source ? a->meta.source : "";
			pane_put_shown(p->app, w, y, x, s, strlen(s), c.source - 1, base);
			x += c.source;
		}
		if (pending)
			buf[0] = 0;
		else
			snprintf(buf, sizeof buf, "%*zu", c.len - 1, a->chars);
		pane_put(app, w, y, x, buf, strlen(buf), c.len, base);
		x += c.len;
		if (c.city && !pending) {
			for (size_t ci = 0; ci < lp->ncities; ci++) {
				snprintf(buf, sizeof buf, " %*d", c.count, it->cities[ci]);
				pane_put(app, w, y, x + (int)ci * (1 + c.count), buf, strlen(buf), 1 + c.count,
					 it->cities[ci] ? base : base | style_get(app, STYLE_DIM));
			}
			x += c.city;
		}
		if (c.notes && !pending) {
			snprintf(buf, sizeof buf, "%3d", it->notes);
			pane_put(app, w, y, x, buf, strlen(buf), 4, it->notes ? base : base | style_get(app, STYLE_DIM));
		}
	}
	if (lp->lm.norder == 0)
		pane_put(app, w, 2, 2, "No article matches the filter; / to change it",
			 46, cols - 3, style_get(app, STYLE_DIM));
}

static int
sort_by(struct lpane *lp, const char *arg)
{
	if (arg == NULL) {
		lp->lm.sort = (enum list_sort)((lp->lm.sort + 1) % LIST_SORT_COUNT);
	} else {
		int found = 0;
		for (int s = 0; s < LIST_SORT_COUNT; s++)
			if (strncmp(list_sort_name((enum list_sort)s), arg, strlen(arg)) == 0 && arg[0]) {
				lp->lm.sort = (enum list_sort)s;
				found = 1;
				break;
			}
		if (!found) {
			pane_error(lp->app, "sort: title, source, length, unread or file");
			return PANE_HANDLED;
		}
	}
	refresh_facts(lp);
	reapply(lp);
	pane_message(lp->app, "sorted by %s", list_sort_name(lp->lm.sort));
	return PANE_REDRAW;
}

static int
l_key(struct pane *p, const struct pane_event *ev)
{
	struct lpane *lp = p->data;
	long page = lp->m.rows > 1 ? lp->m.rows - 1 : 1;
	/* moving costs nothing per article: the next draw keeps the facts */
	lp->moved = ev->action >= L_DOWN && ev->action <= L_BOTTOM;
	switch (ev->action) {
	case L_DOWN: menu_move(&lp->m, 1); break;
	case L_UP: menu_move(&lp->m, -1); break;
	case L_PAGEDOWN: menu_move(&lp->m, page); break;
	case L_PAGEUP: menu_move(&lp->m, -page); break;
	case L_TOP: menu_goto(&lp->m, 0); break;
	case L_BOTTOM: menu_goto(&lp->m, lp->lm.norder ? lp->lm.norder - 1 : 0); break;
	case L_OPEN: {
		size_t art = current_art(lp);
		if (art == (size_t)-1)
			return PANE_HANDLED;
		/* not loaded yet: this one now */
		int rc = load_article(p->app, art);
		if (rc == ERR_NOTFOUND) {
			char *name = termsafe_name(base_name(p->app->corpus->v[art].path));
			pane_error(p->app, "%s cannot be read (:messages says why)", name ? name : "");
			free(name);
			return PANE_REDRAW_ALL;
		}
		if (rc == 0)
			rc = pane_open_article(p->app, art, PANE_PLACE_REMEMBERED, NULL);
		if (rc < 0)
			pane_error(p->app, "cannot open: %s", err_strerror(rc));
		return PANE_REDRAW_ALL;
	}
	case L_SORT: return sort_by(lp, ev->arg);
	case L_FILTER: {
		char buf[256];
		const char *f = ev->arg;
		if (f == NULL) {
			if (!pane_prompt(p->app, "Filter: ", lp->lm.filter, buf, sizeof buf))
				return PANE_REDRAW;
			f = buf;
		}
		snprintf(lp->lm.filter, sizeof lp->lm.filter, "%s", f);
		reapply(lp);
		/* while loading the count grows: the message says so (it
		 * stayed "11 of 1000 articles match" as the rows came in) */
		if (lp->lm.filter[0])
			pane_message(p->app, "%zu of %zu articles match%s", lp->lm.norder, lp->lm.n,
				     p->app->load.active ? " so far (still loading)" : "");
		return PANE_REDRAW_ALL;
	}
	case L_UNFILTER:
		if (lp->lm.filter[0] == 0)
			return PANE_HANDLED;
		lp->lm.filter[0] = 0;
		reapply(lp);
		pane_message(p->app, "Filter cleared: %zu articles", lp->lm.n);
		return PANE_REDRAW_ALL;
	case L_HELP:
		if (ui_help_open(p->app) < 0)
			pane_error(p->app, "out of memory");
		return PANE_REDRAW_ALL;
	case L_QUIT: return PANE_QUIT;
	default: return PANE_UNHANDLED;
	}
	return PANE_REDRAW;
}

/* Read marks change while reading: refresh them when the list is drawn
 * after having been left, not after a key that only moved in it (that
 * would read every article's position from the store on every j). */
static void
l_draw_fresh(struct pane *p, WINDOW *w)
{
	struct lpane *lp = p->data;
	struct app *app = lp->app;
	/* a key since the last look (not one that only moved in the list):
	 * the facts of every row; else only those of rows that loaded */
	int all = !lp->moved && lp->keys_seen != app->keys;
	lp->moved = 0;
	lp->keys_seen = app->keys;
	if (all)
		refresh_facts(lp);
	else if (lp->lm.sort == LIST_SORT_UNREAD && lp->load_seen != app->load.gen)
		refresh_rows(lp, 0, lp->lm.n, 1); /* the rows that loaded */
	if (lp->load_seen != app->load.gen || (all && lp->lm.sort == LIST_SORT_UNREAD)) {
		lp->load_seen = app->load.gen; /* titles came in: sorted and filtered again */
		reapply(lp);
	}
	l_draw(p, w);
}

const struct pane_ops ui_list_ops = {
	.name = "list",
	.keys = list_keys,
	.nkeys = sizeof list_keys / sizeof list_keys[0],
	.sidebar = 1,
	.draw = l_draw_fresh,
	.key = l_key,
	.resize = l_resize,
	.title = l_title,
	.status = l_status,
	.destroy = l_destroy,
};

int
ui_list_open(struct app *app, int focus)
{
	struct lpane *lp = calloc(1, sizeof *lp);
	if (lp == NULL)
		return ERR_NOMEM;
	lp->app = app;
	if (list_model_init(&lp->lm, app->corpus->n) < 0 ||
	    (lp->seen = malloc(app->corpus->n + 1)) == NULL) {
		list_model_free(&lp->lm);
		free(lp);
		return ERR_NOMEM;
	}
	lp->lm.state = app->load.cat.state;
	lp->keys_seen = app->keys;
	lp->load_seen = app->load.gen;
	refresh_facts(lp);
	if (list_model_apply(&lp->lm, app->corpus, app->script) < 0)
		pane_error(app, "out of memory");
	number_cols(lp);
	lp->m.rows = 1;
	menu_set(&lp->m, lp->lm.norder, 1);
	return pane_open(app, &ui_list_ops, lp, focus) ? 0 : ERR_NOMEM;
}
