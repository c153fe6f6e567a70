/* interrupt.h - giving up a long read when the clerk presses a key.
 *
 * The dashboard counts a million tickets in one statement (about half a
 * second); the interface must not stop answering keys for that long.  While
 * a stop function is set, SQLite calls it every few thousand steps of any
 * statement on this handle; when it returns nonzero the statement ends with
 * SQLITE_INTERRUPT, the core call fails with GW_EDB, and the caller, who
 * knows it asked to stop, runs it again later.  Reads only: never set it
 * around a write, whose transaction would be rolled back. */
#ifndef GW_INTERRUPT_H
#define GW_INTERRUPT_H

#include "gw.h"

/* Sets stop(ctx) as the check (NULL clears it).  ctx must outlive the
 * setting; the check must not touch the database. */
void gw_interrupt_when(struct gw *gw, int (*stop)(void *ctx), void *ctx);

#endif
