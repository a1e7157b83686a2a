/* html_charset: the encoding a page declares (a browser's prescan of the
 * first 1024 bytes, WHATWG "prescan a byte stream"), and the decoding of a
 * page that weighs it. */
#include "html.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "charset.h"
#include "err.h"

/* WHATWG labels that iconv names differently or that mean a superset. */
static const char *
iconv_name(const char *label)
{
	static const struct {
		const char *label, *name;
	} map[] = {
		{ "gb2312", "GB18030" }, { "gbk", "GB18030" },	 { "x-gbk", "GB18030" },
		{ "gb_2312-80", "GB18030" }, { "chinese", "GB18030" }, { "csgb2312", "GB18030" },
		{ "gb18030", "GB18030" }, { "big5", "BIG5-HKSCS" }, { "big5-hkscs", "BIG5-HKSCS" },
		{ "x-x-big5", "BIG5-HKSCS" }, { "utf8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" },
		/* a page in UTF-16 declared so is read as its bytes say */
		{ "utf-16", "UTF-8" }, { "utf-16le", "UTF-8" }, { "utf-16be", "UTF-8" },
		{ "iso-8859-1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
		{ "us-ascii", "WINDOWS-1252" }, { "ascii", "WINDOWS-1252" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcasecmp(label, map[i].label) == 0)
			return map[i].name;
	return label;
}

/* Copy the charset=X value of a Content-Type string into buf. */
static int
charset_param(const char *s, size_t n, char *buf, size_t cap)
{
	for (size_t i = 0; i + 7 <= n; i++) {
		if (strncasecmp(s + i, "charset", 7) != 0)
			continue;
		size_t j = i + 7;
		while (j < n && isspace((unsigned char)s[j]))
			j++;
		if (j >= n || s[j] != '=')
			continue;
		j++;
		while (j < n && (isspace((unsigned char)s[j]) || s[j] == '"' || s[j] == '\''))
			j++;
		size_t k = 0;
		while (j < n && k + 1 < cap && (isalnum((unsigned char)s[j]) || strchr("-_.:", s[j])))
			buf[k++] = s[j++];
		buf[k] = 0;
		return k > 0;
	}
	return 0;
}

/* Read one attribute at b[*i] (inside a tag): name into nm, value into vl.
 * 0 at the tag's end. */
static int
attribute(const unsigned char *b, size_t n, size_t *i, char *nm, size_t ncap, char *vl,
	  size_t vcap)
{
	size_t p = *i, k = 0;
	while (p < n && (isspace(b[p]) || b[p] == '/'))
		p++;
	if (p >= n || b[p] == '>')
		return 0;
	while (p < n && !isspace(b[p]) && b[p] != '=' && b[p] != '>' && b[p] != '/') {
		if (k + 1 < ncap)
			nm[k++] = (char)tolower(b[p]);
		p++;
	}
	nm[k] = 0;
	k = 0;
	while (p < n && isspace(b[p]))
		p++;
	if (p < n && b[p] == '=') {
		p++;
		while (p < n && isspace(b[p]))
			p++;
		if (p < n && (b[p] == '"' || b[p] == '\'')) {
			unsigned char q = b[p++];
			while (p < n && b[p] != q) {
				if (k + 1 < vcap)
					vl[k++] = (char)b[p];
				p++;
			}
			p += p < n;
		} else {
			while (p < n && !isspace(b[p]) && b[p] != '>') {
				if (k + 1 < vcap)
					vl[k++] = (char)b[p];
				p++;
			}
		}
	}
	vl[k] = 0;
	*i = p;
	return 1;
}

static int
found(const char *label, char *name, size_t cap)
{
	const char *nm = iconv_name(label);
	if (!charset_known(nm))
		return 0;
	snprintf(name, cap, "%s", nm);
	return 1;
}

int
html_prescan_charset(const unsigned char *b, size_t n, char *name, size_t cap)
{
	if (n > 1024)
		n = 1024;
	char label[64];
	/* <?xml version="1.0" encoding="GBK"?> */
	if (n > 5 && memcmp(b, "<?xml", 5) == 0) {
		const unsigned char *e = memchr(b, '>', n);
		size_t end = e ? (size_t)(e - b) : n, i = 5;
		char nm[32], vl[64];
		while (attribute(b, end, &i, nm, sizeof nm, vl, sizeof vl))
			if (strcmp(nm, "encoding") == 0 && vl[0])
				return found(vl, name, cap);
	}
	for (size_t i = 0; i + 5 < n; i++) {
		if (b[i] != '<')
			continue;
		if (n - i >= 4 && memcmp(b + i, "<!--", 4) == 0) {
			const unsigned char *e = memmem(b + i + 4, n - i - 4, "-->", 3);
			if (e == NULL)
				return 0;
			i = (size_t)(e - b) + 2;
			continue;
		}
		if (strncasecmp((const char *)b + i, "<meta", 5) != 0 ||
		    !(isspace(b[i + 5]) || b[i + 5] == '/'))
			continue;
		size_t p = i + 5;
		char nm[32], vl[256];
		int http_ct = 0, have = 0;
		label[0] = 0;
		char content[256] = "";
		while (attribute(b, n, &p, nm, sizeof nm, vl, sizeof vl)) {
			if (strcmp(nm, "charset") == 0 && !have) {
				snprintf(label, sizeof label, "%.63s", vl);
				have = 1;
			} else if (strcmp(nm, "http-equiv") == 0) {
				http_ct = strcasecmp(vl, "content-type") == 0;
			} else if (strcmp(nm, "content") == 0) {
				snprintf(content, sizeof content, "%s", vl);
			}
		}
		if (!have && http_ct && charset_param(content, strlen(content), label, sizeof label))
			have = 1;
		if (have && label[0])
			return found(label, name, cap);
		i = p;
	}
	return 0;
}

/* Well-formed multibyte sequences a page needs, and how many of them per
 * ill-formed one at least, to be read as UTF-8 with stray bytes. */
#define HTML_UTF8_MIN 20
#define HTML_UTF8_RATIO 20

int
html_decode(const struct source_opts *opts, const unsigned char *b, size_t n,
	    struct source_text *out, char **cause)
{
	int has_bom = (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0) ||
		      (n >= 2 && (memcmp(b, "\xFF\xFE", 2) == 0 || memcmp(b, "\xFE\xFF", 2) == 0));
	char name[64];
	if ((opts && opts->encoding) || has_bom || memchr(b, 0, n))
		return source_decode(opts, b, n, out, cause);
	size_t mb, bad;
	charset_utf8_scan(b, n, &mb, &bad);
	if (bad > 0 && mb >= HTML_UTF8_MIN && bad * HTML_UTF8_RATIO <= mb) {
		/* UTF-8 with a stray byte (a saved page's meta may still name
		 * GBK): GBK or Big5 read as UTF-8 has 4 to 12 ill-formed
		 * sequences per well-formed one, a page of UTF-8 one in
		 * thousands. Each stray byte is one U+FFFD. */
		struct source_opts o = { 0 };
		if (opts)
			o = *opts;
		o.encoding = "UTF-8";
		return source_decode(&o, b, n, out, cause);
	}
	if (bad > 0 && html_prescan_charset(b, n, name, sizeof name) &&
	    !(strcasecmp(name, "UTF-8") == 0 && bad > mb)) {
		/* (a page that says UTF-8 but is not, as a GBK page re-saved
		 * with its old meta, is detected as text is) */
		struct source_opts o = { 0 };
		if (opts)
			o = *opts;
		o.encoding = name;
		return source_decode(&o, b, n, out, cause);
	}
	return source_decode(opts, b, n, out, cause);
}
