/* match: the one matcher for cities, themes, keywords and search. Text and
 * patterns are folded the same way (OpenCC t2s, then NFKC + case folding
 * per code point with utf8proc, joined line breaks between CJK characters
 * dropped), so 開源 = 开源, ＡＩ = ai = AI, ，= ,. Hits come back as spans
 * over the ORIGINAL text through the fold's offset maps. A match_text owns
 * its buffers (match_text_free); a match_set owns its patterns. */
#ifndef DUWEN_MATCH_H
#define DUWEN_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "script.h"
#include "span.h"

/* One piece of the map from folded bytes to original ones (match.c). */
struct match_seg {
	uint32_t f, o, oe;
};

/* A folded text and a compact map from each of its bytes to the original
 * code point (or converted run) it came from: see match_text_start/_end.
 * Texts of 4 GiB or more are refused (ERR_TOOBIG). */
struct match_text {
	char *text;       /* folded, NUL-terminated */
	size_t len;       /* bytes */
	size_t orig_len;
	struct match_seg *seg; /* private to match.c */
	size_t nseg;
};

/* [match_text_start(t, i), match_text_end(t, i)): the original bytes that
 * folded byte i < t->len came from. match_text_start(t, t->len) and
 * match_text_end(t, t->len) are t->orig_len. O(log segments). */
size_t match_text_start(const struct match_text *t, size_t i);
size_t match_text_end(const struct match_text *t, size_t i);

/* Fold text[0, len). sc may be NULL (no script folding). 0, ERR_TOOBIG or ERR_NOMEM;
 * out written only on success. */
int match_fold(struct script *sc, const char *text, size_t len, struct match_text *out);
void match_text_free(struct match_text *t);

/* First folded byte that comes from original byte off or later (t->len if
 * none). */
size_t match_text_at(const struct match_text *t, size_t off);

/* The folded texts of a list of articles (which the caller keeps alive). */
struct match_corpus {
	const struct article *arts;
	struct match_text *folded; /* n entries, parallel to arts */
	size_t n;
};

/* Fold every article. 0 or ERR_NOMEM; out written only on success. */
int match_corpus_fold(struct script *sc, const struct article *arts, size_t n,
		      struct match_corpus *out);
void match_corpus_free(struct match_corpus *mc);

/* Fold a single word into a malloc'd NUL-terminated string (for showing a
 * pattern, comparing names). NULL on allocation failure. */
char *match_fold_word(struct script *sc, const char *word);

enum match_flags {
	/* A pattern that begins (ends) with a Latin letter or digit only
	 * matches where the text does not continue the word on that side:
	 * "AI" does not match inside "said". Search leaves it off. */
	MATCH_WORDS = 1,
};

struct match_set;

/* An empty set. 0 or ERR_NOMEM. */
int match_set_new(int flags, struct match_set **out);
void match_set_free(struct match_set *m);

/* Add word (folded here) with a caller's tag. A word already in the set
 * keeps its first tag. 0, ERR_INVAL (nothing left after folding: empty or
 * blank) or ERR_NOMEM. */
int match_set_add(struct match_set *m, struct script *sc, const char *word, int tag);

/* Patterns in the set (distinct after folding). */
size_t match_set_size(const struct match_set *m);

/* Find the set's patterns in the part of t that comes from original bytes
 * [from, to), leftmost first; at one position the longest pattern wins and
 * the next search starts after it, so hits never overlap (杭州市 is one hit,
 * not 杭州市 and 杭州). Appends spans {orig start, orig end, kind, tag} to
 * out in text order; returns the number appended, or ERR_NOMEM. */
long match_set_find(const struct match_set *m, const struct match_text *t,
		    size_t from, size_t to, int kind, struct span_list *out);

#endif
