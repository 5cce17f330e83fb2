#!/usr/bin/env bash
# Installs everything the tests need, builds, and runs every test through ctest: GoogleTest
# units, then boto3 / AWS CLI / AWS SDK for JavaScript v3 suites against a real server process.
# BUILD_DIR=build-asan scripts/test.sh -DDYNAROCK_SANITIZE=ON runs the same under ASan+UBSan.
# Then each libFuzzer target runs briefly (scripts/fuzz.sh; DYNAROCK_FUZZ_SECONDS per target,
# default 20, 0 to skip).
set -euo pipefail
cd "$(dirname "$0")/.."
DYNAROCK_TEST_DEPS=1 scripts/install-deps.sh
scripts/build.sh "$@"
(cd "${BUILD_DIR:-build}" && ctest --output-on-failure -j2 --timeout 900)
if [ "${DYNAROCK_FUZZ_SECONDS:-20}" != "0" ]; then scripts/fuzz.sh; fi
