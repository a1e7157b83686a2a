/* The shared note index; see noteset.h. */
#include "noteset.h"

#include <string.h>
#include <time.h>

#include "../../src/err.h"
#include "../app.h"
#include "../screen/pane.h"

static struct noteset *
get(struct app *app)
{
	return &app->notes;
}

void
noteset_free(struct app *app)
{
	note_index_free(&app->notes.ix);
	memset(&app->notes, 0, sizeof app->notes);
}

/* Notes are placed only on articles loaded in full (notes.h): those of
 * the others wait until they load. */
static void
load(struct app *app, struct noteset *ns)
{
	int rc = note_index_load(&ns->ix, app->store, app->corpus, app->script);
	if (rc < 0 && !ns->loaded)
		pane_error(app, "Cannot read the notes: %s", err_strerror(rc));
	ns->loaded = 1;
	ns->gen++;
	ns->placed = app->load.notes_gen;
}

/* More articles loaded (ui/load.c says when it is worth it): place again. */
static void
follow_load(struct app *app, struct noteset *ns)
{
	if (ns->loaded && ns->placed != app->load.notes_gen) {
		load(app, ns);
		pane_spans_changed(app);
	}
}

struct note_index *
noteset_index(struct app *app)
{
	struct noteset *ns = get(app);
	if (!ns->loaded)
		load(app, ns);
	follow_load(app, ns);
	return &ns->ix;
}

unsigned
noteset_gen(struct app *app)
{
	return get(app)->gen;
}

void
noteset_refresh(struct app *app)
{
	struct noteset *ns = get(app);
	clock_gettime(CLOCK_MONOTONIC, &ns->checked);
	if (!ns->loaded) {
		load(app, ns);
		return;
	}
	if (store_changed(app->store)) {
		load(app, ns);
		pane_spans_changed(app);
	}
}

void
noteset_changed(struct app *app)
{
	struct noteset *ns = get(app);
	load(app, ns);
	pane_spans_changed(app);
}

int
noteset_spans(void *ctx, struct app *app, size_t art, struct span_list *out)
{
	(void)ctx;
	return note_index_spans(noteset_index(app), art, out);
}

/* The list asks for every article each time it is drawn: look at the
 * store at most every 200 ms from here. */
int
noteset_count(void *ctx, struct app *app, size_t art)
{
	(void)ctx;
	struct noteset *ns = get(app);
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long ms = (now.tv_sec - ns->checked.tv_sec) * 1000 +
		  (now.tv_nsec - ns->checked.tv_nsec) / 1000000;
	if (ms >= 200 || ms < 0)
		noteset_refresh(app);
	follow_load(app, ns);
	return (int)note_index_count(&ns->ix, art);
}
