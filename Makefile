# Jixiao — build, test and run. A fresh Debian machine gets everything from `make deps`.
SWIFT      ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
PYTHON     ?= python3
BIN        := .build/debug/jixiao
RELEASE    := .build/release/jixiao
EXAMPLE    := Templates/examples/suining-2024.json
APT_PKGS   := libncurses-dev tmux
PIP_PKGS   := jsonschema pytest

.PHONY: all deps build release install test test-swift test-cli run bench clean

all: build

# Idempotent: installs only what is missing; runs as root without sudo.
deps:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "apt-get install:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@for m in $(PIP_PKGS); do $(PYTHON) -c "import $$m" 2>/dev/null || $(PYTHON) -m pip install -q $$m; done
	@test -x "$(SWIFT)" || { echo "Swift not found: install Swift 6 to /opt/swift (https://swift.org/install)"; exit 2; }

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

PREFIX     ?= /usr/local

# Installs the binary and the bundled templates; jixiao finds them in $(PREFIX)/share.
install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/jixiao/templates
	install -m 755 $(RELEASE) $(DESTDIR)$(PREFIX)/bin/jixiao
	install -m 644 Templates/*.json $(DESTDIR)$(PREFIX)/share/jixiao/templates/

test: build test-swift test-cli

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
	@$(PYTHON) -c "import pexpect" 2>/dev/null || $(PYTHON) -m pip install -q pexpect
	$(PYTHON) tests/bench.py $(abspath $(RELEASE))

clean:
	rm -rf .build
