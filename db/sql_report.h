/* sql_report.h - statements of the report module (see queries.h). */
#ifndef GW_SQL_REPORT_H
#define GW_SQL_REPORT_H

#define SQL_REPORT(X)

#endif
