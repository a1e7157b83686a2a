/* The shared matching state and the highlight sources; see ui_match.h. */
#include "ui_match.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "../src/err.h"
#include "app.h"
#include "pane.h"
#include "style.h"
#include "ui_compare_cli.h"

/* One per process: ui_run runs once, and style_set_span_fn takes no
 * context, so the keyword colours must be reachable from a plain function. */
static struct ui_match um_state;
static int um_built, um_failed;

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
	const char *list = ui_compare_cli_highlight();
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
build(struct app *app)
{
	struct ui_match *um = &um_state;
	memset(um, 0, sizeof *um);
	um->app = app;
	const char *cities = ui_compare_cli_cities();
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
	if (match_corpus_fold(app->script, app->corpus->v, app->corpus->n, &um->mc) < 0)
		return ERR_NOMEM;
	load_keywords(um);
	return rebuild_keywords(um);
}

struct ui_match *
ui_match_get(struct app *app)
{
	if (um_built)
		return &um_state;
	if (um_failed)
		return NULL;
	if (build(app) < 0) {
		um_failed = 1;
		pane_error(app, "comparison: out of memory or a city or theme word is empty");
		return NULL;
	}
	um_built = 1;
	return &um_state;
}

const struct compare_result *
ui_match_result(struct app *app)
{
	struct ui_match *um = ui_match_get(app);
	if (um == NULL)
		return NULL;
	if (!um->have_result) {
		if (compare_run(&um->spec, um->cm, &um->mc, &um->res) < 0) {
			pane_error(app, "comparison: out of memory");
			return NULL;
		}
		um->have_result = 1;
	}
	return &um->res;
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

int
ui_match_priority(int kind)
{
	switch (kind) {
	case SPAN_SEARCH: return 8;
	case SPAN_NOTE: return 7;
	case SPAN_KEYWORD: return 6;
	case SPAN_CITY: return 5;
	case SPAN_THEME: return 4;
	case SPAN_PROVINCE: return 3;
	case SPAN_SELECT: return 2;
	default: return 1; /* garbled, repaired */
	}
}

/* Colour pairs for keyword colours, from KW_PAIR_BASE up (style.c uses the
 * pairs below STYLE_COUNT + 1). */
#define KW_PAIR_BASE 48

static int
keyword_attr(const struct span *s)
{
	const struct ui_match *um = &um_state;
	int base = style_get(STYLE_KEYWORD);
	if (!um_built || s->tag < 0 || (size_t)s->tag >= um->nkw || um->kwcolor[s->tag] < 0 ||
	    um->app->mono || !has_colors())
		return base;
	int colour = um->kwcolor[s->tag];
	short pair = (short)(KW_PAIR_BASE + colour);
	if (pair >= COLOR_PAIRS || init_pair(pair, (short)colour, -1) == ERR)
		return base;
	return (base & ~A_COLOR) | (int)COLOR_PAIR(pair);
}

/* The fourth city (tag 3) gets its own look; style.c has three. */
static int
city_attr(const struct span *s)
{
	if (s->tag == 3) {
		const struct ui_match *um = &um_state;
		if (um_built && !um->app->mono && has_colors() && KW_PAIR_BASE + 8 < COLOR_PAIRS &&
		    init_pair(KW_PAIR_BASE + 8, COLOR_BLUE, -1) != ERR)
			return (int)COLOR_PAIR(KW_PAIR_BASE + 8) | A_BOLD;
		return A_BOLD | A_ITALIC | A_UNDERLINE;
	}
	return style_get(STYLE_CITY0 + (s->tag >= 0 ? s->tag % 3 : 0));
}

int
ui_match_span_attr(const struct span *s)
{
	if (s->kind == SPAN_KEYWORD)
		return keyword_attr(s);
	if (s->kind == SPAN_CITY)
		return city_attr(s);
	return style_span(s);
}

/* Every article: city names (always) and the user keywords. */
static int
spans_source(void *ctx, struct app *app, size_t art, struct span_list *out)
{
	(void)ctx;
	struct ui_match *um = ui_match_get(app);
	if (um == NULL || art >= um->mc.n)
		return 0;
	const struct match_text *t = &um->mc.folded[art];
	if (compare_matcher_spans(um->cm, t, 0, t->orig_len, COMPARE_CITIES, out) < 0)
		return ERR_NOMEM;
	if (um->kwset && match_set_find(um->kwset, t, 0, t->orig_len, SPAN_KEYWORD, out) < 0)
		return ERR_NOMEM;
	return 0;
}

void
ui_match_register(struct app *app)
{
	static int done;
	if (done)
		return;
	done = 1;
	pane_add_span_source(app, spans_source, NULL);
	style_set_span_fn(SPAN_KEYWORD, keyword_attr);
	style_set_span_fn(SPAN_CITY, city_attr);
}
