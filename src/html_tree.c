/* html_tree: gumbo's tree mirrored into an array in document order, with
 * the statistics the article scoring reads. */
#include "html_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "ustr.h"

static int
push(struct htree *t, const GumboNode *g, int parent, GumboTag tag)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 256;
		struct hn *v = realloc(t->v, cap * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		t->v = v;
		t->cap = cap;
	}
	t->v[t->n] = (struct hn){ .g = g, .parent = parent, .first = -1, .next = -1, .tag = tag };
	return (int)t->n++;
}

static int
skipped_tag(const GumboNode *g)
{
	if (g->v.element.tag_namespace != GUMBO_NAMESPACE_HTML)
		return 1; /* svg, math */
	switch (g->v.element.tag) {
	case GUMBO_TAG_SCRIPT:
	case GUMBO_TAG_STYLE:
	case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_NOSCRIPT:
	case GUMBO_TAG_SVG:
	case GUMBO_TAG_MATH:
	case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_OBJECT:
	case GUMBO_TAG_EMBED:
	case GUMBO_TAG_CANVAS:
	case GUMBO_TAG_VIDEO:
	case GUMBO_TAG_AUDIO:
	case GUMBO_TAG_SELECT:
	case GUMBO_TAG_OPTION:
	case GUMBO_TAG_TEXTAREA:
	case GUMBO_TAG_BUTTON:
	case GUMBO_TAG_INPUT:
	case GUMBO_TAG_TITLE:
	case GUMBO_TAG_META:
	case GUMBO_TAG_LINK:
	case GUMBO_TAG_BASE:
	case GUMBO_TAG_IMG:
	case GUMBO_TAG_MAP:
	case GUMBO_TAG_AREA:
	case GUMBO_TAG_RT: /* ruby annotations (pinyin, zhuyin): the base text is read */
	case GUMBO_TAG_RP:
		return 1;
	default:
		return 0;
	}
}

static const char *
attr(const GumboNode *g, const char *name)
{
	const GumboAttribute *a = gumbo_get_attribute(&g->v.element.attributes, name);
	return a ? a->value : NULL;
}

/* 1 if the element is hidden: the hidden attribute, aria-hidden, or an
 * inline style of display:none. Not visibility:hidden, which WeChat puts on
 * its article until a script shows it (Firefox's reader view does the
 * same). */
static int
hidden(const GumboNode *g)
{
	const char *v;
	if (attr(g, "hidden"))
		return 1;
	if ((v = attr(g, "aria-hidden")) && strcasecmp(v, "true") == 0)
		return 1;
	if ((v = attr(g, "style")) == NULL)
		return 0;
	char buf[256];
	size_t w = 0;
	for (; *v && w + 1 < sizeof buf; v++)
		if (!isspace((unsigned char)*v))
			buf[w++] = (char)tolower((unsigned char)*v);
	buf[w] = 0;
	return strstr(buf, "display:none") != NULL;
}

/* Words of class and id values that mark page furniture or the article.
 * Matched as substrings of the lower-cased value, as readability does,
 * except for the short ones, which must stand as a word (between -, _,
 * space or the ends) so that "ad" does not match "head" or "download". */
static const char *const NEG[] = {
	"comment", "footer", "foot", "sidebar", "sidenav", "share", "social", "related",
	"recommend", "nav", "menu", "breadcrumb", "banner", "sponsor", "promo", "advert",
	"masthead", "popup", "modal", "newsletter", "subscribe", "widget", "toolbar",
	"pagination", "copyright", "disclaimer", "login", "signup", "cookie",
	"outbrain", "taboola", "shoutbox", "combx", "ranking", "byline-share",
	"author-bio", "more-stories", "read-more", "guanggao", "tuijian", "xiangguan",
	NULL,
};
static const char *const NEG_WORD[] = { "ad", "ads", "adv", "top", "bottom", "side", "tool",
					  "tools", "meta", "extra", "hot", "rank", "pager", "tags", "print", "hide", "hidden", NULL };
static const char *const POS[] = {
	"article", "content", "entry", "hentry", "main", "post", "story", "text", "body",
	"blog", "zhengwen", "neirong", "detail", "artical", "rich_media", NULL,
};

static int
has_word(const char *s, const char *w)
{
	size_t k = strlen(w);
	for (const char *p = s; (p = strstr(p, w)) != NULL; p++) {
		int before = p == s || !isalnum((unsigned char)p[-1]);
		int after = !isalnum((unsigned char)p[k]);
		if (before && after)
			return 1;
	}
	return 0;
}

static int
weigh(const char *v)
{
	if (v == NULL || *v == 0)
		return 0;
	char buf[512];
	size_t n = 0;
	for (; *v && n + 1 < sizeof buf; v++)
		buf[n++] = (char)tolower((unsigned char)*v);
	buf[n] = 0;
	int w = 0, neg = 0, pos = 0;
	for (size_t i = 0; NEG[i] && !neg; i++)
		neg = strstr(buf, NEG[i]) != NULL;
	for (size_t i = 0; NEG_WORD[i] && !neg; i++)
		neg = has_word(buf, NEG_WORD[i]);
	for (size_t i = 0; POS[i] && !pos; i++)
		pos = strstr(buf, POS[i]) != NULL;
	w -= neg ? 25 : 0;
	w += pos ? 25 : 0;
	return w;
}

/* Words of the page's metadata lines: byline, date, photo credit. */
static const char *const BYLINE[] = { "byline", "author", "dateline", "timestamp", "published",
				      "credit", "pubdate", "datetime", "posted", NULL };
static const char *const BYLINE_WORD[] = { "date", "time", "updated", "meta", "source", "info",
					   NULL };

/* has_word on the value as written: a capital after a small letter also
 * starts a word ("storyDate", "dateModified"). */
static int
has_word_camel(const char *s, const char *w)
{
	size_t k = strlen(w);
	for (const char *p = s; (p = strcasestr(p, w)) != NULL; p++) {
		int before = p == s || !isalnum((unsigned char)p[-1]) ||
			     (isupper((unsigned char)p[0]) && islower((unsigned char)p[-1]));
		int after = !isalnum((unsigned char)p[k]) || isupper((unsigned char)p[k]);
		if (before && after)
			return 1;
	}
	return 0;
}

static int
byline_value(const char *v)
{
	if (v == NULL || *v == 0)
		return 0;
	for (size_t i = 0; BYLINE_WORD[i]; i++)
		if (has_word_camel(v, BYLINE_WORD[i]))
			return 1;
	char buf[256];
	size_t n = 0;
	for (; *v && n + 1 < sizeof buf; v++)
		buf[n++] = (char)tolower((unsigned char)*v);
	buf[n] = 0;
	for (size_t i = 0; BYLINE[i]; i++)
		if (strstr(buf, BYLINE[i]))
			return 1;
	return 0;
}

static int
byline(const GumboNode *g)
{
	return g->v.element.tag == GUMBO_TAG_ADDRESS || byline_value(attr(g, "class")) ||
	       byline_value(attr(g, "id")) || byline_value(attr(g, "itemprop")) ||
	       byline_value(attr(g, "rel"));
}

/* A picture's caption: <figcaption>, or "caption" in the class or id
 * (wp-caption-text, media-caption, image-caption). */
static int
caption(const GumboNode *g)
{
	if (g->v.element.tag == GUMBO_TAG_FIGCAPTION)
		return 1;
	const char *v[] = { attr(g, "class"), attr(g, "id") };
	for (size_t i = 0; i < 2; i++)
		if (v[i] && strcasestr(v[i], "caption"))
			return 1;
	return 0;
}

int
html_hint(const GumboNode *g)
{
	if (g->type != GUMBO_NODE_ELEMENT)
		return 0;
	return weigh(attr(g, "class")) + weigh(attr(g, "id"));
}

int
html_is_block(GumboTag tag)
{
	switch (tag) {
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_CENTER: case GUMBO_TAG_DD:
	case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR:
	case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
	case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE:
	case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_H1:
	case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
	case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP:
	case GUMBO_TAG_HR: case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU:
	case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE:
	case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE:
	case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
	case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION:
	case GUMBO_TAG_UL: case GUMBO_TAG_BODY: case GUMBO_TAG_HTML: case GUMBO_TAG_BR:
		return 1;
	default:
		return 0;
	}
}

static int
is_comma(int32_t cp)
{
	switch (cp) {
	case ',': case 0xFF0C: case 0x3001: case 0x3002: case 0xFF1B: case 0xFF1A:
	case 0xFF01: case 0xFF1F:
		return 1;
	default:
		return 0;
	}
}

void
html_text_measure(const char *s, size_t *len, size_t *commas)
{
	size_t n = strlen(s), l = 0, c = 0;
	int space = 1;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		i = ustr_next(s, n, i, &cp);
		if (cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r' || cp == '\f' ||
		    ustr_is_space(cp)) {
			l += !space;
			space = 1;
			continue;
		}
		space = 0;
		l += ustr_is_cjk(cp) ? 2 : 1;
		c += is_comma(cp);
	}
	*len = l;
	*commas = c;
}

static int
build(struct htree *t, const GumboNode *g, int parent, int depth)
{
	int i;
	if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_CDATA ||
	    g->type == GUMBO_NODE_WHITESPACE) {
		if ((i = push(t, g, parent, GUMBO_TAG_UNKNOWN)) < 0)
			return i;
		html_text_measure(g->v.text.text, &t->v[i].text, &t->v[i].commas);
		t->v[i].end = t->n;
		return i;
	}
	if (g->type != GUMBO_NODE_ELEMENT && g->type != GUMBO_NODE_TEMPLATE)
		return -2; /* comments, the document */
	if ((i = push(t, g, parent, g->v.element.tag)) < 0)
		return i;
	struct hn *h = &t->v[i];
	if (g->type == GUMBO_NODE_TEMPLATE || skipped_tag(g))
		h->flags |= HN_SKIP;
	if (hidden(g))
		h->flags |= HN_HIDDEN;
	h->hint = html_hint(g);
	if (byline(g))
		h->flags |= HN_BYLINE;
	if (caption(g))
		h->flags |= HN_CAPTION;
	if (h->flags & HN_SKIP || depth > 400) { /* deeper than any page: text-free */
		t->v[i].end = t->n;
		return i;
	}
	int prev = -1;
	const GumboVector *ch = &g->v.element.children;
	for (unsigned k = 0; k < ch->length; k++) {
		int c = build(t, ch->data[k], i, depth + 1);
		if (c == ERR_NOMEM)
			return c;
		if (c < 0)
			continue;
		if (prev < 0)
			t->v[i].first = c;
		else
			t->v[prev].next = c;
		prev = c;
		const struct hn *cn = &t->v[c];
		if (cn->flags & HN_SKIP)
			continue;
		h = &t->v[i];
		h->text += cn->text;
		h->commas += cn->commas;
		h->link += h->tag == GUMBO_TAG_A ? cn->text : cn->link;
		h->paras += cn->paras;
	}
	h = &t->v[i];
	h->paras += h->tag == GUMBO_TAG_P;
	h->end = t->n;
	return i;
}

/* A page that hides most of its text until a script runs (an anti-flicker
 * display:none on a wrapper) is read as shown: hidden marks are dropped
 * when the hidden subtrees hold more than half the text. */
static void
unhide_if_most(struct htree *t)
{
	size_t hidden = 0;
	for (size_t i = 0; i < t->n;) {
		if (t->v[i].flags & HN_HIDDEN && !(t->v[i].flags & HN_SKIP)) {
			hidden += t->v[i].text;
			i = t->v[i].end;
		} else {
			i++;
		}
	}
	if (t->n == 0 || 2 * hidden <= t->v[0].text)
		return;
	for (size_t i = 0; i < t->n; i++)
		t->v[i].flags &= ~(unsigned)HN_HIDDEN;
}

int
html_tree_build(struct htree *t, const GumboNode *root)
{
	memset(t, 0, sizeof *t);
	int rc = build(t, root, -1, 0);
	if (rc == ERR_NOMEM) {
		html_tree_free(t);
		return rc;
	}
	unhide_if_most(t);
	return 0;
}

void
html_tree_free(struct htree *t)
{
	free(t->v);
	memset(t, 0, sizeof *t);
}

double
html_link_density(const struct htree *t, size_t i)
{
	return t->v[i].text ? (double)t->v[i].link / (double)t->v[i].text : 0;
}

static int
text_append(const struct htree *t, size_t i, char **buf, size_t *len, size_t *cap)
{
	const struct hn *h = &t->v[i];
	if (h->flags & HN_SKIP)
		return 0;
	if (h->g->type != GUMBO_NODE_ELEMENT && h->g->type != GUMBO_NODE_TEMPLATE) {
		const char *s = h->g->v.text.text;
		size_t n = strlen(s);
		if (*len + n + 2 > *cap) {
			size_t nc = (*len + n + 2) * 2;
			char *b = realloc(*buf, nc);
			if (b == NULL)
				return ERR_NOMEM;
			*buf = b;
			*cap = nc;
		}
		memcpy(*buf + *len, s, n);
		*len += n;
		return 0;
	}
	for (int c = h->first; c >= 0; c = t->v[c].next)
		if (text_append(t, (size_t)c, buf, len, cap) < 0)
			return ERR_NOMEM;
	return 0;
}

char *
html_text_of(const struct htree *t, size_t i)
{
	size_t len = 0, cap = 64;
	char *buf = malloc(cap);
	if (buf == NULL || text_append(t, i, &buf, &len, &cap) < 0) {
		free(buf);
		return NULL;
	}
	/* collapse white space */
	size_t w = 0;
	int space = 1;
	for (size_t r = 0; r < len; r++) {
		char c = buf[r];
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
			if (!space)
				buf[w++] = ' ';
			space = 1;
		} else {
			buf[w++] = c;
			space = 0;
		}
	}
	while (w > 0 && buf[w - 1] == ' ')
		w--;
	buf[w] = 0;
	return buf;
}
