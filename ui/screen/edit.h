/* ui_edit: a one-line editor for notes that handles Chinese input: wide
 * characters read with get_wch (so the terminal's input method works),
 * cursor moves and deletion by grapheme cluster, Home/End, paste (a pasted
 * newline becomes a space), Esc cancels, long text scrolls horizontally.
 * The buffer model (ui_edit_*) is pure and testable; ui_edit_run drives it
 * on a curses window. The caller frees what ui_edit_run returns. */
#ifndef DUWEN_UI_EDIT_H
#define DUWEN_UI_EDIT_H

#include <stddef.h>

#include <curses.h>

#include "../../src/width.h"

struct app;

/* Called by ui/registry.c; the editor has no keys of its own to register
 * (the annotate actions that use it are registered by ui_notes). */
void ui_edit_register(struct app *app);

struct ui_edit {
	char *buf;       /* UTF-8, NUL-terminated */
	size_t len, cap; /* bytes */
	size_t cur;      /* cursor: byte offset on a cluster boundary */
	int scroll_cols; /* first column shown */
};

/* 0 or ERR_NOMEM. initial may be NULL. The cursor goes to the end. */
int ui_edit_init(struct ui_edit *e, const char *initial);
void ui_edit_free(struct ui_edit *e);

/* Insert UTF-8 s[0, n) at the cursor; control characters are dropped and
 * line breaks become spaces. 0 or ERR_NOMEM. */
int ui_edit_insert(struct ui_edit *e, const char *s, size_t n);
/* Cursor and deletion, one grapheme cluster at a time. */
void ui_edit_left(struct ui_edit *e);
void ui_edit_right(struct ui_edit *e);
void ui_edit_home(struct ui_edit *e);
void ui_edit_end(struct ui_edit *e);
void ui_edit_backspace(struct ui_edit *e);
void ui_edit_delete(struct ui_edit *e);
/* Delete from the cursor to the end (Ctrl-K) / from the start (Ctrl-U). */
void ui_edit_kill_end(struct ui_edit *e);
void ui_edit_kill_start(struct ui_edit *e);

/* Scroll so that the cursor is visible in width_cols columns (the cursor
 * may sit just past the last character); returns the cursor's column
 * within the shown part. */
int ui_edit_scroll(struct ui_edit *e, const struct width_opts *wo, int width_cols);

enum ui_edit_result { UI_EDIT_MORE, UI_EDIT_DONE, UI_EDIT_CANCEL };

/* One key as get_wch returns it: is_code 1 for a KEY_* code. Returns what
 * the editor should do next. */
int ui_edit_key(struct ui_edit *e, int is_code, unsigned key);

/* Edit on row y of w, from column x, width_cols wide, after label. Returns
 * 1 and *out (malloc'd UTF-8) on Enter, 0 on Esc / Ctrl-C / Ctrl-G or an
 * allocation failure. */
int ui_edit_run(WINDOW *w, int y, int x, int width_cols, const struct width_opts *wo,
		const char *label, const char *initial, char **out);

/* As ui_edit_run, on the screen manager's prompt line after label, keeping
 * the screen right across resizes (the prompt window is remade then). */
int ui_edit_prompt(struct app *app, const char *label, const char *initial, char **out);

#endif
