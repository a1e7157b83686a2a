/* The passage cursor and selection; see textsel.h. */
#include "textsel.h"

#include "width.h"

void
textsel_init(struct textsel *p, const struct article *a)
{
	*p = (struct textsel){ .cur = a->nsents, .anchor = a->nsents, .head = a->nsents };
}

int
textsel_usable(const struct textsel *p, const struct article *a, size_t i)
{
	if (i >= a->nsents)
		return 0;
	const struct sentence *s = &a->sents[i];
	if (s->end <= s->start)
		return 0;
	if (s->block < a->nblocks && !p->show_boiler) {
		enum block_kind k = a->blocks[s->block].kind;
		if (k == BLOCK_BOILERPLATE || k == BLOCK_META)
			return 0;
	}
	return 1;
}

size_t
textsel_step(const struct textsel *p, const struct article *a, size_t i, int dir)
{
	if (i >= a->nsents) {
		if (dir > 0) {
			for (size_t k = 0; k < a->nsents; k++)
				if (textsel_usable(p, a, k))
					return k;
		} else {
			for (size_t k = a->nsents; k-- > 0;)
				if (textsel_usable(p, a, k))
					return k;
		}
		return i;
	}
	if (dir > 0) {
		for (size_t k = i + 1; k < a->nsents; k++)
			if (textsel_usable(p, a, k))
				return k;
	} else {
		for (size_t k = i; k-- > 0;)
			if (textsel_usable(p, a, k))
				return k;
	}
	return i;
}

/* Selection = the sentences from the anchor to the head, both included. */
static void
span_sentences(struct textsel *p, const struct article *a)
{
	size_t lo = p->anchor < p->head ? p->anchor : p->head;
	size_t hi = p->anchor < p->head ? p->head : p->anchor;
	p->s = a->sents[lo].start;
	p->e = a->sents[hi].end;
}

int
textsel_move(struct textsel *p, const struct article *a, int dir)
{
	size_t n = textsel_step(p, a, p->cur, dir);
	if (n == p->cur || n >= a->nsents)
		return 0;
	p->cur = n;
	if (p->selecting) {
		p->head = n;
		span_sentences(p, a);
	}
	return 1;
}

void
textsel_set(struct textsel *p, const struct article *a, size_t off)
{
	textsel_cancel(p);
	size_t i = article_sentence_at(a, off);
	if (i < a->nsents && textsel_usable(p, a, i) && a->sents[i].end > off) {
		p->cur = i;
		return;
	}
	/* off sits between sentences (or in a hidden block): the next one */
	size_t n;
	if (i >= a->nsents) {
		n = textsel_step(p, a, a->nsents, 1);
	} else if ((n = textsel_step(p, a, i, 1)) == i && !textsel_usable(p, a, i)) {
		n = textsel_step(p, a, i, -1); /* nothing after: the last before */
	}
	if (n < a->nsents && textsel_usable(p, a, n))
		p->cur = n;
}

int
textsel_keep_visible(struct textsel *p, const struct article *a, size_t vis_s, size_t vis_e)
{
	if (p->selecting)
		return 0;
	if (p->cur < a->nsents && textsel_usable(p, a, p->cur)) {
		const struct sentence *s = &a->sents[p->cur];
		if (s->start < vis_e && s->end > vis_s)
			return 0;
	}
	size_t best = a->nsents;
	size_t first = article_sentence_at(a, vis_s);
	if (first >= a->nsents)
		first = 0;
	for (size_t k = first; k < a->nsents && a->sents[k].start < vis_e; k++)
		if (textsel_usable(p, a, k) && a->sents[k].start >= vis_s) {
			best = k;
			break;
		}
	if (best == a->nsents) {
		/* No sentence starts on screen: the one the screen is inside. */
		for (size_t k = first; k < a->nsents && a->sents[k].start < vis_e; k++)
			if (textsel_usable(p, a, k) && a->sents[k].end > vis_s) {
				best = k;
				break;
			}
	}
	if (best == a->nsents || best == p->cur)
		return 0;
	p->cur = best;
	return 1;
}

int
textsel_select(struct textsel *p, const struct article *a)
{
	if (p->cur >= a->nsents)
		return -1;
	p->selecting = 1;
	p->anchor = p->head = p->cur;
	span_sentences(p, a);
	return 0;
}

void
textsel_cancel(struct textsel *p)
{
	p->selecting = 0;
	p->s = p->e = 0;
}

static int
is_break(const char *t, size_t from, size_t to)
{
	return to == from + 1 && (t[from] == '\n' || t[from] == '\r');
}

size_t
textsel_prev_cluster(const char *text, size_t len, size_t off)
{
	if (off == 0)
		return 0;
	if (off > len)
		off = len;
	/* Clusters can only be found going forwards: start at the line, which
	 * always begins one. */
	size_t from = off - 1;
	while (from > 0 && text[from - 1] != '\n')
		from--;
	if (text[off - 1] == '\n')
		return off - 1;
	size_t last = from;
	for (size_t q = from; q < off;) {
		last = q;
		q = width_next_cluster(text, len, q);
	}
	return last;
}

int
textsel_char(struct textsel *p, const struct article *a, int edge, int dir)
{
	if (!p->selecting)
		return 0;
	size_t *x = edge ? &p->e : &p->s;
	size_t v = *x;
	do {
		size_t prev = v;
		if (dir > 0) {
			if (v >= a->len)
				break;
			v = width_next_cluster(a->text, a->len, v);
			if (!is_break(a->text, prev, v))
				break;
		} else {
			if (v == 0)
				break;
			v = textsel_prev_cluster(a->text, a->len, v);
			if (!is_break(a->text, v, prev))
				break;
		}
	} while (1);
	/* An end never sits just after a line break, a start never just
	 * before one: selections do not begin or end with an empty line. */
	if (edge)
		while (v > p->s && (a->text[v - 1] == '\n' || a->text[v - 1] == '\r'))
			v--;
	else
		while (v < p->e && (a->text[v] == '\n' || a->text[v] == '\r'))
			v++;
	/* never empty: the other edge bounds this one */
	if (edge ? v <= p->s : v >= p->e)
		return 0;
	if (v == *x)
		return 0;
	*x = v;
	return 1;
}

int
textsel_range(const struct textsel *p, const struct article *a, size_t *s, size_t *e)
{
	if (p->selecting && p->e > p->s) {
		*s = p->s;
		*e = p->e;
		return 0;
	}
	if (p->cur >= a->nsents)
		return -1;
	*s = a->sents[p->cur].start;
	*e = a->sents[p->cur].end;
	return 0;
}

int
textsel_show(struct textsel *p)
{
	int was = p->shown;
	p->shown = 1;
	return !was;
}

int
textsel_hide(struct textsel *p)
{
	if (!p->shown || p->selecting)
		return 0;
	p->shown = 0;
	return 1;
}

int
textsel_drawn(const struct textsel *p, const struct article *a)
{
	return p->selecting || (p->shown && p->cur < a->nsents);
}
