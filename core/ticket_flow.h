/* ticket_flow.h - the ticket workflow (工单流转): registration, the moves
 * between states with their immutable history, the lead and supporting
 * departments, the responsible instructor, time limits and supervision
 * grades, merging duplicates, and the points a verified close earns.
 *
 * States: new -> accepted -> in_progress -> resolved -> closed, with
 * on_hold (the clock stands still), returned (a department sends the
 * ticket back; the office reassigns it by accept or transfer), reopen from
 * resolved or closed, transfer to another department (back to new, for the
 * new department to sign for).  Every write is one transaction with its
 * audit record and one ticket_event per step (who = gw->operator_name,
 * when = clock_now()).
 *
 * The moves are in ticket_flow.c; reading tickets, their history and
 * lists is declared in ticket_query.h (included here) and lives in
 * ticket_query.c. */
#ifndef GW_TICKET_FLOW_H
#define GW_TICKET_FLOW_H

#include "gw.h"
#include "ticket.h"
#include "ticket_query.h"

/* The moves a clerk makes: enum name, English (CLI and history) name,
 * Chinese label. */
#define TICKET_ACTIONS(X)                              \
	X(TA_ACCEPT, "accept", "受理")                 \
	X(TA_START, "start", "开始办理")               \
	X(TA_HOLD, "hold", "挂起")                     \
	X(TA_RESUME, "resume", "恢复办理")             \
	X(TA_RESOLVE, "resolve", "办结")               \
	X(TA_CLOSE, "close", "核实关闭")               \
	X(TA_RETURN, "return", "退回")                 \
	X(TA_REOPEN, "reopen", "重新办理")             \
	X(TA_TRANSFER, "transfer", "流转")             \
	X(TA_COMMENT, "comment", "备注")               \
	X(TA_MERGE, "merge", "合并为重复")             \
	X(TA_SUPPORT_ADD, "support_add", "增加协办部门") \
	X(TA_SUPPORT_REMOVE, "support_remove", "移除协办部门") \
	X(TA_INSTRUCTOR, "instructor", "更换指导员")

enum ticket_action {
#define TA_X_ENUM(e, en, zh) e,
	TICKET_ACTIONS(TA_X_ENUM)
#undef TA_X_ENUM
	TA_COUNT
};

/* Names of an action; NULL when out of range.  The history also holds
 * "register" (created here), "import" (written by a CSV import) and
 * "absorb" (a duplicate was merged into this ticket): ticket_event_label
 * names any of them in the current language. */
const char *ticket_action_en(enum ticket_action a);
const char *ticket_action_zh(enum ticket_action a);
const char *ticket_event_label(const char *action);

/* Bit (1u << action) set for every move the stored status (English name)
 * allows; 0 for an unknown status. */
unsigned ticket_allowed(const char *status);

/* What a new ticket holds; NULL or "" for the optional ones.  Enumerated
 * values in Chinese or English. */
struct ticket_new {
	const char *title, *category, *source, *grid_code;
	const char *org_code, *reporter, *phone, *department, *description;
};

/* Registers a ticket in one transaction: takes this office's next number
 * for the current year, writes the ticket through the tickets.csv row
 * handler (the same checks as an imported row, messages naming the
 * column), names its first event "register", and attaches the instructor
 * of its organisation, else of its grid or the nearest grid above (full-
 * time first).  *out (the caller's) gets the stored ticket.  GW_EINVAL with
 * a message on a bad value; nothing is written on failure. */
enum gw_status ticket_register(struct gw *gw, const struct ticket_new *n, struct ticket_rec *out,
			       struct gw_err *err);

/* One move.  Which fields count depends on the action:
 *   accept: department (optional: the lead already named; required from
 *     returned, which is how the office reassigns);
 *   hold, return, reopen, transfer: note is the reason (required);
 *   resolve: note required; close: satisfaction 1-5, note optional;
 *   comment: note required; transfer, support_add, support_remove:
 *   department; merge: into, the ticket that stays (number or id);
 *   instructor: instructor_phone ("" detaches).
 * version: the ticket's version as the caller last saw it; 0 skips the
 * check. */
struct ticket_move {
	enum ticket_action action;
	const char *department;
	const char *note;
	int satisfaction;
	const char *into;
	const char *instructor_phone;
	int version;
};

/* Applies move m to the ticket key (its number, or its id) in one
 * transaction, with its event and audit record; a verified close pays the
 * reporting worker's points.  *out (may be NULL) gets the ticket after the
 * move.  GW_ESTATE when the status does not allow the move (the message
 * lists the moves it allows), GW_ECONFLICT on a stale version, GW_EINVAL
 * on a bad value, GW_ENOTFOUND for an unknown ticket; nothing is written
 * on failure. */
enum gw_status ticket_apply(struct gw *gw, const char *key, const struct ticket_move *m,
			    struct ticket_rec *out, struct gw_err *err);

#endif
