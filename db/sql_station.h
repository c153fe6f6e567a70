/* sql_station.h - statements of the station module (see queries.h). */
#ifndef GW_SQL_STATION_H
#define GW_SQL_STATION_H

#define STATION_COLS "s.id, s.name, s.grid_id, (SELECT g.code FROM grid g WHERE g.id = s.grid_id), " \
		     "s.address, s.host, s.services, s.hours, s.lon, s.lat, s.deleted, s.version"

#define SQL_STATION(X)                                                                  \
	X(STATION_BY_NAME, "SELECT " STATION_COLS " FROM station s WHERE s.name = ?1")  \
	X(STATION_BY_ID, "SELECT " STATION_COLS " FROM station s WHERE s.id = ?1")      \
	X(STATION_INSERT, "INSERT INTO station(id, name, grid_id, address, host, services, hours, " \
			  "lon, lat, office, created_at, updated_at) "                     \
			  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)")     \
	X(STATION_UPDATE, "UPDATE station SET name = ?2, grid_id = ?3, address = ?4, host = ?5, " \
			  "services = ?6, hours = ?7, lon = ?8, lat = ?9, deleted = 0, "   \
			  "version = version + 1, updated_at = ?10 WHERE id = ?1")         \
	X(STATION_EXPORT, "SELECT s.name, g.code, s.address, s.host, s.services, s.hours, " \
			  "s.lon, s.lat FROM station s JOIN grid g ON g.id = s.grid_id "   \
			  "WHERE s.deleted = 0 ORDER BY s.name") \
	/* Nothing refers to a station, so deleting one is for good. */            \
	X(STATION_HARD_DELETE, "DELETE FROM station WHERE id = ?1")                      \
	SQL_STATION_PAGE(X)

/* The stations' pages (core/list.c, db/sql_page.h). */
#include "sql_page.h"
#define STATION_PG_COLS "s.id, s.version, s.name, g.name, s.host, s.services, s.hours, s.address"
#define STATION_PAGE(X, n, key)                                                        \
	PAGE_STMTS(X, STATION_PAGE_##n, STATION_PG_COLS,                                \
		   "station s CROSS JOIN grid g ON g.id = s.grid_id",                     \
		   "json_each(?2) j CROSS JOIN station s ON s.id = j.value "             \
		   "CROSS JOIN grid g ON g.id = s.grid_id",                                \
		   "s.deleted = 0 AND " PAGE_UNDER("s.grid_id"), key, "s.rowid")
#define SQL_STATION_PAGE(X)                                                            \
	STATION_PAGE(X, NAME, "s.name")                                                 \
	STATION_PAGE(X, GRID, "g.name")                                                 \
	STATION_PAGE(X, HOST, "s.host")                                                 \
	STATION_PAGE(X, SERVICES, "s.services")                                         \
	STATION_PAGE(X, HOURS, "s.hours")                                               \
	STATION_PAGE(X, ADDRESS, "s.address")

#endif
