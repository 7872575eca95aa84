# Groundwork — set-up, build, test.
#   make run    install what is missing, build a release binary, start the coach
#   make test   install what is missing, run every test (unit, end-to-end, lint, transcripts)
#   make bench  build the benchmark in release mode and print the figures
#   make install PREFIX=/usr/local

SWIFT     ?= swift
PREFIX    ?= /usr/local
BIN       := .build/release/groundwork
DEBUG_BIN := .build/debug/groundwork
SHARE     := $(PREFIX)/share/groundwork

APT_NEEDS :=
ifeq ($(wildcard /usr/include/editline/readline.h),)
APT_NEEDS += libedit-dev
endif

.PHONY: all deps test-deps build release run test unit lint-dialogues test-dialogues bench install clean

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

run: release
	@$(BIN)

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(DEBUG_BIN) lint
	$(DEBUG_BIN) test
	$(MAKE) fuzz-short

bench: deps
	$(SWIFT) build -c release
	@scripts/bench.sh

install: release
	install -d $(PREFIX)/bin $(SHARE)
	install -m 0755 $(BIN) $(PREFIX)/bin/groundwork
	rm -rf $(SHARE)/dialogues $(SHARE)/prompts
	for d in dialogues prompts; do if [ -d $$d ]; then cp -R $$d $(SHARE)/; fi; done

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
