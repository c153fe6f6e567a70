/* test_sync.c - offices exchanging packages: the county (SC) and two
 * townships (HB, CG).  Every order of exchanges converges; lost, repeated
 * and late packages; concurrent edits of one ticket (owner rule, field
 * merge, ties left for a clerk and resolved); a delete against an edit;
 * records created at several offices, also under the same credit code;
 * damaged packages refused without a change; the parser on random bytes;
 * capture in batches (sync_flush). */
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

#include "changeset.h"
#include "config.h"
#include "grid.h"
#include "gw.h"
#include "import.h"
#include "sync.h"
#include "ticket.h"
#include "validate.h"

#include "testutil.h"

static struct gw *open_office(const char *office)
{
	struct gw_err e;
	struct gw *gw = tu_open_as(office, office, strcmp(office, "SC") ? "李娜" : "王芳");
	if (sync_attach(gw, &e) != GW_OK)
		fail_msg("sync_attach: %s", e.msg);
	return gw;
}

static void close_office(struct gw *gw)
{
	sync_detach(gw);
	gw_close(gw);
}

struct offices {
	struct gw *sc, *hb, *cg;
};

static void open_three(struct offices *o)
{
	struct gw_err e;
	o->sc = open_office("SC");
	o->hb = open_office("HB");
	o->cg = open_office("CG");
	assert_int_equal(sync_peer_add(o->sc, "HB", "杭埠镇", 0, &e), GW_OK);
	assert_int_equal(sync_peer_add(o->sc, "CG", "城关镇", 0, &e), GW_OK);
	assert_int_equal(sync_peer_add(o->hb, "SC", "舒城县", 1, &e), GW_OK);
	assert_int_equal(sync_peer_add(o->cg, "SC", "舒城县", 1, &e), GW_OK);
}

static void close_three(struct offices *o)
{
	close_office(o->sc);
	close_office(o->hb);
	close_office(o->cg);
}

static void pkg_path(char *out, size_t n)
{
	static int k;
	snprintf(out, n, "%s/p%d.gws", tu_dir, ++k);
}

/* Writes a package from `from` to `to` into path. */
static void export_to(struct gw *from, struct gw *to, char *path, size_t n)
{
	struct sync_summary s;
	struct gw_err e;
	pkg_path(path, n);
	if (sync_export(from, to->office, 0, path, &s, &e) != GW_OK)
		fail_msg("export %s -> %s: %s", from->office, to->office, e.msg);
}

static void xfer(struct gw *from, struct gw *to)
{
	char path[512];
	struct sync_summary s;
	struct gw_err e;
	export_to(from, to, path, sizeof path);
	if (sync_import(to, path, &s, &e) != GW_OK)
		fail_msg("import %s -> %s: %s", from->office, to->office, e.msg);
}

static void grid(struct gw *gw, const char *code, const char *name, const char *level,
		 const char *parent, const char *basis)
{
	const char *v[7] = {code, name, level, parent, basis, "", ""};
	struct gw_err e;
	if (import_one(gw, IK_GRID, v, NULL, 0, NULL, &e) != GW_OK)
		fail_msg("grid %s: %s", code, e.msg);
}

/* A ticket; number "" takes the office's next number (returned). */
static void ticket(struct gw *gw, const char *number, const char *title, const char *grid_code,
		   const char *org, const char *reporter, char *out_number)
{
	const char *v[TICKET_NCOLS] = {number, title, "", "其他", "来访", grid_code, org, reporter,
				       "", "", "", "", "2026-03-01 10:00:00", ""};
	struct gw_err e;
	if (import_one(gw, IK_TICKET, v, NULL, 0, NULL, &e) != GW_OK)
		fail_msg("ticket %s: %s", title, e.msg);
	if (out_number) {
		/* The newest number of this office. */
		sqlite3_stmt *st;
		sqlite3_prepare_v2(db_handle(gw->db),
				   "SELECT number FROM ticket WHERE title = ?1", -1, &st, NULL);
		sqlite3_bind_text(st, 1, title, -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		snprintf(out_number, 40, "%s", sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
}

/* Changes one field of ticket `number` through the ticket module. */
static void ticket_edit(struct gw *gw, const char *number, const char *title, const char *reporter)
{
	struct ticket_rec *t = malloc(sizeof *t);
	struct gw_err e;
	assert_non_null(t);
	assert_int_equal(ticket_by_number(gw, number, t, &e), GW_OK);
	const char *v[TICKET_NCOLS] = {t->number, title ? title : t->title, t->description, t->category,
				       t->source, t->grid_code, t->org_code,
				       reporter ? reporter : t->reporter, t->reporter_phone,
				       t->department, t->instructor_phone, t->status, t->created_at,
				       t->resolved_at};
	if (import_one(gw, IK_TICKET, v, NULL, 0, NULL, &e) != GW_OK)
		fail_msg("edit %s: %s", number, e.msg);
	free(t);
}

static void org(struct gw *gw, const char *code, const char *name, const char *grid_code)
{
	const char *v[13] = {code, name, "企业", "", "", grid_code, "", "", "", "无", "", "", ""};
	struct gw_err e;
	if (import_one(gw, IK_ORG, v, NULL, 0, NULL, &e) != GW_OK)
		fail_msg("org %s: %s", name, e.msg);
}

/* Every kind's export, concatenated: what "the same records" means. */
static char *dump(struct gw *gw)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct gw_err e;
	for (int k = 0; k < IK_COUNT; k++) {
		fprintf(f, "== %d\n", k);
		if (export_kind(gw, (enum import_kind)k, f, 0, &e) != GW_OK)
			fail_msg("export_kind: %s", e.msg);
	}
	fclose(f);
	return buf;
}

static void assert_same(struct gw *a, struct gw *b)
{
	char *x = dump(a), *y = dump(b);
	if (strcmp(x, y) != 0) {
		char pa[512], pb[512];
		snprintf(pa, sizeof pa, "%s/differ-%s.txt", tu_dir, a->office);
		snprintf(pb, sizeof pb, "%s/differ-%s.txt", tu_dir, b->office);
		FILE *f = fopen(pa, "w");
		fputs(x, f);
		fclose(f);
		f = fopen(pb, "w");
		fputs(y, f);
		fclose(f);
		fail_msg("%s and %s differ: diff %s %s", a->office, b->office, pa, pb);
	}
	free(x);
	free(y);
}

static long long sql_int(struct gw *gw, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;
	if (sqlite3_prepare_v2(db_handle(gw->db), sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db_handle(gw->db)));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static char *sql_text(struct gw *gw, const char *sql)
{
	sqlite3_stmt *st;
	char *v = NULL;
	if (sqlite3_prepare_v2(db_handle(gw->db), sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db_handle(gw->db)));
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v ? v : strdup("");
}

/* Everything a refused package must leave alone. */
static char *fingerprint(struct gw *gw)
{
	return sql_text(gw,
			"SELECT (SELECT count(*) || '/' || total(changes) FROM change_log) || ' ' || "
			"(SELECT count(*) || '/' || total(version) FROM grid) || ' ' || "
			"(SELECT count(*) || '/' || total(version) FROM ticket) || ' ' || "
			"(SELECT count(*) FROM audit) || ' ' || (SELECT count(*) FROM sync_conflict) || ' ' || "
			"(SELECT count(*) FROM sync_package) || ' ' || "
			"(SELECT group_concat(code || ':' || sent_seq || ':' || recv_seq) FROM sync_peer) || ' ' || "
			"(SELECT count(*) FROM sync_ack)");
}

static long open_conflicts(struct gw *gw)
{
	return (long)sql_int(gw, "SELECT count(*) FROM sync_conflict WHERE resolution IS NULL");
}

static void settle_round(struct offices *o)
{
	xfer(o->hb, o->sc);
	xfer(o->cg, o->sc);
	xfer(o->sc, o->hb);
	xfer(o->sc, o->cg);
}

/* ------------------------------------------------------------------ */

static void test_roundtrip_and_refusals(void **state)
{
	(void)state;
	struct offices o;
	struct gw_err e;
	struct sync_summary s;
	open_three(&o);
	grid(o.sc, "SC", "舒城县", "county", "", "");
	grid(o.sc, "SC-HB", "杭埠镇", "township", "SC", "");
	grid(o.sc, "SC-HB-G01", "杭埠一网格", "grid", "SC-HB", "region");
	char p1[512];
	export_to(o.sc, o.hb, p1, sizeof p1);
	assert_int_equal(sync_import(o.hb, p1, &s, &e), GW_OK);
	assert_string_equal(s.peer, "SC");
	assert_int_equal(s.seq, 1);
	assert_true(s.applied >= 6);    /* three grids and their audit rows */
	assert_same(o.sc, o.hb);
	assert_int_equal(sql_int(o.hb, "SELECT count(*) FROM grid"), 3);

	/* Applying it again is refused and changes nothing. */
	char *before = fingerprint(o.hb);
	assert_int_equal(sync_import(o.hb, p1, &s, &e), GW_EREFUSED);
	assert_non_null(strstr(e.msg, "已于"));
	assert_non_null(strstr(e.msg, "不能重复导入"));
	char *after = fingerprint(o.hb);
	assert_string_equal(before, after);
	free(before);
	free(after);

	/* Addressed to another office. */
	assert_int_equal(sync_import(o.cg, p1, &s, &e), GW_EREFUSED);
	assert_non_null(strstr(e.msg, "发给办公室 HB"));

	/* From an office not registered here. */
	char p2[512];
	assert_int_equal(sync_peer_add(o.hb, "CG", "城关镇", 0, &e), GW_OK);
	export_to(o.hb, o.cg, p2, sizeof p2);
	before = fingerprint(o.cg);
	assert_int_equal(sync_import(o.cg, p2, &s, &e), GW_EREFUSED);
	assert_non_null(strstr(e.msg, "未登记的办公室 HB"));
	after = fingerprint(o.cg);
	assert_string_equal(before, after);
	free(before);
	free(after);

	/* Exporting to an unknown office; registering twice; bad codes. */
	assert_int_equal(sync_export(o.cg, "XX", 0, p2, &s, &e), GW_ENOTFOUND);
	assert_non_null(strstr(e.msg, "尚未登记"));
	assert_int_equal(sync_peer_add(o.cg, "SC", "舒城县", 1, &e), GW_EEXIST);
	assert_int_equal(sync_peer_add(o.cg, "hb", "杭埠", 0, &e), GW_EINVAL);
	assert_int_equal(sync_peer_add(o.cg, "CG", "城关", 0, &e), GW_EINVAL);
	assert_int_equal(sync_peer_add(o.cg, "HB", "杭埠", 1, &e), GW_EEXIST);  /* a second county */

	/* Edits travel back; the county sees the township's grid. */
	grid(o.hb, "SC-HB-G02", "杭埠二网格", "grid", "SC-HB", "industry");
	xfer(o.hb, o.sc);
	assert_same(o.sc, o.hb);
	/* The applied package is in the audit log, with who applied it. */
	assert_int_equal(sql_int(o.sc, "SELECT count(*) FROM audit WHERE action = 'sync_import' "
				       "AND office = 'SC' AND operator = '王芳' AND new LIKE '%\"from\":\"HB\"%'"),
			 1);
	close_three(&o);
}

static void test_lost_and_late_packages(void **state)
{
	(void)state;
	struct offices o;
	struct gw_err e;
	struct sync_summary s;
	open_three(&o);
	grid(o.sc, "SC", "舒城县", "county", "", "");
	char p1[512], p2[512], p3[512];
	export_to(o.sc, o.hb, p1, sizeof p1);       /* lost on the way */
	grid(o.sc, "SC-HB", "杭埠镇", "township", "SC", "");
	export_to(o.sc, o.hb, p2, sizeof p2);       /* arrives late */
	grid(o.sc, "SC-HB-G01", "杭埠一网格", "grid", "SC-HB", "region");
	export_to(o.sc, o.hb, p3, sizeof p3);

	/* The newest carries everything the township never confirmed. */
	assert_int_equal(sync_import(o.hb, p3, &s, &e), GW_OK);
	assert_int_equal(s.seq, 3);
	assert_int_equal(s.gap_from, 1);
	assert_same(o.sc, o.hb);
	char *before = fingerprint(o.hb);
	assert_int_equal(sync_import(o.hb, p2, &s, &e), GW_EREFUSED);
	assert_non_null(strstr(e.msg, "比已导入的第 3 号旧"));
	assert_int_equal(sync_import(o.hb, p1, &s, &e), GW_EREFUSED);
	char *after = fingerprint(o.hb);
	assert_string_equal(before, after);
	free(before);
	free(after);

	/* Until HB answers, the county keeps sending everything; after its
	 * answer only what is new. */
	struct sync_summary x;
	char p4[512];
	export_to(o.sc, o.hb, p4, sizeof p4);
	assert_int_equal(sync_import(o.hb, p4, &x, &e), GW_OK);
	if (x.applied != 0)
		fail_msg("applied %ld skipped %ld sections %d", x.applied, x.skipped, x.sections);
	assert_true(x.skipped >= 6);
	xfer(o.hb, o.sc);
	assert_int_equal(sync_export(o.sc, "HB", 0, p4, &x, &e), GW_OK);
	/* HB's changes never go back to HB; nothing else is new. */
	assert_int_equal(x.changes, 0);
	/* --all sends everything again, and applying it changes nothing. */
	assert_int_equal(sync_export(o.sc, "HB", 1, p4, &x, &e), GW_OK);
	assert_true(x.changes >= 6);
	assert_int_equal(sync_import(o.hb, p4, &x, &e), GW_OK);
	assert_int_equal(x.applied, 0);
	assert_same(o.sc, o.hb);
	close_three(&o);
}

static void test_damaged_packages(void **state)
{
	(void)state;
	struct offices o;
	struct gw_err e;
	struct sync_summary s;
	open_three(&o);
	grid(o.sc, "SC", "舒城县", "county", "", "");
	grid(o.sc, "SC-HB", "杭埠镇", "township", "SC", "");
	char p[512];
	export_to(o.sc, o.hb, p, sizeof p);
	FILE *f = fopen(p, "rb");
	assert_non_null(f);
	unsigned char good[65536];
	size_t n = fread(good, 1, sizeof good, f);
	fclose(f);
	assert_true(n > 200 && n < sizeof good);
	char bad[600];
	snprintf(bad, sizeof bad, "%s.bad", p);
	char *before = fingerprint(o.hb);
	/* Every single flipped byte is refused. */
	for (size_t i = 0; i < n; i++) {
		good[i] ^= 0x20;
		f = fopen(bad, "wb");
		fwrite(good, 1, n, f);
		fclose(f);
		good[i] ^= 0x20;
		if (sync_import(o.hb, bad, &s, &e) != GW_EREFUSED)
			fail_msg("flipped byte %zu accepted", i);
	}
	/* Truncated anywhere. */
	for (size_t cut = 0; cut < n; cut += 7) {
		f = fopen(bad, "wb");
		fwrite(good, 1, cut, f);
		fclose(f);
		assert_int_equal(sync_import(o.hb, bad, &s, &e), GW_EREFUSED);
	}
	assert_non_null(strstr(e.msg, "截断"));
	/* Another format version, even with a recomputed checksum. */
	memcpy(bad, good, 0);
	good[8] = 2;
	f = fopen(bad, "wb");
	fwrite(good, 1, n, f);
	fclose(f);
	good[8] = 1;
	assert_int_equal(sync_import(o.hb, bad, &s, &e), GW_EREFUSED);
	assert_non_null(strstr(e.msg, "格式版本为 2"));
	/* Not a package at all. */
	f = fopen(bad, "wb");
	fputs("编码,名称\nSC,舒城县\n", f);
	fclose(f);
	assert_int_equal(sync_import(o.hb, bad, &s, &e), GW_EREFUSED);
	assert_non_null(strstr(e.msg, "不是 gridwork 同步包"));
	/* Missing file. */
	assert_int_equal(sync_import(o.hb, "/nonexistent/p.gws", &s, &e), GW_EIO);
	char *after = fingerprint(o.hb);
	assert_string_equal(before, after);
	free(before);
	free(after);
	assert_int_equal(sql_int(o.hb, "SELECT count(*) FROM grid"), 0);
	/* The intact package still applies. */
	assert_int_equal(sync_import(o.hb, p, &s, &e), GW_OK);
	assert_same(o.sc, o.hb);
	close_three(&o);
}

/* The parser refuses random and mutated bytes without reading outside
 * the buffer (run under ASan by make test). */
static void test_parser_on_any_bytes(void **state)
{
	(void)state;
	struct offices o;
	struct gw_err e;
	struct sync_summary s;
	open_three(&o);
	grid(o.sc, "SC", "舒城县", "county", "", "");
	char p[512];
	export_to(o.sc, o.hb, p, sizeof p);
	FILE *f = fopen(p, "rb");
	unsigned char good[65536];
	size_t n = fread(good, 1, sizeof good, f);
	fclose(f);
	struct sync_header *h = malloc(sizeof *h);
	assert_int_equal(sync_package_parse(good, n, h, &e), GW_OK);
	assert_string_equal(h->sender, "SC");
	assert_string_equal(h->receiver, "HB");
	assert_int_equal(h->nsections, 1);
	srand(7);
	for (int round = 0; round < 3000; round++) {
		size_t len = (size_t)rand() % (n + 16);
		unsigned char *b = malloc(len ? len : 1);
		memcpy(b, good, len < n ? len : n);
		for (size_t i = n; i < len; i++)
			b[i] = (unsigned char)rand();
		int flips = 1 + rand() % 4;
		for (int k = 0; k < flips && len; k++)
			b[(size_t)rand() % len] = (unsigned char)rand();
		enum gw_status st = sync_package_parse(b, len, h, &e);
		if (st == GW_OK) {      /* only possible when nothing changed */
			assert_int_equal(len, n);
			assert_memory_equal(b, good, n);
		}
		free(b);
	}
	assert_int_equal(sync_package_parse(NULL, 0, h, &e), GW_EREFUSED);
	free(h);
	(void)s;
	close_three(&o);
}

/* The records both rounds start from: grids at the county; one ticket
 * of each office; every office holds everything. */
static void common_start(struct offices *o, char t_hb[40], char t_sc[40])
{
	grid(o->sc, "SC", "舒城县", "county", "", "");
	grid(o->sc, "SC-HB", "杭埠镇", "township", "SC", "");
	grid(o->sc, "SC-CG", "城关镇", "township", "SC", "");
	grid(o->sc, "SC-HB-G01", "杭埠一网格", "grid", "SC-HB", "region");
	grid(o->sc, "SC-CG-G01", "城关一网格", "grid", "SC-CG", "region");
	grid(o->sc, "SC-HB-G02", "杭埠二网格（待撤销）", "grid", "SC-HB", "industry");
	xfer(o->sc, o->hb);
	xfer(o->sc, o->cg);
	ticket(o->hb, "", "外卖骑手反映小区门禁难进", "SC-HB-G01", "", "张伟", t_hb);
	ticket(o->sc, "", "园区企业用地审批咨询", "SC-HB-G02", "", "刘洋", t_sc);
	xfer(o->hb, o->sc);
	xfer(o->sc, o->hb);
	xfer(o->sc, o->cg);
	assert_same(o->sc, o->hb);
	assert_same(o->sc, o->cg);
}

/* Concurrent work at all three offices, then the four exchanges in the
 * order given, then rounds until quiet; conflicts left open are resolved
 * once each and everything converges. */
static void run_order(const int order[4])
{
	struct offices o;
	struct gw_err e;
	open_three(&o);
	char t_hb[40], t_sc[40], t_new[3][40];
	common_start(&o, t_hb, t_sc);

	/* The ticket HB registered: edited at HB (owner) and the county. */
	ticket_edit(o.hb, t_hb, "外卖骑手反映小区门禁难进（已联系物业）", NULL);
	ticket_edit(o.sc, t_hb, "外卖骑手反映门禁问题（县里改）", NULL);
	/* ... and its reporter at CG: different fields merge. */
	ticket_edit(o.cg, t_hb, NULL, "张伟（骑手）");
	/* The county's ticket: edited at both townships: a tie. */
	ticket_edit(o.hb, t_sc, "园区企业用地审批咨询（杭埠）", NULL);
	ticket_edit(o.cg, t_sc, "园区企业用地审批咨询（城关）", NULL);
	/* A grid withdrawn at the county while a township renames it. */
	struct grid_rec g;
	assert_int_equal(grid_by_code(o.sc, "SC-HB-G02", &g, &e), GW_OK);
	assert_int_equal(grid_delete(o.sc, g.id, &e), GW_OK);   /* soft: a ticket is in it */
	grid(o.hb, "SC-HB-G02", "杭埠二网格（园区）", "grid", "SC-HB", "industry");
	/* New records everywhere, one organisation registered twice. */
	ticket(o.hb, "", "快递员反映劳动合同问题", "SC-HB-G01", "", "陈静", t_new[0]);
	ticket(o.cg, "", "网约车司机反映停车难", "SC-CG-G01", "", "杨帆", t_new[1]);
	ticket(o.sc, "", "企业招工需求对接", "SC-HB-G01", "", "赵磊", t_new[2]);
	grid(o.hb, "SC-HB-G03", "杭埠三网格", "grid", "SC-HB", "chain");
	org(o.hb, tu_credit_code(1), "舒城县绿色食品有限公司", "SC-HB-G01");
	org(o.cg, tu_credit_code(1), "舒城绿色食品公司", "SC-CG-G01");
	ticket(o.cg, "", "食品企业融资需求", "SC-CG-G01", tu_credit_code(1), "周敏", NULL);

	struct gw *from[4] = {o.hb, o.cg, o.sc, o.sc}, *to[4] = {o.sc, o.sc, o.hb, o.cg};
	for (int i = 0; i < 4; i++)
		xfer(from[order[i]], to[order[i]]);
	settle_round(&o);
	settle_round(&o);

	/* Resolve each open conflict once, at the first office that lists
	 * it, keeping the other office's version. */
	struct gw *all[3] = {o.sc, o.hb, o.cg};
	for (int k = 0; k < 3; k++) {
		for (;;) {
			long long id = sql_int(all[k], "SELECT id FROM sync_conflict WHERE resolution IS NULL "
						       "ORDER BY id LIMIT 1");
			if (id < 0)
				break;
			if (sync_resolve(all[k], id, 1, &e) != GW_OK &&
			    sync_resolve(all[k], id, 0, &e) != GW_OK)
				fail_msg("resolve %lld at %s: %s", id, all[k]->office, e.msg);
		}
		settle_round(&o);
		settle_round(&o);
	}
	for (int k = 0; k < 3; k++)
		if (open_conflicts(all[k]))
			fail_msg("%s still lists %ld open conflicts", all[k]->office, open_conflicts(all[k]));
	assert_same(o.sc, o.hb);
	assert_same(o.sc, o.cg);

	/* Nothing lost or doubled. */
	assert_int_equal(sql_int(o.sc, "SELECT count(*) FROM ticket"), 6);
	assert_int_equal(sql_int(o.sc, "SELECT count(*) FROM org"), 1);
	for (int k = 0; k < 3; k++)
		assert_int_equal(sql_int(all[k], "SELECT count(*) FROM ticket t JOIN org g ON g.id = t.org_id"), 1);
	/* The owner's title won; CG's reporter merged in. */
	struct ticket_rec *t = malloc(sizeof *t);
	assert_int_equal(ticket_by_number(o.cg, t_hb, t, &e), GW_OK);
	assert_string_equal(t->title, "外卖骑手反映小区门禁难进（已联系物业）");
	assert_string_equal(t->reporter, "张伟（骑手）");
	free(t);
	/* The rule-decided conflicts are kept for the record, with both versions. */
	assert_true(sql_int(o.sc, "SELECT count(*) FROM sync_conflict WHERE resolution = 'rule' "
				  "AND mine LIKE '%县里改%' AND theirs LIKE '%已联系物业%'") >= 1);
	/* The withdrawn-and-renamed grid was a listed conflict somewhere. */
	long long dl = 0;
	for (int k = 0; k < 3; k++)
		dl += sql_int(all[k], "SELECT count(*) FROM sync_conflict WHERE kind IN "
				      "('delete_edit','edit_deleted') AND tbl = 'grid'");
	assert_true(dl >= 2);
	/* Every ticket event of every office is everywhere. */
	long long ev = sql_int(o.sc, "SELECT count(*) FROM ticket_event");
	assert_int_equal(sql_int(o.hb, "SELECT count(*) FROM ticket_event"), ev);
	assert_int_equal(sql_int(o.cg, "SELECT count(*) FROM ticket_event"), ev);
	close_three(&o);
}

static void test_every_order(void **state)
{
	(void)state;
	int order[4] = {0, 1, 2, 3}, c[4] = {0};
	run_order(order);
	/* Heap's algorithm: every permutation of the four exchanges. */
	for (int i = 1; i < 4;) {
		if (c[i] < i) {
			int j = i % 2 ? c[i] : 0, tmp = order[j];
			order[j] = order[i];
			order[i] = tmp;
			run_order(order);
			c[i]++;
			i = 1;
		} else {
			c[i++] = 0;
		}
	}
}

/* A tie is listed at both offices; the clerk's choice at one wins at both
 * and closes the other's listing. */
static void test_tie_listed_and_resolved(void **state)
{
	(void)state;
	struct offices o;
	struct gw_err e;
	open_three(&o);
	char t_hb[40], t_sc[40];
	common_start(&o, t_hb, t_sc);
	ticket_edit(o.hb, t_sc, "园区企业用地审批咨询（杭埠）", NULL);
	ticket_edit(o.cg, t_sc, "园区企业用地审批咨询（城关）", NULL);
	xfer(o.cg, o.sc);       /* the owner takes CG's: nobody had edited it there */
	xfer(o.sc, o.hb);       /* HB: its edit against CG's, neither owns it: a tie */
	assert_int_equal(open_conflicts(o.hb), 1);
	assert_int_equal(sql_int(o.hb, "SELECT count(*) FROM sync_conflict WHERE resolution IS NULL "
				       "AND kind = 'edit' AND columns = 'title' AND mine LIKE '%（杭埠）%' "
				       "AND theirs LIKE '%（城关）%'"),
			 1);
	struct ticket_rec *t = malloc(sizeof *t);
	assert_int_equal(ticket_by_number(o.hb, t_sc, t, &e), GW_OK);
	assert_string_equal(t->title, "园区企业用地审批咨询（杭埠）");   /* kept, not overwritten */
	xfer(o.hb, o.sc);       /* the owner keeps what it holds */
	assert_int_equal(ticket_by_number(o.sc, t_sc, t, &e), GW_OK);
	assert_string_equal(t->title, "园区企业用地审批咨询（城关）");

	/* Listing, then keeping "mine" at HB: HB's title with a higher version. */
	long long id = sql_int(o.hb, "SELECT id FROM sync_conflict WHERE resolution IS NULL");
	assert_int_equal(sync_resolve(o.hb, id, 0, &e), GW_OK);
	assert_int_equal(sync_resolve(o.hb, id, 0, &e), GW_ESTATE);
	assert_int_equal(sync_resolve(o.hb, 9999, 0, &e), GW_ENOTFOUND);
	settle_round(&o);
	settle_round(&o);
	assert_same(o.sc, o.hb);
	assert_same(o.sc, o.cg);
	assert_int_equal(ticket_by_number(o.cg, t_sc, t, &e), GW_OK);
	assert_string_equal(t->title, "园区企业用地审批咨询（杭埠）");
	free(t);
	for (struct gw **g = (struct gw *[]){o.sc, o.hb, o.cg, NULL}; *g; g++)
		assert_int_equal(open_conflicts(*g), 0);
	/* The choice is audited where it was made. */
	assert_int_equal(sql_int(o.hb, "SELECT count(*) FROM audit WHERE action = 'sync_resolve'"), 1);
	close_three(&o);
}

/* The county owns the grid map: its rename stands at the township, and
 * the township's rename is kept in the conflict list, decided by rule. */
static void test_county_owns_grids(void **state)
{
	(void)state;
	struct offices o;
	struct gw_err e;
	open_three(&o);
	grid(o.sc, "SC", "舒城县", "county", "", "");
	grid(o.sc, "SC-HB", "杭埠镇", "township", "SC", "");
	xfer(o.sc, o.hb);
	xfer(o.hb, o.sc);
	grid(o.sc, "SC-HB", "杭埠镇（县定名）", "township", "SC", "");
	grid(o.hb, "SC-HB", "杭埠镇（镇里改）", "township", "SC", "");
	xfer(o.hb, o.sc);
	xfer(o.sc, o.hb);
	struct grid_rec g;
	assert_int_equal(grid_by_code(o.hb, "SC-HB", &g, &e), GW_OK);
	assert_string_equal(g.name, "杭埠镇（县定名）");
	assert_same(o.sc, o.hb);
	for (struct gw **p = (struct gw *[]){o.sc, o.hb, NULL}; *p; p++) {
		assert_int_equal(open_conflicts(*p), 0);
		assert_int_equal(sql_int(*p, "SELECT count(*) FROM sync_conflict WHERE tbl = 'grid' "
					     "AND resolution = 'rule' AND rule LIKE '%SC%' "
					     "AND (mine LIKE '%镇里改%' OR theirs LIKE '%镇里改%')"),
				 1);
	}
	close_three(&o);
}

/* A grid nobody refers to is deleted for good at the county while HB
 * renames it: HB keeps it and lists it, the county lists the lost edit;
 * HB's clerk keeps it and the county gets it back. */
static void test_hard_delete_against_edit(void **state)
{
	(void)state;
	struct offices o;
	struct gw_err e;
	open_three(&o);
	grid(o.sc, "SC", "舒城县", "county", "", "");
	grid(o.sc, "SC-HB", "杭埠镇", "township", "SC", "");
	grid(o.sc, "SC-HB-G09", "杭埠九网格", "grid", "SC-HB", "region");
	xfer(o.sc, o.hb);
	xfer(o.hb, o.sc);
	struct grid_rec g;
	assert_int_equal(grid_by_code(o.sc, "SC-HB-G09", &g, &e), GW_OK);
	assert_int_equal(grid_delete(o.sc, g.id, &e), GW_OK);
	assert_int_equal(sql_int(o.sc, "SELECT count(*) FROM grid WHERE code = 'SC-HB-G09'"), 0);
	grid(o.hb, "SC-HB-G09", "杭埠九网格（扩大）", "grid", "SC-HB", "region");
	xfer(o.hb, o.sc);
	xfer(o.sc, o.hb);
	assert_int_equal(grid_by_code(o.hb, "SC-HB-G09", &g, &e), GW_OK);   /* not silently lost */
	assert_string_equal(g.name, "杭埠九网格（扩大）");
	assert_int_equal(sql_int(o.hb, "SELECT count(*) FROM sync_conflict WHERE resolution IS NULL "
				       "AND kind = 'delete_changed' AND theirs IS NULL"), 1);
	assert_int_equal(sql_int(o.sc, "SELECT count(*) FROM sync_conflict WHERE resolution IS NULL "
				       "AND kind = 'edit_missing' AND theirs LIKE '%扩大%'"), 1);
	/* Keeping "theirs" at the county is impossible: it lacks the record. */
	long long id = sql_int(o.sc, "SELECT id FROM sync_conflict WHERE resolution IS NULL");
	assert_int_equal(sync_resolve(o.sc, id, 1, &e), GW_ESTATE);
	assert_non_null(strstr(e.msg, "办公室 HB"));
	id = sql_int(o.hb, "SELECT id FROM sync_conflict WHERE resolution IS NULL");
	assert_int_equal(sync_resolve(o.hb, id, 0, &e), GW_OK);
	xfer(o.hb, o.sc);
	xfer(o.sc, o.hb);
	assert_int_equal(grid_by_code(o.sc, "SC-HB-G09", &g, &e), GW_OK);
	assert_string_equal(g.name, "杭埠九网格（扩大）");
	assert_same(o.sc, o.hb);
	assert_int_equal(open_conflicts(o.sc), 0);
	assert_int_equal(open_conflicts(o.hb), 0);
	close_three(&o);
}

/* A long import captured in batches: memory stays bounded and the
 * package still carries each row once. */
/* Writes a tickets.csv of n rows (about 3.8 KB each, so a thousand are a
 * bulk file) into path; row dup (0-based, -1 none) repeats row 0's number
 * with another title; row bad (-1 none) names an unknown grid. */
static void bulk_file(const char *path, int n, int dup, int bad)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs("编号,标题,描述,类别,来源,网格编码,关联单位,反映人,反映人电话,承办部门,指导员手机,状态,登记时间\n", f);
	for (int i = 0; i < n; i++) {
		fprintf(f, "HB-2026-%06d,杭埠第%d号工单%s,", i == dup ? 1 : i + 1, i + 1,
			i == dup ? "（更正）" : "");
		for (int k = 0; k < 160; k++)
			fputs("骑手反映情况属实", f);
		fprintf(f, ",其他,来访,%s,,张师傅,,,,%s,2026-03-%02d 10:00\n",
			i == bad ? "SC-HB-NONE" : i % 2 ? "SC-HB-G01" : "SC-HB-G02", i % 3 ? "待受理" : "办理中",
			1 + i % 28);
	}
	fclose(f);
}

/* A bulk import's tickets travel like any others (bulk capture,
 * core/sync_bulk.c), also when a later file changes one before anything
 * is sent; a bulk import that fails leaves nothing to send. */
static void test_bulk_import_travels(void **state)
{
	(void)state;
	struct offices o;
	struct gw_err e;
	struct import_counts c;
	struct import_opts opts = {.kind = -1};
	open_three(&o);
	grid(o.sc, "SC", "舒城县", "county", "", "");
	grid(o.sc, "SC-HB", "杭埠镇", "township", "SC", "");
	grid(o.sc, "SC-HB-G01", "杭埠一网格", "grid", "SC-HB", "region");
	grid(o.sc, "SC-HB-G02", "杭埠二网格", "grid", "SC-HB", "region");
	xfer(o.sc, o.hb);
	char path[512];
	snprintf(path, sizeof path, "%s/bulk.csv", tu_dir);
	const char *paths[1] = {path};
	bulk_file(path, 1200, -1, 1150);
	char *before = fingerprint(o.hb);
	assert_int_equal(import_files(o.hb, paths, 1, &opts, &c, &e), GW_EINVAL);
	char *after = fingerprint(o.hb);
	assert_string_equal(before, after);
	free(after);
	/* A row repeating an earlier row's number with other values is refused
	 * (import_claim), not applied over it. */
	assert_int_equal(import_files(o.hb, paths, 1, &opts, &c, &e), GW_EINVAL);
	assert_int_equal(c.rejected, 1);
	after = fingerprint(o.hb);
	assert_string_equal(before, after);
	free(after);
	opts.skip_bad = 1;
	assert_int_equal(import_files(o.hb, paths, 1, &opts, &c, &e), GW_EINVAL);
	assert_int_equal(c.inserted, 1199);
	assert_int_equal(c.rejected, 1);
	assert_int_equal(sql_int(o.hb, "SELECT count(*) FROM ticket_event"), 0);
	/* The changesets bulk capture wrote by hand pass the strict reader
	 * every package goes through, with the counts change_log says. */
	sqlite3_stmt *cs;
	assert_int_equal(sqlite3_prepare_v2(db_handle(o.hb->db), "SELECT changeset, changes FROM change_log",
					    -1, &cs, NULL), SQLITE_OK);
	long seen = 0;
	while (sqlite3_step(cs) == SQLITE_ROW) {
		long n = -1;
		assert_int_equal(changeset_valid(sqlite3_column_blob(cs, 0), (size_t)sqlite3_column_bytes(cs, 0), &n), 1);
		assert_int_equal(n, sqlite3_column_int64(cs, 1));
		seen += n;
	}
	sqlite3_finalize(cs);
	assert_true(seen >= 1199);
	/* A later file changes one of them before anything is sent. */
	char fixpath[512];
	snprintf(fixpath, sizeof fixpath, "%s/fix.csv", tu_dir);
	FILE *ff = fopen(fixpath, "w");
	assert_non_null(ff);
	fputs("编号,标题,类别,来源,网格编码,状态,登记时间\n"
	      "HB-2026-000001,杭埠第1号工单（更正）,其他,来访,SC-HB-G02,办理中,2026-03-01 10:00\n", ff);
	fclose(ff);
	const char *fixpaths[1] = {fixpath};
	opts.skip_bad = 0;
	if (import_files(o.hb, fixpaths, 1, &opts, &c, &e) != GW_OK)
		fail_msg("fix import: %s", e.msg);
	assert_int_equal(c.updated, 1);
	xfer(o.hb, o.sc);
	assert_same(o.sc, o.hb);
	assert_int_equal(sql_int(o.sc, "SELECT count(*) FROM ticket"), 1199);
	assert_int_equal(sql_int(o.sc, "SELECT count(*) FROM ticket WHERE number = 'HB-2026-000001' "
				       "AND title = '杭埠第1号工单（更正）' AND version = 2"), 1);
	assert_int_equal(sql_int(o.sc, "SELECT count(*) FROM sync_conflict"), 0);
	free(before);
	xfer(o.sc, o.cg);
	assert_same(o.cg, o.hb);
	close_three(&o);
}

static void test_flush_batches(void **state)
{
	(void)state;
	struct offices o;
	struct gw_err e;
	struct sync_summary s;
	open_three(&o);
	grid(o.sc, "SC", "舒城县", "county", "", "");
	grid(o.sc, "SC-HB", "杭埠镇", "township", "SC", "");
	xfer(o.sc, o.hb);
	long long before = sql_int(o.hb, "SELECT count(*) FROM change_log WHERE origin = 'HB'");
	assert_int_equal(db_begin(o.hb->db, &e), GW_OK);
	char code[32], name[64];
	for (int i = 1; i <= 250; i++) {
		snprintf(code, sizeof code, "SC-HB-G%03d", i);
		snprintf(name, sizeof name, "杭埠第%d网格", i);
		grid(o.hb, code, name, "grid", "SC-HB", "region");
		if (i % 100 == 0)
			assert_int_equal(sync_flush(o.hb, &e), GW_OK);
		if (i == 150)   /* edited after its batch was flushed */
			grid(o.hb, "SC-HB-G050", "杭埠第五十网格", "grid", "SC-HB", "region");
	}
	assert_int_equal(db_commit(o.hb->db, &e), GW_OK);
	assert_int_equal(sql_int(o.hb, "SELECT count(*) FROM change_log WHERE origin = 'HB'") - before, 3);
	char p[512];
	export_to(o.hb, o.sc, p, sizeof p);
	assert_int_equal(sync_import(o.sc, p, &s, &e), GW_OK);
	assert_same(o.sc, o.hb);
	struct grid_rec g;
	assert_int_equal(grid_by_code(o.sc, "SC-HB-G050", &g, &e), GW_OK);
	assert_string_equal(g.name, "杭埠第五十网格");
	/* A rolled-back transaction leaves nothing to send. */
	assert_int_equal(db_begin(o.hb->db, &e), GW_OK);
	grid(o.hb, "SC-HB-X", "撤回的网格", "grid", "SC-HB", "region");
	db_rollback(o.hb->db);
	grid(o.hb, "SC-HB-Y", "保留的网格", "grid", "SC-HB", "region");
	xfer(o.hb, o.sc);
	assert_int_equal(grid_by_code(o.sc, "SC-HB-X", &g, &e), GW_ENOTFOUND);
	assert_int_equal(grid_by_code(o.sc, "SC-HB-Y", &g, &e), GW_OK);
	close_three(&o);
}

struct status_seen {
	int n;
	char codes[64];
	long pending[4];
};

static void on_peer(void *ctx, const struct sync_peer_info *p)
{
	struct status_seen *s = ctx;
	strcat(s->codes, p->code);
	strcat(s->codes, p->county ? "*" : "");
	strcat(s->codes, " ");
	s->pending[s->n++ % 4] = p->pending_changes;
}

static void test_status(void **state)
{
	(void)state;
	struct offices o;
	struct gw_err e;
	open_three(&o);
	grid(o.sc, "SC", "舒城县", "county", "", "");
	struct sync_overview ov;
	struct status_seen seen = {0};
	assert_int_equal(sync_status(o.sc, &ov, on_peer, &seen, &e), GW_OK);
	assert_string_equal(ov.office, "SC");
	assert_string_equal(ov.county, "");
	assert_string_equal(seen.codes, "CG HB ");
	assert_int_equal(seen.pending[0], 2);   /* the grid and its audit row */
	assert_int_equal(seen.pending[1], 2);
	assert_true(ov.local_changes >= 2);
	xfer(o.sc, o.hb);
	xfer(o.hb, o.sc);
	memset(&seen, 0, sizeof seen);
	assert_int_equal(sync_status(o.sc, &ov, on_peer, &seen, &e), GW_OK);
	assert_int_equal(seen.pending[1], 0);   /* HB confirmed everything */
	memset(&seen, 0, sizeof seen);
	assert_int_equal(sync_status(o.hb, &ov, on_peer, &seen, &e), GW_OK);
	assert_string_equal(ov.county, "SC");
	assert_string_equal(seen.codes, "SC* ");
	close_three(&o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip_and_refusals),
		cmocka_unit_test(test_lost_and_late_packages),
		cmocka_unit_test(test_damaged_packages),
		cmocka_unit_test(test_parser_on_any_bytes),
		cmocka_unit_test(test_tie_listed_and_resolved),
		cmocka_unit_test(test_every_order),
		cmocka_unit_test(test_county_owns_grids),
		cmocka_unit_test(test_hard_delete_against_edit),
		cmocka_unit_test(test_flush_batches),
		cmocka_unit_test(test_bulk_import_travels),
		cmocka_unit_test(test_status),
	};
	setenv("GRIDWORK_NOW", "2026-03-02 09:30:00", 1);
	gw_set_lang(GW_LANG_ZH);
	tu_setup_dir("sync");
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	if (getenv("KEEP"))     /* KEEP=1: leave the databases and packages to inspect */
		return rc;
	return tu_finish(rc);
}
