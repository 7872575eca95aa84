#!/bin/sh
# Runs every fuzz target for a bounded time (issue 9).
#   scripts/fuzz.sh harness SECONDS    the seeded mutation harness (debug build; make fuzz-short)
#   scripts/fuzz.sh libfuzzer SECONDS  libFuzzer, coverage-guided (release build with -sanitize=fuzzer; make fuzz)
# A crash stops the run and prints the input that did it; make it a regression test in
# Tests/GroundworkCoreTests/Regression/ with the input inline.
set -u
MODE=${1:-harness}
SECONDS_EACH=${2:-5}
TARGETS=${FUZZ_TARGETS:-"yaml expression rules transcript session tasks template"}
OUT=.build/fuzz
mkdir -p "$OUT"

show_input() { # file
    echo "--- input ($(wc -c < "$1") bytes, shown with cat -v; exact bytes in $1) ---" >&2
    head -c 4000 "$1" | cat -v >&2
    echo >&2
    echo "--- end of input ---" >&2
}

case "$MODE" in
harness)
    BIN=.build/debug/groundwork-fuzz
    SEED=${FUZZ_SEED:-1}
    echo "fuzz: harness, seed $SEED, ${SECONDS_EACH}s per target"
    for t in $TARGETS; do
        if ! "$BIN" "$t" --seconds "$SECONDS_EACH" --seed "$SEED" --out "$OUT"; then
            echo "fuzz: target '$t' crashed or hung (seed $SEED)" >&2
            show_input "$OUT/last-input-$t"
            exit 1
        fi
    done
    ;;
libfuzzer)
    # SwiftPM compiles with -sanitize=fuzzer; its own link renames main, so link here against
    # libFuzzer's main instead (its failed link step is expected and ignored).
    SCRATCH=.build/libfuzzer
    # AddressSanitizer too, and libyaml (C) instrumented as well as the Swift code.
    ${SWIFT:-swift} build -c release --product groundwork-fuzz --scratch-path $SCRATCH \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -DLIBFUZZER -Xcc -fsanitize=fuzzer-no-link,address > "$OUT/libfuzzer-build.log" 2>&1
    BINDIR=$(${SWIFT:-swift} build -c release --scratch-path $SCRATCH --show-bin-path)
    BIN=$BINDIR/groundwork-fuzz-libfuzzer
    objects=$(for m in CYaml Yams Mustache GroundworkCore GroundworkStore groundwork_fuzz; do find "$BINDIR/$m.build" -name '*.o'; done 2>/dev/null)
    if grep 'error:' "$OUT/libfuzzer-build.log" | grep -qvE "link command failed|undefined symbol 'groundwork_fuzz_main'|linker command failed" \
        || ! ${SWIFTC:-swiftc} -sanitize=fuzzer,address $objects -o "$BIN" >> "$OUT/libfuzzer-build.log" 2>&1; then
        echo "fuzz: libFuzzer build failed (see $OUT/libfuzzer-build.log); running the harness instead" >&2
        ${SWIFT:-swift} build --product groundwork-fuzz || exit 1
        exec "$0" harness "$SECONDS_EACH"
    fi
    .build/debug/groundwork-fuzz --write-dictionaries "$OUT/dict" || true # token dictionaries, from the harness
    # The seeds: the committed corpus and the bundled files themselves (as the harness reads them).
    .build/debug/groundwork-fuzz --write-seeds "$OUT/seeds" || exit 1
    echo "fuzz: libFuzzer, ${SECONDS_EACH}s per target"
    for t in $TARGETS; do
        work="$OUT/libfuzzer-corpus-$t"
        mkdir -p "$work"
        case "$t" in yaml|session|template) maxlen=8192 ;; *) maxlen=4200 ;; esac
        dict=""
        [ -f "$OUT/dict/$t.dict" ] && dict="-dict=$OUT/dict/$t.dict"
        # Swift's own backtracer would take the crash signal before libFuzzer can save the input.
        if ! GROUNDWORK_FUZZ_TARGET=$t SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$BIN" -max_total_time="$SECONDS_EACH" \
                -max_len=$maxlen $dict -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
                -artifact_prefix="$OUT/$t-" "$work" "$OUT/seeds/$t" > "$OUT/libfuzzer-$t.log" 2>&1; then
            tail -n 30 "$OUT/libfuzzer-$t.log" | grep -v '^0x' >&2
            echo "fuzz: target '$t' crashed, hung or ran out of memory" >&2
            for f in "$OUT/$t-"crash-* "$OUT/$t-"timeout-* "$OUT/$t-"oom-*; do [ -f "$f" ] && show_input "$f"; done
            exit 1
        fi
        runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$OUT/libfuzzer-$t.log" | grep -o '[0-9]*$')
        cov=$(grep -o 'cov: [0-9]*' "$OUT/libfuzzer-$t.log" | tail -n 1)
        echo "$t: $runs runs in ${SECONDS_EACH}s, $cov, corpus $(ls "$work" | wc -l) (+$(ls "$OUT/seeds/$t" | wc -l) seeds), no crash"
    done
    ;;
*)
    echo "usage: scripts/fuzz.sh harness|libfuzzer SECONDS" >&2
    exit 2
    ;;
esac
