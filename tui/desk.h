/* desk.h - the ticket desk: the workflow's moves (accept, start, hold,
 * resume, transfer, resolve, close, return, reopen, comment, merge) from
 * the ticket queue (F4) or a ticket's detail, each a key of the SC_DESK
 * scope (actions.h).  A move asks what it needs - the department from the
 * configured list, the reason in a text box, the satisfaction 1-5, the
 * ticket to merge into found by number or title - then hands it to
 * ticket_apply() (core/ticket_flow.h) with the version the clerk saw.  A
 * move the state does not allow asks nothing: the core's refusal, which
 * lists the moves allowed, goes on the status line.
 *
 * Bulk: the tagged tickets transferred to one department, or given one
 * instructor, in a single transaction (all or none).
 *
 * The detail (desk_view_open) covers the screen with every field of the
 * ticket and its full history, scrolls, and takes the same move keys.
 */
#ifndef GW_DESK_H
#define GW_DESK_H

#include "app.h"
#include "ticket.h"

/* The ticket a move is about, as the clerk sees it (strings are copied). */
struct desk_ticket {
	const char *id, *number, *status, *department;
	int version;
};

/* Starts the move of action act (an SC_DESK action) on ticket t.  Returns
 * CH_* bits; CH_UNHANDLED when act is not a move. */
unsigned desk_move(struct app *a, const struct desk_ticket *t, enum action act);

/* Offers the bulk actions for the n tickets ids (copied): transfer, or
 * instructor assignment.  On success the queue's tags are cleared. */
unsigned desk_bulk(struct app *a, const char *const *ids, int n);

/* Whether the hint bar shows act now: a move only when the ticket in
 * front of the clerk (the detail's, or the queue's selected row) allows
 * it; every other action, yes. */
int desk_offers(struct app *a, enum action act);

/* Opens ticket id's detail with its history as a modal layer; CH_* bits. */
unsigned desk_view_open(struct app *a, const char *id);

/* The ticket the detail on top shows, or NULL when the detail is not on
 * top.  Valid until the next key. */
const struct ticket_rec *desk_view_ticket(struct app *a);

/* Reads the detail on top again after a move (nothing when not on top). */
void desk_view_reload(struct app *a);

#endif
