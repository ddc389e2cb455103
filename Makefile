# Jixiao — build, test and run. A fresh Debian machine gets everything from `make deps`.
SWIFT      ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
# Debian's own Python and its packages: a fresh Debian 12 has no pip, and its system Python
# is "externally managed" (PEP 668). Another python3 first on PATH is not used.
PYTHON     ?= /usr/bin/python3
BIN        := .build/debug/jixiao
RELEASE    := .build/release/jixiao
EXAMPLE    := Templates/examples/suining-2024.json
# g++ brings libstdc++.so, which libFuzzer (make fuzz) links against. util-linux brings setpriv
# (the two-user tests). The Python test helpers come from Debian too. mandoc checks the man
# page, which man-db (and its groff) lays out as a user would see it. dpkg-dev brings
# dpkg-shlibdeps (make deb). The three shells try the installed completions.
# libxlsxwriter-dev: the header print --format xlsx is built against (the library itself is
# loaded when used); python3-openpyxl reads the workbooks back in the tests. strace makes
# link() fail as it does on a FAT USB stick.
# What building needs; the rest is for the tests (make deps installs both).
BUILD_PKGS := libncurses-dev libxlsxwriter-dev
APT_PKGS   := $(BUILD_PKGS) tmux g++ util-linux python3 python3-pytest python3-jsonschema python3-wcwidth python3-pexpect \
              mandoc man-db dpkg-dev bash-completion zsh fish libxlsxwriter-dev python3-openpyxl strace

.PHONY: all deps build-deps build release install deb test test-swift test-cli run bench fuzz fuzz-short fuzz-build clean

all: build

# Idempotent: installs only what is missing; runs as root without sudo. build-deps installs
# only what building needs: `sudo make install` brings no test tools.
deps: PKGS = $(APT_PKGS)
build-deps: PKGS = $(BUILD_PKGS)
deps build-deps:
	@missing=""; for p in $(PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "apt-get install:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@test -x "$(SWIFT)" || { echo "Swift not found: install Swift 6 to /opt/swift (https://swift.org/install)"; exit 2; }

build: build-deps
	$(SWIFT) build

# The Swift runtime and FoundationEssentials linked in: fewer shared libraries to map and
# relocate at every start, so less memory and a quicker start. Debug builds stay dynamic. No
# $$ORIGIN run path: with nothing of its own to load, an installed binary should not look for
# libraries in the folder it sits in.
release: build-deps
	$(SWIFT) build -c release --static-swift-stdlib --disable-local-rpath

# The one version, from Sources/jixiao/Version.swift: jixiao --version prints the same.
VERSION    := $(shell sed -n 's/^ *static let current = "\([^"]*\)"$$/\1/p' Sources/jixiao/Version.swift)
PREFIX     ?= /usr/local
# What make install installs: the release binary, built first, unless another is named.
INSTALL_BIN ?= $(RELEASE)
# zsh on Debian searches vendor-completions for packages (/usr) and site-functions for the
# local administrator's (/usr/local). bash-completion and fish look in share/ of every folder
# of XDG_DATA_DIRS (by default /usr/local/share and /usr/share for bash-completion).
ZSH_COMPLETIONS ?= $(if $(filter /usr,$(PREFIX)),$(PREFIX)/share/zsh/vendor-completions,$(PREFIX)/share/zsh/site-functions)
INSTALL_STAGE := .build/install-stage

# The binary, the templates (found by jixiao in $(PREFIX)/share, from its own place), the man
# page, and the completion scripts, which the binary writes itself (swift-argument-parser).
install: $(if $(filter $(RELEASE),$(INSTALL_BIN)),release)
	$(install-files)

define install-files
@rm -rf $(INSTALL_STAGE) && mkdir -p $(INSTALL_STAGE)
$(INSTALL_BIN) --generate-completion-script bash > $(INSTALL_STAGE)/jixiao.bash
@# bash-completion sources the script, never runs it: no #! line (lintian's bash-completion-with-hashbang).
sed -i '1{/^#!/d}' $(INSTALL_STAGE)/jixiao.bash
$(INSTALL_BIN) --generate-completion-script zsh > $(INSTALL_STAGE)/_jixiao
$(INSTALL_BIN) --generate-completion-script fish > $(INSTALL_STAGE)/jixiao.fish
gzip -9n < Documentation/jixiao.1 > $(INSTALL_STAGE)/jixiao.1.gz
@# mkdir, not install -d -m: a folder that is already there keeps its mode (~/.local with PREFIX=~/.local).
umask 022 && mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/jixiao/templates $(DESTDIR)$(PREFIX)/share/man/man1 \
  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(ZSH_COMPLETIONS) $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
install -m 755 $(INSTALL_BIN) $(DESTDIR)$(PREFIX)/bin/jixiao
install -m 644 Templates/*.json $(DESTDIR)$(PREFIX)/share/jixiao/templates/
install -m 644 $(INSTALL_STAGE)/jixiao.1.gz $(DESTDIR)$(PREFIX)/share/man/man1/jixiao.1.gz
install -m 644 $(INSTALL_STAGE)/jixiao.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/jixiao
install -m 644 $(INSTALL_STAGE)/_jixiao $(DESTDIR)$(ZSH_COMPLETIONS)/_jixiao
install -m 644 $(INSTALL_STAGE)/jixiao.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/jixiao.fish
@rm -rf $(INSTALL_STAGE)
endef

# The Debian package: make install into a staging tree under /usr (the binary stripped, as
# Debian's are), the copyright file, and a control file whose Depends dpkg-shlibdeps derives
# from the shared libraries the binary links (Packaging/control.sh).
DEB_ARCH   := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
DEB        := .build/jixiao_$(VERSION)_$(DEB_ARCH).deb
DEB_ROOT   := .build/deb/debian/jixiao
deb: override PREFIX := /usr
deb: override DESTDIR := $(abspath $(DEB_ROOT))
deb: override INSTALL_BIN := $(RELEASE)
deb: deps release
	@test -n "$(VERSION)" || { echo "no version found in Sources/jixiao/Version.swift"; exit 2; }
	rm -rf .build/deb $(DEB)
	$(install-files)
	strip --strip-unneeded $(DEB_ROOT)/usr/bin/jixiao
	install -d -m 755 $(DEB_ROOT)/usr/share/doc/jixiao $(DEB_ROOT)/DEBIAN
	install -m 644 Packaging/copyright $(DEB_ROOT)/usr/share/doc/jixiao/copyright
	Packaging/control.sh .build/deb $(VERSION) $(DEB_ARCH)
	dpkg-deb --root-owner-group --build $(DEB_ROOT) $(DEB)
# The release build is part of it (about a minute from clean on 2 cores): tests/test_install.py
# installs it into a DESTDIR and into a .deb, and runs what was installed.
test: deps build release test-swift test-cli fuzz-short

test-swift:
	$(SWIFT) test

test-cli:
	JIXIAO=$(abspath $(BIN)) JIXIAO_RELEASE=$(abspath $(RELEASE)) $(PYTHON) -m pytest -q tests

# Builds everything and opens the editor on a copy of the bundled example sheet (seed 000),
# so that trying things out never changes the example itself.
RUN_COPY   := .build/run/suining-2024.json
run: build
	@mkdir -p .build/run
	@test -f $(RUN_COPY) || cp $(EXAMPLE) $(RUN_COPY)
	$(BIN) edit $(RUN_COPY)

# VisiData is what people would otherwise reach for: the benchmark times it on the same rows.
# A release build looks for templates only where they are installed: it is given the source tree's.
bench: release
	@command -v vd >/dev/null || { SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq visidata; }
	JIXIAO_TEMPLATES=$(abspath Templates) $(PYTHON) tests/bench.py $(abspath $(RELEASE))

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
