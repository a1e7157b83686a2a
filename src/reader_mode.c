/* Switching what the reader shows, keeping the place and the search; see
 * reader.h. Above reader.c and reader_search.c. */
#include "reader.h"

#include "err.h"

int
reader_mode_script(struct reader *r, enum script_kind kind)
{
	if (kind == r->kind)
		return 0;
	if (kind != SCRIPT_ORIGINAL && r->script == NULL)
		return ERR_INVAL;
	size_t place = reader_place(r);
	struct script_article sa;
	int have = 0;
	if (kind != SCRIPT_ORIGINAL) {
		int rc = script_convert_article(r->script, kind, r->orig, &sa);
		if (rc < 0)
			return rc;
		have = 1;
	}
	if (r->have_sa)
		script_article_free(&r->sa);
	r->have_sa = have;
	if (have)
		r->sa = sa;
	r->a = have ? &r->sa.art : r->orig;
	r->kind = kind;
	if (reader_rebuild(r, reader_from_orig(r, place)) < 0 || reader_remap_spans(r) < 0)
		return ERR_NOMEM;
	return reader_search_redo(r);
}

int
reader_mode_boiler(struct reader *r, int show)
{
	if (!!show == !!r->vo.show_boilerplate)
		return 0;
	size_t off = reader_top_offset(r);
	r->vo.show_boilerplate = show;
	if (reader_rebuild(r, off) < 0)
		return ERR_NOMEM;
	return reader_search_redo(r);
}
