/* test_import.c - the import driver (import_files) and export_kind on the
 * grids kind: kind from the header, Chinese and English headers, unknown,
 * missing and duplicate columns, dependency order, all-or-nothing,
 * --skip-bad with its rejects file, "file:row: column: reason" for every
 * rejected row, summary counts, idempotent re-import, encodings (UTF-8,
 * BOM, GB18030, UTF-8 with a bad byte), RFC 4180 framing, and export
 * round trips. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "grid.h"
#include "gw.h"
#include "import.h"

static char tmpdir[256];
static int seq;
static struct gw *gw;

/* A county with two townships, a park and four grids, children before
 * parents in places, Chinese and English values mixed. */
static const char grids_csv[] =
	"编码,名称,层级,上级编码,划分依据,中心经度,中心纬度\n"
	"SC,舒城县,县,,,116.948,31.462\n"
	"SC-CG-G01,城关镇梅河社区网格,网格,SC-CG,地域,,\n"
	"SC-CG,城关镇,乡镇,SC,,,\n"
	"SC-HB,杭埠镇,township,SC,,,\n"
	"SC-KFQ,舒城经济开发区,园区,SC,,,\n"
	"SC-KFQ-G01,电子信息产业链网格,网格,SC-KFQ,产业链,116.9501,31.4702\n"
	"SC-KFQ-G02,\"预制菜产业链网格（一期, 二期）\",grid,SC-KFQ,chain,,\n"
	"SC-HB-G01,杭埠镇“三河”片区网格,网格,SC-HB,行业,,\n";
#define GRIDS_ROWS 8

static int setup_dir(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/gw-test-import.XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	setenv("GRIDWORK_NOW", "2026-03-02 09:30:00", 1);
	gw_set_lang(GW_LANG_ZH);
	return 0;
}

static int teardown_dir(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct gw *fresh_gw(void)
{
	char path[512];
	snprintf(path, sizeof path, "%s/i%d.db", tmpdir, ++seq);
	unlink(path);
	struct config cfg;
	struct gw_err e;
	config_defaults(&cfg);
	struct gw *g = gw_open(&cfg, path, 1, "SC", &e);
	if (!g)
		fail_msg("gw_open: %s", e.msg);
	return g;
}

static int setup(void **state)
{
	(void)state;
	gw_set_lang(GW_LANG_ZH);
	gw = fresh_gw();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	gw_close(gw);
	gw = NULL;
	return 0;
}

static long long q_int_on(struct gw *g, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db_handle(g->db), sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("prepare %s", sql);
	long long v = -999;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static long long q_int(const char *sql) { return q_int_on(gw, sql); }

static const char *q_text(const char *sql)
{
	static char out[2048];
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db_handle(gw->db), sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("prepare %s", sql);
	out[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, sizeof out, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

/* Everything a record holds, for before/after comparisons. */
static const char *grid_dump(void)
{
	return q_text("SELECT group_concat(x, '\n') FROM (SELECT id || '|' || code || '|' || name || '|' || "
		      "level || '|' || ifnull(parent_id,'') || '|' || ifnull(basis,'') || '|' || "
		      "ifnull(lon,'') || '|' || ifnull(lat,'') || '|' || deleted || '|' || version || '|' || "
		      "updated_at AS x FROM grid ORDER BY code)");
}

static void assert_has(const char *s, const char *frag)
{
	if (!s || !strstr(s, frag))
		fail_msg("\"%s\" lacks \"%s\"", s ? s : "(null)", frag);
}

/* Writes bytes to a new file in the temp dir named stem; path to out. */
static const char *put_file(char *out, size_t outsz, const char *stem, const void *bytes, size_t len)
{
	snprintf(out, outsz, "%s/%d-%s", tmpdir, ++seq, stem);
	FILE *f = fopen(out, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return out;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&buf, &n);
	int c;
	while ((c = fgetc(f)) != EOF)
		fputc(c, m);
	fclose(m);
	fclose(f);
	if (len)
		*len = n;
	return buf;
}

/* UTF-8 to GB18030 with iconv; malloc'd. */
static char *to_gb18030(const char *utf8, size_t *outlen)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	size_t inlen = strlen(utf8), cap = inlen * 2 + 16, left = cap;
	char *out = malloc(cap), *op = out, *ip = (char *)utf8;
	assert_non_null(out);
	assert_true(iconv(cd, &ip, &inlen, &op, &left) != (size_t)-1);
	iconv_close(cd);
	*outlen = cap - left;
	return out;
}

static char *from_gb18030(const char *gb, size_t len)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	assert_true(cd != (iconv_t)-1);
	size_t cap = len * 2 + 16, left = cap;
	char *out = calloc(1, cap + 1), *op = out, *ip = (char *)gb;
	assert_non_null(out);
	if (iconv(cd, &ip, &len, &op, &left) == (size_t)-1)
		fail_msg("not GB18030");
	iconv_close(cd);
	return out;
}

/* What the driver said: errors and information lines apart. */
struct said {
	int nerr, ninfo;
	char err[64][700];
	char info[64][700];
};

static void say(void *ctx, int is_error, const char *line)
{
	struct said *s = ctx;
	if (is_error && s->nerr < 64)
		snprintf(s->err[s->nerr++], sizeof s->err[0], "%s", line);
	else if (!is_error && s->ninfo < 64)
		snprintf(s->info[s->ninfo++], sizeof s->info[0], "%s", line);
}

static int said_info(const struct said *s, const char *frag)
{
	for (int i = 0; i < s->ninfo; i++)
		if (strstr(s->info[i], frag))
			return 1;
	return 0;
}

static const char *said_err_starting(const struct said *s, const char *head)
{
	for (int i = 0; i < s->nerr; i++)
		if (strncmp(s->err[i], head, strlen(head)) == 0)
			return s->err[i];
	return NULL;
}

static void dump_said(const struct said *s)
{
	for (int i = 0; i < s->nerr; i++)
		print_message("  error: %s\n", s->err[i]);
	for (int i = 0; i < s->ninfo; i++)
		print_message("  info:  %s\n", s->info[i]);
}

static enum gw_status run_import(struct gw *g, const char *const *paths, int n, int skip_bad, int kind,
				 struct import_counts *c, struct said *s, struct gw_err *e)
{
	memset(s, 0, sizeof *s);
	struct import_opts o = {skip_bad, kind, say, s};
	e->code = GW_OK;
	e->msg[0] = '\0';
	return import_files(g, paths, n, &o, c, e);
}

/* Imports one text as a file; path of the file to path_out. */
static enum gw_status import_text(const char *stem, const char *text, int skip_bad, int kind,
				  struct import_counts *c, struct said *s, struct gw_err *e, char *path_out)
{
	char path[512];
	put_file(path, sizeof path, stem, text, strlen(text));
	if (path_out)
		strcpy(path_out, path);
	const char *paths[] = {path};
	return run_import(gw, paths, 1, skip_bad, kind, c, s, e);
}

static void import_grids_ok(void)
{
	struct import_counts c;
	struct said s;
	struct gw_err e;
	if (import_text("grids.csv", grids_csv, 0, -1, &c, &s, &e, NULL) != GW_OK) {
		dump_said(&s);
		fail_msg("%s", e.msg);
	}
}

static char *export_mem(struct gw *g, int gb, size_t *len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	struct gw_err e;
	if (export_kind(g, IK_GRID, f, gb, &e) != GW_OK)
		fail_msg("export: %s", e.msg);
	fclose(f);
	if (len)
		*len = n;
	return buf;
}

/* ---- kinds and headers ----------------------------------------------- */

static void kind_from_chinese_header(void **state)
{
	(void)state;
	struct import_counts c;
	struct said s;
	struct gw_err e;
	char path[512];
	assert_int_equal(import_text("网格.csv", grids_csv, 0, -1, &c, &s, &e, path), GW_OK);
	assert_int_equal(c.inserted, GRIDS_ROWS);
	assert_int_equal(c.updated + c.unchanged + c.rejected, 0);
	assert_int_equal(s.nerr, 0);
	assert_int_equal(q_int("SELECT count(*) FROM grid"), GRIDS_ROWS);
	assert_string_equal(q_text("SELECT name FROM grid WHERE code='SC-KFQ-G02'"), "预制菜产业链网格（一期, 二期）");
	assert_string_equal(q_text("SELECT level || basis FROM grid WHERE code='SC-KFQ-G02'"), "gridchain");
	assert_string_equal(q_text("SELECT p.code FROM grid g JOIN grid p ON p.id=g.parent_id WHERE g.code='SC-CG-G01'"),
			    "SC-CG");
	assert_true(q_int("SELECT lon = 116.9501 AND lat = 31.4702 FROM grid WHERE code='SC-KFQ-G01'") == 1);
	/* Says which encoding it used, and a summary per file. */
	char want[700];
	snprintf(want, sizeof want, "%s: 编码 UTF-8", path);
	assert_true(said_info(&s, want));
	snprintf(want, sizeof want, "%s: 网格 新增 8，更新 0，未变 0，拒绝 0", path);
	if (!said_info(&s, want)) {
		dump_said(&s);
		fail_msg("no summary line \"%s\"", want);
	}
	/* One audit row per record, one for the import. */
	assert_int_equal(q_int("SELECT count(*) FROM audit WHERE tbl='grid' AND action='insert'"), GRIDS_ROWS);
	assert_int_equal(q_int("SELECT count(*) FROM audit WHERE action='import'"), 1);
	assert_has(q_text("SELECT new FROM audit WHERE action='import'"), "\"inserted\":8");
}

static void kind_from_english_header(void **state)
{
	(void)state;
	struct import_counts c;
	struct said s;
	struct gw_err e;
	const char *csv =
		"Code,NAME,level,Parent_Code,basis\n"
		"SC,舒城县,county,,\n"
		"SC-CG,城关镇,township,SC,\n"
		"SC-CG-G01,城关镇梅河社区网格,grid,SC-CG,region\n";
	assert_int_equal(import_text("grids-en.csv", csv, 0, -1, &c, &s, &e, NULL), GW_OK);
	assert_int_equal(c.inserted, 3);
	/* The same records as from Chinese headers and values. */
	struct gw *other = fresh_gw();
	struct gw *keep = gw;
	gw = other;
	const char *zh =
		"层级,编码,划分依据,名称,上级编码\n"
		"县,SC,,舒城县,\n"
		"乡镇,SC-CG,,城关镇,SC\n"
		"网格,SC-CG-G01,地域,城关镇梅河社区网格,SC-CG\n";
	assert_int_equal(import_text("grids-zh.csv", zh, 0, -1, &c, &s, &e, NULL), GW_OK);
	size_t l1, l2;
	char *a = export_mem(keep, 0, &l1), *b = export_mem(other, 0, &l2);
	gw = keep;
	gw_close(other);
	assert_int_equal(l1, l2);
	assert_memory_equal(a, b, l1);
	free(a);
	free(b);
}

static void kind_forced(void **state)
{
	(void)state;
	struct import_counts c;
	struct said s;
	struct gw_err e;
	/* --kind orgs on a grids file: orgs' required columns are missing. */
	assert_int_equal(import_text("grids.csv", grids_csv, 0, IK_ORG, &c, &s, &e, NULL), GW_EINVAL);
	assert_has(e.msg, "统一社会信用代码");
	assert_has(e.msg, "未导入任何数据");
	assert_int_equal(q_int("SELECT count(*) FROM grid"), 0);
	/* --kind grids on a header that also fits organisations. */
	const char *both =
		"编码,名称,层级,上级编码,划分依据,统一社会信用代码,类型,网格编码,党组织\n"
		"SC,舒城县,县,,,,,,\n";
	assert_int_equal(import_text("mixed.csv", both, 0, -1, &c, &s, &e, NULL), GW_EUSAGE);
	assert_has(e.msg, "--kind");
	assert_int_equal(import_text("mixed.csv", both, 0, IK_GRID, &c, &s, &e, NULL), GW_OK);
	assert_int_equal(c.inserted, 1);
	/* The org columns were not grid columns: reported and ignored. */
	assert_true(said_info(&s, "未知列“统一社会信用代码”"));
	assert_true(said_info(&s, "未知列“党组织”"));
	assert_int_equal(import_kind_parse("grids"), IK_GRID);
	assert_int_equal(import_kind_parse("Grid"), IK_GRID);
	assert_int_equal(import_kind_parse("网格"), IK_GRID);
	assert_int_equal(import_kind_parse("orgs"), IK_ORG);
	assert_int_equal(import_kind_parse("tickets"), IK_TICKET);
	assert_int_equal(import_kind_parse("stations"), IK_STATION);
	assert_int_equal(import_kind_parse("gridz"), -1);
	assert_int_equal(import_kind_parse(NULL), -1);
}

static void header_unknown_or_ambiguous(void **state)
{
	(void)state;
	struct import_counts c;
	struct said s;
	struct gw_err e;
	char path[512];
	assert_int_equal(import_text("名单.csv", "序号,备注,日期\n1,舒城,2026-01-01\n", 0, -1, &c, &s, &e, path),
			 GW_EUSAGE);
	assert_has(e.msg, path);
	assert_has(e.msg, "--kind");
	/* Fits grids and organisations equally well (5 columns each). */
	const char *both =
		"编码,名称,层级,上级编码,划分依据,统一社会信用代码,类型,网格编码,党组织\n"
		"SC,舒城县,县,,,,,,\n";
	assert_int_equal(import_text("both.csv", both, 0, -1, &c, &s, &e, path), GW_EUSAGE);
	assert_has(e.msg, "无法从表头判断");
	assert_int_equal(q_int("SELECT count(*) FROM grid"), 0);
	/* A refused header in any file stops them all. */
	char good[512], bad[512];
	put_file(good, sizeof good, "grids.csv", grids_csv, strlen(grids_csv));
	put_file(bad, sizeof bad, "x.csv", "甲,乙\n1,2\n", 10);
	const char *paths[] = {good, bad};
	assert_int_equal(run_import(gw, paths, 2, 0, -1, &c, &s, &e), GW_EUSAGE);
	assert_has(e.msg, bad);
	assert_int_equal(q_int("SELECT count(*) FROM grid"), 0);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), 0);
}

static void header_unknown_column_ignored(void **state)
{
	(void)state;
	struct import_counts c;
	struct said s;
	struct gw_err e;
	char path[512], want[700];
	const char *csv =
		"编码,名称,备注,层级,上级编码,划分依据,负责人\n"
		"SC,舒城县,县城,县,,,张三\n"
		"SC-CG,城关镇,,乡镇,SC,,李四\n";
	assert_int_equal(import_text("grids.csv", csv, 0, -1, &c, &s, &e, path), GW_OK);
	assert_int_equal(c.inserted, 2);
	snprintf(want, sizeof want, "%s: 未知列“备注”，已忽略", path);
	assert_true(said_info(&s, want));
	snprintf(want, sizeof want, "%s: 未知列“负责人”，已忽略", path);
	assert_true(said_info(&s, want));
	assert_int_equal(s.nerr, 0);
	assert_string_equal(q_text("SELECT name FROM grid WHERE code='SC-CG'"), "城关镇");
}

/* ---- long text cut at a character ------------------------------------ */

/* Whether s is valid UTF-8 (no stray continuation byte, no truncated or
 * overlong sequence, no surrogate). */
static int utf8_valid(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	while (*s) {
		unsigned c = *s;
		int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
		if (!len || (len == 2 && c < 0xC2) || (len == 4 && c > 0xF4))
			return 0;
		unsigned cp = len == 1 ? c : c & (0x7F >> len);
		for (int i = 1; i < len; i++) {
			if ((s[i] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i] & 0x3F);
		}
		if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && cp < 0x10000))
			return 0;
		s += len;
	}
	return 1;
}

/* Every line the driver says, whole (struct said keeps 700 bytes). */
struct said_all {
	int n, invalid;
	size_t longest;
	char line[16][1100];
};

static void say_all(void *ctx, int is_error, const char *line)
{
	(void)is_error;
	struct said_all *a = ctx;
	if (!utf8_valid(line))
		a->invalid++;
	if (strlen(line) > a->longest)
		a->longest = strlen(line);
	if (a->n < 16)
		snprintf(a->line[a->n++], sizeof a->line[0], "%s", line);
}

static const char *said_all_find(const struct said_all *a, const char *frag)
{
	for (int i = 0; i < a->n; i++)
		if (strstr(a->line[i], frag))
			return a->line[i];
	return NULL;
}

/* fuzz finding csv/crash-62a05cd0: a header cell longer than the 255 bytes
 * kept of it was cut inside a Chinese character, and "unknown column"
 * echoed the broken bytes.  With 0, 1 and 2 ASCII bytes before the Chinese
 * text the cut falls at each of a character's three bytes. */
static void header_long_chinese_cell_cut_at_character(void **state)
{
	(void)state;
	for (int pad = 0; pad < 3; pad++) {
		char cell[400] = "", csv[800], path[512];
		for (int i = 0; i < pad; i++)
			strcat(cell, "x");
		for (int i = 0; i < 100; i++)  /* 300 bytes */
			strcat(cell, "网");
		snprintf(csv, sizeof csv, "编码,名称,层级,上级编码,划分依据,%s\nSC,舒城县,县,,,多余的值\n", cell);
		put_file(path, sizeof path, "长表头.csv", csv, strlen(csv));
		const char *paths[] = {path};
		struct said_all a = {0};
		struct import_opts o = {0, -1, say_all, &a};
		struct import_counts c;
		struct gw_err e;
		assert_int_equal(import_files(gw, paths, 1, &o, &c, &e), GW_OK);
		assert_int_equal(a.invalid, 0);
		const char *m = said_all_find(&a, "未知列“");
		if (!m)
			fail_msg("no unknown-column message (pad %d)", pad);
		/* The cell's start, cut within 255 bytes at a whole character. */
		char want[300];
		snprintf(want, sizeof want, "未知列“%.*s网网网", pad, "xx");
		assert_has(m, want);
		assert_has(m, "网…”，已忽略");
		const char *open = strstr(m, "“") + strlen("“"), *close = strstr(open, "…”");
		assert_true(close - open + strlen("…") <= 255);
		assert_true(close - open + strlen("…") >= 252);
		assert_string_equal(q_text("SELECT name FROM grid WHERE code = 'SC'"), "舒城县");
	}
}

/* say() builds each line in 1024 bytes: a longer one (here the file's path,
 * five directories of 80 Chinese characters deep) is cut at a character
 * and ends with "…" instead of half a character. */
static void message_long_path_cut_at_character(void **state)
{
	(void)state;
	for (int pad = 0; pad < 3; pad++) {
		char dir[1400], path[1500];
		snprintf(dir, sizeof dir, "%s/%.*s", tmpdir, pad + 1, "yyy");
		assert_int_equal(mkdir(dir, 0700), 0);
		for (int level = 0; level < 5; level++) {
			strcat(dir, "/");
			for (int i = 0; i < 80; i++)
				strcat(dir, "长");
			assert_int_equal(mkdir(dir, 0700), 0);
		}
		snprintf(path, sizeof path, "%s/网格.csv", dir);
		assert_true(strlen(path) > 1023);
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs(grids_csv, f);
		assert_int_equal(fclose(f), 0);
		const char *paths[] = {path};
		struct said_all a = {0};
		struct import_opts o = {0, -1, say_all, &a};
		struct import_counts c;
		struct gw_err e;
		assert_int_equal(import_files(gw, paths, 1, &o, &c, &e), GW_OK);
		assert_true(a.n > 0);
		assert_int_equal(a.invalid, 0);
		assert_true(a.longest <= 1023 && a.longest >= 1020);
		for (int i = 0; i < a.n; i++) {
			assert_int_equal(strncmp(a.line[i], tmpdir, strlen(tmpdir)), 0);
			size_t n = strlen(a.line[i]);
			assert_string_equal(a.line[i] + n - strlen("长…"), "长…");
		}
		assert_int_equal(q_int("SELECT count(*) FROM grid"), GRIDS_ROWS);
		gw_close(gw);
		gw = fresh_gw();
	}
}

static void header_missing_required_column(void **state)
{
	(void)state;
	struct import_counts c;
	struct said s;
	struct gw_err e;
	char path[512];
	const char *csv = "编码,名称,上级编码\nSC,舒城县,\nSC-CG,城关镇,SC\n";
	assert_int_equal(import_text("grids.csv", csv, 0, IK_GRID, &c, &s, &e, path), GW_EINVAL);
	assert_has(e.msg, path);
	assert_has(e.msg, "缺少必需的列“层级”（level）");
	assert_has(e.msg, "未导入任何数据");
	assert_int_equal(q_int("SELECT count(*) FROM grid"), 0);
	/* Recognised from the header: refused as well, nothing written. */
	assert_true(import_text("grids.csv", csv, 0, -1, &c, &s, &e, path) != GW_OK);
	assert_int_equal(q_int("SELECT count(*) FROM grid"), 0);
	/* A good file named first is not written either. */
	char good[512];
	put_file(good, sizeof good, "grids.csv", grids_csv, strlen(grids_csv));
	const char *paths[] = {good, path};
	assert_int_equal(run_import(gw, paths, 2, 0, IK_GRID, &c, &s, &e), GW_EINVAL);
	assert_has(e.msg, "层级");
	assert_int_equal(q_int("SELECT count(*) FROM grid"), 0);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), 0);
	/* In English. */
	gw_set_lang(GW_LANG_EN);
	enum gw_status st = import_text("grids.csv", csv, 0, IK_GRID, &c, &s, &e, path);
	gw_set_lang(GW_LANG_ZH);
	assert_int_equal(st, GW_EINVAL);
	assert_has(e.msg, "required column '层级' (level) is missing; nothing was imported");
}

static void header_duplicate_column(void **state)
{
	(void)state;
	struct import_counts c;
	struct said s;
	struct gw_err e;
	char path[512];
	const char *csv = "编码,名称,层级,上级编码,code\nSC,舒城县,县,,SC\n";
	assert_int_equal(import_text("grids.csv", csv, 0, -1, &c, &s, &e, path), GW_EINVAL);
	assert_has(e.msg, path);
	assert_has(e.msg, "“code”出现了两次");
	const char *csv2 = "编码,名称,层级,名称\nSC,舒城县,县,舒城\n";
	assert_int_equal(import_text("grids.csv", csv2, 0, -1, &c, &s, &e, path), GW_EINVAL);
	assert_has(e.msg, "两次");
	assert_int_equal(q_int("SELECT count(*) FROM grid"), 0);
}

static void header_spaces_trimmed(void **state)
{
	(void)state;
	struct import_counts c;
	struct said s;
	struct gw_err e;
	const char *csv = " 编码 ,\u3000名称\u3000, 层级\nSC,舒城县,县\n";
	assert_int_equal(import_text("grids.csv", csv, 0, -1, &c, &s, &e, NULL), GW_OK);
	assert_int_equal(c.inserted, 1);
}

/* ---- several files --------------------------------------------------- */

static void dependency_order(void **state)
{
	(void)state;
	struct import_counts c;
	struct said s;
	struct gw_err e;
	char orgs[512], grids[512];
	const char *org_csv =
		"统一社会信用代码,名称,类型,网格编码,党组织,党组织成立日期\n"
		"91110108551385082Q,安徽舒城梅河食品有限公司,企业,SC-CG-G01,单独建,2024年5月1日\n"
		"91350100M000100Y43,舒城县电子信息行业协会,行业协会商会,SC-KFQ-G01,无,\n";
	put_file(orgs, sizeof orgs, "orgs.csv", org_csv, strlen(org_csv));
	put_file(grids, sizeof grids, "grids.csv", grids_csv, strlen(grids_csv));
	/* Organisations named first: grids still go in first. */
	const char *paths[] = {orgs, grids};
	if (run_import(gw, paths, 2, 0, -1, &c, &s, &e) != GW_OK) {
		dump_said(&s);
		fail_msg("%s", e.msg);
	}
	assert_int_equal(c.inserted, GRIDS_ROWS + 2);
	assert_int_equal(q_int("SELECT count(*) FROM grid"), GRIDS_ROWS);
	assert_int_equal(q_int("SELECT count(*) FROM org"), 2);
	assert_string_equal(q_text("SELECT g.code FROM org o JOIN grid g ON g.id = o.grid_id "
				   "WHERE o.credit_code = '91110108551385082Q'"), "SC-CG-G01");
	/* Summaries in dependency order too. */
	int gi = -1, oi = -1;
	for (int i = 0; i < s.ninfo; i++) {
		if (strstr(s.info[i], "网格 新增"))
			gi = i;
		if (strstr(s.info[i], "新增 2，"))
			oi = i;
	}
	assert_true(gi >= 0 && oi > gi);
	/* A bad organisation keeps the grids out as well (one transaction). */
	struct gw *keep = gw;
	gw = fresh_gw();
	const char *bad_org =
		"统一社会信用代码,名称,类型,网格编码,党组织\n"
		"91110108551385082A,安徽舒城梅河食品有限公司,企业,SC-CG-G01,无\n";
	put_file(orgs, sizeof orgs, "orgs.csv", bad_org, strlen(bad_org));
	assert_int_equal(run_import(gw, paths, 2, 0, -1, &c, &s, &e), GW_EINVAL);
	char want[700];
	snprintf(want, sizeof want, "%s:2: 统一社会信用代码: ", orgs);
	assert_non_null(said_err_starting(&s, want));
	assert_int_equal(q_int("SELECT count(*) FROM grid"), 0);
	assert_int_equal(q_int("SELECT count(*) FROM org"), 0);
	gw_close(gw);
	gw = keep;
}

/* ---- bad rows -------------------------------------------------------- */

static const char bad_csv[] =
	"编码,名称,层级,上级编码,划分依据\n"
	"SC,舒城县,县,,\n"                          /* 2 */
	"SC-CG,城关镇,镇,SC,\n"                     /* 3 level */
	"SC-HB,杭埠镇,乡镇,SC,\n"                   /* 4 */
	"SC-HB-G01,杭埠镇网格,网格,SC-HB,\n"        /* 5 basis */
	"SC-HB-G02,杭埠镇二号网格,网格,SC-XX,地域\n" /* 6 parent */
	"SC-HB-G03,杭埠镇三号网格,网格,SC-HB,地域\n"; /* 7 */

static void all_or_nothing(void **state)
{
	(void)state;
	struct import_counts c;
	struct said s;
	struct gw_err e;
	char path[512], head[700];
	assert_int_equal(import_text("grids.csv", bad_csv, 0, -1, &c, &s, &e, path), GW_EINVAL);
	assert_int_equal(c.rejected, 3);
	assert_int_equal(c.inserted + c.updated + c.unchanged, 0);
	assert_has(e.msg, "有 3 行无效，未导入任何数据");
	assert_has(e.msg, "--skip-bad");
	/* Every bad row: file:row: column: reason. */
	assert_int_equal(s.nerr, 3);
	snprintf(head, sizeof head, "%s:3: 层级: “镇”不是有效层级", path);
	assert_non_null(said_err_starting(&s, head));
	snprintf(head, sizeof head, "%s:5: 划分依据: 必填", path);
	assert_non_null(said_err_starting(&s, head));
	snprintf(head, sizeof head, "%s:6: 上级编码: ", path);
	assert_has(said_err_starting(&s, head), "SC-XX");
	assert_int_equal(q_int("SELECT count(*) FROM grid"), 0);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), 0);
	/* The summary does not claim rows that were rolled back. */
	snprintf(head, sizeof head, "%s: 网格 新增 0，更新 0，未变 0，拒绝 3", path);
	if (!said_info(&s, head)) {
		dump_said(&s);
		fail_msg("no summary \"%s\"", head);
	}
	/* No rejects file without --skip-bad. */
	char rej[600];
	snprintf(rej, sizeof rej, "%s.rejects.csv", path);
	assert_int_equal(access(rej, F_OK), -1);
	/* Nor changes to records already there. */
	import_grids_ok();
	char before[2048];
	snprintf(before, sizeof before, "%s", grid_dump());
	const char *upd = "编码,名称,层级,上级编码\nSC-CG,城关镇（新名）,乡镇,SC\nSC-HB,杭埠镇,乡,SC\n";
	assert_int_equal(import_text("grids.csv", upd, 0, -1, &c, &s, &e, path), GW_EINVAL);
	assert_string_equal(grid_dump(), before);
}

static void skip_bad_writes_rejects(void **state)
{
	(void)state;
	struct import_counts c;
	struct said s;
	struct gw_err e;
	char path[512], rej[600];
	assert_int_equal(import_text("网格表.csv", bad_csv, 1, -1, &c, &s, &e, path), GW_EINVAL);
	assert_has(e.msg, "3 行被拒绝");
	assert_int_equal(c.inserted, 3);
	assert_int_equal(c.rejected, 3);
	assert_int_equal(s.nerr, 3);
	assert_string_equal(q_text("SELECT group_concat(code, ',') FROM (SELECT code FROM grid ORDER BY code)"),
			    "SC,SC-HB,SC-HB-G03");
	snprintf(rej, sizeof rej, "%s.rejects.csv", path);
	char want[700];
	snprintf(want, sizeof want, "被拒绝的行已写入 %s", rej);
	assert_true(said_info(&s, want));
	size_t len = 0;
	char *r = slurp(rej, &len);
	assert_non_null(r);
	const char *head = "\xEF\xBB\xBF编码,名称,层级,上级编码,划分依据,原因\r\n";
	assert_true(strncmp(r, head, strlen(head)) == 0);
	assert_has(r, "SC-CG,城关镇,镇,SC,,层级: “镇”不是有效层级");
	assert_has(r, "SC-HB-G01,杭埠镇网格,网格,SC-HB,,划分依据: 必填");
	assert_has(r, "SC-HB-G02,杭埠镇二号网格,网格,SC-XX,地域,上级编码: ");
	int lines = 0;
	for (size_t i = 0; i < len; i++)
		lines += r[i] == '\n';
	assert_int_equal(lines, 4);
	free(r);
	/* The rejects, corrected, import cleanly: the reason column is just an
	 * unknown column. */
	const char *fixed =
		"编码,名称,层级,上级编码,划分依据,原因\n"
		"SC-CG,城关镇,乡镇,SC,,层级: “镇”不是有效层级\n";
	assert_int_equal(import_text("fixed.csv", fixed, 0, -1, &c, &s, &e, NULL), GW_OK);
	assert_int_equal(c.inserted, 1);
	/* A clean run with --skip-bad leaves no rejects file and says OK. */
	assert_int_equal(import_text("grids.csv", grids_csv, 1, -1, &c, &s, &e, path), GW_OK);
	snprintf(rej, sizeof rej, "%s.rejects.csv", path);
	assert_int_equal(access(rej, F_OK), -1);
}

static void bad_rows_framing(void **state)
{
	(void)state;
	struct import_counts c;
	struct said s;
	struct gw_err e;
	char path[512], head[700];
	/* Row 3 holds a line break inside quotes (one record, two lines): a
	 * name cannot. Row 4 has a cell too many, row 5 too few, row 6 a stray
	 * quote, row 7 a NUL byte, row 8 a quote never closed. */
	static const char csv[] =
		"编码,名称,层级,上级编码\n"
		"SC,舒城县,县,\n"
		"SC-CG,\"城关\n镇\",乡镇,SC\n"
		"SC-HB,杭埠镇,乡镇,SC,多余\n"
		"SC-QL,千人桥镇\n"
		"SC-GC,干\"汊河镇,乡镇,SC\n"
		"SC-TC,桃\0溪镇,乡镇,SC\n"
		"SC-NG,\"南港镇,乡镇,SC\n";
	put_file(path, sizeof path, "grids.csv", csv, sizeof csv - 1);
	const char *paths[] = {path};
	assert_int_equal(run_import(gw, paths, 1, 1, -1, &c, &s, &e), GW_EINVAL);
	assert_int_equal(c.inserted, 1);
	assert_int_equal(c.rejected, 6);
	if (s.nerr != 6)
		dump_said(&s);
	assert_int_equal(s.nerr, 6);
	snprintf(head, sizeof head, "%s:3: 名称: ", path);
	assert_has(said_err_starting(&s, head), "控制字符");
	snprintf(head, sizeof head, "%s:4: ", path);
	assert_has(said_err_starting(&s, head), "多于表头");
	snprintf(head, sizeof head, "%s:5: 层级: ", path);
	assert_has(said_err_starting(&s, head), "必填");
	for (int row = 6; row <= 8; row++) {
		snprintf(head, sizeof head, "%s:%d: ", path, row);
		assert_non_null(said_err_starting(&s, head));
	}
	assert_int_equal(q_int("SELECT count(*) FROM grid"), 1);
}

static void empty_and_missing_files(void **state)
{
	(void)state;
	struct import_counts c;
	struct said s;
	struct gw_err e;
	char path[512];
	assert_int_equal(import_text("empty.csv", "", 0, -1, &c, &s, &e, path), GW_EINVAL);
	assert_has(e.msg, path);
	assert_has(e.msg, "文件是空的");
	assert_int_equal(import_text("header.csv", "编码,名称,层级\n", 0, -1, &c, &s, &e, path), GW_OK);
	assert_int_equal(c.inserted + c.updated + c.unchanged + c.rejected, 0);
	snprintf(path, sizeof path, "%s/没有这个文件.csv", tmpdir);
	const char *paths[] = {path};
	assert_int_equal(run_import(gw, paths, 1, 0, -1, &c, &s, &e), GW_EIO);
	assert_has(e.msg, path);
	assert_has(e.msg, "无法打开");
	assert_int_equal(q_int("SELECT count(*) FROM grid"), 0);
}

static void english_messages(void **state)
{
	(void)state;
	struct import_counts c;
	struct said s;
	struct gw_err e;
	char path[512], head[700];
	gw_set_lang(GW_LANG_EN);
	enum gw_status st = import_text("grids.csv", bad_csv, 0, -1, &c, &s, &e, path);
	gw_set_lang(GW_LANG_ZH);
	assert_int_equal(st, GW_EINVAL);
	snprintf(head, sizeof head, "%s:3: 层级: '镇' is not a level", path);
	assert_non_null(said_err_starting(&s, head));
	assert_has(e.msg, "3 rows are invalid; nothing was imported");
}

/* ---- re-import ------------------------------------------------------- */

static void reimport_changes_nothing(void **state)
{
	(void)state;
	struct import_counts c;
	struct said s;
	struct gw_err e;
	char path[512], want[700];
	import_grids_ok();
	char before[2048];
	snprintf(before, sizeof before, "%s", grid_dump());
	long long audits = q_int("SELECT count(*) FROM audit WHERE action <> 'import'");
	setenv("GRIDWORK_NOW", "2026-04-01 08:00:00", 1);
	enum gw_status st = import_text("grids.csv", grids_csv, 0, -1, &c, &s, &e, path);
	setenv("GRIDWORK_NOW", "2026-03-02 09:30:00", 1);
	assert_int_equal(st, GW_OK);
	assert_int_equal(c.unchanged, GRIDS_ROWS);
	assert_int_equal(c.inserted + c.updated + c.rejected, 0);
	snprintf(want, sizeof want, "%s: 网格 新增 0，更新 0，未变 8，拒绝 0", path);
	assert_true(said_info(&s, want));
	assert_string_equal(grid_dump(), before);
	assert_int_equal(q_int("SELECT count(*) FROM audit WHERE action <> 'import'"), audits);
	/* One changed row: updated 1, the rest unchanged. */
	char *changed = strdup(grids_csv);
	char *p = strstr(changed, "杭埠镇,township");
	memcpy(p, "杭埠镇,park    ", strlen("杭埠镇,township"));   /* spaces are trimmed */
	st = import_text("grids.csv", changed, 0, -1, &c, &s, &e, path);
	free(changed);
	assert_int_equal(st, GW_OK);
	assert_int_equal(c.updated, 1);
	assert_int_equal(c.unchanged, GRIDS_ROWS - 1);
	assert_string_equal(q_text("SELECT level || version FROM grid WHERE code='SC-HB'"), "park2");
	assert_int_equal(q_int("SELECT count(*) FROM audit WHERE action = 'update'"), 1);
}

/* ---- encodings ------------------------------------------------------- */

static void encoding_bom(void **state)
{
	(void)state;
	struct import_counts c;
	struct said s;
	struct gw_err e;
	char path[512], want[700];
	char *bom = malloc(strlen(grids_csv) + 4);
	strcpy(bom, "\xEF\xBB\xBF");
	strcat(bom, grids_csv);
	enum gw_status st = import_text("grids-bom.csv", bom, 0, -1, &c, &s, &e, path);
	free(bom);
	assert_int_equal(st, GW_OK);
	assert_int_equal(c.inserted, GRIDS_ROWS);
	snprintf(want, sizeof want, "%s: 编码 UTF-8 (BOM)", path);
	assert_true(said_info(&s, want));
	/* The BOM did not become part of the first column's name. */
	assert_false(said_info(&s, "未知列"));
	assert_string_equal(q_text("SELECT name FROM grid WHERE code='SC'"), "舒城县");
}

static void encoding_gb18030(void **state)
{
	(void)state;
	struct import_counts c;
	struct said s;
	struct gw_err e;
	char path[512], want[700];
	size_t n;
	char *gb = to_gb18030(grids_csv, &n);
	assert_true(n != strlen(grids_csv));   /* really re-encoded */
	put_file(path, sizeof path, "grids-gbk.csv", gb, n);
	free(gb);
	const char *paths[] = {path};
	assert_int_equal(run_import(gw, paths, 1, 0, -1, &c, &s, &e), GW_OK);
	assert_int_equal(c.inserted, GRIDS_ROWS);
	snprintf(want, sizeof want, "%s: 编码 GB18030", path);
	assert_true(said_info(&s, want));
	assert_string_equal(q_text("SELECT name FROM grid WHERE code='SC-HB-G01'"), "杭埠镇“三河”片区网格");
	assert_string_equal(q_text("SELECT name FROM grid WHERE code='SC-KFQ-G02'"), "预制菜产业链网格（一期, 二期）");
	/* The same records as from UTF-8: re-importing that is a no-op. */
	assert_int_equal(import_text("grids.csv", grids_csv, 0, -1, &c, &s, &e, NULL), GW_OK);
	assert_int_equal(c.unchanged, GRIDS_ROWS);
}

static void encoding_utf8_with_bad_byte(void **state)
{
	(void)state;
	struct import_counts c;
	struct said s;
	struct gw_err e;
	char path[512], want[700];
	/* Plenty of good UTF-8, one damaged byte in row 4's name. */
	char *text = strdup(grids_csv);
	char *p = strstr(text, "杭埠镇,township");
	p[1] = (char)0xFF;
	put_file(path, sizeof path, "grids.csv", text, strlen(text));
	free(text);
	const char *paths[] = {path};
	assert_int_equal(run_import(gw, paths, 1, 0, -1, &c, &s, &e), GW_EINVAL);
	snprintf(want, sizeof want, "%s: 编码 UTF-8", path);
	assert_true(said_info(&s, want));
	assert_false(said_info(&s, "GB18030"));
	/* The damaged row, and the grid whose parent it was. */
	assert_int_equal(c.rejected, 2);
	assert_int_equal(s.nerr, 2);
	snprintf(want, sizeof want, "%s:5: ", path);
	assert_has(said_err_starting(&s, want), "UTF-8");
	snprintf(want, sizeof want, "%s:9: 上级编码: ", path);
	assert_has(said_err_starting(&s, want), "SC-HB");
	assert_int_equal(q_int("SELECT count(*) FROM grid"), 0);
	/* With --skip-bad the rest go in with their Chinese intact; the grid
	 * under the bad row's township is rejected for want of its parent. */
	assert_int_equal(run_import(gw, paths, 1, 1, -1, &c, &s, &e), GW_EINVAL);
	assert_int_equal(c.rejected, 2);
	assert_int_equal(c.inserted, GRIDS_ROWS - 2);
	assert_string_equal(q_text("SELECT name FROM grid WHERE code='SC-CG-G01'"), "城关镇梅河社区网格");
	assert_int_equal(q_int("SELECT count(*) FROM grid WHERE code LIKE 'SC-HB%'"), 0);
}

/* ---- export ---------------------------------------------------------- */

static void export_round_trip(void **state)
{
	(void)state;
	import_grids_ok();
	size_t n1;
	char *first = export_mem(gw, 0, &n1);
	assert_true(n1 > 3 && memcmp(first, "\xEF\xBB\xBF编码,名称,层级,上级编码,划分依据,中心经度,中心纬度\r\n", 3) == 0);
	assert_has(first, "\r\nSC-KFQ-G02,\"预制菜产业链网格（一期, 二期）\",网格,SC-KFQ,产业链,,\r\n");
	assert_has(first, "\r\nSC-HB,杭埠镇,乡镇,SC,,,\r\n");   /* Chinese values */
	assert_has(first, "\r\nSC,舒城县,县,,,116.948000,31.462000\r\n");
	/* Export, import into a fresh database, export again: same bytes. */
	char path[512];
	put_file(path, sizeof path, "export.csv", first, n1);
	struct gw *other = fresh_gw();
	struct import_counts c;
	struct said s;
	struct gw_err e;
	const char *paths[] = {path};
	if (run_import(other, paths, 1, 0, -1, &c, &s, &e) != GW_OK)
		fail_msg("%s", e.msg);
	assert_int_equal(c.inserted, GRIDS_ROWS);
	size_t n2;
	char *second = export_mem(other, 0, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(first, second, n1);
	/* And into the original database it changes nothing. */
	assert_int_equal(run_import(gw, paths, 1, 0, -1, &c, &s, &e), GW_OK);
	assert_int_equal(c.unchanged, GRIDS_ROWS);
	gw_close(other);
	free(second);

	/* GB18030 on request: the same text, without the BOM. */
	size_t ng;
	char *gb = export_mem(gw, 1, &ng);
	assert_false(ng >= 3 && memcmp(gb, "\xEF\xBB\xBF", 3) == 0);
	char *back = from_gb18030(gb, ng);
	assert_string_equal(back, first + 3);
	/* ...which imports as GB18030. */
	put_file(path, sizeof path, "export-gb.csv", gb, ng);
	other = fresh_gw();
	assert_int_equal(run_import(other, paths, 1, 0, -1, &c, &s, &e), GW_OK);
	assert_int_equal(c.inserted, GRIDS_ROWS);
	assert_true(said_info(&s, "GB18030"));
	gw_close(other);
	free(back);
	free(gb);
	free(first);
}

static void export_empty_and_other_kinds(void **state)
{
	(void)state;
	size_t n;
	char *buf = export_mem(gw, 0, &n);
	assert_string_equal(buf, "\xEF\xBB\xBF编码,名称,层级,上级编码,划分依据,中心经度,中心纬度\r\n");
	free(buf);
	struct gw_err e;
	FILE *f = open_memstream(&buf, &n);
	assert_int_equal(export_kind(gw, (enum import_kind)99, f, 0, &e), GW_EUSAGE);
	fclose(f);
	free(buf);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(kind_from_chinese_header),
		T(kind_from_english_header),
		T(kind_forced),
		T(header_unknown_or_ambiguous),
		T(header_unknown_column_ignored),
		T(header_missing_required_column),
		T(header_duplicate_column),
		T(header_long_chinese_cell_cut_at_character),
		T(message_long_path_cut_at_character),
		T(header_spaces_trimmed),
		T(dependency_order),
		T(all_or_nothing),
		T(skip_bad_writes_rejects),
		T(bad_rows_framing),
		T(empty_and_missing_files),
		T(english_messages),
		T(reimport_changes_nothing),
		T(encoding_bom),
		T(encoding_gb18030),
		T(encoding_utf8_with_bad_byte),
		T(export_round_trip),
		T(export_empty_and_other_kinds),
	};
	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
