#include "format.h"

#include <string.h>
#include <strings.h>

static const struct {
	const char *ext;
	enum format f;
} FORMAT_EXT[] = {
	{ ".txt", FORMAT_TEXT },   { ".html", FORMAT_HTML }, { ".htm", FORMAT_HTML },
	{ ".xhtml", FORMAT_HTML }, { ".epub", FORMAT_EPUB },   { ".md", FORMAT_MARKDOWN },
	{ ".markdown", FORMAT_MARKDOWN },
};

const char *
format_name(enum format f)
{
	static const char *const name[FORMAT_COUNT] = { "txt", "html", "epub", "md" };
	return f >= 0 && f < FORMAT_COUNT ? name[f] : "?";
}

int
format_of_name(const char *name)
{
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	if (base[0] == '.')
		return -1;
	size_t n = strlen(base);
	for (size_t i = 0; i < sizeof FORMAT_EXT / sizeof FORMAT_EXT[0]; i++) {
		size_t k = strlen(FORMAT_EXT[i].ext);
		if (n > k && strcasecmp(base + n - k, FORMAT_EXT[i].ext) == 0)
			return (int)FORMAT_EXT[i].f;
	}
	return -1;
}

enum format
format_of_file(const char *name, const unsigned char *b, size_t n)
{
	int f = name ? format_of_name(name) : -1;
	return f >= 0 ? (enum format)f : format_sniff(b, n);
}

static int
starts_ci(const unsigned char *b, size_t n, size_t i, const char *s)
{
	size_t k = strlen(s);
	return n - i >= k && strncasecmp((const char *)b + i, s, k) == 0;
}

enum format
format_sniff(const unsigned char *b, size_t n)
{
	size_t i = n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	for (int guard = 0; guard < 64 && i < n; guard++) {
		while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r' ||
				 b[i] == '\f'))
			i++;
		if (starts_ci(b, n, i, "<!--")) {
			const unsigned char *e = memmem(b + i + 4, n - i - 4, "-->", 3);
			if (e == NULL)
				return FORMAT_TEXT;
			i = (size_t)(e - b) + 3;
		} else if (starts_ci(b, n, i, "<?xml")) {
			const unsigned char *e = memchr(b + i, '>', n - i);
			if (e == NULL)
				return FORMAT_TEXT;
			i = (size_t)(e - b) + 1;
		} else {
			break;
		}
	}
	static const char *const open[] = { "<!doctype html", "<html", "<head", "<body" };
	for (size_t k = 0; k < sizeof open / sizeof open[0]; k++)
		if (starts_ci(b, n, i, open[k])) {
			size_t e = i + strlen(open[k]);
			/* "<html" but not "<htmlfoo" */
			if (e == n || strchr(" \t\n\r\f>/", b[e]))
				return FORMAT_HTML;
		}
	return FORMAT_TEXT;
}
