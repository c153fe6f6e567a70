/* test_validate.c - value checks (credit codes, phones, dates, counts,
 * degrees, text, grid codes) and the contract's enumerations. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "enums.h"
#include "status.h"
#include "validate.h"

/* GB 32100-2015 check character computed here independently of validate.c,
 * straight from the standard's table of weights 3^i mod 31. */
static char ref_check(const char *s17)
{
	static const char set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	int sum = 0, w = 1;
	for (int i = 0; i < 17; i++) {
		const char *p = strchr(set, s17[i]);
		if (!p || !s17[i])
			return 0;
		sum += (int)(p - set) * w;
		w = w * 3 % 31;
	}
	return set[(31 - sum % 31) % 31];
}

static void assert_msg_has(const struct gw_err *e, const char *frag)
{
	if (!strstr(e->msg, frag))
		fail_msg("message \"%s\" lacks \"%s\"", e->msg, frag);
}

/* ---- credit codes ----------------------------------------------------- */

static void credit_known_codes(void **state)
{
	(void)state;
	char out[19];
	struct gw_err e;
	/* Published codes of real companies. */
	assert_int_equal(valid_credit_code("91110108551385082Q", out, &e), GW_OK);
	assert_string_equal(out, "91110108551385082Q");
	assert_int_equal(valid_credit_code("91350100M000100Y43", out, &e), GW_OK);
	assert_int_equal(valid_credit_check_char("91110108551385082"), 'Q');
	assert_int_equal(valid_credit_check_char("91350100M000100Y4"), '3');
}

static void credit_built_code(void **state)
{
	(void)state;
	const char *base = "91341523MA2NXXXXX";
	char want = ref_check(base);
	assert_true(want != 0);
	assert_int_equal(valid_credit_check_char(base), want);
	char code[19], out[19];
	snprintf(code, sizeof code, "%s%c", base, want);
	struct gw_err e;
	assert_int_equal(valid_credit_code(code, out, &e), GW_OK);
	assert_string_equal(out, code);
	/* Exactly one of the 31 characters is the right last one. */
	static const char set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	int ok = 0;
	for (const char *c = set; *c; c++) {
		code[17] = *c;
		if (valid_credit_code(code, out, &e) == GW_OK)
			ok++;
		else
			assert_int_equal(e.code, GW_EINVAL);
	}
	assert_int_equal(ok, 1);
}

static void credit_matches_reference(void **state)
{
	(void)state;
	/* A spread of codes: the library agrees with the reference everywhere. */
	static const char set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	char s[18];
	unsigned x = 12345;
	for (int n = 0; n < 2000; n++) {
		for (int i = 0; i < 17; i++) {
			x = x * 1103515245u + 12345u;
			s[i] = set[(x >> 16) % 31];
		}
		s[17] = '\0';
		assert_int_equal(valid_credit_check_char(s), ref_check(s));
	}
}

static void credit_lower_and_spaces(void **state)
{
	(void)state;
	char out[19];
	struct gw_err e;
	assert_int_equal(valid_credit_code("  91350100m000100y43 ", out, &e), GW_OK);
	assert_string_equal(out, "91350100M000100Y43");
}

static void credit_bad(void **state)
{
	(void)state;
	char out[19] = "unchanged";
	struct gw_err e;
	assert_int_equal(valid_credit_code("91110108551385082A", out, &e), GW_EINVAL);
	assert_msg_has(&e, "校验位");
	assert_msg_has(&e, "Q");
	assert_string_equal(out, "unchanged");
	assert_int_equal(valid_credit_code("9111010855138508Q", out, &e), GW_EINVAL);
	assert_msg_has(&e, "18 位");
	assert_msg_has(&e, "17");
	assert_int_equal(valid_credit_code("91110108551385082QQ", out, &e), GW_EINVAL);
	assert_int_equal(valid_credit_code("", out, &e), GW_EINVAL);
	/* I O S V Z are not in the character set. */
	assert_int_equal(valid_credit_code("9111010855138508IQ", out, &e), GW_EINVAL);
	assert_msg_has(&e, "第 17 位");
	assert_int_equal(valid_credit_code("O1110108551385082Q", out, &e), GW_EINVAL);
	assert_msg_has(&e, "第 1 位");
	assert_int_equal(valid_credit_code("911101085513 5082Q", out, &e), GW_EINVAL);
	assert_int_equal(valid_credit_code("91110108551385082！", out, &e), GW_EINVAL);
	assert_int_equal(valid_credit_check_char("9111010855138508I"), 0);
	assert_int_equal(valid_credit_check_char("91110108551385o82"), 0);
}

/* ---- phones ----------------------------------------------------------- */

static void mobile_good(void **state)
{
	(void)state;
	static const char *const ok[][2] = {
		{"13812345678", "13812345678"}, {"19912345678", "19912345678"},
		{"138 1234 5678", "13812345678"}, {"+8613812345678", "13812345678"},
		{"8613812345678", "13812345678"}, {" 15056781234 ", "15056781234"},
		{"138-1234-5678", "13812345678"}, {"+86 138-1234-5678", "13812345678"},
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		char out[12];
		struct gw_err e;
		if (valid_mobile(ok[i][0], out, &e) != GW_OK)
			fail_msg("'%s' refused: %s", ok[i][0], e.msg);
		assert_string_equal(out, ok[i][1]);
		char out2[24];
		assert_int_equal(valid_phone(ok[i][0], out2, sizeof out2, &e), GW_OK);
		assert_string_equal(out2, ok[i][1]);
	}
}

static void mobile_bad(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"12812345678", "10812345678", "1381234567", "138123456789", "23812345678",
		"1381234567a", "", "0564-8621234", "+8513812345678", "１３８１２３４５６７８",
		/* Dashes only in the usual 3-4-4 grouping. */
		"1564-8621234", "1381-234-5678", "13-812345678", "138-1234-5678-",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char out[12];
		struct gw_err e;
		if (valid_mobile(bad[i], out, &e) == GW_OK)
			fail_msg("'%s' accepted as a mobile", bad[i]);
		assert_int_equal(e.code, GW_EINVAL);
		assert_msg_has(&e, "手机号");
	}
}

static void phone_landline(void **state)
{
	(void)state;
	static const char *const ok[] = {"0564-8621234", "010-12345678", "0551-65123456", "021-1234567"};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		char out[24];
		struct gw_err e;
		if (valid_phone(ok[i], out, sizeof out, &e) != GW_OK)
			fail_msg("'%s' refused: %s", ok[i], e.msg);
		assert_string_equal(out, ok[i]);
	}
	static const char *const bad[] = {
		"0564-862123",     /* 6 digits */
		"0564-862123456",  /* 9 digits */
		"05648621234",     /* no dash */
		"01-12345678",     /* area code too short */
		"05645-1234567",   /* area code too long */
		"1564-8621234",    /* no leading 0 */
		"0564-86212a4", "0564—8621234", "电话", "0564-",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char out[24];
		struct gw_err e;
		if (valid_phone(bad[i], out, sizeof out, &e) == GW_OK)
			fail_msg("'%s' accepted as a phone", bad[i]);
		assert_msg_has(&e, "0AAA-NNNNNNN");
	}
}

/* ---- dates ------------------------------------------------------------ */

static void date_forms(void **state)
{
	(void)state;
	static const char *const ok[][2] = {
		{"2026-03-05", "2026-03-05"}, {"2026/03/05", "2026-03-05"},
		{"2026年03月05日", "2026-03-05"}, {"2026年3月5日", "2026-03-05"},
		{"2026-3-5", "2026-03-05"}, {" 2026-03-05 ", "2026-03-05"},
		{"2024-02-29", "2024-02-29"}, {"2000-02-29", "2000-02-29"},
		{"2026-12-31", "2026-12-31"}, {"2026-01-31", "2026-01-31"},
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		char out[11];
		struct gw_err e;
		if (valid_date(ok[i][0], out, &e) != GW_OK)
			fail_msg("'%s' refused: %s", ok[i][0], e.msg);
		assert_string_equal(out, ok[i][1]);
	}
}

static void date_bad(void **state)
{
	(void)state;
	char out[11];
	struct gw_err e;
	assert_int_equal(valid_date("2026-02-29", out, &e), GW_EINVAL);
	assert_msg_has(&e, "29");
	assert_msg_has(&e, "2026");
	assert_int_equal(valid_date("1900-02-29", out, &e), GW_EINVAL);
	assert_int_equal(valid_date("2026-04-31", out, &e), GW_EINVAL);
	assert_msg_has(&e, "31");
	static const char *const bad[] = {
		"2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32", "2026-01/05", "2026/01-05",
		"2026年01月05", "2026年01-05日", "26-01-05", "2026.01.05", "20260105", "2026-01-05x",
		"2026-01-05 10:00", "", "明天", "2026-001-05",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (valid_date(bad[i], out, &e) == GW_OK)
			fail_msg("'%s' accepted as a date (%s)", bad[i], out);
		assert_int_equal(e.code, GW_EINVAL);
		assert_true(e.msg[0] != '\0');
	}
}

static void datetime_forms(void **state)
{
	(void)state;
	static const char *const ok[][2] = {
		{"2026-03-05 08:30", "2026-03-05 08:30:00"},
		{"2026-03-05 08:30:15", "2026-03-05 08:30:15"},
		{"2026/03/05 23:59:59", "2026-03-05 23:59:59"},
		{"2026年3月5日 9:05", "2026-03-05 09:05:00"},
		{"2026-03-05", "2026-03-05 00:00:00"},
		{"2024-02-29 12:00", "2024-02-29 12:00:00"},
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		char out[20];
		struct gw_err e;
		if (valid_datetime(ok[i][0], out, &e) != GW_OK)
			fail_msg("'%s' refused: %s", ok[i][0], e.msg);
		assert_string_equal(out, ok[i][1]);
	}
	static const char *const bad[] = {
		"2026-02-29 10:00", "2026-03-05 24:00", "2026-03-05 12:60", "2026-03-05 12:30:60",
		"2026-03-05 12:3", "2026-03-05 12", "2026-03-05 12:30:", "2026-03-05 下午3点",
		"2026-03-05 12:30 x", "", "08:30",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char out[20];
		struct gw_err e;
		if (valid_datetime(bad[i], out, &e) == GW_OK)
			fail_msg("'%s' accepted as a date-time (%s)", bad[i], out);
		assert_int_equal(e.code, GW_EINVAL);
	}
}

/* ---- numbers ---------------------------------------------------------- */

static void counts(void **state)
{
	(void)state;
	long long v = -7;
	struct gw_err e;
	assert_int_equal(valid_count("0", 100, &v, &e), GW_OK);
	assert_int_equal(v, 0);
	assert_int_equal(valid_count(" 42 ", 100, &v, &e), GW_OK);
	assert_int_equal(v, 42);
	assert_int_equal(valid_count("100", 100, &v, &e), GW_OK);
	assert_int_equal(v, 100);
	v = -7;
	assert_int_equal(valid_count("101", 100, &v, &e), GW_EINVAL);
	assert_msg_has(&e, "100");
	assert_int_equal(valid_count("99999999999999999999999", 1000, &v, &e), GW_EINVAL);
	static const char *const bad[] = {"-1", "1.5", "abc", "", "1 2", "１２", "+3"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (valid_count(bad[i], 1000, &v, &e) == GW_OK)
			fail_msg("'%s' accepted as a count", bad[i]);
		assert_msg_has(&e, "非负整数");
	}
	assert_int_equal(v, -7);
}

static void degrees(void **state)
{
	(void)state;
	double d = 0;
	struct gw_err e;
	assert_int_equal(valid_degrees("116.9497", -180, 180, &d, &e), GW_OK);
	assert_true(d > 116.9496 && d < 116.9498);
	assert_int_equal(valid_degrees("-31.5 ", -90, 90, &d, &e), GW_OK);
	assert_true(d == -31.5);
	static const char *const bad[] = {"181", "-180.01", "abc", "", "nan", "inf", "116.9x", "一一六"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (valid_degrees(bad[i], -180, 180, &d, &e) == GW_OK)
			fail_msg("'%s' accepted as degrees", bad[i]);
		assert_msg_has(&e, "度数");
	}
	assert_int_equal(valid_degrees("91", -90, 90, &d, &e), GW_EINVAL);
}

/* ---- text and grid codes ---------------------------------------------- */

static void text_checks(void **state)
{
	(void)state;
	char out[64];
	struct gw_err e;
	assert_int_equal(valid_text("  城关镇网格  ", 10, 1, 0, out, sizeof out, &e), GW_OK);
	assert_string_equal(out, "城关镇网格");
	/* Limits count characters, not bytes: 5 Chinese characters are 15 bytes. */
	assert_int_equal(valid_text("舒城县城关", 5, 1, 0, out, sizeof out, &e), GW_OK);
	assert_int_equal(valid_text("舒城县城关镇", 5, 1, 0, out, sizeof out, &e), GW_EINVAL);
	assert_msg_has(&e, "6");
	assert_int_equal(valid_text("   ", 5, 1, 0, out, sizeof out, &e), GW_EINVAL);
	assert_msg_has(&e, "不能为空");
	assert_int_equal(valid_text("", 5, 0, 0, out, sizeof out, &e), GW_OK);
	assert_string_equal(out, "");
	assert_int_equal(valid_text(NULL, 5, 0, 0, out, sizeof out, &e), GW_OK);
	/* Line breaks only where the field is multi-line. */
	assert_int_equal(valid_text("第一行\n第二行", 20, 1, 0, out, sizeof out, &e), GW_EINVAL);
	assert_msg_has(&e, "控制字符");
	assert_int_equal(valid_text("第一行\n第二行", 20, 1, 1, out, sizeof out, &e), GW_OK);
	assert_string_equal(out, "第一行\n第二行");
	assert_int_equal(valid_text("a\x1b[2Jb", 20, 1, 1, out, sizeof out, &e), GW_EINVAL);
	assert_int_equal(valid_text("响铃\x07", 20, 1, 1, out, sizeof out, &e), GW_EINVAL);
	assert_int_equal(valid_text("a\xc2\x85" "b", 20, 1, 0, out, sizeof out, &e), GW_EINVAL);
	assert_int_equal(valid_text("坏\xff字节", 20, 1, 0, out, sizeof out, &e), GW_EINVAL);
	assert_msg_has(&e, "UTF-8");
	assert_int_equal(valid_text("截断\xe5\x9f", 20, 1, 0, out, sizeof out, &e), GW_EINVAL);
	assert_int_equal(valid_text("\xed\xa0\x80", 20, 1, 0, out, sizeof out, &e), GW_EINVAL);
	assert_int_equal(valid_text("\xc0\xaf", 20, 1, 0, out, sizeof out, &e), GW_EINVAL);
	/* Too long for the buffer is an error, never a silent cut. */
	char small[8];
	assert_int_equal(valid_text("舒城县城关", 50, 1, 0, small, sizeof small, &e), GW_EINVAL);
}

static void grid_codes(void **state)
{
	(void)state;
	char out[33];
	struct gw_err e;
	assert_int_equal(valid_grid_code(" sc-hb-g01 ", out, &e), GW_OK);
	assert_string_equal(out, "SC-HB-G01");
	assert_int_equal(valid_grid_code("SC", out, &e), GW_OK);
	assert_string_equal(out, "SC");
	assert_int_equal(valid_grid_code("", out, &e), GW_EINVAL);
	assert_msg_has(&e, "不能为空");
	assert_int_equal(valid_grid_code("SC HB", out, &e), GW_EINVAL);
	assert_msg_has(&e, "空格");
	assert_int_equal(valid_grid_code("城关镇", out, &e), GW_EINVAL);
	assert_int_equal(valid_grid_code("SC/HB", out, &e), GW_EINVAL);
	assert_int_equal(valid_grid_code("SC_HB", out, &e), GW_EINVAL);   /* as the message says */
	assert_msg_has(&e, "字母、数字和“-”");
	assert_int_equal(valid_grid_code("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", out, &e), GW_OK);
	assert_int_equal(valid_grid_code("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", out, &e), GW_EINVAL);
	assert_msg_has(&e, "32");
	assert_true(valid_blank(NULL) && valid_blank("") && valid_blank("  \t"));
	assert_false(valid_blank(" x "));
}

static void english_messages(void **state)
{
	(void)state;
	char out[19];
	struct gw_err e;
	gw_set_lang(GW_LANG_EN);
	assert_int_equal(valid_credit_code("91110108551385082A", out, &e), GW_EINVAL);
	gw_set_lang(GW_LANG_ZH);
	assert_msg_has(&e, "check character");
	assert_msg_has(&e, "Q");
}

/* ---- enumerations ----------------------------------------------------- */

static void enum_both_languages(void **state)
{
	(void)state;
	assert_int_equal(enum_count(EN_LEVEL), 4);
	assert_int_equal(enum_parse(EN_LEVEL, "乡镇"), enum_parse(EN_LEVEL, "township"));
	assert_string_equal(enum_en(EN_LEVEL, enum_parse(EN_LEVEL, "园区")), "park");
	assert_string_equal(enum_en(EN_LEVEL, enum_parse(EN_LEVEL, " Grid ")), "grid");
	assert_string_equal(enum_en(EN_LEVEL, enum_parse(EN_LEVEL, "\u3000网格\u3000")), "grid");
	assert_string_equal(enum_en(EN_BASIS, enum_parse(EN_BASIS, "产业链")), "chain");
	assert_string_equal(enum_en(EN_CATEGORY, enum_parse(EN_CATEGORY, "交通警情")), "traffic");
	assert_string_equal(enum_en(EN_SOURCE, enum_parse(EN_SOURCE, "书记帮办日")), "secretary_day");
	assert_string_equal(enum_en(EN_PARTY_ORG, enum_parse(EN_PARTY_ORG, "挂靠建")), "affiliated");
	assert_string_equal(enum_en(EN_TICKET_STATUS, enum_parse(EN_TICKET_STATUS, "已办结")), "resolved");
	assert_string_equal(enum_en(EN_YESNO, enum_parse(EN_YESNO, "是")), "yes");
	assert_string_equal(enum_en(EN_YESNO, enum_parse(EN_YESNO, "否")), "no");
	assert_int_equal(enum_parse(EN_LEVEL, "镇"), -1);
	assert_int_equal(enum_parse(EN_LEVEL, "towns"), -1);
	assert_int_equal(enum_parse(EN_LEVEL, ""), -1);
	assert_int_equal(enum_parse(EN_LEVEL, NULL), -1);
	/* Chinese is matched exactly, English without case. */
	assert_int_equal(enum_parse(EN_ORG_KIND, "SOCIAL_ORG"), 1);
	assert_int_equal(enum_index(EN_ORG_KIND, "SOCIAL_ORG"), -1);
	assert_int_equal(enum_index(EN_ORG_KIND, "social_org"), 1);
	assert_string_equal(enum_zh_of(EN_ORG_KIND, "association"), "行业协会商会");
	assert_string_equal(enum_zh_of(EN_ORG_KIND, "nonsense"), "nonsense");
	assert_null(enum_en(EN_LEVEL, 4));
	assert_null(enum_zh(EN_LEVEL, -1));
	const char *ch = enum_choices(EN_BASIS);
	assert_non_null(strstr(ch, "地域 region"));
	assert_non_null(strstr(ch, "产业链 chain"));
	/* Every table has distinct names in both languages. */
	for (int t = 0; t < EN_ENUM_COUNT; t++)
		for (int i = 0; i < enum_count(t); i++) {
			assert_int_equal(enum_parse(t, enum_en(t, i)), i);
			assert_int_equal(enum_parse(t, enum_zh(t, i)), i);
		}
}

static void enum_counts_match_contract(void **state)
{
	(void)state;
	assert_int_equal(enum_count(EN_BASIS), 3);
	assert_int_equal(enum_count(EN_ORG_KIND), 3);
	assert_int_equal(enum_count(EN_ORG_TAG), 4);
	assert_int_equal(enum_count(EN_CHAIN), 8);
	assert_int_equal(enum_count(EN_PARTY_ORG), 4);
	assert_int_equal(enum_count(EN_CATEGORY), 14);
	assert_int_equal(enum_count(EN_SOURCE), 7);
	assert_int_equal(enum_count(EN_TICKET_STATUS), 7);
	assert_int_equal(enum_count(EN_JOB), 5);
	assert_int_equal(enum_count(EN_WORKER_ROLE), 3);
	assert_int_equal(enum_count(EN_SERVICE), 7);
}

static void enum_lists(void **state)
{
	(void)state;
	char out[256], bad[64];
	assert_int_equal(enum_parse_list(EN_SERVICE, "饮水；rest、充电;饮水", out, sizeof out, bad, sizeof bad), 0);
	/* Canonical: English, contract order, no duplicates. */
	assert_string_equal(out, "rest;water;charging");
	assert_int_equal(enum_parse_list(EN_SERVICE, " 热饭 ; ", out, sizeof out, bad, sizeof bad), 0);
	assert_string_equal(out, "meal_heating");
	assert_int_equal(enum_parse_list(EN_SERVICE, "", out, sizeof out, bad, sizeof bad), 0);
	assert_string_equal(out, "");
	assert_int_equal(enum_parse_list(EN_SERVICE, "饮水、洗澡、充电", out, sizeof out, bad, sizeof bad), -1);
	assert_string_equal(bad, "洗澡");
	assert_true(enum_list_has(EN_SERVICE, "rest;water;charging", 2));
	assert_false(enum_list_has(EN_SERVICE, "rest;water;charging", 3));
	/* "meals" is not found inside "meal_heating". */
	assert_false(enum_list_has(EN_SERVICE, "meal_heating", 3));
	assert_true(enum_list_has(EN_SERVICE, "meal_heating", 5));
	enum_list_zh(EN_SERVICE, "rest;water;charging", out, sizeof out);
	assert_string_equal(out, "休息歇脚、饮水、充电");
	gw_set_lang(GW_LANG_EN);
	enum_list_zh(EN_SERVICE, "rest;water;charging", out, sizeof out);
	gw_set_lang(GW_LANG_ZH);
	assert_string_equal(out, "rest;water;charging");
	/* Re-parsing the rendered form gives the stored form back. */
	enum_list_zh(EN_ORG_TAG, "above_scale;platform", out, sizeof out);
	char again[256];
	assert_int_equal(enum_parse_list(EN_ORG_TAG, out, again, sizeof again, bad, sizeof bad), 0);
	assert_string_equal(again, "above_scale;platform");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(credit_known_codes),
		cmocka_unit_test(credit_built_code),
		cmocka_unit_test(credit_matches_reference),
		cmocka_unit_test(credit_lower_and_spaces),
		cmocka_unit_test(credit_bad),
		cmocka_unit_test(mobile_good),
		cmocka_unit_test(mobile_bad),
		cmocka_unit_test(phone_landline),
		cmocka_unit_test(date_forms),
		cmocka_unit_test(date_bad),
		cmocka_unit_test(datetime_forms),
		cmocka_unit_test(counts),
		cmocka_unit_test(degrees),
		cmocka_unit_test(text_checks),
		cmocka_unit_test(grid_codes),
		cmocka_unit_test(english_messages),
		cmocka_unit_test(enum_both_languages),
		cmocka_unit_test(enum_counts_match_contract),
		cmocka_unit_test(enum_lists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
