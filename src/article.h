/* article: one loaded article: cleaned text, blocks, sentences, metadata and
 * spans (source -> clean -> parse). Every position in duwen is a byte offset
 * into article.text. article_free releases everything the article holds. */
#ifndef DUWEN_ARTICLE_H
#define DUWEN_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

#include "clean.h"
#include "format.h"
#include "parse.h"
#include "source.h"
#include "span.h"

struct article {
	char *path;             /* as given */
	char *text;             /* cleaned UTF-8, NUL-terminated */
	size_t len;             /* bytes */
	struct block *blocks;
	size_t nblocks;
	struct sentence *sents;
	size_t nsents;
	struct meta meta;
	struct span_list spans; /* garbled / repaired marks from cleaning */
	struct clean_stats stats;
	char encoding[32];
	size_t replaced;        /* undecodable sequences */
	size_t chars;           /* characters (code points) outside boilerplate */
	uint64_t hash;          /* FNV-1a 64 of text */
	enum format format;     /* what the file was read as */
	unsigned char *levels;  /* per block: a heading's rank, 1 the highest (h1, a
				 * book's top contents entries), 0 unknown; NULL when
				 * no block has one (plain text) */
};

/* Load the file at path ("-": standard input) as its format says: a
 * .epub book through epub_article (read from its archive in place), else
 * format_of_file: a web page through html, else plain text. 0 or an
 * err_code with *cause (malloc'd reason). */
int article_load(const struct source_opts *opts, const char *path,
		 struct article *out, char **cause);

/* Build an article from decoded UTF-8 (tests, imports). path may be NULL. */
int article_from_utf8(const char *path, const char *utf8, size_t len,
		      struct article *out);

void article_free(struct article *a);

/* 1 if block b is a title block that repeats the article's title: the
 * outputs (--dump, the reading view) show the title on top with its facts
 * and leave such a block out. */
int article_repeats_title(const struct article *a, const struct block *b);

/* Index of the sentence containing off, or the nearest one before it;
 * nsents if there is none. */
size_t article_sentence_at(const struct article *a, size_t off);

/* Index of the block containing off (or the next one); nblocks if none. */
size_t article_block_at(const struct article *a, size_t off);

/* Characters a reader reads: code points outside boilerplate and the header
 * block, white space not counted (article.chars). */
size_t article_count_chars(const struct article *a);
/* Those of block b before byte end (0 for boilerplate and the header). */
size_t article_block_chars(const struct article *a, size_t b, size_t end);

/* FNV-1a 64-bit hash of bytes. */
uint64_t article_hash(const char *s, size_t len);

#endif
