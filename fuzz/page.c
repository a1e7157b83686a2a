/* page: bytes -> article through the web page and EPUB readers, as
 * article_load treats a file on standard input: an EPUB if epub_sniff knows
 * its first bytes, else a web page (html_article: decode, extract, doc,
 * article). The article then meets fuzz_article's contracts. Refusals must
 * say why. Input: the file's bytes. */
#include <stdlib.h>

#include "../src/article.h"
#include "../src/epub.h"
#include "../src/epub_article.h"
#include "../src/err.h"
#include "../src/html.h"
#include "fuzz.h"

int
fuzz_page(const uint8_t *data, size_t size)
{
	struct source_opts so = { 0 };
	struct article a;
	char *cause = NULL;
	int epub = epub_sniff(data, size);
	int rc = epub ? epub_article_from_bytes(&so, "fuzz.epub", data, size, &a, &cause)
		      : html_article(&so, "fuzz.html", data, size, &a, &cause);
	if (rc < 0) {
		if (rc != ERR_NOMEM && (cause == NULL || cause[0] == 0))
			fuzz_fail("%s refused with no reason (%d)", epub ? "epub" : "html", rc);
		free(cause);
		return 0;
	}
	free(cause);
	fuzz_check_article(&a);
	fuzz_check_layout(&a, 1 + (int)(a.hash % 100));
	fuzz_check_printed(&a, (int)(a.hash % 61));
	article_free(&a);
	return 0;
}
