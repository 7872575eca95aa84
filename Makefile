# Groundwork — set-up, build, test.
#   make run    install what is missing, build a release binary, start the coach
#   make test   install what is missing, run every test (unit, end-to-end, lint, transcripts, the room in browsers)
#   make bench  build the benchmark in release mode and print the figures
#   make install PREFIX=/usr/local   the binary, the bundled scripts, the man page, bash/zsh/fish completions
#   make install-test                install into a temp PREFIX and check every file (make test runs it)
#   make package-test                build the Debian package, unpack it into a temp root, run it (make test runs it)

SWIFT     ?= swift
PREFIX    ?= /usr/local
# install-test installs the debug build (the one make test has just made); the files are the same.
CONFIGURATION ?= release
BIN       := .build/$(CONFIGURATION)/groundwork
DEBUG_BIN := .build/debug/groundwork
SHARE     := $(PREFIX)/share/groundwork
# swift-argument-parser's manual plugin writes the page here, from the command definitions; it is
# made at install time and never committed, so it cannot fall behind the commands.
MAN_PAGE  := .build/plugins/GenerateManual/outputs/groundwork/groundwork.1

APT_NEEDS :=
ifeq ($(wildcard /usr/include/editline/readline.h),)
APT_NEEDS += libedit-dev
endif
# The hosted room's QR code.
ifeq ($(wildcard /usr/include/qrencode.h),)
APT_NEEDS += libqrencode-dev
endif

.PHONY: all deps test-deps room-deps room-test build release debug run test unit lint-dialogues test-dialogues bench man install install-test deb package-test clean

all: build

# Installs libedit-dev and libqrencode-dev when their headers are missing (apt-get as root; otherwise prints the command).
deps:
	@if [ -n "$(strip $(APT_NEEDS))" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing $(strip $(APT_NEEDS))"; \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_NEEDS) >/dev/null; \
	  else \
	    echo "groundwork needs $(strip $(APT_NEEDS)): run 'sudo apt-get install -y $(strip $(APT_NEEDS))', then make again" >&2; exit 1; \
	  fi; \
	fi

# The terminal tests drive the coach in a real pseudo-terminal through tmux; install-test renders
# the man page with man (man-db) and col (bsdextrautils).
test-deps: deps
	@if ! command -v man >/dev/null 2>&1 || ! command -v col >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing man-db bsdextrautils"; \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq man-db bsdextrautils >/dev/null; \
	  else \
	    echo "the install test needs man and col: run 'sudo apt-get install -y man-db bsdextrautils', then make test again" >&2; exit 1; \
	  fi; \
	fi
	@if ! command -v tmux >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing tmux"; \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux >/dev/null; \
	  else \
	    echo "the terminal tests need tmux: run 'sudo apt-get install -y tmux', then make test again" >&2; exit 1; \
	  fi; \
	fi

# The hosted room's test drives real browsers: Debian's headless Chromium with its driver, and
# the PyPI packages selenium (WebDriver) and websockets (raw socket checks).
room-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing chromium chromium-driver"; \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else \
	    echo "the room test needs chromium: run 'sudo apt-get install -y chromium chromium-driver', then make test again" >&2; exit 1; \
	  fi; \
	fi
	@python3 -c 'import selenium, websockets' 2>/dev/null || { echo "installing selenium websockets (PyPI)"; \
	  python3 -m pip install -q --disable-pip-version-check 'selenium>=4.20' 'websockets>=13' >/dev/null; }

# The room through three browsers and a terminal, the host killed and resumed (Tests/Room/room_test.py).
room-test: room-deps
	$(SWIFT) build --product groundwork
	python3 Tests/Room/room_test.py $(DEBUG_BIN)

build: deps
	$(SWIFT) build

# make deb adds --static-swift-stdlib, so the packaged binary needs no Swift toolchain.
SWIFT_BUILD_FLAGS ?=

release: deps
	$(SWIFT) build -c release --product groundwork $(SWIFT_BUILD_FLAGS)

# The debug binary alone (install-test installs it).
debug: deps
	$(SWIFT) build --product groundwork

run: release
	@$(BIN)

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(DEBUG_BIN) lint
	$(DEBUG_BIN) test
	$(MAKE) room-test
	$(MAKE) install-test
	$(MAKE) package-test
	$(MAKE) fuzz-short

bench: deps
	$(SWIFT) build -c release
	@scripts/bench.sh

# The manual page (groundwork.1), generated from the command definitions.
man:
	$(SWIFT) package generate-manual --configuration $(CONFIGURATION)

# Completions go where each shell looks under PREFIX: bash-completion's completions folder, zsh's
# site-functions, fish's vendor_completions.d.
# The binary is copied before the manual plugin runs: the plugin builds every product again, with
# no --static-swift-stdlib.
# A blank line in a command's discussion comes out of the plugin as a blank mdoc line, which man
# warns about; .Pp says the same.
install: $(CONFIGURATION)
	install -d $(PREFIX)/bin $(SHARE) $(PREFIX)/share/man/man1 $(PREFIX)/share/bash-completion/completions \
	  $(PREFIX)/share/zsh/site-functions $(PREFIX)/share/fish/vendor_completions.d
	install -m 0755 $(BIN) $(PREFIX)/bin/groundwork
	rm -rf $(SHARE)/dialogues $(SHARE)/prompts
	for d in dialogues prompts; do if [ -d $$d ]; then cp -R $$d $(SHARE)/; fi; done
	$(SWIFT) package generate-manual --configuration $(CONFIGURATION)
	sed 's/^$$/.Pp/' $(MAN_PAGE) > $(PREFIX)/share/man/man1/groundwork.1 && chmod 0644 $(PREFIX)/share/man/man1/groundwork.1
	$(PREFIX)/bin/groundwork --generate-completion-script bash > $(PREFIX)/share/bash-completion/completions/groundwork
	$(PREFIX)/bin/groundwork --generate-completion-script zsh > $(PREFIX)/share/zsh/site-functions/_groundwork
	$(PREFIX)/bin/groundwork --generate-completion-script fish > $(PREFIX)/share/fish/vendor_completions.d/groundwork.fish

# A Debian package (dpkg-deb): the release binary with the Swift runtime linked in, the bundled
# scripts, the man page and the completions under /usr; .build/deb/groundwork_VERSION_ARCH.deb.
# package-test installs it into a throwaway root and runs it (not part of make test: it needs its
# own static release build, minutes on two cores).
deb:
	@SWIFT=$(SWIFT) MAKE=$(MAKE) scripts/deb.sh

package-test: deb
	@scripts/package-test.sh

# `make install` into a throwaway PREFIX with the debug build, then checks what a person would use.
install-test:
	@SWIFT=$(SWIFT) MAKE=$(MAKE) scripts/install-test.sh

clean:
	rm -rf .build

# Fuzzing (issue 9). fuzz-short: every target briefly from its seeds (Tests/FuzzCorpus/<target>/ and
# the bundled dialogues and fixtures it reads) with the seeded mutation harness, about 21 s in all (7 targets); meant to run
# from `test`. fuzz: libFuzzer, coverage-guided, FUZZ_SECONDS per target (falls back to the
# harness if the libFuzzer build fails). A crash prints the input that did it.
FUZZ_SHORT_SECONDS ?= 3
FUZZ_SECONDS ?= 60

.PHONY: fuzz fuzz-short
fuzz-short:
	$(SWIFT) build --product groundwork-fuzz
	@scripts/fuzz.sh harness $(FUZZ_SHORT_SECONDS)

fuzz:
	$(SWIFT) build --product groundwork-fuzz
	@SWIFT=$(SWIFT) scripts/fuzz.sh libfuzzer $(FUZZ_SECONDS)
