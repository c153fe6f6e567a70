/* lookup.c - the quick lookup overlay (see lookup.h). */
#include "lookup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"
#include "enums.h"
#include "field.h"
#include "input.h"
#include "listscr.h"
#include "search.h"
#include "width.h"

/* Hits per kind: a screenful; "more" says to type more. */
#define LOOKUP_PER_KIND 12

/* A screen line of the results: a kind's heading (hit < 0), or a hit's
 * first line (part 0) or the people who look after it (part 1). */
struct lline {
	int hit, part;
	enum search_kind kind;
};

struct lookup {
	struct field q;
	struct search_result res;
	int searched;              /* res holds hits */
	struct lline *lines;
	int nlines, cap;
	int sel;                   /* selected hit, -1 none */
	int top, page;             /* first result line shown; lines shown */
	char note[512];
};

static const char *label(enum gw_enum e, const char *stored)
{
	int i = enum_index(e, stored);
	return i < 0 ? stored : enum_label(e, i);
}

static int add_line(struct lookup *l, int hit, int part, enum search_kind k)
{
	if (l->nlines == l->cap) {
		int nc = l->cap ? l->cap * 2 : 64;
		struct lline *nl = realloc(l->lines, (size_t)nc * sizeof *nl);
		if (!nl)
			return -1;
		l->lines = nl;
		l->cap = nc;
	}
	l->lines[l->nlines++] = (struct lline){hit, part, k};
	return 0;
}

/* Whether a hit shows who looks after it on a second line. */
static int has_people(const struct search_hit *h)
{
	return h->kind == SK_ORG || h->kind == SK_GRID;
}

static void build_lines(struct lookup *l)
{
	l->nlines = 0;
	int kind = -1;
	for (int i = 0; i < l->res.n; i++) {
		const struct search_hit *h = &l->res.hits[i];
		if ((int)h->kind != kind) {
			kind = (int)h->kind;
			add_line(l, -1, 0, h->kind);
		}
		add_line(l, i, 0, h->kind);
		if (has_people(h))
			add_line(l, i, 1, h->kind);
	}
}

static void research(struct app *a, struct lookup *l)
{
	const char *q = field_text(&l->q);
	struct gw_err err;
	if (l->searched)
		search_result_free(&l->res);
	memset(&l->res, 0, sizeof l->res);
	l->searched = 0;
	l->nlines = 0;
	l->sel = -1;
	l->top = 0;
	l->note[0] = 0;
	while (*q == ' ')
		q++;
	if (!*q) {
		snprintf(l->note, sizeof l->note, "%s", ui_s(S_LK_HINT));
		return;
	}
	struct search_opts so = {-1, LOOKUP_PER_KIND};
	if (search_find(a->gw, q, &so, &l->res, &err) != GW_OK) {
		snprintf(l->note, sizeof l->note, "%s", err.msg);
		return;
	}
	l->searched = 1;
	build_lines(l);
	if (l->res.n == 0)
		snprintf(l->note, sizeof l->note, "%s", ui_s(S_PICK_NOTHING));
	else
		l->sel = 0;
}

/* ---- the text of a line ---------------------------------------------------- */

/* "name phone、name phone" of the people refs of relation rel. */
static int people(const struct search_hit *h, enum search_rel rel, char *buf, size_t sz)
{
	int n = 0, shown = h->nrefs < SEARCH_REFS_MAX ? h->nrefs : SEARCH_REFS_MAX;
	size_t len = strlen(buf);
	for (int i = 0; i < shown && len < sz; i++) {
		const struct search_ref *r = &h->refs[i];
		if (r->rel != rel)
			continue;
		len += (size_t)snprintf(buf + len, sz - len, "%s%s %s", n++ ? gw_tr("、", ", ") : "",
					r->name, r->phone);
	}
	return n;
}

/* The grids an instructor looks after, by name. */
static void places(const struct search_hit *h, char *buf, size_t sz)
{
	int n = 0, shown = h->nrefs < SEARCH_REFS_MAX ? h->nrefs : SEARCH_REFS_MAX;
	size_t len = strlen(buf);
	for (int i = 0; i < shown && len < sz; i++)
		if (h->refs[i].rel == SR_GRID)
			len += (size_t)snprintf(buf + len, sz - len, "%s%s", n++ ? gw_tr("、", ", ") : "",
						h->refs[i].name);
}

static void people_line(const struct search_hit *h, char *buf, size_t sz)
{
	snprintf(buf, sz, "      %s", ui_s(S_LK_PEOPLE));
	if (people(h, SR_INSTRUCTOR, buf, sz))
		return;
	if (h->kind == SK_ORG) {
		snprintf(buf, sz, "      %s", ui_s(S_LK_GRID_PEOPLE));
		if (people(h, SR_GRID_INSTRUCTOR, buf, sz))
			return;
	}
	snprintf(buf, sz, "      %s%s", ui_s(S_LK_PEOPLE), ui_s(S_D_NONE));
}

static void hit_line(const struct search_hit *h, char *buf, size_t sz)
{
	char more[1200] = "";
	switch (h->kind) {
	case SK_INSTRUCTOR:
		places(h, more, sizeof more);
		snprintf(buf, sz, "  %s  %s  %s%s%s  %s  %s%s", h->name, h->phone, label(EN_ROLE, h->role),
			 strcmp(h->status, "active") ? " " : "",
			 strcmp(h->status, "active") ? label(EN_INSTR_STATUS, h->status) : "", h->unit,
			 ui_s(S_LK_GRIDS), more[0] ? more : ui_s(S_D_NONE));
		break;
	case SK_ORG:
		snprintf(buf, sz, "  %s  %s  %s%s  %s%s", h->name, h->code, ui_s(S_LK_GRID), h->grid_name,
			 ui_s(S_LK_PARTY), label(EN_PARTY_ORG, h->status));
		break;
	case SK_GRID:
		snprintf(buf, sz, "  %s  %s  %s", h->code, h->name, label(EN_LEVEL, h->role));
		if (h->meets >= 0) {
			size_t len = strlen(buf);
			snprintf(buf + len, sz - len, ui_s(S_LK_STAFF), h->full_time, h->part_time,
				 ui_s(h->meets ? S_MET : S_SHORT));
		}
		break;
	case SK_TICKET:
		snprintf(buf, sz, "  %s  %s  %s  %s%s  %s%s", h->code, h->name,
			 label(EN_TICKET_STATUS, h->status), ui_s(S_LK_DUE), h->date[0] ? h->date : "-",
			 ui_s(S_LK_GRID), h->grid_name);
		break;
	case SK_WORKER:
		snprintf(buf, sz, "  %s  %s  %s  %s", h->name, h->phone, label(EN_JOB, h->role), h->unit);
		break;
	case SK_STATION:
		enum_list_zh(EN_SERVICE, h->services, more, sizeof more);
		snprintf(buf, sz, "  %s  %s%s  %s  %s", h->name, ui_s(S_LK_GRID), h->grid_name, more, h->hours);
		break;
	default:
		buf[0] = 0;
	}
}

static void heading(const struct lookup *l, enum search_kind k, char *buf, size_t sz)
{
	const char *name = gw_lang() == GW_LANG_EN ? search_kind_name(k) : search_kind_zh(k);
	snprintf(buf, sz, ui_s(l->res.more[k] ? S_LK_GROUP_MORE : S_LK_GROUP), name, l->res.shown[k]);
}

/* ---- keys -------------------------------------------------------------------- */

/* The first line of hit i. */
static int first_line(const struct lookup *l, int hit)
{
	for (int i = 0; i < l->nlines; i++)
		if (l->lines[i].hit == hit)
			return i;
	return 0;
}

/* Keeps the selected hit's lines (and its kind's heading when near) shown. */
static void follow(struct lookup *l)
{
	if (l->sel < 0 || l->page < 1)
		return;
	int f = first_line(l, l->sel), last = f;
	while (last + 1 < l->nlines && l->lines[last + 1].hit == l->sel)
		last++;
	if (f > 0 && l->lines[f - 1].hit < 0)
		f--;
	if (f < l->top)
		l->top = f;
	if (last >= l->top + l->page)
		l->top = last - l->page + 1;
	if (l->top < 0)
		l->top = 0;
}

static unsigned move_sel(struct lookup *l, int to)
{
	if (l->res.n == 0)
		return CH_NONE;
	if (to < 0)
		to = 0;
	if (to >= l->res.n)
		to = l->res.n - 1;
	if (to == l->sel)
		return CH_NONE;
	l->sel = to;
	follow(l);
	return CH_BODY;
}

/* The roster kept to grid id in its tree: who staffs the grid. */
static unsigned goto_grid(struct app *a, const char *id, const char *name)
{
	unsigned ch = app_show(a, SCR_INSTRUCTORS) | CH_ALL;
	struct listscr *s = listscr_of(a, SCR_INSTRUCTORS);
	if (!s || !gridtree_select_id(&s->tree, id))
		return ch;
	free(s->ids);
	s->ids = NULL;
	s->nids = 0;
	s->query[0] = 0;
	field_set(&s->filter, "", 0);
	s->tree_focus = 0;
	const char *gid = gridtree_filter_id(&s->tree);
	snprintf(s->grid_id, sizeof s->grid_id, "%s", gid ? gid : "");
	listscr_reload(a, s);
	screen_instructors_ops.on_action(a, ACT_TOP);
	app_msg(a, ui_s(S_LK_GRID_ROSTER), name);
	return ch;
}

static const enum scr kind_screen[SK_COUNT] = {
	[SK_INSTRUCTOR] = SCR_INSTRUCTORS, [SK_ORG] = SCR_ORGS,         [SK_GRID] = SCR_GRIDS,
	[SK_TICKET] = SCR_TICKETS,         [SK_WORKER] = SCR_WORKERS,   [SK_STATION] = SCR_STATIONS,
};

static unsigned jump(struct app *a, struct lookup *l)
{
	if (l->sel < 0 || l->sel >= l->res.n)
		return CH_NONE;
	const struct search_hit *h = &l->res.hits[l->sel];
	enum search_kind k = h->kind;
	char id[GW_ID_LEN + 1], name[401];
	snprintf(id, sizeof id, "%s", h->id);
	snprintf(name, sizeof name, "%s", k == SK_TICKET ? h->code : h->name);
	app_pop(a);   /* frees l and h */
	/* Layers under the lookup that hold nothing typed (a ticket's detail)
	 * close, so the record shows on its screen; a form stays. */
	while (a->nmodal) {
		const struct modal_ops *o = a->modal[a->nmodal - 1].ops;
		if (o->dirty && o->dirty(a->modal[a->nmodal - 1].m))
			return app_msg(a, "%s", ui_s(S_LK_FORM_OPEN)) | CH_ALL;
		app_pop(a);
	}
	if (k == SK_GRID)
		return goto_grid(a, id, name);
	return listscr_goto(a, kind_screen[k], id, name) | CH_ALL;
}

static unsigned lookup_key(struct app *a, void *m, int key)
{
	struct lookup *l = m;
	int changed = 0;
	int ed;
	if (input_printable(key)) {
		changed = field_insert_wc(&l->q, (wchar_t)key) > 0;
	} else if ((ed = input_edit_key(&l->q, key, EDIT_CTRL_AE)) >= 0) {
		/* Home and End move in the results. */
		if (ed != ED_CHANGED)
			return ed == ED_MOVED ? CH_BODY : CH_NONE;
		changed = 1;
	} else {
		int page = l->page > 2 ? l->page / 2 : 1;
		switch (action_for_key_in(key, SC_FILTER | SC_LIST | SC_GLOBAL)) {
		case ACT_CHOOSE:
			return jump(a, l);
		case ACT_BACK:
		case ACT_LOOKUP:
			return app_pop(a);
		case ACT_UP:
			return move_sel(l, l->sel - 1);
		case ACT_DOWN:
			return move_sel(l, l->sel + 1);
		case ACT_PAGE_UP:
			return move_sel(l, l->sel - page);
		case ACT_PAGE_DOWN:
			return move_sel(l, l->sel + page);
		case ACT_TOP:
			return move_sel(l, 0);
		case ACT_BOTTOM:
			return move_sel(l, l->res.n - 1);
		case ACT_HELP:
		case ACT_REDRAW:
		case ACT_QUIT:
			return CH_UNHANDLED;
		default:
			return CH_NONE;
		}
	}
	if (!changed)
		return CH_NONE;
	research(a, l);
	return CH_BODY;
}

/* ---- drawing ------------------------------------------------------------------ */

static void lookup_draw(struct app *a, void *m, int rows, int cols)
{
	struct lookup *l = m;
	int y = 1, h = rows - 3, x = 0, w = cols, inner = w - 4;
	ui_box(stdscr, y, x, h, w, ui_s(S_LK_TITLE));
	const char *ql = ui_s(S_PICK_QUERY);
	int qw = width_str(ql, strlen(ql));
	char view[4 * 80 + 1], count[96] = "";
	int cx, fw = inner - qw - 20;
	if (fw > 60)
		fw = 60;
	field_view(&l->q, fw, view, sizeof view, &cx);
	ui_text(stdscr, y + 1, x + 2, qw, ql, A_BOLD, UI_LEFT);
	ui_text(stdscr, y + 1, x + 2 + qw, fw, view, A_UNDERLINE, UI_LEFT);
	if (l->res.n)
		snprintf(count, sizeof count, ui_s(S_LK_COUNT), l->res.n);
	ui_text(stdscr, y + 1, x + 2 + qw + fw + 2, inner - qw - fw - 2, count, A_NORMAL, UI_LEFT);
	a->cursor_y = y + 1;
	a->cursor_x = x + 2 + qw + cx;
	ui_text(stdscr, y + 2, x + 2, inner, l->note, A_BOLD, UI_LEFT);
	l->page = h - 4;
	follow(l);
	char text[4096];
	for (int i = 0; i < l->page && l->top + i < l->nlines; i++) {
		const struct lline *ln = &l->lines[l->top + i];
		attr_t at = A_NORMAL;
		if (ln->hit < 0) {
			heading(l, ln->kind, text, sizeof text);
			at = A_BOLD;
		} else if (ln->part == 0) {
			hit_line(&l->res.hits[ln->hit], text, sizeof text);
		} else {
			people_line(&l->res.hits[ln->hit], text, sizeof text);
		}
		if (ln->hit >= 0 && ln->hit == l->sel)
			at = A_REVERSE;
		ui_text(stdscr, y + 3 + i, x + 2, inner, text, at, UI_LEFT);
	}
}

static void lookup_free(void *m)
{
	struct lookup *l = m;
	if (l->searched)
		search_result_free(&l->res);
	field_free(&l->q);
	free(l->lines);
	free(l);
}

static const struct modal_ops lookup_ops = {
	.title = S_LK_TITLE, .scope = SC_FILTER | SC_LIST, .on_key = lookup_key,
	.draw = lookup_draw, .free = lookup_free,
};

unsigned lookup_open(struct app *a)
{
	struct lookup *l = calloc(1, sizeof *l);
	if (!l || field_init(&l->q, SEARCH_QUERY_MAX) < 0) {
		free(l);
		return app_msg(a, "%s", gw_status_text(GW_ENOMEM));
	}
	l->sel = -1;
	research(a, l);
	return app_push(a, &lookup_ops, l) | CH_BARS;
}

int lookup_offered(struct app *a)
{
	return !a->nmodal || app_top(a, &lookup_ops) || desk_view_ticket(a);
}
