/* fuzz_config.c - the configuration loader (config_parse, libconfig
 * underneath).  The input is the file's text.  Checked: a refusal says
 * where and why; an accepted file gives a configuration within its
 * bounds - counts in range, every string terminated, days sorted. */
#include "fuzz.h"

static int terminated(const char *s, size_t n) { return memchr(s, '\0', n) != NULL; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int once;
	if (!once++)
		gw_set_lang(GW_LANG_ZH);
	char *text = fuzz_str(data, size, 1 << 20);
	struct config cfg;
	struct gw_err e;
	gw_err_clear(&e);
	config_defaults(&cfg);
	enum gw_status st = config_parse(&cfg, text, "fuzz.cfg", &e);
	if (st != GW_OK) {
		FUZZ_CHECK(st == GW_ECONFIG);
		FUZZ_CHECK(e.msg[0] && terminated(e.msg, sizeof e.msg));
	} else {
		FUZZ_CHECK(terminated(cfg.office_code, sizeof cfg.office_code));
		FUZZ_CHECK(terminated(cfg.office_name, sizeof cfg.office_name));
		FUZZ_CHECK(terminated(cfg.db_path, sizeof cfg.db_path));
		FUZZ_CHECK(terminated(cfg.operator_name, sizeof cfg.operator_name));
		FUZZ_CHECK(cfg.ndepts >= 0 && cfg.ndepts <= CONFIG_MAX_DEPTS);
		for (int i = 0; i < cfg.ndepts; i++)
			FUZZ_CHECK(terminated(cfg.depts[i].name, sizeof cfg.depts[i].name) &&
				   cfg.depts[i].name[0]);
		FUZZ_CHECK(cfg.nholidays >= 0 && cfg.nholidays <= CONFIG_MAX_DAYS);
		FUZZ_CHECK(cfg.nworkdays >= 0 && cfg.nworkdays <= CONFIG_MAX_DAYS);
		for (int i = 0; i < cfg.nholidays; i++) {
			FUZZ_CHECK(strlen(cfg.holidays[i]) == 10);
			FUZZ_CHECK(i == 0 || strcmp(cfg.holidays[i - 1], cfg.holidays[i]) <= 0);
		}
		for (int i = 0; i < cfg.nworkdays; i++)
			FUZZ_CHECK(strlen(cfg.workdays[i]) == 10);
		FUZZ_CHECK(cfg.lang == GW_LANG_ZH || cfg.lang == GW_LANG_EN);
	}
	free(text);
	return 0;
}
