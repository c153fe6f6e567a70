/* main.c - gridwork: no arguments opens the TUI; subcommands run the core
 * from scripts.  Global options --db and --config may stand anywhere. */
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const struct cli_command commands[] = {
	{"init", cmd_init, "[--db F] [--office CODE]", "[--db F] [--office CODE]",
	 "创建空数据库", "create an empty database"},
	{"demo", cmd_demo, "[--db F] [--seed N]", "[--db F] [--seed N]",
	 "生成舒城县演示数据库", "build the Shucheng County demo database"},
	{"import", cmd_import, "[--db F] [--skip-bad] [--kind K] FILE...",
	 "[--db F] [--skip-bad] [--kind K] FILE...", "导入 CSV 文件（UTF-8 或 GB18030）",
	 "import CSV files (UTF-8 or GB18030)"},
	{"export", cmd_export, "[--db F] KIND [--gb18030] [-o FILE]",
	 "[--db F] KIND [--gb18030] [-o FILE]", "导出 CSV（默认 UTF-8 带 BOM）",
	 "export CSV (UTF-8 with BOM by default)"},
	{"find", cmd_find, "[--db F] [--json] [--kind K] [--limit N] QUERY",
	 "[--db F] [--json] [--kind K] [--limit N] QUERY",
	 "查找指导员、单位、网格、工单、新就业人员、驿站（名称片段、拼音首字母、电话、编码）",
	 "find instructors, organisations, grids, tickets, workers, stations (name fragment, pinyin initials, phone, code)"},
	{"check", cmd_check, "[--db F]", "[--db F]", "检查数据库完整性和业务规则",
	 "check database integrity and the domain's rules"},
	{"report", cmd_report,
	 "[--db F] [--json|--csv] [--gb18030] [--scope CODE] [--since DATE] [--until DATE] [-o FILE] NAME",
	 "[--db F] [--json|--csv] [--gb18030] [--scope CODE] [--since DATE] [--until DATE] [-o FILE] NAME",
	 "统计报表：coverage、new-orgs、roster、tickets、workers、members、stations、activities、summary",
	 "reports: coverage, new-orgs, roster, tickets, workers, members, stations, activities, summary"},
	{"activity", cmd_activity,
	 "add --kind K --title T --date D [--grid CODE] [--organiser O] [--person-times N] | list [--kind K] [--since D] [--until D] [--json]",
	 "add --kind K --title T --date D [--grid CODE] [--organiser O] [--person-times N] | list [--kind K] [--since D] [--until D] [--json]",
	 "登记或列出活动（技能培训、书记帮办日、联席会议、产业链对接等）",
	 "add or list activities (trainings, secretary days, joint meetings, matchmaking ...)"},
	{"coop", cmd_coop,
	 "add --title T --org-a CODE --org-b CODE [--field F] [--activity T --activity-date D] [--signed D] | list [--since D] [--until D] [--json]",
	 "add --title T --org-a CODE --org-b CODE [--field F] [--activity T --activity-date D] [--signed D] | list [--since D] [--until D] [--json]",
	 "登记或列出产业链合作项目", "add or list cooperation projects"},
	{"credit", cmd_credit,
	 "add --org CODE --bank B --amount YUAN --date D | list [--since D] [--until D] [--json]",
	 "add --org CODE --bank B --amount YUAN --date D | list [--since D] [--until D] [--json]",
	 "登记或列出红色信贷授信", "add or list red-credit grants"},
	{"sync", cmd_sync,
	 "export --to OFFICE [--all] -o FILE | import FILE | status | peer add CODE NAME [--county] | conflicts [--all] [--json] | resolve ID --keep mine|theirs",
	 "export --to OFFICE [--all] -o FILE | import FILE | status | peer add CODE NAME [--county] | conflicts [--all] [--json] | resolve ID --keep mine|theirs",
	 "与其他办公室交换同步包（离线的乡镇与县里合并记录）",
	 "exchange packages with other offices (offline townships merge with the county)"},
	{"ticket", cmd_ticket,
	 "new --title T --category C --source S --grid CODE [--org CODE] [--reporter NAME] [--phone P] [--department D] [--description TEXT] | accept N [--department D] | start N | hold N --reason R | resume N | resolve N --note R | close N --satisfaction 1-5 [--note R] | return N --reason R | reopen N --reason R | transfer N --department D --reason R | comment N --text T | merge N --into M | support N --department D [--remove] | instructor N --phone P | show N [--json] | list [--status S] [--grid CODE] [--department D] [--category C] [--overdue] [--json] [--limit N] [--after N] | count [--status S] [--grid CODE] [--department D] [--category C] [--overdue]",
	 "new --title T --category C --source S --grid CODE [--org CODE] [--reporter NAME] [--phone P] [--department D] [--description TEXT] | accept N [--department D] | start N | hold N --reason R | resume N | resolve N --note R | close N --satisfaction 1-5 [--note R] | return N --reason R | reopen N --reason R | transfer N --department D --reason R | comment N --text T | merge N --into M | support N --department D [--remove] | instructor N --phone P | show N [--json] | list [--status S] [--grid CODE] [--department D] [--category C] [--overdue] [--json] [--limit N] [--after N] | count [--status S] [--grid CODE] [--department D] [--category C] [--overdue]",
	 "工单：登记、受理、办理、挂起、办结、回访关闭、退回、重新办理、流转、合并、查看、列表（含超期督办）",
	 "tickets: register, accept, handle, hold, resolve, close after follow-up, return, reopen, transfer, merge, show, list (overdue supervision too)"},
};
#define NCOMMANDS (int)(sizeof commands / sizeof commands[0])

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("gridwork: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

int cli_exit_for(enum gw_status st)
{
	switch (st) {
	case GW_OK:
		return EXIT_OK;
	case GW_EUSAGE:
	case GW_ECONFIG:
		return EXIT_USAGE;
	default:
		return EXIT_REFUSED;
	}
}

int cli_fail(const struct gw_err *err)
{
	cli_error("%s", err->msg[0] ? err->msg : gw_status_text(err->code));
	return cli_exit_for(err->code);
}

int cli_usage(const struct cli_command *cmd, int to_stdout)
{
	FILE *f = to_stdout ? stdout : stderr;
	fprintf(f, "%s: gridwork %s %s\n  %s\n", gw_tr("用法", "usage"), cmd->name,
		gw_tr(cmd->usage_zh, cmd->usage_en), gw_tr(cmd->help_zh, cmd->help_en));
	fprintf(f, "  --db F       %s\n  --config F   %s\n",
		gw_tr("数据库文件（默认取自配置）", "database file (default from the configuration)"),
		gw_tr("配置文件", "configuration file"));
	return to_stdout ? EXIT_OK : EXIT_USAGE;
}

int cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	return 0;
}

struct gw *cli_open(struct cli *c, int *status)
{
	struct gw_err err;
	if (!gw_db_exists(c->db_path)) {
		cli_error(gw_tr("数据库 %s 不存在（可用 gridwork init 或 gridwork demo 创建）",
				"database %s does not exist (create it with gridwork init or gridwork demo)"),
			  c->db_path);
		*status = EXIT_REFUSED;
		return NULL;
	}
	struct gw *gw = gw_open(&c->cfg, c->db_path, 0, NULL, &err);
	if (!gw)
		*status = cli_fail(&err);
	return gw;
}

static void main_usage(FILE *f)
{
	fprintf(f, "gridwork %s - %s\n\n", GRIDWORK_VERSION,
		gw_tr("舒城县新兴领域党建网格工作台", "party-building grid workbench of Shucheng County"));
	fprintf(f, "%s:\n  gridwork [--db F] [--config F]   %s\n", gw_tr("用法", "usage"),
		gw_tr("打开全屏界面", "open the full-screen interface"));
	for (int i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  gridwork %-7s %s\n      %s\n", commands[i].name,
			gw_tr(commands[i].usage_zh, commands[i].usage_en),
			gw_tr(commands[i].help_zh, commands[i].help_en));
	fprintf(f, "\n  --help, --version\n%s\n",
		gw_tr("每个子命令都可加 --help。退出码：0 成功，1 输入被拒绝，2 用法或配置错误。",
		      "Every subcommand takes --help. Exit status: 0 success, 1 refused input, 2 usage or configuration error."));
}

/* Takes --db/--config (and their =forms) out of argv wherever they stand. */
static int take_global(int *argc, char **argv, const char **db, const char **cfg)
{
	int out = 1;
	for (int i = 1; i < *argc; i++) {
		const char **slot = NULL;
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {  /* the rest are operands */
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strcmp(a, "--db") == 0 || strcmp(a, "--config") == 0) {
			slot = a[2] == 'd' ? db : cfg;
			if (i + 1 >= *argc) {
				cli_error(gw_tr("%s 需要一个文件名", "%s needs a file name"), a);
				return -1;
			}
			*slot = argv[++i];
			continue;
		}
		if (strncmp(a, "--db=", 5) == 0) {
			*db = a + 5;
			continue;
		}
		if (strncmp(a, "--config=", 9) == 0) {
			*cfg = a + 9;
			continue;
		}
		argv[out++] = argv[i];
	}
	*argc = out;
	argv[out] = NULL;
	return 0;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	struct cli c;
	memset(&c, 0, sizeof c);
	c.prog = argv[0];
	const char *db = NULL, *cfgpath = NULL;
	if (take_global(&argc, argv, &db, &cfgpath) < 0)
		return EXIT_USAGE;
	struct gw_err err;
	if (config_load(&c.cfg, cfgpath, &err) != GW_OK) {
		gw_set_lang(c.cfg.lang);
		cli_error("%s", err.msg);
		return EXIT_USAGE;
	}
	gw_set_lang(c.cfg.lang);
	c.db_path = db ? db : c.cfg.db_path;
	if (argc < 2)
		return tui_main(&c);
	const char *sub = argv[1];
	if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 || strcmp(sub, "help") == 0) {
		main_usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(sub, "--version") == 0 || strcmp(sub, "version") == 0) {
		printf("gridwork %s (schema %d, SQLite %s)\n", GRIDWORK_VERSION, db_schema_version(),
		       sqlite3_libversion());
		return EXIT_OK;
	}
	for (int i = 0; i < NCOMMANDS; i++)
		if (strcmp(sub, commands[i].name) == 0) {
			if (cli_wants_help(argc - 1, argv + 1))
				return cli_usage(&commands[i], 1);
			return commands[i].run(&c, argc - 1, argv + 1);
		}
	cli_error(gw_tr("未知的子命令“%s”（gridwork --help 列出全部）",
			"unknown subcommand '%s' (gridwork --help lists them)"), sub);
	return EXIT_USAGE;
}

const struct cli_command *cli_command_named(const char *name)
{
	for (int i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}
