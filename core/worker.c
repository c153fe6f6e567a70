/* worker.c - new-employment workers: workers.csv import and export, look-ups
 * and the points balance. */
#include "worker.h"

#include <stdio.h>
#include <string.h>

#include "enums.h"
#include "grid.h"
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

static void read_row(sqlite3_stmt *st, struct worker_rec *w)
{
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

/* GW_OK with *out, GW_ENOTFOUND (err untouched) or a database error. */
static enum gw_status fetch(struct gw *gw, enum db_query q, const char *key,
			    struct worker_rec *out, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, q, err);
	if (!st)
		return GW_EDB;
	db_bind_text(st, 1, key);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_row(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return GW_OK;
	return rc == SQLITE_DONE ? GW_ENOTFOUND : db_fail(gw->db, err, gw_tr("查询新就业群体", "worker lookup"));
}

enum gw_status worker_by_phone(struct gw *gw, const char *phone, struct worker_rec *out,
			       struct gw_err *err)
{
	char norm[12];
	enum gw_status st = valid_mobile(phone, norm, NULL) == GW_OK
				    ? fetch(gw, Q_WORKER_BY_PHONE, norm, out, err) : GW_ENOTFOUND;
	if (st == GW_ENOTFOUND)
		gw_fail(err, st, "没有手机号为 %s 的登记人员", "no worker with phone %s", phone);
	return st;
}

enum gw_status worker_by_id(struct gw *gw, const char *id, struct worker_rec *out,
			    struct gw_err *err)
{
	enum gw_status st = fetch(gw, Q_WORKER_BY_ID, id, out, err);
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

/* A stored list in Chinese joined with "、" whatever the UI language:
 * exports are read by clerks' spreadsheets. */
static void list_zh(enum gw_enum e, const char *stored, char *out, size_t outsz)
{
	size_t off = 0;
	out[0] = '\0';
	for (int i = 0; i < enum_count(e); i++)
		if (enum_list_has(e, stored, i) && off < outsz)
			off += (size_t)snprintf(out + off, outsz - off, "%s%s", off ? "、" : "", enum_zh(e, i));
}

static void to_json(const struct worker_rec *w, struct strbuf *b)
{
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

static int same_rec(const struct worker_rec *a, const struct worker_rec *b)
{
	return !a->deleted && strcmp(a->phone, b->phone) == 0 && strcmp(a->name, b->name) == 0 &&
	       strcmp(a->job, b->job) == 0 && strcmp(a->platform, b->platform) == 0 &&
	       a->party_member == b->party_member && strcmp(a->community_id, b->community_id) == 0 &&
	       strcmp(a->roles, b->roles) == 0;
}

/* Checks the row's cells into *w; has[c] says the file holds column c (an
 * absent optional column keeps the stored value on update). */
static enum gw_status parse_row(struct gw *gw, const struct import_row *r, struct worker_rec *w,
				struct gw_err *err)
{
	const char *const *v = r->val;
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
		enum gw_status st = grid_by_code(gw, v[WORKER_C_COMMUNITY], &g, err);
		if (st == GW_OK && g.deleted)
			st = gw_fail(err, GW_EINVAL, "网格“%s”已删除", "grid '%s' has been deleted", g.code);
		if (st == GW_ENOTFOUND) {
			st = GW_EINVAL;   /* grids come before workers: no retry */
			if (err)
				err->code = st;
		}
		if (st == GW_EINVAL)
			return import_col_fail(err, r, WORKER_C_COMMUNITY);
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
static void keep_absent(const struct import_row *r, struct worker_rec *w, const struct worker_rec *old)
{
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
}

static void bind_fields(sqlite3_stmt *st, const struct worker_rec *w)
{
	db_bind_text(st, 2, w->phone);
	db_bind_text(st, 3, w->name);
	db_bind_text(st, 4, w->job);
	db_bind_text(st, 5, w->platform);
	sqlite3_bind_int(st, 6, w->party_member);
	db_bind_text_null(st, 7, w->community_id);
	db_bind_text(st, 8, w->roles);
}

static enum gw_status worker_row(struct gw *gw, const struct import_row *r,
				 enum upsert_result *res, struct gw_err *err)
{
	struct worker_rec w, old;
	enum gw_status st = parse_row(gw, r, &w, err);
	if (st != GW_OK)
		return st;
	/* A form edits by id (the phone may change); import matches by phone. */
	st = fetch(gw, r->id ? Q_WORKER_BY_ID : Q_WORKER_BY_PHONE, r->id ? r->id : w.phone, &old, err);
	if (st != GW_OK && st != GW_ENOTFOUND)
		return st;
	char now[20];
	clock_now(now);
	struct strbuf nj = STRBUF_INIT, oj = STRBUF_INIT;
	if (st == GW_ENOTFOUND) {
		if (r->id)
			return gw_fail(err, GW_ENOTFOUND, "该登记人员已被删除", "this worker has been deleted");
		id_new(w.id);
		sqlite3_stmt *q = db_stmt(gw->db, Q_WORKER_INSERT, err);
		if (!q)
			return GW_EDB;
		db_bind_text(q, 1, w.id);
		bind_fields(q, &w);
		db_bind_text(q, 9, gw->office);
		db_bind_text(q, 10, now);
		if ((st = db_step_done(gw->db, q, err)) != GW_OK)
			return st;
		to_json(&w, &nj);
		st = audit_record(gw, "worker", w.id, "insert", NULL, sb_str(&nj), err);
		sb_free(&nj);
		*res = UPSERT_INSERTED;
		return st;
	}
	if (r->id && r->version && r->version != old.version)
		return gw_fail(err, GW_ECONFLICT, "%s 的登记信息在您打开后已被他人修改",
			       "%s's record was changed by someone else since you opened it", old.name);
	keep_absent(r, &w, &old);
	if (same_rec(&old, &w)) {
		*res = UPSERT_UNCHANGED;
		return GW_OK;
	}
	if (strcmp(old.phone, w.phone) != 0) {
		struct worker_rec other;
		st = fetch(gw, Q_WORKER_BY_PHONE, w.phone, &other, err);
		if (st == GW_OK) {
			gw_fail(err, GW_EINVAL, "手机号 %s 已登记为 %s", "phone %s is already registered to %s",
				w.phone, other.name);
			return import_col_fail(err, r, WORKER_C_PHONE);
		}
		if (st != GW_ENOTFOUND)
			return st;
	}
	sqlite3_stmt *q = db_stmt(gw->db, Q_WORKER_UPDATE, err);
	if (!q)
		return GW_EDB;
	db_bind_text(q, 1, old.id);
	bind_fields(q, &w);
	db_bind_text(q, 9, now);
	if ((st = db_step_done(gw->db, q, err)) != GW_OK)
		return st;
	to_json(&old, &oj);
	to_json(&w, &nj);
	st = audit_record(gw, "worker", old.id, "update", sb_str(&oj), sb_str(&nj), err);
	sb_free(&oj);
	sb_free(&nj);
	*res = UPSERT_UPDATED;
	return st;
}

static enum gw_status worker_export(struct gw *gw, struct csv_writer *w, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, Q_WORKER_EXPORT, err);
	if (!st)
		return GW_EDB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char roles[256];
		const char *f[WORKER_NCOLS];
		list_zh(EN_WORKER_ROLE, (const char *)sqlite3_column_text(st, 6), roles, sizeof roles);
		f[WORKER_C_NAME] = (const char *)sqlite3_column_text(st, 0);
		f[WORKER_C_PHONE] = (const char *)sqlite3_column_text(st, 1);
		f[WORKER_C_JOB] = enum_zh_of(EN_JOB, (const char *)sqlite3_column_text(st, 2));
		f[WORKER_C_PLATFORM] = (const char *)sqlite3_column_text(st, 3);
		f[WORKER_C_PARTY] = enum_zh_of(EN_YESNO, sqlite3_column_int(st, 4) ? "yes" : "no");
		f[WORKER_C_COMMUNITY] = (const char *)sqlite3_column_text(st, 5);
		f[WORKER_C_ROLES] = roles;
		if (csv_write_row(w, f, WORKER_NCOLS, err) != 0) {
			sqlite3_reset(st);
			return GW_EIO;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? GW_OK : db_fail(gw->db, err, "export");
}

const struct import_kind_ops worker_ops = {
	"workers", "新就业群体", worker_cols, WORKER_NCOLS, worker_row, worker_export,
};

enum gw_status worker_delete(struct gw *gw, const char *id, struct gw_err *err)
{
	struct worker_rec w;
	enum gw_status st = worker_by_id(gw, id, &w, err);
	if (st != GW_OK)
		return st;
	if ((st = db_begin(gw->db, err)) != GW_OK)
		return st;
	sqlite3_stmt *q = db_stmt(gw->db, Q_WORKER_REFERENCED, err);
	if (!q)
		goto fail;
	db_bind_text(q, 1, id);
	int rc = sqlite3_step(q);
	int referenced = rc == SQLITE_ROW && sqlite3_column_int(q, 0);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW) {
		st = db_fail(gw->db, err, gw_tr("删除新就业群体人员", "deleting a worker"));
		goto out;
	}
	q = db_stmt(gw->db, referenced ? Q_WORKER_SOFT_DELETE : Q_WORKER_HARD_DELETE, err);
	if (!q)
		goto fail;
	char now[20];
	clock_now(now);
	db_bind_text(q, 1, id);
	if (referenced)
		db_bind_text(q, 2, now);
	if ((st = db_step_done(gw->db, q, err)) != GW_OK)
		goto out;
	struct strbuf oj = STRBUF_INIT;
	to_json(&w, &oj);
	st = audit_record(gw, "worker", id, "delete", sb_str(&oj), NULL, err);
	sb_free(&oj);
	goto out;
fail:
	st = err ? err->code : GW_EDB;
out:
	if (st != GW_OK) {
		db_rollback(gw->db);
		return st;
	}
	return db_commit(gw->db, err);
}
