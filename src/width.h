/* width: display width of grapheme clusters, the one measure shared by the
 * layout engine and the drawing code. Agrees with the C library's wcwidth,
 * which ncurses uses; clusters the terminal would draw differently are given
 * a safe rendering (width_cluster_shown). Pure; no allocation. */
#ifndef DUWEN_WIDTH_H
#define DUWEN_WIDTH_H

#include <stddef.h>

struct width_opts {
	int ambiguous_wide; /* East Asian Ambiguous as 2 columns (CJK terminals) */
};

/* Byte offset just past the grapheme cluster that starts at s[pos] (pos < len). */
size_t width_next_cluster(const char *s, size_t len, size_t pos);

/* Columns the cluster s[0, len) takes on screen (0, 1 or 2). */
int width_cluster(const struct width_opts *o, const char *s, size_t len);

/* What to draw for the cluster s[0, len): writes a NUL-terminated UTF-8
 * string of at most cap bytes to buf and returns its columns, which always
 * equal width_cluster. Usually the cluster itself; a substitute where the
 * terminal and wcwidth would disagree (e.g. a ZWJ emoji sequence). */
int width_cluster_shown(const struct width_opts *o, const char *s, size_t len,
			char *buf, size_t cap);

/* Columns of the whole string s[0, len) (sum over its clusters). */
int width_str(const struct width_opts *o, const char *s, size_t len);

#endif
