/* The table of contents of an EPUB; see epub_toc.h. */
#include "epub_toc.h"

#include <stdlib.h>
#include <string.h>

#include "epub_href.h"
#include "epub_pkg.h"
#include "epub_xml.h"
#include "err.h"

/* Deeper nesting than this is flattened (the outline shows a few levels). */
enum { TOC_MAX_DEPTH = 32 };

struct toc_build {
	const char *doc;
	struct epub_toc toc;
	size_t cap;
};

/* Add an entry titled title (taken) linking to href (may be NULL). */
static int
add(struct toc_build *b, char *title, const char *href, int depth)
{
	if (title == NULL)
		return ERR_NOMEM;
	if (*title == 0) {
		free(title);
		return 0;
	}
	struct epub_toc_entry e = { title, NULL, NULL, depth < TOC_MAX_DEPTH ? depth : TOC_MAX_DEPTH };
	if (href && epub_href_resolve(b->doc, href, &e.name, &e.frag) == ERR_NOMEM) {
		free(title);
		return ERR_NOMEM;
	}
	if (b->toc.n == b->cap) {
		size_t ncap = b->cap ? b->cap * 2 : 16;
		struct epub_toc_entry *v = realloc(b->toc.v, ncap * sizeof *v);
		if (v == NULL) {
			free(e.title);
			free(e.name);
			free(e.frag);
			return ERR_NOMEM;
		}
		b->toc.v = v;
		b->cap = ncap;
	}
	b->toc.v[b->toc.n++] = e;
	return 0;
}

/* The items of a nav's <ol>: each <li> has a label (<a href> or <span>)
 * and maybe an <ol> of children. */
static int
walk_ol(struct toc_build *b, const xmlNode *ol, int depth)
{
	int rc = 0;
	for (xmlNodePtr li = ol->children; li && rc == 0; li = li->next) {
		if (!epub_xml_is(li, "li"))
			continue;
		int added = 0;
		for (xmlNodePtr c = li->children; c && rc == 0; c = c->next) {
			if (!added && (epub_xml_is(c, "a") || epub_xml_is(c, "span"))) {
				char *href = epub_xml_attr(c, "href");
				rc = add(b, epub_xml_text(c), href, depth);
				free(href);
				added = 1;
			} else if (epub_xml_is(c, "ol") && depth < 64) {
				rc = walk_ol(b, c, depth + 1);
			}
		}
	}
	return rc;
}

/* The nav to read: epub:type "toc", else the first nav. */
static xmlNodePtr
pick_nav(xmlNodePtr node, xmlNodePtr *first)
{
	for (xmlNodePtr c = node; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (epub_xml_is(c, "nav")) {
			char *type = epub_xml_attr(c, "type");
			int toc = type && epub_pkg_has_token(type, "toc");
			free(type);
			if (toc)
				return c;
			if (*first == NULL)
				*first = c;
		}
		xmlNodePtr f = pick_nav(c->children, first);
		if (f)
			return f;
	}
	return NULL;
}

int
epub_toc_nav(const char *doc_name, const char *buf, size_t len, struct epub_toc *out)
{
	xmlNodePtr nav = NULL, first = NULL;
	xmlDocPtr doc = epub_xml_read(buf, len, EPUB_XML_STRICT);
	if (doc == NULL) /* not well-formed XML: read it as HTML */
		doc = epub_xml_read(buf, len, EPUB_XML_HTML);
	if (doc)
		nav = pick_nav(xmlDocGetRootElement(doc), &first);
	if (nav == NULL)
		nav = first;
	if (nav == NULL) {
		if (doc)
			xmlFreeDoc(doc);
		return ERR_INVAL;
	}
	struct toc_build b = { doc_name, { NULL, 0 }, 0 };
	xmlNodePtr ol = epub_xml_find(nav, "ol");
	int rc = ol ? walk_ol(&b, ol, 0) : 0;
	xmlFreeDoc(doc);
	if (rc < 0) {
		epub_toc_free(&b.toc);
		return rc;
	}
	*out = b.toc;
	return 0;
}

static int
walk_navpoints(struct toc_build *b, const xmlNode *parent, int depth)
{
	int rc = 0;
	for (xmlNodePtr np = parent->children; np && rc == 0; np = np->next) {
		if (!epub_xml_is(np, "navPoint"))
			continue;
		xmlNodePtr label = epub_xml_child(np, "navLabel");
		xmlNodePtr text = epub_xml_child(label, "text");
		char *src = epub_xml_attr(epub_xml_child(np, "content"), "src");
		rc = add(b, label ? epub_xml_text(text ? text : label) : strdup(""), src, depth);
		free(src);
		if (rc == 0 && depth < 64)
			rc = walk_navpoints(b, np, depth + 1);
	}
	return rc;
}

int
epub_toc_ncx(const char *doc_name, const char *buf, size_t len, struct epub_toc *out)
{
	xmlDocPtr doc = epub_xml_read(buf, len, EPUB_XML_RECOVER);
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	xmlNodePtr map = epub_xml_is(root, "ncx") ? epub_xml_child(root, "navMap") : NULL;
	if (map == NULL) {
		if (doc)
			xmlFreeDoc(doc);
		return ERR_INVAL;
	}
	struct toc_build b = { doc_name, { NULL, 0 }, 0 };
	int rc = walk_navpoints(&b, map, 0);
	xmlFreeDoc(doc);
	if (rc < 0) {
		epub_toc_free(&b.toc);
		return rc;
	}
	*out = b.toc;
	return 0;
}

void
epub_toc_free(struct epub_toc *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].title);
		free(t->v[i].name);
		free(t->v[i].frag);
	}
	free(t->v);
	t->v = NULL;
	t->n = 0;
}
