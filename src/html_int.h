/* html_int: what the html module's files share: a flat mirror of gumbo's
 * tree in document order (a node's subtree is the index range [i, end)),
 * with text statistics per node, the article scoring (html_score.c), the
 * block emitter (html_emit.c) and the metadata reader (html_meta.c). Not for
 * use outside src/html*.c. */
#ifndef DUWEN_HTML_INT_H
#define DUWEN_HTML_INT_H

#include <gumbo.h>
#include <stddef.h>

#include "doc.h"

enum {
	HN_SKIP = 1 << 0,      /* script, style, svg...: never text */
	HN_HIDDEN = 1 << 1,    /* hidden, display:none: boilerplate at most */
	HN_UNLIKELY = 1 << 2,  /* class/id says navigation, footer, comments... */
	HN_ARTICLE = 1 << 3,   /* in the article */
	HN_REMOVED = 1 << 4,   /* in the article's container but cleaned away */
	HN_CANDIDATE = 1 << 5, /* scored as a container */
	HN_BYLINE = 1 << 6,    /* class/id/itemprop says byline, date, credit... */
	HN_CAPTION = 1 << 7,   /* <figcaption>, or class/id says caption */
};

struct hn {
	const GumboNode *g;
	int parent;        /* index, -1 for the root */
	int first, next;   /* first child, next sibling; -1: none */
	size_t end;        /* one past the last node of the subtree */
	GumboTag tag;      /* GUMBO_TAG_UNKNOWN for text nodes */
	unsigned flags;
	int hint;          /* class/id weight: -25, 0, +25 (or sums) */
	/* over the subtree, skipped nodes left out: */
	size_t text;       /* characters, a CJK character counting 2 */
	size_t link;       /* of them inside <a> */
	size_t commas;     /* , and Chinese punctuation ，。、；：！？ */
	size_t paras;      /* <p> elements */
	double score;
};

struct htree {
	struct hn *v;
	size_t n, cap;
};

/* Mirror the tree under root (element and text nodes; comments left out),
 * with flags, hints and text statistics. 0 or ERR_NOMEM. */
int html_tree_build(struct htree *t, const GumboNode *root);
void html_tree_free(struct htree *t);

/* Open elements a page may nest, as html_nest_bound estimates them. */
#define HTML_NEST_MAX 256

/* The page in[0, len) made fit for the parser (html_nest.c): raw control
 * characters removed with their escape sequences (sanitize_plain), tags
 * nested deeper than HTML_NEST_MAX left out (a block's start tag as <br>).
 * 1 with *out (malloc'd, NUL-terminated) and *out_len when it changed
 * something, 0 when in is fit as it is, or ERR_NOMEM. */
int html_nest_bound(const char *in, size_t len, char **out, size_t *out_len);

/* Weighted length, commas of s (UTF-8). */
void html_text_measure(const char *s, size_t *len, size_t *commas);

/* The class/id weight of an element: +25 per positive hint (article,
 * content, post, entry, main, body, text, story...) and -25 per negative
 * one (nav, footer, comment, share, related, sidebar, ad...). */
int html_hint(const GumboNode *g);

/* 1 for elements that start a block of their own (p, div, li, h1...). */
int html_is_block(GumboTag tag);

/* link / text of node i (0 when it has no text). */
double html_link_density(const struct htree *t, size_t i);

/* Mark the article: HN_ARTICLE on the chosen container and the siblings
 * merged with it, HN_REMOVED on what cleaning takes out of them. If no
 * container scores, the whole body is the article. */
void html_score_pick(struct htree *t, size_t body);

/* Append the blocks of the subtree at body to d: with extract set, text
 * outside the article (or removed from it) as BLOCK_BOILERPLATE. 0 or
 * ERR_NOMEM. */
int html_emit(const struct htree *t, size_t body, int extract, struct doc *d);

/* Fill d's metadata from the head (<title>, <meta>), JSON-LD scripts and
 * the first <h1>. 0 or ERR_NOMEM. */
int html_meta_read(const struct htree *t, struct doc *d);

/* html_book.c: a book's images, notes and verse, for html_emit. */

/* Is node i an <img> whose alt says something (not empty, not "image",
 * "cover", 图片..., not a file name)? 1 with *alt (the attribute's value,
 * the tree's) and *alone (nothing else in its block: a figure), else 0. */
int html_book_alt(const struct htree *t, size_t i, const char **alt, int *alone);

enum html_note {
	HTML_NOTE_NONE,
	HTML_NOTE_REF,  /* a link to a note: its mark, bracketed, in mark */
	HTML_NOTE_BACK, /* the link from a note back to the text ("↩") */
};

/* Is node i a link to a note (epub:type noteref, role doc-noteref, or a
 * short mark such as "1", "[1]", "注1", "*", "①" in <sup> linking to a
 * fragment) or back from one (epub:type backlink, role doc-backlink, "↩",
 * "返回")? For HTML_NOTE_REF, mark[0, cap) gets "[1]". */
int html_book_note_link(const struct htree *t, size_t i, char *mark, size_t cap);

/* Is block element i verse: two lines or more of inline content broken by
 * <br>, none longer than a line of verse, none opening with U+3000? */
int html_book_verse(const struct htree *t, size_t i);

/* The concatenated text of the subtree at i (skipped nodes left out),
 * malloc'd, white space collapsed; NULL if out of memory. */
char *html_text_of(const struct htree *t, size_t i);

#endif
