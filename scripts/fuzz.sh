#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/*_fuzzer.cc, clang with ASan+UBSan) into build-fuzz/ and
# runs each for DYNAROCK_FUZZ_SECONDS seconds (default 20) from its seed corpus in
# tests/fuzz/corpus/<fuzzer>/. Fails on any crash, leak, sanitizer report or timeout; the
# reproducer is left in build-fuzz/fuzz/ (crash-*, leak-*, timeout-*).
# Extra arguments go to every fuzzer, e.g. scripts/fuzz.sh -jobs=2.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${DYNAROCK_FUZZ_SECONDS:-20}"
BUILD_DIR="${FUZZ_BUILD_DIR:-build-fuzz}"
CXX=clang++ cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDYNAROCK_FUZZ=ON \
  -DDYNAROCK_TESTS=OFF -DDYNAROCK_BENCH=OFF >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"
status=0
for fuzzer in "$BUILD_DIR"/fuzz/*_fuzzer; do
  name="$(basename "$fuzzer")"
  scratch="$(mktemp -d)"  # new inputs go here, not into the committed seeds
  echo "fuzz: $name for ${SECONDS_EACH}s"
  if ! (cd "$BUILD_DIR/fuzz" && ASAN_OPTIONS=detect_leaks=1 "./$name" -max_total_time="$SECONDS_EACH" -timeout=10 \
          -rss_limit_mb=2048 -print_final_stats=1 "$@" "$scratch" "$OLDPWD/tests/fuzz/corpus/$name" 2>"$scratch.log"); then
    echo "fuzz: $name FAILED"; tail -60 "$scratch.log"; status=1
  else
    grep -E "stat::number_of_executed_units|cov:" "$scratch.log" | tail -2
  fi
  rm -rf "$scratch" "$scratch.log"
done
exit $status
