# gen - static report generator for cluster case studies.
#
#   make            build gen/gen
#   make site       build it and generate site/ from cases/
#   make test       build and run every test: normal build, ASan + UBSan,
#                   and a short fuzz run of each target
#   make sanitize   only the suite under ASan + UBSan
#   make fuzz       the libFuzzer targets for FUZZ_TIME seconds each
#   make bench      the performance benchmark (not part of test)
#   make basemap    regenerate gen/basemap.txt, the maps' base geography
#                   (npm; not part of the build, which uses the committed file)
#   make install    PREFIX=/usr/local: binary, man page, templates

CC      ?= cc
PREFIX  ?= /usr/local
V       ?= release
BUILD   := build/$(V)
CSTD    := -std=c11 -D_XOPEN_SOURCE=700
WARN    := -Wall -Wextra -Werror -Wpedantic -Wshadow -Wstrict-prototypes
OPT_release := -O2 -g
OPT_asan    := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
OPT_tsan    := -O1 -g -fsanitize=thread
OPT_fuzz    := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
OPT         := $(OPT_$(V))
# evaluated when a recipe runs, after `deps` has installed pkg-config
PKG_CFLAGS = $(shell pkg-config --cflags libcmark-gfm yaml-0.1 libmicrohttpd icu-uc icu-i18n)
PKG_LIBS   = $(shell pkg-config --libs libcmark-gfm yaml-0.1 libmicrohttpd icu-uc icu-i18n) -lpthread -lm
ALL_CFLAGS = $(CSTD) $(WARN) $(OPT) $(CFLAGS) $(PKG_CFLAGS) -Igen -MMD -MP \
             -DSG_DATADIR='"$(PREFIX)/share/gen"'

BUILD_PKGS := libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev libmicrohttpd-dev libicu-dev pkg-config
FUZZ_PKGS  := clang libclang-rt-14-dev
BENCH_PKGS := cmark-gfm time hugo
FUZZ_TIME  ?= 60
FUZZ_SMOKE ?= 5
FUZZERS    := case pipeline template vocab store
TEST_PKGS  := tidy chromium libxml2-utils curl python3-bibtexparser

LIB_SRCS := $(filter-out gen/main.c gen/vocab_data.c gen/basemap_data.c,$(wildcard gen/*.c)) \
            gen/vocab_data.c gen/basemap_data.c
LIB_OBJS := $(patsubst gen/%.c,$(BUILD)/%.o,$(LIB_SRCS))
GEN      := $(if $(filter release,$(V)),gen/gen,gen/gen-$(V))

.PHONY: FORCE all site test suite tsan check-unit sanitize bench install clean deps test-deps fuzz basemap

all: $(GEN)

deps:
	@sh gen/deps.sh $(BUILD_PKGS)

test-deps: deps
	@sh gen/deps.sh $(TEST_PKGS)
	@command -v npm >/dev/null 2>&1 || sh gen/deps.sh nodejs npm
	@[ -d tests/browser/node_modules ] || \
	    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)

$(BUILD)/.dir:
	@mkdir -p $(BUILD) && touch $@

# The vocabulary and the maps' base geography (docs/map.md) are built
# into the binary as byte arrays: $(call embed,NAME) writes
# `sg_NAME_data` and `sg_NAME_size` from the rule's first prerequisite.
define embed
	@{ echo '/* generated from $(notdir $<) by the Makefile; do not edit */'; \
	   echo '#include <stddef.h>'; \
	   echo 'const unsigned char sg_$(1)_data[] = {'; \
	   od -An -v -tx1 $< | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	   echo '0x00};'; \
	   echo 'const size_t sg_$(1)_size = sizeof sg_$(1)_data - 1;'; } > $@
endef

gen/vocab_data.c: gen/vocabulary.yaml
	$(call embed,vocab)

gen/basemap_data.c: gen/basemap.txt
	$(call embed,basemap)

# Regenerates gen/basemap.txt from Natural Earth data, with the npm
# packages pinned in tests/tools/package-lock.json.
basemap:
	@command -v npm >/dev/null 2>&1 || sh gen/deps.sh nodejs npm
	@[ -d tests/tools/node_modules ] || \
	    (cd tests/tools && npm ci --no-audit --no-fund --loglevel=error)
	node tests/tools/mkbasemap.mjs gen/basemap.txt

$(BUILD)/%.o: gen/%.c | deps $(BUILD)/.dir
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# the install prefix is compiled in (where installed templates live):
# rebuild what uses it when it changes
$(BUILD)/prefix: FORCE | $(BUILD)/.dir
	@echo '$(PREFIX)' | cmp -s - $@ || echo '$(PREFIX)' > $@
$(BUILD)/commands.o: $(BUILD)/prefix
FORCE:

$(BUILD)/libgen.a: $(LIB_OBJS)
	@rm -f $@ && ar rcs $@ $^

$(GEN): $(BUILD)/main.o $(BUILD)/libgen.a
	$(CC) $(OPT) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/%: tests/%.c $(BUILD)/libgen.a | deps
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libgen.a $(PKG_LIBS)

site: $(GEN)
	./$(GEN) build

# make test: the suite in the normal build, again under AddressSanitizer
# and UndefinedBehaviorSanitizer, then a short run of each fuzz target.
# (the sanitiser suite runs last so that its full count closes the output)
test: test-deps
	@$(MAKE) --no-print-directory suite
	@echo "== fuzz smoke run, $(FUZZ_SMOKE) s per target"
	@$(MAKE) --no-print-directory fuzz FUZZ_TIME=$(FUZZ_SMOKE)
	@echo "== parallel builds under ThreadSanitizer"
	@$(MAKE) --no-print-directory tsan
	@echo "== the suite again under ASan and UBSan"
	@$(MAKE) --no-print-directory V=asan suite

# the --jobs threads under ThreadSanitizer: a fresh build and a rebuild
tsan:
	@sh gen/deps.sh $(FUZZ_PKGS)
	@$(MAKE) --no-print-directory V=tsan CC=clang gen/gen-tsan
	@sh tests/tsan.sh gen/gen-tsan

suite: $(GEN) $(BUILD)/unit $(BUILD)/map_test $(BUILD)/spec
	@GEN=./$(GEN) BUILD=$(BUILD) sh tests/run.sh

sanitize: test-deps
	@$(MAKE) --no-print-directory V=asan suite

# libFuzzer targets (clang): `make fuzz FUZZ_TIME=600`. New inputs go to
# build/fuzz/corpus-*; the seeds in tests/fuzz/* are only read.
fuzz:
	@sh gen/deps.sh $(FUZZ_PKGS)
	@$(MAKE) --no-print-directory V=fuzz CC=clang $(patsubst %,build/fuzz/fuzz_%,$(FUZZERS))
	@for f in $(FUZZERS); do \
	    mkdir -p build/fuzz/corpus-$$f; \
	    build/fuzz/fuzz_$$f -max_total_time=$(FUZZ_TIME) -max_len=65536 \
	        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	        -artifact_prefix=build/fuzz/$$f- build/fuzz/corpus-$$f \
	        tests/fuzz/$$f > build/fuzz/$$f-$(FUZZ_TIME)s.log 2>&1; rc=$$?; \
	    runs=$$(grep -a -o 'number_of_executed_units: [0-9]*' build/fuzz/$$f-$(FUZZ_TIME)s.log | grep -o '[0-9]*$$'); \
	    if [ $$rc -ne 0 ]; then grep -a -E 'ERROR|SUMMARY' build/fuzz/$$f-$(FUZZ_TIME)s.log; \
	        echo "fuzz_$$f: FINDING after $$runs runs; the input is in build/fuzz/$$f-*"; exit 1; fi; \
	    echo "fuzz_$$f: $(FUZZ_TIME) s, $$runs runs, no finding"; \
	done; echo "fuzz: $(words $(FUZZERS)) passed, 0 failed"

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c build/fuzz/libgen.a | deps
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< build/fuzz/libgen.a $(PKG_LIBS)

# the benchmark: BENCH_SIZES="1000 10000 100000" BENCH_RUNS=3 by default
bench: $(GEN)
	@sh gen/deps.sh $(BENCH_PKGS)
	@sh tests/bench/run.sh ./$(GEN)

install: $(GEN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/gen/templates/static
	install -m 755 $(GEN) $(DESTDIR)$(PREFIX)/bin/gen
	install -m 644 docs/gen.1 $(DESTDIR)$(PREFIX)/share/man/man1/gen.1
	install -m 644 templates/*.mustache $(DESTDIR)$(PREFIX)/share/gen/templates/
	install -m 644 templates/static/* $(DESTDIR)$(PREFIX)/share/gen/templates/static/
	install -m 644 gen/vocabulary.yaml $(DESTDIR)$(PREFIX)/share/gen/vocabulary.yaml

clean:
	rm -rf build gen/gen gen/gen-* gen/vocab_data.c gen/basemap_data.c tests/out

-include $(wildcard $(BUILD)/*.d)
