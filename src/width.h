/* width: display width of grapheme clusters, the one measure shared by the
 * layout engine and the drawing code. Agrees with the C library's wcwidth,
 * which ncurses uses; clusters the terminal would draw differently are given
 * a safe rendering (width_cluster_shown). Pure; no allocation. */
#ifndef DUWEN_WIDTH_H
#define DUWEN_WIDTH_H

#include <stddef.h>
#include <stdint.h>

struct width_opts {
	/* East Asian Ambiguous as 2 columns (“ ” — … ·), for a terminal set to
	 * CJK width. glibc's wcwidth says 1 in every locale; the panes give
	 * ncurses a wcwidth of their own that agrees (ui/screen/termwidth.h). */
	int ambiguous_wide;
};

/* Buffer size width_cluster_shown needs (layout_glyph.shown is this big). */
#define WIDTH_SHOWN_MAX 32

/* Columns of one code point as the C library's wcwidth measures it in a
 * UTF-8 locale (glibc, generated table), -1 where it is not printable;
 * private use is -1 too (fonts disagree). */
int width_codepoint(const struct width_opts *o, int32_t cp);

/* Byte offset just past the grapheme cluster that starts at s[pos] (pos < len). */
size_t width_next_cluster(const char *s, size_t len, size_t pos);

/* Most columns a cluster takes: a cluster is one glyph, at most two cells. */
#define WIDTH_CLUSTER_MAX 2

/* Columns the cluster s[0, len) takes on screen: 0, 1 or 2 (never more; see
 * width_cluster_shown for clusters of several spacing code points). */
int width_cluster(const struct width_opts *o, const char *s, size_t len);

/* What to draw for the cluster s[0, len): writes a NUL-terminated UTF-8
 * string of at most cap bytes to buf and returns its columns, which always
 * equal width_cluster and the sum of wcwidth over what was written. Usually
 * the cluster itself; a substitute where the terminal and wcwidth would
 * disagree: a ZWJ sequence shows its first emoji, presentation selectors
 * (U+FE0E/F), skin tones and tags are dropped, what wcwidth cannot measure
 * (controls, unassigned, private use, bad UTF-8) shows U+FFFD, a mark with no
 * base gets U+25CC, zero-width format characters show "" (0 columns), and a
 * cluster of several spacing code points (Indic spacing marks after a vowel
 * sign, runs of Hangul leading jamo, halfwidth sound marks) ends before the
 * first one that would take it past WIDTH_CLUSTER_MAX columns, so that no
 * cluster is wider than a line of two columns.
 * cap must be at least WIDTH_SHOWN_MAX (else buf gets ""). */
int width_cluster_shown(const struct width_opts *o, const char *s, size_t len,
			char *buf, size_t cap);

/* Columns of the whole string s[0, len) (sum over its clusters). */
int width_str(const struct width_opts *o, const char *s, size_t len);

#endif
