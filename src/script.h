/* script: simplified <-> traditional Chinese with OpenCC, for display and
 * for matching. A converted article is a full article (text, blocks,
 * sentences, spans) whose offsets map back to the original's, so the
 * reading place, highlights and annotations survive a switch. Owns the
 * OpenCC handles; script_close frees them. A struct script is used by one
 * thread at a time (it keeps OpenCC's answers: script_memo.h); each
 * thread opens its own. */
#ifndef DUWEN_SCRIPT_H
#define DUWEN_SCRIPT_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"

enum script_kind {
	SCRIPT_ORIGINAL,
	SCRIPT_SIMPLIFIED,
	SCRIPT_TRADITIONAL,
};

struct script;

/* Open OpenCC's t2s converter (s2t is opened by the first conversion to
 * traditional). 0, or ERR_IO with *cause (malloc'd) when OpenCC's data
 * cannot be loaded. */
int script_open(struct script **out, char **cause);
void script_close(struct script *s);

/* Name for the status line: "original", "simplified", "traditional". */
const char *script_name(enum script_kind k);

/* A converted copy of an article and the offset maps between the two. */
struct script_article {
	struct article art;  /* converted; art.path is the original's path */
	size_t *to_orig;     /* art.len + 1 entries: converted byte -> original byte */
	size_t *from_orig;   /* orig len + 1 entries: original byte -> converted byte */
	size_t orig_len;
};

/* Convert a to kind (SCRIPT_ORIGINAL gives an identical copy). Blocks,
 * sentences and spans are carried over through the maps. 0, ERR_IO (the
 * s2t data cannot be loaded) or ERR_NOMEM. */
int script_convert_article(struct script *s, enum script_kind kind,
			   const struct article *a, struct script_article *out);
void script_article_free(struct script_article *sa);

/* Convert UTF-8 text[0, len) to simplified Chinese (for folding in the
 * matcher). Returns a malloc'd NUL-terminated string, *out_len its bytes,
 * and (if map) a malloc'd array of out_len + 1 entries: output byte ->
 * input byte. NULL on allocation failure. */
char *script_to_simplified(struct script *s, const char *text, size_t len,
			   size_t *out_len, size_t **map);

/* 1 if OpenCC may change code point cp: script_to_simplified converts
 * maximal runs of such code points one run at a time. */
int script_convertible(int32_t cp);

/* One such run text[0, len) in simplified Chinese, without maps: a
 * NUL-terminated string freed with script_run_free, *out_len its bytes:
 * OpenCC's t2s of it, byte for byte (see script_skips_runs). NULL on
 * allocation failure. */
char *script_run_simplified(struct script *s, const char *text, size_t len, size_t *out_len);
void script_run_free(char *run);

/* 1 if script_run_simplified gives back, without asking OpenCC, a run in
 * which no code point begins a key of t2s's dictionaries (the files
 * OpenCC loads are those src/script_keys.c was made from): OpenCC would
 * give it back as it is. 0: every run goes to OpenCC. */
int script_skips_runs(const struct script *s);

#endif
