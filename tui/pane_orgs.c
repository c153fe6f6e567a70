/* pane_orgs.c - organisations (F5): enterprises, social organisations and
 * associations; the detail names the instructors who look after each, with
 * their phones (those of its grid when it has none of its own). */
#include <stdio.h>
#include <string.h>

#include "enums.h"
#include "instructor.h"
#include "listscr.h"
#include "org.h"

static const struct pane_col cols[LO_NCOLS] = {
	[LO_NAME] = {S_COL_NAME, 14, 0, 3, UI_LEFT, -1, 0, NULL},
	[LO_CODE] = {S_COL_CREDIT, 18, 0, 0, UI_LEFT, -1, 0, NULL},
	[LO_KIND] = {S_COL_KIND, 8, 11, 0, UI_LEFT, EN_ORG_KIND, 0, NULL},
	[LO_GRID] = {S_COL_GRID, 8, 0, 1, UI_LEFT, -1, 0, NULL},
	[LO_PARTY] = {S_COL_PARTY_ORG, 6, 10, 0, UI_LEFT, EN_PARTY_ORG, 0, NULL},
	[LO_PHONE] = {S_COL_PHONE, 12, 0, 0, UI_LEFT, -1, 0, NULL},
	[LO_CONTACT] = {S_COL_CONTACT, 6, 0, 0, UI_LEFT, -1, 0, NULL},
};

static const char *label(enum gw_enum e, const char *stored)
{
	int i = enum_index(e, stored);
	return i < 0 ? stored : enum_label(e, i);
}

struct people {
	struct detail *d;
	int n;
};

static int person(void *ctx, const struct instructor_rec *i)
{
	struct people *p = ctx;
	detail_line(p->d, "  %s（%s）%s", i->name, label(EN_ROLE, i->role), i->phone);
	p->n++;
	return 0;
}

static void detail(struct app *a, const struct list_row *r, struct detail *d)
{
	struct org_rec o;
	struct gw_err err;
	if (org_by_id(a->gw, r->id, &o, &err) != GW_OK) {
		detail_line(d, "%s", err.msg);
		return;
	}
	char tags[256] = "";
	enum_list_zh(EN_ORG_TAG, o.tags, tags, sizeof tags);
	detail_line(d, "%s", o.name);
	detail_line(d, ui_s(S_D_ORG_CODE), o.credit_code, label(EN_ORG_KIND, o.kind));
	detail_line(d, ui_s(S_D_GRID), o.grid_code, o.grid_name);
	/* Who looks after it comes first: it is what the clerk calls about. */
	struct people p = {d, 0};
	detail_line(d, "%s", ui_s(S_D_ORG_INSTR));
	if (org_instructors(a->gw, r->id, person, &p, &err) != GW_OK)
		detail_line(d, "%s", err.msg);
	if (!p.n) {
		detail_line(d, "%s", ui_s(S_D_ORG_GRID_INSTR));
		if (grid_instructors(a->gw, o.grid_id, person, &p, &err) != GW_OK)
			detail_line(d, "%s", err.msg);
		if (!p.n)
			detail_line(d, "  %s", ui_s(S_D_NONE));
	}
	if (o.contact[0] || o.phone[0])
		detail_line(d, ui_s(S_D_CONTACT), o.contact, o.phone);
	if (strcmp(o.party_org, "none") == 0)
		detail_line(d, ui_s(S_D_PARTY_NONE), o.party_members < 0 ? 0 : o.party_members);
	else
		detail_line(d, ui_s(S_D_PARTY), label(EN_PARTY_ORG, o.party_org), o.party_org_since,
			    o.party_members < 0 ? 0 : o.party_members);
	if (tags[0] || o.chain[0])
		detail_line(d, ui_s(S_D_ORG_TAGS), tags, o.chain[0] ? label(EN_CHAIN, o.chain) : "");
	if (o.address[0])
		detail_line(d, ui_s(S_D_ADDRESS), o.address);
}

const struct pane_ops pane_orgs = {
	.kind = IK_ORG,
	.scr = SCR_ORGS,
	.title = S_KIND_ORG,
	.cols = cols,
	.default_sort = LO_NAME,
	.detail = detail,
	.del = org_delete,
};
