/* nfc: Unicode NFC of UTF-8 text, as utf8proc_map(UTF8PROC_STABLE |
 * UTF8PROC_COMPOSE) gives it, without sending through utf8proc the code
 * points it would leave as they are. Most of an article (ASCII, Han,
 * kana, CJK and full-width punctuation, pinyin's tone letters) is made
 * of code points that NFC keeps and that nothing before them composes
 * with: the text is cut before each of them, and only the pieces holding
 * something else go to utf8proc. The result is the caller's (free). */
#ifndef DUWEN_NFC_H
#define DUWEN_NFC_H

#include <stddef.h>
#include <sys/types.h>

/* NFC of s[0, len) into *out (malloc'd, NUL-terminated); returns its
 * bytes, or a negative utf8proc error code (as utf8proc_map: invalid
 * UTF-8 anywhere gives UTF8PROC_ERROR_INVALIDUTF8, *out untouched). */
ssize_t nfc_map(const char *s, size_t len, unsigned char **out);

/* 1 if cp is one where nfc_map cuts the text: NFC keeps it, it begins
 * with a starter (its decomposition's first code point has combining
 * class 0) that composes with nothing before it. */
int nfc_inert(int cp);

#endif
