/* store_int: what store.c and store_annot.c share; not for other modules. */
#ifndef DUWEN_STORE_INT_H
#define DUWEN_STORE_INT_H

#include <sqlite3.h>

#include "store.h"

struct store {
	sqlite3 *db;    /* NULL: no database at all (every call a no-op) */
	int ro;         /* writes refused */
	int version;    /* schema version of the open database */
	char *path;     /* DIR/notes.db */
	char err[256];  /* last write failure, for store_error */
	long long data_version;
};

/* Record why a statement failed (rc from sqlite) in s->err; returns the
 * err_code to hand back (ERR_READONLY or ERR_DB). */
int store_int_fail(struct store *s, int rc, const char *what);

#endif
