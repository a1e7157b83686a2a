/* menu: the cursor and scroll arithmetic of a list of n rows shown in a
 * window of `rows` rows (article list, outline, help). Pure; the cursor is
 * always visible and the window never scrolls past the last row. */
#ifndef DUWEN_MENU_H
#define DUWEN_MENU_H

#include <stddef.h>

struct menu {
	size_t n;    /* rows in the list */
	size_t cur;  /* cursor (0 if n == 0) */
	size_t top;  /* first row shown */
	int rows;    /* rows of the window (>= 1) */
};

/* Set the size of the list and of the window, keeping the cursor. */
void menu_set(struct menu *m, size_t n, int rows);
/* Move the cursor by delta rows (clamped), scrolling as needed. */
void menu_move(struct menu *m, long delta);
/* Put the cursor at i (clamped). */
void menu_goto(struct menu *m, size_t i);
/* Scroll the window by delta rows without moving the cursor off it. */
void menu_scroll(struct menu *m, long delta);

#endif
