/* SIGHUP and SIGTERM end the loop; see pane.h (pane_signal_catch). */
#include <signal.h>

#include "pane.h"

/* The one file-scope mutable variable of ui/ (pane.h says why). */
static volatile sig_atomic_t caught;

static void
on_signal(int sig)
{
	caught = sig;
}

void
pane_signal_catch(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: the read in get_wch returns */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

int
pane_signalled(void)
{
	return caught;
}
