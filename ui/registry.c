/* The one place that knows which pane modules exist. */
#include "registry.h"

#include "app.h"
#include "pane.h"
#include "ui_global.h"
#include "ui_help.h"
#include "ui_list.h"
#include "ui_outline.h"
#include "ui_reader.h"

/* Optional modules: present when their header is. */
#if __has_include("ui_compare.h")
#include "ui_compare.h"
#endif
#if __has_include("ui_search.h")
#include "ui_search.h"
#endif
#if __has_include("ui_notes.h")
#include "ui_notes.h"
#endif

int
registry_all(struct app *app)
{
	int rc;
	if ((rc = ui_global_register(app)) < 0 ||
	    (rc = pane_register(app, &ui_list_ops)) < 0 ||
	    (rc = pane_register(app, &ui_reader_ops)) < 0 ||
	    (rc = ui_outline_register(app)) < 0 ||
	    (rc = ui_help_register(app)) < 0)
		return rc;
#ifdef UI_COMPARE_REGISTER
	ui_compare_register(app);
#endif
#ifdef UI_SEARCH_REGISTER
	ui_search_register(app);
#endif
#ifdef UI_NOTES_REGISTER
	ui_notes_register(app);
#endif
	return 0;
}
