/* test_changeset.c - the strict changeset reader (core/changeset.c): real
 * changesets written by SQLite's session extension (a composite key, every
 * value type, Chinese text, multi-byte lengths, every operation) are
 * accepted with SQLite's own count of changes; hand-built malformed ones
 * (truncated value, bad type byte, length past the end, zero or too many
 * columns, bad key bytes, bad op or indirect byte, undefined values where
 * they may not be, a table without changes, trailing bytes) are refused;
 * every prefix of a real one is refused unless it ends at a change; random
 * mutations the reader accepts SQLite reads to the end with the same count;
 * and the two fuzz findings (sync/timeout-*: a package whose changeset made
 * sqlite3changeset_next loop for ever) are refused by sync_package_parse. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "changeset.h"
#include "gw.h"
#include "sync.h"
#include "sync_int.h"

/* ---- changesets SQLite writes ----------------------------------------- */

struct blob {
	int n;
	unsigned char *p;  /* sqlite3_malloc'd */
};

/* The changeset of running change on a fresh in-memory database set up by
 * schema (recorded from after schema). */
static struct blob session_changeset(const char *schema, const char *change)
{
	sqlite3 *db;
	sqlite3_session *s;
	struct blob b = {0, NULL};
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	if (sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("schema: %s", sqlite3_errmsg(db));
	assert_int_equal(sqlite3session_create(db, "main", &s), SQLITE_OK);
	assert_int_equal(sqlite3session_attach(s, NULL), SQLITE_OK);
	if (sqlite3_exec(db, change, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("change: %s", sqlite3_errmsg(db));
	assert_int_equal(sqlite3session_changeset(s, &b.n, (void **)&b.p), SQLITE_OK);
	sqlite3session_delete(s);
	sqlite3_close(db);
	return b;
}

/* SQLite's own count; only for changesets known to be well formed (on some
 * malformed ones SQLite 3.40.1's iterator never ends). */
static long sqlite_count(const void *p, int n)
{
	sqlite3_changeset_iter *it;
	if (sqlite3changeset_start(&it, n, (void *)p) != SQLITE_OK)
		return -1;
	long count = 0;
	int rc;
	while ((rc = sqlite3changeset_next(it)) == SQLITE_ROW)
		count++;
	int frc = sqlite3changeset_finalize(it);
	return rc == SQLITE_DONE && frc == SQLITE_OK ? count : -1;
}

static const char county_schema[] =
	"CREATE TABLE grid(id TEXT PRIMARY KEY, code TEXT NOT NULL, name TEXT, lon REAL, "
	"  version INTEGER, photo BLOB);"
	"CREATE TABLE instructor_grid(grid_id TEXT NOT NULL, instructor_id TEXT NOT NULL, since TEXT, "
	"  PRIMARY KEY(instructor_id, grid_id)) WITHOUT ROWID;"
	"CREATE TABLE note(id INTEGER PRIMARY KEY, body TEXT);"
	"INSERT INTO grid VALUES('g1', 'SC-HB', '杭埠镇', 116.9, 1, NULL);"
	"INSERT INTO grid VALUES('g2', 'SC-CG', '城关镇', NULL, 1, x'00');"
	"INSERT INTO instructor_grid VALUES('g2', 'i9', '2025-01-01');";

/* Inserts, updates and deletes in three tables; a 300-byte text needs a
 * two-byte varint length. */
static const char county_change[] =
	"INSERT INTO grid VALUES('g3', 'SC-KFQ-G01', '电子信息产业链网格', 116.9501, 1, x'0102ff');"
	"UPDATE grid SET name = '杭埠镇“三河”片区', version = 2 WHERE id = 'g1';"
	"DELETE FROM grid WHERE id = 'g2';"
	"INSERT INTO instructor_grid VALUES('g1', 'i7', '2026-03-02');"
	"DELETE FROM instructor_grid WHERE grid_id = 'g2';"
	"INSERT INTO note VALUES(-9223372036854775808, NULL);"
	"INSERT INTO note VALUES(42, printf('%.300c', '网'));";

static void real_changeset_accepted(void **state)
{
	(void)state;
	struct blob b = session_changeset(county_schema, county_change);
	long n = -1;
	assert_true(b.n > 300);
	assert_int_equal(changeset_valid(b.p, (size_t)b.n, &n), 1);
	assert_int_equal(n, 7);
	assert_int_equal(sqlite_count(b.p, b.n), 7);
	/* A composite key: the key bytes hold each column's place in the key. */
	const unsigned char hdr[] = {'T', 3, 2, 1, 0, 'i', 'n', 's', 't'};
	assert_non_null(memmem(b.p, (size_t)b.n, hdr, sizeof hdr));
	assert_int_equal(sync_changeset_count(b.p, (size_t)b.n), 7);
	/* NULL for the count is allowed. */
	assert_int_equal(changeset_valid(b.p, (size_t)b.n, NULL), 1);
	sqlite3_free(b.p);
}

static void empty_changeset(void **state)
{
	(void)state;
	long n = -1;
	assert_int_equal(changeset_valid(NULL, 0, &n), 1);
	assert_int_equal(n, 0);
	assert_int_equal(sync_changeset_count("", 0), 0);
}

/* A prefix of a changeset is itself one only when it ends right after a
 * change: as many such prefixes as there are changes, each with fewer. */
static void every_prefix_of_a_real_one(void **state)
{
	(void)state;
	struct blob b = session_changeset(county_schema, county_change);
	long full;
	assert_int_equal(changeset_valid(b.p, (size_t)b.n, &full), 1);
	long valid = 0;
	for (int len = 1; len < b.n; len++) {
		unsigned char *copy = malloc((size_t)len);  /* exact size: ASan sees overreads */
		assert_non_null(copy);
		memcpy(copy, b.p, (size_t)len);
		long n = -1;
		if (changeset_valid(copy, (size_t)len, &n)) {
			valid++;
			assert_true(n >= 1 && n < full);
			assert_int_equal(sqlite_count(copy, len), n);
		} else {
			assert_int_equal(n, 0);
		}
		free(copy);
	}
	assert_int_equal(valid, full - 1);  /* the whole is the full-th */
	sqlite3_free(b.p);
}

/* ---- hand-built ------------------------------------------------------- */

/* One table t(id INTEGER PRIMARY KEY, name TEXT): 'T', 2 columns, key
 * bytes 1 0, "t\0". */
#define HDR 'T', 2, 1, 0, 't', 0
#define INT8(v) 1, 0, 0, 0, 0, 0, 0, 0, (v)

static int valid(const unsigned char *p, size_t n, long *count)
{
	/* A copy of exactly n bytes, so that reading past the end is caught
	 * by ASan and Valgrind. */
	unsigned char *copy = malloc(n ? n : 1);
	assert_non_null(copy);
	memcpy(copy, p, n);
	long c = -1;
	int ok = changeset_valid(copy, n, &c);
	free(copy);
	if (!ok)
		assert_int_equal(c, 0);
	if (count)
		*count = c;
	return ok;
}

#define VALID(arr, want)                                                     \
	do {                                                                 \
		long c_;                                                     \
		if (!valid(arr, sizeof arr, &c_))                            \
			fail_msg("%s refused", #arr);                        \
		assert_int_equal(c_, want);                                  \
		assert_int_equal(sqlite_count(arr, (int)sizeof arr), want);  \
	} while (0)
#define BAD(arr)                                                             \
	do {                                                                 \
		if (valid(arr, sizeof arr, NULL))                            \
			fail_msg("%s accepted", #arr);                       \
	} while (0)

static void hand_built_good(void **state)
{
	(void)state;
	/* INSERT (1, '网'), UPDATE id 1 name '网' -> NULL, DELETE (2, x'00'). */
	static const unsigned char three[] = {
		HDR,
		18, 0, INT8(1), 3, 3, 0xe7, 0xbd, 0x91,
		23, 1, INT8(1), 3, 3, 0xe7, 0xbd, 0x91, 0, 5,
		9, 0, INT8(2), 4, 1, 0,
	};
	VALID(three, 3);
	/* Two tables; a real (2) value; a 130-byte blob (length varint 0x81 0x02). */
	static unsigned char two[6 + 2 + 9 + 3 + 130 + 6 + 2 + 9 + 9];
	size_t k = 0;
	const unsigned char head[] = {HDR, 18, 0, INT8(7), 4, 0x81, 0x02};
	memcpy(two, head, sizeof head);
	k = sizeof head;
	memset(two + k, 0xAB, 130);
	k += 130;
	const unsigned char tail[] = {'T', 2, 1, 0, 'u', 0, 18, 0, INT8(8), 2, 0x40, 0x09, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18};
	memcpy(two + k, tail, sizeof tail);
	k += sizeof tail;
	assert_int_equal(k, sizeof two);
	VALID(two, 2);
	/* Key bytes of a three-column key declared out of order: 3 0 1 2. */
	static const unsigned char wide[] = {'T', 4, 3, 0, 1, 2, 'w', 0, 9, 0, 5, 5, 5, 5};
	VALID(wide, 1);
}

static void hand_built_bad(void **state)
{
	(void)state;
	/* A value cut short: an integer with 7 of its 8 bytes. */
	static const unsigned char truncated_int[] = {HDR, 18, 0, 1, 0, 0, 0, 0, 0, 0, 1};
	BAD(truncated_int);
	/* The second record of an UPDATE missing. */
	static const unsigned char truncated_update[] = {HDR, 23, 0, INT8(1), 0};
	BAD(truncated_update);
	/* A type byte that is none of 0-5. */
	static const unsigned char bad_type[] = {HDR, 18, 0, INT8(1), 6};
	BAD(bad_type);
	static const unsigned char bad_type_ff[] = {HDR, 18, 0, INT8(1), 0xff, 0};
	BAD(bad_type_ff);
	/* A text whose length runs past the end (4 bytes said, 3 there). */
	static const unsigned char text_past_end[] = {HDR, 18, 0, INT8(1), 3, 4, 0xe7, 0xbd, 0x91};
	BAD(text_past_end);
	/* A blob length whose varint itself is cut off. */
	static const unsigned char len_varint_cut[] = {HDR, 18, 0, INT8(1), 4, 0x81};
	BAD(len_varint_cut);
	/* A nine-byte varint length far beyond the end. */
	static const unsigned char huge_len[] = {HDR, 18, 0, INT8(1), 4, 0xff, 0xff, 0xff, 0xff,
						 0xff, 0xff, 0xff, 0xff, 0xff};
	BAD(huge_len);
	/* Zero columns; 65 columns; a column count longer than the input. */
	static const unsigned char zero_cols[] = {'T', 0, 't', 0, 18, 0};
	BAD(zero_cols);
	static const unsigned char many_cols[] = {'T', 65, 1, 0, 't', 0};
	BAD(many_cols);
	static const unsigned char cols_past_end[] = {'T', 9, 1, 0};
	BAD(cols_past_end);
	/* No key column; a key place beyond the columns; one place twice; a gap. */
	static const unsigned char no_key[] = {'T', 2, 0, 0, 't', 0, 18, 0, 5, 5};
	BAD(no_key);
	static const unsigned char key_place_3_of_2[] = {'T', 2, 3, 0, 't', 0, 18, 0, 5, 5};
	BAD(key_place_3_of_2);
	static const unsigned char key_place_twice[] = {'T', 2, 1, 1, 't', 0, 18, 0, 5, 5};
	BAD(key_place_twice);
	static const unsigned char key_gap[] = {'T', 3, 1, 3, 0, 't', 0, 18, 0, 5, 5, 5};
	BAD(key_gap);
	/* A name without its NUL; an empty name. */
	static const unsigned char name_unterminated[] = {'T', 2, 1, 0, 't', 'b', 'l'};
	BAD(name_unterminated);
	static const unsigned char name_empty[] = {'T', 2, 1, 0, 0, 18, 0, INT8(1), 5};
	BAD(name_empty);
	/* A patchset ('P'); garbage first. */
	static const unsigned char patchset[] = {'P', 2, 1, 0, 't', 0, 18, 0, INT8(1), 5};
	BAD(patchset);
	static const unsigned char garbage[] = {0x12, 0, INT8(1), 5};
	BAD(garbage);
	/* An op byte that is not INSERT/DELETE/UPDATE; an indirect byte of 2;
	 * a change that ends after its op byte. */
	static const unsigned char bad_op[] = {HDR, 19, 0, INT8(1), 5};
	BAD(bad_op);
	static const unsigned char bad_indirect[] = {HDR, 18, 2, INT8(1), 5};
	BAD(bad_indirect);
	static const unsigned char op_only[] = {HDR, 18};
	BAD(op_only);
	/* Undefined in an INSERT, a DELETE, and for the key in an UPDATE's old record. */
	static const unsigned char undef_insert[] = {HDR, 18, 0, INT8(1), 0};
	BAD(undef_insert);
	static const unsigned char undef_delete[] = {HDR, 9, 0, 0, 5};
	BAD(undef_delete);
	static const unsigned char undef_update_key[] = {HDR, 23, 0, 0, 5, 0, 5};
	BAD(undef_update_key);
	/* A table header with no change after it (alone, and before another table). */
	static const unsigned char header_only[] = {HDR};
	BAD(header_only);
	static const unsigned char empty_table_then_one[] = {HDR, HDR, 18, 0, INT8(1), 5};
	BAD(empty_table_then_one);
	/* A good change followed by one stray byte. */
	static const unsigned char trailing[] = {HDR, 18, 0, INT8(1), 5, 0};
	BAD(trailing);
}

/* Random damage to a real changeset: whatever the reader accepts, SQLite
 * reads to its end with the same count (so nothing that reaches SQLite can
 * make it misread or loop).  A fixed seed; the alarm turns a hang into a
 * failure. */
static void mutations_accepted_are_read_by_sqlite(void **state)
{
	(void)state;
	struct blob b = session_changeset(county_schema, county_change);
	unsigned char *m = malloc((size_t)b.n);
	assert_non_null(m);
	srand(20261126);
	long accepted = 0;
	alarm(60);
	for (int round = 0; round < 20000; round++) {
		memcpy(m, b.p, (size_t)b.n);
		int edits = 1 + rand() % 3;
		for (int e = 0; e < edits; e++) {
			int at = rand() % b.n;
			switch (rand() % 3) {
			case 0: m[at] = (unsigned char)rand(); break;
			case 1: m[at] ^= (unsigned char)(1u << (rand() % 8)); break;
			default: m[at] = (unsigned char)"\x00\x01\x02\x03\x04\x05\x09\x12\x17T\x80\xff"[rand() % 12];
			}
		}
		size_t len = (size_t)b.n - (size_t)(rand() % 4 == 0 ? rand() % 16 : 0);
		long n;
		if (!changeset_valid(m, len, &n))
			continue;
		accepted++;
		if (sqlite_count(m, (int)len) != n)
			fail_msg("round %d: accepted with %ld changes, SQLite counts %ld", round, n,
				 sqlite_count(m, (int)len));
	}
	alarm(0);
	print_message("%ld of 20000 mutations well formed, SQLite agreeing\n", accepted);
	/* Type-preserving value changes keep it well formed: some must pass. */
	assert_true(accepted > 100);
	free(m);
	sqlite3_free(b.p);
}

/* ---- the fuzz findings, through the package reader --------------------- */

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	unsigned char *buf = malloc(1 << 20);
	assert_non_null(buf);
	*len = fread(buf, 1, 1 << 20, f);
	fclose(f);
	return buf;
}

/* The inputs a fuzzing run found (tests/fuzz/regress/sync/timeout-*) made
 * sync_package_parse hang inside sqlite3changeset_next; now they are refused
 * as damaged.  Like the fuzz harness, each is parsed as it is and again with
 * its body length and checksum made right. */
static void fuzz_findings_refused(void **state)
{
	(void)state;
	static const char *const files[] = {
		"timeout-022fd97f9b93aacacfd95a59a063dc6855e06ea3",
		"timeout-0448bb0d0422a7d8cacfea6023a1ce2c1eff08be",
	};
	const char *dir = "tests/fuzz/regress/sync";  /* tests run from the top of the tree */
	static struct sync_header h;
	alarm(20);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char path[300];
		size_t len;
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unsigned char *p = slurp(path, &len);
		if (!p)
			fail_msg("cannot read %s (run from the top of the tree)", path);
		assert_true(len >= SYNC_HEADER_FIXED);
		uint32_t hlen = (uint32_t)p[12] | (uint32_t)p[13] << 8 | (uint32_t)p[14] << 16 |
				(uint32_t)p[15] << 24;
		assert_true(hlen >= SYNC_HEADER_FIXED && hlen <= len);
		uint64_t body = len - hlen;
		for (int k = 0; k < 8; k++)
			p[88 + k] = (unsigned char)(body >> (8 * k));
		uint64_t crc = sync_package_crc(p, hlen, sync_crc64(0, p + hlen, body));
		for (int k = 0; k < 8; k++)
			p[96 + k] = (unsigned char)(crc >> (8 * k));
		struct gw_err e;
		gw_err_clear(&e);
		assert_int_equal(sync_package_parse(p, len, &h, &e), GW_EREFUSED);
		if (!strstr(e.msg, "变更集无效"))
			fail_msg("%s: %s", files[i], e.msg);
		free(p);
	}
	alarm(0);
}

int main(void)
{
	gw_set_lang(GW_LANG_ZH);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(real_changeset_accepted),
		cmocka_unit_test(empty_changeset),
		cmocka_unit_test(every_prefix_of_a_real_one),
		cmocka_unit_test(hand_built_good),
		cmocka_unit_test(hand_built_bad),
		cmocka_unit_test(mutations_accepted_are_read_by_sqlite),
		cmocka_unit_test(fuzz_findings_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
