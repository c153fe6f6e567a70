/* import.c - the CSV import driver: files, headers, transactions, rejects. */
#include "import.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "db_index.h"
#include "id.h"
#include "strbuf.h"
#include "sync.h"

extern const struct import_kind_ops grid_ops, org_ops, instructor_ops, worker_ops,
	ticket_ops, station_ops, activity_ops, coop_ops, credit_ops;

static const struct import_kind_ops *const kinds[IK_COUNT] = {
	[IK_GRID] = &grid_ops,       [IK_ORG] = &org_ops,
	[IK_INSTRUCTOR] = &instructor_ops, [IK_WORKER] = &worker_ops,
	[IK_TICKET] = &ticket_ops,   [IK_STATION] = &station_ops,
	[IK_ACTIVITY] = &activity_ops, [IK_COOP] = &coop_ops, [IK_CREDIT] = &credit_ops,
};

/* Kinds that keep state for the file being imported. */
extern const struct import_kind_hooks ticket_hooks;
static const struct import_kind_hooks *const hooks[IK_COUNT] = {
	[IK_TICKET] = &ticket_hooks,
};

/* Records a file's rows wrote, by id, with the row that wrote them. */
struct claim {
	char id[GW_ID_LEN + 1];
	long row;
};

struct claims {
	struct claim *slot;
	size_t n, mask;         /* mask + 1 slots, a power of two */
};

/* The file being imported, as its kind's row handler sees it (gw->import). */
struct import_run {
	enum import_kind kind;
	void *state;
	struct claims claims;
};

void *import_state(const struct gw *gw, enum import_kind k)
{
	return gw->import && gw->import->kind == k ? gw->import->state : NULL;
}

static size_t claim_hash(const char *id)
{
	size_t h = 1469598103934665603ULL;
	for (; *id; id++)
		h = (h ^ (unsigned char)*id) * 1099511628211ULL;
	return h ^ h >> 29;
}

static struct claim *claim_slot(const struct claims *c, const char *id)
{
	size_t i = claim_hash(id) & c->mask;
	while (c->slot[i].row && strcmp(c->slot[i].id, id) != 0)
		i = (i + 1) & c->mask;
	return &c->slot[i];
}

long import_claimed(const struct gw *gw, const char *id)
{
	const struct claims *c = gw->import ? &gw->import->claims : NULL;
	return c && c->n ? claim_slot(c, id)->row : 0;
}

int import_claim(struct gw *gw, const char *id, long row)
{
	struct claims *c = gw->import ? &gw->import->claims : NULL;
	if (!c || row <= 0 || strlen(id) > GW_ID_LEN)
		return 0;
	if (2 * (c->n + 1) > (c->slot ? c->mask + 1 : 0)) {
		size_t cap = c->slot ? 2 * (c->mask + 1) : 1024;
		struct claims bigger = {calloc(cap, sizeof *bigger.slot), c->n, cap - 1};
		if (!bigger.slot)
			return -1;
		for (size_t i = 0; c->slot && i <= c->mask; i++)
			if (c->slot[i].row)
				*claim_slot(&bigger, c->slot[i].id) = c->slot[i];
		free(c->slot);
		*c = bigger;
	}
	struct claim *s = claim_slot(c, id);
	if (!s->row) {
		snprintf(s->id, sizeof s->id, "%s", id);
		c->n++;
	}
	s->row = row;
	return 0;
}

enum gw_status import_repeated(struct gw_err *err, long first, const char *what_zh,
			       const char *what_en, const char *label)
{
	return gw_fail(err, GW_EINVAL, "与第 %ld 行重复：同一%s（%s）在一个文件中只能出现一次",
		       "repeats row %ld: the same %s (%s) may stand only once in a file", first,
		       gw_tr(what_zh, what_en), label);
}

/* File-name forms of each kind, as the contract names the files. */
static const char *const file_names[IK_COUNT] = {
	"grids", "orgs", "instructors", "workers", "tickets", "stations",
	"activities", "coop_projects", "credit_grants"};

const struct import_kind_ops *import_ops(enum import_kind k)
{
	return (unsigned)k < IK_COUNT ? kinds[k] : NULL;
}

int import_kind_parse(const char *s)
{
	if (!s)
		return -1;
	for (int k = 0; k < IK_COUNT; k++) {
		size_t n = strlen(file_names[k]);
		if (strcasecmp(s, file_names[k]) == 0 || strcasecmp(s, kinds[k]->name) == 0 ||
		    strcmp(s, kinds[k]->zh) == 0 ||
		    /* singular: "grid", "org", "ticket" ... */
		    (strlen(s) == n - 1 && strncasecmp(s, file_names[k], n - 1) == 0))
			return k;
	}
	if (strcasecmp(s, "organisations") == 0 || strcasecmp(s, "organizations") == 0)
		return IK_ORG;
	return -1;
}

enum gw_status import_col_fail(struct gw_err *err, const struct import_row *r, int col)
{
	if (!err)
		return GW_EINVAL;
	gw_err_prefix(err, "%s", r->hdr[col]);
	return err->code;
}

enum gw_status import_required(struct gw_err *err, const struct import_row *r, int col)
{
	gw_fail(err, GW_EINVAL, "必填，不能为空", "required; must not be empty");
	return import_col_fail(err, r, col);
}

enum gw_status import_one(struct gw *gw, enum import_kind k, const char *const *vals,
			  const char *id, int version, enum upsert_result *res,
			  struct gw_err *err)
{
	const struct import_kind_ops *ops = import_ops(k);
	const char *hdr[32];
	int present[32];
	if (!ops)
		return gw_fail(err, GW_EUSAGE, "未知的数据类别", "unknown kind of data");
	for (int i = 0; i < ops->ncols; i++) {
		hdr[i] = gw_tr(ops->cols[i].zh, ops->cols[i].en);
		present[i] = 1;
	}
	struct import_row r = {vals, hdr, present, 0, id, version};
	enum upsert_result dummy;
	/* Inside a caller's transaction a bad record must undo only itself. */
	int nested = db_in_tx(gw->db);
	enum gw_status st = nested ? db_savepoint(gw->db, err) : db_begin(gw->db, err);
	if (st != GW_OK)
		return st;
	gw_err_clear(err);
	/* One record on its own: no file's remembered look-ups apply. */
	struct import_run *run = gw->import;
	gw->import = NULL;
	st = ops->row(gw, &r, res ? res : &dummy, err);
	gw->import = run;
	if (st == GW_ENOTFOUND && err && err->code == GW_ENOTFOUND)
		err->code = GW_EINVAL;   /* no later rows to wait for here */
	if (st != GW_OK) {
		if (nested)
			db_rollback_savepoint(gw->db);
		else
			db_rollback(gw->db);
		return st == GW_ENOTFOUND ? GW_EINVAL : st;
	}
	return nested ? db_release(gw->db, err) : db_commit(gw->db, err);
}

static void say(const struct import_opts *o, int is_error, const char *zh, const char *en, ...)
	__attribute__((format(printf, 3, 5), format(printf, 4, 5)));
static void say(const struct import_opts *o, int is_error, const char *zh, const char *en, ...)
{
	if (!o->say)
		return;
	char line[1024];
	va_list ap;
	va_start(ap, en);
	int n = vsnprintf(line, sizeof line, gw_tr(zh, en), ap);
	va_end(ap);
	if (n >= (int)sizeof line) {
		/* Too long (a deep path, a long cell): cut before a character,
		 * never inside one, and mark the cut. */
		size_t k = sizeof line - sizeof "…";
		while (k > 0 && ((unsigned char)line[k] & 0xC0) == 0x80)
			k--;
		memcpy(line + k, "…", sizeof "…");
	}
	o->say(o->ctx, is_error, line);
}

/* Trims spaces (ASCII and full-width) around a header cell. */
static void trim_header(const char *s, char *out, size_t outsz)
{
	while (*s == ' ' || *s == '\t')
		s++;
	while (strncmp(s, "\xe3\x80\x80", 3) == 0)
		s += 3;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	while (n >= 3 && memcmp(s + n - 3, "\xe3\x80\x80", 3) == 0)
		n -= 3;
	if (n >= outsz && outsz > sizeof "…") {
		/* No column is named this long; the cell is only echoed in "unknown
		 * column", so cut it before a character, never inside one. */
		n = outsz - sizeof "…";
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		snprintf(out, outsz, "%.*s…", (int)n, s);
		return;
	}
	snprintf(out, outsz, "%.*s", (int)n, s);
}

static int match_col(const struct import_kind_ops *ops, const char *h)
{
	for (int i = 0; i < ops->ncols; i++)
		if (strcmp(h, ops->cols[i].zh) == 0 || strcasecmp(h, ops->cols[i].en) == 0)
			return i;
	return -1;
}

/* Scores the header against kind k: -1 when a required column is missing,
 * else the number of its columns present. */
static int score_kind(int k, char **hdr, size_t n)
{
	const struct import_kind_ops *ops = kinds[k];
	int present = 0;
	for (int i = 0; i < ops->ncols; i++) {
		int found = 0;
		for (size_t j = 0; j < n && !found; j++)
			found = strcmp(hdr[j], ops->cols[i].zh) == 0 || strcasecmp(hdr[j], ops->cols[i].en) == 0;
		if (found)
			present++;
		else if (ops->cols[i].required)
			return -1;
	}
	return present;
}

#define IMPORT_FLUSH_ROWS 10000

/* One file opened and its header read and mapped. */
struct file {
	const char *path;
	FILE *fp;
	struct csv_reader *rd;
	int kind;
	size_t nhdr;
	char **hdr;            /* the file's own header cells, trimmed */
	int colpos[32];        /* kind column -> file column, -1 when absent */
	long long bulk;        /* its size when at least IMPORT_BULK_BYTES, else 0 */
	struct import_counts n;
	FILE *rejects;         /* --skip-bad: opened on the first reject */
	struct csv_writer *rw;
	char rejects_path[4096];
};

static void file_close(struct file *f)
{
	if (f->rw) {
		csv_writer_close(f->rw, NULL);
		f->rw = NULL;
	}
	if (f->rejects)
		fclose(f->rejects);
	f->rejects = NULL;
	csv_close(f->rd);
	f->rd = NULL;
	if (f->fp && f->fp != stdin)
		fclose(f->fp);
	f->fp = NULL;
	for (size_t i = 0; i < f->nhdr; i++)
		free(f->hdr[i]);
	free(f->hdr);
	f->hdr = NULL;
	f->nhdr = 0;
}

/* Opens the file, detects the encoding, reads and maps the header.  A
 * missing required column stops everything before anything is written. */
static enum gw_status file_open(struct file *f, const struct import_opts *o, struct gw_err *err)
{
	f->fp = strcmp(f->path, "-") == 0 ? stdin : fopen(f->path, "rb");
	if (!f->fp)
		return gw_fail(err, GW_EIO, "%s: 无法打开文件", "%s: cannot open the file", f->path);
	struct stat sb;
	f->bulk = fstat(fileno(f->fp), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size >= IMPORT_BULK_BYTES
			  ? (long long)sb.st_size : 0;
	f->rd = csv_open(f->fp, err);
	if (!f->rd) {
		gw_err_prefix(err, "%s", f->path);
		return GW_EIO;
	}
	struct csv_record rec;
	int rc = csv_read(f->rd, &rec, err);
	if (rc < 0) {
		gw_err_prefix(err, "%s", f->path);
		return GW_EIO;
	}
	if (rc == 0)
		return gw_fail(err, GW_EINVAL, "%s: 文件是空的，缺少表头行", "%s: the file is empty; a header row is needed",
			       f->path);
	if (rec.status != GW_OK)
		return gw_fail(err, GW_EINVAL, "%s:1: 表头行有误：%s", "%s:1: bad header row: %s", f->path, rec.problem);
	f->hdr = calloc(rec.nfields ? rec.nfields : 1, sizeof *f->hdr);
	if (!f->hdr)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	f->nhdr = rec.nfields;
	for (size_t i = 0; i < rec.nfields; i++) {
		char h[256];
		trim_header(rec.fields[i], h, sizeof h);
		if (!(f->hdr[i] = strdup(h)))
			return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	}
	say(o, 0, "%s: 编码 %s", "%s: encoding %s", f->path, csv_encoding_name(csv_encoding(f->rd)));
	if (f->kind < 0) {
		int best = -1, best_score = 0, tie = 0;
		for (int k = 0; k < IK_COUNT; k++) {
			int s = score_kind(k, f->hdr, f->nhdr);
			if (s > best_score)
				best = k, best_score = s, tie = 0;
			else if (s == best_score && s > 0)
				tie = 1;
		}
		if (best < 0 || tie)
			return gw_fail(err, GW_EUSAGE,
				       "%s: 无法从表头判断是哪类数据，请用 --kind 指定（grids、orgs、instructors、tickets、workers、stations、activities、coop_projects、credit_grants）",
				       "%s: cannot tell the kind of data from the header; name it with --kind (grids, orgs, instructors, tickets, workers, stations, activities, coop_projects, credit_grants)",
				       f->path);
		f->kind = best;
	}
	const struct import_kind_ops *ops = kinds[f->kind];
	if (!hooks[f->kind])
		f->bulk = 0;   /* only kinds with state honour it */
	for (int i = 0; i < ops->ncols; i++)
		f->colpos[i] = -1;
	for (size_t j = 0; j < f->nhdr; j++) {
		int c = match_col(ops, f->hdr[j]);
		if (c < 0) {
			say(o, 0, "%s: 未知列“%s”，已忽略", "%s: unknown column '%s' ignored", f->path, f->hdr[j]);
			continue;
		}
		if (f->colpos[c] >= 0)
			return gw_fail(err, GW_EINVAL, "%s: 列“%s”出现了两次", "%s: column '%s' appears twice",
				       f->path, f->hdr[j]);
		f->colpos[c] = (int)j;
	}
	for (int i = 0; i < ops->ncols; i++)
		if (ops->cols[i].required && f->colpos[i] < 0)
			return gw_fail(err, GW_EINVAL, "%s: 缺少必需的列“%s”（%s），未导入任何数据",
				       "%s: required column '%s' (%s) is missing; nothing was imported",
				       f->path, ops->cols[i].zh, ops->cols[i].en);
	return GW_OK;
}

/* Writes a rejected row, with its reason, to "<file>.rejects.csv". */
static void write_reject(struct file *f, const struct import_opts *o, char **fields, size_t n,
			 const char *reason)
{
	if (!f->rw) {
		snprintf(f->rejects_path, sizeof f->rejects_path, "%s.rejects.csv",
			 strcmp(f->path, "-") == 0 ? "stdin" : f->path);
		f->rejects = fopen(f->rejects_path, "wb");
		if (!f->rejects || !(f->rw = csv_writer_open(f->rejects, CSV_UTF8_BOM, NULL))) {
			say(o, 1, "%s: 无法写入", "%s: cannot write", f->rejects_path);
			return;
		}
		const char **h = calloc(f->nhdr + 1, sizeof *h);
		if (!h)
			return;
		for (size_t i = 0; i < f->nhdr; i++)
			h[i] = f->hdr[i];
		h[f->nhdr] = gw_tr("原因", "reason");
		csv_write_row(f->rw, h, f->nhdr + 1, NULL);
		free(h);
	}
	const char **row = calloc(f->nhdr + 1, sizeof *row);
	if (!row)
		return;
	for (size_t i = 0; i < f->nhdr; i++)
		row[i] = i < n ? fields[i] : "";
	row[f->nhdr] = reason;
	csv_write_row(f->rw, row, f->nhdr + 1, NULL);
	free(row);
}

/* A row kept for a retry because it refers to a later row of the file. */
struct deferred {
	long row;
	size_t n;
	char **fields;
	char reason[512];
};

static void deferred_free(struct deferred *d, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < d[i].n; j++)
			free(d[i].fields[j]);
		free(d[i].fields);
	}
	free(d);
}

/* Runs one row through the kind's handler. */
static enum gw_status do_row(struct gw *gw, struct file *f, const struct import_opts *o,
			     char **fields, size_t n, long rowno, enum upsert_result *res,
			     struct gw_err *err)
{
	const struct import_kind_ops *ops = kinds[f->kind];
	const char *val[32], *hdr[32];
	int present[32];
	for (int i = 0; i < ops->ncols; i++) {
		int p = f->colpos[i];
		present[i] = p >= 0;
		val[i] = p >= 0 && (size_t)p < n ? fields[p] : "";
		hdr[i] = p >= 0 ? f->hdr[p] : gw_tr(ops->cols[i].zh, ops->cols[i].en);
	}
	struct import_row r = {val, hdr, present, rowno, NULL, 0};
	if (o->skip_bad && db_savepoint(gw->db, err) != GW_OK)
		return GW_EDB;
	gw_err_clear(err);
	enum gw_status st = ops->row(gw, &r, res, err);
	if (o->skip_bad) {
		if (st == GW_OK)
			st = db_release(gw->db, err) == GW_OK ? GW_OK : GW_EDB;
		else
			db_rollback_savepoint(gw->db);
	}
	return st;
}

static int fatal(enum gw_status st)
{
	return st != GW_OK && st != GW_EINVAL && st != GW_ENOTFOUND && st != GW_EEXIST &&
	       st != GW_ECONFLICT;
}

static void count(struct import_counts *c, enum upsert_result r)
{
	if (r == UPSERT_INSERTED)
		c->inserted++;
	else if (r == UPSERT_UPDATED)
		c->updated++;
	else
		c->unchanged++;
}

static void reject(struct file *f, const struct import_opts *o, char **fields, size_t n,
		   long row, const char *reason)
{
	f->n.rejected++;
	say(o, 1, "%s:%ld: %s", "%s:%ld: %s", f->path, row, reason);
	if (o->skip_bad)
		write_reject(f, o, fields, n, reason);
}

/* Reads every record of an opened file.  Returns GW_OK, or a fatal status
 * (database, I/O, memory) that aborts the whole import. */
static enum gw_status file_rows(struct gw *gw, struct file *f, const struct import_opts *o,
				struct gw_err *err)
{
	struct deferred *later = NULL;
	size_t nlater = 0, caplater = 0;
	struct csv_record rec;
	enum gw_status st = GW_OK;
	int rc;
	struct gw_err e;
	while ((rc = csv_read(f->rd, &rec, err)) > 0) {
		if (rec.status != GW_OK) {
			reject(f, o, rec.fields, rec.nfields, rec.row, rec.problem);
			continue;
		}
		int extra = 0;
		for (size_t i = f->nhdr; i < rec.nfields; i++)
			extra |= rec.lens[i] > 0;
		if (extra) {
			char why[256];
			snprintf(why, sizeof why, gw_tr("本行有 %zu 列，多于表头的 %zu 列",
							"the row has %zu cells, more than the header's %zu"),
				 rec.nfields, f->nhdr);
			reject(f, o, rec.fields, rec.nfields, rec.row, why);
			continue;
		}
		/* Hand the exchange log what the session holds every so often,
		 * so memory does not grow with the file (between rows: never
		 * inside a row's savepoint). */
		if (rec.row % IMPORT_FLUSH_ROWS == 0 && (st = sync_flush(gw, err)) != GW_OK)
			break;
		enum upsert_result res = UPSERT_UNCHANGED;
		st = do_row(gw, f, o, rec.fields, rec.nfields, rec.row, &res, &e);
		if (st == GW_OK) {
			count(&f->n, res);
		} else if (st == GW_ENOTFOUND) {
			if (nlater == caplater) {
				caplater = caplater ? caplater * 2 : 16;
				struct deferred *nd = realloc(later, caplater * sizeof *later);
				if (!nd) {
					st = gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
					break;
				}
				later = nd;
			}
			struct deferred *d = &later[nlater++];
			d->row = rec.row;
			d->n = rec.nfields;
			d->fields = calloc(rec.nfields ? rec.nfields : 1, sizeof *d->fields);
			snprintf(d->reason, sizeof d->reason, "%s", e.msg);
			for (size_t i = 0; d->fields && i < rec.nfields; i++)
				d->fields[i] = strdup(rec.fields[i]);
			st = GW_OK;
		} else if (!fatal(st)) {
			reject(f, o, rec.fields, rec.nfields, rec.row, e.msg);
			st = GW_OK;
		} else {
			*err = e;
			gw_err_prefix(err, "%s:%ld", f->path, rec.row);
			break;
		}
	}
	if (rc < 0 && st == GW_OK)
		st = GW_EIO;
	/* Rows that named a parent further down: retry until no progress. */
	for (int progress = 1; st == GW_OK && progress && nlater;) {
		progress = 0;
		for (size_t i = 0; i < nlater && st == GW_OK; i++) {
			if (!later[i].fields)
				continue;
			enum upsert_result res = UPSERT_UNCHANGED;
			enum gw_status s = do_row(gw, f, o, later[i].fields, later[i].n, later[i].row, &res, &e);
			if (s == GW_ENOTFOUND) {
				snprintf(later[i].reason, sizeof later[i].reason, "%s", e.msg);
				continue;
			}
			if (fatal(s)) {
				*err = e;
				st = s;
				break;
			}
			if (s == GW_OK)
				count(&f->n, res);
			else
				reject(f, o, later[i].fields, later[i].n, later[i].row, e.msg);
			for (size_t j = 0; j < later[i].n; j++)
				free(later[i].fields[j]);
			free(later[i].fields);
			later[i].fields = NULL;
			later[i].n = 0;
			progress = 1;
		}
	}
	for (size_t i = 0; st == GW_OK && i < nlater; i++)
		if (later[i].fields)
			reject(f, o, later[i].fields, later[i].n, later[i].row, later[i].reason);
	deferred_free(later, nlater);
	return st;
}

static int by_kind(const void *a, const void *b)
{
	const struct file *x = a, *y = b;
	return x->kind != y->kind ? x->kind - y->kind : (x < y ? -1 : 1);
}

enum gw_status import_files(struct gw *gw, const char *const *paths, int npaths,
			    const struct import_opts *opts, struct import_counts *total,
			    struct gw_err *err)
{
	memset(total, 0, sizeof *total);
	struct file *files = calloc((size_t)(npaths > 0 ? npaths : 1), sizeof *files);
	if (!files)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	enum gw_status st = GW_OK;
	int fk_off = 0, temp_disk = 0;
	/* Every header is checked before the first row is written. */
	for (int i = 0; i < npaths && st == GW_OK; i++) {
		files[i].path = paths[i];
		files[i].kind = opts->kind;
		st = file_open(&files[i], opts, err);
	}
	if (st == GW_OK) {
		/* Stable sort by kind: grids before organisations before ... */
		for (int i = 0; i < npaths; i++)
			for (int j = i; j > 0 && by_kind(&files[j - 1], &files[j]) > 0; j--) {
				struct file t = files[j];
				files[j] = files[j - 1];
				files[j - 1] = t;
			}
		/* The handlers of bulk files resolve every reference themselves
		 * in this transaction (and fail the row when one is missing), so
		 * SQLite's second look-up of each, per reference per row, is left
		 * out when every file is one. */
		fk_off = npaths > 0 && !db_in_tx(gw->db);
		for (int i = 0; i < npaths; i++)
			fk_off &= files[i].bulk > 0;
		fk_off = fk_off && db_foreign_keys(gw->db, 0, NULL) == GW_OK;
		/* A bulk file may build indexes (ticket.c): their sorts spill to
		 * disk, so memory stays level whatever the size of the file. */
		for (int i = 0; i < npaths && !temp_disk && !db_in_tx(gw->db); i++)
			temp_disk = files[i].bulk > 0 && db_temp_on_disk(gw->db, 1, NULL) == GW_OK;
		st = db_begin(gw->db, err);
	}
	for (int i = 0; i < npaths && st == GW_OK; i++) {
		struct file *f = &files[i];
		const struct import_kind_hooks *h = hooks[f->kind];
		struct import_run run = {(enum import_kind)f->kind, NULL, {NULL, 0, 0}};
		if (h && h->begin && (st = h->begin(gw, f->bulk, &run.state, err)) != GW_OK)
			break;
		gw->import = &run;
		st = file_rows(gw, f, opts, err);
		gw->import = NULL;
		free(run.claims.slot);
		if (h && h->end) {
			enum gw_status s2 = h->end(gw, run.state, st == GW_OK, st == GW_OK ? err : NULL);
			if (st == GW_OK)
				st = s2;
		}
		if (st != GW_OK)
			break;
		char summary[256];
		snprintf(summary, sizeof summary,
			 "{\"file\":\"%s\",\"kind\":\"%s\",\"inserted\":%ld,\"updated\":%ld,\"unchanged\":%ld,\"rejected\":%ld%s}",
			 "", kinds[f->kind]->name, f->n.inserted, f->n.updated, f->n.unchanged, f->n.rejected,
			 f->bulk ? ",\"bulk\":true" : "");
		struct strbuf j = STRBUF_INIT;
		sb_puts(&j, "{\"file\":");
		sb_json_str(&j, f->path);
		sb_puts(&j, strchr(summary, ','));
		st = audit_record(gw, kinds[f->kind]->name, "-", "import", NULL, sb_str(&j), err);
		sb_free(&j);
		total->inserted += f->n.inserted;
		total->updated += f->n.updated;
		total->unchanged += f->n.unchanged;
		total->rejected += f->n.rejected;
	}
	int commit = st == GW_OK && (total->rejected == 0 || opts->skip_bad);
	if (commit) {
		st = db_commit(gw->db, err);
	} else {
		db_rollback(gw->db);
		/* The summaries must not claim rows that were rolled back. */
		for (int i = 0; i < npaths; i++)
			files[i].n.inserted = files[i].n.updated = files[i].n.unchanged = 0;
	}
	if (fk_off && db_foreign_keys(gw->db, 1, st == GW_OK ? err : NULL) != GW_OK && st == GW_OK)
		st = GW_EDB;
	if (temp_disk)
		db_temp_on_disk(gw->db, 0, NULL);
	for (int i = 0; i < npaths; i++) {
		struct file *f = &files[i];
		if (st == GW_OK && f->kind >= 0)
			say(opts, 0, "%s: %s 新增 %ld，更新 %ld，未变 %ld，拒绝 %ld",
			    "%s: %s inserted %ld, updated %ld, unchanged %ld, rejected %ld", f->path,
			    gw_tr(kinds[f->kind]->zh, kinds[f->kind]->name), f->n.inserted, f->n.updated,
			    f->n.unchanged, f->n.rejected);
		if (f->rw)
			say(opts, 0, "%s: 被拒绝的行已写入 %s", "%s: rejected rows written to %s", f->path,
			    f->rejects_path);
		file_close(f);
	}
	free(files);
	if (st == GW_OK && total->rejected && !opts->skip_bad) {
		memset(total, 0, sizeof *total - sizeof total->rejected);
		return gw_fail(err, GW_EINVAL, "有 %ld 行无效，未导入任何数据（可改正后重新导入，或用 --skip-bad 只导入有效行）",
			       "%ld rows are invalid; nothing was imported (correct them and import again, or use --skip-bad to import the valid rows)",
			       total->rejected);
	}
	if (st == GW_OK && total->rejected)
		return gw_fail(err, GW_EINVAL, "已导入有效行，%ld 行被拒绝", "valid rows imported; %ld rows rejected",
			       total->rejected);
	return st;
}

enum gw_status export_kind(struct gw *gw, enum import_kind k, FILE *fp, int gb18030,
			   struct gw_err *err)
{
	const struct import_kind_ops *ops = import_ops(k);
	if (!ops)
		return gw_fail(err, GW_EUSAGE, "未知的数据类别", "unknown kind of data");
	struct csv_writer *w = csv_writer_open(fp, gb18030 ? CSV_GB18030 : CSV_UTF8_BOM, err);
	if (!w)
		return GW_EIO;
	const char *h[32];
	for (int i = 0; i < ops->ncols; i++)
		h[i] = ops->cols[i].zh;
	enum gw_status st = csv_write_row(w, h, (size_t)ops->ncols, err) == 0 ? GW_OK : GW_EIO;
	if (st == GW_OK)
		st = ops->export_rows(gw, w, err);
	if (csv_writer_close(w, st == GW_OK ? err : NULL) != 0 && st == GW_OK)
		st = GW_EIO;
	return st;
}
