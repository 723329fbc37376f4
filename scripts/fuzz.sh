#!/usr/bin/env bash
# Builds the libFuzzer programs with clang (ASan + UBSan) in build-fuzz/ and
# runs each on a scratch copy of its committed corpus (tests/fuzz/corpus/),
# SECONDS each (default 60). New inputs stay in build-fuzz/corpus/; crashes
# are written as build-fuzz/findings/<format>-crash-* and fail the script.
#   bash scripts/fuzz.sh [SECONDS] [FORMAT ...]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
formats=("$@")
[ ${#formats[@]} -eq 0 ] && formats=(plants biomass floors pathways params solution)
command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ is needed (Debian package clang)" >&2; exit 2; }
CXX=clang++ CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPLANTPATH_SANITIZE=ON \
  -DPLANTPATH_FUZZ=ON -DPLANTPATH_WITH_BENCH=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target $(printf 'fuzz_%s ' "${formats[@]}")
mkdir -p build-fuzz/findings
status=0
for f in "${formats[@]}"; do
  work=build-fuzz/corpus/$f
  mkdir -p "$work"
  cp -n tests/fuzz/corpus/$f/* "$work"/ 2>/dev/null || true
  log=build-fuzz/findings/$f.log
  if ASAN_OPTIONS=detect_leaks=0 build-fuzz/tests/fuzz/fuzz_$f "$work" -max_total_time="$secs" -max_len=4096 \
       -artifact_prefix=build-fuzz/findings/$f- -print_final_stats=1 >"$log" 2>&1; then :; else status=1; fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  echo "$f: $runs executions in ${secs} s, corpus $(ls "$work" | wc -l) inputs$([ $status -ne 0 ] && echo ", FINDING: see $log")"
done
exit $status
