/* cli_find.c - gridwork find: the counter question answered from a name
 * fragment, pinyin initials, a phone number or a code.  Text for people
 * (one record a line, its people and places on the next), or --json for
 * scripts (shape in docs/SEARCH.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "enums.h"
#include "search.h"
#include "strbuf.h"
#include "width.h"

/* Record text may hold anything a file brought in: shown inert. */
static void out(const char *s)
{
	char buf[1024];
	width_sanitize(s ? s : "", strlen(s ? s : ""), buf, sizeof buf);
	fputs(buf, stdout);
}

static const char *label(enum gw_enum e, const char *en)
{
	return gw_lang() == GW_LANG_ZH ? enum_zh_of(e, en) : en;
}

static const char *match_label(enum search_match m)
{
	static const char *const zh[] = {"完全匹配", "开头匹配", "包含", "拼音首字母"};
	return gw_lang() == GW_LANG_ZH ? zh[m] : search_match_name(m);
}

/* "name phone (role)" of every person ref of the given relations. */
static int people(const struct search_hit *h, enum search_rel a, enum search_rel b)
{
	int n = 0, shown = h->nrefs < SEARCH_REFS_MAX ? h->nrefs : SEARCH_REFS_MAX;
	for (int i = 0; i < shown; i++) {
		const struct search_ref *r = &h->refs[i];
		if (r->rel != a && r->rel != b)
			continue;
		fputs(n++ ? gw_tr("、", ", ") : "", stdout);
		out(r->name);
		printf(" %s", r->phone);
		printf(gw_tr("（%s）", " (%s)"), label(EN_ROLE, r->role));
	}
	return n;
}

/* "code name" of every place ref of one relation, joined by sep. */
static int places(const struct search_hit *h, enum search_rel rel, const char *sep)
{
	int n = 0, shown = h->nrefs < SEARCH_REFS_MAX ? h->nrefs : SEARCH_REFS_MAX;
	for (int i = 0; i < shown; i++) {
		const struct search_ref *r = &h->refs[i];
		if (r->rel != rel)
			continue;
		fputs(n++ ? sep : "", stdout);
		if (r->code[0] && rel != SR_PARENT) {
			out(r->code);
			fputc(' ', stdout);
		}
		out(r->name);
	}
	return n;
}

static void grid_of(const struct search_hit *h)
{
	if (!h->grid_code[0])
		return;
	printf(gw_tr("  网格 ", "  grid "));
	out(h->grid_code);
	fputc(' ', stdout);
	out(h->grid_name);
}

static void print_hit(const struct search_hit *h)
{
	printf("  ");
	switch (h->kind) {
	case SK_INSTRUCTOR:
		out(h->name);
		printf("  %s  %s", h->phone, label(EN_ROLE, h->role));
		if (strcmp(h->status, "active") != 0)
			printf("  %s", label(EN_INSTR_STATUS, h->status));
		if (h->unit[0]) {
			fputs("  ", stdout);
			out(h->unit);
		}
		printf("  [%s]\n      ", match_label(h->match));
		printf(gw_tr("负责网格：", "grids: "));
		if (!places(h, SR_GRID, gw_tr("、", ", ")))
			printf(gw_tr("无", "none"));
		printf(gw_tr("；联系单位：", "; organisations: "));
		if (!places(h, SR_ORG, gw_tr("、", ", ")))
			printf(gw_tr("无", "none"));
		break;
	case SK_ORG:
		out(h->name);
		printf("  %s", h->code);
		grid_of(h);
		printf(gw_tr("  党组织：%s", "  party organisation: %s"), label(EN_PARTY_ORG, h->status));
		if (h->date[0])
			printf(gw_tr("（%s 成立）", " (since %s)"), h->date);
		printf("  [%s]\n      ", match_label(h->match));
		printf(gw_tr("指导员：", "instructors: "));
		if (!people(h, SR_INSTRUCTOR, SR_INSTRUCTOR)) {
			int n = people(h, SR_GRID_INSTRUCTOR, SR_GRID_INSTRUCTOR);
			printf(n ? gw_tr("（所在网格的指导员）", " (of its grid)") : gw_tr("无", "none"));
		}
		break;
	case SK_GRID:
		out(h->code);
		fputc(' ', stdout);
		out(h->name);
		printf("  %s", label(EN_LEVEL, h->role));
		if (h->meets >= 0)
			printf(gw_tr("  专职 %d、兼职 %d：%s", "  full-time %d, part-time %d: %s"),
			       h->full_time, h->part_time,
			       h->meets ? gw_tr("达到 1 专 2 兼", "meets 1 + 2")
					: gw_tr("未达到 1 专 2 兼", "below 1 + 2"));
		printf("  [%s]\n      ", match_label(h->match));
		if (h->nrefs && h->refs[0].rel == SR_PARENT) {
			printf(gw_tr("上级：", "within: "));
			places(h, SR_PARENT, " > ");
			printf("  ");
		}
		printf(gw_tr("指导员：", "instructors: "));
		if (!people(h, SR_INSTRUCTOR, SR_INSTRUCTOR))
			printf(gw_tr("无", "none"));
		break;
	case SK_TICKET:
		out(h->code);
		fputs("  ", stdout);
		out(h->name);
		printf("  %s", label(EN_TICKET_STATUS, h->status));
		if (h->date[0])
			printf(gw_tr("  期限 %s", "  due %s"), h->date);
		if (h->unit[0]) {
			printf(gw_tr("  反映人 ", "  reported by "));
			out(h->unit);
		}
		grid_of(h);
		printf("  [%s]", match_label(h->match));
		break;
	case SK_WORKER:
		out(h->name);
		printf("  %s  %s", h->phone, label(EN_JOB, h->role));
		if (h->unit[0]) {
			fputs("  ", stdout);
			out(h->unit);
		}
		if (h->grid_code[0]) {
			printf(gw_tr("  报到社区 ", "  community "));
			out(h->grid_name);
		}
		printf("  [%s]", match_label(h->match));
		break;
	case SK_STATION: {
		char svc[512];
		out(h->name);
		grid_of(h);
		if (gw_lang() == GW_LANG_ZH)
			enum_list_zh(EN_SERVICE, h->services, svc, sizeof svc);
		else
			snprintf(svc, sizeof svc, "%s", h->services);
		printf(gw_tr("  服务：%s", "  services: %s"), svc);
		if (h->hours[0]) {
			fputs("  ", stdout);
			out(h->hours);
		}
		printf("  [%s]", match_label(h->match));
		break;
	}
	default:
		break;
	}
	if (h->nrefs > SEARCH_REFS_MAX)
		printf(gw_tr("（另有 %d 项未列出）", " (and %d more)"), h->nrefs - SEARCH_REFS_MAX);
	fputc('\n', stdout);
}

static void print_text(const struct search_result *r, const char *query)
{
	if (r->n == 0) {
		printf(gw_tr("未找到与“", "nothing found for '"));
		out(query);
		printf(gw_tr("”相符的记录\n", "'\n"));
		return;
	}
	int more = 0;
	for (int i = 0; i < r->n; i++) {
		const struct search_hit *h = &r->hits[i];
		if (i == 0 || r->hits[i - 1].kind != h->kind)
			printf(gw_tr("%s（%d%s）\n", "%s (%d%s)\n"),
			       gw_lang() == GW_LANG_ZH ? search_kind_zh(h->kind) : search_kind_name(h->kind),
			       r->shown[h->kind], r->more[h->kind] ? "+" : "");
		print_hit(h);
		more |= r->more[h->kind];
	}
	if (more)
		printf(gw_tr("还有更多结果未显示：可用 --limit 或 --kind 查看\n",
			     "more results not shown: use --limit or --kind\n"));
}

/* ---- JSON --------------------------------------------------------------- */

static void json_place(struct strbuf *b, int *first, const char *key, const char *code,
		       const char *name)
{
	if (!*first)
		sb_puts(b, ",");
	*first = 0;
	sb_json_str(b, key);
	if (!code[0]) {
		sb_puts(b, ":null");
		return;
	}
	int f = 1;
	sb_puts(b, ":{");
	sb_json_kv_str(b, &f, "code", code);
	sb_json_kv_str(b, &f, "name", name);
	sb_puts(b, "}");
}

/* "key":[...] of the refs of relations a and b. */
static void json_refs(struct strbuf *b, int *first, const char *key, const struct search_hit *h,
		      enum search_rel a, enum search_rel rb)
{
	int shown = h->nrefs < SEARCH_REFS_MAX ? h->nrefs : SEARCH_REFS_MAX, n = 0;
	if (!*first)
		sb_puts(b, ",");
	*first = 0;
	sb_json_str(b, key);
	sb_puts(b, ":[");
	for (int i = 0; i < shown; i++) {
		const struct search_ref *r = &h->refs[i];
		if (r->rel != a && r->rel != rb)
			continue;
		int f = 1;
		sb_puts(b, n++ ? ",{" : "{");
		if (r->rel == SR_INSTRUCTOR || r->rel == SR_GRID_INSTRUCTOR) {
			sb_json_kv_str(b, &f, "name", r->name);
			sb_json_kv_str(b, &f, "phone", r->phone);
			sb_json_kv_str(b, &f, "role", r->role);
			if (h->kind == SK_ORG)
				sb_json_kv_str(b, &f, "via", r->rel == SR_INSTRUCTOR ? "org" : "grid");
		} else {
			sb_json_kv_str(b, &f, r->rel == SR_ORG ? "credit_code" : "code", r->code);
			sb_json_kv_str(b, &f, "name", r->name);
		}
		sb_puts(b, "}");
	}
	sb_puts(b, "]");
}

static void json_hit(struct strbuf *b, const struct search_hit *h)
{
	int f = 1;
	sb_puts(b, "{");
	sb_json_kv_str(b, &f, "kind", search_kind_name(h->kind));
	sb_json_kv_str(b, &f, "id", h->id);
	sb_json_kv_str(b, &f, "match", search_match_name(h->match));
	sb_json_kv_int(b, &f, "rank", h->rank);
	switch (h->kind) {
	case SK_INSTRUCTOR:
		sb_json_kv_str(b, &f, "name", h->name);
		sb_json_kv_str(b, &f, "phone", h->phone);
		sb_json_kv_str(b, &f, "role", h->role);
		sb_json_kv_str(b, &f, "status", h->status);
		sb_json_kv_str(b, &f, "unit", h->unit);
		json_refs(b, &f, "grids", h, SR_GRID, SR_GRID);
		json_refs(b, &f, "orgs", h, SR_ORG, SR_ORG);
		break;
	case SK_ORG:
		sb_json_kv_str(b, &f, "name", h->name);
		sb_json_kv_str(b, &f, "credit_code", h->code);
		sb_json_kv_str(b, &f, "phone", h->phone);
		sb_json_kv_str(b, &f, "party_org", h->status);
		sb_json_kv_str(b, &f, "party_org_since", h->date[0] ? h->date : NULL);
		json_place(b, &f, "grid", h->grid_code, h->grid_name);
		json_refs(b, &f, "instructors", h, SR_INSTRUCTOR, SR_GRID_INSTRUCTOR);
		break;
	case SK_GRID:
		sb_json_kv_str(b, &f, "code", h->code);
		sb_json_kv_str(b, &f, "name", h->name);
		sb_json_kv_str(b, &f, "level", h->role);
		json_refs(b, &f, "chain", h, SR_PARENT, SR_PARENT);
		json_refs(b, &f, "instructors", h, SR_INSTRUCTOR, SR_INSTRUCTOR);
		sb_json_kv_int(b, &f, "full_time", h->full_time);
		sb_json_kv_int(b, &f, "part_time", h->part_time);
		sb_puts(b, h->meets < 0 ? ",\"meets_standard\":null"
			  : h->meets ? ",\"meets_standard\":true" : ",\"meets_standard\":false");
		break;
	case SK_TICKET:
		sb_json_kv_str(b, &f, "number", h->code);
		sb_json_kv_str(b, &f, "title", h->name);
		sb_json_kv_str(b, &f, "status", h->status);
		sb_json_kv_str(b, &f, "due_on", h->date[0] ? h->date : NULL);
		sb_json_kv_str(b, &f, "reporter", h->unit);
		json_place(b, &f, "grid", h->grid_code, h->grid_name);
		break;
	case SK_WORKER:
		sb_json_kv_str(b, &f, "name", h->name);
		sb_json_kv_str(b, &f, "phone", h->phone);
		sb_json_kv_str(b, &f, "job", h->role);
		sb_json_kv_str(b, &f, "platform", h->unit);
		json_place(b, &f, "community", h->grid_code, h->grid_name);
		break;
	case SK_STATION: {
		sb_json_kv_str(b, &f, "name", h->name);
		sb_json_kv_str(b, &f, "host", h->unit);
		sb_puts(b, ",\"services\":[");
		const char *p = h->services;
		for (int n = 0; *p; n++) {
			size_t len = strcspn(p, ";");
			char one[64];
			snprintf(one, sizeof one, "%.*s", (int)(len < sizeof one ? len : sizeof one - 1), p);
			if (n)
				sb_puts(b, ",");
			sb_json_str(b, one);
			p += len + (p[len] == ';');
		}
		sb_puts(b, "]");
		sb_json_kv_str(b, &f, "hours", h->hours);
		json_place(b, &f, "grid", h->grid_code, h->grid_name);
		break;
	}
	default:
		break;
	}
	if (h->nrefs > SEARCH_REFS_MAX)
		sb_json_kv_int(b, &f, "more_related", h->nrefs - SEARCH_REFS_MAX);
	sb_puts(b, "}");
}

static int print_json(const struct search_result *r, const char *query, int limit)
{
	struct strbuf b = STRBUF_INIT;
	int f = 1;
	sb_puts(&b, "{");
	sb_json_kv_str(&b, &f, "query", query);
	sb_json_kv_int(&b, &f, "limit", limit);
	sb_puts(&b, ",\"results\":[");
	for (int i = 0; i < r->n; i++) {
		if (i)
			sb_puts(&b, ",");
		json_hit(&b, &r->hits[i]);
	}
	sb_puts(&b, "],\"more\":{");
	for (int k = 0, n = 0; k < SK_COUNT; k++) {
		if (!r->searched[k])
			continue;
		if (n++)
			sb_puts(&b, ",");
		sb_json_str(&b, search_kind_name((enum search_kind)k));
		sb_puts(&b, r->more[k] ? ":true" : ":false");
	}
	sb_puts(&b, "}}\n");
	int ok = !b.oom;
	if (ok)
		fputs(sb_str(&b), stdout);
	sb_free(&b);
	return ok;
}

int cmd_find(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd = cli_command_named("find");
	struct search_opts o = {-1, 10};
	int json = 0, ended = 0;
	struct strbuf q = STRBUF_INIT;
	int nq = 0;
	if (cli_wants_help(argc, argv))
		return cli_usage(cmd, 1);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!ended && strcmp(a, "--") == 0) {
			ended = 1;
		} else if (!ended && strcmp(a, "--json") == 0) {
			json = 1;
		} else if (!ended && strcmp(a, "--kind") == 0 && i + 1 < argc) {
			o.kind = search_kind_parse(argv[++i]);
			if (o.kind < 0) {
				cli_error(gw_tr("未知的类别“%s”：instructor、org、grid、ticket、worker、station",
						"unknown kind '%s': instructor, org, grid, ticket, worker, station"),
					  argv[i]);
				sb_free(&q);
				return EXIT_USAGE;
			}
		} else if (!ended && strcmp(a, "--limit") == 0 && i + 1 < argc) {
			char *end;
			long n = strtol(argv[++i], &end, 10);
			if (*end || end == argv[i] || n < 1 || n > SEARCH_LIMIT_MAX) {
				cli_error(gw_tr("--limit 应为 1 到 %d 的整数", "--limit takes a whole number from 1 to %d"),
					  SEARCH_LIMIT_MAX);
				sb_free(&q);
				return EXIT_USAGE;
			}
			o.limit = (int)n;
		} else if (!ended && a[0] == '-' && a[1] && (a[1] < '0' || a[1] > '9')) {
			cli_error(gw_tr("无法识别的参数“%s”", "unrecognised argument '%s'"), a);
			sb_free(&q);
			return cli_usage(cmd, 0);
		} else {
			/* Several words are one query: 张 伟 is 张伟. */
			if (nq++)
				sb_puts(&q, " ");
			sb_puts(&q, a);
		}
	}
	if (!nq) {
		cli_error(gw_tr("请给出要查找的内容", "say what to look for"));
		sb_free(&q);
		return cli_usage(cmd, 0);
	}
	int status = EXIT_OK;
	struct gw *gw = cli_open(c, &status);
	if (!gw) {
		sb_free(&q);
		return status;
	}
	struct search_result r;
	struct gw_err err;
	enum gw_status st = search_find(gw, sb_str(&q), &o, &r, &err);
	gw_close(gw);
	if (st != GW_OK) {
		sb_free(&q);
		return cli_fail(&err);
	}
	int ok = 1;
	if (json)
		ok = print_json(&r, sb_str(&q), o.limit);
	else
		print_text(&r, sb_str(&q));
	search_result_free(&r);
	sb_free(&q);
	if (!ok || fflush(stdout) != 0) {
		cli_error(gw_tr("写入标准输出失败", "writing standard output failed"));
		return EXIT_REFUSED;
	}
	return EXIT_OK;
}
