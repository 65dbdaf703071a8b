#!/usr/bin/env bash
# Runs the allocator benchmark: full DRF allocation cycles against simulated agents.
# Usage: bench/allocator.sh [runs]   (default 7 runs per case; the median is printed)
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file="$PWD/scheduler-core/target/bench.classpath"
# test-compile builds the modules; build-classpath of the last module (scheduler-core) wins the file.
mvn -B -q -pl scheduler-core -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
java -Xmx2g -cp "scheduler-core/target/classes:scheduler-core/target/test-classes:$(cat "$cp_file")" \
  dev.berth.bench.AllocatorBench "${1:-7}"
