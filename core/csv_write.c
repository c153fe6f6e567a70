/* csv_write.c - the CSV writer (see csv.h): RFC 4180 quoting, the guard
 * that keeps spreadsheets from running a field as a formula, and output in
 * UTF-8 (with or without BOM) or GB18030.  A row is built whole in memory
 * and written in one piece, so a bad row leaves nothing in the output. */
#include "csv.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "csv_int.h"

struct csv_writer {
	FILE *fp;
	enum csv_encoding enc;
	iconv_t cd;             /* UTF-8 -> GB18030, or (iconv_t)-1 */
	char *buf;              /* the row being built, UTF-8 */
	size_t len, cap;
	char *out;              /* the row converted to GB18030 */
	size_t out_cap;
};

static int write_fail(struct gw_err *err)
{
	gw_fail(err, GW_EIO, "写入CSV文件失败：%s", "cannot write the CSV file: %s",
		strerror(errno));
	return -1;
}

struct csv_writer *csv_writer_open(FILE *fp, enum csv_encoding enc, struct gw_err *err)
{
	if (!fp || (enc != CSV_UTF8 && enc != CSV_UTF8_BOM && enc != CSV_GB18030)) {
		gw_fail(err, GW_EINVAL, "无效的输出文件或编码", "invalid output file or encoding");
		return NULL;
	}
	struct csv_writer *w = calloc(1, sizeof *w);
	if (!w) {
		csv_oom(err);
		return NULL;
	}
	w->fp = fp;
	w->enc = enc;
	w->cd = (iconv_t)-1;
	if (enc == CSV_GB18030 && (w->cd = iconv_open("GB18030", "UTF-8")) == (iconv_t)-1) {
		gw_fail(err, GW_EIO, "系统不支持GB18030编码转换", "this system cannot convert to GB18030");
		free(w);
		return NULL;
	}
	if (enc == CSV_UTF8_BOM && fwrite("\xEF\xBB\xBF", 1, 3, fp) != 3) {
		write_fail(err);
		csv_writer_close(w, NULL);
		return NULL;
	}
	return w;
}

/* Converts w->buf to GB18030 in w->out; returns the length or -1. */
static long to_gb18030(struct csv_writer *w, const char *const *fields, size_t n,
		       struct gw_err *err)
{
	/* A character takes at most twice its UTF-8 length (é: 2 -> 2, but
	 * some two-byte characters need four bytes in GB18030). */
	if (csv_grow(&w->out, &w->out_cap, w->len * 2 + 8) < 0) {
		csv_oom(err);
		return -1;
	}
	char *ip = w->buf, *op = w->out;
	size_t il = w->len, ol = w->out_cap;
	if (iconv(w->cd, &ip, &il, &op, &ol) != (size_t)-1)
		return (long)(op - w->out);

	/* Fields are valid UTF-8, so iconv stopped at a character GB18030 has
	 * no code for; the first field holding it is the one that failed. */
	iconv(w->cd, NULL, NULL, NULL, NULL);
	const unsigned char *s = (const unsigned char *)ip;
	size_t len = (s[0] >= 0xF0) + (s[0] >= 0xE0) + (s[0] >= 0xC0) + 1;
	unsigned cp = len == 1 ? s[0] : s[0] & (0x7F >> len);
	for (size_t i = 1; i < len && i < il; i++)
		cp = cp << 6 | (s[i] & 0x3F);
	size_t col = 1;
	for (size_t i = 0; i < n; i++)
		if (fields[i] && memmem(fields[i], strlen(fields[i]), ip, len)) {
			col = i + 1;
			break;
		}
	gw_fail(err, GW_EINVAL, "第%zu列的字符U+%04X无法用GB18030编码保存",
		"column %zu: character U+%04X cannot be written in GB18030", col, cp);
	return -1;
}

int csv_write_row(struct csv_writer *w, const char *const *fields, size_t n, struct gw_err *err)
{
	if (!w || n == 0 || !fields) {
		gw_fail(err, GW_EINVAL, "要写入的行没有字段", "a row to write has no fields");
		return -1;
	}
	w->len = 0;
	for (size_t i = 0; i < n; i++) {
		const char *f = fields[i] ? fields[i] : "";
		size_t fl = strlen(f);
		size_t badat = csv_utf8_check((const unsigned char *)f, fl);
		if (badat < fl) {
			gw_fail(err, GW_EINVAL, "第%zu列第%zu字节不是有效的UTF-8编码",
				"column %zu, byte %zu: not valid UTF-8", i + 1, badat + 1);
			return -1;
		}
		int formula = fl > 0 && strchr("=+-@\t\r", f[0]) != NULL;
		int quote = (n == 1 && fl == 0) || strpbrk(f, ",\"\r\n") != NULL ||
			    (fl > 0 && (f[0] == ' ' || f[fl - 1] == ' '));
		if (csv_grow(&w->buf, &w->cap, w->len + fl * 2 + 8) < 0) {
			csv_oom(err);
			return -1;
		}
		char *o = w->buf + w->len;
		if (i > 0)
			*o++ = ',';
		if (quote)
			*o++ = '"';
		if (formula)
			*o++ = '\'';
		for (const char *s = f; *s; s++) {
			if (*s == '"')
				*o++ = '"';
			*o++ = *s;
		}
		if (quote)
			*o++ = '"';
		w->len = (size_t)(o - w->buf);
	}
	w->buf[w->len++] = '\r';
	w->buf[w->len++] = '\n';

	const char *data = w->buf;
	size_t len = w->len;
	if (w->enc == CSV_GB18030) {
		long k = to_gb18030(w, fields, n, err);
		if (k < 0)
			return -1;
		data = w->out;
		len = (size_t)k;
	}
	if (fwrite(data, 1, len, w->fp) != len)
		return write_fail(err);
	return 0;
}

int csv_writer_close(struct csv_writer *w, struct gw_err *err)
{
	if (!w)
		return 0;
	int rc = 0;
	if (fflush(w->fp) != 0 || ferror(w->fp))
		rc = write_fail(err);
	if (w->cd != (iconv_t)-1)
		iconv_close(w->cd);
	free(w->buf);
	free(w->out);
	free(w);
	return rc;
}
