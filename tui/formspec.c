/* formspec.c - the fields of every record kind's form (see formspec.h). */
#include "formspec.h"

#include "enums.h"
#include "grid.h"
#include "instructor.h"
#include "org.h"
#include "station.h"
#include "ticket.h"
#include "worker.h"

#define T(max) {FF_TEXT, -1, max, 0}
#define E(en) {FF_ENUM, en, 0, 0}

static const struct ff_spec grid_f[GRID_NCOLS] = {
	[GRID_C_CODE] = {FF_CODE, -1, 32, 0},
	[GRID_C_NAME] = T(100),
	[GRID_C_LEVEL] = {FF_ENUM, EN_LEVEL, 0, 1},
	[GRID_C_PARENT] = {FF_GRID, -1, 0, 1},
	[GRID_C_BASIS] = {FF_ENUM, EN_BASIS, 0, 1},
	[GRID_C_LON] = {FF_DECIMAL, -1, 20, 0},
	[GRID_C_LAT] = {FF_DECIMAL, -1, 20, 0},
};

static const struct ff_spec org_f[ORG_NCOLS] = {
	[ORG_C_CREDIT] = {FF_CREDIT, -1, 18, 0},
	[ORG_C_NAME] = T(ORG_NAME_MAX),
	[ORG_C_KIND] = {FF_ENUM, EN_ORG_KIND, 0, 1},
	[ORG_C_TAGS] = {FF_ENUM_LIST, EN_ORG_TAG, 0, 0},
	[ORG_C_CHAIN] = E(EN_CHAIN),
	[ORG_C_GRID] = {FF_GRID, -1, 0, 1},
	[ORG_C_ADDRESS] = T(ORG_ADDRESS_MAX),
	[ORG_C_EMPLOYEES] = {FF_NUMBER, -1, 9, 0},
	[ORG_C_PARTY_MEMBERS] = {FF_NUMBER, -1, 9, 0},
	[ORG_C_PARTY_ORG] = E(EN_PARTY_ORG),
	[ORG_C_PARTY_SINCE] = {FF_DATE, -1, 12, 0},
	[ORG_C_CONTACT] = T(ORG_CONTACT_MAX),
	[ORG_C_PHONE] = {FF_PHONE, -1, 20, 0},
};

static const struct ff_spec instructor_f[INSTR_NCOLS] = {
	[INSTR_C_NAME] = T(INSTR_NAME_MAX),
	[INSTR_C_PHONE] = {FF_PHONE, -1, 20, 0},
	[INSTR_C_GENDER] = E(EN_GENDER),
	[INSTR_C_UNIT] = {FF_TEXT, -1, INSTR_UNIT_MAX, 1},
	[INSTR_C_ROLE] = {FF_ENUM, EN_ROLE, 0, 1},
	[INSTR_C_GRIDS] = {FF_GRID_LIST, -1, 0, 1},
	[INSTR_C_ORGS] = {FF_ORG_LIST, -1, 0, 0},
	[INSTR_C_STATUS] = E(EN_INSTR_STATUS),
};

static const struct ff_spec worker_f[WORKER_NCOLS] = {
	[WORKER_C_NAME] = T(WORKER_NAME_MAX),
	[WORKER_C_PHONE] = {FF_PHONE, -1, 20, 0},
	[WORKER_C_JOB] = {FF_ENUM, EN_JOB, 0, 1},
	[WORKER_C_PLATFORM] = {FF_TEXT, -1, WORKER_PLATFORM_MAX, 1},
	[WORKER_C_PARTY] = E(EN_YESNO),
	[WORKER_C_COMMUNITY] = {FF_GRID, -1, 0, 1},
	[WORKER_C_ROLES] = {FF_ENUM_LIST, EN_WORKER_ROLE, 0, 0},
};

static const struct ff_spec station_f[STATION_NCOLS] = {
	[STATION_C_NAME] = T(STATION_NAME_MAX),
	[STATION_C_GRID] = {FF_GRID, -1, 0, 1},
	[STATION_C_ADDRESS] = T(STATION_ADDRESS_MAX),
	[STATION_C_HOST] = {FF_TEXT, -1, STATION_HOST_MAX, 1},
	[STATION_C_SERVICES] = {FF_ENUM_LIST, EN_SERVICE, 0, 1},
	[STATION_C_HOURS] = {FF_TIMES, -1, 20, 1},
	[STATION_C_LON] = {FF_DECIMAL, -1, 20, 0},
	[STATION_C_LAT] = {FF_DECIMAL, -1, 20, 0},
};

/* The registration form: what the desk asks a caller.  The number, the
 * department, the instructor and the workflow's columns belong to the
 * ticket desk and are kept as they are. */
static const struct ff_spec ticket_f[TICKET_NCOLS] = {
	[TICKET_C_NUMBER] = {FF_HIDDEN, -1, 0, 0},
	[TICKET_C_TITLE] = T(TICKET_TITLE_MAX),
	[TICKET_C_DESC] = {FF_MULTI, -1, TICKET_DESC_MAX, 0},
	[TICKET_C_CATEGORY] = {FF_ENUM, EN_CATEGORY, 0, 1},
	[TICKET_C_SOURCE] = {FF_ENUM, EN_SOURCE, 0, 1},
	[TICKET_C_GRID] = {FF_GRID, -1, 0, 1},
	[TICKET_C_ORG] = {FF_ORG, -1, 0, 0},
	[TICKET_C_REPORTER] = T(TICKET_REPORTER_MAX),
	[TICKET_C_REPORTER_PHONE] = {FF_PHONE, -1, 20, 0},
	[TICKET_C_DEPT] = {FF_HIDDEN, -1, 0, 0},
	[TICKET_C_INSTRUCTOR] = {FF_HIDDEN, -1, 0, 0},
	[TICKET_C_STATUS] = {FF_HIDDEN, -1, 0, 0},
	[TICKET_C_CREATED] = {FF_HIDDEN, -1, 0, 0},
	[TICKET_C_RESOLVED] = {FF_HIDDEN, -1, 0, 0},
};

static const struct form_spec specs[IK_COUNT] = {
	[IK_GRID] = {IK_GRID, SCR_GRIDS, S_KIND_GRID, grid_f, GRID_NCOLS},
	[IK_ORG] = {IK_ORG, SCR_ORGS, S_KIND_ORG, org_f, ORG_NCOLS},
	[IK_INSTRUCTOR] = {IK_INSTRUCTOR, SCR_INSTRUCTORS, S_KIND_INSTRUCTOR, instructor_f, INSTR_NCOLS},
	[IK_WORKER] = {IK_WORKER, SCR_WORKERS, S_KIND_WORKER, worker_f, WORKER_NCOLS},
	[IK_TICKET] = {IK_TICKET, SCR_TICKETS, S_KIND_TICKET, ticket_f, TICKET_NCOLS},
	[IK_STATION] = {IK_STATION, SCR_STATIONS, S_KIND_STATION, station_f, STATION_NCOLS},
};

const struct form_spec *form_spec(enum import_kind k)
{
	return (unsigned)k < IK_COUNT && specs[k].f ? &specs[k] : NULL;
}

int ff_is_pick(enum ff_type t)
{
	return t >= FF_ENUM;
}
