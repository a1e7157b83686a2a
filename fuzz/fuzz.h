/* fuzz: the bodies of duwen's libFuzzer harnesses. Each takes one input of
 * any bytes, runs it through a part of src/ and abort()s (after a line on
 * stderr) when a contract is broken; memory and UB errors are the
 * sanitizers' to find. The same bodies are built three ways: with libFuzzer
 * (fuzz/entry.c, `make fuzz`), with gcc for tests/test_fuzz.c, which replays
 * fuzz/regress/NAME/ through them in `make check`, and under ASan + UBSan
 * there too. A body keeps what is costly to make (OpenCC, a scratch notes
 * database) in function-scope statics between calls; inputs do not depend
 * on one another. */
#ifndef DUWEN_FUZZ_H
#define DUWEN_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* bytes -> article: source_decode (detect, convert), clean, parse. */
int fuzz_article(const uint8_t *data, size_t size);
/* text -> layout at every width 1..200: no line wider than the width (except
 * one cluster at width 1), the drawing agrees, every byte on a line or a
 * space between lines. */
int fuzz_layout(const uint8_t *data, size_t size);
/* the notes JSON import: json_parse, then notes_import into a fresh
 * database, then the notes listed and exported again. */
int fuzz_notes(const uint8_t *data, size_t size);
/* the config parser. */
int fuzz_config(const uint8_t *data, size_t size);
/* the matcher: patterns and text folded, hits as original spans. */
int fuzz_match(const uint8_t *data, size_t size);
/* bytes -> article through the web page and EPUB readers, as a file on
 * standard input is loaded: an EPUB if epub_sniff knows it, else HTML. */
int fuzz_page(const uint8_t *data, size_t size);

struct article;
/* The article contracts fuzz_article checks, for the other harnesses that
 * make articles: text, blocks, sentences and spans in order; the blocks
 * laid out at width w; what --dump (at width w) and --list print. */
void fuzz_check_article(const struct article *a);
void fuzz_check_layout(const struct article *a, int w);
void fuzz_check_printed(const struct article *a, int w);

/* A harness by name (the directory under fuzz/regress/). */
struct fuzz_harness {
	const char *name;
	int (*run)(const uint8_t *data, size_t size);
};
extern const struct fuzz_harness fuzz_harnesses[];
extern const size_t fuzz_nharnesses;

/* Report a broken contract and abort. */
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
