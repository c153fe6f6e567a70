/* status.c - messages for status codes, in the clerk's language. */
#include "status.h"

#include <stdio.h>
#include <string.h>

static enum gw_lang current_lang = GW_LANG_ZH;

static const char *const status_zh[] = {
#define GW_X_ZH(name, zh, en) zh,
	GW_STATUS_LIST(GW_X_ZH)
#undef GW_X_ZH
};
static const char *const status_en[] = {
#define GW_X_EN(name, zh, en) en,
	GW_STATUS_LIST(GW_X_EN)
#undef GW_X_EN
};

void gw_set_lang(enum gw_lang lang) { current_lang = lang; }
enum gw_lang gw_lang(void) { return current_lang; }

const char *gw_tr(const char *zh, const char *en)
{
	return current_lang == GW_LANG_EN ? en : zh;
}

const char *gw_status_text(enum gw_status code)
{
	if ((unsigned)code >= GW_STATUS_COUNT)
		code = GW_EINVAL;
	return current_lang == GW_LANG_EN ? status_en[code] : status_zh[code];
}

enum gw_status gw_fail(struct gw_err *err, enum gw_status code,
		       const char *zh_fmt, const char *en_fmt, ...)
{
	if (!err)
		return code;
	/* Both formats take the same arguments, so one va_list serves either. */
	const char *fmt = current_lang == GW_LANG_EN ? en_fmt : zh_fmt;
	va_list ap;
	va_start(ap, en_fmt);
	err->code = code;
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return code;
}

void gw_err_clear(struct gw_err *err)
{
	if (err) {
		err->code = GW_OK;
		err->msg[0] = '\0';
	}
}

void gw_err_prefix(struct gw_err *err, const char *fmt, ...)
{
	if (!err)
		return;
	char head[256], old[sizeof err->msg];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(head, sizeof head, fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof old);
	snprintf(err->msg, sizeof err->msg, "%s: %s", head, old);
}
