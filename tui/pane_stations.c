/* pane_stations.c - warm-heart stations (F7): where outdoor workers rest,
 * what each offers and when it is open. */
#include <stdio.h>
#include <string.h>

#include "enums.h"
#include "listscr.h"
#include "station.h"

static const struct pane_col cols[LS_NCOLS] = {
	[LS_NAME] = {S_COL_NAME, 10, 0, 2, UI_LEFT, -1, 0, NULL},
	[LS_GRID] = {S_COL_GRID, 8, 0, 1, UI_LEFT, -1, 0, NULL},
	[LS_HOST] = {S_COL_HOST, 8, 0, 1, UI_LEFT, -1, 0, NULL},
	[LS_SERVICES] = {S_COL_SERVICES, 10, 0, 2, UI_LEFT, EN_SERVICE, 1, NULL},
	[LS_HOURS] = {S_COL_HOURS, 11, 0, 0, UI_LEFT, -1, 0, NULL},
	[LS_ADDRESS] = {S_COL_ADDRESS, 8, 0, 2, UI_LEFT, -1, 0, NULL},
};

static void detail(struct app *a, const struct list_row *r, struct detail *d)
{
	struct station_rec s;
	struct gw_err err;
	if (station_by_id(a->gw, r->id, &s, &err) != GW_OK) {
		detail_line(d, "%s", err.msg);
		return;
	}
	char services[256] = "";
	enum_list_zh(EN_SERVICE, s.services, services, sizeof services);
	detail_line(d, "%s", s.name);
	detail_line(d, ui_s(S_D_GRID), s.grid_code, list_cell(r, LS_GRID));
	if (s.address[0])
		detail_line(d, ui_s(S_D_ADDRESS), s.address);
	if (s.host[0])
		detail_line(d, ui_s(S_D_HOST), s.host);
	detail_line(d, ui_s(S_D_SERVICES), services);
	detail_line(d, ui_s(S_D_HOURS), s.hours[0] ? s.hours : ui_s(S_D_NONE));
	if (s.has_pos)
		detail_line(d, ui_s(S_D_POS), s.lon, s.lat);
}

const struct pane_ops pane_stations = {
	.kind = IK_STATION,
	.scr = SCR_STATIONS,
	.title = S_KIND_STATION,
	.cols = cols,
	.default_sort = LS_NAME,
	.detail = detail,
	.del = station_delete,
};
