/* ticket.h - issue tickets (问题工单): the record, its number, and the
 * tickets.csv import and export (core/ticket.c; the numbers in
 * core/ticket_number.c).  The workflow (accept, hand to a department,
 * hold, resolve, close, send back) builds on these. */
#ifndef GW_TICKET_H
#define GW_TICKET_H

#include "gw.h"
#include "id.h"
#include "import.h"

/* Columns of tickets.csv, in the contract's order. */
enum ticket_col { TICKET_C_NUMBER, TICKET_C_TITLE, TICKET_C_DESC, TICKET_C_CATEGORY,
		  TICKET_C_SOURCE, TICKET_C_GRID, TICKET_C_ORG, TICKET_C_REPORTER,
		  TICKET_C_REPORTER_PHONE, TICKET_C_DEPT, TICKET_C_INSTRUCTOR, TICKET_C_STATUS,
		  TICKET_C_CREATED, TICKET_C_RESOLVED, TICKET_NCOLS };

/* Limits in characters (buffers below are sized for UTF-8). */
#define TICKET_NUMBER_MAX 32
#define TICKET_TITLE_MAX 100
#define TICKET_DESC_MAX 2000
#define TICKET_REPORTER_MAX 32

struct ticket_rec {
	char id[GW_ID_LEN + 1];
	char number[TICKET_NUMBER_MAX * 4 + 1];
	char title[TICKET_TITLE_MAX * 4 + 1];
	char description[TICKET_DESC_MAX * 4 + 1];
	char category[24];      /* EN_CATEGORY English name */
	char source[24];        /* EN_SOURCE */
	char grid_id[GW_ID_LEN + 1];
	char grid_code[33];
	char org_id[GW_ID_LEN + 1];      /* "" when none */
	char org_code[19];
	char reporter[TICKET_REPORTER_MAX * 4 + 1];
	char reporter_phone[24];
	char worker_id[GW_ID_LEN + 1];   /* the registered worker who reported it, or "" */
	char department[96];             /* lead department, or "" */
	char instructor_id[GW_ID_LEN + 1];
	char instructor_phone[12];
	char status[16];        /* EN_TICKET_STATUS */
	char created_at[20];    /* registration time */
	char due_on[11];        /* "" when unknown */
	char hold_since[20];
	int held_days;          /* working days spent on hold, added to the time limit */
	char resolved_at[20];
	char closed_at[20];
	int satisfaction;       /* 1-5, 0 when not rated */
	char duplicate_of[GW_ID_LEN + 1];
	int deleted, version;
	char office[17];
	char updated_at[20];
};

extern const struct import_kind_ops ticket_ops;

/* Looks a ticket up by its number (exact) or id into *out.  GW_ENOTFOUND
 * with a message when there is none (deleted tickets are found, with
 * deleted set).  *out is the caller's; it is large (about 10 KB). */
enum gw_status ticket_by_number(struct gw *gw, const char *number, struct ticket_rec *out,
				struct gw_err *err);
enum gw_status ticket_by_id(struct gw *gw, const char *id, struct ticket_rec *out,
			    struct gw_err *err);

/* Takes the next number of this office for year: "<OFFICE>-<YEAR>-<seq>"
 * with seq of at least six digits, counted per office and year in
 * ticket_seq.  Call it inside the transaction that inserts the ticket, so
 * a rolled-back insert gives its number back.
 * Skips numbers already taken (by an imported file).  GW_EDB on failure. */
#define TICKET_NUMBER_BUF 40
enum gw_status ticket_next_number(struct gw *gw, int year, char out[TICKET_NUMBER_BUF],
				  struct gw_err *err);

/* The due date of a ticket registered at created_at ("YYYY-MM-DD[ ...]") in
 * category (English name): the configured limit of working days plus
 * held_days working days, counted by the calendar.  GW_EINVAL when the
 * date or category is invalid. */
enum gw_status ticket_due_on(const struct gw *gw, const char *created_at, const char *category,
			     int held_days, char out[11]);

#endif
