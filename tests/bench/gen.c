/* gen.c - a county far larger than Shucheng, as the contract's CSV files,
 * for the benchmark (make bench).  Deterministic: the same seed writes the
 * same files.
 *
 *   gen OUTDIR [DIVISOR]
 *
 * writes grids.csv (1,000), orgs.csv (100,000), instructors.csv (20,000),
 * workers.csv (200,000), tickets.csv (1,000,000) and stations.csv (200);
 * DIVISOR (default 1) divides every count but the grids'.  Names are drawn
 * from the commonest surnames (polyphonic ones included) and given-name
 * characters; companies from place, trade name, trade and form; ticket
 * titles from the article's kinds of problems. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

static int below(int n) { return (int)(rnd() % (uint32_t)n); }

/* Picks one of a space-separated list. */
struct list {
	const char *src;
	const char *w[600];
	int len[600];
	int n;
};

static void list_init(struct list *l)
{
	const char *p = l->src;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *e = strchr(p, ' ');
		if (!e)
			e = p + strlen(p);
		l->w[l->n] = p;
		l->len[l->n++] = (int)(e - p);
		p = e;
	}
}

static void put(FILE *f, struct list *l)
{
	int i = below(l->n);
	fwrite(l->w[i], 1, (size_t)l->len[i], f);
}

/* Weighted towards the front: the commonest first. */
static void put_skewed(FILE *f, struct list *l)
{
	int i = below(l->n), j = below(l->n);
	i = i < j ? i : j;
	fwrite(l->w[i], 1, (size_t)l->len[i], f);
}

static struct list surnames = {
	"王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 "
	"彭 曾 肖 田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 "
	"石 廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 "
	"万 钱 严 覃 武 戴 莫 孔 向 汤 单 解 仇 朴 区 查 乐 翟 缪 盖 欧阳 司马 诸葛 上官", {0}, {0}, 0};
static struct list given = {
	"伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 涛 明 超 秀 英 华 霞 平 刚 桂 兰 玉 萍 红 娟 建 文 "
	"辉 力 鹏 斌 宇 浩 凯 丹 婷 雪 琳 晶 燕 飞 波 鑫 亮 宁 峰 俊 帅 旭 佳 欣 怡 悦 梅 莉 倩 颖 "
	"志 国 海 林 清 春 东 晓 永 德 成 新 荣 龙 祥 发 福 生 金 富 贵 庆 和 安 宏 瑞 振 家 子 "
	"泽 雨 思 梓 涵 睿 博 轩 然 诗 嘉 晨 昊 天 一 航 铭 慧 君 琴 云 莹 蕾 璐 露 珊 薇 凤 洁 "
	"长 行 重 朝 乐 和 传", {0}, {0}, 0};
static struct list towns = {
	"城关镇 杭埠镇 千人桥镇 百神庙镇 桃溪镇 万佛湖镇 张母桥镇 五显镇 山七镇 河棚镇 汤池镇 "
	"春秋乡 柏林乡 棠树乡 阙店乡 高峰乡 庐镇乡 晓天镇 南港镇 干汊河镇 舒茶镇", {0}, {0}, 0};
static const char *const town_codes[] = {
	"CG", "HB", "QRQ", "BSM", "TX", "WFH", "ZMQ", "WX", "SQ", "HP", "TC",
	"CQ", "BL", "TS", "QD", "GF", "LZ", "XT", "NG", "GCH", "SCZ"};
static struct list communities = {
	"梅河 鼓楼 龙舒 桃溪 春秋 凤凰 丰乐 古城 南溪 七里河 杭埠 三岔 龙潭 晓天 白马 万佛 "
	"城东 城西 城南 城北 新华 幸福 和平 光明 胜利 团结 红星 向阳 东方 前进", {0}, {0}, 0};
static struct list roads = {
	"梅河路 鼓楼街 桃溪路 龙舒路 春秋路 舒城大道 杭埠大道 经三路 纬二路 城关路 "
	"南溪路 古城路 万佛湖路 振兴路 工业园路 创业路 科技路 人民路 解放路 建设路", {0}, {0}, 0};
static struct list trade = {
	"华 鑫 鼎 泰 精 恒 达 盛 源 宏 远 科 信 诚 德 安 康 金 银 瑞 丰 利 宝 通 明 光 中 天 "
	"新 创 卓 越 博 雅 欣 荣 昌 兴 隆 益 佳 美 奇 合 顺 祥 福 嘉 誉 晟 皓 骏 翔 腾 舒 龙 凤 "
	"长 行 重 乐 朝", {0}, {0}, 0};
static struct list trades = {
	"精密仪器 电子科技 食品 预制菜 物流 网络科技 新材料 服装 建材 汽车零部件 农业开发 "
	"人力资源 家具 包装 机械制造 医药 电器 光电 信息技术 餐饮管理 茶业 纺织 塑业 "
	"智能装备 环保科技 供应链管理 电子商务 建筑工程 劳务派遣 印务 绿色食品 粮油 竹木制品",
	{0}, {0}, 0};
static struct list forms = {
	"有限公司 有限公司 有限公司 有限责任公司 股份有限公司 科技有限公司", {0}, {0}, 0};
static struct list societies = {
	"个体劳动者协会 物流协会 餐饮行业协会 电子商务协会 青年创业协会 茶叶协会 "
	"志愿者协会 社会工作服务中心 养老服务中心 外卖骑手之家 快递行业协会", {0}, {0}, 0};
static struct list chambers = {
	"商会 工商联合会 温州商会 浙江商会 江苏商会 青年商会 女企业家商会", {0}, {0}, 0};
static struct list platforms = {"美团 饿了么 顺丰 京东 中通 圆通 滴滴 货拉拉 闪送 韵达", {0}, {0}, 0};
static struct list units = {
	"县委社会工作部 县委组织部 县市场监督管理局 县人力资源和社会保障局 县总工会 "
	"舒城经济开发区管委会 县交通运输局 县邮政管理局 县委统战部 县工商联", {0}, {0}, 0};
static const char *const depts[] = {
	"县委社会工作部", "县委人才办", "县自然资源和规划局", "市生态环境局舒城分局", "县财政局",
	"县人力资源和社会保障局", "舒城经济开发区管委会", "县住房和城乡建设局", "县教育体育局",
	"县公安局交通管理大队", "县司法局", "县应急管理局", "县市场监督管理局", "县交通运输局",
	"县总工会", "县邮政管理局"};

/* Ticket titles by category (index = the contract's category order). */
static const char *const categories[] = {
	"land_approval", "env_acceptance", "financing", "recruitment", "talent",
	"project_landing", "labor_rights", "housing", "schooling", "traffic", "dispute",
	"safety_hazard", "food_safety", "other"};
static const char *const title_tpl[14][3] = {
	{"%O用地审批进度咨询", "%O厂房扩建用地手续办理", "%O项目用地规划调整"},
	{"%O环评验收材料指导", "%O环保设施验收申请", "%O排污许可办理咨询"},
	{"%O申请红色信贷", "%O流动资金周转困难", "%O技改项目融资需求"},
	{"%O急需招聘技术工人", "%O春季用工缺口", "%O招聘普工困难"},
	{"%O高层次人才引进政策咨询", "%O技术人才落户问题", "%O人才公寓申请"},
	{"%O新项目落地协调", "%O设备进场受阻", "%O二期项目开工协调"},
	{"骑手%N反映工资拖欠", "%N反映劳动合同纠纷", "%N反映加班费未支付"},
	{"%O职工宿舍改造", "%N职工住房困难申请", "%O宿舍热水供应不足"},
	{"%N子女入学咨询", "%N子女就近入学申请", "外来务工人员%N子女转学"},
	{"%R与%R路口交通事故", "%R电动车违规停放", "%R信号灯故障"},
	{"%C社区邻里纠纷", "%R配送站与商户矛盾", "%N与平台派单纠纷"},
	{"%R井盖缺失", "%O消防通道堵塞", "%C小区电动车楼道充电"},
	{"%R餐馆后厨卫生问题", "%C社区食堂食材过期", "%R外卖商户无证经营"},
	{"%R路灯损坏", "%C社区暖心驿站饮水机故障", "%R绿化带垃圾堆积"},
};
static const char *const sources[] = {
	"guidance_station", "secretary_day", "workshop_talk", "worker_council", "rider_report",
	"phone", "visit"};
static const char *const statuses[] = {
	"closed", "closed", "closed", "resolved", "resolved", "in_progress", "accepted", "new",
	"on_hold", "returned"};
static const char *const desc_parts[] = {
	"经网格指导员现场核实，情况属实。", "当事人多次反映，希望尽快协调解决。",
	"涉及多个部门，需要联席会议研究。", "已联系相关企业负责人了解情况。",
	"群众反映强烈，请承办部门抓紧办理。", "问题由红色帮办代办员收集上报。",
	"骑手在配送途中发现并通过平台上报。", "书记帮办日现场收集，已登记在册。",
	"车间恳谈会上职工集中反映此问题。", "职工议事厅讨论后形成处理意见。"};

static void name(FILE *f)
{
	put_skewed(f, &surnames);
	put_skewed(f, &given);
	if (below(3))
		put(f, &given);
}

/* Unique 11-digit mobiles: prefix + a permutation of 0..10^8-1. */
static void mobile(FILE *f, const char *prefix, long i)
{
	long v = (i * 48271L + 12345L) % 100000000L;
	fprintf(f, "%s%08ld", prefix, v);
}

static const char credit_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static void credit_code(char out[19], long i)
{
	static const int w[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
	memcpy(out, "91341523MA", 10);
	long v = (i * 7919L + 104729L) % (31L * 31 * 31 * 31 * 31 * 31 * 31);
	for (int k = 16; k >= 10; k--) {
		out[k] = credit_chars[v % 31];
		v /= 31;
	}
	int sum = 0;
	for (int k = 0; k < 17; k++)
		sum += (int)(strchr(credit_chars, out[k]) - credit_chars) * w[k];
	int c = 31 - sum % 31;
	out[17] = credit_chars[c == 31 ? 0 : c];
	out[18] = '\0';
}

/* Grid codes: SC, SC-<town>, SC-<town>-G<nnn>; parks SC-KFQ, SC-HBKFQ. */
#define NTOWN 21
#define NGRIDS 1000
static char grid_code[NGRIDS][24];
static int ngrid_leaf;
static char leaf_code[NGRIDS][24];

static FILE *open_out(const char *dir, const char *file, const char *header)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	fputs(header, f);
	return f;
}

static void gen_grids(const char *dir)
{
	FILE *f = open_out(dir, "grids.csv", "code,name,level,parent_code,basis\n");
	int n = 0;
	fprintf(f, "SC,舒城县,county,,\n");
	snprintf(grid_code[n++], 24, "SC");
	static const char *const parks[][2] = {{"KFQ", "舒城经济开发区"}, {"HBKFQ", "杭埠经济开发区"}};
	for (int p = 0; p < 2; p++) {
		fprintf(f, "SC-%s,%s,park,SC,\n", parks[p][0], parks[p][1]);
		snprintf(grid_code[n++], 24, "SC-%s", parks[p][0]);
	}
	for (int t = 0; t < NTOWN; t++) {
		fprintf(f, "SC-%s,", town_codes[t]);
		fwrite(towns.w[t], 1, (size_t)towns.len[t], f);
		fprintf(f, ",township,SC,\n");
		snprintf(grid_code[n++], 24, "SC-%s", town_codes[t]);
	}
	int parents = n;
	for (int g = 0; n < NGRIDS; g++) {
		int p = 1 + g % (parents - 1);
		const char *pc = grid_code[p];
		int seq = g / (parents - 1) + 1;
		fprintf(f, "%s-G%03d,", pc, seq);
		if (p <= 2) {
			fprintf(f, p == 1 ? "舒城经开区" : "杭埠经开区");
			put(f, &trades);
			fprintf(f, "产业链网格%d,grid,%s,chain\n", seq, pc);
		} else {
			const struct list *tw = &towns;
			fwrite(tw->w[p - 3], 1, (size_t)tw->len[p - 3], f);
			if (seq % 5 == 0) {
				put(f, &trades);
				fprintf(f, "行业网格,grid,%s,industry\n", pc);
			} else {
				put(f, &communities);
				fprintf(f, "社区第%d网格,grid,%s,region\n", seq, pc);
			}
		}
		snprintf(grid_code[n], 24, "%s-G%03d", pc, seq);
		snprintf(leaf_code[ngrid_leaf++], 24, "%s", grid_code[n]);
		n++;
	}
	fclose(f);
}

static const char *leaf(void) { return leaf_code[below(ngrid_leaf)]; }

static void gen_orgs(const char *dir, long n)
{
	FILE *f = open_out(dir, "orgs.csv",
			   "credit_code,name,kind,tags,chain,grid_code,address,employees,party_members,"
			   "party_org,party_org_since,contact,phone\n");
	for (long i = 0; i < n; i++) {
		char cc[19];
		credit_code(cc, i);
		int r = below(100);
		const char *kind = r < 88 ? "enterprise" : r < 95 ? "social_org" : "association";
		fprintf(f, "%s,", cc);
		if (kind[0] == 'e') {
			if (below(3) == 0)
				fputs(below(2) ? "安徽" : "舒城县", f);
			put(f, &trade);
			put(f, &trade);
			put(f, &trades);
			put(f, &forms);
		} else if (kind[0] == 's') {
			fputs("舒城县", f);
			put(f, &communities);
			put(f, &societies);
		} else {
			fputs("舒城县", f);
			put(f, &trade);
			put(f, &trades);
			put(f, &chambers);
		}
		const char *po = below(10) < 6 ? (below(3) ? "standalone" : below(2) ? "joint" : "affiliated")
					       : "none";
		fprintf(f, ",%s,%s,,%s,", kind, kind[0] == 'e' && below(4) == 0 ? "above_scale" : "", leaf());
		put(f, &roads);
		fprintf(f, "%d号,%d,%d,%s,", 1 + below(300), 5 + below(500), below(30), po);
		if (po[0] != 'n')
			fprintf(f, "20%02d-%02d-%02d", 10 + below(14), 1 + below(12), 1 + below(28));
		fputc(',', f);
		name(f);
		fputc(',', f);
		if (below(3))
			mobile(f, "177", i);
		else
			fprintf(f, "0564-%07d", 2000000 + below(8000000));
		fputc('\n', f);
	}
	fclose(f);
}

static void gen_instructors(const char *dir, long n, long norgs)
{
	FILE *f = open_out(dir, "instructors.csv", "name,phone,gender,unit,role,grid_codes,org_codes,status\n");
	for (long i = 0; i < n; i++) {
		name(f);
		fputc(',', f);
		mobile(f, "138", i);
		fprintf(f, ",%s,", below(2) ? "male" : "female");
		put(f, &units);
		fprintf(f, ",%s,", i % 3 == 0 ? "full_time" : "part_time");
		/* Each grid gets about one full-time and two part-time instructors
		 * first; the rest spread at random. */
		int ng = 1 + (below(4) == 0);
		for (int g = 0; g < ng; g++)
			fprintf(f, "%s%s", g ? ";" : "", g == 0 && i / 3 < ngrid_leaf ? leaf_code[i / 3] : leaf());
		fputc(',', f);
		int no = below(4);
		for (int o = 0; o < no; o++) {
			char cc[19];
			credit_code(cc, below((int)norgs));
			fprintf(f, "%s%s", o ? ";" : "", cc);
		}
		fprintf(f, ",%s\n", below(20) ? "active" : "inactive");
	}
	fclose(f);
}

static void gen_workers(const char *dir, long n)
{
	static const char *const jobs[] = {"delivery_rider", "delivery_rider", "courier", "ride_hailing",
					   "trucker", "other"};
	FILE *f = open_out(dir, "workers.csv", "name,phone,job,platform,party_member,community,roles\n");
	for (long i = 0; i < n; i++) {
		name(f);
		fputc(',', f);
		mobile(f, i % 2 ? "159" : "186", i / 2);
		fprintf(f, ",%s,", jobs[below(6)]);
		put(f, &platforms);
		fprintf(f, ",%s,%s,%s\n", below(10) ? "no" : "yes", below(3) ? leaf() : "",
			below(20) == 0 ? "grid_worker" : below(30) == 0 ? "safe_rider" : "");
	}
	fclose(f);
}

/* Writes a title from its template. */
static void title(FILE *f, const char *tpl, char *org_names, long norgs)
{
	for (const char *p = tpl; *p; p++) {
		if (*p != '%') {
			fputc(*p, f);
			continue;
		}
		switch (*++p) {
		case 'O':
			put(f, &trade);
			put(f, &trade);
			put(f, &trades);
			break;
		case 'N':
			name(f);
			break;
		case 'R':
			put(f, &roads);
			break;
		case 'C':
			put(f, &communities);
			break;
		}
	}
	(void)org_names;
	(void)norgs;
}

static void gen_tickets(const char *dir, long n, long norgs, long ninstr, long nworkers)
{
	FILE *f = open_out(dir, "tickets.csv",
			   "number,title,description,category,source,grid_code,org_code,reporter,"
			   "reporter_phone,department,instructor_phone,status,created_at,resolved_at\n");
	for (long i = 0; i < n; i++) {
		int cat = below(14);
		int year = 2020 + (int)(i * 5 / n);
		int month = 1 + below(12), day = 1 + below(27);
		fprintf(f, "SC-%d-%06ld,", year, i + 1);
		title(f, title_tpl[cat][below(3)], NULL, norgs);
		fputc(',', f);
		int nd = 1 + below(3);
		for (int d = 0; d < nd; d++)
			fputs(desc_parts[below(10)], f);
		fprintf(f, ",%s,%s,%s,", categories[cat], cat >= 9 && below(2) ? "rider_report" : sources[below(7)],
			leaf());
		if (cat < 6 && below(2)) {
			char cc[19];
			credit_code(cc, below((int)norgs));
			fputs(cc, f);
		}
		fputc(',', f);
		if (below(5)) {
			name(f);
			fputc(',', f);
			if (cat >= 9 && below(2))
				mobile(f, below(2) ? "159" : "186", below((int)(nworkers / 2)));
			else
				mobile(f, "135", i);
		} else {
			fputc(',', f);
		}
		fprintf(f, ",%s,", below(2) ? depts[below(16)] : "");
		if (below(3) == 0)
			mobile(f, "138", below((int)ninstr));
		const char *st = statuses[below(10)];
		fprintf(f, ",%s,%d-%02d-%02d %02d:%02d:00,", st, year, month, day, 8 + below(10), below(60));
		if (strcmp(st, "closed") == 0 || strcmp(st, "resolved") == 0)
			fprintf(f, "%d-%02d-%02d 17:00:00", year, month, day + 1);
		fputc('\n', f);
	}
	fclose(f);
}

static void gen_stations(const char *dir, long n)
{
	static const char *const svc[] = {"rest", "shelter", "water", "meals", "charging", "meal_heating",
					  "first_aid"};
	FILE *f = open_out(dir, "stations.csv", "name,grid_code,address,host,services,hours\n");
	for (long i = 0; i < n; i++) {
		put(f, &communities);
		put(f, &roads);
		fprintf(f, "暖心驿站%ld,%s,", i + 1, leaf());
		put(f, &roads);
		fprintf(f, "%d号,%s,", 1 + below(200), below(2) ? "社区党群服务中心" : "工会驿站");
		int first = 1;
		for (int s = 0; s < 7; s++)
			if (s < 3 || below(2)) {
				fprintf(f, "%s%s", first ? "" : ";", svc[s]);
				first = 0;
			}
		fputs(",08:00-20:00\n", f);
	}
	fclose(f);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: gen OUTDIR [DIVISOR]\n");
		return 2;
	}
	long div = argc > 2 ? atol(argv[2]) : 1;
	if (div < 1)
		div = 1;
	struct list *all[] = {&surnames, &given, &towns, &communities, &roads, &trade, &trades,
			      &forms, &societies, &chambers, &platforms, &units};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		list_init(all[i]);
	long norgs = 100000 / div, ninstr = 20000 / div, nworkers = 200000 / div;
	long ntickets = 1000000 / div, nstations = 200 / div + 1;
	gen_grids(argv[1]);
	gen_orgs(argv[1], norgs);
	gen_instructors(argv[1], ninstr, norgs);
	gen_workers(argv[1], nworkers);
	gen_stations(argv[1], nstations);
	gen_tickets(argv[1], ntickets, norgs, ninstr, nworkers);
	return 0;
}
