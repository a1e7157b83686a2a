/* gb18030_table: what the C library's iconv decodes each GB18030
 * two-byte pair to (lead 0x81..0xFE, trail 0x40..0xFE), for garble's
 * re-readings, which look at thousands of pairs per article: a table
 * instead of an iconv call per pair. Generated into gb18030_table.c by
 * src/gb18030_gen.py; tests/test_garble.c checks it against iconv. */
#ifndef DUWEN_GB18030_TABLE_H
#define DUWEN_GB18030_TABLE_H

#include <stdint.h>

#define GB18030_TABLE_PAIRS (126 * 191)

/* [(lead - 0x81) * 191 + (trail - 0x40)]: the pair's code point, 0 if
 * it has none (trail 0x7F, or iconv refuses it). */
extern const uint32_t gb18030_table_pairs[GB18030_TABLE_PAIRS];

#endif
