/* The process's wcwidth: width_codepoint with the app's options; see
 * termwidth.h. */
#include "termwidth.h"

#include <stdint.h>
#include <wchar.h>

/* Set once at start (termwidth.h says why it is not in the app). */
static struct width_opts term_opts;

void
termwidth_set(const struct width_opts *o)
{
	term_opts = *o;
}

/* Replaces the C library's for the whole process (ncurses included). */
int
wcwidth(wchar_t c)
{
	return c == 0 ? 0 : width_codepoint(&term_opts, (int32_t)c);
}
