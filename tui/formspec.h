/* formspec.h - what each record kind's form asks for: one entry per column
 * of its CSV contract row, in the contract's order (core/<kind>.h column
 * enums), with the kind of field that edits it. */
#ifndef GW_FORMSPEC_H
#define GW_FORMSPEC_H

#include "app.h"
#include "import.h"

enum ff_type {
	FF_HIDDEN,      /* kept as loaded: not on this form */
	FF_TEXT,        /* one line */
	FF_MULTI,       /* several lines */
	FF_NUMBER,      /* a whole number */
	FF_DECIMAL,     /* degrees */
	FF_DATE,
	FF_PHONE,       /* mobile or landline */
	FF_CREDIT,      /* unified social credit code */
	FF_CODE,        /* a grid code being given */
	FF_TIMES,       /* opening hours */
	FF_ENUM,        /* one value of en */
	FF_ENUM_LIST,   /* any values of en */
	FF_GRID,        /* an existing grid, picked */
	FF_GRID_LIST,
	FF_ORG,         /* an existing organisation, picked */
	FF_ORG_LIST,
	FF_INSTRUCTOR,
	FF_DEPT,        /* a department of the configuration */
};

struct ff_spec {
	enum ff_type type;
	int en;          /* the enum of FF_ENUM / FF_ENUM_LIST */
	int max;         /* characters, 0: as the type allows */
	int keep;        /* batch entry: the next new record starts with this value */
};

struct form_spec {
	enum import_kind kind;
	enum scr scr;               /* the screen listing the kind */
	enum ui_str title;          /* 单位 */
	const struct ff_spec *f;    /* one per column */
	int n;
};

/* The form of kind k, or NULL. */
const struct form_spec *form_spec(enum import_kind k);

/* Whether the field picks from a list rather than taking typed text. */
int ff_is_pick(enum ff_type t);

#endif
