/* The one place that knows which pane modules exist. */
#include "registry.h"

#include "app.h"
#include "screen/pane.h"
#include "global.h"
#include "panes/help.h"
#include "panes/list.h"
#include "panes/match.h"
#include "panes/messages.h"
#include "panes/outline.h"
#include "panes/reader.h"
#include "panes/compare.h"
#include "panes/search.h"
#include "panes/notes.h"

int
registry_all(struct app *app)
{
	int rc;
	if ((rc = ui_global_register(app)) < 0 ||
	    (rc = pane_register(app, &ui_list_ops)) < 0 ||
	    (rc = ui_reader_register(app)) < 0 ||
	    (rc = ui_outline_register(app)) < 0 ||
	    (rc = ui_help_register(app)) < 0 ||
	    (rc = ui_match_register(app)) < 0 ||
	    (rc = ui_compare_register(app)) < 0 ||
	    (rc = ui_search_register(app)) < 0 ||
	    (rc = ui_notes_register(app)) < 0 ||
	    (rc = ui_messages_register(app)) < 0)
		return rc;
	return 0;
}
