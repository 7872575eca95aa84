#!/usr/bin/env bash
# The figures of `make bench` (the Makefile builds the release binaries first, then runs this).
#
#   scripts/bench.sh                 all figures, about a minute once built
#   BENCH_QUICK=1 scripts/bench.sh   fewer repetitions, for trying the script itself
#
# In-process figures (reflection throughput, engine step latency, session saves, script loading)
# come from the release-built `groundwork-bench`; whole-process figures (cold start, history over
# 1,000 sessions, lint) time the release `groundwork` binary with hyperfine (median of many runs)
# and /usr/bin/time (peak RSS). Nothing is written outside a temporary folder and .build/bench/.
# Prints a table of each figure, its target and met/missed; .build/bench/results.md holds the same
# table in Markdown for docs/benchmarks.md and the README.
set -uo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
bin="$repo/.build/release/groundwork"
bench="$repo/.build/release/groundwork-bench"
out="$repo/.build/bench"
quick="${BENCH_QUICK:-}"
runs=$([ -n "$quick" ] && echo 2 || echo 7)           # timed passes per in-process figure
process_runs=$([ -n "$quick" ] && echo 5 || echo 40)  # hyperfine runs per command

for binary in "$bin" "$bench"; do
  if [ ! -x "$binary" ]; then
    echo "error: '$binary' is missing; run 'make bench' (it builds the release binaries first)" >&2
    exit 1
  fi
done

mkdir -p "$out"
rows="$out/results.tsv"
: > "$rows"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

say() { echo "bench: $*" >&2; }
row() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$rows"; }
# verdict VALUE OP LIMIT -> met|missed (floating point)
verdict() { awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { ok = (op == "<=") ? v <= l : v < l; print ok ? "met" : "missed" }'; }

# --- The machine --------------------------------------------------------------------------------
cores="$(getconf _NPROCESSORS_ONLN 2>/dev/null || nproc)"
cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)"
[ -n "$cpu" ] || cpu="$(uname -m)"
swift_version="$(swift --version 2>/dev/null | head -n1 | sed 's/^.*Swift version \([^ ]*\).*$/\1/')"
commit="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
machine="$cores cores, $cpu; $(uname -sr); Swift ${swift_version:-unknown}; commit $commit; $(date -u +%Y-%m-%d)"
say "machine: $machine"

# --- Tools for the whole-process figures: Debian's hyperfine and time ---------------------------
missing=()
command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${missing[*]}"
    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1
  else
    say "whole-process figures need ${missing[*]} ('sudo apt-get install -y ${missing[*]}'); skipping the ones that use them"
  fi
fi
have_hyperfine=$(command -v hyperfine >/dev/null 2>&1 && echo 1 || echo "")
have_time=$([ -x /usr/bin/time ] && echo 1 || echo "")

# --- In-process figures -------------------------------------------------------------------------
say "in-process figures (reflection, engine steps, saves, loading)"
"$bench" --dialogues "$repo/dialogues" --prompts "$repo/prompts" --runs "$runs" \
  --scratch "$tmp/store" >> "$rows" || say "groundwork-bench failed; its figures are missing"

# --- Whole-process figures ----------------------------------------------------------------------
# hyperfine_median NAME COMMAND [PREPARE] -> median milliseconds (empty when it cannot be timed);
# PREPARE runs before every timed run (e.g. removing a throwaway data folder)
hyperfine_median() {
  local name="$1" command="$2" prepare="${3:-true}"
  [ -n "$have_hyperfine" ] || return 0
  hyperfine --style none --warmup 3 --runs "$process_runs" --ignore-failure --prepare "$prepare" \
    --export-csv "$tmp/$name.csv" "$command" > "$tmp/$name.hyperfine" 2>&1 || { say "hyperfine failed for $name"; return 0; }
  # CSV: command,mean,stddev,median,user,system,min,max (seconds); the command itself may hold commas.
  awk -F, 'NR == 2 { printf "%.2f", $(NF-4) * 1000 }' "$tmp/$name.csv"
}

# peak_rss COMMAND_STRING -> the largest peak RSS in MB over 5 runs (empty without /usr/bin/time)
peak_rss() {
  [ -n "$have_time" ] || return 0
  local max=0 kb
  for _ in 1 2 3 4 5; do
    kb="$(/usr/bin/time -f '%M' -o "$tmp/rss" sh -c "$1" >/dev/null 2>&1; tail -n1 "$tmp/rss")"
    [ "${kb:-0}" -gt "$max" ] 2>/dev/null && max="$kb"
  done
  awk -v kb="$max" 'BEGIN { printf "%.1f", kb / 1024 }'
}

# check NAME COMMAND_STRING -> success when the command exits 0 or prints something on stdout (a
# flow may exit non-zero by design at the end of empty input); else says why and fails
check() {
  if sh -c "$2" > "$tmp/$1.out" 2> "$tmp/$1.err" || [ -s "$tmp/$1.out" ]; then return 0; fi
  say "$1: '$2' failed: $(head -c 300 "$tmp/$1.err" | tr '\n' ' ')"
  return 1
}

export GROUNDWORK_HOME="$tmp/home" NO_COLOR=1
mkdir -p "$GROUNDWORK_HOME"
printf 'I keep thinking about my job and whether I will be replaced.\n' > "$tmp/journal-line"

# Cold starts are measured twice: with a warm script cache (the usual case: every start after the
# first with the same scripts) and with GROUNDWORK_NO_CACHE=1 (the first start, or scripts just
# edited: parse, compile and validate). The cache lives in its own throwaway XDG_CACHE_HOME.
export XDG_CACHE_HOME="$tmp/cache"
cold_start() { # NAME LABEL COMMAND_STRING [PREPARE]
  local name="$1" label="$2" command="$3" prepare="${4:-true}" ms rss
  if ! check "$name" "$command"; then
    row "cold start: $label" "did not answer (see above)" "≤ 10 ms" "skipped"
    row "peak RSS: $label" "did not answer" "≤ 30 MB" "skipped"
    return
  fi
  say "cold start: $label"
  ms="$(hyperfine_median "$name" "$command" "$prepare")"
  if [ -n "$ms" ]; then row "cold start: $label (median)" "$ms ms" "≤ 10 ms" "$(verdict "$ms" "<=" 10)"
  else row "cold start: $label" "hyperfine unavailable" "≤ 10 ms" "skipped"; fi
  rss="$(peak_rss "$command")"
  if [ -n "$rss" ]; then row "peak RSS: $label" "$rss MB" "≤ 30 MB" "$(verdict "$rss" "<=" 30)"
  else row "peak RSS: $label" "/usr/bin/time unavailable" "≤ 30 MB" "skipped"; fi
}

# The floor: a process that only prints its version (dynamic loading, Swift runtime, arguments).
if [ -n "$have_hyperfine" ]; then
  say "process floor: groundwork --version"
  ms="$(hyperfine_median version "'$bin' --version")"
  [ -n "$ms" ] && row "process floor: groundwork --version (median)" "$ms ms" "" "—"
fi

# The first prompt of a flow: empty stdin, so the command prints the first question and leaves
# (saving the session); every run starts from an empty data folder. `check` runs each command
# once first, which fills the cache. The same with the data folder already there (every start but
# a person's first) shows what creating it costs: each new folder is made durable with an fsync.
cold_start start "start career-checkin to first question, warm cache" \
  "GROUNDWORK_HOME='$tmp/fresh' '$bin' start career-checkin --user bench < /dev/null" "rm -rf '$tmp/fresh'"
cold_start start-existing "start career-checkin to first question, warm cache, data folder there" \
  "GROUNDWORK_HOME='$tmp/existing' '$bin' start career-checkin --user bench < /dev/null" \
  "rm -rf '$tmp/existing/users/bench/sessions/'*"
cold_start start-nocache "start career-checkin to first question, no cache" \
  "GROUNDWORK_NO_CACHE=1 GROUNDWORK_HOME='$tmp/fresh' '$bin' start career-checkin --user bench < /dev/null" "rm -rf '$tmp/fresh'"
cold_start journal "journal --no-save, one line, warm cache" "'$bin' journal --no-save --user bench < '$tmp/journal-line'"
cold_start journal-nocache "journal --no-save, one line, no cache" "GROUNDWORK_NO_CACHE=1 '$bin' journal --no-save --user bench < '$tmp/journal-line'"

# Whole-process journal throughput, as a person piping a journal meets it: 20,000 and 160,000
# lines through `journal --no-save` (safety net and listening rules on every line). The lines are
# the listening evaluation set's, numbered so that no two are the same. Linearity: 8x the lines
# must take no more than 8.5x the time.
journal_throughput() { # LINES -> seconds of wall time (empty when it fails)
  local n="$1" start end
  awk -F'\t' -v n="$n" 'FNR > 1 && !/^#/ { t[c++] = $4 } END { for (i = 0; i < n; i++) print t[i % c] " " i }' \
    "$repo/Tests/Corpora/listening/tuning.tsv" > "$tmp/journal-$n.txt"
  start=$(date +%s.%N)
  "$bin" journal --no-save --user bench < "$tmp/journal-$n.txt" > "$tmp/journal-$n.out" 2>/dev/null || return 0
  end=$(date +%s.%N)
  [ "$(wc -l < "$tmp/journal-$n.out")" -eq "$n" ] || { say "journal --no-save gave $(wc -l < "$tmp/journal-$n.out") replies for $n lines"; return 0; }
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}
small=$([ -n "$quick" ] && echo 2000 || echo 20000)
say "journal --no-save throughput: $small and $((small * 8)) lines"
t_small="$(journal_throughput "$small")"
t_large="$(journal_throughput "$((small * 8))")"
if [ -n "$t_small" ] && [ -n "$t_large" ]; then
  rate_small=$(awk -v n="$small" -v t="$t_small" 'BEGIN { printf "%.0f", n / t }')
  rate_large=$(awk -v n="$((small * 8))" -v t="$t_large" 'BEGIN { printf "%.0f", n / t }')
  ratio=$(awk -v a="$t_small" -v b="$t_large" 'BEGIN { printf "%.2f", b / a }')
  row "journal --no-save, whole process, $small lines" "$rate_small replies/s" "≥ 200,000 replies/s" "$(verdict 200000 "<=" "$rate_small")"
  row "journal --no-save, whole process, $((small * 8)) lines" "$rate_large replies/s" "≥ 200,000 replies/s" "$(verdict 200000 "<=" "$rate_large")"
  row "journal --no-save linearity: time for 8x the lines" "${ratio}x" "≤ 8.5x" "$(verdict "$ratio" "<=" 8.5)"
else
  row "journal --no-save, whole process" "did not answer every line" "≥ 200,000 replies/s" "skipped"
fi

# history over 1,000 sessions written through the store API.
say "history: writing 1,000 sessions"
if "$bench" seed-history --home "$tmp/history" --user bench --sessions 1000 >/dev/null 2>"$tmp/seed.err"; then
  command="GROUNDWORK_HOME='$tmp/history' '$bin' history --user bench"
  if check history "$command"; then
    ms="$(hyperfine_median history "$command")"
    if [ -n "$ms" ]; then row "history over 1,000 sessions (median)" "$ms ms" "" "—"
    else row "history over 1,000 sessions" "hyperfine unavailable" "" "skipped"; fi
  else
    row "history over 1,000 sessions" "'groundwork history' did not answer" "" "skipped"
  fi
else
  say "seed-history: $(head -c 300 "$tmp/seed.err")"
  row "history over 1,000 sessions" "could not write the sessions" "" "skipped"
fi

# lint of every bundled dialogue.
command="'$bin' lint"
if check lint "$command"; then
  say "lint"
  ms="$(hyperfine_median lint "$command")"
  if [ -n "$ms" ]; then row "lint of all bundled dialogues (median)" "$ms ms" "" "—"
  else row "lint of all bundled dialogues" "hyperfine unavailable" "" "skipped"; fi
else
  row "lint of all bundled dialogues" "'groundwork lint' did not answer" "" "skipped"
fi

# --- The hosted room: 50 participants over loopback, all writing and voting at once ------------
if python3 -c 'import websockets' 2>/dev/null || python3 -m pip install -q --disable-pip-version-check 'websockets>=13' >/dev/null 2>&1; then
  say "room load (50 participants)"
  if timeout 300 python3 "$repo/scripts/room-load.py" "$bin" 50 > "$tmp/room.tsv" 2> "$tmp/room.err"; then
    cat "$tmp/room.tsv" >> "$rows"
  else
    say "room load: $(tail -c 300 "$tmp/room.err")"
    row "room: 50 participants, submit to shared screen p99" "did not finish (see above)" "< 50 ms" "skipped"
  fi
else
  row "room: 50 participants, submit to shared screen p99" "the PyPI package websockets is unavailable" "< 50 ms" "skipped"
fi

# --- The table ----------------------------------------------------------------------------------
echo
echo "Groundwork benchmark — $machine"
"$bench" table "$rows"
{
  echo "Machine: $machine. Command: \`make bench\`."
  echo
  "$bench" table "$rows" --markdown
} > "$out/results.md"
echo
echo "(Markdown table in .build/bench/results.md; rows in .build/bench/results.tsv)"
