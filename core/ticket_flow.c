/* ticket_flow.c - the ticket workflow's moves: the state machine and its
 * labels, registration, the moves with their history events, departments,
 * instructor, merging and points.  The read side (finding, grades,
 * history, lists) is in ticket_query.c.
 *
 * Registration goes through the tickets.csv row handler (import_one) with
 * a number taken from the office's counter in the same transaction, so a
 * ticket typed at the counter passes exactly the checks of an imported
 * row; the handler's "import" event is renamed "register" before the
 * transaction commits, so the history says how the ticket came in.
 *
 * Moves change only the workflow's fields (status, departments, times,
 * instructor, duplicate link) with one UPDATE guarded by the version read
 * in the same transaction. */
#include "ticket_flow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "enums.h"
#include "grid.h"
#include "import.h"
#include "instructor.h"
#include "strbuf.h"
#include "ticket_flow_int.h"
#include "validate.h"
#include "worker.h"

/* The stored status of each state. */
static const char *const state_en[ST_COUNT] = {"new", "accepted", "in_progress", "on_hold",
					       "resolved", "closed", "returned"};
#define ALL_STATES (BIT(ST_COUNT) - 1u)

static const struct {
	const char *en, *zh;
} actions[TA_COUNT] = {
#define TA_X_NAME(e, en, zh) {en, zh},
	TICKET_ACTIONS(TA_X_NAME)
#undef TA_X_NAME
};

/* The states each move starts from. */
static unsigned from_states(enum ticket_action a)
{
	switch (a) {
	case TA_ACCEPT: return BIT(ST_NEW) | BIT(ST_RETURNED);
	case TA_START: return BIT(ST_ACCEPTED);
	case TA_HOLD: return BIT(ST_ACCEPTED) | BIT(ST_IN_PROGRESS);
	case TA_RESUME: return BIT(ST_ON_HOLD);
	case TA_RESOLVE: return BIT(ST_IN_PROGRESS);
	case TA_CLOSE: return BIT(ST_RESOLVED);
	case TA_RETURN: return BIT(ST_NEW) | BIT(ST_ACCEPTED) | BIT(ST_IN_PROGRESS);
	case TA_REOPEN: return BIT(ST_RESOLVED) | BIT(ST_CLOSED);
	case TA_TRANSFER:
		return BIT(ST_NEW) | BIT(ST_ACCEPTED) | BIT(ST_IN_PROGRESS) | BIT(ST_RETURNED);
	case TA_COMMENT: return ALL_STATES;
	case TA_MERGE:
	case TA_SUPPORT_ADD:
	case TA_SUPPORT_REMOVE:
	case TA_INSTRUCTOR: return ALL_STATES & ~BIT(ST_CLOSED);
	case TA_COUNT: break;
	}
	return 0;
}

int tf_state_of(const char *status)
{
	for (int i = 0; i < ST_COUNT; i++)
		if (strcmp(status, state_en[i]) == 0)
			return i;
	return -1;
}

const char *ticket_action_en(enum ticket_action a)
{
	return (unsigned)a < TA_COUNT ? actions[a].en : NULL;
}

const char *ticket_action_zh(enum ticket_action a)
{
	return (unsigned)a < TA_COUNT ? actions[a].zh : NULL;
}

const char *ticket_event_label(const char *action)
{
	for (int a = 0; a < TA_COUNT; a++)
		if (strcmp(action, actions[a].en) == 0)
			return gw_tr(actions[a].zh, actions[a].en);
	if (strcmp(action, "register") == 0)
		return gw_tr("登记", "register");
	if (strcmp(action, "import") == 0)
		return gw_tr("导入", "import");
	if (strcmp(action, "absorb") == 0)
		return gw_tr("并入重复工单", "absorb duplicate");
	return action;
}

unsigned ticket_allowed(const char *status)
{
	int s = tf_state_of(status);
	unsigned mask = 0;
	for (int a = 0; s >= 0 && a < TA_COUNT; a++)
		if (from_states((enum ticket_action)a) & BIT(s))
			mask |= 1u << a;
	return mask;
}

static const char *status_label(const char *status)
{
	int i = enum_index(EN_TICKET_STATUS, status);
	return i >= 0 ? enum_label(EN_TICKET_STATUS, i) : status;
}

/* "not allowed; allowed now: ..." in the current language. */
static enum gw_status refuse(const struct ticket_rec *t, enum ticket_action a, struct gw_err *err)
{
	char list[400];
	size_t off = 0;
	unsigned mask = ticket_allowed(t->status);
	list[0] = '\0';
	for (int i = 0; i < TA_COUNT && off < sizeof list; i++) {
		if (!(mask & (1u << i)))
			continue;
		if (gw_lang() == GW_LANG_ZH)
			off += (size_t)snprintf(list + off, sizeof list - off, "%s%s %s", off ? "、" : "",
						actions[i].zh, actions[i].en);
		else
			off += (size_t)snprintf(list + off, sizeof list - off, "%s%s", off ? ", " : "",
						actions[i].en);
	}
	return gw_fail(err, GW_ESTATE, "工单 %s 当前为“%s”，不能%s（%s）；当前可以：%s",
		       "ticket %s is %s: cannot %s%s; allowed now: %s", t->number,
		       status_label(t->status), gw_tr(actions[a].zh, actions[a].en),
		       gw_tr(actions[a].en, ""), list);
}

/* ---- look-ups ------------------------------------------------------------------- */

enum gw_status tf_check_department(struct gw *gw, const char *name, char out[96],
				   struct gw_err *err)
{
	if (valid_text(name, 40, 1, 0, out, 96, err) != GW_OK) {
		gw_err_prefix(err, "%s", gw_tr("承办部门", "department"));
		return GW_EINVAL;
	}
	if (config_dept_index(&gw->cfg, out) >= 0)
		return GW_OK;
	char some[300];
	size_t off = 0;
	some[0] = '\0';
	for (int i = 0; i < gw->cfg.ndepts; i++) {
		size_t need = strlen(gw->cfg.depts[i].name) + 8;
		if (off + need >= sizeof some) {
			snprintf(some + off, sizeof some - off, "…");
			break;
		}
		off += (size_t)snprintf(some + off, sizeof some - off, "%s%s", i ? "、" : "",
					gw->cfg.depts[i].name);
	}
	return gw_fail(err, GW_EINVAL, "“%s”不是配置中的承办部门，可选：%s",
		       "'%s' is not a department of the configuration; one of: %s", out, some);
}

/* A reason or comment: required or not, into out. */
static enum gw_status check_note(const char *s, int required, char *out, size_t outsz,
				 const char *what_zh, const char *what_en, struct gw_err *err)
{
	if (required && valid_blank(s))
		return gw_fail(err, GW_EINVAL, "请填写%s", "a %s is required", gw_tr(what_zh, what_en));
	if (valid_text(s ? s : "", TICKET_NOTE_MAX, required, 1, out, outsz, err) != GW_OK) {
		gw_err_prefix(err, "%s", gw_tr(what_zh, what_en));
		return GW_EINVAL;
	}
	return GW_OK;
}

static int first_instructor(void *ctx, const struct instructor_rec *i)
{
	memcpy(ctx, i->id, GW_ID_LEN + 1);
	return 1;
}

/* The instructor responsible for the ticket: its organisation's, else its
 * grid's or the nearest grid's above; "" when there is none. */
static enum gw_status responsible_instructor(struct gw *gw, const struct ticket_rec *t,
					     char id[GW_ID_LEN + 1], struct gw_err *err)
{
	id[0] = '\0';
	enum gw_status st = GW_OK;
	if (t->org_id[0] && (st = org_instructors(gw, t->org_id, first_instructor, id, err)) != GW_OK)
		return st;
	char gid[GW_ID_LEN + 1];
	snprintf(gid, sizeof gid, "%s", t->grid_id);
	for (int depth = 0; !id[0] && gid[0] && depth < 16; depth++) {
		if ((st = grid_instructors(gw, gid, first_instructor, id, err)) != GW_OK)
			return st;
		struct grid_rec g;
		if (id[0] || grid_by_id(gw, gid, &g, err) != GW_OK)
			break;
		memcpy(gid, g.parent_id, sizeof gid);
	}
	gw_err_clear(err);
	return GW_OK;
}

/* ---- writes --------------------------------------------------------------------- */

static enum gw_status add_event(struct gw *gw, const char *ticket_id, const char *now,
				const char *action, const char *from, const char *to,
				const char *department, const char *note, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, Q_TF_EVENT_INSERT, err);
	if (!st)
		return GW_EDB;
	char id[GW_ID_LEN + 1];
	id_new(id);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, ticket_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, gw->operator_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, action, -1, SQLITE_STATIC);
	tf_bind_or_null(st, 6, from);
	tf_bind_or_null(st, 7, to);
	tf_bind_or_null(st, 8, department);
	sqlite3_bind_text(st, 9, note ? note : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, gw->office, -1, SQLITE_STATIC);
	return db_step_done(gw->db, st, err);
}

/* Writes the workflow's fields of t over the stored version old. */
static enum gw_status store(struct gw *gw, const struct ticket_rec *old, const struct ticket_rec *t,
			    const char *now, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, Q_TF_UPDATE, err);
	if (!st)
		return GW_EDB;
	sqlite3_bind_text(st, 1, old->id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, old->version);
	sqlite3_bind_text(st, 3, t->status, -1, SQLITE_STATIC);
	tf_bind_or_null(st, 4, t->department);
	tf_bind_or_null(st, 5, t->hold_since);
	sqlite3_bind_int(st, 6, t->held_days);
	tf_bind_or_null(st, 7, t->due_on);
	tf_bind_or_null(st, 8, t->resolved_at);
	tf_bind_or_null(st, 9, t->closed_at);
	if (t->satisfaction)
		sqlite3_bind_int(st, 10, t->satisfaction);
	tf_bind_or_null(st, 11, t->duplicate_of);
	tf_bind_or_null(st, 12, t->instructor_id);
	sqlite3_bind_text(st, 13, now, -1, SQLITE_STATIC);
	enum gw_status s = db_step_done(gw->db, st, err);
	if (s == GW_OK && sqlite3_changes(db_handle(gw->db)) != 1)
		s = gw_fail(err, GW_ECONFLICT, "工单 %s 在您打开后已被他人修改",
			    "ticket %s was changed by someone else since you opened it", old->number);
	return s;
}

static void flow_json(const struct ticket_rec *t, struct strbuf *b)
{
	int first = 1;
	sb_puts(b, "{");
#define S(k, v) sb_json_kv_str(b, &first, k, (v)[0] ? (v) : NULL)
	S("status", t->status);
	S("department", t->department);
	S("due_on", t->due_on);
	S("hold_since", t->hold_since);
	sb_json_kv_int(b, &first, "held_days", t->held_days);
	S("resolved_at", t->resolved_at);
	S("closed_at", t->closed_at);
	sb_json_kv_int(b, &first, "satisfaction", t->satisfaction);
	S("duplicate_of", t->duplicate_of);
	S("instructor_id", t->instructor_id);
#undef S
	sb_puts(b, "}");
}

/* The audit record of a move: the workflow's fields before and after, or
 * for moves that leave them alone (comment, supporting departments,
 * absorbing a duplicate) what was added as {"key": value}. */
static enum gw_status audit_move(struct gw *gw, const struct ticket_rec *old,
				 const struct ticket_rec *t, const char *action, const char *key,
				 const char *value, struct gw_err *err)
{
	struct strbuf o = STRBUF_INIT, n = STRBUF_INIT;
	if (key) {
		int first = 1;
		sb_puts(&n, "{");
		sb_json_kv_str(&n, &first, key, value);
		sb_puts(&n, "}");
	} else {
		flow_json(old, &o);
		flow_json(t, &n);
	}
	enum gw_status st = o.oom || n.oom ? gw_fail(err, GW_ENOMEM, "内存不足", "out of memory")
					   : audit_record(gw, "ticket", old->id, action, sb_str(&o),
							  sb_str(&n), err);
	sb_free(&o);
	sb_free(&n);
	return st;
}

/* Runs a statement that yields one integer, or none (*found 0). */
static enum gw_status one_int(struct gw *gw, sqlite3_stmt *st, long long *v, int *found,
			      struct gw_err *err)
{
	int rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? GW_OK : db_fail(gw->db, err, "ticket");
}

static enum gw_status support_has(struct gw *gw, const char *tid, const char *dept, int *has,
				  struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, Q_TF_SUPPORT_HAS, err);
	if (!st)
		return GW_EDB;
	sqlite3_bind_text(st, 1, tid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, dept, -1, SQLITE_STATIC);
	long long v;
	return one_int(gw, st, &v, has, err);
}

static enum gw_status support_change(struct gw *gw, enum db_query q, const char *tid,
				     const char *dept, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, q, err);
	if (!st)
		return GW_EDB;
	sqlite3_bind_text(st, 1, tid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, dept, -1, SQLITE_STATIC);
	return db_step_done(gw->db, st, err);
}

/* The new lead is no longer also a supporting department. */
static enum gw_status lead_leaves_support(struct gw *gw, const struct ticket_rec *t,
					  struct gw_err *err)
{
	int has;
	enum gw_status st = support_has(gw, t->id, t->department, &has, err);
	if (st == GW_OK && has)
		st = support_change(gw, Q_TF_SUPPORT_DEL, t->id, t->department, err);
	return st;
}

/* A verified close pays the reporting worker the category's points once
 * per ticket, within the daily cap.  A close whose points the cap eats
 * still gets its (zero) entry, so a later reopen and close on another day
 * cannot pay the ticket after all. */
static enum gw_status pay_points(struct gw *gw, const struct ticket_rec *t, const char *now,
				 struct gw_err *err)
{
	int k = enum_index(EN_CATEGORY, t->category);
	if (!t->worker_id[0] || t->duplicate_of[0] || k < 0 || k >= CONFIG_CATEGORIES ||
	    gw->cfg.points[k] <= 0)
		return GW_OK;
	struct worker_rec w;
	enum gw_status st = worker_by_id(gw, t->worker_id, &w, err);
	if (st == GW_ENOTFOUND || (st == GW_OK && w.deleted)) {
		gw_err_clear(err);
		return GW_OK;
	}
	if (st != GW_OK)
		return st;
	sqlite3_stmt *q = db_stmt(gw->db, Q_TF_POINTS_PAID, err);
	if (!q)
		return GW_EDB;
	sqlite3_bind_text(q, 1, t->worker_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, t->id, -1, SQLITE_STATIC);
	long long v = 0;
	int found;
	if ((st = one_int(gw, q, &v, &found, err)) != GW_OK || found)
		return st;
	if (!(q = db_stmt(gw->db, Q_TF_POINTS_DAY, err)))
		return GW_EDB;
	char today[11];
	snprintf(today, sizeof today, "%.10s", now);
	sqlite3_bind_text(q, 1, t->worker_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, today, -1, SQLITE_STATIC);
	if ((st = one_int(gw, q, &v, &found, err)) != GW_OK)
		return st;
	long long room = gw->cfg.daily_points_cap - v;
	long long pts = gw->cfg.points[k] < room ? gw->cfg.points[k] : room;
	if (pts < 0)
		pts = 0;
	char id[GW_ID_LEN + 1], reason[200];
	id_new(id);
	if (pts < gw->cfg.points[k])
		snprintf(reason, sizeof reason, "工单 %s（已达每日上限 %d 分）", t->number,
			 gw->cfg.daily_points_cap);
	else
		snprintf(reason, sizeof reason, "工单 %s", t->number);
	if (!(q = db_stmt(gw->db, Q_TF_POINTS_INSERT, err)))
		return GW_EDB;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, t->worker_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 4, pts);
	sqlite3_bind_text(q, 5, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 6, t->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 7, gw->operator_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 8, gw->office, -1, SQLITE_STATIC);
	if ((st = db_step_done(gw->db, q, err)) != GW_OK)
		return st;
	struct strbuf j = STRBUF_INIT;
	int first = 1;
	sb_puts(&j, "{");
	sb_json_kv_str(&j, &first, "worker_id", t->worker_id);
	sb_json_kv_str(&j, &first, "ticket", t->number);
	sb_json_kv_int(&j, &first, "points", pts);
	sb_puts(&j, "}");
	st = j.oom ? gw_fail(err, GW_ENOMEM, "内存不足", "out of memory")
		   : audit_record(gw, "points_ledger", id, "insert", NULL, sb_str(&j), err);
	sb_free(&j);
	return st;
}

/* ---- registration --------------------------------------------------------------- */

static const char *or_empty(const char *s) { return s ? s : ""; }

enum gw_status ticket_register(struct gw *gw, const struct ticket_new *n, struct ticket_rec *out,
			       struct gw_err *err)
{
	char today[11], now[20], number[TICKET_NUMBER_BUF];
	clock_now(now);
	clock_today(today);
	enum gw_status st = db_begin(gw->db, err);
	if (st != GW_OK)
		return st;
	if ((st = ticket_next_number(gw, atoi(today), number, err)) != GW_OK)
		goto fail;
	const char *vals[TICKET_NCOLS] = {
		[TICKET_C_NUMBER] = number,
		[TICKET_C_TITLE] = or_empty(n->title),
		[TICKET_C_DESC] = or_empty(n->description),
		[TICKET_C_CATEGORY] = or_empty(n->category),
		[TICKET_C_SOURCE] = or_empty(n->source),
		[TICKET_C_GRID] = or_empty(n->grid_code),
		[TICKET_C_ORG] = or_empty(n->org_code),
		[TICKET_C_REPORTER] = or_empty(n->reporter),
		[TICKET_C_REPORTER_PHONE] = or_empty(n->phone),
		[TICKET_C_DEPT] = or_empty(n->department),
		[TICKET_C_INSTRUCTOR] = "",
		[TICKET_C_STATUS] = "",
		[TICKET_C_CREATED] = "",
		[TICKET_C_RESOLVED] = "",
	};
	enum upsert_result res;
	if ((st = import_one(gw, IK_TICKET, vals, NULL, 0, &res, err)) != GW_OK)
		goto fail;
	if (res != UPSERT_INSERTED) {
		st = gw_fail(err, GW_EDB, "编号 %s 已被占用", "number %s is taken", number);
		goto fail;
	}
	if ((st = ticket_by_number(gw, number, out, err)) != GW_OK)
		goto fail;
	sqlite3_stmt *q = db_stmt(gw->db, Q_TF_EVENT_REGISTER, err);
	if (!q) {
		st = GW_EDB;
		goto fail;
	}
	sqlite3_bind_text(q, 1, out->id, -1, SQLITE_STATIC);
	if ((st = db_step_done(gw->db, q, err)) != GW_OK)
		goto fail;
	/* Should the row handler ever stop writing its event, write ours. */
	if (sqlite3_changes(db_handle(gw->db)) == 0 &&
	    (st = add_event(gw, out->id, now, "register", NULL, out->status, out->department, "",
			    err)) != GW_OK)
		goto fail;
	char iid[GW_ID_LEN + 1];
	if ((st = responsible_instructor(gw, out, iid, err)) != GW_OK)
		goto fail;
	if (iid[0]) {
		if (!(q = db_stmt(gw->db, Q_TF_SET_INSTRUCTOR_NEW, err))) {
			st = GW_EDB;
			goto fail;
		}
		sqlite3_bind_text(q, 1, out->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, iid, -1, SQLITE_STATIC);
		if ((st = db_step_done(gw->db, q, err)) != GW_OK ||
		    (st = ticket_by_id(gw, out->id, out, err)) != GW_OK)
			goto fail;
	}
	return db_commit(gw->db, err);
fail:
	db_rollback(gw->db);
	return st;
}

/* ---- moves ---------------------------------------------------------------------- */

/* What one move writes besides the ticket's fields: its event. */
struct step {
	const char *action;
	char department[96];
	char note[TICKET_NOTE_MAX * 4 + 1];
	int write_ticket;
};

/* The state a held ticket resumes: the one it was held from. */
static enum gw_status resume_state(struct gw *gw, const struct ticket_rec *t, char out[16],
				   struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, Q_TF_HOLD_FROM, err);
	if (!st)
		return GW_EDB;
	sqlite3_bind_text(st, 1, t->id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	out[0] = '\0';
	if (rc == SQLITE_ROW)
		db_col_text(st, 0, out, 16);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(gw->db, err, "ticket");
	int s = tf_state_of(out);
	if (s != ST_ACCEPTED && s != ST_IN_PROGRESS)   /* held by an import */
		snprintf(out, 16, "%s", t->department[0] ? "in_progress" : "new");
	return GW_OK;
}

static enum gw_status do_merge(struct gw *gw, const struct ticket_rec *old, struct ticket_rec *t,
			       const struct ticket_move *m, struct step *s, const char *now,
			       struct gw_err *err)
{
	struct ticket_rec keep;
	enum gw_status st = ticket_find(gw, m->into, &keep, err);
	if (st != GW_OK)
		return st;
	if (strcmp(keep.id, old->id) == 0)
		return gw_fail(err, GW_EINVAL, "不能把工单并入它自己", "a ticket cannot be merged into itself");
	if (keep.deleted)
		return gw_fail(err, GW_EINVAL, "工单 %s 已删除", "ticket %s is deleted", keep.number);
	if (keep.duplicate_of[0]) {
		struct ticket_rec root;
		if ((st = ticket_by_id(gw, keep.duplicate_of, &root, err)) != GW_OK)
			return st;
		return gw_fail(err, GW_EINVAL, "工单 %s 本身已并入 %s，请并入 %s",
			       "ticket %s is itself merged into %s: merge into %s", keep.number,
			       root.number, root.number);
	}
	snprintf(t->status, sizeof t->status, "closed");
	memcpy(t->duplicate_of, keep.id, sizeof t->duplicate_of);
	memcpy(t->closed_at, now, 20);
	if (!t->resolved_at[0])   /* the contract's closed rows have one */
		memcpy(t->resolved_at, now, 20);
	t->hold_since[0] = '\0';
	/* The note names the ticket that stays, then what the clerk wrote. */
	char *user = strdup(s->note);
	if (!user)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	snprintf(s->note, sizeof s->note, "%s%s%s", keep.number, user[0] ? " " : "", user);
	free(user);
	/* Duplicates of this one now point at the ticket that stays. */
	sqlite3_stmt *q = db_stmt(gw->db, Q_TF_REPOINT_DUPLICATES, err);
	if (!q)
		return GW_EDB;
	sqlite3_bind_text(q, 1, old->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, keep.id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, now, -1, SQLITE_STATIC);
	if ((st = db_step_done(gw->db, q, err)) != GW_OK ||
	    (st = audit_move(gw, &keep, &keep, "absorb", "duplicate", old->number, err)) != GW_OK)
		return st;
	return add_event(gw, keep.id, now, "absorb", keep.status, keep.status, NULL, old->number, err);
}

static enum gw_status do_instructor(struct gw *gw, struct ticket_rec *t,
				    const struct ticket_move *m, struct step *s, struct gw_err *err)
{
	if (valid_blank(m->instructor_phone)) {
		if (!t->instructor_id[0])
			return gw_fail(err, GW_EINVAL, "该工单没有指导员", "the ticket has no instructor");
		t->instructor_id[0] = t->instructor_phone[0] = '\0';
		return GW_OK;
	}
	struct instructor_rec i;
	enum gw_status st = instructor_by_phone(gw, m->instructor_phone, &i, err);
	if (st != GW_OK)
		return st == GW_ENOTFOUND ? GW_EINVAL : st;
	if (i.deleted)
		return gw_fail(err, GW_EINVAL, "指导员 %s 已不在名册中", "instructor %s has left the roster",
			       i.name);
	if (strcmp(i.id, t->instructor_id) == 0)
		return gw_fail(err, GW_EINVAL, "%s 已是该工单的指导员", "%s already is the ticket's instructor",
			       i.name);
	memcpy(t->instructor_id, i.id, sizeof t->instructor_id);
	memcpy(t->instructor_phone, i.phone, sizeof i.phone);
	snprintf(s->note, sizeof s->note, "%s %s", i.name, i.phone);
	return GW_OK;
}

/* Fills t (a copy of old) and s for move m; extra rows (supporting
 * departments, the merged ticket's event) are written here. */
static enum gw_status prepare(struct gw *gw, const struct ticket_rec *old, struct ticket_rec *t,
			      const struct ticket_move *m, struct step *s, const char *now,
			      struct gw_err *err)
{
	char today[11];
	snprintf(today, sizeof today, "%.10s", now);
	int has = 0;
	enum gw_status st = GW_OK;
	switch (m->action) {
	case TA_ACCEPT:
		if (!valid_blank(m->department)) {
			if ((st = tf_check_department(gw, m->department, t->department, err)) != GW_OK)
				return st;
		} else if (!t->department[0]) {
			return gw_fail(err, GW_EINVAL, "受理须指明承办部门", "name the department that signs for it");
		}
		if ((st = check_note(m->note, 0, s->note, sizeof s->note, "备注", "note", err)) != GW_OK)
			return st;
		snprintf(t->status, sizeof t->status, "accepted");
		memcpy(s->department, t->department, sizeof s->department);
		return lead_leaves_support(gw, t, err);
	case TA_START:
		snprintf(t->status, sizeof t->status, "in_progress");
		return check_note(m->note, 0, s->note, sizeof s->note, "备注", "note", err);
	case TA_HOLD:
		snprintf(t->status, sizeof t->status, "on_hold");
		memcpy(t->hold_since, now, 20);
		return check_note(m->note, 1, s->note, sizeof s->note, "挂起原因", "reason", err);
	case TA_RESUME: {
		if ((st = check_note(m->note, 0, s->note, sizeof s->note, "备注", "note", err)) != GW_OK ||
		    (st = resume_state(gw, old, t->status, err)) != GW_OK)
			return st;
		/* The working days on hold push the deadline back. */
		int held = old->hold_since[0] ? calendar_workdays_between(&gw->cfg, old->hold_since, today) : 0;
		if (held < 0)
			held = 0;
		t->held_days += held;
		char due[11];
		if (old->due_on[0] ? calendar_add_workdays(&gw->cfg, old->due_on, held, due)
				   : ticket_due_on(gw, t->created_at, t->category, t->held_days, due))
			due[0] = '\0';
		memcpy(t->due_on, due, sizeof due);
		t->hold_since[0] = '\0';
		return GW_OK;
	}
	case TA_RESOLVE:
		snprintf(t->status, sizeof t->status, "resolved");
		memcpy(t->resolved_at, now, 20);
		return check_note(m->note, 1, s->note, sizeof s->note, "办结情况", "resolution note", err);
	case TA_CLOSE:
		if (m->satisfaction < 1 || m->satisfaction > 5)
			return gw_fail(err, GW_EINVAL, "满意度须为 1-5 的整数", "satisfaction must be 1-5");
		snprintf(t->status, sizeof t->status, "closed");
		memcpy(t->closed_at, now, 20);
		t->satisfaction = m->satisfaction;
		return check_note(m->note, 0, s->note, sizeof s->note, "回访情况", "note", err);
	case TA_RETURN:
		if (!t->department[0])
			return gw_fail(err, GW_EINVAL, "工单 %s 还没有承办部门，无从退回",
				       "ticket %s has no department to send it back", t->number);
		memcpy(s->department, t->department, sizeof s->department);
		t->department[0] = '\0';
		snprintf(t->status, sizeof t->status, "returned");
		return check_note(m->note, 1, s->note, sizeof s->note, "退回原因", "reason", err);
	case TA_REOPEN:
		if (t->duplicate_of[0]) {
			struct ticket_rec keep;
			if ((st = ticket_by_id(gw, t->duplicate_of, &keep, err)) != GW_OK)
				return st;
			return gw_fail(err, GW_ESTATE, "工单 %s 已作为重复工单并入 %s，请重新办理 %s",
				       "ticket %s was merged into %s as a duplicate: reopen %s", t->number,
				       keep.number, keep.number);
		}
		snprintf(t->status, sizeof t->status, "in_progress");
		t->resolved_at[0] = t->closed_at[0] = '\0';
		t->satisfaction = 0;
		return check_note(m->note, 1, s->note, sizeof s->note, "重新办理原因", "reason", err);
	case TA_TRANSFER:
		if (valid_blank(m->department))
			return gw_fail(err, GW_EINVAL, "流转须指明新的承办部门", "name the department to transfer to");
		if ((st = tf_check_department(gw, m->department, s->department, err)) != GW_OK ||
		    (st = check_note(m->note, 1, s->note, sizeof s->note, "流转原因", "reason", err)) != GW_OK)
			return st;
		if (strcmp(s->department, old->department) == 0)
			return gw_fail(err, GW_EINVAL, "%s 已是承办部门", "%s already leads the ticket",
				       s->department);
		memcpy(t->department, s->department, sizeof t->department);
		snprintf(t->status, sizeof t->status, "new");
		return lead_leaves_support(gw, t, err);
	case TA_COMMENT:
		s->write_ticket = 0;
		return check_note(m->note, 1, s->note, sizeof s->note, "备注", "comment", err);
	case TA_MERGE:
		if (valid_blank(m->into))
			return gw_fail(err, GW_EINVAL, "请指明并入哪张工单", "name the ticket to merge into");
		if ((st = check_note(m->note, 0, s->note, sizeof s->note, "备注", "note", err)) != GW_OK)
			return st;
		return do_merge(gw, old, t, m, s, now, err);
	case TA_SUPPORT_ADD:
	case TA_SUPPORT_REMOVE:
		if (valid_blank(m->department))
			return gw_fail(err, GW_EINVAL, "请指明协办部门", "name the supporting department");
		if (m->action == TA_SUPPORT_ADD &&
		    (st = tf_check_department(gw, m->department, s->department, err)) != GW_OK)
			return st;
		if (m->action == TA_SUPPORT_REMOVE)
			snprintf(s->department, sizeof s->department, "%s", m->department);
		if ((st = support_has(gw, t->id, s->department, &has, err)) != GW_OK)
			return st;
		if (m->action == TA_SUPPORT_REMOVE) {
			if (!has)
				return gw_fail(err, GW_EINVAL, "%s 不是该工单的协办部门",
					       "%s is not supporting the ticket", s->department);
			return support_change(gw, Q_TF_SUPPORT_DEL, t->id, s->department, err);
		}
		if (has || strcmp(s->department, t->department) == 0)
			return gw_fail(err, GW_EINVAL, "%s 已参与办理该工单", "%s already works on the ticket",
				       s->department);
		return support_change(gw, Q_TF_SUPPORT_ADD, t->id, s->department, err);
	case TA_INSTRUCTOR:
		return do_instructor(gw, t, m, s, err);
	case TA_COUNT:
		break;
	}
	return gw_fail(err, GW_EUSAGE, "未知的操作", "unknown move");
}

enum gw_status ticket_apply(struct gw *gw, const char *key, const struct ticket_move *m,
			    struct ticket_rec *out, struct gw_err *err)
{
	if (!m || (unsigned)m->action >= TA_COUNT)
		return gw_fail(err, GW_EUSAGE, "未知的操作", "unknown move");
	/* Two records of about 10 KB each and the step: kept off the stack. */
	struct work {
		struct ticket_rec old, t;
		struct step s;
	} *w = calloc(1, sizeof *w);
	if (!w)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	char now[20];
	clock_now(now);
	enum gw_status st = db_begin(gw->db, err);
	if (st != GW_OK) {
		free(w);
		return st;
	}
	if ((st = ticket_find(gw, key, &w->old, err)) != GW_OK)
		goto fail;
	if (w->old.deleted) {
		st = gw_fail(err, GW_EINVAL, "工单 %s 已删除", "ticket %s is deleted", w->old.number);
		goto fail;
	}
	if (m->version && m->version != w->old.version) {
		st = gw_fail(err, GW_ECONFLICT, "工单 %s 在您打开后已被他人修改",
			     "ticket %s was changed by someone else since you opened it", w->old.number);
		goto fail;
	}
	if (!(ticket_allowed(w->old.status) & (1u << m->action))) {
		st = refuse(&w->old, m->action, err);
		goto fail;
	}
	w->t = w->old;
	w->s.action = actions[m->action].en;
	w->s.write_ticket = 1;
	if (m->action != TA_RETURN && m->action != TA_TRANSFER && m->action != TA_ACCEPT &&
	    m->action != TA_SUPPORT_ADD && m->action != TA_SUPPORT_REMOVE)
		memcpy(w->s.department, w->old.department, sizeof w->s.department);
	if ((st = prepare(gw, &w->old, &w->t, m, &w->s, now, err)) != GW_OK)
		goto fail;
	int side = m->action == TA_COMMENT || m->action == TA_SUPPORT_ADD ||
		   m->action == TA_SUPPORT_REMOVE;
	if (w->s.write_ticket && (st = store(gw, &w->old, &w->t, now, err)) != GW_OK)
		goto fail;
	if ((st = audit_move(gw, &w->old, &w->t, w->s.action,
			     !side ? NULL : m->action == TA_COMMENT ? "note" : "department",
			     m->action == TA_COMMENT ? w->s.note : w->s.department, err)) != GW_OK)
		goto fail;
	if ((st = add_event(gw, w->old.id, now, w->s.action, w->old.status, w->t.status,
			    w->s.department, w->s.note, err)) != GW_OK)
		goto fail;
	if (m->action == TA_CLOSE && (st = pay_points(gw, &w->t, now, err)) != GW_OK)
		goto fail;
	if ((st = db_commit(gw->db, err)) != GW_OK)
		goto done;
	if (out)
		st = ticket_by_id(gw, w->old.id, out, err);
	goto done;
fail:
	db_rollback(gw->db);
done:
	free(w);
	return st;
}
