/* activity.c - party members, activities, cooperation projects and credit
 * grants: validated inserts for the records no CSV kind carries. */
#include "activity.h"

#include <stdio.h>
#include <string.h>

#include "enums.h"
#include "grid.h"
#include "strbuf.h"
#include "validate.h"

/* Limits in characters, as forms state them. */
#define NAME_MAX_CHARS 32
#define TITLE_MAX_CHARS 100
#define SHORT_MAX_CHARS 64
#define PERSON_TIMES_MAX 1000000LL
#define AMOUNT_MAX 1000000000000LL   /* one trillion yuan: a typo, not a loan */

struct org_ref {
	char id[GW_ID_LEN + 1];
	char grid_id[GW_ID_LEN + 1];
	char party_org[12];
	char name[200];
};

/* Puts the field's name in front of the message validation left in err. */
static enum gw_status field_fail(struct gw_err *err, const char *zh, const char *en)
{
	if (!err)
		return GW_EINVAL;
	gw_err_prefix(err, "%s", gw_tr(zh, en));
	return err->code;
}

static enum gw_status org_ref(struct gw *gw, const char *code, struct org_ref *o,
			      const char *zh, const char *en, struct gw_err *err)
{
	char norm[19];
	memset(o, 0, sizeof *o);
	if (valid_blank(code)) {
		gw_fail(err, GW_EINVAL, "不能为空", "must not be empty");
		return field_fail(err, zh, en);
	}
	if (valid_credit_code(code, norm, err) != GW_OK)
		return field_fail(err, zh, en);
	sqlite3_stmt *st = db_stmt(gw->db, Q_ACT_ORG_BY_CODE, err);
	if (!st)
		return err ? err->code : GW_EDB;
	db_bind_text(st, 1, norm);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		db_col_text(st, 0, o->id, sizeof o->id);
		db_col_text(st, 1, o->grid_id, sizeof o->grid_id);
		db_col_text(st, 2, o->party_org, sizeof o->party_org);
		db_col_text(st, 3, o->name, sizeof o->name);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return GW_OK;
	if (rc != SQLITE_DONE)
		return db_fail(gw->db, err, gw_tr("查询单位", "organisation lookup"));
	gw_fail(err, GW_EINVAL, "没有统一社会信用代码为“%s”的单位",
		"no organisation with credit code '%s'", norm);
	return field_fail(err, zh, en);
}

/* An optional grid code to its id ("" when blank). */
static enum gw_status grid_ref(struct gw *gw, const char *code, char id[GW_ID_LEN + 1],
			       struct gw_err *err)
{
	id[0] = '\0';
	if (valid_blank(code))
		return GW_OK;
	struct grid_rec g;
	enum gw_status st = grid_by_code(gw, code, &g, err);
	if (st == GW_ENOTFOUND) {
		gw_fail(err, GW_EINVAL, "没有编码为“%s”的网格", "no grid with code '%s'", code);
		return field_fail(err, "网格编码", "grid code");
	}
	if (st != GW_OK)
		return st;
	if (g.deleted) {
		gw_fail(err, GW_EINVAL, "网格“%s”已删除", "grid '%s' has been deleted", g.code);
		return field_fail(err, "网格编码", "grid code");
	}
	snprintf(id, GW_ID_LEN + 1, "%s", g.id);
	return GW_OK;
}

static enum gw_status text_field(const char *s, size_t maxchars, int required, char *out,
				 size_t outsz, const char *zh, const char *en, struct gw_err *err)
{
	if (valid_text(s, maxchars, required, 0, out, outsz, err) != GW_OK)
		return field_fail(err, zh, en);
	return GW_OK;
}

/* An optional (required: mandatory) date into out, "" when blank. */
static enum gw_status date_field(const char *s, int required, char out[11], const char *zh,
				 const char *en, struct gw_err *err)
{
	out[0] = '\0';
	if (valid_blank(s)) {
		if (!required)
			return GW_OK;
		gw_fail(err, GW_EINVAL, "不能为空", "must not be empty");
		return field_fail(err, zh, en);
	}
	if (valid_date(s, out, err) != GW_OK)
		return field_fail(err, zh, en);
	return GW_OK;
}

/* Writes inside the caller's transaction under a savepoint (so a failure
 * undoes only this record), or in a transaction of its own. */
static enum gw_status tx_open(struct gw *gw, int *nested, struct gw_err *err)
{
	*nested = db_in_tx(gw->db);
	return *nested ? db_savepoint(gw->db, err) : db_begin(gw->db, err);
}

static enum gw_status tx_close(struct gw *gw, int nested, enum gw_status st, struct gw_err *err)
{
	if (st != GW_OK) {
		if (nested)
			db_rollback_savepoint(gw->db);
		else
			db_rollback(gw->db);
		return st;
	}
	return nested ? db_release(gw->db, err) : db_commit(gw->db, err);
}

/* Runs the bound insert q and records it in the audit log. */
static enum gw_status insert_audited(struct gw *gw, sqlite3_stmt *q, const char *tbl,
				     const char *id, const struct strbuf *json, struct gw_err *err)
{
	if (json->oom)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	int nested;
	enum gw_status st = tx_open(gw, &nested, err);
	if (st != GW_OK) {
		sqlite3_reset(q);
		return st;
	}
	st = db_step_done(gw->db, q, err);
	if (st == GW_OK)
		st = audit_record(gw, tbl, id, "insert", NULL, sb_str(json), err);
	return tx_close(gw, nested, st, err);
}

static void copy_id(char *out_id, const char *id)
{
	if (out_id)
		snprintf(out_id, GW_ID_LEN + 1, "%s", id);
}

enum gw_status party_member_add(struct gw *gw, const struct party_member_in *in,
				char out_id[GW_ID_LEN + 1], struct gw_err *err)
{
	char name[NAME_MAX_CHARS * 4 + 1], phone[24] = "", joined[11], grid_id[GW_ID_LEN + 1];
	struct org_ref org;
	enum gw_status st;
	if ((st = text_field(in->name, NAME_MAX_CHARS, 1, name, sizeof name, "姓名", "name", err)))
		return st;
	if (!valid_blank(in->phone) && valid_phone(in->phone, phone, sizeof phone, err) != GW_OK)
		return field_fail(err, "手机", "phone");
	if (in->works_in_park != 0 && in->works_in_park != 1) {
		gw_fail(err, GW_EINVAL, "须为 0 或 1", "must be 0 or 1");
		return field_fail(err, "在园区工作", "works in park");
	}
	if (in->mobile != 0 && in->mobile != 1) {
		gw_fail(err, GW_EINVAL, "须为 0 或 1", "must be 0 or 1");
		return field_fail(err, "流动党员", "mobile member");
	}
	if ((st = date_field(in->joined_on, 0, joined, "入党日期", "joined on", err)))
		return st;
	memset(&org, 0, sizeof org);
	if (!valid_blank(in->org_code)) {
		if ((st = org_ref(gw, in->org_code, &org, "管理单位", "managing organisation", err)))
			return st;
		/* Only a party organisation can manage a member. */
		if (strcmp(org.party_org, "none") == 0) {
			gw_fail(err, GW_EINVAL, "单位“%s”没有党组织，不能管理党员",
				"'%s' has no party organisation to manage members", org.name);
			return field_fail(err, "管理单位", "managing organisation");
		}
	}
	if ((st = grid_ref(gw, in->grid_code, grid_id, err)))
		return st;
	if (!grid_id[0] && org.grid_id[0])
		snprintf(grid_id, sizeof grid_id, "%s", org.grid_id);

	char id[GW_ID_LEN + 1], now[20];
	id_new(id);
	clock_now(now);
	sqlite3_stmt *q = db_stmt(gw->db, Q_ACT_MEMBER_INSERT, err);
	if (!q)
		return err ? err->code : GW_EDB;
	db_bind_text(q, 1, id);
	db_bind_text(q, 2, name);
	db_bind_text(q, 3, phone);
	db_bind_text_null(q, 4, org.id);
	db_bind_text_null(q, 5, grid_id);
	sqlite3_bind_int(q, 6, in->works_in_park);
	sqlite3_bind_int(q, 7, in->mobile);
	db_bind_text_null(q, 8, joined);
	db_bind_text(q, 9, gw->office);
	db_bind_text(q, 10, now);
	struct strbuf j = STRBUF_INIT;
	int first = 1;
	sb_puts(&j, "{");
	sb_json_kv_str(&j, &first, "name", name);
	sb_json_kv_str(&j, &first, "phone", phone);
	sb_json_kv_str(&j, &first, "org_id", org.id[0] ? org.id : NULL);
	sb_json_kv_str(&j, &first, "grid_id", grid_id[0] ? grid_id : NULL);
	sb_json_kv_int(&j, &first, "works_in_park", in->works_in_park);
	sb_json_kv_int(&j, &first, "mobile", in->mobile);
	sb_json_kv_str(&j, &first, "joined_on", joined[0] ? joined : NULL);
	sb_puts(&j, "}");
	st = insert_audited(gw, q, "party_member", id, &j, err);
	sb_free(&j);
	if (st == GW_OK)
		copy_id(out_id, id);
	return st;
}

enum gw_status activity_add(struct gw *gw, const struct activity_in *in,
			    char out_id[GW_ID_LEN + 1], struct gw_err *err)
{
	char title[TITLE_MAX_CHARS * 4 + 1], organiser[SHORT_MAX_CHARS * 4 + 1], held[11];
	char grid_id[GW_ID_LEN + 1];
	enum gw_status st;
	if (valid_blank(in->kind)) {
		gw_fail(err, GW_EINVAL, "不能为空", "must not be empty");
		return field_fail(err, "类型", "kind");
	}
	int kind = enum_parse(EN_ACTIVITY_KIND, in->kind);
	if (kind < 0) {
		gw_fail(err, GW_EINVAL, "“%s”不是有效的活动类型，可选：%s",
			"'%s' is not a kind of activity; one of: %s", in->kind,
			enum_choices(EN_ACTIVITY_KIND));
		return field_fail(err, "类型", "kind");
	}
	if ((st = text_field(in->title, TITLE_MAX_CHARS, 1, title, sizeof title, "标题", "title", err)))
		return st;
	if ((st = date_field(in->held_on, 1, held, "举办日期", "held on", err)))
		return st;
	if ((st = grid_ref(gw, in->grid_code, grid_id, err)))
		return st;
	if ((st = text_field(in->organiser, SHORT_MAX_CHARS, 0, organiser, sizeof organiser,
			     "主办单位", "organiser", err)))
		return st;
	if (in->person_times < 0 || in->person_times > PERSON_TIMES_MAX) {
		gw_fail(err, GW_EINVAL, "须在 0 到 %lld 之间", "must be between 0 and %lld",
			PERSON_TIMES_MAX);
		return field_fail(err, "参与人次", "person-times");
	}

	char id[GW_ID_LEN + 1], now[20];
	id_new(id);
	clock_now(now);
	sqlite3_stmt *q = db_stmt(gw->db, Q_ACT_ACTIVITY_INSERT, err);
	if (!q)
		return err ? err->code : GW_EDB;
	const char *kind_en = enum_en(EN_ACTIVITY_KIND, kind);
	db_bind_text(q, 1, id);
	db_bind_text(q, 2, kind_en);
	db_bind_text(q, 3, title);
	db_bind_text(q, 4, held);
	db_bind_text_null(q, 5, grid_id);
	db_bind_text(q, 6, organiser);
	sqlite3_bind_int64(q, 7, in->person_times);
	db_bind_text(q, 8, gw->office);
	db_bind_text(q, 9, now);
	struct strbuf j = STRBUF_INIT;
	int first = 1;
	sb_puts(&j, "{");
	sb_json_kv_str(&j, &first, "kind", kind_en);
	sb_json_kv_str(&j, &first, "title", title);
	sb_json_kv_str(&j, &first, "held_on", held);
	sb_json_kv_str(&j, &first, "grid_id", grid_id[0] ? grid_id : NULL);
	sb_json_kv_str(&j, &first, "organiser", organiser);
	sb_json_kv_int(&j, &first, "person_times", in->person_times);
	sb_puts(&j, "}");
	st = insert_audited(gw, q, "activity", id, &j, err);
	sb_free(&j);
	if (st == GW_OK)
		copy_id(out_id, id);
	return st;
}

enum gw_status coop_project_add(struct gw *gw, const struct coop_project_in *in,
				char out_id[GW_ID_LEN + 1], struct gw_err *err)
{
	char title[TITLE_MAX_CHARS * 4 + 1], field[SHORT_MAX_CHARS * 4 + 1], signed_on[11];
	struct org_ref a, b;
	enum gw_status st;
	if ((st = text_field(in->title, TITLE_MAX_CHARS, 1, title, sizeof title, "项目名称", "title", err)))
		return st;
	if ((st = org_ref(gw, in->org_a, &a, "甲方单位", "first party", err)))
		return st;
	if ((st = org_ref(gw, in->org_b, &b, "乙方单位", "second party", err)))
		return st;
	if (strcmp(a.id, b.id) == 0) {
		gw_fail(err, GW_EINVAL, "合作双方不能是同一单位", "the two parties must differ");
		return field_fail(err, "乙方单位", "second party");
	}
	if ((st = text_field(in->field, SHORT_MAX_CHARS, 0, field, sizeof field, "合作领域", "field", err)))
		return st;
	if (!valid_blank(in->activity_id)) {
		sqlite3_stmt *q = db_stmt(gw->db, Q_ACT_ACTIVITY_EXISTS, err);
		if (!q)
			return err ? err->code : GW_EDB;
		db_bind_text(q, 1, in->activity_id);
		int rc = sqlite3_step(q);
		sqlite3_reset(q);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return db_fail(gw->db, err, gw_tr("查询活动", "activity lookup"));
		if (rc == SQLITE_DONE) {
			gw_fail(err, GW_EINVAL, "没有这项活动", "no such activity");
			return field_fail(err, "对接活动", "activity");
		}
	}
	if ((st = date_field(in->signed_on, 0, signed_on, "签约日期", "signed on", err)))
		return st;

	char id[GW_ID_LEN + 1], now[20];
	id_new(id);
	clock_now(now);
	sqlite3_stmt *q = db_stmt(gw->db, Q_ACT_COOP_INSERT, err);
	if (!q)
		return err ? err->code : GW_EDB;
	const char *act = valid_blank(in->activity_id) ? NULL : in->activity_id;
	db_bind_text(q, 1, id);
	db_bind_text(q, 2, title);
	db_bind_text(q, 3, a.id);
	db_bind_text(q, 4, b.id);
	db_bind_text(q, 5, field);
	db_bind_text_null(q, 6, act);
	db_bind_text_null(q, 7, signed_on);
	db_bind_text(q, 8, gw->office);
	db_bind_text(q, 9, now);
	struct strbuf j = STRBUF_INIT;
	int first = 1;
	sb_puts(&j, "{");
	sb_json_kv_str(&j, &first, "title", title);
	sb_json_kv_str(&j, &first, "org_a", a.id);
	sb_json_kv_str(&j, &first, "org_b", b.id);
	sb_json_kv_str(&j, &first, "field", field);
	sb_json_kv_str(&j, &first, "activity_id", act);
	sb_json_kv_str(&j, &first, "signed_on", signed_on[0] ? signed_on : NULL);
	sb_puts(&j, "}");
	st = insert_audited(gw, q, "coop_project", id, &j, err);
	sb_free(&j);
	if (st == GW_OK)
		copy_id(out_id, id);
	return st;
}

enum gw_status credit_grant_add(struct gw *gw, const struct credit_grant_in *in,
				char out_id[GW_ID_LEN + 1], struct gw_err *err)
{
	char bank[SHORT_MAX_CHARS * 4 + 1], granted[11];
	struct org_ref org;
	enum gw_status st;
	if ((st = org_ref(gw, in->org_code, &org, "授信单位", "organisation", err)))
		return st;
	if ((st = text_field(in->bank, SHORT_MAX_CHARS, 1, bank, sizeof bank, "授信银行", "bank", err)))
		return st;
	if (in->amount_yuan <= 0 || in->amount_yuan > AMOUNT_MAX) {
		gw_fail(err, GW_EINVAL, "须大于 0 且不超过 %lld 元", "must be above 0 and at most %lld yuan",
			AMOUNT_MAX);
		return field_fail(err, "授信金额", "amount");
	}
	if ((st = date_field(in->granted_on, 1, granted, "授信日期", "granted on", err)))
		return st;

	char id[GW_ID_LEN + 1], now[20];
	id_new(id);
	clock_now(now);
	sqlite3_stmt *q = db_stmt(gw->db, Q_ACT_CREDIT_INSERT, err);
	if (!q)
		return err ? err->code : GW_EDB;
	db_bind_text(q, 1, id);
	db_bind_text(q, 2, org.id);
	db_bind_text(q, 3, bank);
	sqlite3_bind_int64(q, 4, in->amount_yuan);
	db_bind_text(q, 5, granted);
	db_bind_text(q, 6, gw->office);
	db_bind_text(q, 7, now);
	struct strbuf j = STRBUF_INIT;
	int first = 1;
	sb_puts(&j, "{");
	sb_json_kv_str(&j, &first, "org_id", org.id);
	sb_json_kv_str(&j, &first, "bank", bank);
	sb_json_kv_int(&j, &first, "amount_yuan", in->amount_yuan);
	sb_json_kv_str(&j, &first, "granted_on", granted);
	sb_puts(&j, "}");
	st = insert_audited(gw, q, "credit_grant", id, &j, err);
	sb_free(&j);
	if (st == GW_OK)
		copy_id(out_id, id);
	return st;
}
