/* activity.c - party members; the activities kind (validation, upsert by
 * natural key, export, lists) and what activity_coop.c shares with it.
 *
 * Every write of the three kinds goes through one handler per kind (import
 * rows, the *_add functions, forms through import_one), so the checks and
 * the audit trail are the same whichever way a record comes in. */
#include "activity_int.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "enums.h"
#include "grid.h"
#include "strbuf.h"
#include "validate.h"

#define NAME_MAX_CHARS 32

static const struct import_col act_cols[ACT_NCOLS] = {
	[ACT_C_KIND] = {"活动类型", "kind", 1},
	[ACT_C_TITLE] = {"标题", "title", 1},
	[ACT_C_HELD] = {"举办日期", "held_on", 1},
	[ACT_C_GRID] = {"网格编码", "grid_code", 0},
	[ACT_C_ORGANISER] = {"主办单位", "organiser", 0},
	[ACT_C_PERSONS] = {"参与人次", "person_times", 0},
};

/* ---- shared checks ------------------------------------------------------------ */

/* Puts the field's name in front of the message validation left in err. */
enum gw_status act_field_fail(struct gw_err *err, const char *name)
{
	if (!err)
		return GW_EINVAL;
	gw_err_prefix(err, "%s", name);
	return err->code;
}

static enum gw_status act_required(struct gw_err *err, const char *name)
{
	gw_fail(err, GW_EINVAL, "必填，不能为空", "required; must not be empty");
	return act_field_fail(err, name);
}

/* An organisation by credit code; name is the field's name for messages. */
enum gw_status act_org(struct gw *gw, const char *code, struct act_org_ref *o,
			      const char *name, struct gw_err *err)
{
	memset(o, 0, sizeof *o);
	if (valid_blank(code))
		return act_required(err, name);
	if (valid_credit_code(code, o->code, err) != GW_OK)
		return act_field_fail(err, name);
	sqlite3_stmt *st = db_stmt(gw->db, Q_ACT_ORG_BY_CODE, err);
	if (!st)
		return err ? err->code : GW_EDB;
	db_bind_text(st, 1, o->code);
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
		"no organisation with credit code '%s'", o->code);
	return act_field_fail(err, name);
}

/* An optional grid code to its id and normalised code ("" when blank). */
static enum gw_status grid_ref(struct gw *gw, const char *code, char id[GW_ID_LEN + 1],
			       char norm[33], const char *name, struct gw_err *err)
{
	id[0] = norm[0] = '\0';
	if (valid_blank(code))
		return GW_OK;
	struct grid_rec g;
	enum gw_status st = grid_by_code(gw, code, &g, err);
	if (st == GW_ENOTFOUND) {
		gw_fail(err, GW_EINVAL, "没有编码为“%s”的网格", "no grid with code '%s'", code);
		return act_field_fail(err, name);
	}
	if (st != GW_OK)
		return st;
	if (g.deleted) {
		gw_fail(err, GW_EINVAL, "网格“%s”已删除", "grid '%s' has been deleted", g.code);
		return act_field_fail(err, name);
	}
	snprintf(id, GW_ID_LEN + 1, "%s", g.id);
	snprintf(norm, 33, "%s", g.code);
	return GW_OK;
}

enum gw_status act_text(const char *s, size_t maxchars, int req, char *out,
				 size_t outsz, const char *name, struct gw_err *err)
{
	if (req && valid_blank(s))
		return act_required(err, name);
	if (valid_text(s, maxchars, req, 0, out, outsz, err) != GW_OK)
		return act_field_fail(err, name);
	return GW_OK;
}

/* An optional (req: mandatory) date into out, "" when blank. */
enum gw_status act_date(const char *s, int req, char out[11], const char *name,
				 struct gw_err *err)
{
	out[0] = '\0';
	if (valid_blank(s))
		return req ? act_required(err, name) : GW_OK;
	if (valid_date(s, out, err) != GW_OK)
		return act_field_fail(err, name);
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

/* Runs write on cell values vals in the kind's column order, in its own
 * transaction or under a savepoint, as an *_add call. */
enum gw_status act_add_row(struct gw *gw, const struct import_col *cols, int ncols,
			   act_write_fn *write, const char *const *vals, char *out_id,
			   struct gw_err *err)
{
	const char *hdr[16];
	int present[16];
	for (int i = 0; i < ncols; i++) {
		hdr[i] = gw_tr(cols[i].zh, cols[i].en);
		present[i] = 1;
	}
	struct import_row r = {vals, hdr, present, 0, NULL, 0};
	struct record_req q = {&r, 1, out_id};
	enum upsert_result res;
	int nested;
	gw_err_clear(err);
	enum gw_status st = tx_open(gw, &nested, err);
	if (st != GW_OK)
		return st;
	st = write(gw, &q, &res, err);
	return tx_close(gw, nested, st, err);
}

/* ---- party members -------------------------------------------------------------- */

enum gw_status party_member_add(struct gw *gw, const struct party_member_in *in,
				char out_id[GW_ID_LEN + 1], struct gw_err *err)
{
	char name[NAME_MAX_CHARS * 4 + 1], phone[24] = "", joined[11], grid_id[GW_ID_LEN + 1];
	char grid_code[33];
	struct act_org_ref org;
	enum gw_status st;
	const char *f_name = gw_tr("姓名", "name"), *f_org = gw_tr("管理单位", "managing organisation");
	if ((st = act_text(in->name, NAME_MAX_CHARS, 1, name, sizeof name, f_name, err)))
		return st;
	if (!valid_blank(in->phone) && valid_phone(in->phone, phone, sizeof phone, err) != GW_OK)
		return act_field_fail(err, gw_tr("手机", "phone"));
	if (in->works_in_park != 0 && in->works_in_park != 1) {
		gw_fail(err, GW_EINVAL, "须为 0 或 1", "must be 0 or 1");
		return act_field_fail(err, gw_tr("在园区工作", "works in park"));
	}
	if (in->mobile != 0 && in->mobile != 1) {
		gw_fail(err, GW_EINVAL, "须为 0 或 1", "must be 0 or 1");
		return act_field_fail(err, gw_tr("流动党员", "mobile member"));
	}
	if ((st = act_date(in->joined_on, 0, joined, gw_tr("入党日期", "joined on"), err)))
		return st;
	memset(&org, 0, sizeof org);
	if (!valid_blank(in->org_code)) {
		if ((st = act_org(gw, in->org_code, &org, f_org, err)))
			return st;
		/* Only a party organisation can manage a member. */
		if (strcmp(org.party_org, "none") == 0) {
			gw_fail(err, GW_EINVAL, "单位“%s”没有党组织，不能管理党员",
				"'%s' has no party organisation to manage members", org.name);
			return act_field_fail(err, f_org);
		}
	}
	if ((st = grid_ref(gw, in->grid_code, grid_id, grid_code, gw_tr("网格编码", "grid code"), err)))
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
	int nested;
	if (j.oom)
		st = gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	else if ((st = tx_open(gw, &nested, err)) == GW_OK) {
		st = db_step_done(gw->db, q, err);
		if (st == GW_OK)
			st = audit_record(gw, "party_member", id, "insert", NULL, sb_str(&j), err);
		st = tx_close(gw, nested, st, err);
	}
	sqlite3_reset(q);
	sb_free(&j);
	if (st == GW_OK && out_id)
		snprintf(out_id, GW_ID_LEN + 1, "%s", id);
	return st;
}

/* ---- activities ------------------------------------------------------------------ */

struct act_full {
	struct activity_rec a;   /* first: act_list passes the record to activity_list's callback */
	char grid_id[GW_ID_LEN + 1];
	int deleted;
};

static const struct record_kind act_kind;

static void act_read(sqlite3_stmt *st, void *rec)
{
	struct act_full *f = rec;
	memset(f, 0, sizeof *f);
	db_col_text(st, 0, f->a.id, sizeof f->a.id);
	db_col_text(st, 1, f->a.kind, sizeof f->a.kind);
	db_col_text(st, 2, f->a.title, sizeof f->a.title);
	db_col_text(st, 3, f->a.held_on, sizeof f->a.held_on);
	db_col_text(st, 4, f->grid_id, sizeof f->grid_id);
	db_col_text(st, 5, f->a.grid_code, sizeof f->a.grid_code);
	db_col_text(st, 6, f->a.organiser, sizeof f->a.organiser);
	f->a.person_times = sqlite3_column_int64(st, 7);
	f->deleted = sqlite3_column_int(st, 8);
	f->a.version = sqlite3_column_int(st, 9);
}

static void act_json(const void *rec, struct strbuf *b)
{
	const struct act_full *f = rec;
	int first = 1;
	sb_puts(b, "{");
	sb_json_kv_str(b, &first, "kind", f->a.kind);
	sb_json_kv_str(b, &first, "title", f->a.title);
	sb_json_kv_str(b, &first, "held_on", f->a.held_on);
	sb_json_kv_str(b, &first, "grid_code", f->a.grid_code[0] ? f->a.grid_code : NULL);
	sb_json_kv_str(b, &first, "organiser", f->a.organiser);
	sb_json_kv_int(b, &first, "person_times", f->a.person_times);
	sb_puts(b, "}");
}

static enum gw_status act_parse(struct gw *gw, const struct import_row *r, void *rec,
				struct gw_err *err)
{
	const char *const *v = r->val;
	struct act_full *f = rec;
	memset(f, 0, sizeof *f);
	if (valid_blank(v[ACT_C_KIND]))
		return import_required(err, r, ACT_C_KIND);
	int k = enum_parse(EN_ACTIVITY_KIND, v[ACT_C_KIND]);
	if (k < 0) {
		gw_fail(err, GW_EINVAL, "“%s”不是有效的活动类型，可选：%s",
			"'%s' is not a kind of activity; one of: %s", v[ACT_C_KIND],
			enum_choices(EN_ACTIVITY_KIND));
		return import_col_fail(err, r, ACT_C_KIND);
	}
	snprintf(f->a.kind, sizeof f->a.kind, "%s", enum_en(EN_ACTIVITY_KIND, k));
	enum gw_status st;
	if ((st = act_text(v[ACT_C_TITLE], ACT_TITLE_MAX, 1, f->a.title, sizeof f->a.title,
			     r->hdr[ACT_C_TITLE], err)))
		return st;
	if ((st = act_date(v[ACT_C_HELD], 1, f->a.held_on, r->hdr[ACT_C_HELD], err)))
		return st;
	if ((st = grid_ref(gw, v[ACT_C_GRID], f->grid_id, f->a.grid_code, r->hdr[ACT_C_GRID], err)))
		return st;
	if ((st = act_text(v[ACT_C_ORGANISER], ACT_SHORT_MAX, 0, f->a.organiser,
			     sizeof f->a.organiser, r->hdr[ACT_C_ORGANISER], err)))
		return st;
	if (!valid_blank(v[ACT_C_PERSONS]) &&
	    valid_count(v[ACT_C_PERSONS], ACT_PERSON_TIMES_MAX, &f->a.person_times, err) != GW_OK)
		return import_col_fail(err, r, ACT_C_PERSONS);
	return GW_OK;
}

static int act_same(const void *old, const void *rec)
{
	const struct act_full *x = old, *y = rec;
	return !x->deleted && strcmp(x->a.kind, y->a.kind) == 0 && strcmp(x->a.title, y->a.title) == 0 &&
	       strcmp(x->a.held_on, y->a.held_on) == 0 && strcmp(x->grid_id, y->grid_id) == 0 &&
	       strcmp(x->a.organiser, y->a.organiser) == 0 && x->a.person_times == y->a.person_times;
}

static enum gw_status act_find(struct gw *gw, const char *id, const void *rec, void *out,
			       struct gw_err *err)
{
	const struct act_full *f = rec;
	sqlite3_stmt *st = db_stmt(gw->db, id ? Q_ACT_BY_ID : Q_ACT_BY_KEY, err);
	if (!st)
		return GW_EDB;
	if (id) {
		db_bind_text(st, 1, id);
	} else {
		db_bind_text(st, 1, f->a.kind);
		db_bind_text(st, 2, f->a.title);
		db_bind_text(st, 3, f->a.held_on);
	}
	return record_get_stmt(gw, &act_kind, st, out, err);
}

static void act_bind(sqlite3_stmt *w, const void *rec)
{
	const struct act_full *f = rec;
	db_bind_text(w, 2, f->a.kind);
	db_bind_text(w, 3, f->a.title);
	db_bind_text(w, 4, f->a.held_on);
	db_bind_text_null(w, 5, f->grid_id);
	db_bind_text(w, 6, f->a.organiser);
	sqlite3_bind_int64(w, 7, f->a.person_times);
}

static const char *act_label(const void *rec)
{
	return ((const struct act_full *)rec)->a.title;
}

static const struct record_kind act_kind = {
	.table = "activity", .size = sizeof(struct act_full),
	.id_at = offsetof(struct act_full, a.id), .version_at = offsetof(struct act_full, a.version),
	.lookup_zh = "查询", .lookup_en = "lookup",
	.insert = Q_ACT_ACTIVITY_INSERT, .update = Q_ACT_ACTIVITY_UPDATE, .tail = 8,
	.gone = GW_ENOTFOUND, .gone_zh = "该活动已被删除", .gone_en = "this activity has been deleted",
	.conflict_zh = "活动“%s”在您打开后已被他人修改",
	.conflict_en = "activity '%s' was changed by someone else since you opened it",
	.what_zh = "活动", .what_en = "activity",
	.read = act_read, .parse = act_parse, .find = act_find, .same = act_same, .bind = act_bind,
	.to_json = act_json, .label = act_label,
};

static enum gw_status act_write(struct gw *gw, const struct record_req *q,
				enum upsert_result *res, struct gw_err *err)
{
	struct act_full recs[3];
	return record_upsert(gw, &act_kind, q, recs, res, err);
}

static enum gw_status activity_row(struct gw *gw, const struct import_row *r,
				   enum upsert_result *res, struct gw_err *err)
{
	struct record_req q = {r, 0, NULL};
	return act_write(gw, &q, res, err);
}

enum gw_status activity_add(struct gw *gw, const struct activity_in *in,
			    char out_id[GW_ID_LEN + 1], struct gw_err *err)
{
	char persons[24];
	snprintf(persons, sizeof persons, "%lld", in->person_times);
	const char *v[ACT_NCOLS] = {
		[ACT_C_KIND] = in->kind ? in->kind : "",
		[ACT_C_TITLE] = in->title ? in->title : "",
		[ACT_C_HELD] = in->held_on ? in->held_on : "",
		[ACT_C_GRID] = in->grid_code ? in->grid_code : "",
		[ACT_C_ORGANISER] = in->organiser ? in->organiser : "",
		[ACT_C_PERSONS] = persons,
	};
	return act_add_row(gw, act_cols, ACT_NCOLS, act_write, v, out_id, err);
}

/* Calls e's callback for each record st (bound) returns; each kind's
 * record begins with the public one the callback takes. */
static int emit(void *ctx, void *rec)
{
	struct act_emit *e = ctx;
	if (e->act)
		return e->act(e->ctx, rec);
	return e->coop ? e->coop(e->ctx, rec) : e->credit(e->ctx, rec);
}

static enum gw_status run_list(struct gw *gw, sqlite3_stmt *st, const struct record_kind *k, void *rec,
			       int (*each)(void *, void *), void *ctx, struct gw_err *err)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		k->read(st, rec);
		if (each(ctx, rec))
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? GW_OK : db_fail(gw->db, err, gw_tr("列表", "list"));
}

/* List statement qn bound from f (NULL: everything). */
static sqlite3_stmt *list_stmt(struct gw *gw, enum db_query qn, const struct activity_filter *f,
			       struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, qn, err);
	if (!st || !f)
		return st;
	if (qn == Q_ACT_LIST && f->kind >= 0)
		db_bind_text(st, 1, enum_en(EN_ACTIVITY_KIND, f->kind));
	db_bind_text_null(st, 2, f->since);
	db_bind_text_null(st, 3, f->until);
	return st;
}

enum gw_status act_list(struct gw *gw, const struct record_kind *k, enum db_query qn,
			const struct activity_filter *f, void *rec, struct act_emit *e,
			struct gw_err *err)
{
	sqlite3_stmt *st = list_stmt(gw, qn, f, err);
	if (!st)
		return GW_EDB;
	return run_list(gw, st, k, rec, emit, e, err);
}

/* An export in progress: rows go to w; failed is set on the first error. */
struct export_ctx {
	struct csv_writer *w;
	struct gw_err *err;
	int ncols, failed;
	void (*cells)(const void *rec, const char **f, char num[24]);
};

static int export_one(void *ctx, void *rec)
{
	struct export_ctx *x = ctx;
	const char *f[16];   /* more than any of the three kinds has */
	char num[24];
	x->cells(rec, f, num);
	x->failed = csv_write_row(x->w, f, x->ncols, x->err) != 0;
	return x->failed;
}

enum gw_status act_export(struct gw *gw, struct csv_writer *w, const struct record_kind *k,
			  enum db_query qn, int ncols,
			  void (*cells)(const void *rec, const char **f, char num[24]), void *rec,
			  struct gw_err *err)
{
	sqlite3_stmt *st = list_stmt(gw, qn, NULL, err);
	if (!st)
		return GW_EDB;
	struct export_ctx x = {w, err, ncols, 0, cells};
	enum gw_status res = run_list(gw, st, k, rec, export_one, &x, err);
	return x.failed ? GW_EIO : res;
}

enum gw_status activity_list(struct gw *gw, const struct activity_filter *f,
			     int (*cb)(void *ctx, const struct activity_rec *a), void *ctx,
			     struct gw_err *err)
{
	struct act_full rec;
	struct act_emit e = {.act = cb, .ctx = ctx};
	return act_list(gw, &act_kind, Q_ACT_LIST, f, &rec, &e, err);
}

static void act_cells(const void *rec, const char **f, char num[24])
{
	const struct activity_rec *a = rec;
	snprintf(num, 24, "%lld", a->person_times);
	f[ACT_C_KIND] = enum_zh_of(EN_ACTIVITY_KIND, a->kind);
	f[ACT_C_TITLE] = a->title;
	f[ACT_C_HELD] = a->held_on;
	f[ACT_C_GRID] = a->grid_code;
	f[ACT_C_ORGANISER] = a->organiser;
	f[ACT_C_PERSONS] = num;
}

static enum gw_status activity_export(struct gw *gw, struct csv_writer *w, struct gw_err *err)
{
	struct act_full rec;
	return act_export(gw, w, &act_kind, Q_ACT_LIST, ACT_NCOLS, act_cells, &rec, err);
}

const struct import_kind_ops activity_ops = {
	"activities", "活动", act_cols, ACT_NCOLS, activity_row, activity_export,
};

int act_activity_by_id(struct gw *gw, const char *id, char title[ACT_TITLE_MAX * 4 + 1],
		       char held_on[11], struct gw_err *err)
{
	struct act_full a;
	enum gw_status st = record_get(gw, &act_kind, Q_ACT_BY_ID, id, &a, err);
	if (st != GW_OK || a.deleted)
		return st == GW_OK || st == GW_ENOTFOUND ? 0 : -1;
	memcpy(title, a.a.title, sizeof a.a.title);
	memcpy(held_on, a.a.held_on, sizeof a.a.held_on);
	return 1;
}

enum gw_status activity_add_row(struct gw *gw, enum import_kind kind, const char *const *vals,
				char out_id[GW_ID_LEN + 1], struct gw_err *err)
{
	if (kind == IK_ACTIVITY)
		return act_add_row(gw, act_cols, ACT_NCOLS, act_write, vals, out_id, err);
	return act_results_add_row(gw, kind, vals, out_id, err);
}
