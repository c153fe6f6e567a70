/* fuzz_csv.c - the CSV importer: encoding detection, the RFC 4180 reader
 * and the import driver with every kind's row handler, into an in-memory
 * county (fuzz.h).  The input is the file's bytes.  Its length picks the
 * way it is imported: the kind recognised from the header or forced, with
 * or without --skip-bad.  Each import runs inside an outer transaction
 * that is rolled back afterwards, so every input meets the same county.
 * Checked: every record read is valid UTF-8 of the stated length, counts
 * add up, a refused import reports why. */
#include "fuzz.h"

#include "csv.h"
#include "db.h"
#include "search.h"
#include "sync.h"
#include "width.h"

static int utf8_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		wchar_t wc;
		size_t k = width_decode(s + i, n - i, &wc);
		if (wc == 0xFFFD && !(k == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
			return 0;
		i += k;
	}
	return 1;
}

static void read_all(const uint8_t *data, size_t size)
{
	struct gw_err e;
	struct csv_reader *r = csv_open_mem(data, size, &e);
	if (!r) {
		FUZZ_CHECK(e.code != GW_OK && e.msg[0]);
		return;
	}
	struct csv_record rec;
	long last = 0;
	int got;
	while ((got = csv_read(r, &rec, &e)) == 1) {
		FUZZ_CHECK(rec.row > last);
		last = rec.row;
		FUZZ_CHECK(rec.nfields >= 1 && rec.nfields <= CSV_MAX_FIELDS);
		if (rec.status != GW_OK) {
			FUZZ_CHECK(rec.problem[0]);
			continue;
		}
		for (size_t i = 0; i < rec.nfields; i++) {
			FUZZ_CHECK(strlen(rec.fields[i]) == rec.lens[i]);
			FUZZ_CHECK(utf8_ok(rec.fields[i], rec.lens[i]));
		}
	}
	FUZZ_CHECK(got == 0 || e.msg[0]);
	csv_close(r);
}

static void quiet(void *ctx, int is_error, const char *line)
{
	(void)ctx;
	(void)is_error;
	FUZZ_CHECK(line && utf8_ok(line, strlen(line)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gw *gw = fuzz_county();
	read_all(data, size);

	static char path[128];
	if (!path[0])
		snprintf(path, sizeof path, "%s/in.csv", fuzz_tmpdir());
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	struct import_opts o = {0};
	o.kind = size % 5 == 0 ? (int)(size / 5 % IK_COUNT) : -1;
	o.skip_bad = size % 3 == 0;
	o.say = quiet;
	const char *paths[] = {path};
	struct import_counts c;
	struct gw_err e;
	gw_err_clear(&e);
	if (db_begin(gw->db, &e) != GW_OK)
		abort();
	enum gw_status st = import_files(gw, paths, 1, &o, &c, &e);
	FUZZ_CHECK(c.inserted >= 0 && c.updated >= 0 && c.unchanged >= 0 && c.rejected >= 0);
	if (st != GW_OK)
		FUZZ_CHECK(e.msg[0]);
	else
		FUZZ_CHECK(c.rejected == 0 || o.skip_bad);
	if (st == GW_OK && db_in_tx(gw->db)) {
		/* What the commit hooks would do with the rows, then undo it all. */
		FUZZ_CHECK(search_flush(gw, &e) == GW_OK);
		FUZZ_CHECK(sync_flush(gw, &e) == GW_OK);
	}
	db_rollback(gw->db);
	char rejects[160];
	snprintf(rejects, sizeof rejects, "%s.rejects.csv", path);
	unlink(rejects);
	return 0;
}
