#include "progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
progress_start(struct progress *p, const char *what)
{
	const char *d = getenv("DUWEN_PROGRESS_DELAY_MS");
	*p = (struct progress){ .what = what, .start = now(), .tty = isatty(STDERR_FILENO),
				.delay_ms = d && *d ? strtol(d, NULL, 10) : 1000 };
}

void
progress_update(void *ctx, size_t done, size_t total)
{
	struct progress *p = ctx;
	if (!p->tty || total == 0)
		return;
	double t = now();
	if ((t - p->start) * 1000 < (double)p->delay_ms || (t - p->last < 0.1 && done < total))
		return;
	p->last = t;
	enum { BAR = 30 };
	char bar[BAR + 1];
	size_t fill = done * BAR / total;
	for (size_t i = 0; i < BAR; i++)
		bar[i] = i < fill ? '#' : '-';
	bar[BAR] = '\0';
	fprintf(stderr, "\rduwen: %s [%s] %zu/%zu files ", p->what, bar, done, total);
	fflush(stderr);
	p->shown = 1;
}

void
progress_end(struct progress *p)
{
	if (p->shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	p->shown = 0;
}
