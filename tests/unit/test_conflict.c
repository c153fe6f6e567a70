/* test_conflict.c - two clerks editing the same record.  Each clerk has
 * the database open through its own handle (as two gridwork processes
 * would), opens a record, and saves; the second save, made against the
 * version it opened, is refused with GW_ECONFLICT and a message saying the
 * record was changed by someone else, and writes nothing (the first
 * clerk's values, version and audit stay).  The second clerk then chooses:
 * reopen and save again (which succeeds), or leave it.  Covered for a grid
 * and an organisation (the form path, import_one with id and version) and
 * a ticket (ticket_apply with version). */
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
#include "grid.h"
#include "gw.h"
#include "import.h"
#include "org.h"
#include "ticket.h"
#include "ticket_flow.h"

static char tmpdir[256], path[320];
static int seq;
static struct gw *a, *b;   /* 王芳 and 李娜, at two PCs */

static struct gw *clerk(const char *name, int create)
{
	struct config cfg;
	struct gw_err e;
	config_defaults(&cfg);
	snprintf(cfg.operator_name, sizeof cfg.operator_name, "%s", name);
	struct gw *gw = gw_open(&cfg, path, create, "SC", &e);
	if (!gw)
		fail_msg("gw_open: %s", e.msg);
	return gw;
}

static void import_text(struct gw *gw, const char *text)
{
	char p[400];
	snprintf(p, sizeof p, "%s/in%d.csv", tmpdir, seq);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	const char *paths[] = {p};
	struct import_opts o = {0};
	o.kind = -1;
	struct import_counts c;
	struct gw_err e;
	if (import_files(gw, paths, 1, &o, &c, &e) != GW_OK)
		fail_msg("import: %s", e.msg);
}

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

static const char *q_text(struct gw *gw, const char *sql)
{
	static char out[512];
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db_handle(gw->db), sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db_handle(gw->db)));
	out[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, sizeof out, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

static void assert_msg_has(const struct gw_err *e, const char *frag)
{
	if (!strstr(e->msg, frag))
		fail_msg("message \"%s\" lacks \"%s\"", e->msg, frag);
}

static int setup_dir(void **state)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/gw-test-conflict.XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	setenv("GRIDWORK_NOW", "2026-03-02 09:30:00", 1);
	gw_set_lang(GW_LANG_ZH);
	return 0;
}

static int teardown_dir(void **state)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static int setup(void **state)
{
	snprintf(path, sizeof path, "%s/c%d.db", tmpdir, ++seq);
	unlink(path);
	a = clerk("王芳", 1);
	import_text(a, "编码,名称,层级,上级编码,划分依据\n"
		       "SC,舒城县,县,,\n"
		       "SC-HB,杭埠镇,乡镇,SC,\n"
		       "SC-HB-G01,杭埠镇“三河”片区网格,网格,SC-HB,地域\n");
	import_text(a, "统一社会信用代码,名称,类型,标签,产业链,网格编码,地址,从业人数,党员人数,党组织,党组织成立日期,联系人,联系电话\n"
		       "91341523MA2N000102,安徽舒城梅河食品有限公司,企业,规上,预制菜,SC-HB-G01,舒城县经济开发区梅河路8号,320,12,单独建,2024-05-01,王建国,13805641234\n");
	b = clerk("李娜", 0);
	return 0;
}

static int teardown(void **state)
{
	gw_close(b);
	gw_close(a);
	a = b = NULL;
	return 0;
}

static enum gw_status save_grid(struct gw *gw, const struct grid_rec *g, const char *name,
				struct gw_err *e)
{
	const char *v[GRID_NCOLS] = {g->code, name, "网格", "SC-HB", "地域", "", ""};
	enum upsert_result res;
	return import_one(gw, IK_GRID, v, g->id, g->version, &res, e);
}

static void grid_second_save_told(void **state)
{
	struct grid_rec ga, gb;
	struct gw_err e;
	/* Both clerks open the grid's form. */
	assert_int_equal(grid_by_code(a, "SC-HB-G01", &ga, &e), GW_OK);
	assert_int_equal(grid_by_code(b, "SC-HB-G01", &gb, &e), GW_OK);
	assert_int_equal(ga.version, gb.version);
	long long audits = q_int(a, "SELECT count(*) FROM audit");

	assert_int_equal(save_grid(a, &ga, "杭埠镇三河片区网格（王芳改）", &e), GW_OK);
	assert_int_equal(save_grid(b, &gb, "杭埠镇三河片区网格（李娜改）", &e), GW_ECONFLICT);
	assert_msg_has(&e, "已被他人修改");
	assert_msg_has(&e, "SC-HB-G01");
	/* No silent overwrite: the first save stands, once. */
	assert_string_equal(q_text(b, "SELECT name FROM grid WHERE code = 'SC-HB-G01'"),
			    "杭埠镇三河片区网格（王芳改）");
	assert_int_equal(q_int(b, "SELECT version FROM grid WHERE code = 'SC-HB-G01'"), ga.version + 1);
	assert_int_equal(q_int(b, "SELECT count(*) FROM audit"), audits + 1);
	assert_string_equal(q_text(b, "SELECT operator FROM audit ORDER BY rowid DESC LIMIT 1"), "王芳");

	/* 李娜 chooses to reload and save her change over the new version. */
	assert_int_equal(grid_by_code(b, "SC-HB-G01", &gb, &e), GW_OK);
	assert_string_equal(gb.name, "杭埠镇三河片区网格（王芳改）");
	assert_int_equal(save_grid(b, &gb, "杭埠镇三河片区网格（李娜改）", &e), GW_OK);
	assert_string_equal(q_text(a, "SELECT name FROM grid WHERE code = 'SC-HB-G01'"),
			    "杭埠镇三河片区网格（李娜改）");
	assert_int_equal(q_int(a, "SELECT version FROM grid WHERE code = 'SC-HB-G01'"), ga.version + 2);
	/* And 王芳's form, still at the version she saved, is now the stale one. */
	assert_int_equal(grid_by_code(a, "SC-HB-G01", &ga, &e), GW_OK);
	ga.version--;
	assert_int_equal(save_grid(a, &ga, "再改", &e), GW_ECONFLICT);
}

static enum gw_status save_org(struct gw *gw, const struct org_rec *o, const char *name,
			       const char *employees, struct gw_err *e)
{
	const char *v[ORG_NCOLS] = {o->credit_code, name, "企业", "规上", "预制菜", "SC-HB-G01",
				    "舒城县经济开发区梅河路8号", employees, "12", "单独建", "2024-05-01",
				    "王建国", "13805641234"};
	enum upsert_result res;
	return import_one(gw, IK_ORG, v, o->id, o->version, &res, e);
}

static void org_second_save_told(void **state)
{
	struct org_rec *oa = malloc(sizeof *oa), *ob = malloc(sizeof *ob);
	struct gw_err e;
	assert_non_null(oa);
	assert_non_null(ob);
	assert_int_equal(org_by_credit_code(a, "91341523MA2N000102", oa, &e), GW_OK);
	assert_int_equal(org_by_credit_code(b, "91341523MA2N000102", ob, &e), GW_OK);

	assert_int_equal(save_org(a, oa, "安徽舒城梅河食品有限公司", "350", &e), GW_OK);
	/* 李娜 changed another field; still refused: she never saw 350. */
	assert_int_equal(save_org(b, ob, "安徽梅河预制菜有限公司", "320", &e), GW_ECONFLICT);
	assert_msg_has(&e, "已被他人修改");
	assert_int_equal(q_int(b, "SELECT employees FROM org"), 350);
	assert_string_equal(q_text(b, "SELECT name FROM org"), "安徽舒城梅河食品有限公司");
	assert_int_equal(q_int(b, "SELECT version FROM org"), oa->version + 1);
	assert_int_equal(q_int(b, "SELECT count(*) FROM audit WHERE tbl = 'org' AND action = 'update'"), 1);
	free(oa);
	free(ob);
}

static void ticket_second_move_told(void **state)
{
	struct ticket_new n = {"骑手反映：十字路口红绿灯故障", "交通警情", "骑手上报", "SC-HB-G01",
			       NULL, "李骑手", "13900000002", "县公安局交通管理大队", "早晚高峰多次险情"};
	struct ticket_rec *t = malloc(sizeof *t), *tb = malloc(sizeof *tb);
	struct gw_err e;
	assert_non_null(t);
	assert_non_null(tb);
	assert_int_equal(ticket_register(a, &n, t, &e), GW_OK);
	assert_int_equal(ticket_find(b, t->number, tb, &e), GW_OK);
	long long events = q_int(a, "SELECT count(*) FROM ticket_event");

	struct ticket_move accept = {.action = TA_ACCEPT, .version = t->version};
	assert_int_equal(ticket_apply(a, t->number, &accept, NULL, &e), GW_OK);
	/* 李娜 still sees it new and sends it back: refused, told it changed. */
	struct ticket_move hold = {.action = TA_HOLD, .note = "等待交警现场核实", .version = tb->version};
	assert_int_equal(ticket_apply(b, tb->number, &hold, NULL, &e), GW_ECONFLICT);
	assert_msg_has(&e, "已被他人修改");
	assert_msg_has(&e, t->number);
	assert_string_equal(q_text(b, "SELECT status FROM ticket"), "accepted");
	assert_int_equal(q_int(b, "SELECT count(*) FROM ticket_event"), events + 1);

	/* Reloaded, her move applies to the ticket as it now is. */
	assert_int_equal(ticket_find(b, t->number, tb, &e), GW_OK);
	hold.version = tb->version;
	assert_int_equal(ticket_apply(b, tb->number, &hold, NULL, &e), GW_OK);
	assert_string_equal(q_text(a, "SELECT status FROM ticket"), "on_hold");
	free(t);
	free(tb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(grid_second_save_told, setup, teardown),
		cmocka_unit_test_setup_teardown(org_second_save_told, setup, teardown),
		cmocka_unit_test_setup_teardown(ticket_second_move_told, setup, teardown),
	};
	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
