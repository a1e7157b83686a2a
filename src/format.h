/* format: the kinds of file duwen reads, told by file name (one table of
 * extensions, which directory listing, loading and --list all use) or, for
 * a stream with no name, by its first bytes. Pure; static strings. */
#ifndef DUWEN_FORMAT_H
#define DUWEN_FORMAT_H

#include <stddef.h>

enum format {
	FORMAT_TEXT, /* .txt: plain text */
	FORMAT_HTML, /* .html .htm .xhtml: a web page */
	FORMAT_EPUB, /* .epub: an e-book */
	FORMAT_MARKDOWN, /* .md .markdown: a Markdown document (a README.md) */
	FORMAT_COUNT
};

/* The short name --list shows: "txt", "html", "epub", "md". */
const char *format_name(enum format f);

/* The format a file name's extension (any case) announces; -1 if the name
 * has none of the table's extensions or is hidden (starts with '.'). The
 * extensions: .txt; .html .htm .xhtml; .epub; .md .markdown. */
int format_of_name(const char *name);

/* The format of a file to load: its extension's, else FORMAT_HTML if its
 * first bytes b[0, n) look like a web page (format_sniff), else
 * FORMAT_TEXT. */
enum format format_of_file(const char *name, const unsigned char *b, size_t n);

/* FORMAT_HTML if b[0, n), after a BOM, white space and comments, opens with
 * <!DOCTYPE html, <html, <head, <body or an XML declaration followed by
 * <html (any case), else FORMAT_TEXT. For stdin and unknown extensions. */
enum format format_sniff(const unsigned char *b, size_t n);

/* The extensions of the table, for messages ("no articles in directory"). */
#define FORMAT_EXTENSIONS ".txt, .html, .htm, .xhtml, .epub, .md or .markdown"

#endif
