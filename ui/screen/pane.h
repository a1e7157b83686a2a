/* pane: duwen's pane system and screen manager. A pane draws itself into a
 * curses window (a rectangle of the screen), handles key actions, and says
 * its title and status; the screen manager (pane.c) arranges the open
 * panes, owns focus and the bottom row (the status line with the tabs; the
 * prompt and messages replace it for a while), and runs the one event loop.
 * It does not know what panes show.
 *
 * Adding a pane (e.g. ui/panes/compare.c): see docs/ui.md.
 *   1. a static key table (struct pane_key[]) and a static const struct
 *      pane_ops built with designated initialisers, .keys pointing at it;
 *   2. a header ui/panes/compare.h declaring
 *          void ui_compare_register(struct app *app);
 *      the function calls pane_register(app, &ops) (so `bind compare ...`,
 *      help and the man page know its keys) and, if the pane should be
 *      reachable from anywhere, pane_register_global(app, &keymap) with a
 *      key that opens it; it may also add span sources and the note counter;
 *   3. one line in ui/registry.c, the one place that lists the panes (used
 *      with no terminal too, for --keys-man).
 * Ownership: the manager owns open panes and calls ops->destroy on close;
 * strings passed in are copied. Coordinates are (row, column), 0-based. */
#ifndef DUWEN_PANE_H
#define DUWEN_PANE_H

#include <stdarg.h>
#include <stddef.h>

#include <curses.h>

#include "../../src/span.h"

struct app;  /* ui/app.h: the corpus, store, script, config, options */
struct pane;
struct keys_table;

/* What a key handler did; the event loop acts on the flags. */
enum pane_result {
	PANE_UNHANDLED = 0,       /* try the global keys, else "unknown key" */
	PANE_HANDLED = 1 << 0,    /* consumed (nothing to redraw) */
	PANE_REDRAW = 1 << 1,     /* redraw this pane (erase + draw) */
	PANE_REDRAW_ALL = 1 << 2, /* redraw every visible pane and the lines */
	PANE_QUIT = 1 << 3,       /* leave duwen (positions are saved) */
	PANE_FOCUS_NEXT = 1 << 4, /* move focus to the next open pane */
	PANE_FOCUS_PREV = 1 << 5,
	PANE_CLOSE = 1 << 6,      /* close this pane (back out) */
	PANE_BACK = 1 << 7,       /* back out: focus the previous pane, keep this open */
};

/* Control-key code for the key tables: PANE_CTRL('d') is Ctrl-D. */
#define PANE_CTRL(c) ((c) & 0x1f)
/* Keys a table may list: printable characters, PANE_CTRL(x), curses KEY_*
 * codes (KEY_NPAGE, KEY_F(1), ...), PANE_KEY_ESC and PANE_KEY_ENTER (which
 * stands for '\r', '\n' and KEY_ENTER). */
#define PANE_KEY_ESC 27
#define PANE_KEY_ENTER '\r'
#define PANE_KEYS_MAX 4

/* One action of a key table. The table is the single source of the default
 * keys, the `bind` names of the config file, the `:` commands, the help
 * screen and the man page's KEYS section. */
struct pane_key {
	int action;                 /* id passed to the handler; > 0 */
	const char *name;           /* "scroll-down": for bind, ':' and help */
	int keys[PANE_KEYS_MAX];    /* default keys, 0-terminated if fewer */
	const char *help;           /* one line, sentence case, no final dot */
	int arg;                    /* 1: ':name ARG' takes an argument */
};

/* A key event after lookup in the key tables. */
struct pane_event {
	int action;      /* pane_key.action, or 0 for a key bound to nothing */
	int key;         /* the key pressed (curses code); 0 for a ':' command */
	const char *arg; /* ':name ARG' argument, else NULL */
};

/* The class of a pane. Every hook but draw and key may be NULL. */
struct pane_ops {
	const char *name;           /* key context and tab name: "list", "reader" */
	const struct pane_key *keys;/* this pane's actions (context `name`) */
	size_t nkeys;
	int sidebar;                /* 1: shown at the left beside the focused
	                               pane when the screen is wide (the list) */
	/* Draw into w (the pane's window, already erased; its size is the
	 * pane's rectangle). Use pane_put / style_get; never refresh. */
	void (*draw)(struct pane *p, WINDOW *w);
	/* Handle an event; returns enum pane_result flags. */
	int (*key)(struct pane *p, const struct pane_event *ev);
	/* The rectangle changed (also before the first draw). */
	void (*resize)(struct pane *p, int rows, int cols);
	/* Short name for the tabs (on the status line), e.g. the article title. */
	void (*title)(struct pane *p, char *buf, size_t cap);
	/* Left part of the status line when focused: "42%  hit 3/17". Put what
	 * changes on every scroll first: the row is redrawn cell by cell. A
	 * '\t' (not drawn) may end the key facts: the tabs give way to them
	 * before they are cut. */
	void (*status)(struct pane *p, char *buf, size_t cap);
	/* Save state before quitting or on SIGHUP/SIGTERM (async-safe not
	 * needed: called from the loop). May be NULL. */
	void (*save)(struct pane *p);
	/* Free data (not the struct pane). May be NULL. */
	void (*destroy)(struct pane *p);
};

struct pane {
	const struct pane_ops *ops;
	struct app *app;
	void *data;        /* the pane's own state */
	WINDOW *win;       /* owned by the manager; NULL while hidden */
	int rows, cols;    /* current rectangle size */
	int dirty;         /* needs a redraw */
};

/* A global key map: actions reachable from every pane (context "global"),
 * handled by fn (focused is the focused pane, may be NULL). */
struct pane_keymap {
	const char *name;            /* "global" (or a module name for help) */
	const struct pane_key *keys;
	size_t nkeys;
	int (*fn)(struct app *app, struct pane *focused, const struct pane_event *ev);
};

/* ---- registration (before pane_run) ---- */

/* Make a pane class known: its keys join the key table. 0 or ERR_NOMEM. */
int pane_register(struct app *app, const struct pane_ops *ops);
/* Add global actions (e.g. a key that opens the compare pane). */
int pane_register_global(struct app *app, const struct pane_keymap *km);

/* ---- opening, closing, focus ---- */

/* Open a pane of class ops with data (owned by the pane from now: freed by
 * ops->destroy). focus: make it the focused pane. NULL on ERR_NOMEM (then
 * ops->destroy has been called on data). */
struct pane *pane_open(struct app *app, const struct pane_ops *ops, void *data,
		       int focus);
/* The first open pane of class ops, or NULL. */
struct pane *pane_find(struct app *app, const struct pane_ops *ops);
/* Open pane i (0-based, in tab order: the status line shows i + 1), or NULL. */
struct pane *pane_nth(struct app *app, size_t i);
/* The first open pane whose class is called name ("reader"), or NULL. */
struct pane *pane_find_named(struct app *app, const char *name);
void pane_close(struct app *app, struct pane *p);
void pane_focus(struct app *app, struct pane *p);
struct pane *pane_focused(struct app *app);

/* Ask for a redraw of p (or every pane) at the next screen update. */
void pane_dirty(struct pane *p);
void pane_dirty_all(struct app *app);
/* p's content moved rows rows up (negative: down) since its last draw,
 * e.g. a line scroll; p is also redrawn. A hint: when p has the whole
 * screen above the bottom row, the terminal scrolls it (as less does) and
 * only the new rows are drawn. Any other change to the screen is safe. */
void pane_scrolled(struct pane *p, long rows);

/* ---- the reading view, through the app ---- */

/* What to open: corpus article art at byte offset off of its original
 * text (PANE_PLACE_REMEMBERED: where the reader left it last time), with
 * extra highlight spans (copied; over the original text; may be NULL);
 * passage: put the passage cursor on the sentence at off (a jump from the
 * notes pane); query: search it in the reading view too, making the hit
 * that starts at orig offset hit the current one (n/N go on from there). */
struct pane_open_req {
	size_t art, off;
	const struct span_list *extra;
	int passage;
	const char *query;
	size_t hit;
	const char *path; /* not NULL: the file at path instead of art, read on its own
			   * (not added to the corpus), as the note index reads it */
};
/* The art of an article read on its own (pane_open_req.path). Opening
 * PANE_ART_FILE without a path moves in the one the reading view shows. */
#define PANE_ART_FILE ((size_t)-1)
/* How to open an article and where the reading is: registered by the pane
 * that shows articles (the reading view), so that the manager and the
 * other panes need not know it. */
struct pane_opener {
	int (*open)(void *ctx, struct app *app, const struct pane_open_req *req);
	int (*place)(void *ctx, struct app *app, size_t *art, size_t *off);
	void *ctx;
};
void pane_set_opener(struct app *app, const struct pane_opener *o);
/* Open (or focus) the reading view as req says. 0, ERR_RANGE, ERR_NOMEM,
 * or ERR_NOTFOUND when no pane registered an opener. */
int pane_open_at(struct app *app, const struct pane_open_req *req);

/* pane_open_at with art, off and extra. */
#define PANE_PLACE_REMEMBERED ((size_t)-1)
int pane_open_article(struct app *app, size_t art, size_t off,
		      const struct span_list *extra);
/* pane_open_at with art, off and the passage cursor there. */
int pane_open_passage(struct app *app, size_t art, size_t off);
/* The reading place: article index and the byte offset (original text) of
 * the first character on the top row. 0, or ERR_NOTFOUND if no article is
 * open (or the one open is read on its own: not in the corpus). */
int pane_reading_place(struct app *app, size_t *art, size_t *off);

/* ---- prompt and messages (the bottom line) ---- */

/* Read a line on the prompt line after label ("/", ":", "Filter: ").
 * initial may be NULL. Blocks in its own key loop (resizes are handled);
 * the editing keys are the line editor's (edit.h). Returns 1 and buf
 * (NUL-terminated UTF-8, at most cap - 1 bytes) on Enter, 0 on Esc /
 * Ctrl-C / Ctrl-G, or Backspace on an empty line (as in less). */
int pane_prompt(struct app *app, const char *label, const char *initial,
		char *buf, size_t cap);
/* As pane_prompt for a ':' command line: Tab completes the command names
 * of the focused pane and the global keys (again: the next one). Every
 * prompt keeps its own history (Up/Down, Ctrl-P/Ctrl-N) by label. */
int pane_prompt_command(struct app *app, char *buf, size_t cap);
/* As pane_prompt, for longer text (a note): *out is malloc'd on Enter (the
 * caller frees it); Backspace on an empty line does not cancel. */
int pane_prompt_edit(struct app *app, const char *label, const char *initial,
		     char **out);
/* Beep, when the terminal is up (not in tests). */
void pane_beep(struct app *app);
/* Show label on the prompt line and read one key (resizes handled).
 * Returns the key, or 27 (Esc) when a signal ends the program. */
int pane_ask_key(struct app *app, const char *label);
/* Show a message on the prompt line until the next key. */
void pane_message(struct app *app, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void pane_error(struct app *app, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ---- long work (pane_busy.c) ---- */

/* Between steps of long work (a corpus search, the comparison): 1 if Esc
 * or Ctrl-C is among the keys typed so far (raw mode: Ctrl-C is a key,
 * not SIGINT). Those are taken; any other key is put back for the event
 * loop, in order. Never blocks (a lone Esc costs ESCDELAY). 0 without a
 * terminal. */
int pane_cancel_pending(struct app *app);
/* Show "label [####------] done/total  Esc: stop" on the bottom row at
 * once; the status line comes back at the next screen update. */
void pane_progress(struct app *app, const char *label, size_t done, size_t total);

/* ---- highlights and list columns ---- */

/* A source of highlight spans for an article (keywords, cities, notes):
 * append spans over the original text of corpus article art to out.
 * 0 or a negative err_code. Called when an article opens and after
 * pane_spans_changed. */
typedef int (*pane_span_fn)(void *ctx, struct app *app, size_t art,
			    struct span_list *out);
int pane_add_span_source(struct app *app, pane_span_fn fn, void *ctx);
/* The spans of some article changed (a note was added): re-collect. */
void pane_spans_changed(struct app *app);
/* Append the spans of every span source for corpus article art. */
int pane_collect_spans(struct app *app, size_t art, struct span_list *out);
/* Generation counter bumped by pane_spans_changed. */
unsigned pane_spans_gen(struct app *app);

/* Number of notes on corpus article art, for the list's notes column
 * (the annotations module sets it; without one the column shows 0). */
typedef int (*pane_count_fn)(void *ctx, struct app *app, size_t art);
void pane_set_note_counter(struct app *app, pane_count_fn fn, void *ctx);

/* ---- drawing helpers ---- */

/* Draw UTF-8 s[0, len) at (y, x) of w with curses attributes attr, at most
 * max_cols columns and never past the window's right edge, cluster by
 * cluster through the one width function (src/width.h) with the app's
 * width options (`set ambiguous-wide`), as the text layout measures: a wide
 * character is drawn whole or not at all; control characters are not
 * drawn. Leaves the cursor after the text. Returns the columns drawn. */
int pane_put(struct app *app, WINDOW *w, int y, int x, const char *s, size_t len,
	     int max_cols, int attr);
/* As pane_put, ending with "…" if s had to be cut (the … measured with the
 * same options: 2 columns with ambiguous-wide). */
int pane_put_trunc(struct app *app, WINDOW *w, int y, int x, const char *s, size_t len,
		   int max_cols, int attr);
/* Columns s[0, len) takes, as pane_put measures them. */
int pane_cols(struct app *app, const char *s, size_t len);
/* As pane_put_trunc, but shown as the reading view shows text
 * (layout_glyph with the app's layout options: full-width punctuation
 * among Chinese), for titles and other metadata. */
int pane_put_shown(struct app *app, WINDOW *w, int y, int x, const char *s,
		   size_t len, int max_cols, int attr);
/* s as pane_put_shown shows it, into buf (NUL-terminated, cut at a glyph
 * if cap is short), for a title inside a longer line. Returns its bytes. */
size_t pane_shown_copy(struct app *app, const char *s, char *buf, size_t cap);

/* ---- the app's side (ui.c, global.c): setting up and running ---- */

/* Set up / tear down the manager's state (no terminal involved); free
 * closes every pane (their places are saved). 0 or ERR_NOMEM. */
int pane_mgr_init(struct app *app);
void pane_mgr_free(struct app *app);
/* 1 while curses is running (the prompts beep only then). */
void pane_set_curses(struct app *app, int on);
/* Apply the config's bind lines; bad ones go to warn. */
void pane_apply_binds(struct app *app, void (*warn)(void *, const char *), void *ctx);
/* Run the event loop until quit; curses must be up. While app->work is
 * set, keys are polled without waiting and the work is done between them. */
void pane_run(struct app *app);
/* pane_signal.c: SIGHUP and SIGTERM (a dropped connection, a kill) end
 * the loop and every prompt, which return as if cancelled; the places are
 * saved on the way out. pane_signal_catch installs the handlers (without
 * SA_RESTART, so that a blocked read returns) and ignores SIGPIPE;
 * pane_signalled is the signal caught, 0 if none.
 * The handler's flag is one of the two file-scope mutable variables of
 * ui/ (termwidth.h has the other): a signal handler can reach nothing else
 * (C11 7.14.1.1: a volatile sig_atomic_t of static storage duration), and
 * it is written only there and read only through pane_signalled. */
void pane_signal_catch(void);
int pane_signalled(void);
/* Run a ':' command line. */
void pane_command(struct app *app, const char *line);
/* Suspend (Ctrl-Z) and come back. */
void pane_suspend(struct app *app);
/* The key table (keys.h), for the help screen and the man page. */
const struct keys_table *pane_keys(struct app *app);
/* The action km binds to key, or NULL. */
const struct pane_key *pane_keymap_lookup(struct app *app, const struct pane_keymap *km,
					  int key);
/* Notes on corpus article art (0 without a counter). */
int pane_note_count(struct app *app, size_t art);

#endif
