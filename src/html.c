#include "html.h"

#include <gumbo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "html_int.h"

static size_t
find_tag(const struct htree *t, GumboTag tag)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].tag == tag && t->v[i].g->type == GUMBO_NODE_ELEMENT)
			return i;
	return t->n;
}

int
html_read(const char *utf8, size_t len, enum html_mode mode, struct doc *out, char **cause)
{
	char *fit = NULL;
	size_t fit_len = 0;
	int rc = html_nest_bound(utf8, len, &fit, &fit_len);
	if (rc < 0)
		return rc;
	if (rc == 1) {
		utf8 = fit;
		len = fit_len;
	}
	GumboOptions opts = kGumboDefaultOptions;
	opts.max_errors = 0; /* parse errors are not kept: tag soup is the norm */
	GumboOutput *g = gumbo_parse_with_options(&opts, utf8, len);
	if (g == NULL) {
		free(fit);
		if (cause)
			*cause = strdup("the page cannot be parsed");
		return ERR_INVAL;
	}
	struct htree t;
	rc = html_tree_build(&t, g->root);
	if (rc == 0) {
		size_t body = find_tag(&t, GUMBO_TAG_BODY);
		if (body == t.n)
			body = 0; /* gumbo always makes one; the root otherwise */
		if (mode == HTML_EXTRACT_ARTICLE)
			html_score_pick(&t, body);
		rc = html_emit(&t, body, mode == HTML_EXTRACT_ARTICLE, out);
		if (rc == 0)
			rc = html_meta_read(&t, out);
	}
	html_tree_free(&t);
	gumbo_destroy_output(&opts, g);
	free(fit); /* gumbo's tree points into it until destroyed */
	if (rc < 0)
		doc_free(out);
	return rc;
}

int
html_article(const struct source_opts *opts, const char *path, const unsigned char *b,
	     size_t n, struct article *out, char **cause)
{
	struct source_text st;
	int rc = html_decode(opts, b, n, &st, cause);
	if (rc < 0)
		return rc;
	struct doc d = { 0 };
	rc = html_read(st.utf8, st.len, HTML_EXTRACT_ARTICLE, &d, cause);
	if (rc == 0) {
		rc = doc_article(&d, path, out);
		if (rc == 0) {
			snprintf(out->encoding, sizeof out->encoding, "%s", st.encoding);
			out->replaced = st.replaced;
			out->format = FORMAT_HTML;
		} else if (cause) {
			*cause = strdup(err_strerror(rc));
		}
	}
	doc_free(&d);
	source_text_free(&st);
	return rc;
}
