/* test_grid.c - the grid hierarchy: levels and parents, parents later in a
 * file, cycles, basis, positions, updates with their audit, which refusal
 * a form or a file hears first, soft and hard deletion, the tree, and the
 * grids.csv export. */
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

#include "check.h"
#include "config.h"
#include "grid.h"
#include "list.h"
#include "gw.h"
#include "import.h"

#include "testutil.h"

static int seq;
static struct gw *gw;

/* Each test gets a fresh database. */
static int setup(void **state)
{
	(void)state;
	gw = tu_open_as("g", NULL, "王芳");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	gw_close(gw);
	gw = NULL;
	return 0;
}

/* One row through the grid handler (the same path as import and forms). */
static enum gw_status put(const char *code, const char *name, const char *level, const char *parent,
			  const char *basis, const char *lon, const char *lat, enum upsert_result *res,
			  struct gw_err *e)
{
	const char *v[GRID_NCOLS] = {code, name, level, parent, basis, lon, lat};
	enum upsert_result dummy;
	return import_one(gw, IK_GRID, v, NULL, 0, res ? res : &dummy, e);
}

static void put_ok(const char *code, const char *name, const char *level, const char *parent,
		   const char *basis)
{
	struct gw_err e;
	if (put(code, name, level, parent, basis, "", "", NULL, &e) != GW_OK)
		fail_msg("%s: %s", code, e.msg);
}

/* Expects the row refused with a message naming column col and holding frag,
 * and nothing written (grid and audit unchanged). */
static void put_bad(const char *code, const char *name, const char *level, const char *parent,
		    const char *basis, const char *lon, const char *lat, const char *col,
		    const char *frag)
{
	long long grids = tu_count(gw, "SELECT count(*) FROM grid");
	long long audits = tu_count(gw, "SELECT count(*) FROM audit");
	long long versions = tu_count(gw, "SELECT total(version) FROM grid");
	struct gw_err e;
	enum gw_status st = put(code, name, level, parent, basis, lon, lat, NULL, &e);
	if (st == GW_OK)
		fail_msg("row %s accepted; expected %s: %s", code, col, frag);
	assert_int_equal(st, GW_EINVAL);
	char head[64];
	snprintf(head, sizeof head, "%s: ", col);
	if (strncmp(e.msg, head, strlen(head)) != 0)
		fail_msg("message \"%s\" does not start with \"%s\"", e.msg, head);
	tu_msg_has(&e, frag);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM grid"), grids);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit"), audits);
	assert_int_equal(tu_count(gw, "SELECT total(version) FROM grid"), versions);
}

/* The county, a township, a park and a grid under each. */
static void base_tree(void)
{
	put_ok("SC", "舒城县", "县", "", "");
	put_ok("SC-CG", "城关镇", "乡镇", "SC", "");
	put_ok("SC-HB", "杭埠镇", "township", "SC", "");
	put_ok("SC-KFQ", "舒城经济开发区", "园区", "SC", "");
	put_ok("SC-CG-G01", "城关镇梅河社区网格", "网格", "SC-CG", "地域");
	put_ok("SC-KFQ-G01", "电子信息产业链网格", "grid", "SC-KFQ", "chain");
}

static void print_problem(void *ctx, const char *line)
{
	(void)ctx;
	print_message("  check: %s\n", line);
}

/* Problems `gridwork check` finds (each printed). */
static int problems(void)
{
	struct gw_err e;
	int n = check_all(gw, print_problem, NULL, &e);
	if (n < 0)
		fail_msg("check: %s", e.msg);
	return n;
}

struct said {
	int n;
	char lines[32][600];
};

static void say(void *ctx, int is_error, const char *line)
{
	struct said *s = ctx;
	if (is_error && s->n < 32)
		snprintf(s->lines[s->n++], sizeof s->lines[0], "%s", line);
}

static int said_has(const struct said *s, const char *frag)
{
	for (int i = 0; i < s->n; i++)
		if (strstr(s->lines[i], frag))
			return 1;
	return 0;
}

static enum gw_status import_text(const char *text, struct import_counts *n, struct said *s,
				  struct gw_err *e, char *path_out)
{
	char path[512];
	snprintf(path, sizeof path, "%s/grids-%d.csv", tu_dir, ++seq);
	tu_write_file(path, text);
	if (path_out)
		strcpy(path_out, path);
	const char *paths[] = {path};
	struct import_opts o = {0, -1, say, s};
	return import_files(gw, paths, 1, &o, n, e);
}

/* ---- levels and parents --------------------------------------------- */

static void hierarchy_allowed(void **state)
{
	(void)state;
	base_tree();
	put_ok("SC-HB-G01", "杭埠镇区域网格", "网格", "SC-HB", "region");
	/* 园中园: a park in a park, and a park under a township. */
	put_ok("SC-KFQ-P1", "电子信息产业园", "园区", "SC-KFQ", "");
	put_ok("SC-HB-P1", "杭埠镇工业园", "园区", "SC-HB", "");
	put_ok("SC-KFQ-P1-G01", "园中园网格", "网格", "SC-KFQ-P1", "行业");
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM grid"), 10);
	assert_string_equal(tu_q_text(gw, "SELECT p.code FROM grid g JOIN grid p ON p.id = g.parent_id "
					  "WHERE g.code = 'SC-KFQ-P1-G01'"), "SC-KFQ-P1");
	assert_string_equal(tu_q_text(gw, "SELECT level || ',' || basis FROM grid WHERE code = 'SC-HB-G01'"),
			    "grid,region");
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM grid WHERE level = 'county' AND parent_id IS NULL"), 1);
	assert_int_equal(problems(), 0);
}

static void hierarchy_refused(void **state)
{
	(void)state;
	base_tree();
	put_bad("SC-X1", "某镇", "乡镇", "SC-CG", "", "", "", "上级编码", "乡镇不能隶属于乡镇");
	put_bad("SC-X2", "某镇", "乡镇", "SC-KFQ", "", "", "", "上级编码", "园区");
	put_bad("SC-X3", "某网格", "网格", "SC", "地域", "", "", "上级编码", "县");
	put_bad("SC-X4", "某网格", "网格", "SC-CG-G01", "地域", "", "", "上级编码", "SC-CG-G01");
	put_bad("SC-X5", "某园区", "园区", "SC-CG-G01", "", "", "", "上级编码", "网格");
	put_bad("SC-X6", "某县", "县", "SC", "", "", "", "上级编码", "县没有上级");
	put_bad("SC-X7", "某镇", "乡镇", "", "", "", "", "上级编码", "必填");
	put_bad("SC-X8", "某镇", "乡镇", "SC-NOPE", "", "", "", "上级编码", "SC-NOPE");
	put_bad("SC-X9", "某镇", "镇", "SC", "", "", "", "层级", "“镇”不是有效层级");
	put_bad("SC-X9", "某镇", "", "SC", "", "", "", "层级", "必填");
	put_bad("", "某镇", "乡镇", "SC", "", "", "", "编码", "必填");
	put_bad("SC X9", "某镇", "乡镇", "SC", "", "", "", "编码", "空格");
	put_bad("舒城-城关", "某镇", "乡镇", "SC", "", "", "", "编码", "字母");
	put_bad("SC-X9", "", "乡镇", "SC", "", "", "", "名称", "不能为空");
	put_bad("SC-X9", "某\x1b[2J镇", "乡镇", "SC", "", "", "", "名称", "控制字符");
}

static void one_county(void **state)
{
	(void)state;
	base_tree();
	/* A second county would make `check` complain: refused up front. */
	put_bad("LJ", "庐江县", "县", "", "", "", "", "层级", "SC");
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM grid WHERE level = 'county'"), 1);
	/* The county itself can still be edited. */
	enum upsert_result res;
	struct gw_err e;
	assert_int_equal(put("SC", "舒城县（新）", "县", "", "", "", "", &res, &e), GW_OK);
	assert_int_equal(res, UPSERT_UPDATED);
}

static void codes_normalised(void **state)
{
	(void)state;
	put_ok(" sc ", "舒城县", "county", "", "");
	put_ok("sc-cg", "城关镇", "TOWNSHIP", "Sc", "");
	assert_string_equal(tu_q_text(gw, "SELECT group_concat(code, ',') FROM (SELECT code FROM grid ORDER BY code)"),
			    "SC,SC-CG");
	struct grid_rec g;
	struct gw_err e;
	assert_int_equal(grid_by_code(gw, "sc-Cg", &g, &e), GW_OK);
	assert_string_equal(g.code, "SC-CG");
	assert_string_equal(g.level, "township");
	assert_string_equal(g.parent_code, "SC");
	assert_string_equal(g.name, "城关镇");
	assert_int_equal(g.version, 1);
	struct grid_rec byid;
	assert_int_equal(grid_by_id(gw, g.id, &byid, &e), GW_OK);
	assert_string_equal(byid.code, "SC-CG");
	assert_int_equal(grid_by_code(gw, "SC-XX", &g, &e), GW_ENOTFOUND);
	tu_msg_has(&e, "SC-XX");
	assert_int_equal(grid_by_code(gw, "坏 编码", &g, &e), GW_ENOTFOUND);
}

/* ---- basis and position ---------------------------------------------- */

static void basis_rules(void **state)
{
	(void)state;
	base_tree();
	put_bad("SC-CG-G02", "城关镇网格二", "网格", "SC-CG", "", "", "", "划分依据", "必填");
	put_bad("SC-CG-G02", "城关镇网格二", "网格", "SC-CG", "随便", "", "", "划分依据", "“随便”不是有效的划分依据");
	put_bad("SC-QL", "千人桥镇", "乡镇", "SC", "地域", "", "", "划分依据", "只有网格");
	put_bad("SC-KFQ-P2", "某园", "园区", "SC-KFQ", "产业链", "", "", "划分依据", "只有网格");
	put_ok("SC-CG-G02", "城关镇行业网格", "网格", "SC-CG", "  行业 ");
	assert_string_equal(tu_q_text(gw, "SELECT basis FROM grid WHERE code='SC-CG-G02'"), "industry");
}

static void position_rules(void **state)
{
	(void)state;
	base_tree();
	put_bad("SC-CG-G02", "网格二", "网格", "SC-CG", "地域", "116.95", "", "中心纬度", "同时");
	put_bad("SC-CG-G02", "网格二", "网格", "SC-CG", "地域", "", "31.46", "中心经度", "同时");
	put_bad("SC-CG-G02", "网格二", "网格", "SC-CG", "地域", "216.95", "31.46", "中心经度", "216.95");
	put_bad("SC-CG-G02", "网格二", "网格", "SC-CG", "地域", "116.95", "91", "中心纬度", "91");
	put_bad("SC-CG-G02", "网格二", "网格", "SC-CG", "地域", "东经116度", "31.46", "中心经度", "度数");
	enum upsert_result res;
	struct gw_err e;
	assert_int_equal(put("SC-CG-G02", "网格二", "网格", "SC-CG", "地域", "116.947", "31.462", &res, &e), GW_OK);
	assert_int_equal(res, UPSERT_INSERTED);
	assert_true(tu_count(gw, "SELECT lon = 116.947 AND lat = 31.462 FROM grid WHERE code='SC-CG-G02'") == 1);
	assert_int_equal(tu_count(gw, "SELECT lon IS NULL AND lat IS NULL FROM grid WHERE code='SC-CG-G01'"), 1);
	/* Clearing both is an update back to no position. */
	assert_int_equal(put("SC-CG-G02", "网格二", "网格", "SC-CG", "地域", "", "", &res, &e), GW_OK);
	assert_int_equal(res, UPSERT_UPDATED);
	assert_int_equal(tu_count(gw, "SELECT lon IS NULL AND lat IS NULL FROM grid WHERE code='SC-CG-G02'"), 1);
}

/* ---- updates and the audit ------------------------------------------- */

static void insert_update_unchanged(void **state)
{
	(void)state;
	base_tree();
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit WHERE tbl='grid' AND action='insert'"), 6);
	assert_string_equal(tu_q_text(gw, "SELECT new FROM audit WHERE action='insert' AND record_id = "
					  "(SELECT id FROM grid WHERE code='SC-CG-G01')"),
			    "{\"code\":\"SC-CG-G01\",\"name\":\"城关镇梅河社区网格\",\"level\":\"grid\","
			    "\"parent_code\":\"SC-CG\",\"basis\":\"region\"}");
	assert_string_equal(tu_q_text(gw, "SELECT operator || '|' || office || '|' || at FROM audit LIMIT 1"),
			    "王芳|SC|2026-03-02 09:30:00");
	long long audits = tu_count(gw, "SELECT count(*) FROM audit");
	enum upsert_result res = UPSERT_INSERTED;
	struct gw_err e;
	/* The same values, in the other language and other case: unchanged. */
	assert_int_equal(put("sc-cg-g01", " 城关镇梅河社区网格 ", "grid", "sc-cg", "region", "", "", &res, &e), GW_OK);
	assert_int_equal(res, UPSERT_UNCHANGED);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit"), audits);
	assert_int_equal(tu_count(gw, "SELECT version FROM grid WHERE code='SC-CG-G01'"), 1);

	setenv("GRIDWORK_NOW", "2026-03-03 10:00:00", 1);
	assert_int_equal(put("SC-CG-G01", "梅河社区网格", "网格", "SC-CG", "行业", "", "", &res, &e), GW_OK);
	setenv("GRIDWORK_NOW", "2026-03-02 09:30:00", 1);
	assert_int_equal(res, UPSERT_UPDATED);
	assert_string_equal(tu_q_text(gw, "SELECT name || '|' || basis || '|' || version || '|' || created_at || '|' || "
					  "updated_at FROM grid WHERE code='SC-CG-G01'"),
			    "梅河社区网格|industry|2|2026-03-02 09:30:00|2026-03-03 10:00:00");
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit"), audits + 1);
	assert_string_equal(tu_q_text(gw, "SELECT action || '|' || old || '|' || new FROM audit WHERE at = '2026-03-03 10:00:00'"),
			    "update|{\"code\":\"SC-CG-G01\",\"name\":\"城关镇梅河社区网格\",\"level\":\"grid\","
			    "\"parent_code\":\"SC-CG\",\"basis\":\"region\"}|{\"code\":\"SC-CG-G01\",\"name\":"
			    "\"梅河社区网格\",\"level\":\"grid\",\"parent_code\":\"SC-CG\",\"basis\":\"industry\"}");
	/* The id never changes with an update. */
	assert_int_equal(tu_count(gw, "SELECT count(DISTINCT record_id) FROM audit WHERE record_id = "
				      "(SELECT id FROM grid WHERE code='SC-CG-G01')"), 1);
}

static void move_to_other_parent(void **state)
{
	(void)state;
	base_tree();
	enum upsert_result res;
	struct gw_err e;
	assert_int_equal(put("SC-CG-G01", "城关镇梅河社区网格", "网格", "SC-HB", "地域", "", "", &res, &e), GW_OK);
	assert_int_equal(res, UPSERT_UPDATED);
	assert_string_equal(tu_q_text(gw, "SELECT p.code FROM grid g JOIN grid p ON p.id = g.parent_id WHERE g.code='SC-CG-G01'"),
			    "SC-HB");
	assert_non_null(strstr(tu_q_text(gw, "SELECT old FROM audit WHERE action='update'"), "\"parent_code\":\"SC-CG\""));
	assert_non_null(strstr(tu_q_text(gw, "SELECT new FROM audit WHERE action='update'"), "\"parent_code\":\"SC-HB\""));
}

/* A node's level may only change when its children still fit under it. */
static void level_change_keeps_children_valid(void **state)
{
	(void)state;
	base_tree();
	put_ok("SC-KFQ-P1", "电子信息产业园", "园区", "SC-KFQ", "");
	put_ok("SC-KFQ-P1-G01", "园中园网格", "网格", "SC-KFQ-P1", "产业链");
	/* A park holding a grid cannot become a grid (grids hold nothing),
	 * though a grid could hang where the park hangs. */
	put_bad("SC-KFQ-P1", "电子信息产业园", "网格", "SC-KFQ", "产业链", "", "", "层级", "SC-KFQ-P1-G01");
	assert_string_equal(tu_q_text(gw, "SELECT level FROM grid WHERE code='SC-KFQ-P1'"), "park");
	/* Nor a township holding a park. */
	put_ok("SC-HB-P1", "杭埠镇工业园", "园区", "SC-HB", "");
	put_bad("SC-HB", "杭埠镇", "园区", "SC-HB-P1", "", "", "", "上级编码", "");
	/* A park holding grids may become a township: grids fit under both. */
	enum upsert_result res;
	struct gw_err e;
	assert_int_equal(put("SC-KFQ", "舒城经济开发区", "乡镇", "SC", "", "", "", &res, &e), GW_OK);
	assert_int_equal(res, UPSERT_UPDATED);
	/* A childless park may become a grid. */
	put_ok("SC-KFQ-P2", "智能制造园", "园区", "SC-KFQ", "");
	assert_int_equal(put("SC-KFQ-P2", "智能制造网格", "网格", "SC-KFQ", "产业链", "", "", &res, &e), GW_OK);
	assert_int_equal(res, UPSERT_UPDATED);
	assert_int_equal(problems(), 0);
}

static void cycles_refused(void **state)
{
	(void)state;
	base_tree();
	put_ok("SC-KFQ-P1", "电子信息产业园", "园区", "SC-KFQ", "");
	put_ok("SC-KFQ-P2", "智能制造园", "园区", "SC-KFQ-P1", "");
	/* Making the top park a child of its own grandchild. */
	put_bad("SC-KFQ", "舒城经济开发区", "园区", "SC-KFQ-P2", "", "", "", "上级编码", "SC-KFQ-P2");
	put_bad("SC-KFQ", "舒城经济开发区", "园区", "SC-KFQ-P2", "", "", "", "上级编码", "自己的下级");
	put_bad("SC-KFQ-P1", "电子信息产业园", "园区", "SC-KFQ-P1", "", "", "", "上级编码", "");
	assert_string_equal(tu_q_text(gw, "SELECT p.code FROM grid g JOIN grid p ON p.id = g.parent_id WHERE g.code='SC-KFQ'"),
			    "SC");
	assert_int_equal(problems(), 0);
}

static void edit_by_id_with_version(void **state)
{
	(void)state;
	base_tree();
	struct grid_rec g;
	struct gw_err e;
	enum upsert_result res;
	assert_int_equal(grid_by_code(gw, "SC-HB", &g, &e), GW_OK);
	/* A form renames the code itself: matched by id, not by code. */
	const char *v[GRID_NCOLS] = {"SC-HBZ", "杭埠镇", "乡镇", "SC", "", "", ""};
	assert_int_equal(import_one(gw, IK_GRID, v, g.id, g.version, &res, &e), GW_OK);
	assert_int_equal(res, UPSERT_UPDATED);
	assert_string_equal(tu_q_text(gw, "SELECT code FROM grid WHERE name='杭埠镇'"), "SC-HBZ");
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM grid WHERE code='SC-HB'"), 0);
	/* Someone else saved in between: the stale version is refused. */
	const char *v2[GRID_NCOLS] = {"SC-HBZ", "杭埠镇（改）", "乡镇", "SC", "", "", ""};
	assert_int_equal(import_one(gw, IK_GRID, v2, g.id, g.version, &res, &e), GW_ECONFLICT);
	tu_msg_has(&e, "他人修改");
	assert_string_equal(tu_q_text(gw, "SELECT name FROM grid WHERE code='SC-HBZ'"), "杭埠镇");
	/* A code already taken by another node is refused, nothing changes. */
	assert_int_equal(grid_by_code(gw, "SC-HBZ", &g, &e), GW_OK);
	long long audits = tu_count(gw, "SELECT count(*) FROM audit");
	const char *v3[GRID_NCOLS] = {"SC-CG", "杭埠镇", "乡镇", "SC", "", "", ""};
	assert_int_equal(import_one(gw, IK_GRID, v3, g.id, g.version, &res, &e), GW_EEXIST);
	tu_msg_has(&e, "编码: ");
	tu_msg_has(&e, "城关镇");
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit"), audits);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM grid WHERE code='SC-CG' AND name='城关镇'"), 1);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM grid WHERE code='SC-HBZ'"), 1);
	/* Editing a record that is gone. */
	const char *v4[GRID_NCOLS] = {"SC-NEW", "新镇", "乡镇", "SC", "", "", ""};
	assert_int_equal(import_one(gw, IK_GRID, v4, "00000000000000000000000000000000", 1, &res, &e),
			 GW_EINVAL);
	tu_msg_has(&e, "已被删除");
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM grid WHERE code='SC-NEW'"), 0);
}

/* The rules against other grids (one county, children, loops) apply only
 * to a row that will be written: an unchanged row passes, and a stale form
 * or a repeated row is told so first. */
static void tree_rules_only_for_writes(void **state)
{
	(void)state;
	base_tree();
	/* A second county, as a merge of two offices' data may leave it. */
	tu_exec(gw, "INSERT INTO grid(id,code,name,level,office,created_at,updated_at) "
		    "VALUES ('c2','LJ','庐江县','county','LJ','t','t')");
	enum upsert_result res = UPSERT_INSERTED;
	struct gw_err e;
	assert_int_equal(put("SC", "舒城县", "县", "", "", "", "", &res, &e), GW_OK);
	assert_int_equal(res, UPSERT_UNCHANGED);
	put_bad("SC", "舒城县（新）", "县", "", "", "", "", "层级", "LJ");
	/* A stale form that would also close a loop: the conflict is said. */
	put_ok("SC-KFQ-P1", "电子信息产业园", "园区", "SC-KFQ", "");
	struct grid_rec g;
	assert_int_equal(grid_by_code(gw, "SC-KFQ", &g, &e), GW_OK);
	const char *v[GRID_NCOLS] = {"SC-KFQ", "舒城经济开发区", "园区", "SC-KFQ-P1", "", "", ""};
	assert_int_equal(import_one(gw, IK_GRID, v, g.id, g.version + 1, &res, &e), GW_ECONFLICT);
	tu_msg_has(&e, "他人修改");
	/* In one file, a second row of the same grid is a repeat, whatever
	 * else is wrong with it. */
	struct import_counts n;
	struct said s = {0};
	char path[512], want[600];
	const char *csv =
		"编码,名称,层级,上级编码\n"
		"SC-KFQ,舒城经济开发区（一）,园区,SC\n"
		"SC-KFQ,舒城经济开发区（二）,园区,SC-KFQ-P1\n";
	assert_int_equal(import_text(csv, &n, &s, &e, path), GW_EINVAL);
	assert_int_equal(n.rejected, 1);
	snprintf(want, sizeof want, "%s:3: ", path);
	assert_true(said_has(&s, want));
	assert_true(said_has(&s, "与第 2 行重复"));
	assert_false(said_has(&s, "自己的下级"));
	assert_string_equal(tu_q_text(gw, "SELECT name FROM grid WHERE code='SC-KFQ'"), "舒城经济开发区");
}

/* ---- deletion --------------------------------------------------------- */

static void delete_soft_and_hard(void **state)
{
	(void)state;
	base_tree();
	struct grid_rec g;
	struct gw_err e;
	/* A leaf nobody refers to goes for good. */
	assert_int_equal(grid_by_code(gw, "SC-KFQ-G01", &g, &e), GW_OK);
	assert_int_equal(grid_delete(gw, g.id, &e), GW_OK);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM grid WHERE code='SC-KFQ-G01'"), 0);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit WHERE action='delete' AND old LIKE '%SC-KFQ-G01%' "
				      "AND new IS NULL"), 1);
	/* A township with a grid under it stays, marked deleted. */
	assert_int_equal(grid_by_code(gw, "SC-CG", &g, &e), GW_OK);
	assert_int_equal(grid_delete(gw, g.id, &e), GW_OK);
	assert_string_equal(tu_q_text(gw, "SELECT deleted || '|' || version FROM grid WHERE code='SC-CG'"), "1|2");
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit WHERE action='delete' AND record_id = "
				      "(SELECT id FROM grid WHERE code='SC-CG')"), 1);
	/* A grid with an organisation in it stays too. */
	assert_int_equal(grid_by_code(gw, "SC-CG-G01", &g, &e), GW_OK);
	tu_exec(gw, "INSERT INTO org(id,credit_code,name,kind,grid_id,party_org,office,created_at,updated_at) "
		    "VALUES ('o1','91110108551385082Q','舒城县梅河食品有限公司','enterprise',"
		    "(SELECT id FROM grid WHERE code='SC-CG-G01'),'none','SC','t','t')");
	assert_int_equal(grid_delete(gw, g.id, &e), GW_OK);
	assert_int_equal(tu_count(gw, "SELECT deleted FROM grid WHERE code='SC-CG-G01'"), 1);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM org"), 1);
	/* Deleted nodes cannot take new children... */
	put_bad("SC-CG-G09", "新网格", "网格", "SC-CG", "地域", "", "", "上级编码", "已删除");
	/* ...and importing one again brings it back. */
	enum upsert_result res;
	assert_int_equal(put("SC-CG", "城关镇", "乡镇", "SC", "", "", "", &res, &e), GW_OK);
	assert_int_equal(res, UPSERT_UPDATED);
	assert_int_equal(tu_count(gw, "SELECT deleted FROM grid WHERE code='SC-CG'"), 0);
	assert_int_equal(grid_delete(gw, "no-such-id", &e), GW_ENOTFOUND);
}

static void tree_order(void **state)
{
	(void)state;
	base_tree();
	put_ok("SC-CG-G00", "城关镇第零网格", "网格", "SC-CG", "地域");
	struct grid_node *t;
	int n;
	struct gw_err e;
	assert_int_equal(list_grid_tree(gw, &t, &n, &e), GW_OK);
	assert_int_equal(n, 7);
	static const char *const order[][2] = {
		{"SC", "0"}, {"SC-CG", "1"}, {"SC-CG-G00", "2"}, {"SC-CG-G01", "2"},
		{"SC-HB", "1"}, {"SC-KFQ", "1"}, {"SC-KFQ-G01", "2"},
	};
	for (int i = 0; i < n; i++) {
		assert_string_equal(t[i].g.code, order[i][0]);
		assert_int_equal(t[i].depth, atoi(order[i][1]));
	}
	free(t);
	/* Deleted nodes leave the tree. */
	struct grid_rec g;
	assert_int_equal(grid_by_code(gw, "SC-HB", &g, &e), GW_OK);
	assert_int_equal(grid_delete(gw, g.id, &e), GW_OK);
	assert_int_equal(list_grid_tree(gw, &t, &n, &e), GW_OK);
	assert_int_equal(n, 6);
	for (int i = 0; i < n; i++)
		assert_string_not_equal(t[i].g.code, "SC-HB");
	free(t);
}

/* ---- files ------------------------------------------------------------ */

static void parent_later_in_file(void **state)
{
	(void)state;
	struct import_counts n;
	struct said s = {0};
	struct gw_err e;
	/* Children first, the county last. */
	const char *csv =
		"编码,名称,层级,上级编码,划分依据\n"
		"SC-KFQ-P1-G01,园中园网格,网格,SC-KFQ-P1,产业链\n"
		"SC-KFQ-P1,电子信息产业园,园区,SC-KFQ,\n"
		"SC-CG-G01,梅河社区网格,网格,SC-CG,地域\n"
		"SC-KFQ,舒城经济开发区,园区,SC,\n"
		"SC-CG,城关镇,乡镇,SC,\n"
		"SC,舒城县,县,,\n";
	if (import_text(csv, &n, &s, &e, NULL) != GW_OK)
		fail_msg("%s / %s", e.msg, s.n ? s.lines[0] : "");
	assert_int_equal(n.inserted, 6);
	assert_int_equal(n.rejected, 0);
	assert_string_equal(tu_q_text(gw, "SELECT p.code FROM grid g JOIN grid p ON p.id = g.parent_id "
					  "WHERE g.code='SC-KFQ-P1-G01'"), "SC-KFQ-P1");
	assert_int_equal(problems(), 0);
}

static void cycle_in_file(void **state)
{
	(void)state;
	base_tree();
	struct import_counts n;
	struct said s = {0};
	struct gw_err e;
	char path[512];
	long long before = tu_count(gw, "SELECT count(*) FROM grid");
	const char *csv =
		"编码,名称,层级,上级编码\n"
		"SC-P1,甲园,园区,SC-P2\n"
		"SC-P2,乙园,园区,SC-P1\n"
		"SC-HB-P1,杭埠镇工业园,园区,SC-HB\n";
	assert_int_equal(import_text(csv, &n, &s, &e, path), GW_EINVAL);
	assert_int_equal(n.rejected, 2);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM grid"), before);
	char want[600];
	snprintf(want, sizeof want, "%s:2: 上级编码: ", path);
	assert_true(said_has(&s, want));
	snprintf(want, sizeof want, "%s:3: 上级编码: ", path);
	assert_true(said_has(&s, want));
	assert_false(said_has(&s, ":4:"));
}

static void export_grids(void **state)
{
	(void)state;
	base_tree();
	struct gw_err e;
	put_ok("SC-HB-G01", "杭埠镇\"三河\"网格,东片", "网格", "SC-HB", "行业");
	enum upsert_result res;
	assert_int_equal(put("SC-CG-G02", "城关镇第二网格", "网格", "SC-CG", "地域", "116.9497", "31.4625", &res, &e),
			 GW_OK);
	struct grid_rec g;
	assert_int_equal(grid_by_code(gw, "SC-KFQ-G01", &g, &e), GW_OK);
	assert_int_equal(grid_delete(gw, g.id, &e), GW_OK);   /* hard: gone */
	assert_int_equal(grid_by_code(gw, "SC-HB", &g, &e), GW_OK);
	tu_exec(gw, "UPDATE grid SET deleted = 1 WHERE code = 'SC-HB-G01'");

	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(export_kind(gw, IK_GRID, f, 0, &e), GW_OK);
	fclose(f);
	const char *want =
		"\xEF\xBB\xBF"
		"编码,名称,层级,上级编码,划分依据,中心经度,中心纬度\r\n"
		"SC,舒城县,县,,,,\r\n"
		"SC-CG,城关镇,乡镇,SC,,,\r\n"
		"SC-HB,杭埠镇,乡镇,SC,,,\r\n"
		"SC-KFQ,舒城经济开发区,园区,SC,,,\r\n"
		"SC-CG-G01,城关镇梅河社区网格,网格,SC-CG,地域,,\r\n"
		"SC-CG-G02,城关镇第二网格,网格,SC-CG,地域,116.949700,31.462500\r\n";
	assert_string_equal(buf, want);
	free(buf);
	/* Quotes and commas in names survive. */
	tu_exec(gw, "UPDATE grid SET deleted = 0 WHERE code = 'SC-HB-G01'");
	f = open_memstream(&buf, &len);
	assert_int_equal(export_kind(gw, IK_GRID, f, 0, &e), GW_OK);
	fclose(f);
	assert_non_null(strstr(buf, "SC-HB-G01,\"杭埠镇\"\"三河\"\"网格,东片\",网格,SC-HB,行业,,\r\n"));
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(hierarchy_allowed, setup, teardown),
		cmocka_unit_test_setup_teardown(hierarchy_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(one_county, setup, teardown),
		cmocka_unit_test_setup_teardown(codes_normalised, setup, teardown),
		cmocka_unit_test_setup_teardown(basis_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(position_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(insert_update_unchanged, setup, teardown),
		cmocka_unit_test_setup_teardown(move_to_other_parent, setup, teardown),
		cmocka_unit_test_setup_teardown(level_change_keeps_children_valid, setup, teardown),
		cmocka_unit_test_setup_teardown(cycles_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(edit_by_id_with_version, setup, teardown),
		cmocka_unit_test_setup_teardown(tree_rules_only_for_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(delete_soft_and_hard, setup, teardown),
		cmocka_unit_test_setup_teardown(tree_order, setup, teardown),
		cmocka_unit_test_setup_teardown(parent_later_in_file, setup, teardown),
		cmocka_unit_test_setup_teardown(cycle_in_file, setup, teardown),
		cmocka_unit_test_setup_teardown(export_grids, setup, teardown),
	};
	setenv("GRIDWORK_NOW", "2026-03-02 09:30:00", 1);
	gw_set_lang(GW_LANG_ZH);
	return tu_run("grid", tests);
}
