/* sentence: split one block of cleaned text into sentences, the unit of
 * evidence for the city comparison and the passage cursor. Splits after
 * 。！？… and their ASCII forms (`.` only where it is not inside a number, a
 * name or an abbreviation), keeping closing quotes and brackets that follow
 * (`。”`) with the sentence; semicolons and commas never split. Pure: the
 * iterator holds offsets into the caller's text and allocates nothing. */
#ifndef DUWEN_SENTENCE_H
#define DUWEN_SENTENCE_H

#include <stddef.h>

struct sentence_iter {
	const char *text;
	size_t pos, end; /* bytes still to split */
	int dquote;      /* ASCII '"' seen so far, mod 2: odd means inside */
};

/* Start splitting text[start, end). */
void sentence_iter_init(struct sentence_iter *it, const char *text, size_t start, size_t end);

/* Next sentence as [*ss, *se): never empty, without leading or trailing
 * white space (spaces, U+3000, '\n'). 1 if one was found, 0 at the end. */
int sentence_iter_next(struct sentence_iter *it, size_t *ss, size_t *se);

#endif
