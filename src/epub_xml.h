/* epub_xml: the little of libxml2 that reading an EPUB's package files
 * needs: a safe parse (no network, no DTD loading, no entity expansion
 * beyond the predefined ones), matching elements and attributes by local
 * name in any namespace, and element text as one clean line. Strings it
 * returns are malloc'd and freed by the caller; documents with xmlFreeDoc. */
#ifndef DUWEN_EPUB_XML_H
#define DUWEN_EPUB_XML_H

#include <stddef.h>

#include <libxml/tree.h>

enum epub_xml_mode {
	EPUB_XML_RECOVER, /* XML, recovering from small errors */
	EPUB_XML_STRICT,  /* well-formed XML only */
	EPUB_XML_HTML,    /* HTML tag soup (libxml2's HTML parser) */
};

/* Parse buf[0, len) as mode says. The document, or NULL if it has no root
 * element (or, for EPUB_XML_STRICT, is not well formed). */
xmlDocPtr epub_xml_read(const char *buf, size_t len, enum epub_xml_mode mode);

/* Why buf[0, len) is not well-formed XML: "line N: message" of its first
 * fatal error (malloc'd), or NULL if it is (or if out of memory). For
 * messages about a document that did not read as expected. */
char *epub_xml_problem(const char *buf, size_t len);

/* 1 if node is an element whose local name is name (any namespace). */
int epub_xml_is(const xmlNode *node, const char *name);

/* The first child element of node named name, or NULL. */
xmlNodePtr epub_xml_child(const xmlNode *node, const char *name);

/* The first element named name in document order below node (node
 * included), or NULL. */
xmlNodePtr epub_xml_find(xmlNodePtr node, const char *name);

/* The value of node's attribute with local name name, in any namespace
 * (or written "prefix:name" by a document that did not declare prefix);
 * malloc'd, or NULL if absent or out of memory. */
char *epub_xml_attr(const xmlNode *node, const char *name);

/* The text of node and its descendants with runs of ASCII white space
 * made one space, trimmed (of U+3000 too), control characters dropped;
 * malloc'd ("" for none), or NULL if out of memory. */
char *epub_xml_text(const xmlNode *node);

/* s with the same white space and control clean-up, malloc'd or NULL. */
char *epub_xml_clean(const char *s);

#endif
