/* ticket_flow_int.h - what ticket_flow.c (the moves) shares with
 * ticket_query.c (the read side); nothing else includes it. */
#ifndef GW_TICKET_FLOW_INT_H
#define GW_TICKET_FLOW_INT_H

#include <sqlite3.h>

#include "ticket_flow.h"

/* The contract's states, in its order. */
enum { ST_NEW, ST_ACCEPTED, ST_IN_PROGRESS, ST_ON_HOLD, ST_RESOLVED, ST_CLOSED, ST_RETURNED,
       ST_COUNT };
#define BIT(s) (1u << (s))
/* The states in which the time limit runs (on hold it stands still). */
#define RUNNING (BIT(ST_NEW) | BIT(ST_ACCEPTED) | BIT(ST_IN_PROGRESS) | BIT(ST_RETURNED))

/* The ST_* of a stored status (English name); -1 for an unknown one. */
int tf_state_of(const char *status);

/* A configured department's name into out; GW_EINVAL naming the choices
 * (the message prefixed "承办部门"/"department" when the text is bad). */
enum gw_status tf_check_department(struct gw *gw, const char *name, char out[96],
				   struct gw_err *err);

/* Binds s, or NULL when s is NULL or "": optional columns store NULL. */
static inline void tf_bind_or_null(sqlite3_stmt *st, int i, const char *s)
{
	if (s && s[0])
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

#endif
