/* san_defaults.c - built-in options of the ASan/UBSan build of gridwork
 * (make asan; linked into build/asan/gridwork only).
 *
 * The screen tests start the program with `env -i`, so ASAN_OPTIONS from
 * the runner never reach it: the options live in the binary instead.
 * Reports go to files GW_SAN_LOG.<pid> (tests/run.sh fails the run when
 * any exists) rather than to stderr, which the CLI tests compare. */
#ifndef GW_SAN_LOG
#define GW_SAN_LOG "san-report"
#endif
#ifndef GW_LSAN_SUPP
#define GW_LSAN_SUPP "tests/suppressions/lsan.supp"
#endif

const char *__asan_default_options(void);
const char *__ubsan_default_options(void);
const char *__lsan_default_options(void);

const char *__asan_default_options(void)
{
	return "detect_leaks=1:abort_on_error=0:log_path=" GW_SAN_LOG;
}

const char *__ubsan_default_options(void)
{
	return "print_stacktrace=1:halt_on_error=1:log_path=" GW_SAN_LOG;
}

const char *__lsan_default_options(void)
{
	return "suppressions=" GW_LSAN_SUPP;
}
