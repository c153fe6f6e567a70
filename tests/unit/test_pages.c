/* test_pages.c - what keeps the workbench quick on a large county
 * (docs/BENCHMARKS.md, "The workbench"): migration 4 brings a version-3
 * file up with its indexes and its records; the pages driven by a grid
 * node (db/sql_page.h _GA/_GD) give exactly the rows of the pages that test
 * each record's grid, for every kind, column, direction and node; the
 * default pages, a grid's pages and the ticket list of one grid use an
 * index (SQLite's own query plans); the grid tree's counts equal each
 * grid's counted the plain way; the filter keeps at most LIST_FILTER_MAX hits; and the
 * interactive settings take. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "db_tune.h"
#include "grid.h"
#include "gw.h"
#include "import.h"
#include "list.h"
#include "schema.h"
#include "validate.h"

#include "testutil.h"

/* Two townships of two grids each and a park with one; every kind spread
 * over them, with names that repeat (ties broken by rowid), Chinese text,
 * a deleted organisation and an instructor off duty. */
static const char GRIDS[] =
	"编码,名称,层级,上级编码,划分依据\n"
	"SC,舒城县,县,,\n"
	"SC-HB,杭埠镇,乡镇,SC,\n"
	"SC-HB-G01,杭埠镇第一网格,网格,SC-HB,地域\n"
	"SC-HB-G02,杭埠镇第二网格,网格,SC-HB,行业\n"
	"SC-CG,城关镇,乡镇,SC,\n"
	"SC-CG-G01,城关镇老城区网格,网格,SC-CG,地域\n"
	"SC-CG-G02,城关镇商贸网格,网格,SC-CG,产业链\n"
	"SC-KFQ,舒城经济开发区,园区,SC,\n"
	"SC-KFQ-G01,开发区电子信息网格,网格,SC-KFQ,产业链\n";
static const char *const GRID_CODES[] = {"SC-HB-G01", "SC-HB-G02", "SC-CG-G01", "SC-CG-G02",
					 "SC-KFQ-G01"};
static const char *const NAMES[] = {"张伟", "王芳", "李娜", "刘洋", "陈静", "赵磊"};

static struct gw *county(const char *name)
{
	struct gw *gw = tu_open_zh(name);
	tu_import_ok(gw, "grids.csv", GRIDS);
	static char buf[65536];
	size_t n = (size_t)snprintf(buf, sizeof buf,
				    "统一社会信用代码,名称,类型,网格编码,党组织,党组织成立日期\n");
	for (int i = 0; i < 30; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s,舒城县%s电子科技有限公司,%s,%s,%s,%s\n",
				      tu_credit_code(i + 1), NAMES[i % 6], i % 3 ? "企业" : "社会组织",
				      GRID_CODES[i % 5], i % 2 ? "单独建" : "无", i % 2 ? "2020-01-01" : "");
	tu_import_ok(gw, "orgs.csv", buf);
	n = (size_t)snprintf(buf, sizeof buf, "姓名,手机,性别,工作单位,类别,负责网格,联系单位,状态\n");
	for (int i = 0; i < 24; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s,1390564%04d,%s,%s党委,%s,%s%s%s,,%s\n",
				      NAMES[i % 6], 1000 + i, i % 2 ? "女" : "男", NAMES[(i + 1) % 6],
				      i % 4 ? "兼职" : "专职", GRID_CODES[i % 5], i % 3 ? "" : ";",
				      i % 3 ? "" : GRID_CODES[(i + 2) % 5], i == 7 ? "离岗" : "在岗");
	tu_import_ok(gw, "instructors.csv", buf);
	n = (size_t)snprintf(buf, sizeof buf, "姓名,手机,职业,平台,党员,报到社区,角色\n");
	for (int i = 0; i < 40; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s,139%08d,%s,美团,%s,%s,\n", NAMES[i % 6],
				      10000000 + i, i % 2 ? "外卖骑手" : "快递员", i % 3 ? "否" : "是",
				      i % 7 ? GRID_CODES[i % 5] : "");
	tu_import_ok(gw, "workers.csv", buf);
	n = (size_t)snprintf(buf, sizeof buf, "名称,网格编码,服务\n");
	for (int i = 0; i < 8; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s暖心驿站%d号,%s,饮水;充电\n", NAMES[i % 6], i,
				      GRID_CODES[i % 5]);
	tu_import_ok(gw, "stations.csv", buf);
	static const char *const cats[] = {"其他", "劳动权益", "子女入学", "安全隐患"};
	n = (size_t)snprintf(buf, sizeof buf, "标题,类别,来源,网格编码,反映人,反映人电话\n");
	for (int i = 0; i < 60; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s反映问题%d,%s,骑手上报,%s,%s,\n", NAMES[i % 6],
				      i % 9, cats[i % 4], GRID_CODES[i % 5], NAMES[(i + 2) % 6]);
	tu_import_ok(gw, "tickets.csv", buf);
	/* A deleted organisation is counted nowhere. */
	tu_exec(gw, "UPDATE org SET deleted = 1 WHERE rowid = 2");
	return gw;
}

/* ---- migration 4 -------------------------------------------------------------- */

static int has_index(sqlite3 *h, const char *name)
{
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '%s'",
		 name);
	return (int)tu_h_int(h, sql);
}

/* A file of schema 3 with records of every kind the migration indexes is
 * brought to 4: the indexes are there, org_grid has become org_grid_party,
 * the records are intact. */
static void test_migrations_4_5_from_3(void **state)
{
	(void)state;
	char p[512];
	tu_path(p, sizeof p, "v3.db");
	assert_true(schema_count() >= 4);
	sqlite3 *h;
	assert_int_equal(sqlite3_open(p, &h), SQLITE_OK);
	tu_h_exec(h, "BEGIN");
	for (int v = 1; v <= 3; v++)
		tu_h_exec(h, schema_migration(v));
	tu_h_exec(h, "PRAGMA user_version = 3");
	tu_h_exec(h, "INSERT INTO grid(id,code,name,level,office,created_at,updated_at) VALUES "
		     "('g1','SC','舒城县','county','SC','t','t')");
	tu_h_exec(h, "INSERT INTO org(id,credit_code,name,kind,grid_id,party_org,office,created_at,updated_at) "
		     "VALUES ('o1','C1','舒城县华宇电子科技有限公司','enterprise','g1','standalone','SC','t','t'), "
		     "('o2','C2','杭埠预制菜食品有限公司','enterprise','g1','none','SC','t','t')");
	tu_h_exec(h, "INSERT INTO instructor(id,phone,name,role,office,created_at,updated_at) "
		     "VALUES ('i1','13905640101','张伟','full_time','SC','t','t')");
	tu_h_exec(h, "INSERT INTO worker(id,phone,name,job,community_id,office,created_at,updated_at) "
		     "VALUES ('w1','13910000001','王芳','courier','g1','SC','t','t')");
	tu_h_exec(h, "COMMIT");
	assert_int_equal(has_index(h, "org_grid"), 1);
	assert_int_equal(has_index(h, "org_name"), 0);
	sqlite3_close(h);

	struct gw_err e;
	struct db *db = db_open(p, 0, &e);
	if (!db)
		fail_msg("upgrade from 3: %s", e.msg);
	h = db_handle(db);
	assert_int_equal(tu_h_int(h, "PRAGMA user_version"), schema_count());
	assert_int_equal(has_index(h, "org_grid"), 0);
	static const char *const want[] = {"org_grid_party", "org_name", "instructor_name", "worker_name",
					   "worker_community"};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (!has_index(h, want[i]))
			fail_msg("index %s missing after migration 4", want[i]);
	/* On the ticket table, beside the three of migration 1, only migration
	 * 5's category index (each costs the million-ticket import). */
	assert_int_equal(tu_h_int(h, "SELECT count(*) FROM sqlite_master WHERE type = 'index' "
				     "AND tbl_name = 'ticket' AND sql IS NOT NULL"), 4);
	assert_int_equal(has_index(h, "ticket_category"), 1);
	assert_int_equal(tu_h_int(h, "SELECT count(*) FROM org WHERE grid_id = 'g1' AND party_org <> 'none'"), 1);
	assert_int_equal(tu_h_int(h, "SELECT count(*) FROM org"), 2);
	assert_int_equal(tu_h_int(h, "SELECT count(*) FROM instructor WHERE name = '张伟'"), 1);
	assert_int_equal(tu_h_int(h, "SELECT count(*) FROM worker WHERE community_id = 'g1'"), 1);
	assert_int_equal(tu_h_int(h, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);
	db_close(db);
	/* Opened again: nothing more to do, and the context opens on it. */
	struct config cfg;
	config_defaults(&cfg);
	struct gw *gw = gw_open(&cfg, p, 0, "SC", &e);
	if (!gw)
		fail_msg("gw_open after migration: %s", e.msg);
	assert_int_equal(tu_h_int(db_handle(gw->db), "PRAGMA user_version"), schema_count());
	gw_close(gw);
}

/* ---- pages driven by the grid node --------------------------------------------- */

static const struct {
	enum db_query q;
	const char *name;
} catalogue[] = {
#define X(name, sql) {Q_##name, #name},
	DB_QUERY_LIST(X)
#undef X
};
#define NCATALOGUE (int)(sizeof catalogue / sizeof catalogue[0])

static int query_named(const char *name)
{
	for (int i = 0; i < NCATALOGUE; i++)
		if (strcmp(catalogue[i].name, name) == 0)
			return (int)catalogue[i].q;
	return -1;
}

/* The ids a page statement gives for node grid (all its rows, from the
 * start of the order); returns how many. */
static int page_ids(struct gw *gw, enum db_query q, const char *grid, int desc, int numeric,
		    char (*ids)[GW_ID_LEN + 1], int max)
{
	struct gw_err e;
	sqlite3_stmt *st = db_stmt(gw->db, q, &e);
	if (!st)
		fail_msg("prepare %d: %s", (int)q, e.msg);
	db_bind_text(st, 1, grid);
	if (desc) {
		static const unsigned char top[] = {0xFF, 0xFF};
		sqlite3_bind_blob(st, 3, top, sizeof top, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, 0);
	} else {
		if (numeric)
			sqlite3_bind_int64(st, 3, -(1LL << 62));
		else
			sqlite3_bind_text(st, 3, "", 0, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, -1);
	}
	sqlite3_bind_int(st, 5, max);
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		assert_true(n < max);
		db_col_text(st, 1, ids[n++], sizeof ids[0]);
	}
	assert_int_equal(rc, SQLITE_DONE);
	sqlite3_reset(st);
	return n;
}

/* Every _GA/_GD statement against its _A/_D twin, under every node:
 * the same rows in the same order.  (The twins are written in two files,
 * sql_<kind>.h and sql_page.h; this keeps their keys the same.) */
static void test_grid_pages_agree(void **state)
{
	(void)state;
	struct gw *gw = county("agree.db");
	static char a[128][GW_ID_LEN + 1], b[128][GW_ID_LEN + 1];
	sqlite3_stmt *nodes;
	assert_int_equal(sqlite3_prepare_v2(db_handle(gw->db), "SELECT id FROM grid", -1, &nodes, NULL),
			 SQLITE_OK);
	char grid_ids[16][GW_ID_LEN + 1];
	int ngrids = 0;
	while (sqlite3_step(nodes) == SQLITE_ROW)
		db_col_text(nodes, 0, grid_ids[ngrids++], sizeof grid_ids[0]);
	sqlite3_finalize(nodes);
	assert_int_equal(ngrids, 9);
	int pairs = 0, nonempty = 0;
	for (int i = 0; i < NCATALOGUE; i++) {
		const char *name = catalogue[i].name;
		size_t len = strlen(name);
		if (len < 4 || (strcmp(name + len - 3, "_GA") != 0 && strcmp(name + len - 3, "_GD") != 0))
			continue;
		int desc = name[len - 1] == 'D';
		char twin[128];
		snprintf(twin, sizeof twin, "%.*s_%c", (int)(len - 3), name, desc ? 'D' : 'A');
		int tq = query_named(twin);
		if (tq < 0)
			fail_msg("%s has no twin %s", name, twin);
		int numeric = strstr(name, "WORKER_PAGE_PARTY") != NULL;
		pairs++;
		for (int g = 0; g < ngrids; g++) {
			int na = page_ids(gw, (enum db_query)tq, grid_ids[g], desc, numeric, a, 128);
			int nb = page_ids(gw, catalogue[i].q, grid_ids[g], desc, numeric, b, 128);
			if (na != nb)
				fail_msg("%s under node %d: %d rows, %s: %d", twin, g, na, name, nb);
			for (int r = 0; r < na; r++)
				if (strcmp(a[r], b[r]) != 0)
					fail_msg("%s under node %d: row %d differs", name, g, r);
			nonempty += na > 0;
		}
	}
	assert_int_equal(pairs, 2 * (LT_NCOLS + LO_NCOLS + LI_NCOLS + LW_NCOLS + LS_NCOLS));
	assert_true(nonempty > pairs);   /* most nodes hold records of most kinds */
	gw_close(gw);
}

/* list_page under a node gives what walking the whole list and keeping
 * the node's records gives, paged by 4, whichever way list.c reads it. */
static void test_list_page_under_node(void **state)
{
	(void)state;
	struct gw *gw = county("under.db");
	struct gw_err e;
	struct grid_rec hb, g1;
	assert_int_equal(grid_by_code(gw, "SC-HB", &hb, &e), GW_OK);
	assert_int_equal(grid_by_code(gw, "SC-HB-G01", &g1, &e), GW_OK);
	static struct list_row rows[128];
	const char *nodes[] = {hb.id, g1.id};
	const int want[] = {24, 12};   /* tickets in two of the five grids, in one */
	for (int k = 0; k < 2; k++) {
		int total = 0, n;
		struct list_row from;
		for (int round = 0;; round++) {
			struct list_req q = {LT_NUMBER, 0, nodes[k], NULL, round ? &from : NULL, 0, 4};
			assert_int_equal(list_page(gw, IK_TICKET, &q, rows + total, &n, &e), GW_OK);
			if (n)
				from = rows[total + n - 1];
			total += n;
			if (n < 4)
				break;
		}
		assert_int_equal(total, want[k]);
		for (int i = 1; i < total; i++)
			assert_true(strcmp(list_cell(&rows[i - 1], LT_NUMBER), list_cell(&rows[i], LT_NUMBER)) < 0);
		for (int i = 0; i < total; i++)
			assert_non_null(strstr(list_cell(&rows[i], LT_GRID), k ? "杭埠镇第一网格" : "杭埠镇"));
	}
	/* What a page costs: its rows with an index, else what must be sorted. */
	struct list_req by_number = {LT_NUMBER, 0, NULL, NULL, NULL, 0, 10};
	struct list_req by_title = {LT_TITLE, 1, NULL, NULL, NULL, 0, 10};
	struct list_req title_g1 = {LT_TITLE, 0, g1.id, NULL, NULL, 0, 10};
	struct list_req hits = {LT_TITLE, 0, NULL, "[]", NULL, 0, 10};
	assert_int_equal(list_page_cost(gw, IK_TICKET, &by_number, &e), 10);
	assert_int_equal(list_page_cost(gw, IK_TICKET, &by_title, &e), 60);
	assert_int_equal(list_page_cost(gw, IK_TICKET, &title_g1, &e), 12);
	assert_int_equal(list_page_cost(gw, IK_TICKET, &hits, &e), LIST_FILTER_MAX);
	struct list_req orgs_hb = {LO_KIND, 0, hb.id, NULL, NULL, 0, 10};
	/* An estimate: the deleted organisation under it counts too. */
	assert_int_equal(list_page_cost(gw, IK_ORG, &orgs_hb, &e), 12);
	gw_close(gw);
}

/* ---- query plans --------------------------------------------------------------- */

/* SQLite's plan of statement q as one line of its details. */
static void plan_of(struct gw *gw, enum db_query q, char *out, size_t sz)
{
	struct gw_err e;
	sqlite3_stmt *st = db_stmt(gw->db, q, &e);
	if (!st)
		fail_msg("prepare: %s", e.msg);
	char sql[8192];
	snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s", sqlite3_sql(st));
	sqlite3_stmt *pl;
	assert_int_equal(sqlite3_prepare_v2(db_handle(gw->db), sql, -1, &pl, NULL), SQLITE_OK);
	size_t len = 0;
	out[0] = 0;
	while (sqlite3_step(pl) == SQLITE_ROW && len + 2 < sz)
		len += (size_t)snprintf(out + len, sz - len, "%s; ", (const char *)sqlite3_column_text(pl, 3));
	sqlite3_finalize(pl);
}

static void expect_plan(struct gw *gw, enum db_query q, const char *has, const char *lacks)
{
	char plan[4096];
	plan_of(gw, q, plan, sizeof plan);
	if (has && !strstr(plan, has))
		fail_msg("plan lacks \"%s\": %s", has, plan);
	if (lacks && strstr(plan, lacks))
		fail_msg("plan has \"%s\": %s", lacks, plan);
}

/* The pages a list screen opens with, and its pages of one grid, each
 * through an index, never reading a whole table or sorting it. */
static void test_plans_use_indexes(void **state)
{
	(void)state;
	struct gw *gw = county("plans.db");
	expect_plan(gw, Q_TICKET_PAGE_NUMBER_A, "USING INDEX sqlite_autoindex_ticket_2", "TEMP B-TREE");
	expect_plan(gw, Q_TICKET_PAGE_NUMBER_D, "USING INDEX sqlite_autoindex_ticket_2", "TEMP B-TREE");
	expect_plan(gw, Q_ORG_PAGE_NAME_A, "USING INDEX org_name", "TEMP B-TREE");
	expect_plan(gw, Q_INSTR_PAGE_NAME_A, "USING INDEX instructor_name", "TEMP B-TREE");
	expect_plan(gw, Q_WORKER_PAGE_NAME_A, "USING INDEX worker_name", "TEMP B-TREE");
	expect_plan(gw, Q_WORKER_PAGE_NAME_D, "USING INDEX worker_name", "TEMP B-TREE");
	/* A grid's pages start from its records. */
	expect_plan(gw, Q_TICKET_PAGE_NUMBER_GA, "USING INDEX ticket_grid", "SCAN t");
	expect_plan(gw, Q_TICKET_PAGE_TITLE_GD, "USING INDEX ticket_grid", "SCAN t");
	expect_plan(gw, Q_ORG_PAGE_NAME_GA, "org_grid_party", "SCAN o");
	expect_plan(gw, Q_WORKER_PAGE_NAME_GA, "USING INDEX worker_community", "SCAN w");
	expect_plan(gw, Q_INSTR_PAGE_NAME_GA, "instructor_grid_by_grid", NULL);
	expect_plan(gw, Q_PAGE_UNDER_TICKET, "COVERING INDEX ticket_grid", "SCAN ticket");
	/* The ticket list of one grid (gridwork ticket list --grid). */
	expect_plan(gw, Q_TF_LIST, "USING INDEX ticket_grid", NULL);
	/* Counting one category reads that category's index entries only
	 * (gridwork ticket count --category). */
	expect_plan(gw, Q_TF_COUNT_CATEGORY, "USING INDEX ticket_category (category=?)", NULL);
	/* The queue sorted by category: the live tickets' partial index
	 * orders it as the pages are (category, then rowid). */
	expect_plan(gw, Q_TICKET_PAGE_CATEGORY_A, "USING INDEX ticket_category", "TEMP B-TREE");
	expect_plan(gw, Q_TICKET_PAGE_CATEGORY_D, "USING INDEX ticket_category", "TEMP B-TREE");
	/* The grid tree's organisation counts read the covering index only. */
	expect_plan(gw, Q_LIST_GRID_ORG_COUNTS, "COVERING INDEX org_grid_party", NULL);
	gw_close(gw);
}

/* ---- the grid tree's counts ------------------------------------------------------ */

static void test_grid_counts(void **state)
{
	(void)state;
	struct gw *gw = county("counts.db");
	struct grid_node *nodes;
	int n;
	struct gw_err e;
	assert_int_equal(list_grid_tree(gw, &nodes, &n, &e), GW_OK);
	for (int i = 0; i < n; i++)
		assert_int_equal(nodes[i].orgs, 0);   /* names only */
	assert_int_equal(list_grid_counts(gw, nodes, n, &e), GW_OK);
	int orgs = 0, covered = 0, full_time = 0, part_time = 0;
	for (int i = 0; i < n; i++) {
		/* Each node's own figures, counted the plain way. */
		char sql[1024];
		snprintf(sql, sizeof sql,
			 "SELECT (SELECT count(*) FROM org WHERE grid_id = g.id AND deleted = 0) || '|' || "
			 "(SELECT count(*) FROM org WHERE grid_id = g.id AND deleted = 0 AND party_org <> 'none') "
			 "|| '|' || (SELECT count(*) FROM instructor_grid ig JOIN instructor i ON i.id = "
			 "ig.instructor_id WHERE ig.grid_id = g.id AND i.deleted = 0 AND i.status = 'active' AND "
			 "i.role = 'full_time') || '|' || (SELECT count(*) FROM instructor_grid ig JOIN instructor i "
			 "ON i.id = ig.instructor_id WHERE ig.grid_id = g.id AND i.deleted = 0 AND i.status = "
			 "'active' AND i.role = 'part_time') FROM grid g WHERE g.id = '%s'", nodes[i].g.id);
		char got[64];
		snprintf(got, sizeof got, "%d|%d|%d|%d", nodes[i].orgs, nodes[i].orgs_covered,
			 nodes[i].full_time, nodes[i].part_time);
		assert_string_equal(got, tu_q_text(gw, sql));
		orgs += nodes[i].orgs;
		covered += nodes[i].orgs_covered;
		full_time += nodes[i].full_time;
		part_time += nodes[i].part_time;
	}
	/* 30 organisations, one deleted; 24 instructors, one off duty, each
	 * third responsible for two grids. */
	assert_int_equal(orgs, 29);
	assert_int_equal(covered, 14);
	assert_int_equal(full_time + part_time, 23 + 8);
	assert_int_equal(full_time, 6 + 2);
	free(nodes);
	gw_close(gw);
}

/* ---- the filter and the settings ------------------------------------------------- */

static void test_filter_cap(void **state)
{
	(void)state;
	struct gw *gw = tu_open_zh("cap.db");
	tu_import_ok(gw, "grids.csv", GRIDS);
	static char buf[1 << 16];
	size_t n = (size_t)snprintf(buf, sizeof buf, "标题,类别,来源,网格编码\n");
	for (int i = 0; i < LIST_FILTER_MAX + 20; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "拖欠工资第%d件,劳动权益,骑手上报,SC-HB-G01\n", i);
	tu_import_ok(gw, "tickets.csv", buf);
	char *ids;
	int count, more;
	struct gw_err e;
	assert_int_equal(list_filter(gw, IK_TICKET, "拖欠", &ids, &count, &more, &e), GW_OK);
	assert_int_equal(count, LIST_FILTER_MAX);
	assert_int_equal(more, 1);
	free(ids);
	assert_int_equal(list_filter(gw, IK_TICKET, "第3件", &ids, &count, &more, &e), GW_OK);
	assert_int_equal(count, 1);
	assert_int_equal(more, 0);
	free(ids);
	gw_close(gw);
}

static void test_tune_interactive(void **state)
{
	(void)state;
	struct gw *gw = tu_open_zh("tune.db");
	sqlite3 *h = db_handle(gw->db);
	struct gw_err e;
	assert_int_equal(db_tune_interactive(gw->db, &e), GW_OK);
	assert_int_equal(tu_h_int(h, "PRAGMA cache_size"), -DB_TUNE_INTERACTIVE_CACHE_KIB);
	assert_int_equal(tu_h_int(h, "PRAGMA mmap_size"), 0);
	assert_int_equal(tu_h_int(h, "PRAGMA temp_store"), 1);   /* FILE */
	gw_close(gw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrations_4_5_from_3),
		cmocka_unit_test(test_grid_pages_agree),
		cmocka_unit_test(test_list_page_under_node),
		cmocka_unit_test(test_plans_use_indexes),
		cmocka_unit_test(test_grid_counts),
		cmocka_unit_test(test_filter_cap),
		cmocka_unit_test(test_tune_interactive),
	};
	return tu_run("pages", tests);
}
