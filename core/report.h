/* report.h - the county's figures from its own records, for any scope (a
 * node of the grid map and everything under it) and period.
 *
 * Each report is computed into a struct by a few GROUP BY queries (and one
 * pass over the tickets, aggregated in C with the working-day calendar):
 * screens read the structs; report_json.c and report_table.c turn them
 * into JSON (stable keys, docs/REPORTS.md), tables and CSV.
 *
 * Scope: a grid code; the node and all nodes under it.  The county (a node
 * without a parent) also takes in records that name no grid (an activity
 * held county-wide, a worker not yet reported to a community).  Records
 * are counted where they are: organisations, tickets, stations, party
 * members and activities by their grid, workers by their community,
 * instructors by the grids they are assigned to, projects by either
 * party's grid, grants by the organisation's grid.
 *
 * Period: since and until are dates, both inclusive ("" for an open end).
 * A time on the until day counts up to 23:59:59.  What a period applies to
 * is listed per report below; the rest are counts as of now.  Deleted
 * records never count; nor do tickets merged into another (duplicates). */
#ifndef GW_REPORT_H
#define GW_REPORT_H

#include <stdio.h>

#include "config.h"
#include "gw.h"
#include "id.h"
#include "strbuf.h"

/* The report names of the CLI, in this order. */
enum report_kind { REPORT_COVERAGE, REPORT_NEW_ORGS, REPORT_ROSTER, REPORT_TICKETS,
		   REPORT_WORKERS, REPORT_MEMBERS, REPORT_STATIONS, REPORT_ACTIVITIES,
		   REPORT_SUMMARY, REPORT_KIND_COUNT };

/* "coverage", "new-orgs", ...; and back (-1 when unknown). */
const char *report_name(enum report_kind k);
int report_parse(const char *name);

/* Sizes of the contract's enumerations used below. */
#define RK_KINDS 3          /* EN_ORG_KIND */
#define RK_FORMS 4          /* EN_PARTY_ORG: none standalone joint affiliated */
#define RK_CATS CONFIG_CATEGORIES
#define RK_SOURCES 7        /* EN_SOURCE */
#define RK_STATES 7         /* EN_TICKET_STATUS */
#define RK_JOBS 5           /* EN_JOB */
#define RK_WROLES 3         /* EN_WORKER_ROLE */
#define RK_SERVICES 7       /* EN_SERVICE */
#define RK_ACTS 6           /* EN_ACTIVITY_KIND */
#define RK_BASES 3          /* EN_BASIS */

struct report_node {
	char id[GW_ID_LEN + 1];
	char code[33];
	char name[200];
	char level[12];         /* county township park grid */
	char basis[12];         /* grids only */
	int depth;              /* below the scope node (0 = the scope itself) */
	int parent;             /* index in the node array, -1 for the scope */
	int deleted;            /* kept so that its records still roll up; not shown */
};

/* What every report is asked for. */
struct report_params {
	struct report_node scope;
	int root;               /* the scope has no parent: records without a grid count */
	char since[11], until[11];   /* "" for an open end */
	char today[11];         /* for "overdue now" (clock_today: honours $GRIDWORK_NOW) */
};

/* Checks and fills *p: scope_code NULL or "" means the county (the root
 * of the map); since/until NULL or "" are open.  GW_EINVAL for a date that
 * is not one or since after until; GW_ENOTFOUND for an unknown or deleted
 * grid code (messages name the option's value). */
enum gw_status report_params_init(struct gw *gw, const char *scope_code, const char *since,
				  const char *until, struct report_params *p, struct gw_err *err);

/* ---- grids: the map under the scope (period ignored) ---------------------------- */
struct report_grids {
	int total;                      /* nodes of level grid */
	int by_basis[RK_BASES];
	int townships, parks;
	struct report_node *nodes;      /* scope first, then depth-first by code */
	int nnodes;
	int *by_id;                     /* node indexes sorted by id (for look-ups) */
};

/* ---- coverage: units with a party organisation, per node and kind --------------- */
struct report_cov {
	int total, covered;
	int by_form[RK_FORMS];          /* [0] = without a party organisation */
};
struct report_coverage {
	/* cell[node * RK_KINDS + kind], nodes as in report_grids.nodes.  An
	 * organisation counts as covered when its party organisation was
	 * founded on or before the period's until day (or has no date). */
	struct report_cov *cell;
	int nnodes;
};

/* ---- new party organisations founded in the period ----------------------------------- */
struct report_new_org {
	char since[11], credit_code[19], name[401], kind[16], form[16], grid_code[33];
};
struct report_new_orgs {
	int by_kind[RK_KINDS][RK_FORMS]; /* [kind][form], form 0 unused */
	int kind_total[RK_KINDS];
	int total;
	struct report_new_org *list;    /* by date then name; NULL in a summary */
	int nlist;
};

/* ---- roster: instructors and the 1 + 2 standard (period ignored) ---------------------- */
struct report_staffing {
	int node;                       /* index in report_grids.nodes */
	int full_time, part_time;       /* active instructors assigned */
	int meets;                      /* >= 1 full-time and >= 2 part-time */
};
struct report_unit {
	char credit_code[19], name[401], kind[16], grid_code[33];
};
struct report_roster {
	int total, full_time, part_time;     /* active instructors in scope */
	int grids_total, grids_meeting;
	struct report_staffing *grids;       /* one per grid-level node, by code */
	int ngrids;
	int units_without;                   /* units no active instructor keeps */
	struct report_unit *units;           /* those units; NULL in a summary */
	int nunits;
};

/* ---- tickets ------------------------------------------------------------------------ */
struct report_tcount {
	long registered;        /* registered in the period */
	long resolved;          /* resolved (resolved_at) in the period */
	long on_time;           /* of those: resolved on or before the due date */
	long long days;         /* of those: working days taken, time on hold excluded */
	long open;              /* now: new, accepted, in_progress, returned, on_hold */
	long overdue, yellow, red;   /* now: open (not on hold) and past due */
};
#define RK_MAX_DEPTS (CONFIG_MAX_DEPTS + 8)
struct report_dept {
	char name[96];          /* "" for tickets not yet given to a department */
	struct report_tcount c;
};
struct report_tickets {
	struct report_tcount all;
	struct report_tcount by_category[RK_CATS], by_source[RK_SOURCES], by_status[RK_STATES];
	struct report_dept depts[RK_MAX_DEPTS];   /* by name; unknown beyond the last go in it */
	int ndepts;
	long resolved_cs[RK_CATS][RK_SOURCES];    /* resolved in the period, category x source */
	/* The article's figures, resolved in the period: enterprise problems at
	 * the guidance stations (the six enterprise categories), worker
	 * problems from secretary days, workshop talks and worker councils,
	 * and labour-rights problems. */
	long enterprise_problems, worker_problems, labor_rights;
};

/* ---- new-employment workers (period: points only) ------------------------------------- */
struct report_workers {
	int total, party_members;
	int roles[RK_WROLES];           /* grid_worker food_safety_supervisor safe_rider */
	int party_grid_workers;         /* party members serving as grid workers */
	int by_job[RK_JOBS];
	long long points_earned, points_redeemed;   /* in the period */
};

/* ---- party members (period ignored) --------------------------------------------------- */
struct report_member_area {
	int node;                       /* index in report_grids.nodes: the scope's children */
	int total, in_parks, mobile;
};
struct report_member_org {
	char credit_code[19], name[401], kind[16];
	int total, mobile, in_parks;
};
struct report_members {
	int total;
	int in_parks, in_parks_managed;  /* working in the parks; of them managed by a party org */
	int mobile;
	int unmanaged;                  /* with no party organisation managing them */
	struct report_member_area *areas;
	int nareas;
	struct report_member_org *orgs;  /* by members, most first; NULL in a summary */
	int norgs;
};

/* ---- stations (period ignored) -------------------------------------------------------- */
struct report_station_grid {
	int node;
	int count;
};
struct report_host {
	char host[97];
	int count;
};
struct report_stations {
	int total;
	int by_service[RK_SERVICES];
	struct report_station_grid *grids;   /* grids with stations, by code; NULL in a summary */
	int ngrids;
	struct report_host *hosts;           /* by count, most first; NULL in a summary */
	int nhosts;
};

/* ---- activities, projects, credit (period: held, signed, granted dates) ----------------- */
struct report_bank {
	char bank[257];
	int enterprises, grants;
	long long amount_yuan;
};
struct report_activities {
	int sessions[RK_ACTS];
	long long person_times[RK_ACTS];
	int coop_projects;              /* signed in the period (any, when there is no period) */
	int credit_enterprises, credit_grants;
	long long credit_yuan;
	struct report_bank *banks;      /* by amount, most first; NULL in a summary */
	int nbanks;
};

/* One report (or, for REPORT_SUMMARY, all of them without their lists).
 * Free with report_free. */
struct report {
	enum report_kind kind;
	struct report_params p;
	int detail;                     /* lists were gathered (not a summary) */
	struct report_grids grids;
	struct report_coverage coverage;
	struct report_new_orgs new_orgs;
	struct report_roster roster;
	struct report_tickets tickets;
	struct report_workers workers;
	struct report_members members;
	struct report_stations stations;
	struct report_activities activities;
};

/* Computes report k for p into *out (zeroed first).  Every report also
 * loads the grid map of the scope (r->grids).  Returns GW_OK, GW_ENOMEM or
 * a database error; on failure *out holds nothing to free. */
enum gw_status report_run(struct gw *gw, enum report_kind k, const struct report_params *p,
			  struct report *out, struct gw_err *err);
void report_free(struct report *r);

/* The parts, for screens that show one at a time.  Each needs r->p set and
 * r->grids loaded first (report_load_grids); detail asks for the lists.
 * They fill their part of *r and return GW_OK or an error. */
enum gw_status report_load_grids(struct gw *gw, struct report *r, struct gw_err *err);
enum gw_status report_coverage(struct gw *gw, struct report *r, struct gw_err *err);
enum gw_status report_new_orgs(struct gw *gw, struct report *r, struct gw_err *err);
enum gw_status report_roster(struct gw *gw, struct report *r, struct gw_err *err);
enum gw_status report_tickets(struct gw *gw, struct report *r, struct gw_err *err);
enum gw_status report_workers(struct gw *gw, struct report *r, struct gw_err *err);
enum gw_status report_members(struct gw *gw, struct report *r, struct gw_err *err);
enum gw_status report_stations(struct gw *gw, struct report *r, struct gw_err *err);
enum gw_status report_activities(struct gw *gw, struct report *r, struct gw_err *err);

/* ---- output (report_json.c, report_table.c) ------------------------------------------------------------ */

/* Appends the report as one JSON object (keys in docs/REPORTS.md). */
void report_json(const struct report *r, struct strbuf *b);

/* A table of text cells, for the plain-text and CSV forms and screens. */
#define RT_MAX_COLS 12
struct report_table {
	char title[160];
	int ncols;
	const char *cols[RT_MAX_COLS];  /* headers, static strings */
	int right[RT_MAX_COLS];         /* numbers: right-aligned */
	int nrows;
	char **cells;                   /* nrows * ncols strings, malloc'd */
	int *indent;                    /* per row: depth for the first column, or NULL */
};

/* The report as tables, in the current language.  *out is malloc'd; free
 * with report_tables_free.  GW_ENOMEM on failure. */
enum gw_status report_tables(const struct report *r, struct report_table **out, int *n,
			     struct gw_err *err);
void report_tables_free(struct report_table *t, int n);

/* Writes the tables as CSV to fp: UTF-8 with a BOM, or GB18030.  One table
 * is a plain header and rows; several each start with a row holding their
 * title.  Returns GW_OK or GW_EIO. */
enum gw_status report_write_csv(const struct report_table *t, int n, FILE *fp, int gb18030,
				struct gw_err *err);

#endif
