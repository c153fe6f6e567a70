/* app.c - the full-screen interface: one loop reads a key, hands it to the
 * help overlay, the focused screen or the global handler, and draws what
 * they say changed with one doupdate() per frame (STYLE.md point 5).
 *
 * Layout: the menu bar on the first line, the screen below it, the hint bar
 * and the status line at the bottom.  KEY_RESIZE is an ordinary key; no
 * curses call happens in a signal handler (ncurses' own SIGWINCH handler
 * only queues KEY_RESIZE).
 */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "app.h"
#include "cli.h"
#include "dashboard.h"
#include "db_tune.h"
#include "desk.h"
#include "dialog.h"
#include "form.h"
#include "listscr.h"
#include "lookup.h"
#include "syncscr.h"
#include "width.h"

static const struct screen_ops *const screens[SCR_COUNT] = {
	[SCR_GRIDS] = &screen_grids_ops,       [SCR_INSTRUCTORS] = &screen_instructors_ops,
	[SCR_TICKETS] = &screen_tickets_ops,   [SCR_ORGS] = &screen_orgs_ops,
	[SCR_WORKERS] = &screen_workers_ops,   [SCR_STATIONS] = &screen_stations_ops,
	[SCR_REPORTS] = &screen_dashboard_ops,
};

static const struct screen_ops *ops_of(enum scr s)
{
	return screens[s];
}

/* The scopes the keys mean now: the top modal's, else the screen's. */
static unsigned scope_now(struct app *a)
{
	if (a->nmodal)
		return SC_GLOBAL | a->modal[a->nmodal - 1].ops->scope;
	const struct screen_ops *o = ops_of(a->cur);
	return SC_GLOBAL | (o->scope_now ? o->scope_now(a) : o->scope);
}

unsigned app_msg(struct app *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	va_end(ap);
	return CH_BARS;
}

/* ---- drawing ---------------------------------------------------------- */

static int text_cols(const char *s)
{
	return width_str(s, strlen(s));
}

/* Draws item at *x when it fits before `end`; returns 0 when it did not. */
static int put_item(int y, int *x, int end, const char *item, attr_t attr)
{
	int w = text_cols(item);
	if (*x + w > end)
		return 0;
	ui_text(stdscr, y, *x, w, item, attr, UI_LEFT);
	*x += w;
	return 1;
}

/* The menu's items: each screen with its key, then quitting. */
static void menu_item(int i, int loose, char *buf, size_t sz)
{
	char key[24];
	enum action act = i < SCR_COUNT ? (enum action)(ACT_SCREEN_GRIDS + i) : ACT_QUIT;
	key_label(action_keys(act)[0], key, sizeof key);
	snprintf(buf, sz, loose ? " %s %s " : "%s %s ", key,
		 i < SCR_COUNT ? ui_s(ops_of((enum scr)i)->title) : ui_s(S_QUIT));
}

static void draw_menu(struct app *a, int cols)
{
	char item[64];
	int x = 1, loose = 1, need = 1;
	for (int i = 0; i <= SCR_COUNT; i++) {
		menu_item(i, 1, item, sizeof item);
		need += text_cols(item);
	}
	if (need > cols)   /* English names are longer: close up the gaps */
		loose = 0;
	ui_text(stdscr, 0, 0, cols, "", A_REVERSE, UI_LEFT);
	for (int i = 0; i <= SCR_COUNT; i++) {
		menu_item(i, loose, item, sizeof item);
		/* The current screen stands out without colour: not reversed. */
		if (!put_item(0, &x, cols, item, i == (int)a->cur ? A_BOLD : A_REVERSE))
			return;
	}
	const char *name = ui_s(S_APP_NAME);
	int nw = text_cols(name);
	if (cols - x >= nw + 2)
		ui_text(stdscr, 0, cols - nw - 1, nw, name, A_REVERSE, UI_LEFT);
}

static void draw_bars(struct app *a, int rows, int cols)
{
	unsigned scope = scope_now(a);
	char item[96], key[24];
	int x = 1;
	ui_text(stdscr, rows - 2, 0, cols, "", A_REVERSE, UI_LEFT);
	for (int act = 1; act < ACT_COUNT; act++) {
		const char *hint = action_hint(act);
		int k = action_key_in(act, scope);
		if (!*hint || !(action_scope(act) & scope) || !k)
			continue;
		if (!desk_offers(a, act))   /* a move the ticket's state does not allow */
			continue;
		if (act == ACT_LOOKUP && !lookup_offered(a))
			continue;
		snprintf(item, sizeof item, "%s %s  ", key_label(k, key, sizeof key), hint);
		if (!put_item(rows - 2, &x, cols, item, A_REVERSE))
			break;
	}

	char ctx[PATH_MAX + 256];
	snprintf(ctx, sizeof ctx, "%s %s  %s %s  %s %s", ui_s(S_OFFICE), a->gw->office,
		 ui_s(S_OPERATOR), a->gw->operator_name, ui_s(S_DATABASE), a->db_path);
	int mw = text_cols(a->msg), cw = text_cols(ctx);
	int avail = cols - 2;
	if (mw + cw > avail) {
		/* The message wins, but leaves the context at least half. */
		int keep = mw < avail / 2 ? mw : avail / 2;
		if (avail - cw > keep)
			keep = avail - cw;
		mw = keep;
		cw = avail - mw - 1;
	}
	ui_text(stdscr, rows - 1, 0, cols, "", A_NORMAL, UI_LEFT);
	if (mw > 0)
		ui_text(stdscr, rows - 1, 1, mw, a->msg, A_BOLD, UI_LEFT);
	if (cw > 0)
		ui_text(stdscr, rows - 1, cols - 1 - cw, cw, ctx, A_NORMAL, UI_LEFT);
}

/* The scopes the help lists: the top layer's, else the focused pane's. */
static unsigned help_scope(struct app *a)
{
	return scope_now(a);
}

/* The help lines of the current screen: every action it answers. */
static int help_lines(struct app *a, enum action *out)
{
	unsigned scope = help_scope(a);
	int n = 0;
	for (int act = 1; act < ACT_COUNT; act++)
		if ((action_scope(act) & scope) && action_key_in(act, scope))
			out[n++] = act;
	return n;
}

struct help_box {
	int y, x, h, cols, keyw, nlines, shown;
};

static void help_geometry(struct app *a, int rows, int cols, struct help_box *b,
			  enum action *acts)
{
	char keys[64];
	int textw = 0;
	b->nlines = help_lines(a, acts);
	b->keyw = 0;
	for (int i = 0; i < b->nlines; i++) {
		int kw = text_cols(action_keys_text_in(acts[i], help_scope(a), keys, sizeof keys));
		int hw = text_cols(action_help(acts[i]));
		if (kw > b->keyw)
			b->keyw = kw;
		if (hw > textw)
			textw = hw;
	}
	b->cols = b->keyw + 2 + textw + 4;
	if (b->cols > cols - 4)
		b->cols = cols - 4;
	/* Within the body, so the menu and the hint bar stay in view. */
	b->h = b->nlines + 2;
	if (b->h > rows - 3)
		b->h = rows - 3;
	b->shown = b->h - 2;
	b->y = 1 + (rows - 3 - b->h) / 2;
	b->x = (cols - b->cols) / 2;
	if (a->help_top > b->nlines - b->shown)
		a->help_top = b->nlines - b->shown;
	if (a->help_top < 0)
		a->help_top = 0;
}

static void draw_help(struct app *a, int rows, int cols)
{
	enum action acts[ACT_COUNT];
	struct help_box b;
	char title[128], keys[64];
	help_geometry(a, rows, cols, &b, acts);
	snprintf(title, sizeof title, ui_s(S_HELP_TITLE),
		 ui_s(a->nmodal ? a->modal[a->nmodal - 1].ops->title : ops_of(a->cur)->title));
	ui_box(stdscr, b.y, b.x, b.h, b.cols, title);
	int inner = b.cols - 4;
	for (int i = 0; i < b.shown && a->help_top + i < b.nlines; i++) {
		enum action act = acts[a->help_top + i];
		int y = b.y + 1 + i;
		ui_text(stdscr, y, b.x + 2, b.keyw, action_keys_text_in(act, help_scope(a), keys, sizeof keys), A_BOLD,
			UI_LEFT);
		ui_text(stdscr, y, b.x + 2 + b.keyw + 2, inner - b.keyw - 2, action_help(act),
			A_NORMAL, UI_LEFT);
	}
	/* The footer sits in the bottom border, as the title in the top. */
	const char *foot = ui_s(S_HELP_FOOT);
	int fw = text_cols(foot);
	if (fw > inner - 2)
		fw = inner - 2;
	ui_text(stdscr, b.y + b.h - 1, b.x + 2, 1, "", A_NORMAL, UI_LEFT);
	ui_text(stdscr, b.y + b.h - 1, b.x + 3, fw, foot, A_BOLD, UI_LEFT);
	ui_text(stdscr, b.y + b.h - 1, b.x + 3 + fw, 1, "", A_NORMAL, UI_LEFT);
}

static int too_small(int rows, int cols)
{
	return rows < APP_MIN_ROWS || cols < APP_MIN_COLS;
}

static void draw_too_small(int rows, int cols)
{
	char msg[256];
	snprintf(msg, sizeof msg, ui_s(S_TOO_SMALL), APP_MIN_COLS, APP_MIN_ROWS, cols, rows);
	erase();
	size_t len = strlen(msg), off = 0;
	for (int y = rows / 2 - 1; y < rows && off < len; y++) {
		size_t nx, line = ui_wrap(msg + off, len - off, cols - 2, &nx);
		char one[256];
		snprintf(one, sizeof one, "%.*s", (int)line, msg + off);
		ui_text(stdscr, y < 0 ? 0 : y, 1, cols - 2, one, A_BOLD, UI_LEFT);
		off += nx;
	}
}

static void draw(struct app *a, unsigned ch)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	if (too_small(rows, cols)) {
		draw_too_small(rows, cols);
	} else {
		if (ch & CH_MENU)
			draw_menu(a, cols);
		if (ch & CH_BODY) {
			a->cursor_y = a->cursor_x = -1;
			ops_of(a->cur)->draw(a, stdscr, 1, 0, rows - 3, cols);
			/* Each layer over the last, so all of them are redrawn. */
			for (int i = 0; i < a->nmodal; i++)
				if (a->modal[i].ops->draw)
					a->modal[i].ops->draw(a, a->modal[i].m, rows, cols);
		}
		if (ch & CH_BARS)
			draw_bars(a, rows, cols);
		if (a->help && (ch & CH_BODY))
			draw_help(a, rows, cols);
	}
	/* The terminal's cursor stands in the field being typed in, where an
	 * input method shows what is being composed. */
	if (!a->help && a->cursor_y >= 0 && !too_small(rows, cols)) {
		curs_set(1);
		wmove(stdscr, a->cursor_y, a->cursor_x);
	} else {
		curs_set(0);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

/* ---- input ------------------------------------------------------------ */

unsigned app_show(struct app *a, enum scr s)
{
	if (s == a->cur && a->opened[s])
		return CH_NONE;
	a->cur = s;
	if (!a->opened[s] && ops_of(s)->open) {
		struct gw_err err;
		a->opened[s] = 1;
		a->seen_gen[s] = a->data_gen;
		if (ops_of(s)->open(a, &err) != GW_OK)
			app_msg(a, "%s", err.msg);
	} else if (a->seen_gen[s] != a->data_gen) {
		a->seen_gen[s] = a->data_gen;
		if (ops_of(s)->reload)
			ops_of(s)->reload(a);
	}
	return CH_ALL;
}

void app_changed(struct app *a)
{
	a->data_gen++;
	if (a->opened[a->cur]) {
		a->seen_gen[a->cur] = a->data_gen;
		if (ops_of(a->cur)->reload)
			ops_of(a->cur)->reload(a);
	}
}

unsigned app_push(struct app *a, const struct modal_ops *ops, void *m)
{
	if (a->nmodal == APP_MAX_MODALS) {
		if (ops->free)
			ops->free(m);
		return CH_NONE;
	}
	a->modal[a->nmodal].ops = ops;
	a->modal[a->nmodal].m = m;
	a->nmodal++;
	return CH_ALL;
}

unsigned app_pop(struct app *a)
{
	if (a->nmodal == 0)
		return CH_NONE;
	a->nmodal--;
	if (a->modal[a->nmodal].ops->free)
		a->modal[a->nmodal].ops->free(a->modal[a->nmodal].m);
	/* A box cut double-width characters underneath: see help_action. */
	clearok(curscr, TRUE);
	return CH_ALL;
}

void *app_top(struct app *a, const struct modal_ops *ops)
{
	if (a->nmodal == 0 || a->modal[a->nmodal - 1].ops != ops)
		return NULL;
	return a->modal[a->nmodal - 1].m;
}

static void quit_yes(struct app *a, void *ctx)
{
	(void)ctx;
	for (int i = 0; i < a->nmodal; i++)
		if (a->modal[i].ops->discard)
			a->modal[i].ops->discard(a, a->modal[i].m);
	a->quit = 1;
}

unsigned app_quit(struct app *a)
{
	for (int i = 0; i < a->nmodal; i++)
		if (a->modal[i].ops->dirty && a->modal[i].ops->dirty(a->modal[i].m))
			return dialog_confirm(a, ui_s(S_ASK_QUIT), quit_yes, NULL, NULL);
	quit_yes(a, NULL);
	return CH_NONE;
}

static unsigned help_action(struct app *a, enum action act)
{
	int rows, cols;
	enum action acts[ACT_COUNT];
	struct help_box b;
	getmaxyx(stdscr, rows, cols);
	help_geometry(a, rows, cols, &b, acts);
	int top = a->help_top;
	switch (act) {
	case ACT_BACK:
	case ACT_HELP:
		a->help = 0;
		/* The box's edges cut double-width characters underneath in
		 * half; ncurses' idea of those cells and the terminal's can
		 * then differ, so repaint the whole screen rather than the
		 * difference (measured in tmux: columns shifted otherwise). */
		clearok(curscr, TRUE);
		return CH_ALL;
	case ACT_QUIT:
		a->help = 0;
		return app_quit(a) | CH_ALL;
	case ACT_UP:
		top--;
		break;
	case ACT_DOWN:
		top++;
		break;
	case ACT_PAGE_UP:
		top -= b.shown;
		break;
	case ACT_PAGE_DOWN:
		top += b.shown;
		break;
	case ACT_TOP:
		top = 0;
		break;
	case ACT_BOTTOM:
		top = b.nlines;
		break;
	default:
		return CH_NONE;   /* the overlay is modal */
	}
	if (top > b.nlines - b.shown)
		top = b.nlines - b.shown;
	if (top < 0)
		top = 0;
	if (top == a->help_top)
		return CH_NONE;
	a->help_top = top;
	return CH_BODY;
}

static unsigned global_action(struct app *a, enum action act)
{
	switch (act) {
	case ACT_QUIT:
		return app_quit(a);
	case ACT_HELP:
		a->help = 1;
		a->help_top = 0;
		return CH_BODY;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		return CH_ALL;
	case ACT_LOOKUP:
		return lookup_open(a);
	case ACT_SYNC:
		return syncscr_open(a);
	case ACT_SCREEN_GRIDS:
	case ACT_SCREEN_INSTRUCTORS:
	case ACT_SCREEN_TICKETS:
	case ACT_SCREEN_ORGS:
	case ACT_SCREEN_WORKERS:
	case ACT_SCREEN_STATIONS:
	case ACT_SCREEN_REPORTS:
		return app_show(a, (enum scr)(act - ACT_SCREEN_GRIDS));
	case ACT_BACK:
		/* Esc on a screen that is not open yet goes back to the grids. */
		if (a->cur != SCR_GRIDS && !ops_of(a->cur)->open)
			return app_show(a, SCR_GRIDS);
		return CH_NONE;
	default:
		return CH_NONE;
	}
}

static unsigned handle_key(struct app *a, int key)
{
	if (key == KC(KEY_RESIZE))
		return CH_ALL;
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	if (too_small(rows, cols)) {
		/* Nothing to act on that the clerk could see; only quitting. */
		enum action act = action_for_key_in(key, SC_GLOBAL);
		if (act == ACT_QUIT)
			return app_quit(a);
		return act == ACT_REDRAW ? CH_ALL : CH_NONE;
	}
	if (a->help)
		return help_action(a, action_for_key_in(key, SC_GLOBAL | SC_LIST));
	if (a->nmodal) {
		unsigned ch = a->modal[a->nmodal - 1].ops->on_key(a, a->modal[a->nmodal - 1].m, key);
		if (!(ch & CH_UNHANDLED))
			return ch;
		/* Modal: screens stay where they are underneath. */
		switch (action_for_key_in(key, SC_GLOBAL)) {
		case ACT_HELP:
			a->help = 1;
			a->help_top = 0;
			return CH_BODY;
		case ACT_REDRAW:
			clearok(curscr, TRUE);
			return CH_ALL;
		case ACT_QUIT:
			return app_quit(a);
		default:
			return CH_NONE;
		}
	}
	enum action act = action_for_key_in(key, scope_now(a));
	if (act == ACT_NONE)
		return CH_NONE;
	unsigned ch = ops_of(a->cur)->on_action(a, act);
	if (!(ch & CH_UNHANDLED))
		return ch;
	return global_action(a, act);
}

/* Reads one key as an int (see actions.h); 0 when there was none.  Stops
 * the program after a run of errors (the terminal went away). */
static int read_key(struct app *a)
{
	wint_t wc;
	int r = get_wch(&wc);
	if (r == ERR) {
		if (errno != EINTR && ++a->read_errors > 100)
			a->quit = 1;
		return 0;
	}
	a->read_errors = 0;
	return r == KEY_CODE_YES ? KC((int)wc) : (int)wc;
}

/* ---- the timing trace ($GRIDWORK_TRACE) ------------------------------- */

/* When the process started, as near as the program can tell: set before
 * main() runs, after the dynamic loader, so the first-screen figure covers
 * opening the database, the first screen's queries and the first draw. */
static struct timespec process_start;

__attribute__((constructor)) static void note_process_start(void)
{
	clock_gettime(CLOCK_MONOTONIC, &process_start);
}

static double ms_between(const struct timespec *t0, const struct timespec *t1)
{
	return (double)(t1->tv_sec - t0->tv_sec) * 1e3 + (double)(t1->tv_nsec - t0->tv_nsec) / 1e6;
}

static double ms_since(const struct timespec *t0)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return ms_between(t0, &now);
}

/* The wall clock and the process's CPU time at one moment: on a shared
 * machine the CPU time shows what the program itself spent. */
struct trace_mark {
	struct timespec wall, cpu;
};

static void trace_mark(struct trace_mark *m)
{
	clock_gettime(CLOCK_MONOTONIC, &m->wall);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &m->cpu);
}

/* One line per frame drawn for a key, and one for the first screen (the
 * screen tests count the lines to know a key has been handled, so there is
 * never any other line).  The first: "frame 0 key start ms T open O cpu
 * C", T and O the milliseconds from the process start to the first screen
 * drawn and to the database opened, C the CPU milliseconds the process had
 * used by then; then "frame N key K ms T cpu C", T and C from reading the
 * key to its frame drawn.  Off, it costs one test of a pointer. */
static void trace_start(struct app *a, double open_ms)
{
	if (!a->trace)
		return;
	struct timespec cpu;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
	fprintf(a->trace, "frame 0 key start ms %.3f open %.3f cpu %.3f\n", ms_since(&process_start),
		open_ms, (double)cpu.tv_sec * 1e3 + (double)cpu.tv_nsec / 1e6);
	fflush(a->trace);
}

static void trace_frame(struct app *a, int key, const struct trace_mark *t0)
{
	char name[24];
	if (!a->trace)
		return;
	/* A character typed (a hanzi of the filter) as itself; keys by name. */
	mbstate_t ps;
	memset(&ps, 0, sizeof ps);
	size_t len;
	if (KEY_IS_CODE(key) || key <= ' ' || key == 127 ||
	    (len = wcrtomb(name, (wchar_t)key, &ps)) == (size_t)-1)
		key_label(key, name, sizeof name);
	else
		name[len] = '\0';
	struct trace_mark t1;
	trace_mark(&t1);
	fprintf(a->trace, "frame %lu key %s ms %.3f cpu %.3f\n", a->frame, name,
		ms_between(&t0->wall, &t1.wall), ms_between(&t0->cpu, &t1.cpu));
	fflush(a->trace);
}

/* ---- work between keys ------------------------------------------------ */

static int idle_busy(struct app *a)
{
	return dashboard_busy(a) || listscr_busy(a) || grids_busy(a);
}

/* One step of whatever waits; each gives way to a key pressed meanwhile. */
static unsigned idle_step(struct app *a)
{
	if (dashboard_busy(a))
		return dashboard_step(a);
	if (listscr_busy(a))
		return listscr_step(a);
	return grids_step(a);
}

/* ---- start and stop --------------------------------------------------- */

/* Without a UTF-8 codeset every Chinese cell shows blank and Chinese keys
 * are dropped, so fall back to C.UTF-8 whatever the environment says. */
static void ensure_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	if (cs && strcmp(cs, "UTF-8") == 0)
		return;
	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "en_US.UTF-8"))
		cli_error("%s", gw_tr("无法使用 UTF-8 区域设置，中文可能无法显示",
				      "no UTF-8 locale available; Chinese text may not show"));
}

int tui_main(struct cli *c)
{
	ensure_utf8();
	int status = EXIT_OK;
	struct gw *gw = cli_open(c, &status);
	if (!gw)
		return status;
	double open_ms = ms_since(&process_start);
	/* The importer's page cache would make browsing a million tickets
	 * resident at 80 MiB; the screens need a few MiB of it. */
	struct gw_err tune_err;
	if (db_tune_interactive(gw->db, &tune_err) != GW_OK)
		cli_error("%s", tune_err.msg);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_error("%s", gw_tr("全屏界面需要在终端中运行（子命令见 gridwork --help）",
				      "the full-screen interface needs a terminal (gridwork --help lists the subcommands)"));
		gw_close(gw);
		return EXIT_USAGE;
	}
	struct app a;
	memset(&a, 0, sizeof a);
	a.gw = gw;
	a.db_path = c->db_path;
	const char *tp = getenv("GRIDWORK_TRACE");
	if (tp && *tp && !(a.trace = fopen(tp, "a")))
		cli_error("%s: %s", tp, strerror(errno));

	SCREEN *term = newterm(NULL, stdout, stdin);
	if (!term) {
		const char *t = getenv("TERM");
		cli_error(gw_tr("无法打开终端（TERM=%s）", "cannot open the terminal (TERM=%s)"),
			  t ? t : "");
		if (a.trace)
			fclose(a.trace);
		gw_close(gw);
		return EXIT_REFUSED;
	}
	set_term(term);
	raw();      /* Ctrl-S / Ctrl-C reach us as keys (save, quit) */
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);

	a.cur = SCR_GRIDS;
	a.opened[SCR_GRIDS] = 1;
	a.cursor_y = a.cursor_x = -1;
	struct gw_err err;
	if (screen_grids_ops.open(&a, &err) != GW_OK)
		app_msg(&a, "%s", err.msg);
	/* A form that was being filled in when the program died. */
	form_recover_offer(&a);

	erase();
	draw(&a, CH_ALL);
	trace_start(&a, open_ms);
	while (!a.quit) {
		/* Work between keys (the dashboard computes in steps, a list
		 * sorts, the grid tree counts): a key is only looked for, and a
		 * step done when none waits. */
		int busy = idle_busy(&a);
		timeout(busy ? 0 : -1);
		int key = read_key(&a);
		struct trace_mark t0;
		memset(&t0, 0, sizeof t0);
		if (a.trace)
			trace_mark(&t0);
		if (!key) {
			if (busy) {
				a.read_errors = 0;   /* no key is not an error here */
				draw(&a, idle_step(&a));
			}
			continue;
		}
		unsigned ch = handle_key(&a, key);
		if (a.quit)
			break;
		if (ch == CH_ALL)
			erase();
		draw(&a, ch);
		a.frame++;
		trace_frame(&a, key, &t0);
	}

	endwin();
	delscreen(term);
	while (a.nmodal)
		app_pop(&a);
	/* A close hook frees the current screen's state (the list screens
	 * share theirs), so each is made current in turn. */
	for (int s = 0; s < SCR_COUNT; s++)
		if (a.opened[s] && ops_of(s)->close) {
			a.cur = (enum scr)s;
			ops_of(s)->close(&a);
		}
	if (a.trace)
		fclose(a.trace);
	gw_close(gw);
	return EXIT_OK;
}
