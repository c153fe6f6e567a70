/* demo_int.h - what the demo builder's files share (demo.c, demo_draw.c,
 * demo_people.c, demo_activities.c): the builder's state, its seeded draws
 * and the build steps demo_build runs.  Not for other modules; they use
 * demo.h. */
#ifndef GW_DEMO_INT_H
#define GW_DEMO_INT_H

#include <stdint.h>

#include "demo.h"
#include "demo_data.h"
#include "id.h"
#include "import.h"

/* Records the figures do not fix. */
#define NFULL_COUNTY 4        /* county-level full-time instructors over two grids */
#define NMOBILE_OUTSIDE 16    /* mobile members outside the parks */
#define NSAFE_RIDERS 48
#define NRIDER_REPORTS 42

/* ---- the builder's state --------------------------------------------------- */

#define MAX_ORGS 256
#define MAX_PEOPLE 1600
#define NINSTR 220
#define NWORKERS 268

struct dorg {
	char code[19], name[96], shortn[64], since[11], addr[96], contact[16], phone[12];
	int kind;               /* 0 enterprise, 1 social_org, 2 association */
	int grid, prof, party_org, employees, members, listed, instr;
	int above, spec, platform, hr;
};

struct dins {
	char name[16], phone[12], unit[96];
	int female, full_time, grid[2], ngrids;
};

struct dworker {
	char name[16], phone[12];
	int job, grid, party, food, safe;
	const char *platform;
};

struct demo {
	struct gw *gw;
	struct gw_err *err;
	uint64_t rs;
	char names[MAX_PEOPLE][16];
	int nnames;
	char phones[MAX_PEOPLE][12];
	int nphones;
	struct dorg org[MAX_ORGS];
	int norg;
	struct dins ins[NINSTR];
	int nins;
	int grid_ft[DEMO_NGRIDS];       /* the grid's own full-time instructor */
	struct dworker wk[NWORKERS];
	int nticket;
	char matchmaking[4][GW_ID_LEN + 1];
	long match_day[4];              /* when they met: the projects sign after */
};

/* ---- draws and dates (demo_draw.c) ------------------------------------------
 * Every choice comes from d->rs, in the order the build steps make them:
 * a seed's records change if a step draws more, fewer or in another order. */

/* A number from lo to hi, both included. */
int demo_rnd(struct demo *d, int lo, int hi);
/* True in pct percent of draws. */
int demo_chance(struct demo *d, int pct);
void demo_shuffle(struct demo *d, int *a, int n);
const char *demo_pick(struct demo *d, const char *const *list, int n);
#define DEMO_PICK(d, arr) demo_pick(d, arr, (int)(sizeof arr / sizeof arr[0]))

/* Days since 1970-01-01 of a civil date, and back. */
long demo_day_of(int y, int m, int d);
void demo_civil(long z, int *y, int *m, int *d);
/* The demo's "today" (2026-11-20): no record is later. */
long demo_today(void);
/* The day itself, or the Monday after it when it falls on a weekend. */
long demo_weekday(long day);
void demo_fmt_date(long day, char out[11]);

/* The grid map: whether grid g (an index into demo_grids) is a park grid,
 * the index of a grid code (0 when unknown), and the township it lies in
 * ("舒城经济开发区" for park grids). */
int demo_grid_in_park(int g);
int demo_grid_index(const char *code);
const char *demo_grid_place(int g);

/* A realistic name, and a mobile number, not used yet in the demo; classic
 * numbers come from the 13x/15x/18x ranges only. */
void demo_new_name(struct demo *d, int female, char out[16]);
void demo_new_phone(struct demo *d, int classic, char out[12]);

/* A random enterprise of at least min_employees, from the park in park_pct
 * percent of draws. */
const struct dorg *demo_some_enterprise(struct demo *d, int park_pct, int min_employees);

/* ---- writing (demo.c) ------------------------------------------------------- */

/* Imports one record of kind k through import_one; a record that was not
 * newly inserted is an error.  On failure err is prefixed with what. */
enum gw_status demo_put(struct demo *d, enum import_kind k, const char *const *v, const char *what);

/* ---- build steps ---------------------------------------------------------------
 * The plan steps fill the state in memory; the put steps write it, each
 * inside demo_build's transaction, and stop at the first error. */

/* demo_people.c: instructors, new-employment workers, party members. */
void demo_plan_instructors(struct demo *d);
void demo_plan_workers(struct demo *d);
enum gw_status demo_put_instructors(struct demo *d);
enum gw_status demo_put_workers(struct demo *d);
enum gw_status demo_put_members(struct demo *d);

/* demo_activities.c: stations, activities, cooperation projects, red credit. */
enum gw_status demo_put_stations(struct demo *d);
enum gw_status demo_put_activities(struct demo *d);
enum gw_status demo_put_coop_projects(struct demo *d);
enum gw_status demo_put_credit_grants(struct demo *d);

#endif
