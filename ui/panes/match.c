/* The shared matching state and the highlight sources; see match.h. */
#include "match.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/catalog.h"
#include "../../src/err.h"
#include "../app.h"
#include "../load.h"
#include "../screen/pane.h"
#include "../screen/style.h"
#include "annot.h"

static const struct {
	const char *name;
	int colour;
} COLOURS[] = {
	{ "black", COLOR_BLACK }, { "red", COLOR_RED },	    { "green", COLOR_GREEN },
	{ "yellow", COLOR_YELLOW }, { "blue", COLOR_BLUE }, { "magenta", COLOR_MAGENTA },
	{ "cyan", COLOR_CYAN },	  { "white", COLOR_WHITE },
};

static int
colour_named(const char *name)
{
	for (size_t i = 0; i < sizeof COLOURS / sizeof *COLOURS; i++)
		if (strcmp(COLOURS[i].name, name) == 0)
			return COLOURS[i].colour;
	return -2;
}

static int
rebuild_keywords(struct ui_match *um)
{
	struct match_set *m;
	if (match_set_new(MATCH_WORDS, &m) < 0)
		return ERR_NOMEM;
	for (size_t i = 0; i < um->nkw; i++) {
		int rc = match_set_add(m, um->app->script, um->kw[i], (int)i);
		if (rc == ERR_NOMEM) {
			match_set_free(m);
			return rc;
		}
	}
	match_set_free(um->kwset);
	um->kwset = m;
	return 0;
}

static int
keyword_index(const struct ui_match *um, const char *word)
{
	for (size_t i = 0; i < um->nkw; i++)
		if (strcmp(um->kw[i], word) == 0)
			return (int)i;
	return -1;
}

static int
add_keyword(struct ui_match *um, const char *word, int colour)
{
	if (keyword_index(um, word) >= 0 || um->nkw >= UI_MATCH_KEYWORDS_MAX)
		return 0;
	char *w = strdup(word);
	if (w == NULL)
		return ERR_NOMEM;
	um->kw[um->nkw] = w;
	um->kwcolor[um->nkw++] = colour;
	return 1;
}

/* --highlight 算力,人才 (separated like --cities) and config lines. */
static void
load_keywords(struct ui_match *um)
{
	const struct config *c = um->app->config;
	for (size_t i = 0; c && i < c->highlight.n; i++) {
		const struct config_entry *e = &c->highlight.v[i];
		int colour = -1;
		if (e->argc > 1 && (colour = colour_named(e->argv[1])) == -2) {
			pane_error(um->app, "%s:%d: highlight: unknown colour '%s'", c->path, e->line,
				   e->argv[1]);
			colour = -1;
		}
		add_keyword(um, e->argv[0], colour);
	}
	const char *list = um->app->highlight;
	if (list == NULL)
		return;
	char buf[1024];
	snprintf(buf, sizeof buf, "%s", list);
	for (char *save = NULL, *w = strtok_r(buf, ", \t", &save); w; w = strtok_r(NULL, ", \t", &save)) {
		/* '，' and '、' separate too */
		char *p;
		while ((p = strstr(w, "，")) || (p = strstr(w, "、"))) {
			*p = 0;
			if (*w)
				add_keyword(um, w, -1);
			w = p + 3;
		}
		if (*w)
			add_keyword(um, w, -1);
	}
}

static int
build(struct app *app, struct ui_match *um)
{
	um->app = app;
	const char *cities = app->cities;
	if (compare_spec_default(&um->spec) < 0)
		return ERR_NOMEM;
	if (app->config && compare_spec_configure(&um->spec, app->config, NULL, NULL) < 0)
		return ERR_NOMEM;
	if (cities) {
		char *cause = NULL;
		int rc = compare_spec_select(&um->spec, cities, &cause);
		free(cause); /* checked by main already */
		if (rc == ERR_NOMEM)
			return rc;
	}
	int rc = compare_matcher_new(&um->spec, app->script, &um->cm);
	if (rc < 0)
		return rc;
	load_keywords(um);
	return rebuild_keywords(um);
}

/* The corpus as it loads: every slot, folded where it is in full (the
 * others have no text, so nothing is found in them); the slots never move. */
static struct ui_match *
current(struct app *app)
{
	struct ui_match *um = app->match.um;
	um->mc = (struct match_corpus){ app->corpus->v, app->load.cat.folded, app->corpus->n };
	if (um->mc.folded == NULL)
		um->mc.n = 0;
	return um;
}

struct ui_match *
ui_match_get(struct app *app)
{
	if (app->match.um)
		return current(app);
	if (app->match.failed)
		return NULL;
	struct ui_match *um = calloc(1, sizeof *um);
	if (um == NULL || build(app, um) < 0) {
		app->match.failed = 1;
		if (um)
			app->match.um = um, ui_match_free(app);
		pane_error(app, "comparison: out of memory or a city or theme word is empty");
		return NULL;
	}
	app->match.um = um;
	return current(app);
}

const struct compare_result *
ui_match_result(struct app *app)
{
	struct ui_match *um = ui_match_get(app);
	if (um == NULL)
		return NULL;
	if (!um->have_result) {
		/* the comparison is over every article: the rest load first */
		if (load_all(app, "comparison") < 0) {
			pane_message(app, "comparison stopped: %zu of %zu articles loaded",
				     load_done(app), app->corpus->n);
			return NULL;
		}
		um = ui_match_get(app);
		if (compare_run(&um->spec, um->cm, &um->mc, &um->res) < 0) {
			pane_error(app, "comparison: out of memory");
			return NULL;
		}
		um->have_result = 1;
	}
	return &um->res;
}

const struct report_cities *
ui_match_mentions(struct app *app)
{
	struct ui_match *um = ui_match_get(app);
	if (um == NULL)
		return NULL;
	/* counted by the catalog for these cities (load_open is given the
	 * spec), filled as articles load */
	um->mentions = (struct report_cities){ .n = um->spec.ncities,
					       .mentions = app->load.cat.counts };
	for (size_t c = 0; c < um->spec.ncities; c++)
		um->mentions.name[c] = compare_spec_city(&um->spec, c)->name;
	if (um->mentions.mentions == NULL || app->load.cat.ncities != um->spec.ncities)
		return NULL;
	return &um->mentions;
}

int
ui_match_toggle_keyword(struct app *app, const char *word)
{
	struct ui_match *um = ui_match_get(app);
	if (um == NULL)
		return ERR_NOMEM;
	int i = keyword_index(um, word), added;
	if (i >= 0) {
		free(um->kw[i]);
		memmove(&um->kw[i], &um->kw[i + 1], (um->nkw - (size_t)i - 1) * sizeof *um->kw);
		memmove(&um->kwcolor[i], &um->kwcolor[i + 1],
			(um->nkw - (size_t)i - 1) * sizeof *um->kwcolor);
		um->nkw--;
		added = 0;
	} else {
		if (um->nkw >= UI_MATCH_KEYWORDS_MAX)
			return ERR_RANGE;
		if ((added = add_keyword(um, word, -1)) < 0)
			return added;
	}
	int rc = rebuild_keywords(um);
	pane_spans_changed(app);
	return rc < 0 ? rc : added;
}

/* The fixed priority, highest first; match.h and duwen(1) list it in
 * this order (tests/test_ui_match.c checks the manual against names). */
enum rank {
	RANK_NONE, RANK_NOTE, RANK_CURSOR, RANK_SELECT, RANK_PROVINCE, RANK_THEME, RANK_CITY,
	RANK_KEYWORD, RANK_GARBLED, RANK_SEARCH, RANK_SEARCHCUR,
};

static const char *const RANK_NAMES[] = {
	[RANK_SEARCHCUR] = "current search hit", [RANK_SEARCH] = "search hit",
	[RANK_GARBLED] = "garbled or repaired text", [RANK_KEYWORD] = "keyword",
	[RANK_CITY] = "city", [RANK_THEME] = "theme word", [RANK_PROVINCE] = "province",
	[RANK_SELECT] = "selection or passage from the comparison",
	[RANK_CURSOR] = "passage cursor", [RANK_NOTE] = "note",
};

int
ui_match_span_priority(const struct span *s)
{
	switch (s->kind) {
	case SPAN_SEARCH: return s->tag == 1 ? RANK_SEARCHCUR : RANK_SEARCH;
	case SPAN_GARBLED:
	case SPAN_REPAIRED: return RANK_GARBLED;
	case SPAN_KEYWORD: return RANK_KEYWORD;
	case SPAN_CITY: return RANK_CITY;
	case SPAN_THEME: return RANK_THEME;
	case SPAN_PROVINCE: return RANK_PROVINCE;
	case SPAN_SELECT: return s->tag == UI_ANNOT_TAG_CURSOR ? RANK_CURSOR : RANK_SELECT;
	case SPAN_NOTE: return RANK_NOTE;
	default: return RANK_NONE;
	}
}

size_t
ui_match_priority_names(char *buf, size_t cap)
{
	size_t w = 0;
	for (int r = RANK_SEARCHCUR; r > RANK_NONE; r--) {
		int n = snprintf(buf + w, w < cap ? cap - w : 0, "%s%s", r < RANK_SEARCHCUR ? ", " : "",
				 RANK_NAMES[r]);
		w += n > 0 ? (size_t)n : 0;
	}
	return w;
}

int
ui_match_resolve(const struct ui_match_look *v, size_t n, int mono, struct ui_match_look *out)
{
	struct ui_match_look r = { -1, -1, 0, 0 };
	int top = -1, bgfrom = -1;
	for (size_t i = 0; i < n; i++) {
		if (top < 0 || v[i].rank > v[top].rank)
			top = (int)i;
		if (v[i].bg >= 0 && (bgfrom < 0 || v[i].rank > v[bgfrom].rank))
			bgfrom = (int)i;
		if (!mono)
			r.attr |= v[i].attr;
	}
	if (top < 0) {
		*out = r;
		return -1;
	}
	if (mono) {
		/* one kind per character: a union of two kinds' attributes
		 * could read as a third kind */
		r.attr = v[top].attr;
		r.rank = v[top].rank;
		*out = r;
		return top;
	}
	r.rank = v[top].rank;
	r.bg = bgfrom >= 0 ? v[bgfrom].bg : -1;
	/* the text colour of the highest kind that has one and that shows on
	 * the background; else the background's own text colour */
	int fgfrom = -1;
	for (size_t i = 0; i < n; i++)
		if (v[i].fg >= 0 && v[i].fg != r.bg && (fgfrom < 0 || v[i].rank > v[fgfrom].rank))
			fgfrom = (int)i;
	if (fgfrom < 0 || (bgfrom >= 0 && v[bgfrom].rank > v[fgfrom].rank &&
			   v[bgfrom].rank >= RANK_SEARCH))
		fgfrom = bgfrom; /* a search hit keeps its own colours whole */
	r.fg = fgfrom >= 0 ? v[fgfrom].fg : -1;
	*out = r;
	return top;
}

/* ---- the curses side of the resolution ---- */

/* Colour pairs made for combined colours (a city's text on a note's
 * background), from COMBO_PAIR_BASE up; a pair number must fit in A_COLOR. */
#define COMBO_PAIR_BASE 64
#define COMBO_PAIR_END 256

_Static_assert(COMBO_PAIR_END - COMBO_PAIR_BASE == APP_PAIRS_MAX,
	       "app.h's table of combined pairs has one entry per pair");

static struct ui_match_look
look_of(int attr, int rank)
{
	struct ui_match_look l = { -1, -1, attr & ~A_COLOR, rank };
	short pair = (short)PAIR_NUMBER(attr), fg, bg;
	if (pair > 0 && pair_content(pair, &fg, &bg) != ERR) {
		l.fg = fg;
		l.bg = bg;
	}
	return l;
}

/* The pair for fg on bg: one of the given attributes' own (attrs[first]'s
 * if it fits), else a combined one; 0 if none is left. */
static int
pair_for(struct app *app, short fg, short bg, const int *attrs, size_t n, size_t first)
{
	struct app_pairs *c = &app->match.pairs;
	if (fg < 0 && bg < 0)
		return 0;
	for (size_t k = 0; k <= n; k++) {
		size_t i = k == 0 ? first : k - 1;
		if (i >= n)
			continue;
		short f, b, p = (short)PAIR_NUMBER(attrs[i]);
		if (p > 0 && pair_content(p, &f, &b) != ERR && f == fg && b == bg)
			return p;
	}
	for (int i = 0; i < c->n; i++)
		if (c->fg[i] == fg && c->bg[i] == bg)
			return COMBO_PAIR_BASE + i;
	int p = COMBO_PAIR_BASE + c->n;
	if (p >= COMBO_PAIR_END || p >= COLOR_PAIRS || init_pair((short)p, fg, bg) == ERR)
		return 0;
	c->fg[c->n] = fg;
	c->bg[c->n] = bg;
	c->n++;
	return p;
}

/* Without colour, theme words and garbled text are told apart by italic.
 * A terminal without italic (vt100) has bold, underline and reverse only,
 * and every mix of them is some other kind's: there theme words are
 * underlined as the passage cursor is (shown in passage mode only) and
 * garbled text bold as a city; nothing ever blinks. */
static int
mono_fit(int attr, int rank)
{
	(void)rank;
	if ((attr & A_ITALIC) && !(term_attrs() & A_ITALIC))
		attr &= ~A_ITALIC;
	return attr & ~A_BLINK;
}

int
ui_match_attr(struct app *app, int base, const struct span *const *v, size_t n, size_t pos)
{
	struct ui_match_look looks[UI_MATCH_ATTR_MAX + 1];
	int attrs[UI_MATCH_ATTR_MAX + 1];
	size_t k = 0;
	for (size_t i = 0; i < n && k < UI_MATCH_ATTR_MAX; i++)
		if (v[i]->start <= pos && pos < v[i]->end) {
			int rank = ui_match_span_priority(v[i]);
			attrs[k] = ui_match_span_attr(app, v[i]);
			looks[k] = look_of(attrs[k], rank);
			k++;
		}
	if (k == 0)
		return base;
	int mono = app->mono || !has_colors();
	struct ui_match_look r;
	int top = ui_match_resolve(looks, k, mono, &r);
	if (mono)
		return (base & ~A_COLOR) | mono_fit(r.attr, r.rank);
	attrs[k] = base;
	looks[k] = look_of(base, RANK_NONE);
	if (r.fg < 0)
		r.fg = looks[k].fg;
	if (r.bg < 0)
		r.bg = looks[k].bg;
	int pair = pair_for(app, r.fg, r.bg, attrs, k + 1, (size_t)top);
	if (pair == 0 && (r.fg >= 0 || r.bg >= 0)) /* no pair left: the top kind's */
		pair = (int)PAIR_NUMBER(attrs[top]);
	return (int)(((unsigned)base & ~A_COLOR) | (unsigned)r.attr | (unsigned)COLOR_PAIR(pair));
}

int
ui_match_attr_list(struct app *app, int base, const struct span_list *l, size_t pos)
{
	const struct span *v[UI_MATCH_ATTR_MAX];
	size_t n = 0;
	for (size_t i = 0; l && i < l->n && l->v[i].start <= pos && n < UI_MATCH_ATTR_MAX; i++)
		if (pos < l->v[i].end)
			v[n++] = &l->v[i];
	return ui_match_attr(app, base, v, n, pos);
}

/* Colour pairs for keyword colours, from KW_PAIR_BASE up (style.c uses the
 * pairs below STYLE_COUNT + 1). */
#define KW_PAIR_BASE 48

static int
keyword_attr(void *ctx, const struct span *s)
{
	const struct app *app = ctx;
	const struct ui_match *um = app->match.um;
	int base = style_get(app, STYLE_KEYWORD);
	if (um == NULL || s->tag < 0 || (size_t)s->tag >= um->nkw || um->kwcolor[s->tag] < 0 ||
	    app->mono || !has_colors())
		return base;
	int colour = um->kwcolor[s->tag];
	short pair = (short)(KW_PAIR_BASE + colour);
	if (pair >= COLOR_PAIRS || init_pair(pair, (short)colour, -1) == ERR)
		return base;
	return (base & ~A_COLOR) | (int)COLOR_PAIR(pair);
}

/* The fourth city (tag 3) gets its own look; style.c has three. */
static int
city_attr(void *ctx, const struct span *s)
{
	const struct app *app = ctx;
	if (s->tag == 3) {
		if (!app->mono && has_colors() && KW_PAIR_BASE + 8 < COLOR_PAIRS &&
		    init_pair(KW_PAIR_BASE + 8, COLOR_BLUE, -1) != ERR)
			return (int)COLOR_PAIR(KW_PAIR_BASE + 8) | A_BOLD;
		return A_BOLD; /* cities look alike without colour */
	}
	return style_get(app, STYLE_CITY0 + (s->tag >= 0 ? s->tag % 3 : 0));
}

int
ui_match_span_attr(const struct app *app, const struct span *s)
{
	/* keywords and cities: keyword_attr and city_attr, through style.c */
	if (s->kind == SPAN_SELECT && s->tag == UI_ANNOT_TAG_CURSOR)
		return style_get(app, STYLE_PASSAGE);
	return style_span(app, s);
}

/* Every article: city names (always) and the user keywords. */
static int
spans_source(void *ctx, struct app *app, size_t art, struct span_list *out)
{
	(void)ctx;
	struct ui_match *um = ui_match_get(app);
	if (um == NULL || art >= um->mc.n || um->mc.folded[art].text == NULL)
		return 0; /* not loaded: nothing found in it */
	const struct match_text *t = &um->mc.folded[art];
	if (compare_matcher_spans(um->cm, t, 0, t->orig_len, COMPARE_CITIES, out) < 0)
		return ERR_NOMEM;
	if (um->kwset && match_set_find(um->kwset, t, 0, t->orig_len, SPAN_KEYWORD, out) < 0)
		return ERR_NOMEM;
	return 0;
}

void
ui_match_free(struct app *app)
{
	struct ui_match *um = app->match.um;
	if (um == NULL)
		return;
	compare_matcher_free(um->cm);
	compare_spec_free(&um->spec);
	if (um->have_result)
		compare_result_free(&um->res);
	for (size_t i = 0; i < um->nkw; i++)
		free(um->kw[i]);
	match_set_free(um->kwset);
	free(um);
	app->match.um = NULL;
}

int
ui_match_register(struct app *app)
{
	int rc = pane_add_span_source(app, spans_source, NULL);
	if (rc < 0)
		return rc;
	style_set_span_fn(app, SPAN_KEYWORD, keyword_attr, app);
	style_set_span_fn(app, SPAN_CITY, city_attr, app);
	return 0;
}
