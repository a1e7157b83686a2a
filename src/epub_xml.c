/* libxml2 helpers for EPUB package files; see epub_xml.h. libxml2 rather
 * than an HTML5 parser: the container, the OPF and the NCX are namespaced
 * XML, and libxml2 reads the encoding an XML declaration names. */
#include "epub_xml.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "clean_buf.h"
#include "sanitize.h"

/* buf without its escape sequences, when it holds an ESC or an 8-bit C1
 * control and is UTF-8 (sanitize_plain): libxml2 drops the ESC of
 * "ESC ] 0 ; title BEL" and keeps "]0;title" as text. 1 with *out, 0 when
 * there is nothing to do (or the text is in another encoding). */
static int
without_escapes(const char *buf, size_t len, struct clean_buf *out)
{
	int found = memchr(buf, 0x1B, len) != NULL;
	for (const char *p = buf; !found && (p = memchr(p, 0xC2, len - (size_t)(p - buf))) != NULL; p++)
		found = (size_t)(p - buf) + 1 < len && (unsigned char)p[1] >= 0x80 &&
			(unsigned char)p[1] <= 0x9F;
	if (!found)
		return 0;
	struct sanitize_stats st = { 0 };
	if (sanitize_plain(buf, len, out, &st) < 0 || st.invalid > 0 || out->s == NULL) {
		clean_buf_free(out);
		return 0;
	}
	return 1;
}

xmlDocPtr
epub_xml_read(const char *buf, size_t len, enum epub_xml_mode mode)
{
	if (len > INT_MAX)
		return NULL;
	struct clean_buf clean = { 0 };
	if (without_escapes(buf, len, &clean)) {
		buf = clean.s;
		len = clean.len;
	}
	xmlDocPtr doc = NULL;
	if (mode == EPUB_XML_HTML) {
		doc = htmlReadMemory(buf, (int)len, NULL, NULL,
				     HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
					     HTML_PARSE_NOWARNING);
	} else {
		xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
		if (ctxt == NULL) {
			clean_buf_free(&clean);
			return NULL;
		}
		doc = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, NULL,
					XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
						XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
		if (doc && mode == EPUB_XML_STRICT && !ctxt->wellFormed) {
			xmlFreeDoc(doc);
			doc = NULL;
		}
		xmlFreeParserCtxt(ctxt);
	}
	clean_buf_free(&clean);
	if (doc != NULL && xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	return doc;
}

char *
epub_xml_problem(const char *buf, size_t len)
{
	if (len > INT_MAX)
		return NULL;
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (ctxt == NULL)
		return NULL;
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, NULL,
					  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	char *why = NULL;
	if (!ctxt->wellFormed || doc == NULL) {
		const xmlError *e = &ctxt->lastError;
		char *msg = epub_xml_clean(e->message ? e->message : "not XML");
		if (msg == NULL || asprintf(&why, "line %d: %s", e->line, msg) < 0)
			why = NULL;
		free(msg);
	}
	if (doc)
		xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return why;
}

/* The local part of a name written "prefix:local" (HTML and undeclared
 * prefixes keep the colon in the name). */
static const char *
local_name(const xmlChar *name)
{
	const char *s = (const char *)name;
	const char *colon = strchr(s, ':');
	return colon ? colon + 1 : s;
}

int
epub_xml_is(const xmlNode *node, const char *name)
{
	return node != NULL && node->type == XML_ELEMENT_NODE &&
	       strcasecmp(local_name(node->name), name) == 0;
}

xmlNodePtr
epub_xml_child(const xmlNode *node, const char *name)
{
	for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next)
		if (epub_xml_is(c, name))
			return c;
	return NULL;
}

xmlNodePtr
epub_xml_find(xmlNodePtr node, const char *name)
{
	if (epub_xml_is(node, name))
		return node;
	for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next) {
		xmlNodePtr f = epub_xml_find(c, name);
		if (f)
			return f;
	}
	return NULL;
}

char *
epub_xml_attr(const xmlNode *node, const char *name)
{
	if (node == NULL || node->type != XML_ELEMENT_NODE)
		return NULL;
	for (xmlAttrPtr a = node->properties; a; a = a->next) {
		if (strcmp(local_name(a->name), name) != 0)
			continue;
		xmlChar *v = xmlNodeGetContent((const xmlNode *)a);
		if (v == NULL)
			return NULL;
		char *s = strdup((const char *)v);
		xmlFree(v);
		return s;
	}
	return NULL;
}

/* 1 if s starts with U+3000 (ideographic space). */
static int
is_ideo_space(const char *s)
{
	return (unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 &&
	       (unsigned char)s[2] == 0x80;
}

char *
epub_xml_clean(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(n + 1);
	if (out == NULL)
		return NULL;
	size_t k = 0;
	int space = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
			space = k > 0;
			i++;
			continue;
		}
		if (k == 0 && is_ideo_space(s + i)) {
			i += 3;
			continue;
		}
		if (c < 0x20 || c == 0x7F) {
			i++;
			continue;
		}
		if (c == 0xC2 && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x9F) {
			i += 2; /* C1 controls */
			continue;
		}
		if (space)
			out[k++] = ' ';
		space = 0;
		out[k++] = s[i++];
	}
	/* trailing ideographic spaces (and a space before them) */
	while (k > 0 && (out[k - 1] == ' ' || (k >= 3 && is_ideo_space(out + k - 3))))
		k -= out[k - 1] == ' ' ? 1 : 3;
	out[k] = 0;
	return out;
}

char *
epub_xml_text(const xmlNode *node)
{
	xmlChar *v = xmlNodeGetContent(node);
	if (v == NULL)
		return strdup("");
	char *s = epub_xml_clean((const char *)v);
	xmlFree(v);
	return s;
}
