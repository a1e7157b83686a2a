/* support_tmp: see support_tmp.h. */
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <cmocka.h>

#include "support_tmp.h"

char support_tmpdir[64];

static int
rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

int
support_tmp_setup(void **state)
{
	(void)state;
	snprintf(support_tmpdir, sizeof support_tmpdir, "/tmp/duwen-test-XXXXXX");
	return mkdtemp(support_tmpdir) ? 0 : -1;
}

int
support_tmp_teardown(void **state)
{
	(void)state;
	return nftw(support_tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

char *
support_tmp_path(const char *name)
{
	char *p;
	assert_true(asprintf(&p, "%s/%s", support_tmpdir, name) > 0);
	return p;
}

void
support_write_file(const char *path, const void *b, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

void
support_write_in(const char *dir, const char *name, const void *b, size_t n)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	support_write_file(path, b, n);
}

int
support_bind_socket(const char *path)
{
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	assert_true(fd >= 0);
	assert_true(strlen(path) < sizeof sa.sun_path);
	strcpy(sa.sun_path, path);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	return fd;
}
