/* pinyin: recognise Hanyu Pinyin syllables with tone marks and remove
 * pinyin annotations ("開(kāi)源" -> "開源") from text. Uses the generated
 * syllable table (pinyin_table.c). Owns no state; the caller owns buffers. */
#ifndef DUWEN_PINYIN_H
#define DUWEN_PINYIN_H

#include <stddef.h>

#include "clean_buf.h"
#include "span.h"

/* Is s[0, n) one pinyin syllable in lowercase letters (ü as U+00FC, tones
 * as precomposed marks ā á ǎ à … ǖ ǘ ǚ ǜ)? Returns the tone 1..4 when it is
 * valid and carries exactly one mark on the vowel the spelling rules put it
 * on, 0 when valid and toneless, -1 otherwise. */
int pinyin_syllable(const char *s, size_t n);

/* If s[0, n) starts with an annotation "(syl)" / "(syl syl …)" (ASCII or
 * full-width parentheses), every syllable valid, at least one toned and at
 * most max_syl of them, return its length in bytes; else 0. */
size_t pinyin_annotation(const char *s, size_t n, size_t max_syl);

/* Copy in[0, len) to out without the pinyin annotations that follow a Han
 * character (or the last character of a span in spans, which marks mojibake
 * whose annotated character was lost). The spans' offsets are carried over
 * to out. Adds the number removed to *removed. 0 or ERR_NOMEM. */
int pinyin_strip(const char *in, size_t len, struct span_list *spans, struct clean_buf *out,
		 size_t *removed);

#endif
