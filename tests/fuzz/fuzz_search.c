/* fuzz_search.c - the quick-lookup query parser and search, over the
 * in-memory county of fuzz.h.  The input is the query; its length picks
 * the kind (or every kind) and the limit.  Also the tokenizer, with the
 * input as a record's text.  Checked: a refusal says why; results are
 * grouped by kind as counted, within the limit, ranks 0-5, strings
 * terminated. */
#include "fuzz.h"

#include "search.h"
#include "strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gw *gw = fuzz_county();
	char *q = fuzz_str(data, size, 4096);
	struct search_opts o;
	o.kind = size % 4 == 0 ? (int)(size / 4 % SK_COUNT) : -1;
	o.limit = size % 3 == 0 ? 0 : (int)(size % 7) + 1;
	struct search_result r;
	struct gw_err e;
	gw_err_clear(&e);
	enum gw_status st = search_find(gw, q, &o, &r, &e);
	if (st != GW_OK) {
		FUZZ_CHECK(e.msg[0]);
		FUZZ_CHECK(st == GW_EINVAL || st == GW_EUSAGE);
	} else {
		int total = 0;
		for (int k = 0; k < SK_COUNT; k++) {
			FUZZ_CHECK(r.shown[k] >= 0);
			FUZZ_CHECK(o.limit == 0 || r.shown[k] <= o.limit);
			FUZZ_CHECK(!r.shown[k] || r.searched[k]);
			total += r.shown[k];
		}
		FUZZ_CHECK(total == r.n);
		for (int i = 0; i < r.n; i++) {
			const struct search_hit *h = &r.hits[i];
			FUZZ_CHECK(h->kind >= 0 && h->kind < SK_COUNT);
			FUZZ_CHECK(o.kind < 0 || (int)h->kind == o.kind);
			FUZZ_CHECK(i == 0 || r.hits[i - 1].kind <= h->kind);
			FUZZ_CHECK(h->rank >= 0 && h->rank <= 5);
			FUZZ_CHECK(memchr(h->name, '\0', sizeof h->name) && h->id[0]);
			FUZZ_CHECK(h->nrefs >= 0);
		}
		search_result_free(&r);
	}
	struct strbuf b = STRBUF_INIT;
	int n = search_tokens((enum search_kind)(size % SK_COUNT), q, &b);
	FUZZ_CHECK(n >= 0);
	sb_free(&b);
	free(q);
	return 0;
}
