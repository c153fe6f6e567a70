/* pane_instructors.c - the roster (F3): instructors with their grids, the
 * "1 full-time + 2 part-time" standard of each grid in the detail, and
 * bulk status changes (在岗 / 离岗). */
#include <stdio.h>
#include <string.h>

#include "enums.h"
#include "instructor.h"
#include "listscr.h"
#include "records.h"

static const struct pane_col cols[LI_NCOLS] = {
	[LI_NAME] = {S_COL_PERSON, 8, 0, 1, UI_LEFT, -1, 0, NULL},
	[LI_PHONE] = {S_COL_MOBILE, 11, 0, 0, UI_LEFT, -1, 0, NULL},
	[LI_GENDER] = {S_COL_GENDER, 4, 6, 0, UI_LEFT, EN_GENDER, 0, NULL},
	[LI_ROLE] = {S_COL_ROLE, 4, 9, 0, UI_LEFT, EN_ROLE, 0, NULL},
	[LI_STATUS] = {S_COL_STATUS, 4, 8, 0, UI_LEFT, EN_INSTR_STATUS, 0, NULL},
	[LI_UNIT] = {S_COL_UNIT, 8, 0, 2, UI_LEFT, -1, 0, NULL},
	[LI_GRIDS] = {S_COL_GRIDS, 8, 0, 2, UI_LEFT, -1, 0, NULL},
};

static const char *label(enum gw_enum e, const char *stored)
{
	int i = enum_index(e, stored);
	return i < 0 ? stored : enum_label(e, i);
}

struct links {
	struct app *a;
	struct detail *d;
	int n;
};

/* Each grid with where it stands against the standard. */
static int grid_line(void *ctx, const struct instructor_link *l)
{
	struct links *k = ctx;
	struct gw_err err;
	int ft = 0, pt = 0;
	if (l->deleted)
		return 0;
	int met = grid_meets_standard(k->a->gw, l->id, &ft, &pt, &err);
	detail_line(k->d, ui_s(S_D_GRID_STD), l->code, l->name,
		    ui_s(met > 0 ? S_MET : S_SHORT), ft, pt);
	k->n++;
	return 0;
}

static int org_line(void *ctx, const struct instructor_link *l)
{
	struct links *k = ctx;
	if (!l->deleted) {
		detail_line(k->d, "  %s %s", l->code, l->name);
		k->n++;
	}
	return 0;
}

static void detail(struct app *a, const struct list_row *r, struct detail *d)
{
	struct instructor_rec i;
	struct gw_err err;
	if (instructor_by_id(a->gw, r->id, &i, &err) != GW_OK) {
		detail_line(d, "%s", err.msg);
		return;
	}
	detail_line(d, "%s", i.name);
	detail_line(d, ui_s(S_D_INSTR_LINE), i.phone, label(EN_ROLE, i.role),
		    label(EN_INSTR_STATUS, i.status), i.gender[0] ? label(EN_GENDER, i.gender) : "");
	if (i.unit[0])
		detail_line(d, ui_s(S_D_UNIT), i.unit);
	struct links k = {a, d, 0};
	detail_line(d, "%s", ui_s(S_D_GRIDS_OF));
	if (instructor_grids(a->gw, r->id, grid_line, &k, &err) != GW_OK)
		detail_line(d, "%s", err.msg);
	if (!k.n)
		detail_line(d, "  %s", ui_s(S_D_NONE));
	k.n = 0;
	detail_line(d, "%s", ui_s(S_D_ORGS_OF));
	if (instructor_orgs(a->gw, r->id, org_line, &k, &err) != GW_OK)
		detail_line(d, "%s", err.msg);
	if (!k.n)
		detail_line(d, "  %s", ui_s(S_D_NONE));
}

static enum gw_status set_status(struct app *a, const char *const *ids, int n, const char *status,
				 struct gw_err *err)
{
	return records_set_column(a->gw, IK_INSTRUCTOR, ids, n, INSTR_C_STATUS,
				  label(EN_INSTR_STATUS, status), err);
}

static enum gw_status bulk_active(struct app *a, const char *const *ids, int n, struct gw_err *err)
{
	return set_status(a, ids, n, "active", err);
}

static enum gw_status bulk_inactive(struct app *a, const char *const *ids, int n, struct gw_err *err)
{
	return set_status(a, ids, n, "inactive", err);
}

static const struct bulk_op bulk[] = {
	{S_BULK_ACTIVE, bulk_active},
	{S_BULK_INACTIVE, bulk_inactive},
};

const struct pane_ops pane_instructors = {
	.kind = IK_INSTRUCTOR,
	.scr = SCR_INSTRUCTORS,
	.title = S_KIND_INSTRUCTOR,
	.cols = cols,
	.default_sort = LI_NAME,
	.detail = detail,
	.del = instructor_delete,
	.bulk = bulk,
	.nbulk = 2,
};
