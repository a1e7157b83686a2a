/* progress: a progress bar on stderr for the plain-text modes, shown only
 * when stderr is a terminal and the work has taken over a second
 * ($DUWEN_PROGRESS_DELAY_MS overrides the second, for tests); erased when
 * the work ends so that it never mixes with the output. No allocation. */
#ifndef DUWEN_UI_PROGRESS_H
#define DUWEN_UI_PROGRESS_H

#include <stddef.h>

struct progress {
	const char *what;   /* "reading", "searching" */
	double start, last; /* seconds */
	long delay_ms;
	int tty, shown;
};

void progress_start(struct progress *p, const char *what);
/* done of total; a catalog_progress_fn (ctx: the progress). */
void progress_update(void *ctx, size_t done, size_t total);
/* Erase the bar if it was shown. */
void progress_end(struct progress *p);

#endif
