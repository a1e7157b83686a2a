/* ui_edit: the line editor's buffer (see edit.h). */
#include "edit.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <wchar.h>

#include "../../src/err.h"

#define KEY_ESC 27

int
ui_edit_init(struct ui_edit *e, const char *initial)
{
	memset(e, 0, sizeof *e);
	e->cap = 64;
	e->buf = malloc(e->cap);
	if (e->buf == NULL)
		return ERR_NOMEM;
	e->buf[0] = 0;
	if (initial && ui_edit_insert(e, initial, strlen(initial)) < 0) {
		ui_edit_free(e);
		return ERR_NOMEM;
	}
	return 0;
}

void
ui_edit_free(struct ui_edit *e)
{
	free(e->buf);
	memset(e, 0, sizeof *e);
}

static int
reserve(struct ui_edit *e, size_t more)
{
	if (e->len + more + 1 <= e->cap)
		return 0;
	size_t cap = e->cap ? e->cap : 64;
	while (e->len + more + 1 > cap)
		cap *= 2;
	char *p = realloc(e->buf, cap);
	if (p == NULL)
		return ERR_NOMEM;
	e->buf = p;
	e->cap = cap;
	return 0;
}

int
ui_edit_insert(struct ui_edit *e, const char *s, size_t n)
{
	if (reserve(e, n) < 0)
		return ERR_NOMEM;
	/* Filter into place: the result is never longer than the input. */
	char *tmp = malloc(n + 1);
	if (tmp == NULL)
		return ERR_NOMEM;
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
							(utf8proc_ssize_t)(n - i), &c);
		if (len <= 0) {
			i++; /* invalid byte: dropped */
			continue;
		}
		if (c == '\n' || c == '\r' || c == '\t')
			tmp[k++] = ' ';
		else if (!(c < 0x20 || (c >= 0x7f && c < 0xa0)))
			for (utf8proc_ssize_t j = 0; j < len; j++)
				tmp[k++] = s[i + (size_t)j];
		i += (size_t)len;
	}
	memmove(e->buf + e->cur + k, e->buf + e->cur, e->len - e->cur + 1);
	memcpy(e->buf + e->cur, tmp, k);
	e->len += k;
	e->cur += k;
	free(tmp);
	return 0;
}

/* Start of the cluster that ends at the cursor (notes are short: scan
 * clusters from the start, the only way grapheme breaks can be found). */
static size_t
prev_cluster(const struct ui_edit *e)
{
	size_t p = 0, last = 0;
	while (p < e->cur) {
		last = p;
		p = width_next_cluster(e->buf, e->len, p);
	}
	return last;
}

void
ui_edit_left(struct ui_edit *e)
{
	e->cur = prev_cluster(e);
}

void
ui_edit_right(struct ui_edit *e)
{
	if (e->cur < e->len)
		e->cur = width_next_cluster(e->buf, e->len, e->cur);
}

void
ui_edit_home(struct ui_edit *e)
{
	e->cur = 0;
}

void
ui_edit_end(struct ui_edit *e)
{
	e->cur = e->len;
}

static void
cut(struct ui_edit *e, size_t from, size_t to)
{
	memmove(e->buf + from, e->buf + to, e->len - to + 1);
	e->len -= to - from;
	e->cur = from;
}

void
ui_edit_backspace(struct ui_edit *e)
{
	if (e->cur > 0)
		cut(e, prev_cluster(e), e->cur);
}

void
ui_edit_delete(struct ui_edit *e)
{
	if (e->cur < e->len)
		cut(e, e->cur, width_next_cluster(e->buf, e->len, e->cur));
}

void
ui_edit_kill_end(struct ui_edit *e)
{
	cut(e, e->cur, e->len);
}

void
ui_edit_kill_word(struct ui_edit *e)
{
	size_t to = e->cur, from = to;
	while (from > 0 && e->buf[from - 1] == ' ')
		from--;
	while (from > 0 && e->buf[from - 1] != ' ')
		from--;
	/* from is on a cluster boundary: a space or the start */
	cut(e, from, to);
	e->cur = from;
}

void
ui_edit_kill_start(struct ui_edit *e)
{
	cut(e, 0, e->cur);
}

int
ui_edit_scroll(struct ui_edit *e, const struct width_opts *wo, int width_cols)
{
	int col = width_str(wo, e->buf, e->cur);
	if (width_cols < 2)
		width_cols = 2;
	/* Keep a column free after the cursor for the terminal cursor. */
	if (col < e->scroll_cols)
		e->scroll_cols = col;
	else if (col > e->scroll_cols + width_cols - 2)
		e->scroll_cols = col - (width_cols - 2);
	int total = width_str(wo, e->buf, e->len);
	if (e->scroll_cols > 0 && total - e->scroll_cols < width_cols - 1)
		e->scroll_cols = total - (width_cols - 1) > 0 ? total - (width_cols - 1) : 0;
	/* Start the shown part on a cluster: a wide character is not cut. */
	int c = 0;
	for (size_t p = 0; p < e->len && c < e->scroll_cols;) {
		size_t q = width_next_cluster(e->buf, e->len, p);
		c += width_cluster(wo, e->buf + p, q - p);
		p = q;
	}
	e->scroll_cols = c < col ? c : col;
	return col - e->scroll_cols;
}

int
ui_edit_key(struct ui_edit *e, int is_code, unsigned key)
{
	if (is_code) {
		switch (key) {
		case KEY_LEFT: ui_edit_left(e); break;
		case KEY_RIGHT: ui_edit_right(e); break;
		case KEY_HOME: ui_edit_home(e); break;
		case KEY_END: ui_edit_end(e); break;
		case KEY_BACKSPACE: ui_edit_backspace(e); break;
		case KEY_DC: ui_edit_delete(e); break;
		case KEY_ENTER: return UI_EDIT_DONE;
		default: break;
		}
		return UI_EDIT_MORE;
	}
	switch (key) {
	case '\r':
	case '\n': return UI_EDIT_DONE;
	case KEY_ESC:
	case 3:  /* Ctrl-C */
	case 7:  /* Ctrl-G */
		return UI_EDIT_CANCEL;
	case 1: ui_edit_home(e); return UI_EDIT_MORE;   /* Ctrl-A */
	case 5: ui_edit_end(e); return UI_EDIT_MORE;    /* Ctrl-E */
	case 2: ui_edit_left(e); return UI_EDIT_MORE;   /* Ctrl-B */
	case 6: ui_edit_right(e); return UI_EDIT_MORE;  /* Ctrl-F */
	case 4: ui_edit_delete(e); return UI_EDIT_MORE; /* Ctrl-D */
	case 8:
	case 127: ui_edit_backspace(e); return UI_EDIT_MORE;
	case 11: ui_edit_kill_end(e); return UI_EDIT_MORE;   /* Ctrl-K */
	case 21: ui_edit_kill_start(e); return UI_EDIT_MORE; /* Ctrl-U */
	default: break;
	}
	if (key < 0x20 || key > 0x10FFFF)
		return UI_EDIT_MORE;
	utf8proc_uint8_t u[4];
	utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)key, u);
	if (n > 0)
		ui_edit_insert(e, (const char *)u, (size_t)n);
	return UI_EDIT_MORE;
}
