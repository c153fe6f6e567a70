/* dashboard.c - the dashboard (see dashboard.h): computing the summary in
 * steps, the figures and charts, and the keys. */
#include "dashboard.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dash_int.h"
#include "enums.h"
#include "interrupt.h"
#include "recview.h"
#include "syncscr.h"
#include "width.h"

/* What a bar stands for (struct bar_line tag; arg in the comment). */
enum { TAG_COVER = 1, /* node index */ TAG_COVER_KIND, /* EN_ORG_KIND index */
       TAG_CATEGORY,  /* EN_CATEGORY */ TAG_STATE, /* EN_TICKET_STATUS */
       TAG_DEPT,      /* report_tickets.depts index */ TAG_GAP /* roster.grids index */ };

/* Lines of figures above the charts, at most (fewer on a short terminal,
 * where the charts need the room). */
#define FIG_LINES 5
#define FIG_LINES_SHORT 4

struct dash *dash_state(struct app *a)
{
	return a->opened[SCR_REPORTS] ? a->state[SCR_REPORTS] : NULL;
}

struct dash_entry *dash_entry(struct dash *s)
{
	return s && s->cur >= 0 ? &s->cache[s->cur] : NULL;
}

/* ---- computing ------------------------------------------------------------ */

static void build(struct dash *s);

void dash_select(struct app *a, struct dash *s)
{
	const struct grid_node *g = gridtree_selected(&s->tree);
	const char *id = g ? g->g.id : "";
	int pick = -1;
	for (int i = 0; i < DASH_CACHE; i++) {
		struct dash_entry *e = &s->cache[i];
		if (e->used && e->gen == a->data_gen && strcmp(e->scope_id, id) == 0 &&
		    strcmp(e->since, s->since) == 0 && strcmp(e->until, s->until) == 0) {
			pick = i;
			break;
		}
	}
	if (pick < 0) {
		/* An unused entry, else the one shown longest ago. */
		for (int i = 0; i < DASH_CACHE; i++)
			if (pick < 0 || !s->cache[i].used ||
			    (s->cache[pick].used && s->cache[i].stamp < s->cache[pick].stamp))
				pick = i;
		struct dash_entry *e = &s->cache[pick];
		report_free(&e->r);
		memset(e, 0, sizeof *e);
		e->used = 1;
		e->gen = a->data_gen;
		snprintf(e->scope_id, sizeof e->scope_id, "%s", id);
		snprintf(e->scope_code, sizeof e->scope_code, "%s", g ? g->g.code : "");
		snprintf(e->since, sizeof e->since, "%s", s->since);
		snprintf(e->until, sizeof e->until, "%s", s->until);
		e->step = P_START;
	}
	s->cache[pick].stamp = ++s->clock;
	s->cur = pick;
	build(s);
}

/* The check SQLite runs while a part is computed: a key waits. */
static int key_waiting(void *ctx)
{
	struct dash *s = ctx;
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN, .revents = 0};
	if (poll(&p, 1, 0) > 0 && (p.revents & POLLIN)) {
		s->interrupted = 1;
		return 1;
	}
	return 0;
}

/* Empties a part given up half-way, so that it can run again (the parts
 * leave what they allocated in *r, for report_free). */
static void reset_part(struct report *r, enum dash_part part)
{
	switch (part) {
	case P_ROSTER:
		free(r->roster.grids);
		free(r->roster.units);
		memset(&r->roster, 0, sizeof r->roster);
		break;
	case P_COVERAGE:
		free(r->coverage.cell);
		memset(&r->coverage, 0, sizeof r->coverage);
		break;
	case P_NEW_ORGS:
		free(r->new_orgs.list);
		memset(&r->new_orgs, 0, sizeof r->new_orgs);
		break;
	case P_WORKERS:
		memset(&r->workers, 0, sizeof r->workers);
		break;
	case P_MEMBERS:
		free(r->members.areas);
		free(r->members.orgs);
		memset(&r->members, 0, sizeof r->members);
		break;
	case P_STATIONS:
		free(r->stations.grids);
		free(r->stations.hosts);
		memset(&r->stations, 0, sizeof r->stations);
		break;
	case P_ACTIVITIES:
		free(r->activities.banks);
		memset(&r->activities, 0, sizeof r->activities);
		break;
	default:
		break;   /* the tickets' part clears itself when it starts */
	}
}

static void compute_step(struct app *a, struct dash *s)
{
	static enum gw_status (*const parts[P_DONE])(struct gw *, struct report *, struct gw_err *) = {
		[P_ROSTER] = report_roster,         [P_COVERAGE] = report_coverage,
		[P_NEW_ORGS] = report_new_orgs,     [P_WORKERS] = report_workers,
		[P_MEMBERS] = report_members,       [P_STATIONS] = report_stations,
		[P_ACTIVITIES] = report_activities, [P_TICKETS] = report_tickets,
	};
	struct dash_entry *e = dash_entry(s);
	if (!e || e->step == P_DONE)
		return;
	struct gw_err err;
	enum gw_status st;
	gw_err_clear(&err);
	if (e->step == P_START) {
		st = report_params_init(a->gw, e->scope_code, e->since, e->until, &e->r.p, &err);
		e->r.kind = REPORT_SUMMARY;
		e->r.detail = 0;
		if (st == GW_OK)
			st = report_load_grids(a->gw, &e->r, &err);
	} else {
		/* On a million tickets the ticket part takes over half a second
		 * and the roster a tenth: a part gives way to a key and starts
		 * again at the next pause. */
		s->interrupted = 0;
		gw_interrupt_when(a->gw, key_waiting, s);
		st = parts[e->step](a->gw, &e->r, &err);
		gw_interrupt_when(a->gw, NULL, NULL);
		if (st != GW_OK && s->interrupted) {
			reset_part(&e->r, e->step);
			return;
		}
	}
	if (st != GW_OK) {
		snprintf(e->err, sizeof e->err, "%s", err.msg);
		e->step = P_DONE;
		return;
	}
	e->step++;
}

int dashboard_busy(struct app *a)
{
	if (recview_busy(a))
		return 1;
	struct dash_entry *e = dash_entry(dash_state(a));
	return a->cur == SCR_REPORTS && e && e->step != P_DONE;
}

unsigned dashboard_step(struct app *a)
{
	if (recview_busy(a))
		return recview_step(a);
	struct dash *s = dash_state(a);
	if (!s || a->cur != SCR_REPORTS)
		return CH_NONE;
	compute_step(a, s);
	struct dash_entry *e = dash_entry(s);
	if (e && s->built_step != (int)e->step)
		build(s);
	return CH_BODY;
}

/* ---- the charts ------------------------------------------------------------ */

static const char *pct(long part, long whole, char *buf, size_t sz)
{
	if (whole <= 0)
		snprintf(buf, sz, "-");
	else
		snprintf(buf, sz, "%.1f%%", 100.0 * (double)part / (double)whole);
	return buf;
}

/* Units and covered units of node i, all kinds together. */
static void cover_of(const struct report *r, int i, int *covered, int *total)
{
	*covered = *total = 0;
	for (int k = 0; k < RK_KINDS; k++) {
		*covered += r->coverage.cell[i * RK_KINDS + k].covered;
		*total += r->coverage.cell[i * RK_KINDS + k].total;
	}
}

static void cover_bar(struct bars *b, const char *label, int covered, int total, int tag, int arg)
{
	char v[96], p[32];
	snprintf(v, sizeof v, "%d/%d %6s", covered, total, pct(covered, total, p, sizeof p));
	bars_add(b, BAR_BAR, label, v, total > 0 ? (double)covered / total : 0, tag, arg);
}

static void chart_coverage(struct bars *b, const struct report *r)
{
	const struct report_grids *g = &r->grids;
	int children = 0, areas = 0, c, t;
	for (int i = 1; i < g->nnodes; i++)
		if (g->nodes[i].depth == 1 && !g->nodes[i].deleted) {
			children++;
			areas += strcmp(g->nodes[i].level, "grid") != 0;
		}
	bars_add(b, BAR_HEAD, ui_s(!children ? S_SEC_COVER_KINDS : areas ? S_SEC_COVER_AREAS : S_SEC_COVER_GRIDS),
		 NULL, 0, 0, 0);
	if (g->nnodes == 0) {
		bars_add(b, BAR_NOTE, ui_s(S_NOTE_NO_UNITS), NULL, 0, 0, 0);
		return;
	}
	cover_of(r, 0, &c, &t);
	cover_bar(b, g->nodes[0].name, c, t, TAG_COVER, 0);
	if (!children) {
		for (int k = 0; k < RK_KINDS; k++) {
			const struct report_cov *cv = &r->coverage.cell[k];
			char label[200];
			snprintf(label, sizeof label, "  %s", enum_label(EN_ORG_KIND, k));
			cover_bar(b, label, cv->covered, cv->total, TAG_COVER_KIND, k);
		}
		return;
	}
	for (int i = 1; i < g->nnodes; i++) {
		if (g->nodes[i].depth != 1 || g->nodes[i].deleted)
			continue;
		char label[200];
		snprintf(label, sizeof label, "  %s", g->nodes[i].name);
		cover_of(r, i, &c, &t);
		cover_bar(b, label, c, t, TAG_COVER, i);
	}
}

static void chart_gaps(struct bars *b, const struct report *r)
{
	const struct report_roster *o = &r->roster;
	char v[96];
	bars_add(b, BAR_HEAD, ui_s(S_SEC_GAPS), NULL, 0, 0, 0);
	int shown = 0;
	for (int i = 0; i < o->ngrids; i++) {
		const struct report_staffing *st = &o->grids[i];
		if (st->meets)
			continue;
		int gap = (st->full_time < 1 ? 1 - st->full_time : 0) + (st->part_time < 2 ? 2 - st->part_time : 0);
		snprintf(v, sizeof v, ui_s(S_BAR_GAP), st->full_time, st->part_time, gap);
		bars_add(b, BAR_BAR, r->grids.nodes[st->node].name, v, gap / 3.0, TAG_GAP, i);
		shown++;
	}
	if (!o->grids_total)
		bars_add(b, BAR_NOTE, ui_s(S_D_NONE), NULL, 0, 0, 0);
	else if (!shown) {
		snprintf(v, sizeof v, ui_s(S_NOTE_ALL_MET), o->grids_total);
		bars_add(b, BAR_NOTE, v, NULL, 0, 0, 0);
	}
}

/* Bars of counts scaled to the largest; n values of enumeration en. */
static void chart_counts(struct bars *b, enum ui_str head, enum gw_enum en, const long *v, int n,
			 int tag)
{
	long max = 0;
	char num[32];
	bars_add(b, BAR_HEAD, ui_s(head), NULL, 0, 0, 0);
	for (int i = 0; i < n; i++)
		max = v[i] > max ? v[i] : max;
	if (max == 0) {
		bars_add(b, BAR_NOTE, ui_s(S_NOTE_NO_TICKETS), NULL, 0, 0, 0);
		return;
	}
	for (int i = 0; i < n; i++) {
		if (v[i] <= 0)
			continue;
		snprintf(num, sizeof num, "%ld", v[i]);
		bars_add(b, BAR_BAR, enum_label(en, i), num, (double)v[i] / (double)max, tag, i);
	}
}

static void chart_overdue(struct bars *b, const struct report_tickets *t)
{
	int idx[RK_MAX_DEPTS], n = 0;
	bars_add(b, BAR_HEAD, ui_s(S_SEC_OVERDUE), NULL, 0, 0, 0);
	for (int i = 0; i < t->ndepts; i++)
		if (t->depts[i].c.overdue > 0)
			idx[n++] = i;
	if (!n) {
		bars_add(b, BAR_NOTE, ui_s(S_NOTE_NO_OVERDUE), NULL, 0, 0, 0);
		return;
	}
	/* Most overdue first. */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && t->depts[idx[j]].c.overdue > t->depts[idx[j - 1]].c.overdue; j--) {
			int k = idx[j];
			idx[j] = idx[j - 1];
			idx[j - 1] = k;
		}
	long max = t->depts[idx[0]].c.overdue;
	for (int i = 0; i < n; i++) {
		const struct report_dept *d = &t->depts[idx[i]];
		char v[96];
		snprintf(v, sizeof v, ui_s(S_BAR_OVERDUE), d->c.overdue, d->c.yellow, d->c.red);
		bars_add(b, BAR_BAR, d->name[0] ? d->name : ui_s(S_DEPT_NONE), v,
			 (double)d->c.overdue / (double)max, TAG_DEPT, idx[i]);
	}
}

static void pending(struct bars *b, enum ui_str head)
{
	bars_add(b, BAR_HEAD, ui_s(head), NULL, 0, 0, 0);
	bars_add(b, BAR_NOTE, ui_s(S_DASH_COMPUTING), NULL, 0, 0, 0);
}

/* The charts from the parts computed so far, keeping the selected bar. */
static void build(struct dash *s)
{
	struct dash_entry *e = dash_entry(s);
	const struct bar_line *old = bars_selected(&s->bars);
	int tag = old ? old->tag : 0, arg = old ? old->arg : 0;
	bars_clear(&s->bars);
	s->built_step = e ? (int)e->step : -1;
	if (!e || e->err[0]) {
		bars_select(&s->bars, 0, 0);
		return;
	}
	const struct report *r = &e->r;
	if (e->step > P_COVERAGE)
		chart_coverage(&s->bars, r);
	else
		pending(&s->bars, S_SEC_COVER_AREAS);
	if (e->step > P_ROSTER)
		chart_gaps(&s->bars, r);
	else
		pending(&s->bars, S_SEC_GAPS);
	if (e->step > P_TICKETS) {
		const struct report_tickets *t = &r->tickets;
		long v[RK_CATS > RK_STATES ? RK_CATS : RK_STATES];
		int nc = enum_count(EN_CATEGORY), ns = enum_count(EN_TICKET_STATUS);
		nc = nc > RK_CATS ? RK_CATS : nc;
		ns = ns > RK_STATES ? RK_STATES : ns;
		for (int i = 0; i < nc; i++)
			v[i] = t->by_category[i].registered;
		chart_counts(&s->bars, S_SEC_CATEGORY, EN_CATEGORY, v, nc, TAG_CATEGORY);
		for (int i = 0; i < ns; i++)
			v[i] = t->by_status[i].registered;
		chart_counts(&s->bars, S_SEC_STATE, EN_TICKET_STATUS, v, ns, TAG_STATE);
		chart_overdue(&s->bars, t);
	} else {
		pending(&s->bars, S_SEC_CATEGORY);
		pending(&s->bars, S_SEC_STATE);
		pending(&s->bars, S_SEC_OVERDUE);
	}
	bars_select(&s->bars, tag, arg);
}

/* ---- the figures -------------------------------------------------------------- */

static void yuan(long long y, char *buf, size_t sz)
{
	if (gw_lang() == GW_LANG_EN)
		snprintf(buf, sz, "%.2f million yuan", (double)y / 1e6);
	else if (y >= 100000000LL)
		snprintf(buf, sz, "%.2f 亿元", (double)y / 1e8);
	else if (y >= 10000)
		snprintf(buf, sz, "%.1f 万元", (double)y / 1e4);
	else
		snprintf(buf, sz, "%lld 元", y);
}

/* The figures of the parts computed so far, as short pieces that are
 * flowed into lines. */
static int figures(const struct dash_entry *e, char fig[][160], int max)
{
	int n = 0;
	const struct report *r = &e->r;
	char p[32], y[64];
#define FIG(...) do { if (n < max) snprintf(fig[n++], 160, __VA_ARGS__); } while (0)
	if (e->step > P_START)
		FIG(ui_s(S_FIG_GRIDS), r->grids.total, enum_label(EN_BASIS, 0), r->grids.by_basis[0],
		    enum_label(EN_BASIS, 1), r->grids.by_basis[1], enum_label(EN_BASIS, 2), r->grids.by_basis[2]);
	if (e->step > P_ROSTER) {
		FIG(ui_s(S_FIG_INSTR), r->roster.total, r->roster.full_time, r->roster.part_time);
		FIG(ui_s(S_FIG_STD), r->roster.grids_meeting, r->roster.grids_total);
	}
	if (e->step > P_COVERAGE && r->grids.nnodes > 0) {
		int c, t;
		cover_of(r, 0, &c, &t);
		FIG(ui_s(S_FIG_COVER), c, t, pct(c, t, p, sizeof p));
	}
	if (e->step > P_TICKETS) {
		const struct report_tcount *c = &r->tickets.all;
		FIG(ui_s(S_FIG_TICKETS), c->registered, c->resolved, pct(c->on_time, c->resolved, p, sizeof p),
		    c->open);
		FIG(ui_s(S_FIG_OVERDUE), c->overdue, c->yellow, c->red);
	}
	if (e->step > P_NEW_ORGS)
		FIG(ui_s(S_FIG_NEWORGS), r->new_orgs.total);
	if (e->step > P_MEMBERS)
		FIG(ui_s(S_FIG_MEMBERS), r->members.in_parks, r->members.in_parks_managed);
	if (e->step > P_WORKERS)
		FIG(ui_s(S_FIG_WORKERS), r->workers.total, r->workers.party_members);
	if (e->step > P_STATIONS)
		FIG(ui_s(S_FIG_STATIONS), r->stations.total);
	if (e->step > P_ACTIVITIES) {
		int tr = enum_index(EN_ACTIVITY_KIND, "training");
		const struct report_activities *ac = &r->activities;
		if (tr >= 0 && tr < RK_ACTS)
			FIG(ui_s(S_FIG_TRAINING), ac->sessions[tr], ac->person_times[tr]);
		FIG(ui_s(S_FIG_COOP), ac->coop_projects);
		yuan(ac->credit_yuan, y, sizeof y);
		FIG(ui_s(S_FIG_CREDIT), ac->credit_enterprises, y);
	}
#undef FIG
	return n;
}

static int cols_of(const char *s)
{
	return width_str(s, strlen(s));
}

/* Flows the figures into at most FIG_LINES lines of cols columns, two
 * spaces apart, never breaking one; returns the lines drawn. */
static int draw_figures(WINDOW *w, const struct dash_entry *e, int y, int x, int cols, int max)
{
	char fig[24][160], line[1024];
	int n = figures(e, fig, 24), row = 0, used = 0;
	line[0] = '\0';
	for (int i = 0; i < n && row < max; i++) {
		int fw = cols_of(fig[i]);
		if (used && used + 2 + fw > cols) {
			ui_text(w, y + row++, x, cols, line, A_NORMAL, UI_LEFT);
			line[0] = '\0';
			used = 0;
			if (row == max)
				break;
		}
		size_t len = strlen(line);
		snprintf(line + len, sizeof line - len, "%s%s", used ? "  " : "", fig[i]);
		used += (used ? 2 : 0) + fw;
	}
	if (used && row < max)
		ui_text(w, y + row++, x, cols, line, A_NORMAL, UI_LEFT);
	return row;
}

/* ---- the screen ------------------------------------------------------------------ */

static void dash_free(struct dash *s)
{
	if (!s)
		return;
	for (int i = 0; i < DASH_CACHE; i++)
		report_free(&s->cache[i].r);
	gridtree_free(&s->tree);
	bars_free(&s->bars);
	free(s);
}

static enum gw_status dash_open(struct app *a, struct gw_err *err)
{
	struct dash *s = calloc(1, sizeof *s);
	if (!s)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	s->cur = -1;
	s->built_step = -1;
	s->bars.sel = -1;
	s->period = PER_ALL;
	a->state[SCR_REPORTS] = s;
	enum gw_status st = gridtree_load(&s->tree, a->gw, NULL, err);
	dash_select(a, s);
	return st;
}

static void dash_close(struct app *a)
{
	dash_free(a->state[SCR_REPORTS]);
	a->state[SCR_REPORTS] = NULL;
}

static void dash_reload(struct app *a)
{
	struct dash *s = dash_state(a);
	if (!s)
		return;
	struct gw_err err;
	const struct grid_node *g = gridtree_selected(&s->tree);
	char keep[GW_ID_LEN + 1];
	snprintf(keep, sizeof keep, "%s", g ? g->g.id : "");
	if (gridtree_load(&s->tree, a->gw, keep[0] ? keep : NULL, &err) != GW_OK)
		app_msg(a, "%s", err.msg);
	dash_select(a, s);
}

/* The records behind the selected bar. */
static unsigned drill(struct app *a, struct dash *s)
{
	struct dash_entry *e = dash_entry(s);
	const struct bar_line *l = bars_selected(&s->bars);
	if (!e || !l || e->err[0] || e->r.grids.nnodes == 0)
		return CH_NONE;
	const struct report *r = &e->r;
	const char *scope = r->p.scope.name[0] ? r->p.scope.name : r->grids.nodes[0].name;
	char period[96];
	struct rv_query q;
	memset(&q, 0, sizeof q);
	q.expect = -1;
	snprintf(q.grid_id, sizeof q.grid_id, "%s", r->p.root ? "" : r->p.scope.id);
	snprintf(q.since, sizeof q.since, "%s", r->p.since);
	snprintf(q.until, sizeof q.until, "%s", r->p.until);
	snprintf(q.today, sizeof q.today, "%s", r->p.today);
	dash_period_label(s, period, sizeof period);
	int c, t;
	switch (l->tag) {
	case TAG_COVER: {
		const struct report_node *n = &r->grids.nodes[l->arg];
		q.kind = IK_ORG;
		if (l->arg > 0)
			snprintf(q.grid_id, sizeof q.grid_id, "%s", n->id);
		cover_of(r, l->arg, &c, &t);
		q.expect = t;
		snprintf(q.title, sizeof q.title, ui_s(S_RV_ORGS), n->name, c, t);
		break;
	}
	case TAG_COVER_KIND:
		q.kind = IK_ORG;
		q.filter = RV_ORG_KIND;
		snprintf(q.value, sizeof q.value, "%s", enum_en(EN_ORG_KIND, l->arg));
		q.expect = r->coverage.cell[l->arg].total;
		snprintf(q.title, sizeof q.title, ui_s(S_RV_ORGS_KIND), scope, enum_label(EN_ORG_KIND, l->arg));
		break;
	case TAG_CATEGORY:
	case TAG_STATE: {
		enum gw_enum en = l->tag == TAG_CATEGORY ? EN_CATEGORY : EN_TICKET_STATUS;
		q.kind = IK_TICKET;
		q.filter = l->tag == TAG_CATEGORY ? RV_TICKET_CATEGORY : RV_TICKET_STATUS;
		snprintf(q.value, sizeof q.value, "%s", enum_en(en, l->arg));
		q.expect = l->tag == TAG_CATEGORY ? r->tickets.by_category[l->arg].registered
						  : r->tickets.by_status[l->arg].registered;
		snprintf(q.title, sizeof q.title, ui_s(S_RV_CATEGORY), scope, enum_label(en, l->arg), period);
		break;
	}
	case TAG_DEPT: {
		const struct report_dept *d = &r->tickets.depts[l->arg];
		q.kind = IK_TICKET;
		q.filter = RV_TICKET_OVERDUE;
		snprintf(q.value, sizeof q.value, "%s", d->name);
		q.expect = d->c.overdue;
		snprintf(q.title, sizeof q.title, ui_s(S_RV_OVERDUE), scope,
			 d->name[0] ? d->name : ui_s(S_DEPT_NONE));
		break;
	}
	case TAG_GAP: {
		const struct report_node *n = &r->grids.nodes[r->roster.grids[l->arg].node];
		q.kind = IK_INSTRUCTOR;
		snprintf(q.grid_id, sizeof q.grid_id, "%s", n->id);
		snprintf(q.title, sizeof q.title, ui_s(S_RV_INSTR), n->name);
		break;
	}
	default:
		return CH_NONE;
	}
	return recview_open(a, &q);
}

static unsigned dash_on_action(struct app *a, enum action act)
{
	struct dash *s = dash_state(a);
	if (!s)
		return CH_UNHANDLED;
	switch (act) {
	case ACT_DASH_FOCUS:
		s->tree_focus = !s->tree_focus;
		return CH_BODY | CH_BARS;
	case ACT_DASH_PERIOD:
		return dash_period_menu(a, s);
	case ACT_DASH_EXPORT:
		return dash_export_menu(a, s);
	case ACT_DASH_SYNC:
		return syncscr_open(a);
	case ACT_DASH_OPEN:
		return drill(a, s);
	default:
		break;
	}
	if (s->tree_focus) {
		if (act == ACT_BACK) {
			s->tree_focus = 0;
			return CH_BODY | CH_BARS;
		}
		int r = gridtree_action(&s->tree, act);
		if (r == 2) {
			dash_select(a, s);
			return CH_BODY | CH_BARS;
		}
		if (r >= 0)
			return r ? CH_BODY : CH_NONE;
		return CH_UNHANDLED;
	}
	int r = bars_action(&s->bars, act);
	if (r >= 0)
		return r ? CH_BODY : CH_NONE;
	return CH_UNHANDLED;
}

static unsigned dash_scope_now(struct app *a)
{
	struct dash *s = dash_state(a);
	return s && s->tree_focus ? SC_LIST | SC_TREE | SC_DASH : SC_LIST | SC_DASH;
}

static void dash_draw(struct app *a, WINDOW *w, int y, int x, int h, int cols)
{
	struct dash *s = dash_state(a);
	ui_clear(w, y, x, h, cols);
	if (!s)
		return;
	int tw = gridtree_draw_pane(w, &s->tree, y, x, h, cols, s->tree_focus);
	int rx = x + tw + 2, rw = cols - tw - 3;
	struct dash_entry *e = dash_entry(s);
	if (!e)
		return;
	/* The scope and period on the left, the state on the right. */
	char head[600], period[96], state[64];
	const struct report *r = &e->r;
	dash_period_label(s, period, sizeof period);
	const struct grid_node *g = gridtree_selected(&s->tree);
	if (g)
		snprintf(head, sizeof head, ui_s(S_DASH_HEAD), g->g.name, g->g.code, period);
	else
		snprintf(head, sizeof head, "%s", ui_s(S_GRIDS_EMPTY));
	if (e->step != P_DONE)
		snprintf(state, sizeof state, "%s", ui_s(S_DASH_COMPUTING));
	else
		snprintf(state, sizeof state, ui_s(S_DASH_ASOF), r->p.today);
	int sw = cols_of(state);
	ui_text(w, y, rx, rw - sw - 1, head, A_BOLD, UI_LEFT);
	ui_text(w, y, rx + rw - sw, sw, state, e->step != P_DONE ? A_BOLD : A_NORMAL, UI_LEFT);
	int fy = y + 1;
	if (e->err[0]) {
		ui_text(w, fy++, rx, rw, e->err, A_BOLD, UI_LEFT);
	} else {
		fy += draw_figures(w, e, fy, rx, rw, h >= 26 ? FIG_LINES : FIG_LINES_SHORT);
	}
	mvwhline_set(w, fy, rx, WACS_HLINE, rw);
	bars_draw(w, &s->bars, fy + 1, rx, y + h - fy - 1, rw, !s->tree_focus);
}

const struct screen_ops screen_dashboard_ops = {
	.title = S_SCR_REPORTS, .scope = SC_LIST | SC_DASH, .open = dash_open, .close = dash_close,
	.on_action = dash_on_action, .draw = dash_draw, .scope_now = dash_scope_now,
	.reload = dash_reload,
};
