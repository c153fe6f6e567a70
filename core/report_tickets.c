/* report_tickets.c - the tickets report: one pass over the tickets.
 *
 * A million tickets must be counted in well under a second, by category,
 * source, state and department at once, with working days between dates.
 * Grouping in SQL sorts a million rows (seconds without a covering index);
 * instead SQLite scans and calls an aggregate defined here for each
 * ticket, which adds the ticket into struct report_tickets directly.  The
 * working-day calendar is a table of cumulative working days, so a
 * difference of dates is two look-ups. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "enums.h"

#define ACC_TYPE "gw_report_tickets"

/* Working days cumulated over the years tickets are filed in; dates
 * outside fall back to the calendar's own count. */
#define CAL_FIRST_YEAR 2000
#define CAL_YEARS 101

struct enum_names {
	const char *name[16];
	size_t len[16];
	int n;
};

struct acc {
	struct report_tickets *t;
	const struct config *cfg;
	const struct report_params *p;
	long cal_base;          /* day number of CAL_FIRST_YEAR-01-01 */
	int cal_n;
	int *cum;               /* cum[i]: working days in [cal_base, cal_base + i] */
	long today;             /* day number */
	struct enum_names cat, src, state;
	int st_resolved, st_closed, st_on_hold, st_open[5];
	int nopen;
	int src_guidance, src_worker[3], cat_labor, ent_cats[6];
	int last_dept;
	int failed;             /* more departments than fit */
};

/* Days since 1970-01-01 (H. Hinnant's days_from_civil). */
static long day_number(long y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static int digit2(const unsigned char *s) { return (s[0] - '0') * 10 + (s[1] - '0'); }

/* The day number of a stored "YYYY-MM-DD..." text; -1 when it is not one. */
static long text_day(const unsigned char *s, int n)
{
	if (!s || n < 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	return day_number(digit2(s) * 100 + digit2(s + 2), digit2(s + 5), digit2(s + 8));
}

/* Working days d with a < d <= b, the calendar's definition. */
static int workdays(const struct acc *a, long da, long db, const unsigned char *sa,
		    const unsigned char *sb)
{
	long ia = da - a->cal_base, ib = db - a->cal_base;
	if (ia >= 0 && ib >= 0 && ia < a->cal_n && ib < a->cal_n)
		return a->cum[ib] - a->cum[ia];
	char x[11], y[11];
	memcpy(x, sa, 10), memcpy(y, sb, 10);
	x[10] = y[10] = '\0';
	return calendar_workdays_between(a->cfg, x, y);
}

static void names_init(struct enum_names *e, enum gw_enum which)
{
	e->n = enum_count(which);
	for (int i = 0; i < e->n && i < 16; i++) {
		e->name[i] = enum_en(which, i);
		e->len[i] = strlen(e->name[i]);
	}
}

static int name_index(const struct enum_names *e, const unsigned char *s, int n)
{
	if (!s)
		return -1;
	for (int i = 0; i < e->n; i++)
		if (e->len[i] == (size_t)n && memcmp(e->name[i], s, (size_t)n) == 0)
			return i;
	return -1;
}

/* The department's slot, adding it when new; "" (none) has a slot too. */
static int dept_index(struct acc *a, const unsigned char *s, int n)
{
	struct report_tickets *t = a->t;
	if (!s)
		s = (const unsigned char *)"", n = 0;
	int i = a->last_dept;
	if (i >= 0 && strlen(t->depts[i].name) == (size_t)n && memcmp(t->depts[i].name, s, (size_t)n) == 0)
		return i;
	for (i = 0; i < t->ndepts; i++)
		if (strlen(t->depts[i].name) == (size_t)n && memcmp(t->depts[i].name, s, (size_t)n) == 0)
			return a->last_dept = i;
	if (t->ndepts == RK_MAX_DEPTS) {
		a->failed = 1;
		return a->last_dept = RK_MAX_DEPTS - 1;
	}
	i = t->ndepts++;
	snprintf(t->depts[i].name, sizeof t->depts[i].name, "%.*s", n, (const char *)s);
	return a->last_dept = i;
}

static int in_period(const struct report_params *p, const unsigned char *day)
{
	return (!p->since[0] || memcmp(day, p->since, 10) >= 0) &&
	       (!p->until[0] || memcmp(day, p->until, 10) <= 0);
}

/* What one ticket adds to each count it falls in. */
struct one {
	int registered, resolved, on_time, open, overdue, yellow, red;
	int days;
};

static void add(struct report_tcount *c, const struct one *o)
{
	c->registered += o->registered;
	c->resolved += o->resolved;
	c->on_time += o->on_time;
	c->days += o->days;
	c->open += o->open;
	c->overdue += o->overdue;
	c->yellow += o->yellow;
	c->red += o->red;
}

/* gw_report_tickets(acc, category, source, status, department, created_at,
 * resolved_at, due_on, held_days) */
static void acc_step(sqlite3_context *ctx, int argc, sqlite3_value **v)
{
	(void)ctx;
	struct acc *a = sqlite3_value_pointer(v[0], ACC_TYPE);
	if (!a || argc != 9)
		return;
	struct report_tickets *t = a->t;
	int cat = name_index(&a->cat, sqlite3_value_text(v[1]), sqlite3_value_bytes(v[1]));
	int src = name_index(&a->src, sqlite3_value_text(v[2]), sqlite3_value_bytes(v[2]));
	int state = name_index(&a->state, sqlite3_value_text(v[3]), sqlite3_value_bytes(v[3]));
	const unsigned char *created = sqlite3_value_text(v[5]);
	const unsigned char *resolved = sqlite3_value_text(v[6]);
	const unsigned char *due = sqlite3_value_text(v[7]);
	int ncreated = sqlite3_value_bytes(v[5]), nresolved = sqlite3_value_bytes(v[6]);
	int ndue = sqlite3_value_bytes(v[7]);
	struct one o;
	memset(&o, 0, sizeof o);
	o.registered = ncreated >= 10 && in_period(a->p, created);
	if ((state == a->st_resolved || state == a->st_closed) && nresolved >= 10 &&
	    in_period(a->p, resolved)) {
		o.resolved = 1;
		o.on_time = ndue < 10 || memcmp(resolved, due, 10) <= 0;
		long dc = text_day(created, ncreated), dr = text_day(resolved, nresolved);
		if (dc >= 0 && dr >= 0) {
			int d = workdays(a, dc, dr, created, resolved) - sqlite3_value_int(v[8]);
			o.days = d > 0 ? d : 0;
		}
	}
	for (int i = 0; i < a->nopen; i++)
		o.open |= state == a->st_open[i];
	/* On hold the clock stands still: not overdue while it waits. */
	if (o.open && state != a->st_on_hold && ndue >= 10) {
		long dd = text_day(due, ndue);
		if (dd >= 0 && dd < a->today) {
			char today[11];
			snprintf(today, sizeof today, "%s", a->p->today);
			int past = workdays(a, dd, a->today, due, (const unsigned char *)today);
			if (past >= 1) {
				o.overdue = 1;
				o.red = past >= a->cfg->overdue_red;
				o.yellow = !o.red && past >= a->cfg->overdue_yellow;
			}
		}
	}
	add(&t->all, &o);
	if (cat >= 0 && cat < RK_CATS)
		add(&t->by_category[cat], &o);
	if (src >= 0 && src < RK_SOURCES)
		add(&t->by_source[src], &o);
	if (state >= 0 && state < RK_STATES)
		add(&t->by_status[state], &o);
	add(&t->depts[dept_index(a, sqlite3_value_text(v[4]), sqlite3_value_bytes(v[4]))].c, &o);
	if (!o.resolved || cat < 0 || src < 0 || cat >= RK_CATS || src >= RK_SOURCES)
		return;
	t->resolved_cs[cat][src]++;
	if (cat == a->cat_labor)
		t->labor_rights++;
	for (int i = 0; i < 3; i++)
		t->worker_problems += src == a->src_worker[i];
	for (int i = 0; src == a->src_guidance && i < 6; i++)
		t->enterprise_problems += cat == a->ent_cats[i];
}

static void acc_final(sqlite3_context *ctx)
{
	sqlite3_result_int(ctx, 0);
}

/* Registers the aggregate once per connection. */
static enum gw_status register_fn(struct gw *gw, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, Q_REPORT_HAS_TICKET_FN, err);
	if (!st)
		return GW_EDB;
	int rc = sqlite3_step(st), have = rc == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_fail(gw->db, err, gw_tr("统计", "report"));
	if (have)
		return GW_OK;
	if (sqlite3_create_function_v2(db_handle(gw->db), "gw_report_tickets", 9,
				       SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL, NULL, acc_step,
				       acc_final, NULL) != SQLITE_OK)
		return db_fail(gw->db, err, gw_tr("统计", "report"));
	return GW_OK;
}

static enum gw_status acc_init(struct acc *a, struct gw *gw, struct report *r, struct gw_err *err)
{
	memset(a, 0, sizeof *a);
	a->t = &r->tickets;
	a->cfg = &gw->cfg;
	a->p = &r->p;
	a->last_dept = -1;
	a->cal_base = day_number(CAL_FIRST_YEAR, 1, 1);
	a->cal_n = (int)(day_number(CAL_FIRST_YEAR + CAL_YEARS, 1, 1) - a->cal_base);
	a->cum = malloc((size_t)a->cal_n * sizeof *a->cum);
	if (!a->cum)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	/* Weekday pattern plus the configuration's exceptions, as
	 * calendar_is_workday decides; days counted from the first. */
	int y = CAL_FIRST_YEAR, m = 1, d = 1, sum = 0;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	for (int i = 0; i < a->cal_n; i++) {
		char day[11];
		snprintf(day, sizeof day, "%04d-%02d-%02d", y, m, d);
		sum += calendar_is_workday(a->cfg, day) == 1;
		a->cum[i] = sum;
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		if (++d > mdays[m - 1] + (m == 2 && leap)) {
			d = 1;
			if (++m > 12)
				m = 1, y++;
		}
	}
	a->today = text_day((const unsigned char *)r->p.today, (int)strlen(r->p.today));
	names_init(&a->cat, EN_CATEGORY);
	names_init(&a->src, EN_SOURCE);
	names_init(&a->state, EN_TICKET_STATUS);
	a->st_resolved = enum_index(EN_TICKET_STATUS, "resolved");
	a->st_closed = enum_index(EN_TICKET_STATUS, "closed");
	a->st_on_hold = enum_index(EN_TICKET_STATUS, "on_hold");
	static const char *const open[] = {"new", "accepted", "in_progress", "returned", "on_hold"};
	for (int i = 0; i < 5; i++)
		a->st_open[a->nopen++] = enum_index(EN_TICKET_STATUS, open[i]);
	a->src_guidance = enum_index(EN_SOURCE, "guidance_station");
	a->src_worker[0] = enum_index(EN_SOURCE, "secretary_day");
	a->src_worker[1] = enum_index(EN_SOURCE, "workshop_talk");
	a->src_worker[2] = enum_index(EN_SOURCE, "worker_council");
	a->cat_labor = enum_index(EN_CATEGORY, "labor_rights");
	static const char *const ent[] = {"land_approval", "env_acceptance", "financing",
					  "recruitment", "talent", "project_landing"};
	for (int i = 0; i < 6; i++)
		a->ent_cats[i] = enum_index(EN_CATEGORY, ent[i]);
	/* The configured departments first, in the configuration's order. */
	for (int i = 0; i < gw->cfg.ndepts && i < RK_MAX_DEPTS - 1; i++)
		snprintf(a->t->depts[a->t->ndepts++].name, sizeof a->t->depts[0].name, "%s",
			 gw->cfg.depts[i].name);
	return GW_OK;
}

enum gw_status report_tickets(struct gw *gw, struct report *r, struct gw_err *err)
{
	memset(&r->tickets, 0, sizeof r->tickets);
	struct acc a;
	enum gw_status st = register_fn(gw, err);
	if (st != GW_OK)
		return st;
	if ((st = acc_init(&a, gw, r, err)) != GW_OK)
		return st;
	sqlite3_stmt *q = db_stmt(gw->db, Q_REPORT_TICKETS, err);
	if (!q) {
		free(a.cum);
		return GW_EDB;
	}
	if (!r->p.root)
		db_bind_text(q, 1, r->p.scope.id);
	sqlite3_bind_pointer(q, 2, &a, ACC_TYPE, NULL);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		;
	sqlite3_reset(q);
	/* The pointer must not outlive this call in the cached statement. */
	sqlite3_clear_bindings(q);
	free(a.cum);
	if (rc != SQLITE_DONE)
		return db_fail(gw->db, err, gw_tr("统计工单", "ticket report"));
	/* Tickets not yet sent to a department last; unused departments out
	 * of the configuration stay listed with zeros (a screen shows them). */
	struct report_tickets *t = &r->tickets;
	for (int i = 0; i < t->ndepts - 1; i++)
		if (!t->depts[i].name[0]) {
			struct report_dept none = t->depts[i];
			memmove(&t->depts[i], &t->depts[i + 1], (size_t)(t->ndepts - 1 - i) * sizeof none);
			t->depts[t->ndepts - 1] = none;
			break;
		}
	return GW_OK;
}
