/* demo.c - the demo county: Shucheng County (舒城县, 六安市, 安徽省) as a
 * clerk would find it, built through the same write paths as imports and
 * forms, so that every figure of the county's report comes out of records.
 *
 * Deterministic: one splitmix64 stream seeded by the caller drives every
 * choice, and every date in the records counts from a fixed base, never
 * the clock.  (Record ids, and the created_at stamps the write paths take,
 * still come from the clock: they are not content.) */
#include "demo.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activity.h"
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

struct town {
	const char *code, *name;
	double lon, lat;
};

/* The county's 21 township-level units (15 towns, 6 townships). */
static const struct town towns[] = {
	{"SC-CG", "城关镇", 116.945, 31.462},    {"SC-QRQ", "千人桥镇", 117.052, 31.372},
	{"SC-BSM", "百神庙镇", 116.992, 31.405}, {"SC-HB", "杭埠镇", 117.098, 31.558},
	{"SC-SCZ", "舒茶镇", 116.905, 31.528},   {"SC-NG", "南港镇", 116.842, 31.418},
	{"SC-GCH", "干汊河镇", 117.025, 31.472}, {"SC-ZMQ", "张母桥镇", 116.938, 31.365},
	{"SC-WX", "五显镇", 116.792, 31.405},    {"SC-SQ", "山七镇", 116.745, 31.352},
	{"SC-HP", "河棚镇", 116.682, 31.238},    {"SC-TC", "汤池镇", 116.716, 31.309},
	{"SC-XT", "晓天镇", 116.532, 31.178},    {"SC-WFH", "万佛湖镇", 116.880, 31.320},
	{"SC-TX", "桃溪镇", 116.985, 31.528},    {"SC-CQ", "春秋乡", 116.886, 31.470},
	{"SC-BL", "柏林乡", 116.952, 31.520},    {"SC-TS", "棠树乡", 117.060, 31.430},
	{"SC-QD", "阙店乡", 116.818, 31.358},    {"SC-GF", "高峰乡", 116.842, 31.300},
	{"SC-LZ", "庐镇乡", 116.600, 31.100},
};
#define NTOWNS ((int)(sizeof towns / sizeof towns[0]))

/* What kind of enterprises a grid holds: picks names, chain, tags, size. */
enum prof_kind { P_ELEC, P_SMART, P_PREP, P_GREEN, P_TEA, P_NET, P_TRANS, P_DELIV, P_COURIER,
	       P_HR, P_OTHER, P_TOUR, P_PARKMIX, P_TOWNMIX, P_RURAL };

struct profile {
	const char *chain;     /* EN_CHAIN name, "" for none */
	const char *suffix[6];
	int emp_lo, emp_hi;
	int above, spec, platform, hr;   /* percent chance of each tag */
};

static const struct profile profiles[] = {
	[P_ELEC] = {"electronics", {"电子科技", "光电科技", "精密电子", "电子材料", "显示科技", "半导体科技"},
		    60, 1200, 55, 30, 0, 0},
	[P_SMART] = {"smart_manufacturing", {"智能装备", "精密机械", "汽车零部件", "新材料科技", "自动化设备", "机械制造"},
		     40, 800, 50, 25, 0, 0},
	[P_PREP] = {"prepared_food", {"食品", "预制菜食品", "中央厨房食品", "餐饮供应链", "农产品加工", "调味食品"},
		    30, 500, 45, 5, 0, 0},
	[P_GREEN] = {"green_food", {"绿色食品", "生态农业", "粮油", "农业科技", "茶业", "米业"}, 20, 400, 35, 5, 0, 0},
	[P_TEA] = {"green_food", {"茶业", "生态茶业", "农业开发", "茶叶", "茶文化", "兰花茶业"}, 10, 120, 10, 0, 0, 0},
	[P_NET] = {"internet", {"网络科技", "信息技术", "电子商务", "数字科技", "软件科技", "文化传媒"},
		   8, 150, 10, 10, 40, 0},
	[P_TRANS] = {"transport", {"物流", "运输", "供应链管理", "货运", "汽车运输", "仓储物流"}, 20, 300, 30, 0, 0, 0},
	[P_DELIV] = {"delivery", {"配送服务", "同城配送", "即时配送", "跑腿服务", "外卖配送", "网络科技"},
		     15, 200, 0, 0, 100, 0},
	[P_COURIER] = {"transport", {"快递", "速递", "快递服务", "寄递服务", "速运", "供应链"}, 10, 150, 10, 0, 0, 0},
	[P_HR] = {"", {"人力资源服务", "劳务派遣", "人力资源开发", "人才服务", "劳务服务", "职业介绍"},
		  8, 80, 0, 0, 0, 100},
	[P_OTHER] = {"other", {"建材", "包装材料", "纺织", "家居", "印务", "竹木制品"}, 15, 300, 30, 0, 0, 0},
	[P_TOUR] = {"other", {"旅游开发", "文化旅游", "酒店管理", "康养", "生态旅游", "度假村"}, 10, 150, 10, 0, 0, 0},
};

struct dgrid {
	const char *code, *name, *parent, *basis;
	double lon, lat;
	enum prof_kind prof;
	int ent, ent_cov, soc, soc_cov, assoc, assoc_cov;
};

/* The 30 grids and what they hold: enterprises / with a party org, social
 * organisations / covered, associations / covered.  The first eight lie in
 * the development zone and its parks-within-the-park. */
static const struct dgrid grids[] = {
	{"SC-KFQ-G01", "开发区城东片区网格", "SC-KFQ", "region", 116.982, 31.445, P_PARKMIX, 14, 12, 0, 0, 0, 0},
	{"SC-KFQ-G02", "开发区城西片区网格", "SC-KFQ", "region", 116.961, 31.438, P_PARKMIX, 13, 10, 0, 0, 0, 0},
	{"SC-KFQ-G03", "开发区智能制造行业网格", "SC-KFQ", "industry", 116.990, 31.431, P_SMART, 16, 14, 0, 0, 0, 0},
	{"SC-KFQ-G04", "开发区人力资源行业网格", "SC-KFQ", "industry", 116.975, 31.450, P_HR, 8, 7, 0, 0, 0, 0},
	{"SC-KFQ-DZ-G01", "开发区电子信息产业链网格", "SC-KFQ-DZ", "chain", 117.002, 31.426, P_ELEC, 18, 15, 0, 0, 0, 0},
	{"SC-KFQ-DZ-G02", "电子信息产业园孵化区网格", "SC-KFQ-DZ", "region", 117.010, 31.420, P_ELEC, 10, 8, 0, 0, 0, 0},
	{"SC-KFQ-SP-G01", "开发区预制菜产业链网格", "SC-KFQ-SP", "chain", 116.972, 31.418, P_PREP, 11, 9, 0, 0, 0, 0},
	{"SC-KFQ-SP-G02", "食品产业园绿色食品行业网格", "SC-KFQ-SP", "industry", 116.965, 31.412, P_GREEN, 10, 8, 0, 0, 0, 0},
	{"SC-CG-G01", "城关镇梅河社区网格", "SC-CG", "region", 116.938, 31.466, P_TOWNMIX, 3, 2, 4, 3, 0, 0},
	{"SC-CG-G02", "城关镇鼓楼社区网格", "SC-CG", "region", 116.950, 31.458, P_TOWNMIX, 2, 1, 4, 3, 0, 0},
	{"SC-CG-G03", "县城网约配送产业链网格", "SC-CG", "chain", 116.944, 31.470, P_DELIV, 6, 4, 0, 0, 0, 0},
	{"SC-CG-G04", "县城互联网产业链网格", "SC-CG", "chain", 116.952, 31.468, P_NET, 6, 4, 0, 0, 0, 0},
	{"SC-CG-G05", "县城交通运输产业链网格", "SC-CG", "chain", 116.930, 31.455, P_TRANS, 6, 4, 0, 0, 0, 0},
	{"SC-CG-G06", "县行业协会商会行业网格", "SC-CG", "industry", 116.946, 31.463, P_OTHER, 0, 0, 0, 0, 20, 17},
	{"SC-CG-G07", "县社会组织行业网格", "SC-CG", "industry", 116.941, 31.460, P_OTHER, 0, 0, 10, 9, 0, 0},
	{"SC-CG-G08", "县快递物流行业网格", "SC-CG", "industry", 116.925, 31.472, P_COURIER, 5, 3, 0, 0, 0, 0},
	{"SC-HB-G01", "杭埠镇工业集中区网格", "SC-HB", "region", 117.105, 31.552, P_SMART, 4, 3, 0, 0, 0, 0},
	{"SC-HB-G02", "杭埠镇预制菜产业链网格", "SC-HB", "chain", 117.092, 31.561, P_PREP, 5, 4, 0, 0, 0, 0},
	{"SC-HB-G03", "杭埠镇集镇网格", "SC-HB", "region", 117.099, 31.566, P_RURAL, 2, 1, 2, 2, 0, 0},
	{"SC-QRQ-G01", "千人桥镇集镇网格", "SC-QRQ", "region", 117.052, 31.372, P_RURAL, 2, 1, 1, 1, 0, 0},
	{"SC-BSM-G01", "百神庙镇集镇网格", "SC-BSM", "region", 116.992, 31.405, P_RURAL, 2, 1, 1, 1, 0, 0},
	{"SC-NG-G01", "南港镇集镇网格", "SC-NG", "region", 116.842, 31.418, P_RURAL, 2, 1, 1, 0, 0, 0},
	{"SC-GCH-G01", "干汊河镇集镇网格", "SC-GCH", "region", 117.025, 31.472, P_RURAL, 2, 1, 1, 1, 0, 0},
	{"SC-ZMQ-G01", "张母桥镇集镇网格", "SC-ZMQ", "region", 116.938, 31.365, P_RURAL, 2, 1, 1, 0, 0, 0},
	{"SC-TX-G01", "桃溪镇集镇网格", "SC-TX", "region", 116.985, 31.528, P_RURAL, 2, 1, 1, 1, 0, 0},
	{"SC-WFH-G01", "万佛湖镇文旅行业网格", "SC-WFH", "industry", 116.880, 31.320, P_TOUR, 2, 1, 1, 1, 0, 0},
	{"SC-SCZ-G01", "舒茶镇茶产业行业网格", "SC-SCZ", "industry", 116.905, 31.528, P_TEA, 3, 2, 1, 0, 0, 0},
	{"SC-TC-G01", "汤池镇温泉康养行业网格", "SC-TC", "industry", 116.716, 31.309, P_TOUR, 2, 1, 1, 1, 0, 0},
	{"SC-XT-G01", "晓天镇西南山区片网格", "SC-XT", "region", 116.532, 31.178, P_TEA, 1, 1, 1, 1, 0, 0},
	{"SC-HP-G01", "河棚镇集镇网格", "SC-HP", "region", 116.682, 31.238, P_TEA, 1, 0, 0, 0, 0, 0},
};
#define NGRIDS ((int)(sizeof grids / sizeof grids[0]))
#define NPARK_GRIDS 8

static int grid_in_park(int g) { return g < NPARK_GRIDS; }

static int grid_index(const char *code)
{
	for (int g = 0; g < NGRIDS; g++)
		if (strcmp(grids[g].code, code) == 0)
			return g;
	return 0;
}

/* The township name a grid lies in ("舒城经济开发区" for park grids). */
static const char *grid_place(int g)
{
	if (grid_in_park(g))
		return "舒城经济开发区";
	for (int i = 0; i < NTOWNS; i++)
		if (strcmp(towns[i].code, grids[g].parent) == 0)
			return towns[i].name;
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
	int grid_ft[NGRIDS];            /* the grid's own full-time instructor */
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

static const char common_surnames[] = "王李张刘陈杨黄吴汪周";
static const char surnames[] = "赵徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
			       "魏吕丁任沈姚卢姜崔钟谭陆范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶"
			       "黎贺顾毛郝龚邵万钱严武戴孔汤储査";
static const char male_given[] = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林洋锋坤亮成松峰海翔文志建国东新春晨阳";
static const char female_given[] = "芳娜敏静丽艳娟霞燕玲婷雪慧莹倩琳颖洁萍红梅兰凤秀英佳欣悦璐茜晶月琴云";
static const char male_middle[] = "子思嘉文家俊志建海春晓宏明永德天正学书";
static const char female_middle[] = "子思嘉文雨家晓玉秀丽婉佳梦诗心雅静";

/* A realistic name not used yet in the demo (so searches find one person). */
static void new_name(struct demo *d, int female, char out[16])
{
	for (;;) {
		char s[4], m[4], g[4];
		pick_char(d, chance(d, 45) ? common_surnames : surnames, s);
		pick_char(d, female ? female_given : male_given, g);
		if (chance(d, 30))
			snprintf(out, 16, "%s%s", s, g);
		else
			snprintf(out, 16, "%s%s%s", s, pick_char(d, female ? female_middle : male_middle, m), g);
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
	static const char *const old_ranges[] = {"133", "135", "136", "137", "138", "139", "150", "151",
						 "152", "153", "155", "156", "158", "159", "180", "181",
						 "182", "186", "187", "188", "189"};
	static const char *const new_ranges[] = {"166", "173", "176", "177", "178", "191", "198", "199"};
	for (;;) {
		const char *p = classic || chance(d, 70) ? PICK(d, old_ranges) : PICK(d, new_ranges);
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

static const char *const words[] = {
	"龙舒", "万佛", "春秋", "晓天", "桃溪", "华瑞", "鑫源", "恒泰", "新宇", "博瑞", "宏达", "金桥",
	"盛世", "天润", "佳禾", "丰泽", "绿源", "润禾", "皖舒", "汇通", "顺达", "卓越", "瑞丰", "锦程",
	"嘉诚", "永兴", "宏图", "东升", "信达", "华兴", "康达", "福瑞", "聚源", "泓源", "亿诚", "航瑞",
	"景泰", "天瑞", "恒信", "鸿运", "明德", "宝丰", "凯瑞", "德辉", "隆盛", "和顺", "伟业", "启航",
	"欣荣", "睿智", "远航", "翔宇", "腾飞", "同创", "安瑞", "金禾", "绿谷", "青峰", "云雾", "舒香",
	"梅河", "龙津", "飞霞", "南溪", "杭兴", "舒丰", "九华", "皖西", "大别", "江淮",
};

static const char *const social_types[] = {
	"社会工作服务中心", "养老服务中心", "青少年服务中心", "职业技能培训学校", "志愿服务中心",
	"社区发展服务中心", "康复服务中心", "家庭教育服务中心", "文化艺术培训学校", "公益服务中心",
};

static const char *const associations[] = {
	"舒城县物流行业协会", "舒城县电子信息行业协会", "舒城县预制菜产业协会", "舒城县餐饮行业协会",
	"舒城县快递行业协会", "舒城县道路运输协会", "舒城县个体劳动者协会", "舒城县总商会",
	"舒城县茶叶行业协会", "舒城县建筑业协会", "舒城县房地产业协会", "舒城县机动车维修行业协会",
	"舒城县家政服务行业协会", "舒城县电子商务协会", "舒城县浙江商会", "舒城县福建商会",
	"舒城县青年企业家商会", "舒城县女企业家商会", "舒城县舒席行业协会", "舒城县旅游协会",
};

static const char *const park_roads[] = {"春秋路", "创业大道", "科技大道", "兴业路", "经三路", "纬二路",
					 "工业大道", "滨河路"};
static const char *const city_roads[] = {"梅河路", "龙舒路", "鼓楼街", "春秋路", "三里河路", "古城路",
					 "城南路", "桃溪路"};
static const char *const town_roads[] = {"建设路", "人民路", "解放路", "新街", "工业路", "文化路"};

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
	int prof = grids[g].prof;
	if (prof == P_PARKMIX) {
		static const int mix[] = {P_ELEC, P_SMART, P_GREEN, P_OTHER, P_SMART, P_ELEC};
		prof = mix[rnd(d, 0, 5)];
	} else if (prof == P_TOWNMIX) {
		static const int mix[] = {P_NET, P_OTHER, P_GREEN, P_TRANS};
		prof = mix[rnd(d, 0, 3)];
	} else if (prof == P_RURAL) {
		static const int mix[] = {P_GREEN, P_TEA, P_OTHER, P_PREP, P_GREEN};
		prof = mix[rnd(d, 0, 4)];
	}
	const struct profile *p = &profiles[prof];
	o->prof = prof;
	do {
		const char *prefix = grid_in_park(g) ? (chance(d, 55) ? "安徽" : "舒城") : "舒城县";
		const char *word = PICK(d, words), *suffix = p->suffix[rnd(d, 0, 5)];
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
		snprintf(o->addr, sizeof o->addr, "舒城经济开发区%s%d号", PICK(d, park_roads), rnd(d, 1, 299));
	else if (strcmp(grids[g].parent, "SC-CG") == 0)
		snprintf(o->addr, sizeof o->addr, "舒城县城关镇%s%d号", PICK(d, city_roads), rnd(d, 1, 399));
	else
		snprintf(o->addr, sizeof o->addr, "舒城县%s%s%d号", grid_place(g), PICK(d, town_roads), rnd(d, 1, 199));
}

static void make_social(struct demo *d, struct dorg *o, int g)
{
	do {
		const char *word = PICK(d, words), *type = PICK(d, social_types);
		char shortn[sizeof o->shortn];
		snprintf(shortn, sizeof shortn, "%s%s", word, type);
		memcpy(o->shortn, shortn, sizeof shortn);
		snprintf(o->name, sizeof o->name, "舒城县%s", shortn);
	} while (name_used(d, o->name));
	o->employees = rnd(d, 4, 40);
	snprintf(o->addr, sizeof o->addr, "舒城县%s%s%d号", grid_place(g),
		 strcmp(grids[g].parent, "SC-CG") == 0 ? PICK(d, city_roads) : PICK(d, town_roads), rnd(d, 1, 199));
}

/* Creates the organisations in memory: kind, name, coverage by the grid
 * table, party organisation type, and the founding dates that make exactly
 * the figures' numbers of new party organisations since 2024. */
static void plan_orgs(struct demo *d)
{
	int ai = 0;
	for (int g = 0; g < NGRIDS; g++) {
		const struct dgrid *gr = &grids[g];
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
					snprintf(o->name, sizeof o->name, "%s", associations[ai++ % 20]);
					snprintf(o->shortn, sizeof o->shortn, "%s", o->name + strlen("舒城县"));
					o->employees = rnd(d, 3, 15);
					snprintf(o->addr, sizeof o->addr, "舒城县城关镇%s%d号", PICK(d, city_roads),
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
		const char *code = grids[o->grid].code;
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
	for (int i = 0; st == GW_OK && i < NTOWNS; i++) {
		snprintf(lon, sizeof lon, "%.3f", towns[i].lon);
		snprintf(lat, sizeof lat, "%.3f", towns[i].lat);
		const char *v[] = {towns[i].code, towns[i].name, "township", "SC", "", lon, lat};
		st = put(d, IK_GRID, v, towns[i].code);
	}
	static const char *const parks[][5] = {
		{"SC-KFQ", "舒城经济开发区", "SC", "116.980", "31.435"},
		{"SC-KFQ-DZ", "舒城经济开发区电子信息产业园", "SC-KFQ", "117.006", "31.423"},
		{"SC-KFQ-SP", "舒城经济开发区绿色食品产业园", "SC-KFQ", "116.968", "31.415"},
	};
	for (int i = 0; st == GW_OK && i < 3; i++) {
		const char *v[] = {parks[i][0], parks[i][1], "park", parks[i][2], "", parks[i][3], parks[i][4]};
		st = put(d, IK_GRID, v, parks[i][0]);
	}
	for (int g = 0; st == GW_OK && g < NGRIDS; g++) {
		snprintf(lon, sizeof lon, "%.3f", grids[g].lon);
		snprintf(lat, sizeof lat, "%.3f", grids[g].lat);
		const char *v[] = {grids[g].code, grids[g].name, "grid", grids[g].parent, grids[g].basis, lon, lat};
		st = put(d, IK_GRID, v, grids[g].code);
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
			o->code, o->name, kinds[o->kind], tags, o->kind == 0 ? profiles[o->prof].chain : "",
			grids[o->grid].code, o->addr, emp, mem, party[o->party_org],
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
	static const char *const steps[] = {
		"指导员每月上门走访一次，宣讲党的政策和组建党组织的意义",
		"摸清从业人员中党员底数，动员隐形党员亮明身份、转接组织关系",
		"从业务骨干中培养入党积极分子，年内推荐发展对象一名",
		"暂不具备单独组建条件的，先行纳入片区联合党支部开展活动",
		"选派党建工作指导员兼任党建联络员，帮助建立工会、共青团组织",
		"结合企业用工、融资需求开展“红色帮办”，以服务促覆盖",
	};
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
			 steps[a], steps[b]);
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
	int units[NGRIDS], pt[NGRIDS], rem[NGRIDS], total = 0;
	int extra = NINSTR - NGRIDS - NFULL_COUNTY - 2 * NGRIDS, given = 0;
	for (int g = 0; g < NGRIDS; g++)
		total += units[g] = grids[g].ent + grids[g].soc + grids[g].assoc;
	for (int g = 0; g < NGRIDS; g++) {
		pt[g] = 2 + extra * units[g] / total;
		rem[g] = extra * units[g] % total;
		given += pt[g] - 2;
	}
	for (; given < extra; given++) {
		int best = 0;
		for (int g = 1; g < NGRIDS; g++)
			if (rem[g] > rem[best])
				best = g;
		pt[best]++;
		rem[best] = -1;
	}
	for (int g = 0; g < NGRIDS; g++) {
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
		snprintf(gridsbuf, sizeof gridsbuf, "%s%s%s", grids[in->grid[0]].code, in->ngrids > 1 ? ";" : "",
			 in->ngrids > 1 ? grids[in->grid[1]].code : "");
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
	static const struct {
		int job, n;
		const char *platform;
	} mix[] = {
		{0, 80, "美团"}, {0, 60, "饿了么"}, {1, 20, "顺丰"}, {1, 18, "中通"}, {1, 14, "京东"},
		{1, 10, "圆通"}, {1, 10, "韵达"},   {1, 8, "极兔"},  {2, 26, "滴滴"}, {2, 10, "曹操出行"},
		{3, 12, "货拉拉"},
	};
	/* Where workers report: the county town's communities most. */
	static const struct {
		const char *code;
		int weight;
	} where[] = {
		{"SC-CG-G01", 30}, {"SC-CG-G02", 30}, {"SC-KFQ-G01", 8}, {"SC-KFQ-G02", 6},
		{"SC-HB-G03", 10}, {"SC-HB-G01", 4},  {"SC-QRQ-G01", 4}, {"SC-BSM-G01", 2},
		{"SC-TX-G01", 3},  {"SC-GCH-G01", 3},
	};
	int n = 0;
	for (size_t m = 0; m < sizeof mix / sizeof mix[0]; m++)
		for (int k = 0; k < mix[m].n && n < NWORKERS; k++) {
			struct dworker *w = &d->wk[n++];
			memset(w, 0, sizeof *w);
			w->job = mix[m].job;
			w->platform = mix[m].platform;
			new_name(d, chance(d, w->job == 0 ? 8 : 5), w->name);
			new_phone(d, 0, w->phone);
			int r = rnd(d, 0, 99), acc = 0;
			for (size_t j = 0; j < sizeof where / sizeof where[0]; j++) {
				acc += where[j].weight;
				if (r < acc) {
					w->grid = grid_index(where[j].code);
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
				   grids[w->grid].code, roles};
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
			struct party_member_in in = {name, phone, o->code, grids[o->grid].code, park, mobile, joined};
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
	const char *v[] = {"", title, desc, cat, src, grids[grid].code, org ? org : "", rep, rep_phone,
			   strcmp(status, "new") == 0 ? "" : dept(d, department),
			   instr >= 0 ? d->ins[instr].phone : "", status, created, resolved};
	d->nticket++;
	return put(d, IK_TICKET, v, title);
}

struct cat_text {
	const char *cat, *dept;
	const char *title[4];
	const char *desc;
};

/* Red assistance (红色帮办) at the guidance stations. */
static const struct cat_text ent_cats[] = {
	{"land_approval", "县自然资源和规划局",
	 {"%s新建厂房用地审批协调", "%s二期扩建项目用地报批", "%s工业用地规划条件调整", "%s厂房不动产权证办理"},
	 "%s反映：企业扩大产能需新增工业用地，报批材料已提交，审批进度较慢。指导站收集后转县自然资源和规划局会商，明确办理时限。"},
	{"env_acceptance", "市生态环境局舒城分局",
	 {"%s建设项目竣工环保验收", "%s排污许可证变更办理", "%s废气治理设施验收协调", "%s环评批复手续咨询"},
	 "%s反映：新建生产线已试运行，需办理环境保护验收，对验收流程和监测要求不熟悉。指导员陪同对接市生态环境局舒城分局，现场指导整改。"},
	{"financing", "县财政局",
	 {"%s流动资金贷款需求对接", "%s技改项目融资需求", "%s申请“红色信贷”授信", "%s设备购置贷款贴息咨询"},
	 "%s反映：订单增长，原材料采购资金周转紧张。指导站组织“银行+政府+企业”对接，协调金融机构上门服务。"},
	{"recruitment", "县人力资源和社会保障局",
	 {"%s一线操作工招聘缺口", "%s技术工人招聘难", "%s旺季用工短缺", "%s申请举办招聘专场"},
	 "%s反映：新增订单需扩招一线员工，本地招工渠道有限。县人力资源和社会保障局组织专场招聘，并通过乡镇发布岗位信息。"},
	{"talent", "县委人才办",
	 {"%s研发人才引进补贴申报", "%s技术骨干住房保障", "%s高校毕业生见习基地申报", "%s人才公寓申请"},
	 "%s反映：企业引进研发技术人员，需了解人才政策和住房补贴申报条件。县委人才办上门解读政策并指导申报。"},
	{"project_landing", "舒城经济开发区管委会",
	 {"%s新建项目施工许可办理", "%s项目水电气接入协调", "%s新厂区配套道路建设", "%s项目开工前置手续协调"},
	 "%s反映：新建项目已签约落地，水、电、气等要素保障需协调。开发区管委会召开专题调度会，明确责任单位和完成时限。"},
};
static const int ent_cat_count[] = {20, 16, 15, 14, 10, 12};   /* = 87, land and environment first */

/* Secretary help days, workshop talks, worker councils. */
static const struct cat_text worker_cats[] = {
	{"housing", "县住房和城乡建设局",
	 {"%s职工公寓改造", "%s外地职工住宿困难", "%s职工宿舍空调热水维修", "%s夫妻职工宿舍申请"},
	 "%s职工在%s上反映宿舍紧张、设施老化。企业党组织书记牵头，协调纳入园区职工公寓改造计划。"},
	{"schooling", "县教育体育局",
	 {"%s职工子女就近入学", "%s外地职工子女转学", "%s职工子女入园难", "%s职工子女暑期托管"},
	 "%s职工在%s上反映随迁子女入学困难。县教育体育局按就近原则统筹安排学位。"},
	{"other", "县总工会",
	 {"%s职工通勤班车开通", "%s职工食堂就餐改善", "%s厂区周边夜间照明不足", "%s职工技能等级认定"},
	 "%s职工在%s上提出诉求，企业党组织会同相关部门研究解决，结果在职工大会上反馈。"},
};
static const int worker_cat_count[] = {32, 29, 22};   /* = 83 */

static const char *const job_zh[] = {"外卖骑手", "快递员", "网约车司机", "货车司机"};
static const char *const rights_titles[] = {
	"%s反映所在站点拖欠劳动报酬", "%s反映未参加工伤保险", "%s咨询交通事故工伤认定",
	"%s反映平台超时罚款过重", "%s反映站点扣押押金不退", "%s反映未签订劳动合同",
	"%s申请法律援助追讨欠薪", "%s反映节假日加班费未足额发放",
};
static const char *const places[] = {"梅河湾小区", "龙津花园", "春秋嘉苑", "城南新村", "鼓楼小区",
				     "凤凰城小区", "桃溪人家", "万达广场"};

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
	int n = (int)(sizeof ent_cats / sizeof ent_cats[0]);
	for (int c = 0; c < n; c++)
		for (int k = 0; st == GW_OK && k < ent_cat_count[c] + (c % 2 == 0); k++) {
			/* One more per second category stays open: 3 of 6 not yet done. */
			const struct cat_text *t = &ent_cats[c];
			const struct dorg *o = some_enterprise(d, 75, 0);
			snprintf(title, sizeof title, t->title[rnd(d, 0, 3)], o->shortn);
			snprintf(desc, sizeof desc, t->desc, o->name);
			st = put_ticket(d, title, desc, t->cat, "guidance_station", o->grid, o->code, o->contact,
					o->phone, t->dept, o->instr, k == ent_cat_count[c]);
		}
	static const char *const src[] = {"secretary_day", "workshop_talk", "worker_council"};
	static const char *const src_zh[] = {"“书记帮办日”", "车间恳谈会", "职工议事厅"};
	n = (int)(sizeof worker_cats / sizeof worker_cats[0]);
	for (int c = 0; c < n; c++)
		for (int k = 0; st == GW_OK && k < worker_cat_count[c] + 2; k++) {
			const struct cat_text *t = &worker_cats[c];
			const struct dorg *o = some_enterprise(d, 80, 50);
			int s = rnd(d, 0, 2);
			char rep[16], phone[12];
			new_name(d, chance(d, 40), rep);
			new_phone(d, 0, phone);
			snprintf(title, sizeof title, t->title[rnd(d, 0, 3)], o->shortn);
			snprintf(desc, sizeof desc, t->desc, o->name, src_zh[s]);
			st = put_ticket(d, title, desc, t->cat, src[s], o->grid, o->code, rep, phone,
					c == 2 && grid_in_park(o->grid) ? "舒城经济开发区管委会" : t->dept, o->instr,
					k >= worker_cat_count[c]);
		}
	return st;
}

static enum gw_status put_worker_tickets(struct demo *d)
{
	enum gw_status st = GW_OK;
	char title[256], desc[512];
	static const char *const rights_depts[] = {"县人力资源和社会保障局", "县人力资源和社会保障局",
						   "县总工会", "县司法局"};
	static const char *const rights_src[] = {"phone", "phone", "visit", "rider_report"};
	for (int k = 0; st == GW_OK && k < demo_figures.labor_rights + 4; k++) {
		const struct dworker *w = some_worker(d, 0, 0);
		snprintf(title, sizeof title, PICK(d, rights_titles), job_zh[w->job]);
		snprintf(desc, sizeof desc, "%s%s（%s平台）反映上述问题。承办部门核实后督促用工单位依法整改，"
			 "并告知其劳动权益维护途径。", job_zh[w->job], w->name, w->platform);
		st = put_ticket(d, title, desc, "labor_rights", PICK(d, rights_src), w->grid, NULL, w->name,
				w->phone, PICK(d, rights_depts), d->grid_ft[w->grid] + 1,
				k >= demo_figures.labor_rights);
	}
	/* Safe riders as mobile sentinels; food-safety reports from the supervisors. */
	static const struct cat_text rider_cats[] = {
		{"traffic", "县公安局交通管理大队",
		 {"%s与%s交叉口信号灯故障", "%s非机动车道被违停车辆占用", "%s路段两车剐蹭致交通拥堵",
		  "%s路口夜间照明不足易发事故"}, ""},
		{"dispute", "县司法局",
		 {"%s门岗禁止骑手进入引发争执", "顾客与骑手因超时配送在%s发生纠纷", "%s快递柜超时收费引发纠纷",
		  "%s商户与骑手因出餐慢发生口角"}, ""},
		{"safety_hazard", "县应急管理局",
		 {"%s楼道电动车违规充电", "%s人行道井盖破损", "%s沿街广告牌松动", "%s消防通道被占用"}, ""},
		{"food_safety", "县市场监督管理局",
		 {"%s一餐饮店后厨卫生状况差", "%s一外卖商家疑似无证经营", "%s一奶茶店使用过期原料",
		  "%s一餐饮店餐具未消毒"}, ""},
	};
	static const int rider_count[] = {16, 10, 12, 4};
	for (int c = 0; c < 4; c++)
		for (int k = 0; st == GW_OK && k < rider_count[c]; k++) {
			const struct cat_text *t = &rider_cats[c];
			const struct dworker *w = some_worker(d, c != 3, c == 3);
			const char *where = c == 0 ? PICK(d, city_roads) : PICK(d, places);
			snprintf(title, sizeof title, t->title[rnd(d, 0, 3)], where, PICK(d, city_roads));
			snprintf(desc, sizeof desc, "%s%s（%s%s）通过“平安骑手”随手拍上报：%s。", c == 3 ? "食品安全监督员" : "平安骑手",
				 w->name, w->platform, job_zh[w->job], title);
			st = put_ticket(d, title, desc, t->cat, "rider_report", w->grid, NULL, w->name, w->phone,
					t->dept, d->grid_ft[w->grid], chance(d, 20));
		}
	return st;
}

/* ---- warm-heart stations ------------------------------------------------------ */

static enum gw_status put_stations(struct demo *d)
{
	static const struct {
		const char *name, *host, *grid, *addr;
	} st_list[] = {
		{"梅河社区暖心驿站", "社区党群服务中心", "SC-CG-G01", "城关镇梅河路社区党群服务中心一楼"},
		{"鼓楼社区暖心驿站", "社区党群服务中心", "SC-CG-G02", "城关镇鼓楼街社区党群服务中心"},
		{"龙舒社区暖心驿站", "社区党群服务中心", "SC-CG-G01", "城关镇龙舒路社区党群服务中心"},
		{"城北社区暖心驿站", "社区党群服务中心", "SC-CG-G02", "城关镇城北社区党群服务中心"},
		{"飞霞社区暖心驿站", "社区党群服务中心", "SC-CG-G01", "城关镇飞霞社区党群服务中心"},
		{"杭埠镇中心社区暖心驿站", "社区党群服务中心", "SC-HB-G03", "杭埠镇杭埠大道中心社区"},
		{"千人桥镇集镇社区暖心驿站", "社区党群服务中心", "SC-QRQ-G01", "千人桥镇建设路社区党群服务中心"},
		{"百神庙镇社区暖心驿站", "社区党群服务中心", "SC-BSM-G01", "百神庙镇人民路社区党群服务中心"},
		{"桃溪镇社区暖心驿站", "社区党群服务中心", "SC-TX-G01", "桃溪镇解放路社区党群服务中心"},
		{"干汊河镇社区暖心驿站", "社区党群服务中心", "SC-GCH-G01", "干汊河镇新街社区党群服务中心"},
		{"万达广场舒新城市驿站", "城市驿站", "SC-CG-G03", "城关镇万达广场东门"},
		{"飞霞舒新城市驿站", "城市驿站", "SC-CG-G01", "城关镇飞霞路口"},
		{"梅河公园舒新城市驿站", "城市驿站", "SC-CG-G01", "城关镇梅河公园南门"},
		{"龙舒公园舒新城市驿站", "城市驿站", "SC-CG-G02", "城关镇龙舒公园西侧"},
		{"汽车站舒新城市驿站", "城市驿站", "SC-CG-G05", "城关镇舒城汽车站旁"},
		{"县人民医院舒新城市驿站", "城市驿站", "SC-CG-G02", "城关镇县人民医院北侧"},
		{"三里河舒新城市驿站", "城市驿站", "SC-CG-G04", "城关镇三里河路"},
		{"开发区舒新城市驿站", "城市驿站", "SC-KFQ-G01", "舒城经济开发区创业大道"},
		{"县总工会户外劳动者驿站", "工会驿站", "SC-CG-G02", "城关镇古城路县总工会一楼"},
		{"开发区工会驿站", "工会驿站", "SC-KFQ-G02", "舒城经济开发区科技大道管委会旁"},
		{"电子信息产业园工会驿站", "工会驿站", "SC-KFQ-DZ-G02", "电子信息产业园综合服务楼"},
		{"绿色食品产业园工会驿站", "工会驿站", "SC-KFQ-SP-G02", "绿色食品产业园职工之家"},
		{"杭埠镇工会驿站", "工会驿站", "SC-HB-G01", "杭埠镇工业集中区服务中心"},
		{"顺丰速运舒城营业部工会驿站", "工会驿站", "SC-CG-G08", "城关镇城南路顺丰营业部"},
		{"中通快递舒城分拨中心工会驿站", "工会驿站", "SC-CG-G08", "城关镇桃溪路中通分拨中心"},
	};
	static const char *const hours[] = {"08:00-20:00", "08:30-17:30", "07:30-21:00", "全天"};
	enum gw_status st = GW_OK;
	for (size_t i = 0; st == GW_OK && i < sizeof st_list / sizeof st_list[0]; i++) {
		char addr[160], services[128], lon[16], lat[16];
		int g = grid_index(st_list[i].grid);
		snprintf(addr, sizeof addr, "舒城县%s", st_list[i].addr);
		snprintf(services, sizeof services, "rest;water%s%s%s%s%s", chance(d, 80) ? ";shelter" : "",
			 chance(d, 30) ? ";meals" : "", chance(d, 75) ? ";charging" : "",
			 chance(d, 60) ? ";meal_heating" : "", chance(d, 70) ? ";first_aid" : "");
		snprintf(lon, sizeof lon, "%.5f", grids[g].lon + rnd(d, -300, 300) / 100000.0);
		snprintf(lat, sizeof lat, "%.5f", grids[g].lat + rnd(d, -300, 300) / 100000.0);
		const char *host = st_list[i].host;
		const char *v[] = {st_list[i].name, st_list[i].grid, addr, host, services,
				   hours[strcmp(host, "城市驿站") == 0 ? 3 : rnd(d, 0, 2)], lon, lat};
		st = put(d, IK_STATION, v, st_list[i].name);
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
	static const char *const trainings[][3] = {
		{"新就业群体交通安全骑行培训", "县公安局交通管理大队", "SC-CG-G03"},
		{"外卖骑手食品安全知识培训", "县市场监督管理局", "SC-CG-G03"},
		{"快递员职业技能提升培训", "县邮政管理局", "SC-CG-G08"},
		{"网约车司机服务规范培训", "县交通运输局", "SC-CG-G05"},
		{"新业态劳动者应急救护培训", "县总工会", "SC-CG-G01"},
		{"骑手消防安全与电动车充电安全培训", "县应急管理局", "SC-CG-G03"},
		{"新就业群体劳动法律知识讲座", "县司法局", "SC-CG-G02"},
		{"电子商务直播营销技能培训", "县人力资源和社会保障局", "SC-CG-G04"},
		{"中式烹调师（预制菜方向）技能培训", "县人力资源和社会保障局", "SC-KFQ-SP-G01"},
		{"电子装配工技能培训", "县人力资源和社会保障局", "SC-KFQ-DZ-G01"},
		{"叉车司机上岗培训", "县人力资源和社会保障局", "SC-KFQ-G03"},
		{"快递业务员职业技能等级认定培训", "县邮政管理局", "SC-CG-G08"},
		{"外卖骑手心理健康讲座", "舒城新业态公益联盟", "SC-CG-G03"},
		{"网约配送员职业技能培训", "县人力资源和社会保障局", "SC-CG-G03"},
		{"新就业群体安全生产月专题培训", "县应急管理局", "SC-CG-G02"},
		{"货车司机道路运输安全培训", "县交通运输局", "SC-CG-G05"},
		{"电工技能提升培训", "县人力资源和社会保障局", "SC-KFQ-G01"},
		{"舒城小兰花茶加工技艺培训", "县人力资源和社会保障局", "SC-SCZ-G01"},
		{"新业态劳动者权益保障政策宣讲", "县总工会", "SC-CG-G01"},
		{"平安骑手交通劝导员培训", "县公安局交通管理大队", "SC-CG-G03"},
	};
	int n = (int)(sizeof trainings / sizeof trainings[0]), pt[20], sum = 0;
	for (int i = 0; i < n; i++)
		sum += pt[i] = rnd(d, 70, 140);
	for (int i = 0; sum != demo_figures.training_person_times; i = (i + 1) % n) {
		int step = sum < demo_figures.training_person_times ? 1 : -1;
		if (pt[i] + step >= 30)
			pt[i] += step, sum += step;
	}
	enum gw_status st = GW_OK;
	for (int i = 0; st == GW_OK && i < n; i++)
		st = add_activity(d, "training", trainings[i][0], spread_day(d, i, n), trainings[i][2],
				  trainings[i][1], pt[i], NULL);
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
			st = add_activity(d, kinds[k], title, spread_day(d, i, counts[k]), grids[o->grid].code,
					  organiser, rnd(d, 15, 60), NULL);
		}
	}
	static const char *const joint[][3] = {
		{"产业链党建联席会议第一次全体会议", "县委社会工作部", ""},
		{"电子信息产业链党建联席会议", "电子信息产业链行业党委", "SC-KFQ-DZ-G01"},
		{"预制菜产业链党建联席会议", "预制菜产业链行业党委", "SC-KFQ-SP-G01"},
		{"新就业群体服务保障联席会议", "县委社会工作部", "SC-CG-G03"},
		{"产业链党建联席会议第二次全体会议", "县委社会工作部", ""},
		{"网约配送行业党建联席会议", "网约配送行业党委", "SC-CG-G03"},
	};
	for (int i = 0; st == GW_OK && i < 6; i++)
		st = add_activity(d, "joint_meeting", joint[i][0], spread_day(d, i, 6), joint[i][2], joint[i][1],
				  rnd(d, 18, 40), NULL);
	static const char *const match[] = {
		"绿色食品与智能制造产业链对接会（第一场）", "绿色食品与智能制造产业链对接会（第二场）",
		"绿色食品与智能制造产业链对接会（第三场）", "绿色食品与智能制造产业链对接会（第四场）",
		"“银行+政府+企业”融资对接会", "链上企业招才引智对接会",
	};
	long match_day[4];
	for (int i = 0; st == GW_OK && i < 6; i++) {
		long day = spread_day(d, i % 4, 4) + (i >= 4 ? 20 : 0);
		if (i < 4)
			match_day[i] = day;
		st = add_activity(d, "matchmaking", match[i], day, i < 4 ? "SC-KFQ-SP-G02" : "SC-KFQ-G01",
				  i < 4 ? "县委社会工作部" : "舒城经济开发区管委会", rnd(d, 60, 150),
				  i < 4 ? d->matchmaking[i] : NULL);
	}
	if (st != GW_OK)
		return st;

	/* Projects between green-food and smart-manufacturing firms, each pair once. */
	static const char *const topics[][2] = {
		{"茶叶智能化加工生产线", "智能装备"},   {"绿色食品自动包装线改造", "包装自动化"},
		{"冷链仓储智能温控系统", "冷链物流"},   {"农产品智能分拣设备研发", "智能装备"},
		{"食品加工数字化车间建设", "数字化改造"}, {"食品异物视觉检测设备应用", "检测技术"},
		{"粮油烘干设备节能改造", "节能改造"},   {"预制菜杀菌设备联合研制", "智能装备"},
	};
	int green[MAX_ORGS], smart[MAX_ORGS], ng = 0, ns = 0, pairs[64][2];
	for (int i = 0; i < d->norg; i++) {
		if (d->org[i].kind != 0)
			continue;
		if (d->org[i].prof == P_GREEN || d->org[i].prof == P_TEA)
			green[ng++] = i;
		else if (d->org[i].prof == P_SMART)
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
		snprintf(title, sizeof title, "%s与%s%s合作项目", d->org[a].shortn, d->org[b].shortn, topics[t][0]);
		long day = match_day[m] + rnd(d, 0, 60), today = demo_today();
		fmt_date(day < today ? day : today, signed_on);
		struct coop_project_in in = {title, d->org[a].code, d->org[b].code, topics[t][1],
					     d->matchmaking[m], signed_on};
		st = coop_project_add(d->gw, &in, NULL, d->err);
		if (st != GW_OK)
			gw_err_prefix(d->err, "%s", title);
	}

	/* Red credit for model enterprises: standalone party organisations,
	 * above-scale ones first. */
	static const long long millions[] = {30, 25, 20, 20, 18, 16, 15, 15, 14, 12, 12, 10, 10, 8, 5};
	static const char *const banks[] = {"舒城农商银行", "中国农业银行舒城县支行", "中国建设银行舒城支行",
					    "徽商银行舒城支行", "中国邮政储蓄银行舒城县支行", "中国工商银行舒城支行"};
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
		struct credit_grant_in in = {o->code, PICK(d, banks), millions[k] * 1000000LL, granted};
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
