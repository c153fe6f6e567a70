/* recview.c - the records behind a bar (see recview.h). */
#include "recview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "enums.h"
#include "list.h"
#include "listscr.h"
#include "table.h"
#include "ticket.h"

/* Rows read per page, rows kept for the list, and the time one step may
 * take (well under a frame, so keys never wait). */
#define RV_PAGE 100
#define RV_KEEP 500
#define RV_STEP_NS 8000000L

struct rv_col {
	enum ui_str title;
	int cell;               /* list_cell index */
	int min, grow;
	int en;                 /* an enums.h value shown by its label, -1 plain */
};

static const struct rv_col ticket_cols[] = {
	{S_COL_NUMBER, LT_NUMBER, 14, 0, -1},
	{S_COL_TITLE, LT_TITLE, 8, 3, -1},
	{S_COL_CATEGORY, LT_CATEGORY, 8, 0, EN_CATEGORY},
	{S_COL_STATE, LT_STATUS, 6, 0, EN_TICKET_STATUS},
	{S_COL_DEPT, LT_DEPT, 6, 1, -1},
	{S_COL_DUE, LT_DUE, 10, 0, -1},
};
static const struct rv_col org_cols[] = {
	{S_COL_NAME, LO_NAME, 14, 3, -1},
	{S_COL_KIND, LO_KIND, 8, 0, EN_ORG_KIND},
	{S_COL_GRID, LO_GRID, 8, 1, -1},
	{S_COL_PARTY_ORG, LO_PARTY, 6, 0, EN_PARTY_ORG},
};
static const struct rv_col instructor_cols[] = {
	{S_COL_PERSON, LI_NAME, 8, 1, -1},
	{S_COL_MOBILE, LI_PHONE, 11, 0, -1},
	{S_COL_ROLE, LI_ROLE, 4, 0, EN_ROLE},
	{S_COL_STATUS, LI_STATUS, 4, 0, EN_INSTR_STATUS},
	{S_COL_GRIDS, LI_GRIDS, 8, 2, -1},
};
#define NCOLS(c) ((int)(sizeof c / sizeof c[0]))
#define RV_MAX_COLS 6

struct recview {
	struct rv_query q;
	const struct rv_col *spec;
	int nspec;
	struct table_col cols[RV_MAX_COLS];
	struct table table;
	struct list_row *rows;          /* the first RV_KEEP matches */
	int n;
	long found, looked;
	struct list_row *page;          /* RV_PAGE rows being read */
	struct list_row last;           /* the last row read: the next page follows it */
	int have_last, done;
	struct ticket_rec *t;           /* scratch for the ticket checks (10 KB) */
	char err[512];
};

static const struct modal_ops rv_ops;

static void cell(void *ctx, int row, int arg, char *buf, size_t sz)
{
	struct recview *v = ctx;
	if (row < 0 || row >= v->n)
		return;
	const struct rv_col *c = &v->spec[arg];
	const char *s = list_cell(&v->rows[row], c->cell);
	if (c->en >= 0) {
		int i = enum_index((enum gw_enum)c->en, s);
		if (i >= 0)
			s = enum_label((enum gw_enum)c->en, i);
	}
	snprintf(buf, sz, "%s", s);
}

static void rv_free(void *m)
{
	struct recview *v = m;
	if (!v)
		return;
	free(v->rows);
	free(v->page);
	free(v->t);
	free(v);
}

static int in_period(const struct rv_query *q, const char *at)
{
	if (strlen(at) < 10)
		return 0;
	return (!q->since[0] || strncmp(at, q->since, 10) >= 0) &&
	       (!q->until[0] || strncmp(at, q->until, 10) <= 0);
}

/* Open and counting: what "overdue now" looks at (on hold stops the clock). */
static int open_state(const char *st)
{
	static const char *const open[] = {"new", "accepted", "in_progress", "returned"};
	for (int i = 0; i < 4; i++)
		if (strcmp(st, open[i]) == 0)
			return 1;
	return 0;
}

/* Whether row r is one the bar counts: the cheap test on the list's
 * cells first, then the ticket itself where the cells do not tell. */
static int matches(struct app *a, struct recview *v, const struct list_row *r)
{
	const struct rv_query *q = &v->q;
	struct gw_err err;
	switch (q->filter) {
	case RV_ALL:
		return 1;
	case RV_ORG_KIND:
		return strcmp(list_cell(r, LO_KIND), q->value) == 0;
	case RV_TICKET_CATEGORY:
		if (strcmp(list_cell(r, LT_CATEGORY), q->value) != 0)
			return 0;
		break;
	case RV_TICKET_STATUS:
		if (strcmp(list_cell(r, LT_STATUS), q->value) != 0)
			return 0;
		break;
	case RV_TICKET_OVERDUE: {
		const char *due = list_cell(r, LT_DUE);
		if (strcmp(list_cell(r, LT_DEPT), q->value) != 0 || !open_state(list_cell(r, LT_STATUS)) ||
		    strlen(due) < 10 || strncmp(due, q->today, 10) >= 0)
			return 0;
		break;
	}
	}
	if (ticket_by_id(a->gw, r->id, v->t, &err) != GW_OK || v->t->deleted || v->t->duplicate_of[0])
		return 0;
	if (q->filter == RV_TICKET_OVERDUE)
		return open_state(v->t->status) && v->t->due_on[0] &&
		       calendar_workdays_between(&a->gw->cfg, v->t->due_on, q->today) >= 1;
	return in_period(q, v->t->created_at);
}

static long elapsed_ns(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000000000L + (t1.tv_nsec - t0->tv_nsec);
}

static void scan(struct app *a, struct recview *v)
{
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int sort = v->q.kind == IK_TICKET ? LT_NUMBER : 0;
	while (!v->done && elapsed_ns(&t0) < RV_STEP_NS) {
		struct list_req req = {
			.sort = sort, .desc = v->q.kind == IK_TICKET,   /* the newest tickets first */
			.grid_id = v->q.grid_id[0] ? v->q.grid_id : NULL,
			.from = v->have_last ? &v->last : NULL, .limit = RV_PAGE,
		};
		int got = 0;
		struct gw_err err;
		if (list_page(a->gw, v->q.kind, &req, v->page, &got, &err) != GW_OK) {
			snprintf(v->err, sizeof v->err, "%s", err.msg);
			v->done = 1;
			break;
		}
		for (int i = 0; i < got; i++) {
			v->looked++;
			if (!matches(a, v, &v->page[i]))
				continue;
			v->found++;
			if (v->n < RV_KEEP)
				memcpy(&v->rows[v->n++], &v->page[i], sizeof v->rows[0]);
		}
		if (got > 0) {
			memcpy(&v->last, &v->page[got - 1], sizeof v->last);
			v->have_last = 1;
		}
		if (got < RV_PAGE)
			v->done = 1;
	}
	table_set_rows(&v->table, v->n);
	if (v->table.sel < 0 && v->n > 0)
		table_select(&v->table, 0);
}

int recview_busy(struct app *a)
{
	struct recview *v = app_top(a, &rv_ops);
	return v && !v->done;
}

unsigned recview_step(struct app *a)
{
	struct recview *v = app_top(a, &rv_ops);
	if (!v || v->done)
		return CH_NONE;
	scan(a, v);
	return CH_BODY;
}

static enum scr screen_of(enum import_kind k)
{
	return k == IK_TICKET ? SCR_TICKETS : k == IK_ORG ? SCR_ORGS : SCR_INSTRUCTORS;
}

static unsigned rv_key(struct app *a, void *m, int key)
{
	struct recview *v = m;
	enum action act = action_for_key_in(key, SC_RECVIEW | SC_LIST | SC_GLOBAL);
	int r = table_on_action(&v->table, act);
	if (r >= 0)
		return r ? CH_BODY : CH_NONE;
	switch (act) {
	case ACT_REC_GOTO: {
		if (v->table.sel < 0 || v->table.sel >= v->n)
			return CH_NONE;
		char id[GW_ID_LEN + 1], label[LIST_TEXT_MAX];
		const struct list_row *row = &v->rows[v->table.sel];
		snprintf(id, sizeof id, "%s", row->id);
		snprintf(label, sizeof label, "%s", list_cell(row, v->spec[0].cell));
		enum scr s = screen_of(v->q.kind);
		app_pop(a);
		return listscr_goto(a, s, id, label) | CH_ALL;
	}
	case ACT_BACK:
		return app_pop(a);
	case ACT_HELP:
	case ACT_REDRAW:
	case ACT_QUIT:
		return CH_UNHANDLED;
	default:
		return CH_NONE;
	}
}

static void rv_draw(struct app *a, void *m, int rows, int cols)
{
	struct recview *v = m;
	(void)a;
	int y = 1, h = rows - 3, x = 0, w = cols;
	ui_box(stdscr, y, x, h, w, v->q.title);
	char line[512], more[128] = "";
	if (v->err[0])
		snprintf(line, sizeof line, "%s", v->err);
	else if (!v->done)
		snprintf(line, sizeof line, ui_s(S_RV_SEARCHING), v->looked);
	else if (v->found == 0)
		snprintf(line, sizeof line, "%s", ui_s(S_RV_NONE));
	else if (v->q.expect >= 0 && v->q.expect != v->found)
		snprintf(line, sizeof line, ui_s(S_RV_FOUND_OF), (int)v->found, v->q.expect);
	else
		snprintf(line, sizeof line, ui_s(S_RV_FOUND), (int)v->found);
	if (v->found > v->n)
		snprintf(more, sizeof more, ui_s(S_RV_MORE), v->n);
	snprintf(line + strlen(line), sizeof line - strlen(line), "%s", more);
	ui_text(stdscr, y + 1, x + 2, w - 4, line, A_BOLD, UI_LEFT);
	table_draw(stdscr, &v->table, y + 2, x + 1, h - 3, w - 2);
}

static const struct modal_ops rv_ops = {
	.title = S_RV_TITLE, .scope = SC_RECVIEW | SC_LIST, .on_key = rv_key, .draw = rv_draw,
	.free = rv_free,
};

unsigned recview_open(struct app *a, const struct rv_query *q)
{
	struct recview *v = calloc(1, sizeof *v);
	if (v) {
		v->rows = malloc(RV_KEEP * sizeof *v->rows);
		v->page = malloc(RV_PAGE * sizeof *v->page);
		v->t = malloc(sizeof *v->t);
	}
	if (!v || !v->rows || !v->page || !v->t) {
		rv_free(v);
		return app_msg(a, "%s", gw_status_text(GW_ENOMEM));
	}
	v->q = *q;
	if (q->kind == IK_TICKET) {
		v->spec = ticket_cols;
		v->nspec = NCOLS(ticket_cols);
	} else if (q->kind == IK_ORG) {
		v->spec = org_cols;
		v->nspec = NCOLS(org_cols);
	} else {
		v->spec = instructor_cols;
		v->nspec = NCOLS(instructor_cols);
	}
	for (int i = 0; i < v->nspec; i++)
		v->cols[i] = (struct table_col){v->spec[i].title, v->spec[i].min, 0, v->spec[i].grow,
						UI_LEFT, NULL, cell, i};
	table_init(&v->table, v->cols, v->nspec, v);
	v->table.sort_col = -1;
	/* The first page at once: a small node needs no second step. */
	scan(a, v);
	return app_push(a, &rv_ops, v);
}
