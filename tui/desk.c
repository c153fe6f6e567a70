/* desk.c - the ticket desk's moves and bulk actions (see desk.h). */
#include "desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "enums.h"
#include "input.h"
#include "listscr.h"
#include "picker.h"
#include "search.h"
#include "ticket_flow.h"

/* Each move's key. */
static const struct {
	enum action act;
	enum ticket_action ta;
} moves[] = {
	{ACT_T_ACCEPT, TA_ACCEPT},     {ACT_T_START, TA_START},     {ACT_T_HOLD, TA_HOLD},
	{ACT_T_RESUME, TA_RESUME},     {ACT_T_TRANSFER, TA_TRANSFER}, {ACT_T_RESOLVE, TA_RESOLVE},
	{ACT_T_CLOSE, TA_CLOSE},       {ACT_T_RETURN, TA_RETURN},   {ACT_T_REOPEN, TA_REOPEN},
	{ACT_T_COMMENT, TA_COMMENT},   {ACT_T_MERGE, TA_MERGE},
};

static int move_of(enum action act)
{
	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
		if (moves[i].act == act)
			return (int)moves[i].ta;
	return -1;
}

/* What a move still has to ask. */
enum { ASK_DEPT = 1, ASK_NOTE = 2, ASK_SAT = 4, ASK_INTO = 8, ASK_PHONE = 16 };

struct job {
	enum ticket_action ta;
	int bulk;                          /* ids[n], not id */
	char (*ids)[GW_ID_LEN + 1];
	int n;
	char id[GW_ID_LEN + 1];
	char number[TICKET_NUMBER_MAX * 4 + 1];
	int version;
	unsigned need, asked;
	int dept_optional;
	char dept[96];
	char note[TICKET_NOTE_MAX * 4 + 1];
	int satisfaction;
	char into[TICKET_NUMBER_MAX * 4 + 1];
	char phone[24];
	char title[300];
};

/* The desk asks one question at a time (each is modal), so the move being
 * put together is kept here rather than handed from question to question:
 * a question cancelled with Esc then leaves nothing behind to free (a
 * bulk move's ids wait for the next move, which frees them). */
static struct job job;

static void reset_job(void)
{
	free(job.ids);
	memset(&job, 0, sizeof job);
}

static const char *move_label(enum ticket_action ta)
{
	return gw_tr(ticket_action_zh(ta), ticket_action_en(ta));
}

static const char *status_label(const char *stored)
{
	int i = enum_index(EN_TICKET_STATUS, stored);
	return i < 0 ? stored : enum_label(EN_TICKET_STATUS, i);
}

static int blank(const char *s)
{
	while (*s == ' ')
		s++;
	return *s == '\0';
}

/* ---- applying ----------------------------------------------------------- */

/* The core's message in a box: too long for the status line, and what it
 * says (the moves allowed now) is what the clerk needs next. */
static unsigned refused(struct app *a, const char *msg)
{
	char title[400];
	snprintf(title, sizeof title, ui_s(S_DESK_REFUSED), job.title);
	return input_notice(a, title, msg);
}

static void fill_move(struct ticket_move *m)
{
	memset(m, 0, sizeof *m);
	m->action = job.ta;
	m->department = job.dept[0] ? job.dept : NULL;
	m->note = job.note[0] ? job.note : NULL;
	m->satisfaction = job.satisfaction;
	m->into = job.into[0] ? job.into : NULL;
	m->instructor_phone = job.phone;
	m->version = job.version;
}

/* Every tagged ticket in one transaction: ticket_apply nests in it, and
 * its own rollback on a refusal undoes the tickets before as well. */
static void apply_bulk(struct app *a, const struct ticket_move *m)
{
	struct gw_err err;
	enum gw_status st = db_begin(a->gw->db, &err);
	for (int i = 0; i < job.n && st == GW_OK; i++)
		st = ticket_apply(a->gw, job.ids[i], m, NULL, &err);
	if (st == GW_OK)
		st = db_commit(a->gw->db, &err);
	else
		db_rollback(a->gw->db);
	if (st != GW_OK) {
		char text[1024];
		snprintf(text, sizeof text, ui_s(S_DESK_BULK_NONE), err.msg);
		refused(a, text);
		return;
	}
	app_msg(a, ui_s(S_BULK_DONE), job.title, job.n);
	struct listscr *s = listscr_of(a, SCR_TICKETS);
	if (s)
		s->ntags = 0;
	app_changed(a);
}

static void apply(struct app *a)
{
	struct ticket_move m;
	fill_move(&m);
	if (job.bulk) {
		apply_bulk(a, &m);
		reset_job();
		return;
	}
	struct gw_err err;
	struct ticket_rec *t = malloc(sizeof *t);   /* about 10 KB */
	if (!t) {
		app_msg(a, "%s", gw_status_text(GW_ENOMEM));
		return;
	}
	enum gw_status st = ticket_apply(a->gw, job.id, &m, t, &err);
	if (st == GW_OK)
		app_msg(a, ui_s(S_DESK_DONE), move_label(job.ta), job.number, status_label(t->status));
	else
		refused(a, err.msg);
	free(t);
	/* A stale version means someone else moved it: show what is there. */
	if (st == GW_OK || st == GW_ECONFLICT) {
		app_changed(a);
		desk_view_reload(a);
	}
	reset_job();
}

/* ---- the questions ------------------------------------------------------ */

static void step(struct app *a);

static void dept_done(struct app *a, void *ctx, const char *value, const char *hint)
{
	(void)ctx;
	(void)hint;
	snprintf(job.dept, sizeof job.dept, "%s", value);
	job.asked |= ASK_DEPT;
	step(a);
}

static void phone_done(struct app *a, void *ctx, const char *value, const char *hint)
{
	(void)ctx;
	(void)hint;
	snprintf(job.phone, sizeof job.phone, "%s", value);
	job.asked |= ASK_PHONE;
	step(a);
}

static void note_done(struct app *a, void *ctx, const char *text)
{
	(void)ctx;
	snprintf(job.note, sizeof job.note, "%s", text);
	job.asked |= ASK_NOTE;
	step(a);
}

static void into_done(struct app *a, void *ctx, const char *text)
{
	(void)ctx;
	snprintf(job.into, sizeof job.into, "%s", text);
	job.asked |= ASK_INTO;
	step(a);
}

static void sat_done(struct app *a, void *ctx, int i)
{
	(void)ctx;
	job.satisfaction = i + 1;
	job.asked |= ASK_SAT;
	step(a);
}

/* The tickets the merge target's text finds, the ticket itself left out. */
static int find_tickets(struct app *a, void *ctx, const char *text, struct input_item *items, int max,
			char *note, size_t notesz)
{
	(void)ctx;
	if (blank(text)) {
		snprintf(note, notesz, "%s", ui_s(S_DESK_INTO_HINT));
		return 0;
	}
	struct search_opts so = {SK_TICKET, max + 1};
	struct search_result res;
	struct gw_err err;
	if (search_find(a->gw, text, &so, &res, &err) != GW_OK) {
		snprintf(note, notesz, "%s", err.msg);
		return 0;
	}
	int n = 0;
	for (int i = 0; i < res.n && n < max; i++) {
		const struct search_hit *h = &res.hits[i];
		if (strcmp(h->id, job.id) == 0)
			continue;
		snprintf(items[n].value, sizeof items[n].value, "%s", h->code);
		snprintf(items[n].label, sizeof items[n].label, "%s  %s  %s", h->code, h->name,
			 status_label(h->status));
		n++;
	}
	search_result_free(&res);
	if (!n)
		snprintf(note, notesz, "%s", ui_s(S_DESK_INTO_NONE));
	return n;
}

static enum ui_str note_prompt(enum ticket_action ta)
{
	switch (ta) {
	case TA_HOLD: return S_DESK_P_HOLD;
	case TA_RETURN: return S_DESK_P_RETURN;
	case TA_REOPEN: return S_DESK_P_REOPEN;
	case TA_RESOLVE: return S_DESK_P_RESOLVE;
	case TA_TRANSFER: return S_DESK_P_TRANSFER;
	case TA_CLOSE: return S_DESK_P_CLOSE;
	case TA_COMMENT: return S_DESK_P_COMMENT;
	default: return S_DESK_P_NOTE;
	}
}

/* Asks the next thing the move needs, or applies it. */
static void step(struct app *a)
{
	unsigned left = job.need & ~job.asked;
	char title[400];
	if (left & ASK_DEPT) {
		snprintf(title, sizeof title, ui_s(S_DESK_Q_DEPT), job.title);
		struct pick_opts o = {.src = PK_DEPT, .optional = job.dept_optional, .title = title,
				      .current = job.dept, .done = dept_done};
		picker_open(a, &o);
		return;
	}
	if (left & ASK_PHONE) {
		snprintf(title, sizeof title, ui_s(S_DESK_Q_INSTRUCTOR), job.title);
		struct pick_opts o = {.src = PK_INSTRUCTOR, .optional = 1, .title = title,
				      .done = phone_done};
		picker_open(a, &o);
		return;
	}
	if (left & ASK_SAT) {
		const char *items[5] = {ui_s(S_DESK_SAT_1), ui_s(S_DESK_SAT_2), ui_s(S_DESK_SAT_3),
					ui_s(S_DESK_SAT_4), ui_s(S_DESK_SAT_5)};
		snprintf(title, sizeof title, ui_s(S_DESK_Q_SAT), job.title);
		dialog_menu(a, title, items, 5, sat_done, NULL);
		return;
	}
	if (left & ASK_INTO) {
		struct input_opts o = {.title = job.title, .about = ui_s(S_DESK_INTO_ABOUT),
				       .prompt = ui_s(S_DESK_P_INTO), .max_chars = TICKET_NUMBER_MAX,
				       .required = 1, .suggest = find_tickets, .done = into_done};
		input_open(a, &o);
		return;
	}
	if (left & ASK_NOTE) {
		int required = job.ta != TA_CLOSE && job.ta != TA_MERGE;
		char about[400] = "";
		if (job.dept[0] && job.ta == TA_TRANSFER)
			snprintf(about, sizeof about, ui_s(S_DESK_TO_DEPT), job.dept);
		struct input_opts o = {.title = job.title, .about = about,
				       .prompt = ui_s(note_prompt(job.ta)), .max_chars = TICKET_NOTE_MAX,
				       .required = required, .done = note_done};
		input_open(a, &o);
		return;
	}
	apply(a);
}

unsigned desk_move(struct app *a, const struct desk_ticket *t, enum action act)
{
	int ta = move_of(act);
	if (ta < 0)
		return CH_UNHANDLED;
	reset_job();
	job.ta = (enum ticket_action)ta;
	job.version = t->version;
	snprintf(job.id, sizeof job.id, "%s", t->id);
	snprintf(job.number, sizeof job.number, "%s", t->number);
	snprintf(job.title, sizeof job.title, "%s %s", move_label(job.ta), t->number);
	if (!(ticket_allowed(t->status) & (1u << ta))) {
		/* Nothing to ask: the core refuses, saying what is allowed now. */
		struct ticket_move m;
		struct gw_err err;
		fill_move(&m);
		if (ticket_apply(a->gw, t->id, &m, NULL, &err) != GW_OK)
			return refused(a, err.msg);
		app_changed(a);   /* not reached while the version is checked */
		return CH_ALL;
	}
	switch (job.ta) {
	case TA_ACCEPT:
		/* A returned ticket is reassigned by accepting it anew. */
		if (strcmp(t->status, "returned") == 0 || !t->department[0])
			job.need = ASK_DEPT;
		job.dept_optional = strcmp(t->status, "returned") != 0;
		break;
	case TA_TRANSFER:
		job.need = ASK_DEPT | ASK_NOTE;
		break;
	case TA_HOLD:
	case TA_RETURN:
	case TA_REOPEN:
	case TA_RESOLVE:
	case TA_COMMENT:
		job.need = ASK_NOTE;
		break;
	case TA_CLOSE:
		job.need = ASK_SAT | ASK_NOTE;
		break;
	case TA_MERGE:
		job.need = ASK_INTO | ASK_NOTE;
		break;
	default:
		break;
	}
	step(a);
	return CH_ALL;
}

/* ---- bulk ------------------------------------------------------------------ */

static void bulk_pick(struct app *a, void *ctx, int i)
{
	(void)ctx;
	job.ta = i == 0 ? TA_TRANSFER : TA_INSTRUCTOR;
	job.need = i == 0 ? ASK_DEPT | ASK_NOTE : ASK_PHONE;
	snprintf(job.title, sizeof job.title, "%s", ui_s(i == 0 ? S_DESK_BULK_TRANSFER : S_DESK_BULK_INSTRUCTOR));
	step(a);
}

unsigned desk_bulk(struct app *a, const char *const *ids, int n)
{
	if (n <= 0)
		return CH_NONE;
	reset_job();
	job.ids = malloc((size_t)n * sizeof job.ids[0]);
	if (!job.ids)
		return app_msg(a, "%s", gw_status_text(GW_ENOMEM));
	for (int i = 0; i < n; i++)
		snprintf(job.ids[i], sizeof job.ids[i], "%s", ids[i]);
	job.n = n;
	job.bulk = 1;
	const char *items[2] = {ui_s(S_DESK_BULK_TRANSFER), ui_s(S_DESK_BULK_INSTRUCTOR)};
	char title[160];
	snprintf(title, sizeof title, ui_s(S_DESK_BULK_TITLE), n);
	return dialog_menu(a, title, items, 2, bulk_pick, NULL);
}

/* ---- the hint bar --------------------------------------------------------- */

int desk_offers(struct app *a, enum action act)
{
	int ta = move_of(act);
	if (ta < 0)
		return 1;
	const char *status = NULL;
	const struct ticket_rec *t = desk_view_ticket(a);
	if (t) {
		status = t->status;
	} else if (!a->nmodal && a->cur == SCR_TICKETS) {
		struct listscr *s = listscr_of(a, SCR_TICKETS);
		const struct list_row *r = s ? listscr_selected(s) : NULL;
		if (r)
			status = list_cell(r, LT_STATUS);
	}
	return status && (ticket_allowed(status) & (1u << ta));
}
