#!/usr/bin/env bash
# Installs what dynarock needs to build and test, from Debian's packages and the npm registry.
# Idempotent: skips what is already present. Run as root (or with sudo available).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

packages=(build-essential cmake pkg-config libboost-dev libboost-system-dev librocksdb-dev nlohmann-json3-dev
          libspdlog-dev libfmt-dev libssl-dev zlib1g-dev libzstd-dev libyaml-dev libgtest-dev libgmock-dev libbenchmark-dev curl)
if [ "${DYNAROCK_TEST_DEPS:-0}" = "1" ]; then
  # Node.js may come from another repository (with npm bundled): install Debian's only if absent.
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
  python3 -c "import boto3" 2>/dev/null || packages+=(python3-boto3)
  command -v aws >/dev/null 2>&1 || packages+=(awscli)
  command -v openssl >/dev/null 2>&1 || packages+=(openssl)  # self-signed certificates for the TLS suite
  # libFuzzer targets (scripts/fuzz.sh): clang and its runtime libraries.
  packages+=(clang libclang-rt-14-dev)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Python clients, when the python3 on PATH lacks them, come from Debian's packages above.
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ "${DYNAROCK_TEST_DEPS:-0}" = "1" ]; then
  # JavaScript SDK v3 for the JS integration suite.
  # Reinstall when package-lock.json is newer than the installed tree (a package was added).
  if [ ! -d tests/js/node_modules/@aws-sdk/client-dynamodb ] || [ tests/js/package-lock.json -nt tests/js/node_modules/.package-lock.json ]; then
    (cd tests/js && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
