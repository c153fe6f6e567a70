/* test_list.c - the workbench's pages (core/list.c): every kind sorted by
 * its columns both ways, keyset paging forwards and backwards through the
 * whole list (no row lost or repeated, ties broken), the grid-node and
 * lookup filters, the cheap grid tree; and deleting workers and stations
 * (softly when referenced). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grid.h"
#include "gw.h"
#include "import.h"
#include "list.h"
#include "station.h"
#include "validate.h"
#include "worker.h"

#include "testutil.h"

static const char GRIDS[] =
	"编码,名称,层级,上级编码,划分依据\n"
	"SC,舒城县,县,,\n"
	"SC-HB,杭埠镇,乡镇,SC,\n"
	"SC-HB-G01,杭埠镇第一网格,网格,SC-HB,地域\n"
	"SC-HB-G02,杭埠镇第二网格,网格,SC-HB,行业\n"
	"SC-CG,城关镇,乡镇,SC,\n"
	"SC-CG-G01,城关镇老城区网格,网格,SC-CG,地域\n";

/* Forty workers: names repeat (ties on the sort key), phones do not. */
static struct gw *county(const char *name)
{
	static const char *const names[] = {"张伟", "王芳", "李娜", "刘洋", "陈静"};
	struct gw *gw = tu_open_zh(name);
	tu_import_ok(gw, "grids.csv", GRIDS);
	char buf[16384];
	size_t n = (size_t)snprintf(buf, sizeof buf, "姓名,手机,职业,平台,党员,报到社区,角色\n");
	for (int i = 0; i < 40; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s,139%08d,%s,美团,%s,%s,\n",
				      names[i % 5], 10000000 + i * 7919 % 1000, i % 2 ? "外卖骑手" : "快递员",
				      i % 3 ? "否" : "是", i % 4 ? "SC-HB-G01" : "SC-CG-G01");
	tu_import_ok(gw, "workers.csv", buf);
	n = (size_t)snprintf(buf, sizeof buf,
			     "统一社会信用代码,名称,类型,网格编码,党组织,党组织成立日期\n");
	n += (size_t)snprintf(buf + n, sizeof buf - n, "%s,舒城县华宇电子科技有限公司,企业,SC-HB-G01,无,\n",
			      tu_credit_code(1));
	n += (size_t)snprintf(buf + n, sizeof buf - n,
			      "%s,安徽舒城杭埠预制菜食品有限公司,企业,SC-HB-G02,单独建,2020-01-01\n",
			      tu_credit_code(2));
	n += (size_t)snprintf(buf + n, sizeof buf - n, "%s,舒城县城关镇快递物流协会,行业协会商会,SC-CG-G01,无,\n",
			      tu_credit_code(3));
	tu_import_ok(gw, "orgs.csv", buf);
	tu_import_ok(gw, "stations.csv",
		     "名称,网格编码,服务\n城关镇暖心驿站,SC-CG-G01,饮水;充电\n杭埠镇暖心驿站,SC-HB-G01,休息歇脚\n");
	return gw;
}

/* Reads the whole list page by page (forwards, or backwards from the end)
 * into ids, in display order; returns the count. */
static int read_all(struct gw *gw, enum import_kind k, int sort, int desc, const char *grid,
		    const char *ids_json, int backward, int limit, struct list_row *all, int max)
{
	struct list_row *page = calloc((size_t)limit, sizeof *page);
	struct list_row from;
	int total = 0, n;
	struct gw_err e;
	assert_non_null(page);
	for (int round = 0;; round++) {
		struct list_req q = {sort, desc, grid, ids_json, round ? &from : NULL, backward, limit};
		assert_int_equal(list_page(gw, k, &q, page, &n, &e), GW_OK);
		assert_true(total + n <= max);
		if (backward) {
			memmove(all + n, all, (size_t)total * sizeof *all);
			memcpy(all, page, (size_t)n * sizeof *all);
			if (n)
				from = page[0];
		} else {
			memcpy(all + total, page, (size_t)n * sizeof *all);
			if (n)
				from = page[n - 1];
		}
		total += n;
		if (n < limit)
			break;
	}
	free(page);
	return total;
}

static void test_pages_every_column(void **state)
{
	(void)state;
	struct gw *gw = county("pages.db");
	static struct list_row one[64], fwd[64], back[64];
	for (int col = 0; col < list_ncols(IK_WORKER); col++)
		for (int desc = 0; desc < 2; desc++) {
			int n1 = read_all(gw, IK_WORKER, col, desc, NULL, NULL, 0, 64, one, 64);
			int n2 = read_all(gw, IK_WORKER, col, desc, NULL, NULL, 0, 3, fwd, 64);
			int n3 = read_all(gw, IK_WORKER, col, desc, NULL, NULL, 1, 3, back, 64);
			assert_int_equal(n1, 40);
			assert_int_equal(n2, 40);
			assert_int_equal(n3, 40);
			for (int i = 0; i < 40; i++) {
				assert_string_equal(one[i].id, fwd[i].id);
				assert_string_equal(one[i].id, back[i].id);
			}
			/* In order by the column, ties by rowid. */
			for (int i = 1; i < 40; i++) {
				const char *a = list_cell(&one[i - 1], col), *b = list_cell(&one[i], col);
				int c = strcmp(a, b);
				if (desc)
					c = -c;
				assert_true(c < 0 || (c == 0 && (desc ? one[i - 1].rowid > one[i].rowid
								      : one[i - 1].rowid < one[i].rowid)));
			}
		}
	gw_close(gw);
}

static void test_cells_and_filters(void **state)
{
	(void)state;
	struct gw *gw = county("cells.db");
	static struct list_row rows[64];
	struct gw_err e;
	struct grid_rec hb, g1;
	assert_int_equal(grid_by_code(gw, "SC-HB", &hb, &e), GW_OK);
	assert_int_equal(grid_by_code(gw, "SC-HB-G01", &g1, &e), GW_OK);
	/* A township keeps what is under it; a grid what is in it. */
	assert_int_equal(read_all(gw, IK_WORKER, LW_NAME, 0, hb.id, NULL, 0, 7, rows, 64), 30);
	assert_int_equal(read_all(gw, IK_ORG, LO_NAME, 0, hb.id, NULL, 0, 7, rows, 64), 2);
	assert_int_equal(read_all(gw, IK_ORG, LO_NAME, 0, g1.id, NULL, 0, 7, rows, 64), 1);
	assert_string_equal(list_cell(&rows[0], LO_NAME), "舒城县华宇电子科技有限公司");
	assert_string_equal(list_cell(&rows[0], LO_GRID), "杭埠镇第一网格");
	assert_string_equal(list_cell(&rows[0], LO_KIND), "enterprise");
	assert_string_equal(list_cell(&rows[0], LO_CODE), tu_credit_code(1));
	/* The lookup's ids: 张伟 is every fifth worker. */
	char *ids = NULL;
	int nids, more;
	assert_int_equal(list_filter(gw, IK_WORKER, "张伟", &ids, &nids, &more, &e), GW_OK);
	assert_non_null(ids);
	assert_int_equal(nids, 8);
	assert_int_equal(more, 0);
	int n = read_all(gw, IK_WORKER, LW_PHONE, 1, NULL, ids, 0, 3, rows, 64);
	assert_int_equal(n, 8);
	for (int i = 0; i < n; i++)
		assert_string_equal(list_cell(&rows[i], LW_NAME), "张伟");
	assert_true(strcmp(list_cell(&rows[0], LW_PHONE), list_cell(&rows[7], LW_PHONE)) > 0);
	/* Both filters at once, and backwards. */
	n = read_all(gw, IK_WORKER, LW_NAME, 0, hb.id, ids, 1, 2, rows, 64);
	assert_int_equal(n, (int)tu_count(gw, "SELECT count(*) FROM worker w JOIN grid g ON g.id = "
					      "w.community_id WHERE w.name = '张伟' AND g.code = 'SC-HB-G01'"));
	free(ids);
	/* Pinyin initials find the organisation. */
	assert_int_equal(list_filter(gw, IK_ORG, "hy", &ids, &nids, &more, &e), GW_OK);
	assert_true(nids >= 1);
	n = read_all(gw, IK_ORG, LO_NAME, 0, NULL, ids, 0, 5, rows, 64);
	int found = 0;
	for (int i = 0; i < n; i++)
		found |= strcmp(list_cell(&rows[i], LO_NAME), "舒城县华宇电子科技有限公司") == 0;
	assert_true(found);
	free(ids);
	/* A blank query is no filter; an unlisted kind is refused. */
	assert_int_equal(list_filter(gw, IK_WORKER, "  ", &ids, &nids, &more, &e), GW_OK);
	assert_null(ids);
	struct list_req q = {0, 0, NULL, NULL, NULL, 0, 5};
	assert_int_equal(list_page(gw, IK_GRID, &q, rows, &n, &e), GW_EUSAGE);
	q.sort = 99;
	assert_int_equal(list_page(gw, IK_ORG, &q, rows, &n, &e), GW_EUSAGE);
	/* Stations: services as stored, sorted by name. */
	assert_int_equal(read_all(gw, IK_STATION, LS_NAME, 0, NULL, NULL, 0, 5, rows, 64), 2);
	assert_string_equal(list_cell(&rows[0], LS_NAME), "城关镇暖心驿站");
	assert_string_equal(list_cell(&rows[0], LS_SERVICES), "water;charging");
	gw_close(gw);
}

static void test_grid_tree(void **state)
{
	(void)state;
	struct gw *gw = county("tree.db");
	struct grid_node *nodes;
	int n;
	struct gw_err e;
	assert_int_equal(list_grid_tree(gw, &nodes, &n, &e), GW_OK);
	/* Depth first, children by code; names and places only. */
	assert_int_equal(n, 6);
	for (int i = 0; i < n; i++) {
		char sql[256];
		snprintf(sql, sizeof sql, "SELECT name FROM grid WHERE code = '%s'", nodes[i].g.code);
		assert_string_equal(nodes[i].g.name, tu_q_text(gw, sql));
		assert_int_equal(nodes[i].orgs, 0);
		if (i > 0)   /* each node follows its parent or an earlier sibling's subtree */
			assert_true(nodes[i].depth <= nodes[i - 1].depth + 1);
	}
	assert_string_equal(nodes[0].g.code, "SC");
	assert_int_equal(nodes[0].depth, 0);
	assert_string_equal(nodes[1].g.code, "SC-CG");
	assert_int_equal(nodes[1].depth, 1);
	assert_int_equal(nodes[2].depth, 2);
	free(nodes);
	gw_close(gw);
}

static void test_delete_worker_station(void **state)
{
	(void)state;
	struct gw *gw = county("delete.db");
	struct gw_err e;
	struct worker_rec w;
	struct station_rec s;
	/* Not referenced: gone for good, and audited. */
	assert_int_equal(worker_by_phone(gw, "13910000000", &w, &e), GW_OK);
	assert_int_equal(worker_delete(gw, w.id, &e), GW_OK);
	assert_int_equal(worker_by_phone(gw, "13910000000", &w, &e), GW_ENOTFOUND);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit WHERE tbl = 'worker' AND action = 'delete'"), 1);
	/* Referenced by a ticket: kept, marked deleted, off the list. */
	assert_int_equal(worker_by_phone(gw, "13910000919", &w, &e), GW_OK);
	tu_import_ok(gw, "tickets.csv",
		     "标题,类别,来源,网格编码,反映人,反映人电话\n"
		     "配送站门口积水,其他,骑手上报,SC-HB-G01,王芳,13910000919\n");
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket WHERE worker_id IS NOT NULL"), 1);
	assert_int_equal(worker_delete(gw, w.id, &e), GW_OK);
	assert_int_equal(worker_by_id(gw, w.id, &w, &e), GW_OK);
	assert_int_equal(w.deleted, 1);
	static struct list_row rows[64];
	assert_int_equal(read_all(gw, IK_WORKER, LW_NAME, 0, NULL, NULL, 0, 64, rows, 64), 38);
	assert_int_equal(worker_delete(gw, "nosuchid", &e), GW_ENOTFOUND);
	/* Stations: nothing refers to one. */
	assert_int_equal(station_by_name(gw, "城关镇暖心驿站", &s, &e), GW_OK);
	assert_int_equal(station_delete(gw, s.id, &e), GW_OK);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM station"), 1);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit WHERE tbl = 'station' AND action = 'delete'"), 1);
	assert_int_equal(station_delete(gw, s.id, &e), GW_ENOTFOUND);
	gw_close(gw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages_every_column),
		cmocka_unit_test(test_cells_and_filters),
		cmocka_unit_test(test_grid_tree),
		cmocka_unit_test(test_delete_worker_station),
	};
	return tu_run("list", tests);
}
