/* sync_cmp.c - a conflict's two versions side by side (see sync_cmp.h). */
#include "sync_cmp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enums.h"
#include "grid.h"
#include "org.h"
#include "strbuf.h"
#include "ui.h"

/* Fields of a record, at most (the widest table has about thirty). */
#define CMP_MAX 64

/* ---- reading core's JSON of a record ---------------------------------------------- */

static void put_utf8(struct strbuf *b, unsigned cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3f)), n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12), u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f)), n = 3;
	} else {
		u[0] = (char)(0xf0 | cp >> 18), u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f)), u[3] = (char)(0x80 | (cp & 0x3f)), n = 4;
	}
	sb_add(b, u, n);
}

static unsigned hex4(const char *p)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v = v * 16 + (unsigned)(c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
					: c >= 'A' && c <= 'F' ? c - 'A' + 10 : 0);
	}
	return v;
}

/* A JSON string at p (on its quote) into b; returns what follows, or NULL. */
static const char *json_str(const char *p, struct strbuf *b)
{
	for (p++; *p && *p != '"'; p++) {
		if (*p != '\\') {
			sb_add(b, p, 1);
			continue;
		}
		p++;
		switch (*p) {
		case 'n':
		case 'r':
		case 't':
			sb_add(b, " ", 1);   /* one line in a cell */
			break;
		case 'b':
		case 'f':
			break;
		case 'u': {
			if (strlen(p) < 5)
				return NULL;
			unsigned cp = hex4(p + 1);
			p += 4;
			if (cp >= 0xd800 && cp < 0xdc00 && p[1] == '\\' && p[2] == 'u' && strlen(p) >= 7) {
				cp = 0x10000 + ((cp - 0xd800) << 10) + (hex4(p + 3) - 0xdc00);
				p += 6;
			}
			put_utf8(b, cp);
			break;
		}
		case '\0':
			return NULL;
		default:
			sb_add(b, p, 1);
		}
	}
	return *p == '"' ? p + 1 : NULL;
}

/* The fields of a flat JSON object (core's record versions are flat). */
static int json_fields(const char *s, struct sync_field **out)
{
	int n = 0, cap = 0;
	struct sync_field *v = NULL;
	const char *p = s;
	while (*p && *p != '{')
		p++;
	while (p && *p && *p != '}') {
		while (*p && *p != '"' && *p != '}')
			p++;
		if (*p != '"')
			break;
		struct strbuf k = STRBUF_INIT, val = STRBUF_INIT;
		p = json_str(p, &k);
		while (p && *p && *p != ':')
			p++;
		if (p && *p)
			p++;
		while (p && *p == ' ')
			p++;
		int null = 0;
		if (p && *p == '"') {
			p = json_str(p, &val);
		} else if (p) {
			const char *e = p;
			while (*e && *e != ',' && *e != '}')
				e++;
			null = e - p == 4 && strncmp(p, "null", 4) == 0;
			sb_add(&val, p, (size_t)(e - p));
			p = e;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			struct sync_field *nv = realloc(v, (size_t)cap * sizeof *nv);
			if (!nv) {
				sb_free(&k);
				sb_free(&val);
				break;
			}
			v = nv;
		}
		snprintf(v[n].key, sizeof v[n].key, "%s", sb_str(&k));
		v[n].val = null ? NULL : strdup(sb_str(&val));
		n++;
		sb_free(&k);
		sb_free(&val);
		if (p && *p == ',')
			p++;
	}
	*out = v;
	return n;
}

void sync_version_read(struct sync_version *v, const char *json)
{
	memset(v, 0, sizeof *v);
	v->deleted = !json;
	if (json)
		v->n = json_fields(json, &v->f);
}

void sync_version_free(struct sync_version *v)
{
	for (int i = 0; i < v->n; i++)
		free(v->f[i].val);
	free(v->f);
	memset(v, 0, sizeof *v);
}

const char *sync_version_get(const struct sync_version *v, const char *key)
{
	for (int i = 0; i < v->n; i++)
		if (strcmp(v->f[i].key, key) == 0)
			return v->f[i].val;
	return NULL;
}

/* ---- the side-by-side view ------------------------------------------------------------ */

static const struct {
	const char *key, *zh, *en;
} field_names[] = {
	{"name", "名称", "name"}, {"title", "标题", "title"}, {"number", "编号", "number"},
	{"code", "编码", "code"}, {"credit_code", "信用代码", "credit code"}, {"kind", "类型", "kind"},
	{"level", "层级", "level"}, {"basis", "划分依据", "basis"}, {"parent_id", "上级", "parent"},
	{"grid_id", "网格", "grid"}, {"community_id", "报到社区", "community"}, {"org_id", "单位", "organisation"},
	{"tags", "标签", "tags"}, {"chain", "产业链", "chain"}, {"address", "地址", "address"},
	{"employees", "职工人数", "employees"}, {"party_members", "党员人数", "party members"},
	{"party_org", "党组织", "party org"}, {"party_org_since", "党组织成立", "party org since"},
	{"contact", "联系人", "contact"}, {"phone", "电话", "phone"}, {"mobile", "手机", "mobile"},
	{"plan", "工作计划", "plan"}, {"description", "描述", "description"}, {"category", "类别", "category"},
	{"source", "来源", "source"}, {"status", "状态", "status"}, {"department", "承办部门", "department"},
	{"reporter", "反映人", "reporter"}, {"reporter_phone", "反映人电话", "reporter phone"},
	{"due_on", "办理期限", "due"}, {"resolved_at", "办结时间", "resolved"}, {"closed_at", "关闭时间", "closed"},
	{"role", "类别", "role"}, {"roles", "角色", "roles"}, {"unit", "工作单位", "employer"},
	{"gender", "性别", "sex"}, {"job", "职业", "job"}, {"platform", "平台", "platform"},
	{"host", "依托", "host"}, {"services", "服务", "services"}, {"hours", "开放时间", "hours"},
	{"deleted", "已删除", "deleted"}, {"version", "版本", "version"}, {"office", "登记办公室", "office"},
	{"created_at", "登记时间", "created"}, {"updated_at", "修改时间", "updated"},
};

static const char *field_name(const char *key)
{
	for (size_t i = 0; i < sizeof field_names / sizeof field_names[0]; i++)
		if (strcmp(field_names[i].key, key) == 0)
			return gw_tr(field_names[i].zh, field_names[i].en);
	return key;
}

/* Core's "name,party_org" in the clerk's words (see sync_cmp.h). */
void sync_fields_text(const char *columns, char *buf, size_t sz)
{
	size_t len = 0;
	buf[0] = '\0';
	for (const char *p = columns; *p && len + 1 < sz;) {
		size_t n = strcspn(p, ",;");
		char key[48];
		snprintf(key, sizeof key, "%.*s", (int)n, p);
		int w = snprintf(buf + len, sz - len, "%s%s", len ? gw_tr("、", ", ") : "", field_name(key));
		if (w < 0 || (size_t)w >= sz - len)
			break;
		len += (size_t)w;
		p += n;
		while (*p == ',' || *p == ';' || *p == ' ')
			p++;
	}
}

/* Stored enumerated values of a table's field, to be shown by label. */
static const struct {
	const char *tbl, *key;
	enum gw_enum en;
	int list;
} field_enums[] = {
	{"grid", "level", EN_LEVEL, 0},          {"grid", "basis", EN_BASIS, 0},
	{"org", "kind", EN_ORG_KIND, 0},         {"org", "tags", EN_ORG_TAG, 1},
	{"org", "chain", EN_CHAIN, 0},           {"org", "party_org", EN_PARTY_ORG, 0},
	{"instructor", "gender", EN_GENDER, 0},  {"instructor", "role", EN_ROLE, 0},
	{"instructor", "status", EN_INSTR_STATUS, 0}, {"ticket", "category", EN_CATEGORY, 0},
	{"ticket", "source", EN_SOURCE, 0},      {"ticket", "status", EN_TICKET_STATUS, 0},
	{"worker", "job", EN_JOB, 0},            {"worker", "roles", EN_WORKER_ROLE, 1},
	{"station", "services", EN_SERVICE, 1},
};

static int same(const char *x, const char *y)
{
	return (!x && !y) || (x && y && strcmp(x, y) == 0);
}


/* A value as shown: enumerations by label, ids of grids and organisations
 * by their names (written to buf when looked up). */
static const char *shown(struct gw *gw, const char *tbl, const char *key, const char *v, char *buf,
			 size_t sz)
{
	struct gw_err err;
	if (!v)
		return ui_s(S_SYNC_NULL);
	for (size_t i = 0; i < sizeof field_enums / sizeof field_enums[0]; i++) {
		if (strcmp(field_enums[i].tbl, tbl) != 0 || strcmp(field_enums[i].key, key) != 0)
			continue;
		if (field_enums[i].list) {
			enum_list_zh(field_enums[i].en, v, buf, sz);
			return buf;
		}
		int k = enum_index(field_enums[i].en, v);
		return k >= 0 ? enum_label(field_enums[i].en, k) : v;
	}
	if (strcmp(key, "grid_id") == 0 || strcmp(key, "community_id") == 0 || strcmp(key, "parent_id") == 0) {
		struct grid_rec g;
		if (grid_by_id(gw, v, &g, &err) == GW_OK) {
			snprintf(buf, sz, "%s %s", g.code, g.name);
			return buf;
		}
	} else if (strcmp(key, "org_id") == 0) {
		static struct org_rec o;   /* large; the interface is single-threaded */
		if (org_by_id(gw, v, &o, &err) == GW_OK) {
			snprintf(buf, sz, "%s", o.name);
			return buf;
		}
	}
	return v;
}

/* The fields in the order shown: those that differ first, then the rest,
 * without the id (the same on both sides by definition); a deleted side
 * shows every field of the other in its order.  Returns how many. */
static int order(const struct sync_cmp *c, int *idx, int *differs, int max)
{
	const struct sync_version *keys = c->mine->deleted ? c->theirs : c->mine;
	int gone = c->mine->deleted || c->theirs->deleted, n = 0;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < keys->n && n < max; i++) {
			if (strcmp(keys->f[i].key, "id") == 0)
				continue;
			const char *m = sync_version_get(c->mine, keys->f[i].key);
			const char *t = sync_version_get(c->theirs, keys->f[i].key);
			int d = !gone && !same(m, t);
			if (gone ? pass == 0 : d == (pass == 0)) {
				differs[n] = d;
				idx[n++] = i;
			}
		}
	return n;
}

void sync_cmp_draw(struct gw *gw, WINDOW *w, const struct sync_cmp *c, int y, int x, int h, int cols)
{
	int idx[CMP_MAX], differs[CMP_MAX];
	char head[64], field[128], vm[400], vt[400];
	if (h < 3)
		return;
	ui_text(w, y, x, cols, c->title, A_BOLD, UI_LEFT);
	int fw = 12, vw = (cols - fw - 2) / 2;
	int x1 = x + fw + 1, x2 = x1 + vw + 1;
	ui_text(w, y + 1, x, fw, ui_s(S_SYNC_CMP_FIELD), A_BOLD, UI_LEFT);
	snprintf(head, sizeof head, ui_s(S_SYNC_CMP_MINE), c->office);
	ui_text(w, y + 1, x1, vw, head, A_BOLD, UI_LEFT);
	snprintf(head, sizeof head, ui_s(S_SYNC_CMP_THEIRS), c->peer);
	ui_text(w, y + 1, x2, cols - (x2 - x), head, A_BOLD, UI_LEFT);
	for (int i = 0; i < h - 1; i++) {
		mvwadd_wch(w, y + 1 + i, x1 - 1, WACS_VLINE);
		mvwadd_wch(w, y + 1 + i, x2 - 1, WACS_VLINE);
	}
	const struct sync_version *keys = c->mine->deleted ? c->theirs : c->mine;
	int n = order(c, idx, differs, CMP_MAX);
	for (int i = 0; i < n && i < h - 2; i++) {
		const char *key = keys->f[idx[i]].key;
		attr_t at = differs[i] ? A_BOLD : A_NORMAL;
		int ly = y + 2 + i;
		/* '*' marks what the two versions disagree on, besides bold. */
		snprintf(field, sizeof field, "%s%s", differs[i] ? "*" : " ", field_name(key));
		ui_text(w, ly, x, fw, field, at, UI_LEFT);
		ui_text(w, ly, x1, vw,
			c->mine->deleted ? ui_s(S_SYNC_DELETED)
					 : shown(gw, c->tbl, key, sync_version_get(c->mine, key), vm, sizeof vm),
			at, UI_LEFT);
		ui_text(w, ly, x2, cols - (x2 - x),
			c->theirs->deleted ? ui_s(S_SYNC_DELETED)
					   : shown(gw, c->tbl, key, sync_version_get(c->theirs, key), vt, sizeof vt),
			at, UI_LEFT);
	}
}
