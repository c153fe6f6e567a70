/* sql_activity.h - statements of the activity module (see queries.h). */
#ifndef GW_SQL_ACTIVITY_H
#define GW_SQL_ACTIVITY_H

#define SQL_ACTIVITY(X)

#endif
