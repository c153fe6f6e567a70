/* test_interrupt.c - giving up a long read for a key (core/interrupt.h):
 * on the demo county with some thousands of tickets more, the check runs
 * while the ticket report counts; a check that says stop makes the report
 * fail and changes nothing, and the same report run again afterwards (the
 * dashboard's retry) counts exactly what an uninterrupted run counts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "demo.h"
#include "gw.h"
#include "import.h"
#include "interrupt.h"
#include "report.h"

#define EXTRA_TICKETS 6000

static char tmpdir[256];
static struct gw *gw;

struct check {
	int calls;
	int stop_at;            /* stop on this call (0: never) */
};

static int check(void *ctx)
{
	struct check *c = ctx;
	c->calls++;
	return c->stop_at && c->calls >= c->stop_at;
}

static void say(void *ctx, int is_error, const char *line)
{
	(void)ctx;
	if (is_error)
		print_error("%s\n", line);
}

static int setup(void **state)
{
	(void)state;
	char path[512];
	struct config cfg;
	struct gw_err e;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/gw-test-interrupt.XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	setenv("GRIDWORK_NOW", "2026-11-20 09:00:00", 1);
	gw_set_lang(GW_LANG_ZH);
	snprintf(path, sizeof path, "%s/i.db", tmpdir);
	config_defaults(&cfg);
	if (!(gw = gw_open(&cfg, path, 1, "SC", &e)) || demo_build(gw, 1, &e) != GW_OK) {
		print_error("setup: %s\n", e.msg);
		return -1;
	}
	/* Enough tickets that a report takes many checks. */
	char csv[512];
	snprintf(csv, sizeof csv, "%s/t.csv", tmpdir);
	FILE *f = fopen(csv, "w");
	if (!f)
		return -1;
	fprintf(f, "编号,标题,描述,类别,来源,网格编码,关联单位,反映人,反映人电话,承办部门,指导员手机,状态,登记时间,办结时间\n");
	for (int i = 0; i < EXTRA_TICKETS; i++)
		fprintf(f, ",骑手反映小区门禁难进%d号,,其他,来访,SC-CG-G01,,张伟,,,,,2026-%02d-%02d 10:00:00,\n", i,
			1 + i % 10, 1 + i % 28);
	fclose(f);
	struct import_opts o = {0, -1, say, NULL};
	struct import_counts n;
	const char *paths[] = {csv};
	if (import_files(gw, paths, 1, &o, &n, &e) != GW_OK || n.inserted != EXTRA_TICKETS) {
		print_error("import: %s\n", e.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[300];
	gw_close(gw);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The ticket report of the county, checked by c (NULL: none). */
static enum gw_status tickets(struct report *r, struct check *c, struct gw_err *e)
{
	memset(r, 0, sizeof *r);
	assert_int_equal(report_params_init(gw, NULL, NULL, NULL, &r->p, e), GW_OK);
	r->kind = REPORT_SUMMARY;
	assert_int_equal(report_load_grids(gw, r, e), GW_OK);
	if (c)
		gw_interrupt_when(gw, check, c);
	enum gw_status st = report_tickets(gw, r, e);
	gw_interrupt_when(gw, NULL, NULL);
	return st;
}

static void same_counts(const struct report *a, const struct report *b)
{
	assert_int_equal(a->tickets.all.registered, b->tickets.all.registered);
	assert_int_equal(a->tickets.all.resolved, b->tickets.all.resolved);
	assert_int_equal(a->tickets.all.overdue, b->tickets.all.overdue);
	for (int i = 0; i < RK_STATES; i++)
		assert_int_equal(a->tickets.by_status[i].registered, b->tickets.by_status[i].registered);
	for (int i = 0; i < RK_CATS; i++)
		assert_int_equal(a->tickets.by_category[i].registered, b->tickets.by_category[i].registered);
}

static void test_check_runs_and_counts_agree(void **state)
{
	(void)state;
	struct report plain, checked;
	struct check c = {0, 0};
	struct gw_err e;
	assert_int_equal(tickets(&plain, NULL, &e), GW_OK);
	/* The demo's 289 and the ones added here. */
	assert_int_equal(plain.tickets.all.registered, 289 + EXTRA_TICKETS);
	assert_int_equal(tickets(&checked, &c, &e), GW_OK);
	assert_true(c.calls > 0);
	same_counts(&plain, &checked);
	report_free(&plain);
	report_free(&checked);
}

static void test_stop_fails_then_runs_again(void **state)
{
	(void)state;
	struct report plain, stopped, again;
	struct check c = {0, 1};
	struct gw_err e;
	assert_int_equal(tickets(&plain, NULL, &e), GW_OK);
	assert_int_not_equal(tickets(&stopped, &c, &e), GW_OK);
	assert_int_equal(c.calls, 1);
	/* Given up part of the way: fewer tickets seen than there are. */
	assert_true(stopped.tickets.all.registered < plain.tickets.all.registered);
	report_free(&stopped);
	/* Cleared, the statement runs whole again, as the dashboard retries. */
	assert_int_equal(tickets(&again, NULL, &e), GW_OK);
	same_counts(&plain, &again);
	/* And stopping later than the first check still leaves it reusable. */
	struct check late = {0, 3};
	assert_int_not_equal(tickets(&stopped, &late, &e), GW_OK);
	report_free(&stopped);
	report_free(&again);
	assert_int_equal(tickets(&again, NULL, &e), GW_OK);
	same_counts(&plain, &again);
	report_free(&plain);
	report_free(&again);
}

static void test_cleared_check_is_not_called(void **state)
{
	(void)state;
	struct report r;
	struct check c = {0, 1};
	struct gw_err e;
	gw_interrupt_when(gw, check, &c);
	gw_interrupt_when(gw, NULL, NULL);
	assert_int_equal(tickets(&r, NULL, &e), GW_OK);
	assert_int_equal(c.calls, 0);
	report_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_runs_and_counts_agree),
		cmocka_unit_test(test_stop_fails_then_runs_again),
		cmocka_unit_test(test_cleared_check_is_not_called),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
