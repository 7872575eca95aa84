# Groundwork — set-up, build, test.
#   make run    install what is missing, build a release binary, start the coach
#   make test   install what is missing, run every test (unit, end-to-end, lint, transcripts)
#   make bench  build the benchmark in release mode and print the figures
#   make install PREFIX=/usr/local   the binary, the bundled scripts, the man page, bash/zsh/fish completions
#   make install-test                install into a temp PREFIX and check every file (make test runs it)

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

.PHONY: all deps test-deps build release debug run test unit lint-dialogues test-dialogues bench man install install-test clean

all: build

# Installs libedit-dev when its header is missing (apt-get as root; otherwise prints the command).
deps:
	@if [ -n "$(strip $(APT_NEEDS))" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing $(strip $(APT_NEEDS))"; \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_NEEDS) >/dev/null; \
	  else \
	    echo "groundwork needs $(strip $(APT_NEEDS)): run 'sudo apt-get install -y $(strip $(APT_NEEDS))', then make again" >&2; exit 1; \
	  fi; \
	fi

# The terminal tests drive the coach in a real pseudo-terminal through tmux.
test-deps: deps
	@if ! command -v tmux >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing tmux"; \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux >/dev/null; \
	  else \
	    echo "the terminal tests need tmux: run 'sudo apt-get install -y tmux', then make test again" >&2; exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product groundwork

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
	$(MAKE) install-test
	$(MAKE) fuzz-short

bench: deps
	$(SWIFT) build -c release
	@scripts/bench.sh

# The manual page (groundwork.1), generated from the command definitions.
man:
	$(SWIFT) package generate-manual --configuration $(CONFIGURATION)

# Completions go where each shell looks under PREFIX: bash-completion's completions folder, zsh's
# site-functions, fish's vendor_completions.d.
install: $(CONFIGURATION) man
	install -d $(PREFIX)/bin $(SHARE) $(PREFIX)/share/man/man1 $(PREFIX)/share/bash-completion/completions \
	  $(PREFIX)/share/zsh/site-functions $(PREFIX)/share/fish/vendor_completions.d
	install -m 0755 $(BIN) $(PREFIX)/bin/groundwork
	rm -rf $(SHARE)/dialogues $(SHARE)/prompts
	for d in dialogues prompts; do if [ -d $$d ]; then cp -R $$d $(SHARE)/; fi; done
	# A blank line in a command's discussion comes out as a blank mdoc line, which man warns about: .Pp says the same.
	sed 's/^$$/.Pp/' $(MAN_PAGE) > $(PREFIX)/share/man/man1/groundwork.1 && chmod 0644 $(PREFIX)/share/man/man1/groundwork.1
	$(BIN) --generate-completion-script bash > $(PREFIX)/share/bash-completion/completions/groundwork
	$(BIN) --generate-completion-script zsh > $(PREFIX)/share/zsh/site-functions/_groundwork
	$(BIN) --generate-completion-script fish > $(PREFIX)/share/fish/vendor_completions.d/groundwork.fish

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
