/* check.h - `gridwork check`: SQLite's own checks plus the domain's rules. */
#ifndef GW_CHECK_H
#define GW_CHECK_H

#include "gw.h"

/* Runs integrity_check, foreign_key_check, the primary-key rule and every
 * domain invariant; each problem is passed to report as one line.  Returns
 * the number of problems (0: all well) or -1 with err filled. */
int check_all(struct gw *gw, void (*report)(void *ctx, const char *line), void *ctx,
	      struct gw_err *err);

#endif
