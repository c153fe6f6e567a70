/* test_search.c - quick lookup: a 2-character Chinese query finds its rows
 * (regression), ranking and grouping, pinyin initials with polyphonic
 * surnames, phones and codes, every bad input, the index in step after
 * edits, deletes, re-imports, shell edits and renumbered rowids, and every
 * answer checked against a plain LIKE / pinyin_match scan of generated
 * data. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gw.h"
#include "import.h"
#include "pinyin.h"
#include "search.h"
#include "strbuf.h"
#include "validate.h"

#include "testutil.h"

/* ---- helpers ------------------------------------------------------------ */

static char db_path[512];

/* A fresh database tu_dir/<tag>.db, its path in db_path. */
static struct gw *open_db(const char *tag)
{
	char name[64];
	snprintf(name, sizeof name, "%s.db", tag);
	tu_path(db_path, sizeof db_path, name);
	return tu_open_db(db_path, NULL, NULL);
}

/* Writes one record through its kind's own write path (as a form does). */
static void put(struct gw *gw, enum import_kind k, const char *const *vals)
{
	struct gw_err e;
	enum upsert_result r;
	if (import_one(gw, k, vals, NULL, 0, &r, &e) != GW_OK)
		fail_msg("import_one(%d, %s): %s", (int)k, vals[0], e.msg);
}

/* A valid credit code numbered k (any k below a million). */
static const char *cc(int k)
{
	return tu_credit_code_from("91341523MA2", k);
}

static struct search_result find(struct gw *gw, const char *q, int kind, int limit)
{
	struct search_result r;
	struct gw_err e;
	struct search_opts o = {kind, limit};
	enum gw_status st = search_find(gw, q, &o, &r, &e);
	if (st != GW_OK)
		fail_msg("search_find(%s): %s", q, e.msg);
	return r;
}

/* Index of the hit of kind k named name (or coded code), -1 when absent. */
static int hit(const struct search_result *r, int k, const char *name)
{
	for (int i = 0; i < r->n; i++)
		if ((int)r->hits[i].kind == k &&
		    (strcmp(r->hits[i].name, name) == 0 || strcmp(r->hits[i].code, name) == 0))
			return i;
	return -1;
}

static int rank_of(const struct search_result *r, int k, const char *name)
{
	int i = hit(r, k, name);
	return i < 0 ? -1 : r->hits[i].rank;
}

/* The counter's small county: grids, organisations, instructors, a
 * worker, a station and tickets, all through the import write paths. */
static void small_county(struct gw *gw)
{
	static const char *const grids[][5] = {
		{"SC", "舒城县", "county", "", ""},
		{"SC-HB", "杭埠镇", "township", "SC", ""},
		{"SC-HB-G01", "杭埠镇三河网格", "grid", "SC-HB", "region"},
		{"SC-HB-G02", "杭埠镇精密制造网格", "grid", "SC-HB", "industry"},
		{"SC-CG", "城关镇", "township", "SC", ""},
	};
	for (size_t i = 0; i < sizeof grids / sizeof grids[0]; i++) {
		const char *v[] = {grids[i][0], grids[i][1], grids[i][2], grids[i][3], grids[i][4], "", ""};
		put(gw, IK_GRID, v);
	}
	static const char *const orgs[][3] = {
		{"安徽精密仪器有限公司", "SC-HB-G01", "standalone"},
		{"舒城县精工机械有限公司", "SC-HB-G02", "none"},
		{"舒城农村商业银行杭埠支行", "SC-HB-G01", "joint"},
		{"杭埠镇个体劳动者协会", "SC-HB-G01", "affiliated"},
	};
	for (int i = 0; i < 4; i++) {
		const char *v[] = {cc(i), orgs[i][0], i == 3 ? "association" : "enterprise", "", "",
				   orgs[i][1], "", "", "", orgs[i][2],
				   strcmp(orgs[i][2], "none") ? "2021-05-01" : "", "",
				   i == 0 ? "0564-2681234" : ""};
		put(gw, IK_ORG, v);
	}
	char orgs0[64];
	snprintf(orgs0, sizeof orgs0, "%s", cc(0));
	static const char *const people[][5] = {
		{"张伟", "13800001234", "full_time", "SC-HB-G01", "县委组织部"},
		{"张伟明", "13900005678", "part_time", "SC-HB-G01", "杭埠镇党建办"},
		{"王张伟", "13700002222", "part_time", "SC-HB-G01", "杭埠镇党建办"},
		{"单雄信", "13600003333", "part_time", "SC-HB-G02", ""},
		{"曾国藩", "13500004444", "full_time", "SC-HB-G02", ""},
		{"解缙", "13400005555", "part_time", "SC-CG", ""},
	};
	for (int i = 0; i < 6; i++) {
		const char *v[] = {people[i][0], people[i][1], "", people[i][4], people[i][2],
				   people[i][3], i == 0 ? orgs0 : "", ""};
		put(gw, IK_INSTRUCTOR, v);
	}
	const char *w[] = {"李伟", "15900001234", "delivery_rider", "美团", "no", "SC-HB-G01", ""};
	put(gw, IK_WORKER, w);
	const char *s[] = {"三河暖心驿站", "SC-HB-G01", "三河路1号", "工会驿站", "rest;water", "08:00-20:00",
			   "", ""};
	put(gw, IK_STATION, s);
	const char *t1[] = {"SC-2026-000101", "安徽精密仪器有限公司用地审批咨询", "厂房扩建", "land_approval",
			    "guidance_station", "SC-HB-G01", "", "张伟", "13800001234", "", "", "new",
			    "2026-03-01 09:00", ""};
	put(gw, IK_TICKET, t1);
	const char *t2[] = {"SC-2026-000102", "骑手反映三河路停车难", "", "traffic", "rider_report",
			    "SC-HB-G01", "", "李伟", "", "", "", "new", "2026-03-01 10:00", ""};
	put(gw, IK_TICKET, t2);
}

/* ---- the regression and the basics --------------------------------------- */

static void test_two_chinese_characters(void **state)
{
	(void)state;
	struct gw *gw = open_db("two");
	small_county(gw);
	/* Measured on SQLite 3.40: FTS5 trigram returns nothing for this. */
	struct search_result r = find(gw, "精密", -1, 0);
	assert_true(hit(&r, SK_ORG, "安徽精密仪器有限公司") >= 0);
	assert_true(hit(&r, SK_GRID, "杭埠镇精密制造网格") >= 0);
	assert_true(hit(&r, SK_TICKET, "SC-2026-000101") >= 0);
	assert_int_equal(rank_of(&r, SK_ORG, "安徽精密仪器有限公司"), 2);
	search_result_free(&r);
	r = find(gw, "张伟", SK_INSTRUCTOR, 0);
	assert_int_equal(r.n, 3);
	search_result_free(&r);
	/* One character too. */
	r = find(gw, "伟", -1, 0);
	assert_true(hit(&r, SK_INSTRUCTOR, "张伟") >= 0);
	assert_true(hit(&r, SK_WORKER, "李伟") >= 0);
	assert_true(hit(&r, SK_TICKET, "SC-2026-000102") >= 0);  /* reporter 李伟 */
	search_result_free(&r);
	gw_close(gw);
}

static void test_ranking_and_groups(void **state)
{
	(void)state;
	struct gw *gw = open_db("rank");
	small_county(gw);
	struct search_result r = find(gw, "张伟", -1, 0);
	/* exact > prefix > substring; instructors before tickets. */
	assert_string_equal(r.hits[0].name, "张伟");
	assert_int_equal(r.hits[0].match, SM_EXACT);
	assert_string_equal(r.hits[1].name, "张伟明");
	assert_int_equal(r.hits[1].match, SM_PREFIX);
	assert_string_equal(r.hits[2].name, "王张伟");
	assert_int_equal(r.hits[2].match, SM_SUBSTRING);
	assert_int_equal(r.hits[3].kind, SK_TICKET);
	for (int i = 1; i < r.n; i++) {
		assert_true(r.hits[i].kind >= r.hits[i - 1].kind);
		if (r.hits[i].kind == r.hits[i - 1].kind)
			assert_true(r.hits[i].rank >= r.hits[i - 1].rank);
	}
	assert_int_equal(r.shown[SK_INSTRUCTOR], 3);
	search_result_free(&r);
	/* Initials rank after text: zw is 张伟 whole, 张伟明 by its start. */
	r = find(gw, "zw", SK_INSTRUCTOR, 0);
	assert_int_equal(rank_of(&r, SK_INSTRUCTOR, "张伟"), 3);
	assert_int_equal(rank_of(&r, SK_INSTRUCTOR, "张伟明"), 4);
	assert_int_equal(rank_of(&r, SK_INSTRUCTOR, "王张伟"), 5);
	assert_int_equal(r.hits[0].match, SM_INITIALS);
	assert_string_equal(r.hits[0].name, "张伟");
	search_result_free(&r);
	/* A limit keeps the best and says there is more. */
	r = find(gw, "张伟", SK_INSTRUCTOR, 2);
	assert_int_equal(r.n, 2);
	assert_true(r.more[SK_INSTRUCTOR]);
	assert_string_equal(r.hits[0].name, "张伟");
	assert_string_equal(r.hits[1].name, "张伟明");
	search_result_free(&r);
	r = find(gw, "张伟", SK_INSTRUCTOR, 3);
	assert_false(r.more[SK_INSTRUCTOR]);
	search_result_free(&r);
	gw_close(gw);
}

static void test_what_a_hit_shows(void **state)
{
	(void)state;
	struct gw *gw = open_db("show");
	small_county(gw);
	struct search_result r = find(gw, "安徽精密仪器有限公司", SK_ORG, 10);
	assert_int_equal(r.n, 1);
	const struct search_hit *h = &r.hits[0];
	assert_int_equal(h->match, SM_EXACT);
	assert_string_equal(h->code, cc(0));
	assert_string_equal(h->grid_code, "SC-HB-G01");
	assert_string_equal(h->status, "standalone");
	assert_string_equal(h->date, "2021-05-01");
	/* The counter answer: its instructor and how to reach them. */
	assert_int_equal(h->nrefs, 1);
	assert_int_equal(h->refs[0].rel, SR_INSTRUCTOR);
	assert_string_equal(h->refs[0].name, "张伟");
	assert_string_equal(h->refs[0].phone, "13800001234");
	search_result_free(&r);
	/* Without its own instructor: its grid's. */
	r = find(gw, "精工机械", SK_ORG, 10);
	assert_int_equal(r.n, 1);
	assert_true(r.hits[0].nrefs >= 2);
	assert_int_equal(r.hits[0].refs[0].rel, SR_GRID_INSTRUCTOR);
	search_result_free(&r);
	/* A grid: its chain, its instructors, the 1 + 2 standard. */
	r = find(gw, "SC-HB-G01", SK_GRID, 10);
	h = &r.hits[0];
	assert_int_equal(h->match, SM_EXACT);
	assert_string_equal(h->refs[0].name, "舒城县");
	assert_int_equal(h->refs[0].rel, SR_PARENT);
	assert_string_equal(h->refs[1].name, "杭埠镇");
	assert_int_equal(h->full_time, 1);
	assert_int_equal(h->part_time, 2);
	assert_int_equal(h->meets, 1);
	search_result_free(&r);
	r = find(gw, "SC-HB-G02", SK_GRID, 10);
	assert_int_equal(r.hits[0].meets, 0);
	search_result_free(&r);
	r = find(gw, "杭埠镇", SK_GRID, 10);
	assert_int_equal(r.hits[0].meets, -1);  /* a township has no standard */
	search_result_free(&r);
	/* An instructor: phone, role, unit, grids and organisations. */
	r = find(gw, "张伟", SK_INSTRUCTOR, 1);
	h = &r.hits[0];
	assert_string_equal(h->phone, "13800001234");
	assert_string_equal(h->role, "full_time");
	assert_string_equal(h->unit, "县委组织部");
	assert_int_equal(h->nrefs, 2);
	assert_string_equal(h->refs[0].code, "SC-HB-G01");
	assert_string_equal(h->refs[1].name, "安徽精密仪器有限公司");
	search_result_free(&r);
	/* A ticket: number, title, status, due date. */
	r = find(gw, "停车难", SK_TICKET, 10);
	h = &r.hits[0];
	assert_string_equal(h->code, "SC-2026-000102");
	assert_string_equal(h->name, "骑手反映三河路停车难");
	assert_string_equal(h->status, "new");
	assert_int_equal(strlen(h->date), 10);
	search_result_free(&r);
	/* A worker and a station. */
	r = find(gw, "李伟", SK_WORKER, 10);
	assert_string_equal(r.hits[0].phone, "15900001234");
	assert_string_equal(r.hits[0].role, "delivery_rider");
	search_result_free(&r);
	r = find(gw, "驿站", SK_STATION, 10);
	assert_string_equal(r.hits[0].services, "rest;water");
	assert_string_equal(r.hits[0].grid_code, "SC-HB-G01");
	search_result_free(&r);
	gw_close(gw);
}

/* ---- pinyin --------------------------------------------------------------- */

static void test_pinyin_names(void **state)
{
	(void)state;
	struct gw *gw = open_db("pinyin");
	small_county(gw);
	/* Polyphonic surnames read as surnames, and every reading indexed. */
	static const struct {
		const char *q, *name;
		int kind;
	} cases[] = {
		{"sxx", "单雄信", SK_INSTRUCTOR},  /* Shàn */
		{"dxx", "单雄信", SK_INSTRUCTOR},  /* dān, also indexed */
		{"zgf", "曾国藩", SK_INSTRUCTOR},  /* Zēng */
		{"xj", "解缙", SK_INSTRUCTOR},     /* Xiè */
		{"zw", "张伟", SK_INSTRUCTOR},
		{"ZW", "张伟", SK_INSTRUCTOR},
		{"张w", "张伟", SK_INSTRUCTOR},    /* mixed */
		{"zwm", "张伟明", SK_INSTRUCTOR},
		{"scx", "舒城县", SK_GRID},
		{"sc", "舒城县", SK_GRID},
		{"hbz", "杭埠镇", SK_GRID},
		{"yh", "舒城农村商业银行杭埠支行", SK_ORG},  /* 行 háng */
		{"syyh", "舒城农村商业银行杭埠支行", SK_ORG},
		{"jmyq", "安徽精密仪器有限公司", SK_ORG},
		{"lw", "李伟", SK_WORKER},
		{"nxyz", "三河暖心驿站", SK_STATION},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct search_result r = find(gw, cases[i].q, cases[i].kind, 0);
		int at = hit(&r, cases[i].kind, cases[i].name);
		if (at < 0)
			fail_msg("%s does not find %s", cases[i].q, cases[i].name);
		search_result_free(&r);
	}
	/* More polyphonic surnames, read as surnames (workers are persons). */
	static const struct {
		const char *name, *ini;
	} surnames[] = {
		{"仇英", "qy"}, {"朴树", "ps"}, {"区志强", "ozq"}, {"查良镛", "zly"}, {"乐嘉", "yj"},
		{"翟天临", "ztl"}, {"缪斯", "ms"}, {"盖聂", "gn"}, {"单田芳", "stf"}, {"曾志伟", "zzw"},
	};
	for (size_t i = 0; i < sizeof surnames / sizeof surnames[0]; i++) {
		char phone[16];
		snprintf(phone, sizeof phone, "1880000%04d", (int)i);
		const char *w[] = {surnames[i].name, phone, "courier", "", "", "", ""};
		put(gw, IK_WORKER, w);
	}
	for (size_t i = 0; i < sizeof surnames / sizeof surnames[0]; i++) {
		struct search_result r = find(gw, surnames[i].ini, SK_WORKER, 0);
		int at = hit(&r, SK_WORKER, surnames[i].name);
		if (at < 0 || r.hits[at].rank != 3)
			fail_msg("%s does not find %s as its whole initials", surnames[i].ini,
				 surnames[i].name);
		search_result_free(&r);
	}
	/* Not by readings a name does not have. */
	struct search_result r = find(gw, "xxx", SK_INSTRUCTOR, 0);
	assert_int_equal(hit(&r, SK_INSTRUCTOR, "单雄信"), -1);
	search_result_free(&r);
	r = find(gw, "jj", SK_INSTRUCTOR, 0);  /* 解 jiě: not its surname reading, but a reading */
	assert_true(hit(&r, SK_INSTRUCTOR, "解缙") >= 0);
	search_result_free(&r);
	/* Tickets: by reporter initials, titles not. */
	r = find(gw, "zw", SK_TICKET, 0);
	assert_true(hit(&r, SK_TICKET, "SC-2026-000101") >= 0);
	search_result_free(&r);
	r = find(gw, "qsfy", SK_TICKET, 0);  /* 骑手反映... */
	assert_int_equal(r.n, 0);
	search_result_free(&r);
	/* The tokens of a polyphonic surname carry each reading. */
	struct strbuf b = STRBUF_INIT;
	search_tokens(SK_INSTRUCTOR, "单雄信", &b);
	assert_non_null(strstr(b.s, " ipsx"));
	assert_non_null(strstr(b.s, " ipdx"));
	assert_non_null(strstr(b.s, " in单雄"));
	assert_non_null(strstr(b.s, " ib单雄"));
	sb_free(&b);
	gw_close(gw);
}

/* ---- phones and codes ------------------------------------------------------- */

static void test_phones_and_codes(void **state)
{
	(void)state;
	struct gw *gw = open_db("codes");
	small_county(gw);
	struct search_result r = find(gw, "13800001234", -1, 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.hits[0].name, "张伟");
	assert_int_equal(r.hits[0].match, SM_EXACT);
	search_result_free(&r);
	r = find(gw, "138-0000-1234", -1, 0);
	assert_int_equal(rank_of(&r, SK_INSTRUCTOR, "张伟"), 0);
	search_result_free(&r);
	/* Last four digits: instructors, workers, an organisation's landline. */
	r = find(gw, "1234", -1, 0);
	assert_int_equal(rank_of(&r, SK_INSTRUCTOR, "张伟"), 2);
	assert_int_equal(rank_of(&r, SK_WORKER, "李伟"), 2);
	assert_int_equal(rank_of(&r, SK_ORG, "安徽精密仪器有限公司"), 2);
	assert_int_equal(hit(&r, SK_INSTRUCTOR, "张伟明"), -1);
	search_result_free(&r);
	r = find(gw, "0564-2681234", SK_ORG, 0);
	assert_int_equal(rank_of(&r, SK_ORG, "安徽精密仪器有限公司"), 0);
	search_result_free(&r);
	r = find(gw, "05642681234", SK_ORG, 0);
	assert_int_equal(rank_of(&r, SK_ORG, "安徽精密仪器有限公司"), 0);
	search_result_free(&r);
	/* The start of a mobile. */
	r = find(gw, "1390000", -1, 0);
	assert_int_equal(rank_of(&r, SK_INSTRUCTOR, "张伟明"), 1);
	search_result_free(&r);
	/* Credit codes whole and by their start. */
	r = find(gw, cc(2), -1, 0);
	assert_int_equal(rank_of(&r, SK_ORG, "舒城农村商业银行杭埠支行"), 0);
	search_result_free(&r);
	r = find(gw, "91341523MA2", SK_ORG, 0);
	assert_int_equal(r.n, 4);
	assert_int_equal(r.hits[0].rank, 1);
	search_result_free(&r);
	/* Grid codes, any case; ticket numbers. */
	r = find(gw, "sc-hb", SK_GRID, 0);
	assert_int_equal(rank_of(&r, SK_GRID, "SC-HB"), 0);
	assert_int_equal(rank_of(&r, SK_GRID, "SC-HB-G01"), 1);
	assert_int_equal(hit(&r, SK_GRID, "SC-CG"), -1);
	search_result_free(&r);
	r = find(gw, "SC-2026-000102", -1, 0);
	assert_int_equal(rank_of(&r, SK_TICKET, "SC-2026-000102"), 0);
	search_result_free(&r);
	r = find(gw, "SC-2026", SK_TICKET, 0);
	assert_int_equal(r.n, 2);
	search_result_free(&r);
	gw_close(gw);
}

/* ---- bad input --------------------------------------------------------------- */

static void expect_refused(struct gw *gw, const char *q, const char *fragment)
{
	struct search_result r;
	struct gw_err e;
	struct search_opts o = {-1, 10};
	enum gw_status st = search_find(gw, q, &o, &r, &e);
	if (st != GW_EINVAL)
		fail_msg("query '%s': status %d (%s), expected GW_EINVAL", q, st, e.msg);
	if (!strstr(e.msg, fragment))
		fail_msg("query '%s': message '%s' lacks '%s'", q, e.msg, fragment);
	assert_int_equal(r.n, 0);
	assert_null(r.hits);
}

static void expect_nothing(struct gw *gw, const char *q)
{
	struct search_result r;
	struct gw_err e;
	struct search_opts o = {-1, 10};
	enum gw_status st = search_find(gw, q, &o, &r, &e);
	if (st != GW_OK)
		fail_msg("query '%s': status %d (%s)", q, st, e.msg);
	assert_int_equal(r.n, 0);
	search_result_free(&r);
}

static void test_bad_input(void **state)
{
	(void)state;
	struct gw *gw = open_db("bad");
	small_county(gw);
	gw_set_lang(GW_LANG_ZH);
	expect_refused(gw, "", "请输入要查找的内容");
	expect_refused(gw, NULL, "请输入要查找的内容");
	expect_refused(gw, "   \t ", "请输入要查找的内容");
	expect_refused(gw, "\xe3\x80\x80", "请输入要查找的内容");  /* an ideographic space */
	char longq[500 * 3 + 1];
	for (int i = 0; i < 500; i++)
		memcpy(longq + 3 * i, "伟", 3);
	longq[1500] = '\0';
	expect_refused(gw, longq, "查找内容太长（500 个字符，最多 64 个）");
	expect_refused(gw, "\xff\xfe", "不是有效的 UTF-8");
	expect_refused(gw, "张\xe4\xbc", "不是有效的 UTF-8");  /* a cut character */
	expect_refused(gw, "\xc0\xaf", "不是有效的 UTF-8");  /* overlong */
	expect_refused(gw, "\"", "没有可查找的汉字、字母或数字");
	expect_refused(gw, "*", "没有可查找的汉字、字母或数字");
	expect_refused(gw, "'", "没有可查找的汉字、字母或数字");
	expect_refused(gw, "%", "没有可查找的汉字、字母或数字");
	expect_refused(gw, "_", "没有可查找的汉字、字母或数字");
	expect_refused(gw, "😀", "没有可查找的汉字、字母或数字");
	expect_refused(gw, "\"*'%_", "没有可查找的汉字、字母或数字");
	expect_nothing(gw, "NEAR");
	expect_nothing(gw, "\"张伟\" NEAR 李");
	expect_nothing(gw, "x' OR 1=1 --");
	expect_nothing(gw, "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz");
	/* Syntax characters around a name are not syntax: they are skipped. */
	struct search_result r = find(gw, "张伟%", SK_INSTRUCTOR, 0);
	assert_int_equal(rank_of(&r, SK_INSTRUCTOR, "张伟"), 0);
	search_result_free(&r);
	r = find(gw, "\"张_伟*\"", SK_INSTRUCTOR, 0);
	assert_int_equal(rank_of(&r, SK_INSTRUCTOR, "张伟"), 0);
	search_result_free(&r);
	r = find(gw, "张伟😀", SK_INSTRUCTOR, 0);
	assert_int_equal(rank_of(&r, SK_INSTRUCTOR, "张伟"), 0);
	search_result_free(&r);
	/* 64 characters is still a query. */
	expect_nothing(gw, longq + 3 * 436);
	/* Bad options. */
	struct gw_err e;
	struct search_opts o = {SK_COUNT, 10};
	assert_int_equal(search_find(gw, "张", &o, &r, &e), GW_EUSAGE);
	o = (struct search_opts){-1, SEARCH_LIMIT_MAX + 1};
	assert_int_equal(search_find(gw, "张", &o, &r, &e), GW_EUSAGE);
	gw_close(gw);
}

/* ---- the index in step ------------------------------------------------------- */

static int count_named(struct gw *gw, const char *q, int kind, const char *name)
{
	struct search_result r = find(gw, q, kind, 0);
	int n = hit(&r, kind, name) >= 0;
	search_result_free(&r);
	return n;
}

static void test_in_step(void **state)
{
	(void)state;
	struct gw *gw = open_db("step");
	small_county(gw);
	/* An edit through the form path: the old name goes, the new comes. */
	const char *v[] = {"张卫东", "13800001234", "", "县委组织部", "full_time", "SC-HB-G01", "", ""};
	put(gw, IK_INSTRUCTOR, v);
	assert_false(count_named(gw, "张伟", SK_INSTRUCTOR, "张伟"));
	assert_true(count_named(gw, "卫东", SK_INSTRUCTOR, "张卫东"));
	assert_true(count_named(gw, "zwd", SK_INSTRUCTOR, "张卫东"));
	/* The same again changes nothing (a re-import). */
	put(gw, IK_INSTRUCTOR, v);
	struct search_result r = find(gw, "卫东", SK_INSTRUCTOR, 0);
	assert_int_equal(r.n, 1);
	search_result_free(&r);
	/* Rolled back: the index did not move either. */
	struct gw_err e;
	assert_int_equal(db_begin(gw->db, &e), GW_OK);
	const char *v2[] = {"赵子龙", "13800001234", "", "", "full_time", "", "", ""};
	put(gw, IK_INSTRUCTOR, v2);
	db_rollback(gw->db);
	assert_false(count_named(gw, "子龙", SK_INSTRUCTOR, "赵子龙"));
	assert_true(count_named(gw, "卫东", SK_INSTRUCTOR, "张卫东"));
	/* Soft delete, then undelete by editing. */
	tu_exec(gw, "UPDATE worker SET deleted = 1 WHERE phone = '15900001234'");
	assert_false(count_named(gw, "李伟", SK_WORKER, "李伟"));
	tu_exec(gw, "UPDATE worker SET deleted = 0 WHERE phone = '15900001234'");
	assert_true(count_named(gw, "李伟", SK_WORKER, "李伟"));
	/* Hard delete, of the newest station: not taken for renumbered rowids
	 * (which would rebuild the index and forget its dead postings). */
	tu_exec(gw, "DELETE FROM station");
	assert_false(count_named(gw, "驿站", SK_STATION, "三河暖心驿站"));
	char dead[32];
	gw_meta_get(gw, "search_dead", dead, sizeof dead, &e);
	assert_true(atoll(dead) >= 3);
	/* The newest record deleted and another added in one transaction:
	 * SQLite hands the new one the same rowid. */
	sqlite3_stmt *q;
	sqlite3_prepare_v2(db_handle(gw->db), "SELECT rowid FROM worker", -1, &q, NULL);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	long long before = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	assert_int_equal(db_begin(gw->db, &e), GW_OK);
	tu_exec(gw, "DELETE FROM worker");
	const char *w[] = {"周杰伦", "15900009999", "courier", "", "", "", ""};
	put(gw, IK_WORKER, w);
	assert_int_equal(db_commit(gw->db, &e), GW_OK);
	sqlite3_prepare_v2(db_handle(gw->db), "SELECT rowid FROM worker", -1, &q, NULL);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int64(q, 0), before);
	sqlite3_finalize(q);
	assert_true(count_named(gw, "杰伦", SK_WORKER, "周杰伦"));
	assert_true(count_named(gw, "zjl", SK_WORKER, "周杰伦"));
	assert_false(count_named(gw, "李伟", SK_WORKER, "李伟"));
	/* Grids and organisations renamed by a re-import of their file. */
	const char *g[] = {"SC-HB-G02", "杭埠镇智能装备网格", "grid", "SC-HB", "industry", "", ""};
	put(gw, IK_GRID, g);
	assert_false(count_named(gw, "精密制造", SK_GRID, "杭埠镇精密制造网格"));
	assert_true(count_named(gw, "智能装备", SK_GRID, "杭埠镇智能装备网格"));
	assert_true(count_named(gw, "znzb", SK_GRID, "杭埠镇智能装备网格"));
	gw_close(gw);
}

/* Edits by another program (the sqlite3 shell, no pre-commit hook) are
 * indexed by the next search. */
static void test_edits_from_outside(void **state)
{
	(void)state;
	struct gw *gw = open_db("outside");
	small_county(gw);
	sqlite3 *h;
	assert_int_equal(sqlite3_open(db_path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "UPDATE instructor SET name = '欧阳修' WHERE name = '解缙';"
				      "INSERT INTO station(id, name, grid_id, services, office, created_at, "
				      "updated_at) SELECT 'st2', '龙舒暖心驿站', grid_id, 'water', 'SC', "
				      "'2026-01-01 00:00:00', '2026-01-01 00:00:00' FROM station;"
				      "UPDATE ticket SET title = '三河路井盖缺失' WHERE number = 'SC-2026-000102';"
				      "DELETE FROM instructor_grid WHERE instructor_id IN "
				      "(SELECT id FROM instructor WHERE name = '曾国藩');"
				      "DELETE FROM instructor WHERE name = '曾国藩';",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(h);
	assert_true(count_named(gw, "欧阳", SK_INSTRUCTOR, "欧阳修"));
	assert_true(count_named(gw, "oyx", SK_INSTRUCTOR, "欧阳修"));
	assert_false(count_named(gw, "解缙", SK_INSTRUCTOR, "解缙"));
	assert_true(count_named(gw, "井盖", SK_TICKET, "SC-2026-000102"));
	assert_false(count_named(gw, "停车难", SK_TICKET, "SC-2026-000102"));
	assert_false(count_named(gw, "曾国藩", SK_INSTRUCTOR, "曾国藩"));
	assert_true(count_named(gw, "龙舒", SK_STATION, "龙舒暖心驿站"));  /* added by the shell */
	assert_true(count_named(gw, "lsnx", SK_STATION, "龙舒暖心驿站"));
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db_handle(gw->db),
			   "SELECT (SELECT count(*) FROM search_dirty) + (SELECT count(*) FROM search_gone)",
			   -1, &st, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
	gw_close(gw);
}

/* A file whose rowids were renumbered (dumped and reloaded) is reindexed. */
static void test_renumbered_rowids(void **state)
{
	(void)state;
	struct gw *gw = open_db("renumber");
	small_county(gw);
	/* Shift every ticket's rowid, as a reload with other rowids would:
	 * no trigger fires (rowid is not a watched column). */
	tu_exec(gw, "UPDATE ticket SET rowid = rowid + 1000");
	assert_true(count_named(gw, "停车难", SK_TICKET, "SC-2026-000102"));
	assert_true(count_named(gw, "用地审批", SK_TICKET, "SC-2026-000101"));
	struct search_result r = find(gw, "三河", SK_TICKET, 0);
	assert_int_equal(r.n, 1);
	search_result_free(&r);
	gw_close(gw);
}

/* Dead postings (old texts) past the live records make a rebuild. */
static void test_rebuild_after_many_edits(void **state)
{
	(void)state;
	struct gw *gw = open_db("dead");
	small_county(gw);
	struct gw_err e;
	char dead[32];
	for (int round = 0; round < 4; round++) {
		assert_int_equal(db_begin(gw->db, &e), GW_OK);
		sqlite3_stmt *st;
		sqlite3_prepare_v2(db_handle(gw->db),
				   "INSERT INTO worker(id, phone, name, job, office, created_at, updated_at) "
				   "VALUES (printf('w%031d', ?1), printf('186%08d', ?1), ?2, 'courier', 'SC', "
				   "'2026-01-01 00:00:00', '2026-01-01 00:00:00') ON CONFLICT(id) DO UPDATE "
				   "SET name = excluded.name",
				   -1, &st, NULL);
		for (int i = 0; i < 6000; i++) {
			char name[32];
			snprintf(name, sizeof name, "%s%s", round % 2 ? "赵" : "钱", i % 2 ? "一" : "二");
			sqlite3_bind_int(st, 1, i);
			sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
			assert_int_equal(sqlite3_step(st), SQLITE_DONE);
			sqlite3_reset(st);
		}
		sqlite3_finalize(st);
		assert_int_equal(db_commit(gw->db, &e), GW_OK);
	}
	gw_meta_get(gw, "search_dead", dead, sizeof dead, &e);
	assert_true(atoll(dead) < 10000);  /* rebuilt on the way */
	struct search_result r = find(gw, "赵一", SK_WORKER, 0);
	assert_int_equal(r.n, 3000);
	search_result_free(&r);
	r = find(gw, "钱", SK_WORKER, 0);
	assert_int_equal(r.n, 0);
	search_result_free(&r);
	gw_close(gw);
}

/* ---- against a plain scan of generated data ----------------------------- */

static const char SURNAMES[] = "王李张刘陈杨黄赵吴周单曾解仇朴查乐翟欧阳";
static const char GIVEN[] = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀英华长行重乐";
static const char TRADE[] = "精密电子科技食品物流网络新材料服装建材机械银行";

static unsigned rng = 12345;
static unsigned rnd(unsigned n)
{
	rng = rng * 1103515245u + 12345u;
	return (rng >> 16) % n;
}

/* n random CJK characters of list into out (3 bytes each). */
static void pick(const char *list, int n, char *out)
{
	size_t chars = strlen(list) / 3;
	for (int i = 0; i < n; i++)
		memcpy(out + 3 * i, list + 3 * rnd((unsigned)chars), 3);
	out[3 * n] = '\0';
}

struct rec {
	int kind;
	char id[33];
	char f[2][200];
	int person[2];     /* pinyin mode of each field: 0 none, 1 name, 2 person */
	char phone[24], code[40];
};

static struct rec recs[1200];
static int nrec;

static void load_recs(struct gw *gw)
{
	static const char *const q[] = {
		"SELECT 0, id, name, '', phone, '' FROM instructor WHERE deleted = 0",
		"SELECT 1, id, name, '', phone, credit_code FROM org WHERE deleted = 0",
		"SELECT 2, id, name, '', '', code FROM grid WHERE deleted = 0",
		"SELECT 3, id, title, reporter, '', number FROM ticket WHERE deleted = 0",
		"SELECT 4, id, name, '', phone, '' FROM worker WHERE deleted = 0",
		"SELECT 5, id, name, '', '', '' FROM station WHERE deleted = 0",
	};
	static const int py[6][2] = {{2, 0}, {1, 0}, {1, 0}, {0, 2}, {2, 0}, {1, 0}};
	nrec = 0;
	for (int k = 0; k < 6; k++) {
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(db_handle(gw->db), q[k], -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW && nrec < 1200) {
			struct rec *r = &recs[nrec++];
			r->kind = k;
			snprintf(r->id, sizeof r->id, "%s", sqlite3_column_text(st, 1));
			snprintf(r->f[0], sizeof r->f[0], "%s", sqlite3_column_text(st, 2));
			snprintf(r->f[1], sizeof r->f[1], "%s", sqlite3_column_text(st, 3));
			snprintf(r->phone, sizeof r->phone, "%s", sqlite3_column_text(st, 4));
			snprintf(r->code, sizeof r->code, "%s", sqlite3_column_text(st, 5));
			r->person[0] = py[k][0];
			r->person[1] = py[k][1];
		}
		sqlite3_finalize(st);
	}
}

/* The documented ranks, computed the plain way: strstr on the names
 * (generated names are all hanzi, so this is LIKE '%q%'), pinyin_match on
 * every name, and the phone and code rules.  -1: no match. */
static int reference_rank(const struct rec *r, const char *q)
{
	int best = -1;
#define BETTER(x) do { int x_ = (x); if (x_ >= 0 && (best < 0 || x_ < best)) best = x_; } while (0)
	size_t qn = strlen(q);
	int digits = qn > 0 && strspn(q, "0123456789") == qn;
	int letters = 0, units = 0;
	for (const char *p = q; *p; p++)
		letters |= (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');
	for (size_t i = 0; i < qn; i++)
		units += ((unsigned char)q[i] & 0xC0) != 0x80;
	for (int i = 0; i < 2 && !(digits && qn >= 5); i++) {
		const char *f = r->f[i];
		if (!*f)
			continue;
		if (strcmp(f, q) == 0)
			BETTER(0);
		else if (strncmp(f, q, qn) == 0)
			BETTER(1);
		else if (strstr(f, q))
			BETTER(2);
		if (letters && r->person[i]) {
			int m = pinyin_match(q, qn, f, strlen(f), r->person[i] == 2);
			if (m && !(units == 1 && m == 1))
				BETTER(6 - m);
		}
	}
	if (digits && r->phone[0]) {
		size_t pn = strlen(r->phone);
		if (strcmp(r->phone, q) == 0)
			BETTER(0);
		else if (qn >= 5 && r->kind != 1 && strncmp(r->phone, q, qn) == 0)
			BETTER(1);
		else if (qn == 4 && pn >= 4 && strcmp(r->phone + pn - 4, q) == 0)
			BETTER(2);
	}
	if (r->code[0]) {
		char up[64];
		snprintf(up, sizeof up, "%s", q);
		for (char *p = up; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p -= 'a' - 'A';
		if (strcmp(r->code, up) == 0)
			BETTER(0);
		else if (qn >= 2 && strncmp(r->code, up, qn) == 0)
			BETTER(1);
	}
#undef BETTER
	return best;
}

/* Whether s is only three-byte characters (the generated hanzi). */
static int all_hanzi(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i += 3)
		if ((unsigned char)s[i] < 0xE0)
			return 0;
	return n % 3 == 0;
}

static void compare(struct gw *gw, const char *q)
{
	struct search_result r = find(gw, q, -1, 0);
	int expected = 0;
	for (int i = 0; i < nrec; i++) {
		int want = reference_rank(&recs[i], q);
		int got = -1;
		for (int j = 0; j < r.n; j++)
			if ((int)r.hits[j].kind == recs[i].kind && strcmp(r.hits[j].id, recs[i].id) == 0)
				got = r.hits[j].rank;
		if (want != got)
			fail_msg("query '%s': %s '%s' '%s': rank %d, reference %d", q,
				 search_kind_name(recs[i].kind), recs[i].f[0], recs[i].f[1], got, want);
		expected += want >= 0;
	}
	assert_int_equal(r.n, expected);
	for (int j = 1; j < r.n; j++) {
		assert_true(r.hits[j].kind >= r.hits[j - 1].kind);
		if (r.hits[j].kind == r.hits[j - 1].kind)
			assert_true(r.hits[j].rank >= r.hits[j - 1].rank);
	}
	/* With a limit: the best of each kind, and more when there is more. */
	struct search_result l = find(gw, q, -1, 3);
	for (int k = 0; k < SK_COUNT; k++) {
		int all = 0, shown = 0;
		for (int j = 0; j < r.n; j++)
			all += (int)r.hits[j].kind == k;
		assert_int_equal(l.more[k], all > 3);
		for (int j = 0; j < l.n; j++) {
			if ((int)l.hits[j].kind != k)
				continue;
			/* Its rank is the rank at the same place of the full list. */
			int seen = 0;
			for (int m = 0; m < r.n; m++)
				if ((int)r.hits[m].kind == k && seen++ == shown)
					assert_int_equal(l.hits[j].rank, r.hits[m].rank);
			shown++;
		}
		assert_int_equal(shown, all < 3 ? all : 3);
	}
	search_result_free(&l);
	search_result_free(&r);
}

static void generate(struct gw *gw)
{
	struct gw_err e;
	small_county(gw);
	char name[64], phone[16], num[32];
	for (int i = 0; i < 600; i++) {
		/* Half in one transaction (one chunk), half one by one (many
		 * chunks, merged). */
		if (i == 0)
			assert_int_equal(db_begin(gw->db, &e), GW_OK);
		if (i == 300)
			assert_int_equal(db_commit(gw->db, &e), GW_OK);
		int kind = i % 5;
		if (kind == 0) {
			pick(SURNAMES, 1, name);
			pick(GIVEN, 1 + (int)rnd(2), name + strlen(name));
			snprintf(phone, sizeof phone, "1370%07d", i);
			const char *v[] = {name, phone, "", "", rnd(3) ? "part_time" : "full_time",
					   "SC-HB-G01", "", ""};
			put(gw, IK_INSTRUCTOR, v);
		} else if (kind == 1) {
			pick(TRADE, 2 + (int)rnd(4), name);
			snprintf(phone, sizeof phone, "0564-%07d", 2000000 + i);
			const char *v[] = {cc(100 + i), name, "enterprise", "", "", "SC-HB-G02", "", "", "",
					   "none", "", "", phone};
			put(gw, IK_ORG, v);
		} else if (kind == 2) {
			pick(SURNAMES, 1, name);
			pick(GIVEN, 1 + (int)rnd(2), name + strlen(name));
			snprintf(phone, sizeof phone, "1590%07d", i);
			const char *v[] = {name, phone, "courier", "", "", "", ""};
			put(gw, IK_WORKER, v);
		} else {
			char title[128], reporter[32];
			pick(TRADE, 3 + (int)rnd(8), title);
			pick(SURNAMES, 1, reporter);
			pick(GIVEN, 1 + (int)rnd(2), reporter + strlen(reporter));
			snprintf(num, sizeof num, "SC-2025-%06d", i);
			const char *v[] = {num, title, "", "other", "phone", "SC-HB-G01", "",
					   rnd(4) ? reporter : "", "", "", "", "new", "2025-06-01 09:00", ""};
			put(gw, IK_TICKET, v);
		}
	}
}

static void test_against_reference(void **state)
{
	(void)state;
	struct gw *gw = open_db("reference");
	generate(gw);
	load_recs(gw);
	assert_true(nrec > 600);
	/* Fragments of real names of every length, their initials, phones. */
	for (int i = 0; i < nrec; i += 7) {
		const struct rec *r = &recs[i];
		const char *f = r->f[1][0] && rnd(2) ? r->f[1] : r->f[0];
		size_t chars = strlen(f) / 3;
		if (chars == 0 || !all_hanzi(f))
			continue;
		for (size_t len = 1; len <= 3 && len <= chars; len++) {
			char q[64];
			size_t at = rnd((unsigned)(chars - len + 1));
			memcpy(q, f + 3 * at, 3 * len);
			q[3 * len] = '\0';
			compare(gw, q);
		}
		char ini[64];
		size_t n = pinyin_abbrev(f, strlen(f), r->person[0] == 2, ini, sizeof ini);
		if (n) {
			compare(gw, ini);
			ini[n > 2 ? 2 : n] = '\0';
			compare(gw, ini);
			ini[1] = '\0';
			compare(gw, ini);
		}
		if (r->phone[0] && strlen(r->phone) >= 4) {
			compare(gw, r->phone + strlen(r->phone) - 4);
			if (r->kind != 1)
				compare(gw, r->phone);
		}
	}
	compare(gw, "伟");
	compare(gw, "张伟");
	compare(gw, "精密");
	compare(gw, "z");
	compare(gw, "zw");
	compare(gw, "sc");
	compare(gw, "SC-HB");
	compare(gw, "SC-2025-0001");
	compare(gw, "1370000");
	gw_close(gw);
}

static void test_kind_names(void **state)
{
	(void)state;
	assert_int_equal(search_kind_parse("instructor"), SK_INSTRUCTOR);
	assert_int_equal(search_kind_parse("Orgs"), SK_ORG);
	assert_int_equal(search_kind_parse("网格"), SK_GRID);
	assert_int_equal(search_kind_parse("工单"), SK_TICKET);
	assert_int_equal(search_kind_parse("workers"), SK_WORKER);
	assert_int_equal(search_kind_parse("驿站"), SK_STATION);
	assert_int_equal(search_kind_parse("nope"), -1);
	assert_int_equal(search_kind_parse(NULL), -1);
	assert_string_equal(search_kind_name(SK_ORG), "org");
	assert_string_equal(search_match_name(SM_INITIALS), "initials");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_chinese_characters),
		cmocka_unit_test(test_ranking_and_groups),
		cmocka_unit_test(test_what_a_hit_shows),
		cmocka_unit_test(test_pinyin_names),
		cmocka_unit_test(test_phones_and_codes),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_in_step),
		cmocka_unit_test(test_edits_from_outside),
		cmocka_unit_test(test_renumbered_rowids),
		cmocka_unit_test(test_rebuild_after_many_edits),
		cmocka_unit_test(test_against_reference),
		cmocka_unit_test(test_kind_names),
	};
	return tu_run("search", tests);
}
