/* progress: a progress bar on stderr for the plain-text modes, shown only
 * when stderr is a terminal and the work has taken over a second
 * ($DUWEN_PROGRESS_DELAY_MS overrides the second, for tests), fitted to
 * the terminal's width, with the seconds spent; erased when the work ends
 * so that it never mixes with the output. A thread of its own redraws it
 * every half second, so that a single long file (a 64 MiB article reads
 * for 20 s between two updates) still shows it is at work. No allocation. */
#ifndef DUWEN_UI_PROGRESS_H
#define DUWEN_UI_PROGRESS_H

#include <pthread.h>
#include <stddef.h>

struct progress {
	const char *what;   /* "reading", "searching" */
	const char *unit;   /* what is counted: "files", "articles" */
	double start, last; /* seconds */
	long delay_ms;
	int tty, shown;
	size_t done, total; /* the last update (total 0: none yet) */
	pthread_mutex_t mu; /* the fields above, and stderr's bar */
	pthread_cond_t cv;
	pthread_t ticker;
	int ticking, stop;
};

/* Start: p is the caller's until progress_end, which must follow; what
 * it does and what it counts ("reading", "files"), strings that must
 * outlive it. */
void progress_start(struct progress *p, const char *what, const char *unit);
/* done of total; a catalog_progress_fn (ctx: the progress). Any thread. */
void progress_update(void *ctx, size_t done, size_t total);
/* Erase the bar if it was shown; stop the ticker. */
void progress_end(struct progress *p);
/* A warning is about to go to stderr: erase the bar and keep it off
 * (the ticker waits) until progress_resume, so that the warning has its
 * own line; the next update or tick draws the bar again below it. */
void progress_pause(struct progress *p);
void progress_resume(struct progress *p);

/* The bar's line for a terminal cols wide, into buf (at most cols - 1
 * columns, ASCII): "duwen: reading [####------] 1234/10000 files 12 s"
 * (what "reading", unit "files"), the bar narrower or left out where the
 * row is short. total 0: the count is not known yet ("duwen: reading...
 * 12 s"). */
void progress_line(char *buf, size_t cap, int cols, const char *what, const char *unit,
		   size_t done, size_t total, long secs);

#endif
