/* ticket_import.h - what an import of tickets.csv keeps for one file
 * (import.h, import_kind_hooks): the references it looked up, due dates,
 * and the number counters it moves.  Internal to core/ticket.c,
 * core/ticket_number.c and core/ticket_import.c. */
#ifndef GW_TICKET_IMPORT_H
#define GW_TICKET_IMPORT_H

#include "gw.h"
#include "id.h"

enum ticket_ref { TREF_GRID, TREF_ORG, TREF_INSTRUCTOR, TREF_WORKER, TREF_KINDS };

#define TICKET_SEQ_YEARS 8

struct ticket_refs;

struct ticket_import {
	int bulk;               /* the file is imported in bulk (import.h) */
	/* The highest imported number of this office's own form per year,
	 * written to the counter once (core/ticket_number.c, ticket_number_bump). */
	int nseq;
	struct {
		int year;
		long long last;
	} seq[TICKET_SEQ_YEARS];
	struct ticket_refs *refs;
	struct db_index_set *indexes;   /* set aside for this file (ticket.c) */
	long long start_rowid;          /* the table's largest rowid before the file */
};

/* The state of one file.  For a bulk file the keys and ids of every
 * organisation, instructor and rider are read at once (one pass over each
 * table, a few MiB per hundred thousand records), so that its rows look
 * nothing up in the database; otherwise look-ups are remembered as they
 * come, in tables of fixed size.  NULL with err filled on failure; free
 * with ticket_import_free. */
struct ticket_import *ticket_import_new(struct gw *gw, int bulk, struct gw_err *err);
void ticket_import_free(struct ticket_import *ti);

/* Looks up the id of a grid (by code; *deleted set), an organisation (by
 * credit code), an instructor or a rider (by phone; not deleted ones) - through
 * what ti remembers when ti is not NULL.  1 found, 0 not, -1 database error
 * (err filled). */
int ticket_ref_id(struct gw *gw, struct ticket_import *ti, enum ticket_ref r, const char *key,
		  char id[GW_ID_LEN + 1], int *deleted, struct gw_err *err);

/* Runs a lean look-up statement q (key bound to ?1; the id, and for grids
 * the deleted flag, as columns): 1 found, 0 not, -1 database error. */
int ticket_lookup_id(struct gw *gw, enum db_query q, const char *key, char id[GW_ID_LEN + 1],
		     int *deleted, struct gw_err *err);

/* ticket_due_on (ticket.h) through the due dates ti remembers (ti may be
 * NULL). */
enum gw_status ticket_import_due(const struct gw *gw, struct ticket_import *ti,
				 const char *created_at, const char *category, int held_days,
				 char out[11]);

#endif
