/* parse_page: the running headers and footers of a paginated plain text (an
 * RFC: "RFC 2616      HTTP/1.1      June 1999", "Fielding, et al.
 * Standards Track      [Page 12]"; a printed manual's "- 12 -"). Pure; the
 * caller owns the text and the array. */
#ifndef DUWEN_PARSE_PAGE_H
#define DUWEN_PARSE_PAGE_H

#include <stddef.h>

#include "ustr.h"

/* Set furn[i] to 1 for each of lines[0, n) that is page furniture: a line
 * laid out in parts (two spaces or more between them) or a short one
 * holding a page number ("Page 12", "- 12 -", "第 12 页"), that comes back the same but for its
 * digits at least PARSE_PAGE_GAP lines after the last time, next to a blank
 * line each time. Others are left as they are. 0 or ERR_NOMEM. */
int parse_page_furniture(const char *t, const struct ustr_line *lines, size_t n,
			 unsigned char *furn);

#define PARSE_PAGE_GAP 8

#endif
