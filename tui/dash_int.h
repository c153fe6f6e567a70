/* dash_int.h - the dashboard's state, shared by dashboard.c (figures,
 * charts, keys) and dash_export.c (the period picker and CSV export). */
#ifndef GW_DASH_INT_H
#define GW_DASH_INT_H

#include <limits.h>

#include "app.h"
#include "bars.h"
#include "gridtree.h"
#include "report.h"

/* The parts of the summary, in the order they are computed: the quick
 * ones first, the tickets (a pass over every ticket) last. */
enum dash_part { P_START, P_ROSTER, P_COVERAGE, P_NEW_ORGS, P_WORKERS, P_MEMBERS, P_STATIONS,
		 P_ACTIVITIES, P_TICKETS, P_DONE };

/* The summary of one node and period, complete or being computed. */
struct dash_entry {
	int used;
	char scope_id[GW_ID_LEN + 1];  /* the tree node ("" none: an empty map) */
	char scope_code[33];
	char since[11], until[11];
	unsigned long gen;      /* app data_gen it was computed at */
	unsigned long stamp;    /* last shown, for reuse of the oldest */
	enum dash_part step;    /* the next part; P_DONE when complete */
	struct report r;
	char err[512];          /* why it stopped ("" fine) */
};

enum dash_period { PER_MONTH, PER_YEAR, PER_2024, PER_ALL, PER_CUSTOM, PER_COUNT };

#define DASH_CACHE 8

struct dash {
	struct gridtree tree;
	int tree_focus;
	struct bars bars;
	enum dash_period period;
	char since[11], until[11];
	struct dash_entry cache[DASH_CACHE];
	int cur;                /* the entry shown, -1 none */
	unsigned long clock;
	int built_step;         /* the entry's step the charts show; -1: build again */
	int interrupted;        /* a key came while a part was computed */
	/* the export being asked for */
	int exp_kind, exp_gb;
	char exp_path[PATH_MAX];
	char ask_since[11];     /* the custom period's first answer */
};

/* The dashboard's state, or NULL when it is not open. */
struct dash *dash_state(struct app *a);

/* The entry shown, or NULL. */
struct dash_entry *dash_entry(struct dash *s);

/* Shows the summary of the tree's node and the period: from the cache when
 * it holds it, else starts computing it. */
void dash_select(struct app *a, struct dash *s);

/* The period in words ("全部", "2024-01-01 起"). */
void dash_period_label(const struct dash *s, char *buf, size_t sz);

/* The period picker and the export questions; CH_* bits. */
unsigned dash_period_menu(struct app *a, struct dash *s);
unsigned dash_export_menu(struct app *a, struct dash *s);

#endif
