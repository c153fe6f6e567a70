/* demo.c - the demo county: Shucheng County (舒城县, 六安市, 安徽省) as a
 * clerk would find it, built through the same write paths as imports and
 * forms, so that every figure of the county's report comes out of records.
 *
 * Deterministic: one splitmix64 stream seeded by the caller drives every
 * choice, and every date in the records counts from a fixed base, never
 * the clock.  (Record ids, and the created_at stamps the write paths take,
 * still come from the clock: they are not content.)
 *
 * This file holds the figures, the grid map and organisations, the tickets
 * and demo_build, which runs the build steps in order.  The draws are in
 * demo_draw.c, the people in demo_people.c, stations, activities,
 * cooperation and credit in demo_activities.c (shared through demo_int.h);
 * the fixed tables the choices draw on (names, addresses, texts) in
 * demo_data.c. */
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo_int.h"
#include "org.h"
#include "validate.h"

/* ---- the article's figures ------------------------------------------------
 *  figure (article wording)                         article        demo
 *  party-building grids (30个党建网格)               30             30
 *  instructors (220名党建工作指导员)                  220            220
 *  per grid (1名专职+2名兼职)                         1 + 2          >= 1 + 2
 *  park non-public enterprise coverage (突破80%)    > 80 %         83 / 100
 *  association & chamber coverage (提升至85%)       85 %           17 / 20
 *  enterprise party orgs since 2024 (新增62个)      62             62
 *  social-org party orgs since 2024 (18个)          18             18
 *  party members in the parks (200余名全部网进)      200+           212
 *  enterprise problems, red assistance (87项)       87             87
 *  worker problems, secretary days (80余件)         80+            83
 *  labour-rights problems (60余件)                  60+            64
 *  new-employment workers registered (260余名)      260+           268
 *  party members as grid workers (30名)             30             30
 *  riders as food-safety supervisors (10名)         10             10
 *  warm-heart stations (25个)                       25             25
 *  skills trainings (20场, 超2000人次)              20 / 2000+     20 / 2036
 *  green food x smart manufacturing (35个)          35             35
 *  red credit (15家, 2.3亿元)                       15 / 2.3e8     15 / 230,000,000
 */
const struct demo_figures demo_figures = {
	.grids = 30,
	.instructors = 220,
	.grid_full_time = 1,
	.grid_part_time = 2,
	.park_enterprises = 100,
	.park_enterprises_covered = 83,
	.associations = 20,
	.associations_covered = 17,
	.new_orgs_since = "2024-01-01",
	.new_enterprise_orgs = 62,
	.new_social_orgs = 18,
	.park_members = 212,
	.enterprise_problems = 87,
	.worker_problems = 83,
	.labor_rights = 64,
	.workers = 268,
	.worker_party_members = 30,
	.food_supervisors = 10,
	.stations = 25,
	.trainings = 20,
	.training_person_times = 2036,
	.coop_projects = 35,
	.credit_firms = 15,
	.credit_yuan = 230000000LL,
};


/* ---- organisations --------------------------------------------------------- */

/* GB 11714 check character over the 8-character organisation code body. */
static char orgcode_check(const char *s)
{
	static const int w[8] = {3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;
	for (int i = 0; i < 8; i++)
		sum += w[i] * (s[i] <= '9' ? s[i] - '0' : s[i] - 'A' + 10);
	int c = 11 - sum % 11;
	return c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
}

/* A valid, unused unified social credit code for registry 9 (enterprises,
 * 91), 5 (民政: social organisations 52, associations 51); region 341523. */
static void new_credit_code(struct demo *d, int kind, char out[19])
{
	static const char cs[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	for (;;) {
		char body[9];
		if (kind != 0) {
			snprintf(body, sizeof body, "MJ%06d", demo_rnd(d, 0, 999999));
		} else if (demo_chance(d, 60)) {
			body[0] = 'M', body[1] = 'A', body[2] = '2';
			for (int i = 3; i < 8; i++)
				body[i] = cs[demo_rnd(d, 0, 30)];
			body[8] = '\0';
		} else {
			snprintf(body, sizeof body, "%08d", demo_rnd(d, 50000000, 79999999));
		}
		char first17[18];
		snprintf(first17, sizeof first17, "%s341523%s%c", kind == 0 ? "91" : kind == 1 ? "52" : "51",
			 body, orgcode_check(body));
		char check = valid_credit_check_char(first17);
		snprintf(out, 19, "%s%c", first17, check);
		int used = 0;
		for (int i = 0; i < d->norg && !used; i++)
			used = strcmp(d->org[i].code, out) == 0;
		if (!used)
			return;
	}
}

static int name_used(const struct demo *d, const char *name)
{
	for (int i = 0; i < d->norg; i++)
		if (strcmp(d->org[i].name, name) == 0)
			return 1;
	return 0;
}

static void make_enterprise(struct demo *d, struct dorg *o, int g)
{
	int prof = demo_grids[g].prof;
	if (prof == DEMO_P_PARKMIX) {
		static const int mix[] = {DEMO_P_ELEC,  DEMO_P_SMART, DEMO_P_GREEN,
					  DEMO_P_OTHER, DEMO_P_SMART, DEMO_P_ELEC};
		prof = mix[demo_rnd(d, 0, 5)];
	} else if (prof == DEMO_P_TOWNMIX) {
		static const int mix[] = {DEMO_P_NET, DEMO_P_OTHER, DEMO_P_GREEN, DEMO_P_TRANS};
		prof = mix[demo_rnd(d, 0, 3)];
	} else if (prof == DEMO_P_RURAL) {
		static const int mix[] = {DEMO_P_GREEN, DEMO_P_TEA, DEMO_P_OTHER, DEMO_P_PREP,
					  DEMO_P_GREEN};
		prof = mix[demo_rnd(d, 0, 4)];
	}
	const struct demo_profile *p = &demo_profiles[prof];
	o->prof = prof;
	do {
		const char *prefix = demo_grid_in_park(g) ? (demo_chance(d, 55) ? "安徽" : "舒城")
							  : "舒城县";
		const char *word = DEMO_PICK(d, demo_name_words), *suffix = p->suffix[demo_rnd(d, 0, 5)];
		char shortn[sizeof o->shortn];
		snprintf(shortn, sizeof shortn, "%s%s", word, suffix);
		memcpy(o->shortn, shortn, sizeof shortn);
		snprintf(o->name, sizeof o->name, "%s%s有限公司", prefix, shortn);
	} while (name_used(d, o->name));
	o->employees = demo_rnd(d, p->emp_lo, p->emp_hi);
	o->above = o->employees >= 80 && demo_chance(d, p->above);
	o->spec = demo_chance(d, p->spec);
	o->platform = demo_chance(d, p->platform);
	o->hr = demo_chance(d, p->hr);
	if (demo_grid_in_park(g))
		snprintf(o->addr, sizeof o->addr, "舒城经济开发区%s%d号", DEMO_PICK(d, demo_park_roads),
			 demo_rnd(d, 1, 299));
	else if (strcmp(demo_grids[g].parent, "SC-CG") == 0)
		snprintf(o->addr, sizeof o->addr, "舒城县城关镇%s%d号", DEMO_PICK(d, demo_city_roads),
			 demo_rnd(d, 1, 399));
	else
		snprintf(o->addr, sizeof o->addr, "舒城县%s%s%d号", demo_grid_place(g),
			 DEMO_PICK(d, demo_town_roads), demo_rnd(d, 1, 199));
}

static void make_social(struct demo *d, struct dorg *o, int g)
{
	do {
		const char *word = DEMO_PICK(d, demo_name_words), *type = DEMO_PICK(d, demo_social_types);
		char shortn[sizeof o->shortn];
		snprintf(shortn, sizeof shortn, "%s%s", word, type);
		memcpy(o->shortn, shortn, sizeof shortn);
		snprintf(o->name, sizeof o->name, "舒城县%s", shortn);
	} while (name_used(d, o->name));
	o->employees = demo_rnd(d, 4, 40);
	snprintf(o->addr, sizeof o->addr, "舒城县%s%s%d号", demo_grid_place(g),
		 strcmp(demo_grids[g].parent, "SC-CG") == 0 ? DEMO_PICK(d, demo_city_roads)
							    : DEMO_PICK(d, demo_town_roads),
		 demo_rnd(d, 1, 199));
}

/* Creates the organisations in memory: kind, name, coverage by the grid
 * table, party organisation type, and the founding dates that make exactly
 * the figures' numbers of new party organisations since 2024. */
static void plan_orgs(struct demo *d)
{
	int ai = 0;
	for (int g = 0; g < DEMO_NGRIDS; g++) {
		const struct demo_grid *gr = &demo_grids[g];
		for (int kind = 0; kind < 3; kind++) {
			int n = kind == 0 ? gr->ent : kind == 1 ? gr->soc : gr->assoc;
			int cov = kind == 0 ? gr->ent_cov : kind == 1 ? gr->soc_cov : gr->assoc_cov;
			int flags[32];
			for (int i = 0; i < n; i++)
				flags[i] = i < cov;
			demo_shuffle(d, flags, n);
			for (int i = 0; i < n; i++) {
				struct dorg *o = &d->org[d->norg];
				memset(o, 0, sizeof *o);
				o->kind = kind;
				o->grid = g;
				o->instr = -1;
				if (kind == 0) {
					make_enterprise(d, o, g);
				} else if (kind == 1) {
					make_social(d, o, g);
				} else {
					snprintf(o->name, sizeof o->name, "%s",
						 demo_associations[ai++ % DEMO_NASSOCIATIONS]);
					snprintf(o->shortn, sizeof o->shortn, "%s", o->name + strlen("舒城县"));
					o->employees = demo_rnd(d, 3, 15);
					snprintf(o->addr, sizeof o->addr, "舒城县城关镇%s%d号",
						 DEMO_PICK(d, demo_city_roads), demo_rnd(d, 1, 399));
				}
				new_credit_code(d, kind, o->code);
				demo_new_name(d, demo_chance(d, 35), o->contact);
				demo_new_phone(d, 0, o->phone);
				if (flags[i]) {
					int r = demo_rnd(d, 0, 99);
					o->party_org = r < 45 ? 1 : r < 80 ? 2 : 3;
				}
				d->norg++;
			}
		}
	}
	/* Founding dates: exactly the figures' counts since 2024, chosen at random
	 * among the covered enterprises and social organisations. */
	long since = demo_day_of(2024, 1, 1), last = demo_day_of(2026, 9, 30);
	long old = demo_day_of(2008, 3, 1);
	for (int kind = 0; kind < 3; kind++) {
		int idx[MAX_ORGS], n = 0;
		for (int i = 0; i < d->norg; i++)
			if (d->org[i].kind == kind && d->org[i].party_org)
				idx[n++] = i;
		demo_shuffle(d, idx, n);
		int want = kind == 0 ? demo_figures.new_enterprise_orgs
			 : kind == 1 ? demo_figures.new_social_orgs : n / 4;
		for (int k = 0; k < n; k++) {
			long day = k < want ? since + demo_rnd(d, 7, (int)(last - since))
					    : old + demo_rnd(d, 0, (int)(since - 30 - old));
			demo_fmt_date(day, d->org[idx[k]].since);
		}
	}
}

/* Party members: the park's covered enterprises hold exactly the figure's
 * number (standalone organisations at least three, as the party's rules
 * require); organisations outside the park get plausible counts, at least
 * the mobile members listed for them. */
static void plan_members(struct demo *d)
{
	int sum = 0;
	for (int i = 0; i < d->norg; i++) {
		struct dorg *o = &d->org[i];
		if (o->kind != 0 || !demo_grid_in_park(o->grid) || !o->party_org)
			continue;
		o->listed = o->party_org == 1 ? demo_rnd(d, 3, 5) : o->party_org == 2 ? demo_rnd(d, 1, 2) : 1;
		sum += o->listed;
	}
	/* Round the park's organisations until the sum is exact; a full round
	 * without a change means it cannot be (the test would then fail). */
	for (int i = 0, idle = 0; sum != demo_figures.park_members && idle < d->norg;
	     i = (i + 1) % d->norg, idle++) {
		struct dorg *o = &d->org[i];
		if (o->kind != 0 || !demo_grid_in_park(o->grid) || !o->party_org)
			continue;
		if (sum < demo_figures.park_members && o->party_org == 1)
			o->listed++, sum++, idle = 0;
		else if (sum > demo_figures.park_members && o->listed > (o->party_org == 1 ? 3 : 1))
			o->listed--, sum--, idle = 0;
	}
	/* Mobile members outside the parks, with delivery, transport and courier firms. */
	int left = NMOBILE_OUTSIDE;
	for (int i = 0; left > 0; i = (i + 1) % d->norg) {
		struct dorg *o = &d->org[i];
		const char *code = demo_grids[o->grid].code;
		if (o->party_org && (strcmp(code, "SC-CG-G03") == 0 || strcmp(code, "SC-CG-G05") == 0 ||
				     strcmp(code, "SC-CG-G08") == 0))
			o->listed++, left--;
	}
	for (int i = 0; i < d->norg; i++) {
		struct dorg *o = &d->org[i];
		if (demo_grid_in_park(o->grid) && o->kind == 0)
			o->members = o->listed;
		else if (!o->party_org)
			o->members = demo_rnd(d, 0, 1);
		else
			o->members = o->party_org == 1 ? demo_rnd(d, 3, 15) : demo_rnd(d, 1, 2);
		if (o->members < o->listed)
			o->members = o->listed;
		if (o->party_org == 1 && o->members < 3)
			o->members = 3;
	}
}

/* ---- writing ------------------------------------------------------------------ */

enum gw_status demo_put(struct demo *d, enum import_kind k, const char *const *v, const char *what)
{
	enum upsert_result res;
	enum gw_status st = import_one(d->gw, k, v, NULL, 0, &res, d->err);
	if (st != GW_OK) {
		gw_err_prefix(d->err, "%s", what);
		return st;
	}
	if (res != UPSERT_INSERTED)
		return gw_fail(d->err, GW_EEXIST, "演示数据重复：%s", "demo record repeated: %s", what);
	return GW_OK;
}

static enum gw_status put_grids(struct demo *d)
{
	char lon[16], lat[16];
	const char *county[] = {"SC", "舒城县", "county", "", "", "116.945", "31.462"};
	enum gw_status st = demo_put(d, IK_GRID, county, "SC");
	for (int i = 0; st == GW_OK && i < DEMO_NTOWNS; i++) {
		snprintf(lon, sizeof lon, "%.3f", demo_towns[i].lon);
		snprintf(lat, sizeof lat, "%.3f", demo_towns[i].lat);
		const char *v[] = {demo_towns[i].code, demo_towns[i].name, "township", "SC", "", lon, lat};
		st = demo_put(d, IK_GRID, v, demo_towns[i].code);
	}
	for (int i = 0; st == GW_OK && i < 3; i++) {
		const char *v[] = {demo_parks[i][0], demo_parks[i][1], "park", demo_parks[i][2], "",
				   demo_parks[i][3], demo_parks[i][4]};
		st = demo_put(d, IK_GRID, v, demo_parks[i][0]);
	}
	for (int g = 0; st == GW_OK && g < DEMO_NGRIDS; g++) {
		snprintf(lon, sizeof lon, "%.3f", demo_grids[g].lon);
		snprintf(lat, sizeof lat, "%.3f", demo_grids[g].lat);
		const char *v[] = {demo_grids[g].code, demo_grids[g].name, "grid", demo_grids[g].parent,
				   demo_grids[g].basis, lon, lat};
		st = demo_put(d, IK_GRID, v, demo_grids[g].code);
	}
	return st;
}

static enum gw_status put_orgs(struct demo *d)
{
	static const char *const kinds[] = {"enterprise", "social_org", "association"};
	static const char *const party[] = {"none", "standalone", "joint", "affiliated"};
	enum gw_status st = GW_OK;
	for (int i = 0; st == GW_OK && i < d->norg; i++) {
		const struct dorg *o = &d->org[i];
		char tags[64] = "", emp[16], mem[16];
		snprintf(tags, sizeof tags, "%s%s%s%s", o->above ? "above_scale;" : "",
			 o->spec ? "specialized;" : "", o->platform ? "platform;" : "", o->hr ? "hr_agency" : "");
		snprintf(emp, sizeof emp, "%d", o->employees);
		snprintf(mem, sizeof mem, "%d", o->members);
		const char *v[ORG_NCOLS] = {
			o->code, o->name, kinds[o->kind], tags,
			o->kind == 0 ? demo_profiles[o->prof].chain : "",
			demo_grids[o->grid].code, o->addr, emp, mem, party[o->party_org],
			o->party_org ? o->since : "", o->contact, o->phone,
		};
		st = demo_put(d, IK_ORG, v, o->name);
	}
	return st;
}

/* The cultivation plans (一企一策 / 一社一策) of the units still without a
 * party organisation: what the instructors work to. */
static enum gw_status put_plans(struct demo *d)
{
	enum gw_status st = GW_OK;
	for (int i = 0; st == GW_OK && i < d->norg; i++) {
		const struct dorg *o = &d->org[i];
		if (o->party_org || o->kind == 2)
			continue;
		char plan[1024];
		int a = demo_rnd(d, 0, 5), b = (a + demo_rnd(d, 1, 5)) % 6;
		snprintf(plan, sizeof plan, "%s培育方案\n目标：2027年%d月底前%s。\n措施：1. %s；\n2. %s。",
			 o->kind == 0 ? "一企一策" : "一社一策", demo_rnd(d, 3, 12),
			 o->members >= 3 ? "单独组建党支部" : "建立联合党支部或党的工作小组",
			 demo_plan_steps[a], demo_plan_steps[b]);
		struct org_rec rec;
		st = org_by_credit_code(d->gw, o->code, &rec, d->err);
		if (st == GW_OK)
			st = org_plan_set(d->gw, rec.id, plan, d->err);
	}
	return st;
}

/* ---- tickets ------------------------------------------------------------------ */

/* The configured department of that name, or (a configuration without it)
 * one of the configured ones, so the demo runs under any configuration. */
static const char *dept(const struct demo *d, const char *want)
{
	const struct config *c = &d->gw->cfg;
	if (config_dept_index(c, want) >= 0 || c->ndepts == 0)
		return c->ndepts ? want : "";
	unsigned h = 0;
	for (const char *p = want; *p; p++)
		h = h * 31 + (unsigned char)*p;
	return c->depts[h % (unsigned)c->ndepts].name;
}

static void fmt_time(struct demo *d, long day, int h_lo, int h_hi, char out[20])
{
	int y, m, dd;
	demo_civil(day, &y, &m, &dd);
	/* The seconds count tickets, so two never share a registration time. */
	snprintf(out, 20, "%04d-%02d-%02d %02d:%02d:%02d", y, m, dd, demo_rnd(d, h_lo, h_hi),
		 demo_rnd(d, 0, 59), d->nticket % 60);
}

/* Registers one ticket: finished ones between February 2024 and the demo's
 * "today", open ones in the last ten weeks (the older of them overdue). */
static enum gw_status put_ticket(struct demo *d, const char *title, const char *desc,
				 const char *cat, const char *src, int grid, const char *org,
				 const char *rep, const char *rep_phone, const char *department,
				 int instr, int open)
{
	char created[20], resolved[20] = "";
	long lo = open ? demo_day_of(2026, 9, 10) : demo_day_of(2024, 2, 1);
	long hi = open ? demo_today() - 1 : demo_today() - 31;
	long day = demo_weekday(lo + demo_rnd(d, 0, (int)(hi - lo)));
	fmt_time(d, day, 8, 17, created);
	const char *status;
	if (open) {
		int r = demo_rnd(d, 0, 99);
		status = r < 30 ? "new" : r < 60 ? "accepted" : "in_progress";
	} else {
		fmt_time(d, demo_weekday(day + demo_rnd(d, 2, 24)), 9, 17, resolved);
		status = demo_chance(d, 70) ? "closed" : "resolved";
	}
	const char *v[] = {"", title, desc, cat, src, demo_grids[grid].code, org ? org : "", rep, rep_phone,
			   strcmp(status, "new") == 0 ? "" : dept(d, department),
			   instr >= 0 ? d->ins[instr].phone : "", status, created, resolved};
	d->nticket++;
	return demo_put(d, IK_TICKET, v, title);
}


static const struct dworker *some_worker(struct demo *d, int safe, int food)
{
	for (;;) {
		const struct dworker *w = &d->wk[demo_rnd(d, 0, NWORKERS - 1)];
		if ((!safe || w->safe) && (!food || w->food))
			return w;
	}
}

static enum gw_status put_enterprise_tickets(struct demo *d)
{
	enum gw_status st = GW_OK;
	char title[256], desc[512];
	int n = (int)(sizeof demo_ent_cats / sizeof demo_ent_cats[0]);
	for (int c = 0; c < n; c++)
		for (int k = 0; st == GW_OK && k < demo_ent_cat_count[c] + (c % 2 == 0); k++) {
			/* One more per second category stays open: 3 of 6 not yet done. */
			const struct demo_cat_text *t = &demo_ent_cats[c];
			const struct dorg *o = demo_some_enterprise(d, 75, 0);
			snprintf(title, sizeof title, t->title[demo_rnd(d, 0, 3)], o->shortn);
			snprintf(desc, sizeof desc, t->desc, o->name);
			st = put_ticket(d, title, desc, t->cat, "guidance_station", o->grid, o->code, o->contact,
					o->phone, t->dept, o->instr, k == demo_ent_cat_count[c]);
		}
	static const char *const src[] = {"secretary_day", "workshop_talk", "worker_council"};
	static const char *const src_zh[] = {"“书记帮办日”", "车间恳谈会", "职工议事厅"};
	n = (int)(sizeof demo_worker_cats / sizeof demo_worker_cats[0]);
	for (int c = 0; c < n; c++)
		for (int k = 0; st == GW_OK && k < demo_worker_cat_count[c] + 2; k++) {
			const struct demo_cat_text *t = &demo_worker_cats[c];
			const struct dorg *o = demo_some_enterprise(d, 80, 50);
			int s = demo_rnd(d, 0, 2);
			char rep[16], phone[12];
			demo_new_name(d, demo_chance(d, 40), rep);
			demo_new_phone(d, 0, phone);
			snprintf(title, sizeof title, t->title[demo_rnd(d, 0, 3)], o->shortn);
			snprintf(desc, sizeof desc, t->desc, o->name, src_zh[s]);
			st = put_ticket(d, title, desc, t->cat, src[s], o->grid, o->code, rep, phone,
					c == 2 && demo_grid_in_park(o->grid) ? "舒城经济开发区管委会" : t->dept, o->instr,
					k >= demo_worker_cat_count[c]);
		}
	return st;
}

static enum gw_status put_worker_tickets(struct demo *d)
{
	enum gw_status st = GW_OK;
	char title[256], desc[512];
	for (int k = 0; st == GW_OK && k < demo_figures.labor_rights + 4; k++) {
		const struct dworker *w = some_worker(d, 0, 0);
		snprintf(title, sizeof title, DEMO_PICK(d, demo_rights_titles), demo_job_zh[w->job]);
		snprintf(desc, sizeof desc, "%s%s（%s平台）反映上述问题。承办部门核实后督促用工单位依法整改，"
			 "并告知其劳动权益维护途径。", demo_job_zh[w->job], w->name, w->platform);
		st = put_ticket(d, title, desc, "labor_rights", DEMO_PICK(d, demo_rights_sources), w->grid,
				NULL, w->name, w->phone, DEMO_PICK(d, demo_rights_depts),
				d->grid_ft[w->grid] + 1,
				k >= demo_figures.labor_rights);
	}
	/* Safe riders as mobile sentinels; food-safety reports from the supervisors. */
	for (int c = 0; c < 4; c++)
		for (int k = 0; st == GW_OK && k < demo_rider_cat_count[c]; k++) {
			const struct demo_cat_text *t = &demo_rider_cats[c];
			const struct dworker *w = some_worker(d, c != 3, c == 3);
			const char *where = c == 0 ? DEMO_PICK(d, demo_city_roads) : DEMO_PICK(d, demo_places);
			snprintf(title, sizeof title, t->title[demo_rnd(d, 0, 3)], where,
				 DEMO_PICK(d, demo_city_roads));
			snprintf(desc, sizeof desc, "%s%s（%s%s）通过“平安骑手”随手拍上报：%s。", c == 3 ? "食品安全监督员" : "平安骑手",
				 w->name, w->platform, demo_job_zh[w->job], title);
			st = put_ticket(d, title, desc, t->cat, "rider_report", w->grid, NULL, w->name, w->phone,
					t->dept, d->grid_ft[w->grid], demo_chance(d, 20));
		}
	return st;
}

/* ---- building ------------------------------------------------------------------- */

static enum gw_status refuse_if_used(struct gw *gw, struct gw_err *err)
{
	sqlite3_stmt *q = db_stmt(gw->db, Q_DEMO_HAS_RECORDS, err);
	if (!q)
		return err->code;
	int rc = sqlite3_step(q), used = rc == SQLITE_ROW && sqlite3_column_int(q, 0);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW)
		return db_fail(gw->db, err, gw_tr("检查数据库", "checking the database"));
	if (used)
		return gw_fail(err, GW_EREFUSED, "数据库中已有记录，演示数据只能建在新数据库中",
			       "the database already holds records; build the demo into a new one");
	return GW_OK;
}

enum gw_status demo_build(struct gw *gw, unsigned seed, struct gw_err *err)
{
	struct gw_err local;
	if (!err)
		err = &local;
	gw_err_clear(err);
	enum gw_status st = refuse_if_used(gw, err);
	if (st != GW_OK)
		return st;
	struct demo *d = calloc(1, sizeof *d);
	if (!d)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	d->gw = gw;
	d->err = err;
	d->rs = 0x5348554348454E47ULL ^ seed;   /* "SHUCHENG" */
	plan_orgs(d);
	plan_members(d);
	demo_plan_instructors(d);
	demo_plan_workers(d);
	if ((st = db_begin(gw->db, err)) != GW_OK) {
		free(d);
		return st;
	}
	enum gw_status (*const steps[])(struct demo *) = {
		put_grids, put_orgs, put_plans, demo_put_instructors, demo_put_workers, demo_put_members,
		put_enterprise_tickets, put_worker_tickets, demo_put_stations, demo_put_activities,
		demo_put_coop_projects, demo_put_credit_grants,
	};
	for (size_t i = 0; st == GW_OK && i < sizeof steps / sizeof steps[0]; i++)
		st = steps[i](d);
	free(d);
	if (st != GW_OK) {
		db_rollback(gw->db);
		return st;
	}
	return db_commit(gw->db, err);
}
