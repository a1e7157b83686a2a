/* garble: find mojibake in cleaned, NFC UTF-8 text: GBK bytes that were
 * decoded one byte out of step, with '?' where a byte was lost
 * ("因?yàn)楹贾莅鼣埩饲叭…"). Each suspect stretch is re-read from its GBK
 * bytes by a cheapest-path search over byte alignments, scored with
 * character frequencies (hanfreq_table); a clearly more plausible re-reading
 * replaces the stretch (SPAN_REPAIRED), otherwise the original stays
 * (SPAN_GARBLED). Never invents text: inside a span, each run of lost bytes
 * ('?', U+FFFD) and of the annotation and tag debris the mis-reading left
 * ("?shù)", "?/p>") becomes one U+FFFD (garble_tidy). The caller owns out
 * and spans. */
#ifndef DUWEN_GARBLE_H
#define DUWEN_GARBLE_H

#include <stddef.h>
#include <stdint.h>

#include "clean_buf.h"
#include "span.h"

/* Cost in bits of seeing code point cp in Chinese text, given how often it
 * occurs in this document (doc_count); higher is less plausible. */
int garble_cost(int32_t cp, uint32_t doc_count);

/* Copy in[0, len) to out with repairs applied; append the spans found, in
 * order, over out. Adds to *garbled / *repaired. 0 or ERR_NOMEM. */
int garble_scan(const char *in, size_t len, struct clean_buf *out, struct span_list *spans,
		size_t *garbled, size_t *repaired);

#endif
