/* cli_data.c - init, demo, import, export, check. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "cli.h"
#include "demo.h"
#include "import.h"

/* Creates the directories above path (like mkdir -p), private to the user. */
static int make_parent_dirs(const char *path)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return 0;
	*slash = '\0';
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(dir, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

/* Opens a database that must not exist yet. */
static struct gw *create_db(struct cli *c, const char *office, int *status)
{
	struct gw_err err;
	if (gw_db_exists(c->db_path)) {
		cli_error(gw_tr("%s 已存在，未做任何改动（请换一个文件名，或先删除它）",
				"%s already exists; nothing was changed (choose another name, or remove it first)"),
			  c->db_path);
		*status = EXIT_REFUSED;
		return NULL;
	}
	if (make_parent_dirs(c->db_path) != 0) {
		cli_error(gw_tr("无法创建 %s 所在的目录：%s", "cannot create the directory of %s: %s"),
			  c->db_path, strerror(errno));
		*status = EXIT_REFUSED;
		return NULL;
	}
	struct gw *gw = gw_open(&c->cfg, c->db_path, 1, office, &err);
	if (!gw)
		*status = cli_fail(&err);
	return gw;
}

int cmd_init(struct cli *c, int argc, char **argv)
{
	const char *office = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--office") == 0 && i + 1 < argc) {
			office = argv[++i];
		} else {
			cli_error(gw_tr("无法识别的参数“%s”", "unrecognised argument '%s'"), argv[i]);
			return cli_usage(cli_command_named("init"), 0);
		}
	}
	if (office) {
		size_t n = strlen(office);
		int ok = n >= 1 && n <= 16;
		for (size_t i = 0; ok && i < n; i++)
			ok = (office[i] >= 'A' && office[i] <= 'Z') || (office[i] >= '0' && office[i] <= '9');
		if (!ok) {
			cli_error(gw_tr("办公室编码“%s”无效：应为 1-16 位大写字母或数字",
					"office code '%s' is invalid: 1-16 capital letters or digits"), office);
			return EXIT_USAGE;
		}
	}
	int status = EXIT_OK;
	struct gw *gw = create_db(c, office, &status);
	if (!gw)
		return status;
	printf(gw_tr("已创建数据库 %s（办公室 %s）\n", "created database %s (office %s)\n"), c->db_path,
	       gw->office);
	gw_close(gw);
	return EXIT_OK;
}

int cmd_demo(struct cli *c, int argc, char **argv)
{
	unsigned seed = 1;
	for (int i = 1; i < argc; i++) {
		char *end;
		if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			seed = (unsigned)strtoul(argv[++i], &end, 10);
			if (*end || !*argv[i]) {
				cli_error(gw_tr("--seed 需要一个整数", "--seed needs a whole number"));
				return EXIT_USAGE;
			}
		} else {
			cli_error(gw_tr("无法识别的参数“%s”", "unrecognised argument '%s'"), argv[i]);
			return cli_usage(cli_command_named("demo"), 0);
		}
	}
	int status = EXIT_OK;
	struct gw *gw = create_db(c, NULL, &status);
	if (!gw)
		return status;
	struct gw_err err;
	if (demo_build(gw, seed, &err) != GW_OK) {
		gw_close(gw);
		unlink(c->db_path);  /* nothing half-written stays behind */
		return cli_fail(&err);
	}
	gw_close(gw);
	printf(gw_tr("已生成舒城县演示数据库：%s\n", "built the Shucheng County demo database: %s\n"),
	       c->db_path);
	return EXIT_OK;
}

static void say_line(void *ctx, int is_error, const char *line)
{
	(void)ctx;
	fprintf(stderr, "%s\n", line);
	(void)is_error;
}

int cmd_import(struct cli *c, int argc, char **argv)
{
	struct import_opts o = {0, -1, say_line, NULL};
	const char **files = calloc((size_t)argc, sizeof *files);
	int nfiles = 0;
	if (!files)
		return EXIT_REFUSED;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--skip-bad") == 0) {
			o.skip_bad = 1;
		} else if (strcmp(argv[i], "--kind") == 0 && i + 1 < argc) {
			o.kind = import_kind_parse(argv[++i]);
			if (o.kind < 0) {
				cli_error(gw_tr("未知的类别“%s”：grids、orgs、instructors、tickets、workers、stations、activities、coop_projects、credit_grants",
						"unknown kind '%s': grids, orgs, instructors, tickets, workers, stations, activities, coop_projects, credit_grants"),
					  argv[i]);
				free(files);
				return EXIT_USAGE;
			}
		} else if (argv[i][0] == '-' && argv[i][1]) {
			cli_error(gw_tr("无法识别的参数“%s”", "unrecognised argument '%s'"), argv[i]);
			free(files);
			return cli_usage(cli_command_named("import"), 0);
		} else {
			files[nfiles++] = argv[i];
		}
	}
	if (!nfiles) {
		cli_error(gw_tr("请给出要导入的文件", "name the files to import"));
		free(files);
		return cli_usage(cli_command_named("import"), 0);
	}
	int status = EXIT_OK;
	struct gw *gw = cli_open(c, &status);
	if (!gw) {
		free(files);
		return status;
	}
	struct import_counts n;
	struct gw_err err;
	enum gw_status st = import_files(gw, files, nfiles, &o, &n, &err);
	if (st == GW_OK || (st == GW_EINVAL && o.skip_bad))
		printf(gw_tr("导入完成：新增 %ld，更新 %ld，未变 %ld，拒绝 %ld\n",
			     "import done: inserted %ld, updated %ld, unchanged %ld, rejected %ld\n"),
		       n.inserted, n.updated, n.unchanged, n.rejected);
	gw_close(gw);
	free(files);
	if (st != GW_OK)
		return cli_fail(&err);
	return EXIT_OK;
}

int cmd_export(struct cli *c, int argc, char **argv)
{
	const char *kind = NULL, *out = "-";
	int gb = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--gb18030") == 0) {
			gb = 1;
		} else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			out = argv[++i];
		} else if (argv[i][0] == '-') {
			cli_error(gw_tr("无法识别的参数“%s”", "unrecognised argument '%s'"), argv[i]);
			return cli_usage(cli_command_named("export"), 0);
		} else if (!kind) {
			kind = argv[i];
		} else {
			cli_error(gw_tr("多余的参数“%s”", "extra argument '%s'"), argv[i]);
			return EXIT_USAGE;
		}
	}
	int k = kind ? import_kind_parse(kind) : -1;
	if (k < 0) {
		cli_error(gw_tr("请指明导出哪类数据：grids、orgs、instructors、tickets、workers、stations、activities、coop_projects、credit_grants",
				"name the kind to export: grids, orgs, instructors, tickets, workers, stations, activities, coop_projects, credit_grants"));
		return EXIT_USAGE;
	}
	int status = EXIT_OK;
	struct gw *gw = cli_open(c, &status);
	if (!gw)
		return status;
	/* Write beside the target and rename, so a failed export never leaves
	 * a half-written file where the old one was. */
	char tmp[PATH_MAX];
	FILE *fp = stdout;
	if (strcmp(out, "-") != 0) {
		snprintf(tmp, sizeof tmp, "%s.tmp%ld", out, (long)getpid());
		fp = fopen(tmp, "wb");
		if (!fp) {
			cli_error(gw_tr("无法写入 %s：%s", "cannot write %s: %s"), out, strerror(errno));
			gw_close(gw);
			return EXIT_REFUSED;
		}
	}
	struct gw_err err;
	enum gw_status st = export_kind(gw, (enum import_kind)k, fp, gb, &err);
	gw_close(gw);
	if (fp != stdout) {
		if (fclose(fp) != 0 && st == GW_OK)
			st = gw_fail(&err, GW_EIO, "写入 %s 失败", "writing %s failed", out);
		if (st == GW_OK && rename(tmp, out) != 0)
			st = gw_fail(&err, GW_EIO, "无法写入 %s", "cannot write %s", out);
		if (st != GW_OK)
			unlink(tmp);
	} else if (fflush(stdout) != 0 && st == GW_OK) {
		st = gw_fail(&err, GW_EIO, "写入标准输出失败", "writing standard output failed");
	}
	return st == GW_OK ? EXIT_OK : cli_fail(&err);
}

static void print_problem(void *ctx, const char *line)
{
	(void)ctx;
	printf("%s\n", line);
}

int cmd_check(struct cli *c, int argc, char **argv)
{
	if (argc > 1) {
		cli_error(gw_tr("无法识别的参数“%s”", "unrecognised argument '%s'"), argv[1]);
		return cli_usage(cli_command_named("check"), 0);
	}
	int status = EXIT_OK;
	struct gw *gw = cli_open(c, &status);
	if (!gw)
		return status;
	struct gw_err err;
	int n = check_all(gw, print_problem, NULL, &err);
	gw_close(gw);
	if (n < 0)
		return cli_fail(&err);
	if (n == 0) {
		printf(gw_tr("检查通过：%s 完整，没有发现问题\n", "check passed: %s is intact, no problems found\n"),
		       c->db_path);
		return EXIT_OK;
	}
	printf(gw_tr("发现 %d 个问题\n", "%d problems found\n"), n);
	return EXIT_REFUSED;
}
