/* screen_grids.c - the grid tree: county -> townships and parks -> grids,
 * each with its organisations, party-organisation coverage and instructor
 * staffing against the "1 full-time + 2 part-time" standard.
 *
 * The tree comes whole from core list_grid_tree() and list_grid_counts()
 * (a county has a few dozen to a thousand nodes); folding is a view over
 * it, and the table widget draws it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "dialog.h"
#include "enums.h"
#include "form.h"
#include "giveway.h"
#include "grid.h"
#include "list.h"
#include "table.h"
#include "width.h"

/* The standard every grid is staffed against. */
#define STD_FULL 1
#define STD_PART 2

/* A node's figures including everything below it. */
struct sums {
	int orgs, covered, full, part;
	int grids, met;
};

struct grids {
	struct grid_node *nodes;
	int n;
	int *parent;            /* index of the parent node, -1 at the top */
	int *kids;              /* number of direct children */
	unsigned char *folded;
	struct sums *sum;
	int *vis;               /* visible node indices, in order */
	int nvis;
	struct table table;
	int detail;             /* the detail pane is shown */
	int counting;           /* the counts are still to come (grids_step) */
	char err[512];          /* why the tree could not be loaded */
};

static struct grids *state(struct app *a)
{
	return a->state[SCR_GRIDS];
}

static int is_grid(const struct grid_node *g)
{
	return strcmp(g->g.level, "grid") == 0;
}

static int meets(const struct grid_node *g)
{
	return g->full_time >= STD_FULL && g->part_time >= STD_PART;
}

/* The node shown in table row `row`. */
static const struct grid_node *row_node(struct grids *s, int row, int *idx)
{
	if (row < 0 || row >= s->nvis)
		return NULL;
	if (idx)
		*idx = s->vis[row];
	return &s->nodes[s->vis[row]];
}

static void cell_name(void *ctx, int row, char *buf, size_t sz)
{
	struct grids *s = ctx;
	int i;
	const struct grid_node *g = row_node(s, row, &i);
	if (!g)
		return;
	/* ASCII fold markers: an arrow would be ambiguous width. */
	const char *mark = s->kids[i] ? (s->folded[i] ? "+ " : "- ") : "  ";
	snprintf(buf, sz, "%*s%s%s", 2 * g->depth, "", mark, g->g.name);
}

static void cell_code(void *ctx, int row, char *buf, size_t sz)
{
	const struct grid_node *g = row_node(ctx, row, NULL);
	if (g)
		snprintf(buf, sz, "%s", g->g.code);
}

static const char *label(enum gw_enum e, const char *stored)
{
	int i = enum_index(e, stored);
	return i < 0 ? stored : enum_label(e, i);
}

static void cell_level(void *ctx, int row, char *buf, size_t sz)
{
	const struct grid_node *g = row_node(ctx, row, NULL);
	if (g)
		snprintf(buf, sz, "%s", label(EN_LEVEL, g->g.level));
}

static void cell_basis(void *ctx, int row, char *buf, size_t sz)
{
	const struct grid_node *g = row_node(ctx, row, NULL);
	if (g && g->g.basis[0])
		snprintf(buf, sz, "%s", label(EN_BASIS, g->g.basis));
}

/* A row's figures; NULL while they are being counted. */
static const struct sums *row_sums(void *ctx, int row)
{
	struct grids *s = ctx;
	int i;
	return !s->counting && row_node(s, row, &i) ? &s->sum[i] : NULL;
}

static void cell_orgs(void *ctx, int row, char *buf, size_t sz)
{
	const struct sums *m = row_sums(ctx, row);
	if (m)
		snprintf(buf, sz, "%d", m->orgs);
}

static void cell_covered(void *ctx, int row, char *buf, size_t sz)
{
	const struct sums *m = row_sums(ctx, row);
	if (m)
		snprintf(buf, sz, "%d", m->covered);
}

static void cell_full(void *ctx, int row, char *buf, size_t sz)
{
	const struct sums *m = row_sums(ctx, row);
	if (m)
		snprintf(buf, sz, "%d", m->full);
}

static void cell_part(void *ctx, int row, char *buf, size_t sz)
{
	const struct sums *m = row_sums(ctx, row);
	if (m)
		snprintf(buf, sz, "%d", m->part);
}

/* A grid says met / short; a township or park how many of its grids meet. */
static void cell_std(void *ctx, int row, char *buf, size_t sz)
{
	struct grids *s = ctx;
	int i;
	const struct grid_node *g = row_node(s, row, &i);
	if (!g || s->counting)
		return;
	if (is_grid(g))
		snprintf(buf, sz, "%s", ui_s(meets(g) ? S_MET : S_SHORT));
	else if (s->sum[i].grids)
		snprintf(buf, sz, "%d/%d", s->sum[i].met, s->sum[i].grids);
}

static const struct table_col columns[] = {
	{S_COL_NAME, 16, 0, 3, UI_LEFT, cell_name, NULL, 0},
	{S_COL_CODE, 13, 0, 1, UI_LEFT, cell_code, NULL, 0},
	{S_COL_LEVEL, 4, 8, 0, UI_LEFT, cell_level, NULL, 0},
	{S_COL_BASIS, 6, 8, 0, UI_LEFT, cell_basis, NULL, 0},
	{S_COL_ORGS, 4, 0, 0, UI_RIGHT, cell_orgs, NULL, 0},
	{S_COL_COVERED, 5, 0, 0, UI_RIGHT, cell_covered, NULL, 0},
	{S_COL_FULL, 4, 0, 0, UI_RIGHT, cell_full, NULL, 0},
	{S_COL_PART, 4, 0, 0, UI_RIGHT, cell_part, NULL, 0},
	{S_COL_STD, 6, 5, 0, UI_LEFT, cell_std, NULL, 0},
};
#define NCOLUMNS (int)(sizeof columns / sizeof columns[0])

/* Rebuilds the visible rows after folding, keeping the selected node. */
static void rebuild(struct grids *s, int keep)
{
	s->nvis = 0;
	for (int i = 0; i < s->n; i++) {
		int shown = 1;
		for (int p = s->parent[i]; p >= 0; p = s->parent[p])
			if (s->folded[p]) {
				shown = 0;
				break;
			}
		if (shown)
			s->vis[s->nvis++] = i;
	}
	table_set_rows(&s->table, s->nvis);
	for (int r = 0; keep >= 0 && r < s->nvis; r++)
		if (s->vis[r] == keep) {
			table_select(&s->table, r);
			break;
		}
}

static void free_state(struct grids *s)
{
	if (!s)
		return;
	free(s->nodes);
	free(s->parent);
	free(s->kids);
	free(s->folded);
	free(s->sum);
	free(s->vis);
	free(s);
}

/* Parents and child counts from the depth-first order of the tree. */
static void derive(struct grids *s)
{
	int stack[64];
	for (int i = 0; i < s->n; i++) {
		int d = s->nodes[i].depth;
		if (d < 0)
			d = 0;
		if (d >= 64)
			d = 63;
		s->parent[i] = d > 0 ? stack[d - 1] : -1;
		stack[d] = i;
		if (s->parent[i] >= 0)
			s->kids[s->parent[i]]++;
	}
}

/* Each node's figures with everything below it, once the counts are in. */
static void derive_sums(struct grids *s)
{
	memset(s->sum, 0, (size_t)s->n * sizeof *s->sum);
	for (int i = s->n - 1; i >= 0; i--) {
		const struct grid_node *g = &s->nodes[i];
		struct sums *m = &s->sum[i];
		m->orgs += g->orgs;
		m->covered += g->orgs_covered;
		m->full += g->full_time;
		m->part += g->part_time;
		if (is_grid(g)) {
			m->grids++;
			m->met += meets(g);
		}
		int p = s->parent[i];
		if (p >= 0) {
			struct sums *q = &s->sum[p];
			q->orgs += m->orgs;
			q->covered += m->covered;
			q->full += m->full;
			q->part += m->part;
			q->grids += m->grids;
			q->met += m->met;
		}
	}
}

static int count_step(struct app *a, struct grids *s, int between_keys);

static enum gw_status grids_open(struct app *a, struct gw_err *err)
{
	struct grids *s = calloc(1, sizeof *s);
	if (!s)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	a->state[SCR_GRIDS] = s;
	table_init(&s->table, columns, NCOLUMNS, s);
	/* The tree at once, its counts as soon as they are in (count_step). */
	enum gw_status st = list_grid_tree(a->gw, &s->nodes, &s->n, err);
	if (st != GW_OK) {
		snprintf(s->err, sizeof s->err, "%s", err->msg);
		return st;
	}
	size_t n = (size_t)(s->n ? s->n : 1);
	s->parent = calloc(n, sizeof *s->parent);
	s->kids = calloc(n, sizeof *s->kids);
	s->folded = calloc(n, sizeof *s->folded);
	s->sum = calloc(n, sizeof *s->sum);
	s->vis = calloc(n, sizeof *s->vis);
	if (!s->parent || !s->kids || !s->folded || !s->sum || !s->vis) {
		s->n = 0;
		snprintf(s->err, sizeof s->err, "%s", gw_status_text(GW_ENOMEM));
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	}
	derive(s);
	rebuild(s, -1);
	if (s->n == 0) {
		app_msg(a, "%s", ui_s(S_GRIDS_EMPTY));
		return GW_OK;
	}
	s->counting = 1;
	app_msg(a, "%s", ui_s(S_GRIDS_COUNTING));
	count_step(a, s, 0);
	return GW_OK;
}

/* Counts each grid's organisations and instructors: from a key within its
 * frame's budget, else between keys (tui/giveway.h).  On a county of
 * 100,000 organisations the counts take 30 ms, which the first screen
 * does not wait for.  Returns whether they are in. */
static int count_step(struct app *a, struct grids *s, int between_keys)
{
	struct giveway g;
	struct gw_err err;
	giveway_begin(a->gw, &g, between_keys ? 0 : GIVEWAY_FRAME, between_keys);
	enum gw_status st = list_grid_counts(a->gw, s->nodes, s->n, &err);
	if (giveway_end(a->gw, &g) != GIVEWAY_DONE && st != GW_OK)
		return 0;
	s->counting = 0;
	int ours = strcmp(a->msg, ui_s(S_GRIDS_COUNTING)) == 0;
	if (st != GW_OK) {
		app_msg(a, "%s", err.msg);
		return 1;
	}
	derive_sums(s);
	int grids = 0, met = 0;
	for (int i = 0; i < s->n; i++)
		if (s->parent[i] < 0) {
			grids += s->sum[i].grids;
			met += s->sum[i].met;
		}
	/* Unless something has been said since the counting began. */
	if (ours)
		app_msg(a, ui_s(S_GRIDS_LOADED), grids, met);
	return 1;
}

int grids_busy(struct app *a)
{
	struct grids *s = state(a);
	return a->cur == SCR_GRIDS && s && s->counting;
}

unsigned grids_step(struct app *a)
{
	struct grids *s = state(a);
	if (!s || !s->counting)
		return CH_NONE;
	return count_step(a, s, 1) ? CH_ALL : CH_NONE;
}

static void grids_close(struct app *a)
{
	free_state(state(a));
	a->state[SCR_GRIDS] = NULL;
}

/* Folds or unfolds node i; returns whether anything changed. */
static int set_fold(struct grids *s, int i, int fold)
{
	if (!s->kids[i] || s->folded[i] == fold)
		return 0;
	s->folded[i] = (unsigned char)fold;
	rebuild(s, i);
	return 1;
}

static unsigned show_detail(struct grids *s)
{
	if (s->detail)
		return CH_NONE;
	s->detail = 1;
	return CH_BODY;
}

static void delete_yes(struct app *a, void *ctx)
{
	struct grids *s = state(a);
	const struct grid_node *g = s ? row_node(s, s->table.sel, NULL) : NULL;
	struct gw_err err;
	(void)ctx;
	if (!g)
		return;
	char name[200];
	snprintf(name, sizeof name, "%s", g->g.name);
	if (grid_delete(a->gw, g->g.id, &err) != GW_OK) {
		app_msg(a, "%s", err.msg);
		return;
	}
	app_msg(a, ui_s(S_DELETED), name);
	app_changed(a);
}

/* Reads the tree again after a change, keeping the selected node and
 * what was folded. */
static void grids_refresh(struct app *a)
{
	struct grids *s = state(a);
	if (!s)
		return;
	const struct grid_node *g = row_node(s, s->table.sel, NULL);
	char keep[GW_ID_LEN + 1] = "";
	if (g)
		snprintf(keep, sizeof keep, "%s", g->g.id);
	int nfold = 0, detail = s->detail;
	char (*folded)[GW_ID_LEN + 1] = calloc((size_t)(s->n ? s->n : 1), sizeof *folded);
	for (int i = 0; folded && i < s->n; i++)
		if (s->folded[i])
			snprintf(folded[nfold++], sizeof folded[0], "%s", s->nodes[i].g.id);
	char msg[sizeof a->msg];
	snprintf(msg, sizeof msg, "%s", a->msg);
	grids_close(a);
	struct gw_err err;
	if (grids_open(a, &err) != GW_OK) {
		free(folded);
		return;
	}
	snprintf(a->msg, sizeof a->msg, "%s", msg);   /* the message of the change stays */
	s = state(a);
	s->detail = detail;
	for (int i = 0; i < s->n; i++)
		for (int k = 0; k < nfold; k++)
			if (strcmp(s->nodes[i].g.id, folded[k]) == 0)
				s->folded[i] = 1;
	free(folded);
	int idx = -1;
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->nodes[i].g.id, keep) == 0)
			idx = i;
	rebuild(s, idx);
}

static unsigned grids_on_action(struct app *a, enum action act)
{
	struct grids *s = state(a);
	if (!s)
		return CH_UNHANDLED;
	int r = table_on_action(&s->table, act);
	if (r >= 0)
		return r ? CH_BODY | CH_BARS : CH_NONE;
	int i;
	const struct grid_node *g = row_node(s, s->table.sel, &i);
	switch (act) {
	case ACT_OPEN:
		if (!g)
			return CH_NONE;
		if (s->kids[i])
			return set_fold(s, i, !s->folded[i]) ? CH_BODY | CH_BARS : CH_NONE;
		return show_detail(s);
	case ACT_EXPAND:
		if (!g)
			return CH_NONE;
		if (s->kids[i] && s->folded[i])
			return set_fold(s, i, 0) ? CH_BODY | CH_BARS : CH_NONE;
		return show_detail(s);
	case ACT_COLLAPSE:
		if (!g)
			return CH_NONE;
		if (s->kids[i] && !s->folded[i])
			return set_fold(s, i, 1) ? CH_BODY | CH_BARS : CH_NONE;
		for (int v = 0; s->parent[i] >= 0 && v < s->nvis; v++)
			if (s->vis[v] == s->parent[i]) {
				table_select(&s->table, v);
				return CH_BODY | CH_BARS;
			}
		return CH_NONE;
	case ACT_BACK:
		if (!s->detail)
			return CH_UNHANDLED;
		s->detail = 0;
		return CH_BODY;
	case ACT_EDIT:
		return g ? form_open(a, IK_GRID, g->g.id, NULL) : CH_NONE;
	case ACT_NEW:
		/* A new node starts under the selected one. */
		return form_open(a, IK_GRID, NULL, g ? g->g.code : NULL);
	case ACT_DELETE:
		if (!g)
			return CH_NONE;
		{
			char q[600];
			snprintf(q, sizeof q, ui_s(S_ASK_DELETE), ui_s(S_KIND_GRID), g->g.name);
			return dialog_confirm(a, q, delete_yes, NULL, NULL);
		}
	default:
		return CH_UNHANDLED;
	}
}

/* The detail of node i as lines of text, wrapped to cols. */
static void draw_detail(struct grids *s, WINDOW *w, int y, int x, int h, int cols)
{
	int i;
	const struct grid_node *g = row_node(s, s->table.sel, &i);
	ui_clear(w, y, x, h, cols);
	if (!g || h <= 0)
		return;
	char lines[8][600];
	int n = 0;
	const struct sums *m = &s->sum[i];
	snprintf(lines[n++], sizeof lines[0], ui_s(S_D_CODE), g->g.code, label(EN_LEVEL, g->g.level));
	if (g->g.basis[0])
		snprintf(lines[n++], sizeof lines[0], ui_s(S_D_BASIS), label(EN_BASIS, g->g.basis));
	if (s->parent[i] >= 0) {
		const struct grid_rec *p = &s->nodes[s->parent[i]].g;
		snprintf(lines[n++], sizeof lines[0], ui_s(S_D_PARENT), p->code, p->name);
	}
	if (s->counting)
		snprintf(lines[n++], sizeof lines[0], "%s", ui_s(S_GRIDS_COUNTING));
	else if (m->orgs)
		snprintf(lines[n++], sizeof lines[0], ui_s(S_D_ORGS), m->orgs, m->covered,
			 m->covered * 100 / m->orgs);
	else
		snprintf(lines[n++], sizeof lines[0], "%s", ui_s(S_D_ORGS_NONE));
	if (s->counting) {
		/* the figures follow */
	} else if (is_grid(g)) {
		snprintf(lines[n++], sizeof lines[0], ui_s(S_D_INSTR), m->full, m->part);
		int lack_f = STD_FULL - g->full_time, lack_p = STD_PART - g->part_time;
		char lack[128] = "", part[64];
		if (lack_f > 0)
			snprintf(lack, sizeof lack, ui_s(S_D_LACK_FULL), lack_f);
		if (lack_p > 0) {
			snprintf(part, sizeof part, ui_s(S_D_LACK_PART), lack_p);
			size_t k = strlen(lack);
			snprintf(lack + k, sizeof lack - k, "%s%s", k ? ui_s(S_D_AND) : "", part);
		}
		if (meets(g))
			snprintf(lines[n++], sizeof lines[0], "%s", ui_s(S_D_STD_MET));
		else
			snprintf(lines[n++], sizeof lines[0], ui_s(S_D_STD_SHORT), lack);
	} else {
		snprintf(lines[n++], sizeof lines[0], ui_s(S_D_INSTR), m->full, m->part);
		snprintf(lines[n++], sizeof lines[0], ui_s(S_D_GRIDS), m->grids, m->met);
		snprintf(lines[n++], sizeof lines[0], "%s", ui_s(S_D_SUMS));
	}
	int row = 0;
	ui_text(w, y + row++, x, cols, g->g.name, A_BOLD, UI_LEFT);
	for (int k = 0; k < n && row < h; k++) {
		const char *t = lines[k];
		size_t len = strlen(t), off = 0;
		while (off < len && row < h) {
			size_t nx, line = ui_wrap(t + off, len - off, cols, &nx);
			char one[600];
			snprintf(one, sizeof one, "%.*s", (int)line, t + off);
			ui_text(w, y + row++, x, cols, one, A_NORMAL, UI_LEFT);
			off += nx;
		}
	}
}

/* Wide terminals put the detail on the right, narrow ones below. */
#define DETAIL_RIGHT_MIN_COLS 120
#define DETAIL_COLS 40
#define DETAIL_ROWS 8

static void grids_draw(struct app *a, WINDOW *w, int y, int x, int h, int cols)
{
	struct grids *s = state(a);
	ui_clear(w, y, x, h, cols);
	if (!s)
		return;
	if (s->err[0]) {
		ui_text(w, y + 1, x + 1, cols - 2, s->err, A_BOLD, UI_LEFT);
		return;
	}
	if (s->n == 0) {
		ui_text(w, y + 1, x + 1, cols - 2, ui_s(S_GRIDS_EMPTY), A_NORMAL, UI_LEFT);
		return;
	}
	if (!s->detail) {
		table_draw(w, &s->table, y, x, h, cols);
		return;
	}
	if (cols >= DETAIL_RIGHT_MIN_COLS) {
		int tw = cols - DETAIL_COLS - 1;
		table_draw(w, &s->table, y, x, h, tw);
		mvwvline_set(w, y, x + tw, WACS_VLINE, h);
		ui_text(w, y, x + tw + 2, DETAIL_COLS - 2, ui_s(S_DETAIL), A_BOLD, UI_LEFT);
		draw_detail(s, w, y + 1, x + tw + 2, h - 1, DETAIL_COLS - 2);
		return;
	}
	int th = h - DETAIL_ROWS - 1;
	table_draw(w, &s->table, y, x, th, cols);
	mvwhline_set(w, y + th, x, WACS_HLINE, cols);
	ui_text(w, y + th, x + 2, 1, "", A_NORMAL, UI_LEFT);
	int tw = width_str(ui_s(S_DETAIL), strlen(ui_s(S_DETAIL)));
	ui_text(w, y + th, x + 3, tw, ui_s(S_DETAIL), A_BOLD, UI_LEFT);
	ui_text(w, y + th, x + 3 + tw, 1, "", A_NORMAL, UI_LEFT);
	draw_detail(s, w, y + th + 1, x + 1, DETAIL_ROWS, cols - 2);
}

const struct screen_ops screen_grids_ops = {
	.title = S_SCR_GRIDS,
	.scope = SC_LIST | SC_TREE | SC_EDIT,
	.open = grids_open,
	.close = grids_close,
	.on_action = grids_on_action,
	.draw = grids_draw,
	.reload = grids_refresh,
};
