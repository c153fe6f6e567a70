/* bars.c - horizontal bar charts (see bars.h). */
#include "bars.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "width.h"

#define BAR_CHAR '#'

void bars_clear(struct bars *b)
{
	b->n = 0;
}

void bars_free(struct bars *b)
{
	free(b->l);
	memset(b, 0, sizeof *b);
	b->sel = -1;
}

struct bar_line *bars_add(struct bars *b, enum bar_kind kind, const char *label,
			  const char *value, double frac, int tag, int arg)
{
	if (b->n == b->cap) {
		int nc = b->cap ? b->cap * 2 : 64;
		struct bar_line *nl = realloc(b->l, (size_t)nc * sizeof *nl);
		if (!nl)
			return NULL;
		b->l = nl;
		b->cap = nc;
	}
	struct bar_line *l = &b->l[b->n++];
	l->kind = kind;
	snprintf(l->label, sizeof l->label, "%s", label ? label : "");
	snprintf(l->value, sizeof l->value, "%s", value ? value : "");
	l->frac = frac < 0 ? 0 : frac > 1 ? 1 : frac;
	l->tag = tag;
	l->arg = arg;
	return l;
}

static int next_bar(const struct bars *b, int from, int dir)
{
	for (int i = from; i >= 0 && i < b->n; i += dir)
		if (b->l[i].kind == BAR_BAR)
			return i;
	return -1;
}

void bars_select(struct bars *b, int tag, int arg)
{
	b->sel = -1;
	for (int i = 0; i < b->n; i++)
		if (b->l[i].kind == BAR_BAR && b->l[i].tag == tag && b->l[i].arg == arg) {
			b->sel = i;
			return;
		}
	b->sel = next_bar(b, 0, 1);
	if (b->top > b->n - 1)
		b->top = b->n > 0 ? b->n - 1 : 0;
}

const struct bar_line *bars_selected(const struct bars *b)
{
	return b->sel >= 0 && b->sel < b->n && b->l[b->sel].kind == BAR_BAR ? &b->l[b->sel] : NULL;
}

/* Scrolls so that the selection shows, with its heading when it is the
 * first bar of a section. */
static void show_sel(struct bars *b, int h)
{
	if (b->sel < 0 || h < 1)
		return;
	int want = b->sel;
	if (want > 0 && b->l[want - 1].kind == BAR_HEAD)
		want--;
	if (want < b->top)
		b->top = want;
	if (b->sel >= b->top + h)
		b->top = b->sel - h + 1;
}

int bars_action(struct bars *b, enum action a)
{
	int page = b->page > 1 ? b->page - 1 : 1;
	int sel = b->sel, top = b->top, to = -1;
	if (sel < 0) {
		/* Nothing to select: the keys scroll. */
		switch (a) {
		case ACT_UP:
			top--;
			break;
		case ACT_DOWN:
			top++;
			break;
		case ACT_PAGE_UP:
			top -= page;
			break;
		case ACT_PAGE_DOWN:
			top += page;
			break;
		case ACT_TOP:
			top = 0;
			break;
		case ACT_BOTTOM:
			top = b->n;
			break;
		default:
			return -1;
		}
		if (top > b->n - b->page)
			top = b->n - b->page;
		if (top < 0)
			top = 0;
		if (top == b->top)
			return 0;
		b->top = top;
		return 1;
	}
	switch (a) {
	case ACT_UP:
		to = next_bar(b, sel - 1, -1);
		break;
	case ACT_DOWN:
		to = next_bar(b, sel + 1, 1);
		break;
	case ACT_PAGE_UP:
		to = next_bar(b, sel - page > 0 ? sel - page : 0, 1);
		if (to >= sel)
			to = next_bar(b, sel - 1, -1);
		break;
	case ACT_PAGE_DOWN:
		to = next_bar(b, sel + page < b->n ? sel + page : b->n - 1, -1);
		if (to <= sel)
			to = next_bar(b, sel + 1, 1);
		break;
	case ACT_TOP:
		to = next_bar(b, 0, 1);
		break;
	case ACT_BOTTOM:
		to = next_bar(b, b->n - 1, -1);
		break;
	default:
		return -1;
	}
	if (to < 0 || to == sel)
		return 0;
	b->sel = to;
	show_sel(b, b->page);
	return 1;
}

static int cols_of(const char *s)
{
	return width_str(s, strlen(s));
}

void bars_draw(WINDOW *w, struct bars *b, int y, int x, int h, int cols, int focused)
{
	ui_clear(w, y, x, h, cols);
	if (h < 1 || cols < 8)
		return;
	b->page = h;
	if (b->top > b->n - 1)
		b->top = b->n > 0 ? b->n - 1 : 0;
	show_sel(b, h);
	/* One label column and one figure column for the whole chart. */
	int lw = 4, vw = 1;
	for (int i = 0; i < b->n; i++) {
		if (b->l[i].kind != BAR_BAR)
			continue;
		int a = cols_of(b->l[i].label), v = cols_of(b->l[i].value);
		lw = a > lw ? a : lw;
		vw = v > vw ? v : vw;
	}
	int lmax = cols * 2 / 5 > 10 ? cols * 2 / 5 : 10;
	lw = lw > lmax ? lmax : lw;
	vw = vw > cols / 3 ? cols / 3 : vw;
	int bw = cols - 1 - lw - 1 - vw - 1;
	char bar[512];
	for (int r = 0; r < h && b->top + r < b->n; r++) {
		const struct bar_line *l = &b->l[b->top + r];
		int ly = y + r;
		if (l->kind == BAR_HEAD) {
			ui_text(w, ly, x, cols, l->label, A_BOLD | A_UNDERLINE, UI_LEFT);
			continue;
		}
		if (l->kind == BAR_NOTE) {
			ui_text(w, ly, x + 2, cols - 2, l->label, A_NORMAL, UI_LEFT);
			continue;
		}
		int sel = b->top + r == b->sel;
		attr_t la = sel ? (focused ? A_REVERSE : A_BOLD) : A_NORMAL;
		ui_text(w, ly, x + 1, lw, l->label, la, UI_LEFT);
		if (bw >= 1) {
			int n = (int)(l->frac * bw + 0.5);
			if (n == 0 && l->frac > 0)
				n = 1;   /* something, however small, shows */
			n = n > bw ? bw : n > (int)sizeof bar - 1 ? (int)sizeof bar - 1 : n;
			memset(bar, BAR_CHAR, (size_t)n);
			bar[n] = '\0';
			ui_text(w, ly, x + 1 + lw + 1, bw, bar, A_NORMAL, UI_LEFT);
		}
		ui_text(w, ly, x + cols - vw, vw, l->value, sel ? A_BOLD : A_NORMAL, UI_RIGHT);
	}
}
