/* calendar.h - the working-day calendar: weekends are off unless listed as
 * make-up working days (调休), listed public holidays are off.  Due dates and
 * overdue grades of tickets count working days with these functions.
 *
 * Dates are "YYYY-MM-DD"; a longer string whose 11th byte is a space (a
 * "YYYY-MM-DD HH:MM:SS" time) counts as its date.  Pure functions of the
 * configuration's sorted holiday and workday lists: no database, no clock. */
#ifndef GW_CALENDAR_H
#define GW_CALENDAR_H

#include "config.h"
#include "status.h"

/* 1 when date is a working day, 0 when it is not, -1 when it is not a date. */
int calendar_is_workday(const struct config *cfg, const char *date);

/* The n-th working day after start (start itself not counted; n = 0 gives
 * start) into out (11 bytes).  n < 0 counts backwards.  GW_EINVAL when start
 * is not a date or the result falls outside the years 1900-2199. */
enum gw_status calendar_add_workdays(const struct config *cfg, const char *start, int n,
				     char out[11]);

/* The number of working days d with from < d <= to, so that
 * calendar_workdays_between(from, calendar_add_workdays(from, n)) == n.
 * Negative when to is before from; 0 when either is not a date (callers pass
 * stored, already validated dates). */
int calendar_workdays_between(const struct config *cfg, const char *from, const char *to);

/* Days since 1970-01-01 of a civil date, and back (H. Hinnant's
 * algorithms; any year). */
long calendar_day_number(long y, int m, int d);
void calendar_civil(long z, long *y, int *m, int *d);

#endif
