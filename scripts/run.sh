#!/usr/bin/env bash
# Installs what the server needs, builds only the server (not the tests or benchmarks), and starts
# dynarock on port 8000 with data in ./dynarock-data. Extra arguments go to the server
# (e.g. --in-memory, --port 8001, --init examples/loans-borrowers).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
BUILD_DIR="${BUILD_DIR:-build}"
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  # A fresh build directory: configure for the server alone; scripts/test.sh turns tests on later.
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DDYNAROCK_TESTS=OFF -DDYNAROCK_BENCH=OFF >/dev/null
fi
cmake --build "$BUILD_DIR" -j"$(nproc)" --target dynarock
exec "$BUILD_DIR/dynarock" --port 8000 "$@"   # data in ./dynarock-data unless --data-dir or --in-memory
