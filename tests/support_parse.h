/* support_parse: helpers for the parser's tests (test_parse, test_hardwrap,
 * test_article): escaped printing and block-list comparison. */
#ifndef DUWEN_SUPPORT_PARSE_H
#define DUWEN_SUPPORT_PARSE_H

#include <stddef.h>

#include "../src/parse.h"

/* s with non-ASCII and control characters as \uXXXX; malloc'd. */
char *support_escape(const char *s, size_t len);

/* Compare blocks with want[0, nwant), each "kind|text" (text exactly the
 * block's bytes). Prints every difference; returns how many there were. */
int support_check_blocks(const char *text, const struct block *b, size_t nb,
			 const char *const *want, size_t nwant);

/* parse_article on a NUL-terminated string, then support_check_blocks. The
 * result is freed. Returns the number of differences. */
int support_parse_blocks(const char *text, const char *const *want, size_t nwant);

#endif
