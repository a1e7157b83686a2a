#include "err.h"

const char *
err_strerror(int err)
{
	switch (err) {
	case ERR_OK: return "success";
	case ERR_NOMEM: return "out of memory";
	case ERR_IO: return "input/output error";
	case ERR_NOTFOUND: return "no such file or directory";
	case ERR_TOOBIG: return "file too large";
	case ERR_BINARY: return "not a text file";
	case ERR_ENCODING: return "unknown encoding";
	case ERR_EMPTY: return "no articles";
	case ERR_INVAL: return "invalid argument";
	case ERR_DB: return "database error";
	case ERR_READONLY: return "read-only store";
	case ERR_NOTDUWEN: return "not a duwen database";
	case ERR_RANGE: return "out of range";
	case ERR_CANCELLED: return "cancelled";
	case ERR_BUSY: return "busy: another process is writing";
	}
	return "unknown error";
}
