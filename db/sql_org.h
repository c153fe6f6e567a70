/* sql_org.h - statements of the org module (see queries.h). */
#ifndef GW_SQL_ORG_H
#define GW_SQL_ORG_H

#define SQL_ORG(X)

#endif
