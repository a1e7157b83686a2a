/* test_span: span lists: sorting order and the disjoint-list lookup. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../src/span.h"

static void
test_sort(void **state)
{
	(void)state;
	struct span_list l = { 0 };
	assert_int_equal(span_list_push(&l, 5, 9, SPAN_CITY, 0), 0);
	assert_int_equal(span_list_push(&l, 0, 3, SPAN_SEARCH, 0), 0);
	assert_int_equal(span_list_push(&l, 5, 12, SPAN_NOTE, 1), 0);
	span_list_sort(&l);
	/* by start, the longer first at one start */
	assert_int_equal(l.v[0].start, 0);
	assert_int_equal(l.v[1].end, 12);
	assert_int_equal(l.v[2].end, 9);
	span_list_free(&l);
	assert_null(l.v);
	assert_int_equal(l.n, 0);
}

static void
test_first_after(void **state)
{
	(void)state;
	/* [2,4) [4,7) [10,11) */
	struct span v[] = { { 2, 4, 0, 0 }, { 4, 7, 0, 0 }, { 10, 11, 0, 0 } };
	struct span_list l = { v, 3, 3 };
	static const size_t off[] = { 0, 2, 3, 4, 6, 7, 9, 10, 11, 50 };
	static const size_t want[] = { 0, 0, 0, 1, 1, 2, 2, 2, 3, 3 };
	for (size_t i = 0; i < sizeof off / sizeof off[0]; i++)
		assert_int_equal(span_list_first_after(&l, off[i]), want[i]);
	struct span_list empty = { 0 };
	assert_int_equal(span_list_first_after(&empty, 5), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sort),
		cmocka_unit_test(test_first_after),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
