#!/usr/bin/env bash
# Wall time of client commands, as a person at a terminal waits for them: each command run N times through
# the launcher, the median and the fastest. Against BERTH_MASTER when set (credentials as the CLI finds
# them), else against a `berth up --install hello` of its own in a scratch folder (API on BERTH_HTTP_PORT,
# default 18080), stopped at the end. With BENCH_CQL=SERVICE it also times `berth cassandra cql SERVICE` with
# three statements (an insert and two reads; the table is made once before).
# Usage: bench/cli.sh [runs]   (default 9; BERTH=path/to/berth times another build's launcher)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
berth="${BERTH:-$root/berth}"
runs="${1:-9}"
service="${BENCH_SERVICE:-hello}"

up_pid=""
scratch=""
stop_cluster() {
  if [ -n "$up_pid" ]; then
    kill -TERM "$up_pid" 2>/dev/null || true
    while kill -0 "$up_pid" 2>/dev/null; do sleep 1; done
  fi
  if [ -n "$scratch" ]; then rm -rf "$scratch"; fi
}
trap stop_cluster EXIT

if [ -z "${BERTH_MASTER:-}" ]; then
  scratch="$(mktemp -d /tmp/berth-cli-bench.XXXXXX)"
  cd "$scratch"
  export BERTH_HTTP_PORT="${BERTH_HTTP_PORT:-18080}"
  export BERTH_MASTER="http://127.0.0.1:$BERTH_HTTP_PORT"
  setsid "$berth" up --install hello > up.log 2>&1 &
  up_pid=$!
  echo "waiting for hello to deploy (log: $scratch/up.log)…" >&2
  until grep -q "hello is deployed" up.log 2>/dev/null; do
    kill -0 "$up_pid" 2>/dev/null || { cat up.log >&2; exit 1; }
    sleep 2
  done
fi

# One command's runs: prints "median min" in seconds. A failed run fails the benchmark.
time_command() {
  local times=() start end
  "$berth" "$@" > /dev/null  # a first run, untimed: the launcher's first use may prepare things
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$berth" "$@" > /dev/null || { echo "failed: berth $*" >&2; exit 1; }
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{t[NR]=$1} END {printf "%.2f %.2f\n", t[int((NR+1)/2)]/1000, t[1]/1000}'
}

commands=("agents" "plan show $service" "plan show $service deploy" "endpoints $service")
printf '| command | median | min |\n|---|---:|---:|\n'
for c in "${commands[@]}"; do
  result="$(time_command $c)"
  read -r median min <<< "$result"
  printf '| `berth %s` | %s s | %s s |\n' "$c" "$median" "$min"
done
if [ -n "${BENCH_CQL:-}" ]; then
  "$berth" cassandra cql "$BENCH_CQL" \
    "CREATE KEYSPACE IF NOT EXISTS bench WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}" \
    "CREATE TABLE IF NOT EXISTS bench.kv (k int PRIMARY KEY, v text)" > /dev/null
  result="$(time_command cassandra cql "$BENCH_CQL" "INSERT INTO bench.kv (k, v) VALUES (1, 'one')" \
    "SELECT * FROM bench.kv WHERE k = 1" "SELECT release_version FROM system.local")"
  read -r median min <<< "$result"
  printf '| `berth cassandra cql %s` (insert, 2 selects) | %s s | %s s |\n' "$BENCH_CQL" "$median" "$min"
fi
