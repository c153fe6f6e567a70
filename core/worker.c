/* worker.c - placeholder until the module lands. */
#include "import.h"
static enum gw_status row(struct gw *gw, const struct import_row *r, enum upsert_result *res, struct gw_err *err)
{ return gw_fail(err, GW_EINVAL, "未实现", "not implemented"); }
static enum gw_status export_rows(struct gw *gw, struct csv_writer *w, struct gw_err *err) { return GW_OK; }
static const struct import_col cols[] = {{"名称", "name", 1}};
const struct import_kind_ops worker_ops = {"workers", "worker", cols, 1, row, export_rows};
