/* demo.h - the demo county: a deterministic, realistic Shucheng County
 * (舒城县) whose records reproduce the figures of the county's report
 * (shared/seed/article.zh-Hans.txt). */
#ifndef GW_DEMO_H
#define GW_DEMO_H

#include "gw.h"

/* The article's figures, as the demo's records produce them.  Each is a
 * count or sum a report computes from the records, never a stored number. */
struct demo_figures {
	int grids;                  /* party-building grids (level grid) */
	int instructors;            /* all active */
	int grid_full_time, grid_part_time;   /* the per-grid standard: 1 + 2 */
	int park_enterprises, park_enterprises_covered;   /* > 80 % */
	int associations, associations_covered;           /* >= 85 % */
	const char *new_orgs_since; /* "2024-01-01" */
	int new_enterprise_orgs;    /* enterprise party orgs founded since then */
	int new_social_orgs;        /* social-organisation party orgs since then */
	int park_members;           /* party members working in the parks, all managed */
	int enterprise_problems;    /* resolved/closed, guidance station, enterprise categories */
	int worker_problems;        /* resolved/closed, secretary day / workshop talk / worker council */
	int labor_rights;           /* resolved/closed, category labor_rights */
	int workers;                /* registered new-employment workers */
	int worker_party_members;   /* party members, all part-time grid workers */
	int food_supervisors;       /* riders who are food-safety supervisors */
	int stations;               /* warm-heart stations */
	int trainings;              /* skills trainings */
	int training_person_times;  /* their total person-times */
	int coop_projects;          /* green food x smart manufacturing */
	int credit_firms;           /* model enterprises given red credit */
	long long credit_yuan;      /* total red credit, yuan */
};

extern const struct demo_figures demo_figures;

/* Builds the demo county into gw's database in one transaction: grids,
 * organisations, instructors, workers, tickets, stations (through
 * import_one, the same checks as an import) and party members, activities,
 * cooperation projects and credit grants (through activity.h).  The same
 * seed gives the same records (ids aside).  The database must hold no
 * grids, organisations or tickets yet (GW_EREFUSED otherwise).  On any
 * error nothing is written and err says which record failed. */
enum gw_status demo_build(struct gw *gw, unsigned seed, struct gw_err *err);

#endif
