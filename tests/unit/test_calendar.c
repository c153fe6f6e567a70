/* test_calendar.c - working days across the 2026 Spring Festival and
 * National Day (config/gridwork.cfg), due dates, counts, bad dates, and the
 * closed-form count against a day-by-day count. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "config.h"

static struct config cfg;

static int setup(void **state)
{
	config_defaults(&cfg);
	return 0;
}

static void add(const char *start, int n, const char *want)
{
	char out[11] = "";
	assert_int_equal(calendar_add_workdays(&cfg, start, n, out), GW_OK);
	assert_string_equal(out, want);
}

static void test_spring_festival_days(void **state)
{
	assert_int_equal(calendar_is_workday(&cfg, "2026-02-13"), 1);   /* Friday */
	assert_int_equal(calendar_is_workday(&cfg, "2026-02-14"), 1);   /* Saturday, make-up */
	assert_int_equal(calendar_is_workday(&cfg, "2026-02-15"), 0);   /* Sunday, holiday */
	assert_int_equal(calendar_is_workday(&cfg, "2026-02-16"), 0);   /* Monday, holiday */
	assert_int_equal(calendar_is_workday(&cfg, "2026-02-20"), 0);   /* Friday, holiday */
	assert_int_equal(calendar_is_workday(&cfg, "2026-02-23"), 0);   /* Monday, holiday */
	assert_int_equal(calendar_is_workday(&cfg, "2026-02-24"), 1);   /* Tuesday */
	assert_int_equal(calendar_is_workday(&cfg, "2026-02-28"), 1);   /* Saturday, make-up */
	assert_int_equal(calendar_is_workday(&cfg, "2026-03-01"), 0);   /* Sunday */
	assert_int_equal(calendar_is_workday(&cfg, "2026-03-07"), 0);   /* plain Saturday */
	assert_int_equal(calendar_is_workday(&cfg, "2026-03-04"), 1);   /* plain Wednesday */
	/* A date-time counts as its date. */
	assert_int_equal(calendar_is_workday(&cfg, "2026-02-16 09:30:00"), 0);
	assert_int_equal(calendar_is_workday(&cfg, "2026-02-24 09:30:00"), 1);
}

static void test_spring_festival_due(void **state)
{
	add("2026-02-12", 1, "2026-02-13");
	add("2026-02-12", 2, "2026-02-14");   /* the make-up Saturday counts */
	add("2026-02-12", 3, "2026-02-24");   /* the whole festival is skipped */
	add("2026-02-13", 1, "2026-02-14");
	add("2026-02-14", 1, "2026-02-24");
	add("2026-02-16", 1, "2026-02-24");   /* registered on a holiday */
	add("2026-02-24", 4, "2026-02-28");
	add("2026-02-24", 5, "2026-03-02");
	add("2026-02-10", 10, "2026-03-02");
	add("2026-02-24", 0, "2026-02-24");
	add("2026-02-24", -1, "2026-02-14");
	add("2026-02-24", -2, "2026-02-13");
}

static void test_national_day(void **state)
{
	assert_int_equal(calendar_is_workday(&cfg, "2026-09-20"), 1);   /* Sunday, make-up */
	assert_int_equal(calendar_is_workday(&cfg, "2026-09-25"), 0);   /* Mid-Autumn Friday */
	assert_int_equal(calendar_is_workday(&cfg, "2026-10-01"), 0);
	assert_int_equal(calendar_is_workday(&cfg, "2026-10-07"), 0);
	assert_int_equal(calendar_is_workday(&cfg, "2026-10-08"), 1);
	assert_int_equal(calendar_is_workday(&cfg, "2026-10-10"), 1);   /* Saturday, make-up */
	assert_int_equal(calendar_is_workday(&cfg, "2026-10-11"), 0);   /* Sunday */
	add("2026-09-24", 1, "2026-09-28");
	add("2026-09-30", 1, "2026-10-08");
	add("2026-09-30", 3, "2026-10-10");
	add("2026-09-30", 4, "2026-10-12");
	add("2026-09-18", 1, "2026-09-20");   /* Friday, then the make-up Sunday */
	/* New Year: Jan 1-3 off, Sunday Jan 4 worked. */
	add("2025-12-31", 1, "2026-01-04");
	add("2025-12-31", 2, "2026-01-05");
}

static void test_between(void **state)
{
	assert_int_equal(calendar_workdays_between(&cfg, "2026-02-13", "2026-02-28"), 6);
	assert_int_equal(calendar_workdays_between(&cfg, "2026-02-28", "2026-02-13"), -6);
	assert_int_equal(calendar_workdays_between(&cfg, "2026-02-14", "2026-02-23"), 0);
	assert_int_equal(calendar_workdays_between(&cfg, "2026-02-24", "2026-02-24"), 0);
	assert_int_equal(calendar_workdays_between(&cfg, "2026-09-30", "2026-10-10"), 3);
	assert_int_equal(calendar_workdays_between(&cfg, "2026-09-30 17:00:00", "2026-10-10 08:00:00"), 3);
	/* The whole of 2026: 261 weekdays, 19 weekday holidays, 6 make-up days. */
	int weekday_holidays = 0;
	for (int i = 0; i < cfg.nholidays; i++) {
		struct tm tm = {0};
		sscanf(cfg.holidays[i], "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
		tm.tm_year -= 1900, tm.tm_mon -= 1, tm.tm_hour = 12;
		mktime(&tm);
		weekday_holidays += tm.tm_wday != 0 && tm.tm_wday != 6;
	}
	assert_int_equal(calendar_workdays_between(&cfg, "2025-12-31", "2026-12-31"),
			 261 - weekday_holidays + cfg.nworkdays);
	assert_int_equal(calendar_workdays_between(&cfg, "bad", "2026-01-01"), 0);
}

/* The closed form agrees with stepping one day at a time, and add/between
 * are inverse, for every start in 2026 (and around it). */
static void test_against_stepping(void **state)
{
	struct tm tm = {.tm_year = 2025 - 1900, .tm_mon = 11, .tm_mday = 1, .tm_hour = 12};
	for (int day = 0; day < 420; day++, tm.tm_mday++) {
		char start[11];
		mktime(&tm);
		strftime(start, sizeof start, "%Y-%m-%d", &tm);
		int count = 0;
		struct tm t2 = tm;
		for (int k = 1; k <= 40; k++) {
			char d[11];
			t2.tm_mday++;
			mktime(&t2);
			strftime(d, sizeof d, "%Y-%m-%d", &t2);
			count += calendar_is_workday(&cfg, d);
			assert_int_equal(calendar_workdays_between(&cfg, start, d), count);
			assert_int_equal(calendar_workdays_between(&cfg, d, start), -count);
		}
		for (int n = 0; n <= 25; n++) {
			char due[11];
			assert_int_equal(calendar_add_workdays(&cfg, start, n, due), GW_OK);
			assert_int_equal(calendar_workdays_between(&cfg, start, due), n);
			if (n > 0)
				assert_int_equal(calendar_is_workday(&cfg, due), 1);
		}
	}
}

static void test_no_holidays_and_bad_dates(void **state)
{
	struct config plain = cfg;
	plain.nholidays = plain.nworkdays = 0;
	assert_int_equal(calendar_is_workday(&plain, "2026-02-16"), 1);
	assert_int_equal(calendar_is_workday(&plain, "2026-02-14"), 0);
	char out[11];
	assert_int_equal(calendar_add_workdays(&plain, "2026-02-12", 3, out), GW_OK);
	assert_string_equal(out, "2026-02-17");
	assert_int_equal(calendar_add_workdays(&plain, "2028-02-28", 1, out), GW_OK);
	assert_string_equal(out, "2028-02-29");   /* leap day */
	assert_int_equal(calendar_add_workdays(&plain, "2027-02-26", 1, out), GW_OK);
	assert_string_equal(out, "2027-03-01");
	assert_int_equal(calendar_workdays_between(&plain, "2026-01-01", "2026-12-31"), 260);

	const char *bad[] = {"", "2026-02-30", "2026-13-01", "2026-2-1", "20260201", "2026/02/01",
			     "2026-02-01x", "1899-12-31", "二〇二六年", NULL};
	for (int i = 0; bad[i]; i++) {
		assert_int_equal(calendar_is_workday(&cfg, bad[i]), -1);
		assert_int_equal(calendar_add_workdays(&cfg, bad[i], 1, out), GW_EINVAL);
	}
	assert_int_equal(calendar_is_workday(&cfg, NULL), -1);
	assert_int_equal(calendar_add_workdays(&cfg, "2199-12-31", 1, out), GW_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spring_festival_days),
		cmocka_unit_test(test_spring_festival_due),
		cmocka_unit_test(test_national_day),
		cmocka_unit_test(test_between),
		cmocka_unit_test(test_against_stepping),
		cmocka_unit_test(test_no_holidays_and_bad_dates),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
