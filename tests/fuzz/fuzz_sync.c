/* fuzz_sync.c - the sync package reader (sync_package_parse and
 * sync_package_next): the input is a package file.  Checked: a refusal
 * says why; an accepted package's sections lie inside the buffer, are as
 * many as the header says, and count the changes the header counts. */
#include "fuzz.h"

#include "sync.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int once;
	static struct sync_header h;   /* large: the marks */
	if (!once++)
		gw_set_lang(GW_LANG_ZH);
	struct gw_err e;
	gw_err_clear(&e);
	enum gw_status st = sync_package_parse(data, size, &h, &e);
	if (st != GW_OK) {
		FUZZ_CHECK(st == GW_EREFUSED && e.msg[0]);
		return 0;
	}
	FUZZ_CHECK(h.header_len <= size);
	FUZZ_CHECK(h.nmarks >= 0 && h.nmarks <= SYNC_MAX_MARKS);
	FUZZ_CHECK(memchr(h.sender, '\0', sizeof h.sender) && memchr(h.receiver, '\0', sizeof h.receiver));
	size_t pos = 0;
	struct sync_section s;
	uint32_t n = 0;
	long changes = 0;
	while (sync_package_next(&h, data, &pos, &s)) {
		const uint8_t *p = s.data;
		FUZZ_CHECK(p >= data && p <= data + size && s.len <= (size_t)(data + size - p));
		FUZZ_CHECK(s.first_seq <= s.last_seq);
		FUZZ_CHECK(s.changes >= 0);
		changes += s.changes;
		FUZZ_CHECK(++n <= h.nsections);
	}
	FUZZ_CHECK(n == h.nsections);
	FUZZ_CHECK(changes == h.changes);
	return 0;
}
