/* collate_table: the Hanyu Pinyin reading by which each Han character of
 * U+3400..U+9FFF sorts, and the simplified form of each traditional one;
 * generated into collate_table.c by src/unihan_gen.py from Unihan (see
 * there for the fields used). Read-only, nothing to free. */
#ifndef DUWEN_COLLATE_TABLE_H
#define DUWEN_COLLATE_TABLE_H

#include <stddef.h>
#include <stdint.h>

#define COLLATE_TABLE_FIRST 0x3400
#define COLLATE_TABLE_LEN (0x9FFF - 0x3400 + 1)
/* The 90 base-90 digits of collate_table_readings, in order: the printable
 * ASCII characters from '#' on without '?' and '\'. */
#define COLLATE_TABLE_DIGITS 90

/* The toneless syllables ("a" .. "zuo", ü as U+00FC), sorted by code point. */
extern const char *const collate_table_syllables[];
extern const size_t collate_table_nsyllables;
/* Two digits per code point from COLLATE_TABLE_FIRST: 0 = no reading, else
 * 1 + syllable index * 5 + tone - 1 (tones 1..4, 5 neutral). */
extern const char collate_table_readings[2 * COLLATE_TABLE_LEN + 1];
/* (traditional, simplified) pairs within the range, sorted by the first. */
extern const uint16_t collate_table_simplified[][2];
extern const size_t collate_table_nsimplified;

#endif
