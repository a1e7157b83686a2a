/* html_book: what a book's chapter (and a Markdown page) holds that a saved
 * web page's article rarely does, read for html_emit: an image's alt text,
 * a link to a note and the link back from it, verse broken into lines with
 * <br>. */
#include "html_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ustr.h"

/* Longest line of verse, in html_text_measure's units (a CJK character
 * counts two): a line longer is prose broken with <br>. */
#define VERSE_LINE_MAX 64

static const char *
attr(const GumboNode *g, const char *name)
{
	const GumboAttribute *a = gumbo_get_attribute(&g->v.element.attributes, name);
	return a ? a->value : NULL;
}

/* Does the space-separated list v hold word w? */
static int
has_word(const char *v, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = v; p && (p = strstr(p, w)) != NULL; p += n)
		if ((p == v || p[-1] == ' ') && (p[n] == 0 || p[n] == ' '))
			return 1;
	return 0;
}

int
html_book_alt(const struct htree *t, size_t i, const char **alt, int *alone)
{
	static const char *const empty[] = { "image", "img", "picture", "photo", "figure", "cover",
					     "icon", "logo", "图", "图片", "圖片", "插图", "插圖",
					     "封面", "照片", NULL };
	const GumboNode *g = t->v[i].g;
	const char *a = attr(g, "alt");
	if (t->v[i].tag != GUMBO_TAG_IMG || a == NULL)
		return 0;
	while (*a == ' ')
		a++;
	size_t n = strlen(a);
	while (n > 0 && a[n - 1] == ' ')
		n--;
	if (n == 0 || a[n] != 0)
		return 0; /* XXX: an alt with trailing spaces is left out */
	for (size_t k = 0; empty[k]; k++)
		if (strcasecmp(a, empty[k]) == 0)
			return 0;
	const char *dot = strrchr(a, '.');
	if (dot && !strchr(dot, ' ') && strlen(dot) >= 3 && strlen(dot) <= 5)
		return 0; /* a file name: "moon.jpg" */
	/* a number, or a word and a number: "page 1", "插图2", "img_03" */
	size_t d = n;
	while (d > 0 && strchr("0123456789_- ", a[d - 1]))
		d--;
	if (d == 0 || (d < n && !memchr(a, ' ', d) && ustr_count(a, d) <= 8))
		return 0;
	/* the picture of a link to another page or site (a README's build
	 * badge, a thumbnail): a button, not a picture of the text's */
	for (int q = t->v[i].parent, k = 0; q >= 0 && k < 3; q = t->v[q].parent, k++) {
		const char *href = t->v[q].tag == GUMBO_TAG_A ? attr(t->v[q].g, "href") : NULL;
		if (href && *href && strchr(href, '#') == NULL)
			return 0;
	}
	/* alone: nothing but the image in its block */
	int p = t->v[i].parent;
	while (p >= 0 && !html_is_block(t->v[p].tag))
		p = t->v[p].parent;
	*alt = a;
	*alone = p < 0 || t->v[p].text == 0;
	return 1;
}

static int
in_sup(const struct htree *t, size_t i)
{
	for (int p = t->v[i].parent, k = 0; p >= 0 && k < 2; p = t->v[p].parent, k++)
		if (t->v[p].tag == GUMBO_TAG_SUP)
			return 1;
	for (size_t k = i + 1; k < t->v[i].end; k++)
		if (t->v[k].tag == GUMBO_TAG_SUP)
			return 1;
	return 0;
}

/* The mark without its brackets: "[1]" "(1)" "【1】" "［1］" -> "1". */
static void
unbracket(const char **s, size_t *n)
{
	static const char *const pairs[][2] = { { "[", "]" },   { "(", ")" },
						{ "\u3010", "\u3011" }, { "\uff3b", "\uff3d" },
						{ "\uff08", "\uff09" }, { "\u3014", "\u3015" } };
	for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
		size_t a = strlen(pairs[k][0]), b = strlen(pairs[k][1]);
		if (*n > a + b && memcmp(*s, pairs[k][0], a) == 0 &&
		    memcmp(*s + *n - b, pairs[k][1], b) == 0) {
			*s += a;
			*n -= a + b;
			return;
		}
	}
}

int
html_book_note_link(const struct htree *t, size_t i, char *mark, size_t cap)
{
	const GumboNode *g = t->v[i].g;
	if (t->v[i].tag != GUMBO_TAG_A)
		return HTML_NOTE_NONE;
	const char *type = attr(g, "epub:type"), *role = attr(g, "role"), *href = attr(g, "href");
	if ((type && has_word(type, "backlink")) || (role && has_word(role, "doc-backlink")))
		return HTML_NOTE_BACK;
	int named = (type && has_word(type, "noteref")) || (role && has_word(role, "doc-noteref"));
	if (!named && (href == NULL || strchr(href, '#') == NULL))
		return HTML_NOTE_NONE;
	char *s = html_text_of(t, i);
	if (s == NULL)
		return HTML_NOTE_NONE; /* XXX: out of memory reads as a plain link */
	const char *m = s;
	size_t n = strlen(s);
	/* ↩ ↑ ^ 返回 ◎ (Duokan's notes) */
	static const char *const back[] = { "\u21a9", "\u21a9\ufe0e", "\u2191", "^", "\u25ce", "\u8fd4\u56de",
					    "\u8fd4\u56de\u6b63\u6587", "back", "Back", NULL };
	for (size_t k = 0; back[k]; k++)
		if (strcmp(s, back[k]) == 0) {
			free(s);
			return HTML_NOTE_BACK;
		}
	unbracket(&m, &n);
	/* a mark: a few characters, digits or a note sign, in <sup> unless the
	 * book says it is a note reference */
	int32_t first = 0;
	if (n > 0)
		ustr_next(m, n, 0, &first);
	int marklike = n > 0 && ustr_count(m, n) <= 4 &&
		       (strspn(m, "0123456789*") == n || first == 0x6CE8 /* 注 */ ||
			first == 0x2020 || first == 0x2021 || (first >= 0x2460 && first <= 0x24FF));
	int ok = n > 0 && n + 3 <= cap && (named ? ustr_count(m, n) <= 8 : marklike && in_sup(t, i));
	if (ok) {
		mark[0] = '[';
		memcpy(mark + 1, m, n);
		mark[n + 1] = ']';
		mark[n + 2] = 0;
	}
	free(s);
	return ok ? HTML_NOTE_REF : HTML_NOTE_NONE;
}

/* Walk the inline content of i: lines between <br>s; 0 when a block is
 * inside, a line is too long or opens with an ideographic space (a
 * paragraph break written as <br>). *lines counts the lines with text. */
static int
lines_of(const struct htree *t, size_t i, size_t *line, int *at_start, size_t *lines)
{
	for (int k = t->v[i].first; k >= 0; k = t->v[k].next) {
		const struct hn *h = &t->v[k];
		if (h->flags & HN_SKIP)
			continue;
		if (h->g->type != GUMBO_NODE_ELEMENT) {
			const char *s = h->g->v.text.text;
			while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
				s++;
			if (*s == 0)
				continue;
			if (*at_start && strncmp(s, "\u3000", 3) == 0)
				return 0;
			*lines += *at_start;
			*at_start = 0;
			*line += h->text;
			if (*line > VERSE_LINE_MAX)
				return 0;
			continue;
		}
		if (h->tag == GUMBO_TAG_BR) {
			*line = 0;
			*at_start = 1;
			continue;
		}
		if (html_is_block(h->tag) || !lines_of(t, (size_t)k, line, at_start, lines))
			return 0;
	}
	return 1;
}

int
html_book_verse(const struct htree *t, size_t i)
{
	size_t brs = 0, line = 0, lines = 0;
	for (size_t k = i + 1; k < t->v[i].end; k++)
		brs += t->v[k].tag == GUMBO_TAG_BR;
	int at_start = 1;
	return brs > 0 && lines_of(t, i, &line, &at_start, &lines) && lines >= 2;
}
