/* demo_data.h - the demo county's fixed tables (demo_data.c), shared with
 * the demo builder's files (demo*.c) only.  Each declaration carries its
 * size, so sizeof counts work where a table is used and the compiler
 * checks a table against it. */
#ifndef GW_DEMO_DATA_H
#define GW_DEMO_DATA_H

/* ---- the grid map -------------------------------------------------------- */

struct demo_town {
	const char *code, *name;
	double lon, lat;
};

/* The county's 21 township-level units (15 towns, 6 townships). */
#define DEMO_NTOWNS 21
extern const struct demo_town demo_towns[DEMO_NTOWNS];

/* The development zone and its two parks: code, name, parent, lon, lat. */
extern const char *const demo_parks[3][5];

/* What kind of enterprises a grid holds: picks names, chain, tags, size.
 * The last three mix kinds before them. */
enum demo_profile_kind { DEMO_P_ELEC, DEMO_P_SMART, DEMO_P_PREP, DEMO_P_GREEN, DEMO_P_TEA,
			 DEMO_P_NET, DEMO_P_TRANS, DEMO_P_DELIV, DEMO_P_COURIER, DEMO_P_HR,
			 DEMO_P_OTHER, DEMO_P_TOUR, DEMO_P_PARKMIX, DEMO_P_TOWNMIX, DEMO_P_RURAL };

struct demo_profile {
	const char *chain;     /* EN_CHAIN name, "" for none */
	const char *suffix[6];
	int emp_lo, emp_hi;
	int above, spec, platform, hr;   /* percent chance of each tag */
};

/* The kinds up to DEMO_P_TOUR (the mixes have none of their own). */
extern const struct demo_profile demo_profiles[DEMO_P_TOUR + 1];

struct demo_grid {
	const char *code, *name, *parent, *basis;
	double lon, lat;
	enum demo_profile_kind prof;
	int ent, ent_cov, soc, soc_cov, assoc, assoc_cov;
};

/* The 30 grids and what they hold; the first eight lie in the parks. */
#define DEMO_NGRIDS 30
#define DEMO_NPARK_GRIDS 8
extern const struct demo_grid demo_grids[DEMO_NGRIDS];

/* ---- people -------------------------------------------------------------- */

/* Strings of CJK characters (3 bytes each; sizes in bytes with the NUL)
 * that names are drawn from. */
extern const char demo_common_surnames[31];
extern const char demo_surnames[265];
extern const char demo_male_given[139], demo_female_given[103];
extern const char demo_male_middle[58], demo_female_middle[52];

/* Mobile number prefixes: the long-standing 13x/15x/18x ranges, and newer
 * ones. */
extern const char *const demo_mobile_prefixes_classic[21];
extern const char *const demo_mobile_prefixes_new[8];

/* ---- organisations ------------------------------------------------------- */

/* Words that start an organisation's name. */
extern const char *const demo_name_words[70];
/* What a social organisation's name ends in. */
extern const char *const demo_social_types[10];
/* The county's associations and chambers of commerce, by full name. */
#define DEMO_NASSOCIATIONS 20
extern const char *const demo_associations[DEMO_NASSOCIATIONS];
/* Streets for addresses in the parks, the county town and other towns. */
extern const char *const demo_park_roads[8];
extern const char *const demo_city_roads[8];
extern const char *const demo_town_roads[6];
/* Measures of a cultivation plan (一企一策 / 一社一策). */
extern const char *const demo_plan_steps[6];

/* ---- new-employment workers ---------------------------------------------- */

/* How many workers of a job (index into demo_job_zh) work for a platform. */
struct demo_platform_share {
	int job, n;
	const char *platform;
};
extern const struct demo_platform_share demo_worker_platforms[11];

/* Where workers report, by grid code and relative weight. */
struct demo_grid_share {
	const char *code;
	int weight;
};
extern const struct demo_grid_share demo_worker_grids[10];

/* The jobs in Chinese: rider, courier, ride-hailing driver, trucker. */
extern const char *const demo_job_zh[4];

/* ---- tickets ------------------------------------------------------------- */

/* A ticket category's texts: four title formats and a description format. */
struct demo_cat_text {
	const char *cat, *dept;
	const char *title[4];
	const char *desc;
};

/* Red assistance (红色帮办) at the guidance stations, and how many finished
 * tickets of each category. */
extern const struct demo_cat_text demo_ent_cats[6];
extern const int demo_ent_cat_count[6];
/* Secretary help days, workshop talks, worker councils; likewise. */
extern const struct demo_cat_text demo_worker_cats[3];
extern const int demo_worker_cat_count[3];
/* Labour-rights tickets: title formats, departments, sources (a repeat
 * weighs the draw). */
extern const char *const demo_rights_titles[8];
extern const char *const demo_rights_depts[4];
extern const char *const demo_rights_sources[4];
/* Residential places the riders report from. */
extern const char *const demo_places[8];
/* What safe riders and food-safety supervisors report, and how many. */
extern const struct demo_cat_text demo_rider_cats[4];
extern const int demo_rider_cat_count[4];

/* ---- warm-heart stations ------------------------------------------------- */

struct demo_station {
	const char *name, *host, *grid, *addr;
};
extern const struct demo_station demo_stations[25];

/* ---- activities and results ---------------------------------------------- */

/* Skills trainings and joint meetings: title, organiser, grid code. */
extern const char *const demo_trainings[20][3];
extern const char *const demo_joint_meetings[6][3];
/* Matchmaking meetings: four between the chains, then two others. */
extern const char *const demo_matchmaking[6];
/* Cooperation projects: topic, field. */
extern const char *const demo_coop_topics[8][2];
/* Red credit per model enterprise, in millions of yuan, and the lenders. */
extern const long long demo_credit_millions[15];
extern const char *const demo_banks[6];

#endif
