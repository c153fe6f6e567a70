/* record.c - the upsert skeleton, look-ups, export loop and deletion the
 * record kinds share (see record.h). */
#include "record.h"

#include <stdio.h>
#include <string.h>

#include "grid.h"
#include "id.h"

/* More than any kind's file has columns. */
#define RECORD_MAX_COLS 32

static char *rec_id(const struct record_kind *k, void *rec)
{
	return (char *)rec + k->id_at;
}

static int rec_version(const struct record_kind *k, const void *rec)
{
	return *(const int *)((const char *)rec + k->version_at);
}

static enum gw_status oom(struct gw_err *err)
{
	return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
}

static enum gw_status exists(const struct record_kind *k, const void *rec, struct gw_err *err)
{
	return gw_fail(err, GW_EEXIST, "已有相同的%s：%s", "there is already such a %s: %s",
		       gw_tr(k->what_zh, k->what_en), k->label(rec));
}

/* A form may change the natural key, but not onto another record's. */
static enum gw_status check_key(struct gw *gw, const struct record_kind *k, const struct import_row *r,
				const void *rec, void *old, void *other, struct gw_err *err)
{
	enum gw_status st = k->find(gw, NULL, rec, other, err);
	if (st == GW_ENOTFOUND)
		return GW_OK;
	if (st != GW_OK)
		return st;
	if (strcmp(rec_id(k, other), rec_id(k, old)) == 0)
		return GW_OK;
	return k->taken ? k->taken(err, r, rec, other) : exists(k, rec, err);
}

/* The audit entry of a write: old's JSON (NULL: none) and rec's. */
static enum gw_status audit(struct gw *gw, const struct record_kind *k, const char *id,
			    const char *action, const void *old, const void *rec,
			    void (*json)(const void *, struct strbuf *), struct gw_err *err)
{
	struct strbuf oj = STRBUF_INIT, nj = STRBUF_INIT;
	if (old)
		json(old, &oj);
	if (rec)
		json(rec, &nj);
	/* A truncated record must not stand in the audit log as if whole. */
	enum gw_status st = oj.oom || nj.oom
				    ? oom(err)
				    : audit_record(gw, k->table, id, action, old ? sb_str(&oj) : NULL,
						   rec ? sb_str(&nj) : NULL, err);
	sb_free(&oj);
	sb_free(&nj);
	return st;
}

/* Inserts rec (old NULL) with a new id, or updates old's record to rec. */
static enum gw_status write_rec(struct gw *gw, const struct record_kind *k, const struct record_req *q,
				void *rec, void *old, enum upsert_result *res, struct gw_err *err)
{
	char *id = rec_id(k, rec), now[20];
	if (old)
		memcpy(id, rec_id(k, old), GW_ID_LEN + 1);
	else
		id_new(id);
	clock_now(now);
	sqlite3_stmt *w = db_stmt(gw->db, old ? k->update : k->insert, err);
	if (!w)
		return err ? err->code : GW_EDB;
	db_bind_text(w, 1, id);
	k->bind(w, rec);
	if (old) {
		db_bind_text(w, k->tail, now);
	} else {
		db_bind_text(w, k->tail, gw->office);
		db_bind_text(w, k->tail + 1, now);
	}
	enum gw_status st = db_step_done(gw->db, w, err);
	if (st == GW_OK && k->after)
		st = k->after(gw, q->r, rec, old, err);
	if (st != GW_OK)
		return st;
	st = audit(gw, k, id, old ? "update" : "insert", old, rec, k->to_json, err);
	*res = old ? UPSERT_UPDATED : UPSERT_INSERTED;
	if (st == GW_OK && q->out_id)
		snprintf(q->out_id, GW_ID_LEN + 1, "%s", id);
	return st;
}

enum gw_status record_upsert(struct gw *gw, const struct record_kind *k, const struct record_req *q,
			     void *recs, enum upsert_result *res, struct gw_err *err)
{
	const struct import_row *r = q->r;
	char *rec = recs, *old = rec + k->size, *other = old + k->size;
	enum gw_status st = k->parse(gw, r, rec, err);
	if (st != GW_OK)
		return st;
	/* A form edits by id (the key may change); import matches by key. */
	st = k->find(gw, r->id, rec, old, err);
	if (st != GW_OK && st != GW_ENOTFOUND)
		return st;
	int found = st == GW_OK;
	if (!found && r->id)
		return gw_fail(err, k->gone, "%s", "%s", gw_tr(k->gone_zh, k->gone_en));
	if (found && q->insert_only)
		return exists(k, rec, err);

	if (k->merge && (st = k->merge(gw, r, found ? old : NULL, rec, err)) != GW_OK)
		return st;
	if (found && r->id) {
		if (r->version && r->version != rec_version(k, old))
			return gw_fail(err, GW_ECONFLICT, k->conflict_zh, k->conflict_en, k->label(old));
		if ((st = check_key(gw, k, r, rec, old, other, err)) != GW_OK)
			return st;
	}
	long first;
	if (found && k->same(old, rec)) {
		*res = UPSERT_UNCHANGED;   /* also a row repeating an earlier one exactly */
		st = GW_OK;
	} else if (found && !r->id && (first = import_claimed(gw, rec_id(k, old))) != 0) {
		return import_repeated(err, first, k->what_zh, k->what_en, k->label(old));
	} else {
		st = k->check ? k->check(gw, r, found ? old : NULL, rec, err) : GW_OK;
		if (st == GW_OK)
			st = write_rec(gw, k, q, rec, found ? old : NULL, res, err);
	}
	if (st == GW_OK && !r->id && import_claim(gw, rec_id(k, found ? old : rec), r->row) < 0)
		st = oom(err);
	return st;
}

enum gw_status record_get_stmt(struct gw *gw, const struct record_kind *k, sqlite3_stmt *st,
			       void *out, struct gw_err *err)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		k->read(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return GW_OK;
	return rc == SQLITE_DONE ? GW_ENOTFOUND : db_fail(gw->db, err, gw_tr(k->lookup_zh, k->lookup_en));
}

enum gw_status record_get(struct gw *gw, const struct record_kind *k, enum db_query q,
			  const char *key, void *out, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, q, err);
	if (!st)
		return err ? err->code : GW_EDB;
	db_bind_text(st, 1, key);
	return record_get_stmt(gw, k, st, out, err);
}

enum gw_status record_export(struct gw *gw, struct csv_writer *w, enum db_query q, int ncols,
			     enum gw_status (*cells)(struct gw *gw, sqlite3_stmt *st, void *ctx,
						     const char **f, struct gw_err *err),
			     void *ctx, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, q, err);
	if (!st)
		return err ? err->code : GW_EDB;
	const char *f[RECORD_MAX_COLS];
	enum gw_status res = GW_OK;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((res = cells(gw, st, ctx, f, err)) != GW_OK)
			break;
		if (csv_write_row(w, f, ncols, err) != 0) {
			res = GW_EIO;
			break;
		}
	}
	sqlite3_reset(st);
	if (res != GW_OK)
		return res;
	return rc == SQLITE_DONE ? GW_OK : db_fail(gw->db, err, "export");
}

enum gw_status record_grid_cell(struct gw *gw, const struct import_row *r, int col,
				struct grid_rec *g, struct gw_err *err)
{
	enum gw_status st = grid_by_code(gw, r->val[col], g, err);
	if (st == GW_OK && g->deleted)
		st = gw_fail(err, GW_EINVAL, "网格“%s”已删除", "grid '%s' has been deleted", g->code);
	if (st == GW_ENOTFOUND) {
		st = GW_EINVAL;
		if (err)
			err->code = st;
	}
	return st == GW_EINVAL ? import_col_fail(err, r, col) : st;
}

void record_list_zh(enum gw_enum e, const char *stored, char *out, size_t outsz)
{
	size_t off = 0;
	out[0] = '\0';
	for (int i = 0; i < enum_count(e); i++)
		if (enum_list_has(e, stored, i) && off < outsz)
			off += (size_t)snprintf(out + off, outsz - off, "%s%s", off ? "、" : "", enum_zh(e, i));
}

/* Whether something refers to record id, into *yes. */
static enum gw_status referenced(struct gw *gw, const struct record_kind *k, const char *id, int *yes,
				 struct gw_err *err)
{
	sqlite3_stmt *q = db_stmt(gw->db, k->del_referenced, err);
	if (!q)
		return err ? err->code : GW_EDB;
	db_bind_text(q, 1, id);
	int rc = sqlite3_step(q);
	*yes = rc == SQLITE_ROW && sqlite3_column_int(q, 0);
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? GW_OK : db_fail(gw->db, err, gw_tr(k->del_zh, k->del_en));
}

static enum gw_status delete_in_tx(struct gw *gw, const struct record_kind *k, const char *id,
				   const void *old, struct gw_err *err)
{
	int soft = k->del == RECORD_DEL_SOFT;
	enum gw_status st;
	if (k->del == RECORD_DEL_SOFT_IF_REFERENCED && (st = referenced(gw, k, id, &soft, err)) != GW_OK)
		return st;
	sqlite3_stmt *q = db_stmt(gw->db, soft ? k->del_soft : k->del_hard, err);
	if (!q)
		return err ? err->code : GW_EDB;
	char now[20];
	clock_now(now);
	db_bind_text(q, 1, id);
	if (soft)
		db_bind_text(q, 2, now);
	if ((st = db_step_done(gw->db, q, err)) != GW_OK)
		return st;
	return audit(gw, k, id, "delete", old, NULL, k->del_json ? k->del_json : k->to_json, err);
}

enum gw_status record_delete(struct gw *gw, const struct record_kind *k, const char *id,
			     const void *old, struct gw_err *err)
{
	enum gw_status st = db_begin(gw->db, err);
	if (st != GW_OK)
		return st;
	if ((st = delete_in_tx(gw, k, id, old, err)) != GW_OK) {
		db_rollback(gw->db);
		return st;
	}
	return db_commit(gw->db, err);
}
