#include "menu.h"

static void
fit(struct menu *m)
{
	size_t rows = m->rows > 0 ? (size_t)m->rows : 1;
	if (m->n == 0) {
		m->cur = m->top = 0;
		return;
	}
	if (m->cur >= m->n)
		m->cur = m->n - 1;
	if (m->cur < m->top)
		m->top = m->cur;
	if (m->cur >= m->top + rows)
		m->top = m->cur - rows + 1;
	/* never leave empty rows below the end while rows above are hidden */
	if (m->n >= rows && m->top > m->n - rows)
		m->top = m->n - rows;
	if (m->n < rows)
		m->top = 0;
}

void
menu_set(struct menu *m, size_t n, int rows)
{
	m->n = n;
	m->rows = rows > 0 ? rows : 1;
	fit(m);
}

void
menu_move(struct menu *m, long delta)
{
	if (m->n == 0)
		return;
	if (delta < 0 && (size_t)-delta > m->cur)
		m->cur = 0;
	else if (delta > 0 && (size_t)delta >= m->n - m->cur)
		m->cur = m->n - 1;
	else
		m->cur = (size_t)((long)m->cur + delta);
	fit(m);
}

void
menu_goto(struct menu *m, size_t i)
{
	m->cur = i;
	fit(m);
}

void
menu_scroll(struct menu *m, long delta)
{
	size_t rows = m->rows > 0 ? (size_t)m->rows : 1;
	if (m->n <= rows)
		return;
	size_t max = m->n - rows;
	if (delta < 0 && (size_t)-delta > m->top)
		m->top = 0;
	else if (delta > 0 && m->top + (size_t)delta > max)
		m->top = max;
	else
		m->top = (size_t)((long)m->top + delta);
	if (m->cur < m->top)
		m->cur = m->top;
	if (m->cur >= m->top + rows)
		m->cur = m->top + rows - 1;
}
