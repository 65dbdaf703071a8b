#!/usr/bin/env bash
# Times the deploy of a fresh 3-node Cassandra ring through Berth (a ZooKeeper server, a master and 3
# agents as processes, as the ITs start them; `berth install cassandra --set cassandra.fast_join=true`)
# until its deploy plan is COMPLETE, and prints where the time went: per node its launch, its own start
# (to NORMAL, to CQL), readiness polling, the package's check and the hand-over to the next node; then
# the secure-superuser step.
# The agents' artifact cache is kept between runs in berth-app/target/bench-artifacts, as `berth up`
# keeps its data dir: the first run downloads Cassandra's jars (the table says how many), later ones not.
# Usage: bench/cassandra-ring.sh   (BENCH_MVN_ARGS=-o builds offline; BENCH_LOOPBACK_FIRST=20 puts the agents on
# 127.0.0.20 onwards, clear of a `berth up` on the same machine)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p berth-app/target/bench-artifacts
mvn -B ${BENCH_MVN_ARGS:-} verify -pl berth-app -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=CassandraRingBench -Dfailsafe.failIfNoSpecifiedTests=false -Dit.loopback.first="${BENCH_LOOPBACK_FIRST:-2}" \
  -Dit.artifact.cache="$PWD/berth-app/target/bench-artifacts" \
  -Dfailsafe.redirectTestOutputToFile=false
