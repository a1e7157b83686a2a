/* clean_buf: the growable byte buffer and offset remapping the cleaning
 * passes (clean, sanitize, garble, pinyin) share. A buffer owns its bytes;
 * clean_buf_free releases them. A remap owns nothing. */
#ifndef DUWEN_CLEAN_BUF_H
#define DUWEN_CLEAN_BUF_H

#include <stddef.h>
#include <stdint.h>

struct clean_buf {
	char *s;
	size_t len, cap;
};

/* Make room for extra more bytes (plus a NUL); 0 or ERR_NOMEM. */
int clean_buf_reserve(struct clean_buf *b, size_t extra);
/* Append n bytes; 0 or ERR_NOMEM. The buffer stays NUL-terminated. */
int clean_buf_put(struct clean_buf *b, const void *p, size_t n);
/* Append code point cp as UTF-8 (cp must be a scalar value); 0 or ERR_NOMEM. */
int clean_buf_put_cp(struct clean_buf *b, int32_t cp);
void clean_buf_free(struct clean_buf *b);

/* Carries sorted byte offsets (span boundaries) through a pass that copies
 * and deletes stretches of its input in order. Offsets are rewritten in place;
 * the remap owns nothing. */
struct clean_remap {
	size_t *pos;
	size_t n, next;
};

/* in[in_off, in_off + n) was copied to out_off: pending offsets in that
 * range move with it. */
void clean_remap_copy(struct clean_remap *m, size_t in_off, size_t n, size_t out_off);
/* Everything before in_end was consumed and the output is at out_off:
 * pending offsets < in_end (deleted text) land on out_off. At the end of a
 * pass call it with in_end = input length + 1. */
void clean_remap_drop(struct clean_remap *m, size_t in_end, size_t out_off);

#endif
