/* html_nest: a page's bytes made fit for the HTML parser. Gumbo scans its
 * stack of open elements for most tags, so 200,000 nested <div>s take it
 * minutes (quadratic and worse), and html_tree reads no text below depth
 * 400: past HTML_NEST_MAX open elements, as the tags nest by a light
 * estimate (a stack of names; end tags close up to their match; the
 * elements whose end tag may be left out close as HTML says), start tags
 * and their end tags are left out, a block's start tag becoming a <br> so
 * its text still starts a line, as Blink caps its tree at 512. Raw C0 and C1
 * controls go with their escape sequences before the parser turns each
 * into a U+FFFD and leaves the sequence as text. */
#include "html_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clean_buf.h"
#include "err.h"
#include "sanitize.h"

/* A tag name's short form: its first 15 bytes, lower case. */
struct name {
	char s[16];
};

struct open {
	struct name name;
	int dropped;
};

struct nest {
	struct open *v;
	size_t n, cap;
	size_t kept;   /* elements on the stack that were kept */
	const char *in;
	size_t len;
	struct clean_buf out; /* started at the first change */
	size_t copied;        /* in[0, copied) is in out */
	int changed;
};

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static size_t
read_name(const char *s, size_t len, size_t i, struct name *nm)
{
	size_t k = 0;
	while (i < len && !is_space(s[i]) && s[i] != '/' && s[i] != '>') {
		if (k + 1 < sizeof nm->s)
			nm->s[k++] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
		i++;
	}
	nm->s[k] = 0;
	return i;
}

static int
name_in(const struct name *nm, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(nm->s, list[i]) == 0)
			return 1;
	return 0;
}

static const char *const void_tags[] = { "area", "base", "br", "col", "embed", "hr", "img",
					 "input", "link", "meta", "param", "source", "track",
					 "wbr", "keygen", "basefont", "bgsound", "frame", NULL };
/* their text runs to their end tag, with no tags in it */
static const char *const raw_tags[] = { "script", "style", "textarea", "title", "xmp",
					"iframe", "noembed", "noframes", "plaintext", NULL };
static const char *const block_tags[] = {
	"address", "article", "aside", "blockquote", "center", "details", "dialog", "dir",
	"div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
	"h4", "h5", "h6", "header", "hgroup", "li", "main", "menu", "nav", "ol", "p", "pre",
	"section", "table", "ul", "dd", "dt", "tr", "td", "th", "caption", NULL
};

/* The end of the tag whose attributes start at i: one past its '>' (quotes
 * after '=' may hold '>'), or len; *self set for a "/>" ending. */
static size_t
tag_end(const char *s, size_t len, size_t i, int *self)
{
	*self = 0;
	while (i < len && s[i] != '>') {
		if (s[i] == '=') {
			i++;
			while (i < len && is_space(s[i]))
				i++;
			if (i < len && (s[i] == '"' || s[i] == '\'')) {
				const char *q = memchr(s + i + 1, s[i], len - i - 1);
				i = q ? (size_t)(q - s) + 1 : len;
			}
			continue;
		}
		*self = s[i] == '/';
		i++;
	}
	if (i < len && *self && i > 0 && s[i - 1] != '/')
		*self = 0;
	return i < len ? i + 1 : len;
}

/* Copy in[copied, upto) to out, once a change has started. */
static int
keep_to(struct nest *n, size_t upto)
{
	if (!n->changed) {
		n->changed = 1;
		if (clean_buf_reserve(&n->out, n->len) < 0)
			return ERR_NOMEM;
	}
	if (clean_buf_put(&n->out, n->in + n->copied, upto - n->copied) < 0)
		return ERR_NOMEM;
	n->copied = upto;
	return 0;
}

/* Leave in[a, b) out, writing repl instead. */
static int
replace(struct nest *n, size_t a, size_t b, const char *repl)
{
	if (keep_to(n, a) < 0 || clean_buf_put(&n->out, repl, strlen(repl)) < 0)
		return ERR_NOMEM;
	n->copied = b;
	return 0;
}

static void
pop(struct nest *n)
{
	n->n--;
	if (!n->v[n->n].dropped)
		n->kept--;
}

static int
top_is(const struct nest *n, const char *const *list)
{
	return n->n > 0 && name_in(&n->v[n->n - 1].name, list);
}

/* The end tags HTML leaves implied when a start tag of nm comes. */
static void
imply_ends(struct nest *n, const struct name *nm)
{
	static const char *const p[] = { "p", NULL };
	static const char *const li[] = { "li", NULL };
	static const char *const dl[] = { "dt", "dd", NULL };
	static const char *const cell[] = { "td", "th", NULL };
	static const char *const row[] = { "td", "th", "tr", NULL };
	static const char *const option[] = { "option", NULL };
	if (name_in(nm, block_tags) && top_is(n, p))
		pop(n);
	if (strcmp(nm->s, "li") == 0 && top_is(n, li))
		pop(n);
	else if ((strcmp(nm->s, "dt") == 0 || strcmp(nm->s, "dd") == 0) && top_is(n, dl))
		pop(n);
	else if (strcmp(nm->s, "td") == 0 || strcmp(nm->s, "th") == 0) {
		if (top_is(n, cell))
			pop(n);
	} else if (strcmp(nm->s, "tr") == 0) {
		while (top_is(n, row))
			pop(n);
	} else if (strcmp(nm->s, "option") == 0 && top_is(n, option))
		pop(n);
}

static int
start_tag(struct nest *n, size_t lt, size_t end, const struct name *nm, int self)
{
	if (self || name_in(nm, void_tags))
		return 0;
	imply_ends(n, nm);
	if (n->n == n->cap) {
		size_t cap = n->cap ? n->cap * 2 : 64;
		struct open *v = realloc(n->v, cap * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		n->v = v;
		n->cap = cap;
	}
	int drop = n->kept >= HTML_NEST_MAX;
	n->v[n->n++] = (struct open){ .name = *nm, .dropped = drop };
	if (!drop) {
		n->kept++;
		return 0;
	}
	return replace(n, lt, end, name_in(nm, block_tags) ? "<br>" : "");
}

/* How far down the stack an end tag looks for its element: a stray end
 * tag costs no more than this. */
#define HTML_NEST_LOOK 1024

static int
end_tag(struct nest *n, size_t lt, size_t end, const struct name *nm)
{
	size_t k = n->n, stop = n->n > HTML_NEST_LOOK ? n->n - HTML_NEST_LOOK : 0;
	while (k > stop && strcmp(n->v[k - 1].name.s, nm->s) != 0)
		k--;
	if (k == stop)
		return 0; /* nothing to close: the parser ignores it */
	int dropped = n->v[k - 1].dropped;
	while (n->n >= k)
		pop(n);
	return dropped ? replace(n, lt, end, "") : 0;
}

/* i is at '<': the index past what it opens (a tag, a comment, the text
 * of a raw element); 0 or ERR_NOMEM in *rc. */
static size_t
markup(struct nest *n, size_t i, int *rc)
{
	const char *s = n->in;
	size_t len = n->len;
	*rc = 0;
	if (i + 3 < len && memcmp(s + i, "<!--", 4) == 0) {
		const char *e = memmem(s + i + 4, len - i - 4, "-->", 3);
		return e ? (size_t)(e - s) + 3 : len;
	}
	if (i + 1 < len && (s[i + 1] == '!' || s[i + 1] == '?')) {
		const char *e = memchr(s + i, '>', len - i);
		return e ? (size_t)(e - s) + 1 : len;
	}
	int close = i + 1 < len && s[i + 1] == '/';
	size_t at = i + 1 + (size_t)close;
	if (at >= len || !is_alpha(s[at]))
		return i + 1; /* a '<' in text */
	struct name nm;
	int self;
	size_t end = tag_end(s, len, read_name(s, len, at, &nm), &self);
	if (close) {
		*rc = end_tag(n, i, end, &nm);
		return end;
	}
	if (name_in(&nm, raw_tags)) {
		/* to its end tag, which closes it: nothing is pushed */
		size_t nl = strlen(nm.s);
		for (size_t k = end; k + 2 + nl <= len; k++) {
			const char *lt = memchr(s + k, '<', len - k);
			if (lt == NULL)
				break;
			k = (size_t)(lt - s);
			if (k + 2 + nl <= len && s[k + 1] == '/' && strncasecmp(s + k + 2, nm.s, nl) == 0)
				return k;
		}
		return len;
	}
	*rc = start_tag(n, i, end, &nm, self);
	return end;
}

/* 1 if s[0, len) holds a raw control the parser would turn into U+FFFD:
 * C0 other than tab, line feed, form feed and carriage return, DEL, C1. */
static int
has_controls(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || c == 0x7F ||
		    (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
		     (unsigned char)s[i + 1] <= 0x9F))
			return 1;
	}
	return 0;
}

int
html_nest_bound(const char *in, size_t len, char **out, size_t *out_len)
{
	struct clean_buf clean = { 0 };
	if (has_controls(in, len)) {
		struct sanitize_stats st = { 0 };
		if (sanitize_plain(in, len, &clean, &st) < 0) {
			clean_buf_free(&clean);
			return ERR_NOMEM;
		}
		in = clean.s;
		len = clean.len;
	}
	struct nest n = { .in = in, .len = len };
	int rc = 0;
	for (size_t i = 0; i < len && rc == 0;) {
		const char *lt = memchr(in + i, '<', len - i);
		if (lt == NULL)
			break;
		i = markup(&n, (size_t)(lt - in), &rc);
	}
	if (rc == 0 && n.changed)
		rc = keep_to(&n, len);
	free(n.v);
	if (rc < 0) {
		clean_buf_free(&n.out);
		clean_buf_free(&clean);
		return rc;
	}
	if (n.changed) {
		clean_buf_free(&clean);
		*out = n.out.s;
		*out_len = n.out.len;
		return 1;
	}
	if (clean.s) {
		*out = clean.s;
		*out_len = clean.len;
		return 1;
	}
	return 0;
}
