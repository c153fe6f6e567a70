/* dialog.h - small modal questions: yes or no, and a choice from a short
 * menu.  Each is a modal layer (app.h) drawn as a box in the middle of the
 * body; the answer calls back into whoever asked. */
#ifndef GW_DIALOG_H
#define GW_DIALOG_H

#include "app.h"

/* Asks question (copied); yes(a, ctx) runs when the clerk answers yes (y,
 * or Enter on 是), no(a, ctx) (may be NULL) on n, Esc or Enter on 否.  No
 * is the default, since the questions guard against losing something.
 * ctx must outlive the question.  Returns CH_* bits. */
unsigned dialog_confirm(struct app *a, const char *question, void (*yes)(struct app *a, void *ctx),
			void (*no)(struct app *a, void *ctx), void *ctx);

/* Offers items (n of them, copied) under title; pick(a, ctx, i) runs with
 * the chosen index on Enter (or the item's digit 1-9); Esc closes. */
unsigned dialog_menu(struct app *a, const char *title, const char *const *items, int n,
		     void (*pick)(struct app *a, void *ctx, int i), void *ctx);

#endif
