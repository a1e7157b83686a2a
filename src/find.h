/* find: memmem for searching text. Owns nothing. */
#ifndef DUWEN_FIND_H
#define DUWEN_FIND_H

#include <stddef.h>

/* The first needle[0, m) in hay[0, n), or NULL; m == 0 finds hay.
 * memmem's answer, found faster in Chinese text: memchr skips to each
 * place of the needle's last byte (in UTF-8 the last byte of a CJK
 * character, about 1 byte in 100), and only there the rest is compared;
 * where that byte turns out common (a candidate every 16 bytes or less),
 * the rest of hay is left to memmem, so the time stays linear. */
const char *find_bytes(const char *hay, size_t n, const char *needle, size_t m);

#endif
