#!/usr/bin/env bash
# Configures and builds dynarock into build/ (Release). Extra arguments go to cmake configure,
# e.g. scripts/build.sh -DDYNAROCK_SANITIZE=ON with BUILD_DIR=build-asan.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-build}"
# Tests and benchmarks on explicitly: scripts/run.sh may have configured the directory without them.
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" -DDYNAROCK_TESTS=ON -DDYNAROCK_BENCH=ON "$@" >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"
