/* cli_report.c - `report`, and `activity`, `coop`, `credit` (add, list):
 * the county's figures and the records behind its results, from scripts. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "activity.h"
#include "cli.h"
#include "enums.h"
#include "report.h"
#include "strbuf.h"
#include "validate.h"
#include "width.h"

#define MAX_COL_WIDTH 56

static int bad_arg(const char *cmd, const char *arg)
{
	cli_error(gw_tr("无法识别的参数“%s”", "unrecognised argument '%s'"), arg);
	return cli_usage(cli_command_named(cmd), 0);
}

/* The value of option argv[*i] ("--x V" or "--x=V"); NULL when it is not
 * that option.  A missing value prints why and sets *missing. */
static const char *opt(int argc, char **argv, int *i, const char *name, int *missing)
{
	size_t n = strlen(name);
	const char *a = argv[*i];
	if (strncmp(a, name, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		cli_error(gw_tr("%s 需要一个值", "%s needs a value"), name);
		*missing = 1;
		return NULL;
	}
	return argv[++*i];
}

/* ---- plain-text tables ------------------------------------------------------------ */

/* Prints a table aligned by display columns (Chinese is two wide); long
 * cells are cropped with a marker. */
static void print_table(FILE *f, const struct report_table *t, int with_title)
{
	int w[RT_MAX_COLS];
	for (int c = 0; c < t->ncols; c++) {
		w[c] = width_str(t->cols[c], strlen(t->cols[c]));
		for (int r = 0; r < t->nrows; r++) {
			const char *s = t->cells[(size_t)r * (size_t)t->ncols + (size_t)c];
			int cw = width_str(s, strlen(s)) + (c == 0 && t->indent ? 2 * t->indent[r] : 0);
			if (cw > w[c])
				w[c] = cw;
		}
		if (w[c] > MAX_COL_WIDTH)
			w[c] = MAX_COL_WIDTH;
	}
	if (with_title)
		fprintf(f, "%s\n", t->title);
	char buf[WIDTH_CROP_BUFSZ(MAX_COL_WIDTH) + 2 * MAX_COL_WIDTH];
	for (int r = -1; r < t->nrows; r++) {
		struct strbuf line = STRBUF_INIT;
		for (int c = 0; c < t->ncols; c++) {
			const char *s = r < 0 ? t->cols[c] : t->cells[(size_t)r * (size_t)t->ncols + (size_t)c];
			int ind = r >= 0 && c == 0 && t->indent ? 2 * t->indent[r] : 0;
			if (ind > w[c] / 2)
				ind = w[c] / 2;
			if (c)
				sb_puts(&line, "  ");
			for (int k = 0; k < ind; k++)
				sb_puts(&line, " ");
			int last = c == t->ncols - 1;
			if (t->right[c])
				width_crop_right(s, strlen(s), w[c] - ind, buf, sizeof buf);
			else
				width_crop(s, strlen(s), w[c] - ind, !last, buf, sizeof buf);
			sb_puts(&line, buf);
		}
		fprintf(f, "%s\n", sb_str(&line));
		sb_free(&line);
		if (r < 0) {
			for (int c = 0; c < t->ncols; c++) {
				if (c)
					fputs("  ", f);
				for (int k = 0; k < w[c]; k++)
					fputc('-', f);
			}
			fputc('\n', f);
		}
	}
}

/* A table the CLI fills itself (lists of records). */
static void tab_init(struct report_table *t, int ncols, const char *const *cols, const int *right)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	for (int i = 0; i < ncols; i++) {
		t->cols[i] = cols[i];
		t->right[i] = right ? right[i] : 0;
	}
}

static int tab_add(struct report_table *t, const char *const *vals)
{
	size_t n = (size_t)t->ncols;
	char **nc = realloc(t->cells, ((size_t)t->nrows + 1) * n * sizeof *nc);
	if (!nc)
		return -1;
	t->cells = nc;
	for (size_t i = 0; i < n; i++)
		if (!(nc[(size_t)t->nrows * n + i] = strdup(vals[i] ? vals[i] : "")))
			return -1;
	t->nrows++;
	return 0;
}

static void tab_free(struct report_table *t)
{
	for (int i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
}

/* ---- report ---------------------------------------------------------------------- */

static void report_names(char *out, size_t outsz)
{
	size_t off = 0;
	out[0] = '\0';
	for (int k = 0; k < REPORT_KIND_COUNT && off < outsz; k++)
		off += (size_t)snprintf(out + off, outsz - off, "%s%s", k ? ", " : "", report_name(k));
}

static void print_heading(FILE *f, const struct report *r)
{
	const struct report_params *p = &r->p;
	char period[64];
	if (!p->since[0] && !p->until[0])
		snprintf(period, sizeof period, "%s", gw_tr("全部", "all time"));
	else
		snprintf(period, sizeof period, "%s ~ %s", p->since[0] ? p->since : "",
			 p->until[0] ? p->until : "");
	fprintf(f, gw_tr("%s（%s）  统计范围：%s（%s）  统计期间：%s  统计日：%s\n\n",
			 "%s (%s)  scope: %s (%s)  period: %s  as of: %s\n\n"),
		gw_tr("统计报表", "report"), report_name(r->kind), p->scope.name[0] ? p->scope.name : "-",
		p->scope.code[0] ? p->scope.code : "-", period, p->today);
}

/* Writes to out ("-" standard output) through a temporary file beside it,
 * so that a failed run never leaves half a file. */
static FILE *open_out(const char *out, char *tmp, size_t tmpsz)
{
	if (strcmp(out, "-") == 0)
		return stdout;
	snprintf(tmp, tmpsz, "%s.tmp%ld", out, (long)getpid());
	FILE *fp = fopen(tmp, "wb");
	if (!fp)
		cli_error(gw_tr("无法写入 %s：%s", "cannot write %s: %s"), out, strerror(errno));
	return fp;
}

static int close_out(FILE *fp, const char *out, const char *tmp, int ok)
{
	if (fp == stdout) {
		if (fflush(stdout) != 0 && ok) {
			cli_error(gw_tr("写入标准输出失败", "writing standard output failed"));
			return 0;
		}
		return ok;
	}
	if (fclose(fp) != 0)
		ok = 0;
	if (ok && rename(tmp, out) != 0) {
		cli_error(gw_tr("无法写入 %s：%s", "cannot write %s: %s"), out, strerror(errno));
		ok = 0;
	}
	if (!ok)
		unlink(tmp);
	return ok;
}

int cmd_report(struct cli *c, int argc, char **argv)
{
	const char *name = NULL, *scope = NULL, *since = NULL, *until = NULL, *out = "-";
	int json = 0, csv = 0, gb = 0, missing = 0;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (strcmp(argv[i], "--csv") == 0)
			csv = 1;
		else if (strcmp(argv[i], "--gb18030") == 0)
			gb = csv = 1;
		else if ((v = opt(argc, argv, &i, "--scope", &missing)))
			scope = v;
		else if ((v = opt(argc, argv, &i, "--since", &missing)))
			since = v;
		else if ((v = opt(argc, argv, &i, "--until", &missing)))
			until = v;
		else if ((v = opt(argc, argv, &i, "-o", &missing)))
			out = v;
		else if (missing)
			return EXIT_USAGE;
		else if (argv[i][0] == '-' && argv[i][1])
			return bad_arg("report", argv[i]);
		else if (!name)
			name = argv[i];
		else {
			cli_error(gw_tr("多余的参数“%s”", "extra argument '%s'"), argv[i]);
			return EXIT_USAGE;
		}
	}
	char names[256];
	report_names(names, sizeof names);
	if (!name) {
		cli_error(gw_tr("请指明报表：%s", "name the report: %s"), names);
		return cli_usage(cli_command_named("report"), 0);
	}
	int k = report_parse(name);
	if (k < 0) {
		cli_error(gw_tr("未知的报表“%s”，可选：%s", "unknown report '%s'; one of: %s"), name, names);
		return EXIT_USAGE;
	}
	if (json && csv) {
		cli_error(gw_tr("--json 和 --csv 只能选一个", "choose one of --json and --csv"));
		return EXIT_USAGE;
	}
	int status = EXIT_OK;
	struct gw *gw = cli_open(c, &status);
	if (!gw)
		return status;
	struct gw_err err;
	struct report_params p;
	enum gw_status st = report_params_init(gw, scope, since, until, &p, &err);
	if (st != GW_OK) {
		gw_close(gw);
		cli_error("%s", err.msg);
		return st == GW_EINVAL ? EXIT_USAGE : cli_exit_for(st);
	}
	struct report r;
	st = report_run(gw, (enum report_kind)k, &p, &r, &err);
	gw_close(gw);
	if (st != GW_OK)
		return cli_fail(&err);
	char tmp[4096];
	FILE *fp = open_out(out, tmp, sizeof tmp);
	if (!fp) {
		report_free(&r);
		return EXIT_REFUSED;
	}
	int ok = 1;
	if (json) {
		struct strbuf b = STRBUF_INIT;
		report_json(&r, &b);
		ok = !b.oom && fprintf(fp, "%s\n", sb_str(&b)) >= 0;
		sb_free(&b);
	} else {
		struct report_table *t;
		int n;
		if ((st = report_tables(&r, &t, &n, &err)) != GW_OK) {
			ok = 0;
			cli_error("%s", err.msg);
		} else if (csv) {
			if (report_write_csv(t, n, fp, gb, &err) != GW_OK) {
				ok = 0;
				cli_error("%s", err.msg);
			}
		} else {
			print_heading(fp, &r);
			for (int i = 0; i < n; i++) {
				print_table(fp, &t[i], 1);
				if (i + 1 < n)
					fputc('\n', fp);
			}
		}
		report_tables_free(t, n);
	}
	report_free(&r);
	return close_out(fp, out, tmp, ok) ? EXIT_OK : EXIT_REFUSED;
}

/* ---- activities, projects, credit ------------------------------------------------- */

/* Options shared by the list subcommands. */
struct list_opts {
	int json;
	const char *since, *until, *kind;
};

static int parse_list(const char *cmd, int argc, char **argv, struct list_opts *o, int with_kind)
{
	int missing = 0;
	memset(o, 0, sizeof *o);
	for (int i = 2; i < argc; i++) {
		const char *v;
		if (strcmp(argv[i], "--json") == 0)
			o->json = 1;
		else if ((v = opt(argc, argv, &i, "--since", &missing)))
			o->since = v;
		else if ((v = opt(argc, argv, &i, "--until", &missing)))
			o->until = v;
		else if (with_kind && (v = opt(argc, argv, &i, "--kind", &missing)))
			o->kind = v;
		else if (missing)
			return EXIT_USAGE;
		else
			return bad_arg(cmd, argv[i]);
	}
	return -1;
}

/* Checks list dates into since/until ("" when open). */
static int list_dates(const struct list_opts *o, char since[11], char until[11])
{
	const char *d[2] = {o->since, o->until};
	char *out[2] = {since, until};
	struct gw_err err;
	for (int i = 0; i < 2; i++) {
		out[i][0] = '\0';
		if (d[i] && *d[i] && valid_date(d[i], out[i], &err) != GW_OK) {
			cli_error("%s: %s", i ? "--until" : "--since", err.msg);
			return EXIT_USAGE;
		}
	}
	return -1;
}

struct list_out {
	struct report_table t;
	struct strbuf json;
	int n, oom;
};

static int act_row(void *ctx, const struct activity_rec *a)
{
	struct list_out *o = ctx;
	char persons[24];
	snprintf(persons, sizeof persons, "%lld", a->person_times);
	const char *v[] = {a->held_on, enum_label(EN_ACTIVITY_KIND, enum_index(EN_ACTIVITY_KIND, a->kind)),
			   a->title, a->grid_code, a->organiser, persons};
	o->oom |= tab_add(&o->t, v) != 0;
	int f = 1;
	sb_puts(&o->json, o->n++ ? ",{" : "{");
	sb_json_kv_str(&o->json, &f, "id", a->id);
	sb_json_kv_str(&o->json, &f, "kind", a->kind);
	sb_json_kv_str(&o->json, &f, "title", a->title);
	sb_json_kv_str(&o->json, &f, "held_on", a->held_on);
	sb_json_kv_str(&o->json, &f, "grid", a->grid_code[0] ? a->grid_code : NULL);
	sb_json_kv_str(&o->json, &f, "organiser", a->organiser);
	sb_json_kv_int(&o->json, &f, "person_times", a->person_times);
	sb_puts(&o->json, "}");
	return 0;
}

static int coop_row(void *ctx, const struct coop_rec *c)
{
	struct list_out *o = ctx;
	const char *v[] = {c->signed_on, c->title, c->org_a_name, c->org_b_name, c->field,
			   c->activity_title};
	o->oom |= tab_add(&o->t, v) != 0;
	int f = 1;
	sb_puts(&o->json, o->n++ ? ",{" : "{");
	sb_json_kv_str(&o->json, &f, "id", c->id);
	sb_json_kv_str(&o->json, &f, "title", c->title);
	sb_json_kv_str(&o->json, &f, "org_a", c->org_a);
	sb_json_kv_str(&o->json, &f, "org_a_name", c->org_a_name);
	sb_json_kv_str(&o->json, &f, "org_b", c->org_b);
	sb_json_kv_str(&o->json, &f, "org_b_name", c->org_b_name);
	sb_json_kv_str(&o->json, &f, "field", c->field);
	sb_json_kv_str(&o->json, &f, "activity", c->activity_title[0] ? c->activity_title : NULL);
	sb_json_kv_str(&o->json, &f, "activity_date", c->activity_date[0] ? c->activity_date : NULL);
	sb_json_kv_str(&o->json, &f, "signed_on", c->signed_on[0] ? c->signed_on : NULL);
	sb_puts(&o->json, "}");
	return 0;
}

static int credit_row(void *ctx, const struct credit_rec *c)
{
	struct list_out *o = ctx;
	char amount[24];
	snprintf(amount, sizeof amount, "%lld", c->amount_yuan);
	const char *v[] = {c->granted_on, c->org_name, c->org_code, c->bank, amount};
	o->oom |= tab_add(&o->t, v) != 0;
	int f = 1;
	sb_puts(&o->json, o->n++ ? ",{" : "{");
	sb_json_kv_str(&o->json, &f, "id", c->id);
	sb_json_kv_str(&o->json, &f, "org_code", c->org_code);
	sb_json_kv_str(&o->json, &f, "org_name", c->org_name);
	sb_json_kv_str(&o->json, &f, "bank", c->bank);
	sb_json_kv_int(&o->json, &f, "amount_yuan", c->amount_yuan);
	sb_json_kv_str(&o->json, &f, "granted_on", c->granted_on);
	sb_puts(&o->json, "}");
	return 0;
}

enum rec_kind { REC_ACTIVITY, REC_COOP, REC_CREDIT };

static int run_list(struct cli *c, enum rec_kind kind, const char *cmd, int argc, char **argv)
{
	struct list_opts lo;
	int rc = parse_list(cmd, argc, argv, &lo, kind == REC_ACTIVITY);
	if (rc >= 0)
		return rc;
	char since[11], until[11];
	if ((rc = list_dates(&lo, since, until)) >= 0)
		return rc;
	struct activity_filter f = {-1, since[0] ? since : NULL, until[0] ? until : NULL};
	if (lo.kind && (f.kind = enum_parse(EN_ACTIVITY_KIND, lo.kind)) < 0) {
		cli_error(gw_tr("“%s”不是有效的活动类型，可选：%s", "'%s' is not a kind of activity; one of: %s"),
			  lo.kind, enum_choices(EN_ACTIVITY_KIND));
		return EXIT_USAGE;
	}
	int status = EXIT_OK;
	struct gw *gw = cli_open(c, &status);
	if (!gw)
		return status;
	struct list_out o;
	memset(&o, 0, sizeof o);
	static const char *const acols[][2] = {{"日期", "date"}, {"类型", "kind"}, {"标题", "title"},
					       {"网格", "grid"}, {"主办单位", "organiser"}, {"人次", "person-times"}};
	static const char *const ccols[][2] = {{"签约日期", "signed"}, {"项目名称", "project"},
					       {"甲方单位", "first party"}, {"乙方单位", "second party"},
					       {"合作领域", "field"}, {"对接活动", "activity"}};
	static const char *const gcols[][2] = {{"授信日期", "granted"}, {"单位名称", "organisation"},
					       {"统一社会信用代码", "credit code"}, {"授信银行", "bank"},
					       {"授信金额（元）", "amount (yuan)"}};
	const char *cols[8];
	int right[8] = {0}, ncols = kind == REC_CREDIT ? 5 : 6;
	for (int i = 0; i < ncols; i++)
		cols[i] = kind == REC_ACTIVITY ? gw_tr(acols[i][0], acols[i][1])
			  : kind == REC_COOP   ? gw_tr(ccols[i][0], ccols[i][1])
					       : gw_tr(gcols[i][0], gcols[i][1]);
	right[ncols - 1] = kind != REC_COOP;
	tab_init(&o.t, ncols, cols, right);
	struct gw_err err;
	enum gw_status st = kind == REC_ACTIVITY ? activity_list(gw, &f, act_row, &o, &err)
			    : kind == REC_COOP   ? coop_list(gw, &f, coop_row, &o, &err)
						 : credit_list(gw, &f, credit_row, &o, &err);
	gw_close(gw);
	if (st == GW_OK && (o.oom || o.json.oom))
		st = gw_fail(&err, GW_ENOMEM, "内存不足", "out of memory");
	if (st == GW_OK) {
		if (lo.json)
			printf("[%s]\n", sb_str(&o.json));
		else
			print_table(stdout, &o.t, 0);
	}
	tab_free(&o.t);
	sb_free(&o.json);
	return st == GW_OK ? EXIT_OK : cli_fail(&err);
}

/* Parses "--name value" pairs of an add subcommand into vals by names[]. */
static int parse_add(const char *cmd, int argc, char **argv, const char *const *names, int n,
		     const char **vals)
{
	int missing = 0;
	for (int i = 2; i < argc; i++) {
		int hit = 0;
		for (int k = 0; k < n && !hit; k++) {
			const char *v = opt(argc, argv, &i, names[k], &missing);
			if (v) {
				vals[k] = v;
				hit = 1;
			}
		}
		if (missing)
			return EXIT_USAGE;
		if (!hit)
			return bad_arg(cmd, argv[i]);
	}
	return -1;
}

/* Ends an add: the new record's id alone on standard output. */
static int added(struct gw *gw, enum gw_status st, struct gw_err *err, const char *id)
{
	gw_close(gw);
	if (st != GW_OK)
		return cli_fail(err);
	printf("%s\n", id);
	return EXIT_OK;
}

static int sub_usage(const char *cmd, int argc, char **argv)
{
	if (argc < 2)
		cli_error(gw_tr("请指明 add 或 list", "say add or list"));
	else
		cli_error(gw_tr("未知的操作“%s”：add 或 list", "unknown action '%s': add or list"), argv[1]);
	return cli_usage(cli_command_named(cmd), 0);
}

/* add: options name the file's columns in order (names[i] fills column
 * i; NULL for a column the command line does not take). */
static int run_add(struct cli *c, enum import_kind kind, const char *cmd, int argc, char **argv,
		   const char *const *names, int ncols)
{
	const char *v[16];
	const char *opts[16];
	int map[16], n = 0;
	for (int i = 0; i < ncols; i++) {
		v[i] = "";
		if (names[i]) {
			map[n] = i;
			opts[n++] = names[i];
		}
	}
	const char *got[16] = {0};
	int rc = parse_add(cmd, argc, argv, opts, n, got);
	if (rc >= 0)
		return rc;
	for (int i = 0; i < n; i++)
		if (got[i])
			v[map[i]] = got[i];
	int status = EXIT_OK;
	struct gw *gw = cli_open(c, &status);
	if (!gw)
		return status;
	char id[GW_ID_LEN + 1];
	struct gw_err err;
	return added(gw, activity_add_row(gw, kind, v, id, &err), &err, id);
}

int cmd_activity(struct cli *c, int argc, char **argv)
{
	if (argc < 2 || (strcmp(argv[1], "add") != 0 && strcmp(argv[1], "list") != 0))
		return sub_usage("activity", argc, argv);
	if (strcmp(argv[1], "list") == 0)
		return run_list(c, REC_ACTIVITY, "activity", argc, argv);
	static const char *const names[ACT_NCOLS] = {
		[ACT_C_KIND] = "--kind", [ACT_C_TITLE] = "--title", [ACT_C_HELD] = "--date",
		[ACT_C_GRID] = "--grid", [ACT_C_ORGANISER] = "--organiser",
		[ACT_C_PERSONS] = "--person-times",
	};
	return run_add(c, IK_ACTIVITY, "activity", argc, argv, names, ACT_NCOLS);
}

int cmd_coop(struct cli *c, int argc, char **argv)
{
	if (argc < 2 || (strcmp(argv[1], "add") != 0 && strcmp(argv[1], "list") != 0))
		return sub_usage("coop", argc, argv);
	if (strcmp(argv[1], "list") == 0)
		return run_list(c, REC_COOP, "coop", argc, argv);
	static const char *const names[COOP_NCOLS] = {
		[COOP_C_TITLE] = "--title", [COOP_C_ORG_A] = "--org-a", [COOP_C_ORG_B] = "--org-b",
		[COOP_C_FIELD] = "--field", [COOP_C_ACTIVITY] = "--activity",
		[COOP_C_ACTIVITY_DATE] = "--activity-date", [COOP_C_SIGNED] = "--signed",
	};
	return run_add(c, IK_COOP, "coop", argc, argv, names, COOP_NCOLS);
}

int cmd_credit(struct cli *c, int argc, char **argv)
{
	if (argc < 2 || (strcmp(argv[1], "add") != 0 && strcmp(argv[1], "list") != 0))
		return sub_usage("credit", argc, argv);
	if (strcmp(argv[1], "list") == 0)
		return run_list(c, REC_CREDIT, "credit", argc, argv);
	static const char *const names[CREDIT_NCOLS] = {
		[CREDIT_C_ORG] = "--org", [CREDIT_C_BANK] = "--bank", [CREDIT_C_AMOUNT] = "--amount",
		[CREDIT_C_GRANTED] = "--date",
	};
	return run_add(c, IK_CREDIT, "credit", argc, argv, names, CREDIT_NCOLS);
}
