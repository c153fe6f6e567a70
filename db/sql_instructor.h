/* sql_instructor.h - statements of the instructor module (see queries.h). */
#ifndef GW_SQL_INSTRUCTOR_H
#define GW_SQL_INSTRUCTOR_H

#define SQL_INSTRUCTOR(X)

#endif
