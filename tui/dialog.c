/* dialog.c - yes/no questions and short menus (see dialog.h). */
#include "dialog.h"

#include <stdlib.h>
#include <string.h>

#include "width.h"

#define DIALOG_MAX_ITEMS 16

struct dialog {
	char text[1024];            /* the question, or the menu's title */
	int menu;                   /* a menu rather than a question */
	char items[DIALOG_MAX_ITEMS][128];
	int n, sel;
	void (*yes)(struct app *a, void *ctx);
	void (*no)(struct app *a, void *ctx);
	void (*pick)(struct app *a, void *ctx, int i);
	void *ctx;
};

static int cols_of(const char *s)
{
	return width_str(s, strlen(s));
}

/* Runs the answer after closing, so the callback may open another layer. */
static unsigned answer(struct app *a, struct dialog *d, int i)
{
	void (*yes)(struct app *, void *) = d->yes;
	void (*no)(struct app *, void *) = d->no;
	void (*pick)(struct app *, void *, int) = d->pick;
	void *ctx = d->ctx;
	int menu = d->menu;
	app_pop(a);
	if (menu && pick && i >= 0)
		pick(a, ctx, i);
	else if (!menu && yes && i == 0)
		yes(a, ctx);
	else if (!menu && no && i != 0)
		no(a, ctx);
	return CH_ALL;
}

static unsigned dialog_key(struct app *a, void *m, int key)
{
	struct dialog *d = m;
	if (d->menu && key >= '1' && key <= '9' && key - '1' < d->n)
		return answer(a, d, key - '1');
	switch (action_for_key_in(key, SC_CONFIRM | SC_LIST | SC_GLOBAL)) {
	case ACT_YES:
		return d->menu ? CH_NONE : answer(a, d, 0);
	case ACT_NO:
	case ACT_BACK:
		return answer(a, d, -1);
	case ACT_CHOOSE:
		return answer(a, d, d->menu ? d->sel : d->sel == 0 ? 0 : -1);
	case ACT_UP:
	case ACT_COLLAPSE:
		if (d->sel > 0)
			d->sel--;
		return CH_BODY;
	case ACT_DOWN:
	case ACT_EXPAND:
		if (d->sel < d->n - 1)
			d->sel++;
		return CH_BODY;
	case ACT_HELP:
	case ACT_REDRAW:
	case ACT_QUIT:
		return CH_UNHANDLED;
	default:
		/* Left and Right move between 是 and 否 too. */
		if (!d->menu && (key == KC(KEY_LEFT) || key == KC(KEY_RIGHT) || key == '\t')) {
			d->sel = !d->sel;
			return CH_BODY;
		}
		return CH_NONE;
	}
}

static void dialog_draw(struct app *a, void *m, int rows, int cols)
{
	struct dialog *d = m;
	(void)a;
	int w = cols - 8 < 60 ? cols - 8 : 60;
	int inner = w - 4;
	/* The question wrapped to the box. */
	size_t len = strlen(d->text), off = 0;
	int nlines = 0;
	size_t starts[8], lens[8];
	while (off < len && nlines < 8) {
		size_t nx, l = ui_wrap(d->text + off, len - off, inner, &nx);
		starts[nlines] = off;
		lens[nlines++] = l;
		off += nx;
	}
	int h = nlines + (d->menu ? d->n : 1) + 4;
	int y = 1 + (rows - 3 - h) / 2, x = (cols - w) / 2;
	ui_box(stdscr, y, x, h, w, d->menu ? NULL : ui_s(S_CONFIRM_TITLE));
	for (int i = 0; i < nlines; i++) {
		char line[1024];
		snprintf(line, sizeof line, "%.*s", (int)lens[i], d->text + starts[i]);
		ui_text(stdscr, y + 1 + i, x + 2, inner, line, d->menu ? A_BOLD : A_NORMAL, UI_LEFT);
	}
	int by = y + 2 + nlines;
	if (d->menu) {
		for (int i = 0; i < d->n; i++) {
			char line[160];
			snprintf(line, sizeof line, "%d  %s", i + 1, d->items[i]);
			ui_text(stdscr, by + i, x + 2, inner, line, i == d->sel ? A_REVERSE : A_NORMAL,
				UI_LEFT);
		}
		return;
	}
	const char *yes = ui_s(S_BTN_YES), *no = ui_s(S_BTN_NO);
	int yw = cols_of(yes), nw = cols_of(no);
	int bx = x + (w - yw - nw - 4) / 2;
	ui_text(stdscr, by, bx, yw, yes, d->sel == 0 ? A_REVERSE : A_NORMAL, UI_LEFT);
	ui_text(stdscr, by, bx + yw + 4, nw, no, d->sel == 1 ? A_REVERSE : A_NORMAL, UI_LEFT);
}

static void dialog_free(void *m)
{
	free(m);
}

static const struct modal_ops confirm_ops = {
	.title = S_CONFIRM_TITLE, .scope = SC_CONFIRM, .on_key = dialog_key,
	.draw = dialog_draw, .free = dialog_free,
};

static const struct modal_ops menu_ops = {
	.title = S_MENU_TITLE, .scope = SC_CONFIRM | SC_LIST, .on_key = dialog_key,
	.draw = dialog_draw, .free = dialog_free,
};

unsigned dialog_confirm(struct app *a, const char *question, void (*yes)(struct app *a, void *ctx),
			void (*no)(struct app *a, void *ctx), void *ctx)
{
	struct dialog *d = calloc(1, sizeof *d);
	if (!d)
		return app_msg(a, "%s", gw_status_text(GW_ENOMEM));
	snprintf(d->text, sizeof d->text, "%s", question);
	d->n = 2;
	d->sel = 1;
	d->yes = yes;
	d->no = no;
	d->ctx = ctx;
	return app_push(a, &confirm_ops, d);
}

unsigned dialog_menu(struct app *a, const char *title, const char *const *items, int n,
		     void (*pick)(struct app *a, void *ctx, int i), void *ctx)
{
	struct dialog *d = calloc(1, sizeof *d);
	if (!d)
		return app_msg(a, "%s", gw_status_text(GW_ENOMEM));
	snprintf(d->text, sizeof d->text, "%s", title);
	d->menu = 1;
	d->n = n < DIALOG_MAX_ITEMS ? n : DIALOG_MAX_ITEMS;
	for (int i = 0; i < d->n; i++)
		snprintf(d->items[i], sizeof d->items[i], "%s", items[i]);
	d->pick = pick;
	d->ctx = ctx;
	return app_push(a, &menu_ops, d);
}
