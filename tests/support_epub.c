/* support_epub: see support_epub.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zip.h>

#include "support_epub.h"

void
support_zip_write(const char *path, const struct support_zip_entry *e, size_t n)
{
	int zerr = 0;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	assert_non_null(z);
	for (size_t i = 0; i < n; i++) {
		size_t len = e[i].len ? e[i].len : strlen(e[i].data);
		zip_source_t *src = zip_source_buffer(z, e[i].data, len, 0);
		assert_non_null(src);
		zip_int64_t idx = zip_file_add(z, e[i].name, src, ZIP_FL_ENC_UTF_8);
		assert_true(idx >= 0);
		int cm = e[i].flags & SUPPORT_ZIP_DEFLATE ? ZIP_CM_DEFLATE : ZIP_CM_STORE;
		assert_int_equal(zip_set_file_compression(z, (zip_uint64_t)idx, cm, 0), 0);
		if (e[i].flags & SUPPORT_ZIP_ENCRYPT)
			assert_int_equal(zip_file_set_encryption(z, (zip_uint64_t)idx,
								 ZIP_EM_AES_256, "pw"),
					 0);
	}
	if (zip_close(z) != 0) {
		fprintf(stderr, "zip_close %s: %s\n", path, zip_strerror(z));
		fail();
	}
}

void
support_epub_write(const char *path, const char *opf, const struct support_zip_entry *e,
		   size_t n)
{
	struct support_zip_entry *all = calloc(n + 3, sizeof *all);
	assert_non_null(all);
	all[0] = (struct support_zip_entry){ "mimetype", "application/epub+zip", 0, 0 };
	all[1] = (struct support_zip_entry){
		"META-INF/container.xml",
		"<?xml version=\"1.0\"?>\n"
		"<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
		"<rootfiles><rootfile full-path=\"OEBPS/content.opf\" "
		"media-type=\"application/oebps-package+xml\"/></rootfiles></container>\n",
		0, SUPPORT_ZIP_DEFLATE
	};
	all[2] = (struct support_zip_entry){ "OEBPS/content.opf", opf, 0, SUPPORT_ZIP_DEFLATE };
	memcpy(all + 3, e, n * sizeof *e);
	support_zip_write(path, all, n + 3);
	free(all);
}

char *
support_epub_opf(const char *version, const char *metadata, const char *manifest,
		 const char *spine_attrs, const char *spine)
{
	char *s;
	assert_true(asprintf(&s,
			     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			     "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"%s\" "
			     "unique-identifier=\"uid\">\n"
			     "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
			     "xmlns:opf=\"http://www.idpf.org/2007/opf\">%s</metadata>\n"
			     "<manifest>%s</manifest>\n"
			     "<spine %s>%s</spine>\n"
			     "</package>\n",
			     version, metadata, manifest, spine_attrs, spine) > 0);
	return s;
}
