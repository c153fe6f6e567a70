/* list.h - pages of records for the workbench's tables: instructors,
 * organisations, workers, stations and tickets, sorted by any of their
 * columns, restricted to a grid node and what lies under it, and to the
 * records a quick-lookup query finds.
 *
 * Keyset paging: a page continues after (or before) a row already shown,
 * never at an offset, and nothing counts the table, so a page deep in a
 * million tickets costs what the first one does when the sort column has
 * an index (a ticket's number, a phone, a credit code, a station's name).
 */
#ifndef GW_LIST_H
#define GW_LIST_H

#include "grid.h"
#include "gw.h"
#include "id.h"
#include "import.h"

/* The cells of a row, per kind, in the order the tables show them.
 * Enumerated values are the stored English names; lists 'a;b'. */
enum list_instructor_col { LI_NAME, LI_PHONE, LI_GENDER, LI_ROLE, LI_STATUS, LI_UNIT, LI_GRIDS,
			   LI_NCOLS };
enum list_org_col { LO_NAME, LO_CODE, LO_KIND, LO_GRID, LO_PARTY, LO_PHONE, LO_CONTACT,
		    LO_NCOLS };
enum list_worker_col { LW_NAME, LW_PHONE, LW_JOB, LW_PLATFORM, LW_PARTY, LW_COMMUNITY, LW_ROLES,
		       LW_NCOLS };
enum list_station_col { LS_NAME, LS_GRID, LS_HOST, LS_SERVICES, LS_HOURS, LS_ADDRESS,
			LS_NCOLS };
/* LT_GRID is the grid's name; LT_DUE "" when the ticket has no due date. */
enum list_ticket_col { LT_NUMBER, LT_TITLE, LT_CATEGORY, LT_GRID, LT_DEPT, LT_STATUS, LT_DUE,
		       LT_NCOLS };

#define LIST_MAX_CELLS 8
/* The cells' text together; a longer row (an instructor responsible for a
 * great many grids) has its last cell cut at a character boundary. */
#define LIST_TEXT_MAX 3072

/* One row.  Plain data: may be copied with memcpy. */
struct list_row {
	long long rowid;          /* the tie-breaker of the order */
	char id[GW_ID_LEN + 1];
	int version;
	int ncells;
	unsigned short off[LIST_MAX_CELLS];   /* each cell's offset in text */
	char text[LIST_TEXT_MAX];
};

/* What page to read. */
struct list_req {
	int sort;                  /* the column to sort by */
	int desc;                  /* descending */
	const char *grid_id;       /* a grid node: it and everything under it; NULL: all */
	const char *ids;           /* JSON array of ids to keep (list_filter); NULL: all */
	const struct list_row *from;   /* continue from this row (not included); NULL: an end */
	int backward;              /* rows before `from` (from NULL: the last rows) */
	int limit;                 /* at most this many rows, >= 1 */
};

/* The number of columns of kind k's rows, 0 for a kind without a list. */
int list_ncols(enum import_kind k);

/* Reads a page of kind k into out (room for q->limit rows), in display
 * order whichever the direction, and sets *n.  Fewer than limit rows means
 * the end (or, backward, the start) was reached.  GW_EUSAGE for a kind or
 * column without a list; GW_EDB with err filled on a database error. */
enum gw_status list_page(struct gw *gw, enum import_kind k, const struct list_req *q,
			 struct list_row *out, int *n, struct gw_err *err);

/* About how many records reading the page q of kind k goes through: the
 * page's own rows when an index gives the order, the records under the
 * grid node or the whole table when they must be sorted (a million
 * tickets by title).  A caller that must answer within a frame reads a
 * costly page later (tui/listscr.c).  -1 with err on failure. */
long long list_page_cost(struct gw *gw, enum import_kind k, const struct list_req *q,
			 struct gw_err *err);

/* Cell col of r ("" when out of range).  Valid as long as r is. */
const char *list_cell(const struct list_row *r, int col);

/* Most hits a filter keeps: many screens' worth, and the best by the
 * lookup's ranking; a broader query says "type more".  Each hit costs a
 * read of its row twice (checking the match, sorting the page): 300 keep
 * a keystroke of the filter on a million tickets within 4 ms. */
#define LIST_FILTER_MAX 300

/* The ids of kind k's records that the quick-lookup query finds (at most
 * LIST_FILTER_MAX), as a JSON array for list_req.ids: *ids is malloc'd
 * (the caller frees it), or NULL when the query is blank (no filter).
 * *count gets the number of ids and *more 1 when there were more matches.
 * GW_EINVAL with a message for a query the lookup refuses (too long). */
enum gw_status list_filter(struct gw *gw, enum import_kind k, const char *query, char **ids,
			   int *count, int *more, struct gw_err *err);

/* The grid tree in display order (depth-first, children by code; a node
 * whose parent is deleted at the top), names and places only: the counts
 * are left 0, which makes it cheap enough to read again after every save.  *out is
 * malloc'd and owned by the caller (free()). */
enum gw_status list_grid_tree(struct gw *gw, struct grid_node **out, int *n, struct gw_err *err);

/* Fills in the counts of the n nodes of a tree from list_grid_tree: each
 * grid's own organisations, those with a party organisation, and its
 * full-time and part-time instructors on duty - in one pass over each
 * table (tens of milliseconds on a hundred thousand organisations, where
 * counting per grid took a quarter of a second).  On failure
 * (GW_EDB, GW_ENOMEM with err filled) the counts are left 0. */
enum gw_status list_grid_counts(struct gw *gw, struct grid_node *nodes, int n, struct gw_err *err);

#endif
