#!/usr/bin/env bash
# Builds scheduler-core with its test classes and runs one benchmark's main class from them, in a JVM of
# HEAP: used by allocator.sh and placement.sh. Usage: bench/core-main.sh HEAP CLASS [ARGS...]
# BENCH_MVN_ARGS adds Maven options (e.g. -o to build offline).
set -euo pipefail
cd "$(dirname "$0")/.."
heap="$1" main="$2"
shift 2
cp_file="$PWD/scheduler-core/target/bench.classpath"
# test-compile builds the modules; build-classpath of the last module (scheduler-core) wins the file.
mvn -B -q ${BENCH_MVN_ARGS:-} -pl scheduler-core -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
java -Xmx"$heap" -cp "scheduler-core/target/classes:scheduler-core/target/test-classes:$(cat "$cp_file")" "$main" "$@"
