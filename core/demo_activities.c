/* demo_activities.c - what the demo county's party-building work has
 * done and offers: the warm-heart stations, the activities (trainings,
 * secretary days, workshop talks, worker councils, joint and matchmaking
 * meetings), the cooperation projects between green-food and
 * smart-manufacturing firms, and the red credit granted to model
 * enterprises.  Stations go through import_one, the rest through
 * activity.h. */
#include "demo_int.h"

#include <stdio.h>
#include <string.h>

#include "activity.h"

/* ---- warm-heart stations ------------------------------------------------------ */

enum gw_status demo_put_stations(struct demo *d)
{
	static const char *const hours[] = {"08:00-20:00", "08:30-17:30", "07:30-21:00", "全天"};
	enum gw_status st = GW_OK;
	for (size_t i = 0; st == GW_OK && i < sizeof demo_stations / sizeof demo_stations[0]; i++) {
		char addr[160], services[128], lon[16], lat[16];
		int g = demo_grid_index(demo_stations[i].grid);
		snprintf(addr, sizeof addr, "舒城县%s", demo_stations[i].addr);
		snprintf(services, sizeof services, "rest;water%s%s%s%s%s",
			 demo_chance(d, 80) ? ";shelter" : "", demo_chance(d, 30) ? ";meals" : "",
			 demo_chance(d, 75) ? ";charging" : "", demo_chance(d, 60) ? ";meal_heating" : "",
			 demo_chance(d, 70) ? ";first_aid" : "");
		snprintf(lon, sizeof lon, "%.5f", demo_grids[g].lon + demo_rnd(d, -300, 300) / 100000.0);
		snprintf(lat, sizeof lat, "%.5f", demo_grids[g].lat + demo_rnd(d, -300, 300) / 100000.0);
		const char *host = demo_stations[i].host;
		const char *v[] = {demo_stations[i].name, demo_stations[i].grid, addr, host, services,
				   hours[strcmp(host, "城市驿站") == 0 ? 3 : demo_rnd(d, 0, 2)], lon, lat};
		st = demo_put(d, IK_STATION, v, demo_stations[i].name);
	}
	return st;
}

/* ---- activities and results ---------------------------------------------------- */

static long spread_day(struct demo *d, int i, int n)
{
	long lo = demo_day_of(2024, 3, 1), hi = demo_day_of(2026, 10, 31);
	return demo_weekday(lo + (hi - lo) * i / n + demo_rnd(d, 0, (int)((hi - lo) / n) - 3));
}

static enum gw_status add_activity(struct demo *d, const char *kind, const char *title, long day,
				   const char *grid, const char *organiser, int person_times,
				   char id[GW_ID_LEN + 1])
{
	char held[11];
	demo_fmt_date(day, held);
	struct activity_in in = {kind, title, held, grid, organiser, person_times};
	enum gw_status st = activity_add(d->gw, &in, id, d->err);
	if (st != GW_OK)
		gw_err_prefix(d->err, "%s", title);
	return st;
}

/* Trainings (their person-times summing to the figure), secretary days,
 * workshop talks, worker councils, joint meetings and matchmaking meetings;
 * the first four matchmaking meetings are kept for the projects. */
enum gw_status demo_put_activities(struct demo *d)
{
	int n = (int)(sizeof demo_trainings / sizeof demo_trainings[0]), pt[20], sum = 0;
	for (int i = 0; i < n; i++)
		sum += pt[i] = demo_rnd(d, 70, 140);
	for (int i = 0; sum != demo_figures.training_person_times; i = (i + 1) % n) {
		int step = sum < demo_figures.training_person_times ? 1 : -1;
		if (pt[i] + step >= 30)
			pt[i] += step, sum += step;
	}
	enum gw_status st = GW_OK;
	for (int i = 0; st == GW_OK && i < n; i++)
		st = add_activity(d, "training", demo_trainings[i][0], spread_day(d, i, n),
				  demo_trainings[i][2], demo_trainings[i][1], pt[i], NULL);
	/* Secretary days, workshop talks and worker councils at park enterprises. */
	static const char *const kinds[] = {"secretary_day", "workshop_talk", "worker_council"};
	static const char *const fmts[] = {"%s“书记帮办日”活动", "%s车间恳谈会", "%s职工议事厅议事会"};
	static const int counts[] = {12, 8, 6};
	for (int k = 0; k < 3; k++) {
		const struct dorg *held[12];
		for (int i = 0; st == GW_OK && i < counts[k]; i++) {
			const struct dorg *o;
			int again;
			do {   /* a covered enterprise not chosen for this kind yet */
				o = demo_some_enterprise(d, 100, 50);
				again = !o->party_org;
				for (int j = 0; j < i && !again; j++)
					again = held[j] == o;
			} while (again);
			held[i] = o;
			char title[160], organiser[128];
			snprintf(title, sizeof title, fmts[k], o->shortn);
			snprintf(organiser, sizeof organiser, "%s党组织", o->shortn);
			st = add_activity(d, kinds[k], title, spread_day(d, i, counts[k]),
					  demo_grids[o->grid].code, organiser, demo_rnd(d, 15, 60), NULL);
		}
	}
	for (int i = 0; st == GW_OK && i < 6; i++)
		st = add_activity(d, "joint_meeting", demo_joint_meetings[i][0], spread_day(d, i, 6),
				  demo_joint_meetings[i][2], demo_joint_meetings[i][1], demo_rnd(d, 18, 40),
				  NULL);
	for (int i = 0; st == GW_OK && i < 6; i++) {
		long day = spread_day(d, i % 4, 4) + (i >= 4 ? 20 : 0);
		if (i < 4)
			d->match_day[i] = day;
		st = add_activity(d, "matchmaking", demo_matchmaking[i], day,
				  i < 4 ? "SC-KFQ-SP-G02" : "SC-KFQ-G01",
				  i < 4 ? "县委社会工作部" : "舒城经济开发区管委会", demo_rnd(d, 60, 150),
				  i < 4 ? d->matchmaking[i] : NULL);
	}
	return st;
}

/* ---- cooperation projects ------------------------------------------------------- */

/* Projects between green-food and smart-manufacturing firms, each pair once,
 * signed within two months of a matchmaking meeting. */
enum gw_status demo_put_coop_projects(struct demo *d)
{
	enum gw_status st = GW_OK;
	int green[MAX_ORGS], smart[MAX_ORGS], ng = 0, ns = 0, pairs[64][2];
	for (int i = 0; i < d->norg; i++) {
		if (d->org[i].kind != 0)
			continue;
		if (d->org[i].prof == DEMO_P_GREEN || d->org[i].prof == DEMO_P_TEA)
			green[ng++] = i;
		else if (d->org[i].prof == DEMO_P_SMART)
			smart[ns++] = i;
	}
	for (int k = 0; st == GW_OK && k < demo_figures.coop_projects; k++) {
		int a, b, dup;
		do {
			a = green[demo_rnd(d, 0, ng - 1)];
			b = smart[demo_rnd(d, 0, ns - 1)];
			dup = 0;
			for (int j = 0; j < k; j++)
				dup |= pairs[j][0] == a && pairs[j][1] == b;
		} while (dup);
		pairs[k][0] = a, pairs[k][1] = b;
		int t = demo_rnd(d, 0, 7), m = demo_rnd(d, 0, 3);
		char title[256], signed_on[11];
		snprintf(title, sizeof title, "%s与%s%s合作项目", d->org[a].shortn, d->org[b].shortn,
			 demo_coop_topics[t][0]);
		long day = d->match_day[m] + demo_rnd(d, 0, 60), today = demo_today();
		demo_fmt_date(day < today ? day : today, signed_on);
		struct coop_project_in in = {title, d->org[a].code, d->org[b].code, demo_coop_topics[t][1],
					     d->matchmaking[m], signed_on};
		st = coop_project_add(d->gw, &in, NULL, d->err);
		if (st != GW_OK)
			gw_err_prefix(d->err, "%s", title);
	}
	return st;
}

/* ---- red credit ------------------------------------------------------------------ */

/* Red credit for model enterprises: standalone party organisations,
 * above-scale ones first. */
enum gw_status demo_put_credit_grants(struct demo *d)
{
	enum gw_status st = GW_OK;
	int cand[MAX_ORGS], nc = 0;
	for (int pass = 0; pass < 2; pass++) {
		int from = nc;
		for (int i = 0; i < d->norg; i++)
			if (d->org[i].kind == 0 && d->org[i].party_org == 1 && d->org[i].above == !pass)
				cand[nc++] = i;
		demo_shuffle(d, cand + from, nc - from);
	}
	for (int k = 0; st == GW_OK && k < demo_figures.credit_firms && k < nc; k++) {
		const struct dorg *o = &d->org[cand[k]];
		char granted[11];
		long first = demo_day_of(2024, 6, 1), last = demo_day_of(2026, 6, 30);
		demo_fmt_date(first + demo_rnd(d, 0, (int)(last - first)), granted);
		struct credit_grant_in in = {o->code, DEMO_PICK(d, demo_banks),
					     demo_credit_millions[k] * 1000000LL, granted};
		st = credit_grant_add(d->gw, &in, NULL, d->err);
		if (st != GW_OK)
			gw_err_prefix(d->err, "%s", o->name);
	}
	return st;
}
