/* csv.h - streaming RFC 4180 reader and writer with encoding detection.
 *
 * The reader never holds more than one record in memory: a file of a million
 * rows is read in constant space.  Input may be UTF-8 (with or without BOM) or
 * GB18030; records come out as UTF-8 either way.  Detection looks at a sample
 * from the start of the file: a BOM means UTF-8; otherwise if the sample holds
 * valid UTF-8 multi-byte sequences and only a few invalid bytes it is UTF-8
 * (rows with bad bytes are reported as bad rows, never silently re-decoded);
 * if it holds no valid UTF-8 multi-byte sequence but decodes as GB18030, it
 * is GB18030.  Pure ASCII is UTF-8.
 */
#ifndef GW_CSV_H
#define GW_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "status.h"

enum csv_encoding { CSV_UTF8, CSV_UTF8_BOM, CSV_GB18030 };

/* Human name of an encoding ("UTF-8", "UTF-8 (BOM)", "GB18030"). */
const char *csv_encoding_name(enum csv_encoding enc);

/* One record as read.  Fields are NUL-terminated UTF-8 strings owned by the
 * reader and valid until the next csv_read() or csv_close(). */
struct csv_record {
	size_t nfields;
	char **fields;
	size_t *lens;          /* byte length of each field */
	long row;              /* 1-based record number: the header is row 1 */
	long line;             /* 1-based physical line where the record starts */
	/* When not GW_OK the record is bad (invalid UTF-8 or GB18030 bytes, a NUL
	 * byte, an unterminated quote at end of file, a stray quote inside an
	 * unquoted field); `problem` says why, in the current language.  Reading
	 * continues with the next record. */
	enum gw_status status;
	char problem[160];
};

/* Limits that keep memory bounded on hostile input (an unclosed quote near the
 * top of a large file): a longer record, or one with more fields, is reported
 * bad and its text cut short; reading goes on with the next record. */
#define CSV_MAX_RECORD_BYTES (16u << 20)
#define CSV_MAX_FIELDS 65536u

struct csv_reader;

/* Opens a reader on fp (not closed by the reader), detecting the encoding.
 * Returns NULL and fills err on failure (unreadable file, out of memory, or
 * a UTF-16 byte-order mark: a spreadsheet's "Unicode text", not a CSV). */
struct csv_reader *csv_open(FILE *fp, struct gw_err *err);

/* Opens a reader on a memory buffer (copied); for tests and fuzzing. */
struct csv_reader *csv_open_mem(const void *buf, size_t len, struct gw_err *err);

/* The encoding that was detected. */
enum csv_encoding csv_encoding(const struct csv_reader *r);

/* Reads the next record into *rec.  Returns 1 when a record was read (check
 * rec->status for bad records), 0 at end of file, -1 on an I/O error or out of
 * memory (err filled).  Empty lines between records are skipped. */
int csv_read(struct csv_reader *r, struct csv_record *rec, struct gw_err *err);

/* Frees r and its records; fp stays open.  NULL is allowed. */
void csv_close(struct csv_reader *r);

/* Writer: quotes a field when it holds a comma, quote, CR or LF, or begins or
 * ends with a space; doubles quotes.  A field that begins with = + - @ (or tab
 * or CR) is prefixed with a single quote so spreadsheets do not run it as a
 * formula.  Output is UTF-8 (with a BOM written by csv_writer_open when bom is
 * set) or GB18030.  Rows end with CRLF as RFC 4180 says. */
struct csv_writer;
struct csv_writer *csv_writer_open(FILE *fp, enum csv_encoding enc, struct gw_err *err);
/* Writes one row of n fields (NULL fields are empty). 0 on success, -1 on error.
 * A row of one empty field is written as "" so that it is not an empty line.
 * A bad row (n == 0, a field that is not valid UTF-8, a character GB18030
 * cannot hold) is an error that leaves nothing of the row in the output. */
int csv_write_row(struct csv_writer *w, const char *const *fields, size_t n, struct gw_err *err);
/* Flushes and frees w (also on error); does not close fp. 0 on success, -1 on error. */
int csv_writer_close(struct csv_writer *w, struct gw_err *err);

#endif
