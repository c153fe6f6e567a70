/* picker.h - a pick-list over the screen: the values of an enumeration,
 * the configured departments, or grids, organisations and instructors
 * found as the clerk types (name, pinyin initials, code or phone).  One
 * value, or several ticked with Space. */
#ifndef GW_PICKER_H
#define GW_PICKER_H

#include "app.h"

enum pick_source { PK_ENUM, PK_DEPT, PK_GRID, PK_ORG, PK_INSTRUCTOR };

struct pick_opts {
	enum pick_source src;
	int en;                 /* PK_ENUM: the enumeration */
	int multi;              /* several values */
	int optional;           /* offers "(none)" (single) */
	const char *title;
	const char *current;    /* the value now: enum labels or codes, ';' or '、' between */
	const char *seed;       /* text typed to open the list (the start of the query) */
	/* Called with the chosen value: an enum label or department, a grid
	 * code, a credit code, a phone; several joined with ';' ("" for none).
	 * hint says what the value names (a grid's name...).  ctx must outlive
	 * the picker. */
	void (*done)(struct app *a, void *ctx, const char *value, const char *hint);
	void *ctx;
};

/* Opens the picker as a modal layer; returns CH_* bits. */
unsigned picker_open(struct app *a, const struct pick_opts *o);

#endif
