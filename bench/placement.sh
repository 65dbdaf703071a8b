#!/usr/bin/env bash
# Runs the placement benchmark: one service's pods placed on simulated agents through Berth's path
# (allocation cycle, offer evaluation, the master's ledger), and the same workload placed by Fenzo.
# Usage: bench/placement.sh [runs] [berth-only]   (default 5 runs per case after one warm-up; the median is
# printed; berth-only skips Fenzo, whose best-fit takes minutes at 10,000)
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file="$PWD/scheduler-core/target/bench.classpath"
mvn -B -q -pl scheduler-core -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
java -Xmx4g -cp "scheduler-core/target/classes:scheduler-core/target/test-classes:$(cat "$cp_file")" \
  dev.berth.bench.PlacementBench "${1:-5}" ${2:+"$2"}
