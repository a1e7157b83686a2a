/* pinyin_table: the toneless Hanyu Pinyin syllables ("a" .. "zuo", ü as
 * U+00FC), sorted by code point; generated into pinyin_table.c by
 * src/unihan_gen.py from Unihan. Read-only, nothing to free. */
#ifndef DUWEN_PINYIN_TABLE_H
#define DUWEN_PINYIN_TABLE_H

#include <stddef.h>

extern const char *const pinyin_table_syllables[];
extern const size_t pinyin_table_count;

#endif
