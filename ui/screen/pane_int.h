/* pane_int: the screen manager's private state, shared by the files of
 * ui/screen/ only (tools/layers.py checks it). Panes use pane.h. */
#ifndef DUWEN_PANE_INT_H
#define DUWEN_PANE_INT_H

#include <stddef.h>

#include "arrange.h"
#include "keys.h"
#include "pane.h"
#include "style.h"

struct pane_spansrc {
	pane_span_fn fn;
	void *ctx;
};

/* One prompt label's history (oldest first) and completer. */
struct pane_history {
	char *label;
	char **v;
	size_t n, cap;
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
	struct pane_opener opener; /* the reading view's, else zeros */
	struct pane_history *hist; /* prompt histories and completers, by label */
	size_t nhist, caphist;
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
	struct style_table style; /* style.c: attributes, span resolvers */
};

/* Call ops->save on every open pane. */
void pane_save_all(struct app *app);
/* Bring the screen up to date (draw what is dirty, then doupdate). */
void pane_update(struct app *app);
/* Rebuild the windows after a size change. */
void pane_relayout(struct app *app);
/* Draw the prompt line with text and put the cursor at cursor_cols. */
void pane_draw_prompt_line(struct app *app, const char *label, const char *text,
			   size_t len, size_t cursor);
/* Pane of class ops or NULL (help, keys). */
struct keys_ctx *pane_ctx_of(struct app *app, const struct pane_ops *ops);
/* Handle one key in the focused pane, then the global maps. */
void pane_dispatch(struct app *app, int key);
/* Index of the sidebar pane (the list), or m->n. */
size_t pane_sidebar_index(struct pane_mgr *m);
/* pane_scroll.c: before drawing, let the terminal scroll the text of the
 * pane that said pane_scrolled (when it has the whole screen above the
 * bottom row); forget a pending scroll; rest the hidden cursor where the
 * next scroll expects it. */
void pane_scroll_apply(struct app *app);
void pane_scroll_forget(struct app *app);
void pane_scroll_park(struct app *app);

/* pane_history.c: the history of prompt label (made on first use; NULL
 * without memory), adding a line to it (the oldest go past 100), freeing
 * them all. */
struct pane_history *pane_history_get(struct pane_mgr *m, const char *label);
void pane_history_add(struct pane_history *h, const char *line);
void pane_history_free(struct pane_mgr *m);

#endif
