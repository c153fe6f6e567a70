/* test_station.c - stations.csv: good files in Chinese and English,
 * services lists, opening hours, positions, re-import, audited updates,
 * every bad value, form edits and the export -> import round trip. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "gw.h"
#include "import.h"
#include "station.h"

#include "testutil.h"

static const char good_zh[] =
	"名称,网格编码,地址,依托,服务,开放时间,中心经度,中心纬度\n"
	"杭埠镇暖心驿站,SC-HB-G01,杭埠镇新街 18 号,社区党群服务中心,休息歇脚；饮水、充电;first_aid,8:00～20:00,117.123456,31.4\n"
	"城关工会驿站,sc-hb-g02,\"城关镇梅河路,工会大楼一楼\",工会驿站,热饭,全天,,\n"
	"  骑手之家  ,SC-HB-G01,,,纳凉避雨,20:00-08:00,,\n";

static void test_good_zh(void **state)
{
	struct gw *gw = tu_open_grids4("good_zh");
	struct import_counts c;
	assert_int_equal(tu_import_text(gw, "stations.csv", good_zh, &c), GW_OK);
	assert_int_equal(c.inserted, 3);
	struct station_rec s;
	struct gw_err e;
	assert_int_equal(station_by_name(gw, "杭埠镇暖心驿站", &s, &e), GW_OK);
	assert_string_equal(s.grid_code, "SC-HB-G01");
	assert_string_equal(s.address, "杭埠镇新街 18 号");
	assert_string_equal(s.host, "社区党群服务中心");
	assert_string_equal(s.services, "rest;water;charging;first_aid");
	assert_string_equal(s.hours, "08:00-20:00");
	assert_int_equal(s.has_pos, 1);
	assert_true(s.lon > 117.123455 && s.lon < 117.123457);
	assert_true(s.lat > 31.39999 && s.lat < 31.40001);
	assert_int_equal(station_by_name(gw, "城关工会驿站", &s, &e), GW_OK);
	assert_string_equal(s.address, "城关镇梅河路,工会大楼一楼");
	assert_string_equal(s.services, "meal_heating");
	assert_string_equal(s.hours, "00:00-24:00");
	assert_int_equal(s.has_pos, 0);
	assert_int_equal(station_by_name(gw, " 骑手之家 ", &s, &e), GW_OK);   /* trimmed */
	assert_string_equal(s.name, "骑手之家");
	assert_string_equal(s.hours, "20:00-08:00");   /* overnight */
	struct station_rec byid;
	assert_int_equal(station_by_id(gw, s.id, &byid, &e), GW_OK);
	assert_string_equal(byid.name, "骑手之家");
	assert_int_equal(station_by_name(gw, "不存在的驿站", &s, &e), GW_ENOTFOUND);
	assert_non_null(strstr(e.msg, "不存在的驿站"));
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit WHERE tbl = 'station' AND action = 'insert'"), 3);
	gw_close(gw);
}

static void test_good_en(void **state)
{
	struct gw *gw = tu_open_grids4("good_en");
	struct import_counts c;
	assert_int_equal(tu_import_text(gw, "s.csv",
				     "name,grid_code,services,hours,lon,lat,host\n"
				     "Rider Home 骑手之家,SC-HB-G02,Rest;WATER;meals,07:30 - 21:00,-0.5,-45,City station\n",
				     &c), GW_OK);
	assert_string_equal(tu_q_text(gw, "SELECT services || '|' || hours || '|' || lon || '|' || lat || '|' || host FROM station"),
			    "rest;water;meals|07:30-21:00|-0.5|-45.0|City station");
	gw_close(gw);
}

static void test_reimport_and_update(void **state)
{
	struct gw *gw = tu_open_grids4("update");
	struct import_counts c;
	tu_import_twice(gw, "stations.csv", good_zh, "station", 3);
	/* Only name, grid and services: hours, address and position stay. */
	assert_int_equal(tu_import_text(gw, "stations.csv", "名称,网格编码,服务\n杭埠镇暖心驿站,SC-HB-G01,休息歇脚、热饭\n", &c), GW_OK);
	assert_int_equal(c.updated, 1);
	struct station_rec s;
	assert_int_equal(station_by_name(gw, "杭埠镇暖心驿站", &s, NULL), GW_OK);
	assert_string_equal(s.services, "rest;meal_heating");
	assert_string_equal(s.hours, "08:00-20:00");
	assert_string_equal(s.address, "杭埠镇新街 18 号");
	assert_int_equal(s.has_pos, 1);
	assert_int_equal(s.version, 2);
	assert_non_null(strstr(tu_q_text(gw, "SELECT old FROM audit WHERE tbl = 'station' AND action = 'update'"),
			       "\"services\":\"rest;water;charging;first_aid\""));
	assert_non_null(strstr(tu_q_text(gw, "SELECT new FROM audit WHERE tbl = 'station' AND action = 'update'"),
			       "\"services\":\"rest;meal_heating\""));
	/* Empty position cells clear the position. */
	assert_int_equal(tu_import_text(gw, "stations.csv", "名称,网格编码,服务,中心经度,中心纬度\n杭埠镇暖心驿站,SC-HB-G01,休息歇脚、热饭,,\n", &c), GW_OK);
	assert_int_equal(c.updated, 1);
	assert_int_equal(tu_count(gw, "SELECT lon IS NULL AND lat IS NULL FROM station WHERE name = '杭埠镇暖心驿站'"), 1);
	gw_close(gw);
}

static void test_hours(void **state)
{
	static const struct {
		const char *in, *out;
	} ok[] = {
		{"08:00-20:00", "08:00-20:00"}, {"8:00-20:00", "08:00-20:00"}, {"8：30 至 17：30", "08:30-17:30"},
		{"08:00~20:00", "08:00-20:00"}, {"08:00—20:00", "08:00-20:00"}, {"00:00-24:00", "00:00-24:00"},
		{" 24小时 ", "00:00-24:00"}, {"22:00-06:00", "22:00-06:00"},
	};
	char out[12];
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		assert_int_equal(station_valid_hours(ok[i].in, out, NULL), GW_OK);
		assert_string_equal(out, ok[i].out);
	}
	const char *bad[] = {"8点到20点", "25:00-26:00", "08:00-08:00", "08:60-20:00", "24:00-08:00",
			     "08:00", "08:00-", "08:00-20:00 晚", "8-20", "24:30-01:00", ""};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (station_valid_hours(bad[i], out, NULL) != GW_EINVAL)
			fail_msg("accepted '%s'", bad[i]);
}

static void test_bad_values(void **state)
{
	struct gw *gw = tu_open_grids4("bad");
	tu_exec(gw, "UPDATE grid SET deleted = 1 WHERE code = 'SC-HB-G02'");
	static const struct {
		const char *row, *fragment;
	} cases[] = {
		{",SC-HB-G01,,,饮水,,,", "名称: 必填"},
		{"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五,SC-HB-G01,,,饮水,,,",
		 "名称: 过长：65 个字"},
		{"驿站,,,,饮水,,,", "网格编码: 必填"},
		{"驿站,SC-XX,,,饮水,,,", "网格编码: 没有编码为“SC-XX”的网格"},
		{"驿站,SC-HB-G02,,,饮水,,,", "网格编码: 网格“SC-HB-G02”已删除"},
		{"驿站,SC-HB-G01,,,,,,", "服务: 必填"},
		{"驿站,SC-HB-G01,,,；、,,,", "服务: 至少填写一项服务"},
		{"驿站,SC-HB-G01,,,饮水、洗澡,,,", "服务: “洗澡”不是有效的服务"},
		{"驿站,SC-HB-G01,,,饮水,8点到20点,,", "开放时间: “8点到20点”不是有效的开放时间"},
		{"驿站,SC-HB-G01,,,饮水,09:00-09:00,,", "开放时间: 开门和关门时间相同"},
		{"驿站,SC-HB-G01,,,饮水,,117.1,", "中心纬度: 经度和纬度须同时填写"},
		{"驿站,SC-HB-G01,,,饮水,,,31.4", "中心经度: 经度和纬度须同时填写"},
		{"驿站,SC-HB-G01,,,饮水,,东经117,31.4", "中心经度: “东经117”不是 -180 到 180 之间的度数"},
		{"驿站,SC-HB-G01,,,饮水,,117.1,91", "中心纬度: “91”不是 -90 到 90 之间的度数"},
		{"驿站,SC-HB-G01,\"地址\x7f\",,饮水,,,", "地址: 含有控制字符"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[1024];
		snprintf(text, sizeof text, "名称,网格编码,地址,依托,服务,开放时间,中心经度,中心纬度\n"
					    "好驿站,SC-HB-G01,,,饮水,,,\n%s\n", cases[i].row);
		struct import_counts c;
		tu_expect_reject(gw, "stations.csv", text, i, cases[i].fragment, &c);
		assert_int_equal(tu_count(gw, "SELECT count(*) FROM station"), 0);
		assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit WHERE tbl = 'station'"), 0);
	}
	struct import_counts c;
	assert_int_equal(tu_import_text(gw, "stations.csv", "名称,网格编码,地址\n驿站,SC-HB-G01,某地\n", &c) == GW_OK, 0);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM station"), 0);
	gw_close(gw);
}

static void test_form_edit(void **state)
{
	struct gw *gw = tu_open_grids4("form");
	struct import_counts c;
	assert_int_equal(tu_import_text(gw, "stations.csv", good_zh, &c), GW_OK);
	struct station_rec s;
	struct gw_err e;
	assert_int_equal(station_by_name(gw, "骑手之家", &s, &e), GW_OK);
	const char *vals[STATION_NCOLS] = {"骑手温馨之家", "SC-HB-G02", "杭埠镇", "城市驿站", "休息歇脚", "", "", ""};
	enum upsert_result res;
	assert_int_equal(import_one(gw, IK_STATION, vals, s.id, s.version + 1, &res, &e), GW_ECONFLICT);
	assert_int_equal(import_one(gw, IK_STATION, vals, s.id, s.version, &res, &e), GW_OK);
	assert_int_equal(res, UPSERT_UPDATED);
	assert_int_equal(station_by_name(gw, "骑手温馨之家", &s, &e), GW_OK);
	assert_string_equal(s.host, "城市驿站");
	assert_string_equal(s.hours, "");
	vals[0] = "城关工会驿站";
	assert_int_equal(import_one(gw, IK_STATION, vals, s.id, s.version, &res, &e), GW_EINVAL);
	assert_non_null(strstr(e.msg, "名称: 已有名为“城关工会驿站”的驿站"));
	gw_close(gw);
}

static void test_round_trip(void **state)
{
	struct gw *a = tu_open_grids4("trip_a"), *b = tu_open_grids4("trip_b");
	struct import_counts c;
	assert_int_equal(tu_import_text(a, "stations.csv", good_zh, &c), GW_OK);
	char *t1 = tu_round_trip(a, b, IK_STATION, 3);
	assert_non_null(strstr(t1, "\xEF\xBB\xBF" "名称,网格编码,地址,依托,服务,开放时间,中心经度,中心纬度\r\n"));
	assert_non_null(strstr(t1, "杭埠镇暖心驿站,SC-HB-G01,杭埠镇新街 18 号,社区党群服务中心,休息歇脚、饮水、充电、应急药品,08:00-20:00,117.123456,31.400000\r\n"));
	assert_non_null(strstr(t1, "城关工会驿站,SC-HB-G02,\"城关镇梅河路,工会大楼一楼\",工会驿站,热饭,00:00-24:00,,\r\n"));
	free(t1);
	gw_close(a);
	gw_close(b);
}

int main(void)
{
	setenv("GRIDWORK_NOW", "2026-03-02 09:00:00", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_zh),
		cmocka_unit_test(test_good_en),
		cmocka_unit_test(test_reimport_and_update),
		cmocka_unit_test(test_hours),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_form_edit),
		cmocka_unit_test(test_round_trip),
	};
	return tu_run("station", tests);
}
