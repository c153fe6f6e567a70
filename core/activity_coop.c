/* activity_coop.c - the cooperation projects and credit grants kinds:
 * validation, upsert by natural key, export and lists (the shared checks
 * are in activity.c). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "activity_int.h"
#include "enums.h"
#include "strbuf.h"
#include "validate.h"

static const struct import_col coop_cols[COOP_NCOLS] = {
	[COOP_C_TITLE] = {"项目名称", "title", 1},
	[COOP_C_ORG_A] = {"甲方单位", "org_a", 1},
	[COOP_C_ORG_B] = {"乙方单位", "org_b", 1},
	[COOP_C_FIELD] = {"合作领域", "field", 0},
	[COOP_C_ACTIVITY] = {"对接活动", "activity", 0},
	/* Required with the activity: checked in the handler. */
	[COOP_C_ACTIVITY_DATE] = {"对接活动日期", "activity_date", 0},
	[COOP_C_SIGNED] = {"签约日期", "signed_on", 0},
};

static const struct import_col credit_cols[CREDIT_NCOLS] = {
	[CREDIT_C_ORG] = {"授信单位", "org_code", 1},
	/* For the reader of an exported ledger; not read on import. */
	[CREDIT_C_ORG_NAME] = {"单位名称", "org_name", 0},
	[CREDIT_C_BANK] = {"授信银行", "bank", 1},
	[CREDIT_C_AMOUNT] = {"授信金额", "amount_yuan", 1},
	[CREDIT_C_GRANTED] = {"授信日期", "granted_on", 1},
};

/* ---- cooperation projects --------------------------------------------------------- */

struct coop_full {
	struct coop_rec c;   /* first: see act_list */
	char org_a_id[GW_ID_LEN + 1], org_b_id[GW_ID_LEN + 1], activity_id[GW_ID_LEN + 1];
	int deleted;
};

static const struct record_kind coop_kind;

static void coop_read(sqlite3_stmt *st, void *out)
{
	struct coop_full *f = out;
	memset(f, 0, sizeof *f);
	db_col_text(st, 0, f->c.id, sizeof f->c.id);
	db_col_text(st, 1, f->c.title, sizeof f->c.title);
	db_col_text(st, 2, f->org_a_id, sizeof f->org_a_id);
	db_col_text(st, 3, f->c.org_a, sizeof f->c.org_a);
	db_col_text(st, 4, f->c.org_a_name, sizeof f->c.org_a_name);
	db_col_text(st, 5, f->org_b_id, sizeof f->org_b_id);
	db_col_text(st, 6, f->c.org_b, sizeof f->c.org_b);
	db_col_text(st, 7, f->c.org_b_name, sizeof f->c.org_b_name);
	db_col_text(st, 8, f->c.field, sizeof f->c.field);
	db_col_text(st, 9, f->activity_id, sizeof f->activity_id);
	db_col_text(st, 10, f->c.activity_title, sizeof f->c.activity_title);
	db_col_text(st, 11, f->c.activity_date, sizeof f->c.activity_date);
	db_col_text(st, 12, f->c.signed_on, sizeof f->c.signed_on);
	f->deleted = sqlite3_column_int(st, 13);
	f->c.version = sqlite3_column_int(st, 14);
}

static void coop_json(const void *rec, struct strbuf *b)
{
	const struct coop_full *f = rec;
	int first = 1;
	sb_puts(b, "{");
	sb_json_kv_str(b, &first, "title", f->c.title);
	sb_json_kv_str(b, &first, "org_a", f->c.org_a);
	sb_json_kv_str(b, &first, "org_b", f->c.org_b);
	sb_json_kv_str(b, &first, "field", f->c.field);
	sb_json_kv_str(b, &first, "activity_id", f->activity_id[0] ? f->activity_id : NULL);
	sb_json_kv_str(b, &first, "signed_on", f->c.signed_on[0] ? f->c.signed_on : NULL);
	sb_puts(b, "}");
}

static enum gw_status coop_parse(struct gw *gw, const struct import_row *r, void *rec,
				 struct gw_err *err)
{
	const char *const *v = r->val;
	struct coop_full *f = rec;
	struct act_org_ref a, b;
	enum gw_status st;
	memset(f, 0, sizeof *f);
	if ((st = act_text(v[COOP_C_TITLE], ACT_TITLE_MAX, 1, f->c.title, sizeof f->c.title,
			     r->hdr[COOP_C_TITLE], err)))
		return st;
	if ((st = act_org(gw, v[COOP_C_ORG_A], &a, r->hdr[COOP_C_ORG_A], err)))
		return st;
	if ((st = act_org(gw, v[COOP_C_ORG_B], &b, r->hdr[COOP_C_ORG_B], err)))
		return st;
	if (strcmp(a.id, b.id) == 0) {
		gw_fail(err, GW_EINVAL, "合作双方不能是同一单位", "the two parties must differ");
		return import_col_fail(err, r, COOP_C_ORG_B);
	}
	memcpy(f->org_a_id, a.id, sizeof a.id);
	memcpy(f->org_b_id, b.id, sizeof b.id);
	memcpy(f->c.org_a, a.code, sizeof a.code);
	memcpy(f->c.org_b, b.code, sizeof b.code);
	if ((st = act_text(v[COOP_C_FIELD], ACT_SHORT_MAX, 0, f->c.field, sizeof f->c.field,
			     r->hdr[COOP_C_FIELD], err)))
		return st;
	if ((st = act_text(v[COOP_C_ACTIVITY], ACT_TITLE_MAX, 0, f->c.activity_title,
			     sizeof f->c.activity_title, r->hdr[COOP_C_ACTIVITY], err)))
		return st;
	int has_act = f->c.activity_title[0] != '\0';
	if ((st = act_date(v[COOP_C_ACTIVITY_DATE], has_act, f->c.activity_date,
			     r->hdr[COOP_C_ACTIVITY_DATE], err)))
		return st;
	if (!has_act && f->c.activity_date[0]) {
		gw_fail(err, GW_EINVAL, "只在填写对接活动时填写", "give it only with the activity");
		return import_col_fail(err, r, COOP_C_ACTIVITY_DATE);
	}
	if (has_act) {
		sqlite3_stmt *q = db_stmt(gw->db, Q_ACT_BY_TITLE_DATE, err);
		if (!q)
			return GW_EDB;
		db_bind_text(q, 1, f->c.activity_title);
		db_bind_text(q, 2, f->c.activity_date);
		int rc = sqlite3_step(q);
		if (rc == SQLITE_ROW)
			db_col_text(q, 0, f->activity_id, sizeof f->activity_id);
		sqlite3_reset(q);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return db_fail(gw->db, err, gw_tr("查询活动", "activity lookup"));
		if (rc == SQLITE_DONE) {
			gw_fail(err, GW_EINVAL, "%s 没有举办“%s”这项活动", "there was no activity on %s called '%s'",
				f->c.activity_date, f->c.activity_title);
			return import_col_fail(err, r, COOP_C_ACTIVITY);
		}
	}
	return act_date(v[COOP_C_SIGNED], 0, f->c.signed_on, r->hdr[COOP_C_SIGNED], err);
}

static int coop_same(const void *old, const void *rec)
{
	const struct coop_full *x = old, *y = rec;
	return !x->deleted && strcmp(x->c.title, y->c.title) == 0 &&
	       strcmp(x->org_a_id, y->org_a_id) == 0 && strcmp(x->org_b_id, y->org_b_id) == 0 &&
	       strcmp(x->c.field, y->c.field) == 0 && strcmp(x->activity_id, y->activity_id) == 0 &&
	       strcmp(x->c.signed_on, y->c.signed_on) == 0;
}

static void coop_bind(sqlite3_stmt *w, const void *rec)
{
	const struct coop_full *f = rec;
	db_bind_text(w, 2, f->c.title);
	db_bind_text(w, 3, f->org_a_id);
	db_bind_text(w, 4, f->org_b_id);
	db_bind_text(w, 5, f->c.field);
	db_bind_text_null(w, 6, f->activity_id);
	db_bind_text_null(w, 7, f->c.signed_on);
}

static const char *coop_label(const void *rec)
{
	return ((const struct coop_full *)rec)->c.title;
}

/* By id, or by the title (the key). */
static enum gw_status coop_find(struct gw *gw, const char *id, const void *rec, void *out,
				struct gw_err *err)
{
	const struct coop_full *f = rec;
	sqlite3_stmt *st = db_stmt(gw->db, id ? Q_COOP_BY_ID : Q_COOP_BY_TITLE, err);
	if (!st)
		return GW_EDB;
	db_bind_text(st, 1, id ? id : f->c.title);
	return record_get_stmt(gw, &coop_kind, st, out, err);
}

static const struct record_kind coop_kind = {
	.table = "coop_project", .size = sizeof(struct coop_full),
	.id_at = offsetof(struct coop_full, c.id), .version_at = offsetof(struct coop_full, c.version),
	.lookup_zh = "查询", .lookup_en = "lookup",
	.insert = Q_ACT_COOP_INSERT, .update = Q_COOP_UPDATE, .tail = 8,
	.gone = GW_ENOTFOUND, .gone_zh = "该合作项目已被删除", .gone_en = "this project has been deleted",
	.conflict_zh = "合作项目“%s”在您打开后已被他人修改",
	.conflict_en = "project '%s' was changed by someone else since you opened it",
	.what_zh = "合作项目", .what_en = "project",
	.read = coop_read, .parse = coop_parse, .find = coop_find, .same = coop_same,
	.bind = coop_bind, .to_json = coop_json, .label = coop_label,
};

static enum gw_status coop_write(struct gw *gw, const struct record_req *q,
				 enum upsert_result *res, struct gw_err *err)
{
	struct coop_full recs[3];
	return record_upsert(gw, &coop_kind, q, recs, res, err);
}

static enum gw_status coop_row(struct gw *gw, const struct import_row *r, enum upsert_result *res,
			       struct gw_err *err)
{
	struct record_req q = {r, 0, NULL};
	return coop_write(gw, &q, res, err);
}

enum gw_status coop_project_add(struct gw *gw, const struct coop_project_in *in,
				char out_id[GW_ID_LEN + 1], struct gw_err *err)
{
	/* The API names the event by id; the row by title and date. */
	char title[ACT_TITLE_MAX * 4 + 1] = "", held_on[11] = "";
	if (!valid_blank(in->activity_id)) {
		int found = act_activity_by_id(gw, in->activity_id, title, held_on, err);
		if (found < 0)
			return GW_EDB;
		if (!found) {
			gw_fail(err, GW_EINVAL, "没有这项活动", "no such activity");
			return act_field_fail(err, gw_tr(coop_cols[COOP_C_ACTIVITY].zh, coop_cols[COOP_C_ACTIVITY].en));
		}
	}
	const char *v[COOP_NCOLS] = {
		[COOP_C_TITLE] = in->title ? in->title : "",
		[COOP_C_ORG_A] = in->org_a ? in->org_a : "",
		[COOP_C_ORG_B] = in->org_b ? in->org_b : "",
		[COOP_C_FIELD] = in->field ? in->field : "",
		[COOP_C_ACTIVITY] = title,
		[COOP_C_ACTIVITY_DATE] = held_on,
		[COOP_C_SIGNED] = in->signed_on ? in->signed_on : "",
	};
	return act_add_row(gw, coop_cols, COOP_NCOLS, coop_write, v, out_id, err);
}

enum gw_status coop_list(struct gw *gw, const struct activity_filter *f,
			 int (*cb)(void *ctx, const struct coop_rec *c), void *ctx,
			 struct gw_err *err)
{
	struct coop_full rec;
	struct act_emit e = {.coop = cb, .ctx = ctx};
	return act_list(gw, &coop_kind, Q_COOP_LIST, f, &rec, &e, err);
}

static void coop_cells(const void *rec, const char **f, char num[24])
{
	const struct coop_rec *c = rec;
	f[COOP_C_TITLE] = c->title;
	f[COOP_C_ORG_A] = c->org_a;
	f[COOP_C_ORG_B] = c->org_b;
	f[COOP_C_FIELD] = c->field;
	f[COOP_C_ACTIVITY] = c->activity_title;
	f[COOP_C_ACTIVITY_DATE] = c->activity_date;
	f[COOP_C_SIGNED] = c->signed_on;
}

static enum gw_status coop_export(struct gw *gw, struct csv_writer *w, struct gw_err *err)
{
	struct coop_full rec;
	return act_export(gw, w, &coop_kind, Q_COOP_LIST, COOP_NCOLS, coop_cells, &rec, err);
}

const struct import_kind_ops coop_ops = {
	"coop_projects", "合作项目", coop_cols, COOP_NCOLS, coop_row, coop_export,
};

/* ---- credit grants ------------------------------------------------------------------ */

struct credit_full {
	struct credit_rec c;   /* first: see act_list */
	char org_id[GW_ID_LEN + 1];
	int deleted;
};

static const struct record_kind credit_kind;

static void credit_read(sqlite3_stmt *st, void *out)
{
	struct credit_full *f = out;
	memset(f, 0, sizeof *f);
	db_col_text(st, 0, f->c.id, sizeof f->c.id);
	db_col_text(st, 1, f->org_id, sizeof f->org_id);
	db_col_text(st, 2, f->c.org_code, sizeof f->c.org_code);
	db_col_text(st, 3, f->c.org_name, sizeof f->c.org_name);
	db_col_text(st, 4, f->c.bank, sizeof f->c.bank);
	f->c.amount_yuan = sqlite3_column_int64(st, 5);
	db_col_text(st, 6, f->c.granted_on, sizeof f->c.granted_on);
	f->deleted = sqlite3_column_int(st, 7);
	f->c.version = sqlite3_column_int(st, 8);
}

static void credit_json(const void *rec, struct strbuf *b)
{
	const struct credit_full *f = rec;
	int first = 1;
	sb_puts(b, "{");
	sb_json_kv_str(b, &first, "org_code", f->c.org_code);
	sb_json_kv_str(b, &first, "bank", f->c.bank);
	sb_json_kv_int(b, &first, "amount_yuan", f->c.amount_yuan);
	sb_json_kv_str(b, &first, "granted_on", f->c.granted_on);
	sb_puts(b, "}");
}

/* Whole yuan: digits, with thousands separators (, or ，) allowed. */
static enum gw_status parse_amount(const char *s, long long *out, struct gw_err *err)
{
	char digits[32];
	size_t n = 0;
	for (const char *p = s; *p; p++) {
		if (*p == ',' || *p == ' ')
			continue;
		if (strncmp(p, "\xef\xbc\x8c", 3) == 0) {   /* ， */
			p += 2;
			continue;
		}
		if (n + 1 >= sizeof digits)
			break;
		digits[n++] = *p;
	}
	digits[n] = '\0';
	if (valid_count(digits, CREDIT_AMOUNT_MAX, out, NULL) != GW_OK || *out <= 0)
		return gw_fail(err, GW_EINVAL, "“%s”无效：须为大于 0 且不超过 %lld 的整数（元）",
			       "'%s' is invalid: a whole number of yuan above 0 and at most %lld", s,
			       CREDIT_AMOUNT_MAX);
	return GW_OK;
}

static enum gw_status credit_parse(struct gw *gw, const struct import_row *r, void *rec,
				   struct gw_err *err)
{
	const char *const *v = r->val;
	struct credit_full *f = rec;
	struct act_org_ref o;
	enum gw_status st;
	memset(f, 0, sizeof *f);
	if ((st = act_org(gw, v[CREDIT_C_ORG], &o, r->hdr[CREDIT_C_ORG], err)))
		return st;
	memcpy(f->org_id, o.id, sizeof o.id);
	memcpy(f->c.org_code, o.code, sizeof o.code);
	memcpy(f->c.org_name, o.name, sizeof o.name);
	if ((st = act_text(v[CREDIT_C_BANK], ACT_SHORT_MAX, 1, f->c.bank, sizeof f->c.bank,
			     r->hdr[CREDIT_C_BANK], err)))
		return st;
	if (valid_blank(v[CREDIT_C_AMOUNT]))
		return import_required(err, r, CREDIT_C_AMOUNT);
	if (parse_amount(v[CREDIT_C_AMOUNT], &f->c.amount_yuan, err) != GW_OK)
		return import_col_fail(err, r, CREDIT_C_AMOUNT);
	return act_date(v[CREDIT_C_GRANTED], 1, f->c.granted_on, r->hdr[CREDIT_C_GRANTED], err);
}

static int credit_same(const void *old, const void *rec)
{
	const struct credit_full *x = old, *y = rec;
	return !x->deleted && strcmp(x->org_id, y->org_id) == 0 && strcmp(x->c.bank, y->c.bank) == 0 &&
	       x->c.amount_yuan == y->c.amount_yuan && strcmp(x->c.granted_on, y->c.granted_on) == 0;
}

static void credit_bind(sqlite3_stmt *w, const void *rec)
{
	const struct credit_full *f = rec;
	db_bind_text(w, 2, f->org_id);
	db_bind_text(w, 3, f->c.bank);
	sqlite3_bind_int64(w, 4, f->c.amount_yuan);
	db_bind_text(w, 5, f->c.granted_on);
}

static const char *credit_label(const void *rec)
{
	return ((const struct credit_full *)rec)->c.org_name;
}

/* By id, or by (organisation, bank, date), the key. */
static enum gw_status credit_find(struct gw *gw, const char *id, const void *rec, void *out,
				  struct gw_err *err)
{
	const struct credit_full *f = rec;
	sqlite3_stmt *st = db_stmt(gw->db, id ? Q_CREDIT_BY_ID : Q_CREDIT_BY_KEY, err);
	if (!st)
		return GW_EDB;
	if (id) {
		db_bind_text(st, 1, id);
	} else {
		db_bind_text(st, 1, f->org_id);
		db_bind_text(st, 2, f->c.bank);
		db_bind_text(st, 3, f->c.granted_on);
	}
	return record_get_stmt(gw, &credit_kind, st, out, err);
}

static const struct record_kind credit_kind = {
	.table = "credit_grant", .size = sizeof(struct credit_full),
	.id_at = offsetof(struct credit_full, c.id), .version_at = offsetof(struct credit_full, c.version),
	.lookup_zh = "查询", .lookup_en = "lookup",
	.insert = Q_ACT_CREDIT_INSERT, .update = Q_CREDIT_UPDATE, .tail = 6,
	.gone = GW_ENOTFOUND, .gone_zh = "该授信记录已被删除", .gone_en = "this grant has been deleted",
	.conflict_zh = "“%s”的授信记录在您打开后已被他人修改",
	.conflict_en = "the grant to '%s' was changed by someone else since you opened it",
	.what_zh = "授信记录", .what_en = "grant",
	.read = credit_read, .parse = credit_parse, .find = credit_find, .same = credit_same,
	.bind = credit_bind, .to_json = credit_json, .label = credit_label,
};

static enum gw_status credit_write(struct gw *gw, const struct record_req *q,
				   enum upsert_result *res, struct gw_err *err)
{
	struct credit_full recs[3];
	return record_upsert(gw, &credit_kind, q, recs, res, err);
}

static enum gw_status credit_row(struct gw *gw, const struct import_row *r,
				 enum upsert_result *res, struct gw_err *err)
{
	struct record_req q = {r, 0, NULL};
	return credit_write(gw, &q, res, err);
}

enum gw_status credit_grant_add(struct gw *gw, const struct credit_grant_in *in,
				char out_id[GW_ID_LEN + 1], struct gw_err *err)
{
	char amount[24];
	snprintf(amount, sizeof amount, "%lld", in->amount_yuan);
	const char *v[CREDIT_NCOLS] = {
		[CREDIT_C_ORG] = in->org_code ? in->org_code : "",
		[CREDIT_C_ORG_NAME] = "",
		[CREDIT_C_BANK] = in->bank ? in->bank : "",
		[CREDIT_C_AMOUNT] = amount,
		[CREDIT_C_GRANTED] = in->granted_on ? in->granted_on : "",
	};
	return act_add_row(gw, credit_cols, CREDIT_NCOLS, credit_write, v, out_id, err);
}

enum gw_status credit_list(struct gw *gw, const struct activity_filter *f,
			   int (*cb)(void *ctx, const struct credit_rec *c), void *ctx,
			   struct gw_err *err)
{
	struct credit_full rec;
	struct act_emit e = {.credit = cb, .ctx = ctx};
	return act_list(gw, &credit_kind, Q_CREDIT_LIST, f, &rec, &e, err);
}

static void credit_cells(const void *rec, const char **f, char num[24])
{
	const struct credit_rec *c = rec;
	snprintf(num, 24, "%lld", c->amount_yuan);
	f[CREDIT_C_ORG] = c->org_code;
	f[CREDIT_C_ORG_NAME] = c->org_name;
	f[CREDIT_C_BANK] = c->bank;
	f[CREDIT_C_AMOUNT] = num;
	f[CREDIT_C_GRANTED] = c->granted_on;
}

static enum gw_status credit_export(struct gw *gw, struct csv_writer *w, struct gw_err *err)
{
	struct credit_full rec;
	return act_export(gw, w, &credit_kind, Q_CREDIT_LIST, CREDIT_NCOLS, credit_cells, &rec, err);
}

const struct import_kind_ops credit_ops = {
	"credit_grants", "红色信贷", credit_cols, CREDIT_NCOLS, credit_row, credit_export,
};


enum gw_status act_results_add_row(struct gw *gw, enum import_kind kind, const char *const *vals,
				   char *out_id, struct gw_err *err)
{
	if (kind == IK_COOP)
		return act_add_row(gw, coop_cols, COOP_NCOLS, coop_write, vals, out_id, err);
	if (kind == IK_CREDIT)
		return act_add_row(gw, credit_cols, CREDIT_NCOLS, credit_write, vals, out_id, err);
	return gw_fail(err, GW_EUSAGE, "未知的数据类别", "unknown kind of data");
}
