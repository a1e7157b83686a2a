/* The prompts' histories, one per label, kept by the manager (see
 * pane_int.h). Below pane.c and pane_prompt.c. */
#include <stdlib.h>
#include <string.h>

#include "pane_int.h"

#define PANE_HISTORY_MAX 100

/* The history of label, made on first use; NULL without memory. */
struct pane_history *
pane_history_get(struct pane_mgr *m, const char *label)
{
	for (size_t i = 0; i < m->nhist; i++)
		if (strcmp(m->hist[i].label, label) == 0)
			return &m->hist[i];
	if (m->nhist == m->caphist) {
		size_t c = m->caphist ? m->caphist * 2 : 8;
		struct pane_history *v = realloc(m->hist, c * sizeof *v);
		if (v == NULL)
			return NULL;
		m->hist = v;
		m->caphist = c;
	}
	struct pane_history *h = &m->hist[m->nhist];
	*h = (struct pane_history){ .label = strdup(label) };
	if (h->label == NULL)
		return NULL;
	m->nhist++;
	return h;
}

void
pane_history_add(struct pane_history *h, const char *line)
{
	if (h == NULL || line[0] == 0 || (h->n > 0 && strcmp(h->v[h->n - 1], line) == 0))
		return;
	if (h->n == PANE_HISTORY_MAX) {
		free(h->v[0]);
		memmove(h->v, h->v + 1, (h->n - 1) * sizeof *h->v);
		h->n--;
	}
	if (h->n == h->cap) {
		size_t c = h->cap ? h->cap * 2 : 16;
		char **v = realloc(h->v, c * sizeof *v);
		if (v == NULL)
			return;
		h->v = v;
		h->cap = c;
	}
	char *s = strdup(line);
	if (s)
		h->v[h->n++] = s;
}

void
pane_history_free(struct pane_mgr *m)
{
	for (size_t i = 0; i < m->nhist; i++) {
		for (size_t k = 0; k < m->hist[i].n; k++)
			free(m->hist[i].v[k]);
		free(m->hist[i].v);
		free(m->hist[i].label);
	}
	free(m->hist);
	m->hist = NULL;
	m->nhist = m->caphist = 0;
}
