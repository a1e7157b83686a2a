#include "markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "err.h"
#include "format.h"
#include "html.h"
#include "parse_meta.h"

/* cmark-gfm keeps its extensions in a registry of its own, filled once per
 * process; articles load on several threads, so once means pthread_once. */
static pthread_once_t markdown_once = PTHREAD_ONCE_INIT;

static void
markdown_register(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

char *
markdown_html(const char *utf8, size_t len)
{
	static const char *const exts[] = { "table", "strikethrough", "autolink", "tasklist" };
	const int opts = CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES;
	pthread_once(&markdown_once, markdown_register);
	cmark_parser *p = cmark_parser_new(opts);
	if (p == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
		if (e)
			cmark_parser_attach_syntax_extension(p, e);
	}
	cmark_parser_feed(p, utf8, len);
	cmark_node *doc = cmark_parser_finish(p);
	char *html = doc ? cmark_render_html(doc, opts, cmark_parser_get_syntax_extensions(p)) : NULL;
	if (doc)
		cmark_node_free(doc);
	cmark_parser_free(p);
	return html;
}

int
markdown_article(const struct source_opts *opts, const char *path, const unsigned char *b,
		 size_t n, struct article *out, char **cause)
{
	struct source_text st;
	int rc = source_decode(opts, b, n, &st, cause);
	if (rc < 0)
		return rc;
	char *html = markdown_html(st.utf8, st.len);
	struct doc d = { 0 };
	rc = html ? html_read(html, strlen(html), HTML_WHOLE_BODY, &d, cause) : ERR_NOMEM;
	free(html);
	if (rc == 0) {
		int untitled = d.title == NULL;
		rc = doc_article(&d, path, out);
		if (rc == 0 && untitled) {
			/* no level-one heading: its first heading names a section */
			int nomem = 0;
			char *t = parse_meta_lead_title(out->text, out->blocks, out->nblocks,
							out->sents, out->nsents, &nomem);
			if (nomem)
				rc = ERR_NOMEM;
			if (t) {
				free(out->meta.title);
				out->meta.title = t;
				out->meta.title_inferred = 1;
			}
			if (rc < 0)
				article_free(out);
		}
		if (rc == 0) {
			memcpy(out->encoding, st.encoding, sizeof out->encoding);
			out->replaced = st.replaced;
			out->format = FORMAT_MARKDOWN;
		}
	}
	if (rc < 0 && cause && *cause == NULL)
		*cause = strdup(err_strerror(rc));
	doc_free(&d);
	source_text_free(&st);
	return rc;
}
