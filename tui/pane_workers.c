/* pane_workers.c - new-employment groups (F6): riders, couriers and
 * drivers, the community each reported to, their roles and points. */
#include <stdio.h>
#include <string.h>

#include "enums.h"
#include "listscr.h"
#include "worker.h"

static const char *label(enum gw_enum e, const char *stored)
{
	int i = enum_index(e, stored);
	return i < 0 ? stored : enum_label(e, i);
}

static void fmt_party(const struct list_row *r, int col, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s", label(EN_YESNO, strcmp(list_cell(r, col), "1") == 0 ? "yes" : "no"));
}

static const struct pane_col cols[LW_NCOLS] = {
	[LW_NAME] = {S_COL_PERSON, 8, 0, 1, UI_LEFT, -1, 0, NULL},
	[LW_PHONE] = {S_COL_MOBILE, 11, 0, 0, UI_LEFT, -1, 0, NULL},
	[LW_JOB] = {S_COL_JOB, 8, 12, 0, UI_LEFT, EN_JOB, 0, NULL},
	[LW_PLATFORM] = {S_COL_PLATFORM, 6, 8, 1, UI_LEFT, -1, 0, NULL},
	[LW_PARTY] = {S_COL_PARTY_MEMBER, 4, 0, 0, UI_LEFT, -1, 0, fmt_party},
	[LW_COMMUNITY] = {S_COL_COMMUNITY, 8, 0, 1, UI_LEFT, -1, 0, NULL},
	[LW_ROLES] = {S_COL_ROLES, 8, 0, 1, UI_LEFT, EN_WORKER_ROLE, 1, NULL},
};

static void detail(struct app *a, const struct list_row *r, struct detail *d)
{
	struct worker_rec w;
	struct gw_err err;
	if (worker_by_id(a->gw, r->id, &w, &err) != GW_OK) {
		detail_line(d, "%s", err.msg);
		return;
	}
	char roles[256] = "";
	long long points = 0;
	enum_list_zh(EN_WORKER_ROLE, w.roles, roles, sizeof roles);
	detail_line(d, "%s", w.name);
	detail_line(d, ui_s(S_D_WORKER_LINE), w.phone, label(EN_JOB, w.job), w.platform,
		    label(EN_YESNO, w.party_member ? "yes" : "no"));
	detail_line(d, ui_s(S_D_COMMUNITY), w.community_code[0] ? w.community_code : ui_s(S_D_NONE),
		    list_cell(r, LW_COMMUNITY));
	if (roles[0])
		detail_line(d, ui_s(S_D_ROLES), roles);
	if (worker_points_balance(a->gw, r->id, &points, &err) == GW_OK)
		detail_line(d, ui_s(S_D_POINTS), points);
}

const struct pane_ops pane_workers = {
	.kind = IK_WORKER,
	.scr = SCR_WORKERS,
	.title = S_KIND_WORKER,
	.cols = cols,
	.default_sort = LW_NAME,
	.detail = detail,
	.del = worker_delete,
};
