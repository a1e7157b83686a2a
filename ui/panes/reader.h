/* ui_reader: the reading view pane: draws a struct reader (reader.h)
 * through the layout engine's glyphs, maps its keys, remembers places in
 * the store. One reading pane shows one article at a time. */
#ifndef DUWEN_UI_READER_H
#define DUWEN_UI_READER_H

#include <stddef.h>

#include "../../src/span.h"
#include "../screen/pane.h"

struct app;

extern const struct pane_ops ui_reader_ops;

/* Register the pane, its annotate keys (annot.h) and the opener that
 * pane_open_article and pane_reading_place use. 0 or ERR_NOMEM. */
int ui_reader_register(struct app *app);

#endif
