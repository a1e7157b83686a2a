/* sanitize: the first cleaning pass. Makes text safe to show: invalid UTF-8
 * becomes U+FFFD, CRLF / CR / U+2028 / U+2029 become LF, tabs become one
 * space, C0 / C1 / DEL, whole escape sequences (ESC, CSI, OSC, DCS, SOS, PM,
 * APC, 8-bit CSI), U+FEFF and bidi controls are removed, HTML tag remnants
 * are dropped and common entities decoded. Does not normalise (see clean). */
#ifndef DUWEN_SANITIZE_H
#define DUWEN_SANITIZE_H

#include <stddef.h>
#include <stdint.h>

#include "clean_buf.h"

struct sanitize_stats {
	size_t controls; /* control characters and escape sequences removed */
	size_t bidi;     /* bidi controls removed */
	size_t invalid;  /* invalid UTF-8 sequences replaced by U+FFFD */
};

/* Append the sanitised form of in[0, len) to out and add to *st.
 * 0 or ERR_NOMEM (out may then hold a partial result). */
int sanitize_text(const char *in, size_t len, struct clean_buf *out, struct sanitize_stats *st);

/* sanitize_text without the HTML pass (tags and entities stay as typed):
 * for short fields from outside, such as an imported note or quote. */
int sanitize_plain(const char *in, size_t len, struct clean_buf *out, struct sanitize_stats *st);

/* What sanitize_escape_end learnt of in, for its next call on the same
 * in: zero it before the first. */
struct sanitize_memo {
	size_t lo, hi;  /* a string from lo to hi ends at hi (found), or */
	int found;      /* its line ends there with no terminator */
	size_t scanned; /* bytes looked at for terminators, all calls */
};

/* Offset just past the escape sequence or control that starts at in[i]
 * (ESC, or a C1 control as UTF-8: 0xC2 0x80-0x9F), as sanitize_text drops
 * it: CSI with its parameters; OSC, DCS, SOS, PM, APC with their string to
 * BEL or ST, or to the line's end after ESC; an 8-bit string introducer
 * with no terminator on its line alone. For every reader that drops them;
 * memo (zeroed before the first call on in) makes a run of them linear. */
size_t sanitize_escape_end(const char *in, size_t len, size_t i, struct sanitize_memo *memo);

/* 1 if code point cp is one this module removes rather than shows: C0
 * (tab and line feed included), DEL, C1, U+FEFF, bidi controls, U+2028,
 * U+2029, and anything that is not a Unicode scalar value. termsafe.h
 * writes by the same rule. */
int sanitize_is_control(int32_t cp);

#endif
