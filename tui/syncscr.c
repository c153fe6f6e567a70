/* syncscr.c - the exchange screen (see syncscr.h). */
#include "syncscr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "enums.h"
#include "grid.h"
#include "input.h"
#include "org.h"
#include "strbuf.h"
#include "sync.h"
#include "table.h"
#include "width.h"

/* Rows the offices' and the conflicts' tables show at most. */
#define PEER_ROWS 3
#define CONF_ROWS 4

struct peer_row {
	char code[17], name[200];
	int county;
	long long sent_seq, recv_seq;
	char sent_at[24], recv_at[24];
	long pending;
};

/* One field of a record's version, decoded from core's JSON. */
struct kv {
	char key[48];
	char *val;              /* NULL for JSON null */
};

struct conf_row {
	long long id, seq;
	char at[24], peer[17], tbl[32], columns[256], outcome[16], rule[256];
	int settled;
	char label[300];        /* the record as a clerk knows it */
	struct kv *mine, *theirs;
	int nmine, ntheirs;
	int mine_deleted, theirs_deleted;
};

/* A line of the side-by-side view. */
struct cmp_line {
	char key[48];
	char field[96];
	const char *mine, *theirs;
	int differs;
};

struct syncscr {
	struct sync_overview ov;
	struct peer_row *peers;
	int npeers;
	struct conf_row *confs;
	int nconfs;
	struct table_col pcols[5], ccols[6];
	struct table tp, tc;
	int focus;              /* 0 the offices, 1 the conflicts */
	int all;                /* every conflict, not only the open ones */
	char result[1024];      /* what the last export, import or choice did */
	struct cmp_line *cmp;
	int ncmp;
	char looked_up[2][300]; /* grid and organisation names shown for ids */
	int keep_theirs;        /* the choice being confirmed */
};

static const struct modal_ops sync_ops;

/* ---- reading core's JSON of a record ------------------------------------------ */

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
static int json_fields(const char *s, struct kv **out)
{
	int n = 0, cap = 0;
	struct kv *v = NULL;
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
			struct kv *nv = realloc(v, (size_t)cap * sizeof *nv);
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

static const char *field_of(const struct kv *v, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (strcmp(v[i].key, key) == 0)
			return v[i].val;
	return NULL;
}

/* ---- loading ---------------------------------------------------------------------- */

static void free_confs(struct syncscr *s)
{
	for (int i = 0; i < s->nconfs; i++) {
		for (int k = 0; k < s->confs[i].nmine; k++)
			free(s->confs[i].mine[k].val);
		for (int k = 0; k < s->confs[i].ntheirs; k++)
			free(s->confs[i].theirs[k].val);
		free(s->confs[i].mine);
		free(s->confs[i].theirs);
	}
	free(s->confs);
	s->confs = NULL;
	s->nconfs = 0;
}

static void each_peer(void *ctx, const struct sync_peer_info *p)
{
	struct syncscr *s = ctx;
	struct peer_row *np = realloc(s->peers, (size_t)(s->npeers + 1) * sizeof *np);
	if (!np)
		return;
	s->peers = np;
	struct peer_row *r = &s->peers[s->npeers++];
	memset(r, 0, sizeof *r);
	snprintf(r->code, sizeof r->code, "%s", p->code);
	snprintf(r->name, sizeof r->name, "%s", p->name);
	r->county = p->county;
	r->sent_seq = p->sent_seq;
	r->recv_seq = p->recv_seq;
	snprintf(r->sent_at, sizeof r->sent_at, "%s", p->sent_at ? p->sent_at : "");
	snprintf(r->recv_at, sizeof r->recv_at, "%s", p->recv_at ? p->recv_at : "");
	r->pending = p->pending_changes;
}

/* What a clerk calls the record: a ticket's number and title, a name. */
static void record_label(struct conf_row *c, const char *record_id)
{
	const struct kv *v = c->theirs ? c->theirs : c->mine;
	int n = c->theirs ? c->ntheirs : c->nmine;
	const char *number = field_of(v, n, "number"), *title = field_of(v, n, "title");
	const char *name = field_of(v, n, "name"), *code = field_of(v, n, "code");
	if (number && title)
		snprintf(c->label, sizeof c->label, "%s %s", number, title);
	else if (name)
		snprintf(c->label, sizeof c->label, "%s", name);
	else if (title || code)
		snprintf(c->label, sizeof c->label, "%s", title ? title : code);
	else
		snprintf(c->label, sizeof c->label, "%s", record_id);
}

static void each_conflict(void *ctx, const struct sync_conflict_info *ci)
{
	struct syncscr *s = ctx;
	struct conf_row *nc = realloc(s->confs, (size_t)(s->nconfs + 1) * sizeof *nc);
	if (!nc)
		return;
	s->confs = nc;
	struct conf_row *c = &s->confs[s->nconfs++];
	memset(c, 0, sizeof *c);
	c->id = ci->id;
	c->seq = ci->package_seq;
	snprintf(c->at, sizeof c->at, "%s", ci->at ? ci->at : "");
	snprintf(c->peer, sizeof c->peer, "%s", ci->peer ? ci->peer : "");
	snprintf(c->tbl, sizeof c->tbl, "%s", ci->tbl ? ci->tbl : "");
	snprintf(c->columns, sizeof c->columns, "%s", ci->columns ? ci->columns : "");
	snprintf(c->outcome, sizeof c->outcome, "%s", ci->outcome ? ci->outcome : "");
	snprintf(c->rule, sizeof c->rule, "%s", ci->rule ? ci->rule : "");
	c->settled = ci->resolution != NULL || (ci->rule && ci->rule[0]);
	c->mine_deleted = !ci->mine;
	c->theirs_deleted = !ci->theirs;
	if (ci->mine)
		c->nmine = json_fields(ci->mine, &c->mine);
	if (ci->theirs)
		c->ntheirs = json_fields(ci->theirs, &c->theirs);
	record_label(c, ci->record_id ? ci->record_id : "");
}

static void build_cmp(struct syncscr *s);

static void load(struct app *a, struct syncscr *s)
{
	struct gw_err err;
	free(s->peers);
	s->peers = NULL;
	s->npeers = 0;
	free_confs(s);
	memset(&s->ov, 0, sizeof s->ov);
	if (sync_status(a->gw, &s->ov, each_peer, s, &err) != GW_OK ||
	    sync_conflicts(a->gw, s->all, each_conflict, s, &err) != GW_OK)
		snprintf(s->result, sizeof s->result, "%s", err.msg);
	table_set_rows(&s->tp, s->npeers);
	table_set_rows(&s->tc, s->nconfs);
	if (s->tp.sel < 0 && s->npeers)
		table_select(&s->tp, 0);
	if (s->tc.sel < 0 && s->nconfs)
		table_select(&s->tc, 0);
	build_cmp(s);
}

/* ---- the tables ---------------------------------------------------------------- */

static void peer_cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	struct syncscr *s = ctx;
	if (row < 0 || row >= s->npeers)
		return;
	const struct peer_row *p = &s->peers[row];
	switch (col) {
	case 0:
		snprintf(buf, sz, "%s", p->code);
		break;
	case 1:
		snprintf(buf, sz, "%s%s", p->name, p->county ? ui_s(S_SYNC_IS_COUNTY) : "");
		break;
	case 2:
	case 3: {
		long long seq = col == 2 ? p->sent_seq : p->recv_seq;
		const char *at = col == 2 ? p->sent_at : p->recv_at;
		char when[16];
		/* "MM-DD HH:MM": the year is almost always this one. */
		snprintf(when, sizeof when, "%.11s", strlen(at) >= 16 ? at + 5 : at);
		if (seq <= 0)
			snprintf(buf, sz, "%s", ui_s(S_SYNC_NEVER));
		else
			snprintf(buf, sz, ui_s(S_SYNC_SEQ), seq, when);
		break;
	}
	default:
		snprintf(buf, sz, "%ld", p->pending);
	}
}

static const char *tbl_label(const char *tbl)
{
	static const struct {
		const char *tbl;
		enum ui_str s;
	} names[] = {
		{"grid", S_KIND_GRID},     {"org", S_KIND_ORG},         {"instructor", S_KIND_INSTRUCTOR},
		{"worker", S_KIND_WORKER}, {"station", S_KIND_STATION}, {"ticket", S_KIND_TICKET},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(tbl, names[i].tbl) == 0)
			return ui_s(names[i].s);
	return tbl;
}

static void fields_text(const char *columns, char *buf, size_t sz);

static void conf_cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	struct syncscr *s = ctx;
	if (row < 0 || row >= s->nconfs)
		return;
	const struct conf_row *c = &s->confs[row];
	switch (col) {
	case 0:
		snprintf(buf, sz, "%lld", c->id);
		break;
	case 1:
		snprintf(buf, sz, "%s", tbl_label(c->tbl));
		break;
	case 2:
		snprintf(buf, sz, "%s", c->label);
		break;
	case 3:
		fields_text(c->columns, buf, sz);
		break;
	case 4:
		snprintf(buf, sz, "%s", c->peer);
		break;
	default:
		snprintf(buf, sz, "%s", ui_s(!c->settled ? S_SYNC_NOW_OPEN : c->rule[0] ? S_SYNC_NOW_RULE
											: S_SYNC_NOW_DONE));
	}
}

/* ---- the side-by-side view ---------------------------------------------------------- */

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

static void field_label(const char *key, int differs, char *buf, size_t sz)
{
	/* '*' marks what the two versions disagree on, in words besides bold. */
	snprintf(buf, sz, "%s%s", differs ? "*" : " ", field_name(key));
}

/* Core's "name,party_org" as the clerk's words, joined with '、'. */
static void fields_text(const char *columns, char *buf, size_t sz)
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

static void add_cmp(struct syncscr *s, const char *key, const char *mine, const char *theirs)
{
	struct cmp_line *l = &s->cmp[s->ncmp++];
	snprintf(l->key, sizeof l->key, "%s", key);
	l->differs = !same(mine, theirs);
	field_label(key, l->differs, l->field, sizeof l->field);
	l->mine = mine;
	l->theirs = theirs;
}

static const struct conf_row *sel_conf(const struct syncscr *s)
{
	int i = s->tc.sel;
	return i >= 0 && i < s->nconfs ? &s->confs[i] : NULL;
}

/* The lines of the selected conflict: the fields that differ first, then
 * the rest, without the id (the same on both sides by definition). */
static void build_cmp(struct syncscr *s)
{
	free(s->cmp);
	s->cmp = NULL;
	s->ncmp = 0;
	const struct conf_row *c = sel_conf(s);
	if (!c)
		return;
	const struct kv *keys = c->mine ? c->mine : c->theirs;
	int nkeys = c->mine ? c->nmine : c->ntheirs;
	s->cmp = calloc((size_t)(nkeys ? nkeys : 1), sizeof *s->cmp);
	if (!s->cmp)
		return;
	int gone = c->mine_deleted || c->theirs_deleted;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < nkeys; i++) {
			if (strcmp(keys[i].key, "id") == 0)
				continue;
			const char *m = field_of(c->mine, c->nmine, keys[i].key);
			const char *t = field_of(c->theirs, c->ntheirs, keys[i].key);
			/* A deleted side: every field of the other, in its order. */
			if (gone ? pass == 0 : !same(m, t) == (pass == 0))
				add_cmp(s, keys[i].key, m, t);
		}
}

/* A value as shown: ids of grids and organisations by their names. */
static const char *shown(struct app *a, struct syncscr *s, const char *tbl, const char *key,
			 const char *v, int slot)
{
	if (!v)
		return ui_s(S_SYNC_NULL);
	struct gw_err err;
	for (size_t i = 0; i < sizeof field_enums / sizeof field_enums[0]; i++) {
		if (strcmp(field_enums[i].tbl, tbl) != 0 || strcmp(field_enums[i].key, key) != 0)
			continue;
		if (field_enums[i].list) {
			enum_list_zh(field_enums[i].en, v, s->looked_up[slot], sizeof s->looked_up[slot]);
			return s->looked_up[slot];
		}
		int k = enum_index(field_enums[i].en, v);
		return k >= 0 ? enum_label(field_enums[i].en, k) : v;
	}
	if (strcmp(key, "grid_id") == 0 || strcmp(key, "community_id") == 0 || strcmp(key, "parent_id") == 0) {
		struct grid_rec g;
		if (grid_by_id(a->gw, v, &g, &err) == GW_OK) {
			snprintf(s->looked_up[slot], sizeof s->looked_up[slot], "%s %s", g.code, g.name);
			return s->looked_up[slot];
		}
	} else if (strcmp(key, "org_id") == 0) {
		static struct org_rec o;   /* large; the interface is single-threaded */
		if (org_by_id(a->gw, v, &o, &err) == GW_OK) {
			snprintf(s->looked_up[slot], sizeof s->looked_up[slot], "%s", o.name);
			return s->looked_up[slot];
		}
	}
	return v;
}

static void draw_cmp(struct app *a, struct syncscr *s, int y, int x, int h, int cols)
{
	const struct conf_row *c = sel_conf(s);
	if (!c || h < 3)
		return;
	char line[700], mine[64], theirs[64];
	if (c->rule[0])
		snprintf(line, sizeof line, ui_s(S_SYNC_RULE), c->rule);
	else
		snprintf(line, sizeof line, "%s  %s", c->label, c->at);
	ui_text(stdscr, y, x, cols, line, A_BOLD, UI_LEFT);
	int fw = 12, vw = (cols - fw - 2) / 2;
	int x1 = x + fw + 1, x2 = x1 + vw + 1;
	snprintf(mine, sizeof mine, ui_s(S_SYNC_CMP_MINE), s->ov.office);
	snprintf(theirs, sizeof theirs, ui_s(S_SYNC_CMP_THEIRS), c->peer);
	ui_text(stdscr, y + 1, x, fw, ui_s(S_SYNC_CMP_FIELD), A_BOLD, UI_LEFT);
	ui_text(stdscr, y + 1, x1, vw, mine, A_BOLD, UI_LEFT);
	ui_text(stdscr, y + 1, x2, cols - (x2 - x), theirs, A_BOLD, UI_LEFT);
	for (int i = 0; i < h - 1; i++) {
		mvwadd_wch(stdscr, y + 1 + i, x1 - 1, WACS_VLINE);
		mvwadd_wch(stdscr, y + 1 + i, x2 - 1, WACS_VLINE);
	}
	for (int i = 0; i < s->ncmp && i < h - 2; i++) {
		const struct cmp_line *l = &s->cmp[i];
		const char *key = l->key;
		attr_t at = l->differs ? A_BOLD : A_NORMAL;
		int ly = y + 2 + i;
		ui_text(stdscr, ly, x, fw, l->field, at, UI_LEFT);
		ui_text(stdscr, ly, x1, vw, c->mine_deleted ? ui_s(S_SYNC_DELETED) : shown(a, s, c->tbl, key, l->mine, 0),
			at, UI_LEFT);
		ui_text(stdscr, ly, x2, cols - (x2 - x),
			c->theirs_deleted ? ui_s(S_SYNC_DELETED) : shown(a, s, c->tbl, key, l->theirs, 1), at, UI_LEFT);
	}
}

/* ---- keys -------------------------------------------------------------------------- */

static void say(struct app *a, struct syncscr *s, const char *text)
{
	snprintf(s->result, sizeof s->result, "%s", text);
	app_msg(a, "%s", text);
}

static void export_done(struct app *a, void *ctx, const char *path)
{
	struct syncscr *s = ctx;
	int i = s->tp.sel;
	if (i < 0 || i >= s->npeers || !*path)
		return;
	struct sync_summary sum;
	struct gw_err err;
	char text[1024];
	memset(&sum, 0, sizeof sum);
	if (sync_export(a->gw, s->peers[i].code, 0, path, &sum, &err) != GW_OK) {
		say(a, s, err.msg);
		return;
	}
	snprintf(text, sizeof text, ui_s(S_SYNC_EXPORTED), path, s->peers[i].code, sum.seq, sum.changes);
	say(a, s, text);
	load(a, s);
}

static void import_done(struct app *a, void *ctx, const char *path)
{
	struct syncscr *s = ctx;
	struct sync_summary sum;
	struct gw_err err;
	char text[1024];
	if (!*path)
		return;
	memset(&sum, 0, sizeof sum);
	if (sync_import(a->gw, path, &sum, &err) != GW_OK) {
		say(a, s, err.msg);   /* core's refusal says why, and that nothing changed */
		return;
	}
	snprintf(text, sizeof text, ui_s(S_SYNC_IMPORTED), sum.peer, sum.seq, sum.applied, sum.skipped,
		 sum.conflicts_open);
	say(a, s, text);
	app_changed(a);
	load(a, s);
}

static unsigned ask_path(struct app *a, struct syncscr *s, int import)
{
	char title[200], about[600], path[PATH_MAX], today[11];
	const char *home = getenv("HOME");
	const char *dir = home && *home ? home : ".";
	int i = s->tp.sel;
	if (!import && (i < 0 || i >= s->npeers))
		return app_msg(a, "%s", ui_s(S_SYNC_NO_PEER_SEL));
	clock_today(today);
	if (import) {
		snprintf(title, sizeof title, "%s", ui_s(S_SYNC_IMPORT_TITLE));
		snprintf(about, sizeof about, "%s", ui_s(S_SYNC_IMPORT_ABOUT));
		snprintf(path, sizeof path, "%s/", dir);
	} else {
		snprintf(title, sizeof title, ui_s(S_SYNC_EXPORT_TITLE), s->peers[i].code);
		snprintf(about, sizeof about, ui_s(S_SYNC_EXPORT_ABOUT), s->peers[i].code);
		snprintf(path, sizeof path, "%s/%s-%s-%s.gws", dir, s->ov.office, s->peers[i].code, today);
	}
	struct input_opts o = {
		.title = title, .about = about, .prompt = ui_s(S_SYNC_PATH), .initial = path,
		.required = 1, .done = import ? import_done : export_done, .ctx = s,
	};
	return input_open(a, &o);
}

static void resolve_yes(struct app *a, void *ctx)
{
	struct syncscr *s = ctx;
	const struct conf_row *c = sel_conf(s);
	struct gw_err err;
	char text[600];
	if (!c)
		return;
	long long id = c->id;
	if (sync_resolve(a->gw, id, s->keep_theirs, &err) != GW_OK) {
		say(a, s, err.msg);
		return;
	}
	snprintf(text, sizeof text, ui_s(S_SYNC_RESOLVED), id,
		 ui_s(s->keep_theirs ? S_SYNC_THEIRS_WORD : S_SYNC_MINE_WORD));
	say(a, s, text);
	app_changed(a);
	load(a, s);
}

static unsigned resolve_ask(struct app *a, struct syncscr *s, int theirs)
{
	const struct conf_row *c = sel_conf(s);
	if (!c || c->settled)
		return app_msg(a, "%s", ui_s(S_SYNC_NO_CONFLICT_SEL));
	char q[800];
	snprintf(q, sizeof q, ui_s(theirs ? S_SYNC_ASK_THEIRS : S_SYNC_ASK_MINE), c->id, c->peer);
	s->keep_theirs = theirs;
	return dialog_confirm(a, q, resolve_yes, NULL, s);
}

static unsigned sync_key(struct app *a, void *m, int key)
{
	struct syncscr *s = m;
	enum action act = action_for_key_in(key, SC_SYNC | SC_LIST | SC_GLOBAL);
	struct table *t = s->focus ? &s->tc : &s->tp;
	int r = table_on_action(t, act);
	if (r >= 0) {
		if (r && s->focus)
			build_cmp(s);
		return r ? CH_BODY : CH_NONE;
	}
	switch (act) {
	case ACT_SYNC_FOCUS:
		s->focus = !s->focus;
		return CH_BODY;
	case ACT_SYNC_EXPORT:
		return ask_path(a, s, 0);
	case ACT_SYNC_IMPORT:
		return ask_path(a, s, 1);
	case ACT_SYNC_MINE:
	case ACT_SYNC_THEIRS:
		return resolve_ask(a, s, act == ACT_SYNC_THEIRS);
	case ACT_SYNC_ALL:
		s->all = !s->all;
		load(a, s);
		return CH_BODY;
	case ACT_BACK:
		return app_pop(a);
	case ACT_HELP:
	case ACT_REDRAW:
	case ACT_QUIT:
		return CH_UNHANDLED;
	default:
		return CH_NONE;
	}
}

/* A section's title on a line of its own, the line-drawing rule after it. */
static void section(int y, int x, int cols, const char *title, int focused)
{
	int tw = width_str(title, strlen(title));
	ui_text(stdscr, y, x, tw, title, focused ? A_BOLD | A_UNDERLINE : A_BOLD, UI_LEFT);
	if (cols - tw - 1 > 0)
		mvwhline_set(stdscr, y, x + tw + 1, WACS_HLINE, cols - tw - 1);
}

static void sync_draw(struct app *a, void *m, int rows, int cols)
{
	struct syncscr *s = m;
	int y = 1, x = 1, w = cols - 2, bottom = rows - 3;
	char line[600];
	ui_clear(stdscr, 1, 0, rows - 3, cols);
	snprintf(line, sizeof line, ui_s(S_SYNC_HEAD), s->ov.office, s->ov.county[0] ? "" : ui_s(S_SYNC_IS_COUNTY),
		 s->ov.local_entries, s->ov.local_changes, s->ov.open_conflicts);
	ui_text(stdscr, y++, x, w, line, A_BOLD, UI_LEFT);
	ui_text(stdscr, y++, x, w, s->result[0] ? s->result : ui_s(S_SYNC_KEYS), A_NORMAL, UI_LEFT);

	section(y++, x, w, ui_s(S_SYNC_PEERS), s->focus == 0);
	if (!s->npeers) {
		ui_text(stdscr, y++, x, w, ui_s(S_SYNC_NO_PEERS), A_NORMAL, UI_LEFT);
	} else {
		int ph = (s->npeers < PEER_ROWS ? s->npeers : PEER_ROWS) + 1;
		table_draw(stdscr, &s->tp, y, x, ph, w);
		y += ph;
	}
	section(y++, x, w, ui_s(s->all ? S_SYNC_CONFLICTS_ALL : S_SYNC_CONFLICTS), s->focus == 1);
	if (!s->nconfs) {
		ui_text(stdscr, y++, x, w, ui_s(s->all ? S_SYNC_NONE_AT_ALL : S_SYNC_NO_CONFLICTS), A_NORMAL, UI_LEFT);
		return;
	}
	int ch = (s->nconfs < CONF_ROWS ? s->nconfs : CONF_ROWS) + 1;
	table_draw(stdscr, &s->tc, y, x, ch, w);
	y += ch;
	draw_cmp(a, s, y, x, bottom - y + 1, w);
}

static void sync_free(void *m)
{
	struct syncscr *s = m;
	free(s->peers);
	free_confs(s);
	free(s->cmp);
	free(s);
}

static const struct modal_ops sync_ops = {
	.title = S_SYNC_TITLE, .scope = SC_SYNC | SC_LIST, .on_key = sync_key, .draw = sync_draw,
	.free = sync_free,
};

unsigned syncscr_open(struct app *a)
{
	if (app_top(a, &sync_ops))
		return CH_NONE;
	struct syncscr *s = calloc(1, sizeof *s);
	if (!s)
		return app_msg(a, "%s", gw_status_text(GW_ENOMEM));
	static const struct {
		enum ui_str t;
		int min, grow;
	} pc[] = {{S_COL_OFFICE, 6, 0}, {S_COL_NAME, 8, 2}, {S_COL_SENT, 12, 1}, {S_COL_RECV, 12, 1},
		  {S_COL_PENDING, 8, 0}},
	  cc[] = {{S_COL_NO, 3, 0}, {S_COL_KIND, 4, 0}, {S_COL_RECORD, 10, 3}, {S_COL_FIELDS, 8, 1},
		  {S_COL_FROM, 4, 0}, {S_COL_NOW, 6, 0}};
	for (int i = 0; i < 5; i++)
		s->pcols[i] = (struct table_col){pc[i].t, pc[i].min, 0, pc[i].grow,
						 i == 4 ? UI_RIGHT : UI_LEFT, NULL, peer_cell, i};
	for (int i = 0; i < 6; i++)
		s->ccols[i] = (struct table_col){cc[i].t, cc[i].min, 0, cc[i].grow,
						 i == 0 ? UI_RIGHT : UI_LEFT, NULL, conf_cell, i};
	table_init(&s->tp, s->pcols, 5, s);
	table_init(&s->tc, s->ccols, 6, s);
	s->tp.sort_col = s->tc.sort_col = -1;
	load(a, s);
	/* Straight to the conflicts when there are any: they wait for a clerk. */
	s->focus = s->nconfs > 0;
	return app_push(a, &sync_ops, s);
}
