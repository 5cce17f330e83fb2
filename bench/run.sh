#!/usr/bin/env bash
# Load benchmark: GetItem / PutItem throughput and latency of dynarock next to dynalite and moto,
# measured with wrk over keep-alive HTTP connections on loopback. See docs/benchmarks.md.
#
# usage: bench/run.sh [--endpoints "dynarock=URL moto=URL dynalite=URL"] [--duration S]
#                     [--conns "1 32"] [--items N] [--warmup S] [--ops "get put"] [--repeat R]
#                     [--max-background PCT [--noisy-retries K]]
#
# Without --endpoints it starts build/dynarock --in-memory, moto_server and dynalite (npm-installed
# into bench/node_modules on first use) on free loopback ports, and stops them when done. With
# --endpoints it only talks to the URLs given (labels are free text; ratios are taken against
# the label "dynarock", or the first endpoint when there is none).
#
# For every endpoint: create bench_get (loaded with --items ~200-byte items, keys k0000000...)
# and bench_put; then for each op and connection count, endpoints interleaved: a --warmup run
# (not recorded), then a --duration run. Connection count c uses wrk -t1 when c = 1, else -t2.
# bench_put is dropped and recreated before every put run, so every server starts empty.
# --repeat R runs that whole matrix R times; the table then shows medians (and the req/s range).
# Each run also records "other CPU": what processes other than the server and wrk used meanwhile
# (a busy shared machine). With --max-background PCT a run with more than PCT% (of one core) is
# measured again (after a 20 s pause), up to K times (default 3), and the last attempt is kept.
#
# Writes bench-results/run-<UTC stamp>.tsv (one row per run), .md (the table printed at the end)
# and the logs of the servers and of wrk under bench-results/run-<UTC stamp>-logs/.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
ENDPOINTS=""
DURATION=10
CONNS="1 32"
ITEMS=10000
WARMUP=2
OPS="get put"
REPEAT=1
MAX_BACKGROUND=""   # --max-background PCT: a run during which other processes used more CPU than
NOISY_RETRIES=3     # PCT (percent of one core) is measured again, up to --noisy-retries times
SETTLE_MAX=60       # most seconds to wait for a server we started to go idle after a run

usage() { sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --endpoints) ENDPOINTS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --conns) CONNS=$2; shift 2 ;;
    --items) ITEMS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --ops) OPS=$2; shift 2 ;;
    --repeat) REPEAT=$2; shift 2 ;;
    --max-background) MAX_BACKGROUND=$2; shift 2 ;;
    --noisy-retries) NOISY_RETRIES=$2; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "unknown argument: $1" >&2; usage 2 ;;
  esac
done
for op in $OPS; do
  [ -f "$BENCH/wrk/$op.lua" ] || { echo "unknown op $op (have: get put partiql_get)" >&2; exit 2; }
done

# ---- tools -------------------------------------------------------------------------------------
command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 2; }
if ! command -v wrk >/dev/null; then
  echo "wrk not found: installing the Debian package" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  timeout 600 $SUDO apt-get update -qq && timeout 600 $SUDO apt-get install -y -qq wrk >/dev/null
fi

STAMP=$(date -u +%Y%m%d-%H%M%S)
RESULTS="$ROOT/bench-results"
TSV="$RESULTS/run-$STAMP.tsv"
MD="$RESULTS/run-$STAMP.md"
LOGS="$RESULTS/run-$STAMP-logs"
mkdir -p "$LOGS"

# ---- servers we start (only these are ever stopped) --------------------------------------------
declare -A PID_OF=()
STARTED=()
cleanup() {
  local pid i
  for pid in "${STARTED[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STARTED[@]}"; do
    for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start LABEL COMMAND...: runs the server in the background on loopback, records its PID.
start() {
  local label=$1; shift
  "$@" >"$LOGS/$label.log" 2>&1 &
  PID_OF[$label]=$!
  STARTED+=("$!")
}

if [ -z "$ENDPOINTS" ]; then
  if [ -x "$ROOT/build/dynarock" ]; then
    port=$(free_port)
    start dynarock "$ROOT/build/dynarock" --port "$port" --in-memory --log-level warn
    ENDPOINTS="dynarock=http://127.0.0.1:$port"
  else
    echo "build/dynarock not found: cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j2" >&2
    exit 2
  fi
  if command -v node >/dev/null && command -v npm >/dev/null; then
    if [ ! -f "$BENCH/node_modules/dynalite/package.json" ]; then
      echo "installing dynalite into bench/node_modules" >&2
      (cd "$BENCH" && timeout 300 npm install --no-audit --no-fund dynalite >"$LOGS/npm.log" 2>&1) ||
        echo "npm install dynalite failed (see $LOGS/npm.log): skipping dynalite" >&2
    fi
    if [ -f "$BENCH/node_modules/dynalite/package.json" ]; then
      port=$(free_port)
      start dynalite node "$BENCH/dynalite-loopback.js" "$port"
      ENDPOINTS="$ENDPOINTS dynalite=http://127.0.0.1:$port"
    fi
  else
    echo "node/npm not found: skipping dynalite" >&2
  fi
  if command -v moto_server >/dev/null; then
    port=$(free_port)
    start moto moto_server -H 127.0.0.1 -p "$port"
    ENDPOINTS="$ENDPOINTS moto=http://127.0.0.1:$port"
  else
    echo "moto_server not found (pip install 'moto[server]'): skipping moto" >&2
  fi
fi

LABELS=()
declare -A URL_OF=()
for e in $ENDPOINTS; do
  label=${e%%=*}; url=${e#*=}
  [ "$label" != "$e" ] && [ -n "$url" ] || { echo "bad endpoint '$e' (want label=URL)" >&2; exit 2; }
  LABELS+=("$label"); URL_OF[$label]=${url%/}
done

# ---- setup -------------------------------------------------------------------------------------
READY=()
for label in "${LABELS[@]}"; do
  url=${URL_OF[$label]}
  echo "== $label $url: waiting, creating tables, loading $ITEMS items" >&2
  if ! timeout 90 python3 "$BENCH/ddb.py" wait "$url" --timeout 60 >/dev/null; then
    echo "   $label does not answer at $url${PID_OF[$label]:+ (see $LOGS/$label.log)}: skipping it" >&2
    continue
  fi
  timeout 1800 python3 "$BENCH/ddb.py" setup "$url" --items "$ITEMS"
  READY+=("$label")
done
[ ${#READY[@]} -gt 0 ] || { echo "no endpoint answered" >&2; exit 1; }
LABELS=("${READY[@]}")

# ---- measuring ---------------------------------------------------------------------------------
cpu_ticks() {  # utime + stime of a PID, in clock ticks; empty when unknown
  [ -n "${1:-}" ] && [ -r "/proc/$1/stat" ] && awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || true
}
# Waits until a server we started uses < 5% CPU, so work still queued after a run (a slow server
# at 32 connections) does not spill into the next measurement.
settle() {
  local pid=${1:-} a b i
  [ -n "$pid" ] || { sleep 1; return; }
  for i in $(seq $((SETTLE_MAX * 2))); do
    a=$(cpu_ticks "$pid"); sleep 0.5; b=$(cpu_ticks "$pid")
    [ -n "$a" ] && [ -n "$b" ] || return 0
    [ $((b - a)) -le 2 ] && return 0   # <= 2 ticks of 1/100 s in 0.5 s
  done
  echo "   (server still busy after ${SETTLE_MAX}s)" >&2
}

busy_ticks() {  # ticks all CPUs spent busy (user nice system irq softirq steal) since boot
  awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat
}
children_ticks() {  # CPU of this shell's finished children (wrk and its timeout), in 1/100 s
  times >"$LOGS/.times"   # not in a pipe or $(...): a subshell would report its own children
  awk 'NR == 2 {
    split($1, u, "m"); split($2, s, "m"); sub("s", "", u[2]); sub("s", "", s[2])
    printf "%d", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 100 }' "$LOGS/.times"
}
# measure PID THREADS CONNS OP URL LOG: one recorded wrk run. Sets cpu (server CPU %, "-" when the
# server is not ours) and other (CPU % of everything but the server and wrk: noise on a shared box).
measure() {
  local pid=$1 t=$2 c=$3 op=$4 url=$5 log=$6 before after busy0 busy1 kids0 kids1 srv=0
  children_ticks >"$LOGS/.kids0"
  before=$(cpu_ticks "$pid"); busy0=$(busy_ticks)
  timeout -k 5 $((DURATION + 60)) wrk -t"$t" -c"$c" -d"${DURATION}s" --timeout 5s -s "$BENCH/wrk/$op.lua" "$url/" \
    >"$log" 2>&1 || echo "   wrk exited with an error, see $log" >&2
  after=$(cpu_ticks "$pid"); busy1=$(busy_ticks)
  children_ticks >"$LOGS/.kids1"
  kids0=$(cat "$LOGS/.kids0"); kids1=$(cat "$LOGS/.kids1")
  cpu=-; other=-
  if [ -n "$before" ] && [ -n "$after" ]; then
    srv=$((after - before))
    cpu=$(awk -v d="$srv" -v s="$DURATION" 'BEGIN {printf "%.0f", d / s}')
  fi
  if [ -n "$before" ] || [ -z "$pid" ]; then
    other=$(awk -v d=$((busy1 - busy0 - srv - (kids1 - kids0))) -v s="$DURATION" 'BEGIN {o = d / s; printf "%.0f", o < 0 ? 0 : o}')
  fi
  return 0
}

printf 'endpoint\top\tconns\tthreads\trps\tp50_ms\tp99_ms\tnon200\trequests\tsock_err\tmissing\tsrv_cpu_pct\tduration_s\titems\trep\tother_cpu_pct\tutc\n' >"$TSV"
for rep in $(seq "$REPEAT"); do
  [ "$REPEAT" -gt 1 ] && echo "== repeat $rep of $REPEAT" >&2
  for op in $OPS; do
    for c in $CONNS; do
      t=$(( c < 2 ? 1 : 2 ))
      for label in "${LABELS[@]}"; do
        url=${URL_OF[$label]}; pid=${PID_OF[$label]:-}
        export BENCH_ITEMS=$ITEMS
        [ "$op" = put ] && timeout 120 python3 "$BENCH/ddb.py" reset-put "$url"
        log="$LOGS/wrk-$label-$op-c$c-r$rep.log"
        if [ "$WARMUP" != 0 ]; then
          timeout -k 5 $((WARMUP + 60)) wrk -t"$t" -c"$c" -d"${WARMUP}s" --timeout 5s -s "$BENCH/wrk/$op.lua" "$url/" \
            >"$log.warmup" 2>&1 || true
          settle "$pid"
        fi
        for attempt in $(seq $((NOISY_RETRIES + 1))); do
          measure "$pid" "$t" "$c" "$op" "$url" "$log"
          [ -n "$MAX_BACKGROUND" ] && [ "$attempt" -le "$NOISY_RETRIES" ] && [ "$other" != - ] &&
            [ "$other" -gt "$MAX_BACKGROUND" ] || break
          echo "   $label $op c=$c: ${other}% CPU used by other processes during the run: measuring again in 20 s" >&2
          mv "$log" "$log.noisy$attempt"
          sleep 20
          settle "$pid"
        done
        line=$(grep '^BENCHRESULT' "$log" | tail -1 || true)
        if [ -z "$line" ]; then
          echo "   $label $op c=$c: no result (see $log)" >&2
          line=$'BENCHRESULT\t0\t0\t0\t0\t0\t0\t0'
        fi
        IFS=$'\t' read -r _ rps p50 p99 non200 requests sock missing <<<"$line"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$op" "$c" "$t" "$rps" "$p50" "$p99" \
          "$non200" "$requests" "$sock" "$missing" "$cpu" "$DURATION" "$ITEMS" "$rep" "$other" \
          "$(date -u +%FT%TZ)" >>"$TSV"
        printf '   %-10s %-4s c=%-3s %10s req/s  p50 %7s ms  p99 %7s ms  non-200 %s  server CPU %s%%  other CPU %s%%\n' \
          "$label" "$op" "$c" "$rps" "$p50" "$p99" "$non200" "$cpu" "$other" >&2
        settle "$pid"
      done
    done
  done
done

# ---- report ------------------------------------------------------------------------------------
python3 - "$TSV" "$LOGS" >"$MD" <<'PY'
import csv, glob, os, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
labels = list(dict.fromkeys(r["endpoint"] for r in rows))
base = "dynarock" if "dynarock" in labels else labels[0]
cells = {}
for r in rows:
    cells.setdefault((r["op"], int(r["conns"]), r["endpoint"]), []).append(r)
reps = max(len(v) for v in cells.values())
med = lambda rs, k: statistics.median(float(r[k]) for r in rs)
def num(rs, k):
    try:
        return "%.0f" % med(rs, k)
    except ValueError:
        return "-"
head = "req/s" if reps == 1 else "req/s (median of %d)" % reps
print("| op | conns | endpoint | %s |%s p50 ms | p99 ms | non-200 | server CPU %% | other CPU %% | %s ÷ endpoint (req/s) |"
      % (head, " req/s range |" if reps > 1 else "", base))
print("| --- | ---: | --- | ---: |%s ---: | ---: | ---: | ---: | ---: | ---: |" % (" ---: |" if reps > 1 else ""))
for (op, c, label) in sorted(cells, key=lambda k: (k[0], k[1], labels.index(k[2]))):
    rs = cells[(op, c, label)]
    mine = med(rs, "rps")
    theirs = med(cells[(op, c, base)], "rps") if (op, c, base) in cells else None
    ratio = "1" if label == base else ("%.2f" % (theirs / mine) if mine and theirs is not None else "-")
    rng = " %.0f–%.0f |" % (min(float(r["rps"]) for r in rs), max(float(r["rps"]) for r in rs)) if reps > 1 else ""
    print("| %s | %d | %s | %.0f |%s %.3f | %.3f | %d | %s | %s | %s |" % (
        op, c, label, mine, rng, med(rs, "p50_ms"), med(rs, "p99_ms"), sum(int(r["non200"]) for r in rs),
        num(rs, "srv_cpu_pct"), num(rs, "other_cpu_pct"), ratio))
notes = []
for r in rows:
    if r["op"] == "get" and r["missing"] not in ("0", ""):
        notes.append("%s get c=%s rep %s: %s answers were 200 without Item" % (r["endpoint"], r["conns"], r["rep"], r["missing"]))
    if r["sock_err"] not in ("0", ""):
        notes.append("%s %s c=%s rep %s: %s socket errors/timeouts" % (r["endpoint"], r["op"], r["conns"], r["rep"], r["sock_err"]))
for log in sorted(glob.glob(os.path.join(sys.argv[2], "wrk-*.log"))):
    for line in open(log, errors="replace"):
        if line.startswith("NON200SAMPLE"):
            notes.append("%s: first non-200: %s" % (os.path.basename(log)[4:-4], line.split("\t", 1)[1].strip()))
if notes:
    print()
    for n in notes:
        print("- " + n)
PY
echo >&2
cat "$MD"
echo >&2
echo "results: $TSV  $MD  logs: $LOGS" >&2
