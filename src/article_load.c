/* article_load: read a file and make an article of it by its format (plain
 * text through source and clean, HTML through html.c, an EPUB book through
 * epub_article.c); see article.h. Above article.c, html.c and
 * epub_article.c, which build on article.c. */
#include "article.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "epub_article.h"
#include "html.h"
#include "markdown.h"

int
article_load(const struct source_opts *opts, const char *path,
	     struct article *out, char **cause)
{
	/* a book is read in place from its zip archive, not into memory */
	if (format_of_name(path) == FORMAT_EPUB)
		return epub_article_load(opts, path, out, cause);
	unsigned char *bytes;
	size_t n;
	int rc = source_read_bytes(opts, path, &bytes, &n, cause);
	if (rc < 0)
		return rc;
	if (epub_sniff(bytes, n)) { /* a book on standard input, or named otherwise */
		rc = epub_article_from_bytes(opts, path, bytes, n, out, cause);
		free(bytes);
		return rc;
	}
	enum format f = format_of_file(strcmp(path, "-") == 0 ? NULL : path, bytes, n);
	if (f == FORMAT_HTML || f == FORMAT_MARKDOWN) {
		rc = (f == FORMAT_HTML ? html_article : markdown_article)(opts, path, bytes, n, out,
									 cause);
		free(bytes);
		return rc;
	}
	struct source_text st;
	rc = source_decode(opts, bytes, n, &st, cause);
	free(bytes);
	if (rc < 0)
		return rc;
	rc = article_from_utf8(path, st.utf8, st.len, out);
	if (rc < 0 && cause)
		*cause = strdup(err_strerror(rc));
	if (rc == 0) {
		memcpy(out->encoding, st.encoding, sizeof out->encoding);
		out->replaced = st.replaced;
	}
	source_text_free(&st);
	return rc;
}
