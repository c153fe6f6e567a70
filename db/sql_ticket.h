/* sql_ticket.h - statements of the ticket module (see queries.h). */
#ifndef GW_SQL_TICKET_H
#define GW_SQL_TICKET_H

#define SQL_TICKET(X)

#endif
