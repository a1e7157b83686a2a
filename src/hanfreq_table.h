/* hanfreq_table: a cost in bits (-log2 of the relative frequency in modern
 * Chinese) for each code point U+4E00..U+9FFF, one letter '@' + cost;
 * '@' = no data. Generated into hanfreq_table.c by src/unihan_gen.py. */
#ifndef DUWEN_HANFREQ_TABLE_H
#define DUWEN_HANFREQ_TABLE_H

#define HANFREQ_TABLE_FIRST 0x4E00
#define HANFREQ_TABLE_LEN (0x9FFF - 0x4E00 + 1)

extern const char hanfreq_table_costs[HANFREQ_TABLE_LEN + 1];

#endif
