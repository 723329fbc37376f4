#!/usr/bin/env bash
# Builds plantpath and runs the whole test suite twice: in the Release build
# (build/) and in a second tree built with AddressSanitizer and
# UndefinedBehaviorSanitizer (build-asan/), where any report fails the test.
# PLANTPATH_SANITIZE=0 skips the sanitized pass (quick local runs only: CI runs both).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
ctest --test-dir build --output-on-failure -j2 --timeout 500

if [ "${PLANTPATH_SANITIZE:-1}" != 0 ]; then
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPLANTPATH_SANITIZE=ON -DPLANTPATH_WITH_BENCH=OFF >/dev/null
  cmake --build build-asan -j"$(nproc)"
  # Leaks are reported too, except those of the COIN-OR libraries' own
  # process-wide state (tests/sanitizer/lsan.supp says which and why).
  export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_stack_use_after_return=1:strict_string_checks=1"
  export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizer/lsan.supp:print_suppressions=0"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
  ctest --test-dir build-asan --output-on-failure -j2 --timeout 1500
fi
