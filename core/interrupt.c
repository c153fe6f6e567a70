/* interrupt.c - see interrupt.h. */
#include "interrupt.h"

/* SQLite virtual machine steps between checks: a few hundred microseconds,
 * so a key waits well under a frame and the check (a poll() in the
 * interface) costs next to nothing. */
#define CHECK_EVERY 20000

void gw_interrupt_when(struct gw *gw, int (*stop)(void *ctx), void *ctx)
{
	sqlite3_progress_handler(db_handle(gw->db), stop ? CHECK_EVERY : 0, stop, stop ? ctx : NULL);
}
