/* validate.c - value checks shared by forms, import and the CLI. */
#include "validate.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* GB 32100-2015 character set: the 31 characters with I O S V Z left out
 * because they are easily confused with digits. */
static const char credit_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int credit_weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

static int credit_value(char c)
{
	const char *p = c ? strchr(credit_chars, c) : NULL;
	return p ? (int)(p - credit_chars) : -1;
}

char valid_credit_check_char(const char *first17)
{
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		int v = credit_value(first17[i]);
		if (v < 0)
			return 0;
		sum += v * credit_weights[i];
	}
	int c = 31 - sum % 31;
	return credit_chars[c == 31 ? 0 : c];
}

enum gw_status valid_credit_code(const char *s, char out[19], struct gw_err *err)
{
	char buf[19];
	size_t n = 0;
	while (*s == ' ')
		s++;
	for (; *s && *s != ' '; s++) {
		if (n == 18)
			return gw_fail(err, GW_EINVAL, "统一社会信用代码应为 18 位，实为更多位",
				       "a credit code has 18 characters; this has more");
		buf[n++] = (char)toupper((unsigned char)*s);
	}
	while (*s == ' ')
		s++;
	buf[n] = '\0';
	if (*s || n != 18)
		return gw_fail(err, GW_EINVAL, "统一社会信用代码应为 18 位（实为 %zu 位）",
			       "a credit code has 18 characters (this has %zu)", n);
	for (size_t i = 0; i < 18; i++) {
		unsigned char c = (unsigned char)buf[i];
		/* A byte of a Chinese character or a control is never echoed
		 * alone: half a character is invalid UTF-8 in the message. */
		if (c >= 0x80 || c < 0x20 || c == 0x7F)
			return gw_fail(err, GW_EINVAL,
				       "统一社会信用代码只能由数字和大写字母组成（不含 I O S V Z）",
				       "a credit code is made of digits and capital letters only (no I O S V Z)");
		if (credit_value(buf[i]) < 0)
			return gw_fail(err, GW_EINVAL,
				       "统一社会信用代码第 %zu 位“%c”不是有效字符（不含 I O S V Z）",
				       "credit code character %zu '%c' is not allowed (no I O S V Z)",
				       i + 1, buf[i]);
	}
	char want = valid_credit_check_char(buf);
	if (buf[17] != want)
		return gw_fail(err, GW_EINVAL, "统一社会信用代码校验位错误（应为 %c）",
			       "credit code check character is wrong (expected %c)", want);
	memcpy(out, buf, 19);
	return GW_OK;
}

/* Copies s without spaces: what people type around numbers
 * ("138 0000 0000") is kept out of the key (dashes: see undash). */
static size_t squeeze(const char *s, char *out, size_t outsz)
{
	size_t n = 0;
	for (; *s && n + 1 < outsz; s++)
		if (*s != ' ')
			out[n++] = *s;
	out[n] = '\0';
	return n;
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return n > 0;
}

static int is_mobile(const char *p, size_t n)
{
	return n == 11 && p[0] == '1' && p[1] >= '3' && p[1] <= '9' && all_digits(p, 11);
}

/* A mobile typed in the usual 3-4-4 groups ("138-1234-5678", possibly after
 * +86) without its two dashes; anything else is copied as it is, so that a
 * landline keeps its dash and "1564-8621234" is not taken for a mobile. */
static size_t undash(const char *s, char *out, size_t outsz)
{
	size_t len = strlen(s), n = 0;
	const char *g = len >= 13 ? s + len - 13 : NULL;
	int grouped = g && g[3] == '-' && g[8] == '-' && !memchr(s, '-', (size_t)(g - s) + 3) &&
		      !strchr(g + 9, '-') && !memchr(g + 4, '-', 4);
	for (; *s && n + 1 < outsz; s++)
		if (!(grouped && (s == g + 3 || s == g + 8)))
			out[n++] = *s;
	out[n] = '\0';
	return n;
}

static const char *strip_country(const char *p, size_t *n)
{
	if (*n == 14 && strncmp(p, "+86", 3) == 0)
		p += 3, *n -= 3;
	else if (*n == 13 && strncmp(p, "86", 2) == 0 && p[2] == '1')
		p += 2, *n -= 2;
	return p;
}

enum gw_status valid_mobile(const char *s, char out[12], struct gw_err *err)
{
	char buf[64], nodash[64];
	squeeze(s, buf, sizeof buf);
	size_t n = undash(buf, nodash, sizeof nodash);
	const char *p = strip_country(nodash, &n);
	if (!is_mobile(p, n))
		return gw_fail(err, GW_EINVAL, "“%s”不是有效的手机号（1 开头的 11 位数字，第二位 3-9）",
			       "'%s' is not a mobile number (11 digits: 1, then 3-9, then 9 digits)", buf);
	memcpy(out, p, 11);
	out[11] = '\0';
	return GW_OK;
}

enum gw_status valid_phone(const char *s, char *out, size_t outsz, struct gw_err *err)
{
	char buf[64], nodash[64];
	squeeze(s, buf, sizeof buf);
	size_t n = undash(buf, nodash, sizeof nodash);
	const char *p = strip_country(nodash, &n);
	if (is_mobile(p, n)) {
		snprintf(out, outsz, "%.11s", p);
		return GW_OK;
	}
	const char *dash = strchr(buf, '-');
	if (buf[0] == '0' && dash) {
		size_t area = (size_t)(dash - buf), num = strlen(dash + 1);
		if (area >= 3 && area <= 4 && all_digits(buf, area) && num >= 7 && num <= 8 &&
		    all_digits(dash + 1, num)) {
			snprintf(out, outsz, "%s", buf);
			return GW_OK;
		}
	}
	return gw_fail(err, GW_EINVAL,
		       "“%s”不是有效的电话号码（手机 11 位，或座机 0AAA-NNNNNNN）",
		       "'%s' is not a phone number (mobile of 11 digits, or landline 0AAA-NNNNNNN)", buf);
}

static int days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* Reads 1..maxd digits into *v; returns bytes read or 0. */
static int digits(const char *s, int maxd, int *v)
{
	int n = 0;
	*v = 0;
	while (n < maxd && isdigit((unsigned char)s[n]))
		*v = *v * 10 + (s[n++] - '0');
	return n;
}

/* Parses the date part; returns bytes consumed or 0 if not a date. */
static int parse_date(const char *s, int *y, int *m, int *d)
{
	const char *p = s;
	int n = digits(p, 4, y);
	if (n != 4)
		return 0;
	p += n;
	int chinese = strncmp(p, "年", 3) == 0;
	char sep = *p;
	if (chinese)
		p += 3;
	else if (sep == '-' || sep == '/')
		p++;
	else
		return 0;
	if (!(n = digits(p, 2, m)))
		return 0;
	p += n;
	if (chinese) {
		if (strncmp(p, "月", 3) != 0)
			return 0;
		p += 3;
	} else if (*p++ != sep) {
		return 0;
	}
	if (!(n = digits(p, 2, d)))
		return 0;
	p += n;
	if (chinese) {
		if (strncmp(p, "日", 3) != 0)
			return 0;
		p += 3;
	}
	return (int)(p - s);
}

static enum gw_status bad_date(const char *s, struct gw_err *err)
{
	return gw_fail(err, GW_EINVAL,
		       "“%s”不是有效日期（YYYY-MM-DD、YYYY/MM/DD 或 YYYY年MM月DD日）",
		       "'%s' is not a date (YYYY-MM-DD, YYYY/MM/DD or YYYY年MM月DD日)", s);
}

static enum gw_status check_ymd(const char *s, int y, int m, int d, struct gw_err *err)
{
	if (y < 1900 || y > 2199 || m < 1 || m > 12)
		return bad_date(s, err);
	if (d < 1 || d > days_in_month(y, m))
		return gw_fail(err, GW_EINVAL, "“%s”：%d 年 %d 月没有 %d 日",
			       "'%s': %d-%02d has no day %d", s, y, m, d);
	return GW_OK;
}

enum gw_status valid_date(const char *s, char out[11], struct gw_err *err)
{
	int y, m, d;
	while (*s == ' ')
		s++;
	int n = parse_date(s, &y, &m, &d);
	if (!n)
		return bad_date(s, err);
	const char *rest = s + n;
	while (*rest == ' ')
		rest++;
	if (*rest)
		return bad_date(s, err);
	if (check_ymd(s, y, m, d, err) != GW_OK)
		return GW_EINVAL;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return GW_OK;
}

enum gw_status valid_datetime(const char *s, char out[20], struct gw_err *err)
{
	int y, mo, d, h = 0, mi = 0, sec = 0;
	while (*s == ' ')
		s++;
	int n = parse_date(s, &y, &mo, &d);
	if (!n)
		return bad_date(s, err);
	const char *p = s + n;
	if (*p == ' ' || *p == 'T') {
		while (*p == ' ' || *p == 'T')
			p++;
		int k;
		if (*p) {
			if (!(k = digits(p, 2, &h)) || p[k] != ':')
				goto bad_time;
			p += k + 1;
			if ((k = digits(p, 2, &mi)) != 2)
				goto bad_time;
			p += k;
			if (*p == ':') {
				p++;
				if ((k = digits(p, 2, &sec)) != 2)
					goto bad_time;
				p += k;
			}
		}
	}
	while (*p == ' ')
		p++;
	if (*p)
		goto bad_time;
	if (check_ymd(s, y, mo, d, err) != GW_OK)
		return GW_EINVAL;
	if (h > 23 || mi > 59 || sec > 59)
		goto bad_time;
	snprintf(out, 20, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, sec);
	return GW_OK;
bad_time:
	return gw_fail(err, GW_EINVAL, "“%s”不是有效的日期时间（YYYY-MM-DD HH:MM[:SS]）",
		       "'%s' is not a date-time (YYYY-MM-DD HH:MM[:SS])", s);
}

enum gw_status valid_count(const char *s, long long max, long long *out, struct gw_err *err)
{
	while (*s == ' ')
		s++;
	const char *p = s;
	long long v = 0;
	if (!isdigit((unsigned char)*p))
		goto bad;
	for (; isdigit((unsigned char)*p); p++) {
		v = v * 10 + (*p - '0');
		if (v > max)
			return gw_fail(err, GW_EINVAL, "“%s”过大（最大 %lld）", "'%s' is too large (at most %lld)", s, max);
	}
	while (*p == ' ')
		p++;
	if (*p)
		goto bad;
	*out = v;
	return GW_OK;
bad:
	return gw_fail(err, GW_EINVAL, "“%s”不是非负整数", "'%s' is not a whole number >= 0", s);
}

enum gw_status valid_degrees(const char *s, double lo, double hi, double *out, struct gw_err *err)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (end == s || *end || errno || !isfinite(v) || v < lo || v > hi)
		return gw_fail(err, GW_EINVAL, "“%s”不是 %g 到 %g 之间的度数",
			       "'%s' is not a number of degrees between %g and %g", s, lo, hi);
	*out = v;
	return GW_OK;
}

/* Length of the valid UTF-8 sequence at s, or 0 when invalid. */
static size_t utf8_len(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		return (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (s[0] == 0xE0 && s[1] < 0xA0)
			return 0;  /* overlong */
		if (s[0] == 0xED && s[1] >= 0xA0)
			return 0;  /* surrogate */
		return 3;
	}
	if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
			return 0;
		if ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))
			return 0;
		return 4;
	}
	return 0;
}

enum gw_status valid_text(const char *s, size_t maxchars, int required, int multiline,
			  char *out, size_t outsz, struct gw_err *err)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p == ' ' || *p == '\t' || (multiline && (*p == '\n' || *p == '\r')))
		p++;
	size_t n = strlen((const char *)p);
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' ||
		     (multiline && (p[n - 1] == '\n' || p[n - 1] == '\r'))))
		n--;
	if (required && n == 0)
		return gw_fail(err, GW_EINVAL, "不能为空", "must not be empty");
	size_t chars = 0;
	for (size_t i = 0; i < n;) {
		size_t k = utf8_len(p + i);
		if (!k || i + k > n)
			return gw_fail(err, GW_EINVAL, "含有无效的 UTF-8 字节（第 %zu 字节）",
				       "holds bytes that are not valid UTF-8 (byte %zu)", i + 1);
		unsigned c = p[i];
		if (k == 1 && (c < 0x20 || c == 0x7F) && !(multiline && (c == '\n' || c == '\t' || c == '\r')))
			return gw_fail(err, GW_EINVAL, "含有控制字符（0x%02X）", "holds a control character (0x%02X)", c);
		if (k == 2 && c == 0xC2 && p[i + 1] < 0xA0)  /* C1 controls */
			return gw_fail(err, GW_EINVAL, "含有控制字符", "holds a control character");
		i += k;
		chars++;
	}
	if (chars > maxchars)
		return gw_fail(err, GW_EINVAL, "过长：%zu 个字，最多 %zu 个", "too long: %zu characters, at most %zu",
			       chars, maxchars);
	if (n + 1 > outsz)
		return gw_fail(err, GW_EINVAL, "过长", "too long");
	memcpy(out, p, n);
	out[n] = '\0';
	return GW_OK;
}

enum gw_status valid_grid_code(const char *s, char out[33], struct gw_err *err)
{
	while (*s == ' ')
		s++;
	size_t n = 0;
	for (; *s && *s != ' '; s++) {
		unsigned char c = (unsigned char)*s;
		if (!(isalnum(c) || c == '-') || n == 32)
			return gw_fail(err, GW_EINVAL,
				       "网格编码只能由字母、数字和“-”组成，最多 32 位",
				       "a grid code is letters, digits and '-', at most 32 characters");
		out[n++] = (char)toupper(c);
	}
	while (*s == ' ')
		s++;
	out[n] = '\0';
	if (*s)
		return gw_fail(err, GW_EINVAL, "网格编码中不能有空格", "a grid code has no spaces");
	if (!n)
		return gw_fail(err, GW_EINVAL, "不能为空", "must not be empty");
	return GW_OK;
}

int valid_blank(const char *s)
{
	if (!s)
		return 1;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}
