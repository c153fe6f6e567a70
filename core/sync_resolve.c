/* sync_resolve.c - a clerk's choice on a conflict the rules left open.
 * The chosen values are written here and logged as a change whose old
 * values are the other side's and whose version is above both, so it
 * applies cleanly where the other version is held and wins elsewhere; a
 * sync_resolution row travels with it and closes the same conflict at
 * the other offices. */
#include "sync_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "id.h"

struct conflict_row {
	long long id;
	char tbl[40], record_id[160], kind[16], columns[1024], origin[17];
	int resolved;
	struct sv *mine, *theirs;       /* NULL when that side has no record */
};

static enum gw_status load_conflict(struct sync *s, long long id, struct conflict_row *c,
				    const struct sync_table **tp, struct gw_err *err)
{
	memset(c, 0, sizeof *c);
	sqlite3_stmt *q = db_stmt(s->gw->db, Q_SYNC_CONFLICT_GET, err);
	if (!q)
		return GW_EDB;
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(q);
		return rc == SQLITE_DONE ? gw_fail(err, GW_ENOTFOUND, "没有编号为 %lld 的冲突",
						   "there is no conflict number %lld", id)
					 : db_fail(s->gw->db, err, "sync");
	}
	c->id = id;
	db_col_text(q, 1, c->tbl, sizeof c->tbl);
	db_col_text(q, 2, c->record_id, sizeof c->record_id);
	db_col_text(q, 3, c->kind, sizeof c->kind);
	db_col_text(q, 4, c->columns, sizeof c->columns);
	c->resolved = sqlite3_column_type(q, 7) != SQLITE_NULL;
	db_col_text(q, 8, c->origin, sizeof c->origin);
	enum gw_status st = GW_OK;
	const struct sync_table *t = sync_table_get(s, c->tbl, err);
	if (!t)
		st = err->code;
	for (int side = 0; st == GW_OK && side < 2; side++) {
		int col = side ? 6 : 5;
		if (sqlite3_column_type(q, col) == SQLITE_NULL)
			continue;
		struct sv *r = row_new(t->ncol);
		if (!r || rec_get(sqlite3_column_blob(q, col), (size_t)sqlite3_column_bytes(q, col), r,
				  t->ncol) != 0) {
			row_free(r, t->ncol);
			st = gw_fail(err, GW_EDB, "冲突记录 %lld 已损坏", "conflict %lld is damaged", id);
			break;
		}
		*(side ? &c->theirs : &c->mine) = r;
	}
	sqlite3_reset(q);
	*tp = t;
	return st;
}

static int read_row(struct sync *s, const struct sync_table *t, const char *id, struct sv *out,
		    struct gw_err *err)
{
	if (t->row_q < 0)
		return 0;
	sqlite3_stmt *q = db_stmt(s->gw->db, (enum db_query)t->row_q, err);
	if (!q)
		return -1;
	db_bind_text(q, 1, id);
	int rc = sqlite3_step(q), found = rc == SQLITE_ROW && sqlite3_column_count(q) == t->ncol;
	for (int i = 0; found && i < t->ncol; i++)
		sv_from_col(&out[i], q, i);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_fail(s->gw->db, err, "sync");
		return -1;
	}
	return found;
}

static int col_listed(const char *list, const char *col)
{
	size_t n = strlen(col);
	for (const char *p = list; *p;) {
		const char *e = strchr(p, ';');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && strncmp(p, col, n) == 0)
			return 1;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

/* Writes the chosen side's values of the disputed fields with a version
 * above both, here (capture off) and as a logged change whose old values
 * are the other side's, so it applies cleanly where that side is held. */
static enum gw_status choose_fields(struct sync *s, const struct sync_table *t,
				    const struct conflict_row *c, const struct sv *cur,
				    const struct sv *keep, const struct sv *other, struct gw_err *err)
{
	int n = t->ncol, v = t->c_version, u = t->c_updated;
	struct sv *lold = row_new(n), *rold = row_new(n), *nw = row_new(n);
	enum gw_status st = GW_OK;
	if (!lold || !rold || !nw)
		st = gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	for (int i = 0; st == GW_OK && i < n; i++) {
		int listed = col_listed(c->columns, t->col[i]);
		if (t->pk[i]) {
			sv_copy(&lold[i], &cur[i]);
			sv_copy(&rold[i], &cur[i]);
		} else if (listed && keep[i].t) {
			sv_copy(&lold[i], &cur[i]);
			sv_copy(&rold[i], other && other[i].t ? &other[i] : &cur[i]);
			sv_copy(&nw[i], &keep[i]);
		}
	}
	if (st == GW_OK && v >= 0) {
		struct sv top = cur[v];
		if (c->mine && sv_cmp(&c->mine[v], &top) > 0)
			top = c->mine[v];
		if (c->theirs && sv_cmp(&c->theirs[v], &top) > 0)
			top = c->theirs[v];
		sv_copy(&lold[v], &cur[v]);
		sv_copy(&rold[v], other && other[v].t ? &other[v] : &cur[v]);
		nw[v].t = SQLITE_INTEGER;
		nw[v].i = sv_int(&top) + 1;
	}
	if (st == GW_OK && u >= 0) {
		char now[20];
		clock_now(now);
		sv_copy(&lold[u], &cur[u]);
		sv_copy(&rold[u], other && other[u].t ? &other[u] : &cur[u]);
		nw[u].t = SQLITE_TEXT;
		nw[u].p = strdup(now);
		nw[u].n = (int)strlen(now);
	}
	struct strbuf lb = STRBUF_INIT, rb = STRBUF_INIT;
	if (st == GW_OK) {
		cs_table(&lb, t);
		cs_change(&lb, SQLITE_UPDATE, lold, nw, n);
		cs_table(&rb, t);
		cs_change(&rb, SQLITE_UPDATE, rold, nw, n);
		if (lb.oom || rb.oom)
			st = gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	}
	if (st == GW_OK)
		st = sync_apply_plain(s, lb.s, lb.len, 0, NULL, err);
	if (st == GW_OK)
		st = sync_log_local(s, rb.s, (int)rb.len, err);
	sb_free(&lb);
	sb_free(&rb);
	row_free(lold, n);
	row_free(rold, n);
	row_free(nw, n);
	return st;
}

/* Writes a whole-row change (a deletion, or the record again for an
 * office that deleted it) here and to the log. */
static enum gw_status whole_row(struct sync *s, const struct sync_table *t, int op,
				const struct sv *row, int apply_here, struct gw_err *err)
{
	struct strbuf b = STRBUF_INIT;
	cs_table(&b, t);
	cs_change(&b, op, op == SQLITE_DELETE ? row : NULL, op == SQLITE_INSERT ? row : NULL, t->ncol);
	enum gw_status st = b.oom ? gw_fail(err, GW_ENOMEM, "内存不足", "out of memory") : GW_OK;
	if (st == GW_OK && apply_here)
		st = sync_apply_plain(s, b.s, b.len, 0, NULL, err);
	if (st == GW_OK)
		st = sync_log_local(s, b.s, (int)b.len, err);
	sb_free(&b);
	return st;
}

static enum gw_status settle(struct sync *s, const struct sync_table *t, const struct conflict_row *c,
			     int keep_theirs, struct gw_err *err)
{
	struct sv *cur = row_new(t->ncol);
	if (!cur)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	int have = read_row(s, t, c->record_id, cur, err);
	enum gw_status st = have < 0 ? GW_EDB : GW_OK;
	const struct sv *keep = keep_theirs ? c->theirs : c->mine;
	const struct sv *other = keep_theirs ? c->mine : c->theirs;
	const char *k = c->kind;
	int fields = strcmp(k, "edit") == 0 || strcmp(k, "insert") == 0 ||
		     strcmp(k, "duplicate") == 0 || strcmp(k, "delete_edit") == 0 ||
		     strcmp(k, "edit_deleted") == 0 || strcmp(k, "merge") == 0;
	if (st != GW_OK) {
	} else if (fields && have && keep) {
		st = choose_fields(s, t, c, cur, keep, other, err);
	} else if (strcmp(k, "delete_changed") == 0 && have) {
		/* theirs deleted the record; mine kept it */
		st = keep_theirs ? whole_row(s, t, SQLITE_DELETE, cur, 1, err)
				 : whole_row(s, t, SQLITE_INSERT, cur, 0, err);
	} else if (!keep_theirs && (strcmp(k, "edit_missing") == 0 || strcmp(k, "constraint") == 0)) {
		/* this office's state stands; nothing to write */
	} else {
		st = gw_fail(err, GW_ESTATE,
			     "冲突 %lld 无法在本办公室按“保留对方”处理：本办公室没有完整的记录；请在办公室 %s 处理，或手工录入后用 --keep mine 结案",
			     "conflict %lld cannot be settled here by keeping theirs: this office lacks the whole record; settle it at office %s, or enter the change by hand and close it with --keep mine",
			     c->id, c->origin);
	}
	row_free(cur, t->ncol);
	return st;
}

enum gw_status sync_resolve_one(struct sync *s, long long id, int keep_theirs, struct gw_err *err)
{
	struct gw *gw = s->gw;
	enum gw_status st = db_begin(gw->db, err);
	if (st != GW_OK)
		return st;
	struct conflict_row c;
	const struct sync_table *t = NULL;
	st = load_conflict(s, id, &c, &t, err);
	if (st == GW_OK && c.resolved)
		st = gw_fail(err, GW_ESTATE, "冲突 %lld 已经处理过", "conflict %lld was already settled", id);
	if (st == GW_OK)
		st = settle(s, t, &c, keep_theirs, err);
	char now[20], rid[GW_ID_LEN + 1];
	clock_now(now);
	const char *keep = keep_theirs ? "theirs" : "mine";
	sqlite3_stmt *q = st == GW_OK ? db_stmt(gw->db, Q_SYNC_CONFLICT_RESOLVE, err) : NULL;
	if (st == GW_OK && !q)
		st = GW_EDB;
	if (st == GW_OK) {
		sqlite3_bind_int64(q, 1, id);
		db_bind_text(q, 2, keep);
		db_bind_text(q, 3, now);
		db_bind_text(q, 4, gw->operator_name);
		st = db_step_done(gw->db, q, err);
	}
	/* Captured normally: tells the other offices to close theirs. */
	if (st == GW_OK && !(q = db_stmt(gw->db, Q_SYNC_RESOLUTION_INSERT, err)))
		st = GW_EDB;
	if (st == GW_OK) {
		id_new(rid);
		db_bind_text(q, 1, rid);
		db_bind_text(q, 2, c.tbl);
		db_bind_text(q, 3, c.record_id);
		db_bind_text(q, 4, keep);
		db_bind_text(q, 5, c.columns);
		db_bind_text(q, 6, gw->office);
		db_bind_text(q, 7, gw->operator_name);
		db_bind_text(q, 8, now);
		st = db_step_done(gw->db, q, err);
	}
	if (st == GW_OK) {
		struct strbuf j = STRBUF_INIT;
		int first = 1;
		sb_puts(&j, "{");
		sb_json_kv_int(&j, &first, "conflict", id);
		sb_json_kv_str(&j, &first, "kind", c.kind);
		sb_json_kv_str(&j, &first, "keep", keep);
		sb_json_kv_str(&j, &first, "columns", c.columns);
		sb_puts(&j, "}");
		st = audit_record(gw, c.tbl, c.record_id, "sync_resolve", NULL, sb_str(&j), err);
		sb_free(&j);
	}
	if (t) {
		row_free(c.mine, t->ncol);
		row_free(c.theirs, t->ncol);
	}
	if (st != GW_OK) {
		db_rollback(gw->db);
		return st;
	}
	return db_commit(gw->db, err);
}
