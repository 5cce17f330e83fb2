#!/usr/bin/env bash
# Builds the container image and tries it as a new user would: --help, a fresh named volume,
# health through the image's HEALTHCHECK, the seed examples' access patterns against tables made
# by --init, a restart that keeps the data, a host folder owned by another uid, a read-only
# mount, and docker/docker-compose.yml with its example application. Uses podman or docker.
# Not part of the test suite (it builds an image); run by hand:  scripts/test-container.sh
#   SKIP_BUILD=1   reuse the dynarock:dev image      HOST_PORT=18000   where the container listens
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
IMAGE=dynarock:dev
HOST_PORT=${HOST_PORT:-18000}
NAME=dynarock-container-test
if command -v podman >/dev/null; then ENGINE=podman; COMPOSE="podman-compose"
elif command -v docker >/dev/null; then ENGINE=docker; COMPOSE="docker compose"
else echo "test-container: needs podman or docker (on Debian: /work/shared/tools/containers.sh or apt-get install podman)"; exit 1; fi
BUILD_FLAGS=(); [ "$ENGINE" = podman ] && BUILD_FLAGS=(--format docker --network host)

step() { printf '\n== %s\n' "$*"; }
pass() { printf 'ok: %s\n' "$*"; PASSED=$((PASSED + 1)); }
fail() { printf 'FAILED: %s\n' "$*"; FAILURES=$((FAILURES + 1)); }
PASSED=0; FAILURES=0
tmp=$(mktemp -d)
cleanup() {
  $ENGINE rm -f "$NAME" "$NAME-uid" "$NAME-ro" >/dev/null 2>&1 || true
  $ENGINE volume rm -f "$NAME-data" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
cleanup; tmp=$(mktemp -d)

wait_healthy() {  # name -> 0 once the image's HEALTHCHECK passes
  for _ in $(seq 1 60); do
    if [ "$ENGINE" = podman ]; then
      podman healthcheck run "$1" >/dev/null 2>&1 && return 0
    else
      [ "$(docker inspect -f '{{.State.Health.Status}}' "$1" 2>/dev/null)" = healthy ] && return 0
    fi
    [ "$($ENGINE inspect -f '{{.State.Running}}' "$1" 2>/dev/null)" = true ] || return 1
    sleep 0.5
  done
  return 1
}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  step "build $IMAGE with $ENGINE"
  start=$(date +%s)
  $ENGINE build "${BUILD_FLAGS[@]}" -t "$IMAGE" -f docker/Dockerfile . >"$tmp/build.log" 2>&1 || { tail -30 "$tmp/build.log"; exit 1; }
  echo "built in $(( $(date +%s) - start )) s"
fi
size=$($ENGINE image inspect -f '{{.Size}}' "$IMAGE")
echo "image size: $((size / 1024 / 1024)) MB"
[ "$size" -lt $((25 * 1024 * 1024)) ] && pass "image under 25 MB" || fail "image is $((size / 1024 / 1024)) MB"
user=$($ENGINE image inspect -f '{{.Config.User}}' "$IMAGE")
[ -n "$user" ] && [ "${user%%:*}" != 0 ] && [ "${user%%:*}" != root ] && pass "runs as user $user" || fail "runs as root"
$ENGINE image inspect -f '{{json .Config.Healthcheck}}' "$IMAGE" | grep -q healthcheck && pass "HEALTHCHECK set" || fail "no HEALTHCHECK"

step "docker run IMAGE --help"
$ENGINE run --rm "$IMAGE" --help >"$tmp/help" && grep -q -- "-dbPath" "$tmp/help" && pass "--help answers" || fail "--help"

step "run on a fresh named volume, tables from --init of every seed example"
inits=()
for d in examples/*/; do n=$(basename "$d"); [ "$n" = node_modules ] && continue; inits+=(--init "/examples/$n"); done
$ENGINE run -d --name "$NAME" -p "$HOST_PORT:8000" -v "$NAME-data:/data" -v "$ROOT/examples:/examples:ro" \
  "$IMAGE" -sharedDb "${inits[@]}" >/dev/null
if wait_healthy "$NAME"; then pass "healthy"; else fail "not healthy"; $ENGINE logs "$NAME"; exit 1; fi
$ENGINE logs "$NAME" 2>&1 | grep listening

step "smoke test: the seed examples' access patterns against the container"
export AWS_ENDPOINT_URL="http://127.0.0.1:$HOST_PORT" AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local
[ -e examples/node_modules ] || { [ -d tests/js/node_modules ] && ln -s ../tests/js/node_modules examples/node_modules; } || true
for script in examples/*/access_patterns.py examples/*/access-patterns.mjs; do
  case "$script" in *.py) runner=python3 ;; *) runner=node; [ -e examples/node_modules ] || continue ;; esac
  if (cd "$(dirname "$script")" && $runner "$(basename "$script")" >"$tmp/out" 2>&1); then pass "$script"; else fail "$script"; cat "$tmp/out"; fi
done
python3 - <<'PY'
import boto3
t = boto3.resource("dynamodb").Table("local-borrowers")
t.put_item(Item={"borrowerId": "b-restart", "email": "restart@example.com", "name": "Kept across restarts"})
PY
before=$(aws dynamodb scan --table-name local-loans --select COUNT --query Count --output text)

step "restart: data and tables still there, --init keeps them"
$ENGINE restart "$NAME" >/dev/null
if wait_healthy "$NAME"; then pass "healthy after restart"; else fail "not healthy after restart"; fi
after=$(aws dynamodb scan --table-name local-loans --select COUNT --query Count --output text)
kept=$(aws dynamodb get-item --table-name local-borrowers --key '{"borrowerId":{"S":"b-restart"}}' --query Item.name.S --output text)
[ "$before" = "$after" ] && [ "$kept" = "Kept across restarts" ] && pass "data kept ($after loans, marker item back)" || fail "data lost: $before -> $after, marker: $kept"
$ENGINE logs "$NAME" 2>&1 | grep -q "exists, kept as it is" && pass "--init idempotent on restart" || fail "--init on restart"
$ENGINE rm -f "$NAME" >/dev/null

step "a host folder owned by another uid"
mkdir -p "$tmp/foreign" && chown 12345:12345 "$tmp/foreign" && chmod 700 "$tmp/foreign"
set +e
out=$($ENGINE run --rm -v "$tmp/foreign:/data" "$IMAGE" 2>&1); status=$?
set -e
echo "$out" | tail -1
[ $status -ne 0 ] && echo "$out" | grep -q "not writable by uid 65532" && echo "$out" | grep -q -- "--user 12345" \
  && pass "refused at once, saying what to do" || fail "foreign-owned folder (status $status)"
$ENGINE run -d --name "$NAME-uid" --user 12345:12345 -p "$HOST_PORT:8000" -v "$tmp/foreign:/data" "$IMAGE" >/dev/null
if wait_healthy "$NAME-uid"; then pass "works with --user 12345:12345"; else fail "--user 12345"; $ENGINE logs "$NAME-uid"; fi
[ -f "$tmp/foreign/CURRENT" ] && pass "data written to the host folder" || fail "no data in the host folder"
$ENGINE rm -f "$NAME-uid" >/dev/null

step "a read-only mount"
mkdir -p "$tmp/ro"
set +e
out=$(timeout 30 $ENGINE run --rm -v "$tmp/ro:/data:ro" "$IMAGE" 2>&1); status=$?
set -e
echo "$out" | tail -1
[ $status -ne 0 ] && [ $status -ne 124 ] && echo "$out" | grep -q "read-only" && pass "read-only mount refused clearly" || fail "read-only mount (status $status)"
# What the message suggests: a read-only container with its data in memory and tables from --init.
$ENGINE run -d --name "$NAME-ro" --read-only -p "$HOST_PORT:8000" -v "$ROOT/examples:/examples:ro" "$IMAGE" \
  -inMemory -sharedDb --init /examples/balances >/dev/null
if wait_healthy "$NAME-ro" && aws dynamodb describe-table --table-name UserBalances >/dev/null; then
  pass "--read-only container with -inMemory and --init"; else fail "--read-only with -inMemory"; $ENGINE logs "$NAME-ro"; fi
$ENGINE rm -f "$NAME-ro" >/dev/null

step "docker-compose.yml: dynarock instead of amazon/dynamodb-local, and an app that waits for health"
compose_file=docker/docker-compose.yml
$COMPOSE -f "$compose_file" down -v >/dev/null 2>&1 || true
if $COMPOSE -f "$compose_file" build app >"$tmp/compose-build.log" 2>&1 || { [ "$ENGINE" = podman ] && podman build --format docker --network host -t dynarock-example-app:dev -f docker/example-app/Dockerfile . >>"$tmp/compose-build.log" 2>&1; }; then
  $COMPOSE -f "$compose_file" up -d >"$tmp/compose-up.log" 2>&1 || { cat "$tmp/compose-up.log"; fail "compose up"; }
  app=$($ENGINE ps -a --format '{{.Names}}' | grep -E 'app' | grep -E 'docker' | head -1)
  for _ in $(seq 1 120); do [ "$($ENGINE inspect -f '{{.State.Running}}' "$app" 2>/dev/null)" = false ] && break; sleep 1; done
  $ENGINE logs "$app" 2>&1 | tail -6
  $ENGINE logs "$app" 2>&1 | grep -q "loans-borrowers: ok" && pass "compose: the app used the tables and data created at start" || fail "compose app"
  db=$($ENGINE ps -a --format '{{.Names}}' | grep -E 'dynamodb' | head -1)
  wait_healthy "$db" && pass "compose: dynamodb service healthy" || fail "compose: dynamodb health"
  $COMPOSE -f "$compose_file" down -v >/dev/null 2>&1 || true
else
  tail -20 "$tmp/compose-build.log"; fail "compose: building the example app"
fi

printf '\n%d checks passed, %d failed\n' "$PASSED" "$FAILURES"
[ "$FAILURES" -eq 0 ]
