/* The help screen and the generated key documentation; see help.h. */
#include "help.h"

#include <stdlib.h>
#include <string.h>

#include "../../src/err.h"
#include "../app.h"
#include "../screen/keys.h"
#include "../screen/menu.h"
#include "../screen/pane.h"
#include "../screen/style.h"

/* Every key context's heading, in the order the help and the manual show
 * them. */
static const struct { const char *ctx, *title; } titles[] = {
	{ "global", "Everywhere" }, { "list", "Article list" },
	{ "reader", "Reading view" }, { "annotate", "Reading view: passages and notes" },
	{ "outline", "Outline" }, { "help", "Help" }, { "compare", "City comparison" },
	{ "search", "Corpus search" }, { "notes", "Notes" }, { "messages", "Messages" },
};
#define NTITLES (sizeof titles / sizeof titles[0])

const char *
ui_help_ctx_title(const char *name)
{
	for (size_t i = 0; i < NTITLES; i++)
		if (strcmp(titles[i].ctx, name) == 0)
			return titles[i].title;
	return NULL;
}

static const char *
ctx_title(const char *name)
{
	const char *t = ui_help_ctx_title(name);
	return t ? t : name;
}

/* Place of context c (the i-th of the table) in the help: in the order of
 * titles[] (the "global" ones, which several panes add, first), then in
 * table order; any without a title last. */
static size_t
ctx_order(const struct keys_ctx *c, size_t i)
{
	size_t k = 0;
	while (k < NTITLES && strcmp(titles[k].ctx, c->name) != 0)
		k++;
	return k * 100000 + i;
}

/* "j, Down, C-e" for act in c. */
static void
key_list(const struct keys_ctx *c, const struct pane_key *act, char *buf, size_t cap)
{
	int keys[16];
	size_t n = keys_bound(c, act, keys, 16);
	buf[0] = 0;
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		char kn[32];
		keys_name(keys[i], kn, sizeof kn);
		int w = snprintf(buf + len, cap - len, "%s%s", i ? ", " : "", kn);
		if (w < 0 || (size_t)w >= cap - len)
			break;
		len += (size_t)w;
	}
}

/* One line of help text per action, with a heading line per context:
 * calls fn(ctx, heading, keys, act) for each. */
typedef int (*help_fn)(void *ctx, const char *heading, const char *keys,
		       const struct pane_key *act);

static int
walk(struct app *app, help_fn fn, void *ctx)
{
	const struct keys_table *t = pane_keys(app);
	char last[160] = "";
	size_t prev = 0;
	/* the contexts by ctx_order (distinct): a selection sort, they are few */
	for (size_t done = 0; done < t->n; done++) {
		size_t best = t->n, bo = 0;
		for (size_t j = 0; j < t->n; j++) {
			size_t o = ctx_order(&t->v[j], j);
			if ((done == 0 || o > prev) && (best == t->n || o < bo)) {
				best = j;
				bo = o;
			}
		}
		prev = bo;
		const struct keys_ctx *c = &t->v[best];
		/* "Reading view (reader)": the name is the context of `bind` */
		char head[160];
		snprintf(head, sizeof head, "%s (%s)", ctx_title(c->name), c->name);
		if (strcmp(last, head) != 0) {
			if (fn(ctx, head, NULL, NULL) < 0)
				return -1;
			snprintf(last, sizeof last, "%s", head);
		}
		for (size_t k = 0; k < c->nacts; k++) {
			char keys[128];
			key_list(c, &c->acts[k], keys, sizeof keys);
			if (fn(ctx, NULL, keys, &c->acts[k]) < 0)
				return -1;
		}
	}
	return 0;
}

static int
text_line(void *ctx, const char *heading, const char *keys, const struct pane_key *act)
{
	FILE *f = ctx;
	if (heading)
		return fprintf(f, "\n%s\n", heading) < 0 ? -1 : 0;
	return fprintf(f, "  %-22s %s (%s)\n", keys[0] ? keys : "(unbound)", act->help,
		       act->name) < 0 ? -1 : 0;
}

int
ui_help_text(struct app *app, FILE *f)
{
	return walk(app, text_line, f);
}

/* mdoc-safe copy: a backslash is \e; a line must not start with . or '. */
static void
roff(FILE *f, const char *s)
{
	if (s[0] == '.' || s[0] == '\'')
		fputs("\\&", f);
	for (; *s; s++)
		if (*s == '\\')
			fputs("\\e", f);
		else
			fputc(*s, f);
}

static int
man_line(void *ctx, const char *heading, const char *keys, const struct pane_key *act)
{
	int *open = ((int **)ctx)[1];
	FILE *f = ((FILE **)ctx)[0];
	if (heading) {
		if (*open)
			fputs(".El\n", f);
		fputs(".Ss ", f);
		roff(f, heading);
		fputs("\n.Bl -tag -width Ds\n", f);
		*open = 1;
		return ferror(f) ? -1 : 0;
	}
	fputs(".It ", f);
	roff(f, keys[0] ? keys : "(unbound)");
	fputs("\n", f);
	roff(f, act->help);
	fprintf(f, "\n.Pq Ic %s .\n", act->name);
	return ferror(f) ? -1 : 0;
}

int
ui_help_man(struct app *app, FILE *f)
{
	int open = 0;
	void *ctx[2] = { f, &open };
	fputs(".Sh KEYS\n"
	      "The keys below are the defaults; the config file's\n"
	      ".Ic bind Ar context key action\n"
	      "lines change them (the context is the word in parentheses after each\n"
	      "heading), and every action can also be typed after\n"
	      ".Ic \\&:\n"
	      "by the name in parentheses.\n", f);
	if (walk(app, man_line, ctx) < 0)
		return -1;
	if (open)
		fputs(".El\n", f);
	return ferror(f) ? -1 : 0;
}

/* ---- the help pane ---- */

enum { H_DOWN = 1, H_UP, H_PAGEDOWN, H_PAGEUP, H_TOP, H_BOTTOM, H_CLOSE, H_SEARCH, H_NEXT,
       H_PREV };

static const struct pane_key help_keys[] = {
	{ H_DOWN, "down", { 'j', KEY_DOWN, PANE_KEY_ENTER }, "Scroll down", 0 },
	{ H_UP, "up", { 'k', KEY_UP }, "Scroll up", 0 },
	{ H_PAGEDOWN, "page-down", { ' ', KEY_NPAGE, 'd', PANE_CTRL('d') }, "A page down", 0 },
	{ H_PAGEUP, "page-up", { 'b', KEY_PPAGE, 'u', PANE_CTRL('u') }, "A page up", 0 },
	{ H_TOP, "top", { 'g', KEY_HOME }, "Top", 0 },
	{ H_BOTTOM, "bottom", { 'G', KEY_END }, "Bottom", 0 },
	{ H_CLOSE, "close", { 'q', PANE_KEY_ESC, KEY_F(1), '?' }, "Close the help", 0 },
	{ H_SEARCH, "search", { '/' }, "Find a word in the help (:search quit)", 1 },
	{ H_NEXT, "search-next", { 'n' }, "Next line with the word", 0 },
	{ H_PREV, "search-prev", { 'N' }, "Previous line with the word", 0 },
};

/* Keys this wide or wider go on a row of their own, the description on
 * the next, so that every description starts in the same column. */
#define HELP_KEY_COLS 18

struct help_line {
	char *text;
	int heading;
	int keycols; /* bytes of the keys that start text (then the action) */
	char ctx[32];/* a heading's context name ("reader") */
};

struct hpane {
	struct help_line *v;
	size_t n, cap;
	struct menu m;
	char find[128]; /* the word of / (n, N) */
};

static int
help_collect(void *ctx, const char *heading, const char *keys, const struct pane_key *act)
{
	struct hpane *h = ctx;
	if (h->n + 3 > h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 64;
		struct help_line *v = realloc(h->v, cap * sizeof *v);
		if (v == NULL)
			return -1;
		h->v = v;
		h->cap = cap;
	}
	char buf[512];
	/* every line is checked as it is made: h_destroy frees those kept */
	if (heading) {
		char *blank = h->n > 0 ? strdup("") : NULL;
		if (h->n > 0 && blank == NULL)
			return -1;
		if (blank)
			h->v[h->n++] = (struct help_line){ blank, 0, 0, "" };
		snprintf(buf, sizeof buf, "%s", heading);
		struct help_line l = { strdup(buf), 1, 0, "" };
		if (l.text == NULL)
			return -1;
		/* "Reading view (reader)": the context is in the parentheses */
		const char *o = strrchr(heading, '(');
		if (o)
			snprintf(l.ctx, sizeof l.ctx, "%.*s", (int)strcspn(o + 1, ")"), o + 1);
		h->v[h->n++] = l;
	} else {
		const char *k = keys[0] ? keys : "(unbound)";
		if ((int)strlen(k) >= HELP_KEY_COLS) { /* keys alone, then the action */
			h->v[h->n++] = (struct help_line){ strdup(k), 0, (int)strlen(k), "" };
			if (h->v[h->n - 1].text == NULL)
				return -1;
			k = "";
		}
		snprintf(buf, sizeof buf, "%s%s (%s)", k, act->help, act->name);
		char *t = strdup(buf);
		if (t == NULL)
			return -1;
		h->v[h->n++] = (struct help_line){ t, 0, (int)strlen(k), "" };
	}
	return 0;
}

static void
h_destroy(struct pane *p)
{
	struct hpane *h = p->data;
	if (h == NULL)
		return;
	for (size_t i = 0; i < h->n; i++)
		free(h->v[i].text);
	free(h->v);
	free(h);
}

static void
h_resize(struct pane *p, int rows, int cols)
{
	struct hpane *h = p->data;
	(void)cols;
	menu_set(&h->m, h->n, rows);
	menu_goto(&h->m, h->m.top); /* the cursor is the top line here */
}

static void
h_title(struct pane *p, char *buf, size_t cap)
{
	(void)p;
	snprintf(buf, cap, "Help");
}

static void
h_status(struct pane *p, char *buf, size_t cap)
{
	struct hpane *h = p->data;
	snprintf(buf, cap, "Keys  line %zu/%zu  /: find", h->m.top + 1, h->n);
}

static void
h_draw(struct pane *p, WINDOW *w)
{
	struct hpane *h = p->data;
	struct app *app = p->app;
	int cols = getmaxx(w);
	for (int i = 0; i < h->m.rows; i++) {
		size_t k = h->m.top + (size_t)i;
		if (k >= h->n)
			break;
		const struct help_line *l = &h->v[k];
		if (l->heading) {
			pane_put_trunc(app, w, i, 1, l->text, strlen(l->text), cols - 2, style_get(app, STYLE_HEADING));
			continue;
		}
		/* the keys, then the action from one column for all (longer keys
		 * have a row of their own) */
		size_t kl = strnlen(l->text, (size_t)l->keycols);
		int dx = 2 + HELP_KEY_COLS + 2;
		if (dx > cols / 2)
			dx = cols / 2;
		int attr = h->find[0] && strcasestr(l->text, h->find) ? A_REVERSE : 0;
		pane_put_trunc(app, w, i, 2, l->text, kl, l->text[kl] ? dx - 3 : cols - 3,
			       style_get(app, STYLE_KEY) | attr);
		if (l->text[kl] && dx < cols - 1)
			pane_put_trunc(app, w, i, dx, l->text + kl, strlen(l->text + kl), cols - 1 - dx, attr);
	}
}

/* The next line (dir 1) or the previous (-1) after the top one holding
 * the word, as the top line; wraps round. */
static void
find(struct pane *p, int dir)
{
	struct hpane *h = p->data;
	if (h->find[0] == 0 || h->n == 0)
		return;
	for (size_t k = 1; k <= h->n; k++) {
		size_t i = (h->m.top + (dir > 0 ? k : h->n - k)) % h->n;
		if (strcasestr(h->v[i].text, h->find)) {
			menu_scroll(&h->m, (long)i - (long)h->m.top);
			if (h->m.top != i) /* near the end: the window stops at the last row */
				pane_message(p->app, "%s: line %zu", h->find, i + 1);
			return;
		}
	}
	pane_message(p->app, "Not in the help: %s", h->find);
}

static int
h_key(struct pane *p, const struct pane_event *ev)
{
	struct hpane *h = p->data;
	long page = h->m.rows > 1 ? h->m.rows - 1 : 1;
	switch (ev->action) {
	case H_SEARCH: {
		char buf[sizeof h->find];
		if (ev->arg)
			snprintf(buf, sizeof buf, "%s", ev->arg);
		else if (!pane_prompt(p->app, "/", NULL, buf, sizeof buf))
			break;
		snprintf(h->find, sizeof h->find, "%s", buf);
		find(p, 1);
		break;
	}
	case H_NEXT: find(p, 1); break;
	case H_PREV: find(p, -1); break;
	case H_DOWN: menu_scroll(&h->m, 1); break;
	case H_UP: menu_scroll(&h->m, -1); break;
	case H_PAGEDOWN: menu_scroll(&h->m, page); break;
	case H_PAGEUP: menu_scroll(&h->m, -page); break;
	case H_TOP: menu_scroll(&h->m, -(long)h->n); break;
	case H_BOTTOM: menu_scroll(&h->m, (long)h->n); break;
	case H_CLOSE: return PANE_CLOSE | PANE_REDRAW_ALL;
	default: return PANE_UNHANDLED;
	}
	return PANE_REDRAW;
}

static const struct pane_ops help_ops = {
	.name = "help",
	.keys = help_keys,
	.nkeys = sizeof help_keys / sizeof help_keys[0],
	.draw = h_draw,
	.key = h_key,
	.resize = h_resize,
	.title = h_title,
	.status = h_status,
	.destroy = h_destroy,
};

int
ui_help_register(struct app *app)
{
	return pane_register(app, &help_ops);
}

/* Show the heading of the context of pane ops (NULL: keep) at the top. */
static void
at_context(struct hpane *h, const struct pane_ops *ops)
{
	if (ops == NULL || strcmp(ops->name, "help") == 0)
		return;
	for (size_t i = 0; i < h->n; i++)
		if (h->v[i].heading && strcmp(h->v[i].ctx, ops->name) == 0) {
			menu_scroll(&h->m, (long)i - (long)h->m.top);
			return;
		}
}

int
ui_help_open(struct app *app)
{
	struct pane *from = pane_focused(app);
	const struct pane_ops *ops = from ? from->ops : NULL;
	struct pane *old = pane_find(app, &help_ops);
	if (old) {
		at_context(old->data, ops);
		pane_focus(app, old);
		return 0;
	}
	struct hpane *h = calloc(1, sizeof *h);
	if (h == NULL)
		return ERR_NOMEM;
	if (walk(app, help_collect, h) < 0) {
		struct pane tmp = { .data = h };
		h_destroy(&tmp);
		return ERR_NOMEM;
	}
	h->m.n = h->n;
	h->m.rows = 1;
	struct pane *p = pane_open(app, &help_ops, h, 1);
	if (p == NULL)
		return ERR_NOMEM;
	at_context(h, ops); /* after the first resize: the window's rows are known */
	return 0;
}
