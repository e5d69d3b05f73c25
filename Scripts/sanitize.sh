#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer, then ThreadSanitizer.
# Usage: Scripts/sanitize.sh [address|thread ...] (default: both).
# Each sanitizer builds into its own directory, so the normal build is untouched.
# A finding stops the run with the sanitizer's report (halt_on_error).
set -euo pipefail
cd "$(dirname "$0")/.."
sanitizers=("$@")
[ ${#sanitizers[@]} -eq 0 ] && sanitizers=(address thread)
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:abort_on_error=1"
# Foundation's Process.run leaks 32 bytes per process it starts (inside the
# toolchain's Foundation, seen for `git` in the baseline tests); nothing else is suppressed.
mkdir -p .build
echo 'leak:10Foundation7ProcessC3run' > .build/lsan-suppressions.txt
export LSAN_OPTIONS="suppressions=$PWD/.build/lsan-suppressions.txt"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"
# A sanitizer report is enough; the Swift backtracer would wait on the dying process.
export SWIFT_BACKTRACE="enable=no"
for sanitizer in "${sanitizers[@]}"; do
  echo "== swift test --sanitize=$sanitizer"
  log=".build/sanitize-$sanitizer.txt"
  mkdir -p .build
  # The tests are Swift Testing suites; XCTest's runner is left out (its own objects leak at exit).
  swift test --disable-xctest --sanitize="$sanitizer" --scratch-path ".build/sanitize-$sanitizer" 2>&1 | tee "$log"
  grep -E "Test run with [1-9][0-9]* tests? .*passed" "$log" > /dev/null
  if grep -E "ERROR: (AddressSanitizer|LeakSanitizer)|WARNING: ThreadSanitizer" "$log" > /dev/null; then
    echo "the $sanitizer sanitizer reported a problem (see $log)" >&2
    exit 1
  fi
  echo "== $sanitizer: clean"
done
