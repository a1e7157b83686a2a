/* ui_global: the keys that work in every pane (help, pane switching, the
 * ':' prompt, redraw, suspend, quit). */
#ifndef DUWEN_UI_GLOBAL_H
#define DUWEN_UI_GLOBAL_H

struct app;

int ui_global_register(struct app *app);

#endif
