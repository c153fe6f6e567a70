/* status.h - the status codes every core and db function returns, with the
 * message a clerk sees, in Chinese and English.  One list feeds the enum and
 * the message table (STYLE.md point 8). */
#ifndef GW_STATUS_H
#define GW_STATUS_H

#include <stdarg.h>

#define GW_STATUS_LIST(X)                                                   \
	X(GW_OK,        "成功",                 "ok")                        \
	X(GW_EINVAL,    "输入无效",             "invalid input")             \
	X(GW_ENOTFOUND, "未找到记录",           "not found")                 \
	X(GW_EEXIST,    "记录已存在",           "already exists")            \
	X(GW_ESTATE,    "当前状态不允许此操作", "not allowed in this state") \
	X(GW_ECONFLICT, "记录已被他人修改",     "record changed by someone else") \
	X(GW_EREFUSED,  "操作被拒绝",           "refused")                   \
	X(GW_EDB,       "数据库错误",           "database error")            \
	X(GW_EBUSY,     "数据库正忙",           "database busy")             \
	X(GW_EVERSION,  "数据库版本不兼容",     "incompatible database version") \
	X(GW_EIO,       "文件读写失败",         "file error")                \
	X(GW_ENOMEM,    "内存不足",             "out of memory")             \
	X(GW_ECONFIG,   "配置错误",             "configuration error")       \
	X(GW_EUSAGE,    "用法错误",             "usage error")

enum gw_status {
#define GW_X_ENUM(name, zh, en) name,
	GW_STATUS_LIST(GW_X_ENUM)
#undef GW_X_ENUM
	GW_STATUS_COUNT
};

enum gw_lang { GW_LANG_ZH, GW_LANG_EN };

/* An error value: the status plus one message fit to show a clerk. */
struct gw_err {
	enum gw_status code;
	char msg[512];
};

/* The process-wide message language (set once from the configuration). */
void gw_set_lang(enum gw_lang lang);
enum gw_lang gw_lang(void);

/* Picks the string for the current language. */
const char *gw_tr(const char *zh, const char *en);

/* The short name of a status in the current language. */
const char *gw_status_text(enum gw_status code);

/* Sets *err (when err is not NULL) to code and a message formatted from the
 * format of the current language; both formats take the same arguments.
 * Returns code, so callers can write `return gw_fail(...)`. */
enum gw_status gw_fail(struct gw_err *err, enum gw_status code,
		       const char *zh_fmt, const char *en_fmt, ...)
	__attribute__((format(printf, 3, 5), format(printf, 4, 5)));

/* Clears *err to GW_OK and an empty message. */
void gw_err_clear(struct gw_err *err);

/* Puts "prefix: " in front of an existing message (for file:row context). */
void gw_err_prefix(struct gw_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
