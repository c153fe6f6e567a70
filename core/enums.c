/* enums.c - value tables for the contract's enumerations. */
#include "enums.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "status.h"

struct enum_value {
	const char *en, *zh;
};

static const struct enum_value level[] = {
	{"county", "县"}, {"township", "乡镇"}, {"park", "园区"}, {"grid", "网格"}};
static const struct enum_value basis[] = {
	{"region", "地域"}, {"industry", "行业"}, {"chain", "产业链"}};
static const struct enum_value org_kind[] = {
	{"enterprise", "企业"}, {"social_org", "社会组织"}, {"association", "行业协会商会"}};
static const struct enum_value org_tag[] = {
	{"above_scale", "规上"}, {"specialized", "专精特新"}, {"platform", "平台经济"},
	{"hr_agency", "人力资源"}};
static const struct enum_value chain[] = {
	{"prepared_food", "预制菜"}, {"electronics", "电子信息"}, {"internet", "互联网"},
	{"transport", "交通运输"}, {"delivery", "网约配送"}, {"green_food", "绿色食品"},
	{"smart_manufacturing", "智能制造"}, {"other", "其他"}};
static const struct enum_value party_org[] = {
	{"none", "无"}, {"standalone", "单独建"}, {"joint", "联合建"}, {"affiliated", "挂靠建"}};
static const struct enum_value gender[] = {{"male", "男"}, {"female", "女"}};
static const struct enum_value role[] = {{"full_time", "专职"}, {"part_time", "兼职"}};
static const struct enum_value instr_status[] = {{"active", "在岗"}, {"inactive", "离岗"}};
static const struct enum_value category[] = {
	{"land_approval", "用地审批"}, {"env_acceptance", "环评验收"}, {"financing", "融资"},
	{"recruitment", "招工"}, {"talent", "人才引进"}, {"project_landing", "项目落地"},
	{"labor_rights", "劳动权益"}, {"housing", "职工住房"}, {"schooling", "子女入学"},
	{"traffic", "交通警情"}, {"dispute", "矛盾纠纷"}, {"safety_hazard", "安全隐患"},
	{"food_safety", "食品安全"}, {"other", "其他"}};
static const struct enum_value source[] = {
	{"guidance_station", "指导站"}, {"secretary_day", "书记帮办日"},
	{"workshop_talk", "车间恳谈会"}, {"worker_council", "职工议事厅"},
	{"rider_report", "骑手上报"}, {"phone", "电话"}, {"visit", "来访"}};
static const struct enum_value ticket_status[] = {
	{"new", "待受理"}, {"accepted", "已受理"}, {"in_progress", "办理中"},
	{"on_hold", "挂起"}, {"resolved", "已办结"}, {"closed", "已关闭"}, {"returned", "已退回"}};
static const struct enum_value job[] = {
	{"delivery_rider", "外卖骑手"}, {"courier", "快递员"}, {"ride_hailing", "网约车司机"},
	{"trucker", "货车司机"}, {"other", "其他"}};
static const struct enum_value yesno[] = {{"no", "否"}, {"yes", "是"}};
static const struct enum_value worker_role[] = {
	{"grid_worker", "兼职网格员"}, {"food_safety_supervisor", "食品安全监督员"},
	{"safe_rider", "平安骑手"}};
static const struct enum_value service[] = {
	{"rest", "休息歇脚"}, {"shelter", "纳凉避雨"}, {"water", "饮水"}, {"meals", "就餐"},
	{"charging", "充电"}, {"meal_heating", "热饭"}, {"first_aid", "应急药品"}};
static const struct enum_value activity_kind[] = {
	{"training", "技能培训"}, {"secretary_day", "书记帮办日"}, {"workshop_talk", "车间恳谈会"},
	{"worker_council", "职工议事厅"}, {"joint_meeting", "联席会议"},
	{"matchmaking", "产业链对接"}};

#define TABLE(t) {t, (int)(sizeof t / sizeof t[0])}
static const struct {
	const struct enum_value *v;
	int n;
} tables[EN_ENUM_COUNT] = {
	[EN_LEVEL] = TABLE(level),          [EN_BASIS] = TABLE(basis),
	[EN_ORG_KIND] = TABLE(org_kind),    [EN_ORG_TAG] = TABLE(org_tag),
	[EN_CHAIN] = TABLE(chain),          [EN_PARTY_ORG] = TABLE(party_org),
	[EN_GENDER] = TABLE(gender),        [EN_ROLE] = TABLE(role),
	[EN_INSTR_STATUS] = TABLE(instr_status), [EN_CATEGORY] = TABLE(category),
	[EN_SOURCE] = TABLE(source),        [EN_TICKET_STATUS] = TABLE(ticket_status),
	[EN_JOB] = TABLE(job),              [EN_YESNO] = TABLE(yesno),
	[EN_WORKER_ROLE] = TABLE(worker_role), [EN_SERVICE] = TABLE(service),
	[EN_ACTIVITY_KIND] = TABLE(activity_kind),
};

int enum_count(enum gw_enum e) { return (unsigned)e < EN_ENUM_COUNT ? tables[e].n : 0; }

const char *enum_en(enum gw_enum e, int i)
{
	return i >= 0 && i < enum_count(e) ? tables[e].v[i].en : NULL;
}

const char *enum_zh(enum gw_enum e, int i)
{
	return i >= 0 && i < enum_count(e) ? tables[e].v[i].zh : NULL;
}

const char *enum_label(enum gw_enum e, int i)
{
	return gw_lang() == GW_LANG_EN ? enum_en(e, i) : enum_zh(e, i);
}

/* Compares s[0..n) to t ignoring ASCII case. */
static int same(const char *s, size_t n, const char *t, int fold)
{
	if (strlen(t) != n)
		return 0;
	return fold ? strncasecmp(s, t, n) == 0 : memcmp(s, t, n) == 0;
}

static int parse_span(enum gw_enum e, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	/* Spreadsheets pad with the full-width space too. */
	while (n >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0)
		s += 3, n -= 3;
	while (n >= 3 && memcmp(s + n - 3, "\xe3\x80\x80", 3) == 0)
		n -= 3;
	for (int i = 0; i < enum_count(e); i++)
		if (same(s, n, tables[e].v[i].en, 1) || same(s, n, tables[e].v[i].zh, 0))
			return i;
	if (e == EN_YESNO) {  /* what spreadsheets commonly hold for booleans */
		if (same(s, n, "1", 0) || same(s, n, "true", 1) || same(s, n, "y", 1))
			return 1;
		if (same(s, n, "0", 0) || same(s, n, "false", 1) || same(s, n, "n", 1))
			return 0;
	}
	return -1;
}

int enum_parse(enum gw_enum e, const char *s)
{
	return s ? parse_span(e, s, strlen(s)) : -1;
}

int enum_index(enum gw_enum e, const char *en)
{
	if (!en)
		return -1;
	for (int i = 0; i < enum_count(e); i++)
		if (strcmp(en, tables[e].v[i].en) == 0)
			return i;
	return -1;
}

const char *enum_zh_of(enum gw_enum e, const char *en)
{
	int i = enum_index(e, en);
	return i < 0 ? (en ? en : "") : tables[e].v[i].zh;
}

const char *enum_choices(enum gw_enum e)
{
	static char buf[EN_ENUM_COUNT][1024];
	char *b = buf[e];
	size_t off = 0;
	b[0] = '\0';
	for (int i = 0; i < enum_count(e) && off < sizeof buf[e]; i++)
		off += (size_t)snprintf(b + off, sizeof buf[e] - off, "%s%s %s", i ? " · " : "",
					tables[e].v[i].zh, tables[e].v[i].en);
	return b;
}

/* Finds the next list separator: ';', '；' (EF BC 9B) or '、' (E3 80 81). */
static const char *next_sep(const char *s, size_t *seplen)
{
	for (; *s; s++) {
		if (*s == ';') {
			*seplen = 1;
			return s;
		}
		if ((unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBC &&
		    (unsigned char)s[2] == 0x9B) {
			*seplen = 3;
			return s;
		}
		if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 &&
		    (unsigned char)s[2] == 0x81) {
			*seplen = 3;
			return s;
		}
	}
	*seplen = 0;
	return s;
}

int enum_parse_list(enum gw_enum e, const char *s, char *out, size_t outsz,
		    char *bad, size_t badsz)
{
	unsigned long long seen = 0;
	if (outsz)
		out[0] = '\0';
	if (bad && badsz)
		bad[0] = '\0';
	while (s && *s) {
		size_t seplen;
		const char *end = next_sep(s, &seplen);
		size_t n = (size_t)(end - s);
		const char *p = s;
		while (n && (*p == ' '))
			p++, n--;
		if (n) {
			int i = parse_span(e, p, n);
			if (i < 0) {
				if (bad && badsz)
					snprintf(bad, badsz, "%.*s", (int)n, p);
				return -1;
			}
			seen |= 1ULL << i;
		}
		s = seplen ? end + seplen : end;
	}
	size_t off = 0;
	for (int i = 0; i < enum_count(e); i++)
		if (seen & (1ULL << i))
			off += (size_t)snprintf(out + off, outsz > off ? outsz - off : 0, "%s%s",
						off ? ";" : "", tables[e].v[i].en);
	return 0;
}

int enum_list_has(enum gw_enum e, const char *stored, int i)
{
	const char *name = enum_en(e, i);
	if (!name || !stored)
		return 0;
	size_t n = strlen(name);
	for (const char *p = stored; (p = strstr(p, name)); p += n)
		if ((p == stored || p[-1] == ';') && (p[n] == ';' || p[n] == '\0'))
			return 1;
	return 0;
}

void enum_list_zh(enum gw_enum e, const char *stored, char *out, size_t outsz)
{
	size_t off = 0;
	int zh = gw_lang() != GW_LANG_EN;
	if (outsz)
		out[0] = '\0';
	for (int i = 0; i < enum_count(e); i++)
		if (enum_list_has(e, stored, i) && off < outsz)
			off += (size_t)snprintf(out + off, outsz - off, "%s%s",
						off ? (zh ? "、" : ";") : "",
						zh ? tables[e].v[i].zh : tables[e].v[i].en);
}
