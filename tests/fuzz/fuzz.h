/* fuzz.h - shared by the libFuzzer targets in tests/fuzz/ (make fuzz) and
 * their replay builds (replay.c; make test).  Each target defines
 * LLVMFuzzerTestOneInput and checks the invariants its module promises, so
 * a wrong answer stops the fuzzer as surely as a crash does. */
#ifndef GW_FUZZ_H
#define GW_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "gw.h"
#include "import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken promise: say which and abort, so libFuzzer keeps the input. */
#define FUZZ_CHECK(cond)                                                             \
	do {                                                                         \
		if (!(cond)) {                                                       \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                                     \
		}                                                                    \
	} while (0)

/* The input as a NUL-terminated string (at most max bytes; owned by the
 * caller). */
static inline char *fuzz_str(const uint8_t *data, size_t size, size_t max)
{
	size_t n = size < max ? size : max;
	char *s = malloc(n + 1);
	if (!s)
		abort();
	memcpy(s, data, n);
	s[n] = '\0';
	return s;
}

/* A private directory on tmpfs for files a target needs; removed at exit. */
static char fuzz_dir[64];
static void fuzz_rmdir(void)
{
	char cmd[96];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", fuzz_dir);
}
static inline const char *fuzz_tmpdir(void)
{
	if (!fuzz_dir[0]) {
		snprintf(fuzz_dir, sizeof fuzz_dir, "%s/gw-fuzz.XXXXXX",
			 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
		if (!mkdtemp(fuzz_dir))
			abort();
		atexit(fuzz_rmdir);
	}
	return fuzz_dir;
}

/* A small county in an in-memory database, opened once per process:
 * grids, organisations, instructors, workers and tickets, with Chinese
 * names, so that imports and look-ups reach past "unknown grid". */
static inline struct gw *fuzz_county(void)
{
	static struct gw *gw;
	if (gw)
		return gw;
	setenv("GRIDWORK_NOW", "2026-03-02 09:30:00", 1);
	gw_set_lang(GW_LANG_ZH);
	struct config cfg;
	config_defaults(&cfg);
	struct gw_err e;
	gw = gw_open(&cfg, ":memory:", 1, "SC", &e);
	if (!gw) {
		fprintf(stderr, "fuzz: cannot open a database: %s\n", e.msg);
		abort();
	}
	static const char *const files[][2] = {
		{"grids.csv", "编码,名称,层级,上级编码,划分依据\n"
			      "SC,舒城县,县,,\nSC-HB,杭埠镇,乡镇,SC,\n"
			      "SC-HB-G01,杭埠镇“三河”片区网格,网格,SC-HB,地域\n"
			      "SC-KFQ,舒城经济开发区,园区,SC,\n"
			      "SC-KFQ-G01,开发区新就业群体网格,网格,SC-KFQ,行业\n"},
		{"orgs.csv", "统一社会信用代码,名称,类型,标签,产业链,网格编码,地址,从业人数,党员人数,党组织,党组织成立日期,联系人,联系电话\n"
			     "91341523MA2N000102,安徽舒城梅河食品有限公司,企业,规上,预制菜,SC-HB-G01,舒城县经济开发区梅河路8号,320,12,单独建,2024-05-01,王建国,13805641234\n"
			     "51341523MJ0000200U,舒城县电子信息行业协会,行业协会商会,,电子信息,SC-KFQ-G01,,,,挂靠建,2025-01-15,,\n"},
		{"instructors.csv", "姓名,手机,类别,负责网格\n"
				    "王专职,13700000001,专职,SC-HB-G01\n钱兼职,13700000002,兼职,SC-KFQ-G01\n"},
		{"workers.csv", "姓名,手机,职业,平台\n李骑手,13900000002,外卖骑手,美团\n"},
		{"tickets.csv", "编号,标题,类别,来源,网格编码,反映人,反映人电话\n"
				"SC-2026-000001,骑手反映：十字路口红绿灯故障,交通警情,骑手上报,SC-HB-G01,李骑手,13900000002\n"},
	};
	const char *paths[5];
	char buf[5][160];
	for (int i = 0; i < 5; i++) {
		snprintf(buf[i], sizeof buf[i], "%s/%s", fuzz_tmpdir(), files[i][0]);
		FILE *f = fopen(buf[i], "w");
		if (!f || fputs(files[i][1], f) < 0 || fclose(f) != 0)
			abort();
		paths[i] = buf[i];
	}
	struct import_opts o = {0};
	o.kind = -1;
	struct import_counts c;
	if (import_files(gw, paths, 5, &o, &c, &e) != GW_OK) {
		fprintf(stderr, "fuzz: the seed county did not import: %s\n", e.msg);
		abort();
	}
	return gw;
}

#endif
