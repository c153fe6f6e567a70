/* ticket_query.h - the read side of the ticket workflow (ticket_query.c):
 * finding a ticket, supervision grades, a ticket's history and supporting
 * departments, and filtered lists.  ticket_flow.h includes it, so callers
 * of the workflow see one interface. */
#ifndef GW_TICKET_QUERY_H
#define GW_TICKET_QUERY_H

#include "gw.h"
#include "ticket.h"

/* Looks a ticket up by number (exact, then upper-cased) or id into *out
 * (the caller's).  GW_ENOTFOUND with a message when there is none. */
enum gw_status ticket_find(struct gw *gw, const char *key, struct ticket_rec *out,
			   struct gw_err *err);

/* Supervision (督办) grades, from working days past the due date. */
enum ticket_grade { TG_NONE, TG_YELLOW, TG_RED };
const char *ticket_grade_en(enum ticket_grade g);   /* none yellow red */
const char *ticket_grade_zh(enum ticket_grade g);

/* Working days the ticket is past due on today ("YYYY-MM-DD"), into *days
 * (may be NULL; 0 when not past due), and its grade from the configured
 * thresholds.  Only running tickets (new, accepted, in_progress,
 * returned) are overdue: on hold the clock stands still, and a finished
 * ticket is judged by the reports. */
enum ticket_grade ticket_overdue(const struct gw *gw, const struct ticket_rec *t, const char *today,
				 int *days);

/* One step of a ticket's history. */
#define TICKET_NOTE_MAX 1000
struct ticket_event_rec {
	char at[20];
	char operator_name[65];
	char action[24];
	char from[16], to[16];          /* "" when none */
	char department[96];
	char note[TICKET_NOTE_MAX * 4 + 1];
	char office[17];
};

/* Calls cb for each event of the ticket (by id), oldest first; cb returns
 * nonzero to stop.  The record is valid only during the call. */
enum gw_status ticket_events(struct gw *gw, const char *ticket_id,
			     int (*cb)(void *ctx, const struct ticket_event_rec *e), void *ctx,
			     struct gw_err *err);

/* Calls cb for each supporting department of the ticket, by name. */
enum gw_status ticket_supporting(struct gw *gw, const char *ticket_id,
				 int (*cb)(void *ctx, const char *department), void *ctx,
				 struct gw_err *err);

/* What a list shows; NULL / 0 fields do not filter.  status in Chinese or
 * English; grid_code takes the node and every grid under it; department
 * is the lead department; overdue keeps tickets past due today (by
 * clock_today()).  Keyset paging: after is the last number shown. */
struct ticket_filter {
	const char *status, *grid_code, *department;
	int overdue;
	const char *after;
	int limit;              /* at most this many (<= 0: no limit) */
	const char *category;   /* EN_CATEGORY, Chinese or English; NULL/"": any */
};

/* Calls cb for each non-deleted ticket that passes f, by number, up to
 * f->limit; *more (may be NULL) is set when more would follow.  The record
 * is valid only during the call; cb returns nonzero to stop.  GW_EINVAL
 * for an unknown status, grid or department. */
enum gw_status ticket_list(struct gw *gw, const struct ticket_filter *f,
			   int (*cb)(void *ctx, const struct ticket_rec *t), void *ctx, int *more,
			   struct gw_err *err);

/* How many non-deleted tickets pass f (after and limit are ignored) into
 * *n: one category is counted through its index, without reading the
 * tickets; overdue ones are counted one by one (working days).  GW_EINVAL
 * as ticket_list. */
enum gw_status ticket_count(struct gw *gw, const struct ticket_filter *f, long long *n,
			    struct gw_err *err);

#endif
