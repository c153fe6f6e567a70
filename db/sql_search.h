/* sql_search.h - statements of the search module (see queries.h). */
#ifndef GW_SQL_SEARCH_H
#define GW_SQL_SEARCH_H

#define SQL_SEARCH(X)

#endif
