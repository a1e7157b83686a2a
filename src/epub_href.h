/* epub_href: the links inside an EPUB (manifest hrefs, TOC targets) turned
 * into names of zip entries. Pure string work; results are malloc'd and
 * freed by the caller. */
#ifndef DUWEN_EPUB_HREF_H
#define DUWEN_EPUB_HREF_H

/* Resolve href, written in the entry doc (e.g. "OEBPS/content.opf"), to the
 * entry it names: relative to doc's folder ("/x" from the archive's root),
 * percent-decoded, "." and ".." applied; "#frag" and "?query" split off.
 * *name gets the entry name (doc itself for a bare "#frag"), *frag (if frag)
 * the decoded fragment or NULL. 0, ERR_INVAL (empty, an external link such
 * as "http://...", or a path that climbs out of the archive) or ERR_NOMEM;
 * outputs written only on success. */
int epub_href_resolve(const char *doc, const char *href, char **name, char **frag);

#endif
