/* artblob: a loaded article and its fold map as one flat byte string, for
 * the cache (cache.h) to keep, and back. The bytes are this build's own
 * struct layouts behind a header that names their sizes: a blob from
 * another layout, or damaged, is refused, never trusted. The folded text
 * itself is not in it (the cache's index holds it), and the text is kept
 * as the runs where it differs from the folded text (most of a text folds
 * to itself). Owns nothing; results are the caller's (free, article_free,
 * match_text_free). */
#ifndef DUWEN_ARTBLOB_H
#define DUWEN_ARTBLOB_H

#include <stddef.h>

#include "article.h"
#include "match.h"

/* Pack a (all but its path) and f's map into *out (malloc'd), *n bytes.
 * 0 or ERR_NOMEM. */
int artblob_pack(const struct article *a, const struct match_text *f, void **out, size_t *n);

/* Unpack blob[0, n) into a (path: a copy of path; its text rebuilt from
 * the blob and folded) and f (folded: a copy of folded[0, flen), which must
 * be the folded text the blob was packed with). 0, ERR_INVAL (not a blob of
 * this build, or it does not fit the folded text) or ERR_NOMEM; outputs
 * written only on success. */
int artblob_unpack(const void *blob, size_t n, const char *path, const char *folded,
		   size_t flen, struct article *a, struct match_text *f);

/* artblob_unpack without copying the folded text: f->text is folded
 * itself (which must end in a NUL), good while folded is; set f->text to
 * NULL before match_text_free(f). For a search that reads many articles
 * from the cache and lets each go at once. */
int artblob_unpack_borrow(const void *blob, size_t n, const char *path, const char *folded,
			  size_t flen, struct article *a, struct match_text *f);

/* Where an article's text is in a blob, for artblob_text_fill. */
struct artblob_text {
	const unsigned char *d; /* its differences from the folded text */
	size_t dn;
	size_t len; /* the text's length */
};

/* artblob_unpack_borrow without rebuilding the text: a->text is NULL
 * (a->len its length), *txt says where it is in the blob, good while
 * blob and folded are. For a search, which maps its hits through the
 * folded text and needs only the sentences it prints. */
int artblob_unpack_lazy(const void *blob, size_t n, const char *path, const char *folded,
			size_t flen, struct article *a, struct match_text *f,
			struct artblob_text *txt);

/* The text of txt (against the folded text it was packed with) into *out
 * (malloc'd, txt->len bytes and a NUL), only its bytes inside the ranges
 * [ranges[2k], ranges[2k + 1]) (sorted, not overlapping; the other bytes
 * are left unset): the whole of its differences is walked and checked as
 * artblob_unpack checks them. 0, ERR_INVAL (damaged) or ERR_NOMEM. */
int artblob_text_fill(const struct artblob_text *txt, const char *folded, size_t flen,
		      const size_t *ranges, size_t nranges, char **out);

#endif
