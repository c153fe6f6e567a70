/* org.c - organisations: validation, import and export, lookup, deletion,
 * the cultivation plan and a paged list. */
#include "org.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "enums.h"
#include "grid.h"
#include "record.h"
#include "strbuf.h"
#include "validate.h"

#define COUNT_MAX 10000000LL

static const struct import_col org_cols[ORG_NCOLS] = {
	[ORG_C_CREDIT] = {"统一社会信用代码", "credit_code", 1},
	[ORG_C_NAME] = {"名称", "name", 1},
	[ORG_C_KIND] = {"类型", "kind", 1},
	[ORG_C_TAGS] = {"标签", "tags", 0},
	[ORG_C_CHAIN] = {"产业链", "chain", 0},
	[ORG_C_GRID] = {"网格编码", "grid_code", 1},
	[ORG_C_ADDRESS] = {"地址", "address", 0},
	[ORG_C_EMPLOYEES] = {"从业人数", "employees", 0},
	[ORG_C_PARTY_MEMBERS] = {"党员人数", "party_members", 0},
	[ORG_C_PARTY_ORG] = {"党组织", "party_org", 1},
	/* Required only when party_org is not none: checked in the handler. */
	[ORG_C_PARTY_SINCE] = {"党组织成立日期", "party_org_since", 0},
	[ORG_C_CONTACT] = {"联系人", "contact", 0},
	[ORG_C_PHONE] = {"联系电话", "phone", 0},
};

static long long col_count(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, i);
}

static const struct record_kind org_kind;

/* Reads a row of ORG_COLS. */
static void read_row(sqlite3_stmt *st, void *rec)
{
	struct org_rec *o = rec;
	db_col_text(st, 0, o->id, sizeof o->id);
	db_col_text(st, 1, o->credit_code, sizeof o->credit_code);
	db_col_text(st, 2, o->name, sizeof o->name);
	db_col_text(st, 3, o->kind, sizeof o->kind);
	db_col_text(st, 4, o->tags, sizeof o->tags);
	db_col_text(st, 5, o->chain, sizeof o->chain);
	db_col_text(st, 6, o->grid_id, sizeof o->grid_id);
	db_col_text(st, 7, o->grid_code, sizeof o->grid_code);
	db_col_text(st, 8, o->grid_name, sizeof o->grid_name);
	db_col_text(st, 9, o->address, sizeof o->address);
	o->employees = col_count(st, 10);
	o->party_members = col_count(st, 11);
	db_col_text(st, 12, o->party_org, sizeof o->party_org);
	db_col_text(st, 13, o->party_org_since, sizeof o->party_org_since);
	db_col_text(st, 14, o->contact, sizeof o->contact);
	db_col_text(st, 15, o->phone, sizeof o->phone);
	o->deleted = sqlite3_column_int(st, 16);
	o->version = sqlite3_column_int(st, 17);
}

static enum gw_status fetch(struct gw *gw, enum db_query q, const char *key,
			    struct org_rec *out, struct gw_err *err)
{
	enum gw_status st = record_get(gw, &org_kind, q, key, out, err);
	if (st != GW_ENOTFOUND)
		return st;
	if (q == Q_ORG_BY_ID)
		return gw_fail(err, GW_ENOTFOUND, "该单位不存在", "no such organisation");
	return gw_fail(err, GW_ENOTFOUND, "没有统一社会信用代码为“%s”的单位",
		       "no organisation with credit code '%s'", key);
}

enum gw_status org_by_credit_code(struct gw *gw, const char *code, struct org_rec *out,
				  struct gw_err *err)
{
	char norm[19];
	if (valid_credit_code(code, norm, NULL) != GW_OK)
		return gw_fail(err, GW_ENOTFOUND, "没有统一社会信用代码为“%s”的单位",
			       "no organisation with credit code '%s'", code);
	return fetch(gw, Q_ORG_BY_CODE, norm, out, err);
}

enum gw_status org_by_id(struct gw *gw, const char *id, struct org_rec *out,
			 struct gw_err *err)
{
	return fetch(gw, Q_ORG_BY_ID, id, out, err);
}

static void json_count(struct strbuf *b, int *first, const char *key, long long v)
{
	if (v >= 0) {
		sb_json_kv_int(b, first, key, v);
		return;
	}
	sb_json_kv_str(b, first, key, NULL);
}

static void to_json(const void *rec, struct strbuf *b)
{
	const struct org_rec *o = rec;
	int first = 1;
	sb_puts(b, "{");
	sb_json_kv_str(b, &first, "credit_code", o->credit_code);
	sb_json_kv_str(b, &first, "name", o->name);
	sb_json_kv_str(b, &first, "kind", o->kind);
	sb_json_kv_str(b, &first, "tags", o->tags);
	sb_json_kv_str(b, &first, "chain", o->chain[0] ? o->chain : NULL);
	sb_json_kv_str(b, &first, "grid_code", o->grid_code);
	sb_json_kv_str(b, &first, "address", o->address);
	json_count(b, &first, "employees", o->employees);
	json_count(b, &first, "party_members", o->party_members);
	sb_json_kv_str(b, &first, "party_org", o->party_org);
	sb_json_kv_str(b, &first, "party_org_since", o->party_org_since[0] ? o->party_org_since : NULL);
	sb_json_kv_str(b, &first, "contact", o->contact);
	sb_json_kv_str(b, &first, "phone", o->phone);
	sb_puts(b, "}");
}

static int same_rec(const void *old, const void *rec)
{
	const struct org_rec *a = old, *b = rec;
	return !a->deleted && strcmp(a->credit_code, b->credit_code) == 0 &&
	       strcmp(a->name, b->name) == 0 && strcmp(a->kind, b->kind) == 0 &&
	       strcmp(a->tags, b->tags) == 0 && strcmp(a->chain, b->chain) == 0 &&
	       strcmp(a->grid_id, b->grid_id) == 0 && strcmp(a->address, b->address) == 0 &&
	       a->employees == b->employees && a->party_members == b->party_members &&
	       strcmp(a->party_org, b->party_org) == 0 &&
	       strcmp(a->party_org_since, b->party_org_since) == 0 &&
	       strcmp(a->contact, b->contact) == 0 && strcmp(a->phone, b->phone) == 0;
}

static enum gw_status bad_enum(struct gw_err *err, const struct import_row *r, int col,
			       enum gw_enum e, const char *what_zh, const char *what_en)
{
	gw_fail(err, GW_EINVAL, "“%s”不是有效的%s，可选：%s", "'%s' is not a valid %s; one of: %s",
		r->val[col], gw_tr(what_zh, what_en), enum_choices(e));
	return import_col_fail(err, r, col);
}

/* An optional enum cell into out ("" when empty). */
static enum gw_status opt_enum(const struct import_row *r, int col, enum gw_enum e,
			       const char *what_zh, const char *what_en, char *out, size_t outsz,
			       struct gw_err *err)
{
	out[0] = '\0';
	if (valid_blank(r->val[col]))
		return GW_OK;
	int i = enum_parse(e, r->val[col]);
	if (i < 0)
		return bad_enum(err, r, col, e, what_zh, what_en);
	snprintf(out, outsz, "%s", enum_en(e, i));
	return GW_OK;
}

static enum gw_status req_enum(const struct import_row *r, int col, enum gw_enum e,
			       const char *what_zh, const char *what_en, char *out, size_t outsz,
			       struct gw_err *err)
{
	if (valid_blank(r->val[col]))
		return import_required(err, r, col);
	return opt_enum(r, col, e, what_zh, what_en, out, outsz, err);
}

static enum gw_status opt_count(const struct import_row *r, int col, long long *out,
				struct gw_err *err)
{
	*out = -1;
	if (valid_blank(r->val[col]))
		return GW_OK;
	if (valid_count(r->val[col], COUNT_MAX, out, err) != GW_OK)
		return import_col_fail(err, r, col);
	return GW_OK;
}

/* Checks every cell on its own and resolves the grid; rules that span
 * columns wait for merge_and_check, once the stored record is known. */
static enum gw_status parse_row(struct gw *gw, const struct import_row *r, void *rec,
				struct gw_err *err)
{
	const char *const *v = r->val;
	struct org_rec *o = rec;
	memset(o, 0, sizeof *o);
	if (valid_blank(v[ORG_C_CREDIT]))
		return import_required(err, r, ORG_C_CREDIT);
	if (valid_credit_code(v[ORG_C_CREDIT], o->credit_code, err) != GW_OK)
		return import_col_fail(err, r, ORG_C_CREDIT);
	if (valid_text(v[ORG_C_NAME], ORG_NAME_MAX, 1, 0, o->name, sizeof o->name, err) != GW_OK)
		return import_col_fail(err, r, ORG_C_NAME);
	if (req_enum(r, ORG_C_KIND, EN_ORG_KIND, "单位类型", "kind", o->kind, sizeof o->kind, err) != GW_OK)
		return GW_EINVAL;
	char bad[128];
	if (enum_parse_list(EN_ORG_TAG, v[ORG_C_TAGS], o->tags, sizeof o->tags, bad, sizeof bad) != 0) {
		gw_fail(err, GW_EINVAL, "“%s”不是有效的标签，可选：%s", "'%s' is not a valid tag; any of: %s",
			bad, enum_choices(EN_ORG_TAG));
		return import_col_fail(err, r, ORG_C_TAGS);
	}
	if (opt_enum(r, ORG_C_CHAIN, EN_CHAIN, "产业链", "chain", o->chain, sizeof o->chain, err) != GW_OK)
		return GW_EINVAL;
	if (valid_blank(v[ORG_C_GRID]))
		return import_required(err, r, ORG_C_GRID);
	struct grid_rec g;
	enum gw_status st = grid_by_code(gw, v[ORG_C_GRID], &g, err);
	if (st == GW_ENOTFOUND) {
		/* Grids come from another file (imported first), never later in
		 * this one: an unknown code is a plain error, not a retry. */
		gw_fail(err, GW_EINVAL, "没有编码为“%s”的网格", "no grid with code '%s'", v[ORG_C_GRID]);
		return import_col_fail(err, r, ORG_C_GRID);
	}
	if (st != GW_OK)
		return st;
	if (g.deleted) {
		gw_fail(err, GW_EINVAL, "网格“%s”已删除", "grid '%s' has been deleted", g.code);
		return import_col_fail(err, r, ORG_C_GRID);
	}
	snprintf(o->grid_id, sizeof o->grid_id, "%s", g.id);
	snprintf(o->grid_code, sizeof o->grid_code, "%s", g.code);
	snprintf(o->grid_name, sizeof o->grid_name, "%s", g.name);
	if (valid_text(v[ORG_C_ADDRESS], ORG_ADDRESS_MAX, 0, 0, o->address, sizeof o->address, err) != GW_OK)
		return import_col_fail(err, r, ORG_C_ADDRESS);
	if (opt_count(r, ORG_C_EMPLOYEES, &o->employees, err) != GW_OK ||
	    opt_count(r, ORG_C_PARTY_MEMBERS, &o->party_members, err) != GW_OK)
		return GW_EINVAL;
	if (req_enum(r, ORG_C_PARTY_ORG, EN_PARTY_ORG, "党组织情况", "party organisation", o->party_org,
		     sizeof o->party_org, err) != GW_OK)
		return GW_EINVAL;
	if (!valid_blank(v[ORG_C_PARTY_SINCE]) &&
	    valid_date(v[ORG_C_PARTY_SINCE], o->party_org_since, err) != GW_OK)
		return import_col_fail(err, r, ORG_C_PARTY_SINCE);
	if (valid_text(v[ORG_C_CONTACT], ORG_CONTACT_MAX, 0, 0, o->contact, sizeof o->contact, err) != GW_OK)
		return import_col_fail(err, r, ORG_C_CONTACT);
	if (!valid_blank(v[ORG_C_PHONE]) &&
	    valid_phone(v[ORG_C_PHONE], o->phone, sizeof o->phone, err) != GW_OK)
		return import_col_fail(err, r, ORG_C_PHONE);
	return GW_OK;
}

/* A file without an optional column says nothing about it: the stored value
 * stays (a township's sheet without 标签 must not wipe the county's tags).
 * Then the rule between party_org and its date. */
static enum gw_status merge_and_check(struct gw *gw, const struct import_row *r, const void *stored,
				      void *rec, struct gw_err *err)
{
	const struct org_rec *old = stored;
	struct org_rec *o = rec;
	if (old) {
#define KEEP(col, field)                                                     \
	if (!r->present[col])                                                \
		memcpy(o->field, old->field, sizeof o->field)
		KEEP(ORG_C_TAGS, tags);
		KEEP(ORG_C_CHAIN, chain);
		KEEP(ORG_C_ADDRESS, address);
		KEEP(ORG_C_CONTACT, contact);
		KEEP(ORG_C_PHONE, phone);
#undef KEEP
		if (!r->present[ORG_C_EMPLOYEES])
			o->employees = old->employees;
		if (!r->present[ORG_C_PARTY_MEMBERS])
			o->party_members = old->party_members;
		if (!r->present[ORG_C_PARTY_SINCE] && strcmp(o->party_org, "none") != 0)
			memcpy(o->party_org_since, old->party_org_since, sizeof o->party_org_since);
	}
	if (strcmp(o->party_org, "none") == 0) {
		if (o->party_org_since[0]) {
			gw_fail(err, GW_EINVAL, "党组织为“无”时不应填写成立日期",
				"there is no party organisation (none), so leave its founding date empty");
			return import_col_fail(err, r, ORG_C_PARTY_SINCE);
		}
	} else if (!o->party_org_since[0]) {
		gw_fail(err, GW_EINVAL, "已建党组织（%s）时必填", "required when there is a party organisation (%s)",
			gw_tr(enum_zh_of(EN_PARTY_ORG, o->party_org), o->party_org));
		return import_col_fail(err, r, ORG_C_PARTY_SINCE);
	}
	return GW_OK;
}

static void bind_count(sqlite3_stmt *st, int i, long long v)
{
	if (v >= 0)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

/* Binds ?2..?14 of ORG_INSERT and ORG_UPDATE, which share that order. */
static void bind_fields(sqlite3_stmt *st, const void *rec)
{
	const struct org_rec *o = rec;
	db_bind_text(st, 2, o->credit_code);
	db_bind_text(st, 3, o->name);
	db_bind_text(st, 4, o->kind);
	db_bind_text(st, 5, o->tags);
	db_bind_text_null(st, 6, o->chain);
	db_bind_text(st, 7, o->grid_id);
	db_bind_text(st, 8, o->address);
	bind_count(st, 9, o->employees);
	bind_count(st, 10, o->party_members);
	db_bind_text(st, 11, o->party_org);
	db_bind_text_null(st, 12, o->party_org_since);
	db_bind_text(st, 13, o->contact);
	db_bind_text(st, 14, o->phone);
}

static enum gw_status find(struct gw *gw, const char *id, const void *rec, void *out,
			   struct gw_err *err)
{
	const struct org_rec *o = rec;
	return id ? org_by_id(gw, id, out, err) : org_by_credit_code(gw, o->credit_code, out, err);
}

static const char *label(const void *rec)
{
	return ((const struct org_rec *)rec)->name;
}

static enum gw_status code_taken(struct gw_err *err, const struct import_row *r, const void *rec,
				 const void *other)
{
	gw_fail(err, GW_EEXIST, "已有单位“%s”使用此代码", "organisation '%s' already has this code",
		label(other));
	return import_col_fail(err, r, ORG_C_CREDIT);
}

static const struct record_kind org_kind = {
	.table = "org", .size = sizeof(struct org_rec),
	.id_at = offsetof(struct org_rec, id), .version_at = offsetof(struct org_rec, version),
	.lookup_zh = "查询单位", .lookup_en = "organisation lookup",
	.what_zh = "单位", .what_en = "organisation",
	.insert = Q_ORG_INSERT, .update = Q_ORG_UPDATE, .tail = 15,
	.gone = GW_EINVAL, .gone_zh = "该单位已被删除", .gone_en = "this organisation has been deleted",
	.conflict_zh = "单位“%s”在您打开后已被他人修改",
	.conflict_en = "organisation '%s' was changed by someone else since you opened it",
	.del = RECORD_DEL_SOFT_IF_REFERENCED, .del_referenced = Q_ORG_REFERENCED,
	.del_soft = Q_ORG_SOFT_DELETE, .del_hard = Q_ORG_HARD_DELETE,
	.del_zh = "删除单位", .del_en = "deleting an organisation",
	.read = read_row, .parse = parse_row, .find = find, .merge = merge_and_check,
	.same = same_rec, .bind = bind_fields, .to_json = to_json, .label = label, .taken = code_taken,
};

static enum gw_status org_row(struct gw *gw, const struct import_row *r,
			      enum upsert_result *res, struct gw_err *err)
{
	struct org_rec recs[3];
	struct record_req q = {r, 0, NULL};
	return record_upsert(gw, &org_kind, &q, recs, res, err);
}

enum gw_status org_delete(struct gw *gw, const char *id, struct gw_err *err)
{
	struct org_rec o;
	enum gw_status st = org_by_id(gw, id, &o, err);
	return st != GW_OK ? st : record_delete(gw, &org_kind, id, &o, err);
}

enum gw_status org_plan_get(struct gw *gw, const char *id, char *out, size_t outsz,
			    struct gw_err *err)
{
	sqlite3_stmt *q = db_stmt(gw->db, Q_ORG_PLAN_GET, err);
	if (!q)
		return err ? err->code : GW_EDB;
	db_bind_text(q, 1, id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		db_col_text(q, 0, out, outsz);
	sqlite3_reset(q);
	if (rc == SQLITE_ROW)
		return GW_OK;
	if (rc != SQLITE_DONE)
		return db_fail(gw->db, err, gw_tr("读取培育计划", "reading the plan"));
	return gw_fail(err, GW_ENOTFOUND, "该单位不存在", "no such organisation");
}

enum gw_status org_plan_set(struct gw *gw, const char *id, const char *plan,
			    struct gw_err *err)
{
	char clean[ORG_PLAN_MAX * 4 + 1], before[ORG_PLAN_MAX * 4 + 1];
	if (valid_text(plan, ORG_PLAN_MAX, 0, 1, clean, sizeof clean, err) != GW_OK) {
		gw_err_prefix(err, "%s", gw_tr("培育计划", "plan"));
		return GW_EINVAL;
	}
	enum gw_status st = org_plan_get(gw, id, before, sizeof before, err);
	if (st != GW_OK || strcmp(before, clean) == 0)
		return st;
	if ((st = db_begin(gw->db, err)) != GW_OK)
		return st;
	char now[20];
	clock_now(now);
	sqlite3_stmt *q = db_stmt(gw->db, Q_ORG_PLAN_SET, err);
	if (!q) {
		db_rollback(gw->db);
		return err ? err->code : GW_EDB;
	}
	db_bind_text(q, 1, id);
	db_bind_text(q, 2, clean);
	db_bind_text(q, 3, now);
	st = db_step_done(gw->db, q, err);
	if (st == GW_OK) {
		struct strbuf oj = STRBUF_INIT, nj = STRBUF_INIT;
		int f1 = 1, f2 = 1;
		sb_puts(&oj, "{");
		sb_json_kv_str(&oj, &f1, "plan", before);
		sb_puts(&oj, "}");
		sb_puts(&nj, "{");
		sb_json_kv_str(&nj, &f2, "plan", clean);
		sb_puts(&nj, "}");
		st = audit_record(gw, "org", id, "update", sb_str(&oj), sb_str(&nj), err);
		sb_free(&oj);
		sb_free(&nj);
	}
	if (st != GW_OK) {
		db_rollback(gw->db);
		return st;
	}
	return db_commit(gw->db, err);
}

enum gw_status org_list(struct gw *gw, const char *grid_id, const struct org_key *after,
			int limit, int (*cb)(void *ctx, const struct org_rec *o), void *ctx,
			int *n, struct gw_err *err)
{
	if (n)
		*n = 0;
	sqlite3_stmt *q = db_stmt(gw->db, Q_ORG_LIST, err);
	if (!q)
		return err ? err->code : GW_EDB;
	db_bind_text_null(q, 1, grid_id);
	if (after && after->name) {
		db_bind_text(q, 2, after->name);
		db_bind_text(q, 3, after->id ? after->id : "");
	}
	sqlite3_bind_int(q, 4, limit);
	struct org_rec o;
	int rc, k = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		read_row(q, &o);
		k++;
		if (cb(ctx, &o))
			break;
	}
	sqlite3_reset(q);
	if (n)
		*n = k;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? GW_OK
						   : db_fail(gw->db, err, gw_tr("列出单位", "listing organisations"));
}

/* Export scratch: the record and the cells that are not stored text. */
struct export_cells {
	struct org_rec o;
	char tags[128], emp[24], pm[24];
};

static enum gw_status export_cells(struct gw *gw, sqlite3_stmt *st, void *ctx, const char **f,
				   struct gw_err *err)
{
	struct export_cells *x = ctx;
	struct org_rec *o = &x->o;
	read_row(st, o);
	record_list_zh(EN_ORG_TAG, o->tags, x->tags, sizeof x->tags);
	x->emp[0] = x->pm[0] = '\0';
	if (o->employees >= 0)
		snprintf(x->emp, sizeof x->emp, "%lld", o->employees);
	if (o->party_members >= 0)
		snprintf(x->pm, sizeof x->pm, "%lld", o->party_members);
	f[ORG_C_CREDIT] = o->credit_code;
	f[ORG_C_NAME] = o->name;
	f[ORG_C_KIND] = enum_zh_of(EN_ORG_KIND, o->kind);
	f[ORG_C_TAGS] = x->tags;
	f[ORG_C_CHAIN] = o->chain[0] ? enum_zh_of(EN_CHAIN, o->chain) : "";
	f[ORG_C_GRID] = o->grid_code;
	f[ORG_C_ADDRESS] = o->address;
	f[ORG_C_EMPLOYEES] = x->emp;
	f[ORG_C_PARTY_MEMBERS] = x->pm;
	f[ORG_C_PARTY_ORG] = enum_zh_of(EN_PARTY_ORG, o->party_org);
	f[ORG_C_PARTY_SINCE] = o->party_org_since;
	f[ORG_C_CONTACT] = o->contact;
	f[ORG_C_PHONE] = o->phone;
	return GW_OK;
}

/* Export is always Chinese, whatever the UI language, so files from every
 * office look alike. */
static enum gw_status org_export(struct gw *gw, struct csv_writer *w, struct gw_err *err)
{
	struct export_cells x;
	return record_export(gw, w, Q_ORG_EXPORT, ORG_NCOLS, export_cells, &x, err);
}

const struct import_kind_ops org_ops = {
	"orgs", "单位", org_cols, ORG_NCOLS, org_row, org_export,
};
