/* station.h - warm-heart stations (暖心驿站) where outdoor workers rest,
 * drink, eat, charge phones and find first aid. */
#ifndef GW_STATION_H
#define GW_STATION_H

#include "gw.h"
#include "id.h"
#include "import.h"

/* Columns of stations.csv, in the contract's order. */
enum station_col { STATION_C_NAME, STATION_C_GRID, STATION_C_ADDRESS, STATION_C_HOST,
		   STATION_C_SERVICES, STATION_C_HOURS, STATION_C_LON, STATION_C_LAT,
		   STATION_NCOLS };

#define STATION_NAME_MAX 64
#define STATION_ADDRESS_MAX 128
#define STATION_HOST_MAX 64

struct station_rec {
	char id[GW_ID_LEN + 1];
	char name[STATION_NAME_MAX * 4 + 1];    /* the key */
	char grid_id[GW_ID_LEN + 1];
	char grid_code[33];
	char address[STATION_ADDRESS_MAX * 4 + 1];
	char host[STATION_HOST_MAX * 4 + 1];
	char services[128];     /* EN_SERVICE list "a;b", at least one */
	char hours[12];         /* "HH:MM-HH:MM" or "" */
	int has_pos;
	double lon, lat;
	int deleted, version;
};

extern const struct import_kind_ops station_ops;

/* Looks a station up by name (exact after trimming) or id into *out (the
 * caller's).  GW_ENOTFOUND with a message when there is none; deleted
 * stations are found, with deleted set. */
enum gw_status station_by_name(struct gw *gw, const char *name, struct station_rec *out,
			       struct gw_err *err);
enum gw_status station_by_id(struct gw *gw, const char *id, struct station_rec *out,
			     struct gw_err *err);

/* Checks opening hours "HH:MM-HH:MM" (also H:MM, a full-width colon, and
 * "~", "～", "—", "至" between the times; "全天"/"24小时" mean
 * 00:00-24:00) and writes the normal form into out (12).  The end may be
 * 24:00 and earlier than the start (open overnight), not equal to it. */
enum gw_status station_valid_hours(const char *s, char out[12], struct gw_err *err);

/* Deletes a station for good (nothing refers to one) in its own
 * transaction.  Audited.  GW_ENOTFOUND when there is none. */
enum gw_status station_delete(struct gw *gw, const char *id, struct gw_err *err);

#endif
