/* test_csv.c - the CSV reader and writer: framing, encodings, bad records,
 * limits, streaming across buffer boundaries, and writer round trips. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "csv.h"
#include "status.h"

/* csv.c's read sizes: the detection sample, then chunks.  Only used to make
 * sure the boundary tests really put characters across those boundaries. */
#define SAMPLE_BYTES (1u << 20)
#define CHUNK_BYTES (64u << 10)

/* ---- helpers ---------------------------------------------------------- */

/* Independent strict UTF-8 check (no NUL allowed). */
static int utf8_ok(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i], need, cp, min;
		if (c == 0)
			return 0;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			need = 1, cp = c & 0x1F, min = 0x80;
		else if (c >= 0xE0 && c <= 0xEF)
			need = 2, cp = c & 0x0F, min = 0x800;
		else if (c >= 0xF0 && c <= 0xF4)
			need = 3, cp = c & 0x07, min = 0x10000;
		else
			return 0;
		if (n - i <= need)
			return 0;
		for (unsigned k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += need + 1;
	}
	return 1;
}

/* What every record must satisfy, good or bad. */
static void check_record(const struct csv_record *rec)
{
	assert_true(rec->nfields >= 1);
	assert_true(rec->nfields <= CSV_MAX_FIELDS);
	assert_true(rec->row >= 1);
	assert_true(rec->line >= rec->row);
	for (size_t i = 0; i < rec->nfields; i++) {
		assert_int_equal(rec->fields[i][rec->lens[i]], '\0');
		assert_int_equal(strlen(rec->fields[i]), rec->lens[i]);
		assert_true(utf8_ok((const unsigned char *)rec->fields[i], rec->lens[i]));
	}
	if (rec->status == GW_OK)
		assert_string_equal(rec->problem, "");
	else
		assert_true(rec->problem[0] != '\0');
}

struct row {
	size_t n;
	char **f;
	size_t *len;
	long row, line;
	enum gw_status st;
	char problem[160];
};

struct rows {
	size_t n, cap;
	struct row *r;
	enum csv_encoding enc;
};

static struct rows *read_all(struct csv_reader *r)
{
	struct rows *rs = calloc(1, sizeof *rs);
	struct csv_record rec;
	struct gw_err err;
	int k;

	assert_non_null(rs);
	rs->enc = csv_encoding(r);
	while ((k = csv_read(r, &rec, &err)) == 1) {
		check_record(&rec);
		if (rs->n == rs->cap) {
			rs->cap = rs->cap ? rs->cap * 2 : 16;
			rs->r = realloc(rs->r, rs->cap * sizeof *rs->r);
			assert_non_null(rs->r);
		}
		struct row *w = &rs->r[rs->n++];
		w->n = rec.nfields;
		w->f = calloc(rec.nfields, sizeof *w->f);
		w->len = calloc(rec.nfields, sizeof *w->len);
		for (size_t i = 0; i < rec.nfields; i++) {
			w->f[i] = malloc(rec.lens[i] + 1);
			memcpy(w->f[i], rec.fields[i], rec.lens[i] + 1);
			w->len[i] = rec.lens[i];
		}
		w->row = rec.row;
		w->line = rec.line;
		w->st = rec.status;
		memcpy(w->problem, rec.problem, sizeof w->problem);
	}
	assert_int_equal(k, 0);
	/* The end stays the end. */
	assert_int_equal(csv_read(r, &rec, &err), 0);
	return rs;
}

static void rows_free(struct rows *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		for (size_t j = 0; j < rs->r[i].n; j++)
			free(rs->r[i].f[j]);
		free(rs->r[i].f);
		free(rs->r[i].len);
	}
	free(rs->r);
	free(rs);
}

static void rows_equal(const struct rows *a, const struct rows *b)
{
	assert_int_equal(a->enc, b->enc);
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		assert_int_equal(a->r[i].n, b->r[i].n);
		assert_int_equal(a->r[i].row, b->r[i].row);
		assert_int_equal(a->r[i].line, b->r[i].line);
		assert_int_equal(a->r[i].st, b->r[i].st);
		assert_string_equal(a->r[i].problem, b->r[i].problem);
		for (size_t j = 0; j < a->r[i].n; j++) {
			assert_int_equal(a->r[i].len[j], b->r[i].len[j]);
			assert_memory_equal(a->r[i].f[j], b->r[i].f[j], a->r[i].len[j]);
		}
	}
}

static FILE *tmp_with(const void *buf, size_t len)
{
	FILE *fp = tmpfile();
	assert_non_null(fp);
	assert_int_equal(fwrite(buf, 1, len, fp), len);
	rewind(fp);
	return fp;
}

/* Reads buf from memory and from a file; both must give the same records. */
static struct rows *load(const void *buf, size_t len)
{
	struct gw_err err;
	struct csv_reader *r = csv_open_mem(buf, len, &err);
	assert_non_null(r);
	struct rows *rs = read_all(r);
	csv_close(r);

	FILE *fp = tmp_with(buf, len);
	r = csv_open(fp, &err);
	assert_non_null(r);
	struct rows *again = read_all(r);
	csv_close(r);
	fclose(fp);
	rows_equal(rs, again);
	rows_free(again);
	return rs;
}

static struct rows *load_str(const char *s)
{
	return load(s, strlen(s));
}

/* Checks that record i is good and holds exactly the n given fields. */
static void expect_row(const struct rows *rs, size_t i, size_t n, ...)
{
	assert_true(i < rs->n);
	assert_int_equal(rs->r[i].st, GW_OK);
	assert_int_equal(rs->r[i].n, n);
	va_list ap;
	va_start(ap, n);
	for (size_t j = 0; j < n; j++)
		assert_string_equal(rs->r[i].f[j], va_arg(ap, const char *));
	va_end(ap);
}

static char *iconv_dup(const char *to, const char *from, const char *s, size_t n, size_t *outlen)
{
	iconv_t cd = iconv_open(to, from);
	assert_true(cd != (iconv_t)-1);
	size_t cap = n * 4 + 16, ol = cap, il = n;
	char *out = malloc(cap), *op = out, *ip = (char *)s;
	assert_non_null(out);
	assert_true(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1);
	iconv_close(cd);
	*outlen = cap - ol;
	return out;
}

static char *to_gb(const char *utf8, size_t *outlen)
{
	return iconv_dup("GB18030", "UTF-8", utf8, strlen(utf8), outlen);
}

/* ---- framing ---------------------------------------------------------- */

static void test_simple_rows(void **state)
{
	(void)state;
	struct rows *rs = load_str("name,code\n舒城县,SC\n杭埠镇,SC-HB\n");
	assert_int_equal(rs->enc, CSV_UTF8);
	assert_int_equal(rs->n, 3);
	expect_row(rs, 0, 2, "name", "code");
	expect_row(rs, 1, 2, "舒城县", "SC");
	expect_row(rs, 2, 2, "杭埠镇", "SC-HB");
	assert_int_equal(rs->r[1].len[0], strlen("舒城县"));
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(rs->r[i].row, (long)i + 1);
		assert_int_equal(rs->r[i].line, (long)i + 1);
	}
	rows_free(rs);
}

static void test_ascii_is_utf8(void **state)
{
	(void)state;
	struct rows *rs = load_str("code,name\nSC,Shucheng\n");
	assert_int_equal(rs->enc, CSV_UTF8);
	assert_int_equal(rs->n, 2);
	rows_free(rs);
}

static void test_quoted_commas(void **state)
{
	(void)state;
	struct rows *rs = load_str("a,b\n\"x, y\",\"1,2,3\"\n\",\",\"\"\n");
	expect_row(rs, 1, 2, "x, y", "1,2,3");
	expect_row(rs, 2, 2, ",", "");
	rows_free(rs);
}

static void test_doubled_quotes(void **state)
{
	(void)state;
	struct rows *rs = load_str("\"say \"\"hi\"\"\",\"\"\"\"\n\"\"\"a\"\"\",b\n");
	expect_row(rs, 0, 2, "say \"hi\"", "\"");
	expect_row(rs, 1, 2, "\"a\"", "b");
	rows_free(rs);
}

static void test_quoted_lf_rows_and_lines(void **state)
{
	(void)state;
	struct rows *rs = load_str("h1,h2\n1,\"a\nb\nc\"\n2,d\n3,\"\n\"\n4,e\n");
	assert_int_equal(rs->n, 5);
	expect_row(rs, 1, 2, "1", "a\nb\nc");
	expect_row(rs, 2, 2, "2", "d");
	expect_row(rs, 3, 2, "3", "\n");
	expect_row(rs, 4, 2, "4", "e");
	long lines[] = {1, 2, 5, 6, 8};
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(rs->r[i].row, (long)i + 1);
		assert_int_equal(rs->r[i].line, lines[i]);
	}
	rows_free(rs);
}

static void test_crlf_line_ends(void **state)
{
	(void)state;
	struct rows *rs = load_str("id,note\r\n1,\"x\r\ny\"\r\n2,z\r\n\"q\"\r\n3,\r\n");
	assert_int_equal(rs->n, 5);
	expect_row(rs, 0, 2, "id", "note");
	expect_row(rs, 1, 2, "1", "x\r\ny"); /* CRLF inside quotes is data */
	expect_row(rs, 2, 2, "2", "z");
	expect_row(rs, 3, 1, "q");
	expect_row(rs, 4, 2, "3", "");
	assert_int_equal(rs->r[2].line, 4);
	assert_int_equal(rs->r[3].line, 5);
	rows_free(rs);
}

static void test_no_final_newline(void **state)
{
	(void)state;
	struct rows *rs = load_str("a,b\nc,d");
	expect_row(rs, 1, 2, "c", "d");
	rows_free(rs);
	rs = load_str("a,b\r\nc,d\r");
	assert_int_equal(rs->n, 2);
	expect_row(rs, 1, 2, "c", "d");
	rows_free(rs);
	rs = load_str("a,\"b\"");
	expect_row(rs, 0, 2, "a", "b");
	rows_free(rs);
	rs = load_str("a,\"b\"\r");
	expect_row(rs, 0, 2, "a", "b");
	rows_free(rs);
}

static void test_empty_fields(void **state)
{
	(void)state;
	struct rows *rs = load_str("a,,b,\n,\n,,\n");
	expect_row(rs, 0, 4, "a", "", "b", "");
	expect_row(rs, 1, 2, "", "");
	expect_row(rs, 2, 3, "", "", "");
	rows_free(rs);
}

static void test_empty_lines_skipped(void **state)
{
	(void)state;
	struct rows *rs = load_str("\n\r\na,b\n\n\r\n\nc,d\n\n\r\n");
	assert_int_equal(rs->n, 2);
	expect_row(rs, 0, 2, "a", "b");
	expect_row(rs, 1, 2, "c", "d");
	assert_int_equal(rs->r[0].row, 1);
	assert_int_equal(rs->r[0].line, 3);
	assert_int_equal(rs->r[1].row, 2);
	assert_int_equal(rs->r[1].line, 7);
	rows_free(rs);
}

static void test_quoted_empty_line_kept(void **state)
{
	(void)state;
	struct rows *rs = load_str("a\n\"\"\nb\n");
	assert_int_equal(rs->n, 3);
	expect_row(rs, 1, 1, "");
	expect_row(rs, 2, 1, "b");
	rows_free(rs);
}

static void test_empty_input(void **state)
{
	(void)state;
	struct rows *rs = load_str("");
	assert_int_equal(rs->n, 0);
	assert_int_equal(rs->enc, CSV_UTF8);
	rows_free(rs);
	rs = load_str("\n\r\n\n\r");
	assert_int_equal(rs->n, 0);
	rows_free(rs);
}

static void test_lone_cr_is_data(void **state)
{
	(void)state;
	struct rows *rs = load_str("a\rb,c\n");
	expect_row(rs, 0, 2, "a\rb", "c");
	rows_free(rs);
}

static void test_spaces_kept(void **state)
{
	(void)state;
	struct rows *rs = load_str(" a , b \n");
	expect_row(rs, 0, 2, " a ", " b ");
	rows_free(rs);
}

/* ---- bad records ------------------------------------------------------ */

static void test_unterminated_quote(void **state)
{
	(void)state;
	gw_set_lang(GW_LANG_EN);
	struct rows *rs = load_str("a,b\nc,\"d\ne,f\n");
	gw_set_lang(GW_LANG_ZH);
	assert_int_equal(rs->n, 2);
	expect_row(rs, 0, 2, "a", "b");
	assert_int_equal(rs->r[1].st, GW_EINVAL);
	assert_int_equal(rs->r[1].n, 2);
	assert_string_equal(rs->r[1].f[1], "d\ne,f\n");
	assert_non_null(strstr(rs->r[1].problem, "column 2"));
	assert_non_null(strstr(rs->r[1].problem, "not closed"));
	rows_free(rs);
}

static void test_stray_quote(void **state)
{
	(void)state;
	struct rows *rs = load_str("a,b\nab\"c,d\ne,f\n");
	assert_int_equal(rs->n, 3);
	assert_int_equal(rs->r[1].st, GW_EINVAL);
	assert_int_equal(rs->r[1].n, 2);
	assert_string_equal(rs->r[1].f[0], "ab\"c");
	assert_string_equal(rs->r[1].f[1], "d");
	assert_non_null(strstr(rs->r[1].problem, "第1列"));
	expect_row(rs, 2, 2, "e", "f");
	rows_free(rs);
}

static void test_text_after_closing_quote(void **state)
{
	(void)state;
	gw_set_lang(GW_LANG_EN);
	struct rows *rs = load_str("x,\"ab\"c,d\n\"ab\" ,e\n\"ab\"\rx\nok,1\n\"a\"\"\"\n");
	gw_set_lang(GW_LANG_ZH);
	assert_int_equal(rs->n, 5);
	assert_int_equal(rs->r[0].st, GW_EINVAL);
	assert_int_equal(rs->r[0].n, 3);
	assert_string_equal(rs->r[0].f[1], "abc");
	assert_non_null(strstr(rs->r[0].problem, "column 2: text after the closing quote"));
	assert_int_equal(rs->r[1].st, GW_EINVAL);
	assert_int_equal(rs->r[2].st, GW_EINVAL);
	assert_string_equal(rs->r[2].f[0], "ab\rx");
	expect_row(rs, 3, 2, "ok", "1");
	expect_row(rs, 4, 1, "a\"");
	rows_free(rs);
}

static void test_nul_byte(void **state)
{
	(void)state;
	static const char in[] = "a,b\nc,d\0e\nf,g\n";
	struct rows *rs = load(in, sizeof in - 1);
	assert_int_equal(rs->n, 3);
	expect_row(rs, 0, 2, "a", "b");
	assert_int_equal(rs->r[1].st, GW_EINVAL);
	assert_string_equal(rs->r[1].f[1], "d\xEF\xBF\xBD" "e");
	assert_non_null(strstr(rs->r[1].problem, "NUL"));
	expect_row(rs, 2, 2, "f", "g");
	rows_free(rs);

	/* in a long field too, where plain ASCII is checked a word at a time */
	static const char longer[] = "a,0123456789abcdef\0" "0123456789abcdef\n";
	rs = load(longer, sizeof longer - 1);
	assert_int_equal(rs->r[0].st, GW_EINVAL);
	assert_string_equal(rs->r[0].f[1], "0123456789abcdef\xEF\xBF\xBD" "0123456789abcdef");
	rows_free(rs);
}

static void test_utf8_bad_byte_in_row3(void **state)
{
	(void)state;
	const char *in = "编码,名称\nSC,舒城县\nSC-HB,杭\xFF埠镇\nSC-CD,城关镇\n";
	struct rows *rs = load_str(in);
	assert_int_equal(rs->enc, CSV_UTF8);
	assert_int_equal(rs->n, 4);
	expect_row(rs, 0, 2, "编码", "名称");
	expect_row(rs, 1, 2, "SC", "舒城县");
	assert_int_equal(rs->r[2].st, GW_EINVAL);
	assert_int_equal(rs->r[2].row, 3);
	assert_string_equal(rs->r[2].f[0], "SC-HB");
	assert_string_equal(rs->r[2].f[1], "杭\xEF\xBF\xBD埠镇"); /* shown as U+FFFD */
	assert_non_null(strstr(rs->r[2].problem, "第2列第4字节"));
	expect_row(rs, 3, 2, "SC-CD", "城关镇");
	rows_free(rs);

	gw_set_lang(GW_LANG_EN);
	rs = load_str(in);
	gw_set_lang(GW_LANG_ZH);
	assert_string_equal(rs->r[2].problem, "column 2, byte 4: not valid UTF-8 (0xFF)");
	rows_free(rs);
}

static void test_utf8_invalid_forms(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"\xC0\x80",         /* overlong NUL */
		"\xE0\x80\xAF",     /* overlong '/' */
		"\xED\xA0\x80",     /* surrogate */
		"\xF4\x90\x80\x80", /* past U+10FFFF */
		"\xF5\x80\x80\x80", /* never a lead byte */
		"\x80",             /* lone continuation */
		"\xE8\x88",         /* cut short at the field end */
		"\xE8\x88,",        /* cut short before a comma */
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char in[256];
		snprintf(in, sizeof in, "名称,编码\n舒城县,杭埠镇\nx%s\n城关镇,千人桥镇\n", bad[i]);
		struct rows *rs = load_str(in);
		assert_int_equal(rs->enc, CSV_UTF8);
		assert_int_equal(rs->n, 4);
		expect_row(rs, 1, 2, "舒城县", "杭埠镇");
		assert_int_equal(rs->r[2].st, GW_EINVAL);
		expect_row(rs, 3, 2, "城关镇", "千人桥镇");
		rows_free(rs);
	}
}

static void test_valid_utf8_edges(void **state)
{
	(void)state;
	/* U+0080, U+07FF, U+0800, U+FFFD, U+10000, U+10FFFF */
	const char *in = "\xC2\x80,\xDF\xBF,\xE0\xA0\x80,\xEF\xBF\xBD,\xF0\x90\x80\x80,\xF4\x8F\xBF\xBF\n";
	struct rows *rs = load_str(in);
	assert_int_equal(rs->enc, CSV_UTF8);
	expect_row(rs, 0, 6, "\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xEF\xBF\xBD",
		   "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF");
	rows_free(rs);
}

static void test_problem_language(void **state)
{
	(void)state;
	struct rows *rs = load_str("a\"b\n");
	assert_non_null(strstr(rs->r[0].problem, "第1列"));
	rows_free(rs);
	gw_set_lang(GW_LANG_EN);
	rs = load_str("a\"b\n");
	gw_set_lang(GW_LANG_ZH);
	assert_string_equal(rs->r[0].problem, "column 1: a quote inside a field that is not quoted");
	rows_free(rs);
}

/* ---- encodings -------------------------------------------------------- */

static void test_bom(void **state)
{
	(void)state;
	struct rows *rs = load_str("\xEF\xBB\xBF名称,code\n舒城县,SC\n");
	assert_int_equal(rs->enc, CSV_UTF8_BOM);
	expect_row(rs, 0, 2, "名称", "code");
	expect_row(rs, 1, 2, "舒城县", "SC");
	rows_free(rs);
	rs = load_str("\xEF\xBB\xBF\"q\",x\n");
	assert_int_equal(rs->enc, CSV_UTF8_BOM);
	expect_row(rs, 0, 2, "q", "x");
	rows_free(rs);
	rs = load_str("\xEF\xBB\xBF");
	assert_int_equal(rs->enc, CSV_UTF8_BOM);
	assert_int_equal(rs->n, 0);
	rows_free(rs);
}

static void test_char_cut_by_sample_end(void **state)
{
	(void)state;
	/* ASCII up to the sample's end, where 舒 is cut in two: the cut
	 * character is neither valid nor invalid, so the file stays UTF-8
	 * rather than looking like GB18030 (E8 88 is a valid GB18030 pair). */
	size_t n = SAMPLE_BYTES + 64;
	char *in = malloc(n), *p = in;
	p += sprintf(p, "a\n");
	while ((size_t)(p - in) < SAMPLE_BYTES - 2 - 8)
		p += sprintf(p, "1234567\n");
	while ((size_t)(p - in) < SAMPLE_BYTES - 2)
		*p++ = 'x';
	p += sprintf(p, "舒城县\n");
	struct rows *rs = load(in, (size_t)(p - in));
	assert_int_equal(rs->enc, CSV_UTF8);
	assert_int_equal(rs->r[rs->n - 1].st, GW_OK);
	assert_non_null(strstr(rs->r[rs->n - 1].f[0], "舒城县"));
	rows_free(rs);
	free(in);
}

static void test_small_utf8_with_bad_byte(void **state)
{
	(void)state;
	/* Too few characters for the ratio rule, but read as GB18030 it has
	 * more errors still: UTF-8, with the damaged row reported. */
	struct rows *rs = load_str("名\n舒\xFF\n");
	assert_int_equal(rs->enc, CSV_UTF8);
	expect_row(rs, 0, 1, "名");
	assert_int_equal(rs->r[1].st, GW_EINVAL);
	rows_free(rs);
}

static void test_gb18030_char_cut_by_sample_end(void **state)
{
	(void)state;
	/* 丂 (81 40) reads as one bad UTF-8 byte; 舒 (CA E6) is cut by the end
	 * of the sample, which must not count as a GB18030 error either. */
	size_t n = SAMPLE_BYTES + 64, gblen;
	char *utf = malloc(n), *p = utf;
	p += sprintf(p, "丂\n");
	/* 丂 is one byte longer in UTF-8, so 舒 starts at SAMPLE_BYTES - 1 */
	while ((size_t)(p - utf) < SAMPLE_BYTES - 8)
		p += sprintf(p, "1234567\n");
	while ((size_t)(p - utf) < SAMPLE_BYTES)
		*p++ = 'x';
	p += sprintf(p, "舒城县\n");
	char *gb = iconv_dup("GB18030", "UTF-8", utf, (size_t)(p - utf), &gblen);
	assert_int_equal((unsigned char)gb[SAMPLE_BYTES - 1], 0xCA);
	struct rows *rs = load(gb, gblen);
	assert_int_equal(rs->enc, CSV_GB18030);
	expect_row(rs, 0, 1, "丂");
	assert_non_null(strstr(rs->r[rs->n - 1].f[0], "舒城县"));
	rows_free(rs);
	free(gb);
	free(utf);
}

static void test_utf16_refused(void **state)
{
	(void)state;
	struct gw_err err;
	gw_err_clear(&err);
	assert_null(csv_open_mem("\xFF\xFEn\0a\0", 6, &err));
	assert_int_equal(err.code, GW_EINVAL);
	assert_non_null(strstr(err.msg, "UTF-16"));
	gw_err_clear(&err);
	assert_null(csv_open_mem("\xFE\xFF\0n\0a", 6, &err));
	assert_int_equal(err.code, GW_EINVAL);
}

static void test_encoding_names(void **state)
{
	(void)state;
	assert_string_equal(csv_encoding_name(CSV_UTF8), "UTF-8");
	assert_string_equal(csv_encoding_name(CSV_UTF8_BOM), "UTF-8 (BOM)");
	assert_string_equal(csv_encoding_name(CSV_GB18030), "GB18030");
}

static void test_gb18030_hex(void **state)
{
	(void)state;
	/* "名称\n舒城县,SC\n" in GB18030: 名称 = C3FB B3C6, 舒城县 = CAE6 B3C7 CFD8 */
	static const char in[] = "\xC3\xFB\xB3\xC6\n\xCA\xE6\xB3\xC7\xCF\xD8,SC\n";
	struct rows *rs = load(in, sizeof in - 1);
	assert_int_equal(rs->enc, CSV_GB18030);
	expect_row(rs, 0, 1, "名称");
	expect_row(rs, 1, 2, "舒城县", "SC");
	rows_free(rs);
}

static const char departments[] =
	"编号,承办部门,标题\n"
	"1,县委社会工作部,\"骑手驿站, 饮水\"\n"
	"2,县委人才办,人才引进\n"
	"3,县自然资源和规划局,用地审批\n"
	"4,市生态环境局舒城分局,环评验收\n"
	"5,县财政局,融资\n"
	"6,县人力资源和社会保障局,\"劳动权益\n多行\"\n"
	"7,舒城经济开发区管委会,项目落地\n"
	"8,县住房和城乡建设局,职工住房\n"
	"9,县教育体育局,子女入学\n"
	"10,县公安局交通管理大队,交通警情\n"
	"11,县司法局,矛盾纠纷\n"
	"12,县应急管理局,安全隐患\n"
	"13,县市场监督管理局,食品安全\n"
	"14,县交通运输局,招工\n"
	"15,县总工会,党员 \"\"说明\"\"\n"
	"16,县邮政管理局,其他\n";

static void test_gb18030_departments(void **state)
{
	(void)state;
	size_t n;
	char *gb = to_gb(departments, &n);
	struct rows *want = load_str(departments);
	struct rows *got = load(gb, n);
	assert_int_equal(want->enc, CSV_UTF8);
	assert_int_equal(got->enc, CSV_GB18030);
	got->enc = CSV_UTF8;
	rows_equal(want, got);
	assert_int_equal(got->n, 17);
	assert_int_equal(got->r[7].line, 8 + 1);
	rows_free(want);
	rows_free(got);
	free(gb);
}

static void test_gb18030_with_chance_utf8_pair(void **state)
{
	(void)state;
	/* 党员 = B5B3 D4B1, and D4 B1 happens to be valid UTF-8 (U+0531). */
	size_t n;
	char *gb = to_gb("党员,是\n", &n);
	assert_memory_equal(gb, "\xB5\xB3\xD4\xB1", 4);
	struct rows *rs = load(gb, n);
	assert_int_equal(rs->enc, CSV_GB18030);
	expect_row(rs, 0, 2, "党员", "是");
	rows_free(rs);
	free(gb);
}

static void test_gb18030_four_byte(void **state)
{
	(void)state;
	const char *utf = "名称,符号\n表情,😀\n扩展B,𠀀\n欧元,€\n拉丁,é\n";
	size_t n;
	char *gb = to_gb(utf, &n);
	struct rows *rs = load(gb, n);
	assert_int_equal(rs->enc, CSV_GB18030);
	expect_row(rs, 1, 2, "表情", "😀");
	expect_row(rs, 2, 2, "扩展B", "𠀀");
	expect_row(rs, 3, 2, "欧元", "€");
	expect_row(rs, 4, 2, "拉丁", "é");
	rows_free(rs);
	free(gb);
}

static void test_gb18030_bad_byte(void **state)
{
	(void)state;
	size_t n1, n2;
	char *a = to_gb("名称,编码\n舒城县,SC\n杭埠镇,", &n1);
	char *b = to_gb("SC-HB\n城关镇,SC-CD\n", &n2);
	char *in = malloc(n1 + n2 + 1);
	memcpy(in, a, n1);
	in[n1] = (char)0x80; /* never valid in GB18030 */
	memcpy(in + n1 + 1, b, n2);
	gw_set_lang(GW_LANG_EN);
	struct rows *rs = load(in, n1 + n2 + 1);
	gw_set_lang(GW_LANG_ZH);
	assert_int_equal(rs->enc, CSV_GB18030);
	assert_int_equal(rs->n, 4);
	expect_row(rs, 1, 2, "舒城县", "SC");
	assert_int_equal(rs->r[2].st, GW_EINVAL);
	assert_string_equal(rs->r[2].f[0], "杭埠镇");
	assert_string_equal(rs->r[2].f[1], "\xEF\xBF\xBDSC-HB");
	assert_string_equal(rs->r[2].problem, "column 2 holds bytes that are not valid GB18030");
	expect_row(rs, 3, 2, "城关镇", "SC-CD");
	rows_free(rs);
	free(a);
	free(b);
	free(in);
}

static void test_gb18030_lead_byte_before_newline(void **state)
{
	(void)state;
	size_t n1, n2;
	char *a = to_gb("名称,编码\n舒城县,", &n1);
	char *b = to_gb("\n城关镇,SC-CD\n杭埠镇", &n2);
	char *in = malloc(n1 + n2 + 2);
	memcpy(in, a, n1);
	in[n1] = (char)0xCA; /* a lead byte whose trail is the newline */
	memcpy(in + n1 + 1, b, n2);
	in[n1 + 1 + n2] = (char)0xCA; /* and one cut off by the end of the file */
	struct rows *rs = load(in, n1 + n2 + 2);
	assert_int_equal(rs->enc, CSV_GB18030);
	assert_int_equal(rs->n, 4);
	assert_int_equal(rs->r[1].st, GW_EINVAL);
	assert_string_equal(rs->r[1].f[0], "舒城县");
	expect_row(rs, 2, 2, "城关镇", "SC-CD");
	assert_int_equal(rs->r[3].st, GW_EINVAL);
	assert_string_equal(rs->r[3].f[0], "杭埠镇\xEF\xBF\xBD");
	rows_free(rs);
	free(a);
	free(b);
	free(in);
}

/* ---- size limits and streaming ---------------------------------------- */

static void test_long_field(void **state)
{
	(void)state;
	size_t n = 1u << 20, half = n / 8;
	char *in = malloc(n + 64), *p = in;
	p += sprintf(p, "id,text\n1,\"");
	for (size_t i = 0; i < n / 4; i++) {
		memcpy(p, i % 2 ? "舒," : ",\n\"\"", 4);
		p += 4;
	}
	p += sprintf(p, "\"\n2,x\n");
	struct rows *rs = load(in, (size_t)(p - in));
	assert_int_equal(rs->n, 3);
	assert_int_equal(rs->r[1].st, GW_OK);
	/* a doubled quote reads as one byte */
	assert_int_equal(rs->r[1].len[1], half * 3 + half * 4);
	assert_memory_equal(rs->r[1].f[1], ",\n\"舒,,\n\"舒,", 14);
	assert_memory_equal(rs->r[1].f[1] + rs->r[1].len[1] - 7, ",\n\"舒,", 7);
	expect_row(rs, 2, 2, "2", "x");
	assert_int_equal(rs->r[2].line, 3 + (long)half);
	rows_free(rs);
	free(in);
}

static void test_many_fields(void **state)
{
	(void)state;
	size_t nf = 10000;
	char *in = malloc(nf * 12 + 16), *p = in;
	for (size_t i = 0; i < nf; i++)
		p += sprintf(p, "%s列%zu", i ? "," : "", i);
	p += sprintf(p, "\nend\n");
	struct rows *rs = load(in, (size_t)(p - in));
	assert_int_equal(rs->n, 2);
	assert_int_equal(rs->r[0].st, GW_OK);
	assert_int_equal(rs->r[0].n, nf);
	for (size_t i = 0; i < nf; i += 997) {
		char want[32];
		snprintf(want, sizeof want, "列%zu", i);
		assert_string_equal(rs->r[0].f[i], want);
	}
	assert_string_equal(rs->r[0].f[nf - 1], "列9999");
	expect_row(rs, 1, 1, "end");
	rows_free(rs);
	free(in);
}

static void test_too_many_fields(void **state)
{
	(void)state;
	size_t nf = CSV_MAX_FIELDS + 5;
	char *in = malloc(nf * 2 + 32), *p = in;
	p += sprintf(p, "a,b\n");
	for (size_t i = 0; i < nf; i++) {
		*p++ = 'x';
		*p++ = i + 1 < nf ? ',' : '\n';
	}
	p += sprintf(p, "c,d\n");
	struct rows *rs = load(in, (size_t)(p - in));
	assert_int_equal(rs->n, 3);
	assert_int_equal(rs->r[1].st, GW_EINVAL);
	assert_int_equal(rs->r[1].n, CSV_MAX_FIELDS);
	expect_row(rs, 2, 2, "c", "d");
	rows_free(rs);
	free(in);
}

static void test_too_long_record(void **state)
{
	(void)state;
	size_t n = CSV_MAX_RECORD_BYTES + 100;
	char *in = malloc(n + 64), *p = in;
	p += sprintf(p, "a,b\n1,");
	memset(p, 'y', n);
	p += n;
	p += sprintf(p, "\nc,d\n");
	gw_set_lang(GW_LANG_EN);
	struct rows *rs = load(in, (size_t)(p - in));
	gw_set_lang(GW_LANG_ZH);
	assert_int_equal(rs->n, 3);
	assert_int_equal(rs->r[1].st, GW_EINVAL);
	assert_non_null(strstr(rs->r[1].problem, "longer than 16 MiB"));
	assert_true(rs->r[1].len[1] < n);
	expect_row(rs, 2, 2, "c", "d");
	rows_free(rs);

	/* A quote that never closes says so, not just that the record is long. */
	in[4] = '"';
	gw_set_lang(GW_LANG_EN);
	rs = load(in, (size_t)(p - in));
	gw_set_lang(GW_LANG_ZH);
	assert_int_equal(rs->n, 2);
	assert_non_null(strstr(rs->r[1].problem, "not closed"));
	rows_free(rs);
	free(in);
}

/* Row i of the generated file: a number, a name, a quoted note. */
static void gen_row(FILE *fp, unsigned i)
{
	fprintf(fp, "%u,舒城县第%u网格,\"备注, 第%u行\"\n", i, i % 97, i);
}

static void check_gen_row(const struct csv_record *rec, unsigned i)
{
	char want[64];
	assert_int_equal(rec->status, GW_OK);
	assert_int_equal(rec->nfields, 3);
	assert_int_equal(strtoul(rec->fields[0], NULL, 10), i);
	snprintf(want, sizeof want, "舒城县第%u网格", i % 97);
	assert_string_equal(rec->fields[1], want);
	snprintf(want, sizeof want, "备注, 第%u行", i);
	assert_string_equal(rec->fields[2], want);
}

static void test_stream_200k_rows(void **state)
{
	(void)state;
	const unsigned rows = 200000;
	FILE *fp = tmpfile();
	assert_non_null(fp);
	fputs("id,name,note\n", fp);
	for (unsigned i = 1; i <= rows; i++)
		gen_row(fp, i);
	rewind(fp);

	struct gw_err err;
	struct csv_reader *r = csv_open(fp, &err);
	assert_non_null(r);
	assert_int_equal(csv_encoding(r), CSV_UTF8);
	struct csv_record rec;
	assert_int_equal(csv_read(r, &rec, &err), 1);
	unsigned i = 0;
	while (csv_read(r, &rec, &err) == 1) {
		i++;
		if (i % 1000 == 1 || i == rows)
			check_gen_row(&rec, i);
		else
			assert_int_equal(rec.status, GW_OK);
		assert_int_equal(rec.row, (long)i + 1);
		assert_int_equal(rec.line, (long)i + 1);
	}
	assert_int_equal(i, rows);
	csv_close(r);
	fclose(fp);
}

static void test_pipe_input(void **state)
{
	(void)state;
	const unsigned rows = 60000; /* about 3 MiB: well past the sample */
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		FILE *out = fdopen(fds[1], "w");
		if (!out)
			_exit(1);
		fputs("id,name,note\n", out);
		for (unsigned i = 1; i <= rows; i++)
			gen_row(out, i);
		_exit(fclose(out) == 0 ? 0 : 1);
	}
	close(fds[1]);
	FILE *fp = fdopen(fds[0], "r");
	assert_non_null(fp);
	struct gw_err err;
	struct csv_reader *r = csv_open(fp, &err);
	assert_non_null(r);
	struct csv_record rec;
	assert_int_equal(csv_read(r, &rec, &err), 1);
	unsigned i = 0;
	while (csv_read(r, &rec, &err) == 1)
		check_gen_row(&rec, ++i);
	assert_int_equal(i, rows);
	csv_close(r);
	fclose(fp);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* Fields of row i of the boundary file: lengths vary so that characters of
 * every width land across read boundaries; CRLF line ends and a quoted CRLF
 * inside the third field. */
static const char *const words[] = {"舒城县", "😀", "杭埠镇", "é", "𠀀", "网格", "a"};

static void boundary_fields(unsigned i, char f[3][128])
{
	snprintf(f[0], 128, "%u%.*s", i, (int)(i * 7 % 13), "xxxxxxxxxxxxx");
	snprintf(f[1], 128, "%s%s%s", words[i % 7], words[i / 7 % 7], words[i / 49 % 7]);
	snprintf(f[2], 128, "%s\r\n%s,\"%s\"", words[(i + 1) % 7], words[(i + 3) % 7], words[i % 5]);
}

static char *boundary_file(unsigned rows, size_t *len)
{
	char *buf;
	FILE *mem = open_memstream(&buf, len);
	assert_non_null(mem);
	char f[3][128];
	for (unsigned i = 0; i < rows; i++) {
		boundary_fields(i, f);
		fprintf(mem, "%s,%s,\"", f[0], f[1]);
		for (const char *s = f[2]; *s; s++)
			fprintf(mem, *s == '"' ? "\"\"" : "%c", *s);
		fputs("\"\r\n", mem);
	}
	fclose(mem);
	return buf;
}

/* Counts read boundaries that fall inside a character. */
static unsigned split_chars(const unsigned char *s, size_t len, int gb)
{
	unsigned hits = 0;
	size_t b = SAMPLE_BYTES;
	for (size_t i = 0, k; i < len; i += k) {
		k = 1;
		if (gb && s[i] >= 0x81 && i + 1 < len)
			k = s[i + 1] >= 0x30 && s[i + 1] <= 0x39 ? 4 : 2;
		else if (!gb && s[i] >= 0xC0)
			k = s[i] >= 0xF0 ? 4 : s[i] >= 0xE0 ? 3 : 2;
		while (b <= i)
			b += CHUNK_BYTES;
		if (b < i + k)
			hits++;
	}
	return hits;
}

static void check_boundary_rows(const struct rows *rs, unsigned rows)
{
	char f[3][128];
	assert_int_equal(rs->n, rows);
	for (unsigned i = 0; i < rows; i++) {
		boundary_fields(i, f);
		expect_row(rs, i, 3, f[0], f[1], f[2]);
		assert_int_equal(rs->r[i].line, 2 * (long)i + 1);
	}
}

static void test_chunk_boundaries_utf8(void **state)
{
	(void)state;
	const unsigned rows = 60000;
	size_t len;
	char *buf = boundary_file(rows, &len);
	assert_true(len > SAMPLE_BYTES + 20 * CHUNK_BYTES);
	assert_true(split_chars((unsigned char *)buf, len, 0) >= 5);
	struct rows *rs = load(buf, len);
	assert_int_equal(rs->enc, CSV_UTF8);
	check_boundary_rows(rs, rows);
	rows_free(rs);
	free(buf);
}

static void test_chunk_boundaries_gb18030(void **state)
{
	(void)state;
	const unsigned rows = 60000;
	size_t len, gblen;
	char *buf = boundary_file(rows, &len);
	char *gb = iconv_dup("GB18030", "UTF-8", buf, len, &gblen);
	assert_true(gblen > SAMPLE_BYTES + 20 * CHUNK_BYTES);
	assert_true(split_chars((unsigned char *)gb, gblen, 1) >= 5);
	struct rows *rs = load(gb, gblen);
	assert_int_equal(rs->enc, CSV_GB18030);
	check_boundary_rows(rs, rows);
	rows_free(rs);
	free(gb);
	free(buf);
}

/* ---- robustness ------------------------------------------------------- */

static unsigned long rng_state = 12345;

static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ul + 1442695040888963407ul;
	return (unsigned)(rng_state >> 33) % n;
}

static void read_and_check(const void *buf, size_t len)
{
	struct gw_err err;
	struct csv_reader *r = csv_open_mem(buf, len, &err);
	if (!r) {
		/* only a UTF-16 mark refuses to open */
		assert_true(len >= 2);
		return;
	}
	struct csv_record rec;
	long row = 0;
	int k;
	while ((k = csv_read(r, &rec, &err)) == 1) {
		check_record(&rec);
		assert_int_equal(rec.row, ++row);
	}
	assert_int_equal(k, 0);
	csv_close(r);
}

static void test_random_inputs(void **state)
{
	(void)state;
	static const unsigned char alphabet[] = {
		'a', 'b', ',', ',', '"', '"', '\n', '\r', ' ', 0, 0xE8, 0x88, 0x92, 0xFF,
		0x81, 0x30, 0xCA, 0xE6, 0xEF, 0xBB, 0xBF, 0xC0,
	};
	unsigned char buf[400];
	for (int t = 0; t < 4000; t++) {
		size_t len = rnd(sizeof buf);
		int raw = t % 4 == 0;
		for (size_t i = 0; i < len; i++)
			buf[i] = raw ? (unsigned char)rnd(256) : alphabet[rnd(sizeof alphabet)];
		read_and_check(buf, len);
	}
}

static void test_every_prefix(void **state)
{
	(void)state;
	size_t n;
	char *gb = to_gb(departments, &n);
	static const char tricky[] = "\xEF\xBB\xBF" "a,\"b\"\"\r\nc\",d\r\n\"e\"x,\"\"\r\n\n"
				     "舒城县,\"杭,埠\"\r\n\xE8\x88,\0,\"unterminated\r\n";
	for (size_t len = 0; len <= sizeof tricky - 1; len++)
		read_and_check(tricky, len);
	for (size_t len = 0; len <= n; len++)
		read_and_check(gb, len);
	free(gb);
}

/* ---- writer ----------------------------------------------------------- */

/* Writes rows to a memory stream and returns the bytes. */
static char *write_rows(enum csv_encoding enc, const char *const *fields, size_t nrows,
			size_t ncols, size_t *len)
{
	char *buf;
	FILE *mem = open_memstream(&buf, len);
	assert_non_null(mem);
	struct gw_err err;
	struct csv_writer *w = csv_writer_open(mem, enc, &err);
	assert_non_null(w);
	for (size_t i = 0; i < nrows; i++)
		assert_int_equal(csv_write_row(w, fields + i * ncols, ncols, &err), 0);
	assert_int_equal(csv_writer_close(w, &err), 0);
	fclose(mem);
	return buf;
}

static void test_writer_quoting(void **state)
{
	(void)state;
	const char *const f[] = {
		"plain", "a,b", "say \"hi\"", "two\nlines", "cr\rx", " lead", "trail ", NULL, "", "中 文",
	};
	size_t len;
	char *out = write_rows(CSV_UTF8, f, 1, sizeof f / sizeof *f, &len);
	const char *want = "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rx\","
			   "\" lead\",\"trail \",,,中 文\r\n";
	assert_int_equal(len, strlen(want));
	assert_memory_equal(out, want, len);
	free(out);
}

static void test_writer_formula_escaping(void **state)
{
	(void)state;
	const char *const f[] = {"=SUM(A1:A9)", "+1", "-2", "@cmd", "\tx", "\rx", "a=b", "'q"};
	size_t len;
	char *out = write_rows(CSV_UTF8, f, 1, sizeof f / sizeof *f, &len);
	const char *want = "'=SUM(A1:A9),'+1,'-2,'@cmd,'\tx,\"'\rx\",a=b,'q\r\n";
	assert_int_equal(len, strlen(want));
	assert_memory_equal(out, want, len);
	/* =HYPERLINK with a comma: quoted, and still prefixed */
	const char *const g[] = {"=HYPERLINK(\"http://x\",\"y\")"};
	free(out);
	out = write_rows(CSV_UTF8, g, 1, 1, &len);
	want = "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n";
	assert_int_equal(len, strlen(want));
	assert_memory_equal(out, want, len);
	free(out);
}

static void test_writer_bom(void **state)
{
	(void)state;
	const char *const f[] = {"名称", "code"};
	size_t len;
	char *out = write_rows(CSV_UTF8_BOM, f, 1, 2, &len);
	assert_int_equal(len, 3 + strlen("名称,code\r\n"));
	assert_memory_equal(out, "\xEF\xBB\xBF名称,code\r\n", len);
	free(out);
	out = write_rows(CSV_UTF8, f, 1, 2, &len);
	assert_memory_equal(out, "名称,code\r\n", len);
	free(out);
	/* a BOM even with no rows, so an empty export still opens as UTF-8 */
	out = write_rows(CSV_UTF8_BOM, f, 0, 2, &len);
	assert_int_equal(len, 3);
	free(out);
}

static void test_writer_gb18030_bytes(void **state)
{
	(void)state;
	const char *const f[] = {"舒城县", "SC", "😀"};
	size_t len;
	char *out = write_rows(CSV_GB18030, f, 1, 3, &len);
	static const char want[] = "\xCA\xE6\xB3\xC7\xCF\xD8,SC,\x94\x39\xFC\x36\r\n";
	assert_int_equal(len, sizeof want - 1);
	assert_memory_equal(out, want, len);
	free(out);
}

static void test_writer_gb18030_unrepresentable(void **state)
{
	(void)state;
	char *buf;
	size_t len;
	FILE *mem = open_memstream(&buf, &len);
	struct gw_err err;
	struct csv_writer *w = csv_writer_open(mem, CSV_GB18030, &err);
	assert_non_null(w);
	const char *const ok[] = {"舒城县", "SC"};
	const char *const bad[] = {"杭埠镇", "x\xEE\x9E\x8Dy"}; /* U+E78D: no GB18030 code in glibc */
	assert_int_equal(csv_write_row(w, ok, 2, &err), 0);
	gw_set_lang(GW_LANG_EN);
	assert_int_equal(csv_write_row(w, bad, 2, &err), -1);
	gw_set_lang(GW_LANG_ZH);
	assert_int_equal(err.code, GW_EINVAL);
	assert_string_equal(err.msg, "column 2: character U+E78D cannot be written in GB18030");
	assert_int_equal(csv_write_row(w, ok, 2, &err), 0);
	assert_int_equal(csv_writer_close(w, &err), 0);
	fclose(mem);
	/* the failed row left nothing behind */
	static const char want[] = "\xCA\xE6\xB3\xC7\xCF\xD8,SC\r\n\xCA\xE6\xB3\xC7\xCF\xD8,SC\r\n";
	assert_int_equal(len, sizeof want - 1);
	assert_memory_equal(buf, want, len);
	free(buf);
}

static void test_writer_rejects_bad_rows(void **state)
{
	(void)state;
	char *buf;
	size_t len;
	FILE *mem = open_memstream(&buf, &len);
	struct gw_err err;
	struct csv_writer *w = csv_writer_open(mem, CSV_UTF8, &err);
	const char *const bad[] = {"ok", "\xE8\x88"};
	gw_err_clear(&err);
	assert_int_equal(csv_write_row(w, bad, 2, &err), -1);
	assert_int_equal(err.code, GW_EINVAL);
	assert_non_null(strstr(err.msg, "第2列"));
	gw_err_clear(&err);
	assert_int_equal(csv_write_row(w, bad, 0, &err), -1);
	assert_int_equal(err.code, GW_EINVAL);
	assert_int_equal(csv_writer_close(w, &err), 0);
	fclose(mem);
	assert_int_equal(len, 0);
	free(buf);
	assert_null(csv_writer_open(NULL, CSV_UTF8, &err));
	assert_null(csv_writer_open(stdout, (enum csv_encoding)7, &err));
}

static void test_writer_single_empty_field(void **state)
{
	(void)state;
	const char *const f[] = {"a", "", NULL, "b"};
	size_t len;
	char *out = write_rows(CSV_UTF8, f, 4, 1, &len);
	assert_memory_equal(out, "a\r\n\"\"\r\n\"\"\r\nb\r\n", len);
	struct rows *rs = load(out, len);
	assert_int_equal(rs->n, 4);
	expect_row(rs, 1, 1, "");
	expect_row(rs, 2, 1, "");
	rows_free(rs);
	free(out);
}

static const char *const sample_rows[] = {
	"编号", "标题", "描述", "网格编码",
	"1", "骑手驿站, 饮水", "说 \"急\"\n第二行\r\n第三行", "SC-HB-G01",
	"", " 前后空格 ", "\"", "SC",
	"😀𠀀é€", ",", "\"\"", "a,b\"c",
	"QS-2024-001", "县总工会", "", "",
};

static void roundtrip(enum csv_encoding enc, enum csv_encoding detected)
{
	size_t ncols = 4, nrows = sizeof sample_rows / sizeof *sample_rows / ncols, len;
	char *out = write_rows(enc, sample_rows, nrows, ncols, &len);
	FILE *fp = tmp_with(out, len);
	struct gw_err err;
	struct csv_reader *r = csv_open(fp, &err);
	assert_non_null(r);
	struct rows *rs = read_all(r);
	csv_close(r);
	fclose(fp);
	assert_int_equal(rs->enc, detected);
	assert_int_equal(rs->n, nrows);
	for (size_t i = 0; i < nrows; i++) {
		assert_int_equal(rs->r[i].st, GW_OK);
		assert_int_equal(rs->r[i].n, ncols);
		for (size_t j = 0; j < ncols; j++)
			assert_string_equal(rs->r[i].f[j], sample_rows[i * ncols + j]);
	}
	rows_free(rs);
	free(out);
}

static void test_roundtrip_utf8(void **state)
{
	(void)state;
	roundtrip(CSV_UTF8, CSV_UTF8);
}

static void test_roundtrip_utf8_bom(void **state)
{
	(void)state;
	roundtrip(CSV_UTF8_BOM, CSV_UTF8_BOM);
}

static void test_roundtrip_gb18030(void **state)
{
	(void)state;
	roundtrip(CSV_GB18030, CSV_GB18030);
}

static void test_roundtrip_formula_keeps_prefix(void **state)
{
	(void)state;
	/* The reader does not undo the escape: "'=1" could be real data. */
	const char *const f[] = {"=1+1", "-3"};
	size_t len;
	char *out = write_rows(CSV_UTF8, f, 1, 2, &len);
	struct rows *rs = load(out, len);
	expect_row(rs, 0, 2, "'=1+1", "'-3");
	rows_free(rs);
	free(out);
}

static void test_null_arguments(void **state)
{
	(void)state;
	struct gw_err err;
	struct csv_record rec;
	assert_null(csv_open(NULL, &err));
	assert_int_equal(err.code, GW_EINVAL);
	assert_int_equal(csv_read(NULL, &rec, &err), -1);
	csv_close(NULL);
	assert_int_equal(csv_writer_close(NULL, &err), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple_rows),
		cmocka_unit_test(test_ascii_is_utf8),
		cmocka_unit_test(test_quoted_commas),
		cmocka_unit_test(test_doubled_quotes),
		cmocka_unit_test(test_quoted_lf_rows_and_lines),
		cmocka_unit_test(test_crlf_line_ends),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_empty_fields),
		cmocka_unit_test(test_empty_lines_skipped),
		cmocka_unit_test(test_quoted_empty_line_kept),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_lone_cr_is_data),
		cmocka_unit_test(test_spaces_kept),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_stray_quote),
		cmocka_unit_test(test_text_after_closing_quote),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_utf8_bad_byte_in_row3),
		cmocka_unit_test(test_utf8_invalid_forms),
		cmocka_unit_test(test_valid_utf8_edges),
		cmocka_unit_test(test_problem_language),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_char_cut_by_sample_end),
		cmocka_unit_test(test_small_utf8_with_bad_byte),
		cmocka_unit_test(test_gb18030_char_cut_by_sample_end),
		cmocka_unit_test(test_utf16_refused),
		cmocka_unit_test(test_encoding_names),
		cmocka_unit_test(test_gb18030_hex),
		cmocka_unit_test(test_gb18030_departments),
		cmocka_unit_test(test_gb18030_with_chance_utf8_pair),
		cmocka_unit_test(test_gb18030_four_byte),
		cmocka_unit_test(test_gb18030_bad_byte),
		cmocka_unit_test(test_gb18030_lead_byte_before_newline),
		cmocka_unit_test(test_long_field),
		cmocka_unit_test(test_many_fields),
		cmocka_unit_test(test_too_many_fields),
		cmocka_unit_test(test_too_long_record),
		cmocka_unit_test(test_stream_200k_rows),
		cmocka_unit_test(test_pipe_input),
		cmocka_unit_test(test_chunk_boundaries_utf8),
		cmocka_unit_test(test_chunk_boundaries_gb18030),
		cmocka_unit_test(test_random_inputs),
		cmocka_unit_test(test_every_prefix),
		cmocka_unit_test(test_writer_quoting),
		cmocka_unit_test(test_writer_formula_escaping),
		cmocka_unit_test(test_writer_bom),
		cmocka_unit_test(test_writer_gb18030_bytes),
		cmocka_unit_test(test_writer_gb18030_unrepresentable),
		cmocka_unit_test(test_writer_rejects_bad_rows),
		cmocka_unit_test(test_writer_single_empty_field),
		cmocka_unit_test(test_roundtrip_utf8),
		cmocka_unit_test(test_roundtrip_utf8_bom),
		cmocka_unit_test(test_roundtrip_gb18030),
		cmocka_unit_test(test_roundtrip_formula_keeps_prefix),
		cmocka_unit_test(test_null_arguments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
