/* Opening an EPUB book; see epub.h. */
#include "epub.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "epub_href.h"
#include "epub_xml.h"
#include "epub_zip.h"
#include "err.h"
#include "source.h"

#define CONTAINER "META-INF/container.xml"
#define ENCRYPTION "META-INF/encryption.xml"

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

/* The mimetype entry, when there is one, must say it is an EPUB (an .odt
 * or a .docx is a zip too). */
static int
check_mimetype(struct epub_zip *z, char **cause)
{
	if (!epub_zip_has(z, "mimetype"))
		return 0;
	char *buf;
	size_t len;
	int rc = epub_zip_read(z, "mimetype", &buf, &len, cause);
	if (rc < 0)
		return rc;
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r' || buf[len - 1] == ' '))
		buf[--len] = 0;
	if (strcmp(buf, "application/epub+zip") != 0) {
		char *shown = epub_xml_clean(buf);
		if (shown && strlen(shown) > 60)
			strcpy(shown + 57, "...");
		set_cause(cause, "not an EPUB: its mimetype is '%s'", shown ? shown : "");
		free(shown);
		rc = ERR_INVAL;
	}
	free(buf);
	return rc;
}

/* 1 if the algorithm only obfuscates embedded fonts (IDPF, Adobe): the
 * text is still readable. */
static int
font_obfuscation(const char *alg)
{
	return strcmp(alg, "http://www.idpf.org/2008/embedding") == 0 ||
	       strcmp(alg, "http://ns.adobe.com/pdf/enc#RC") == 0;
}

/* 1 if entry is one the book needs to be read: the OPF or a chapter. */
static int
needed(const struct epub_pkg *p, const char *opf, const char *entry)
{
	if (strcasecmp(entry, opf) == 0)
		return 1;
	for (size_t i = 0; i < p->nspine; i++)
		if (strcasecmp(p->items[p->spine[i].item].name, entry) == 0)
			return 1;
	return 0;
}

/* Refuse a book whose text is encrypted (DRM). Fonts obfuscated by the
 * IDPF or Adobe schemes are no obstacle. */
static int
check_encryption(struct epub_zip *z, const struct epub_pkg *p, const char *opf, char **cause)
{
	if (epub_zip_has(z, "META-INF/rights.xml")) {
		set_cause(cause, "the book is DRM-protected (META-INF/rights.xml); duwen cannot "
				 "read encrypted books");
		return ERR_INVAL;
	}
	if (!epub_zip_has(z, ENCRYPTION))
		return 0;
	char *buf;
	size_t len;
	int rc = epub_zip_read(z, ENCRYPTION, &buf, &len, cause);
	if (rc < 0)
		return rc;
	xmlDocPtr doc = epub_xml_read(buf, len, EPUB_XML_RECOVER);
	free(buf);
	if (doc == NULL) {
		set_cause(cause, "%s is not XML: cannot tell which parts are encrypted", ENCRYPTION);
		return ERR_INVAL;
	}
	for (xmlNodePtr ed = xmlDocGetRootElement(doc)->children; ed && rc == 0; ed = ed->next) {
		if (!epub_xml_is(ed, "EncryptedData"))
			continue;
		char *alg = epub_xml_attr(epub_xml_child(ed, "EncryptionMethod"), "Algorithm");
		char *uri = epub_xml_attr(epub_xml_find(ed, "CipherReference"), "URI");
		char *name = NULL;
		if (uri && epub_href_resolve("", uri, &name, NULL) == ERR_NOMEM)
			rc = ERR_NOMEM;
		if (rc == 0 && name && !(alg && font_obfuscation(alg)) && needed(p, opf, name)) {
			set_cause(cause, "the book is encrypted (DRM): %s is encrypted with %s (%s)",
				  name, alg ? alg : "an unknown algorithm", ENCRYPTION);
			rc = ERR_INVAL;
		}
		free(alg);
		free(uri);
		free(name);
	}
	xmlFreeDoc(doc);
	return rc;
}

/* 1 for a spine item that holds text: (X)HTML, or no media type given. */
static int
is_text_item(const struct epub_item *it)
{
	return it->media_type[0] == 0 || strstr(it->media_type, "html") != NULL;
}

static int
make_chapters(struct epub_book *b)
{
	const struct epub_pkg *p = &b->pkg;
	b->ch = calloc(p->nspine, sizeof *b->ch);
	if (b->ch == NULL)
		return ERR_NOMEM;
	for (int pass = 1; pass >= 0; pass--)
		for (size_t i = 0; i < p->nspine; i++) {
			const struct epub_item *it = &p->items[p->spine[i].item];
			/* the nav document is the outline (o), not a page of
			 * links to scroll through before chapter one */
			if (p->spine[i].linear != pass || !is_text_item(it) || p->spine[i].item == p->nav)
				continue;
			b->ch[b->nch++] = (struct epub_chapter){ it->name, pass,
								 !epub_zip_has(b->zip, it->name) };
		}
	return 0;
}

/* Read the TOC from the nav document, else the NCX; a TOC that cannot be
 * read leaves the book without one (its headings still make an outline). */
static int
read_toc(struct epub_book *b)
{
	const struct epub_pkg *p = &b->pkg;
	const size_t which[2] = { p->nav, p->ncx };
	for (int k = 0; k < 2 && b->toc_from == NULL; k++) {
		if (which[k] >= p->nitems)
			continue;
		const char *name = p->items[which[k]].name;
		char *buf;
		size_t len;
		int rc = epub_zip_read(b->zip, name, &buf, &len, NULL);
		if (rc == ERR_NOMEM)
			return rc;
		if (rc < 0)
			continue;
		rc = k == 0 ? epub_toc_nav(name, buf, len, &b->toc)
			    : epub_toc_ncx(name, buf, len, &b->toc);
		free(buf);
		if (rc == ERR_NOMEM)
			return rc;
		if (rc == 0 && b->toc.n > 0)
			b->toc_from = k == 0 ? "nav" : "ncx";
		else
			epub_toc_free(&b->toc);
	}
	b->toc_ch = malloc((b->toc.n ? b->toc.n : 1) * sizeof *b->toc_ch);
	if (b->toc_ch == NULL)
		return ERR_NOMEM;
	for (size_t t = 0; t < b->toc.n; t++) {
		b->toc_ch[t] = b->nch;
		for (size_t c = 0; b->toc.v[t].name && c < b->nch; c++)
			if (strcmp(b->toc.v[t].name, b->ch[c].name) == 0 ||
			    (b->toc_ch[t] == b->nch && strcasecmp(b->toc.v[t].name, b->ch[c].name) == 0))
				b->toc_ch[t] = c;
	}
	return 0;
}

/* Read the book out of its archive b->zip. */
static int
open_book(struct epub_book *b, char **cause)
{
	int rc = check_mimetype(b->zip, cause);
	if (rc < 0)
		return rc;
	if (!epub_zip_has(b->zip, CONTAINER)) {
		set_cause(cause, "not an EPUB: %s is missing", CONTAINER);
		return ERR_INVAL;
	}
	char *buf, *opf = NULL;
	size_t len;
	rc = epub_zip_read(b->zip, CONTAINER, &buf, &len, cause);
	if (rc < 0)
		return rc;
	rc = epub_pkg_container(buf, len, &opf, cause);
	free(buf);
	if (rc < 0)
		return rc;
	rc = epub_zip_read(b->zip, opf, &buf, &len, cause);
	if (rc == ERR_NOTFOUND) {
		if (cause)
			free(*cause);
		set_cause(cause, "the package document %s named by %s is missing", opf, CONTAINER);
		rc = ERR_INVAL;
	}
	if (rc == 0) {
		rc = epub_pkg_parse(opf, buf, len, &b->pkg, cause);
		free(buf);
	}
	if (rc == 0)
		rc = check_encryption(b->zip, &b->pkg, opf, cause);
	if (rc == 0)
		rc = make_chapters(b);
	if (rc == 0 && b->nch == 0) {
		set_cause(cause, "%s lists no text chapters in its spine", opf);
		rc = ERR_INVAL;
	}
	size_t present = 0;
	for (size_t i = 0; rc == 0 && i < b->nch; i++)
		present += !b->ch[i].missing;
	if (rc == 0 && present == 0) {
		set_cause(cause, "none of the chapters in %s is in the archive (%zu listed, the first: %s)",
			  opf, b->nch, b->ch[0].name);
		rc = ERR_INVAL;
	}
	free(opf);
	if (rc == 0)
		rc = read_toc(b);
	if (rc == 0)
		b->meta = b->pkg.meta; /* moved: the book's own copy */
	if (rc == 0)
		memset(&b->pkg.meta, 0, sizeof b->pkg.meta);
	return rc;
}

/* Open the book at path, or else in bytes[0, n). */
static int
open_either(const char *path, const void *bytes, size_t n, size_t max_bytes,
	    struct epub_book **out, char **cause)
{
	struct epub_book *b = calloc(1, sizeof *b);
	if (b == NULL)
		return ERR_NOMEM;
	char *why = NULL;
	size_t budget = max_bytes ? max_bytes : SOURCE_DEFAULT_MAX_BYTES;
	int rc = path ? epub_zip_open(path, budget, &b->zip, cause ? &why : NULL)
		      : epub_zip_open_bytes(bytes, n, budget, &b->zip, cause ? &why : NULL);
	if (rc == 0)
		rc = open_book(b, cause ? &why : NULL);
	if (rc < 0) {
		epub_close(b);
		if (cause)
			*cause = why;
		return rc;
	}
	free(why);
	*out = b;
	return 0;
}

int
epub_open(const char *path, size_t max_bytes, struct epub_book **out, char **cause)
{
	return open_either(path, NULL, 0, max_bytes, out, cause);
}

int
epub_open_bytes(const void *bytes, size_t n, size_t max_bytes, struct epub_book **out,
		char **cause)
{
	return open_either(NULL, bytes, n, max_bytes, out, cause);
}

int
epub_sniff(const unsigned char *b, size_t n)
{
	static const char mt[] = "application/epub+zip";
	if (n < 30 || memcmp(b, "PK\x03\x04", 4) != 0)
		return 0;
	size_t name = (size_t)b[26] | (size_t)b[27] << 8, extra = (size_t)b[28] | (size_t)b[29] << 8;
	size_t at = 30 + name + extra;
	return name == 8 && memcmp(b + 30, "mimetype", 8) == 0 && n >= at + sizeof mt - 1 &&
	       memcmp(b + at, mt, sizeof mt - 1) == 0;
}

int
epub_read_chapter(struct epub_book *b, size_t i, char **buf, size_t *len, char **cause)
{
	if (i >= b->nch)
		return ERR_RANGE;
	return epub_zip_read(b->zip, b->ch[i].name, buf, len, cause);
}

void
epub_close(struct epub_book *b)
{
	if (b == NULL)
		return;
	epub_meta_free(&b->meta);
	epub_toc_free(&b->toc);
	free(b->toc_ch);
	free(b->ch);
	epub_pkg_free(&b->pkg);
	epub_zip_close(b->zip);
	free(b);
}
