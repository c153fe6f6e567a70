/* pane_tickets.c - the ticket queue (F4): number, title, category, grid,
 * department, state and due date; an overdue ticket says so in its due
 * column ("超期"), and is bold besides.
 *
 * The ticket desk (tui/desk.h): the workflow keys (accept, transfer,
 * resolve, ...) on the selected ticket, Enter for its detail with the
 * full history, and b for the tagged tickets' bulk transfer or instructor
 * assignment, all through on_action, which sees every action first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"
#include "enums.h"
#include "id.h"
#include "listscr.h"
#include "strbuf.h"
#include "ticket.h"
#include "ticket_flow.h"

/* Open and past its due date. */
static int overdue(const struct list_row *r)
{
	const char *due = list_cell(r, LT_DUE), *st = list_cell(r, LT_STATUS);
	if (!due[0] || strcmp(st, "resolved") == 0 || strcmp(st, "closed") == 0)
		return 0;
	char today[11];
	clock_today(today);
	return strcmp(due, today) < 0;
}

/* "超期 11-20" is as wide as "2026-11-20", so the column keeps its width. */
static void fmt_due(const struct list_row *r, int col, char *buf, size_t sz)
{
	const char *due = list_cell(r, col);
	if (overdue(r) && strlen(due) == 10)
		snprintf(buf, sz, "%s %s", ui_s(S_OVERDUE), due + 5);
	else
		snprintf(buf, sz, "%s", due);
}

static attr_t row_attr(const struct list_row *r)
{
	return overdue(r) ? A_BOLD : A_NORMAL;
}

static const struct pane_col cols[LT_NCOLS] = {
	[LT_NUMBER] = {S_COL_NUMBER, 14, 0, 0, UI_LEFT, -1, 0, NULL},
	[LT_TITLE] = {S_COL_TITLE, 8, 0, 3, UI_LEFT, -1, 0, NULL},
	[LT_CATEGORY] = {S_COL_CATEGORY, 8, 12, 0, UI_LEFT, EN_CATEGORY, 0, NULL},
	[LT_GRID] = {S_COL_GRID, 6, 0, 1, UI_LEFT, -1, 0, NULL},
	[LT_DEPT] = {S_COL_DEPT, 6, 0, 1, UI_LEFT, -1, 0, NULL},
	[LT_STATUS] = {S_COL_STATE, 6, 11, 0, UI_LEFT, EN_TICKET_STATUS, 0, NULL},
	[LT_DUE] = {S_COL_DUE, 10, 0, 0, UI_LEFT, -1, 0, fmt_due},
};

static const char *label(enum gw_enum e, const char *stored)
{
	int i = enum_index(e, stored);
	return i < 0 ? stored : enum_label(e, i);
}

/* The history read once: its last step, and every step as a line. */
struct history {
	int n;
	struct ticket_event_rec last;
	struct strbuf lines;
};

static int add_event(void *ctx, const struct ticket_event_rec *e)
{
	struct history *h = ctx;
	memcpy(&h->last, e, sizeof *e);
	h->n++;
	sb_printf(&h->lines, "  %.16s %s %s %s\n", e->at, ticket_event_label(e->action), e->department,
		  e->note);
	return 0;
}

static void detail(struct app *a, const struct list_row *r, struct detail *d)
{
	static struct ticket_rec t;   /* 10 KB; the interface is single-threaded */
	struct gw_err err;
	if (ticket_by_id(a->gw, r->id, &t, &err) != GW_OK) {
		detail_line(d, "%s", err.msg);
		return;
	}
	detail_line(d, "%s %s", t.number, t.title);
	detail_line(d, ui_s(S_D_TICKET_LINE), label(EN_CATEGORY, t.category),
		    label(EN_SOURCE, t.source), label(EN_TICKET_STATUS, t.status));
	detail_line(d, ui_s(S_D_GRID), t.grid_code, list_cell(r, LT_GRID));
	if (t.org_code[0])
		detail_line(d, ui_s(S_D_TICKET_ORG), t.org_code);
	if (t.reporter[0] || t.reporter_phone[0])
		detail_line(d, ui_s(S_D_REPORTER), t.reporter, t.reporter_phone);
	if (t.department[0])
		detail_line(d, ui_s(S_D_DEPT), t.department);
	detail_line(d, ui_s(S_D_TIMES), t.created_at, t.due_on[0] ? t.due_on : "-",
		    overdue(r) ? ui_s(S_OVERDUE) : "");
	/* The last step first, so that a short pane still shows where the
	 * ticket stands; the whole history follows (Enter shows it all). */
	struct history h;
	memset(&h, 0, sizeof h);
	enum gw_status st = ticket_events(a->gw, t.id, add_event, &h, &err);
	if (h.n)
		detail_line(d, ui_s(S_D_LATEST), h.last.at, ticket_event_label(h.last.action),
			    h.last.operator_name);
	if (t.description[0])
		detail_line(d, "%s", t.description);
	detail_line(d, "%s", ui_s(S_D_HISTORY));
	for (const char *p = h.lines.len ? sb_str(&h.lines) : ""; *p;) {
		const char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);
		detail_line(d, "%.*s", len, p);
		p += len + (nl != NULL);
	}
	if (st != GW_OK)
		detail_line(d, "%s", err.msg);
	sb_free(&h.lines);
}

/* Enter opens the detail; b the desk's bulk actions; the moves' keys
 * move the selected ticket. */
static unsigned on_action(struct app *a, struct listscr *s, enum action act)
{
	if (s->tree_focus)
		return CH_UNHANDLED;
	const struct list_row *r = listscr_selected(s);
	if (act == ACT_TICKET_VIEW)
		return r ? desk_view_open(a, r->id) : CH_NONE;
	if (act == ACT_BULK) {
		int n = s->ntags ? s->ntags : r ? 1 : 0;
		const char **ids = malloc((size_t)(n ? n : 1) * sizeof *ids);
		if (!ids)
			return app_msg(a, "%s", gw_status_text(GW_ENOMEM));
		for (int i = 0; i < n; i++)
			ids[i] = s->ntags ? s->tags[i] : r->id;
		unsigned ch = desk_bulk(a, ids, n);
		free(ids);
		return ch;
	}
	if (!r)
		return action_scope(act) & SC_DESK ? CH_NONE : CH_UNHANDLED;
	struct desk_ticket t = {r->id, list_cell(r, LT_NUMBER), list_cell(r, LT_STATUS),
				list_cell(r, LT_DEPT), r->version};
	return desk_move(a, &t, act);
}

const struct pane_ops pane_tickets = {
	.kind = IK_TICKET,
	.scr = SCR_TICKETS,
	.title = S_KIND_TICKET,
	.cols = cols,
	.default_sort = LT_NUMBER,
	.detail = detail,
	.scope = SC_DESK | SC_DESK_QUEUE,
	.on_action = on_action,
	.row_attr = row_attr,
};
