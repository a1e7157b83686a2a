/* html_score: find the article in a page, readability's way (Arc90's
 * readability, as Firefox's reader view and readability-lxml run it):
 * paragraphs of text give points to their parent and grandparent, scaled by
 * their length and punctuation; containers start from their tag and their
 * class/id hints; a container's score shrinks with its link density; the
 * best one and its good siblings are the article; cleaning then takes out
 * link lists, forms and furniture inside it. Punctuation counts Chinese
 * full-width marks and a CJK character weighs two (html_text_measure), so a
 * page with no spaces scores like one with them. */
#include "html_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Inherited "out of the running": skipped, hidden or unlikely, itself or an
 * ancestor. Indices grow from parent to child, so one pass fills it. */
static unsigned char *
out_of_running(const struct htree *t, int strip_unlikely)
{
	unsigned char *out = malloc(t->n ? t->n : 1);
	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < t->n; i++) {
		const struct hn *h = &t->v[i];
		int self = (h->flags & (HN_SKIP | HN_HIDDEN)) ||
			   (strip_unlikely && h->hint < 0 && h->tag != GUMBO_TAG_BODY && h->tag != GUMBO_TAG_HTML &&
			    h->tag != GUMBO_TAG_ARTICLE && h->tag != GUMBO_TAG_MAIN);
		out[i] = (unsigned char)(self || (h->parent >= 0 && out[h->parent]));
	}
	return out;
}

static int
tag_base(GumboTag tag)
{
	switch (tag) {
	case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_SECTION: case GUMBO_TAG_MAIN:
		return 5;
	case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE:
		return 3;
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL:
	case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM:
		return -3;
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
	case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_TH:
		return -5;
	default:
		return 0;
	}
}

/* A div (or section) holding no block element but <br> reads as a
 * paragraph, as readability's "misused divs" do. */
static int
paragraph_like(const struct htree *t, size_t i)
{
	GumboTag tag = t->v[i].tag;
	if (tag == GUMBO_TAG_P || tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_TD)
		return 1;
	if (tag != GUMBO_TAG_DIV && tag != GUMBO_TAG_SECTION)
		return 0;
	for (int c = t->v[i].first; c >= 0; c = t->v[c].next) {
		const struct hn *h = &t->v[c];
		if (h->g->type == GUMBO_NODE_ELEMENT && !(h->flags & HN_SKIP) &&
		    h->tag != GUMBO_TAG_BR && html_is_block(h->tag))
			return 0;
	}
	return 1;
}

/* A paragraph in wrappers of its own (CNN's lead: <div class="el__leafmedia">
 * <p>...</p></div>): i when it reads as a paragraph, else the paragraph
 * that is i's only child, or its only child's, and so on; -1 if none. */
static int
lone_paragraph(const struct htree *t, size_t i)
{
	for (int depth = 0; depth < 8; depth++) {
		if (paragraph_like(t, i))
			return (int)i;
		int only = -1;
		for (int c = t->v[i].first; c >= 0; c = t->v[c].next) {
			const struct hn *h = &t->v[c];
			if (h->flags & HN_SKIP || (h->g->type != GUMBO_NODE_ELEMENT && h->text == 0))
				continue;
			if (h->g->type != GUMBO_NODE_ELEMENT || only >= 0)
				return -1;
			only = c;
		}
		if (only < 0)
			return -1;
		i = (size_t)only;
	}
	return -1;
}

/* Text and commas of i's children that are not blocks: text nodes and
 * inline elements. */
static void
loose_text(const struct htree *t, size_t i, size_t *text, size_t *commas)
{
	*text = *commas = 0;
	for (int c = t->v[i].first; c >= 0; c = t->v[c].next) {
		const struct hn *h = &t->v[c];
		if (h->flags & (HN_SKIP | HN_HIDDEN))
			continue;
		if (h->g->type == GUMBO_NODE_ELEMENT && html_is_block(h->tag))
			continue;
		*text += h->text;
		*commas += h->commas;
	}
}

static void
add(struct htree *t, int i, double points)
{
	struct hn *h = &t->v[i];
	if (!(h->flags & HN_CANDIDATE)) {
		h->flags |= HN_CANDIDATE;
		h->score = tag_base(h->tag) + h->hint;
	}
	h->score += points;
}

/* Tags under i, counted over its subtree. */
struct counts {
	size_t p, li, img, input, embed;
};

static void
count_tags(const struct htree *t, size_t i, struct counts *c)
{
	memset(c, 0, sizeof *c);
	for (size_t k = i + 1; k < t->v[i].end; k++) {
		const GumboNode *g = t->v[k].g;
		if (g->type != GUMBO_NODE_ELEMENT)
			continue;
		switch (g->v.element.tag) {
		case GUMBO_TAG_P: c->p++; break;
		case GUMBO_TAG_LI: c->li++; break;
		case GUMBO_TAG_IMG: c->img++; break;
		case GUMBO_TAG_INPUT: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: c->input++; break;
		case GUMBO_TAG_EMBED: case GUMBO_TAG_OBJECT: case GUMBO_TAG_IFRAME: c->embed++; break;
		default: break;
		}
	}
}

/* 1 if the text of i is a web address (http..., www....). */
static int
bare_address(const struct htree *t, size_t i)
{
	char *s = html_text_of(t, i);
	if (s == NULL)
		return 0;
	const char *p = s;
	while (*p == ' ')
		p++;
	int r = strncasecmp(p, "http", 4) == 0 || strncasecmp(p, "www.", 4) == 0;
	free(s);
	return r;
}

static int ends_sentence(const struct htree *t, size_t i);

/* Is inline element i part of a paragraph's sentence ("<cite>(CNN)</cite>
 * President Trump...", the dateline of a lead): its block is prose (a
 * sentence ends in it) and holds more text after it? */
static int
in_sentence(const struct htree *t, size_t i)
{
	if (html_is_block(t->v[i].tag))
		return 0;
	int p = t->v[i].parent;
	while (p >= 0 && !html_is_block(t->v[p].tag))
		p = t->v[p].parent;
	if (p < 0 || !paragraph_like(t, (size_t)p))
		return 0;
	size_t after = 0;
	for (size_t k = t->v[i].end; k < t->v[p].end; k++)
		if (t->v[k].g->type != GUMBO_NODE_ELEMENT)
			after += t->v[k].text;
	return after >= 40 && ends_sentence(t, (size_t)p);
}

/* Readability's conditional cleaning: 1 if element i, inside the article,
 * is furniture rather than text. */
static int
furniture(const struct htree *t, size_t i)
{
	const struct hn *h = &t->v[i];
	if (h->g->type != GUMBO_NODE_ELEMENT)
		return 0;
	if (h->flags & (HN_HIDDEN | HN_SKIP))
		return 1;
	/* a picture's caption: the picture is not shown, nor is it the text */
	if (h->flags & HN_CAPTION && h->paras <= 3 && h->text < 1000)
		return 1;
	/* a byline, a date, a photo credit: metadata, not the text */
	if (h->flags & HN_BYLINE && h->text < 160 && h->paras == 0 && !in_sentence(t, i))
		return 1;
	switch (h->tag) {
	case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM:
		return 1;
	case GUMBO_TAG_FOOTER:
		return h->text < 400;
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
	case GUMBO_TAG_H5: case GUMBO_TAG_H6:
		return h->hint < 0 || html_link_density(t, i) > 0.33;
	case GUMBO_TAG_P:
		/* a paragraph that is one link: a teaser for another page
		 * (not a bare address: a source cited) */
		return h->hint < 0 ||
		       (h->text < 200 && html_link_density(t, i) >= 0.8 && !bare_address(t, i));
	case GUMBO_TAG_TABLE: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DIV:
	case GUMBO_TAG_SECTION: case GUMBO_TAG_HEADER: case GUMBO_TAG_DL:
		break;
	default:
		return h->hint < 0;
	}
	int weight = h->hint;
	double score = h->flags & HN_CANDIDATE ? h->score : 0;
	if (weight + score < 0)
		return 1;
	if (h->commas >= 10)
		return 0;
	struct counts c;
	count_tags(t, i, &c);
	double ld = html_link_density(t, i);
	int list = h->tag == GUMBO_TAG_UL || h->tag == GUMBO_TAG_OL;
	if (c.img > 1 && c.img > c.p && h->text < 200)
		return 1;
	if (!list && c.li > c.p + 3 && ld > 0.2)
		return 1;
	if (c.input > c.p / 3)
		return 1;
	if (h->text < 25 && c.img == 0 && h->tag != GUMBO_TAG_DIV && h->tag != GUMBO_TAG_SECTION)
		return 1;
	if (weight < 25 && ld > 0.2)
		return 1;
	if (weight >= 25 && ld > 0.5)
		return 1;
	if (c.embed > 0 && h->text < 75)
		return 1;
	return 0;
}

/* Mark what cleaning takes out of the article subtree at i. */
static void
clean(struct htree *t, size_t i)
{
	for (size_t k = i + 1; k < t->v[i].end;) {
		if (furniture(t, k)) {
			t->v[k].flags |= HN_REMOVED;
			k = t->v[k].end;
		} else {
			k++;
		}
	}
}

static int
ends_sentence(const struct htree *t, size_t i)
{
	char *s = html_text_of(t, i);
	if (s == NULL)
		return 0;
	size_t n = strlen(s);
	int r = (n >= 1 && s[n - 1] == '.') || (n >= 3 && strcmp(s + n - 3, "\u3002") == 0) ||
		strstr(s, ". ") != NULL;
	free(s);
	return r;
}

enum {
	PICK_STRIP_UNLIKELY = 1, /* furniture by class/id scores nothing */
	PICK_CLEAN = 2,          /* conditional cleaning inside the article */
};

static void
reset(struct htree *t, size_t body)
{
	for (size_t i = body; i < t->v[body].end; i++) {
		t->v[i].flags &= ~(unsigned)(HN_ARTICLE | HN_REMOVED | HN_CANDIDATE);
		t->v[i].score = 0;
	}
}

static void
take(struct htree *t, size_t i, int how)
{
	t->v[i].flags |= HN_ARTICLE;
	if (how & PICK_CLEAN)
		clean(t, i);
}

/* Text in the article as marked: article subtrees less what was removed. */
static size_t
article_size(const struct htree *t, size_t body)
{
	size_t n = 0;
	for (size_t i = body; i < t->v[body].end;) {
		if (t->v[i].flags & HN_ARTICLE) {
			n += t->v[i].text;
			for (size_t k = i + 1; k < t->v[i].end;) {
				if (t->v[k].flags & HN_REMOVED) {
					n -= t->v[k].text < n ? t->v[k].text : n;
					k = t->v[k].end;
				} else {
					k++;
				}
			}
			i = t->v[i].end;
		} else {
			i++;
		}
	}
	return n;
}

/* The best score of a candidate inside i. An article cut into sections,
 * each in a wrapper of its own with a figure or a pull quote between them,
 * has its scores on the paragraphs' parents, below the wrappers that are
 * the best one's siblings: a wrapper holding a candidate as good as a
 * sibling must be (and more than a caption's text) joins the article. */
#define HTML_SCORE_SECTION_TEXT 300 /* a CJK character counting 2 */

static double
inner_score(const struct htree *t, size_t i)
{
	double best = 0;
	for (size_t k = i + 1; k < t->v[i].end; k++)
		if (t->v[k].flags & HN_CANDIDATE && t->v[k].score > best)
			best = t->v[k].score;
	return best;
}

/* One readability pass; 0, or -1 if out of memory. */
static int
pick(struct htree *t, size_t body, int how)
{
	unsigned char *out = out_of_running(t, how & PICK_STRIP_UNLIKELY);
	if (out == NULL)
		return -1;
	for (size_t i = body; i < t->v[body].end; i++) {
		const struct hn *h = &t->v[i];
		if (out[i] || h->g->type != GUMBO_NODE_ELEMENT)
			continue;
		size_t text = h->text, commas = h->commas;
		int p = h->parent;
		if (!paragraph_like(t, i)) {
			if (h->tag != GUMBO_TAG_DIV && h->tag != GUMBO_TAG_SECTION &&
			    h->tag != GUMBO_TAG_ARTICLE && h->tag != GUMBO_TAG_MAIN)
				continue;
			/* text loose among blocks reads as a paragraph of its own,
			 * as readability wraps it in <p>: points to i itself */
			loose_text(t, i, &text, &commas);
			p = (int)i;
		}
		if (text < 25 || p < 0)
			continue;
		double points = 1 + (double)commas + (text / 100 < 3 ? (double)(text / 100) : 3);
		for (int level = 0; p >= 0 && level < 3; level++, p = t->v[p].parent) {
			if ((size_t)p < body)
				break;
			add(t, p, level == 0 ? points : level == 1 ? points / 2 : points / 6);
		}
	}
	free(out);
	int best = -1;
	for (size_t i = body; i < t->v[body].end; i++) {
		struct hn *h = &t->v[i];
		if (!(h->flags & HN_CANDIDATE))
			continue;
		h->score *= 1 - html_link_density(t, i);
		if (best < 0 || h->score > t->v[best].score)
			best = (int)i;
	}
	if (best < 0) {
		take(t, body, how);
		return 0;
	}
	double scored = t->v[best].score; /* before a climb to an unscored wrapper */
	/* a lone child carries its parent's whole text: take the parent */
	while ((size_t)best != body && t->v[best].parent >= 0 &&
	       (size_t)t->v[best].parent != body &&
	       t->v[t->v[best].parent].text == t->v[best].text &&
	       t->v[t->v[best].parent].hint >= 0)
		best = t->v[best].parent;
	double top = t->v[best].score;
	double threshold = top * 0.2 > 10 ? top * 0.2 : 10;
	double inner_threshold = scored * 0.2 > threshold ? scored * 0.2 : threshold;
	int parent = t->v[best].parent;
	if ((size_t)best == body || parent < 0) {
		take(t, (size_t)best, how);
		return 0;
	}
	for (int s = t->v[parent].first; s >= 0; s = t->v[s].next) {
		struct hn *h = &t->v[s];
		int in = s == best;
		if (!in && h->g->type == GUMBO_NODE_ELEMENT &&
		    !(h->flags & (HN_HIDDEN | HN_SKIP)) && h->hint >= 0) {
			if (h->flags & HN_CANDIDATE && h->score >= threshold)
				in = 1;
			else if (h->text >= HTML_SCORE_SECTION_TEXT &&
				 html_link_density(t, (size_t)s) < 0.25 &&
				 inner_score(t, (size_t)s) >= inner_threshold)
				in = 1;
			/* a sentence wrapped on its own joins only before the
			 * best (a lead); after it, it is as often a promotion */
			else if (h->tag == GUMBO_TAG_P || paragraph_like(t, (size_t)s) ||
				 (s < best && lone_paragraph(t, (size_t)s) >= 0 &&
				  ends_sentence(t, (size_t)s))) {
				double ld = html_link_density(t, (size_t)s);
				if (h->text > 80 && ld < 0.25)
					in = 1;
				else if (h->text > 0 && h->text <= 80 && ld == 0 && ends_sentence(t, (size_t)s))
					in = 1;
			}
		}
		if (in)
			take(t, (size_t)s, how);
	}
	return 0;
}

/* Below this much article text (a CJK character counting 2), readability
 * tries again with fewer rules, as Firefox's reader view does. */
#define HTML_SCORE_MIN_TEXT 500

void
html_score_pick(struct htree *t, size_t body)
{
	static const int tries[] = { PICK_STRIP_UNLIKELY | PICK_CLEAN, PICK_CLEAN, 0 };
	size_t best_size = 0;
	int best_try = -1;
	for (int k = 0; k < 3; k++) {
		reset(t, body);
		if (pick(t, body, tries[k]) < 0)
			break;
		size_t n = article_size(t, body);
		if (n >= HTML_SCORE_MIN_TEXT || n >= t->v[body].text / 2)
			return;
		if (best_try < 0 || n > best_size) {
			best_size = n;
			best_try = k;
		}
	}
	reset(t, body);
	if (best_try < 0 || pick(t, body, tries[best_try]) < 0)
		t->v[body].flags |= HN_ARTICLE; /* no memory to score: the whole body */
}
