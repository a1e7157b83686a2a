/* Search in the reading view: every hit of the query found by the one
 * matcher of src/match.h (simplified and traditional alike, case and
 * full/half width ignored: ＡＩ finds AI, ，finds ,) as SPAN_SEARCH spans
 * over the displayed text; the current one has tag 1. */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "match.h"
#include "reader.h"

/* A hit counts where the text is shown: boilerplate and meta only when
 * shown; a title the header shows on top counts (as in the corpus search). */
static int
hit_visible(const struct reader *r, size_t off)
{
	if (r->vo.show_boilerplate)
		return 1;
	size_t b = article_block_at(r->a, off);
	if (b >= r->a->nblocks)
		return 0;
	enum block_kind k = r->a->blocks[b].kind;
	return k != BLOCK_BOILERPLATE && k != BLOCK_META && off >= r->a->blocks[b].start;
}

/* Where a search starts from: the top row's offset, or 0 at the start
 * (the header shows the title, whose hits come first). */
static size_t
search_from(struct reader *r)
{
	struct view_pos start = view_pos_of_offset(r->view, 0);
	if (r->top.block == start.block && r->top.line == start.line)
		return 0;
	return reader_top_offset(r);
}

/* 1 if hit i starts on the screen (top row to bottom row). */
static int
on_screen(struct reader *r, size_t i)
{
	size_t s = r->hits.v[i].start;
	return s >= search_from(r) && s < reader_screen_end(r);
}

static int
find_all(struct reader *r)
{
	span_list_clear(&r->hits);
	r->cur = 0;
	if (r->query[0] == 0)
		return 0;
	/* the one matcher (src/match.h), as the corpus search: hits are
	 * spans over the displayed text through the fold's offset map */
	struct match_set *m = NULL;
	struct match_text t;
	struct span_list found = { 0 };
	int folded = 0;
	int rc = match_set_new(0, &m);
	if (rc == 0)
		rc = match_set_add(m, r->script, r->query, 0);
	if (rc == ERR_INVAL) { /* nothing left after folding: no hit */
		rc = 0;
		goto out;
	}
	/* the original's fold made ahead (a 64 MiB article takes 15 s) */
	const struct match_text *ft = &t;
	if (r->a == r->orig && r->folded && r->folded->text && r->folded->orig_len == r->a->len)
		ft = r->folded;
	else if (rc == 0 && (rc = match_fold(r->script, r->a->text, r->a->len, &t)) == 0)
		folded = 1;
	if (rc == 0 && match_set_find(m, ft, 0, ft->orig_len, SPAN_SEARCH, &found) < 0)
		rc = ERR_NOMEM;
	for (size_t i = 0; rc == 0 && i < found.n; i++) {
		size_t s = found.v[i].start, e = found.v[i].end;
		if (e > s && hit_visible(r, s) && span_list_push(&r->hits, s, e, SPAN_SEARCH, 0) < 0)
			rc = ERR_NOMEM;
	}
out:
	if (folded)
		match_text_free(&t);
	match_set_free(m);
	span_list_free(&found);
	r->cur = r->hits.n;
	return rc < 0 ? rc : (int)r->hits.n;
}

static void
set_cur(struct reader *r, size_t i)
{
	if (r->cur < r->hits.n)
		r->hits.v[r->cur].tag = 0;
	r->cur = i;
	if (i < r->hits.n) {
		r->hits.v[i].tag = 1;
		reader_show(r, r->hits.v[i].start, 2);
	}
}

int
reader_search(struct reader *r, const char *query, int dir, int *wrapped)
{
	size_t n = strlen(query);
	if (n >= sizeof r->query)
		n = sizeof r->query - 1;
	memcpy(r->query, query, n);
	r->query[n] = 0;
	*wrapped = 0;
	int rc = find_all(r);
	if (rc <= 0)
		return rc;
	size_t here = search_from(r);
	size_t i;
	if (dir > 0) {
		for (i = 0; i < r->hits.n && r->hits.v[i].start < here; i++)
			;
		if (i == r->hits.n) {
			i = 0;
			*wrapped = 1;
		}
	} else {
		for (i = r->hits.n; i > 0 && r->hits.v[i - 1].start >= here; i--)
			;
		if (i == 0) {
			i = r->hits.n;
			*wrapped = 1;
		}
		i--;
	}
	set_cur(r, i);
	return rc;
}

int
reader_search_next(struct reader *r, int dir, int *wrapped)
{
	*wrapped = 0;
	if (r->hits.n == 0)
		return 0;
	size_t i;
	/* as in less and vim: from where the reader is, not from the last hit
	 * when that has been scrolled off the screen */
	if (r->cur >= r->hits.n || !on_screen(r, r->cur)) {
		int w;
		char q[sizeof r->query];
		memcpy(q, r->query, sizeof q);
		if (reader_search(r, q, dir, &w) <= 0)
			return 0;
		*wrapped = w;
		return (int)r->cur + 1;
	}
	if (dir > 0) {
		i = r->cur + 1;
		if (i == r->hits.n) {
			i = 0;
			*wrapped = 1;
		}
	} else {
		if (r->cur == 0) {
			i = r->hits.n - 1;
			*wrapped = 1;
		} else {
			i = r->cur - 1;
		}
	}
	set_cur(r, i);
	return (int)i + 1;
}

int
reader_search_at(struct reader *r, size_t off)
{
	for (size_t i = 0; i < r->hits.n; i++)
		if (r->hits.v[i].start >= off) {
			set_cur(r, i);
			return (int)i + 1;
		}
	return 0;
}

int
reader_search_redo(struct reader *r)
{
	if (r->query[0] == 0)
		return 0;
	/* Keep the current hit's ordinal near where it was. */
	size_t was = r->cur;
	int rc = find_all(r);
	if (rc < 0)
		return rc;
	if (was < r->hits.n) {
		r->cur = was;
		r->hits.v[was].tag = 1;
	}
	return 0;
}
