# Jixiao — build, test and run. A fresh Debian machine gets everything from `make deps`.
SWIFT      ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
# Debian's own Python and its packages: a fresh Debian 12 has no pip, and its system Python
# is "externally managed" (PEP 668). Another python3 first on PATH is not used.
PYTHON     ?= /usr/bin/python3
BIN        := .build/debug/jixiao
RELEASE    := .build/release/jixiao
EXAMPLE    := Templates/examples/suining-2024.json
# g++ brings libstdc++.so, which libFuzzer (make fuzz) links against. util-linux brings setpriv
# (the two-user tests). The Python test helpers come from Debian too. libxlsxwriter-dev: the
# header print --format xlsx is built against (the library itself is loaded when used);
# python3-openpyxl reads the workbooks back in the tests.
APT_PKGS   := libncurses-dev tmux g++ util-linux python3 python3-pytest python3-jsonschema python3-wcwidth python3-pexpect \
              libxlsxwriter-dev python3-openpyxl

.PHONY: all deps build release install test test-swift test-cli run bench fuzz fuzz-short fuzz-build clean

all: build

# Idempotent: installs only what is missing; runs as root without sudo.
deps:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "apt-get install:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@test -x "$(SWIFT)" || { echo "Swift not found: install Swift 6 to /opt/swift (https://swift.org/install)"; exit 2; }

build: deps
	$(SWIFT) build

# The Swift runtime and FoundationEssentials linked in: fewer shared libraries to map and
# relocate at every start, so less memory and a quicker start. Debug builds stay dynamic.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

PREFIX     ?= /usr/local

# Installs the binary and the bundled templates; jixiao finds them in $(PREFIX)/share.
install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/jixiao/templates
	install -m 755 $(RELEASE) $(DESTDIR)$(PREFIX)/bin/jixiao
	install -m 644 Templates/*.json $(DESTDIR)$(PREFIX)/share/jixiao/templates/

test: build test-swift test-cli fuzz-short

test-swift:
	$(SWIFT) test

test-cli:
	JIXIAO=$(abspath $(BIN)) $(PYTHON) -m pytest -q tests

# Builds everything and opens the editor on a copy of the bundled example sheet (seed 000),
# so that trying things out never changes the example itself.
RUN_COPY   := .build/run/suining-2024.json
run: build
	@mkdir -p .build/run
	@test -f $(RUN_COPY) || cp $(EXAMPLE) $(RUN_COPY)
	$(BIN) edit $(RUN_COPY)

# VisiData is what people would otherwise reach for: the benchmark times it on the same rows.
bench: release
	@command -v vd >/dev/null || { SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq visidata; }
	$(PYTHON) tests/bench.py $(abspath $(RELEASE))

# Coverage-guided fuzzing (libFuzzer, shipped with the Swift toolchain) of session and template
# loading. Not a SwiftPM target: JixiaoCore is compiled once more with coverage instrumentation
# into a static library, and each target in Fuzz/ is linked against it.
#   make fuzz                          60 s per target (FUZZ_SECONDS=600 for longer)
#   make fuzz FUZZ_SANITIZE=fuzzer,address    with AddressSanitizer (slower)
FUZZ_SECONDS       ?= 60
FUZZ_SHORT_SECONDS ?= 10
FUZZ_SANITIZE      ?= fuzzer
FUZZ_JOBS          ?= $(shell nproc 2>/dev/null || echo 2)
SWIFTC     ?= $(if $(findstring /,$(SWIFT)),$(dir $(SWIFT))swiftc,swiftc)
comma      := ,
FUZZ_OUT   := .build/fuzz/$(subst $(comma),-,$(FUZZ_SANITIZE))
FUZZ_FLAGS_SWIFTC := -swift-version 6 -parse-as-library -O -sanitize=$(FUZZ_SANITIZE)
CORE_SRCS  := $(sort $(shell find Sources/JixiaoCore -name '*.swift'))
FUZZ_SEEDS_SESSION  := Templates/examples Templates Fuzz/seeds/session
FUZZ_SEEDS_TEMPLATE := Templates Templates/examples

# Absolute paths: TemplateRegistry.sourceTemplates is found from its own #filePath.
$(FUZZ_OUT)/libJixiaoCore.a: $(CORE_SRCS)
	@mkdir -p $(FUZZ_OUT)
	@echo "swiftc $(FUZZ_FLAGS_SWIFTC) Sources/JixiaoCore → $@"
	@$(SWIFTC) $(FUZZ_FLAGS_SWIFTC) -j$(FUZZ_JOBS) -module-name JixiaoCore -emit-library -static -emit-module \
	  -emit-module-path $(FUZZ_OUT)/JixiaoCore.swiftmodule -o $@ $(abspath $(CORE_SRCS))

FUZZ_LINK   = $(SWIFTC) $(FUZZ_FLAGS_SWIFTC) -use-ld=lld -I $(FUZZ_OUT) -L $(FUZZ_OUT) -lJixiaoCore
$(FUZZ_OUT)/fuzz-session: Fuzz/FuzzSupport.swift Fuzz/FuzzSession.swift $(FUZZ_OUT)/libJixiaoCore.a
	$(FUZZ_LINK) $(filter %.swift,$^) -o $@
$(FUZZ_OUT)/fuzz-template: Fuzz/FuzzSupport.swift Fuzz/FuzzTemplate.swift $(FUZZ_OUT)/libJixiaoCore.a
	$(FUZZ_LINK) $(filter %.swift,$^) -o $@

fuzz-build: deps $(FUZZ_OUT)/fuzz-session $(FUZZ_OUT)/fuzz-template

# $(call fuzz-run,seconds): each target in turn, from a fresh copy of its seeds.
fuzz-run = Fuzz/run.sh fuzz-session $(FUZZ_OUT)/fuzz-session $(1) $(FUZZ_OUT)/run/session $(FUZZ_SEEDS_SESSION) && \
	Fuzz/run.sh fuzz-template $(FUZZ_OUT)/fuzz-template $(1) $(FUZZ_OUT)/run/template $(FUZZ_SEEDS_TEMPLATE)

fuzz: fuzz-build
	@$(call fuzz-run,$(FUZZ_SECONDS))

# Part of make test.
fuzz-short: fuzz-build
	@$(call fuzz-run,$(FUZZ_SHORT_SECONDS))

clean:
	rm -rf .build
