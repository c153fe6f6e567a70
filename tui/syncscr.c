/* syncscr.c - the exchange screen (see syncscr.h). */
#include "syncscr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "id.h"
#include "input.h"
#include "sync.h"
#include "sync_cmp.h"
#include "table.h"
#include "width.h"

/* Rows the offices' and the conflicts' tables show at most. */
#define PEER_ROWS 3
#define CONF_ROWS 4

struct peer_row {
	char code[17], name[200];
	int county;
	long long sent_seq, recv_seq;
	char sent_at[24], recv_at[24];
	long pending;
};

struct conf_row {
	long long id, seq;
	char at[24], peer[17], tbl[32], columns[256], outcome[16], rule[256];
	int settled;
	char label[300];        /* the record as a clerk knows it */
	struct sync_version mine, theirs;
};

struct syncscr {
	struct sync_overview ov;
	struct peer_row *peers;
	int npeers;
	struct conf_row *confs;
	int nconfs;
	struct table_col pcols[5], ccols[6];
	struct table tp, tc;
	int focus;              /* 0 the offices, 1 the conflicts */
	int all;                /* every conflict, not only the open ones */
	char result[1024];      /* what the last export, import or choice did */
	int keep_theirs;        /* the choice being confirmed */
};

static const struct modal_ops sync_ops;

/* ---- loading ---------------------------------------------------------------------- */

static void free_confs(struct syncscr *s)
{
	for (int i = 0; i < s->nconfs; i++) {
		sync_version_free(&s->confs[i].mine);
		sync_version_free(&s->confs[i].theirs);
	}
	free(s->confs);
	s->confs = NULL;
	s->nconfs = 0;
}

static void each_peer(void *ctx, const struct sync_peer_info *p)
{
	struct syncscr *s = ctx;
	struct peer_row *np = realloc(s->peers, (size_t)(s->npeers + 1) * sizeof *np);
	if (!np)
		return;
	s->peers = np;
	struct peer_row *r = &s->peers[s->npeers++];
	memset(r, 0, sizeof *r);
	snprintf(r->code, sizeof r->code, "%s", p->code);
	snprintf(r->name, sizeof r->name, "%s", p->name);
	r->county = p->county;
	r->sent_seq = p->sent_seq;
	r->recv_seq = p->recv_seq;
	snprintf(r->sent_at, sizeof r->sent_at, "%s", p->sent_at ? p->sent_at : "");
	snprintf(r->recv_at, sizeof r->recv_at, "%s", p->recv_at ? p->recv_at : "");
	r->pending = p->pending_changes;
}

/* What a clerk calls the record: a ticket's number and title, a name. */
static void record_label(struct conf_row *c, const char *record_id)
{
	const struct sync_version *v = c->theirs.deleted ? &c->mine : &c->theirs;
	const char *number = sync_version_get(v, "number"), *title = sync_version_get(v, "title");
	const char *name = sync_version_get(v, "name"), *code = sync_version_get(v, "code");
	if (number && title)
		snprintf(c->label, sizeof c->label, "%s %s", number, title);
	else if (name)
		snprintf(c->label, sizeof c->label, "%s", name);
	else if (title || code)
		snprintf(c->label, sizeof c->label, "%s", title ? title : code);
	else
		snprintf(c->label, sizeof c->label, "%s", record_id);
}

static void each_conflict(void *ctx, const struct sync_conflict_info *ci)
{
	struct syncscr *s = ctx;
	struct conf_row *nc = realloc(s->confs, (size_t)(s->nconfs + 1) * sizeof *nc);
	if (!nc)
		return;
	s->confs = nc;
	struct conf_row *c = &s->confs[s->nconfs++];
	memset(c, 0, sizeof *c);
	c->id = ci->id;
	c->seq = ci->package_seq;
	snprintf(c->at, sizeof c->at, "%s", ci->at ? ci->at : "");
	snprintf(c->peer, sizeof c->peer, "%s", ci->peer ? ci->peer : "");
	snprintf(c->tbl, sizeof c->tbl, "%s", ci->tbl ? ci->tbl : "");
	snprintf(c->columns, sizeof c->columns, "%s", ci->columns ? ci->columns : "");
	snprintf(c->outcome, sizeof c->outcome, "%s", ci->outcome ? ci->outcome : "");
	snprintf(c->rule, sizeof c->rule, "%s", ci->rule ? ci->rule : "");
	c->settled = ci->resolution != NULL || (ci->rule && ci->rule[0]);
	sync_version_read(&c->mine, ci->mine);
	sync_version_read(&c->theirs, ci->theirs);
	record_label(c, ci->record_id ? ci->record_id : "");
}

static void load(struct app *a, struct syncscr *s)
{
	struct gw_err err;
	free(s->peers);
	s->peers = NULL;
	s->npeers = 0;
	free_confs(s);
	memset(&s->ov, 0, sizeof s->ov);
	if (sync_status(a->gw, &s->ov, each_peer, s, &err) != GW_OK ||
	    sync_conflicts(a->gw, s->all, each_conflict, s, &err) != GW_OK)
		snprintf(s->result, sizeof s->result, "%s", err.msg);
	table_set_rows(&s->tp, s->npeers);
	table_set_rows(&s->tc, s->nconfs);
	if (s->tp.sel < 0 && s->npeers)
		table_select(&s->tp, 0);
	if (s->tc.sel < 0 && s->nconfs)
		table_select(&s->tc, 0);
}

/* ---- the tables ---------------------------------------------------------------- */

static void peer_cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	struct syncscr *s = ctx;
	if (row < 0 || row >= s->npeers)
		return;
	const struct peer_row *p = &s->peers[row];
	switch (col) {
	case 0:
		snprintf(buf, sz, "%s", p->code);
		break;
	case 1:
		snprintf(buf, sz, "%s%s", p->name, p->county ? ui_s(S_SYNC_IS_COUNTY) : "");
		break;
	case 2:
	case 3: {
		long long seq = col == 2 ? p->sent_seq : p->recv_seq;
		const char *at = col == 2 ? p->sent_at : p->recv_at;
		char when[16];
		/* "MM-DD HH:MM": the year is almost always this one. */
		snprintf(when, sizeof when, "%.11s", strlen(at) >= 16 ? at + 5 : at);
		if (seq <= 0)
			snprintf(buf, sz, "%s", ui_s(S_SYNC_NEVER));
		else
			snprintf(buf, sz, ui_s(S_SYNC_SEQ), seq, when);
		break;
	}
	default:
		snprintf(buf, sz, "%ld", p->pending);
	}
}

static const char *tbl_label(const char *tbl)
{
	static const struct {
		const char *tbl;
		enum ui_str s;
	} names[] = {
		{"grid", S_KIND_GRID},     {"org", S_KIND_ORG},         {"instructor", S_KIND_INSTRUCTOR},
		{"worker", S_KIND_WORKER}, {"station", S_KIND_STATION}, {"ticket", S_KIND_TICKET},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(tbl, names[i].tbl) == 0)
			return ui_s(names[i].s);
	return tbl;
}

static void conf_cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	struct syncscr *s = ctx;
	if (row < 0 || row >= s->nconfs)
		return;
	const struct conf_row *c = &s->confs[row];
	switch (col) {
	case 0:
		snprintf(buf, sz, "%lld", c->id);
		break;
	case 1:
		snprintf(buf, sz, "%s", tbl_label(c->tbl));
		break;
	case 2:
		snprintf(buf, sz, "%s", c->label);
		break;
	case 3:
		sync_fields_text(c->columns, buf, sz);
		break;
	case 4:
		snprintf(buf, sz, "%s", c->peer);
		break;
	default:
		snprintf(buf, sz, "%s", ui_s(!c->settled ? S_SYNC_NOW_OPEN : c->rule[0] ? S_SYNC_NOW_RULE
											: S_SYNC_NOW_DONE));
	}
}

static const struct conf_row *sel_conf(const struct syncscr *s)
{
	int i = s->tc.sel;
	return i >= 0 && i < s->nconfs ? &s->confs[i] : NULL;
}

static void draw_cmp(struct app *a, struct syncscr *s, int y, int x, int h, int cols)
{
	const struct conf_row *c = sel_conf(s);
	char title[700];
	if (!c)
		return;
	if (c->rule[0])
		snprintf(title, sizeof title, ui_s(S_SYNC_RULE), c->rule);
	else
		snprintf(title, sizeof title, "%s  %s", c->label, c->at);
	struct sync_cmp v = {
		.title = title, .tbl = c->tbl, .office = s->ov.office, .peer = c->peer,
		.mine = &c->mine, .theirs = &c->theirs,
	};
	sync_cmp_draw(a->gw, stdscr, &v, y, x, h, cols);
}

/* ---- keys -------------------------------------------------------------------------- */

static void say(struct app *a, struct syncscr *s, const char *text)
{
	snprintf(s->result, sizeof s->result, "%s", text);
	app_msg(a, "%s", text);
}

static void export_done(struct app *a, void *ctx, const char *path)
{
	struct syncscr *s = ctx;
	int i = s->tp.sel;
	if (i < 0 || i >= s->npeers || !*path)
		return;
	struct sync_summary sum;
	struct gw_err err;
	char text[1024];
	memset(&sum, 0, sizeof sum);
	if (sync_export(a->gw, s->peers[i].code, 0, path, &sum, &err) != GW_OK) {
		say(a, s, err.msg);
		return;
	}
	snprintf(text, sizeof text, ui_s(S_SYNC_EXPORTED), path, s->peers[i].code, sum.seq, sum.changes);
	say(a, s, text);
	load(a, s);
}

static void import_done(struct app *a, void *ctx, const char *path)
{
	struct syncscr *s = ctx;
	struct sync_summary sum;
	struct gw_err err;
	char text[1024];
	if (!*path)
		return;
	memset(&sum, 0, sizeof sum);
	if (sync_import(a->gw, path, &sum, &err) != GW_OK) {
		say(a, s, err.msg);   /* core's refusal says why, and that nothing changed */
		return;
	}
	snprintf(text, sizeof text, ui_s(S_SYNC_IMPORTED), sum.peer, sum.seq, sum.applied, sum.skipped,
		 sum.conflicts_open);
	say(a, s, text);
	app_changed(a);
	load(a, s);
}

static unsigned ask_path(struct app *a, struct syncscr *s, int import)
{
	char title[200], about[600], path[PATH_MAX], today[11];
	const char *home = getenv("HOME");
	const char *dir = home && *home ? home : ".";
	int i = s->tp.sel;
	if (!import && (i < 0 || i >= s->npeers))
		return app_msg(a, "%s", ui_s(S_SYNC_NO_PEER_SEL));
	clock_today(today);
	if (import) {
		snprintf(title, sizeof title, "%s", ui_s(S_SYNC_IMPORT_TITLE));
		snprintf(about, sizeof about, "%s", ui_s(S_SYNC_IMPORT_ABOUT));
		snprintf(path, sizeof path, "%s/", dir);
	} else {
		snprintf(title, sizeof title, ui_s(S_SYNC_EXPORT_TITLE), s->peers[i].code);
		snprintf(about, sizeof about, ui_s(S_SYNC_EXPORT_ABOUT), s->peers[i].code);
		snprintf(path, sizeof path, "%s/%s-%s-%s.gws", dir, s->ov.office, s->peers[i].code, today);
	}
	struct input_opts o = {
		.title = title, .about = about, .prompt = ui_s(S_SYNC_PATH), .initial = path,
		.required = 1, .done = import ? import_done : export_done, .ctx = s,
	};
	return input_open(a, &o);
}

static void resolve_yes(struct app *a, void *ctx)
{
	struct syncscr *s = ctx;
	const struct conf_row *c = sel_conf(s);
	struct gw_err err;
	char text[600];
	if (!c)
		return;
	long long id = c->id;
	if (sync_resolve(a->gw, id, s->keep_theirs, &err) != GW_OK) {
		say(a, s, err.msg);
		return;
	}
	snprintf(text, sizeof text, ui_s(S_SYNC_RESOLVED), id,
		 ui_s(s->keep_theirs ? S_SYNC_THEIRS_WORD : S_SYNC_MINE_WORD));
	say(a, s, text);
	app_changed(a);
	load(a, s);
}

static unsigned resolve_ask(struct app *a, struct syncscr *s, int theirs)
{
	const struct conf_row *c = sel_conf(s);
	if (!c || c->settled)
		return app_msg(a, "%s", ui_s(S_SYNC_NO_CONFLICT_SEL));
	char q[800];
	snprintf(q, sizeof q, ui_s(theirs ? S_SYNC_ASK_THEIRS : S_SYNC_ASK_MINE), c->id, c->peer);
	s->keep_theirs = theirs;
	return dialog_confirm(a, q, resolve_yes, NULL, s);
}

static unsigned sync_key(struct app *a, void *m, int key)
{
	struct syncscr *s = m;
	enum action act = action_for_key_in(key, SC_SYNC | SC_LIST | SC_GLOBAL);
	struct table *t = s->focus ? &s->tc : &s->tp;
	int r = table_on_action(t, act);
	if (r >= 0)
		return r ? CH_BODY : CH_NONE;
	switch (act) {
	case ACT_SYNC_FOCUS:
		s->focus = !s->focus;
		return CH_BODY;
	case ACT_SYNC_EXPORT:
		return ask_path(a, s, 0);
	case ACT_SYNC_IMPORT:
		return ask_path(a, s, 1);
	case ACT_SYNC_MINE:
	case ACT_SYNC_THEIRS:
		return resolve_ask(a, s, act == ACT_SYNC_THEIRS);
	case ACT_SYNC_ALL:
		s->all = !s->all;
		load(a, s);
		return CH_BODY;
	case ACT_BACK:
		return app_pop(a);
	case ACT_SCREEN_GRIDS:
	case ACT_SCREEN_INSTRUCTORS:
	case ACT_SCREEN_TICKETS:
	case ACT_SCREEN_ORGS:
	case ACT_SCREEN_WORKERS:
	case ACT_SCREEN_STATIONS:
	case ACT_SCREEN_REPORTS:
		/* A screen of its own in all but name: the menu's keys leave it. */
		app_pop(a);
		return app_show(a, (enum scr)(act - ACT_SCREEN_GRIDS)) | CH_ALL;
	case ACT_HELP:
	case ACT_REDRAW:
	case ACT_QUIT:
		return CH_UNHANDLED;
	default:
		return CH_NONE;
	}
}

/* A section's title on a line of its own, the line-drawing rule after it. */
static void section(int y, int x, int cols, const char *title, int focused)
{
	int tw = width_str(title, strlen(title));
	ui_text(stdscr, y, x, tw, title, focused ? A_BOLD | A_UNDERLINE : A_BOLD, UI_LEFT);
	if (cols - tw - 1 > 0)
		mvwhline_set(stdscr, y, x + tw + 1, WACS_HLINE, cols - tw - 1);
}

static void sync_draw(struct app *a, void *m, int rows, int cols)
{
	struct syncscr *s = m;
	int y = 1, x = 1, w = cols - 2, bottom = rows - 3;
	char line[600];
	ui_clear(stdscr, 1, 0, rows - 3, cols);
	snprintf(line, sizeof line, ui_s(S_SYNC_HEAD), s->ov.office, s->ov.county[0] ? "" : ui_s(S_SYNC_IS_COUNTY),
		 s->ov.local_entries, s->ov.local_changes, s->ov.open_conflicts);
	ui_text(stdscr, y++, x, w, line, A_BOLD, UI_LEFT);
	ui_text(stdscr, y++, x, w, s->result[0] ? s->result : ui_s(S_SYNC_KEYS), A_NORMAL, UI_LEFT);

	section(y++, x, w, ui_s(S_SYNC_PEERS), s->focus == 0);
	if (!s->npeers) {
		ui_text(stdscr, y++, x, w, ui_s(S_SYNC_NO_PEERS), A_NORMAL, UI_LEFT);
	} else {
		int ph = (s->npeers < PEER_ROWS ? s->npeers : PEER_ROWS) + 1;
		table_draw(stdscr, &s->tp, y, x, ph, w);
		y += ph;
	}
	section(y++, x, w, ui_s(s->all ? S_SYNC_CONFLICTS_ALL : S_SYNC_CONFLICTS), s->focus == 1);
	if (!s->nconfs) {
		ui_text(stdscr, y++, x, w, ui_s(s->all ? S_SYNC_NONE_AT_ALL : S_SYNC_NO_CONFLICTS), A_NORMAL, UI_LEFT);
		return;
	}
	int ch = (s->nconfs < CONF_ROWS ? s->nconfs : CONF_ROWS) + 1;
	table_draw(stdscr, &s->tc, y, x, ch, w);
	y += ch;
	draw_cmp(a, s, y, x, bottom - y + 1, w);
}

static void sync_free(void *m)
{
	struct syncscr *s = m;
	free(s->peers);
	free_confs(s);
	free(s);
}

static const struct modal_ops sync_ops = {
	.title = S_SYNC_TITLE, .scope = SC_SYNC | SC_LIST, .on_key = sync_key, .draw = sync_draw,
	.free = sync_free,
};

unsigned syncscr_open(struct app *a)
{
	if (app_top(a, &sync_ops))
		return CH_NONE;
	struct syncscr *s = calloc(1, sizeof *s);
	if (!s)
		return app_msg(a, "%s", gw_status_text(GW_ENOMEM));
	static const struct {
		enum ui_str t;
		int min, grow;
	} pc[] = {{S_COL_OFFICE, 6, 0}, {S_COL_NAME, 8, 2}, {S_COL_SENT, 12, 1}, {S_COL_RECV, 12, 1},
		  {S_COL_PENDING, 8, 0}},
	  cc[] = {{S_COL_NO, 3, 0}, {S_COL_KIND, 4, 0}, {S_COL_RECORD, 10, 3}, {S_COL_FIELDS, 8, 1},
		  {S_COL_FROM, 4, 0}, {S_COL_NOW, 6, 0}};
	for (int i = 0; i < 5; i++)
		s->pcols[i] = (struct table_col){pc[i].t, pc[i].min, 0, pc[i].grow,
						 i == 4 ? UI_RIGHT : UI_LEFT, NULL, peer_cell, i};
	for (int i = 0; i < 6; i++)
		s->ccols[i] = (struct table_col){cc[i].t, cc[i].min, 0, cc[i].grow,
						 i == 0 ? UI_RIGHT : UI_LEFT, NULL, conf_cell, i};
	table_init(&s->tp, s->pcols, 5, s);
	table_init(&s->tc, s->ccols, 6, s);
	s->tp.sort_col = s->tc.sort_col = -1;
	load(a, s);
	/* Straight to the conflicts when there are any: they wait for a clerk. */
	s->focus = s->nconfs > 0;
	return app_push(a, &sync_ops, s);
}
