/* cli_ticket.c - `ticket`: register tickets, move them through the
 * workflow, show one with its history, list them (overdue ones by
 * department or grid).  Scripts depend on these forms; see the usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "enums.h"
#include "instructor.h"
#include "strbuf.h"
#include "ticket_flow.h"
#include "validate.h"
#include "width.h"

#define LIST_DEFAULT_LIMIT 100
#define MAX_COL_WIDTH 40

/* ---- options -------------------------------------------------------------------- */

/* Options a subcommand takes: name, whether it needs a value, whether it
 * is required. */
struct optdef {
	const char *name;
	int has_value, required;
};

#define MAX_OPTS 12
struct sub {
	const char *name;
	int takes_number;           /* the ticket's number N */
	struct optdef opts[MAX_OPTS];
};

static const struct sub subs[] = {
	{"new", 0, {{"--title", 1, 1}, {"--category", 1, 1}, {"--source", 1, 1}, {"--grid", 1, 1},
		    {"--org", 1, 0}, {"--reporter", 1, 0}, {"--phone", 1, 0}, {"--department", 1, 0},
		    {"--description", 1, 0}}},
	{"accept", 1, {{"--department", 1, 0}, {"--note", 1, 0}, {"--version", 1, 0}}},
	{"start", 1, {{"--note", 1, 0}, {"--version", 1, 0}}},
	{"hold", 1, {{"--reason", 1, 1}, {"--version", 1, 0}}},
	{"resume", 1, {{"--note", 1, 0}, {"--version", 1, 0}}},
	{"resolve", 1, {{"--note", 1, 1}, {"--version", 1, 0}}},
	{"close", 1, {{"--satisfaction", 1, 1}, {"--note", 1, 0}, {"--version", 1, 0}}},
	{"return", 1, {{"--reason", 1, 1}, {"--version", 1, 0}}},
	{"reopen", 1, {{"--reason", 1, 1}, {"--version", 1, 0}}},
	{"transfer", 1, {{"--department", 1, 1}, {"--reason", 1, 1}, {"--version", 1, 0}}},
	{"comment", 1, {{"--text", 1, 1}, {"--version", 1, 0}}},
	{"merge", 1, {{"--into", 1, 1}, {"--note", 1, 0}, {"--version", 1, 0}}},
	{"support", 1, {{"--department", 1, 1}, {"--remove", 0, 0}, {"--version", 1, 0}}},
	{"instructor", 1, {{"--phone", 1, 1}, {"--version", 1, 0}}},
	{"show", 1, {{"--json", 0, 0}}},
	{"list", 0, {{"--status", 1, 0}, {"--grid", 1, 0}, {"--department", 1, 0}, {"--overdue", 0, 0},
		     {"--json", 0, 0}, {"--limit", 1, 0}, {"--after", 1, 0}, {"--category", 1, 0}}},
	{"count", 0, {{"--status", 1, 0}, {"--grid", 1, 0}, {"--department", 1, 0}, {"--overdue", 0, 0},
		      {"--category", 1, 0}}},
};
#define NSUBS (int)(sizeof subs / sizeof subs[0])

struct args {
	const struct sub *sub;
	const char *number;
	const char *val[MAX_OPTS];  /* by the sub's option index; "" for a given flag */
};

static int usage(void)
{
	return cli_usage(cli_command_named("ticket"), 0);
}

/* Parses argv (argv[0] is the subcommand) into *a; 0, or an exit status. */
static int parse_args(int argc, char **argv, struct args *a)
{
	memset(a, 0, sizeof *a);
	for (int i = 0; i < NSUBS; i++)
		if (strcmp(argv[0], subs[i].name) == 0)
			a->sub = &subs[i];
	if (!a->sub) {
		cli_error(gw_tr("未知的工单操作“%s”", "unknown ticket command '%s'"), argv[0]);
		return usage();
	}
	const struct sub *s = a->sub;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (arg[0] != '-' || arg[1] == '\0') {
			if (s->takes_number && !a->number) {
				a->number = arg;
				continue;
			}
			cli_error(gw_tr("多余的参数“%s”", "extra argument '%s'"), arg);
			return usage();
		}
		int k = -1;
		size_t n = 0;
		for (int j = 0; j < MAX_OPTS && s->opts[j].name; j++) {
			n = strlen(s->opts[j].name);
			if (strncmp(arg, s->opts[j].name, n) == 0 && (arg[n] == '\0' || arg[n] == '=')) {
				k = j;
				break;
			}
		}
		if (k < 0) {
			cli_error(gw_tr("无法识别的参数“%s”", "unrecognised argument '%s'"), arg);
			return usage();
		}
		if (!s->opts[k].has_value) {
			if (arg[n] == '=') {
				cli_error(gw_tr("%s 不带值", "%s takes no value"), s->opts[k].name);
				return usage();
			}
			a->val[k] = "";
		} else if (arg[n] == '=') {
			a->val[k] = arg + n + 1;
		} else if (i + 1 < argc) {
			a->val[k] = argv[++i];
		} else {
			cli_error(gw_tr("%s 需要一个值", "%s needs a value"), s->opts[k].name);
			return usage();
		}
	}
	if (s->takes_number && !a->number) {
		cli_error(gw_tr("请给出工单编号", "give the ticket number"));
		return usage();
	}
	for (int j = 0; j < MAX_OPTS && s->opts[j].name; j++)
		if (s->opts[j].required && !a->val[j]) {
			cli_error(gw_tr("ticket %s 需要 %s", "ticket %s needs %s"), s->name, s->opts[j].name);
			return usage();
		}
	return 0;
}

/* The value of option name, or NULL when not given. */
static const char *val(const struct args *a, const char *name)
{
	for (int j = 0; j < MAX_OPTS && a->sub->opts[j].name; j++)
		if (strcmp(a->sub->opts[j].name, name) == 0)
			return a->val[j];
	return NULL;
}

/* A whole number option in [lo, hi] into *out; absent leaves *out. */
static int int_opt(const struct args *a, const char *name, long long lo, long long hi, int *out)
{
	const char *s = val(a, name);
	if (!s)
		return 0;
	long long v;
	if (valid_count(s, hi, &v, NULL) != GW_OK || v < lo) {
		cli_error(gw_tr("%s 须为 %lld-%lld 的整数：“%s”", "%s must be a whole number %lld-%lld: '%s'"),
			  name, lo, hi, s);
		return -1;
	}
	*out = (int)v;
	return 0;
}

/* ---- JSON ----------------------------------------------------------------------- */

static int json_event(void *ctx, const struct ticket_event_rec *e)
{
	struct strbuf *b = ctx;
	int first = 1;
	if (b->len && b->s[b->len - 1] == '}')
		sb_puts(b, ",");
	sb_puts(b, "{");
#define S(k, v) sb_json_kv_str(b, &first, k, (v)[0] ? (v) : NULL)
	S("at", e->at);
	S("by", e->operator_name);
	S("action", e->action);
	S("from", e->from);
	S("to", e->to);
	S("department", e->department);
	sb_json_kv_str(b, &first, "note", e->note);
	S("office", e->office);
#undef S
	sb_puts(b, "}");
	return 0;
}

static int json_dept(void *ctx, const char *d)
{
	struct strbuf *b = ctx;
	if (b->s[b->len - 1] != '[')
		sb_puts(b, ",");
	sb_json_str(b, d);
	return 0;
}

/* The ticket as one JSON object (English enumerated values), with its
 * history when events is set. */
static enum gw_status ticket_json(struct gw *gw, const struct ticket_rec *t, int events,
				  struct strbuf *b, struct gw_err *err)
{
	char today[11];
	clock_today(today);
	int days;
	enum ticket_grade g = ticket_overdue(gw, t, today, &days);
	int first = 1;
	sb_puts(b, "{");
#define S(k, v) sb_json_kv_str(b, &first, k, (v)[0] ? (v) : NULL)
	S("number", t->number);
	S("title", t->title);
	sb_json_kv_str(b, &first, "description", t->description);
	S("status", t->status);
	S("category", t->category);
	S("source", t->source);
	S("grid", t->grid_code);
	S("org", t->org_code);
	S("reporter", t->reporter);
	S("reporter_phone", t->reporter_phone);
	sb_json_kv_int(b, &first, "registered_worker", t->worker_id[0] != '\0');
	S("department", t->department);
	sb_puts(b, ",\"supporting\":[");
	enum gw_status st = ticket_supporting(gw, t->id, json_dept, b, err);
	if (st != GW_OK)
		return st;
	sb_puts(b, "]");
	struct instructor_rec ins;
	ins.name[0] = '\0';
	if (t->instructor_id[0] && instructor_by_id(gw, t->instructor_id, &ins, err) != GW_OK)
		ins.name[0] = '\0';
	S("instructor", ins.name);
	S("instructor_phone", t->instructor_phone);
	S("created_at", t->created_at);
	S("due", t->due_on);
	sb_json_kv_int(b, &first, "overdue_days", days);
	sb_json_kv_str(b, &first, "overdue_grade", ticket_grade_en(g));
	sb_json_kv_int(b, &first, "held_days", t->held_days);
	S("hold_since", t->hold_since);
	S("resolved_at", t->resolved_at);
	S("closed_at", t->closed_at);
	if (t->satisfaction)
		sb_json_kv_int(b, &first, "satisfaction", t->satisfaction);
	else
		sb_json_kv_str(b, &first, "satisfaction", NULL);
	struct ticket_rec *dup = NULL;
	if (t->duplicate_of[0] && (dup = malloc(sizeof *dup)) &&
	    ticket_by_id(gw, t->duplicate_of, dup, err) != GW_OK)
		snprintf(dup->number, sizeof dup->number, "%s", t->duplicate_of);
	sb_json_kv_str(b, &first, "duplicate_of", dup ? dup->number : NULL);
	free(dup);
	sb_json_kv_int(b, &first, "version", t->version);
#undef S
	if (events) {
		sb_puts(b, ",\"events\":[");
		if ((st = ticket_events(gw, t->id, json_event, b, err)) != GW_OK)
			return st;
		sb_puts(b, "]");
	}
	sb_puts(b, "}");
	gw_err_clear(err);
	return b->oom ? gw_fail(err, GW_ENOMEM, "内存不足", "out of memory") : GW_OK;
}

/* ---- plain text ----------------------------------------------------------------- */

/* Rows of cells to print aligned by display columns. */
struct table {
	int ncols, nrows, cap;
	const char *head[8];
	char **cells;
};

static void tab_add(struct table *t, const char *const *v)
{
	if (t->nrows == t->cap) {
		int cap = t->cap ? 2 * t->cap : 32;
		char **c = realloc(t->cells, (size_t)cap * (size_t)t->ncols * sizeof *c);
		if (!c)
			return;
		t->cells = c;
		t->cap = cap;
	}
	for (int i = 0; i < t->ncols; i++)
		t->cells[(size_t)t->nrows * (size_t)t->ncols + (size_t)i] = strdup(v[i] ? v[i] : "");
	t->nrows++;
}

static void tab_print(struct table *t)
{
	int w[8];
	char buf[WIDTH_CROP_BUFSZ(MAX_COL_WIDTH)];
	for (int c = 0; c < t->ncols; c++) {
		w[c] = width_str(t->head[c], strlen(t->head[c]));
		for (int r = 0; r < t->nrows; r++) {
			const char *s = t->cells[(size_t)r * (size_t)t->ncols + (size_t)c];
			int cw = s ? width_str(s, strlen(s)) : 0;
			w[c] = cw > w[c] ? cw : w[c];
		}
		w[c] = w[c] > MAX_COL_WIDTH ? MAX_COL_WIDTH : w[c];
	}
	for (int r = -1; r < t->nrows; r++) {
		struct strbuf line = STRBUF_INIT;
		for (int c = 0; c < t->ncols; c++) {
			const char *s = r < 0 ? t->head[c] : t->cells[(size_t)r * (size_t)t->ncols + (size_t)c];
			s = s ? s : "";
			width_crop(s, strlen(s), w[c], c < t->ncols - 1, buf, sizeof buf);
			if (c)
				sb_puts(&line, "  ");
			sb_puts(&line, buf);
		}
		size_t n = line.len;
		while (n && line.s[n - 1] == ' ')
			n--;
		printf("%.*s\n", (int)n, sb_str(&line));
		sb_free(&line);
	}
	for (int i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
}

static const char *label(enum gw_enum e, const char *en)
{
	int i = enum_index(e, en);
	return i >= 0 ? enum_label(e, i) : en;
}

static const char *grade_label(enum ticket_grade g, int days, char *buf, size_t n)
{
	if (days < 1)
		return "";
	if (g == TG_NONE)
		snprintf(buf, n, gw_tr("超期 %d 个工作日", "%d working days over"), days);
	else
		snprintf(buf, n, gw_tr("%s（超期 %d 个工作日）", "%s (%d working days over)"),
			 gw_tr(ticket_grade_zh(g), ticket_grade_en(g)), days);
	return buf;
}

static void field(const char *name, const char *value)
{
	if (!value || !value[0])
		return;
	char buf[WIDTH_CROP_BUFSZ(10)];
	width_crop(name, strlen(name), 10, 1, buf, sizeof buf);
	char *clean = malloc(strlen(value) + 1);
	if (!clean)
		return;
	width_sanitize(value, strlen(value), clean, strlen(value) + 1);
	printf("%s  %s\n", buf, clean);
	free(clean);
}

static int text_dept(void *ctx, const char *d)
{
	struct strbuf *b = ctx;
	if (b->len)
		sb_puts(b, gw_tr("、", ", "));
	sb_puts(b, d);
	return 0;
}

static int text_event(void *ctx, const struct ticket_event_rec *e)
{
	char move[80];
	if (e->from[0] && strcmp(e->from, e->to) != 0)
		snprintf(move, sizeof move, "%s -> %s", label(EN_TICKET_STATUS, e->from),
			 label(EN_TICKET_STATUS, e->to));
	else
		snprintf(move, sizeof move, "%s", e->to[0] ? label(EN_TICKET_STATUS, e->to) : "");
	const char *v[] = {e->at, e->operator_name, ticket_event_label(e->action), move, e->department,
			   e->note};
	tab_add(ctx, v);
	return 0;
}

static int show_text(struct gw *gw, const struct ticket_rec *t, struct gw_err *err)
{
	char today[11], buf[512], over[80];
	clock_today(today);
	int days;
	enum ticket_grade g = ticket_overdue(gw, t, today, &days);
	field(gw_tr("编号", "number"), t->number);
	field(gw_tr("标题", "title"), t->title);
	field(gw_tr("状态", "status"), label(EN_TICKET_STATUS, t->status));
	field(gw_tr("类别", "category"), label(EN_CATEGORY, t->category));
	field(gw_tr("来源", "source"), label(EN_SOURCE, t->source));
	field(gw_tr("网格", "grid"), t->grid_code);
	field(gw_tr("关联单位", "organisation"), t->org_code);
	snprintf(buf, sizeof buf, "%s%s%s", t->reporter, t->reporter[0] && t->reporter_phone[0] ? " " : "",
		 t->reporter_phone);
	field(gw_tr("反映人", "reporter"), buf);
	field(gw_tr("承办部门", "department"), t->department);
	struct strbuf sup = STRBUF_INIT;
	if (ticket_supporting(gw, t->id, text_dept, &sup, err) != GW_OK) {
		sb_free(&sup);
		return cli_fail(err);
	}
	field(gw_tr("协办部门", "supporting"), sb_str(&sup));
	sb_free(&sup);
	struct instructor_rec ins;
	if (t->instructor_id[0] && instructor_by_id(gw, t->instructor_id, &ins, err) == GW_OK) {
		snprintf(buf, sizeof buf, "%s %s", ins.name, ins.phone);
		field(gw_tr("指导员", "instructor"), buf);
	}
	field(gw_tr("登记时间", "registered"), t->created_at);
	snprintf(buf, sizeof buf, "%s%s%s", t->due_on, days > 0 ? "  " : "",
		 grade_label(g, days, over, sizeof over));
	field(gw_tr("办理期限", "due"), buf);
	if (t->held_days || t->hold_since[0]) {
		snprintf(buf, sizeof buf, gw_tr("已挂起 %d 个工作日%s%s", "%d working days held%s%s"),
			 t->held_days, t->hold_since[0] ? gw_tr("，挂起自 ", "; on hold since ") : "",
			 t->hold_since);
		field(gw_tr("挂起", "hold"), buf);
	}
	field(gw_tr("办结时间", "resolved"), t->resolved_at);
	field(gw_tr("关闭时间", "closed"), t->closed_at);
	if (t->satisfaction) {
		snprintf(buf, sizeof buf, "%d/5", t->satisfaction);
		field(gw_tr("满意度", "satisfaction"), buf);
	}
	struct ticket_rec *dup;
	if (t->duplicate_of[0] && (dup = malloc(sizeof *dup))) {
		if (ticket_by_id(gw, t->duplicate_of, dup, err) == GW_OK)
			field(gw_tr("重复于", "duplicate of"), dup->number);
		free(dup);
	}
	field(gw_tr("描述", "description"), t->description);
	printf("\n%s\n", gw_tr("办理记录", "history"));
	struct table tab = {6, 0, 0, {gw_tr("时间", "at"), gw_tr("操作人", "by"), gw_tr("操作", "action"),
				      gw_tr("状态", "status"), gw_tr("部门", "department"),
				      gw_tr("说明", "note")}, NULL};
	enum gw_status st = ticket_events(gw, t->id, text_event, &tab, err);
	tab_print(&tab);
	return st == GW_OK ? EXIT_OK : cli_fail(err);
}

/* ---- subcommands ---------------------------------------------------------------- */

static int do_new(struct gw *gw, const struct args *a)
{
	struct ticket_new n = {val(a, "--title"), val(a, "--category"), val(a, "--source"),
			       val(a, "--grid"), val(a, "--org"), val(a, "--reporter"),
			       val(a, "--phone"), val(a, "--department"), val(a, "--description")};
	struct ticket_rec *t = malloc(sizeof *t);
	struct gw_err err;
	if (!t)
		return EXIT_REFUSED;
	enum gw_status st = ticket_register(gw, &n, t, &err);
	if (st == GW_OK)
		printf("%s\n", t->number);
	free(t);
	return st == GW_OK ? EXIT_OK : cli_fail(&err);
}

static int do_move(struct gw *gw, const struct args *a)
{
	static const struct {
		const char *sub;
		enum ticket_action action;
		const char *note_opt;
	} map[] = {
		{"accept", TA_ACCEPT, "--note"},    {"start", TA_START, "--note"},
		{"hold", TA_HOLD, "--reason"},      {"resume", TA_RESUME, "--note"},
		{"resolve", TA_RESOLVE, "--note"},  {"close", TA_CLOSE, "--note"},
		{"return", TA_RETURN, "--reason"},  {"reopen", TA_REOPEN, "--reason"},
		{"transfer", TA_TRANSFER, "--reason"}, {"comment", TA_COMMENT, "--text"},
		{"merge", TA_MERGE, "--note"},      {"support", TA_SUPPORT_ADD, NULL},
		{"instructor", TA_INSTRUCTOR, NULL},
	};
	struct ticket_move m;
	memset(&m, 0, sizeof m);
	int found = 0;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i].sub, a->sub->name) == 0) {
			m.action = map[i].action;
			m.note = map[i].note_opt ? val(a, map[i].note_opt) : NULL;
			found = 1;
		}
	if (!found)
		return usage();
	if (m.action == TA_SUPPORT_ADD && val(a, "--remove"))
		m.action = TA_SUPPORT_REMOVE;
	m.department = val(a, "--department");
	m.into = val(a, "--into");
	m.instructor_phone = val(a, "--phone");
	if (int_opt(a, "--satisfaction", 1, 5, &m.satisfaction) || int_opt(a, "--version", 1, 1 << 30, &m.version))
		return EXIT_REFUSED;
	struct ticket_rec *before = malloc(sizeof *before), *after = malloc(sizeof *after);
	struct gw_err err;
	int rc = EXIT_REFUSED;
	if (before && after) {
		enum gw_status st = ticket_find(gw, a->number, before, &err);
		if (st == GW_OK)
			st = ticket_apply(gw, a->number, &m, after, &err);
		if (st == GW_OK) {
			if (strcmp(before->status, after->status) != 0)
				printf("%s: %s -> %s\n", after->number, label(EN_TICKET_STATUS, before->status),
				       label(EN_TICKET_STATUS, after->status));
			else
				printf("%s: %s\n", after->number, gw_tr(ticket_action_zh(m.action),
									ticket_action_en(m.action)));
			rc = EXIT_OK;
		} else {
			rc = cli_fail(&err);
		}
	}
	free(before);
	free(after);
	return rc;
}

static int do_show(struct gw *gw, const struct args *a)
{
	struct ticket_rec *t = malloc(sizeof *t);
	struct gw_err err;
	if (!t)
		return EXIT_REFUSED;
	int rc;
	if (ticket_find(gw, a->number, t, &err) != GW_OK) {
		rc = cli_fail(&err);
	} else if (val(a, "--json")) {
		struct strbuf b = STRBUF_INIT;
		rc = ticket_json(gw, t, 1, &b, &err) == GW_OK ? (printf("%s\n", sb_str(&b)), EXIT_OK)
							       : cli_fail(&err);
		sb_free(&b);
	} else {
		rc = show_text(gw, t, &err);
	}
	free(t);
	return rc;
}

struct list_ctx {
	struct gw *gw;
	int json, n;
	struct strbuf b;
	struct table tab;
	char today[11];
	char last[TICKET_NUMBER_MAX * 4 + 1];
	struct gw_err err;
	enum gw_status st;
};

static int list_one(void *ctx, const struct ticket_rec *t)
{
	struct list_ctx *l = ctx;
	snprintf(l->last, sizeof l->last, "%s", t->number);
	l->n++;
	if (l->json) {
		if (l->n > 1)
			sb_puts(&l->b, ",");
		l->st = ticket_json(l->gw, t, 0, &l->b, &l->err);
		return l->st != GW_OK;
	}
	int days;
	char over[80];
	enum ticket_grade g = ticket_overdue(l->gw, t, l->today, &days);
	const char *v[] = {t->number, label(EN_TICKET_STATUS, t->status), label(EN_CATEGORY, t->category),
			   t->grid_code, t->department, t->due_on, grade_label(g, days, over, sizeof over),
			   t->title};
	tab_add(&l->tab, v);
	return 0;
}

static int do_list(struct gw *gw, const struct args *a)
{
	struct list_ctx *l = calloc(1, sizeof *l);
	if (!l)
		return EXIT_REFUSED;
	l->gw = gw;
	l->json = val(a, "--json") != NULL;
	clock_today(l->today);
	struct ticket_filter f = {val(a, "--status"), val(a, "--grid"), val(a, "--department"),
				  val(a, "--overdue") != NULL, val(a, "--after"), LIST_DEFAULT_LIMIT,
				  val(a, "--category")};
	if (int_opt(a, "--limit", 0, 1000000, &f.limit)) {
		free(l);
		return EXIT_REFUSED;
	}
	struct table tab = {8, 0, 0, {gw_tr("编号", "number"), gw_tr("状态", "status"),
				      gw_tr("类别", "category"), gw_tr("网格", "grid"),
				      gw_tr("承办部门", "department"), gw_tr("期限", "due"),
				      gw_tr("督办", "overdue"), gw_tr("标题", "title")}, NULL};
	l->tab = tab;
	sb_puts(&l->b, "[");
	int more = 0, rc = EXIT_OK;
	enum gw_status st = ticket_list(gw, &f, list_one, l, &more, &l->err);
	if (st == GW_OK)
		st = l->st;
	if (st != GW_OK) {
		rc = cli_fail(&l->err);
	} else if (l->json) {
		sb_puts(&l->b, "]");
		printf("%s\n", sb_str(&l->b));
	} else if (l->n) {
		tab_print(&l->tab);
		l->tab.cells = NULL;
	} else {
		fprintf(stderr, "%s\n", gw_tr("没有符合条件的工单", "no tickets match"));
	}
	if (st == GW_OK && more)
		cli_error(gw_tr("只列出前 %d 张；用 --after %s 继续", "only the first %d shown; continue with --after %s"),
			  l->n, l->last);
	if (l->tab.cells) {
		for (int i = 0; i < l->tab.nrows * l->tab.ncols; i++)
			free(l->tab.cells[i]);
		free(l->tab.cells);
	}
	sb_free(&l->b);
	free(l);
	return rc;
}

/* The number of tickets passing the filter, alone on a line: for scripts
 * and for a clerk's quick question ("how many housing tickets?"). */
static int do_count(struct gw *gw, const struct args *a)
{
	struct ticket_filter f = {val(a, "--status"), val(a, "--grid"), val(a, "--department"),
				  val(a, "--overdue") != NULL, NULL, 0, val(a, "--category")};
	struct gw_err e;
	long long n;
	if (ticket_count(gw, &f, &n, &e) != GW_OK)
		return cli_fail(&e);
	printf("%lld\n", n);
	return EXIT_OK;
}

int cmd_ticket(struct cli *c, int argc, char **argv)
{
	if (argc < 2)
		return usage();
	struct args a;
	int rc = parse_args(argc - 1, argv + 1, &a);
	if (rc)
		return rc;
	struct gw *gw = cli_open(c, &rc);
	if (!gw)
		return rc;
	const char *s = a.sub->name;
	if (strcmp(s, "new") == 0)
		rc = do_new(gw, &a);
	else if (strcmp(s, "show") == 0)
		rc = do_show(gw, &a);
	else if (strcmp(s, "list") == 0)
		rc = do_list(gw, &a);
	else if (strcmp(s, "count") == 0)
		rc = do_count(gw, &a);
	else
		rc = do_move(gw, &a);
	gw_close(gw);
	return rc;
}
