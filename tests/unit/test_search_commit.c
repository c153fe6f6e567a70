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

static char dir[256];

static long long q_int(struct gw *gw, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db_handle(gw->db), sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db_handle(gw->db)));
	long long v = -999;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void quiet_commits_leave_the_index(void **state)
{
	char path[320], csv[320];
	snprintf(path, sizeof path, "%s/s.db", dir);
	snprintf(csv, sizeof csv, "%s/grids.csv", dir);
	FILE *f = fopen(csv, "w");
	assert_non_null(f);
	fputs("编码,名称,层级,上级编码,划分依据\nSC,舒城县,县,,\nSC-HB,杭埠镇,乡镇,SC,\n"
	      "SC-HB-G01,杭埠镇“三河”片区网格,网格,SC-HB,地域\n", f);
	assert_int_equal(fclose(f), 0);
	struct config cfg;
	struct gw_err e;
	config_defaults(&cfg);
	struct gw *gw = gw_open(&cfg, path, 1, "SC", &e);
	assert_non_null(gw);
	const char *paths[] = {csv};
	struct import_opts o = {0};
	o.kind = -1;
	struct import_counts c;
	assert_int_equal(import_files(gw, paths, 1, &o, &c, &e), GW_OK);
	struct search_result r;
	struct search_opts so = {-1, 10};
	assert_int_equal(search_find(gw, "三河", &so, &r, &e), GW_OK);   /* indexed */
	assert_int_equal(r.n, 1);
	search_result_free(&r);
	long long seq = q_int(gw, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'search_seq'");
	long long posts = q_int(gw, "SELECT count(*) FROM search_post");
	for (int i = 0; i < 3; i++) {
		char v[16];
		snprintf(v, sizeof v, "%d", i);
		assert_int_equal(db_begin(gw->db, &e), GW_OK);
		assert_int_equal(gw_meta_set(gw, "test_note", v, &e), GW_OK);
		assert_int_equal(db_commit(gw->db, &e), GW_OK);
	}
	assert_int_equal(q_int(gw, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'search_seq'"), seq);
	assert_int_equal(q_int(gw, "SELECT count(*) FROM search_post"), posts);
	assert_int_equal(search_find(gw, "三河", &so, &r, &e), GW_OK);
	assert_int_equal(r.n, 1);
	search_result_free(&r);
	gw_close(gw);
}

static int setup(void **state)
{
	snprintf(dir, sizeof dir, "/tmp/gw-test-search-commit.XXXXXX");
	setenv("GRIDWORK_NOW", "2026-03-02 09:30:00", 1);
	gw_set_lang(GW_LANG_ZH);
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quiet_commits_leave_the_index),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
