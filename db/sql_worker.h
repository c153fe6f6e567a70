/* sql_worker.h - statements of the worker module (see queries.h). */
#ifndef GW_SQL_WORKER_H
#define GW_SQL_WORKER_H

#define SQL_WORKER(X)

#endif
