/* The comparison pane; see compare.h. */
#include "compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/err.h"
#include "../app.h"
#include "../load.h"
#include "../screen/menu.h"
#include "../screen/pane.h"
#include "../screen/style.h"
#include "busy.h"
#include "match.h"
#include "passage.h"

/* A column needs this many columns, else one city is shown at a time. */
#define COMPARE_MIN_COL_COLS 24
#define HEADER_ROWS 3

enum { C_LEFT = 1, C_RIGHT, C_UP, C_DOWN, C_PAGEDOWN, C_PAGEUP, C_TOP, C_BOTTOM, C_OPEN, C_BACK };

static const struct pane_key compare_keys[] = {
	{ C_LEFT, "left", { 'h', KEY_LEFT }, "Previous city (column)", 0 },
	{ C_RIGHT, "right", { 'l', KEY_RIGHT }, "Next city (column)", 0 },
	{ C_UP, "up", { 'k', KEY_UP }, "Previous theme (row), or passage", 0 },
	{ C_DOWN, "down", { 'j', KEY_DOWN }, "Next theme (row), or passage", 0 },
	{ C_PAGEDOWN, "page-down", { ' ', KEY_NPAGE, PANE_CTRL('d') }, "A page of passages down", 0 },
	{ C_PAGEUP, "page-up", { 'b', KEY_PPAGE, PANE_CTRL('u') }, "A page of passages up", 0 },
	{ C_TOP, "top", { 'g', KEY_HOME }, "First row or passage", 0 },
	{ C_BOTTOM, "bottom", { 'G', KEY_END }, "Last row or passage", 0 },
	{ C_OPEN, "open", { PANE_KEY_ENTER }, "List the cell's passages; on a passage, read it in its article", 0 },
	{ C_BACK, "back", { 'q', PANE_KEY_ESC }, "Back: from the passages to the table, from the table to the last pane", 0 },
};

enum { G_COMPARE = 1, G_KEYWORD };

static const struct pane_key global_keys[] = {
	{ G_COMPARE, "compare", { 'C', KEY_F(4) }, "Compare the cities: theme counts and passages", 0 },
	{ G_KEYWORD, "keyword", { 'K' }, "Highlight a word in every article (again: stop)", 1 },
};

struct cmp {
	struct app *app;
	struct ui_match *um;
	const struct compare_result *r;
	size_t col, row; /* focused city and row (nthemes: figures) */
	size_t toprow;   /* first row shown */
	int list;        /* 1: the passages of the focused cell */
	struct menu m;
	int entry_rows;  /* rows per passage in the list */
};

static const struct compare_refs *
cur_cell(const struct cmp *c)
{
	return compare_cell(c->r, c->col, c->row);
}

static const char *
row_name(const struct cmp *c, size_t row)
{
	return row < c->r->nthemes ? c->um->spec.themes[row].name : "figures";
}

static const char *
city_name(const struct cmp *c, size_t i)
{
	return compare_spec_city(&c->um->spec, i)->name;
}

static int
put(struct app *app, WINDOW *w, int y, int x, const char *s, int max_cols, int attr)
{
	return max_cols > 0 ? pane_put_trunc(app, w, y, x, s, strlen(s), max_cols, attr) : 0;
}

/* Highlight spans for a passage: city names, the row's theme words, and
 * the article's garbled marks. Sorted. */
static int
passage_spans(const struct cmp *c, size_t art, size_t start, size_t end, size_t row,
	      struct span_list *out)
{
	const struct match_text *t = &c->um->mc.folded[art];
	struct span_list tmp = { 0 };
	int rc = compare_matcher_spans(c->um->cm, t, start, end, COMPARE_CITIES | COMPARE_THEMES, &tmp);
	for (size_t i = 0; rc == 0 && i < tmp.n; i++)
		if (tmp.v[i].kind != SPAN_THEME || (size_t)tmp.v[i].tag == row)
			rc = span_list_push(out, tmp.v[i].start, tmp.v[i].end, tmp.v[i].kind, tmp.v[i].tag);
	const struct span_list *g = &c->app->corpus->v[art].spans;
	for (size_t i = 0; rc == 0 && i < g->n; i++)
		if (g->v[i].start < end && g->v[i].end > start)
			rc = span_list_push(out, g->v[i].start, g->v[i].end, g->v[i].kind, g->v[i].tag);
	span_list_free(&tmp);
	span_list_sort(out);
	return rc;
}

/* Draw passage ref in rows [y, y + nrows) at x, cols wide; returns rows used. */
static int
draw_passage(struct cmp *c, WINDOW *w, int y, int x, int cols, int nrows,
	     const struct compare_ref *ref, size_t row, int base)
{
	const struct article *a = &c->app->corpus->v[ref->art];
	const struct sentence *st = &a->sents[ref->sent];
	const struct layout_opts *lo = &c->app->vopts.layout;
	struct layout_lines ll = { 0 };
	struct span_list sp = { 0 };
	int used = 0;
	/* a column kept for the … of a passage cut short, and a blank after
	 * it before the next column's rule */
	if (ui_passage_layout(lo, a, st->start, st->end, cols > 3 ? cols - 2 : cols, &ll) == 0 &&
	    passage_spans(c, ref->art, st->start, st->end, row, &sp) == 0) {
		for (size_t i = 0; i < ll.n && used < nrows; i++, used++)
			ui_passage_draw(c->app, w, y + used, x, cols, lo, a, &ll.v[i], &sp, base);
		/* cut: "…" after the last line shown */
		if (used > 0 && (size_t)used < ll.n) {
			const struct layout_line *l = &ll.v[used - 1];
			int ex = x + l->indent_cols + l->width_cols;
			if (ex < x + cols)
				pane_put(c->app, w, y + used - 1, ex, "…", strlen("…"), 1, style_get(c->app, STYLE_DIM));
		}
	}
	layout_lines_free(&ll);
	span_list_free(&sp);
	return used;
}

/* Sentences per article as a bar of eighths, scaled to the city's busiest
 * article; "·" for none. Characters, not colours: readable in monochrome. */
static void
draw_bar(struct cmp *c, WINDOW *w, int y, int x, int cols, size_t city)
{
	static const char *const eighths[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	const struct compare_result *r = c->r;
	size_t max = 0;
	for (size_t a = 0; a < r->narts; a++)
		if (r->per_article[city * r->narts + a] > max)
			max = r->per_article[city * r->narts + a];
	int used = 0;
	for (size_t a = 0; a < r->narts && used < cols; a++, used++) {
		size_t v = r->per_article[city * r->narts + a];
		const char *s = v == 0 ? "·" : eighths[(v * 7 + max - 1) / max];
		wattrset(w, style_get(c->app, STYLE_DIM));
		mvwaddstr(w, y, x + used, s);
	}
	wattrset(w, A_NORMAL);
	const char *prov = compare_spec_city(&c->um->spec, city)->province;
	if (prov && used + 2 < cols) {
		char buf[64];
		snprintf(buf, sizeof buf, "%s %zu", prov, r->province[city].n);
		put(c->app, w, y, x + used + 1, buf, cols - used - 1, style_get(c->app, STYLE_PROVINCE));
	}
}

static void
draw_header(struct cmp *c, WINDOW *w, int x, int cols, size_t city, int narrow)
{
	const struct compare_result *r = c->r;
	struct span s = { 0, 0, SPAN_CITY, (int)city };
	int at = ui_match_span_attr(c->app, &s);
	int used = 0;
	if (narrow && c->r->ncities > 1)
		used += put(c->app, w, 0, x, "◀ ", cols, style_get(c->app, STYLE_DIM));
	used += put(c->app, w, 0, x + used, city_name(c, city), cols - used, at);
	char buf[96];
	snprintf(buf, sizeof buf, " %zu句 %zu次", r->city[city].n, r->hits[city]);
	used += put(c->app, w, 0, x + used, buf, cols - used, 0);
	if (narrow && c->r->ncities > 1)
		put(c->app, w, 0, x + used, " ▶", cols - used, style_get(c->app, STYLE_DIM));
	draw_bar(c, w, 1, x, cols, city);
	if (!narrow) {
		for (int i = 0; i < cols; i++)
			put(c->app, w, 2, x + i, "─", 1, style_get(c->app, STYLE_BORDER));
		return;
	}
	/* the other cities' counts for the focused row */
	int ux = 0;
	for (size_t i = 0; i < r->ncities && ux < cols; i++) {
		if (i == city)
			continue;
		snprintf(buf, sizeof buf, "%s%s %zu", ux ? " · " : "", city_name(c, i),
			 compare_cell(r, i, c->row)->n);
		ux += put(c->app, w, 2, x + ux, buf, cols - ux, style_get(c->app, STYLE_DIM));
	}
}

static void
draw_cell(struct cmp *c, WINDOW *w, int y, int x, int cols, int h, size_t city, size_t row)
{
	const struct compare_refs *cell = compare_cell(c->r, city, row);
	int focused = city == c->col && row == c->row;
	int at = focused ? style_get(c->app, STYLE_CURSOR) : style_get(c->app, STYLE_HEADING);
	if (focused) {
		wattrset(w, at);
		mvwhline(w, y, x, ' ', cols);
	}
	char buf[96];
	snprintf(buf, sizeof buf, "%s %zu", row_name(c, row), cell->n);
	put(c->app, w, y, x, buf, cols, at);
	int used = 1;
	for (size_t i = 0; i < cell->n && used < h; i++) {
		put(c->app, w, y + used, x, "·", 1, style_get(c->app, STYLE_DIM));
		used += draw_passage(c, w, y + used, x + 2, cols - 2, h - used, &cell->v[i], row, 0);
	}
}

static void
draw_grid(struct cmp *c, WINDOW *w)
{
	int rows = getmaxy(w), cols = getmaxx(w);
	size_t n = c->r->ncities, nrow = c->r->nthemes + 1;
	int narrow = cols < (int)n * COMPARE_MIN_COL_COLS;
	size_t shown = narrow ? 1 : n, first = narrow ? c->col : 0;
	int cw = (cols - (int)(shown - 1)) / (int)shown;
	int avail = rows - HEADER_ROWS;
	int h = avail / (int)nrow, extra = avail % (int)nrow;
	if (h < 2) {
		h = 2;
		extra = 0;
	}
	size_t visible = avail >= h ? (size_t)(avail / h) : 1;
	if (c->row < c->toprow)
		c->toprow = c->row;
	if (c->row >= c->toprow + visible)
		c->toprow = c->row - visible + 1;
	for (size_t k = 0; k < shown; k++) {
		int x0 = (int)k * (cw + 1);
		size_t city = first + k;
		draw_header(c, w, x0, cw, city, narrow);
		/* rows left over go to the first cells, one each */
		for (size_t i = 0, y = HEADER_ROWS; i < visible && c->toprow + i < nrow; i++) {
			int hi = h + ((int)i < extra);
			draw_cell(c, w, (int)y, x0, cw, hi, city, c->toprow + i);
			y += (size_t)hi;
		}
		for (int y = 0; k + 1 < shown && y < rows; y++)
			put(c->app, w, y, x0 + cw, "│", 1, style_get(c->app, STYLE_BORDER));
	}
}

static void
draw_list(struct cmp *c, WINDOW *w)
{
	int rows = getmaxy(w), cols = getmaxx(w);
	const struct compare_refs *cell = cur_cell(c);
	/* each passage: its article, up to entry_rows - 2 lines of it (… when
	 * cut), one blank row; the same spacing whatever the passage's length */
	c->entry_rows = rows >= 12 ? 4 : 3;
	menu_set(&c->m, cell->n, (rows - 1) / c->entry_rows > 0 ? (rows - 1) / c->entry_rows : 1);
	char buf[256];
	snprintf(buf, sizeof buf, "%s × %s: %zu passages", city_name(c, c->col), row_name(c, c->row),
		 cell->n);
	put(c->app, w, 0, 1, buf, cols - 2, style_get(c->app, STYLE_TITLE));
	int y = 1;
	/* the keys move by whole passages (menu), but the rows left below the
	 * last whole ones show as much of the next as fits, as less shows a
	 * line cut by the bottom of the screen */
	for (int i = 0; y < rows; i++) {
		size_t k = c->m.top + (size_t)i;
		if (k >= cell->n)
			break;
		const struct article *a = &c->app->corpus->v[cell->v[k].art];
		int at = style_get(c->app, STYLE_DIM);
		if (k == c->m.cur) {
			at = style_get(c->app, STYLE_CURSOR);
			wattrset(w, at);
			mvwhline(w, y, 0, ' ', cols);
			wattrset(w, A_NORMAL);
		}
		char title[200];
		pane_shown_copy(c->app, a->meta.title, title, sizeof title);
		snprintf(buf, sizeof buf, "%zu. %s", k + 1, title);
		put(c->app, w, y, 1, buf, cols - 2, at);
		int lines = rows - y - 1 < c->entry_rows - 2 ? rows - y - 1 : c->entry_rows - 2;
		y += 1 + draw_passage(c, w, y + 1, 3, cols - 4, lines, &cell->v[k], c->row, 0);
		y++; /* the blank row */
	}
}

static void
c_draw(struct pane *p, WINDOW *w)
{
	struct cmp *c = p->data;
	if (c->list)
		draw_list(c, w);
	else
		draw_grid(c, w);
}

/* Open the reading view at the focused passage. */
static int
open_passage(struct cmp *c)
{
	const struct compare_refs *cell = cur_cell(c);
	if (c->m.cur >= cell->n)
		return PANE_HANDLED;
	const struct compare_ref *ref = &cell->v[c->m.cur];
	const struct article *a = &c->app->corpus->v[ref->art];
	const struct sentence *st = &a->sents[ref->sent];
	struct span_list extra = { 0 }, th = { 0 };
	const struct match_text *t = &c->um->mc.folded[ref->art];
	int rc = span_list_push(&extra, st->start, st->end, SPAN_SELECT, 0);
	if (rc == 0 && c->row < c->r->nthemes)
		rc = compare_matcher_spans(c->um->cm, t, 0, t->orig_len, COMPARE_THEMES, &th);
	for (size_t i = 0; rc == 0 && i < th.n; i++)
		if ((size_t)th.v[i].tag == c->row)
			rc = span_list_push(&extra, th.v[i].start, th.v[i].end, SPAN_THEME, th.v[i].tag);
	if (rc == 0)
		rc = pane_open_article(c->app, ref->art, st->start, &extra);
	span_list_free(&extra);
	span_list_free(&th);
	if (rc < 0)
		pane_error(c->app, "cannot open the article: %s", err_strerror(rc));
	return PANE_REDRAW_ALL;
}

static int
list_key(struct pane *p, struct cmp *c, int action)
{
	long page = c->m.rows > 1 ? c->m.rows - 1 : 1;
	switch (action) {
	case C_DOWN: menu_move(&c->m, 1); break;
	case C_UP: menu_move(&c->m, -1); break;
	case C_PAGEDOWN: menu_move(&c->m, page); break;
	case C_PAGEUP: menu_move(&c->m, -page); break;
	case C_TOP: menu_goto(&c->m, 0); break;
	case C_BOTTOM: menu_goto(&c->m, c->m.n ? c->m.n - 1 : 0); break;
	case C_OPEN: return open_passage(c);
	case C_BACK:
	case C_LEFT: c->list = 0; break;
	case C_RIGHT: return PANE_HANDLED;
	default: return PANE_UNHANDLED;
	}
	(void)p;
	return PANE_REDRAW;
}

static int
c_key(struct pane *p, const struct pane_event *ev)
{
	struct cmp *c = p->data;
	if (c->list)
		return list_key(p, c, ev->action);
	size_t nrow = c->r->nthemes + 1, n = c->r->ncities;
	switch (ev->action) {
	case C_LEFT: c->col = (c->col + n - 1) % n; break;
	case C_RIGHT: c->col = (c->col + 1) % n; break;
	case C_UP: if (c->row > 0) c->row--; break;
	case C_DOWN: if (c->row + 1 < nrow) c->row++; break;
	case C_TOP: c->row = 0; break;
	case C_BOTTOM: c->row = nrow - 1; break;
	case C_PAGEDOWN: case C_PAGEUP: break;
	case C_OPEN:
		c->list = 1;
		c->m = (struct menu){ 0 };
		menu_set(&c->m, cur_cell(c)->n, 1);
		break;
	case C_BACK: return PANE_BACK | PANE_REDRAW_ALL;
	default: return PANE_UNHANDLED;
	}
	return PANE_REDRAW;
}

static void
c_title(struct pane *p, char *buf, size_t cap)
{
	(void)p;
	snprintf(buf, cap, "Compare");
}

static void
c_status(struct pane *p, char *buf, size_t cap)
{
	struct cmp *c = p->data;
	if (c->list)
		snprintf(buf, cap, "%s × %s  %zu/%zu  Enter: read", city_name(c, c->col),
			 row_name(c, c->row), c->m.n ? c->m.cur + 1 : 0, c->m.n);
	else
		snprintf(buf, cap, "%s × %s: %zu  ▁▅█ sentences per article  Enter: passages",
			 city_name(c, c->col), row_name(c, c->row), cur_cell(c)->n);
}

static void
c_destroy(struct pane *p)
{
	free(p->data);
}

static const struct pane_ops compare_ops = {
	.name = "compare",
	.keys = compare_keys,
	.nkeys = sizeof compare_keys / sizeof compare_keys[0],
	.draw = c_draw,
	.key = c_key,
	.title = c_title,
	.status = c_status,
	.destroy = c_destroy,
};

int
ui_compare_open(struct app *app)
{
	struct pane *p = pane_find(app, &compare_ops);
	if (p) {
		pane_focus(app, p);
		pane_dirty_all(app);
		return 0;
	}
	struct ui_match *um = ui_match_get(app);
	if (um == NULL)
		return ERR_NOMEM;
	if (!um->have_result) {
		/* the comparison is over every article: the rest load first
		 * (ui/load.h), with their progress; Esc stops that too */
		int lrc = load_all(app, "comparison");
		if (lrc < 0)
			return lrc;
		um = ui_match_get(app);
		/* a long comparison shows its progress; Esc or Ctrl-C stops
		 * it and leaves the screen as it was */
		struct ui_busy b;
		ui_busy_start(&b, app, "comparing");
		int rc = compare_run_tick(&um->spec, um->cm, &um->mc, ui_busy_tick, &b, &um->res);
		if (rc < 0)
			return rc;
		um->have_result = 1;
	}
	const struct compare_result *r = ui_match_result(app);
	if (r == NULL)
		return ERR_NOMEM;
	struct cmp *c = calloc(1, sizeof *c);
	if (c == NULL)
		return ERR_NOMEM;
	*c = (struct cmp){ .app = app, .um = um, .r = r };
	return pane_open(app, &compare_ops, c, 1) ? 0 : ERR_NOMEM;
}

static void
keyword(struct app *app, const char *arg)
{
	char buf[256];
	if (arg && *arg)
		snprintf(buf, sizeof buf, "%s", arg);
	else if (!pane_prompt(app, "Highlight (again: stop): ", NULL, buf, sizeof buf) || !buf[0])
		return;
	int rc = ui_match_toggle_keyword(app, buf);
	if (rc == ERR_RANGE)
		pane_error(app, "at most %d keywords", UI_MATCH_KEYWORDS_MAX);
	else if (rc < 0)
		pane_error(app, "out of memory");
	else
		pane_message(app, rc ? "highlighting %s" : "no longer highlighting %s", buf);
}

static int
global_fn(struct app *app, struct pane *focused, const struct pane_event *ev)
{
	(void)focused;
	switch (ev->action) {
	case G_COMPARE: {
		int rc = ui_compare_open(app);
		if (rc == ERR_CANCELLED)
			pane_message(app, "comparison stopped");
		else if (rc < 0)
			pane_error(app, "cannot open the comparison");
		return PANE_REDRAW_ALL;
	}
	case G_KEYWORD:
		keyword(app, ev->arg);
		return PANE_REDRAW_ALL;
	default:
		return PANE_UNHANDLED;
	}
}

static const struct pane_keymap global_map = {
	.name = "global",
	.keys = global_keys,
	.nkeys = sizeof global_keys / sizeof global_keys[0],
	.fn = global_fn,
};

int
ui_compare_register(struct app *app)
{
	int rc;
	if ((rc = pane_register(app, &compare_ops)) < 0 ||
	    (rc = pane_register_global(app, &global_map)) < 0)
		return rc;
	return 0;
}
