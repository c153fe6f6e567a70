/* demo_people.c - the demo county's people: the party-building
 * instructors (one full-time and at least two part-time per grid, and the
 * county's own over two grids each), the new-employment workers (party
 * members, food-safety supervisors, safe riders among them) and the party
 * members of the organisations.  Instructors and workers are planned in
 * memory first, since the tickets refer to them, then written through
 * import_one; party members through party_member_add. */
#include "demo_int.h"

#include <stdio.h>
#include <string.h>

#include "activity.h"

/* ---- instructors ------------------------------------------------------------ */

/* Part-time instructors: two per grid, the rest shared out by how many
 * units each grid holds (largest remainder, so the total is exact). */
void demo_plan_instructors(struct demo *d)
{
	static const char *const county_pairs[NFULL_COUNTY][2] = {
		{"SC-KFQ-DZ-G01", "SC-CG-G04"}, {"SC-KFQ-SP-G01", "SC-HB-G02"},
		{"SC-CG-G03", "SC-CG-G08"},     {"SC-CG-G06", "SC-CG-G07"},
	};
	int units[DEMO_NGRIDS], pt[DEMO_NGRIDS], rem[DEMO_NGRIDS], total = 0;
	int extra = NINSTR - DEMO_NGRIDS - NFULL_COUNTY - 2 * DEMO_NGRIDS, given = 0;
	for (int g = 0; g < DEMO_NGRIDS; g++)
		total += units[g] = demo_grids[g].ent + demo_grids[g].soc + demo_grids[g].assoc;
	for (int g = 0; g < DEMO_NGRIDS; g++) {
		pt[g] = 2 + extra * units[g] / total;
		rem[g] = extra * units[g] % total;
		given += pt[g] - 2;
	}
	for (; given < extra; given++) {
		int best = 0;
		for (int g = 1; g < DEMO_NGRIDS; g++)
			if (rem[g] > rem[best])
				best = g;
		pt[best]++;
		rem[best] = -1;
	}
	for (int g = 0; g < DEMO_NGRIDS; g++) {
		for (int k = 0; k <= pt[g]; k++) {
			struct dins *in = &d->ins[d->nins];
			in->full_time = k == 0;
			in->female = demo_chance(d, in->full_time ? 35 : 45);
			in->grid[0] = g;
			in->ngrids = 1;
			demo_new_name(d, in->female, in->name);
			demo_new_phone(d, 1, in->phone);
			if (in->full_time)
				d->grid_ft[g] = d->nins;
			d->nins++;
		}
		/* Units go round the grid's part-time instructors. */
		int j = 0;
		for (int i = 0; i < d->norg; i++)
			if (d->org[i].grid == g)
				d->org[i].instr = d->grid_ft[g] + 1 + j++ % pt[g];
		for (int k = 1; k <= pt[g]; k++) {
			struct dins *in = &d->ins[d->grid_ft[g] + k];
			const struct dorg *mine = NULL;
			for (int i = 0; i < d->norg && !mine; i++)
				if (d->org[i].instr == d->grid_ft[g] + k && d->org[i].party_org == 1)
					mine = &d->org[i];
			if (mine && demo_chance(d, 50))
				snprintf(in->unit, sizeof in->unit, "%s党支部", mine->name);
			else if (demo_grid_in_park(g))
				snprintf(in->unit, sizeof in->unit, "舒城经济开发区党工委党建办");
			else
				snprintf(in->unit, sizeof in->unit, "%s党建办", demo_grid_place(g));
		}
		struct dins *ft = &d->ins[d->grid_ft[g]];
		snprintf(ft->unit, sizeof ft->unit, "%s", demo_grid_in_park(g) ? "舒城经济开发区党工委" : "");
		if (!ft->unit[0])
			snprintf(ft->unit, sizeof ft->unit, "%s党委", demo_grid_place(g));
	}
	for (int k = 0; k < NFULL_COUNTY; k++) {
		struct dins *in = &d->ins[d->nins++];
		in->full_time = 1;
		in->female = demo_chance(d, 40);
		in->grid[0] = demo_grid_index(county_pairs[k][0]);
		in->grid[1] = demo_grid_index(county_pairs[k][1]);
		in->ngrids = 2;
		snprintf(in->unit, sizeof in->unit, "县委社会工作部");
		demo_new_name(d, in->female, in->name);
		demo_new_phone(d, 1, in->phone);
	}
}

enum gw_status demo_put_instructors(struct demo *d)
{
	enum gw_status st = GW_OK;
	for (int i = 0; st == GW_OK && i < d->nins; i++) {
		const struct dins *in = &d->ins[i];
		char gridsbuf[80], orgs[2048];
		size_t off = 0;
		snprintf(gridsbuf, sizeof gridsbuf, "%s%s%s", demo_grids[in->grid[0]].code,
			 in->ngrids > 1 ? ";" : "", in->ngrids > 1 ? demo_grids[in->grid[1]].code : "");
		orgs[0] = '\0';
		/* A grid's own full-time instructor also keeps its first two units. */
		int n = 0;
		for (int k = 0; k < d->norg; k++) {
			const struct dorg *o = &d->org[k];
			int mine = o->instr == i || (in->full_time && in->ngrids == 1 && o->grid == in->grid[0] && n < 2);
			if (mine && off + 20 < sizeof orgs) {
				off += (size_t)snprintf(orgs + off, sizeof orgs - off, "%s%s", off ? ";" : "", o->code);
				n++;
			}
		}
		const char *v[] = {in->name, in->phone, in->female ? "female" : "male", in->unit,
				   in->full_time ? "full_time" : "part_time", gridsbuf, orgs, "active"};
		st = demo_put(d, IK_INSTRUCTOR, v, in->name);
	}
	return st;
}

/* ---- new-employment workers -------------------------------------------------- */

void demo_plan_workers(struct demo *d)
{
	int n = 0;
	for (size_t m = 0; m < sizeof demo_worker_platforms / sizeof demo_worker_platforms[0]; m++)
		for (int k = 0; k < demo_worker_platforms[m].n && n < NWORKERS; k++) {
			struct dworker *w = &d->wk[n++];
			memset(w, 0, sizeof *w);
			w->job = demo_worker_platforms[m].job;
			w->platform = demo_worker_platforms[m].platform;
			demo_new_name(d, demo_chance(d, w->job == 0 ? 8 : 5), w->name);
			demo_new_phone(d, 0, w->phone);
			int r = demo_rnd(d, 0, 99), acc = 0;
			for (size_t j = 0; j < sizeof demo_worker_grids / sizeof demo_worker_grids[0]; j++) {
				acc += demo_worker_grids[j].weight;
				if (r < acc) {
					w->grid = demo_grid_index(demo_worker_grids[j].code);
					break;
				}
			}
		}
	int idx[NWORKERS];
	for (int i = 0; i < NWORKERS; i++)
		idx[i] = i;
	demo_shuffle(d, idx, NWORKERS);
	for (int i = 0; i < demo_figures.worker_party_members; i++)
		d->wk[idx[i]].party = 1;
	/* Food-safety supervisors and safe riders are delivery riders (the first 140). */
	int riders[NWORKERS], nr = 0;
	for (int i = 0; i < NWORKERS; i++)
		if (d->wk[i].job == 0)
			riders[nr++] = i;
	demo_shuffle(d, riders, nr);
	for (int i = 0; i < demo_figures.food_supervisors; i++)
		d->wk[riders[i]].food = 1;
	demo_shuffle(d, riders, nr);
	for (int i = 0; i < NSAFE_RIDERS; i++)
		d->wk[riders[i]].safe = 1;
}

enum gw_status demo_put_workers(struct demo *d)
{
	static const char *const jobs[] = {"delivery_rider", "courier", "ride_hailing", "trucker"};
	enum gw_status st = GW_OK;
	for (int i = 0; st == GW_OK && i < NWORKERS; i++) {
		const struct dworker *w = &d->wk[i];
		char roles[96];
		snprintf(roles, sizeof roles, "%s%s%s", w->party ? "grid_worker;" : "",
			 w->food ? "food_safety_supervisor;" : "", w->safe ? "safe_rider" : "");
		const char *v[] = {w->name, w->phone, jobs[w->job], w->platform, w->party ? "yes" : "no",
				   demo_grids[w->grid].code, roles};
		st = demo_put(d, IK_WORKER, v, w->name);
	}
	return st;
}

/* ---- party members ------------------------------------------------------------ */

enum gw_status demo_put_members(struct demo *d)
{
	enum gw_status st = GW_OK;
	for (int i = 0; st == GW_OK && i < d->norg; i++) {
		const struct dorg *o = &d->org[i];
		int park = demo_grid_in_park(o->grid) && o->kind == 0;
		for (int k = 0; st == GW_OK && k < o->listed; k++) {
			char name[16], phone[12], joined[11];
			demo_new_name(d, demo_chance(d, 30), name);
			demo_new_phone(d, 0, phone);
			long first = demo_day_of(1992, 1, 1), last = demo_day_of(2024, 12, 31);
			demo_fmt_date(first + demo_rnd(d, 0, (int)(last - first)), joined);
			/* Agency staff dispatched into the park are the park's mobile members. */
			int mobile = !park || o->hr || demo_chance(d, 3);
			struct party_member_in in = {name, phone, o->code, demo_grids[o->grid].code,
						     park, mobile, joined};
			st = party_member_add(d->gw, &in, NULL, d->err);
			if (st != GW_OK)
				gw_err_prefix(d->err, "%s", name);
		}
	}
	return st;
}
