/* termsafe: the one way text from outside duwen (articles, file names,
 * notes, the database, the command line) is written to a terminal or a
 * pipe. What it writes never holds a control character: no C0 but the
 * line feed where a mode keeps it, no DEL, no C1 (as UTF-8 or as raw 8-bit
 * bytes), no bidi control (sanitize_is_control decides), and no invalid
 * UTF-8. Writes to FILEs the caller owns; termsafe_dup's and
 * termsafe_name's strings are the caller's to free. */
#ifndef DUWEN_TERMSAFE_H
#define DUWEN_TERMSAFE_H

#include <stddef.h>
#include <stdio.h>

enum termsafe_mode {
	TERMSAFE_TEXT, /* lines of text: LF kept, tab a space, other controls
			* dropped, invalid UTF-8 U+FFFD */
	TERMSAFE_LINE, /* one line: as TEXT, but LF and CR a space too */
	TERMSAFE_NAME, /* a file name or other identifier, shown so that every
			* byte can be told: controls as \x1B or \u202E, LF and
			* tab as \n and \t, a byte that is not UTF-8 as \xFF,
			* and a backslash as \\ */
};

/* Write s[0, n) to f in mode m. 0, or ERR_IO if f reports an error. */
int termsafe_write(FILE *f, const char *s, size_t n, enum termsafe_mode m);

/* termsafe_write of the NUL-terminated s (NULL writes nothing). */
int termsafe_puts(FILE *f, const char *s, enum termsafe_mode m);

/* Format, then termsafe_write the result in mode m. */
int termsafe_printf(FILE *f, enum termsafe_mode m, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A message line: "duwen: " + path as TERMSAFE_NAME + ": " (without path
 * when NULL) + the formatted message as TERMSAFE_LINE + "\n". */
void termsafe_warn(FILE *f, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* s[0, n) as termsafe_write would write it in mode m, malloc'd and
 * NUL-terminated; NULL if out of memory. */
char *termsafe_dup(const char *s, size_t n, enum termsafe_mode m);

/* termsafe_dup(s, strlen(s), TERMSAFE_NAME): a name to put in a message. */
char *termsafe_name(const char *s);

#endif
