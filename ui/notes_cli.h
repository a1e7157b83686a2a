/* ui_notes_cli: the `duwen notes export|import` subcommands (plain output,
 * no terminal UI). Uses notes.h and store.h; owns nothing after return. */
#ifndef DUWEN_UI_NOTES_CLI_H
#define DUWEN_UI_NOTES_CLI_H

/* argv[0] is "notes". texts: the corpus searched for renamed files when no
 * PATH is given (the bundled texts). Returns the exit status: 0, 1 (failed,
 * message on stderr) or 2 (usage). */
int ui_notes_cli_main(int argc, char **argv, const char *texts);

#endif
