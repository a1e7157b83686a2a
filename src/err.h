/* err: the one error enum of src/ and its messages.
 * Every src/ function that can fail returns 0 or one of these (negative).
 * err_strerror's strings are static; nobody frees them. */
#ifndef DUWEN_ERR_H
#define DUWEN_ERR_H

enum err_code {
	ERR_OK = 0,
	ERR_NOMEM = -1,    /* allocation failed */
	ERR_IO = -2,       /* read or write failed (see errno / cause) */
	ERR_NOTFOUND = -3, /* path does not exist */
	ERR_TOOBIG = -4,   /* file larger than the size limit */
	ERR_BINARY = -5,   /* file is not text (NUL bytes, image, executable) */
	ERR_ENCODING = -6, /* unknown or unusable encoding */
	ERR_EMPTY = -7,    /* nothing to load (empty dir, no articles) */
	ERR_INVAL = -8,    /* bad argument or value */
	ERR_DB = -9,       /* database error */
	ERR_READONLY = -10,/* store cannot be written */
	ERR_NOTDUWEN = -11,/* database is not a duwen database or is corrupt */
	ERR_RANGE = -12,   /* offset or index out of range */
	ERR_CANCELLED = -13, /* the user cancelled a long piece of work */
	ERR_BUSY = -14,    /* another process holds the database's write lock */
};

/* A short English message for an err_code; "unknown error" for others. */
const char *err_strerror(int err);

#endif
