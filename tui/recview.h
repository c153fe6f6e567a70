/* recview.h - the records behind a bar of a chart: a read-only list over
 * the screen (a modal layer), filled in steps between keys.
 *
 * The list screens keep to a grid node and a quick-lookup filter, not to a
 * category or a state, so the records are found here: list pages of the
 * node's records (core/list.h, keyset-paged) are read a few milliseconds
 * at a time and each row is checked against the bar's condition - for
 * tickets the same rules the report counts by (registered in the period,
 * merged duplicates left out, overdue by working days).  Enter opens the
 * selected record in its list screen (listscr_goto).
 */
#ifndef GW_RECVIEW_H
#define GW_RECVIEW_H

#include "app.h"
#include "id.h"
#include "import.h"

enum rv_filter {
	RV_ALL,             /* every record of the node */
	RV_ORG_KIND,        /* organisations of kind value (EN_ORG_KIND English name) */
	RV_TICKET_CATEGORY, /* tickets of category value registered in the period */
	RV_TICKET_STATUS,   /* tickets in state value registered in the period */
	RV_TICKET_OVERDUE,  /* tickets of department value ("" none) overdue now */
};

struct rv_query {
	enum import_kind kind;          /* IK_ORG, IK_TICKET or IK_INSTRUCTOR */
	char grid_id[GW_ID_LEN + 1];    /* the node, with all under it; "" everything */
	enum rv_filter filter;
	char value[96];
	char since[11], until[11];      /* the period ("" open ends) */
	char today[11];                 /* overdue as of this day */
	long expect;                    /* the figure the bar shows; -1 none */
	char title[400];
};

/* Opens the list for q (copied) as a modal layer; returns CH_* bits. */
unsigned recview_open(struct app *a, const struct rv_query *q);

/* Whether the list on top is still being filled. */
int recview_busy(struct app *a);

/* Reads the next few milliseconds' worth of rows; returns CH_* bits. */
unsigned recview_step(struct app *a);

#endif
