# gen - static report generator for cluster case studies.
#
#   make            build gen/gen
#   make site       build it and generate site/ from cases/
#   make test       build and run every test
#   make sanitize   the whole test suite under ASan + UBSan
#   make bench      the performance benchmark (not part of test)
#   make install    PREFIX=/usr/local: binary, man page, templates

CC      ?= cc
PREFIX  ?= /usr/local
V       ?= release
BUILD   := build/$(V)
CSTD    := -std=c11 -D_XOPEN_SOURCE=700
WARN    := -Wall -Wextra -Werror -Wpedantic -Wshadow -Wstrict-prototypes
OPT_release := -O2 -g
OPT_asan    := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
OPT         := $(OPT_$(V))
# evaluated when a recipe runs, after `deps` has installed pkg-config
PKG_CFLAGS = $(shell pkg-config --cflags libcmark yaml-0.1)
PKG_LIBS   = $(shell pkg-config --libs libcmark yaml-0.1) -lpthread -lm
ALL_CFLAGS = $(CSTD) $(WARN) $(OPT) $(CFLAGS) $(PKG_CFLAGS) -Igen -MMD -MP \
             -DSG_DATADIR='"$(PREFIX)/share/gen"'

BUILD_PKGS := libcmark-dev libyaml-dev pkg-config
TEST_PKGS  := tidy chromium libxml2-utils

LIB_SRCS := $(filter-out gen/main.c gen/vocab_data.c,$(wildcard gen/*.c)) gen/vocab_data.c
LIB_OBJS := $(patsubst gen/%.c,$(BUILD)/%.o,$(LIB_SRCS))
GEN      := $(if $(filter release,$(V)),gen/gen,gen/gen-$(V))

.PHONY: FORCE all site test check-unit sanitize bench install clean deps test-deps fuzz

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

# The vocabulary is built into the binary as a byte array.
gen/vocab_data.c: gen/vocabulary.yaml
	@{ echo '/* generated from vocabulary.yaml by the Makefile; do not edit */'; \
	   echo '#include <stddef.h>'; \
	   echo 'const unsigned char sg_vocab_data[] = {'; \
	   od -An -v -tx1 $< | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	   echo '0x00};'; \
	   echo 'const size_t sg_vocab_size = sizeof sg_vocab_data - 1;'; } > $@

$(BUILD)/%.o: gen/%.c | deps $(BUILD)/.dir
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# the install prefix is compiled in (where installed templates live):
# rebuild what uses it when it changes
$(BUILD)/prefix: FORCE | $(BUILD)/.dir
	@echo '$(PREFIX)' | cmp -s - $@ || echo '$(PREFIX)' > $@
$(BUILD)/cmd_build.o: $(BUILD)/prefix
FORCE:

$(BUILD)/libgen.a: $(LIB_OBJS)
	@rm -f $@ && ar rcs $@ $^

$(GEN): $(BUILD)/main.o $(BUILD)/libgen.a
	$(CC) $(OPT) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/%: tests/%.c $(BUILD)/libgen.a | deps
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libgen.a $(PKG_LIBS)

site: $(GEN)
	./$(GEN) build

test: test-deps $(GEN) $(BUILD)/unit $(BUILD)/spec
	@GEN=./$(GEN) BUILD=$(BUILD) sh tests/run.sh

sanitize:
	@$(MAKE) --no-print-directory V=asan test

bench: $(GEN)
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
	rm -rf build gen/gen gen/gen-* gen/vocab_data.c tests/out

-include $(wildcard $(BUILD)/*.d)
