/* dash_export.c - the dashboard's period picker and its export of a
 * report to CSV (see dashboard.h): which report, which encoding, which
 * file, asked one after another; the file is written by core's CSV writer
 * (report_write_csv) for the node and period on screen. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dash_int.h"
#include "dialog.h"
#include "input.h"
#include "validate.h"

/* ---- the period --------------------------------------------------------------- */

void dash_period_label(const struct dash *s, char *buf, size_t sz)
{
	char part[16];
	switch (s->period) {
	case PER_MONTH:
		snprintf(part, sizeof part, "%.7s", s->since);
		snprintf(buf, sz, ui_s(S_PERIOD_MONTH), part);
		return;
	case PER_YEAR:
		snprintf(part, sizeof part, "%.4s", s->since);
		snprintf(buf, sz, ui_s(S_PERIOD_YEAR), part);
		return;
	case PER_2024:
		snprintf(buf, sz, "%s", ui_s(S_PERIOD_SINCE2024));
		return;
	default:
		break;
	}
	if (s->since[0] && s->until[0])
		snprintf(buf, sz, ui_s(S_PERIOD_RANGE), s->since, s->until);
	else if (s->since[0])
		snprintf(buf, sz, ui_s(S_PERIOD_FROM), s->since);
	else if (s->until[0])
		snprintf(buf, sz, ui_s(S_PERIOD_TO), s->until);
	else
		snprintf(buf, sz, "%s", ui_s(S_PERIOD_ALL));
}

static void set_period(struct app *a, struct dash *s, enum dash_period p, const char *since,
		       const char *until)
{
	s->period = p;
	snprintf(s->since, sizeof s->since, "%s", since);
	snprintf(s->until, sizeof s->until, "%s", until);
	dash_select(a, s);
}

static int month_days(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d[(m - 1) % 12] + (m == 2 && leap);
}

static void ask_date(struct app *a, struct dash *s, int until, const char *initial, const char *why);

/* A date typed: blank (open) or a date; the message names what is wrong. */
static int date_ok(struct app *a, struct dash *s, int until, const char *text, char out[11])
{
	struct gw_err err;
	out[0] = '\0';
	if (valid_blank(text))
		return 1;
	if (valid_date(text, out, &err) == GW_OK)
		return 1;
	ask_date(a, s, until, text, err.msg);
	return 0;
}

static void until_done(struct app *a, void *ctx, const char *text)
{
	struct dash *s = ctx;
	char until[11];
	if (!date_ok(a, s, 1, text, until))
		return;
	if (s->ask_since[0] && until[0] && strcmp(s->ask_since, until) > 0) {
		char why[160];
		snprintf(why, sizeof why, ui_s(S_PERIOD_BAD_ORDER), s->ask_since, until);
		ask_date(a, s, 1, text, why);
		return;
	}
	set_period(a, s, PER_CUSTOM, s->ask_since, until);
}

static void since_done(struct app *a, void *ctx, const char *text)
{
	struct dash *s = ctx;
	char since[11];
	if (!date_ok(a, s, 0, text, since))
		return;
	snprintf(s->ask_since, sizeof s->ask_since, "%s", since);
	ask_date(a, s, 1, s->until, NULL);
}

/* Asks for the first or the last day; why, when set, says what was wrong
 * with the last answer. */
static void ask_date(struct app *a, struct dash *s, int until, const char *initial, const char *why)
{
	char about[600];
	snprintf(about, sizeof about, "%s%s%s", why ? why : "", why ? "  " : "", ui_s(S_PERIOD_ABOUT));
	struct input_opts o = {
		.title = ui_s(S_PERIOD_TITLE), .about = about,
		.prompt = ui_s(until ? S_PERIOD_ASK_UNTIL : S_PERIOD_ASK_SINCE),
		.initial = initial, .max_chars = 10, .done = until ? until_done : since_done, .ctx = s,
	};
	input_open(a, &o);
}

static void period_pick(struct app *a, void *ctx, int i)
{
	struct dash *s = ctx;
	char today[11], since[11], until[11];
	clock_today(today);
	int y = atoi(today), m = atoi(today + 5);
	switch (i) {
	case PER_MONTH:
		snprintf(since, sizeof since, "%04d-%02d-01", y, m);
		snprintf(until, sizeof until, "%04d-%02d-%02d", y, m, month_days(y, m));
		set_period(a, s, PER_MONTH, since, until);
		break;
	case PER_YEAR:
		snprintf(since, sizeof since, "%04d-01-01", y);
		snprintf(until, sizeof until, "%04d-12-31", y);
		set_period(a, s, PER_YEAR, since, until);
		break;
	case PER_2024:
		set_period(a, s, PER_2024, "2024-01-01", "");
		break;
	case PER_ALL:
		set_period(a, s, PER_ALL, "", "");
		break;
	default:
		ask_date(a, s, 0, s->since, NULL);
		break;
	}
}

unsigned dash_period_menu(struct app *a, struct dash *s)
{
	char today[11], month[64], year[64];
	clock_today(today);
	char ym[8], yy[5];
	snprintf(ym, sizeof ym, "%.7s", today);
	snprintf(yy, sizeof yy, "%.4s", today);
	snprintf(month, sizeof month, ui_s(S_PERIOD_MONTH), ym);
	snprintf(year, sizeof year, ui_s(S_PERIOD_YEAR), yy);
	const char *items[PER_COUNT] = {
		[PER_MONTH] = month, [PER_YEAR] = year, [PER_2024] = ui_s(S_PERIOD_SINCE2024),
		[PER_ALL] = ui_s(S_PERIOD_ALL), [PER_CUSTOM] = ui_s(S_PERIOD_CUSTOM),
	};
	return dialog_menu(a, ui_s(S_PERIOD_TITLE), items, PER_COUNT, period_pick, s);
}

/* ---- export ---------------------------------------------------------------------- */

/* The reports offered, the summary first (what the ledger takes monthly). */
static const struct {
	enum report_kind kind;
	enum ui_str label;
} reports[] = {
	{REPORT_SUMMARY, S_RPT_SUMMARY},   {REPORT_COVERAGE, S_RPT_COVERAGE},
	{REPORT_NEW_ORGS, S_RPT_NEW_ORGS}, {REPORT_ROSTER, S_RPT_ROSTER},
	{REPORT_TICKETS, S_RPT_TICKETS},   {REPORT_WORKERS, S_RPT_WORKERS},
	{REPORT_MEMBERS, S_RPT_MEMBERS},   {REPORT_STATIONS, S_RPT_STATIONS},
	{REPORT_ACTIVITIES, S_RPT_ACTIVITIES},
};
#define NREPORTS ((int)(sizeof reports / sizeof reports[0]))

static void write_file(struct app *a, struct dash *s)
{
	struct dash_entry *e = dash_entry(s);
	const enum report_kind kind = reports[s->exp_kind].kind;
	struct report tmp, *r = NULL;
	struct gw_err err;
	memset(&tmp, 0, sizeof tmp);
	gw_err_clear(&err);
	if (e && kind == REPORT_SUMMARY && e->step == P_DONE && !e->err[0]) {
		r = &e->r;   /* on screen already */
	} else {
		struct report_params p;
		const struct grid_node *g = gridtree_selected(&s->tree);
		if (report_params_init(a->gw, g ? g->g.code : NULL, s->since, s->until, &p, &err) != GW_OK ||
		    report_run(a->gw, kind, &p, &tmp, &err) != GW_OK) {
			app_msg(a, "%s", err.msg);
			return;
		}
		r = &tmp;
	}
	struct report_table *t = NULL;
	int n = 0;
	FILE *fp = NULL;
	enum gw_status st = report_tables(r, &t, &n, &err);
	if (st == GW_OK && !(fp = fopen(s->exp_path, "wb")))
		st = gw_fail(&err, GW_EIO, "%s", "%s", strerror(errno));
	if (st == GW_OK)
		st = report_write_csv(t, n, fp, s->exp_gb, &err);
	if (fp && fclose(fp) != 0 && st == GW_OK)
		st = gw_fail(&err, GW_EIO, "%s", "%s", strerror(errno));
	report_tables_free(t, n);
	report_free(&tmp);
	if (st != GW_OK) {
		if (fp)
			remove(s->exp_path);   /* no half-written ledger left behind */
		app_msg(a, ui_s(S_EXPORT_FAIL), s->exp_path, err.msg);
		return;
	}
	app_msg(a, ui_s(S_EXPORT_DONE), ui_s(reports[s->exp_kind].label), s->exp_path);
}

static void overwrite_yes(struct app *a, void *ctx)
{
	write_file(a, ctx);
}

/* The file name offered: scope, report and day, in the home directory. */
static void default_name(struct dash *s, char *buf, size_t sz)
{
	const struct grid_node *g = gridtree_selected(&s->tree);
	char today[11];
	clock_today(today);
	snprintf(buf, sz, "%s-%s-%s.csv", g ? g->g.code : "report",
		 report_name(reports[s->exp_kind].kind), today);
}

static void path_done(struct app *a, void *ctx, const char *text)
{
	struct dash *s = ctx;
	struct stat sb;
	while (*text == ' ')
		text++;
	if (!*text)
		return;
	/* A directory gets the offered name inside it. */
	if (stat(text, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		char name[200];
		default_name(s, name, sizeof name);
		size_t len = strlen(text);
		snprintf(s->exp_path, sizeof s->exp_path, "%s%s%s", text,
			 len && text[len - 1] == '/' ? "" : "/", name);
	} else {
		snprintf(s->exp_path, sizeof s->exp_path, "%s", text);
	}
	if (stat(s->exp_path, &sb) == 0) {
		char q[PATH_MAX + 200];
		snprintf(q, sizeof q, ui_s(S_EXPORT_EXISTS), s->exp_path);
		dialog_confirm(a, q, overwrite_yes, NULL, s);
		return;
	}
	write_file(a, s);
}

static void enc_pick(struct app *a, void *ctx, int i)
{
	struct dash *s = ctx;
	char name[200], path[PATH_MAX];
	const char *home = getenv("HOME");
	s->exp_gb = i == 1;
	default_name(s, name, sizeof name);
	snprintf(path, sizeof path, "%s/%s", home && *home ? home : ".", name);
	struct input_opts o = {
		.title = ui_s(S_EXPORT_TITLE), .about = ui_s(reports[s->exp_kind].label),
		.prompt = ui_s(S_EXPORT_PATH), .initial = path, .required = 1, .done = path_done, .ctx = s,
	};
	input_open(a, &o);
}

static void report_pick(struct app *a, void *ctx, int i)
{
	struct dash *s = ctx;
	s->exp_kind = i;
	const char *items[] = {ui_s(S_ENC_UTF8), ui_s(S_ENC_GB)};
	dialog_menu(a, ui_s(S_EXPORT_ENC), items, 2, enc_pick, s);
}

unsigned dash_export_menu(struct app *a, struct dash *s)
{
	const char *items[NREPORTS];
	char title[400], period[96];
	const struct grid_node *g = gridtree_selected(&s->tree);
	for (int i = 0; i < NREPORTS; i++)
		items[i] = ui_s(reports[i].label);
	dash_period_label(s, period, sizeof period);
	snprintf(title, sizeof title, ui_s(S_EXPORT_WHICH), g ? g->g.name : "", period);
	return dialog_menu(a, title, items, NREPORTS, report_pick, s);
}
