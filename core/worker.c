/* worker.c - new-employment workers: workers.csv import and export, look-ups
 * and the points balance. */
#include "worker.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "enums.h"
#include "grid.h"
#include "record.h"
#include "strbuf.h"
#include "validate.h"

static const struct import_col worker_cols[WORKER_NCOLS] = {
	[WORKER_C_NAME] = {"姓名", "name", 1},
	[WORKER_C_PHONE] = {"手机", "phone", 1},
	[WORKER_C_JOB] = {"职业", "job", 1},
	[WORKER_C_PLATFORM] = {"平台", "platform", 0},
	[WORKER_C_PARTY] = {"党员", "party_member", 0},
	[WORKER_C_COMMUNITY] = {"报到社区", "community", 0},
	[WORKER_C_ROLES] = {"角色", "roles", 0},
};

static const struct record_kind worker_kind;

static void read_row(sqlite3_stmt *st, void *rec)
{
	struct worker_rec *w = rec;
	memset(w, 0, sizeof *w);
	db_col_text(st, 0, w->id, sizeof w->id);
	db_col_text(st, 1, w->phone, sizeof w->phone);
	db_col_text(st, 2, w->name, sizeof w->name);
	db_col_text(st, 3, w->job, sizeof w->job);
	db_col_text(st, 4, w->platform, sizeof w->platform);
	w->party_member = sqlite3_column_int(st, 5);
	db_col_text(st, 6, w->community_id, sizeof w->community_id);
	db_col_text(st, 7, w->community_code, sizeof w->community_code);
	db_col_text(st, 8, w->roles, sizeof w->roles);
	w->deleted = sqlite3_column_int(st, 9);
	w->version = sqlite3_column_int(st, 10);
}

enum gw_status worker_by_phone(struct gw *gw, const char *phone, struct worker_rec *out,
			       struct gw_err *err)
{
	char norm[12];
	enum gw_status st = valid_mobile(phone, norm, NULL) == GW_OK
				    ? record_get(gw, &worker_kind, Q_WORKER_BY_PHONE, norm, out, err)
				    : GW_ENOTFOUND;
	if (st == GW_ENOTFOUND)
		gw_fail(err, st, "没有手机号为 %s 的登记人员", "no worker with phone %s", phone);
	return st;
}

enum gw_status worker_by_id(struct gw *gw, const char *id, struct worker_rec *out,
			    struct gw_err *err)
{
	enum gw_status st = record_get(gw, &worker_kind, Q_WORKER_BY_ID, id, out, err);
	if (st == GW_ENOTFOUND)
		gw_fail(err, st, "该登记人员不存在", "no such worker");
	return st;
}

enum gw_status worker_points_balance(struct gw *gw, const char *worker_id, long long *out,
				     struct gw_err *err)
{
	*out = 0;
	sqlite3_stmt *st = db_stmt(gw->db, Q_WORKER_POINTS, err);
	if (!st)
		return GW_EDB;
	db_bind_text(st, 1, worker_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? GW_OK : db_fail(gw->db, err, gw_tr("积分", "points"));
}

static void to_json(const void *rec, struct strbuf *b)
{
	const struct worker_rec *w = rec;
	int first = 1;
	sb_puts(b, "{");
	sb_json_kv_str(b, &first, "phone", w->phone);
	sb_json_kv_str(b, &first, "name", w->name);
	sb_json_kv_str(b, &first, "job", w->job);
	sb_json_kv_str(b, &first, "platform", w->platform[0] ? w->platform : NULL);
	sb_json_kv_int(b, &first, "party_member", w->party_member);
	sb_json_kv_str(b, &first, "community", w->community_code[0] ? w->community_code : NULL);
	sb_json_kv_str(b, &first, "roles", w->roles[0] ? w->roles : NULL);
	sb_puts(b, "}");
}

static int same_rec(const void *old, const void *rec)
{
	const struct worker_rec *a = old, *b = rec;
	return !a->deleted && strcmp(a->phone, b->phone) == 0 && strcmp(a->name, b->name) == 0 &&
	       strcmp(a->job, b->job) == 0 && strcmp(a->platform, b->platform) == 0 &&
	       a->party_member == b->party_member && strcmp(a->community_id, b->community_id) == 0 &&
	       strcmp(a->roles, b->roles) == 0;
}

/* Checks the row's cells into rec (an absent optional column keeps the
 * stored value on update: keep_absent). */
static enum gw_status parse_row(struct gw *gw, const struct import_row *r, void *rec,
				struct gw_err *err)
{
	const char *const *v = r->val;
	struct worker_rec *w = rec;
	memset(w, 0, sizeof *w);
	if (valid_blank(v[WORKER_C_NAME]))
		return import_required(err, r, WORKER_C_NAME);
	if (valid_text(v[WORKER_C_NAME], WORKER_NAME_MAX, 1, 0, w->name, sizeof w->name, err) != GW_OK)
		return import_col_fail(err, r, WORKER_C_NAME);
	if (valid_blank(v[WORKER_C_PHONE]))
		return import_required(err, r, WORKER_C_PHONE);
	if (valid_mobile(v[WORKER_C_PHONE], w->phone, err) != GW_OK)
		return import_col_fail(err, r, WORKER_C_PHONE);
	if (valid_blank(v[WORKER_C_JOB]))
		return import_required(err, r, WORKER_C_JOB);
	int k = enum_parse(EN_JOB, v[WORKER_C_JOB]);
	if (k < 0) {
		gw_fail(err, GW_EINVAL, "“%s”不是有效的职业，可选：%s", "'%s' is not a job; one of: %s",
			v[WORKER_C_JOB], enum_choices(EN_JOB));
		return import_col_fail(err, r, WORKER_C_JOB);
	}
	snprintf(w->job, sizeof w->job, "%s", enum_en(EN_JOB, k));
	if (valid_text(v[WORKER_C_PLATFORM], WORKER_PLATFORM_MAX, 0, 0, w->platform,
		       sizeof w->platform, err) != GW_OK)
		return import_col_fail(err, r, WORKER_C_PLATFORM);
	if (!valid_blank(v[WORKER_C_PARTY])) {
		if ((k = enum_parse(EN_YESNO, v[WORKER_C_PARTY])) < 0) {
			gw_fail(err, GW_EINVAL, "“%s”应为 是 或 否", "'%s' should be yes or no (是/否)",
				v[WORKER_C_PARTY]);
			return import_col_fail(err, r, WORKER_C_PARTY);
		}
		w->party_member = strcmp(enum_en(EN_YESNO, k), "yes") == 0;
	}
	if (!valid_blank(v[WORKER_C_COMMUNITY])) {
		struct grid_rec g;
		enum gw_status st = record_grid_cell(gw, r, WORKER_C_COMMUNITY, &g, err);
		if (st != GW_OK)
			return st;
		snprintf(w->community_id, sizeof w->community_id, "%s", g.id);
		snprintf(w->community_code, sizeof w->community_code, "%s", g.code);
	}
	char bad[64];
	if (enum_parse_list(EN_WORKER_ROLE, v[WORKER_C_ROLES], w->roles, sizeof w->roles, bad,
			    sizeof bad) != 0) {
		gw_fail(err, GW_EINVAL, "“%s”不是有效的角色，可选：%s", "'%s' is not a role; one of: %s",
			bad, enum_choices(EN_WORKER_ROLE));
		return import_col_fail(err, r, WORKER_C_ROLES);
	}
	return GW_OK;
}

/* Fills the columns the file lacks from the stored record. */
static enum gw_status keep_absent(struct gw *gw, const struct import_row *r, const void *stored,
				  void *rec, struct gw_err *err)
{
	const struct worker_rec *old = stored;
	struct worker_rec *w = rec;
	if (!old)
		return GW_OK;
	if (!r->present[WORKER_C_PLATFORM])
		memcpy(w->platform, old->platform, sizeof w->platform);
	if (!r->present[WORKER_C_PARTY])
		w->party_member = old->party_member;
	if (!r->present[WORKER_C_COMMUNITY]) {
		memcpy(w->community_id, old->community_id, sizeof w->community_id);
		memcpy(w->community_code, old->community_code, sizeof w->community_code);
	}
	if (!r->present[WORKER_C_ROLES])
		memcpy(w->roles, old->roles, sizeof w->roles);
	return GW_OK;
}

static void bind_fields(sqlite3_stmt *st, const void *rec)
{
	const struct worker_rec *w = rec;
	db_bind_text(st, 2, w->phone);
	db_bind_text(st, 3, w->name);
	db_bind_text(st, 4, w->job);
	db_bind_text(st, 5, w->platform);
	sqlite3_bind_int(st, 6, w->party_member);
	db_bind_text_null(st, 7, w->community_id);
	db_bind_text(st, 8, w->roles);
}

static enum gw_status find(struct gw *gw, const char *id, const void *rec, void *out,
			   struct gw_err *err)
{
	const struct worker_rec *w = rec;
	return record_get(gw, &worker_kind, id ? Q_WORKER_BY_ID : Q_WORKER_BY_PHONE, id ? id : w->phone,
			  out, err);
}

static const char *label(const void *rec)
{
	return ((const struct worker_rec *)rec)->name;
}

static enum gw_status phone_taken(struct gw_err *err, const struct import_row *r, const void *rec,
				  const void *other)
{
	gw_fail(err, GW_EINVAL, "手机号 %s 已登记为 %s", "phone %s is already registered to %s",
		((const struct worker_rec *)rec)->phone, label(other));
	return import_col_fail(err, r, WORKER_C_PHONE);
}

static const struct record_kind worker_kind = {
	.table = "worker", .size = sizeof(struct worker_rec),
	.id_at = offsetof(struct worker_rec, id), .version_at = offsetof(struct worker_rec, version),
	.lookup_zh = "查询新就业群体", .lookup_en = "worker lookup",
	.what_zh = "登记人员", .what_en = "worker",
	.insert = Q_WORKER_INSERT, .update = Q_WORKER_UPDATE, .tail = 9,
	.gone = GW_ENOTFOUND, .gone_zh = "该登记人员已被删除", .gone_en = "this worker has been deleted",
	.conflict_zh = "%s 的登记信息在您打开后已被他人修改",
	.conflict_en = "%s's record was changed by someone else since you opened it",
	.del = RECORD_DEL_SOFT_IF_REFERENCED, .del_referenced = Q_WORKER_REFERENCED,
	.del_soft = Q_WORKER_SOFT_DELETE, .del_hard = Q_WORKER_HARD_DELETE,
	.del_zh = "删除新就业群体人员", .del_en = "deleting a worker",
	.read = read_row, .parse = parse_row, .find = find, .merge = keep_absent, .same = same_rec,
	.bind = bind_fields, .to_json = to_json, .label = label, .taken = phone_taken,
};

static enum gw_status worker_row(struct gw *gw, const struct import_row *r,
				 enum upsert_result *res, struct gw_err *err)
{
	struct worker_rec recs[3];
	struct record_req q = {r, 0, NULL};
	return record_upsert(gw, &worker_kind, &q, recs, res, err);
}

/* Export scratch: the cell that is not stored text. */
struct export_cells {
	char roles[256];
};

static enum gw_status export_cells(struct gw *gw, sqlite3_stmt *st, void *ctx, const char **f,
				   struct gw_err *err)
{
	struct export_cells *x = ctx;
	record_list_zh(EN_WORKER_ROLE, (const char *)sqlite3_column_text(st, 6), x->roles, sizeof x->roles);
	f[WORKER_C_NAME] = (const char *)sqlite3_column_text(st, 0);
	f[WORKER_C_PHONE] = (const char *)sqlite3_column_text(st, 1);
	f[WORKER_C_JOB] = enum_zh_of(EN_JOB, (const char *)sqlite3_column_text(st, 2));
	f[WORKER_C_PLATFORM] = (const char *)sqlite3_column_text(st, 3);
	f[WORKER_C_PARTY] = enum_zh_of(EN_YESNO, sqlite3_column_int(st, 4) ? "yes" : "no");
	f[WORKER_C_COMMUNITY] = (const char *)sqlite3_column_text(st, 5);
	f[WORKER_C_ROLES] = x->roles;
	return GW_OK;
}

static enum gw_status worker_export(struct gw *gw, struct csv_writer *w, struct gw_err *err)
{
	struct export_cells x;
	return record_export(gw, w, Q_WORKER_EXPORT, WORKER_NCOLS, export_cells, &x, err);
}

const struct import_kind_ops worker_ops = {
	"workers", "新就业群体", worker_cols, WORKER_NCOLS, worker_row, worker_export,
};

enum gw_status worker_delete(struct gw *gw, const char *id, struct gw_err *err)
{
	struct worker_rec w;
	enum gw_status st = worker_by_id(gw, id, &w, err);
	return st != GW_OK ? st : record_delete(gw, &worker_kind, id, &w, err);
}
