/* ui_compare: the comparison pane. One column per city (header: the city,
 * its sentences and mentions, a bar of sentences per article), one row per
 * theme plus "figures"; each cell shows its count and its first passages
 * laid out in the column. Enter on a cell lists all its passages; Enter on
 * a passage opens the reading view at that sentence with the city and
 * theme words highlighted; back returns to the same cell. Narrow screens
 * show one city at a time (←/→), the others' counts in the header. */
#ifndef DUWEN_UI_COMPARE_H
#define DUWEN_UI_COMPARE_H

struct app;

/* Register the pane, the shared highlight sources (match.h) and the
 * global keys C / F4 (comparison) and K (keyword). */
int ui_compare_register(struct app *app);

/* Open (or focus) the comparison pane; the first time, the comparison is
 * run (progress on the bottom row when long). 0, ERR_CANCELLED (Esc or
 * Ctrl-C stopped it: nothing opened, nothing kept) or another err_code. */
int ui_compare_open(struct app *app);

#endif
