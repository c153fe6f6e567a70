/* testutil.h - fixture code the unit tests share: a scratch directory per
 * test program, fresh databases, CSV text written to a file and imported,
 * single values read back with sqlite3.
 *
 * Header-only with static inline functions because the Makefile builds each
 * tests/unit/test_*.c alone against build/libgridwork.a; a helper a test
 * does not call costs nothing and raises no unused-function warning.
 * Include after <cmocka.h>. */
#ifndef GW_TESTUTIL_H
#define GW_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "config.h"
#include "gw.h"
#include "import.h"
#include "validate.h"

/* The test program's scratch directory (tu_setup_dir fills it). */
static char tu_dir[256];

/* Everything the importer said during the last tu_import_path. */
static char tu_said[16384];

/* The grid tree several tests import first: a county, two towns, three
 * grids (6 rows). */
#define TU_GRIDS6_CSV                                          \
	"编码,名称,层级,上级编码,划分依据\n"                   \
	"SC,舒城县,县,,\n"                                     \
	"SC-HB,杭埠镇,乡镇,SC,\n"                              \
	"SC-HB-G01,杭埠镇第一网格,网格,SC-HB,地域\n"           \
	"SC-HB-G02,杭埠镇第二网格,网格,SC-HB,行业\n"           \
	"SC-KF,舒城经济开发区,园区,SC,\n"                      \
	"SC-KF-G01,开发区电子信息网格,网格,SC-KF,产业链\n"

/* The Chinese header of orgs.csv. */
#define TU_ORG_HDR                                                                        \
	"统一社会信用代码,名称,类型,标签,产业链,网格编码,地址,从业人数,党员人数,党组织," \
	"党组织成立日期,联系人,联系电话\n"

/* Makes a fresh, empty tu_dir named after stem and the process id. */
static inline void tu_setup_dir(const char *stem)
{
	snprintf(tu_dir, sizeof tu_dir, "/tmp/gw_test_%s_%d", stem, (int)getpid());
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf %s && mkdir -p %s", tu_dir, tu_dir);
	assert_int_equal(system(cmd), 0);
}

/* out = tu_dir/name. */
static inline void tu_path(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", tu_dir, name);
}

/* A valid credit code numbered k (0..99): 17 characters and the check;
 * eight results stay valid at once. */
static inline const char *tu_credit_code(int k)
{
	static char buf[8][19];
	static int next;
	char *b = buf[next++ % 8];
	snprintf(b, 19, "91341523MA2N000%02d", k);
	b[17] = valid_credit_check_char(b);
	b[18] = '\0';
	return b;
}

/* Writes text to path; fails the test when it cannot. */
static inline void tu_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Reads a whole file into a malloc'd, NUL-terminated string the caller
 * frees; NULL when the file is absent.  *len (when len is not NULL) gets
 * its size. */
static inline char *tu_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return s;
}

/* Opens a fresh database at path (any old one and its -wal/-shm removed)
 * with cfg (defaults when NULL) for office (SC when NULL); fails the test
 * when it cannot. */
static inline struct gw *tu_open_db(const char *path, const struct config *cfg_in,
				    const char *office)
{
	char q[600];
	unlink(path);
	snprintf(q, sizeof q, "%s-wal", path);
	unlink(q);
	snprintf(q, sizeof q, "%s-shm", path);
	unlink(q);
	struct config cfg;
	if (cfg_in)
		cfg = *cfg_in;
	else
		config_defaults(&cfg);
	struct gw_err e;
	struct gw *gw = gw_open(&cfg, path, 1, office ? office : "SC", &e);
	if (!gw)
		fail_msg("gw_open: %s", e.msg);
	return gw;
}

/* Writes text to tu_dir/name. */
static inline void tu_write_in(const char *name, const char *text)
{
	char p[512];
	tu_path(p, sizeof p, name);
	tu_write_file(p, text);
}

/* A fresh database tu_dir/name (see tu_open_db), messages in Chinese. */
static inline struct gw *tu_open_zh(const char *name)
{
	char p[512];
	tu_path(p, sizeof p, name);
	struct gw *gw = tu_open_db(p, NULL, NULL);
	gw_set_lang(GW_LANG_ZH);
	return gw;
}

/* Import report callbacks appending to tu_said: tu_say line by line,
 * tu_collect with "E " / "I " in front. */
static inline void tu_say(void *ctx, int is_error, const char *line)
{
	(void)ctx;
	(void)is_error;
	size_t n = strlen(tu_said);
	snprintf(tu_said + n, sizeof tu_said - n, "%s\n", line);
}

static inline void tu_collect(void *ctx, int is_error, const char *line)
{
	(void)ctx;
	size_t n = strlen(tu_said);
	snprintf(tu_said + n, sizeof tu_said - n, "%s%s\n", is_error ? "E " : "I ", line);
}

/* Imports the file at path (kind detected) into gw, tu_said holding what
 * the importer said; on failure the error message is appended too (after
 * "R " when tagged, the messages then tagged by tu_collect). */
static inline enum gw_status tu_import_path(struct gw *gw, const char *path, int skip_bad,
					    int tagged, struct import_counts *c)
{
	const char *paths[] = {path};
	struct import_opts o = {skip_bad, -1, tagged ? tu_collect : tu_say, NULL};
	struct gw_err e;
	tu_said[0] = '\0';
	enum gw_status st = import_files(gw, paths, 1, &o, c, &e);
	if (st != GW_OK) {
		size_t n = strlen(tu_said);
		snprintf(tu_said + n, sizeof tu_said - n, "%s%s\n", tagged ? "R " : "", e.msg);
	}
	return st;
}

/* tu_import_path on tu_dir/name. */
static inline enum gw_status tu_import_named(struct gw *gw, const char *name, int skip_bad,
					     int tagged, struct import_counts *c)
{
	char path[512];
	tu_path(path, sizeof path, name);
	return tu_import_path(gw, path, skip_bad, tagged, c);
}

/* Writes text to tu_dir/name and imports it untagged (tu_say). */
static inline enum gw_status tu_import_text(struct gw *gw, const char *name, const char *text,
					    struct import_counts *c)
{
	tu_write_in(name, text);
	return tu_import_named(gw, name, 0, 0, c);
}

/* A fresh database tu_dir/name.db (see tu_open_db). */
static inline struct gw *tu_open_in(const char *name, const struct config *cfg,
				    const char *office)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s.db", tu_dir, name);
	return tu_open_db(p, cfg, office);
}

/* A fresh database tu_dir/name.db holding a county, a town and its two
 * grids. */
static inline struct gw *tu_open_grids4(const char *name)
{
	struct gw *gw = tu_open_in(name, NULL, NULL);
	struct import_counts c;
	assert_int_equal(tu_import_text(gw, "grids.csv",
					"编码,名称,层级,上级编码,划分依据\n"
					"SC,舒城县,县,,\n"
					"SC-HB,杭埠镇,乡镇,SC,\n"
					"SC-HB-G01,杭埠镇第一网格,网格,SC-HB,地域\n"
					"SC-HB-G02,杭埠镇第二网格,网格,SC-HB,地域\n", &c), GW_OK);
	return gw;
}

/* Writes text to tu_dir/name and imports it tagged (tu_collect); fails the
 * test, showing what the importer said, when the import fails. */
static inline void tu_import_or_fail(struct gw *gw, const char *name, const char *text,
				     struct import_counts *c)
{
	tu_write_in(name, text);
	if (tu_import_named(gw, name, 0, 1, c) != GW_OK)
		fail_msg("import %s failed:\n%s", name, tu_said);
}

/* A fresh database tu_dir/name holding the TU_GRIDS6_CSV tree. */
static inline struct gw *tu_with_grids6(const char *name)
{
	struct gw *gw = tu_open_zh(name);
	struct import_counts c;
	tu_import_or_fail(gw, "grids.csv", TU_GRIDS6_CSV, &c);
	assert_int_equal(c.inserted, 6);
	return gw;
}

/* The integer in the first column of the first row sql returns; fails the
 * test when there is no row. */
static inline long long tu_count(struct gw *gw, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_handle(gw->db), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Copies the text of the first row sql returns into out ("" for NULL);
 * fails the test when there is no row. */
static inline void tu_text(struct gw *gw, const char *sql, char *out, size_t n)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_handle(gw->db), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	const unsigned char *t = sqlite3_column_text(st, 0);
	snprintf(out, n, "%s", t ? (const char *)t : "");
	sqlite3_finalize(st);
}

/* The text of the first row sql returns, "" when there is none or it is
 * NULL; four results stay valid at once. */
static inline const char *tu_q_text(struct gw *gw, const char *sql)
{
	static char out[4][1024];
	static int k;
	char *o = out[k++ % 4];
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_handle(gw->db), sql, -1, &st, NULL), SQLITE_OK);
	o[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(o, 1024, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return o;
}

/* Runs sql; fails the test when it fails. */
static inline void tu_exec(struct gw *gw, const char *sql)
{
	assert_int_equal(sqlite3_exec(db_handle(gw->db), sql, NULL, NULL, NULL), SQLITE_OK);
}

/* ---- the same on a bare connection (before or without a struct gw) ----- */

/* Prepares sql on h; fails the test, naming sql and SQLite's reason, when
 * it cannot.  The caller finalizes. */
static inline sqlite3_stmt *tu_h_prepare(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("prepare %s: %s", sql, sqlite3_errmsg(h));
	return st;
}

/* tu_count on h. */
static inline long long tu_h_int(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st = tu_h_prepare(h, sql);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The text of the first row sql returns on h, copied into out ("" when
 * there is no row or it is NULL); returns out. */
static inline const char *tu_h_text(sqlite3 *h, const char *sql, char *out, size_t n)
{
	sqlite3_stmt *st = tu_h_prepare(h, sql);
	out[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

/* Runs sql on h; fails the test with SQLite's message when it fails. */
static inline void tu_h_exec(sqlite3 *h, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
}

/* ---- more fixtures ----------------------------------------------------- */

/* A valid credit code: stem, then k zero-padded up to 17 characters, then
 * the check character (k must fit the room stem leaves); eight results
 * stay valid at once.  For more codes than tu_credit_code has. */
static inline const char *tu_credit_code_from(const char *stem, long k)
{
	static char ring[8][19];
	static unsigned turn;
	char *code = ring[turn++ % 8];
	int width = 17 - (int)strlen(stem);
	assert_int_equal(snprintf(code, 18, "%s%0*ld", stem, width, k), 17);
	code[17] = valid_credit_check_char(code);
	code[18] = '\0';
	return code;
}

/* Fails the test unless e's message holds frag. */
static inline void tu_msg_has(const struct gw_err *e, const char *frag)
{
	if (!strstr(e->msg, frag))
		fail_msg("message \"%s\" lacks \"%s\"", e->msg, frag);
}

/* out = tu_dir/<stem>-<n>.db with nothing there, n counting up through
 * the program so that each call names a file of its own; returns out. */
static inline const char *tu_fresh_path(char *out, size_t n, const char *stem)
{
	static int seq;
	snprintf(out, n, "%s/%s-%d.db", tu_dir, stem, ++seq);
	unlink(out);
	return out;
}

/* A fresh database at tu_fresh_path(stem) for office (SC when NULL), the
 * configuration's operator named operator_name (what the audit records). */
static inline struct gw *tu_open_as(const char *stem, const char *office,
				    const char *operator_name)
{
	char p[512];
	struct config cfg;
	config_defaults(&cfg);
	snprintf(cfg.operator_name, sizeof cfg.operator_name, "%s", operator_name);
	return tu_open_db(tu_fresh_path(p, sizeof p, stem), &cfg, office);
}

/* tu_import_or_fail when the counts do not matter. */
static inline void tu_import_ok(struct gw *gw, const char *name, const char *text)
{
	struct import_counts c;
	tu_import_or_fail(gw, name, text, &c);
}

/* ---- the checks every record kind's tests make ------------------------- */

/* Exports kind k of gw to tu_dir/name (UTF-8 with BOM); fails the test
 * when it cannot. */
static inline void tu_export_to(struct gw *gw, enum import_kind k, const char *name)
{
	char p[512];
	tu_path(p, sizeof p, name);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	struct gw_err e;
	if (export_kind(gw, k, f, 0, &e) != GW_OK)
		fail_msg("export: %s", e.msg);
	fclose(f);
}

/* tu_export_to, then the file's text (malloc'd: the caller frees). */
static inline char *tu_exported(struct gw *gw, enum import_kind k, const char *name)
{
	char p[512];
	tu_export_to(gw, k, name);
	tu_path(p, sizeof p, name);
	char *text = tu_slurp(p, NULL);
	assert_non_null(text);
	return text;
}

/* The round trip an export must survive: kind k of a exported to
 * tu_dir/<kind>_a.csv and imported into b inserts n records; b's export is
 * the same text, and imported into a changes nothing.  Returns a's export
 * (malloc'd: the caller frees). */
static inline char *tu_round_trip(struct gw *a, struct gw *b, enum import_kind k, long n)
{
	char na[64], nb[64];
	struct import_counts c;
	snprintf(na, sizeof na, "%s_a.csv", import_ops(k)->name);
	snprintf(nb, sizeof nb, "%s_b.csv", import_ops(k)->name);
	char *ta = tu_exported(a, k, na);
	tu_import_or_fail(b, na, ta, &c);
	assert_int_equal(c.inserted, n);
	char *tb = tu_exported(b, k, nb);
	assert_string_equal(ta, tb);
	tu_import_or_fail(a, nb, tb, &c);
	assert_int_equal(c.inserted, 0);
	assert_int_equal(c.updated, 0);
	assert_int_equal(c.unchanged, n);
	free(tb);
	return ta;
}

/* Imports text as tu_dir/name twice: the second time must change nothing
 * (n records unchanged, no new audit entry of table tbl). */
static inline void tu_import_twice(struct gw *gw, const char *name, const char *text, const char *tbl,
				   long n)
{
	char sql[128];
	struct import_counts c;
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE tbl = '%s'", tbl);
	tu_import_or_fail(gw, name, text, &c);
	long long audits = tu_count(gw, sql);
	tu_import_or_fail(gw, name, text, &c);
	assert_int_equal(c.inserted, 0);
	assert_int_equal(c.updated, 0);
	assert_int_equal(c.unchanged, n);
	assert_int_equal(tu_count(gw, sql), audits);
}

/* Writes text to tu_dir/name and imports it (tagged): the import must fail
 * with one row rejected, the message of row 3 beginning with fragment;
 * otherwise the test fails naming case k.  *c gets the counts. */
static inline void tu_expect_reject(struct gw *gw, const char *name, const char *text, size_t k,
				    const char *fragment, struct import_counts *c)
{
	char want[1024];
	snprintf(want, sizeof want, "%s:3: %s", name, fragment);
	tu_write_in(name, text);
	enum gw_status st = tu_import_named(gw, name, 0, 1, c);
	if (st != GW_EINVAL || c->rejected != 1 || !strstr(tu_said, want))
		fail_msg("case %zu: want \"%s\", status %d, rejected %ld, said:\n%s", k, want, st,
			 c->rejected, tu_said);
}

/* Writes text to tu_dir/name and imports it with --skip-bad (tagged):
 * inserted good rows go in, rejected bad ones to the rejects file beside
 * it, whose text is returned (malloc'd: the caller frees). */
static inline char *tu_import_skip_bad(struct gw *gw, const char *name, const char *text,
				       long inserted, long rejected)
{
	char rej[512];
	struct import_counts c;
	tu_write_in(name, text);
	tu_path(rej, sizeof rej, name);
	strncat(rej, ".rejects.csv", sizeof rej - strlen(rej) - 1);
	unlink(rej);
	assert_int_equal(tu_import_named(gw, name, 1, 1, &c), GW_EINVAL);
	assert_int_equal(c.inserted, inserted);
	assert_int_equal(c.rejected, rejected);
	char *r = tu_slurp(rej, NULL);
	assert_non_null(r);
	assert_non_null(strstr(r, "原因"));
	return r;
}

/* A form's save as ops->row sees it: every column present and named in
 * Chinese, editing record id as opened at version. */
struct tu_form {
	const char *hdr[32];
	int present[32];
	struct import_row r;
};

static inline struct import_row *tu_form_row(struct tu_form *f, const struct import_kind_ops *ops,
					     const char *const *vals, const char *id, int version)
{
	for (int i = 0; i < ops->ncols; i++) {
		f->hdr[i] = ops->cols[i].zh;
		f->present[i] = 1;
	}
	f->r = (struct import_row){vals, f->hdr, f->present, 0, id, version};
	return &f->r;
}

/* Ends main: removes tu_dir when every test passed (rc 0); the status to
 * exit with. */
static inline int tu_finish(int rc)
{
	if (rc == 0) {
		char cmd[300];
		snprintf(cmd, sizeof cmd, "rm -rf %s", tu_dir);
		if (system(cmd) != 0)
			return 1;
	}
	return rc;
}

/* Runs the array of cmocka tests in a fresh tu_dir named after stem. */
#define tu_run(stem, tests) (tu_setup_dir(stem), tu_finish(cmocka_run_group_tests(tests, NULL, NULL)))

#endif
