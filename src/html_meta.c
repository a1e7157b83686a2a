/* html_meta: a page's title, author, date and source, from <meta> (og:,
 * article:, name=author), JSON-LD (headline, author, datePublished,
 * publisher), <title> without the site's name, and the first <h1>. */
#include "html_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "err.h"
#include "json.h"
#include "parse_line.h"
#include "ustr.h"

struct found {
	char *og_title, *ld_title, *title, *h1;
	char *titled; /* the longest heading or "title" element the <title> holds */
	char *near;   /* the heading just before the article's text */
	char *author, *date, *site;
};

static const char *
attr(const GumboNode *g, const char *name)
{
	const GumboAttribute *a = gumbo_get_attribute(&g->v.element.attributes, name);
	return a ? a->value : NULL;
}

/* Text of a raw-text element (title, script): its child text nodes. */
static const char *
raw_text(const GumboNode *g)
{
	const GumboVector *ch = &g->v.element.children;
	for (unsigned k = 0; k < ch->length; k++) {
		const GumboNode *c = ch->data[k];
		if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE)
			return c->v.text.text;
	}
	return "";
}

/* s with the character references left in it by a page that escaped
 * them twice (og:title "&amp;#8216;" reads "&#8216;") decoded: numeric
 * ones and &amp; &quot; &apos; &lt; &gt;. Controls stay out (doc_article
 * and the writers drop them anyway). malloc'd; NULL if out of memory. */
static char *
unescape(const char *s)
{
	size_t n = strlen(s), w = 0;
	char *t = malloc(n + 1);
	if (t == NULL)
		return NULL;
	static const struct {
		const char *name;
		char c;
	} named[] = { { "amp;", '&' }, { "quot;", '"' }, { "apos;", '\'' }, { "lt;", '<' }, { "gt;", '>' } };
	for (size_t i = 0; i < n;) {
		if (s[i] == '&' && s[i + 1] == '#') {
			char *end;
			int hex = s[i + 2] == 'x' || s[i + 2] == 'X';
			long cp = strtol(s + i + 2 + hex, &end, hex ? 16 : 10);
			if (end > s + i + 2 + hex && *end == ';' && cp >= 0x20 && cp <= 0x10FFFF &&
			    !(cp >= 0xD800 && cp <= 0xDFFF) && !(cp >= 0x7F && cp < 0xA0)) {
				w += (size_t)utf8proc_encode_char((utf8proc_int32_t)cp,
								  (utf8proc_uint8_t *)t + w);
				i = (size_t)(end - s) + 1;
				continue;
			}
		} else if (s[i] == '&') {
			size_t k = 0;
			while (k < sizeof named / sizeof named[0] &&
			       strncmp(s + i + 1, named[k].name, strlen(named[k].name)) != 0)
				k++;
			if (k < sizeof named / sizeof named[0]) {
				t[w++] = named[k].c;
				i += 1 + strlen(named[k].name);
				continue;
			}
		}
		t[w++] = s[i++];
	}
	t[w] = 0;
	return t;
}

static int
keep(char **field, const char *s)
{
	if (*field || s == NULL)
		return 0;
	char *u = unescape(s);
	if (u == NULL)
		return ERR_NOMEM;
	int rc = doc_set_meta(field, u, strlen(u));
	free(u);
	return rc;
}

static int
meta_tag(struct found *f, const GumboNode *g)
{
	const char *key = attr(g, "property");
	if (key == NULL)
		key = attr(g, "name");
	if (key == NULL)
		key = attr(g, "itemprop");
	const char *v = attr(g, "content");
	if (key == NULL || v == NULL)
		return 0;
	static const char *const title[] = { "og:title", "twitter:title", NULL };
	static const char *const date[] = { "article:published_time", "og:article:published_time",
					    "datepublished", "pubdate", "publishdate", "publish_date",
					    "dc.date", "dc.date.issued", "date", "sailthru.date",
					    "parsely-pub-date", "weibo: article:create_at", NULL };
	static const char *const author[] = { "author", "article:author", "byline",
					      "dc.creator", "parsely-author", "sailthru.author", NULL };
	static const char *const site[] = { "og:site_name", "application-name", "mediaid", NULL };
	int rc = 0;
	for (size_t i = 0; title[i] && rc == 0; i++)
		if (strcasecmp(key, title[i]) == 0)
			rc = keep(&f->og_title, v);
	for (size_t i = 0; date[i] && rc == 0; i++)
		if (strcasecmp(key, date[i]) == 0)
			rc = keep(&f->date, v);
	/* article:author is often a profile URL */
	for (size_t i = 0; author[i] && rc == 0; i++)
		if (strcasecmp(key, author[i]) == 0 && strncmp(v, "http", 4) != 0)
			rc = keep(&f->author, v);
	for (size_t i = 0; site[i] && rc == 0; i++)
		if (strcasecmp(key, site[i]) == 0)
			rc = keep(&f->site, v);
	return rc;
}

/* A JSON-LD name: a string, {"name": ...}, or the first of an array. */
static const char *
ld_name(const struct json *v)
{
	if (v == NULL)
		return NULL;
	if (v->type == JSON_STRING)
		return v->str;
	if (v->type == JSON_ARRAY && v->n > 0)
		return ld_name(&v->items[0]);
	if (v->type == JSON_OBJECT)
		return json_str(json_get(v, "name"));
	return NULL;
}

static int
ld_object(struct found *f, const struct json *o, int depth)
{
	if (depth > 4 || o == NULL)
		return 0;
	if (o->type == JSON_ARRAY) {
		for (size_t i = 0; i < o->n; i++)
			if (ld_object(f, &o->items[i], depth + 1) < 0)
				return ERR_NOMEM;
		return 0;
	}
	if (o->type != JSON_OBJECT)
		return 0;
	if (json_get(o, "@graph"))
		return ld_object(f, json_get(o, "@graph"), depth + 1);
	const struct json *type = json_get(o, "@type");
	const char *ts = type && type->type == JSON_ARRAY && type->n ? json_str(&type->items[0])
								   : json_str(type);
	if (ts == NULL || (strstr(ts, "Article") == NULL && strstr(ts, "Posting") == NULL &&
			   strcmp(ts, "ReportageNews") != 0 && strcmp(ts, "WebPage") != 0))
		return 0;
	int web = strcmp(ts, "WebPage") == 0; /* only when nothing better says */
	const char *h = json_str(json_get(o, "headline"));
	if (!web && keep(&f->ld_title, h) < 0)
		return ERR_NOMEM;
	if (keep(&f->author, ld_name(json_get(o, "author"))) < 0 ||
	    keep(&f->date, json_str(json_get(o, "datePublished"))) < 0 ||
	    keep(&f->site, ld_name(json_get(o, "publisher"))) < 0)
		return ERR_NOMEM;
	return 0;
}

static int
ld_json(struct found *f, const char *s)
{
	struct json v;
	char err[80];
	if (json_parse(s, strlen(s), &v, err, sizeof err) < 0)
		return 0; /* a broken block says nothing */
	int rc = ld_object(f, &v, 0);
	json_free(&v);
	return rc;
}

/* ---- title ---- */

static int
sep_at(const char *s, size_t i, size_t *len)
{
	static const char *const seps[] = { " - ", " | ", " – ", " — ", " :: ", " · ", "_",
					    "|", "｜", "——", " -- ", "--", NULL };
	for (size_t k = 0; seps[k]; k++) {
		size_t n = strlen(seps[k]);
		if (strncmp(s + i, seps[k], n) == 0) {
			*len = n;
			return 1;
		}
	}
	/* a bare hyphen next to Chinese text or before a Chinese site name
	 * ("GPU-EDN 电子技术设计"), not in "COVID-19" */
	if (s[i] == '-' && i > 0 && s[i + 1]) {
		int32_t a, b;
		ustr_prev(s, i, &a);
		ustr_next(s, strlen(s), i + 1, &b);
		int cjk_after = 0;
		for (size_t k = i + 1, n = strlen(s); k < n && !cjk_after;) {
			int32_t c;
			k = ustr_next(s, n, k, &c);
			cjk_after = ustr_is_cjk(c);
		}
		if (ustr_is_cjk(a) || ustr_is_cjk(b) || cjk_after) {
			*len = 1;
			return 1;
		}
	}
	return 0;
}

/* The title without the site's name: trailing segments after a separator
 * (" - ", " | ", "_", ...) that are short beside what stays. The last one
 * stripped goes to *site if it is empty. Edits t in place. */
static int
strip_site(char *t, char **site)
{
	for (int guard = 0; guard < 8; guard++) {
		size_t n = strlen(t), cut = 0, sl = 0, len;
		for (size_t i = 1; i < n; i++)
			if (sep_at(t, i, &len)) {
				cut = i;
				sl = len;
				i += len - 1;
			}
		if (cut == 0)
			return 0;
		size_t tail = ustr_count(t + cut + sl, n - cut - sl), head = ustr_count(t, cut);
		if (tail > 24 || tail >= head)
			return 0;
		if (*site == NULL && tail > 0 && doc_set_meta(site, t + cut + sl, n - cut - sl) < 0)
			return ERR_NOMEM;
		t[cut] = 0;
		while (cut > 0 && t[cut - 1] == ' ')
			t[--cut] = 0;
	}
	return 0;
}

/* 1 if the heading h names the same article as the title t. */
static int
same(const char *h, const char *t)
{
	size_t hn = strlen(h), tn = strlen(t);
	if (hn == 0 || tn == 0)
		return 0;
	if (strcmp(h, t) == 0 || strncmp(t, h, hn) == 0)
		return hn * 2 >= tn;
	return strstr(h, t) != NULL || (strstr(t, h) != NULL && hn * 2 >= tn);
}

/* 1 if s holds a letter (a name is not "104363"). */
static int
has_letter(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		int32_t c;
		i = ustr_next(s, n, i, &c);
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80)
			return 1;
	}
	return 0;
}

/* A heading or an element whose class or id says title: its text if the
 * page's <title> holds it and it is the longest such so far. */
static int
titled(struct found *f, const struct htree *t, size_t i)
{
	const struct hn *h = &t->v[i];
	if (f->title == NULL || h->flags & HN_HIDDEN || h->text < 8 || h->text > 400)
		return 0;
	int named = h->tag == GUMBO_TAG_H1 || h->tag == GUMBO_TAG_H2 || h->tag == GUMBO_TAG_H3;
	static const char *const keys[] = { "class", "id" };
	for (size_t k = 0; k < 2 && !named; k++) {
		const char *v = attr(h->g, keys[k]);
		named = v && (strcasestr(v, "title") || strcasestr(v, "headline") ||
			      strcasestr(v, "biaoti"));
	}
	if (!named)
		return 0;
	char *s = html_text_of(t, i);
	if (s == NULL)
		return ERR_NOMEM;
	if (strlen(s) >= 8 && strstr(f->title, s) && strcmp(f->title, s) != 0 &&
	    (f->titled == NULL || strlen(s) > strlen(f->titled))) {
		free(f->titled);
		f->titled = s;
		return 0;
	}
	free(s);
	return 0;
}

static int
choose(struct found *f, struct doc *d)
{
	char *site = NULL;
	int rc = 0;
	if (f->title)
		rc = strip_site(f->title, &site);
	char *og_site = NULL;
	if (rc == 0 && f->og_title)
		rc = strip_site(f->og_title, &og_site);
	free(og_site);
	const char *pick = NULL;
	size_t tl = f->title ? ustr_count(f->title, strlen(f->title)) : 0;
	if (f->h1 && (same(f->h1, f->title ? f->title : "") ||
		      same(f->h1, f->og_title ? f->og_title : "") ||
		      same(f->h1, f->ld_title ? f->ld_title : "")))
		pick = f->h1;
	else if (f->titled && 2 * ustr_count(f->titled, strlen(f->titled)) >= tl)
		pick = f->titled; /* the <title> less a prefix or suffix it did not separate */
	else if (f->ld_title)
		pick = f->ld_title;
	else if (f->near && !f->og_title)
		pick = f->near; /* the page's <title> names the section, not the article */
	else if (f->og_title)
		pick = f->og_title;
	else if (f->title && f->title[0])
		pick = f->title;
	else
		pick = f->h1;
	if (rc == 0 && pick)
		rc = doc_set_meta(&d->title, pick, strlen(pick));
	const char *src = f->site ? f->site : site;
	if (rc == 0 && f->author && has_letter(f->author) && !(src && strcmp(src, f->author) == 0))
		rc = doc_set_meta(&d->author, f->author, strlen(f->author));
	if (rc == 0 && src)
		rc = doc_set_meta(&d->source, src, strlen(src));
	char date[11];
	if (rc == 0 && f->date && parse_line_date(f->date, strlen(f->date), date))
		rc = doc_set_meta(&d->date, date, strlen(date));
	free(site);
	return rc;
}

static int
is_heading(GumboTag tag)
{
	return tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6;
}

/* The heading nearest before the article's first text, with little text
 * between them (a byline, a date): the article's headline. */
static int
near_heading(struct found *f, const struct htree *t)
{
	size_t first = t->n, between = 0;
	for (size_t i = 0; i < t->n && first == t->n; i++)
		if (t->v[i].flags & HN_ARTICLE)
			first = i;
	if (first == t->n)
		return 0;
	/* a heading that opens the article counts too */
	for (size_t i = first; i < t->v[first].end && i < first + 64; i++) {
		if (t->v[i].g->type == GUMBO_NODE_TEXT && t->v[i].text > 0)
			break;
		if (is_heading(t->v[i].tag) && t->v[i].g->type == GUMBO_NODE_ELEMENT) {
			first = t->v[i].end;
			break;
		}
	}
	for (size_t i = first; i-- > 0 && between < 300;) {
		const struct hn *h = &t->v[i];
		if (h->g->type == GUMBO_NODE_TEXT) {
			if (!is_heading(t->v[h->parent].tag))
				between += h->text;
			continue;
		}
		if (h->g->type != GUMBO_NODE_ELEMENT || !is_heading(h->tag) || h->end > first)
			continue;
		/* a headline, not a section label such as 新闻详情 */
		if (h->flags & HN_HIDDEN || h->text < 20 || h->text > 300 ||
		    html_link_density(t, i) > 0.5)
			return 0;
		if ((f->near = html_text_of(t, i)) == NULL)
			return ERR_NOMEM;
		return 0;
	}
	return 0;
}

int
html_meta_read(const struct htree *t, struct doc *d)
{
	struct found f = { 0 };
	int rc = near_heading(&f, t);
	for (size_t i = 0; i < t->n && rc == 0; i++) {
		const struct hn *h = &t->v[i];
		const GumboNode *g = h->g;
		if (g->type != GUMBO_NODE_ELEMENT)
			continue;
		if (h->tag == GUMBO_TAG_TITLE && f.title == NULL)
			rc = keep(&f.title, raw_text(g));
		else if (h->tag == GUMBO_TAG_META)
			rc = meta_tag(&f, g);
		else if (h->tag == GUMBO_TAG_SCRIPT) {
			const char *type = attr(g, "type");
			if (type && strcasecmp(type, "application/ld+json") == 0)
				rc = ld_json(&f, raw_text(g));
		} else if (h->tag == GUMBO_TAG_BODY || (rc = titled(&f, t, i)) < 0) {
			continue;
		}
		if (rc == 0 && h->tag == GUMBO_TAG_H1 && f.h1 == NULL && !(h->flags & HN_HIDDEN)) {
			char *s = html_text_of(t, i);
			if (s == NULL)
				rc = ERR_NOMEM;
			else if (s[0])
				rc = keep(&f.h1, s);
			free(s);
		}
	}
	if (rc == 0)
		rc = choose(&f, d);
	free(f.og_title);
	free(f.ld_title);
	free(f.title);
	free(f.h1);
	free(f.titled);
	free(f.near);
	free(f.author);
	free(f.date);
	free(f.site);
	return rc;
}
