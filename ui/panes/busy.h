/* busy: long work in the panes (a corpus search, the comparison), run in
 * steps: ui_busy_tick, the work's tick function (search_tick_fn,
 * compare_tick_fn), shows the progress on the bottom row once the work has
 * taken a while and says stop when Esc or Ctrl-C was typed, so the caller
 * drops what it has done and leaves the screen as it was. The screen's
 * functions are reached through the struct, so tests can put their own.
 * Owns nothing. */
#ifndef DUWEN_UI_BUSY_H
#define DUWEN_UI_BUSY_H

#include <stddef.h>
#include <time.h>

struct app;

/* Progress is shown after this long (DUWEN_PROGRESS_DELAY_MS overrides),
 * then at most every UI_BUSY_EVERY_MS. */
#define UI_BUSY_DELAY_MS 300
#define UI_BUSY_EVERY_MS 100

struct ui_busy {
	struct app *app;
	const char *label;          /* "searching 资本" (kept, not copied) */
	long delay_ms;
	long slow_ms;               /* tests (DUWEN_TEST_SLOW_MS): each step waits this long */
	struct timespec start, last;
	int shown;                  /* progress drawn at least once */
	int cancelled;
	int (*pending)(struct app *app); /* pane_cancel_pending */
	void (*show)(struct app *app, const char *label, size_t done, size_t total); /* pane_progress */
};

/* Start timing work called label, with the screen's functions. */
void ui_busy_start(struct ui_busy *b, struct app *app, const char *label);

/* The tick (ctx: a struct ui_busy): 1 to stop (Esc or Ctrl-C typed; then
 * b->cancelled is set), else 0 after showing the progress if it is time. */
int ui_busy_tick(void *ctx, size_t done, size_t total);

#endif
