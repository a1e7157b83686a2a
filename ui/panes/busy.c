/* Long work in the panes; see busy.h. */
#include "busy.h"

#include <stdlib.h>

#include "../screen/pane.h"

static long
ms_since(const struct timespec *a, const struct timespec *b)
{
	return (long)(b->tv_sec - a->tv_sec) * 1000 + (b->tv_nsec - a->tv_nsec) / 1000000;
}

static long
env_ms(const char *name, long dflt)
{
	const char *e = getenv(name);
	if (e == NULL || *e == '\0')
		return dflt;
	char *end;
	long v = strtol(e, &end, 10);
	return *end == '\0' && v >= 0 ? v : dflt;
}

void
ui_busy_start(struct ui_busy *b, struct app *app, const char *label)
{
	*b = (struct ui_busy){ .app = app, .label = label,
			       .delay_ms = env_ms("DUWEN_PROGRESS_DELAY_MS", UI_BUSY_DELAY_MS),
			       .slow_ms = env_ms("DUWEN_TEST_SLOW_MS", 0),
			       .pending = pane_cancel_pending, .show = pane_progress };
	clock_gettime(CLOCK_MONOTONIC, &b->start);
}

int
ui_busy_tick(void *ctx, size_t done, size_t total)
{
	struct ui_busy *b = ctx;
	if (b->slow_ms > 0) {
		struct timespec d = { b->slow_ms / 1000, (b->slow_ms % 1000) * 1000000 };
		nanosleep(&d, NULL);
	}
	if (b->pending && b->pending(b->app)) {
		b->cancelled = 1;
		return 1;
	}
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (ms_since(&b->start, &now) < b->delay_ms ||
	    (b->shown && ms_since(&b->last, &now) < UI_BUSY_EVERY_MS))
		return 0;
	if (b->show)
		b->show(b->app, b->label, done, total);
	b->shown = 1;
	b->last = now;
	return 0;
}
