/* The plain-text modes' progress bar on stderr; see progress.h. */
#include "progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

/* The ticker redraws this often when no update came (a long file). */
enum { TICK_MS = 500, BAR_MAX = 30, BAR_MIN = 5 };

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
progress_line(char *buf, size_t cap, int cols, const char *what, const char *unit, size_t done,
	      size_t total, long secs)
{
	char count[96], time[32] = "";
	if (secs >= 2)
		snprintf(time, sizeof time, " %ld s", secs);
	if (cap == 0)
		return;
	if (total == 0) {
		snprintf(buf, cap, "duwen: %s...%s", what, time);
	} else {
		/* "duwen: WHAT [BAR] COUNT", in cols - 1 columns: where the
		 * row is short, the unit ("files") goes first, then the bar */
		int bar = 0;
		for (int brief = 0; brief < 2; brief++) {
			snprintf(count, sizeof count, "%zu/%zu%s%s%s", done, total, brief ? "" : " ",
				 brief ? "" : unit, time);
			int fixed = (int)(strlen("duwen: ") + strlen(what) + strlen(" [] ") + strlen(count));
			bar = cols - 1 - fixed;
			if (bar >= BAR_MIN)
				break;
		}
		bar = bar > BAR_MAX ? BAR_MAX : bar;
		if (bar >= BAR_MIN) {
			char b[BAR_MAX + 1];
			size_t fill = done >= total ? (size_t)bar : done * (size_t)bar / total;
			for (int i = 0; i < bar; i++)
				b[i] = (size_t)i < fill ? '#' : '-';
			b[bar] = 0;
			snprintf(buf, cap, "duwen: %s [%s] %s", what, b, count);
		} else {
			snprintf(buf, cap, "duwen: %s %s", what, count);
		}
	}
	if (cols > 1 && strlen(buf) > (size_t)cols - 1)
		buf[cols - 1] = 0; /* ASCII: a byte is a column */
}

static int
term_cols(void)
{
	struct winsize ws;
	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Draw the bar (p->mu held). */
static void
draw(struct progress *p, double t)
{
	char line[256];
	int cols = term_cols();
	progress_line(line, sizeof line, cols < (int)sizeof line ? cols : (int)sizeof line, p->what,
		      p->unit, p->done, p->total, (long)(t - p->start));
	/* \r, the line, then erase what a longer line before left */
	fprintf(stderr, "\r%s\033[K", line);
	fflush(stderr);
	p->last = t;
	p->shown = 1;
}

static int
due(const struct progress *p, double t)
{
	return (t - p->start) * 1000 >= (double)p->delay_ms;
}

static void *
tick(void *arg)
{
	struct progress *p = arg;
	pthread_mutex_lock(&p->mu);
	while (!p->stop) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += TICK_MS * 1000000L;
		until.tv_sec += until.tv_nsec / 1000000000L;
		until.tv_nsec %= 1000000000L;
		pthread_cond_timedwait(&p->cv, &p->mu, &until);
		double t = now();
		if (!p->stop && due(p, t) && t - p->last >= TICK_MS / 1000.0)
			draw(p, t);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

void
progress_start(struct progress *p, const char *what, const char *unit)
{
	const char *d = getenv("DUWEN_PROGRESS_DELAY_MS");
	*p = (struct progress){ .what = what, .unit = unit, .start = now(), .tty = isatty(STDERR_FILENO),
				.delay_ms = d && *d ? strtol(d, NULL, 10) : 1000 };
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	/* no thread: the bar moves with the updates only */
	if (p->tty)
		p->ticking = pthread_create(&p->ticker, NULL, tick, p) == 0;
}

void
progress_update(void *ctx, size_t done, size_t total)
{
	struct progress *p = ctx;
	if (!p->tty || total == 0)
		return;
	pthread_mutex_lock(&p->mu);
	p->done = done;
	p->total = total;
	double t = now();
	if (due(p, t) && (t - p->last >= 0.1 || done >= total))
		draw(p, t);
	pthread_mutex_unlock(&p->mu);
}

void
progress_pause(struct progress *p)
{
	pthread_mutex_lock(&p->mu);
	if (p->shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		p->shown = 0;
	}
}

void
progress_resume(struct progress *p)
{
	pthread_mutex_unlock(&p->mu);
}

void
progress_end(struct progress *p)
{
	if (p->ticking) {
		pthread_mutex_lock(&p->mu);
		p->stop = 1;
		pthread_cond_signal(&p->cv);
		pthread_mutex_unlock(&p->mu);
		pthread_join(p->ticker, NULL);
		p->ticking = 0;
	}
	if (p->shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	p->shown = 0;
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
}
