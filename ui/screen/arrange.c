#include "arrange.h"

#include <string.h>

int
arrange_sidebar_cols(int cols)
{
	/* A third of the screen, enough for a title and its counts, and never
	 * so much that the reader loses its measure. */
	int w = cols / 3;
	if (w < 30)
		w = 30;
	if (w > 48)
		w = 48;
	return w;
}

void
arrange_compute(const struct arrange_in *in, struct arrange_out *out)
{
	memset(out, 0, sizeof *out);
	out->sep_x = -1;
	out->status_y = in->rows - 1;
	out->prompt_y = in->rows - 1;
	if (in->rows < ARRANGE_MIN_ROWS || in->cols < ARRANGE_MIN_COLS) {
		out->too_small = 1;
		return;
	}
	if (in->npanes == 0 || in->focus >= in->npanes)
		return;
	int body_y = 0, body_rows = in->rows - 1;
	size_t main = in->focus != in->sidebar ? in->focus : in->main;
	int split = in->split_min_cols > 0 && in->cols >= in->split_min_cols &&
		    in->sidebar < in->npanes && main < in->npanes && main != in->sidebar;
	if (!split) {
		out->nshown = 1;
		out->shown[0] = in->focus;
		out->rect[0] = (struct arrange_rect){ body_y, 0, body_rows, in->cols };
		return;
	}
	int left = arrange_sidebar_cols(in->cols);
	out->nshown = 2;
	out->shown[0] = in->sidebar;
	out->shown[1] = main;
	out->rect[0] = (struct arrange_rect){ body_y, 0, body_rows, left };
	out->sep_x = left;
	out->rect[1] = (struct arrange_rect){ body_y, left + 1, body_rows, in->cols - left - 1 };
}
