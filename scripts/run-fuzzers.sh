#!/usr/bin/env bash
# Runs each libFuzzer target of the fuzz preset (build/fuzz/fuzz/) for a
# bounded time, starting from its committed corpus in fuzz/corpus/NAME.
# New inputs go to a scratch corpus under build/fuzz/, never into the repo;
# a crash, leak or timeout is written to build/fuzz/artifacts/ and fails the
# script. Usage: scripts/run-fuzzers.sh [SECONDS_EACH]   (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
bin=build/fuzz/fuzz
artifacts=build/fuzz/artifacts
rm -rf "$artifacts"
mkdir -p "$artifacts"

for name in config csv message; do
  scratch="build/fuzz/corpus/$name"
  mkdir -p "$scratch"
  echo "== fuzzing $name for ${seconds}s (seed corpus: fuzz/corpus/$name)"
  # -rss_limit_mb and -timeout turn runaway memory or a hang into a finding.
  log="build/fuzz/$name.log"
  status=0
  "$bin/${name}_fuzzer" "$scratch" "fuzz/corpus/$name" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$artifacts/${name}-" -print_final_stats=1 >"$log" 2>&1 || status=$?
  grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" || true
  if [ "$status" -ne 0 ] || compgen -G "$artifacts/${name}-*" >/dev/null; then
    tail -n 60 "$log" >&2
    echo "fuzz $name: exit $status; failing input(s): $(ls "$artifacts/${name}-"* 2>/dev/null)" >&2
    exit 1
  fi
done
echo "fuzzing: every target ran ${seconds}s without a finding"
