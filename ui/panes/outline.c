/* The outline pane; see outline.h. */
#include "outline.h"

#include <stdlib.h>
#include <string.h>

#include "../../src/catalog.h"
#include "../../src/err.h"
#include "../app.h"
#include "../screen/menu.h"
#include "../screen/pane.h"
#include "../../src/reader.h"
#include "../screen/style.h"

enum { O_DOWN = 1, O_UP, O_PAGEDOWN, O_PAGEUP, O_TOP, O_BOTTOM, O_GO, O_CLOSE };

static const struct pane_key outline_keys[] = {
	{ O_DOWN, "down", { 'j', KEY_DOWN, PANE_CTRL('n') }, "Next entry", 0 },
	{ O_UP, "up", { 'k', KEY_UP, PANE_CTRL('p') }, "Previous entry", 0 },
	{ O_PAGEDOWN, "page-down", { ' ', KEY_NPAGE, PANE_CTRL('d') }, "A page down", 0 },
	{ O_PAGEUP, "page-up", { 'b', KEY_PPAGE, PANE_CTRL('u') }, "A page up", 0 },
	{ O_TOP, "top", { 'g', KEY_HOME }, "First entry", 0 },
	{ O_BOTTOM, "bottom", { 'G', KEY_END }, "Last entry", 0 },
	{ O_GO, "go", { PANE_KEY_ENTER, 'l', KEY_RIGHT }, "Jump to the entry", 0 },
	{ O_CLOSE, "close", { 'q', PANE_KEY_ESC, 'o' }, "Close the outline", 0 },
};

struct outline {
	struct app *app;
	size_t art;              /* the corpus index of the reader's article */
	size_t *blk;             /* block indices (in the article as it was shown) */
	char **text;             /* each entry's text, a copy: the reader may drop
				  * or replace its article (another article, the
				  * other script) while the outline is open */
	size_t *orig;            /* orig offset of each entry */
	int *level;              /* 0 title, 1 heading, 2 paragraph */
	int *sub;                /* a heading's rank below the article's highest, 0..3 */
	struct menu m;
	char title[256];
	int partial; /* made from a large file's first part, the rest loading */
};

static void
outline_free(struct outline *o)
{
	if (o == NULL)
		return;
	for (size_t i = 0; o->text && i < o->m.n; i++)
		free(o->text[i]);
	free(o->text);
	free(o->blk);
	free(o->orig);
	free(o->level);
	free(o->sub);
	free(o);
}

static void
o_destroy(struct pane *p)
{
	outline_free(p->data);
}

static void
o_resize(struct pane *p, int rows, int cols)
{
	struct outline *o = p->data;
	(void)cols;
	menu_set(&o->m, o->m.n, rows - 1);
}

static void
o_title(struct pane *p, char *buf, size_t cap)
{
	(void)p;
	snprintf(buf, cap, "Outline");
}

static void
o_status(struct pane *p, char *buf, size_t cap)
{
	struct outline *o = p->data;
	snprintf(buf, cap, "Outline of %s  %zu/%zu  Enter: jump", o->title,
		 o->m.n ? o->m.cur + 1 : 0, o->m.n);
}

/* Whether corpus article art is loaded in full (a file read on its own
 * always is). */
static int
in_full(const struct app *app, size_t art)
{
	const unsigned char *st = app->load.cat.state;
	return st == NULL || art >= app->load.cat.arts.n || st[art] == CATALOG_FULL;
}

static void
o_draw(struct pane *p, WINDOW *w)
{
	struct outline *o = p->data;
	struct app *app = p->app;
	int cols = getmaxx(w);
	/* made while the article loaded: it is the first part's (at the
	 * end of a 64 MiB article's it looked like the whole outline) */
	const char *head = "目录 Outline";
	if (o->partial)
		head = in_full(app, o->art) ? "目录 Outline of the first part · all in now: o o for the whole"
					    : "目录 Outline so far · the rest is loading";
	pane_put_trunc(app, w, 0, 1, head, strlen(head), cols - 2, style_get(app, STYLE_TITLE));
	for (int i = 0; i < o->m.rows; i++) {
		size_t k = o->m.top + (size_t)i;
		if (k >= o->m.n)
			break;
		int indent = 2 + 2 * o->level[k] + 2 * o->sub[k];
		int st = o->level[k] == 0 ? style_get(app, STYLE_TITLE)
					  : o->level[k] == 1 ? style_get(app, STYLE_HEADING) : 0;
		if (k == o->m.cur) {
			st = style_get(app, STYLE_CURSOR);
			wattrset(w, st);
			mvwhline(w, i + 1, 0, ' ', cols);
		}
		const char *t = o->text[k] ? o->text[k] : "";
		pane_put_shown(app, w, i + 1, indent, t, strlen(t), cols - indent - 1, st);
	}
}

static int
o_key(struct pane *p, const struct pane_event *ev)
{
	struct outline *o = p->data;
	long page = o->m.rows > 1 ? o->m.rows - 1 : 1;
	switch (ev->action) {
	case O_DOWN: menu_move(&o->m, 1); break;
	case O_UP: menu_move(&o->m, -1); break;
	case O_PAGEDOWN: menu_move(&o->m, page); break;
	case O_PAGEUP: menu_move(&o->m, -page); break;
	case O_TOP: menu_goto(&o->m, 0); break;
	case O_BOTTOM: menu_goto(&o->m, o->m.n ? o->m.n - 1 : 0); break;
	case O_GO:
		if (o->m.n) {
			pane_open_article(p->app, o->art, o->orig[o->m.cur], NULL);
			return PANE_CLOSE | PANE_REDRAW_ALL;
		}
		break;
	case O_CLOSE: return PANE_CLOSE | PANE_REDRAW_ALL;
	default: return PANE_UNHANDLED;
	}
	return PANE_REDRAW;
}

static const struct pane_ops outline_ops = {
	.name = "outline",
	.keys = outline_keys,
	.nkeys = sizeof outline_keys / sizeof outline_keys[0],
	.draw = o_draw,
	.key = o_key,
	.resize = o_resize,
	.title = o_title,
	.status = o_status,
	.destroy = o_destroy,
};

int
ui_outline_register(struct app *app)
{
	return pane_register(app, &outline_ops);
}

int
ui_outline_open(struct app *app, struct reader *r, size_t art)
{
	struct pane *old = pane_find(app, &outline_ops);
	if (old)
		pane_close(app, old);
	const struct article *a = r->a;
	struct outline *o = calloc(1, sizeof *o);
	size_t cap = a->nblocks ? a->nblocks : 1;
	if (o == NULL || (o->blk = malloc(cap * sizeof *o->blk)) == NULL ||
	    (o->orig = malloc(cap * sizeof *o->orig)) == NULL ||
	    (o->level = malloc(cap * sizeof *o->level)) == NULL ||
	    (o->sub = malloc(cap * sizeof *o->sub)) == NULL ||
	    (o->text = calloc(cap, sizeof *o->text)) == NULL) {
		outline_free(o);
		return ERR_NOMEM;
	}
	o->app = app;
	o->art = art;
	o->partial = !in_full(app, art);
	/* the title as the reading view shows it (script and punctuation) */
	pane_shown_copy(app, r->a->meta.title, o->title, sizeof o->title);
	/* headings indent by rank (h2 under h1, a book's chapters under its
	 * parts), counted from the article's highest */
	int top = 0;
	for (size_t b = 0; a->levels && b < a->nblocks; b++)
		if (a->blocks[b].kind == BLOCK_HEADING && a->levels[b] > 0 &&
		    (top == 0 || a->levels[b] < top))
			top = a->levels[b];
	size_t n = 0, heads = 0;
	for (int pass = 0; pass < 2 && (pass == 0 || heads == 0); pass++) {
		n = 0;
		for (size_t b = 0; b < a->nblocks; b++) {
			enum block_kind k = a->blocks[b].kind;
			if (a->blocks[b].end <= a->blocks[b].start)
				continue;
			int lv = k == BLOCK_TITLE ? 0 : k == BLOCK_HEADING ? 1 : 2;
			if (lv == 1)
				heads++;
			/* no headings: the paragraphs are the outline */
			if (lv == 2 && (pass == 0 || (k != BLOCK_PARAGRAPH && k != BLOCK_SUMMARY)))
				continue;
			o->blk[n] = b;
			o->orig[n] = reader_to_orig(r, a->blocks[b].start);
			o->level[n] = lv;
			int rank = lv == 1 && a->levels && a->levels[b] > top ? a->levels[b] - top : 0;
			o->sub[n] = rank < 3 ? rank : 3;
			n++;
		}
	}
	o->m.n = n;
	for (size_t i = 0; i < n; i++) {
		const struct block *b = &a->blocks[o->blk[i]];
		if ((o->text[i] = strndup(a->text + b->start, b->end - b->start)) == NULL) {
			outline_free(o);
			return ERR_NOMEM;
		}
	}
	/* start on the entry the reader is in */
	size_t here = reader_top_offset(r);
	for (size_t i = 0; i < n; i++)
		if (a->blocks[o->blk[i]].start <= here)
			o->m.cur = i;
	struct pane *p = pane_open(app, &outline_ops, o, 1);
	return p ? 0 : ERR_NOMEM;
}
