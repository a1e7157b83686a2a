/* The reading view pane; the model is reader.c. */
#include "reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../src/article.h"
#include "../../src/article_job.h"
#include "../../src/catalog.h"
#include "../../src/err.h"
#include "../../src/position.h"
#include "../../src/store.h"
#include "../../src/reader.h"
#include "../app.h"
#include "../bigload.h"
#include "../screen/style.h"
#include "annot.h" /* passage cursor, selection, notes */
#include "match.h"
#include "noteset.h"
#include "outline.h"
#include "reader_head.h"

enum {
	R_DOWN = 1, R_UP, R_HALFDOWN, R_HALFUP, R_PAGEDOWN, R_PAGEUP, R_TOP,
	R_BOTTOM, R_NEXTHEAD, R_PREVHEAD, R_OUTLINE, R_SEARCH, R_RSEARCH,
	R_NEXT, R_PREV, R_BOILER, R_SCRIPT, R_BACK, R_CLOSE, R_PERCENT,
};

static const struct pane_key reader_keys[] = {
	{ R_DOWN, "line-down", { 'j', KEY_DOWN, PANE_CTRL('e'), PANE_KEY_ENTER }, "Scroll one line down", 0 },
	{ R_UP, "line-up", { 'k', KEY_UP, PANE_CTRL('y') }, "Scroll one line up", 0 },
	{ R_HALFDOWN, "half-down", { 'd', PANE_CTRL('d') }, "Scroll half a page down", 0 },
	{ R_HALFUP, "half-up", { 'u', PANE_CTRL('u') }, "Scroll half a page up", 0 },
	{ R_PAGEDOWN, "page-down", { ' ', KEY_NPAGE, 'f', PANE_CTRL('f') }, "Scroll a page down", 0 },
	{ R_PAGEUP, "page-up", { 'b', KEY_PPAGE, PANE_CTRL('b') }, "Scroll a page up", 0 },
	{ R_TOP, "top", { 'g', KEY_HOME, '<' }, "Go to the start", 0 },
	{ R_BOTTOM, "bottom", { 'G', KEY_END, '>' }, "Go to the end", 0 },
	{ R_PERCENT, "goto", { '%' }, "Go to the first place read N% (:goto 50 shows 50%)", 1 },
	{ R_NEXTHEAD, "next-heading", { ']', '}' }, "Next heading", 0 },
	{ R_PREVHEAD, "prev-heading", { '[', '{' }, "Previous heading", 0 },
	{ R_OUTLINE, "outline", { 'o' }, "Outline: headings to jump to", 0 },
	{ R_SEARCH, "search", { '/' }, "Search forward (simplified and traditional alike)", 1 },
	{ R_RSEARCH, "search-back", { '?' }, "Search backward", 1 },
	{ R_NEXT, "search-next", { 'n' }, "Next search hit", 0 },
	{ R_PREV, "search-prev", { 'N' }, "Previous search hit", 0 },
	{ R_SCRIPT, "script", { 't' }, "Cycle the script: original, simplified, traditional (:script simplified)", 1 },
	{ R_BOILER, "boilerplate", { 'B' }, "Show or hide boilerplate (navigation, footers)", 0 },
	{ R_BACK, "back", { 'q', 'h', KEY_LEFT }, "Back to the article list", 0 },
	{ R_CLOSE, "close", { 'x' }, "Close the reading view", 0 },
};

struct rpane {
	struct app *app;
	size_t art;             /* corpus index, or PANE_ART_FILE: own */
	struct article *own;    /* an article read on its own (pane_open_req.path) */
	struct reader r;
	struct span_list extra; /* from the opener, orig offsets */
	unsigned spans_gen;
	struct store_place saved; /* place last written to (or read from) the store */
	int have_saved;
	int finished;            /* the end has been on screen (now or before) */
	struct reader_head head; /* title and facts: the document's first rows */
	struct ui_annot annot;   /* passage cursor and selection */
	int header_rows;         /* rows of it on screen at the last draw */
	/* While the article loads (its slot is not FULL yet: a large file read
	 * in a thread, ui/bigload.c), r shows first, the article of the file's
	 * first part (article_job_head); once the slot is in, r shows it at
	 * the same place, or at want if the reader has not moved. */
	int loading;
	struct article first;
	size_t want;           /* orig offset asked for */
	struct view_pos opened;/* r.top when opened */
};

static int
collect_spans(struct rpane *rp)
{
	struct app *app = rp->app;
	if (rp->loading) /* highlights and notes are over the whole article */
		return 0;
	struct span_list all = { 0 };
	int rc = 0;
	for (size_t i = 0; i < rp->extra.n && rc == 0; i++)
		rc = span_list_push(&all, rp->extra.v[i].start, rp->extra.v[i].end,
				    rp->extra.v[i].kind, rp->extra.v[i].tag);
	/* the span sources know corpus articles only */
	rc = rc || rp->own ? rc : pane_collect_spans(app, rp->art, &all);
	if (rc == 0)
		rc = reader_set_spans(&rp->r, &all);
	span_list_free(&all);
	rp->spans_gen = pane_spans_gen(app);
	return rc;
}

/* The reading place now (position.h): the top row's offset, how far the
 * text on screen under the header reaches, finished once the end was shown. */
static struct store_place
place_now(struct rpane *rp)
{
	struct reader *r = &rp->r;
	int end = 0;
	int pct = reader_position(r, reader_head_text_rows(&rp->head, r), &end);
	if (end && !rp->loading) /* the end of the first part is not the end */
		rp->finished = 1;
	return (struct store_place){ reader_place(r), pct, rp->finished };
}

static void
save_place(struct rpane *rp)
{
	struct app *app = rp->app;
	if (rp->r.view == NULL || rp->loading)
		return;
	struct store_place now = place_now(rp);
	if ((rp->have_saved && now.off == rp->saved.off && now.pct == rp->saved.pct &&
	     now.finished == rp->saved.finished) || store_readonly(app->store))
		return;
	const struct article *a = rp->own ? rp->own : &app->corpus->v[rp->art];
	if (store_set_place(app->store, a->path, a->hash, &now) == 0) {
		rp->saved = now;
		rp->have_saved = 1;
	}
}

/* The stored place of article a into *out; 1 if there is one. */
static int
remembered(struct app *app, const struct article *a, struct store_place *out)
{
	if (store_find_place(app->store, a->path, a->hash, out) < 0)
		return 0;
	if (out->off > a->len)
		out->off = 0;
	return 1;
}

static void
r_destroy(struct pane *p)
{
	struct rpane *rp = p->data;
	if (rp == NULL)
		return;
	reader_free(&rp->r);
	if (rp->own) {
		article_free(rp->own);
		free(rp->own);
	}
	reader_head_free(&rp->head);
	span_list_free(&rp->extra);
	if (rp->loading)
		article_free(&rp->first);
	free(rp);
}

/* The article is in: show it instead of its first part, where the reader
 * is (the same bytes: the first part is the whole article's start), or
 * where it was asked to open if the reader has not moved; the search,
 * the script and the highlights follow. 1 if it changed. */
static int
settle(struct rpane *rp)
{
	struct app *app = rp->app;
	if (!rp->loading || app->corpus->v[rp->art].text == NULL)
		return 0;
	struct reader *r = &rp->r;
	int moved = r->top.block != rp->opened.block || r->top.line != rp->opened.line;
	size_t off = moved ? reader_place(r) : rp->want;
	struct reader nr;
	if (reader_init(&nr, &app->corpus->v[rp->art], app->script, &r->vo, r->cols, r->rows,
			off) < 0) {
		pane_error(app, "out of memory");
		return 0;
	}
	enum script_kind kind = r->kind;
	char query[sizeof r->query];
	memcpy(query, r->query, sizeof query);
	reader_free(r);
	*r = nr;
	r->folded = &app->load.cat.folded[rp->art];
	article_free(&rp->first);
	rp->loading = 0;
	if (kind != SCRIPT_ORIGINAL)
		reader_mode_script(r, kind);
	if (query[0]) {
		memcpy(r->query, query, sizeof r->query);
		reader_search_redo(r);
	}
	collect_spans(rp);
	return 1;
}

static void
r_save(struct pane *p)
{
	save_place(p->data);
}

static void
r_resize(struct pane *p, int rows, int cols)
{
	struct rpane *rp = p->data;
	if (reader_resize(&rp->r, reader_head_text_cols(cols), rows) < 0 ||
	    reader_head_set(&rp->head, &rp->r) < 0)
		pane_error(p->app, "out of memory");
	reader_head_fix(&rp->head, &rp->r, 0);
}

static void
r_title(struct pane *p, char *buf, size_t cap)
{
	struct rpane *rp = p->data;
	pane_shown_copy(p->app, rp->r.a->meta.title, buf, cap);
}

static void
r_status(struct pane *p, char *buf, size_t cap)
{
	struct rpane *rp = p->data;
	struct reader *r = &rp->r;
	settle(rp);
	char hit[64] = "";
	if (r->query[0] && r->hits.n == 0)
		snprintf(hit, sizeof hit, "  no hits");
	else if (r->query[0] && r->cur < r->hits.n)
		snprintf(hit, sizeof hit, "  hit %zu/%zu", r->cur + 1, r->hits.n);
	else if (r->query[0])
		snprintf(hit, sizeof hit, "  %zu hits", r->hits.n);
	/* the selection or the note under the passage cursor, else the title */
	char note[256];
	const char *tail = note;
	if (!ui_annot_status(p->app, &rp->annot, r, rp->art, note, sizeof note)) {
		/* the article: its title and source, as the text shows them */
		size_t k = pane_shown_copy(p->app, r->a->meta.title, note, sizeof note);
		const char *src = r->a->meta.source;
		if (src && src[0] && k + 8 < sizeof note) {
			k += (size_t)snprintf(note + k, sizeof note - k, " · ");
			pane_shown_copy(p->app, src, note + k, sizeof note - k);
		}
	}
	/* the position first and of fixed width: a scroll rewrites a cell or
	 * two; ✓ once the end has been on screen (the list's mark) */
	char pc[8];
	struct store_place now = place_now(rp);
	snprintf(pc, sizeof pc, "%d%%", now.pct);
	if (rp->loading) { /* how far through is not known yet: what is done */
		char job[32];
		const struct catalog *cat = &p->app->load.cat;
		if (cat->state[rp->art] == CATALOG_FAILED)
			snprintf(hit, sizeof hit, "  the rest could not be read (:messages)");
		else if (bigload_status(p->app, rp->art, job, sizeof job) > 0)
			snprintf(hit, sizeof hit, "  loading the rest: %s", job);
		else
			snprintf(hit, sizeof hit, "  loading the rest");
		snprintf(pc, sizeof pc, "..");
	}
	/* while the rest loads, what it is doing is the key fact, before
	 * the script (a '\t' after it: the tabs give way first; at 80
	 * columns it read "loading t…", at 40 "..     original  loading the …") */
	const char *script = script_name(r->kind), *boiler = r->vo.show_boilerplate ? "  +boilerplate" : "";
	if (rp->loading)
		snprintf(buf, cap, "%-4s %s%s\t  %s%s  %s", pc, now.finished ? "✓" : " ", hit, script,
			 boiler, tail);
	else
		snprintf(buf, cap, "%-4s %s %s%s%s  %s", pc, now.finished ? "✓" : " ", script, boiler, hit,
			 tail);
}

/* ---- drawing ---- */

static int
block_style(const struct app *app, enum block_kind k)
{
	switch (k) {
	case BLOCK_TITLE: return style_get(app, STYLE_TITLE);
	case BLOCK_HEADING: return style_get(app, STYLE_HEADING);
	case BLOCK_CAPTION: return style_get(app, STYLE_CAPTION);
	case BLOCK_BYLINE: case BLOCK_SOURCE: return style_get(app, STYLE_BYLINE);
	case BLOCK_SUMMARY: return style_get(app, STYLE_SUMMARY);
	case BLOCK_BOILERPLATE: case BLOCK_META: return style_get(app, STYLE_BOILER);
	default: return style_get(app, STYLE_NORMAL);
	}
}

#define ROW_SPANS 64

/* Spans of l overlapping [s, e), into out (at most ROW_SPANS). */
static size_t
overlapping(const struct span_list *l, size_t s, size_t e, const struct span **out, size_t n)
{
	for (size_t i = 0; i < l->n && l->v[i].start < e && n < ROW_SPANS; i++)
		if (l->v[i].end > s)
			out[n++] = &l->v[i];
	return n;
}

static void
draw_row(struct app *app, WINDOW *w, int y, struct reader *r, const struct view_row *row,
	 int margin)
{
	const struct article *a = r->a;
	const struct block *b = &a->blocks[row->block];
	const struct layout_line *ln = &row->line;
	const struct span *sp[ROW_SPANS];
	size_t ns = overlapping(&r->spans, ln->start, ln->end, sp, 0);
	ns = overlapping(&r->hits, ln->start, ln->end, sp, ns);
	int base = block_style(app, b->kind);
	int x = margin + ln->indent_cols;
	int maxx = getmaxx(w);
	struct layout_glyph g;
	wmove(w, y, x);
	for (size_t pos = ln->start; pos < ln->end; pos = g.end) {
		layout_glyph(&r->vo.layout, a->text, b->start, b->end, pos, &g);
		if (g.end <= pos)
			break;
		if (g.cols <= 0 || g.shown[0] == 0)
			continue;
		if (x + g.cols > maxx)
			break;
		/* the fixed priority of match.h, as in the comparison */
		wattrset(w, ui_match_attr(app, base, sp, ns, g.start));
		unsigned char c0 = (unsigned char)g.shown[0];
		if (c0 >= 0x20 && c0 != 0x7f)
			waddstr(w, g.shown);
		x += g.cols;
		wmove(w, y, x);
	}
	wattrset(w, A_NORMAL);
}

static void
r_draw(struct pane *p, WINDOW *w)
{
	struct rpane *rp = p->data;
	struct reader *r = &rp->r;
	struct app *app = p->app;
	if (settle(rp))
		reader_head_fix(&rp->head, r, 0);
	noteset_refresh(p->app); /* notes another duwen process wrote */
	if (rp->spans_gen != pane_spans_gen(p->app))
		collect_spans(rp);
	int rows = getmaxy(w), cols = getmaxx(w);
	reader_head_set(&rp->head, r);
	rp->header_rows = reader_head_shown(&rp->head, r);
	reader_head_draw(&rp->head, r, w, layout_margin(&r->vo.layout, cols), style_get(app, STYLE_TITLE),
			 style_get(app, STYLE_DIM));
	int n = rows - rp->header_rows;
	if (n <= 0)
		return;
	struct view_row vr[512];
	if (n > 512)
		n = 512;
	int got = view_rows(r->view, r->top, n, vr);
	if (!rp->loading) /* passage cursor on screen, drawn */
		ui_annot_frame(p->app, &rp->annot, r, rp->art, vr, got);
	int margin = layout_margin(&r->vo.layout, cols);
	for (int i = 0; i < got; i++)
		if (vr[i].kind == VIEW_ROW_TEXT)
			draw_row(p->app, w, rp->header_rows + i, r, &vr[i], margin);
	if (got < n && got > 0 && rp->header_rows + got < rows)
		pane_put(app, w, rp->header_rows + got, margin, "~", 1, 1, style_get(app, STYLE_DIM));
	if (rp->loading && rp->first.len == 0 && rp->header_rows + 1 < rows) {
		/* a page, a book or UTF-16 text has no first part to show */
		static const char wait[] = "Loading… it shows once the whole file is read";
		const char *second = strchr(wait, ' ') + 1;
		int y = rp->header_rows + 1, at = style_get(app, STYLE_DIM);
		if (pane_cols(app, wait, sizeof wait - 1) <= cols - margin || y + 1 >= rows) {
			pane_put_trunc(app, w, y, margin, wait, sizeof wait - 1, cols - margin, at);
		} else { /* narrow: on two rows (at 40 columns it was cut) */
			pane_put(app, w, y, margin, wait, (size_t)(second - 1 - wait), cols - margin, at);
			pane_put_trunc(app, w, y + 1, margin, second, strlen(second), cols - margin, at);
		}
	}
	/* the layout of what is a few screens away is not kept */
	view_trim(r->view, r->top, (size_t)rows * 2);
	/* the end on screen: finished (✓), kept at once so a crash keeps it */
	if (!rp->finished) {
		place_now(rp);
		if (rp->finished)
			save_place(rp);
	}
}

/* ---- keys ---- */

static const struct pane_keymap annot_map;

static void
search(struct pane *p, int dir, const char *arg)
{
	struct rpane *rp = p->data;
	char q[256];
	if (arg == NULL) {
		if (!pane_prompt(p->app, dir > 0 ? "/" : "?", NULL, q, sizeof q))
			return;
		arg = q;
	}
	if (arg[0] == 0) { /* an empty search repeats the last, as in less */
		if (rp->r.query[0] == 0)
			return;
		snprintf(q, sizeof q, "%s", rp->r.query);
		arg = q;
	}
	int wrapped = 0;
	int n = reader_search(&rp->r, arg, dir, &wrapped);
	/* a large file's first part: the hits are so far (it said "hit
	 * 1/58" of a 64 MiB article that holds thousands) */
	const char *sofar = rp->loading ? " so far" : "";
	if (n < 0)
		pane_error(p->app, "out of memory");
	else if (n == 0)
		pane_error(p->app, "Not found%s: %s%s", sofar, arg, rp->loading ? " (the rest is loading)" : "");
	else if (wrapped)
		pane_message(p->app, "hit %zu/%d%s: search wrapped around to the %s", rp->r.cur + 1, n, sofar,
			     dir > 0 ? "top" : "bottom");
	else
		pane_message(p->app, "hit %zu/%d%s", rp->r.cur + 1, n,
			     rp->loading ? " so far (the rest is loading)" : "");
}

static void
search_next(struct pane *p, int dir)
{
	struct rpane *rp = p->data;
	if (rp->r.query[0] == 0) {
		pane_message(p->app, "No search yet: / searches forward, ? backward");
		return;
	}
	int wrapped;
	int i = reader_search_next(&rp->r, dir, &wrapped);
	const char *sofar = rp->loading ? " so far" : "";
	if (i == 0)
		pane_error(p->app, "Not found%s: %s%s", sofar, rp->r.query,
			   rp->loading ? " (the rest is loading)" : "");
	else if (wrapped)
		pane_message(p->app, "hit %d/%zu%s: wrapped around to the %s", i, rp->r.hits.n, sofar,
			     dir > 0 ? "top" : "bottom");
	else
		pane_message(p->app, "hit %d/%zu%s", i, rp->r.hits.n, sofar);
}

static int
set_script(struct pane *p, const char *arg)
{
	struct rpane *rp = p->data;
	enum script_kind k = (enum script_kind)((rp->r.kind + 1) % 3);
	if (arg) {
		if (strncmp(arg, "orig", 4) == 0 || strcmp(arg, "o") == 0)
			k = SCRIPT_ORIGINAL;
		else if (strncmp(arg, "simp", 4) == 0 || strcmp(arg, "s") == 0 || strcmp(arg, "简") == 0)
			k = SCRIPT_SIMPLIFIED;
		else if (strncmp(arg, "trad", 4) == 0 || strcmp(arg, "t") == 0 || strcmp(arg, "繁") == 0)
			k = SCRIPT_TRADITIONAL;
		else {
			pane_error(p->app, "script: original, simplified or traditional");
			return PANE_HANDLED;
		}
	}
	int rc = reader_mode_script(&rp->r, k);
	if (rc == ERR_INVAL)
		pane_error(p->app, "OpenCC's data is not installed: cannot convert the script");
	else if (rc < 0)
		pane_error(p->app, "cannot convert: %s", err_strerror(rc));
	else
		pane_message(p->app, "script: %s", script_name(k));
	return PANE_REDRAW;
}

static int
r_key(struct pane *p, const struct pane_event *ev)
{
	struct rpane *rp = p->data;
	struct reader *r = &rp->r;
	if (settle(rp))
		reader_head_fix(&rp->head, r, 0);
	int page = r->rows > 2 ? r->rows - 1 : 1; /* keep one line of context */
	int half = r->rows / 2 > 0 ? r->rows / 2 : 1;
	/* while selecting, the selection's keys (h, l, Esc...) come first */
	int sel = ui_annot_reader_key(p, &rp->annot, r, rp->art, ev, &annot_map);
	if (sel != PANE_UNHANDLED)
		return sel;
	/* scrolls go through the header (the document's first rows) and tell
	 * the screen how far the text moved, so the terminal can scroll it */
	long moved = 0;
	reader_head_set(&rp->head, r);
	/* a plain move leaves passage mode: reading draws no passage cursor */
	if ((ev->action >= R_DOWN && ev->action <= R_PREV) || ev->action == R_PERCENT)
		ui_annot_plain_move(p->app, &rp->annot, r, rp->art);
	switch (ev->action) {
	case R_DOWN: moved = reader_head_scroll(&rp->head, r, 1); break;
	case R_UP: moved = reader_head_scroll(&rp->head, r, -1); break;
	case R_HALFDOWN: moved = reader_head_scroll(&rp->head, r, half); break;
	case R_HALFUP: moved = reader_head_scroll(&rp->head, r, -half); break;
	case R_PAGEDOWN:
		if (reader_at_end(r))
			pane_message(p->app, "(END) q: back to the list");
		moved = reader_head_scroll(&rp->head, r, page);
		break;
	case R_PAGEUP: moved = reader_head_scroll(&rp->head, r, -page); break;
	case R_TOP: reader_head_top(&rp->head, r); break;
	case R_BOTTOM:
		reader_bottom(r);
		if (rp->loading)
			pane_message(p->app, "Still loading: this is the end of what is in so far");
		break;
	case R_PERCENT: {
		char buf[16];
		const char *arg = ev->arg;
		if (arg == NULL) {
			if (!pane_prompt(p->app, "Go to %: ", NULL, buf, sizeof buf))
				break;
			arg = buf;
		}
		char *end;
		long pc = strtol(arg, &end, 10);
		if (end == arg || pc < 0 || pc > 100) {
			pane_error(p->app, "a percentage from 0 to 100");
			break;
		}
		/* :goto N shows N%: the start with the header if that is
		 * already N%, else the text without it (position.h) */
		reader_head_top(&rp->head, r);
		if (reader_position(r, reader_head_text_rows(&rp->head, r), NULL) < pc) {
			rp->head.hidden = rp->head.rows;
			reader_goto_percent(r, r->rows, (int)pc);
		}
		break;
	}
	case R_NEXTHEAD:
		if (reader_heading(r, 1) < 0)
			pane_message(p->app, "No heading below");
		break;
	case R_PREVHEAD:
		if (reader_heading(r, -1) < 0)
			pane_message(p->app, "No heading above");
		break;
	case R_OUTLINE:
		if (ui_outline_open(p->app, r, rp->art) < 0)
			pane_error(p->app, "out of memory");
		return PANE_REDRAW_ALL;
	case R_SEARCH: search(p, 1, ev->arg); break;
	case R_RSEARCH: search(p, -1, ev->arg); break;
	case R_NEXT: search_next(p, 1); break;
	case R_PREV: search_next(p, -1); break;
	case R_SCRIPT: return set_script(p, ev->arg);
	case R_BOILER:
		if (reader_mode_boiler(r, !r->vo.show_boilerplate) < 0)
			pane_error(p->app, "out of memory");
		pane_message(p->app, r->vo.show_boilerplate ? "boilerplate shown" : "boilerplate hidden");
		break;
	case R_BACK:
		save_place(rp);
		view_forget(r->view); /* laid out again if the reader comes back */
		return PANE_BACK | PANE_REDRAW_ALL;
	case R_CLOSE: return PANE_CLOSE | PANE_REDRAW_ALL;
	default: return PANE_UNHANDLED;
	}
	if (moved != 0 && moved < READER_HEAD_JUMP && moved > -READER_HEAD_JUMP)
		pane_scrolled(p, moved);
	else if (moved == 0)
		reader_head_fix(&rp->head, r, 0);
	return PANE_REDRAW;
}

const struct pane_ops ui_reader_ops = {
	.name = "reader",
	.keys = reader_keys,
	.nkeys = sizeof reader_keys / sizeof reader_keys[0],
	.draw = r_draw,
	.key = r_key,
	.resize = r_resize,
	.title = r_title,
	.status = r_status,
	.save = r_save,
	.destroy = r_destroy,
};

/* ---- opening ---- */

/* v to three significant digits: an estimate looks like one (the 64 MiB
 * article's facts read "23738698字", then 21650078 once it was in) */
static size_t
round3(double v)
{
	double unit = 1;
	while (v >= 1000 * unit)
		unit *= 10;
	return (size_t)((size_t)(v / unit + 0.5) * unit);
}

/* rp is to show article a, not loaded yet: its file's first part
 * meanwhile (or nothing, for a file that has none: a page, a book), and
 * the loader is told to read it. 0 or ERR_NOMEM. */
static int
open_first(struct app *app, struct rpane *rp, const struct article *a)
{
	int whole = 0;
	char *cause = NULL;
	int rc = article_job_head(catalog_source_opts(&app->load.cat), a->path,
				  ARTICLE_JOB_HEAD_BYTES, &rp->first, &whole, &cause);
	free(cause);
	if (rc == ERR_NOMEM)
		return rc;
	if (rc < 0 && (rc = article_from_utf8(a->path, "", 0, &rp->first)) < 0)
		return rc;
	/* the facts line counts the whole: the cache's count, else one in
	 * proportion to the file's size */
	struct stat sb;
	if (a->chars > 0)
		rp->first.chars = a->chars;
	else if (rc == 0 && !whole && stat(a->path, &sb) == 0 && rp->first.len > 0)
		rp->first.chars = round3((double)rp->first.chars * (double)sb.st_size /
					 (double)rp->first.len);
	rp->loading = 1;
	return bigload_fill(app, rp->art) == ERR_NOMEM ? ERR_NOMEM : 0;
}

/* The file at path, read on its own as the note index reads it. */
static int
load_own(const char *path, struct article **out)
{
	struct article *a = calloc(1, sizeof *a);
	char *cause = NULL;
	int rc = a ? article_load(NULL, path, a, &cause) : ERR_NOMEM;
	free(cause);
	if (rc < 0) {
		free(a);
		return rc;
	}
	*out = a;
	return 0;
}

static int
open_article(struct app *app, size_t art, const char *path, size_t off,
	     const struct span_list *extra)
{
	struct pane *p = pane_find(app, &ui_reader_ops);
	struct rpane *rp = p ? p->data : NULL;
	if (path == NULL && art == PANE_ART_FILE && rp && rp->own)
		path = rp->own->path; /* a move in the article read on its own */
	if (path == NULL && art >= app->corpus->n)
		return ERR_RANGE;
	int same = rp && (path ? rp->own && strcmp(rp->own->path, path) == 0 : rp->art == art);
	struct article *own = NULL;
	if (path && !same) {
		int rc = load_own(path, &own);
		if (rc < 0)
			return rc;
	}
	if (rp)
		save_place(rp);
	const struct article *a = own ? own : path ? rp->own : &app->corpus->v[art];
	struct store_place stored;
	int have = remembered(app, a, &stored);
	if (off == PANE_PLACE_REMEMBERED)
		off = have ? stored.off : 0;
	if (off > a->len && a->text) /* an article not in yet: its length is not known */
		off = a->len;
	size_t want = off;
	if (same) {
		/* Same article: keep script, search and layout; just move. */
		span_list_clear(&rp->extra);
	} else {
		struct rpane *nrp = calloc(1, sizeof *nrp);
		if (nrp == NULL) {
			if (own)
				article_free(own);
			free(own);
			return ERR_NOMEM;
		}
		nrp->app = app;
		nrp->art = own ? PANE_ART_FILE : art;
		int cols = p ? p->cols : COLS, rows = p ? p->rows : LINES - 1;
		if (!own && a->text == NULL && open_first(app, nrp, a) < 0) {
			free(nrp);
			return ERR_NOMEM;
		}
		if (reader_init(&nrp->r, nrp->loading ? &nrp->first : a, app->script, &app->vopts,
				reader_head_text_cols(cols > 0 ? cols : 80), rows > 0 ? rows : 1, off) < 0) {
			if (nrp->loading)
				article_free(&nrp->first);
			free(nrp);
			if (own)
				article_free(own);
			free(own);
			return ERR_NOMEM;
		}
		nrp->own = own;
		nrp->saved = stored;
		nrp->have_saved = have;
		nrp->finished = have && position_mark(&stored, a->len) == 100;
		if (!own && !nrp->loading) /* its fold, for searching it */
			nrp->r.folded = &app->load.cat.folded[art];
		if (rp) {
			/* carry the display choices over to the next article */
			if (rp->r.kind != SCRIPT_ORIGINAL)
				reader_mode_script(&nrp->r, rp->r.kind);
			r_destroy(p);
			p->data = nrp;
		}
		rp = nrp;
	}
	for (size_t i = 0; extra && i < extra->n; i++)
		if (span_list_push(&rp->extra, extra->v[i].start, extra->v[i].end,
				   extra->v[i].kind, extra->v[i].tag) < 0)
			return ERR_NOMEM;
	if (p == NULL) {
		p = pane_open(app, &ui_reader_ops, rp, 1);
		if (p == NULL)
			return ERR_NOMEM;
	}
	collect_spans(rp);
	size_t d = reader_from_orig(&rp->r, off);
	rp->r.top = view_pos_of_offset(rp->r.view, d);
	reader_scroll(&rp->r, 0);
	rp->want = want;
	rp->opened = rp->r.top;
	if (reader_head_set(&rp->head, &rp->r) < 0)
		return ERR_NOMEM;
	reader_head_fix(&rp->head, &rp->r, 1); /* at the start: the whole header */
	pane_focus(app, p);
	pane_dirty_all(app);
	return 0;
}

/* the reader's own search, so that n/N move between the hits; the hit
 * at orig offset hit becomes the current one */
static void
search_from(struct reader *r, const char *query, size_t hit)
{
	int wrapped = 0;
	if (reader_search(r, query, 1, &wrapped) > 0)
		reader_search_at(r, reader_from_orig(r, hit));
}

static int
opener_open(void *ctx, struct app *app, const struct pane_open_req *req)
{
	(void)ctx;
	int rc = open_article(app, req->art, req->path, req->off, req->extra);
	struct pane *p = rc == 0 ? pane_find(app, &ui_reader_ops) : NULL;
	if (p == NULL)
		return rc;
	struct rpane *rp = p->data;
	if (req->query)
		search_from(&rp->r, req->query, req->hit);
	if (req->passage)
		ui_annot_set_cursor(app, &rp->annot, &rp->r, rp->art, req->off);
	return 0;
}

static int
opener_place(void *ctx, struct app *app, size_t *art, size_t *off)
{
	(void)ctx;
	struct pane *p = pane_find(app, &ui_reader_ops);
	if (p == NULL)
		return ERR_NOTFOUND;
	struct rpane *rp = p->data;
	if (rp->own)
		return ERR_NOTFOUND;
	*art = rp->art;
	*off = reader_place(&rp->r);
	return 0;
}

/* The annotate keys act only while the reading view has the focus. */
static int
annot_fn(struct app *app, struct pane *focused, const struct pane_event *ev)
{
	if (focused == NULL || focused->ops != &ui_reader_ops)
		return PANE_UNHANDLED;
	struct rpane *rp = focused->data;
	if (rp->loading) {
		pane_message(app, "Still loading: notes once the article is in");
		return PANE_HANDLED;
	}
	return ui_annot_key(app, &rp->annot, &rp->r, rp->art, ev->action);
}

static const struct pane_keymap annot_map = {
	.name = "annotate",
	.keys = ui_annot_keys,
	.nkeys = UI_ANNOT_NKEYS,
	.fn = annot_fn,
};

int
ui_reader_register(struct app *app)
{
	int rc;
	if ((rc = pane_register(app, &ui_reader_ops)) < 0 ||
	    (rc = pane_register_global(app, &annot_map)) < 0)
		return rc;
	pane_set_opener(app, &(struct pane_opener){ opener_open, opener_place, NULL });
	return 0;
}
