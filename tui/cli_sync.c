/* cli_sync.c - gridwork sync: packages between offices (docs/SYNC.md).
 *
 *   sync export [--db F] --to OFFICE [--all] -o FILE
 *   sync import [--db F] FILE
 *   sync status [--db F]
 *   sync peer add [--db F] CODE NAME [--county]
 *   sync conflicts [--db F] [--all] [--json]
 *   sync resolve [--db F] ID --keep mine|theirs */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "strbuf.h"
#include "sync.h"

static int sync_usage(int to_stdout)
{
	FILE *f = to_stdout ? stdout : stderr;
	fprintf(f, "%s:\n", gw_tr("用法", "usage"));
	fprintf(f, "  gridwork sync export [--db F] --to OFFICE [--all] -o FILE\n      %s\n",
		gw_tr("写出发给办公室 OFFICE 的同步包：对方尚未确认收到的全部变更（--all：全部变更）",
		      "write a package for OFFICE: every change it has not confirmed (--all: every change)"));
	fprintf(f, "  gridwork sync import [--db F] FILE\n      %s\n",
		gw_tr("导入同步包", "apply a package"));
	fprintf(f, "  gridwork sync status [--db F]\n      %s\n",
		gw_tr("列出交换的办公室、最近的收发和待发的变更", "peers, the last package each way, pending changes"));
	fprintf(f, "  gridwork sync peer add [--db F] CODE NAME [--county]\n      %s\n",
		gw_tr("登记交换的办公室（--county：县级办公室）",
		      "register an office to exchange with (--county: the county office)"));
	fprintf(f, "  gridwork sync conflicts [--db F] [--all] [--json]\n      %s\n",
		gw_tr("列出待处理的冲突（--all：也列出已按规则或人工处理的）",
		      "list open conflicts (--all: also those settled by rule or by a clerk)"));
	fprintf(f, "  gridwork sync resolve [--db F] ID --keep mine|theirs\n      %s\n",
		gw_tr("处理冲突：保留本办公室（mine）或对方（theirs）的版本",
		      "settle a conflict: keep this office's version (mine) or the other's (theirs)"));
	return to_stdout ? EXIT_OK : EXIT_USAGE;
}

static int bad_arg(const char *a)
{
	cli_error(gw_tr("无法识别的参数“%s”", "unrecognised argument '%s'"), a);
	return sync_usage(0);
}

/* Opens the database with change capture on; close with done(). */
static struct gw *open_sync(struct cli *c, int *status)
{
	struct gw *gw = cli_open(c, status);
	struct gw_err err;
	if (gw && sync_attach(gw, &err) != GW_OK) {
		*status = cli_fail(&err);
		gw_close(gw);
		return NULL;
	}
	return gw;
}

static int done(struct gw *gw, enum gw_status st, const struct gw_err *err)
{
	sync_detach(gw);
	gw_close(gw);
	return st == GW_OK ? EXIT_OK : cli_fail(err);
}

static void print_size(long long bytes)
{
	if (bytes < 10240)
		printf("%lld B", bytes);
	else if (bytes < 10LL << 20)
		printf("%.1f KB", bytes / 1024.0);
	else
		printf("%.1f MB", bytes / 1048576.0);
}

static int do_export(struct cli *c, int argc, char **argv)
{
	const char *to = NULL, *out = NULL;
	int all = 0;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--to") == 0 && i + 1 < argc)
			to = argv[++i];
		else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			out = argv[++i];
		else if (strcmp(argv[i], "--all") == 0)
			all = 1;
		else
			return bad_arg(argv[i]);
	}
	if (!to || !out) {
		cli_error("%s", gw_tr("请用 --to 指明对方办公室，用 -o 指明文件",
				      "name the receiving office with --to and the file with -o"));
		return sync_usage(0);
	}
	int status = EXIT_OK;
	struct gw *gw = open_sync(c, &status);
	if (!gw)
		return status;
	struct sync_summary s;
	struct gw_err err;
	enum gw_status st = sync_export(gw, to, all, out, &s, &err);
	if (st == GW_OK) {
		printf(gw_tr("已写出同步包 %s：发给 %s 的第 %lld 号，%d 段，%ld 项变更，",
			     "wrote package %s for %s: number %lld, %d sections, %ld changes, "),
		       out, s.peer, s.seq, s.sections, s.changes);
		print_size(s.bytes);
		printf("\n");
	}
	return done(gw, st, &err);
}

static int do_import(struct cli *c, int argc, char **argv)
{
	const char *file = NULL;
	for (int i = 2; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1])
			return bad_arg(argv[i]);
		if (file) {
			cli_error(gw_tr("一次只能导入一个同步包（多余的参数“%s”）",
					"one package at a time (extra argument '%s')"), argv[i]);
			return EXIT_USAGE;
		}
		file = argv[i];
	}
	if (!file) {
		cli_error("%s", gw_tr("请给出同步包文件", "name the package file"));
		return sync_usage(0);
	}
	int status = EXIT_OK;
	struct gw *gw = open_sync(c, &status);
	if (!gw)
		return status;
	struct sync_summary s;
	struct gw_err err;
	enum gw_status st = sync_import(gw, file, &s, &err);
	if (st == GW_OK) {
		printf(gw_tr("已导入 %s 的第 %lld 号同步包：应用 %ld 项变更，已有 %ld 项\n",
			     "applied package %s number %lld: %ld changes applied, %ld already held\n"),
		       s.peer, s.seq, s.applied, s.skipped);
		if (s.gap_from)
			printf(gw_tr("第 %lld 至 %lld 号同步包没有导入；它们的内容已包含在本包中\n",
				     "packages %lld to %lld were never applied; this one carries their changes\n"),
			       s.gap_from, s.seq - 1);
		if (s.conflicts_rule || s.conflicts_open)
			printf(gw_tr("冲突：按规则处理 %ld 项，待人工处理 %ld 项（gridwork sync conflicts 查看）\n",
				     "conflicts: %ld settled by rule, %ld left for a clerk (see gridwork sync conflicts)\n"),
			       s.conflicts_rule, s.conflicts_open);
	}
	return done(gw, st, &err);
}

static void print_peer(void *ctx, const struct sync_peer_info *p)
{
	(void)ctx;
	printf("%s %s%s\n", p->code, p->name, p->county ? gw_tr("（县级）", " (county)") : "");
	if (p->sent_seq)
		printf(gw_tr("  发出：第 %lld 号，%s\n", "  sent: number %lld, %s\n"), p->sent_seq, p->sent_at);
	else
		printf("%s", gw_tr("  发出：无\n", "  sent: none\n"));
	if (p->recv_seq)
		printf(gw_tr("  收到：第 %lld 号，%s\n", "  received: number %lld, %s\n"), p->recv_seq,
		       p->recv_at);
	else
		printf("%s", gw_tr("  收到：无\n", "  received: none\n"));
	printf(gw_tr("  待发：%ld 项变更（对方尚未确认收到）\n",
		     "  pending: %ld changes (not yet confirmed by it)\n"), p->pending_changes);
}

static int do_status(struct cli *c, int argc, char **argv)
{
	if (argc > 2)
		return bad_arg(argv[2]);
	int status = EXIT_OK;
	struct gw *gw = open_sync(c, &status);
	if (!gw)
		return status;
	struct sync_overview ov;
	struct gw_err err;
	printf(gw_tr("本办公室：%s\n", "this office: %s\n"), gw->office);
	enum gw_status st = sync_status(gw, &ov, print_peer, NULL, &err);
	if (st == GW_OK) {
		if (ov.county[0])
			printf(gw_tr("县级办公室：%s\n", "county office: %s\n"), ov.county);
		else
			printf("%s", gw_tr("本办公室是县级办公室（未登记其他县级办公室）\n",
					   "this office is the county (no other office is registered as the county)\n"));
		printf(gw_tr("本办公室的变更：%ld 次提交，%ld 项\n", "changes made here: %ld commits, %ld rows\n"),
		       ov.local_entries, ov.local_changes);
		printf(gw_tr("待处理冲突：%ld 项\n", "open conflicts: %ld\n"), ov.open_conflicts);
	}
	return done(gw, st, &err);
}

static int do_peer(struct cli *c, int argc, char **argv)
{
	const char *code = NULL, *name = NULL;
	int county = 0;
	if (argc < 3 || strcmp(argv[2], "add") != 0) {
		cli_error("%s", gw_tr("用法：gridwork sync peer add CODE NAME [--county]",
				      "usage: gridwork sync peer add CODE NAME [--county]"));
		return EXIT_USAGE;
	}
	for (int i = 3; i < argc; i++) {
		if (strcmp(argv[i], "--county") == 0)
			county = 1;
		else if (argv[i][0] == '-' && argv[i][1])
			return bad_arg(argv[i]);
		else if (!code)
			code = argv[i];
		else if (!name)
			name = argv[i];
		else
			return bad_arg(argv[i]);
	}
	if (!code || !name) {
		cli_error("%s", gw_tr("请给出办公室编码和名称", "give the office's code and name"));
		return EXIT_USAGE;
	}
	int status = EXIT_OK;
	struct gw *gw = open_sync(c, &status);
	if (!gw)
		return status;
	struct gw_err err;
	enum gw_status st = sync_peer_add(gw, code, name, county, &err);
	if (st == GW_OK)
		printf(gw_tr("已登记办公室 %s %s%s\n", "registered office %s %s%s\n"), code, name,
		       county ? gw_tr("（县级）", " (county)") : "");
	return done(gw, st, &err);
}

struct list_ctx {
	int json, n;
};

static const char *kind_text(const char *k)
{
	static const struct {
		const char *en, *zh, *en_text;
	} kinds[] = {
		{"edit", "双方修改了同一字段", "both changed the same field"},
		{"merge", "双方修改了不同字段", "different fields changed"},
		{"insert", "同一记录的两个版本", "two versions of one record"},
		{"delete_edit", "对方删除、本办公室修改", "deleted there, edited here"},
		{"edit_deleted", "对方修改、本办公室删除", "edited there, deleted here"},
		{"delete_changed", "对方删除、本办公室修改", "deleted there, edited here"},
		{"edit_missing", "对方修改的记录本办公室已没有", "edited there, gone here"},
		{"duplicate", "两个办公室登记了同一记录", "registered at two offices"},
		{"constraint", "违反约束，未应用", "refused by a constraint"},
	};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].en, k) == 0)
			return gw_tr(kinds[i].zh, kinds[i].en_text);
	return k;
}

static void print_conflict(void *ctx, const struct sync_conflict_info *c)
{
	struct list_ctx *l = ctx;
	l->n++;
	if (l->json) {
		struct strbuf b = STRBUF_INIT;
		int first = 1;
		sb_puts(&b, "{");
		sb_json_kv_int(&b, &first, "id", c->id);
		sb_json_kv_str(&b, &first, "at", c->at);
		sb_json_kv_str(&b, &first, "from", c->peer);
		sb_json_kv_int(&b, &first, "package", c->package_seq);
		sb_json_kv_str(&b, &first, "origin", c->origin);
		sb_json_kv_str(&b, &first, "table", c->tbl);
		sb_json_kv_str(&b, &first, "record", c->record_id);
		sb_json_kv_str(&b, &first, "kind", c->kind);
		sb_json_kv_str(&b, &first, "columns", c->columns);
		sb_json_kv_str(&b, &first, "outcome", c->outcome);
		sb_json_kv_str(&b, &first, "rule", c->rule);
		sb_json_kv_str(&b, &first, "resolution", c->resolution);
		/* The versions are JSON already. */
		sb_printf(&b, ",\"mine\":%s,\"theirs\":%s}", c->mine ? c->mine : "null",
			  c->theirs ? c->theirs : "null");
		printf("%s\n", sb_str(&b));
		sb_free(&b);
		return;
	}
	printf(gw_tr("冲突 %lld：%s %s（%s）\n", "conflict %lld: %s %s (%s)\n"), c->id, c->tbl,
	       c->record_id, kind_text(c->kind));
	printf(gw_tr("  来自 %s 的第 %lld 号同步包，修改于办公室 %s，%s\n",
		     "  from %s package %lld, changed at office %s, %s\n"),
	       c->peer, c->package_seq, c->origin, c->at);
	if (c->columns[0])
		printf(gw_tr("  字段：%s\n", "  fields: %s\n"), c->columns);
	printf(gw_tr("  本办公室：%s\n", "  mine:   %s\n"), c->mine ? c->mine : gw_tr("（已删除）", "(deleted)"));
	printf(gw_tr("  对方：    %s\n", "  theirs: %s\n"), c->theirs ? c->theirs : gw_tr("（已删除）", "(deleted)"));
	if (!c->resolution)
		printf(gw_tr("  待处理：现保留%s；gridwork sync resolve %lld --keep mine|theirs\n",
			     "  open: now holds %s; gridwork sync resolve %lld --keep mine|theirs\n"),
		       strcmp(c->outcome, "theirs") == 0 ? gw_tr("对方的版本", "theirs")
		       : strcmp(c->outcome, "mine") == 0 ? gw_tr("本办公室的版本", "mine")
							 : gw_tr("合并后的记录", "the merged record"),
		       c->id);
	else if (strcmp(c->resolution, "rule") == 0)
		printf(gw_tr("  按规则处理：%s\n", "  settled by rule: %s\n"), c->rule);
	else
		printf(gw_tr("  已处理：%s\n", "  settled: %s\n"), c->resolution);
}

static int do_conflicts(struct cli *c, int argc, char **argv)
{
	struct list_ctx l = {0, 0};
	int all = 0;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--all") == 0)
			all = 1;
		else if (strcmp(argv[i], "--json") == 0)
			l.json = 1;
		else
			return bad_arg(argv[i]);
	}
	int status = EXIT_OK;
	struct gw *gw = open_sync(c, &status);
	if (!gw)
		return status;
	struct gw_err err;
	enum gw_status st = sync_conflicts(gw, all, print_conflict, &l, &err);
	if (st == GW_OK && !l.json && l.n == 0)
		printf("%s", all ? gw_tr("没有冲突\n", "no conflicts\n")
				 : gw_tr("没有待处理的冲突\n", "no open conflicts\n"));
	return done(gw, st, &err);
}

static int do_resolve(struct cli *c, int argc, char **argv)
{
	const char *id = NULL, *keep = NULL;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--keep") == 0 && i + 1 < argc)
			keep = argv[++i];
		else if (argv[i][0] == '-' && argv[i][1])
			return bad_arg(argv[i]);
		else if (!id)
			id = argv[i];
		else
			return bad_arg(argv[i]);
	}
	char *end = NULL;
	long long n = id ? strtoll(id, &end, 10) : 0;
	if (!id || *end || n <= 0 || !keep || (strcmp(keep, "mine") != 0 && strcmp(keep, "theirs") != 0)) {
		cli_error("%s", gw_tr("用法：gridwork sync resolve ID --keep mine|theirs",
				      "usage: gridwork sync resolve ID --keep mine|theirs"));
		return EXIT_USAGE;
	}
	int status = EXIT_OK;
	struct gw *gw = open_sync(c, &status);
	if (!gw)
		return status;
	struct gw_err err;
	int theirs = strcmp(keep, "theirs") == 0;
	enum gw_status st = sync_resolve(gw, n, theirs, &err);
	if (st == GW_OK)
		printf(gw_tr("冲突 %lld 已处理：保留%s；下次交换时通知其他办公室\n",
			     "conflict %lld settled: kept %s; the other offices learn it with the next exchange\n"),
		       n, theirs ? gw_tr("对方的版本", "theirs") : gw_tr("本办公室的版本", "mine"));
	return done(gw, st, &err);
}

int cmd_sync(struct cli *c, int argc, char **argv)
{
	if (argc < 2) {
		cli_error("%s", gw_tr("请给出子命令：export、import、status、peer、conflicts、resolve",
				      "name a subcommand: export, import, status, peer, conflicts, resolve"));
		return sync_usage(0);
	}
	const char *sub = argv[1];
	if (strcmp(sub, "export") == 0)
		return do_export(c, argc, argv);
	if (strcmp(sub, "import") == 0)
		return do_import(c, argc, argv);
	if (strcmp(sub, "status") == 0)
		return do_status(c, argc, argv);
	if (strcmp(sub, "peer") == 0)
		return do_peer(c, argc, argv);
	if (strcmp(sub, "conflicts") == 0)
		return do_conflicts(c, argc, argv);
	if (strcmp(sub, "resolve") == 0)
		return do_resolve(c, argc, argv);
	if (strcmp(sub, "help") == 0)
		return sync_usage(1);
	cli_error(gw_tr("未知的 sync 子命令“%s”", "unknown sync subcommand '%s'"), sub);
	return sync_usage(0);
}
