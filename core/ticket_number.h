/* ticket_number.h - the office's ticket counter as the tickets.csv row
 * handler uses it (ticket_next_number in ticket.h is the public way to a
 * number).  Internal to core/ticket.c and core/ticket_number.c. */
#ifndef GW_TICKET_NUMBER_H
#define GW_TICKET_NUMBER_H

#include "ticket.h"
#include "ticket_import.h"

/* Takes the next number of this office for year from the counter without
 * checking that it is free (the insert's UNIQUE constraint does); numbers
 * an import keeps in memory are written first.  GW_EDB on failure. */
enum gw_status ticket_number_take(struct gw *gw, int year, char out[TICKET_NUMBER_BUF],
				  struct gw_err *err);

/* Whether a ticket holds number: 1 yes, 0 no, -1 database error (err
 * filled). */
int ticket_number_used(struct gw *gw, const char *number, struct gw_err *err);

/* Moves this office's counter past a stored number of its own form
 * ("<OFFICE>-<YEAR>-<seq>"; others are left alone), so that numbers taken
 * later never collide with it.  During an import only the highest per year
 * is kept in ti, and written by ticket_number_flush.  Database errors as
 * their status. */
enum gw_status ticket_number_bump(struct gw *gw, const char *number, struct gw_err *err);

/* Writes the counters an import kept in ti and forgets them.  Database
 * errors as their status (ti keeps them). */
enum gw_status ticket_number_flush(struct gw *gw, struct ticket_import *ti, struct gw_err *err);

#endif
