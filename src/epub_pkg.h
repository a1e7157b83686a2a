/* epub_pkg: an EPUB's container document (META-INF/container.xml) and its
 * package document (the OPF): metadata, manifest and spine, with every
 * href resolved to a zip entry name. Works on bytes already read; owns the
 * strings of its results (epub_pkg_free). */
#ifndef DUWEN_EPUB_PKG_H
#define DUWEN_EPUB_PKG_H

#include <stddef.h>

struct epub_meta {
	char *title;     /* dc:title; NULL if none */
	char *creator;   /* dc:creator(s), authors first, joined; NULL if none */
	char *date;      /* dc:date of publication, "YYYY-MM-DD" when it was ISO */
	char *publisher; /* dc:publisher; NULL if none */
	char *language;  /* dc:language, e.g. "zh-CN"; NULL if none */
};

struct epub_item {
	char *id;
	char *name;       /* resolved zip entry name; NULL for an external href */
	char *media_type; /* "" if absent */
	char *properties; /* "" if absent, e.g. "nav scripted" */
};

struct epub_spine_ref {
	size_t item; /* index into epub_pkg.items */
	int linear;  /* 0 for linear="no" (auxiliary content) */
};

struct epub_pkg {
	struct epub_meta meta;
	struct epub_item *items;
	size_t nitems;
	struct epub_spine_ref *spine; /* reading order */
	size_t nspine;
	size_t nav; /* item of the EPUB 3 navigation document, or nitems */
	size_t ncx; /* item of the EPUB 2 NCX, or nitems */
};

/* The package document's entry name from container.xml bytes: the first
 * rootfile of type application/oebps-package+xml (else the first one).
 * 0 with *opf malloc'd, or ERR_INVAL with *cause (if cause) a malloc'd
 * reason, or ERR_NOMEM. */
int epub_pkg_container(const char *xml, size_t len, char **opf, char **cause);

/* Parse the package document opf_name (its bytes xml[0, len)). Spine
 * references to unknown ids or to external items are skipped. 0, or
 * ERR_INVAL (not XML, no package element, or an empty spine) with *cause
 * (if cause) a malloc'd reason, or ERR_NOMEM; out written only on success. */
int epub_pkg_parse(const char *opf_name, const char *xml, size_t len, struct epub_pkg *out,
		   char **cause);

void epub_pkg_free(struct epub_pkg *p);
void epub_meta_free(struct epub_meta *m);

/* 1 if the space-separated list has the token tok ("nav" in "nav svg"). */
int epub_pkg_has_token(const char *list, const char *tok);

#endif
