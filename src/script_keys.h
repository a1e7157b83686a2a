/* script_keys: the code points that begin a key of the dictionaries of
 * OpenCC's t2s conversion (TSPhrases, TSCharacters), and the files t2s
 * loads with their sizes and FNV-1a hashes. OpenCC changes text only
 * where a dictionary key matches, and a key matches only where its first
 * code point is, and ends within the longest key that code point begins:
 * text out of every such reach is its own conversion. script.c sends
 * OpenCC only the stretches within reach, and only when the files it
 * would load are these very ones (else every run goes to OpenCC, as it
 * always did). Generated into script_keys.c by tools/opencc_keys_gen.cc
 * (through OpenCC's own C++ API). */
#ifndef DUWEN_SCRIPT_KEYS_H
#define DUWEN_SCRIPT_KEYS_H

#include <stdint.h>

#define SCRIPT_KEYS_FILES 3
#define SCRIPT_KEYS_FIRST 4177

struct script_keys_file {
	const char *path;
	long size;
	uint64_t fnv1a;
};

extern const struct script_keys_file script_keys_files[SCRIPT_KEYS_FILES];

/* Sorted. */
extern const uint32_t script_keys_first[SCRIPT_KEYS_FIRST];
/* [i]: the longest key script_keys_first[i] begins, in code points. */
extern const unsigned char script_keys_len[SCRIPT_KEYS_FIRST];

#endif
