/* The colour table made real: one colour pair per element (when colours
 * are used), the config's `color` lines, and span kinds to attributes. */
#include "style.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../../src/config.h"
#include "../app.h"
#include "pane_int.h"

struct style_def {
	const char *name;
	short fg, bg;
	int attr, mono;
};

static const struct style_def defaults[STYLE_COUNT] = {
#define STYLE_DEF(id, name, fg, bg, a, m) [STYLE_##id] = { name, fg, bg, a, m },
	STYLE_TABLE(STYLE_DEF)
#undef STYLE_DEF
};

static struct style_table *
table(const struct app *app)
{
	return app && app->mgr ? &app->mgr->style : NULL;
}

int
style_get(const struct app *app, enum style_id id)
{
	const struct style_table *t = table(app);
	return t && (unsigned)id < STYLE_COUNT ? t->attr[id] : 0;
}

const char *
style_name(enum style_id id)
{
	return (unsigned)id < STYLE_COUNT ? defaults[id].name : "";
}

static const char *const colour_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

/* "red", "default", "-1", "0".."255"; -2 if not a colour. */
static int
parse_colour(const char *s)
{
	if (strcasecmp(s, "default") == 0 || strcmp(s, "-1") == 0)
		return -1;
	for (int i = 0; i < 8; i++)
		if (strcasecmp(s, colour_names[i]) == 0)
			return i;
	if (strncasecmp(s, "bright", 6) == 0)
		for (int i = 0; i < 8; i++)
			if (strcasecmp(s + 6, colour_names[i]) == 0)
				return i + 8;
	char *end;
	long v = strtol(s, &end, 10);
	if (*s && *end == 0 && v >= 0 && v <= 255)
		return (int)v;
	return -2;
}

static const struct { const char *name; int attr; } attr_names[] = {
	{ "bold", A_BOLD }, { "underline", A_UNDERLINE }, { "reverse", A_REVERSE },
	{ "dim", A_DIM }, { "italic", A_ITALIC },
	{ "standout", A_STANDOUT }, { "normal", 0 }, { "none", 0 },
};

static int
parse_attr(const char *s, int *out)
{
	for (size_t i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
		if (strcasecmp(s, attr_names[i].name) == 0) {
			*out = attr_names[i].attr;
			return 0;
		}
	return -1;
}

static void
say(void (*warn)(void *, const char *), void *ctx, const struct config *cfg,
    int line, const char *fmt, const char *arg)
{
	if (warn == NULL)
		return;
	char msg[400], what[200];
	snprintf(what, sizeof what, fmt, arg);
	snprintf(msg, sizeof msg, "%s:%d: %s; line skipped",
		 cfg && cfg->path && cfg->path[0] ? cfg->path : "config", line, what);
	warn(ctx, msg);
}

void
style_init(struct app *app, const struct config *cfg, int mono,
	   void (*warn)(void *, const char *), void *ctx)
{
	struct style_table *t = table(app);
	if (t == NULL)
		return;
	int *attrs = t->attr;
	struct style_def cur[STYLE_COUNT];
	memcpy(cur, defaults, sizeof cur);
	int use_colour = !mono && has_colors();
	if (use_colour) {
		start_color();
		/* The user's background stays theirs. */
		if (use_default_colors() == ERR)
			use_colour = 0;
	}
	for (size_t i = 0; cfg && i < cfg->color.n; i++) {
		const struct config_entry *e = &cfg->color.v[i];
		int id = -1;
		for (int k = 0; k < STYLE_COUNT; k++)
			if (strcmp(e->argv[0], defaults[k].name) == 0)
				id = k;
		if (id < 0) {
			say(warn, ctx, cfg, e->line, "unknown element '%.40s' (see the help screen)", e->argv[0]);
			continue;
		}
		struct style_def d = cur[id];
		int extra = 0, bad = 0;
		size_t k = 1;
		int fg = parse_colour(e->argv[k]);
		if (fg < -1) {
			say(warn, ctx, cfg, e->line, "'%.40s' is not a colour (red, 4, 208, default)", e->argv[k]);
			continue;
		}
		d.fg = (short)fg;
		k++;
		if (k < e->argc && parse_colour(e->argv[k]) >= -1)
			d.bg = (short)parse_colour(e->argv[k++]);
		size_t attr_from = k;
		for (; k < e->argc; k++) {
			int a;
			if (parse_attr(e->argv[k], &a) < 0) {
				say(warn, ctx, cfg, e->line, "'%.40s' is not an attribute (bold, underline, reverse, dim, italic)", e->argv[k]);
				bad = 1;
				break;
			}
			extra |= a;
		}
		if (bad)
			continue;
		if (k > attr_from) /* attributes given replace the defaults */
			d.attr = d.mono = extra;
		cur[id] = d;
	}
	for (int i = 0; i < STYLE_COUNT; i++) {
		if (!use_colour) {
			attrs[i] = cur[i].mono;
			continue;
		}
		short fg = cur[i].fg, bg = cur[i].bg;
		if (fg >= COLORS || bg >= COLORS) {
			fg = fg >= COLORS ? (short)(fg % 8) : fg;
			bg = bg >= COLORS ? (short)(bg % 8) : bg;
		}
		if (fg == -1 && bg == -1) {
			attrs[i] = cur[i].attr;
		} else if (i + 1 < COLOR_PAIRS && init_pair((short)(i + 1), fg, bg) != ERR) {
			attrs[i] = (int)COLOR_PAIR(i + 1) | cur[i].attr;
		} else {
			attrs[i] = cur[i].mono;
		}
	}
}

static enum style_id
span_default(const struct span *s)
{
	switch (s->kind) {
	case SPAN_GARBLED: return STYLE_GARBLED;
	case SPAN_REPAIRED: return STYLE_REPAIRED;
	case SPAN_SEARCH: return s->tag ? STYLE_SEARCHCUR : STYLE_SEARCH;
	case SPAN_KEYWORD: return STYLE_KEYWORD;
	case SPAN_CITY: return STYLE_CITY0 + (s->tag >= 0 ? s->tag % 3 : 0);
	case SPAN_PROVINCE: return STYLE_PROVINCE;
	case SPAN_THEME: return STYLE_THEME;
	case SPAN_NOTE: return STYLE_NOTE;
	case SPAN_SELECT: return STYLE_SELECT;
	default: return STYLE_COUNT;
	}
}

int
style_span(const struct app *app, const struct span *s)
{
	const struct style_table *t = table(app);
	if (t && s->kind >= 0 && s->kind < SPAN_KIND_COUNT && t->span[s->kind].fn)
		return t->span[s->kind].fn(t->span[s->kind].ctx, s);
	enum style_id id = span_default(s);
	return id < STYLE_COUNT ? style_get(app, id) : 0;
}

void
style_set_span_fn(struct app *app, int kind, style_span_fn fn, void *ctx)
{
	struct style_table *t = table(app);
	if (t && kind >= 0 && kind < SPAN_KIND_COUNT) {
		t->span[kind].fn = fn;
		t->span[kind].ctx = ctx;
	}
}
