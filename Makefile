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

.PHONY: all deps check-deps run test unit asan bench clean demo
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

# Unit, CLI and screen tests, then the unit tests again under ASan/UBSan.
test: all unit
	@$(MAKE) --no-print-directory B=build/asan OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer" \
	  LDFLAGS="-fsanitize=address,undefined" build/asan/libgridwork.a asan-unit >/dev/null
	@tests/run.sh

asan-unit: $(UNIT_BIN)

asan:
	$(MAKE) B=build/asan OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer" \
	  LDFLAGS="-fsanitize=address,undefined" gridwork-asan asan-unit

bench: all
	@tests/bench/run.sh

clean:
	rm -rf build gridwork

-include $(shell find build -name '*.d' 2>/dev/null)
