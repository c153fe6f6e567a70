/* syncscr.h - the exchange of packages between offices, as a screen over
 * the others (F12 anywhere, y on the dashboard): the offices with the last
 * package each way and the changes waiting for them; writing a package
 * for the selected office and applying one (core's refusal shown as it
 * is); the conflicts with both versions side by side, settled by keeping
 * this office's version (m) or the other's (t).  Everything goes through
 * core/sync.h. */
#ifndef GW_SYNCSCR_H
#define GW_SYNCSCR_H

#include "app.h"

/* Opens the screen as a modal layer; returns CH_* bits. */
unsigned syncscr_open(struct app *a);

#endif
