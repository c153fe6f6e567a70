/* test_pager.c - the window of rows over a keyset-paged list (tui/pager.c)
 * with a list of its own: moving past either end fetches the next chunk,
 * the window never holds more than its capacity, the caller's selection
 * follows rows added or dropped at the front, the position in the whole
 * list is known only when it can be, and a reload keeps the selection.
 *
 * Unit tests link build/libgridwork.a only, so the pager's source is
 * compiled into the test directly. */
#include "../../tui/pager.c"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

/* The list: rows 0..total-1, id "r<i>", rowid i; `gone` is left out (a
 * row deleted since the window was read). */
static int total = 1000, gone = -1, fetches;

static void make(struct list_row *r, int i)
{
	memset(r, 0, sizeof *r);
	r->rowid = i;
	snprintf(r->id, sizeof r->id, "r%d", i);
	r->ncells = 1;
	snprintf(r->text, sizeof r->text, "行%04d", i);
}

static enum gw_status fake_fetch(void *ctx, const struct list_row *from, int backward, int limit,
				 struct list_row *out, int *n, struct gw_err *err)
{
	(void)ctx;
	(void)err;
	fetches++;
	*n = 0;
	if (!backward) {
		for (long long i = from ? from->rowid + 1 : 0; i < total && *n < limit; i++)
			if (i != gone)
				make(&out[(*n)++], (int)i);
		return GW_OK;
	}
	long long start = from ? from->rowid - 1 : total - 1, i;
	int k = 0;
	for (i = start; i >= 0 && k < limit; i--)
		if (i != gone)
			k++;
	/* Display order: from the earliest of those rows up to start. */
	for (long long j = i + 1; j <= start; j++)
		if (j != gone)
			make(&out[(*n)++], (int)j);
	return GW_OK;
}

static struct pager P;

static int setup(void **state)
{
	(void)state;
	total = 1000;
	gone = -1;
	fetches = 0;
	assert_int_equal(pager_init(&P, 100, 30, fake_fetch, NULL), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	pager_free(&P);
	return 0;
}

static void test_first_and_forward(void **state)
{
	(void)state;
	struct gw_err e;
	int sel = 0, top = 0;
	assert_int_equal(pager_first(&P, &e), GW_OK);
	assert_int_equal(P.n, 30);
	assert_true(P.at_start);
	assert_false(P.at_end);
	assert_int_equal(pager_index(&P, 0), 0);
	long long least;
	assert_int_equal(pager_total(&P, &least), -1);
	assert_int_equal(least, 30);
	/* Moving one past the window fetches the next chunk. */
	int want = pager_reach(&P, 30, &sel, &top, &e);
	assert_int_equal(want, 30);
	assert_int_equal(P.n, 60);
	assert_string_equal(P.rows[want].id, "r30");
	/* Far on: the window stays at its capacity and the selection follows
	 * the rows dropped at the front. */
	sel = 59;
	top = 50;
	for (int step = 0; step < 20; step++) {
		want = pager_reach(&P, sel + 25, &sel, &top, &e);
		sel = want;
		top = want - 10;
		assert_true(P.n <= P.cap);
		assert_int_equal(pager_index(&P, sel), atoi(P.rows[sel].id + 1));
	}
	assert_true(P.rows[sel].rowid >= 500);
	assert_int_equal(P.rows[0].rowid, pager_index(&P, 0));
	/* Up to the end: the total is known then. */
	for (int step = 0; step < 100 && !P.at_end; step++) {
		want = pager_reach(&P, P.n, &sel, &top, &e);
		sel = want < P.n ? want : P.n - 1;
	}
	assert_true(P.at_end);
	assert_int_equal(pager_total(&P, NULL), 1000);
	assert_string_equal(P.rows[P.n - 1].id, "r999");
	/* Past the end nothing moves. */
	int n = P.n;
	want = pager_reach(&P, P.n + 5, &sel, &top, &e);
	assert_int_equal(P.n, n);
}

static void test_last_and_backward(void **state)
{
	(void)state;
	struct gw_err e;
	assert_int_equal(pager_last(&P, &e), GW_OK);
	assert_int_equal(P.n, 30);
	assert_true(P.at_end);
	assert_false(P.at_start);
	assert_string_equal(P.rows[29].id, "r999");
	assert_string_equal(P.rows[0].id, "r970");
	/* From the end, where the rows are is not known ... */
	assert_int_equal(pager_index(&P, 0), -1);
	int sel = 0, top = 0;
	int want = pager_reach(&P, -1, &sel, &top, &e);
	/* ... the row before the first came in front and the caller's
	 * indexes moved with the rows. */
	assert_string_equal(P.rows[want].id, "r969");
	assert_int_equal(sel, 30);
	assert_int_equal(top, 30);
	/* Back to the start: now it is known. */
	for (int step = 0; step < 100 && !P.at_start; step++) {
		want = pager_reach(&P, -1, &sel, &top, &e);
		sel = want;
		top = want;
		assert_true(P.n <= P.cap);
	}
	assert_true(P.at_start);
	assert_string_equal(P.rows[0].id, "r0");
	assert_int_equal(pager_index(&P, 5), 5);
	assert_false(P.at_end);   /* the end was dropped on the way */
}

static void test_small_list(void **state)
{
	(void)state;
	struct gw_err e;
	total = 7;
	assert_int_equal(pager_first(&P, &e), GW_OK);
	assert_true(P.at_start && P.at_end);
	assert_int_equal(pager_total(&P, NULL), 7);
	int f = fetches, sel = 6, top = 0;
	/* Nothing beyond: no fetch at all. */
	assert_int_equal(pager_reach(&P, 7, &sel, &top, &e), 7);
	assert_int_equal(fetches, f);
	assert_int_equal(pager_last(&P, &e), GW_OK);
	assert_int_equal(pager_index(&P, 0), 0);   /* fewer than a chunk: the start too */
	total = 0;
	assert_int_equal(pager_first(&P, &e), GW_OK);
	assert_int_equal(P.n, 0);
	assert_int_equal(pager_total(&P, NULL), 0);
}

static void test_reload(void **state)
{
	(void)state;
	struct gw_err e;
	int sel = 0, top = 0;
	assert_int_equal(pager_first(&P, &e), GW_OK);
	for (int i = 0; i < 5; i++)
		sel = pager_reach(&P, P.n + 10, &sel, &top, &e);
	top = sel - 4;
	const char *keep = P.rows[sel].id;
	char id[40];
	snprintf(id, sizeof id, "%s", keep);
	long long at = pager_index(&P, sel);
	assert_int_equal(pager_reload(&P, &sel, &top, &e), GW_OK);
	assert_string_equal(P.rows[sel].id, id);
	assert_int_equal(sel - top, 4);
	assert_int_equal(pager_index(&P, sel), at);
	/* The selected row deleted meanwhile: the next one takes its place. */
	gone = (int)P.rows[sel].rowid;
	assert_int_equal(pager_reload(&P, &sel, &top, &e), GW_OK);
	assert_int_equal(P.rows[sel].rowid, gone + 1);
	/* Near the start the window reaches it again. */
	assert_int_equal(pager_first(&P, &e), GW_OK);
	sel = 2;
	top = 0;
	assert_int_equal(pager_reload(&P, &sel, &top, &e), GW_OK);
	assert_true(P.at_start);
	assert_string_equal(P.rows[sel].id, "r2");
	assert_int_equal(pager_index(&P, sel), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_first_and_forward, setup, teardown),
		cmocka_unit_test_setup_teardown(test_last_and_backward, setup, teardown),
		cmocka_unit_test_setup_teardown(test_small_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reload, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
