/* giveway.h - reading the database in a way that gives way: to the frame a
 * key is owed, and to the next key.
 *
 * A key is handled and drawn within a frame (16 ms), but a few reads on a
 * county of a million tickets take longer: a sort by a column without an
 * index (a second), the grid tree's counts (30 ms).  Such a read is first
 * tried with a budget; when the budget runs out it is given up, the frame
 * says what is still coming ("排序中..."), and the loop in app.c does it
 * between keys, where it gives way to any key pressed meanwhile and starts
 * again after it.  SQLite cannot resume a statement, so the first attempt's
 * work is lost: the budget is small.
 *
 * The budget counts SQLite's progress checks (core/interrupt.h: every
 * 20,000 virtual-machine steps) rather than time, so that a given database
 * always takes the same path - a screen test's small county never waits -
 * with a time limit only once a read is clearly large. */
#ifndef GW_GIVEWAY_H
#define GW_GIVEWAY_H

#include <time.h>

#include "gw.h"

struct giveway {
	int budget;               /* progress checks allowed; 0: no limit */
	int keys;                 /* give way to a key that waits */
	int checks;
	struct timespec t0;
	int stopped;              /* why the read was given up: GIVEWAY_* */
};

enum { GIVEWAY_DONE, GIVEWAY_BUDGET, GIVEWAY_KEY };

/* A first attempt's budget for a key's frame. */
#define GIVEWAY_FRAME 8

/* From now until giveway_end, reads on gw stop (the core call fails) when
 * the budget runs out or, with keys, when a key waits on the terminal.
 * Reads only: a write stopped half-way would roll its transaction back. */
void giveway_begin(struct gw *gw, struct giveway *g, int budget, int keys);

/* Ends it; returns g->stopped (GIVEWAY_DONE when nothing was stopped: a
 * failure of the read is then a real one). */
int giveway_end(struct gw *gw, struct giveway *g);

#endif
