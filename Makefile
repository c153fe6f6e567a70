# gridwork - party-building grid work for Shucheng County.
# Plain make with pkg-config; objects under build/, the program at ./gridwork.

PKGS      := ncursesw sqlite3 libconfig
DEBS      := build-essential pkg-config libncurses-dev libsqlite3-dev sqlite3 \
             libconfig-dev libcmocka-dev tmux unicode-data bzip2
CC        ?= cc
OPT       ?= -O2 -g
WARN      := -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter -Wno-format-truncation
DEFS      := -D_GNU_SOURCE -DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_PREUPDATE_HOOK \
             -DNCURSES_WIDECHAR=1
INC       := -I. -Icore -Idb
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS_ALL = -std=c11 $(OPT) $(WARN) $(DEFS) $(INC) $(PKG_CFLAGS) $(CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -lm $(LDLIBS)

B          ?= build
CORE_SRC  := $(wildcard core/*.c) $(wildcard db/*.c)
TUI_SRC   := $(wildcard tui/*.c)
GEN_SRC   := $(B)/gen/pinyin_data.c
CORE_OBJ  := $(CORE_SRC:%.c=$(B)/%.o) $(B)/gen/pinyin_data.o $(B)/gen/default_cfg.o
TUI_OBJ   := $(TUI_SRC:%.c=$(B)/%.o)
LIB       := $(B)/libgridwork.a
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
UNIHAN    := /usr/share/unicode/Unihan_Readings.txt.bz2

DEMO_DB   ?= $(HOME)/.local/share/gridwork/demo.db

.PHONY: all deps check-deps run test unit asan bench clean demo \
        asan-build asan-unit fuzz fuzz-build fuzz-replay fuzz-replay-build valgrind analyze \
        crash concurrency
all: check-deps gridwork

# Installs what a fresh Debian 12 lacks.  As root it runs apt-get; otherwise
# it prints the command and stops.
deps:
	@missing=""; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: all present"; exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "deps: installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
	  echo "deps: missing packages; run as root:"; \
	  echo "  apt-get install -y$$missing"; exit 1; \
	fi

# Cheap check used by every build: only calls `deps` when something is absent.
check-deps:
	@pkg-config --exists $(PKGS) cmocka 2>/dev/null && command -v tmux >/dev/null \
	  && command -v sqlite3 >/dev/null && [ -f $(UNIHAN) ] || $(MAKE) --no-print-directory deps

gridwork: $(TUI_OBJ) $(LIB)
	$(CC) $(CFLAGS_ALL) -o $@ $(TUI_OBJ) $(LIB) $(LDLIBS_ALL) $(LDFLAGS)

$(LIB): $(CORE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

# Hanzi -> pinyin initials, generated from Unicode's Unihan readings.
$(B)/gen/pinyin_gen: core/gen/pinyin_gen.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -o $@ $<
$(GEN_SRC): $(B)/gen/pinyin_gen $(UNIHAN)
	bzcat $(UNIHAN) | $(B)/gen/pinyin_gen > $@.tmp && mv $@.tmp $@
$(B)/gen/pinyin_data.o: $(GEN_SRC)
	$(CC) $(CFLAGS_ALL) -Wno-overlength-strings -c -o $@ $<

# The documented configuration file doubles as the built-in defaults.
$(B)/gen/default_cfg.c: config/gridwork.cfg
	@mkdir -p $(dir $@)
	{ echo 'extern const char config_default_text[];'; echo 'const char config_default_text[] ='; \
	  sed 's/\\/\\\\/g; s/"/\\"/g; s/^/"/; s/$$/\\n"/' $<; echo ';'; } > $@
$(B)/gen/default_cfg.o: $(B)/gen/default_cfg.c
	$(CC) $(CFLAGS_ALL) -Wno-overlength-strings -c -o $@ $<

$(B)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LIB) $(LDLIBS_ALL) -lcmocka

unit: check-deps $(UNIT_BIN)

# The demo county database `make run` opens.
demo: gridwork
	@if [ ! -f "$(DEMO_DB)" ]; then \
	  mkdir -p "$$(dirname "$(DEMO_DB)")" && ./gridwork demo --db "$(DEMO_DB)"; fi
	@echo "demo database: $(DEMO_DB)"

run: all demo
	./gridwork --db "$(DEMO_DB)"

# Unit, CLI and screen tests, the unit and CLI tests again under ASan/UBSan,
# the fuzz corpora replayed, SIGKILL during import at 20 points, and
# concurrent writers for 10 s (docs/QUALITY.md says what runs where).
test: all unit
	@$(MAKE) --no-print-directory $(ASAN_VARS) asan-build fuzz-replay-build >/dev/null
	@tests/run.sh

# ---- quality gates (docs/QUALITY.md) -----------------------------------------
SAN_FLAGS  := -fsanitize=address,undefined -fno-omit-frame-pointer
ASAN_VARS  := B=build/asan OPT="-O1 -g $(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined"
FUZZ_TARGETS := csv config search sync width
FUZZ_SECONDS ?= 60
FUZZ_CC    ?= clang-14
FUZZ_DEBS  := clang-14 libclang-rt-14-dev
# libFuzzer needs coverage in the library too; clang's warnings differ from
# gcc's, so the fuzz build does not stop on them.
FUZZ_VARS  := B=build/fuzz CC=$(FUZZ_CC) WARN="-Wall -Wno-unused-parameter" \
              OPT="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer" \
              LDFLAGS="-fsanitize=fuzzer,address,undefined"
VALGRIND_DEBS := valgrind

# The sanitizer build's program: reports go to files under $(B)/san (the
# test runner fails on any), ncurses' exit-time allocations are suppressed.
$(B)/san_defaults.o: tests/suppressions/san_defaults.c tests/suppressions/lsan.supp
	@mkdir -p $(B)/san
	$(CC) $(CFLAGS_ALL) -DGW_SAN_LOG='"$(abspath $(B))/san/report"' \
	  -DGW_LSAN_SUPP='"$(abspath tests/suppressions/lsan.supp)"' -c -o $@ $<
$(B)/gridwork: $(TUI_OBJ) $(LIB) $(B)/san_defaults.o
	$(CC) $(CFLAGS_ALL) -o $@ $(TUI_OBJ) $(B)/san_defaults.o $(LIB) $(LDLIBS_ALL) $(LDFLAGS)

asan-unit: $(UNIT_BIN)
asan-build: $(LIB) asan-unit $(B)/gridwork

# The whole suite - unit, CLI and the tmux screen journeys - on the
# ASan/UBSan build, with leaks checked.
asan: check-deps
	@$(MAKE) --no-print-directory $(ASAN_VARS) asan-build fuzz-replay-build >/dev/null
	@GW_SUITE=asan tests/run.sh

# Each fuzz target's source with a main() that replays files (no clang
# needed): make test runs them over tests/fuzz/corpus and tests/fuzz/regress.
FUZZ_REPLAY := $(FUZZ_TARGETS:%=$(B)/replay/fuzz_%)
$(B)/replay/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< tests/fuzz/replay.c $(LIB) $(LDLIBS_ALL) $(LDFLAGS)
fuzz-replay-build: $(FUZZ_REPLAY)
fuzz-replay:
	@$(MAKE) --no-print-directory $(ASAN_VARS) fuzz-replay-build >/dev/null
	@bash tests/fuzz/t_replay.sh

# libFuzzer: each target for FUZZ_SECONDS on its corpus (new inputs are
# kept there); a crash stops with the input saved under build/fuzz/crashes.
FUZZ_BIN := $(FUZZ_TARGETS:%=$(B)/fuzzer/fuzz_%)
$(B)/fuzzer/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LIB) $(LDLIBS_ALL) $(LDFLAGS)
fuzz-build: $(FUZZ_BIN)
fuzz:
	@$(MAKE) --no-print-directory deps DEBS="$(FUZZ_DEBS)"
	@$(MAKE) --no-print-directory $(FUZZ_VARS) fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run.sh $(FUZZ_TARGETS)

# Valgrind memcheck over the unit tests: 0 errors, 0 bytes definitely lost.
valgrind: unit
	@command -v valgrind >/dev/null || $(MAKE) --no-print-directory deps DEBS="$(VALGRIND_DEBS)"
	@tests/valgrind.sh

# gcc's static analyzer over core/ and db/; findings listed, status 1 if any.
analyze: check-deps $(GEN_SRC)
	@tests/analyze.sh $(CC) "$(CFLAGS_ALL)"

# SIGKILL during an import of 100,000 tickets at 200 random points.
crash: all
	@CRASH_POINTS=$${CRASH_POINTS:-200} bash tests/crash/t_kill.sh

# 2 and 4 processes registering tickets for 60 s each.
concurrency: all
	@CONC_SECONDS=$${CONC_SECONDS:-60} bash tests/concurrency/t_writers.sh

bench: all
	@tests/bench/run.sh
	@tests/bench/tui_bench.sh

clean:
	rm -rf build gridwork

-include $(shell find build -name '*.d' 2>/dev/null)
