/* csv.c - the streaming RFC 4180 reader (see csv.h): encoding detection,
 * GB18030 decoding, record parsing, and the UTF-8 checks it shares with
 * the writer (csv_write.c) through csv_int.h.
 *
 * The parser only ever looks at ASCII bytes (quote, comma, CR, LF) to find
 * structure.  In UTF-8 no byte of a multi-byte sequence is ASCII, and the
 * GB18030 input is converted to UTF-8 before parsing, so records split the
 * same way whatever the bytes between them; validity is checked per record
 * afterwards, so a bad byte spoils one record and never the framing. */
#include "csv.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv_int.h"

enum {
	SAMPLE_SIZE = 1 << 20,  /* bytes looked at to detect the encoding */
	CHUNK_SIZE = 64 << 10,  /* read size after the sample */
	DEC_SIZE = 256 << 10,   /* GB18030 -> UTF-8 output block */
};

/* iconv never yields 0xFF in UTF-8, so it marks an undecodable GB18030 byte
 * in the decoded stream; the record check turns it into a bad record. */
#define GB_BAD_BYTE 0xFF

struct csv_reader {
	FILE *fp;                 /* NULL for a memory reader */
	enum csv_encoding enc;
	int eof;                  /* no more raw bytes will come */
	int failed;               /* a read error or OOM: the stream is lost */
	char *raw;                /* undecoded bytes: [raw_pos, raw_len) unread */
	size_t raw_cap, raw_len, raw_pos;
	iconv_t cd;               /* GB18030 -> UTF-8, or (iconv_t)-1 */
	char *dec;                /* decoded block (GB18030 only) */
	const unsigned char *in;  /* what the parser reads: raw or dec */
	size_t in_pos, in_len;
	char *rec;                /* the record: fields, each NUL-terminated */
	size_t rec_len, rec_cap;
	char **fields;
	size_t *lens;
	size_t nf_cap;
	long row, line;
};

/* Why a record is bad; the message is written once the record is complete. */
enum bad_kind {
	BAD_NONE, BAD_STRAY_QUOTE, BAD_AFTER_QUOTE, BAD_TOO_LONG, BAD_TOO_MANY,
	BAD_UNTERMINATED, BAD_NUL, BAD_UTF8, BAD_GB18030,
};

struct bad {
	enum bad_kind kind;
	size_t col;       /* 1-based */
	size_t off;       /* byte offset in the field (invalid UTF-8) */
	unsigned byte;
};

void csv_oom(struct gw_err *err)
{
	gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
}

const char *csv_encoding_name(enum csv_encoding enc)
{
	static const char *const names[] = {"UTF-8", "UTF-8 (BOM)", "GB18030"};
	return (unsigned)enc < 3 ? names[enc] : "?";
}

int csv_grow(char **p, size_t *cap, size_t need)
{
	if (need <= *cap)
		return 0;
	size_t c = *cap ? *cap : 4096;
	while (c < need)
		c *= 2;
	char *n = realloc(*p, c);
	if (!n)
		return -1;
	*p = n;
	*cap = c;
	return 0;
}

/* Length of the valid UTF-8 sequence that starts at s (at most n bytes), or
 * 0 when it is invalid; *cut is set when it was valid so far but n ran out.
 * Strict: no overlong forms, surrogates or code points past U+10FFFF. */
static size_t utf8_seq(const unsigned char *s, size_t n, int *cut)
{
	unsigned c = s[0], lo = 0x80, hi = 0xBF;
	size_t need;

	*cut = 0;
	if (c < 0x80)
		return 1;
	if (c < 0xC2)
		return 0;
	if (c < 0xE0) {
		need = 2;
	} else if (c < 0xF0) {
		need = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c < 0xF5) {
		need = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	for (size_t i = 1; i < need; i++) {
		if (i >= n) {
			*cut = 1;
			return 0;
		}
		if (s[i] < lo || s[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xBF;
	}
	return need;
}

size_t csv_utf8_check(const unsigned char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	size_t i = 0;
	int cut;

	while (i < n) {
		/* Eight plain ASCII bytes at a time: a high bit, or a borrow out
		 * of a zero byte, sends the word to the careful path. */
		while (n - i >= 8) {
			uint64_t v;
			memcpy(&v, s + i, 8);
			if (((v - ones) | v) & highs)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if (s[i] == 0)
			return i;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		size_t k = utf8_seq(s + i, n - i, &cut);
		if (k == 0)
			return i;
		i += k;
	}
	return n;
}

/* ---- input ------------------------------------------------------------ */

/* Keeps the unread raw bytes, moves them to the front and appends up to
 * `want` more.  Returns 0, or -1 on a read error. */
static int read_raw(struct csv_reader *r, size_t want, struct gw_err *err)
{
	if (r->eof)
		return 0;
	size_t keep = r->raw_len - r->raw_pos;
	if (keep && r->raw_pos)
		memmove(r->raw, r->raw + r->raw_pos, keep);
	r->raw_pos = 0;
	r->raw_len = keep;
	if (want > r->raw_cap - keep)
		want = r->raw_cap - keep;
	size_t got = fread(r->raw + keep, 1, want, r->fp);
	r->raw_len += got;
	if (got < want) {
		if (ferror(r->fp)) {
			gw_fail(err, GW_EIO, "读取CSV文件失败：%s",
				"cannot read the CSV file: %s", strerror(errno));
			return -1;
		}
		r->eof = 1;
	}
	return 0;
}

/* Converts unread raw GB18030 bytes into r->dec as far as they go.  A byte
 * that cannot start a character becomes GB_BAD_BYTE and is skipped, so one
 * bad byte costs one record; a sequence cut by the end of the buffer waits
 * for more input unless the input has ended. */
static void gb_decode(struct csv_reader *r)
{
	char *ip = r->raw + r->raw_pos, *op = r->dec;
	size_t il = r->raw_len - r->raw_pos, ol = DEC_SIZE;

	while (il > 0 && ol > 0) {
		if (iconv(r->cd, &ip, &il, &op, &ol) != (size_t)-1)
			break;
		if (errno == E2BIG || (errno == EINVAL && !r->eof))
			break;
		*op++ = (char)GB_BAD_BYTE;
		ol--;
		ip++;
		il--;
	}
	r->raw_pos = (size_t)(ip - r->raw);
	r->in = (const unsigned char *)r->dec;
	r->in_pos = 0;
	r->in_len = (size_t)(op - r->dec);
}

/* Makes more parser input available.  Returns 1, 0 at the end, -1 on error. */
static int refill(struct csv_reader *r, struct gw_err *err)
{
	if (r->enc != CSV_GB18030) {
		if (r->eof)
			return 0;
		r->raw_pos = r->raw_len;
		if (read_raw(r, CHUNK_SIZE, err) < 0)
			return -1;
		r->in = (const unsigned char *)r->raw;
		r->in_pos = 0;
		r->in_len = r->raw_len;
		return r->in_len > 0;
	}
	for (;;) {
		gb_decode(r);
		if (r->in_len > 0)
			return 1;
		if (r->eof)
			return 0;
		if (read_raw(r, CHUNK_SIZE, err) < 0)
			return -1;
	}
}

/* ---- detection -------------------------------------------------------- */

/* Undecodable bytes when the sample is read as GB18030.  `whole` says the
 * sample is the entire input, so a cut-off sequence at its end counts. */
static size_t gb_errors(iconv_t cd, char *in, size_t n, int whole,
			char *scratch)
{
	size_t bad = 0;

	while (n > 0) {
		char *op = scratch;
		size_t ol = DEC_SIZE;
		if (iconv(cd, &in, &n, &op, &ol) != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !whole)
			break;
		bad++;
		in++;
		n--;
	}
	iconv(cd, NULL, NULL, NULL, NULL);
	return bad;
}

/* Chooses the encoding from the sample in r->raw and prepares the parser's
 * input.  Returns 0, or -1 when the input cannot be read at all. */
static int detect(struct csv_reader *r, struct gw_err *err)
{
	const unsigned char *s = (const unsigned char *)r->raw;
	size_t n = r->raw_len, valid = 0, bad = 0, i = 0;
	int cut;

	if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
		gw_fail(err, GW_EINVAL,
			"文件是UTF-16编码（“Unicode文本”），请另存为“CSV UTF-8”",
			"the file is UTF-16 (\"Unicode text\"); save it as \"CSV UTF-8\"");
		return -1;
	}
	r->in = s;
	r->in_len = n;
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
		r->enc = CSV_UTF8_BOM;
		r->in_pos = 3;
		return 0;
	}
	r->enc = CSV_UTF8;
	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		size_t k = utf8_seq(s + i, n - i, &cut);
		if (cut && !r->eof)
			break;
		if (k) {
			valid++;
			i += k;
		} else {
			bad++;
			i++;
		}
	}
	/* Chinese text in GB18030 forms the odd valid UTF-8 pair by chance but
	 * far more invalid bytes; UTF-8 with a few damaged bytes is the reverse. */
	if (bad == 0 || (valid > 0 && bad * 4 < valid))
		return 0;

	char *dec = malloc(DEC_SIZE);
	if (!dec) {
		csv_oom(err);
		return -1;
	}
	/* Without a GB18030 converter the rows are read as UTF-8 and say why. */
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1 || gb_errors(cd, r->raw, n, r->eof, dec) >= bad) {
		if (cd != (iconv_t)-1)
			iconv_close(cd);
		free(dec);
		return 0;
	}
	r->enc = CSV_GB18030;
	r->cd = cd;
	r->dec = dec;
	r->raw_pos = 0;
	r->in_pos = r->in_len = 0;
	return 0;
}

static struct csv_reader *reader_new(void)
{
	struct csv_reader *r = calloc(1, sizeof *r);
	if (r) {
		r->cd = (iconv_t)-1;
		r->line = 1;
	}
	return r;
}

struct csv_reader *csv_open(FILE *fp, struct gw_err *err)
{
	if (!fp) {
		gw_fail(err, GW_EINVAL, "没有打开的文件", "no file to read");
		return NULL;
	}
	struct csv_reader *r = reader_new();
	if (!r || !(r->raw = malloc(SAMPLE_SIZE))) {
		free(r);
		csv_oom(err);
		return NULL;
	}
	r->fp = fp;
	r->raw_cap = SAMPLE_SIZE;
	if (read_raw(r, SAMPLE_SIZE, err) < 0 || detect(r, err) < 0) {
		csv_close(r);
		return NULL;
	}
	return r;
}

struct csv_reader *csv_open_mem(const void *buf, size_t len, struct gw_err *err)
{
	struct csv_reader *r = reader_new();
	if (!r || !(r->raw = malloc(len ? len : 1))) {
		free(r);
		csv_oom(err);
		return NULL;
	}
	if (len)
		memcpy(r->raw, buf, len);
	r->raw_cap = r->raw_len = len;
	r->eof = 1;
	/* Detection sees at most a sample, as it would from a file. */
	if (len > SAMPLE_SIZE) {
		r->raw_len = SAMPLE_SIZE;
		r->eof = 0;
	}
	int rc = detect(r, err);
	r->raw_len = len;
	r->eof = 1;
	if (rc < 0) {
		csv_close(r);
		return NULL;
	}
	if (r->enc != CSV_GB18030)
		r->in_len = len;
	return r;
}

enum csv_encoding csv_encoding(const struct csv_reader *r)
{
	return r->enc;
}

void csv_close(struct csv_reader *r)
{
	if (!r)
		return;
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	free(r->raw);
	free(r->dec);
	free(r->rec);
	free(r->fields);
	free(r->lens);
	free(r);
}

/* ---- records ---------------------------------------------------------- */

static void note(struct bad *b, enum bad_kind kind, size_t col)
{
	/* The first fault is usually the cause; but a record cut short is the
	 * symptom of a quote that never closes. */
	if (b->kind == BAD_NONE || (b->kind == BAD_TOO_LONG && kind == BAD_UNTERMINATED)) {
		b->kind = kind;
		b->col = col;
	}
}

static inline int put(struct csv_reader *r, const void *s, size_t n, struct bad *b, size_t col)
{
	if (r->rec_len + n > CSV_MAX_RECORD_BYTES) {
		n = r->rec_len < CSV_MAX_RECORD_BYTES ? CSV_MAX_RECORD_BYTES - r->rec_len : 0;
		note(b, BAD_TOO_LONG, col);
	}
	if (r->rec_len + n + 1 > r->rec_cap && csv_grow(&r->rec, &r->rec_cap, r->rec_len + n + 1) < 0)
		return -1;
	memcpy(r->rec + r->rec_len, s, n);
	r->rec_len += n;
	return 0;
}

/* Closes the field that began at *fstart. */
static int end_field(struct csv_reader *r, size_t *nf, size_t *fstart, struct bad *b)
{
	if (*nf >= CSV_MAX_FIELDS) {
		note(b, BAD_TOO_MANY, *nf + 1);
		r->rec_len = *fstart;
		return 0;
	}
	if (*nf == r->nf_cap) {
		size_t cap = r->nf_cap ? r->nf_cap * 2 : 32;
		char **f = realloc(r->fields, cap * sizeof *f);
		if (!f)
			return -1;
		r->fields = f;
		size_t *l = realloc(r->lens, cap * sizeof *l);
		if (!l)
			return -1;
		r->lens = l;
		r->nf_cap = cap;
	}
	if (csv_grow(&r->rec, &r->rec_cap, r->rec_len + 1) < 0)
		return -1;
	r->lens[*nf] = r->rec_len - *fstart;
	r->rec[r->rec_len++] = '\0';
	*fstart = r->rec_len;
	(*nf)++;
	return 0;
}

/* Rewrites the record with each NUL or invalid byte as U+FFFD, so that even
 * a bad record hands out valid UTF-8 C strings (for the rejected-rows file
 * and the screen). */
static int repair(struct csv_reader *r, size_t nf)
{
	char *out = malloc(r->rec_len * 3 + 1);
	if (!out)
		return -1;
	const unsigned char *s = (const unsigned char *)r->rec;
	size_t o = 0;
	for (size_t i = 0; i < nf; i++) {
		size_t n = r->lens[i], j = 0, start = o;
		while (j < n) {
			size_t k = csv_utf8_check(s + j, n - j);
			memcpy(out + o, s + j, k);
			o += k;
			j += k;
			if (j < n) {
				memcpy(out + o, "\xEF\xBF\xBD", 3);
				o += 3;
				j++;
			}
		}
		r->lens[i] = o - start;
		out[o++] = '\0';
		s += n + 1;
	}
	free(r->rec);
	r->rec = out;
	r->rec_cap = r->rec_len * 3 + 1;
	r->rec_len = o;
	return 0;
}

static void describe(const struct bad *b, char *out, size_t size)
{
	/* Indexed by enum bad_kind; each takes the column number. */
	static const char *const msg[][2] = {
		[BAD_STRAY_QUOTE] = {"第%zu列：没有引号包围的字段中出现了引号",
				     "column %zu: a quote inside a field that is not quoted"},
		[BAD_AFTER_QUOTE] = {"第%zu列：右引号后面还有文字",
				     "column %zu: text after the closing quote"},
		[BAD_UNTERMINATED] = {"第%zu列：引号直到文件结尾都没有闭合",
				      "column %zu: quote not closed before the end of the file"},
		[BAD_NUL] = {"第%zu列含有空字节（NUL）", "column %zu holds a NUL byte"},
		[BAD_GB18030] = {"第%zu列含有无法按GB18030解码的字节",
				 "column %zu holds bytes that are not valid GB18030"},
	};

	if (b->kind == BAD_NONE)
		out[0] = '\0';
	else if (b->kind == BAD_TOO_LONG)
		snprintf(out, size, gw_tr("记录超过%u MiB，已截断", "record longer than %u MiB, cut short"),
			 CSV_MAX_RECORD_BYTES >> 20);
	else if (b->kind == BAD_TOO_MANY)
		snprintf(out, size, gw_tr("字段超过%u个，多余的已丢弃",
					  "more than %u fields, the rest dropped"), CSV_MAX_FIELDS);
	else if (b->kind == BAD_UTF8)
		snprintf(out, size, gw_tr("第%zu列第%zu字节不是有效的UTF-8编码（0x%02X）",
					  "column %zu, byte %zu: not valid UTF-8 (0x%02X)"),
			 b->col, b->off + 1, b->byte);
	else
		snprintf(out, size, gw_tr(msg[b->kind][0], msg[b->kind][1]), b->col);
}

/* Hands the completed record out: checks its bytes, repairs a bad one, sets
 * the field pointers and the verdict.  Returns 1, or -1 out of memory. */
static int finish(struct csv_reader *r, struct csv_record *rec, size_t nf,
		  long line0, struct bad *b)
{
	const unsigned char *s = (const unsigned char *)r->rec;
	int broken = 0;

	for (size_t i = 0; i < nf; i++) {
		size_t k = csv_utf8_check(s, r->lens[i]);
		if (k < r->lens[i]) {
			if (!broken && b->kind == BAD_NONE) {
				b->kind = s[k] == 0 ? BAD_NUL
					: r->enc == CSV_GB18030 ? BAD_GB18030 : BAD_UTF8;
				b->col = i + 1;
				b->off = k;
				b->byte = s[k];
			}
			broken = 1;
		}
		s += r->lens[i] + 1;
	}
	if (broken && repair(r, nf) < 0)
		return -1;

	char *p = r->rec;
	for (size_t i = 0; i < nf; i++) {
		r->fields[i] = p;
		p += r->lens[i] + 1;
	}
	rec->nfields = nf;
	rec->fields = r->fields;
	rec->lens = r->lens;
	rec->row = ++r->row;
	rec->line = line0;
	rec->status = b->kind == BAD_NONE ? GW_OK : GW_EINVAL;
	describe(b, rec->problem, sizeof rec->problem);
	return 1;
}

/* Bytes that end a run of field text: bit 1 in an unquoted field, bit 2 in
 * a quoted one, where LF stops the run only so that lines can be counted. */
static const unsigned char stop[256] = { ['\n'] = 3, [','] = 1, ['"'] = 3 };

int csv_read(struct csv_reader *r, struct csv_record *rec, struct gw_err *err)
{
	enum { S_FIELD, S_PLAIN, S_QUOTED, S_QUOTE, S_QUOTE_CR } st;
	struct bad b;
	size_t nf, fstart;
	long line0;
	int quoted;

	if (!r || !rec || r->failed) {
		gw_fail(err, GW_EIO, "CSV文件无法继续读取", "the CSV file cannot be read further");
		return -1;
	}
restart:
	st = S_FIELD;
	memset(&b, 0, sizeof b);
	r->rec_len = 0;
	nf = fstart = 0;
	quoted = 0;
	line0 = r->line;
	for (;;) {
		if (r->in_pos >= r->in_len) {
			int k = refill(r, err);
			if (k < 0)
				goto fail;
			if (k == 0)
				break;
		}
		const unsigned char *p = r->in + r->in_pos, *end = r->in + r->in_len, *q;
		unsigned char c;

		switch (st) {
		case S_FIELD:
			if (*p == '"') {
				quoted = 1;
				st = S_QUOTED;
				p++;
				break;
			}
			quoted = 0;
			st = S_PLAIN;
			/* fall through */
		case S_PLAIN:
			for (q = p; q < end && !(stop[*q] & 1); q++)
				;
			if (q > p && put(r, p, (size_t)(q - p), &b, nf + 1) < 0)
				goto oom;
			p = q;
			if (p == end)
				break;
			c = *p++;
			if (c == ',') {
				if (end_field(r, &nf, &fstart, &b) < 0)
					goto oom;
				st = S_FIELD;
			} else if (c == '"') {
				note(&b, BAD_STRAY_QUOTE, nf + 1);
				if (put(r, "\"", 1, &b, nf + 1) < 0)
					goto oom;
			} else {
				r->line++;
				if (r->rec_len > fstart && r->rec[r->rec_len - 1] == '\r')
					r->rec_len--;
				r->in_pos = (size_t)(p - r->in);
				if (nf == 0 && !quoted && r->rec_len == 0)
					goto restart; /* an empty line */
				goto done;
			}
			break;
		case S_QUOTED:
			for (q = p; q < end && !(stop[*q] & 2); q++)
				;
			if (q < end && *q == '\n') {
				r->line++;
				q++;
			}
			if (q > p && put(r, p, (size_t)(q - p), &b, nf + 1) < 0)
				goto oom;
			p = q;
			if (p < end && *p == '"') {
				st = S_QUOTE;
				p++;
			}
			break;
		case S_QUOTE:
			c = *p;
			if (c == '"') {
				if (put(r, "\"", 1, &b, nf + 1) < 0)
					goto oom;
				st = S_QUOTED;
				p++;
			} else if (c == ',') {
				if (end_field(r, &nf, &fstart, &b) < 0)
					goto oom;
				st = S_FIELD;
				p++;
			} else if (c == '\n') {
				r->line++;
				r->in_pos = (size_t)(p + 1 - r->in);
				goto done;
			} else if (c == '\r') {
				st = S_QUOTE_CR;
				p++;
			} else {
				note(&b, BAD_AFTER_QUOTE, nf + 1);
				st = S_PLAIN;
			}
			break;
		case S_QUOTE_CR:
			if (*p == '\n') {
				r->line++;
				r->in_pos = (size_t)(p + 1 - r->in);
				goto done;
			}
			note(&b, BAD_AFTER_QUOTE, nf + 1);
			if (put(r, "\r", 1, &b, nf + 1) < 0)
				goto oom;
			st = S_PLAIN;
			break;
		}
		r->in_pos = (size_t)(p - r->in);
	}

	/* End of input. */
	if (st == S_FIELD && nf == 0)
		return 0;
	if (st == S_PLAIN) {
		if (r->rec_len > fstart && r->rec[r->rec_len - 1] == '\r')
			r->rec_len--;
		if (nf == 0 && !quoted && r->rec_len == 0)
			return 0;
	} else if (st == S_QUOTED) {
		note(&b, BAD_UNTERMINATED, nf + 1);
	}
done:
	if (end_field(r, &nf, &fstart, &b) < 0)
		goto oom;
	if (finish(r, rec, nf, line0, &b) < 0)
		goto oom;
	return 1;
oom:
	csv_oom(err);
fail:
	r->failed = 1;
	return -1;
}
