/* report_json.c - reports as JSON, with the stable keys of docs/REPORTS.md:
 * the English names of the CSV contract for enumerated keys. */
#include <string.h>

#include "enums.h"
#include "report.h"

/* ---- JSON ----------------------------------------------------------------------------- */

static void key(struct strbuf *b, int *first, const char *k)
{
	sb_puts(b, *first ? "" : ",");
	*first = 0;
	sb_json_str(b, k);
	sb_puts(b, ":");
}

static void kv_int(struct strbuf *b, int *first, const char *k, long long v)
{
	sb_json_kv_int(b, first, k, v);
}

/* A share as a number with four decimals, null when there is nothing to share. */
static void kv_rate(struct strbuf *b, int *first, const char *k, long long part, long long whole)
{
	key(b, first, k);
	if (whole > 0)
		sb_printf(b, "%.4f", (double)part / (double)whole);
	else
		sb_puts(b, "null");
}

/* {"a": v[0], "b": v[1], ...} over an enumeration's English names. */
static void enum_obj(struct strbuf *b, int *first, const char *k, enum gw_enum e, const long *v,
		     int n)
{
	key(b, first, k);
	int f = 1;
	sb_puts(b, "{");
	for (int i = 0; i < n && i < enum_count(e); i++)
		kv_int(b, &f, enum_en(e, i), v[i]);
	sb_puts(b, "}");
}

static void enum_obj_int(struct strbuf *b, int *first, const char *k, enum gw_enum e,
			 const int *v, int n)
{
	long w[16];
	for (int i = 0; i < n && i < 16; i++)
		w[i] = v[i];
	enum_obj(b, first, k, e, w, n < 16 ? n : 16);
}

static const struct report_node *node(const struct report *r, int i) { return &r->grids.nodes[i]; }

static void json_grids(const struct report *r, struct strbuf *b, int *first)
{
	const struct report_grids *g = &r->grids;
	key(b, first, "grids");
	int f = 1;
	sb_puts(b, "{");
	kv_int(b, &f, "total", g->total);
	enum_obj_int(b, &f, "by_basis", EN_BASIS, g->by_basis, RK_BASES);
	kv_int(b, &f, "townships", g->townships);
	kv_int(b, &f, "parks", g->parks);
	sb_puts(b, "}");
}

/* Whether a node is a row of the coverage list: every node in the coverage
 * report, the county, townships and parks in a summary. */
static int coverage_row(const struct report *r, int i)
{
	const struct report_node *n = node(r, i);
	return !n->deleted && (r->kind == REPORT_COVERAGE || strcmp(n->level, "grid") != 0);
}

static void json_coverage(const struct report *r, struct strbuf *b, int *first)
{
	key(b, first, "coverage");
	sb_puts(b, "[");
	int any = 0;
	for (int i = 0; i < r->coverage.nnodes; i++) {
		if (!coverage_row(r, i))
			continue;
		for (int k = 0; k < RK_KINDS; k++) {
			const struct report_cov *c = &r->coverage.cell[i * RK_KINDS + k];
			if (!c->total)
				continue;
			int f = 1;
			sb_puts(b, any++ ? ",{" : "{");
			sb_json_kv_str(b, &f, "scope", node(r, i)->code);
			sb_json_kv_str(b, &f, "name", node(r, i)->name);
			sb_json_kv_str(b, &f, "level", node(r, i)->level);
			kv_int(b, &f, "depth", node(r, i)->depth);
			sb_json_kv_str(b, &f, "kind", enum_en(EN_ORG_KIND, k));
			kv_int(b, &f, "covered", c->covered);
			kv_int(b, &f, "total", c->total);
			kv_rate(b, &f, "rate", c->covered, c->total);
			key(b, &f, "by_form");
			int g = 1;
			sb_puts(b, "{");
			for (int m = 1; m < RK_FORMS; m++)
				kv_int(b, &g, enum_en(EN_PARTY_ORG, m), c->by_form[m]);
			sb_puts(b, "}}");
		}
	}
	sb_puts(b, "]");
}

static void json_new_orgs(const struct report *r, struct strbuf *b, int *first)
{
	const struct report_new_orgs *o = &r->new_orgs;
	key(b, first, "new_party_orgs");
	int f = 1;
	sb_puts(b, "{");
	for (int k = 0; k < RK_KINDS; k++)
		kv_int(b, &f, enum_en(EN_ORG_KIND, k), o->kind_total[k]);
	kv_int(b, &f, "total", o->total);
	key(b, &f, "by_form");
	int g = 1;
	sb_puts(b, "{");
	for (int k = 0; k < RK_KINDS; k++) {
		key(b, &g, enum_en(EN_ORG_KIND, k));
		int h = 1;
		sb_puts(b, "{");
		for (int m = 1; m < RK_FORMS; m++)
			kv_int(b, &h, enum_en(EN_PARTY_ORG, m), o->by_kind[k][m]);
		sb_puts(b, "}");
	}
	sb_puts(b, "}");
	if (r->detail) {
		key(b, &f, "orgs");
		sb_puts(b, "[");
		for (int i = 0; i < o->nlist; i++) {
			const struct report_new_org *x = &o->list[i];
			int h = 1;
			sb_puts(b, i ? ",{" : "{");
			sb_json_kv_str(b, &h, "since", x->since);
			sb_json_kv_str(b, &h, "credit_code", x->credit_code);
			sb_json_kv_str(b, &h, "name", x->name);
			sb_json_kv_str(b, &h, "kind", x->kind);
			sb_json_kv_str(b, &h, "form", x->form);
			sb_json_kv_str(b, &h, "grid", x->grid_code);
			sb_puts(b, "}");
		}
		sb_puts(b, "]");
	}
	sb_puts(b, "}");
}

static void json_instructors(const struct report *r, struct strbuf *b, int *first)
{
	const struct report_roster *o = &r->roster;
	key(b, first, "instructors");
	int f = 1;
	sb_puts(b, "{");
	kv_int(b, &f, "total", o->total);
	kv_int(b, &f, "full_time", o->full_time);
	kv_int(b, &f, "part_time", o->part_time);
	kv_int(b, &f, "grids_meeting_standard", o->grids_meeting);
	kv_int(b, &f, "grids_total", o->grids_total);
	kv_int(b, &f, "units_without_instructor", o->units_without);
	if (r->detail) {
		key(b, &f, "grids");
		sb_puts(b, "[");
		for (int i = 0; i < o->ngrids; i++) {
			const struct report_staffing *s = &o->grids[i];
			int h = 1;
			sb_puts(b, i ? ",{" : "{");
			sb_json_kv_str(b, &h, "code", node(r, s->node)->code);
			sb_json_kv_str(b, &h, "name", node(r, s->node)->name);
			kv_int(b, &h, "full_time", s->full_time);
			kv_int(b, &h, "part_time", s->part_time);
			key(b, &h, "meets_standard");
			sb_puts(b, s->meets ? "true}" : "false}");
		}
		sb_puts(b, "]");
		key(b, &f, "unstaffed_units");
		sb_puts(b, "[");
		for (int i = 0; i < o->nunits; i++) {
			const struct report_unit *u = &o->units[i];
			int h = 1;
			sb_puts(b, i ? ",{" : "{");
			sb_json_kv_str(b, &h, "credit_code", u->credit_code);
			sb_json_kv_str(b, &h, "name", u->name);
			sb_json_kv_str(b, &h, "kind", u->kind);
			sb_json_kv_str(b, &h, "grid", u->grid_code);
			sb_puts(b, "}");
		}
		sb_puts(b, "]");
	}
	sb_puts(b, "}");
}

static void json_tcount(struct strbuf *b, const struct report_tcount *c)
{
	int f = 1;
	kv_int(b, &f, "registered", c->registered);
	kv_int(b, &f, "resolved", c->resolved);
	kv_int(b, &f, "on_time", c->on_time);
	kv_int(b, &f, "open", c->open);
	kv_int(b, &f, "overdue", c->overdue);
	kv_int(b, &f, "yellow", c->yellow);
	kv_int(b, &f, "red", c->red);
}

static void json_tickets(const struct report *r, struct strbuf *b, int *first)
{
	const struct report_tickets *t = &r->tickets;
	long v[RK_CATS];
	key(b, first, "tickets");
	int f = 1;
	sb_puts(b, "{");
	kv_int(b, &f, "total", t->all.registered);
#define COUNTS(arr, n, field) \
	for (int i = 0; i < (n); i++) \
		v[i] = (arr)[i].field
	COUNTS(t->by_status, RK_STATES, registered);
	enum_obj(b, &f, "by_status", EN_TICKET_STATUS, v, RK_STATES);
	COUNTS(t->by_category, RK_CATS, registered);
	enum_obj(b, &f, "by_category", EN_CATEGORY, v, RK_CATS);
	COUNTS(t->by_source, RK_SOURCES, registered);
	enum_obj(b, &f, "by_source", EN_SOURCE, v, RK_SOURCES);
	kv_int(b, &f, "resolved", t->all.resolved);
	COUNTS(t->by_category, RK_CATS, resolved);
	enum_obj(b, &f, "resolved_by_category", EN_CATEGORY, v, RK_CATS);
	COUNTS(t->by_source, RK_SOURCES, resolved);
	enum_obj(b, &f, "resolved_by_source", EN_SOURCE, v, RK_SOURCES);
#undef COUNTS
	kv_int(b, &f, "on_time", t->all.on_time);
	kv_rate(b, &f, "on_time_rate", t->all.on_time, t->all.resolved);
	key(b, &f, "avg_days_to_resolve");
	if (t->all.resolved)
		sb_printf(b, "%.2f", (double)t->all.days / (double)t->all.resolved);
	else
		sb_puts(b, "null");
	kv_int(b, &f, "open", t->all.open);
	key(b, &f, "overdue");
	int g = 1;
	sb_puts(b, "{");
	kv_int(b, &g, "total", t->all.overdue);
	kv_int(b, &g, "yellow", t->all.yellow);
	kv_int(b, &g, "red", t->all.red);
	sb_puts(b, "}");
	key(b, &f, "by_department");
	sb_puts(b, "[");
	for (int i = 0; i < t->ndepts; i++) {
		g = 1;
		sb_puts(b, i ? ",{" : "{");
		sb_json_kv_str(b, &g, "department", t->depts[i].name[0] ? t->depts[i].name : NULL);
		sb_puts(b, ",");
		json_tcount(b, &t->depts[i].c);
		sb_puts(b, "}");
	}
	sb_puts(b, "]");
	kv_int(b, &f, "enterprise_problems", t->enterprise_problems);
	kv_int(b, &f, "worker_problems", t->worker_problems);
	kv_int(b, &f, "labor_rights", t->labor_rights);
	sb_puts(b, "}");
}

static void json_workers(const struct report *r, struct strbuf *b, int *first)
{
	const struct report_workers *w = &r->workers;
	key(b, first, "workers");
	int f = 1;
	sb_puts(b, "{");
	kv_int(b, &f, "total", w->total);
	kv_int(b, &f, "party_members", w->party_members);
	kv_int(b, &f, "grid_workers", w->roles[0]);
	kv_int(b, &f, "party_member_grid_workers", w->party_grid_workers);
	kv_int(b, &f, "food_safety_supervisors", w->roles[1]);
	kv_int(b, &f, "safe_riders", w->roles[2]);
	enum_obj_int(b, &f, "by_job", EN_JOB, w->by_job, RK_JOBS);
	key(b, &f, "points");
	int g = 1;
	sb_puts(b, "{");
	kv_int(b, &g, "earned", w->points_earned);
	kv_int(b, &g, "redeemed", w->points_redeemed);
	sb_puts(b, "}}");
}

static void json_members(const struct report *r, struct strbuf *b, int *first)
{
	const struct report_members *m = &r->members;
	key(b, first, "members");
	int f = 1;
	sb_puts(b, "{");
	kv_int(b, &f, "total", m->total);
	kv_int(b, &f, "in_parks", m->in_parks);
	kv_int(b, &f, "in_parks_managed", m->in_parks_managed);
	kv_int(b, &f, "mobile", m->mobile);
	kv_int(b, &f, "unmanaged", m->unmanaged);
	key(b, &f, "by_area");
	sb_puts(b, "[");
	for (int i = 0; i < m->nareas; i++) {
		const struct report_member_area *a = &m->areas[i];
		int h = 1;
		sb_puts(b, i ? ",{" : "{");
		sb_json_kv_str(b, &h, "scope", node(r, a->node)->code);
		sb_json_kv_str(b, &h, "name", node(r, a->node)->name);
		sb_json_kv_str(b, &h, "level", node(r, a->node)->level);
		kv_int(b, &h, "total", a->total);
		kv_int(b, &h, "in_parks", a->in_parks);
		kv_int(b, &h, "mobile", a->mobile);
		sb_puts(b, "}");
	}
	sb_puts(b, "]");
	if (r->detail) {
		key(b, &f, "orgs");
		sb_puts(b, "[");
		for (int i = 0; i < m->norgs; i++) {
			const struct report_member_org *o = &m->orgs[i];
			int h = 1;
			sb_puts(b, i ? ",{" : "{");
			sb_json_kv_str(b, &h, "credit_code", o->credit_code);
			sb_json_kv_str(b, &h, "name", o->name);
			sb_json_kv_str(b, &h, "kind", o->kind);
			kv_int(b, &h, "total", o->total);
			kv_int(b, &h, "mobile", o->mobile);
			kv_int(b, &h, "in_parks", o->in_parks);
			sb_puts(b, "}");
		}
		sb_puts(b, "]");
	}
	sb_puts(b, "}");
}

static void json_stations(const struct report *r, struct strbuf *b, int *first)
{
	const struct report_stations *s = &r->stations;
	key(b, first, "stations");
	int f = 1;
	sb_puts(b, "{");
	kv_int(b, &f, "total", s->total);
	enum_obj_int(b, &f, "by_service", EN_SERVICE, s->by_service, RK_SERVICES);
	if (r->detail) {
		key(b, &f, "by_grid");
		sb_puts(b, "[");
		for (int i = 0; i < s->ngrids; i++) {
			int h = 1;
			sb_puts(b, i ? ",{" : "{");
			sb_json_kv_str(b, &h, "code", node(r, s->grids[i].node)->code);
			sb_json_kv_str(b, &h, "name", node(r, s->grids[i].node)->name);
			kv_int(b, &h, "count", s->grids[i].count);
			sb_puts(b, "}");
		}
		sb_puts(b, "]");
		key(b, &f, "by_host");
		sb_puts(b, "[");
		for (int i = 0; i < s->nhosts; i++) {
			int h = 1;
			sb_puts(b, i ? ",{" : "{");
			sb_json_kv_str(b, &h, "host", s->hosts[i].host);
			kv_int(b, &h, "count", s->hosts[i].count);
			sb_puts(b, "}");
		}
		sb_puts(b, "]");
	}
	sb_puts(b, "}");
}

static void json_activities(const struct report *r, struct strbuf *b, int *first)
{
	const struct report_activities *a = &r->activities;
	int training = enum_index(EN_ACTIVITY_KIND, "training");
	key(b, first, "activities");
	int f = 1;
	sb_puts(b, "{");
	kv_int(b, &f, "trainings", a->sessions[training]);
	kv_int(b, &f, "training_person_times", a->person_times[training]);
	kv_int(b, &f, "cooperation_projects", a->coop_projects);
	key(b, &f, "by_kind");
	int g = 1;
	sb_puts(b, "{");
	for (int k = 0; k < RK_ACTS; k++) {
		key(b, &g, enum_en(EN_ACTIVITY_KIND, k));
		int h = 1;
		sb_puts(b, "{");
		kv_int(b, &h, "sessions", a->sessions[k]);
		kv_int(b, &h, "person_times", a->person_times[k]);
		sb_puts(b, "}");
	}
	sb_puts(b, "}}");
	key(b, first, "credit");
	f = 1;
	sb_puts(b, "{");
	kv_int(b, &f, "enterprises", a->credit_enterprises);
	kv_int(b, &f, "grants", a->credit_grants);
	kv_int(b, &f, "amount_yuan", a->credit_yuan);
	if (r->detail) {
		key(b, &f, "by_bank");
		sb_puts(b, "[");
		for (int i = 0; i < a->nbanks; i++) {
			int h = 1;
			sb_puts(b, i ? ",{" : "{");
			sb_json_kv_str(b, &h, "bank", a->banks[i].bank);
			kv_int(b, &h, "enterprises", a->banks[i].enterprises);
			kv_int(b, &h, "grants", a->banks[i].grants);
			kv_int(b, &h, "amount_yuan", a->banks[i].amount_yuan);
			sb_puts(b, "}");
		}
		sb_puts(b, "]");
	}
	sb_puts(b, "}");
}

void report_json(const struct report *r, struct strbuf *b)
{
	int f = 1;
	sb_puts(b, "{");
	sb_json_kv_str(b, &f, "report", report_name(r->kind));
	key(b, &f, "scope");
	int g = 1;
	sb_puts(b, "{");
	sb_json_kv_str(b, &g, "code", r->p.scope.code[0] ? r->p.scope.code : NULL);
	sb_json_kv_str(b, &g, "name", r->p.scope.name);
	sb_json_kv_str(b, &g, "level", r->p.scope.level);
	sb_puts(b, "}");
	key(b, &f, "period");
	g = 1;
	sb_puts(b, "{");
	sb_json_kv_str(b, &g, "since", r->p.since[0] ? r->p.since : NULL);
	sb_json_kv_str(b, &g, "until", r->p.until[0] ? r->p.until : NULL);
	sb_puts(b, "}");
	sb_json_kv_str(b, &f, "today", r->p.today);
	int all = r->kind == REPORT_SUMMARY;
	if (all)
		json_grids(r, b, &f);
	if (all || r->kind == REPORT_COVERAGE)
		json_coverage(r, b, &f);
	if (all || r->kind == REPORT_NEW_ORGS)
		json_new_orgs(r, b, &f);
	if (all || r->kind == REPORT_ROSTER)
		json_instructors(r, b, &f);
	if (all || r->kind == REPORT_TICKETS)
		json_tickets(r, b, &f);
	if (all || r->kind == REPORT_WORKERS)
		json_workers(r, b, &f);
	if (all || r->kind == REPORT_MEMBERS)
		json_members(r, b, &f);
	if (all || r->kind == REPORT_STATIONS)
		json_stations(r, b, &f);
	if (all || r->kind == REPORT_ACTIVITIES)
		json_activities(r, b, &f);
	sb_puts(b, "}");
}

