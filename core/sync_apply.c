/* sync_apply.c - applying a section of a package, conflict rules, and a
 * clerk's resolution of what the rules left open.
 *
 * Convergence is the point of every rule here: two offices that received
 * the same changes, in whatever order, must compute the same records.  So
 * the rules look only at data both sides see (the row, the change, its
 * origin office, the owner of the row) and merged rows are written with
 * capture off: every office computes the same merge itself.  What no rule
 * can decide is kept as it was here and listed in sync_conflict with both
 * versions; a clerk's choice then travels as an ordinary change with a
 * higher version.  docs/SYNC.md states the rules for clerks. */
#include "sync_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "id.h"

enum side { MINE, THEIRS, TIE };

struct pending {                /* a conflict to record after the section */
	char tbl[40], record_id[160], kind[16], outcome[12], rule[160];
	struct strbuf columns, mine, theirs, mine_rec, theirs_rec;
	int has_mine, has_theirs, open;
};

struct replace_job {            /* an older duplicate from the package replaces ours */
	const struct sync_table *t;
	struct sv *local, *incoming;
};

struct actx {
	struct sync *s;
	struct sync_apply_info *ai;
	struct gw_err *err;
	enum gw_status st;
	struct strbuf fix;      /* hand-built changeset of merged rows */
	const struct sync_table *fix_tbl;
	struct pending *pend;
	size_t npend, cappend;
	struct replace_job *rep;
	size_t nrep, caprep;
};

static int is_book(const struct sync_table *t, int i)
{
	return i == t->c_version || i == t->c_updated;
}

/* Columns that say nothing about the record's content. */
static int is_meta(const struct sync_table *t, int i)
{
	return is_book(t, i) || i == t->c_id || i == t->c_created || i == t->c_office;
}

static void oom(struct actx *a)
{
	if (a->st == GW_OK)
		a->st = gw_fail(a->err, GW_ENOMEM, "内存不足", "out of memory");
}

static struct pending *pend_add(struct actx *a, const struct sync_table *t, const struct sv *key_row,
				const char *kind)
{
	if (a->npend == a->cappend) {
		size_t cap = a->cappend ? a->cappend * 2 : 16;
		void *np = realloc(a->pend, cap * sizeof *a->pend);
		if (!np) {
			oom(a);
			return NULL;
		}
		a->pend = np;
		a->cappend = cap;
	}
	struct pending *p = &a->pend[a->npend++];
	memset(p, 0, sizeof *p);
	snprintf(p->tbl, sizeof p->tbl, "%s", t->name);
	snprintf(p->kind, sizeof p->kind, "%s", kind);
	row_key_text(t, key_row, p->record_id, sizeof p->record_id);
	return p;
}

static void pend_rows(struct pending *p, const struct sync_table *t, const struct sv *mine,
		      const struct sv *theirs)
{
	if (mine) {
		p->has_mine = 1;
		row_json(&p->mine, t, mine);
		rec_put(&p->mine_rec, mine, t->ncol);
	}
	if (theirs) {
		p->has_theirs = 1;
		row_json(&p->theirs, t, theirs);
		rec_put(&p->theirs_rec, theirs, t->ncol);
	}
}

static void pend_col(struct pending *p, const struct sync_table *t, int i)
{
	if (p->columns.len)
		sb_puts(&p->columns, ";");
	sb_puts(&p->columns, t->col[i]);
}

static void pend_free(struct pending *p)
{
	sb_free(&p->columns);
	sb_free(&p->mine);
	sb_free(&p->theirs);
	sb_free(&p->mine_rec);
	sb_free(&p->theirs_rec);
}

/* Who owns a row: the county for the grid map and the roster, the
 * registering office for a ticket (until it is handed over, which changes
 * ticket.office); nobody otherwise. */
static const char *owner_of(const struct actx *a, const struct sync_table *t, const struct sv *row)
{
	if (t->cls == SC_COUNTY)
		return a->ai->county[0] ? a->ai->county : a->s->gw->office;
	if (t->cls == SC_TICKET && t->c_office >= 0 && row[t->c_office].t == SQLITE_TEXT)
		return row[t->c_office].p;
	return NULL;
}

/* Which version of the fields both offices changed stays: the owner's,
 * else the higher version's; TIE when neither decides. */
static enum side decide(const struct actx *a, const struct sync_table *t, const struct sv *cur,
			const struct sv *newr, char *rule, size_t rulesz)
{
	const char *owner = owner_of(a, t, cur);
	if (owner && strcmp(a->ai->origin, owner) == 0) {
		snprintf(rule, rulesz, gw_tr("归属办公室 %s 的修改优先", "the owning office %s wins"), owner);
		return THEIRS;
	}
	if (owner && strcmp(a->s->gw->office, owner) == 0) {
		snprintf(rule, rulesz, gw_tr("归属办公室 %s 的修改优先", "the owning office %s wins"), owner);
		return MINE;
	}
	int v = t->c_version;
	if (v >= 0) {
		const struct sv *vn = newr[v].t ? &newr[v] : &cur[v];
		int c = sv_cmp(vn, &cur[v]);
		if (c) {
			snprintf(rule, rulesz, "%s", gw_tr("版本号高者优先", "the higher version wins"));
			return c > 0 ? THEIRS : MINE;
		}
	}
	rule[0] = '\0';
	return TIE;
}

/* Queues "set these columns of this row" for after the section. */
static void fix_update(struct actx *a, const struct sync_table *t, const struct sv *cur,
		       const struct sv *set)
{
	struct sv *oldr = row_new(t->ncol);
	if (!oldr) {
		oom(a);
		return;
	}
	for (int i = 0; i < t->ncol; i++)
		if (t->pk[i] || set[i].t)
			oldr[i] = cur[i];       /* shallow: only serialised below */
	if (a->fix_tbl != t)
		cs_table(&a->fix, t);
	a->fix_tbl = t;
	cs_change(&a->fix, SQLITE_UPDATE, oldr, set, t->ncol);
	free(oldr);
	if (a->fix.oom)
		oom(a);
}

/* An UPDATE whose old values differ from the row here: both offices
 * changed the record.  Fields merge; a field both changed is decided by
 * decide(); a delete (deleted = 1) against an edit keeps the record. */
static int on_update(struct actx *a, const struct sync_table *t, const struct sv *oldr,
		     const struct sv *newr, const struct sv *cur)
{
	int n = t->ncol, v = t->c_version, d = t->c_deleted;
	unsigned char take[64] = {0}, both[64] = {0};
	int local_edit = 0, disputed = 0, incoming_edits = 0, took_real = 0;
	if (v >= 0 && oldr[v].t)
		local_edit = !sv_eq(&cur[v], &oldr[v]);
	for (int i = 0; i < n && v < 0; i++)
		if (!t->pk[i] && oldr[i].t && !sv_eq(&cur[i], &oldr[i]))
			local_edit = 1;
	for (int i = 0; i < n; i++) {
		if (t->pk[i] || !newr[i].t || sv_eq(&cur[i], &newr[i]))
			continue;
		int real = !is_book(t, i) && i != d;
		incoming_edits |= real;
		if (oldr[i].t && sv_eq(&cur[i], &oldr[i])) {
			take[i] = 1;
			took_real |= real;
		} else {
			both[i] = 1;
			disputed += real;
		}
	}
	int in_del = d >= 0 && newr[d].t && sv_int(&newr[d]) == 1 && sv_int(&cur[d]) == 0;
	int here_del = d >= 0 && sv_int(&cur[d]) == 1 && !(newr[d].t && sv_int(&newr[d]) == 1);
	int del_edit = (in_del && local_edit) || (here_del && incoming_edits);
	char rule[160] = "";
	enum side w = disputed ? decide(a, t, cur, newr, rule, sizeof rule) : THEIRS;
	struct sv *set = row_new(n);
	if (!set) {
		oom(a);
		return SQLITE_CHANGESET_ABORT;
	}
	int any = 0;
	for (int i = 0; i < n; i++) {
		if (t->pk[i] || !newr[i].t || (i == d && del_edit))
			continue;
		const struct sv *src = NULL;
		if (take[i])
			src = &newr[i];
		else if (both[i] && is_book(t, i))
			src = sv_cmp(&newr[i], &cur[i]) > 0 ? &newr[i] : NULL;
		else if (both[i] && w == THEIRS)
			src = &newr[i];
		if (src) {
			sv_copy(&set[i], src);
			any = 1;
		}
	}
	if (del_edit && sv_int(&cur[d]) != 0) {
		set[d].t = SQLITE_INTEGER;      /* kept: nothing is lost until a clerk says so */
		set[d].i = 0;
		any = 1;
	}
	if (any)
		fix_update(a, t, cur, set);
	row_free(set, n);
	const char *kind = NULL, *outcome = "merged";
	int open = 0;
	if (del_edit) {
		kind = in_del ? "delete_edit" : "edit_deleted";
		outcome = "kept";
		open = 1;
	} else if (disputed) {
		kind = "edit";
		open = w == TIE;
		outcome = w == THEIRS ? "theirs" : "mine";
	} else if (local_edit && took_real) {
		kind = "merge";
		snprintf(rule, sizeof rule, "%s",
			 gw_tr("双方改了不同的字段：都保留", "different fields changed: both kept"));
	}
	if (!kind)
		return SQLITE_CHANGESET_OMIT;
	struct sv *theirs = row_new(n);
	struct pending *p = theirs ? pend_add(a, t, cur, kind) : NULL;
	if (!p) {
		row_free(theirs, n);
		oom(a);
		return SQLITE_CHANGESET_ABORT;
	}
	for (int i = 0; i < n; i++)
		sv_copy(&theirs[i], newr[i].t ? &newr[i] : &cur[i]);
	if (del_edit && here_del) {
		sv_free(&theirs[d]);    /* the other office never deleted it */
		theirs[d].t = SQLITE_INTEGER;
	}
	pend_rows(p, t, cur, theirs);
	row_free(theirs, n);
	for (int i = 0; i < n; i++)
		if ((both[i] && !is_book(t, i) && i != d) || (i == d && del_edit))
			pend_col(p, t, i);
	snprintf(p->outcome, sizeof p->outcome, "%s", outcome);
	snprintf(p->rule, sizeof p->rule, "%s", open ? "" : rule);
	p->open = open;
	return SQLITE_CHANGESET_OMIT;
}

/* An INSERT of a row whose key exists here: usually the same change
 * arriving twice (through two offices), else two states of one record. */
static int on_insert_exists(struct actx *a, const struct sync_table *t, const struct sv *newr,
			    const struct sv *cur)
{
	int n = t->ncol, differ = 0, real = 0;
	for (int i = 0; i < n; i++)
		if (!sv_eq(&cur[i], &newr[i])) {
			differ = 1;
			real += !is_book(t, i);
		}
	if (!differ)
		return SQLITE_CHANGESET_OMIT;
	if (!real)
		return t->c_version >= 0 && sv_cmp(&newr[t->c_version], &cur[t->c_version]) > 0
			       ? SQLITE_CHANGESET_REPLACE : SQLITE_CHANGESET_OMIT;
	char rule[160] = "";
	enum side w = decide(a, t, cur, newr, rule, sizeof rule);
	struct pending *p = pend_add(a, t, cur, "insert");
	if (!p)
		return SQLITE_CHANGESET_ABORT;
	pend_rows(p, t, cur, newr);
	for (int i = 0; i < n; i++)
		if (!is_book(t, i) && !sv_eq(&cur[i], &newr[i]))
			pend_col(p, t, i);
	p->open = w == TIE;
	snprintf(p->outcome, sizeof p->outcome, "%s", w == THEIRS ? "theirs" : "mine");
	snprintf(p->rule, sizeof p->rule, "%s", rule);
	return w == THEIRS ? SQLITE_CHANGESET_REPLACE : SQLITE_CHANGESET_OMIT;
}

static enum gw_status alias_set(struct sync *s, const char *tbl, const struct sv *loser,
				const struct sv *winner, struct gw_err *err)
{
	sqlite3_stmt *q = db_stmt(s->gw->db, Q_SYNC_ALIAS_SET, err);
	if (!q)
		return GW_EDB;
	db_bind_text(q, 1, tbl);
	sv_bind(q, 2, loser);
	sv_bind(q, 3, winner);
	return db_step_done(s->gw->db, q, err);
}

/* The row of t whose natural key equals that of row, into out. */
static int find_by_key(struct sync *s, const struct sync_table *t, const struct sv *row,
		       struct sv *out, struct gw_err *err)
{
	sqlite3_stmt *q = db_stmt(s->gw->db, (enum db_query)t->key_q, err);
	if (!q)
		return -1;
	for (int k = 0; k < t->nkey; k++)
		sv_bind(q, k + 1, &row[t->key[k]]);
	int found = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_count(q) == t->ncol;
	for (int i = 0; found && i < t->ncol; i++)
		sv_from_col(&out[i], q, i);
	sqlite3_reset(q);
	return found;
}

/* A change the database's constraints refused.  An INSERT whose natural
 * key (credit code, phone, number...) exists under another id is the same
 * real record registered at two offices: the older id stays everywhere,
 * the other's references move to it, both versions are listed. */
static int on_constraint(struct actx *a, const struct sync_table *t, int op, const struct sv *oldr,
			 const struct sv *newr)
{
	int n = t->ncol;
	struct sv *local = row_new(n);
	if (!local) {
		oom(a);
		return SQLITE_CHANGESET_ABORT;
	}
	int found = op == SQLITE_INSERT && t->key_q >= 0 && t->c_id >= 0
			    ? find_by_key(a->s, t, newr, local, a->err) : 0;
	if (found < 0) {
		row_free(local, n);
		a->st = GW_EDB;
		return SQLITE_CHANGESET_ABORT;
	}
	int id = t->c_id;
	if (found && !sv_eq(&local[id], &newr[id])) {
		int incoming_older = sv_cmp(&newr[id], &local[id]) < 0;
		struct pending *p = pend_add(a, t, incoming_older ? newr : local, "duplicate");
		if (!p) {
			row_free(local, n);
			return SQLITE_CHANGESET_ABORT;
		}
		pend_rows(p, t, local, newr);
		for (int i = 0; i < n; i++)
			if (!is_meta(t, i) && !sv_eq(&local[i], &newr[i]))
				pend_col(p, t, i);
		p->open = p->columns.len > 0;
		snprintf(p->outcome, sizeof p->outcome, "%s", incoming_older ? "theirs" : "mine");
		snprintf(p->rule, sizeof p->rule, "%s",
			 gw_tr("两个办公室登记了同一记录：保留先登记的",
			       "the same record registered at two offices: the earlier one kept"));
		if (!incoming_older) {
			if ((a->st = alias_set(a->s, t->name, &newr[id], &local[id], a->err)) != GW_OK)
				return row_free(local, n), SQLITE_CHANGESET_ABORT;
			row_free(local, n);
			return SQLITE_CHANGESET_OMIT;
		}
		if (a->nrep == a->caprep) {
			size_t cap = a->caprep ? a->caprep * 2 : 8;
			void *nr = realloc(a->rep, cap * sizeof *a->rep);
			if (!nr) {
				row_free(local, n);
				oom(a);
				return SQLITE_CHANGESET_ABORT;
			}
			a->rep = nr;
			a->caprep = cap;
		}
		struct sv *inc = row_new(n);
		if (!inc) {
			row_free(local, n);
			oom(a);
			return SQLITE_CHANGESET_ABORT;
		}
		for (int i = 0; i < n; i++)
			sv_copy(&inc[i], &newr[i]);
		a->rep[a->nrep++] = (struct replace_job){t, local, inc};
		return SQLITE_CHANGESET_OMIT;
	}
	row_free(local, n);
	struct pending *p = pend_add(a, t, op == SQLITE_INSERT ? newr : oldr, "constraint");
	if (!p)
		return SQLITE_CHANGESET_ABORT;
	pend_rows(p, t, NULL, op == SQLITE_DELETE ? oldr : newr);
	p->open = 1;
	snprintf(p->outcome, sizeof p->outcome, "mine");
	return SQLITE_CHANGESET_OMIT;
}

static int on_conflict(void *ctx, int kind, sqlite3_changeset_iter *it)
{
	struct actx *a = ctx;
	if (a->st != GW_OK)
		return SQLITE_CHANGESET_ABORT;
	if (kind == SQLITE_CHANGESET_FOREIGN_KEY) {
		a->ai->fk_pending = 1;  /* checked once the aliases are applied */
		return SQLITE_CHANGESET_OMIT;
	}
	const char *tbl;
	int ncol, op, indirect;
	if (sqlite3changeset_op(it, &tbl, &ncol, &op, &indirect) != SQLITE_OK)
		return SQLITE_CHANGESET_ABORT;
	const struct sync_table *t = sync_table_get(a->s, tbl, a->err);
	if (!t || t->ncol != ncol) {
		a->st = t ? gw_fail(a->err, GW_EREFUSED, "表 %s 的列数不符", "table %s has another layout", tbl)
			  : a->err->code;
		return SQLITE_CHANGESET_ABORT;
	}
	struct sv *oldr = row_new(ncol), *newr = row_new(ncol), *cur = row_new(ncol);
	int r = SQLITE_CHANGESET_OMIT;
	if (!oldr || !newr || !cur) {
		oom(a);
		r = SQLITE_CHANGESET_ABORT;
		goto out;
	}
	for (int i = 0; i < ncol; i++) {
		sqlite3_value *v;
		if (op != SQLITE_INSERT && sqlite3changeset_old(it, i, &v) == SQLITE_OK)
			sv_from_value(&oldr[i], v);
		if (op != SQLITE_DELETE && sqlite3changeset_new(it, i, &v) == SQLITE_OK)
			sv_from_value(&newr[i], v);
		if ((kind == SQLITE_CHANGESET_DATA || kind == SQLITE_CHANGESET_CONFLICT) &&
		    sqlite3changeset_conflict(it, i, &v) == SQLITE_OK)
			sv_from_value(&cur[i], v);
	}
	if (kind == SQLITE_CHANGESET_DATA && op == SQLITE_UPDATE) {
		r = on_update(a, t, oldr, newr, cur);
	} else if (kind == SQLITE_CHANGESET_DATA) {
		/* A delete of a record changed here since: keep it, list it. */
		struct pending *p = pend_add(a, t, cur, "delete_changed");
		if (p) {
			pend_rows(p, t, cur, NULL);
			p->open = 1;
			snprintf(p->outcome, sizeof p->outcome, "kept");
		}
	} else if (kind == SQLITE_CHANGESET_NOTFOUND && op == SQLITE_UPDATE) {
		/* An edit of a record removed here, or merged into another. */
		struct pending *p = pend_add(a, t, oldr, "edit_missing");
		struct sv *theirs = row_new(ncol);
		if (p && theirs) {
			for (int i = 0; i < ncol; i++)
				sv_copy(&theirs[i], newr[i].t ? &newr[i] : &oldr[i]);
			pend_rows(p, t, NULL, theirs);
			p->open = 1;
			snprintf(p->outcome, sizeof p->outcome, "mine");
		} else {
			oom(a);
		}
		row_free(theirs, ncol);
	} else if (kind == SQLITE_CHANGESET_CONFLICT) {
		r = on_insert_exists(a, t, newr, cur);
	} else if (kind == SQLITE_CHANGESET_CONSTRAINT) {
		r = on_constraint(a, t, op, oldr, newr);
	}
	/* NOTFOUND for a DELETE: gone here too; nothing to do. */
out:
	row_free(oldr, ncol);
	row_free(newr, ncol);
	row_free(cur, ncol);
	return a->st != GW_OK ? SQLITE_CHANGESET_ABORT : r;
}

struct plain_ctx {
	int fk_ok, fk_seen;
};

static int plain_conflict(void *ctx, int kind, sqlite3_changeset_iter *it)
{
	struct plain_ctx *p = ctx;
	(void)it;
	if (kind == SQLITE_CHANGESET_FOREIGN_KEY && p->fk_ok) {
		p->fk_seen = 1;
		return SQLITE_CHANGESET_OMIT;
	}
	return SQLITE_CHANGESET_ABORT;
}

/* Applies a hand-built changeset in the open transaction with capture
 * off; any conflict aborts it (the rows were read in this transaction). */
static enum gw_status apply_plain(struct sync *s, const void *cs, size_t n, int fk_ok,
				  int *fk_seen, struct gw_err *err)
{
	if (n == 0)
		return GW_OK;
	int was = sqlite3session_enable(s->sess, -1);
	sqlite3session_enable(s->sess, 0);
	struct plain_ctx pc = {fk_ok, 0};
	int rc = sqlite3changeset_apply_v2(db_handle(s->gw->db), (int)n, (void *)cs, NULL,
					   plain_conflict, &pc, NULL, NULL, 0);
	sqlite3session_enable(s->sess, was);
	if (fk_seen)
		*fk_seen |= pc.fk_seen;
	if (rc != SQLITE_OK)
		return gw_fail(err, GW_EDB, "写入合并后的记录失败（%s）",
			       "writing a merged record failed (%s)",
			       rc == SQLITE_ABORT ? gw_tr("记录在此期间被改动", "the record changed meanwhile")
						  : sqlite3_errstr(rc));
	return GW_OK;
}

/* Checks every table of the section is one this office exchanges, with
 * the same columns and key: SQLite would otherwise skip it silently. */
static enum gw_status check_tables(struct sync *s, const void *cs, size_t n, struct gw_err *err)
{
	sqlite3_changeset_iter *it;
	if (sqlite3changeset_start(&it, (int)n, (void *)cs) != SQLITE_OK)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	enum gw_status st = GW_OK;
	char last[40] = "";
	while (st == GW_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *tbl;
		int ncol, op, ind, npk;
		unsigned char *pk;
		sqlite3changeset_op(it, &tbl, &ncol, &op, &ind);
		if (strcmp(tbl, last) == 0)
			continue;
		snprintf(last, sizeof last, "%s", tbl);
		const struct sync_table *t = sync_table_get(s, tbl, err);
		if (!t) {
			st = err->code;
			break;
		}
		int same = t->ncol == ncol && sqlite3changeset_pk(it, &pk, &npk) == SQLITE_OK;
		for (int i = 0; same && i < ncol; i++)
			same = !!pk[i] == !!t->pk[i];
		if (!same)
			st = gw_fail(err, GW_EREFUSED,
				     "同步包中表 %s 的结构与本办公室不同（两边需使用同一版本的 gridwork），未做任何改动",
				     "table %s in the package differs from this office's (both offices need the same gridwork version); nothing was changed",
				     tbl);
	}
	sqlite3changeset_finalize(it);
	return st;
}

static const struct {
	const char *tbl;
	int q, left;
} repoints[] = {
	{"grid", Q_SYNC_REPOINT_GRID_PARENT, -1},
	{"grid", Q_SYNC_REPOINT_ORG_GRID, -1},
	{"grid", Q_SYNC_REPOINT_IG_GRID, Q_SYNC_REPOINT_IG_GRID_LEFT},
	{"grid", Q_SYNC_REPOINT_PM_GRID, -1},
	{"grid", Q_SYNC_REPOINT_WORKER_GRID, -1},
	{"grid", Q_SYNC_REPOINT_TICKET_GRID, -1},
	{"grid", Q_SYNC_REPOINT_STATION_GRID, -1},
	{"grid", Q_SYNC_REPOINT_ACTIVITY_GRID, -1},
	{"org", Q_SYNC_REPOINT_IO_ORG, Q_SYNC_REPOINT_IO_ORG_LEFT},
	{"org", Q_SYNC_REPOINT_PM_ORG, -1},
	{"org", Q_SYNC_REPOINT_TICKET_ORG, -1},
	{"org", Q_SYNC_REPOINT_COOP_ORG_A, -1},
	{"org", Q_SYNC_REPOINT_COOP_ORG_B, -1},
	{"org", Q_SYNC_REPOINT_CREDIT_ORG, -1},
	{"instructor", Q_SYNC_REPOINT_IG_INSTR, Q_SYNC_REPOINT_IG_INSTR_LEFT},
	{"instructor", Q_SYNC_REPOINT_IO_INSTR, Q_SYNC_REPOINT_IO_INSTR_LEFT},
	{"instructor", Q_SYNC_REPOINT_TICKET_INSTR, -1},
	{"worker", Q_SYNC_REPOINT_TICKET_WORKER, -1},
	{"worker", Q_SYNC_REPOINT_POINTS_WORKER, -1},
	{"ticket", Q_SYNC_REPOINT_TICKET_DUP, -1},
	{"ticket", Q_SYNC_REPOINT_TD_TICKET, Q_SYNC_REPOINT_TD_TICKET_LEFT},
	{"ticket", Q_SYNC_REPOINT_EVENT_TICKET, -1},
	{"ticket", Q_SYNC_REPOINT_POINTS_TICKET, -1},
};

static enum gw_status run2(struct sync *s, int qn, const char *a1, const char *a2,
			   struct gw_err *err)
{
	sqlite3_stmt *q = db_stmt(s->gw->db, (enum db_query)qn, err);
	if (!q)
		return GW_EDB;
	db_bind_text(q, 1, a1);
	if (a2)
		db_bind_text(q, 2, a2);
	return db_step_done(s->gw->db, q, err);
}

/* Moves every reference to loser (a record of tbl) to winner. */
static enum gw_status repoint(struct sync *s, const char *tbl, const char *loser,
			      const char *winner, struct gw_err *err)
{
	enum gw_status st = GW_OK;
	for (size_t i = 0; st == GW_OK && i < sizeof repoints / sizeof repoints[0]; i++) {
		if (strcmp(repoints[i].tbl, tbl) != 0)
			continue;
		st = run2(s, repoints[i].q, loser, winner, err);
		if (st == GW_OK && repoints[i].left >= 0)
			st = run2(s, repoints[i].left, loser, NULL, err);
	}
	return st;
}

static enum gw_status run_replace(struct actx *a, struct replace_job *j)
{
	const struct sync_table *t = j->t;
	struct strbuf cs = STRBUF_INIT;
	cs_table(&cs, t);
	cs_change(&cs, SQLITE_DELETE, j->local, NULL, t->ncol);
	enum gw_status st = cs.oom ? gw_fail(a->err, GW_ENOMEM, "内存不足", "out of memory")
				   : apply_plain(a->s, cs.s, cs.len, 1, &a->ai->fk_pending, a->err);
	sb_reset(&cs);
	cs_table(&cs, t);
	cs_change(&cs, SQLITE_INSERT, NULL, j->incoming, t->ncol);
	if (st == GW_OK)
		st = cs.oom ? gw_fail(a->err, GW_ENOMEM, "内存不足", "out of memory")
			    : apply_plain(a->s, cs.s, cs.len, 1, &a->ai->fk_pending, a->err);
	sb_free(&cs);
	const struct sv *lid = &j->local[t->c_id], *wid = &j->incoming[t->c_id];
	if (st == GW_OK)
		st = alias_set(a->s, t->name, lid, wid, a->err);
	if (st == GW_OK)
		st = repoint(a->s, t->name, lid->p, wid->p, a->err);
	return st;
}

static enum gw_status record_pending(struct actx *a, struct pending *p)
{
	struct sync_apply_info *ai = a->ai;
	sqlite3_stmt *q = db_stmt(a->s->gw->db, Q_SYNC_CONFLICT_INSERT, a->err);
	if (!q)
		return GW_EDB;
	char now[20];
	clock_now(now);
	db_bind_text(q, 1, now);
	db_bind_text(q, 2, ai->sender);
	sqlite3_bind_int64(q, 3, ai->package_seq);
	db_bind_text(q, 4, ai->origin);
	db_bind_text(q, 5, p->tbl);
	db_bind_text(q, 6, p->record_id);
	db_bind_text(q, 7, p->kind);
	db_bind_text(q, 8, sb_str(&p->columns));
	if (p->has_mine) {
		db_bind_text(q, 9, sb_str(&p->mine));
		sqlite3_bind_blob(q, 11, p->mine_rec.s, (int)p->mine_rec.len, SQLITE_STATIC);
	}
	if (p->has_theirs) {
		db_bind_text(q, 10, sb_str(&p->theirs));
		sqlite3_bind_blob(q, 12, p->theirs_rec.s, (int)p->theirs_rec.len, SQLITE_STATIC);
	}
	db_bind_text(q, 13, p->outcome);
	db_bind_text(q, 14, p->rule);
	db_bind_text_null(q, 15, p->open ? NULL : "rule");
	if (p->open)
		ai->conflicts_open++;
	else
		ai->conflicts_rule++;
	return db_step_done(a->s->gw->db, q, a->err);
}

/* A clerk's resolution made at another office settles the same conflict
 * here: its chosen values arrive in the same section with a higher version. */
static enum gw_status close_resolved(struct sync *s, const struct sync_apply_info *ai,
				     const void *cs, size_t n, struct gw_err *err)
{
	const struct sync_table *t = NULL;
	sqlite3_changeset_iter *it;
	if (sqlite3changeset_start(&it, (int)n, (void *)cs) != SQLITE_OK)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	enum gw_status st = GW_OK;
	char by[64], now[20];
	snprintf(by, sizeof by, "sync:%s", ai->origin);
	clock_now(now);
	while (st == GW_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *tbl;
		int ncol, op, ind;
		sqlite3changeset_op(it, &tbl, &ncol, &op, &ind);
		if (op != SQLITE_INSERT || strcmp(tbl, "sync_resolution") != 0)
			continue;
		if (!t && !(t = sync_table_get(s, tbl, err))) {
			st = err->code;
			break;
		}
		sqlite3_value *vt = NULL, *vr = NULL;
		for (int i = 0; i < ncol; i++) {
			if (strcmp(t->col[i], "tbl") == 0)
				sqlite3changeset_new(it, i, &vt);
			else if (strcmp(t->col[i], "record_id") == 0)
				sqlite3changeset_new(it, i, &vr);
		}
		if (!vt || !vr)
			continue;
		sqlite3_stmt *q = db_stmt(s->gw->db, Q_SYNC_CONFLICT_SUPERSEDE, err);
		if (!q) {
			st = GW_EDB;
			break;
		}
		db_bind_text(q, 1, (const char *)sqlite3_value_text(vt));
		db_bind_text(q, 2, (const char *)sqlite3_value_text(vr));
		db_bind_text(q, 3, now);
		db_bind_text(q, 4, by);
		st = db_step_done(s->gw->db, q, err);
	}
	sqlite3changeset_finalize(it);
	return st;
}

enum gw_status sync_apply_section(struct sync *s, struct sync_apply_info *ai, const void *cs,
				  size_t n, struct gw_err *err)
{
	enum gw_status st = check_tables(s, cs, n, err);
	if (st != GW_OK)
		return st;
	struct actx a = {s, ai, err, GW_OK, STRBUF_INIT, NULL, NULL, 0, 0, NULL, 0, 0};
	int rc = sqlite3changeset_apply_v2(db_handle(s->gw->db), (int)n, (void *)cs, NULL,
					   on_conflict, &a, NULL, NULL, 0);
	st = a.st;
	if (st == GW_OK && rc != SQLITE_OK)
		st = db_fail(s->gw->db, err, gw_tr("导入同步包", "applying the package"));
	if (st == GW_OK)
		st = apply_plain(s, a.fix.s, a.fix.len, 1, &ai->fk_pending, err);
	for (size_t i = 0; i < a.nrep; i++) {
		if (st == GW_OK)
			st = run_replace(&a, &a.rep[i]);
		row_free(a.rep[i].local, a.rep[i].t->ncol);
		row_free(a.rep[i].incoming, a.rep[i].t->ncol);
	}
	for (size_t i = 0; i < a.npend; i++) {
		if (st == GW_OK)
			st = record_pending(&a, &a.pend[i]);
		pend_free(&a.pend[i]);
	}
	if (st == GW_OK)
		st = close_resolved(s, ai, cs, n, err);
	free(a.pend);
	free(a.rep);
	sb_free(&a.fix);
	return st;
}

enum gw_status sync_apply_finish(struct sync *s, struct sync_apply_info *ai, struct gw_err *err)
{
	struct db *db = s->gw->db;
	enum gw_status st = GW_OK;
	if (ai->fk_pending) {
		sqlite3_stmt *q = db_stmt(db, Q_SYNC_ALIAS_ALL, err);
		if (!q)
			return GW_EDB;
		int rc;
		while (st == GW_OK && (rc = sqlite3_step(q)) == SQLITE_ROW)
			st = repoint(s, (const char *)sqlite3_column_text(q, 0),
				     (const char *)sqlite3_column_text(q, 1),
				     (const char *)sqlite3_column_text(q, 2), err);
		sqlite3_reset(q);
		if (st != GW_OK)
			return st;
	}
	int cur = 0, hi = 0;
	sqlite3_db_status(db_handle(db), SQLITE_DBSTATUS_DEFERRED_FKS, &cur, &hi, 0);
	if (cur == 0)
		return GW_OK;
	char tbl[64] = "?", parent[64] = "?";
	sqlite3_stmt *q = db_stmt(db, Q_SYNC_FK_CHECK, err);
	if (q && sqlite3_step(q) == SQLITE_ROW) {
		db_col_text(q, 0, tbl, sizeof tbl);
		db_col_text(q, 2, parent, sizeof parent);
	}
	if (q)
		sqlite3_reset(q);
	return gw_fail(err, GW_EREFUSED,
		       "同步包中的 %s 记录引用了本办公室没有的 %s 记录（可能已被删除），未做任何改动",
		       "a %s record in the package refers to a %s record this office does not hold (perhaps deleted here); nothing was changed",
		       tbl, parent);
}

/* ---- a clerk's choice ---- */

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
		st = apply_plain(s, lb.s, lb.len, 0, NULL, err);
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
		st = apply_plain(s, b.s, b.len, 0, NULL, err);
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
