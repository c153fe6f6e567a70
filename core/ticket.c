/* ticket.c - issue tickets: look-ups by number and id, due dates, and the
 * tickets.csv row handler, import hooks and export.  The numbers and the
 * office's counter are in ticket_number.c.
 *
 * The import runs a million rows in one transaction, so the row handler
 * keeps to cached statements, lean reference look-ups (id only) and stack
 * buffers, and audits an inserted ticket with its number and title only:
 * the full values are in the ticket itself and its "import" event.  A file
 * imported in bulk (import.h) leaves inserts to the file's summary row in
 * the audit log and writes no per-ticket "import" event (the history of
 * such a ticket begins with its registration time, see ticket_history);
 * its new tickets reach change_log by bulk capture (sync.h).  For the
 * length of one file the look-ups are remembered and the number counter
 * is moved once per year rather than once per row (struct ticket_import,
 * ticket_number.c). */
#include "ticket.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "db_index.h"
#include "enums.h"
#include "strbuf.h"
#include "sync.h"
#include "ticket_import.h"
#include "ticket_number.h"
#include "validate.h"

static const struct import_col ticket_cols[TICKET_NCOLS] = {
	[TICKET_C_NUMBER] = {"编号", "number", 0},
	[TICKET_C_TITLE] = {"标题", "title", 1},
	[TICKET_C_DESC] = {"描述", "description", 0},
	[TICKET_C_CATEGORY] = {"类别", "category", 1},
	[TICKET_C_SOURCE] = {"来源", "source", 1},
	[TICKET_C_GRID] = {"网格编码", "grid_code", 1},
	[TICKET_C_ORG] = {"关联单位", "org_code", 0},
	[TICKET_C_REPORTER] = {"反映人", "reporter", 0},
	[TICKET_C_REPORTER_PHONE] = {"反映人电话", "reporter_phone", 0},
	[TICKET_C_DEPT] = {"承办部门", "department", 0},
	[TICKET_C_INSTRUCTOR] = {"指导员手机", "instructor_phone", 0},
	[TICKET_C_STATUS] = {"状态", "status", 0},
	[TICKET_C_CREATED] = {"登记时间", "created_at", 0},
	[TICKET_C_RESOLVED] = {"办结时间", "resolved_at", 0},
};

static void read_row(sqlite3_stmt *st, struct ticket_rec *t)
{
	db_col_text(st, 0, t->id, sizeof t->id);
	db_col_text(st, 1, t->number, sizeof t->number);
	db_col_text(st, 2, t->title, sizeof t->title);
	db_col_text(st, 3, t->description, sizeof t->description);
	db_col_text(st, 4, t->category, sizeof t->category);
	db_col_text(st, 5, t->source, sizeof t->source);
	db_col_text(st, 6, t->grid_id, sizeof t->grid_id);
	db_col_text(st, 7, t->grid_code, sizeof t->grid_code);
	db_col_text(st, 8, t->org_id, sizeof t->org_id);
	db_col_text(st, 9, t->org_code, sizeof t->org_code);
	db_col_text(st, 10, t->reporter, sizeof t->reporter);
	db_col_text(st, 11, t->reporter_phone, sizeof t->reporter_phone);
	db_col_text(st, 12, t->worker_id, sizeof t->worker_id);
	db_col_text(st, 13, t->department, sizeof t->department);
	db_col_text(st, 14, t->instructor_id, sizeof t->instructor_id);
	db_col_text(st, 15, t->instructor_phone, sizeof t->instructor_phone);
	db_col_text(st, 16, t->status, sizeof t->status);
	db_col_text(st, 17, t->created_at, sizeof t->created_at);
	db_col_text(st, 18, t->due_on, sizeof t->due_on);
	db_col_text(st, 19, t->hold_since, sizeof t->hold_since);
	t->held_days = sqlite3_column_int(st, 20);
	db_col_text(st, 21, t->resolved_at, sizeof t->resolved_at);
	db_col_text(st, 22, t->closed_at, sizeof t->closed_at);
	t->satisfaction = sqlite3_column_int(st, 23);
	db_col_text(st, 24, t->duplicate_of, sizeof t->duplicate_of);
	t->deleted = sqlite3_column_int(st, 25);
	t->version = sqlite3_column_int(st, 26);
	db_col_text(st, 27, t->office, sizeof t->office);
	db_col_text(st, 28, t->updated_at, sizeof t->updated_at);
}

static struct ticket_import *state(const struct gw *gw)
{
	return import_state(gw, IK_TICKET);
}

/* Runs a look-up that yields at most one ticket: GW_OK with *out filled,
 * GW_ENOTFOUND (err untouched), or a database error. */
static enum gw_status fetch(struct gw *gw, sqlite3_stmt *st, struct ticket_rec *out,
			    struct gw_err *err)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_row(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return GW_OK;
	return rc == SQLITE_DONE ? GW_ENOTFOUND : db_fail(gw->db, err, gw_tr("查询工单", "ticket lookup"));
}

enum gw_status ticket_by_number(struct gw *gw, const char *number, struct ticket_rec *out,
				struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, Q_TICKET_BY_NUMBER, err);
	if (!st)
		return GW_EDB;
	db_bind_text(st, 1, number);
	enum gw_status s = fetch(gw, st, out, err);
	if (s == GW_ENOTFOUND)
		gw_fail(err, s, "没有编号为“%s”的工单", "no ticket numbered '%s'", number);
	return s;
}

enum gw_status ticket_by_id(struct gw *gw, const char *id, struct ticket_rec *out,
			    struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, Q_TICKET_BY_ID, err);
	if (!st)
		return GW_EDB;
	db_bind_text(st, 1, id);
	enum gw_status s = fetch(gw, st, out, err);
	if (s == GW_ENOTFOUND)
		gw_fail(err, s, "该工单不存在", "no such ticket");
	return s;
}

enum gw_status ticket_due_on(const struct gw *gw, const char *created_at, const char *category,
			     int held_days, char out[11])
{
	int k = enum_index(EN_CATEGORY, category);
	if (k < 0 || k >= CONFIG_CATEGORIES || !created_at)
		return GW_EINVAL;
	char day[11];
	snprintf(day, sizeof day, "%.10s", created_at);
	return calendar_add_workdays(&gw->cfg, day, gw->cfg.limit_days[k] + held_days, out);
}

/* Numbers are free-form (other offices and old registers have their own),
 * but a key: one token of at most TICKET_NUMBER_MAX characters. */
static enum gw_status valid_number(const char *s, char *out, size_t outsz, struct gw_err *err)
{
	if (valid_text(s, TICKET_NUMBER_MAX, 1, 0, out, outsz, err) != GW_OK)
		return GW_EINVAL;
	if (strpbrk(out, " \t") || strstr(out, "\xe3\x80\x80"))
		return gw_fail(err, GW_EINVAL, "编号中不能有空格", "a number has no spaces");
	return GW_OK;
}

/* "must be one of the configured departments", naming as many as fit. */
static enum gw_status bad_department(struct gw *gw, const char *name, struct gw_err *err)
{
	char some[240];
	size_t off = 0;
	int shown = 0;
	some[0] = '\0';
	for (int i = 0; i < gw->cfg.ndepts; i++) {
		size_t need = strlen(gw->cfg.depts[i].name) + 3;
		if (off + need >= sizeof some)
			break;
		off += (size_t)snprintf(some + off, sizeof some - off, "%s%s", i ? "、" : "",
					gw->cfg.depts[i].name);
		shown++;
	}
	return gw_fail(err, GW_EINVAL,
		       "“%s”不是配置中的承办部门，须为配置文件所列部门之一（共 %d 个：%s%s）",
		       "'%s' is not a department of the configuration; it must be one of the "
		       "configuration's departments (%d: %s%s)",
		       name, gw->cfg.ndepts, some, shown < gw->cfg.ndepts ? "…" : "");
}

/* What the row gave: cells checked and references resolved.  has[c] says
 * the file holds a value for column c (an absent column or, for status and
 * registration time, an empty cell keeps the stored value on update). */
struct parsed {
	struct ticket_rec t;
	int has[TICKET_NCOLS];
};

static enum gw_status bad_enum(struct gw_err *err, const struct import_row *r, int col,
			       enum gw_enum e, const char *what_zh, const char *what_en)
{
	gw_fail(err, GW_EINVAL, "“%s”不是有效的%s，可选：%s", "'%s' is not a %s; one of: %s",
		r->val[col], gw_tr(what_zh, what_en), enum_choices(e));
	return import_col_fail(err, r, col);
}

/* Empties the fields parse_row() may leave unset (the record is large
 * and a million rows go through here: no memset of the text buffers). */
static void clear(struct ticket_rec *t)
{
	t->id[0] = t->number[0] = t->org_id[0] = t->org_code[0] = t->reporter_phone[0] = '\0';
	t->worker_id[0] = t->department[0] = t->instructor_id[0] = t->instructor_phone[0] = '\0';
	t->status[0] = t->created_at[0] = t->due_on[0] = t->hold_since[0] = '\0';
	t->resolved_at[0] = t->closed_at[0] = t->duplicate_of[0] = t->office[0] = '\0';
	t->updated_at[0] = '\0';
	t->held_days = t->satisfaction = t->deleted = t->version = 0;
}

static enum gw_status parse_row(struct gw *gw, const struct import_row *r, struct parsed *p,
				struct gw_err *err)
{
	const char *const *v = r->val;
	struct ticket_rec *t = &p->t;
	for (int c = 0; c < TICKET_NCOLS; c++)
		p->has[c] = r->present[c];
	p->has[TICKET_C_NUMBER] = !valid_blank(v[TICKET_C_NUMBER]);
	p->has[TICKET_C_STATUS] = !valid_blank(v[TICKET_C_STATUS]);
	p->has[TICKET_C_CREATED] = !valid_blank(v[TICKET_C_CREATED]);
	if (p->has[TICKET_C_NUMBER] &&
	    valid_number(v[TICKET_C_NUMBER], t->number, sizeof t->number, err) != GW_OK)
		return import_col_fail(err, r, TICKET_C_NUMBER);
	if (valid_blank(v[TICKET_C_TITLE]))
		return import_required(err, r, TICKET_C_TITLE);
	if (valid_text(v[TICKET_C_TITLE], TICKET_TITLE_MAX, 1, 0, t->title, sizeof t->title, err) != GW_OK)
		return import_col_fail(err, r, TICKET_C_TITLE);
	if (valid_text(v[TICKET_C_DESC], TICKET_DESC_MAX, 0, 1, t->description,
		       sizeof t->description, err) != GW_OK)
		return import_col_fail(err, r, TICKET_C_DESC);
	if (valid_blank(v[TICKET_C_CATEGORY]))
		return import_required(err, r, TICKET_C_CATEGORY);
	int k = enum_parse(EN_CATEGORY, v[TICKET_C_CATEGORY]);
	if (k < 0)
		return bad_enum(err, r, TICKET_C_CATEGORY, EN_CATEGORY, "类别", "category");
	strcpy(t->category, enum_en(EN_CATEGORY, k));
	if (valid_blank(v[TICKET_C_SOURCE]))
		return import_required(err, r, TICKET_C_SOURCE);
	if ((k = enum_parse(EN_SOURCE, v[TICKET_C_SOURCE])) < 0)
		return bad_enum(err, r, TICKET_C_SOURCE, EN_SOURCE, "来源", "source");
	strcpy(t->source, enum_en(EN_SOURCE, k));

	if (valid_blank(v[TICKET_C_GRID]))
		return import_required(err, r, TICKET_C_GRID);
	if (valid_grid_code(v[TICKET_C_GRID], t->grid_code, err) != GW_OK)
		return import_col_fail(err, r, TICKET_C_GRID);
	int deleted = 0;
	int found = ticket_ref_id(gw, state(gw), TREF_GRID, t->grid_code, t->grid_id, &deleted, err);
	if (found < 0)
		return GW_EDB;
	if (!found || deleted) {
		gw_fail(err, GW_EINVAL, found ? "网格“%s”已删除" : "没有编码为“%s”的网格",
			found ? "grid '%s' has been deleted" : "no grid with code '%s'", t->grid_code);
		return import_col_fail(err, r, TICKET_C_GRID);
	}
	if (!valid_blank(v[TICKET_C_ORG])) {
		if (valid_credit_code(v[TICKET_C_ORG], t->org_code, err) != GW_OK)
			return import_col_fail(err, r, TICKET_C_ORG);
		if ((found = ticket_ref_id(gw, state(gw), TREF_ORG, t->org_code, t->org_id, NULL, err)) < 0)
			return GW_EDB;
		if (!found) {
			gw_fail(err, GW_EINVAL, "没有统一社会信用代码为“%s”的单位",
				"no organisation with credit code '%s'", t->org_code);
			return import_col_fail(err, r, TICKET_C_ORG);
		}
	}
	if (valid_text(v[TICKET_C_REPORTER], TICKET_REPORTER_MAX, 0, 0, t->reporter,
		       sizeof t->reporter, err) != GW_OK)
		return import_col_fail(err, r, TICKET_C_REPORTER);
	if (!valid_blank(v[TICKET_C_REPORTER_PHONE])) {
		if (valid_phone(v[TICKET_C_REPORTER_PHONE], t->reporter_phone, sizeof t->reporter_phone,
				err) != GW_OK)
			return import_col_fail(err, r, TICKET_C_REPORTER_PHONE);
		/* A registered rider's report earns points when it is closed. */
		if (ticket_ref_id(gw, state(gw), TREF_WORKER, t->reporter_phone, t->worker_id, NULL,
			       err) < 0)
			return GW_EDB;
	}
	if (!valid_blank(v[TICKET_C_DEPT])) {
		if (valid_text(v[TICKET_C_DEPT], 40, 0, 0, t->department, sizeof t->department, err) != GW_OK)
			return import_col_fail(err, r, TICKET_C_DEPT);
		if (config_dept_index(&gw->cfg, t->department) < 0) {
			bad_department(gw, t->department, err);
			return import_col_fail(err, r, TICKET_C_DEPT);
		}
	}
	if (!valid_blank(v[TICKET_C_INSTRUCTOR])) {
		if (valid_mobile(v[TICKET_C_INSTRUCTOR], t->instructor_phone, err) != GW_OK)
			return import_col_fail(err, r, TICKET_C_INSTRUCTOR);
		found = ticket_ref_id(gw, state(gw), TREF_INSTRUCTOR, t->instructor_phone,
				   t->instructor_id, NULL, err);
		if (found < 0)
			return GW_EDB;
		if (!found) {
			gw_fail(err, GW_EINVAL, "没有手机号为 %s 的指导员", "no instructor with phone %s",
				t->instructor_phone);
			return import_col_fail(err, r, TICKET_C_INSTRUCTOR);
		}
	}
	if (p->has[TICKET_C_STATUS]) {
		if ((k = enum_parse(EN_TICKET_STATUS, v[TICKET_C_STATUS])) < 0)
			return bad_enum(err, r, TICKET_C_STATUS, EN_TICKET_STATUS, "状态", "status");
		strcpy(t->status, enum_en(EN_TICKET_STATUS, k));
	}
	if (p->has[TICKET_C_CREATED] &&
	    valid_datetime(v[TICKET_C_CREATED], t->created_at, err) != GW_OK)
		return import_col_fail(err, r, TICKET_C_CREATED);
	if (!valid_blank(v[TICKET_C_RESOLVED]) &&
	    valid_datetime(v[TICKET_C_RESOLVED], t->resolved_at, err) != GW_OK)
		return import_col_fail(err, r, TICKET_C_RESOLVED);
	return GW_OK;
}

static int is_done(const char *status)
{
	return strcmp(status, "resolved") == 0 || strcmp(status, "closed") == 0;
}

/* Completes the record from the stored one (old, NULL for a new ticket)
 * and the defaults, and checks the rules that span columns.  now is the
 * current time. */
static enum gw_status complete(struct gw *gw, const struct import_row *r, struct parsed *p,
			       const struct ticket_rec *old, const char *now, struct gw_err *err)
{
	struct ticket_rec *t = &p->t;
	if (old) {
		/* Columns the file does not have keep what is stored. */
#define KEEP(col, field) \
	if (!p->has[col]) \
		memcpy(t->field, old->field, sizeof t->field)
		KEEP(TICKET_C_NUMBER, number);
		KEEP(TICKET_C_DESC, description);
		if (!p->has[TICKET_C_ORG]) {
			memcpy(t->org_id, old->org_id, sizeof t->org_id);
			memcpy(t->org_code, old->org_code, sizeof t->org_code);
		}
		KEEP(TICKET_C_REPORTER, reporter);
		if (!p->has[TICKET_C_REPORTER_PHONE]) {
			memcpy(t->reporter_phone, old->reporter_phone, sizeof t->reporter_phone);
			memcpy(t->worker_id, old->worker_id, sizeof t->worker_id);
		}
		KEEP(TICKET_C_DEPT, department);
		if (!p->has[TICKET_C_INSTRUCTOR]) {
			memcpy(t->instructor_id, old->instructor_id, sizeof t->instructor_id);
			memcpy(t->instructor_phone, old->instructor_phone, sizeof t->instructor_phone);
		}
		KEEP(TICKET_C_STATUS, status);
		KEEP(TICKET_C_CREATED, created_at);
		KEEP(TICKET_C_RESOLVED, resolved_at);
#undef KEEP
		memcpy(t->id, old->id, sizeof t->id);
		t->held_days = old->held_days;
	}
	if (!t->status[0])
		strcpy(t->status, "new");
	if (!t->created_at[0])
		memcpy(t->created_at, now, 20);
	if (is_done(t->status)) {
		if (!t->resolved_at[0]) {
			gw_fail(err, GW_EINVAL, "状态为已办结或已关闭时必填", "required when the status is resolved or closed");
			return import_col_fail(err, r, TICKET_C_RESOLVED);
		}
		if (strcmp(t->resolved_at, t->created_at) < 0) {
			gw_fail(err, GW_EINVAL, "办结时间 %s 早于登记时间 %s", "resolved at %s, before it was registered (%s)",
				t->resolved_at, t->created_at);
			return import_col_fail(err, r, TICKET_C_RESOLVED);
		}
	} else if (t->resolved_at[0]) {
		if (!p->has[TICKET_C_RESOLVED]) {
			t->resolved_at[0] = '\0';   /* reopened: the old time no longer applies */
		} else {
			gw_fail(err, GW_EINVAL, "只有已办结或已关闭的工单才有办结时间",
				"only resolved or closed tickets have a resolved time");
			return import_col_fail(err, r, TICKET_C_RESOLVED);
		}
	}
	/* The deadline is set at registration: recomputed only when what it
	 * derives from changes, not when the configured limits do later. */
	if (old && strcmp(old->category, t->category) == 0 &&
	    strcmp(old->created_at, t->created_at) == 0 && old->due_on[0])
		memcpy(t->due_on, old->due_on, sizeof t->due_on);
	else if (ticket_import_due(gw, state(gw), t->created_at, t->category, t->held_days,
				   t->due_on) != GW_OK)
		t->due_on[0] = '\0';
	/* The workflow's times follow the status an import sets: on hold since
	 * now unless it already was; closed when resolved unless it already was. */
	t->hold_since[0] = '\0';
	if (strcmp(t->status, "on_hold") == 0)
		memcpy(t->hold_since, old && strcmp(old->status, "on_hold") == 0 && old->hold_since[0]
					      ? old->hold_since : now, 20);
	t->closed_at[0] = '\0';
	if (strcmp(t->status, "closed") == 0)
		memcpy(t->closed_at, old && strcmp(old->status, "closed") == 0 && old->closed_at[0]
					     ? old->closed_at : t->resolved_at, 20);
	return GW_OK;
}

static int same_rec(const struct ticket_rec *a, const struct ticket_rec *b)
{
#define EQ(f) (strcmp(a->f, b->f) == 0)
	return !a->deleted && EQ(number) && EQ(title) && EQ(description) && EQ(category) &&
	       EQ(source) && EQ(grid_id) && EQ(org_id) && EQ(reporter) && EQ(reporter_phone) &&
	       EQ(worker_id) && EQ(department) && EQ(instructor_id) && EQ(status) &&
	       EQ(created_at) && EQ(due_on) && EQ(hold_since) && EQ(resolved_at) && EQ(closed_at);
#undef EQ
}

static void to_json(const struct ticket_rec *t, struct strbuf *b)
{
	int first = 1;
	sb_puts(b, "{");
#define S(k, v) sb_json_kv_str(b, &first, k, (v)[0] ? (v) : NULL)
	S("number", t->number);
	S("title", t->title);
	S("description", t->description);
	S("category", t->category);
	S("source", t->source);
	S("grid_code", t->grid_code);
	S("org_code", t->org_code);
	S("reporter", t->reporter);
	S("reporter_phone", t->reporter_phone);
	S("department", t->department);
	S("instructor_phone", t->instructor_phone);
	S("status", t->status);
	S("created_at", t->created_at);
	S("due_on", t->due_on);
	S("resolved_at", t->resolved_at);
#undef S
	sb_puts(b, "}");
}

static void bind_fields(sqlite3_stmt *st, const struct ticket_rec *t)
{
	sqlite3_bind_text(st, 2, t->number, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, t->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, t->description, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, t->category, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, t->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, t->grid_id, -1, SQLITE_STATIC);
	if (t->org_id[0])
		sqlite3_bind_text(st, 8, t->org_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, t->reporter, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, t->reporter_phone, -1, SQLITE_STATIC);
	if (t->worker_id[0])
		sqlite3_bind_text(st, 11, t->worker_id, -1, SQLITE_STATIC);
	if (t->department[0])
		sqlite3_bind_text(st, 12, t->department, -1, SQLITE_STATIC);
	if (t->instructor_id[0])
		sqlite3_bind_text(st, 13, t->instructor_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 14, t->status, -1, SQLITE_STATIC);
	if (t->due_on[0])
		sqlite3_bind_text(st, 15, t->due_on, -1, SQLITE_STATIC);
	if (t->hold_since[0])
		sqlite3_bind_text(st, 16, t->hold_since, -1, SQLITE_STATIC);
	if (t->resolved_at[0])
		sqlite3_bind_text(st, 17, t->resolved_at, -1, SQLITE_STATIC);
	if (t->closed_at[0])
		sqlite3_bind_text(st, 18, t->closed_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 20, t->created_at, -1, SQLITE_STATIC);
}

static enum gw_status add_event(struct gw *gw, const struct ticket_rec *t, const char *now,
				const char *from_status, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, Q_TICKET_EVENT_INSERT, err);
	if (!st)
		return GW_EDB;
	char id[GW_ID_LEN + 1];
	id_new(id);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, t->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, gw->operator_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, "import", -1, SQLITE_STATIC);
	if (from_status)
		sqlite3_bind_text(st, 6, from_status, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, t->status, -1, SQLITE_STATIC);
	if (t->department[0])
		sqlite3_bind_text(st, 8, t->department, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, gw->office, -1, SQLITE_STATIC);
	return db_step_done(gw->db, st, err);
}

/* Finds the stored ticket the row is about: by id (a form), by number, or
 * for a numberless row by title, grid and registration time. */
static enum gw_status find_old(struct gw *gw, const struct import_row *r, const struct parsed *p,
			       struct ticket_rec *old, struct gw_err *err)
{
	if (r->id) {
		enum gw_status s = ticket_by_id(gw, r->id, old, err);
		if (s == GW_ENOTFOUND)
			gw_fail(err, GW_ENOTFOUND, "该工单已被删除", "this ticket has been deleted");
		return s;
	}
	if (p->has[TICKET_C_NUMBER]) {
		sqlite3_stmt *st = db_stmt(gw->db, Q_TICKET_BY_NUMBER, err);
		if (!st)
			return GW_EDB;
		sqlite3_bind_text(st, 1, p->t.number, -1, SQLITE_STATIC);
		return fetch(gw, st, old, err);
	}
	if (!p->has[TICKET_C_CREATED])
		return GW_ENOTFOUND;   /* registered now: cannot be a stored one */
	/* Matching a numberless row needs the grid index: with the indexes set
	 * aside, each row would scan the table, so they are built now. */
	struct ticket_import *ti = state(gw);
	if (ti && ti->indexes) {
		enum gw_status s = db_index_restore(gw->db, ti->indexes, err);
		ti->indexes = NULL;
		if (s != GW_OK)
			return s;
	}
	sqlite3_stmt *st = db_stmt(gw->db, Q_TICKET_MATCH, err);
	if (!st)
		return GW_EDB;
	sqlite3_bind_text(st, 1, p->t.grid_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->t.created_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, p->t.title, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	char id[GW_ID_LEN + 1];
	if (rc == SQLITE_ROW)
		db_col_text(st, 0, id, sizeof id);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return GW_ENOTFOUND;
	if (rc != SQLITE_ROW)
		return db_fail(gw->db, err, gw_tr("查询工单", "ticket lookup"));
	return ticket_by_id(gw, id, old, err);
}

static enum gw_status insert(struct gw *gw, const struct import_row *r, struct parsed *p,
			     const char *now, struct gw_err *err)
{
	struct ticket_rec *t = &p->t;
	enum gw_status st = complete(gw, r, p, NULL, now, err);
	if (st != GW_OK)
		return st;
	int assign = !p->has[TICKET_C_NUMBER];
	if (assign && (st = ticket_number_take(gw, atoi(t->created_at), t->number, err)) != GW_OK)
		return st;
	id_new(t->id);
	const struct ticket_import *ti = state(gw);
	int bulk = ti && ti->bulk;
	/* An assigned number is taken only if some ticket already holds it (a
	 * number typed in by hand past the counter): then the next one. */
	for (int tries = 0;; tries++) {
		sqlite3_stmt *q = db_stmt(gw->db, Q_TICKET_INSERT, err);
		if (!q)
			return GW_EDB;
		sqlite3_bind_text(q, 1, t->id, -1, SQLITE_STATIC);
		bind_fields(q, t);
		sqlite3_bind_text(q, 19, gw->office, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 21, now, -1, SQLITE_STATIC);
		if (bulk) {
			int paused = sync_bulk_pause(gw);
			st = db_step_done(gw->db, q, err);
			enum gw_status nst = sync_bulk_note(
				gw, paused, sqlite3_last_insert_rowid(db_handle(gw->db)), err);
			if (st == GW_OK)
				st = nst;
		} else {
			st = db_step_done(gw->db, q, err);
		}
		if (st != GW_EEXIST || !assign || tries == 1000)
			break;
		gw_err_clear(err);
		if ((st = ticket_number_take(gw, atoi(t->created_at), t->number, err)) != GW_OK)
			return st;
	}
	if (st != GW_OK || (!assign && (st = ticket_number_bump(gw, t->number, err)) != GW_OK))
		return st;
	if (bulk)
		return GW_OK;   /* the file's summary row audits it (top of file) */
	if ((st = add_event(gw, t, now, NULL, err)) != GW_OK)
		return st;
	/* Short on purpose: see the top of the file. */
	struct strbuf j = STRBUF_INIT;
	int first = 1;
	sb_puts(&j, "{");
	sb_json_kv_str(&j, &first, "number", t->number);
	sb_json_kv_str(&j, &first, "title", t->title);
	sb_puts(&j, "}");
	st = j.oom ? gw_fail(err, GW_ENOMEM, "内存不足", "out of memory")
		   : audit_record(gw, "ticket", t->id, "insert", NULL, sb_str(&j), err);
	sb_free(&j);
	return st;
}

/* Refuses a row that would change a ticket an earlier row of the same
 * file wrote (see import_claim; a row repeating it exactly is only
 * unchanged): inserted by the file (a rowid past the table's end when the
 * file began: no memory a row, whatever the file's size) or updated by it
 * (claimed). */
static enum gw_status repeated(struct gw *gw, const struct ticket_rec *old, struct gw_err *err)
{
	const struct ticket_import *ti = state(gw);
	if (!ti)
		return GW_OK;
	long first = import_claimed(gw, old->id);
	if (first)
		return import_repeated(err, first, "工单", "ticket", old->number);
	sqlite3_stmt *q = db_stmt(gw->db, Q_TICKET_ROWID, err);
	if (!q)
		return GW_EDB;
	sqlite3_bind_text(q, 1, old->id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	long long rowid = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_reset(q);
	if (rc != SQLITE_ROW)
		return db_fail(gw->db, err, gw_tr("查询工单", "ticket lookup"));
	if (rowid > ti->start_rowid)
		return gw_fail(err, GW_EINVAL, "与前面的一行重复：同一工单（%s）在一个文件中只能出现一次",
			       "repeats an earlier row: the same ticket (%s) may stand only once in a file",
			       old->number);
	return GW_OK;
}

static enum gw_status update(struct gw *gw, const struct import_row *r, struct parsed *p,
			     const struct ticket_rec *old, const char *now,
			     enum upsert_result *res, struct gw_err *err)
{
	struct ticket_rec *t = &p->t;
	if (r->id && r->version && r->version != old->version)
		return gw_fail(err, GW_ECONFLICT, "工单 %s 在您打开后已被他人修改",
			       "ticket %s was changed by someone else since you opened it", old->number);
	enum gw_status st = complete(gw, r, p, old, now, err);
	if (st != GW_OK)
		return st;
	if (same_rec(old, t)) {
		*res = UPSERT_UNCHANGED;
		return GW_OK;
	}
	if (!r->id && (st = repeated(gw, old, err)) != GW_OK)
		return st;
	if (strcmp(t->number, old->number) != 0) {   /* renumbered from a form */
		int used = ticket_number_used(gw, t->number, err);
		if (used < 0)
			return GW_EDB;
		if (used) {
			gw_fail(err, GW_EINVAL, "编号“%s”已被另一工单使用", "number '%s' belongs to another ticket",
				t->number);
			return import_col_fail(err, r, TICKET_C_NUMBER);
		}
	}
	/* The row may be one this file inserted and bulk capture noted: its
	 * insert must reach change_log before the session records the change. */
	if (sync_bulk_pending(gw) && (st = sync_flush(gw, err)) != GW_OK)
		return st;
	sqlite3_stmt *q = db_stmt(gw->db, Q_TICKET_UPDATE, err);
	if (!q)
		return GW_EDB;
	sqlite3_bind_text(q, 1, old->id, -1, SQLITE_STATIC);
	bind_fields(q, t);
	sqlite3_bind_text(q, 21, now, -1, SQLITE_STATIC);
	if ((st = db_step_done(gw->db, q, err)) != GW_OK ||
	    (st = ticket_number_bump(gw, t->number, err)) != GW_OK)
		return st;
	if (strcmp(old->status, t->status) != 0 &&
	    (st = add_event(gw, t, now, old->status, err)) != GW_OK)
		return st;
	struct strbuf oj = STRBUF_INIT, nj = STRBUF_INIT;
	to_json(old, &oj);
	to_json(t, &nj);
	st = oj.oom || nj.oom ? gw_fail(err, GW_ENOMEM, "内存不足", "out of memory")
			      : audit_record(gw, "ticket", old->id, "update", sb_str(&oj), sb_str(&nj), err);
	sb_free(&oj);
	sb_free(&nj);
	*res = UPSERT_UPDATED;
	return st;
}

static enum gw_status ticket_row(struct gw *gw, const struct import_row *r,
				 enum upsert_result *res, struct gw_err *err)
{
	/* Two records of about 10 KB each on the stack rather than static
	 * scratch: forms call the handler too, it must stay reentrant. */
	struct parsed p;
	struct ticket_rec old;
	clear(&p.t);
	enum gw_status st = parse_row(gw, r, &p, err);
	if (st != GW_OK)
		return st;
	char now[20];
	clock_now(now);
	st = find_old(gw, r, &p, &old, err);
	if (st == GW_ENOTFOUND && !r->id) {
		st = insert(gw, r, &p, now, err);
		if (st == GW_OK)
			*res = UPSERT_INSERTED;
		return st;
	}
	if (st != GW_OK)
		return st;
	st = update(gw, r, &p, &old, now, res, err);
	/* Only updates are remembered: an unchanged row cannot have been
	 * overwritten, and a re-imported million would fill memory. */
	if (st == GW_OK && *res == UPSERT_UPDATED && !r->id && import_claim(gw, old.id, r->row) < 0)
		st = gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	return st;
}

static enum gw_status ticket_export(struct gw *gw, struct csv_writer *w, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, Q_TICKET_EXPORT, err);
	if (!st)
		return GW_EDB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *f[TICKET_NCOLS];
		for (int i = 0; i < TICKET_NCOLS; i++)
			f[i] = (const char *)sqlite3_column_text(st, i);
		f[TICKET_C_CATEGORY] = enum_zh_of(EN_CATEGORY, f[TICKET_C_CATEGORY]);
		f[TICKET_C_SOURCE] = enum_zh_of(EN_SOURCE, f[TICKET_C_SOURCE]);
		const char *status = f[TICKET_C_STATUS];
		f[TICKET_C_STATUS] = enum_zh_of(EN_TICKET_STATUS, status);
		/* Only a finished ticket has a resolved time in the contract. */
		if (!status || !is_done(status))
			f[TICKET_C_RESOLVED] = NULL;
		if (csv_write_row(w, f, TICKET_NCOLS, err) != 0) {
			sqlite3_reset(st);
			return GW_EIO;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? GW_OK : db_fail(gw->db, err, "export");
}

/* Bytes a ticket takes in a typical tickets.csv, to tell from a file's size
 * about how many rows it holds. */
#define CSV_TICKET_BYTES 256

static enum gw_status ticket_import_begin(struct gw *gw, long long bulk, void **out,
					  struct gw_err *err)
{
	*out = NULL;
	struct ticket_import *ti = ticket_import_new(gw, bulk > 0, err);
	if (!ti)
		return err ? err->code : GW_ENOMEM;
	*out = ti;
	long long rows = db_table_rows(gw->db, Q_TICKET_MAX_ROWID, err);
	ti->start_rowid = rows;
	if (!bulk && rows >= 0)
		return GW_OK;
	/* A file that at least doubles the table: its secondary indexes are
	 * built after the rows rather than kept up to date (db_index.c);
	 * building them costs a scan of the whole table, so a file small
	 * beside the table keeps them. */
	if (rows >= 0 && bulk / CSV_TICKET_BYTES >= rows &&
	    !(ti->indexes = db_index_drop(gw->db, "ticket", err)))
		rows = -1;
	if (rows < 0) {
		ticket_import_free(ti);
		*out = NULL;
		return err ? err->code : GW_EDB;
	}
	return GW_OK;
}

static enum gw_status ticket_import_end(struct gw *gw, void *p, int ok, struct gw_err *err)
{
	struct ticket_import *ti = p;
	enum gw_status st = ti && ok ? ticket_number_flush(gw, ti, err) : GW_OK;
	if (ti && ok && st == GW_OK && ti->indexes) {
		st = db_index_restore(gw->db, ti->indexes, err);
		ti->indexes = NULL;
	}
	ticket_import_free(ti);
	return st;
}

const struct import_kind_hooks ticket_hooks = {ticket_import_begin, ticket_import_end};

const struct import_kind_ops ticket_ops = {
	"tickets", "工单", ticket_cols, TICKET_NCOLS, ticket_row, ticket_export,
};
