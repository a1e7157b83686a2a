/* width_table: generated code point tables behind width.c (see
 * tools/gen_width_table.py). Static data; nothing to free. */
#ifndef DUWEN_WIDTH_TABLE_H
#define DUWEN_WIDTH_TABLE_H

#include <stddef.h>
#include <stdint.h>

struct width_range {
	int32_t lo, hi; /* code points, inclusive */
	int w;          /* columns (-1: not printable) */
};

/* Where the C library's wcwidth differs from utf8proc_charwidth, for code
 * points utf8proc knows (unassigned ones are -1 in width.c); sorted. */
extern const struct width_range width_table_fix[];
extern const size_t width_table_nfix;

/* East Asian Width 'A' (ambiguous), sorted; w is 2. */
extern const struct width_range width_table_ambiguous[];
extern const size_t width_table_nambiguous;

#endif
