# duwen — see README.md. `make run` and `make check` are the two entry points.

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
SANBUILD ?= $(BUILD)-san

CC      ?= cc
PKGS     = ncursesw libutf8proc uchardet opencc sqlite3 libzip libxml-2.0 gumbo libcmark-gfm
SRCPKGS  = libutf8proc uchardet opencc sqlite3 libzip libxml-2.0 gumbo libcmark-gfm
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# cmark-gfm's extensions (tables) have no .pc of their own
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions
CURSES_LIBS := $(shell pkg-config --libs ncursesw 2>/dev/null)
SRC_LIBS   := $(shell pkg-config --libs $(SRCPKGS) 2>/dev/null) -lcmark-gfm-extensions
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)

WARN    = -Wall -Wextra -Werror
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP
SANFLAGS = -O1 -g -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all -fno-omit-frame-pointer

LIB_SRC  := $(sort $(wildcard src/*.c))
UI_SRC   := $(sort $(filter-out ui/main.c,$(wildcard ui/*.c ui/*/*.c)))
TEST_SRC := $(sort $(wildcard tests/test_*.c))
SUPPORT_SRC := $(sort $(wildcard tests/support_*.c))
BENCH_SRC := $(sort $(wildcard bench/*.c))
# Fuzz harness bodies (fuzz/fuzz.h); entry.c is libFuzzer's entry point.
FUZZ_BODY_SRC := $(sort $(filter-out fuzz/entry.c,$(wildcard fuzz/*.c)))

LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
UI_OBJ   = $(UI_SRC:%.c=$(BUILD)/%.o)
SUPPORT_OBJ = $(SUPPORT_SRC:%.c=$(BUILD)/%.o)
TESTS    = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
BENCHES  = $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
SANTESTS = $(TEST_SRC:tests/%.c=$(SANBUILD)/tests/%)
SAN_LIB_OBJ = $(LIB_SRC:%.c=$(SANBUILD)/%.o)
SAN_UI_OBJ  = $(UI_SRC:%.c=$(SANBUILD)/%.o)
SAN_SUPPORT_OBJ = $(SUPPORT_SRC:%.c=$(SANBUILD)/%.o)

.PHONY: all run check deps test unit santest e2e e2e-san lint layers kinsoku bench install uninstall clean \
	fuzz fuzz-deps fuzz-build memcheck memcheck-deps
.DEFAULT_GOAL := all

all: $(BUILD)/duwen

deps:
	@sh .ci/deps

run: deps
	@$(MAKE) --no-print-directory all
	./$(BUILD)/duwen $(ARGS)

check: deps
	@$(MAKE) --no-print-directory all $(TESTS) $(BENCHES)
	@$(MAKE) --no-print-directory -k unit santest lint layers e2e e2e-san kinsoku

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libduwen.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/libduwen-ui.a: $(UI_OBJ)
	@rm -f $@
	ar rcs $@ $^ $(if $(UI_OBJ),,)

$(BUILD)/duwen: $(BUILD)/ui/main.o $(BUILD)/libduwen-ui.a $(BUILD)/libduwen.a
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS) -lm

# Unit tests: test_ui_* also link the pane code and ncursesw.
$(BUILD)/tests/test_ui_%: $(BUILD)/tests/test_ui_%.o $(SUPPORT_OBJ) $(BUILD)/libduwen-ui.a $(BUILD)/libduwen.a
	$(CC) $(CFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(PKG_LIBS) -lm

$(BUILD)/tests/test_%: $(BUILD)/tests/test_%.o $(SUPPORT_OBJ) $(BUILD)/libduwen.a
	$(CC) $(CFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(SRC_LIBS) -lm

# test_fuzz replays fuzz/regress/ through the harness bodies.
$(BUILD)/tests/test_fuzz: $(BUILD)/tests/test_fuzz.o $(FUZZ_BODY_SRC:%.c=$(BUILD)/%.o) $(SUPPORT_OBJ) $(BUILD)/libduwen.a
	$(CC) $(CFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(SRC_LIBS) -lm

$(BUILD)/bench/%: $(BUILD)/bench/%.o $(BUILD)/libduwen.a
	$(CC) $(CFLAGS) -o $@ $^ $(SRC_LIBS) -lm

unit: $(TESTS)
	@sh tests/run.sh unit $(TESTS)

# The library and unit tests again under ASan + UBSan; any report fails.
$(SANBUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(SANFLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

$(SANBUILD)/libduwen.a: $(SAN_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(SANBUILD)/libduwen-ui.a: $(SAN_UI_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(SANBUILD)/tests/test_ui_%: $(SANBUILD)/tests/test_ui_%.o $(SAN_SUPPORT_OBJ) $(SANBUILD)/libduwen-ui.a $(SANBUILD)/libduwen.a
	$(CC) $(SANFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(PKG_LIBS) -lm

$(SANBUILD)/tests/test_%: $(SANBUILD)/tests/test_%.o $(SAN_SUPPORT_OBJ) $(SANBUILD)/libduwen.a
	$(CC) $(SANFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(SRC_LIBS) -lm

$(SANBUILD)/tests/test_fuzz: $(SANBUILD)/tests/test_fuzz.o $(FUZZ_BODY_SRC:%.c=$(SANBUILD)/%.o) $(SAN_SUPPORT_OBJ) $(SANBUILD)/libduwen.a
	$(CC) $(SANFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(SRC_LIBS) -lm

$(SANBUILD)/duwen: $(SANBUILD)/ui/main.o $(SANBUILD)/libduwen-ui.a $(SANBUILD)/libduwen.a
	$(CC) $(SANFLAGS) -o $@ $^ $(PKG_LIBS) -lm

santest: $(SANTESTS)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  sh tests/run.sh asan+ubsan $(SANTESTS)

lint:
	@if command -v mandoc >/dev/null 2>&1; then \
	  out=$$(mandoc -Tlint -W warning man/duwen.1 2>&1); \
	  if [ -n "$$out" ]; then echo "$$out"; exit 1; fi; \
	  echo "== man/duwen.1: mandoc -Tlint clean"; \
	else groff -ww -z -man man/duwen.1 && echo "== man/duwen.1: groff -ww clean"; fi

# No circle of files (includes and calls, from the objects' symbols) and the
# screen layer below the panes: tools/layers.py says which rule a file breaks.
layers: $(LIB_OBJ) $(UI_OBJ) $(BUILD)/ui/main.o
	@python3 tools/layers.py $(BUILD)

# Line breaking judged by ../shared/tools/kinsoku.py (skipped without it)
# on the manuals in tests/data/ and texts/ at widths 40-100.
kinsoku: $(BUILD)/duwen
	@DUWEN=$(abspath $(BUILD))/duwen sh tests/kinsoku.sh

e2e: $(BUILD)/duwen
	@DUWEN=$(abspath $(BUILD))/duwen sh tests/run.sh e2e $(sort $(wildcard tests/e2e/*.sh))

# The e2e tests again with duwen built under ASan + UBSan. A report ends
# duwen and is written to $(SANBUILD)/e2e-reports/ (the terminal under test
# would hide it); any report there fails the target, whatever the scripts saw.
E2E_REPORTS = $(abspath $(SANBUILD))/e2e-reports
e2e-san: $(SANBUILD)/duwen
	@rm -rf $(E2E_REPORTS); mkdir -p $(E2E_REPORTS)
	@ASAN_OPTIONS=detect_leaks=1:log_path=$(E2E_REPORTS)/asan \
	  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:log_path=$(E2E_REPORTS)/ubsan \
	  DUWEN=$(abspath $(SANBUILD))/duwen sh tests/run.sh e2e-asan+ubsan $(sort $(wildcard tests/e2e/*.sh)); \
	rc=$$?; for r in $(E2E_REPORTS)/*; do [ -e "$$r" ] || continue; \
	  echo "== sanitizer report $$r"; cat "$$r"; rc=1; done; exit $$rc

# libFuzzer harnesses (fuzz/): clang with -fsanitize=fuzzer,address,undefined.
# `make fuzz FUZZ_SECONDS=N` runs each harness N seconds (FUZZ_NAMES picks
# some), corpora in $(FUZZBUILD)/corpus seeded by fuzz/seeds.sh; a crash
# leaves $(FUZZBUILD)/crash-NAME-* to copy into fuzz/regress/NAME/.
FUZZBUILD ?= $(BUILD)-fuzz
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_NAMES ?= article layout notes config match page
FUZZ_OPTS ?=
FUZZ_SANFLAGS = -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all
FUZZFLAGS = -O1 -g -fno-omit-frame-pointer $(FUZZ_SANFLAGS)
FUZZ_LIB_OBJ = $(LIB_SRC:%.c=$(FUZZBUILD)/%.o) $(FUZZ_BODY_SRC:%.c=$(FUZZBUILD)/%.o)

fuzz-deps:
	@sh .ci/deps-fuzz

$(FUZZBUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -std=c11 -D_GNU_SOURCE $(WARN) $(FUZZFLAGS) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZBUILD)/libduwen-fuzz.a: $(FUZZ_LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(FUZZBUILD)/fuzz_%: fuzz/entry.c $(FUZZBUILD)/libduwen-fuzz.a
	$(FUZZ_CC) -std=c11 $(WARN) $(FUZZFLAGS) -fsanitize=fuzzer -DFUZZ_BODY=fuzz_$* -o $@ $^ $(SRC_LIBS) -lm

fuzz-build: $(FUZZ_NAMES:%=$(FUZZBUILD)/fuzz_%)

fuzz: deps fuzz-deps
	@$(MAKE) --no-print-directory fuzz-build
	@python3 fuzz/seeds.py $(FUZZBUILD)/corpus
	@status=0; for n in $(FUZZ_NAMES); do \
	  echo "== fuzz_$$n: $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=1 $(FUZZBUILD)/fuzz_$$n -max_total_time=$(FUZZ_SECONDS) \
	    -print_final_stats=1 -max_len=65536 -artifact_prefix=$(FUZZBUILD)/crash-$$n- \
	    $(FUZZ_OPTS) $(FUZZBUILD)/corpus/$$n fuzz/regress/$$n 2>$(FUZZBUILD)/fuzz_$$n.log; \
	  rc=$$?; grep -E '^(#[0-9]+ *DONE|Done [0-9]+ runs|stat::number_of_executed_units|stat::average_exec_per_sec|==[0-9]+==ERROR|SUMMARY|fuzz: )' $(FUZZBUILD)/fuzz_$$n.log; \
	  if [ $$rc -ne 0 ]; then status=1; echo "fuzz_$$n: FAILED (exit $$rc; $(FUZZBUILD)/fuzz_$$n.log)"; fi; \
	done; exit $$status

# duwen under valgrind's memcheck: the plain-text modes and a session in the
# panes (tests/memcheck.sh); any error or definite leak fails. Not in check.
memcheck-deps:
	@sh .ci/deps-memcheck

memcheck: deps memcheck-deps
	@$(MAKE) --no-print-directory all
	@DUWEN=$(abspath $(BUILD))/duwen sh tests/memcheck.sh

bench: deps
	@$(MAKE) --no-print-directory $(BENCHES) $(BUILD)/duwen
	@set -e; for b in $(abspath $(BENCHES)); do echo "== $$b"; $$b; done
	@for s in $(sort $(wildcard bench/*.sh)); do echo "== $$s"; DUWEN=$(abspath $(BUILD))/duwen sh $$s; done

install: $(BUILD)/duwen
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/duwen/texts
	install -m 755 $(BUILD)/duwen $(DESTDIR)$(PREFIX)/bin/duwen
	install -m 644 man/duwen.1 $(DESTDIR)$(PREFIX)/share/man/man1/duwen.1
	install -m 644 texts/*.txt $(DESTDIR)$(PREFIX)/share/duwen/texts/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/duwen $(DESTDIR)$(PREFIX)/share/man/man1/duwen.1
	rm -rf $(DESTDIR)$(PREFIX)/share/duwen

clean:
	rm -rf $(BUILD) $(SANBUILD) $(FUZZBUILD)

-include $(shell find $(BUILD) $(SANBUILD) $(FUZZBUILD) -name '*.d' 2>/dev/null)
