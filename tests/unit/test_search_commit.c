/* test_search_commit.c - a commit that changes no searchable text leaves
 * the lookup index alone, also while some kinds have no records yet (a new
 * county: no stations, no workers).  The index's state in meta once read
 * "0:" - a kind without records - wrongly, so every commit saw the index
 * out of date and indexed again: a ticket registration took 0.4-0.7 s on
 * 30,000 tickets (found by tests/unit/test_faults.c's baseline). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "gw.h"
#include "import.h"
#include "search.h"

#include "testutil.h"

static void quiet_commits_leave_the_index(void **state)
{
	struct gw_err e;
	struct gw *gw = tu_open_in("s", NULL, NULL);
	tu_import_ok(gw, "grids.csv",
		     "编码,名称,层级,上级编码,划分依据\nSC,舒城县,县,,\nSC-HB,杭埠镇,乡镇,SC,\n"
		     "SC-HB-G01,杭埠镇“三河”片区网格,网格,SC-HB,地域\n");
	struct search_result r;
	struct search_opts so = {-1, 10};
	assert_int_equal(search_find(gw, "三河", &so, &r, &e), GW_OK);   /* indexed */
	assert_int_equal(r.n, 1);
	search_result_free(&r);
	long long seq = tu_count(gw, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'search_seq'");
	long long posts = tu_count(gw, "SELECT count(*) FROM search_post");
	for (int i = 0; i < 3; i++) {
		char v[16];
		snprintf(v, sizeof v, "%d", i);
		assert_int_equal(db_begin(gw->db, &e), GW_OK);
		assert_int_equal(gw_meta_set(gw, "test_note", v, &e), GW_OK);
		assert_int_equal(db_commit(gw->db, &e), GW_OK);
	}
	assert_int_equal(tu_count(gw, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'search_seq'"), seq);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM search_post"), posts);
	assert_int_equal(search_find(gw, "三河", &so, &r, &e), GW_OK);
	assert_int_equal(r.n, 1);
	search_result_free(&r);
	gw_close(gw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quiet_commits_leave_the_index),
	};
	setenv("GRIDWORK_NOW", "2026-03-02 09:30:00", 1);
	gw_set_lang(GW_LANG_ZH);
	return tu_run("search_commit", tests);
}
