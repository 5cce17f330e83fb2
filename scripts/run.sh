#!/usr/bin/env bash
# Installs dependencies, builds, and starts dynarock on port 8000 with data in ./dynarock-data.
# Extra arguments are passed to the server (e.g. --in-memory, --port 8001).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec build/dynarock --port 8000 --data-dir ./dynarock-data "$@"
