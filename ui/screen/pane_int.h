/* pane_int: the screen manager's private state, shared by pane.c (panes,
 * layout, loop), pane_prompt.c (the bottom line) and help.c (the key
 * table as text). Not for panes: they use pane.h. */
#ifndef DUWEN_PANE_INT_H
#define DUWEN_PANE_INT_H

#include <signal.h>
#include <stddef.h>

#include "arrange.h"
#include "keys.h"
#include "pane.h"

struct pane_spansrc {
	pane_span_fn fn;
	void *ctx;
};

struct pane_mgr {
	struct pane **v;       /* open panes, in tab order */
	size_t n, cap;
	size_t focus, main, prev; /* indices into v (n: none) */
	const struct pane_ops **classes;
	size_t nclasses, capclasses;
	const struct pane_keymap **globals;
	size_t nglobals, capglobals;
	struct keys_table keys;
	struct pane_spansrc *spansrc;
	size_t nspansrc, capspansrc;
	unsigned spans_gen;    /* bumped by pane_spans_changed */
	pane_count_fn note_count;
	void *note_ctx;
	char msg[512];
	int msg_err, msg_shown;
	int quit;
	int curses;            /* 1 while curses is running */
	struct arrange_out ar;
	WINDOW *promptw, *sepw; /* the bottom row (status, prompt, messages) */
	int lines_dirty;       /* the bottom row and separator need drawing */
	struct pane *scroll_p; /* pane_scrolled: who moved its text, by how much */
	long scroll_rows;
	int relayout;          /* windows must be rebuilt */
};

/* Set up / tear down the manager's state (no terminal involved). */
int pane_mgr_init(struct app *app);
void pane_mgr_free(struct app *app);
/* Run the event loop until quit; curses must be up. */
void pane_run(struct app *app);
/* Call ops->save on every open pane. */
void pane_save_all(struct app *app);
/* Apply the config's bind lines; bad ones go to warn. */
void pane_apply_binds(struct app *app, void (*warn)(void *, const char *), void *ctx);
/* Bring the screen up to date (draw what is dirty, then doupdate). */
void pane_update(struct app *app);
/* Rebuild the windows after a size change. */
void pane_relayout(struct app *app);
/* Draw the prompt line with text and put the cursor at cursor_cols. */
void pane_draw_prompt_line(struct app *app, const char *label, const char *text,
			   size_t len, size_t cursor);
/* Set by SIGHUP/SIGTERM. */
extern volatile sig_atomic_t pane_signalled;
/* Pane of class ops or NULL (help, keys). */
struct keys_ctx *pane_ctx_of(struct app *app, const struct pane_ops *ops);
/* Handle one key in the focused pane, then the global maps. */
void pane_dispatch(struct app *app, int key);
/* Run a ':' command line. */
void pane_command(struct app *app, const char *line);
/* Append the spans of every span source for corpus article art. */
int pane_collect_spans(struct app *app, size_t art, struct span_list *out);
/* Generation counter bumped by pane_spans_changed. */
unsigned pane_spans_gen(struct app *app);
/* Notes on corpus article art (0 without a counter). */
int pane_note_count(struct app *app, size_t art);
/* Index of the sidebar pane (the list), or m->n. */
size_t pane_sidebar_index(struct pane_mgr *m);
/* pane_scroll.c: before drawing, let the terminal scroll the text of the
 * pane that said pane_scrolled (when it has the whole screen above the
 * bottom row); forget a pending scroll; rest the hidden cursor where the
 * next scroll expects it. */
void pane_scroll_apply(struct app *app);
void pane_scroll_forget(struct app *app);
void pane_scroll_park(struct app *app);
/* Suspend (Ctrl-Z) and come back. */
void pane_suspend(struct app *app);

#endif
