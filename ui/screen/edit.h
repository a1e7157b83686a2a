/* ui_edit: the buffer of the one line editor of the bottom row (every
 * prompt, pane_prompt.c): UTF-8 with Chinese input, cursor moves and
 * deletion by grapheme cluster, Home/End, Ctrl-A/E/B/F/D/K/U, control
 * characters dropped and line breaks turned into spaces, horizontal
 * scrolling for long text. Pure and testable (no terminal): keys come in
 * as get_wch gives them. */
#ifndef DUWEN_UI_EDIT_H
#define DUWEN_UI_EDIT_H

#include <stddef.h>

#include <curses.h>

#include "../../src/width.h"

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
/* Delete the word before the cursor and the spaces after it (Ctrl-W). */
void ui_edit_kill_word(struct ui_edit *e);

/* Scroll so that the cursor is visible in width_cols columns (the cursor
 * may sit just past the last character); returns the cursor's column
 * within the shown part. */
int ui_edit_scroll(struct ui_edit *e, const struct width_opts *wo, int width_cols);

enum ui_edit_result { UI_EDIT_MORE, UI_EDIT_DONE, UI_EDIT_CANCEL };

/* One key as get_wch returns it: is_code 1 for a KEY_* code. Returns what
 * the editor should do next. */
int ui_edit_key(struct ui_edit *e, int is_code, unsigned key);

#endif
