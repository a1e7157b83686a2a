/* garble_tidy: the debris that sits inside mojibake spans. Where a GBK
 * stream was read one byte out of step, the reader lost bytes ('?'), and
 * the ASCII that re-synchronised it lost its first character: pinyin
 * annotations lose "(" ("?shù)"), HTML tags lose "<" ("?/p>"). Owns no state;
 * the caller owns the buffers. */
#ifndef DUWEN_GARBLE_TIDY_H
#define DUWEN_GARBLE_TIDY_H

#include <stddef.h>

#include "clean_buf.h"

/* Length in bytes of an annotation tail at s[0, n): toned pinyin
 * syllable(s), one space apart, then ")" or "）", at most 4 syllables and
 * at least one toned; 0 if s does not start with one. */
size_t garble_tidy_pinyin_tail(const char *s, size_t n);

/* Length in bytes of an HTML tag remnant at s[0, n): "</name>", "/name>" or
 * "</name" with name 1..10 ASCII letters (and a digit for h1..h6); 0 if
 * none. */
size_t garble_tidy_tag(const char *s, size_t n);

/* Append the text of a mojibake span s[0, n) to out as the reader should
 * see it: every lost byte ('?', U+FFFD) and every "?" + annotation tail
 * becomes a lost mark, tag remnants go, and each run of lost marks is one
 * U+FFFD. Never adds other text. 0 or ERR_NOMEM. */
int garble_tidy_span(const char *s, size_t n, struct clean_buf *out);

#endif
