/* style: the colour table and the span -> attribute resolution. One X-macro
 * table names every screen element with its colours and its monochrome
 * fallback; `color NAME FG [BG] [ATTR...]` in the config overrides them.
 * The reader ORs the attributes of every span covering a character. */
#ifndef DUWEN_STYLE_H
#define DUWEN_STYLE_H

#include "../../src/span.h"

struct app;
struct config;

/* X(id, name, fg, bg, colour-terminal extra attrs, monochrome attrs);
 * fg/bg are curses colour numbers, -1 the terminal's default. */
#define STYLE_TABLE(X) \
	X(NORMAL,     "normal",      -1, -1, 0, 0) \
	X(TITLE,      "title",       -1, -1, A_BOLD, A_BOLD) \
	X(HEADING,    "heading",     COLOR_BLUE, -1, A_BOLD, A_BOLD) \
	X(CAPTION,    "caption",     -1, -1, A_DIM | A_ITALIC, A_DIM) \
	X(BYLINE,     "byline",      -1, -1, A_DIM, A_DIM) \
	X(SUMMARY,    "summary",     -1, -1, A_ITALIC, 0) \
	X(BOILER,     "boilerplate", -1, -1, A_DIM, A_DIM) \
	/* Highlights (the priority is match.h's). Without colour a \
	 * character shows its highest kind only, so each kind has monochrome \
	 * attributes no other kind has on a vt100 (bold, underline, reverse; \
	 * theme and garbled italic, dropped where the terminal has none): \
	 * tests/test_ui_match.c checks it. */ \
	X(GARBLED,    "garbled",     COLOR_RED, -1, A_UNDERLINE, A_BOLD | A_ITALIC) \
	X(REPAIRED,   "repaired",    COLOR_GREEN, -1, A_UNDERLINE, A_ITALIC) \
	X(SEARCH,     "search",      COLOR_BLACK, COLOR_YELLOW, A_BOLD | A_UNDERLINE, A_REVERSE | A_BOLD) \
	X(SEARCHCUR,  "search-current", COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD | A_UNDERLINE) \
	X(CITY0,      "city1",       COLOR_RED, -1, 0, A_BOLD) \
	X(CITY1,      "city2",       COLOR_GREEN, -1, 0, A_BOLD) \
	X(CITY2,      "city3",       COLOR_MAGENTA, -1, 0, A_BOLD) \
	X(PROVINCE,   "province",    COLOR_CYAN, -1, 0, A_DIM) \
	X(KEYWORD,    "keyword",     COLOR_YELLOW, -1, A_BOLD, A_BOLD | A_UNDERLINE) \
	X(THEME,      "theme",       COLOR_CYAN, -1, A_UNDERLINE, A_UNDERLINE | A_ITALIC) \
	/* notes: one per colour of notes_colours() (tag order); without \
	 * colour reverse and underline, told apart by dim and italic where \
	 * the terminal has them */ \
	X(NOTE,       "note-yellow", COLOR_BLACK, COLOR_YELLOW, 0, A_REVERSE | A_UNDERLINE) \
	X(NOTEGREEN,  "note-green",  COLOR_BLACK, COLOR_GREEN, 0, A_REVERSE | A_UNDERLINE | A_DIM) \
	X(NOTEBLUE,   "note-blue",   COLOR_WHITE, COLOR_BLUE, 0, A_REVERSE | A_UNDERLINE | A_ITALIC) \
	X(NOTEPINK,   "note-pink",   COLOR_BLACK, COLOR_MAGENTA, 0, A_REVERSE | A_UNDERLINE | A_ITALIC | A_DIM) \
	X(NOTEPURPLE, "note-purple", COLOR_WHITE, 13, 0, A_REVERSE | A_UNDERLINE) \
	X(PASSAGE,    "passage",     -1, -1, A_UNDERLINE, A_UNDERLINE) /* passage cursor */ \
	X(SELECT,     "select",      -1, -1, A_REVERSE, A_REVERSE) \
	X(STATUS,     "status",      -1, -1, 0, 0) \
	X(TAB,        "tab",         -1, -1, A_DIM, 0) \
	X(TABACTIVE,  "tab-active",  -1, -1, A_BOLD | A_REVERSE, A_BOLD | A_REVERSE) \
	X(CURSOR,     "cursor",      -1, -1, A_REVERSE, A_REVERSE) \
	X(UNREAD,     "unread",      -1, -1, A_BOLD, A_BOLD) \
	X(DIM,        "dim",         -1, -1, A_DIM, 0) \
	X(MESSAGE,    "message",     -1, -1, 0, 0) \
	X(ERROR,      "error",       COLOR_RED, -1, A_BOLD, A_BOLD) \
	X(KEY,        "key",         -1, -1, A_BOLD, A_BOLD) \
	X(BORDER,     "border",      -1, -1, A_DIM, 0)

enum style_id {
#define STYLE_ENUM(id, name, fg, bg, a, m) STYLE_##id,
	STYLE_TABLE(STYLE_ENUM)
#undef STYLE_ENUM
	STYLE_COUNT
};

/* Span kinds whose attributes a module resolves itself (style_set_span_fn):
 * fn(ctx, span) gives the attributes. */
typedef int (*style_span_fn)(void *ctx, const struct span *s);

/* The screen's looks: one attribute per element and the span resolvers.
 * It lives in the screen manager's state (app->mgr), never in a file
 * static: style_* read it through the app. */
struct style_table {
	int attr[STYLE_COUNT];
	struct {
		style_span_fn fn;
		void *ctx;
	} span[SPAN_KIND_COUNT];
};

/* Curses attributes (colour pair included) of element id for the current
 * terminal; valid after style_init (0 before, or without a manager). */
int style_get(const struct app *app, enum style_id id);

/* Set up colour pairs (start_color, use_default_colors) unless mono, then
 * apply the config's `color` lines (cfg may be NULL); bad ones are reported
 * through warn as "file:line: reason". Call after initscr and
 * pane_mgr_init. */
void style_init(struct app *app, const struct config *cfg, int mono,
		void (*warn)(void *ctx, const char *msg), void *ctx);

/* Name of element id ("search-current"). */
const char *style_name(enum style_id id);

/* Attributes for span s (kind and tag), ORed over the text's own. A module
 * may replace the resolution of one kind with style_set_span_fn (e.g. a tag
 * range of cities), called with ctx; fn NULL restores the default. */
int style_span(const struct app *app, const struct span *s);
void style_set_span_fn(struct app *app, int span_kind, style_span_fn fn, void *ctx);

#endif
