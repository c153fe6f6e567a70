/* calendar.c - working days from weekends, holidays and make-up days.
 *
 * Dates become day numbers (days since 1970-01-01, proleptic Gregorian), so
 * stepping and weekday arithmetic are integer maths; only membership in the
 * configuration's lists needs the text form, found by binary search (the
 * lists are sorted by config.c and "YYYY-MM-DD" sorts as text). */
#include "calendar.h"

#include <string.h>

/* A Monday long before any date we accept, as a day number. */
#define MONDAY_ZERO (4L - 7L * 20000L)

static int two(const char *s) { return (s[0] - '0') * 10 + (s[1] - '0'); }

static int isdig(char c) { return c >= '0' && c <= '9'; }

static int leap(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* Howard Hinnant's days_from_civil. */
long calendar_day_number(long y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void calendar_civil(long z, long *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* Parses "YYYY-MM-DD" (optionally followed by " ..."); 0 when not a date. */
static int parse(const char *s, long *out)
{
	if (!s)
		return 0;
	for (int i = 0; i < 10; i++) {
		int want_dash = i == 4 || i == 7;
		if (want_dash ? s[i] != '-' : !isdig(s[i]))
			return 0;
	}
	if (s[10] != '\0' && s[10] != ' ')
		return 0;
	long y = two(s) * 100 + two(s + 2);
	int m = two(s + 5), d = two(s + 8);
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1] + (m == 2 && leap(y)))
		return 0;
	*out = calendar_day_number(y, m, d);
	return 1;
}

static void format(long z, char out[11])
{
	long y;
	int m, d;
	calendar_civil(z, &y, &m, &d);
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* 0 Monday .. 6 Sunday. */
static int weekday(long z) { return (int)((z - MONDAY_ZERO) % 7); }

/* Index of the first entry >= key (n when none). */
static int lower_bound(const char (*days)[11], int n, const char *key)
{
	int lo = 0, hi = n;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (memcmp(days[mid], key, 10) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int listed(const char (*days)[11], int n, const char *key)
{
	int i = lower_bound(days, n, key);
	return i < n && memcmp(days[i], key, 10) == 0;
}

static int workday_z(const struct config *cfg, long z)
{
	char key[11];
	format(z, key);
	if (weekday(z) >= 5)
		return listed(cfg->workdays, cfg->nworkdays, key);
	return !listed(cfg->holidays, cfg->nholidays, key) ||
	       listed(cfg->workdays, cfg->nworkdays, key);
}

int calendar_is_workday(const struct config *cfg, const char *date)
{
	long z;
	if (!parse(date, &z))
		return -1;
	return workday_z(cfg, z);
}

enum gw_status calendar_add_workdays(const struct config *cfg, const char *start, int n,
				     char out[11])
{
	long z, lo = calendar_day_number(1900, 1, 1), hi = calendar_day_number(2199, 12, 31);
	if (!parse(start, &z))
		return GW_EINVAL;
	int step = n < 0 ? -1 : 1;
	for (int left = n < 0 ? -n : n; left > 0;) {
		z += step;
		if (z < lo || z > hi)
			return GW_EINVAL;
		left -= workday_z(cfg, z);
	}
	format(z, out);
	return GW_OK;
}

/* Weekdays (Monday-Friday) d with MONDAY_ZERO <= d <= z. */
static long weekdays_upto(long z)
{
	long days = z - MONDAY_ZERO + 1;
	long rem = days % 7;
	return days / 7 * 5 + (rem < 5 ? rem : 5);
}

/* Working days in (a, b] for a <= b: the weekdays, less the listed holidays
 * that fall on weekdays, plus the make-up days that fall on weekends. */
static long between(const struct config *cfg, long a, long b)
{
	char ka[11], kb[11];
	format(a, ka);
	format(b, kb);
	long n = weekdays_upto(b) - weekdays_upto(a);
	/* Entries e with ka < e <= kb. */
	int i = lower_bound(cfg->holidays, cfg->nholidays, ka);
	for (; i < cfg->nholidays && memcmp(cfg->holidays[i], kb, 10) <= 0; i++) {
		long z;
		if (memcmp(cfg->holidays[i], ka, 10) == 0 || !parse(cfg->holidays[i], &z))
			continue;
		if (weekday(z) < 5 && !listed(cfg->workdays, cfg->nworkdays, cfg->holidays[i]))
			n--;
	}
	i = lower_bound(cfg->workdays, cfg->nworkdays, ka);
	for (; i < cfg->nworkdays && memcmp(cfg->workdays[i], kb, 10) <= 0; i++) {
		long z;
		if (memcmp(cfg->workdays[i], ka, 10) == 0 || !parse(cfg->workdays[i], &z))
			continue;
		if (weekday(z) >= 5)
			n++;
	}
	return n;
}

int calendar_workdays_between(const struct config *cfg, const char *from, const char *to)
{
	long a, b;
	if (!parse(from, &a) || !parse(to, &b))
		return 0;
	return a <= b ? (int)between(cfg, a, b) : -(int)between(cfg, b, a);
}
