/* picker.c - pick-lists (see picker.h). */
#include "picker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "enums.h"
#include "field.h"
#include "input.h"
#include "grid.h"
#include "list.h"
#include "pinyin.h"
#include "search.h"
#include "width.h"

/* Most organisations or instructors a list shows at once. */
#define PICK_LIMIT 200

struct item {
	char value[48];
	char label[400];
	int depth;
};

struct picker {
	struct pick_opts o;
	char title[128];
	struct field query;
	struct item *items;
	int n, cap;
	int sel, top, page;
	char (*chosen)[48];        /* ticked values (multi) */
	int nchosen, chosencap;
	struct grid_node *grids;   /* PK_GRID: the tree, read once */
	int ngrids;
	char note[256];
};

static int add_item(struct picker *p, const char *value, const char *label, int depth)
{
	if (p->n == p->cap) {
		int nc = p->cap ? p->cap * 2 : 64;
		struct item *ni = realloc(p->items, (size_t)nc * sizeof *ni);
		if (!ni)
			return -1;
		p->items = ni;
		p->cap = nc;
	}
	struct item *it = &p->items[p->n++];
	snprintf(it->value, sizeof it->value, "%s", value);
	snprintf(it->label, sizeof it->label, "%s", label);
	it->depth = depth;
	return 0;
}

static int chosen_at(const struct picker *p, const char *value)
{
	for (int i = 0; i < p->nchosen; i++)
		if (strcmp(p->chosen[i], value) == 0)
			return i;
	return -1;
}

static int choose(struct picker *p, const char *value)
{
	if (!*value || chosen_at(p, value) >= 0)
		return 0;
	if (p->nchosen == p->chosencap) {
		int nc = p->chosencap ? p->chosencap * 2 : 16;
		void *np = realloc(p->chosen, (size_t)nc * sizeof p->chosen[0]);
		if (!np)
			return -1;
		p->chosen = np;
		p->chosencap = nc;
	}
	snprintf(p->chosen[p->nchosen++], sizeof p->chosen[0], "%s", value);
	return 0;
}

static void unchoose(struct picker *p, int i)
{
	memmove(p->chosen[i], p->chosen[i + 1], (size_t)(p->nchosen - i - 1) * sizeof p->chosen[0]);
	p->nchosen--;
}

/* Whether text matches the query: a part of it (any case), or its pinyin
 * initials. */
static int matches(const char *q, const char *text)
{
	if (!*q)
		return 1;
	size_t qn = strlen(q), tn = strlen(text);
	for (size_t i = 0; i + qn <= tn; i++)
		if (strncasecmp(text + i, q, qn) == 0)
			return 1;
	return pinyin_match(q, qn, text, tn, 0) > 0;
}

static void fill_enum(struct picker *p, const char *q)
{
	enum gw_enum e = (enum gw_enum)p->o.en;
	for (int i = 0; i < enum_count(e); i++)
		if (matches(q, enum_zh(e, i)) || matches(q, enum_en(e, i)))
			add_item(p, enum_label(e, i), enum_label(e, i), 0);
}

static void fill_dept(struct app *a, struct picker *p, const char *q)
{
	for (int i = 0; i < a->gw->cfg.ndepts; i++)
		if (matches(q, a->gw->cfg.depts[i].name))
			add_item(p, a->gw->cfg.depts[i].name, a->gw->cfg.depts[i].name, 0);
}

static void fill_grid(struct app *a, struct picker *p, const char *q)
{
	struct gw_err err;
	if (!p->grids && list_grid_tree(a->gw, &p->grids, &p->ngrids, &err) != GW_OK) {
		snprintf(p->note, sizeof p->note, "%s", err.msg);
		return;
	}
	for (int i = 0; i < p->ngrids; i++) {
		const struct grid_rec *g = &p->grids[i].g;
		if (!matches(q, g->name) && !matches(q, g->code))
			continue;
		char label[400];
		snprintf(label, sizeof label, "%s  %s", g->name, g->code);
		add_item(p, g->code, label, *q ? 0 : p->grids[i].depth);
	}
}

/* Organisations or instructors: by name order, or what the lookup finds. */
static void fill_found(struct app *a, struct picker *p, const char *q)
{
	struct gw_err err;
	int org = p->o.src == PK_ORG;
	if (!*q) {
		struct list_row *rows = malloc(PICK_LIMIT * sizeof *rows);
		int n = 0;
		struct list_req r = {.sort = org ? LO_NAME : LI_NAME, .limit = PICK_LIMIT};
		if (!rows)
			return;
		if (list_page(a->gw, org ? IK_ORG : IK_INSTRUCTOR, &r, rows, &n, &err) != GW_OK)
			snprintf(p->note, sizeof p->note, "%s", err.msg);
		for (int i = 0; i < n; i++) {
			char label[400];
			if (org)
				snprintf(label, sizeof label, "%s  %s", list_cell(&rows[i], LO_NAME),
					 list_cell(&rows[i], LO_CODE));
			else
				snprintf(label, sizeof label, "%s  %s  %s", list_cell(&rows[i], LI_NAME),
					 list_cell(&rows[i], LI_PHONE), list_cell(&rows[i], LI_UNIT));
			add_item(p, list_cell(&rows[i], org ? LO_CODE : LI_PHONE), label, 0);
		}
		if (n == PICK_LIMIT)
			snprintf(p->note, sizeof p->note, "%s", ui_s(S_PICK_TYPE_MORE));
		free(rows);
		return;
	}
	struct search_opts so = {org ? SK_ORG : SK_INSTRUCTOR, PICK_LIMIT};
	struct search_result res;
	if (search_find(a->gw, q, &so, &res, &err) != GW_OK) {
		snprintf(p->note, sizeof p->note, "%s", err.msg);
		return;
	}
	for (int i = 0; i < res.n; i++) {
		const struct search_hit *h = &res.hits[i];
		char label[400];
		if (org)
			snprintf(label, sizeof label, "%s  %s", h->name, h->code);
		else
			snprintf(label, sizeof label, "%s  %s  %s", h->name, h->phone, h->unit);
		add_item(p, org ? h->code : h->phone, label, 0);
	}
	if (res.more[so.kind])
		snprintf(p->note, sizeof p->note, "%s", ui_s(S_PICK_TYPE_MORE));
	search_result_free(&res);
}

static void refill(struct app *a, struct picker *p)
{
	const char *q = field_text(&p->query);
	while (*q == ' ')
		q++;
	p->n = 0;
	p->note[0] = 0;
	if (!p->o.multi && p->o.optional && !*q)
		add_item(p, "", ui_s(S_PICK_NONE), 0);
	switch (p->o.src) {
	case PK_ENUM:
		fill_enum(p, q);
		break;
	case PK_DEPT:
		fill_dept(a, p, q);
		break;
	case PK_GRID:
		fill_grid(a, p, q);
		break;
	case PK_ORG:
	case PK_INSTRUCTOR:
		fill_found(a, p, q);
		break;
	}
	if (p->n == 0 && !p->note[0])
		snprintf(p->note, sizeof p->note, "%s", ui_s(S_PICK_NOTHING));
	p->sel = 0;
	p->top = 0;
}

/* Selects the current value when it is in the list. */
static void select_current(struct picker *p)
{
	const char *cur = p->o.current ? p->o.current : "";
	for (int i = 0; i < p->n; i++)
		if (strcmp(p->items[i].value, cur) == 0) {
			p->sel = i;
			return;
		}
}

static void picker_free(void *m)
{
	struct picker *p = m;
	field_free(&p->query);
	free(p->items);
	free(p->chosen);
	free(p->grids);
	free(p);
}

/* Hands the answer over after closing, so done may open another layer. */
static unsigned finish(struct app *a, struct picker *p)
{
	char value[4096] = "", hint[400] = "";
	size_t len = 0;
	if (p->o.multi) {
		/* Labels joined as records.c shows a stored list, so that an
		 * unchanged choice reads the same; codes with ';'. */
		const char *sep = p->o.src == PK_ENUM && gw_lang() != GW_LANG_EN ? "、" : ";";
		if (p->o.src == PK_ENUM)   /* in the enumeration's order, as stored */
			for (int i = 0; i < enum_count((enum gw_enum)p->o.en); i++) {
				const char *l = enum_label((enum gw_enum)p->o.en, i);
				if (chosen_at(p, l) >= 0 && len < sizeof value)
					len += (size_t)snprintf(value + len, sizeof value - len, "%s%s",
								len ? sep : "", l);
			}
		else
			for (int i = 0; i < p->nchosen && len < sizeof value; i++)
				len += (size_t)snprintf(value + len, sizeof value - len, "%s%s",
							i ? sep : "", p->chosen[i]);
	} else if (p->sel >= 0 && p->sel < p->n) {
		snprintf(value, sizeof value, "%s", p->items[p->sel].value);
		snprintf(hint, sizeof hint, "%s", p->items[p->sel].label);
	} else {
		return CH_NONE;
	}
	void (*done)(struct app *, void *, const char *, const char *) = p->o.done;
	void *ctx = p->o.ctx;
	app_pop(a);
	done(a, ctx, value, hint);
	return CH_ALL;
}

static unsigned picker_key(struct app *a, void *m, int key)
{
	struct picker *p = m;
	int changed = 0;
	int ed;
	if (input_printable(key) && !(p->o.multi && key == ' ')) {
		changed = field_insert_wc(&p->query, (wchar_t)key) > 0;
	} else if ((ed = input_edit_key(&p->query, key, 0)) >= 0) {
		if (ed != ED_CHANGED)
			return ed == ED_MOVED ? CH_BODY : CH_NONE;
		changed = 1;
	} else {
		int page = p->page > 1 ? p->page - 1 : 1;
		switch (action_for_key_in(key, SC_PICK | SC_LIST | SC_GLOBAL)) {
		case ACT_CHOOSE:
			if (p->o.multi && p->nchosen == 0 && p->sel < p->n)
				choose(p, p->items[p->sel].value);
			return finish(a, p);
		case ACT_TOGGLE:
			if (p->sel < p->n) {
				int i = chosen_at(p, p->items[p->sel].value);
				if (i >= 0)
					unchoose(p, i);
				else
					choose(p, p->items[p->sel].value);
				if (p->sel < p->n - 1)
					p->sel++;
			}
			return CH_BODY;
		case ACT_BACK:
			return app_pop(a);
		case ACT_UP:
			p->sel--;
			break;
		case ACT_DOWN:
			p->sel++;
			break;
		case ACT_PAGE_UP:
			p->sel -= page;
			break;
		case ACT_PAGE_DOWN:
			p->sel += page;
			break;
		case ACT_TOP:
			p->sel = 0;
			break;
		case ACT_BOTTOM:
			p->sel = p->n - 1;
			break;
		case ACT_HELP:
		case ACT_REDRAW:
		case ACT_QUIT:
			return CH_UNHANDLED;
		default:
			return CH_NONE;
		}
		if (p->sel >= p->n)
			p->sel = p->n - 1;
		if (p->sel < 0)
			p->sel = 0;
		return CH_BODY;
	}
	if (!changed)
		return CH_NONE;
	refill(a, p);
	return CH_BODY;
}

static void picker_draw(struct app *a, void *m, int rows, int cols)
{
	struct picker *p = m;
	int w = cols - 6 < 72 ? cols - 6 : 72;
	int h = rows - 5 < 22 ? rows - 5 : 22;
	int y = 1 + (rows - 3 - h) / 2, x = (cols - w) / 2;
	int inner = w - 4, line = y + 1;
	ui_box(stdscr, y, x, h, w, p->title);
	const char *ql = ui_s(S_PICK_QUERY);
	int qw = width_str(ql, strlen(ql));
	char view[4 * 80 + 1];
	int cx;
	field_view(&p->query, inner - qw, view, sizeof view, &cx);
	ui_text(stdscr, line, x + 2, qw, ql, A_BOLD, UI_LEFT);
	ui_text(stdscr, line, x + 2 + qw, inner - qw, view, A_UNDERLINE, UI_LEFT);
	a->cursor_y = line;
	a->cursor_x = x + 2 + qw + cx;
	line++;
	if (p->o.multi) {
		char chosen[2048];
		size_t len = (size_t)snprintf(chosen, sizeof chosen, "%s", ui_s(S_PICK_CHOSEN));
		for (int i = 0; i < p->nchosen && len < sizeof chosen; i++)
			len += (size_t)snprintf(chosen + len, sizeof chosen - len, "%s%s", i ? "、" : "",
						p->chosen[i]);
		ui_text(stdscr, line++, x + 2, inner, chosen, A_NORMAL, UI_LEFT);
	}
	int last = y + h - 2;   /* the note's line */
	p->page = last - line;
	if (p->page < 1)
		p->page = 1;
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + p->page)
		p->top = p->sel - p->page + 1;
	for (int i = 0; i < p->page && p->top + i < p->n; i++) {
		const struct item *it = &p->items[p->top + i];
		char text[512];
		const char *mark = p->o.multi ? (chosen_at(p, it->value) >= 0 ? "[*] " : "[ ] ") : "";
		snprintf(text, sizeof text, "%s%*s%s", mark, 2 * it->depth, "", it->label);
		ui_text(stdscr, line + i, x + 2, inner, text,
			p->top + i == p->sel ? A_REVERSE : A_NORMAL, UI_LEFT);
	}
	ui_text(stdscr, last, x + 2, inner, p->note, A_NORMAL, UI_LEFT);
}

static const struct modal_ops picker_ops = {
	.title = S_PICK_HELP, .scope = SC_PICK | SC_LIST, .on_key = picker_key,
	.draw = picker_draw, .free = picker_free,
};

unsigned picker_open(struct app *a, const struct pick_opts *o)
{
	struct picker *p = calloc(1, sizeof *p);
	if (!p || field_init(&p->query, 64) < 0) {
		free(p);
		return app_msg(a, "%s", gw_status_text(GW_ENOMEM));
	}
	p->o = *o;
	snprintf(p->title, sizeof p->title, "%s", o->title ? o->title : "");
	p->o.title = p->title;
	if (o->multi && o->current) {
		/* The values now ticked: split at ';', '；' or '、'. */
		const char *s = o->current;
		while (*s) {
			size_t k = strcspn(s, ";");
			const char *alt = strstr(s, "、"), *alt2 = strstr(s, "；");
			if (alt && (size_t)(alt - s) < k)
				k = (size_t)(alt - s);
			if (alt2 && (size_t)(alt2 - s) < k)
				k = (size_t)(alt2 - s);
			char one[48];
			snprintf(one, sizeof one, "%.*s", (int)(k < 47 ? k : 47), s);
			choose(p, one);
			s += k;
			if (*s == ';')
				s++;
			else if (*s)
				s += 3;   /* '、' and '；' are three bytes */
		}
	}
	if (o->seed && *o->seed)
		field_set(&p->query, o->seed, strlen(o->seed));
	refill(a, p);
	if (!(o->seed && *o->seed))
		select_current(p);
	p->o.current = NULL;
	p->o.seed = NULL;
	return app_push(a, &picker_ops, p);
}
