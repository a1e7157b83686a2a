/* clean: repair decoded UTF-8 text. Line endings, NFC, tabs, controls and
 * escape sequences, bidi overrides, pinyin annotations, garbled (mojibake)
 * spans, U+3000 indentation, blank-line runs. Produces a new text; the
 * caller frees it with clean_result_free. */
#ifndef DUWEN_CLEAN_H
#define DUWEN_CLEAN_H

#include <stddef.h>

#include "span.h"

struct clean_stats {
	size_t controls;   /* control characters / escape sequences removed */
	size_t bidi;       /* bidi controls removed */
	size_t pinyin;     /* pinyin annotations removed */
	size_t garbled;    /* garbled spans found (kept as is) */
	size_t repaired;   /* garbled spans repaired */
	size_t replacement;/* U+FFFD in the result */
	size_t ascii_punct;/* ASCII , : ; ? ! ( ) between Chinese characters */
};

struct clean_result {
	char *text;             /* NUL-terminated cleaned UTF-8 */
	size_t len;             /* bytes */
	struct span_list spans; /* SPAN_GARBLED / SPAN_REPAIRED over text */
	struct clean_stats stats;
};

/* Clean valid UTF-8 in[0, len). 0 or ERR_NOMEM; out written only on success. */
int clean_text(const char *in, size_t len, struct clean_result *out);

void clean_result_free(struct clean_result *r);

#endif
