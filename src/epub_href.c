/* Resolving links inside an EPUB; see epub_href.h. */
#include "epub_href.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decode s[0, n) into a malloc'd string; a stray '%' stays. */
static char *
decode(const char *s, size_t n)
{
	char *out = malloc(n + 1);
	if (out == NULL)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		int hi, lo;
		if (s[i] == '%' && i + 2 < n && (hi = hexval(s[i + 1])) >= 0 &&
		    (lo = hexval(s[i + 2])) >= 0 && (hi | lo) != 0) {
			out[k++] = (char)(hi << 4 | lo);
			i += 2;
		} else {
			out[k++] = s[i];
		}
	}
	out[k] = 0;
	return out;
}

/* 1 if href starts with a URI scheme ("http:", "mailto:"). */
static int
has_scheme(const char *href)
{
	size_t i = 0;
	while ((href[i] >= 'a' && href[i] <= 'z') || (href[i] >= 'A' && href[i] <= 'Z') ||
	       (i > 0 && ((href[i] >= '0' && href[i] <= '9') || href[i] == '+' ||
			  href[i] == '-' || href[i] == '.')))
		i++;
	return i > 0 && href[i] == ':';
}

int
epub_href_resolve(const char *doc, const char *href, char **name, char **frag)
{
	while (*href == ' ' || *href == '\t' || *href == '\n' || *href == '\r')
		href++;
	if (*href == 0 || has_scheme(href))
		return ERR_INVAL;
	size_t plen = strcspn(href, "?#");
	const char *hash = strchr(href, '#');
	/* the path to normalise: doc's folder + href, or href from the root */
	const char *slash = strrchr(doc, '/');
	size_t dlen = href[0] == '/' || plen == 0 ? 0 : slash ? (size_t)(slash - doc) + 1 : 0;
	char *path;
	if (plen == 0) {
		path = strdup(doc);
	} else {
		char *tail = decode(href, plen);
		if (tail == NULL)
			return ERR_NOMEM;
		path = malloc(dlen + strlen(tail) + 1);
		if (path) {
			memcpy(path, doc, dlen);
			strcpy(path + dlen, tail);
		}
		free(tail);
	}
	if (path == NULL)
		return ERR_NOMEM;
	/* apply "." and "..", in place: each kept segment is copied down */
	size_t w = 0;
	int rc = 0;
	for (char *seg = path; *seg && rc == 0;) {
		size_t n = strcspn(seg, "/");
		char *next = seg[n] ? seg + n + 1 : seg + n;
		if (n == 0 || (n == 1 && seg[0] == '.')) {
			/* skip */
		} else if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			if (w == 0)
				rc = ERR_INVAL;
			else {
				w--; /* the '/' after the last kept segment */
				while (w > 0 && path[w - 1] != '/')
					w--;
			}
		} else {
			memmove(path + w, seg, n);
			w += n;
			if (seg[n] == '/')
				path[w++] = '/';
		}
		seg = next;
	}
	if (rc == 0 && (w == 0 || path[w - 1] == '/'))
		rc = ERR_INVAL; /* a folder, not an entry */
	if (rc < 0) {
		free(path);
		return rc;
	}
	path[w] = 0;
	char *f = NULL;
	if (frag && hash && hash[1]) {
		f = decode(hash + 1, strlen(hash + 1));
		if (f == NULL) {
			free(path);
			return ERR_NOMEM;
		}
	}
	*name = path;
	if (frag)
		*frag = f;
	return 0;
}
