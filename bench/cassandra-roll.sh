#!/usr/bin/env bash
# Times a rolling restart of a real 3-node Cassandra ring through Berth (a ZooKeeper server, a master
# and 3 agents as processes, as the ITs start them) and prints, per node, its own stop and start-to-UN
# times and, per round, Berth's overhead per node (the plan's time minus the nodes' own).
# Usage: bench/cassandra-roll.sh [rounds]   (default 3; BENCH_MVN_ARGS=-o builds offline; BENCH_LOOPBACK_FIRST=20
# puts the agents on 127.0.0.20 onwards, clear of a `berth up` on the same machine)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B ${BENCH_MVN_ARGS:-} verify -pl berth-app -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=CassandraRollBench -Dfailsafe.failIfNoSpecifiedTests=false -Dbench.rounds="${1:-3}" \
  -Dit.loopback.first="${BENCH_LOOPBACK_FIRST:-2}" \
  -Dfailsafe.redirectTestOutputToFile=false
