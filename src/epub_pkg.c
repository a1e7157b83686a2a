/* The container and package documents of an EPUB; see epub_pkg.h. */
#include "epub_pkg.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "epub_href.h"
#include "epub_xml.h"
#include "err.h"

static void
set_cause(char **cause, const char *fmt, ...)
{
	if (cause == NULL)
		return;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(cause, fmt, ap) < 0)
		*cause = NULL;
	va_end(ap);
}

/* Set *cause to what, with why name is not well-formed XML if it is not. */
static void
fail_cause(char **cause, const char *name, const char *what, const char *xml, size_t len)
{
	if (cause == NULL)
		return;
	char *why = epub_xml_problem(xml, len);
	if (why)
		set_cause(cause, "%s %s (not well-formed XML: %s)", name, what, why);
	else
		set_cause(cause, "%s %s", name, what);
	free(why);
}

int
epub_pkg_has_token(const char *list, const char *tok)
{
	size_t n = strlen(tok);
	for (const char *p = list; p && *p;) {
		p += strspn(p, " \t\r\n");
		size_t k = strcspn(p, " \t\r\n");
		if (k == n && strncmp(p, tok, n) == 0)
			return 1;
		p += k;
	}
	return 0;
}

int
epub_pkg_container(const char *xml, size_t len, char **opf, char **cause)
{
	xmlDocPtr doc = epub_xml_read(xml, len, EPUB_XML_RECOVER);
	if (doc == NULL) {
		set_cause(cause, "META-INF/container.xml is not XML");
		return ERR_INVAL;
	}
	xmlNodePtr rootfiles = epub_xml_find(xmlDocGetRootElement(doc), "rootfiles");
	char *best = NULL;
	int rc = 0;
	for (xmlNodePtr c = rootfiles ? rootfiles->children : NULL; c && rc == 0; c = c->next) {
		if (!epub_xml_is(c, "rootfile"))
			continue;
		char *path = epub_xml_attr(c, "full-path");
		char *type = epub_xml_attr(c, "media-type");
		int pkg = type && strcmp(type, "application/oebps-package+xml") == 0;
		free(type);
		char *name = NULL;
		if (path && epub_href_resolve("", path, &name, NULL) == ERR_NOMEM)
			rc = ERR_NOMEM;
		free(path);
		if (name && (best == NULL || pkg)) {
			free(best);
			best = name;
			if (pkg)
				break;
		} else {
			free(name);
		}
	}
	xmlFreeDoc(doc);
	if (rc < 0) {
		free(best);
		return rc;
	}
	if (best == NULL) {
		fail_cause(cause, "META-INF/container.xml", "names no package document (rootfile)",
			   xml, len);
		return ERR_INVAL;
	}
	*opf = best;
	return 0;
}

/* Append s to *dst, joined by a separator: "、" between Chinese (non-ASCII)
 * names, ", " otherwise. Takes s. 0 or ERR_NOMEM. */
static int
join_name(char **dst, char *s)
{
	if (s == NULL)
		return ERR_NOMEM;
	if (*s == 0) {
		free(s);
		return 0;
	}
	if (*dst == NULL) {
		*dst = s;
		return 0;
	}
	const char *sep = (unsigned char)s[0] >= 0x80 ? "、" : ", ";
	char *j;
	int n = asprintf(&j, "%s%s%s", *dst, sep, s);
	free(s);
	if (n < 0)
		return ERR_NOMEM;
	free(*dst);
	*dst = j;
	return 0;
}

/* "2019-05-01T08:00:00Z" -> "2019-05-01", in place; other forms stay. */
static void
trim_date(char *d)
{
	int iso = strlen(d) > 10 && (d[10] == 'T' || d[10] == ' ');
	for (int i = 0; iso && i < 10; i++)
		iso = (i == 4 || i == 7) ? d[i] == '-' : d[i] >= '0' && d[i] <= '9';
	if (iso)
		d[10] = 0;
}

/* Replace *slot with the text of node if *slot is empty or force. */
static int
take_text(char **slot, const xmlNode *node, int force)
{
	if (*slot && !force)
		return 0;
	char *t = epub_xml_text(node);
	if (t == NULL)
		return ERR_NOMEM;
	if (*t == 0) {
		free(t);
		return 0;
	}
	free(*slot);
	*slot = t;
	return 0;
}

struct meta_state {
	char *authors, *others; /* creators with role aut (or none), the rest */
	int date_rank;          /* of the date taken: 0 none, 1 modified, 2 other, 3 published */
};

static int
read_meta_node(struct epub_meta *m, struct meta_state *ms, const xmlNode *n)
{
	if (epub_xml_is(n, "title"))
		return take_text(&m->title, n, 0);
	if (epub_xml_is(n, "publisher"))
		return take_text(&m->publisher, n, 0);
	if (epub_xml_is(n, "language"))
		return take_text(&m->language, n, 0);
	if (epub_xml_is(n, "creator")) {
		char *role = epub_xml_attr(n, "role");
		int author = role == NULL || strcmp(role, "aut") == 0;
		free(role);
		return join_name(author ? &ms->authors : &ms->others, epub_xml_text(n));
	}
	if (epub_xml_is(n, "date")) {
		/* a publication date beats an unnamed event, which beats a
		 * modification date; the first of a rank wins */
		char *ev = epub_xml_attr(n, "event");
		int rank = ev == NULL ? 2
			   : strcmp(ev, "publication") == 0 || strcmp(ev, "original-publication") == 0
				   ? 3
			   : strcmp(ev, "modification") == 0 ? 1
							     : 2;
		free(ev);
		if (rank <= ms->date_rank)
			return 0;
		int rc = take_text(&m->date, n, 1);
		if (rc == 0 && m->date) {
			trim_date(m->date);
			ms->date_rank = rank;
		}
		return rc;
	}
	return 0;
}

static int
read_metadata(struct epub_meta *m, xmlNodePtr md)
{
	struct meta_state ms = { NULL, NULL, 0 };
	int rc = 0;
	/* children and grandchildren (OPF 2.0 drafts wrap dc-metadata) */
	for (xmlNodePtr n = md ? md->children : NULL; n && rc == 0; n = n->next) {
		rc = read_meta_node(m, &ms, n);
		for (xmlNodePtr g = n->children; g && rc == 0; g = g->next)
			rc = read_meta_node(m, &ms, g);
	}
	if (rc == 0) {
		m->creator = ms.authors ? ms.authors : ms.others;
		if (ms.authors)
			free(ms.others);
	} else {
		free(ms.authors);
		free(ms.others);
	}
	return rc;
}

static int
read_manifest(struct epub_pkg *p, const char *opf_name, xmlNodePtr man)
{
	size_t cap = 0;
	for (xmlNodePtr n = man ? man->children : NULL; n; n = n->next) {
		if (!epub_xml_is(n, "item"))
			continue;
		if (p->nitems == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct epub_item *v = realloc(p->items, ncap * sizeof *v);
			if (v == NULL)
				return ERR_NOMEM;
			p->items = v;
			cap = ncap;
		}
		struct epub_item *it = &p->items[p->nitems];
		memset(it, 0, sizeof *it);
		p->nitems++;
		char *href = epub_xml_attr(n, "href");
		it->id = epub_xml_attr(n, "id");
		it->media_type = epub_xml_attr(n, "media-type");
		it->properties = epub_xml_attr(n, "properties");
		if (!it->id)
			it->id = strdup("");
		if (!it->media_type)
			it->media_type = strdup("");
		if (!it->properties)
			it->properties = strdup("");
		int rc = href ? epub_href_resolve(opf_name, href, &it->name, NULL) : ERR_INVAL;
		free(href);
		if (rc == ERR_NOMEM || !it->id || !it->media_type || !it->properties)
			return ERR_NOMEM;
	}
	return 0;
}

static size_t
item_by_id(const struct epub_pkg *p, const char *id)
{
	for (size_t i = 0; id && i < p->nitems; i++)
		if (strcmp(p->items[i].id, id) == 0)
			return i;
	return p->nitems;
}

static int
read_spine(struct epub_pkg *p, xmlNodePtr spine)
{
	size_t cap = 0;
	for (xmlNodePtr n = spine ? spine->children : NULL; n; n = n->next) {
		if (!epub_xml_is(n, "itemref"))
			continue;
		char *idref = epub_xml_attr(n, "idref");
		char *linear = epub_xml_attr(n, "linear");
		size_t it = item_by_id(p, idref);
		int lin = linear == NULL || strcmp(linear, "no") != 0;
		free(idref);
		free(linear);
		if (it == p->nitems || p->items[it].name == NULL)
			continue;
		if (p->nspine == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct epub_spine_ref *v = realloc(p->spine, ncap * sizeof *v);
			if (v == NULL)
				return ERR_NOMEM;
			p->spine = v;
			cap = ncap;
		}
		p->spine[p->nspine++] = (struct epub_spine_ref){ it, lin };
	}
	return 0;
}

int
epub_pkg_parse(const char *opf_name, const char *xml, size_t len, struct epub_pkg *out,
	       char **cause)
{
	xmlDocPtr doc = epub_xml_read(xml, len, EPUB_XML_RECOVER);
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (root == NULL || !epub_xml_is(root, "package")) {
		fail_cause(cause, opf_name, "is not an EPUB package document", xml, len);
		if (doc)
			xmlFreeDoc(doc);
		return ERR_INVAL;
	}
	struct epub_pkg p = { 0 };
	int rc = read_metadata(&p.meta, epub_xml_child(root, "metadata"));
	if (rc == 0)
		rc = read_manifest(&p, opf_name, epub_xml_child(root, "manifest"));
	xmlNodePtr spine = epub_xml_child(root, "spine");
	if (rc == 0)
		rc = read_spine(&p, spine);
	p.nav = p.ncx = p.nitems;
	for (size_t i = 0; rc == 0 && i < p.nitems; i++)
		if (p.items[i].name && epub_pkg_has_token(p.items[i].properties, "nav")) {
			p.nav = i;
			break;
		}
	if (rc == 0) {
		char *toc = epub_xml_attr(spine, "toc");
		p.ncx = item_by_id(&p, toc);
		free(toc);
		for (size_t i = 0; p.ncx == p.nitems && i < p.nitems; i++)
			if (strcmp(p.items[i].media_type, "application/x-dtbncx+xml") == 0)
				p.ncx = i;
		if (p.ncx < p.nitems && p.items[p.ncx].name == NULL)
			p.ncx = p.nitems;
	}
	xmlFreeDoc(doc);
	if (rc == 0 && p.nspine == 0) {
		fail_cause(cause, opf_name, "lists no chapters (its spine is empty)", xml, len);
		rc = ERR_INVAL;
	}
	if (rc < 0) {
		epub_pkg_free(&p);
		return rc;
	}
	*out = p;
	return 0;
}

void
epub_meta_free(struct epub_meta *m)
{
	free(m->title);
	free(m->creator);
	free(m->date);
	free(m->publisher);
	free(m->language);
	memset(m, 0, sizeof *m);
}

void
epub_pkg_free(struct epub_pkg *p)
{
	epub_meta_free(&p->meta);
	for (size_t i = 0; i < p->nitems; i++) {
		free(p->items[i].id);
		free(p->items[i].name);
		free(p->items[i].media_type);
		free(p->items[i].properties);
	}
	free(p->items);
	free(p->spine);
	memset(p, 0, sizeof *p);
}
