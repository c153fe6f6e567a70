/* sql_station.h - statements of the station module (see queries.h). */
#ifndef GW_SQL_STATION_H
#define GW_SQL_STATION_H

#define SQL_STATION(X)

#endif
