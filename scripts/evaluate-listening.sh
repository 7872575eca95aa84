#!/bin/sh
# How the journal's listening replies do on Tests/Corpora/listening (tuning and held-out portions):
# lines addressed, reflections : questions, defects and reuse. Builds the benchmark if needed;
# writes nothing into the repository. The same rows appear in `make bench`.
set -eu
cd "$(dirname "$0")/.."
swift build -c release --product groundwork-bench >/dev/null
.build/release/groundwork-bench --only listening
