/* dashboard.h - the dashboard (F8): the county's figures for the node
 * selected in the grid tree and a period, with bar charts (coverage per
 * township and park, tickets by category and state, overdue tickets by
 * department, grids short of instructors); Enter on a bar lists the
 * records behind it; any report goes to a CSV file; y (or F12 anywhere)
 * opens the exchange of packages between offices (syncscr.h).
 *
 * The figures are core/report.h's summary, computed one part per pass of
 * the main loop while no key waits (the ticket part, half a second on a
 * million tickets, gives way to a key and starts again), and kept per
 * node and period until the records change.
 */
#ifndef GW_DASHBOARD_H
#define GW_DASHBOARD_H

#include "app.h"

extern const struct screen_ops screen_dashboard_ops;

/* Whether work waits to be done between keys (figures being computed, or
 * the records behind a bar being found). */
int dashboard_busy(struct app *a);

/* Does one step of that work; returns CH_* bits to draw. */
unsigned dashboard_step(struct app *a);

#endif
