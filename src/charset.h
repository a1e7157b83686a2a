/* charset: the byte-level half of source: UTF-8 validation, conversion of
 * any iconv encoding to UTF-8 with U+FFFD for undecodable bytes, UTF-16
 * sniffing and the choice of an encoding for bytes that are not UTF-8
 * (uchardet's guess, checked against GB18030 and Big5). Knows nothing of
 * files. Results are malloc'd; the caller frees charset_out.s. */
#ifndef DUWEN_CHARSET_H
#define DUWEN_CHARSET_H

#include <stddef.h>

struct charset_out {
	char *s;         /* NUL-terminated UTF-8 */
	size_t len;      /* bytes, without the NUL */
	size_t replaced; /* undecodable sequences turned into U+FFFD */
};

/* Scan b[0, n) as UTF-8 (Unicode's Table 3-7: no overlongs, surrogates or
 * code points past U+10FFFF). *multibyte gets the well-formed sequences of
 * two or more bytes, *bad the ill-formed ones (each maximal subpart counts
 * once). Well-formed iff *bad == 0. */
void charset_utf8_scan(const unsigned char *b, size_t n, size_t *multibyte,
		       size_t *bad);

/* Convert b[0, n) from the iconv encoding name to UTF-8. Each undecodable
 * sequence becomes one U+FFFD (for UTF-8 input: each maximal ill-formed
 * subpart, as Unicode recommends) and is counted; a sequence cut off by the
 * end of the input counts once. 0, ERR_ENCODING (iconv does not know name)
 * or ERR_NOMEM; out is written only on success. */
int charset_convert(const char *name, const unsigned char *b, size_t n,
		    struct charset_out *out);

/* 1 if iconv can convert from name to UTF-8, else 0. */
int charset_known(const char *name);

/* "UTF-16LE" or "UTF-16BE" if b[0, n) (no BOM, holding NUL bytes) reads as
 * UTF-16 text: nine code units in ten are ordinary text, its NUL bytes sit
 * in the high bytes (a tenth as many in low bytes, not counting common
 * characters such as U+3000 and 一 whose low byte is NUL), and fewer than
 * half the units are two printable ASCII bytes (which would make it ASCII
 * with stray NULs); else NULL. Static strings. */
const char *charset_sniff_utf16(const unsigned char *b, size_t n);

/* As charset_sniff_utf16, also for UTF-16 text with one byte too many or
 * too few somewhere (lost or added in transit), which puts every unit after
 * it out of step. Of the readings in either byte order, in step throughout
 * or in step up to byte *skip, which is skipped, and out of step from there
 * on (a lost byte: the orphaned half of its unit is skipped), the one most
 * like Chinese text is taken (by Han character frequency), and must pass
 * charset_sniff_utf16's test. *skip is SIZE_MAX for none. */
const char *charset_sniff_utf16_stray(const unsigned char *b, size_t n, size_t *skip);

/* Choose the encoding of b[0, n), which is not well-formed UTF-8: "UTF-8"
 * when the ill-formed sequences are few beside well-formed ones; else
 * uchardet's guess (on a 64 KiB sample), where that names a multibyte
 * encoding that is not Chinese; where it names a Chinese encoding or none,
 * GB18030, Big5, Big5-HKSCS and UTF-8 are decoded and the most plausible
 * wins; where it names a single-byte code page, GB18030 or Big5 wins only if
 * it decodes without error into Chinese. Writes an iconv name to
 * name[0, cap). 0 or ERR_NOMEM. */
int charset_guess(const unsigned char *b, size_t n, char *name, size_t cap);

#endif
