/* ticket_query.c - the read side of the ticket workflow: finding a ticket
 * by number or id, supervision grades, a ticket's history and supporting
 * departments, and filtered lists.  Nothing here writes; the moves are in
 * ticket_flow.c.
 *
 * History reads fill in the creation event a bulk import leaves out, so
 * every ticket's history begins with how it came in. */
#include "ticket_query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "enums.h"
#include "grid.h"
#include "ticket_flow_int.h"
#include "validate.h"

/* ---- look-ups ------------------------------------------------------------------- */

static int is_hex_id(const char *s)
{
	size_t n = strlen(s);
	if (n != GW_ID_LEN)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

enum gw_status ticket_find(struct gw *gw, const char *key, struct ticket_rec *out,
			   struct gw_err *err)
{
	char k[TICKET_NUMBER_MAX * 4 + 1];
	if (!key || valid_text(key, TICKET_NUMBER_MAX, 1, 0, k, sizeof k, NULL) != GW_OK)
		return gw_fail(err, GW_EINVAL, "请给出工单编号", "give a ticket number");
	enum gw_status st = ticket_by_number(gw, k, out, err);
	if (st != GW_ENOTFOUND)
		return st;
	char up[sizeof k];
	size_t i;
	for (i = 0; k[i]; i++)
		up[i] = (k[i] >= 'a' && k[i] <= 'z') ? (char)(k[i] - 32) : k[i];
	up[i] = '\0';
	if (strcmp(up, k) != 0 && (st = ticket_by_number(gw, up, out, err)) != GW_ENOTFOUND)
		return st;
	if (is_hex_id(k) && (st = ticket_by_id(gw, k, out, err)) != GW_ENOTFOUND)
		return st;
	return gw_fail(err, GW_ENOTFOUND, "没有编号为“%s”的工单", "no ticket numbered '%s'", k);
}

/* ---- supervision, history, lists ------------------------------------------------ */

const char *ticket_grade_en(enum ticket_grade g)
{
	return g == TG_RED ? "red" : g == TG_YELLOW ? "yellow" : "none";
}

const char *ticket_grade_zh(enum ticket_grade g)
{
	return g == TG_RED ? "红牌" : g == TG_YELLOW ? "黄牌" : "无";
}

enum ticket_grade ticket_overdue(const struct gw *gw, const struct ticket_rec *t, const char *today,
				 int *days)
{
	int s = tf_state_of(t->status), past = 0;
	if (s >= 0 && (RUNNING & BIT(s)) && t->due_on[0] && !t->deleted)
		past = calendar_workdays_between(&gw->cfg, t->due_on, today);
	if (past < 0)
		past = 0;
	if (days)
		*days = past;
	if (past < 1)
		return TG_NONE;
	return past >= gw->cfg.overdue_red ? TG_RED : past >= gw->cfg.overdue_yellow ? TG_YELLOW : TG_NONE;
}

static int is_creation(const char *action)
{
	return action && (strcmp(action, "import") == 0 || strcmp(action, "register") == 0);
}

/* A ticket imported in bulk has no creation event (ticket.c): its history
 * begins with one made from the ticket, at its registration time.  Returns
 * cb's answer, or -1 when the ticket cannot be read. */
static int bulk_creation(struct gw *gw, const char *ticket_id, struct ticket_event_rec *e,
			 int (*cb)(void *ctx, const struct ticket_event_rec *e), void *ctx)
{
	struct ticket_rec *t = malloc(sizeof *t);
	struct gw_err ignored;
	if (!t || ticket_by_id(gw, ticket_id, t, &ignored) != GW_OK) {
		free(t);
		return -1;
	}
	memset(e, 0, sizeof *e);
	snprintf(e->at, sizeof e->at, "%s", t->created_at);
	snprintf(e->action, sizeof e->action, "import");
	snprintf(e->office, sizeof e->office, "%s", t->office);
	snprintf(e->note, sizeof e->note, "%s", gw_tr("批量导入", "imported in bulk"));
	free(t);
	return cb(ctx, e) ? 1 : 0;
}

enum gw_status ticket_events(struct gw *gw, const char *ticket_id,
			     int (*cb)(void *ctx, const struct ticket_event_rec *e), void *ctx,
			     struct gw_err *err)
{
	struct ticket_event_rec *e = malloc(sizeof *e);
	if (!e)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	sqlite3_stmt *st = db_stmt(gw->db, Q_TF_EVENTS, err);
	if (!st) {
		free(e);
		return GW_EDB;
	}
	sqlite3_bind_text(st, 1, ticket_id, -1, SQLITE_STATIC);
	int rc, seen = 0, stop = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!seen++ && !is_creation((const char *)sqlite3_column_text(st, 2)) &&
		    (stop = bulk_creation(gw, ticket_id, e, cb, ctx)) != 0) {
			rc = stop < 0 ? SQLITE_ERROR : SQLITE_DONE;
			break;
		}
		db_col_text(st, 0, e->at, sizeof e->at);
		db_col_text(st, 1, e->operator_name, sizeof e->operator_name);
		db_col_text(st, 2, e->action, sizeof e->action);
		db_col_text(st, 3, e->from, sizeof e->from);
		db_col_text(st, 4, e->to, sizeof e->to);
		db_col_text(st, 5, e->department, sizeof e->department);
		db_col_text(st, 6, e->note, sizeof e->note);
		db_col_text(st, 7, e->office, sizeof e->office);
		if (cb(ctx, e)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE && !seen && bulk_creation(gw, ticket_id, e, cb, ctx) < 0)
		rc = SQLITE_ERROR;
	free(e);
	if (rc == SQLITE_ERROR && stop < 0)
		return gw_fail(err, GW_EDB, "读取工单失败", "cannot read the ticket");
	return rc == SQLITE_DONE ? GW_OK : db_fail(gw->db, err, gw_tr("工单记录", "ticket history"));
}

enum gw_status ticket_supporting(struct gw *gw, const char *ticket_id,
				 int (*cb)(void *ctx, const char *department), void *ctx,
				 struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, Q_TF_SUPPORT_LIST, err);
	if (!st)
		return GW_EDB;
	sqlite3_bind_text(st, 1, ticket_id, -1, SQLITE_STATIC);
	int rc;
	char d[96];
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		db_col_text(st, 0, d, sizeof d);
		if (cb(ctx, d)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? GW_OK : db_fail(gw->db, err, gw_tr("协办部门", "supporting departments"));
}

/* A filter's values as stored: ids, English enum names. */
struct filter_vals {
	char grid_id[GW_ID_LEN + 1], dept[96], today[11];
	const char *status, *category;
};

static enum gw_status resolve(struct gw *gw, const struct ticket_filter *f, struct filter_vals *v,
			      struct gw_err *err)
{
	enum gw_status st;
	memset(v, 0, sizeof *v);
	if (!valid_blank(f->status)) {
		int k = enum_parse(EN_TICKET_STATUS, f->status);
		if (k < 0)
			return gw_fail(err, GW_EINVAL, "“%s”不是有效的状态，可选：%s", "'%s' is not a status; one of: %s",
				       f->status, enum_choices(EN_TICKET_STATUS));
		v->status = enum_en(EN_TICKET_STATUS, k);
	}
	if (!valid_blank(f->category)) {
		int k = enum_parse(EN_CATEGORY, f->category);
		if (k < 0)
			return gw_fail(err, GW_EINVAL, "“%s”不是有效的类别，可选：%s",
				       "'%s' is not a category; one of: %s", f->category,
				       enum_choices(EN_CATEGORY));
		v->category = enum_en(EN_CATEGORY, k);
	}
	if (!valid_blank(f->grid_code)) {
		struct grid_rec g;
		if ((st = grid_by_code(gw, f->grid_code, &g, err)) != GW_OK)
			return st == GW_ENOTFOUND ? GW_EINVAL : st;
		memcpy(v->grid_id, g.id, sizeof v->grid_id);
	}
	if (!valid_blank(f->department) &&
	    (st = tf_check_department(gw, f->department, v->dept, err)) != GW_OK)
		return st;
	clock_today(v->today);
	return GW_OK;
}

/* Binds TF_LIST's parameters (also those of the counts). */
static void bind_filter(sqlite3_stmt *q, const struct filter_vals *v, int overdue, const char *after)
{
	tf_bind_or_null(q, 1, v->grid_id);
	tf_bind_or_null(q, 2, v->status);
	tf_bind_or_null(q, 3, v->dept);
	sqlite3_bind_int(q, 4, overdue != 0);
	sqlite3_bind_text(q, 5, v->today, -1, SQLITE_STATIC);
	tf_bind_or_null(q, 6, valid_blank(after) ? NULL : after);
	tf_bind_or_null(q, 7, v->category);
}

static int count_one(void *ctx, const struct ticket_rec *t)
{
	(void)t;
	++*(long long *)ctx;
	return 0;
}

enum gw_status ticket_count(struct gw *gw, const struct ticket_filter *f, long long *n,
			    struct gw_err *err)
{
	*n = 0;
	if (f->overdue) {
		struct ticket_filter all = *f;
		all.after = NULL;
		all.limit = 0;
		return ticket_list(gw, &all, count_one, n, NULL, err);
	}
	struct filter_vals v;
	enum gw_status st = resolve(gw, f, &v, err);
	if (st != GW_OK)
		return st;
	sqlite3_stmt *q = db_stmt(gw->db, v.category ? Q_TF_COUNT_CATEGORY : Q_TF_COUNT, err);
	if (!q)
		return GW_EDB;
	bind_filter(q, &v, 0, NULL);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? GW_OK : db_fail(gw->db, err, gw_tr("工单计数", "ticket count"));
}

enum gw_status ticket_list(struct gw *gw, const struct ticket_filter *f,
			   int (*cb)(void *ctx, const struct ticket_rec *t), void *ctx, int *more,
			   struct gw_err *err)
{
	struct filter_vals v;
	if (more)
		*more = 0;
	enum gw_status st = resolve(gw, f, &v, err);
	if (st != GW_OK)
		return st;
	const char *today = v.today;
	struct ticket_rec *t = malloc(sizeof *t);
	if (!t)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	sqlite3_stmt *q = db_stmt(gw->db, Q_TF_LIST, err);
	if (!q) {
		free(t);
		return GW_EDB;
	}
	bind_filter(q, &v, f->overdue, f->after);
	int rc, n = 0;
	st = GW_OK;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		char id[GW_ID_LEN + 1];
		db_col_text(q, 0, id, sizeof id);
		if ((st = ticket_by_id(gw, id, t, err)) != GW_OK)
			break;
		int days;
		ticket_overdue(gw, t, today, &days);
		if (f->overdue && days < 1)
			continue;   /* past the date, but only over days off */
		if (f->limit > 0 && n == f->limit) {
			if (more)
				*more = 1;
			break;
		}
		n++;
		if (cb(ctx, t))
			break;
	}
	if (st == GW_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		st = db_fail(gw->db, err, gw_tr("工单列表", "ticket list"));
	sqlite3_reset(q);
	free(t);
	return st;
}
