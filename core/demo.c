/* demo.c - the demo county: Shucheng County (舒城县, 六安市, 安徽省) as a
 * clerk would find it, built through the same write paths as imports and
 * forms, so that every figure of the county's report comes out of records.
 *
 * Deterministic: one splitmix64 stream seeded by the caller drives every
 * choice, and every date in the records counts from a fixed base, never
 * the clock.  (Record ids, and the created_at stamps the write paths take,
 * still come from the clock: they are not content.)
 *
 * The fixed tables the choices draw on (the grid map, names, addresses,
 * texts) are in demo_data.c; this file holds the logic. */
#include "demo.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activity.h"
#include "demo_data.h"
#include "import.h"
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

/* Records the figures do not fix. */
#define NFULL_COUNTY 4        /* county-level full-time instructors over two grids */
#define NMOBILE_OUTSIDE 16    /* mobile members outside the parks */
#define NSAFE_RIDERS 48
#define NRIDER_REPORTS 42

/* ---- randomness, dates ---------------------------------------------------- */

static uint64_t next(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Days since 1970-01-01 of a civil date, and back (H. Hinnant's algorithms). */
static long day_of(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void civil(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* The demo's "today" (2026-11-20): no record is later. */
static long demo_today(void) { return day_of(2026, 11, 20); }

static void fmt_date(long day, char out[11])
{
	int y, m, d;
	civil(day, &y, &m, &d);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

/* ---- the grid map ---------------------------------------------------------- */

static int grid_in_park(int g) { return g < DEMO_NPARK_GRIDS; }

static int grid_index(const char *code)
{
	for (int g = 0; g < DEMO_NGRIDS; g++)
		if (strcmp(demo_grids[g].code, code) == 0)
			return g;
	return 0;
}

/* The township name a grid lies in ("舒城经济开发区" for park grids). */
static const char *grid_place(int g)
{
	if (grid_in_park(g))
		return "舒城经济开发区";
	for (int i = 0; i < DEMO_NTOWNS; i++)
		if (strcmp(demo_towns[i].code, demo_grids[g].parent) == 0)
			return demo_towns[i].name;
	return "城关镇";
}

/* ---- the builder's state --------------------------------------------------- */

#define MAX_ORGS 256
#define MAX_PEOPLE 1600
#define NINSTR 220
#define NWORKERS 268

struct dorg {
	char code[19], name[96], shortn[64], since[11], addr[96], contact[16], phone[12];
	int kind;               /* 0 enterprise, 1 social_org, 2 association */
	int grid, prof, party_org, employees, members, listed, instr;
	int above, spec, platform, hr;
};

struct dins {
	char name[16], phone[12], unit[96];
	int female, full_time, grid[2], ngrids;
};

struct dworker {
	char name[16], phone[12];
	int job, grid, party, food, safe;
	const char *platform;
};

struct demo {
	struct gw *gw;
	struct gw_err *err;
	uint64_t rs;
	char names[MAX_PEOPLE][16];
	int nnames;
	char phones[MAX_PEOPLE][12];
	int nphones;
	struct dorg org[MAX_ORGS];
	int norg;
	struct dins ins[NINSTR];
	int nins;
	int grid_ft[DEMO_NGRIDS];       /* the grid's own full-time instructor */
	struct dworker wk[NWORKERS];
	int nticket;
	char matchmaking[4][GW_ID_LEN + 1];
};

static int rnd(struct demo *d, int lo, int hi)   /* inclusive */
{
	return lo + (int)(next(&d->rs) % (uint64_t)(hi - lo + 1));
}

static int chance(struct demo *d, int pct) { return rnd(d, 0, 99) < pct; }

static void shuffle(struct demo *d, int *a, int n)
{
	for (int i = n - 1; i > 0; i--) {
		int j = rnd(d, 0, i), t = a[i];
		a[i] = a[j];
		a[j] = t;
	}
}

/* The k-th (3-byte) character of a string of CJK characters. */
static const char *pick_char(struct demo *d, const char *chars, char out[4])
{
	int n = (int)strlen(chars) / 3, k = rnd(d, 0, n - 1);
	memcpy(out, chars + 3 * k, 3);
	out[3] = '\0';
	return out;
}

static const char *pick(struct demo *d, const char *const *list, int n)
{
	return list[rnd(d, 0, n - 1)];
}
#define PICK(d, arr) pick(d, arr, (int)(sizeof arr / sizeof arr[0]))

/* ---- people ---------------------------------------------------------------- */

/* A realistic name not used yet in the demo (so searches find one person). */
static void new_name(struct demo *d, int female, char out[16])
{
	for (;;) {
		char s[4], m[4], g[4];
		pick_char(d, chance(d, 45) ? demo_common_surnames : demo_surnames, s);
		pick_char(d, female ? demo_female_given : demo_male_given, g);
		if (chance(d, 30))
			snprintf(out, 16, "%s%s", s, g);
		else
			snprintf(out, 16, "%s%s%s", s,
				 pick_char(d, female ? demo_female_middle : demo_male_middle, m), g);
		int used = 0;
		for (int i = 0; i < d->nnames && !used; i++)
			used = strcmp(d->names[i], out) == 0;
		if (!used && d->nnames < MAX_PEOPLE) {
			memcpy(d->names[d->nnames++], out, 16);
			return;
		}
	}
}

/* A mobile number not used yet; instructors' come from the 13x/15x/18x
 * ranges, everyone else's from any. */
static void new_phone(struct demo *d, int classic, char out[12])
{
	for (;;) {
		const char *p = classic || chance(d, 70) ? PICK(d, demo_mobile_prefixes_classic)
							: PICK(d, demo_mobile_prefixes_new);
		snprintf(out, 12, "%s%04d%04d", p, rnd(d, 0, 9999), rnd(d, 0, 9999));
		int used = 0;
		for (int i = 0; i < d->nphones && !used; i++)
			used = strcmp(d->phones[i], out) == 0;
		if (!used && d->nphones < MAX_PEOPLE) {
			memcpy(d->phones[d->nphones++], out, 12);
			return;
		}
	}
}

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
			snprintf(body, sizeof body, "MJ%06d", rnd(d, 0, 999999));
		} else if (chance(d, 60)) {
			body[0] = 'M', body[1] = 'A', body[2] = '2';
			for (int i = 3; i < 8; i++)
				body[i] = cs[rnd(d, 0, 30)];
			body[8] = '\0';
		} else {
			snprintf(body, sizeof body, "%08d", rnd(d, 50000000, 79999999));
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
		prof = mix[rnd(d, 0, 5)];
	} else if (prof == DEMO_P_TOWNMIX) {
		static const int mix[] = {DEMO_P_NET, DEMO_P_OTHER, DEMO_P_GREEN, DEMO_P_TRANS};
		prof = mix[rnd(d, 0, 3)];
	} else if (prof == DEMO_P_RURAL) {
		static const int mix[] = {DEMO_P_GREEN, DEMO_P_TEA, DEMO_P_OTHER, DEMO_P_PREP,
					  DEMO_P_GREEN};
		prof = mix[rnd(d, 0, 4)];
	}
	const struct demo_profile *p = &demo_profiles[prof];
	o->prof = prof;
	do {
		const char *prefix = grid_in_park(g) ? (chance(d, 55) ? "安徽" : "舒城") : "舒城县";
		const char *word = PICK(d, demo_name_words), *suffix = p->suffix[rnd(d, 0, 5)];
		char shortn[sizeof o->shortn];
		snprintf(shortn, sizeof shortn, "%s%s", word, suffix);
		memcpy(o->shortn, shortn, sizeof shortn);
		snprintf(o->name, sizeof o->name, "%s%s有限公司", prefix, shortn);
	} while (name_used(d, o->name));
	o->employees = rnd(d, p->emp_lo, p->emp_hi);
	o->above = o->employees >= 80 && chance(d, p->above);
	o->spec = chance(d, p->spec);
	o->platform = chance(d, p->platform);
	o->hr = chance(d, p->hr);
	if (grid_in_park(g))
		snprintf(o->addr, sizeof o->addr, "舒城经济开发区%s%d号", PICK(d, demo_park_roads),
			 rnd(d, 1, 299));
	else if (strcmp(demo_grids[g].parent, "SC-CG") == 0)
		snprintf(o->addr, sizeof o->addr, "舒城县城关镇%s%d号", PICK(d, demo_city_roads),
			 rnd(d, 1, 399));
	else
		snprintf(o->addr, sizeof o->addr, "舒城县%s%s%d号", grid_place(g), PICK(d, demo_town_roads),
			 rnd(d, 1, 199));
}

static void make_social(struct demo *d, struct dorg *o, int g)
{
	do {
		const char *word = PICK(d, demo_name_words), *type = PICK(d, demo_social_types);
		char shortn[sizeof o->shortn];
		snprintf(shortn, sizeof shortn, "%s%s", word, type);
		memcpy(o->shortn, shortn, sizeof shortn);
		snprintf(o->name, sizeof o->name, "舒城县%s", shortn);
	} while (name_used(d, o->name));
	o->employees = rnd(d, 4, 40);
	snprintf(o->addr, sizeof o->addr, "舒城县%s%s%d号", grid_place(g),
		 strcmp(demo_grids[g].parent, "SC-CG") == 0 ? PICK(d, demo_city_roads)
							    : PICK(d, demo_town_roads),
		 rnd(d, 1, 199));
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
			shuffle(d, flags, n);
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
					o->employees = rnd(d, 3, 15);
					snprintf(o->addr, sizeof o->addr, "舒城县城关镇%s%d号", PICK(d, demo_city_roads),
						 rnd(d, 1, 399));
				}
				new_credit_code(d, kind, o->code);
				new_name(d, chance(d, 35), o->contact);
				new_phone(d, 0, o->phone);
				if (flags[i]) {
					int r = rnd(d, 0, 99);
					o->party_org = r < 45 ? 1 : r < 80 ? 2 : 3;
				}
				d->norg++;
			}
		}
	}
	/* Founding dates: exactly the figures' counts since 2024, chosen at random
	 * among the covered enterprises and social organisations. */
	long since = day_of(2024, 1, 1);
	for (int kind = 0; kind < 3; kind++) {
		int idx[MAX_ORGS], n = 0;
		for (int i = 0; i < d->norg; i++)
			if (d->org[i].kind == kind && d->org[i].party_org)
				idx[n++] = i;
		shuffle(d, idx, n);
		int want = kind == 0 ? demo_figures.new_enterprise_orgs
			 : kind == 1 ? demo_figures.new_social_orgs : n / 4;
		for (int k = 0; k < n; k++) {
			long day = k < want ? since + rnd(d, 7, (int)(day_of(2026, 9, 30) - since))
					    : day_of(2008, 3, 1) + rnd(d, 0, (int)(since - 30 - day_of(2008, 3, 1)));
			fmt_date(day, d->org[idx[k]].since);
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
		if (o->kind != 0 || !grid_in_park(o->grid) || !o->party_org)
			continue;
		o->listed = o->party_org == 1 ? rnd(d, 3, 5) : o->party_org == 2 ? rnd(d, 1, 2) : 1;
		sum += o->listed;
	}
	/* Round the park's organisations until the sum is exact; a full round
	 * without a change means it cannot be (the test would then fail). */
	for (int i = 0, idle = 0; sum != demo_figures.park_members && idle < d->norg;
	     i = (i + 1) % d->norg, idle++) {
		struct dorg *o = &d->org[i];
		if (o->kind != 0 || !grid_in_park(o->grid) || !o->party_org)
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
		if (grid_in_park(o->grid) && o->kind == 0)
			o->members = o->listed;
		else if (!o->party_org)
			o->members = rnd(d, 0, 1);
		else
			o->members = o->party_org == 1 ? rnd(d, 3, 15) : rnd(d, 1, 2);
		if (o->members < o->listed)
			o->members = o->listed;
		if (o->party_org == 1 && o->members < 3)
			o->members = 3;
	}
}

static enum gw_status put(struct demo *d, enum import_kind k, const char *const *v, const char *what)
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
	enum gw_status st = put(d, IK_GRID, county, "SC");
	for (int i = 0; st == GW_OK && i < DEMO_NTOWNS; i++) {
		snprintf(lon, sizeof lon, "%.3f", demo_towns[i].lon);
		snprintf(lat, sizeof lat, "%.3f", demo_towns[i].lat);
		const char *v[] = {demo_towns[i].code, demo_towns[i].name, "township", "SC", "", lon, lat};
		st = put(d, IK_GRID, v, demo_towns[i].code);
	}
	for (int i = 0; st == GW_OK && i < 3; i++) {
		const char *v[] = {demo_parks[i][0], demo_parks[i][1], "park", demo_parks[i][2], "",
				   demo_parks[i][3], demo_parks[i][4]};
		st = put(d, IK_GRID, v, demo_parks[i][0]);
	}
	for (int g = 0; st == GW_OK && g < DEMO_NGRIDS; g++) {
		snprintf(lon, sizeof lon, "%.3f", demo_grids[g].lon);
		snprintf(lat, sizeof lat, "%.3f", demo_grids[g].lat);
		const char *v[] = {demo_grids[g].code, demo_grids[g].name, "grid", demo_grids[g].parent,
				   demo_grids[g].basis, lon, lat};
		st = put(d, IK_GRID, v, demo_grids[g].code);
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
		st = put(d, IK_ORG, v, o->name);
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
		int a = rnd(d, 0, 5), b = (a + rnd(d, 1, 5)) % 6;
		snprintf(plan, sizeof plan, "%s培育方案\n目标：2027年%d月底前%s。\n措施：1. %s；\n2. %s。",
			 o->kind == 0 ? "一企一策" : "一社一策", rnd(d, 3, 12),
			 o->members >= 3 ? "单独组建党支部" : "建立联合党支部或党的工作小组",
			 demo_plan_steps[a], demo_plan_steps[b]);
		struct org_rec rec;
		st = org_by_credit_code(d->gw, o->code, &rec, d->err);
		if (st == GW_OK)
			st = org_plan_set(d->gw, rec.id, plan, d->err);
	}
	return st;
}

/* ---- instructors ------------------------------------------------------------ */

/* Part-time instructors: two per grid, the rest shared out by how many
 * units each grid holds (largest remainder, so the total is exact). */
static void plan_instructors(struct demo *d)
{
	static const char *const county_pairs[NFULL_COUNTY][2] = {
		{"SC-KFQ-DZ-G01", "SC-CG-G04"}, {"SC-KFQ-SP-G01", "SC-HB-G02"},
		{"SC-CG-G03", "SC-CG-G08"},     {"SC-CG-G06", "SC-CG-G07"},
	};
	int units[DEMO_NGRIDS], pt[DEMO_NGRIDS], rem[DEMO_NGRIDS], total = 0;
	int extra = NINSTR - DEMO_NGRIDS - NFULL_COUNTY - 2 * DEMO_NGRIDS, given = 0;
	for (int g = 0; g < DEMO_NGRIDS; g++)
		total += units[g] = demo_grids[g].ent + demo_grids[g].soc + demo_grids[g].assoc;
	for (int g = 0; g < DEMO_NGRIDS; g++) {
		pt[g] = 2 + extra * units[g] / total;
		rem[g] = extra * units[g] % total;
		given += pt[g] - 2;
	}
	for (; given < extra; given++) {
		int best = 0;
		for (int g = 1; g < DEMO_NGRIDS; g++)
			if (rem[g] > rem[best])
				best = g;
		pt[best]++;
		rem[best] = -1;
	}
	for (int g = 0; g < DEMO_NGRIDS; g++) {
		for (int k = 0; k <= pt[g]; k++) {
			struct dins *in = &d->ins[d->nins];
			in->full_time = k == 0;
			in->female = chance(d, in->full_time ? 35 : 45);
			in->grid[0] = g;
			in->ngrids = 1;
			new_name(d, in->female, in->name);
			new_phone(d, 1, in->phone);
			if (in->full_time)
				d->grid_ft[g] = d->nins;
			d->nins++;
		}
		/* Units go round the grid's part-time instructors. */
		int j = 0;
		for (int i = 0; i < d->norg; i++)
			if (d->org[i].grid == g)
				d->org[i].instr = d->grid_ft[g] + 1 + j++ % pt[g];
		for (int k = 1; k <= pt[g]; k++) {
			struct dins *in = &d->ins[d->grid_ft[g] + k];
			const struct dorg *mine = NULL;
			for (int i = 0; i < d->norg && !mine; i++)
				if (d->org[i].instr == d->grid_ft[g] + k && d->org[i].party_org == 1)
					mine = &d->org[i];
			if (mine && chance(d, 50))
				snprintf(in->unit, sizeof in->unit, "%s党支部", mine->name);
			else if (grid_in_park(g))
				snprintf(in->unit, sizeof in->unit, "舒城经济开发区党工委党建办");
			else
				snprintf(in->unit, sizeof in->unit, "%s党建办", grid_place(g));
		}
		struct dins *ft = &d->ins[d->grid_ft[g]];
		snprintf(ft->unit, sizeof ft->unit, "%s", grid_in_park(g) ? "舒城经济开发区党工委" : "");
		if (!ft->unit[0])
			snprintf(ft->unit, sizeof ft->unit, "%s党委", grid_place(g));
	}
	for (int k = 0; k < NFULL_COUNTY; k++) {
		struct dins *in = &d->ins[d->nins++];
		in->full_time = 1;
		in->female = chance(d, 40);
		in->grid[0] = grid_index(county_pairs[k][0]);
		in->grid[1] = grid_index(county_pairs[k][1]);
		in->ngrids = 2;
		snprintf(in->unit, sizeof in->unit, "县委社会工作部");
		new_name(d, in->female, in->name);
		new_phone(d, 1, in->phone);
	}
}

static enum gw_status put_instructors(struct demo *d)
{
	enum gw_status st = GW_OK;
	for (int i = 0; st == GW_OK && i < d->nins; i++) {
		const struct dins *in = &d->ins[i];
		char gridsbuf[80], orgs[2048];
		size_t off = 0;
		snprintf(gridsbuf, sizeof gridsbuf, "%s%s%s", demo_grids[in->grid[0]].code,
			 in->ngrids > 1 ? ";" : "", in->ngrids > 1 ? demo_grids[in->grid[1]].code : "");
		orgs[0] = '\0';
		/* A grid's own full-time instructor also keeps its first two units. */
		int n = 0;
		for (int k = 0; k < d->norg; k++) {
			const struct dorg *o = &d->org[k];
			int mine = o->instr == i || (in->full_time && in->ngrids == 1 && o->grid == in->grid[0] && n < 2);
			if (mine && off + 20 < sizeof orgs) {
				off += (size_t)snprintf(orgs + off, sizeof orgs - off, "%s%s", off ? ";" : "", o->code);
				n++;
			}
		}
		const char *v[] = {in->name, in->phone, in->female ? "female" : "male", in->unit,
				   in->full_time ? "full_time" : "part_time", gridsbuf, orgs, "active"};
		st = put(d, IK_INSTRUCTOR, v, in->name);
	}
	return st;
}

/* ---- new-employment workers -------------------------------------------------- */

static void plan_workers(struct demo *d)
{
	int n = 0;
	for (size_t m = 0; m < sizeof demo_worker_platforms / sizeof demo_worker_platforms[0]; m++)
		for (int k = 0; k < demo_worker_platforms[m].n && n < NWORKERS; k++) {
			struct dworker *w = &d->wk[n++];
			memset(w, 0, sizeof *w);
			w->job = demo_worker_platforms[m].job;
			w->platform = demo_worker_platforms[m].platform;
			new_name(d, chance(d, w->job == 0 ? 8 : 5), w->name);
			new_phone(d, 0, w->phone);
			int r = rnd(d, 0, 99), acc = 0;
			for (size_t j = 0; j < sizeof demo_worker_grids / sizeof demo_worker_grids[0]; j++) {
				acc += demo_worker_grids[j].weight;
				if (r < acc) {
					w->grid = grid_index(demo_worker_grids[j].code);
					break;
				}
			}
		}
	int idx[NWORKERS];
	for (int i = 0; i < NWORKERS; i++)
		idx[i] = i;
	shuffle(d, idx, NWORKERS);
	for (int i = 0; i < demo_figures.worker_party_members; i++)
		d->wk[idx[i]].party = 1;
	/* Food-safety supervisors and safe riders are delivery riders (the first 140). */
	int riders[NWORKERS], nr = 0;
	for (int i = 0; i < NWORKERS; i++)
		if (d->wk[i].job == 0)
			riders[nr++] = i;
	shuffle(d, riders, nr);
	for (int i = 0; i < demo_figures.food_supervisors; i++)
		d->wk[riders[i]].food = 1;
	shuffle(d, riders, nr);
	for (int i = 0; i < NSAFE_RIDERS; i++)
		d->wk[riders[i]].safe = 1;
}

static enum gw_status put_workers(struct demo *d)
{
	static const char *const jobs[] = {"delivery_rider", "courier", "ride_hailing", "trucker"};
	enum gw_status st = GW_OK;
	for (int i = 0; st == GW_OK && i < NWORKERS; i++) {
		const struct dworker *w = &d->wk[i];
		char roles[96];
		snprintf(roles, sizeof roles, "%s%s%s", w->party ? "grid_worker;" : "",
			 w->food ? "food_safety_supervisor;" : "", w->safe ? "safe_rider" : "");
		const char *v[] = {w->name, w->phone, jobs[w->job], w->platform, w->party ? "yes" : "no",
				   demo_grids[w->grid].code, roles};
		st = put(d, IK_WORKER, v, w->name);
	}
	return st;
}

/* ---- party members ------------------------------------------------------------ */

static enum gw_status put_members(struct demo *d)
{
	enum gw_status st = GW_OK;
	for (int i = 0; st == GW_OK && i < d->norg; i++) {
		const struct dorg *o = &d->org[i];
		int park = grid_in_park(o->grid) && o->kind == 0;
		for (int k = 0; st == GW_OK && k < o->listed; k++) {
			char name[16], phone[12], joined[11];
			new_name(d, chance(d, 30), name);
			new_phone(d, 0, phone);
			fmt_date(day_of(1992, 1, 1) + rnd(d, 0, (int)(day_of(2024, 12, 31) - day_of(1992, 1, 1))),
				 joined);
			/* Agency staff dispatched into the park are the park's mobile members. */
			int mobile = !park || o->hr || chance(d, 3);
			struct party_member_in in = {name, phone, o->code, demo_grids[o->grid].code,
						     park, mobile, joined};
			st = party_member_add(d->gw, &in, NULL, d->err);
			if (st != GW_OK)
				gw_err_prefix(d->err, "%s", name);
		}
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

static long weekday(long day)
{
	int wd = (int)((day + 4) % 7);   /* 1970-01-01 was a Thursday; 0 = Sunday */
	return day + (wd == 6 ? 2 : wd == 0 ? 1 : 0);
}

static void fmt_time(struct demo *d, long day, int h_lo, int h_hi, char out[20])
{
	int y, m, dd;
	civil(day, &y, &m, &dd);
	/* The seconds count tickets, so two never share a registration time. */
	snprintf(out, 20, "%04d-%02d-%02d %02d:%02d:%02d", y, m, dd, rnd(d, h_lo, h_hi), rnd(d, 0, 59),
		 d->nticket % 60);
}

/* Registers one ticket: finished ones between February 2024 and the demo's
 * "today", open ones in the last ten weeks (the older of them overdue). */
static enum gw_status put_ticket(struct demo *d, const char *title, const char *desc,
				 const char *cat, const char *src, int grid, const char *org,
				 const char *rep, const char *rep_phone, const char *department,
				 int instr, int open)
{
	char created[20], resolved[20] = "";
	long lo = open ? day_of(2026, 9, 10) : day_of(2024, 2, 1);
	long hi = open ? demo_today() - 1 : demo_today() - 31;
	long day = weekday(lo + rnd(d, 0, (int)(hi - lo)));
	fmt_time(d, day, 8, 17, created);
	const char *status;
	if (open) {
		int r = rnd(d, 0, 99);
		status = r < 30 ? "new" : r < 60 ? "accepted" : "in_progress";
	} else {
		fmt_time(d, weekday(day + rnd(d, 2, 24)), 9, 17, resolved);
		status = chance(d, 70) ? "closed" : "resolved";
	}
	const char *v[] = {"", title, desc, cat, src, demo_grids[grid].code, org ? org : "", rep, rep_phone,
			   strcmp(status, "new") == 0 ? "" : dept(d, department),
			   instr >= 0 ? d->ins[instr].phone : "", status, created, resolved};
	d->nticket++;
	return put(d, IK_TICKET, v, title);
}

/* A random enterprise, from the park in park_pct percent of draws. */
static const struct dorg *some_enterprise(struct demo *d, int park_pct, int min_employees)
{
	int park = chance(d, park_pct);
	for (;;) {
		const struct dorg *o = &d->org[rnd(d, 0, d->norg - 1)];
		if (o->kind == 0 && grid_in_park(o->grid) == park && o->employees >= min_employees)
			return o;
	}
}

static const struct dworker *some_worker(struct demo *d, int safe, int food)
{
	for (;;) {
		const struct dworker *w = &d->wk[rnd(d, 0, NWORKERS - 1)];
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
			const struct dorg *o = some_enterprise(d, 75, 0);
			snprintf(title, sizeof title, t->title[rnd(d, 0, 3)], o->shortn);
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
			const struct dorg *o = some_enterprise(d, 80, 50);
			int s = rnd(d, 0, 2);
			char rep[16], phone[12];
			new_name(d, chance(d, 40), rep);
			new_phone(d, 0, phone);
			snprintf(title, sizeof title, t->title[rnd(d, 0, 3)], o->shortn);
			snprintf(desc, sizeof desc, t->desc, o->name, src_zh[s]);
			st = put_ticket(d, title, desc, t->cat, src[s], o->grid, o->code, rep, phone,
					c == 2 && grid_in_park(o->grid) ? "舒城经济开发区管委会" : t->dept, o->instr,
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
		snprintf(title, sizeof title, PICK(d, demo_rights_titles), demo_job_zh[w->job]);
		snprintf(desc, sizeof desc, "%s%s（%s平台）反映上述问题。承办部门核实后督促用工单位依法整改，"
			 "并告知其劳动权益维护途径。", demo_job_zh[w->job], w->name, w->platform);
		st = put_ticket(d, title, desc, "labor_rights", PICK(d, demo_rights_sources), w->grid,
				NULL, w->name, w->phone, PICK(d, demo_rights_depts),
				d->grid_ft[w->grid] + 1,
				k >= demo_figures.labor_rights);
	}
	/* Safe riders as mobile sentinels; food-safety reports from the supervisors. */
	for (int c = 0; c < 4; c++)
		for (int k = 0; st == GW_OK && k < demo_rider_cat_count[c]; k++) {
			const struct demo_cat_text *t = &demo_rider_cats[c];
			const struct dworker *w = some_worker(d, c != 3, c == 3);
			const char *where = c == 0 ? PICK(d, demo_city_roads) : PICK(d, demo_places);
			snprintf(title, sizeof title, t->title[rnd(d, 0, 3)], where, PICK(d, demo_city_roads));
			snprintf(desc, sizeof desc, "%s%s（%s%s）通过“平安骑手”随手拍上报：%s。", c == 3 ? "食品安全监督员" : "平安骑手",
				 w->name, w->platform, demo_job_zh[w->job], title);
			st = put_ticket(d, title, desc, t->cat, "rider_report", w->grid, NULL, w->name, w->phone,
					t->dept, d->grid_ft[w->grid], chance(d, 20));
		}
	return st;
}

/* ---- warm-heart stations ------------------------------------------------------ */

static enum gw_status put_stations(struct demo *d)
{
	static const char *const hours[] = {"08:00-20:00", "08:30-17:30", "07:30-21:00", "全天"};
	enum gw_status st = GW_OK;
	for (size_t i = 0; st == GW_OK && i < sizeof demo_stations / sizeof demo_stations[0]; i++) {
		char addr[160], services[128], lon[16], lat[16];
		int g = grid_index(demo_stations[i].grid);
		snprintf(addr, sizeof addr, "舒城县%s", demo_stations[i].addr);
		snprintf(services, sizeof services, "rest;water%s%s%s%s%s", chance(d, 80) ? ";shelter" : "",
			 chance(d, 30) ? ";meals" : "", chance(d, 75) ? ";charging" : "",
			 chance(d, 60) ? ";meal_heating" : "", chance(d, 70) ? ";first_aid" : "");
		snprintf(lon, sizeof lon, "%.5f", demo_grids[g].lon + rnd(d, -300, 300) / 100000.0);
		snprintf(lat, sizeof lat, "%.5f", demo_grids[g].lat + rnd(d, -300, 300) / 100000.0);
		const char *host = demo_stations[i].host;
		const char *v[] = {demo_stations[i].name, demo_stations[i].grid, addr, host, services,
				   hours[strcmp(host, "城市驿站") == 0 ? 3 : rnd(d, 0, 2)], lon, lat};
		st = put(d, IK_STATION, v, demo_stations[i].name);
	}
	return st;
}

/* ---- activities and results ---------------------------------------------------- */

static long spread_day(struct demo *d, int i, int n)
{
	long lo = day_of(2024, 3, 1), hi = day_of(2026, 10, 31);
	return weekday(lo + (hi - lo) * i / n + rnd(d, 0, (int)((hi - lo) / n) - 3));
}

static enum gw_status add_activity(struct demo *d, const char *kind, const char *title, long day,
				   const char *grid, const char *organiser, int person_times,
				   char id[GW_ID_LEN + 1])
{
	char held[11];
	fmt_date(day, held);
	struct activity_in in = {kind, title, held, grid, organiser, person_times};
	enum gw_status st = activity_add(d->gw, &in, id, d->err);
	if (st != GW_OK)
		gw_err_prefix(d->err, "%s", title);
	return st;
}

static enum gw_status put_activities(struct demo *d)
{
	int n = (int)(sizeof demo_trainings / sizeof demo_trainings[0]), pt[20], sum = 0;
	for (int i = 0; i < n; i++)
		sum += pt[i] = rnd(d, 70, 140);
	for (int i = 0; sum != demo_figures.training_person_times; i = (i + 1) % n) {
		int step = sum < demo_figures.training_person_times ? 1 : -1;
		if (pt[i] + step >= 30)
			pt[i] += step, sum += step;
	}
	enum gw_status st = GW_OK;
	for (int i = 0; st == GW_OK && i < n; i++)
		st = add_activity(d, "training", demo_trainings[i][0], spread_day(d, i, n),
				  demo_trainings[i][2], demo_trainings[i][1], pt[i], NULL);
	/* Secretary days, workshop talks and worker councils at park enterprises. */
	static const char *const kinds[] = {"secretary_day", "workshop_talk", "worker_council"};
	static const char *const fmts[] = {"%s“书记帮办日”活动", "%s车间恳谈会", "%s职工议事厅议事会"};
	static const int counts[] = {12, 8, 6};
	for (int k = 0; k < 3; k++) {
		const struct dorg *held[12];
		for (int i = 0; st == GW_OK && i < counts[k]; i++) {
			const struct dorg *o;
			int again;
			do {   /* a covered enterprise not chosen for this kind yet */
				o = some_enterprise(d, 100, 50);
				again = !o->party_org;
				for (int j = 0; j < i && !again; j++)
					again = held[j] == o;
			} while (again);
			held[i] = o;
			char title[160], organiser[128];
			snprintf(title, sizeof title, fmts[k], o->shortn);
			snprintf(organiser, sizeof organiser, "%s党组织", o->shortn);
			st = add_activity(d, kinds[k], title, spread_day(d, i, counts[k]),
					  demo_grids[o->grid].code, organiser, rnd(d, 15, 60), NULL);
		}
	}
	for (int i = 0; st == GW_OK && i < 6; i++)
		st = add_activity(d, "joint_meeting", demo_joint_meetings[i][0], spread_day(d, i, 6),
				  demo_joint_meetings[i][2], demo_joint_meetings[i][1], rnd(d, 18, 40), NULL);
	long match_day[4];
	for (int i = 0; st == GW_OK && i < 6; i++) {
		long day = spread_day(d, i % 4, 4) + (i >= 4 ? 20 : 0);
		if (i < 4)
			match_day[i] = day;
		st = add_activity(d, "matchmaking", demo_matchmaking[i], day,
				  i < 4 ? "SC-KFQ-SP-G02" : "SC-KFQ-G01",
				  i < 4 ? "县委社会工作部" : "舒城经济开发区管委会", rnd(d, 60, 150),
				  i < 4 ? d->matchmaking[i] : NULL);
	}
	if (st != GW_OK)
		return st;

	/* Projects between green-food and smart-manufacturing firms, each pair once. */
	int green[MAX_ORGS], smart[MAX_ORGS], ng = 0, ns = 0, pairs[64][2];
	for (int i = 0; i < d->norg; i++) {
		if (d->org[i].kind != 0)
			continue;
		if (d->org[i].prof == DEMO_P_GREEN || d->org[i].prof == DEMO_P_TEA)
			green[ng++] = i;
		else if (d->org[i].prof == DEMO_P_SMART)
			smart[ns++] = i;
	}
	for (int k = 0; st == GW_OK && k < demo_figures.coop_projects; k++) {
		int a, b, dup;
		do {
			a = green[rnd(d, 0, ng - 1)];
			b = smart[rnd(d, 0, ns - 1)];
			dup = 0;
			for (int j = 0; j < k; j++)
				dup |= pairs[j][0] == a && pairs[j][1] == b;
		} while (dup);
		pairs[k][0] = a, pairs[k][1] = b;
		int t = rnd(d, 0, 7), m = rnd(d, 0, 3);
		char title[256], signed_on[11];
		snprintf(title, sizeof title, "%s与%s%s合作项目", d->org[a].shortn, d->org[b].shortn,
			 demo_coop_topics[t][0]);
		long day = match_day[m] + rnd(d, 0, 60), today = demo_today();
		fmt_date(day < today ? day : today, signed_on);
		struct coop_project_in in = {title, d->org[a].code, d->org[b].code, demo_coop_topics[t][1],
					     d->matchmaking[m], signed_on};
		st = coop_project_add(d->gw, &in, NULL, d->err);
		if (st != GW_OK)
			gw_err_prefix(d->err, "%s", title);
	}

	/* Red credit for model enterprises: standalone party organisations,
	 * above-scale ones first. */
	int cand[MAX_ORGS], nc = 0;
	for (int pass = 0; pass < 2; pass++) {
		int from = nc;
		for (int i = 0; i < d->norg; i++)
			if (d->org[i].kind == 0 && d->org[i].party_org == 1 && d->org[i].above == !pass)
				cand[nc++] = i;
		shuffle(d, cand + from, nc - from);
	}
	for (int k = 0; st == GW_OK && k < demo_figures.credit_firms && k < nc; k++) {
		const struct dorg *o = &d->org[cand[k]];
		char granted[11];
		fmt_date(day_of(2024, 6, 1) + rnd(d, 0, (int)(day_of(2026, 6, 30) - day_of(2024, 6, 1))), granted);
		struct credit_grant_in in = {o->code, PICK(d, demo_banks),
					     demo_credit_millions[k] * 1000000LL, granted};
		st = credit_grant_add(d->gw, &in, NULL, d->err);
		if (st != GW_OK)
			gw_err_prefix(d->err, "%s", o->name);
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
	plan_instructors(d);
	plan_workers(d);
	if ((st = db_begin(gw->db, err)) != GW_OK) {
		free(d);
		return st;
	}
	enum gw_status (*const steps[])(struct demo *) = {
		put_grids, put_orgs, put_plans, put_instructors, put_workers, put_members,
		put_enterprise_tickets, put_worker_tickets, put_stations, put_activities,
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
