/* report_table.c - reports as tables of text (the plain-text form, screens)
 * and as CSV for the monthly ledger. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "enums.h"
#include "report.h"

static const struct report_node *node(const struct report *r, int i) { return &r->grids.nodes[i]; }

/* The coverage rows shown: every node in the coverage report, the county,
 * townships and parks in a summary. */
static int coverage_row(const struct report *r, int i)
{
	const struct report_node *n = node(r, i);
	return !n->deleted && (r->kind == REPORT_COVERAGE || strcmp(n->level, "grid") != 0);
}

/* ---- tables ---------------------------------------------------------------------------- */

struct tb {
	struct report_table *t;
	int n, cap;
	int oom;
	int rows_cap;           /* of the last table */
	char ring[16][64];      /* formatted numbers: a row may use several at once */
	int next;
};

/* Starts a table: cols are "中文|English" pairs; a leading '#' marks a
 * number column (right-aligned). */
static struct report_table *tbl(struct tb *b, const char *title_zh, const char *title_en,
				int ncols, ...)
{
	if (b->oom)
		return NULL;
	if (b->n == b->cap) {
		int nc = b->cap ? b->cap * 2 : 8;
		struct report_table *nt = realloc(b->t, (size_t)nc * sizeof *nt);
		if (!nt) {
			b->oom = 1;
			return NULL;
		}
		b->t = nt;
		b->cap = nc;
	}
	struct report_table *t = &b->t[b->n++];
	memset(t, 0, sizeof *t);
	b->rows_cap = 0;
	snprintf(t->title, sizeof t->title, "%s", gw_tr(title_zh, title_en));
	t->ncols = ncols < RT_MAX_COLS ? ncols : RT_MAX_COLS;
	va_list ap;
	va_start(ap, ncols);
	for (int i = 0; i < t->ncols; i++) {
		const char *zh = va_arg(ap, const char *), *en = va_arg(ap, const char *);
		t->right[i] = zh[0] == '#';
		t->cols[i] = gw_tr(zh + t->right[i], en + (en[0] == '#'));
	}
	va_end(ap);
	return t;
}

/* Adds a row of t->ncols strings (NULL is ""), the first indented. */
static void row(struct tb *b, struct report_table *t, int indent, ...)
{
	if (!t || b->oom)
		return;
	if (t->nrows == b->rows_cap) {
		int nc = b->rows_cap ? b->rows_cap * 2 : 16;
		char **nc_cells = realloc(t->cells, (size_t)nc * (size_t)t->ncols * sizeof *nc_cells);
		int *ni = nc_cells ? realloc(t->indent, (size_t)nc * sizeof *ni) : NULL;
		if (nc_cells)
			t->cells = nc_cells;
		if (!ni) {
			b->oom = 1;
			return;
		}
		t->indent = ni;
		b->rows_cap = nc;
	}
	va_list ap;
	va_start(ap, indent);
	char **cells = &t->cells[(size_t)t->nrows * (size_t)t->ncols];
	for (int i = 0; i < t->ncols; i++) {
		const char *s = va_arg(ap, const char *);
		cells[i] = strdup(s ? s : "");
		if (!cells[i])
			b->oom = 1;
	}
	va_end(ap);
	t->indent[t->nrows++] = indent;
}

/* The next formatting buffer of the ring (rows copy their cells). */
static char *fmtbuf(struct tb *b)
{
	return b->ring[b->next++ % 16];
}

static const char *num(struct tb *b, long long v)
{
	char *s = fmtbuf(b);
	snprintf(s, 64, "%lld", v);
	return s;
}

static const char *pct(struct tb *b, long long part, long long whole)
{
	char *s = fmtbuf(b);
	if (whole > 0)
		snprintf(s, 64, "%.1f%%", 100.0 * (double)part / (double)whole);
	else
		s[0] = '\0';   /* nothing to divide; "-" would read as a formula in CSV */
	return s;
}

static const char *ratio(struct tb *b, long long part, long long whole)
{
	char *s = fmtbuf(b);
	snprintf(s, 64, "%lld/%lld", part, whole);
	return s;
}

/* Yuan as a reader says it: 2.3亿元, 500万元. */
static const char *yuan_words(struct tb *b, long long y)
{
	char *s = fmtbuf(b);
	if (gw_lang() == GW_LANG_EN)
		snprintf(s, 64, "%.2f million yuan", (double)y / 1e6);
	else if (y >= 100000000LL)
		snprintf(s, 64, "%.2f亿元", (double)y / 1e8);
	else if (y >= 10000)
		snprintf(s, 64, "%.2f万元", (double)y / 1e4);
	else
		snprintf(s, 64, "%lld元", y);
	return s;
}

static const char *label(enum gw_enum e, int i) { return enum_label(e, i); }

static const char *label_of(enum gw_enum e, const char *en)
{
	int i = enum_index(e, en);
	return i < 0 ? en : enum_label(e, i);
}

static void tables_coverage(const struct report *r, struct tb *b, int summary)
{
	struct report_table *t = summary
		? tbl(b, "党组织覆盖率", "Party organisation coverage", 6, "编码", "code", "名称", "name",
		      "类型", "kind", "#已覆盖", "#covered", "#单位数", "#units", "#覆盖率", "#rate")
		: tbl(b, "党组织覆盖", "Party organisation coverage", 10, "编码", "code", "名称", "name",
		      "层级", "level", "类型", "kind", "#单位数", "#units", "#已覆盖", "#covered",
		      "#覆盖率", "#rate", "#单独建", "#standalone", "#联合建", "#joint", "#挂靠建",
		      "#affiliated");
	for (int i = 0; i < r->coverage.nnodes; i++) {
		if (!coverage_row(r, i))
			continue;
		const struct report_node *n = node(r, i);
		for (int k = 0; k < RK_KINDS; k++) {
			const struct report_cov *c = &r->coverage.cell[i * RK_KINDS + k];
			if (!c->total)
				continue;
			if (summary)
				row(b, t, n->depth, n->code, n->name, label(EN_ORG_KIND, k), num(b, c->covered),
				    num(b, c->total), pct(b, c->covered, c->total));
			else
				row(b, t, n->depth, n->code, n->name, label_of(EN_LEVEL, n->level),
				    label(EN_ORG_KIND, k), num(b, c->total), num(b, c->covered),
				    pct(b, c->covered, c->total), num(b, c->by_form[1]), num(b, c->by_form[2]),
				    num(b, c->by_form[3]));
		}
	}
}

static void tables_new_orgs(const struct report *r, struct tb *b)
{
	const struct report_new_orgs *o = &r->new_orgs;
	struct report_table *t = tbl(b, "新建党组织", "New party organisations", 5, "类型", "kind",
				     "#合计", "#total", "#单独建", "#standalone", "#联合建", "#joint",
				     "#挂靠建", "#affiliated");
	for (int k = 0; k < RK_KINDS; k++)
		row(b, t, 0, label(EN_ORG_KIND, k), num(b, o->kind_total[k]), num(b, o->by_kind[k][1]),
		    num(b, o->by_kind[k][2]), num(b, o->by_kind[k][3]));
	row(b, t, 0, gw_tr("合计", "total"), num(b, o->total),
	    num(b, o->by_kind[0][1] + o->by_kind[1][1] + o->by_kind[2][1]),
	    num(b, o->by_kind[0][2] + o->by_kind[1][2] + o->by_kind[2][2]),
	    num(b, o->by_kind[0][3] + o->by_kind[1][3] + o->by_kind[2][3]));
	t = tbl(b, "新建党组织名单", "List of new party organisations", 6, "成立日期", "founded",
		"单位名称", "name", "统一社会信用代码", "credit code", "类型", "kind", "组建方式", "form",
		"网格", "grid");
	for (int i = 0; i < o->nlist; i++) {
		const struct report_new_org *x = &o->list[i];
		row(b, t, 0, x->since, x->name, x->credit_code, label_of(EN_ORG_KIND, x->kind),
		    label_of(EN_PARTY_ORG, x->form), x->grid_code);
	}
}

static void tables_roster(const struct report *r, struct tb *b)
{
	const struct report_roster *o = &r->roster;
	struct report_table *t = tbl(b, "党建工作指导员", "Party-building instructors", 2, "项目", "item",
				     "#数量", "#count");
	row(b, t, 0, gw_tr("在岗指导员", "active instructors"), num(b, o->total));
	row(b, t, 1, gw_tr("专职", "full-time"), num(b, o->full_time));
	row(b, t, 1, gw_tr("兼职", "part-time"), num(b, o->part_time));
	row(b, t, 0, gw_tr("网格", "grids"), num(b, o->grids_total));
	row(b, t, 1, gw_tr("达到“1专2兼”标准", "meeting the 1 + 2 standard"), num(b, o->grids_meeting));
	row(b, t, 0, gw_tr("无指导员联系的单位", "units without an instructor"), num(b, o->units_without));
	t = tbl(b, "网格指导员配备", "Instructors per grid", 6, "网格编码", "grid", "网格名称", "name",
		"#专职", "#full-time", "#兼职", "#part-time", "达标", "standard met", "缺口", "short of");
	for (int i = 0; i < o->ngrids; i++) {
		const struct report_staffing *s = &o->grids[i];
		char gap[64] = "";
		if (s->full_time < 1 || s->part_time < 2) {
			int ft = s->full_time < 1 ? 1 - s->full_time : 0, pt = s->part_time < 2 ? 2 - s->part_time : 0;
			if (gw_lang() == GW_LANG_EN)
				snprintf(gap, sizeof gap, "%d full-time, %d part-time", ft, pt);
			else
				snprintf(gap, sizeof gap, "专职%d、兼职%d", ft, pt);
		}
		row(b, t, 0, node(r, s->node)->code, node(r, s->node)->name, num(b, s->full_time),
		    num(b, s->part_time), s->meets ? gw_tr("是", "yes") : gw_tr("否", "no"), gap);
	}
	t = tbl(b, "无指导员联系的单位", "Units without an instructor", 4, "统一社会信用代码",
		"credit code", "单位名称", "name", "类型", "kind", "网格编码", "grid");
	for (int i = 0; i < o->nunits; i++)
		row(b, t, 0, o->units[i].credit_code, o->units[i].name,
		    label_of(EN_ORG_KIND, o->units[i].kind), o->units[i].grid_code);
}

static const char *avg_days(struct tb *b, const struct report_tcount *c)
{
	char *s = fmtbuf(b);
	if (c->resolved)
		snprintf(s, 64, "%.1f", (double)c->days / (double)c->resolved);
	else
		s[0] = '\0';   /* nothing to divide; "-" would read as a formula in CSV */
	return s;
}

static void tcount_rows(struct tb *b, struct report_table *t, enum gw_enum e,
			const struct report_tcount *c, int n)
{
	for (int i = 0; i < n; i++)
		row(b, t, 0, label(e, i), num(b, c[i].registered), num(b, c[i].resolved),
		    pct(b, c[i].on_time, c[i].resolved), num(b, c[i].open), num(b, c[i].overdue));
}

static void tables_tickets(const struct report *r, struct tb *b)
{
	const struct report_tickets *k = &r->tickets;
	const struct report_tcount *a = &k->all;
	struct report_table *t = tbl(b, "工单概况", "Tickets", 2, "项目", "item", "#数量", "#count");
	row(b, t, 0, gw_tr("登记工单", "registered"), num(b, a->registered));
	row(b, t, 0, gw_tr("办结工单", "resolved"), num(b, a->resolved));
	row(b, t, 1, gw_tr("按期办结", "on time"), num(b, a->on_time));
	row(b, t, 1, gw_tr("按期办结率", "on-time rate"), pct(b, a->on_time, a->resolved));
	row(b, t, 1, gw_tr("平均办结用时（工作日）", "average working days to resolve"), avg_days(b, a));
	row(b, t, 1, gw_tr("企业问题（指导站红色帮办）", "enterprise problems (guidance stations)"),
	    num(b, k->enterprise_problems));
	row(b, t, 1, gw_tr("职工问题（书记帮办日等）", "worker problems (secretary days etc.)"),
	    num(b, k->worker_problems));
	row(b, t, 1, gw_tr("劳动权益问题", "labour-rights problems"), num(b, k->labor_rights));
	row(b, t, 0, gw_tr("当前在办", "open now"), num(b, a->open));
	row(b, t, 0, gw_tr("当前超期", "overdue now"), num(b, a->overdue));
	row(b, t, 1, gw_tr("黄牌", "yellow"), num(b, a->yellow));
	row(b, t, 1, gw_tr("红牌", "red"), num(b, a->red));
#define TCOLS(first_zh, first_en) 6, first_zh, first_en, "#登记", "#registered", "#办结", "#resolved", \
	"#按期率", "#on time", "#在办", "#open", "#超期", "#overdue"
	t = tbl(b, "按类别", "By category", TCOLS("类别", "category"));
	tcount_rows(b, t, EN_CATEGORY, k->by_category, RK_CATS);
	t = tbl(b, "按来源", "By source", TCOLS("来源", "source"));
	tcount_rows(b, t, EN_SOURCE, k->by_source, RK_SOURCES);
	t = tbl(b, "按状态", "By state", TCOLS("状态", "state"));
	tcount_rows(b, t, EN_TICKET_STATUS, k->by_status, RK_STATES);
#undef TCOLS
	t = tbl(b, "按承办部门", "By department", 8, "承办部门", "department", "#登记", "#registered",
		"#办结", "#resolved", "#按期率", "#on time", "#在办", "#open", "#超期", "#overdue",
		"#黄牌", "#yellow", "#红牌", "#red");
	for (int i = 0; i < k->ndepts; i++) {
		const struct report_tcount *c = &k->depts[i].c;
		row(b, t, 0, k->depts[i].name[0] ? k->depts[i].name : gw_tr("（未分派）", "(not assigned)"),
		    num(b, c->registered), num(b, c->resolved), pct(b, c->on_time, c->resolved), num(b, c->open),
		    num(b, c->overdue), num(b, c->yellow), num(b, c->red));
	}
}

static void tables_workers(const struct report *r, struct tb *b)
{
	const struct report_workers *w = &r->workers;
	struct report_table *t = tbl(b, "新就业群体", "New-employment workers", 2, "项目", "item",
				     "#数量", "#count");
	row(b, t, 0, gw_tr("登记人数", "registered"), num(b, w->total));
	row(b, t, 1, gw_tr("党员", "party members"), num(b, w->party_members));
	row(b, t, 1, gw_tr("兼职网格员", "part-time grid workers"), num(b, w->roles[0]));
	row(b, t, 2, gw_tr("其中党员", "of them party members"), num(b, w->party_grid_workers));
	row(b, t, 1, gw_tr("食品安全监督员", "food-safety supervisors"), num(b, w->roles[1]));
	row(b, t, 1, gw_tr("平安骑手", "safe riders"), num(b, w->roles[2]));
	row(b, t, 0, gw_tr("获得积分", "points earned"), num(b, w->points_earned));
	row(b, t, 0, gw_tr("兑换积分", "points redeemed"), num(b, w->points_redeemed));
	t = tbl(b, "按职业", "By job", 2, "职业", "job", "#人数", "#count");
	for (int i = 0; i < RK_JOBS; i++)
		row(b, t, 0, label(EN_JOB, i), num(b, w->by_job[i]));
}

static void tables_members(const struct report *r, struct tb *b)
{
	const struct report_members *m = &r->members;
	struct report_table *t = tbl(b, "党员", "Party members", 2, "项目", "item", "#人数", "#count");
	row(b, t, 0, gw_tr("党员总数", "party members"), num(b, m->total));
	row(b, t, 1, gw_tr("在园区工作", "working in the parks"), num(b, m->in_parks));
	row(b, t, 2, gw_tr("其中由党组织管理", "of them managed by a party organisation"),
	    num(b, m->in_parks_managed));
	row(b, t, 1, gw_tr("流动党员", "mobile members"), num(b, m->mobile));
	row(b, t, 1, gw_tr("未纳入党组织管理", "not managed by a party organisation"), num(b, m->unmanaged));
	t = tbl(b, "按区域", "By area", 5, "编码", "code", "名称", "name", "#党员", "#members",
		"#在园区", "#in parks", "#流动", "#mobile");
	for (int i = 0; i < m->nareas; i++) {
		const struct report_member_area *a = &m->areas[i];
		row(b, t, 0, node(r, a->node)->code, node(r, a->node)->name, num(b, a->total),
		    num(b, a->in_parks), num(b, a->mobile));
	}
	t = tbl(b, "按管理单位", "By managing organisation", 6, "单位名称", "organisation",
		"统一社会信用代码", "credit code", "类型", "kind", "#党员", "#members", "#流动", "#mobile",
		"#在园区", "#in parks");
	for (int i = 0; i < m->norgs; i++) {
		const struct report_member_org *o = &m->orgs[i];
		row(b, t, 0, o->name, o->credit_code, label_of(EN_ORG_KIND, o->kind), num(b, o->total),
		    num(b, o->mobile), num(b, o->in_parks));
	}
}

static void tables_stations(const struct report *r, struct tb *b)
{
	const struct report_stations *s = &r->stations;
	struct report_table *t = tbl(b, "暖心驿站", "Warm-heart stations", 2, "服务", "service",
				     "#驿站数", "#stations");
	row(b, t, 0, gw_tr("驿站总数", "all stations"), num(b, s->total));
	for (int i = 0; i < RK_SERVICES; i++)
		row(b, t, 1, label(EN_SERVICE, i), num(b, s->by_service[i]));
	t = tbl(b, "按网格", "By grid", 3, "网格编码", "grid", "网格名称", "name", "#驿站数", "#stations");
	for (int i = 0; i < s->ngrids; i++)
		row(b, t, 0, node(r, s->grids[i].node)->code, node(r, s->grids[i].node)->name,
		    num(b, s->grids[i].count));
	t = tbl(b, "按依托", "By host", 2, "依托", "host", "#驿站数", "#stations");
	for (int i = 0; i < s->nhosts; i++)
		row(b, t, 0, s->hosts[i].host, num(b, s->hosts[i].count));
}

static void tables_activities(const struct report *r, struct tb *b)
{
	const struct report_activities *a = &r->activities;
	struct report_table *t = tbl(b, "活动", "Activities", 3, "类型", "kind", "#场次", "#sessions",
				     "#人次", "#person-times");
	for (int k = 0; k < RK_ACTS; k++)
		row(b, t, 0, label(EN_ACTIVITY_KIND, k), num(b, a->sessions[k]), num(b, a->person_times[k]));
	t = tbl(b, "成果", "Results", 2, "项目", "item", "#数量", "#count");
	row(b, t, 0, gw_tr("产业链合作项目", "cooperation projects"), num(b, a->coop_projects));
	row(b, t, 0, gw_tr("红色信贷企业", "enterprises given red credit"), num(b, a->credit_enterprises));
	row(b, t, 0, gw_tr("授信笔数", "grants"), num(b, a->credit_grants));
	row(b, t, 0, gw_tr("授信金额（元）", "amount (yuan)"), num(b, a->credit_yuan));
	t = tbl(b, "按银行", "By bank", 4, "银行", "bank", "#企业", "#enterprises", "#笔数", "#grants",
		"#金额（元）", "#amount (yuan)");
	for (int i = 0; i < a->nbanks; i++)
		row(b, t, 0, a->banks[i].bank, num(b, a->banks[i].enterprises), num(b, a->banks[i].grants),
		    num(b, a->banks[i].amount_yuan));
}

/* The article's paragraph as a table: figure, value, what it is made of. */
static void tables_summary(const struct report *r, struct tb *b)
{
	const struct report_grids *g = &r->grids;
	const struct report_tickets *k = &r->tickets;
	const struct report_activities *a = &r->activities;
	int training = enum_index(EN_ACTIVITY_KIND, "training");
	char note[256];
	struct report_table *t = tbl(b, "概况", "Summary", 3, "项目", "figure", "#数值", "#value",
				     "说明", "note");
	const char *sep = gw_tr("、", ", ");
	snprintf(note, sizeof note, "%s %d%s%s %d%s%s %d", label(EN_BASIS, 0), g->by_basis[0], sep,
		 label(EN_BASIS, 1), g->by_basis[1], sep, label(EN_BASIS, 2), g->by_basis[2]);
	row(b, t, 0, gw_tr("党建网格", "party-building grids"), num(b, g->total), note);
	snprintf(note, sizeof note, gw_tr("社会组织 %d、行业协会商会 %d", "social organisations %d, associations %d"),
		 r->new_orgs.kind_total[1], r->new_orgs.kind_total[2]);
	row(b, t, 0, gw_tr("新建非公企业党组织", "new enterprise party organisations"),
	    num(b, r->new_orgs.kind_total[0]), note);
	row(b, t, 0, gw_tr("新建社会组织党组织", "new social-organisation party organisations"),
	    num(b, r->new_orgs.kind_total[1]), "");
	snprintf(note, sizeof note, gw_tr("专职 %d、兼职 %d", "full-time %d, part-time %d"),
		 r->roster.full_time, r->roster.part_time);
	row(b, t, 0, gw_tr("党建工作指导员", "party-building instructors"), num(b, r->roster.total), note);
	row(b, t, 0, gw_tr("达到“1专2兼”标准的网格", "grids meeting the 1 + 2 standard"),
	    ratio(b, r->roster.grids_meeting, r->roster.grids_total), "");
	snprintf(note, sizeof note, gw_tr("其中 %d 名由党组织管理", "%d of them managed by a party organisation"),
		 r->members.in_parks_managed);
	row(b, t, 0, gw_tr("园区工作党员", "party members working in the parks"), num(b, r->members.in_parks), note);
	row(b, t, 0, gw_tr("流动党员", "mobile party members"), num(b, r->members.mobile), "");
	row(b, t, 0, gw_tr("解决企业问题（红色帮办）", "enterprise problems solved (red assistance)"),
	    num(b, k->enterprise_problems), "");
	row(b, t, 0, gw_tr("解决职工问题", "worker problems solved"), num(b, k->worker_problems), "");
	row(b, t, 0, gw_tr("解决劳动权益问题", "labour-rights problems solved"), num(b, k->labor_rights), "");
	snprintf(note, sizeof note, gw_tr("办结 %ld，按期 %s，在办 %ld", "resolved %ld, on time %s, open %ld"),
		 k->all.resolved, pct(b, k->all.on_time, k->all.resolved), k->all.open);
	row(b, t, 0, gw_tr("登记工单", "tickets registered"), num(b, k->all.registered), note);
	snprintf(note, sizeof note, gw_tr("黄牌 %ld、红牌 %ld", "yellow %ld, red %ld"), k->all.yellow,
		 k->all.red);
	row(b, t, 0, gw_tr("当前超期工单", "tickets overdue now"), num(b, k->all.overdue), note);
	snprintf(note, sizeof note, gw_tr("党员 %d", "party members %d"), r->workers.party_members);
	row(b, t, 0, gw_tr("新就业群体登记", "new-employment workers registered"), num(b, r->workers.total), note);
	snprintf(note, sizeof note, gw_tr("其中党员 %d", "%d of them party members"), r->workers.party_grid_workers);
	row(b, t, 0, gw_tr("兼职网格员", "part-time grid workers"), num(b, r->workers.roles[0]), note);
	row(b, t, 0, gw_tr("食品安全监督员", "food-safety supervisors"), num(b, r->workers.roles[1]), "");
	row(b, t, 0, gw_tr("暖心驿站", "warm-heart stations"), num(b, r->stations.total), "");
	snprintf(note, sizeof note, gw_tr("%lld 人次", "%lld person-times"), a->person_times[training]);
	row(b, t, 0, gw_tr("技能培训（场）", "skills trainings"), num(b, a->sessions[training]), note);
	row(b, t, 0, gw_tr("产业链合作项目", "cooperation projects"), num(b, a->coop_projects), "");
	snprintf(note, sizeof note, gw_tr("%d 家企业，%s", "%d enterprises, %s"), a->credit_enterprises,
		 yuan_words(b, a->credit_yuan));
	row(b, t, 0, gw_tr("红色信贷授信（元）", "red credit granted (yuan)"), num(b, a->credit_yuan), note);
	tables_coverage(r, b, 1);
}

void report_tables_free(struct report_table *t, int n)
{
	for (int i = 0; t && i < n; i++) {
		for (int j = 0; j < t[i].nrows * t[i].ncols; j++)
			free(t[i].cells[j]);
		free(t[i].cells);
		free(t[i].indent);
	}
	free(t);
}

enum gw_status report_tables(const struct report *r, struct report_table **out, int *n,
			     struct gw_err *err)
{
	struct tb b;
	memset(&b, 0, sizeof b);
	switch (r->kind) {
	case REPORT_COVERAGE:
		tables_coverage(r, &b, 0);
		break;
	case REPORT_NEW_ORGS:
		tables_new_orgs(r, &b);
		break;
	case REPORT_ROSTER:
		tables_roster(r, &b);
		break;
	case REPORT_TICKETS:
		tables_tickets(r, &b);
		break;
	case REPORT_WORKERS:
		tables_workers(r, &b);
		break;
	case REPORT_MEMBERS:
		tables_members(r, &b);
		break;
	case REPORT_STATIONS:
		tables_stations(r, &b);
		break;
	case REPORT_ACTIVITIES:
		tables_activities(r, &b);
		break;
	default:
		tables_summary(r, &b);
		break;
	}
	if (b.oom) {
		report_tables_free(b.t, b.n);
		*out = NULL;
		*n = 0;
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	}
	*out = b.t;
	*n = b.n;
	return GW_OK;
}

enum gw_status report_write_csv(const struct report_table *t, int n, FILE *fp, int gb18030,
				struct gw_err *err)
{
	struct csv_writer *w = csv_writer_open(fp, gb18030 ? CSV_GB18030 : CSV_UTF8_BOM, err);
	if (!w)
		return GW_EIO;
	int bad = 0;
	for (int i = 0; i < n && !bad; i++) {
		const char *title = t[i].title;
		if (n > 1)
			bad = csv_write_row(w, &title, 1, err) != 0;
		bad = bad || csv_write_row(w, t[i].cols, (size_t)t[i].ncols, err) != 0;
		for (int j = 0; j < t[i].nrows && !bad; j++)
			bad = csv_write_row(w, (const char *const *)&t[i].cells[(size_t)j * (size_t)t[i].ncols],
					    (size_t)t[i].ncols, err) != 0;
	}
	if (csv_writer_close(w, bad ? NULL : err) != 0)
		bad = 1;
	return bad ? GW_EIO : GW_OK;
}
