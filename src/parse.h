/* parse: cleaned text to blocks, metadata and sentences. Works on byte
 * offsets of the text it is given and never copies or edits it, except for
 * the metadata strings, which it owns (parse_result_free). */
#ifndef DUWEN_PARSE_H
#define DUWEN_PARSE_H

#include <stddef.h>

enum block_kind {
	BLOCK_TITLE,
	BLOCK_BYLINE,
	BLOCK_SOURCE,
	BLOCK_SUMMARY,
	BLOCK_HEADING,
	BLOCK_PARAGRAPH, /* may hold '\n' where hard-wrapped lines were joined */
	BLOCK_CAPTION,
	BLOCK_BOILERPLATE, /* kept, hidden by default */
	BLOCK_PRE,         /* preformatted: lines kept as they are */
	BLOCK_META,        /* the file's own header block (title: ...) */
	BLOCK_LIST_ITEM,   /* starts with its indent (2 spaces a level) and marker ("• ", "3. ") */
	BLOCK_QUOTE,       /* a block quotation */
	BLOCK_TABLE,       /* a table as aligned text: a line per row, kept as they are */
	BLOCK_LIST,        /* list items, each a line opening with a marker
			    * (prefmt_list_marker) and its '\n'-joined
			    * continuation lines; from the first line's
			    * indentation, which nested items exceed */
	BLOCK_INDENTED,    /* a paragraph at its source's indentation (a manual
			    * page's, parse_man): its first line at the spaces it
			    * opens with, the others at their own less the spaces
			    * before its start */
	BLOCK_KIND_COUNT
};

/* Lower-case English name of a kind ("paragraph"); static. */
const char *parse_block_kind_name(enum block_kind k);

struct block {
	size_t start, end; /* bytes, [start, end), without the final '\n' */
	enum block_kind kind;
};

struct sentence {
	size_t start, end; /* bytes; within one block */
	size_t block;      /* index of its block */
};

/* The title of an article with no text to infer one from. */
#define PARSE_UNTITLED "(untitled)"

struct meta {
	char *title;  /* never NULL after parse: inferred if absent */
	char *source; /* NULL if unknown */
	char *author; /* NULL if unknown */
	char *date;   /* NULL if unknown */
	int title_inferred;
};

struct parse_result {
	struct block *blocks;
	size_t nblocks;
	struct sentence *sents;
	size_t nsents;
	struct meta meta;
};

/* Parse text[0, len). 0 or ERR_NOMEM; out written only on success. */
int parse_article(const char *text, size_t len, struct parse_result *out);

void parse_result_free(struct parse_result *r);

#endif
