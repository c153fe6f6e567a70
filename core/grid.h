/* grid.h - the grid map: county -> townships and parks -> grids. */
#ifndef GW_GRID_H
#define GW_GRID_H

#include "gw.h"
#include "id.h"
#include "import.h"

/* Columns of grids.csv, in the contract's order. */
enum grid_col { GRID_C_CODE, GRID_C_NAME, GRID_C_LEVEL, GRID_C_PARENT, GRID_C_BASIS,
		GRID_C_LON, GRID_C_LAT, GRID_NCOLS };

struct grid_rec {
	char id[GW_ID_LEN + 1];
	char code[33];
	char name[200];
	char level[12];         /* county township park grid */
	char parent_id[GW_ID_LEN + 1];
	char parent_code[33];
	char basis[12];         /* region industry chain, or "" */
	int has_pos;
	double lon, lat;
	int deleted, version;
};

extern const struct import_kind_ops grid_ops;

/* Looks a grid up by code (case-insensitive input, stored upper-case) or by
 * id.  GW_ENOTFOUND with a message when there is none. */
enum gw_status grid_by_code(struct gw *gw, const char *code, struct grid_rec *out,
			    struct gw_err *err);
enum gw_status grid_by_id(struct gw *gw, const char *id, struct grid_rec *out,
			  struct gw_err *err);

/* Deletes a grid: softly when anything refers to it, else for good. */
enum gw_status grid_delete(struct gw *gw, const char *id, struct gw_err *err);

/* One node of the tree with what it holds directly. */
struct grid_node {
	struct grid_rec g;
	int depth;
	int orgs, orgs_covered;
	int full_time, part_time;      /* active instructors assigned */
};

/* The tree in display order with its counts: list_grid_tree and
 * list_grid_counts (core/list.h). */

#endif
