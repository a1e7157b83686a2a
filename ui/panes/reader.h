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

/* See pane_open_article. */
int ui_reader_open(struct app *app, size_t art, size_t off, const struct span_list *extra);
/* See pane_reading_place. */
int ui_reader_place(struct app *app, size_t *art, size_t *off);
/* Jump the open reader to orig offset off (the outline uses it). */
void ui_reader_jump(struct app *app, size_t off);

/* Headings of the article shown, for the outline: fills up to max block
 * indices (of the displayed article) and returns how many exist. */
struct reader;
struct reader *ui_reader_model(struct app *app);

#endif
