/* arrange: where the screen manager puts things, as pure arithmetic (no
 * terminal): one or two pane rectangles (sidebar | main when wide enough,
 * else the focused pane alone) from the top row down, the separator, and
 * the bottom row, which the status line (with the tabs) and the prompt and
 * messages share. No other fixed row: a pane that reaches the bottom row
 * lets the terminal scroll it without a scroll region (see pane_scroll.c). */
#ifndef DUWEN_ARRANGE_H
#define DUWEN_ARRANGE_H

#include <stddef.h>

#define ARRANGE_MIN_ROWS 12
#define ARRANGE_MIN_COLS 40

struct arrange_rect {
	int y, x, rows, cols;
};

struct arrange_in {
	int rows, cols;     /* terminal size */
	size_t npanes;
	size_t focus;       /* index of the focused pane (< npanes) */
	size_t sidebar;     /* index of the sidebar pane, or npanes if none */
	size_t main;        /* last focused non-sidebar pane, or npanes */
	int split_min_cols; /* side by side from this width (0: never) */
};

struct arrange_out {
	int too_small;              /* below ARRANGE_MIN_ROWS x ARRANGE_MIN_COLS */
	int status_y, prompt_y;     /* status and prompt line: the same, last row */
	size_t nshown;              /* 1 or 2 (0 if too small or no pane) */
	size_t shown[2];            /* pane indices, left to right */
	struct arrange_rect rect[2];
	int sep_x;                  /* separator column, -1 if none */
};

void arrange_compute(const struct arrange_in *in, struct arrange_out *out);

/* Width of the sidebar beside a main pane in a screen of cols columns. */
int arrange_sidebar_cols(int cols);

#endif
