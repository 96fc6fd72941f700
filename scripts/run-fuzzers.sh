#!/usr/bin/env bash
# Runs the libFuzzer targets the asan-ubsan preset builds (build/asan-ubsan/fuzz/)
# side by side, each for a bounded time, starting from its committed corpus in
# fuzz/corpus/NAME. New inputs go to a scratch corpus under the build folder,
# never into the repo; a crash, leak or timeout is written to its artifacts/
# folder and fails the script. Usage: scripts/run-fuzzers.sh [SECONDS_EACH]
# (default 60; TRADENODE_FUZZ_BUILD names another build folder).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
build="${TRADENODE_FUZZ_BUILD:-build/asan-ubsan}"
artifacts="$build/fuzz-artifacts"
rm -rf "$artifacts"
mkdir -p "$artifacts"

names=(config csv message)
declare -A pids
for name in "${names[@]}"; do
  scratch="$build/fuzz-corpus/$name"
  mkdir -p "$scratch"
  echo "== fuzzing $name for ${seconds}s (seed corpus: fuzz/corpus/$name)"
  # -rss_limit_mb and -timeout turn runaway memory or a hang into a finding.
  "$build/fuzz/${name}_fuzzer" "$scratch" "fuzz/corpus/$name" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$artifacts/${name}-" -print_final_stats=1 >"$build/fuzz-$name.log" 2>&1 &
  pids[$name]=$!
done

failed=0
for name in "${names[@]}"; do
  status=0
  wait "${pids[$name]}" || status=$?
  log="$build/fuzz-$name.log"
  echo "== $name"
  grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" || true
  if [ "$status" -ne 0 ] || compgen -G "$artifacts/${name}-*" >/dev/null; then
    tail -n 60 "$log" >&2
    echo "fuzz $name: exit $status; failing input(s): $(ls "$artifacts/${name}-"* 2>/dev/null)" >&2
    failed=1
  fi
done
[ "$failed" -eq 0 ] || exit 1
echo "fuzzing: every target ran ${seconds}s without a finding"
