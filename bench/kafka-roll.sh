#!/usr/bin/env bash
# Times a rolling restart of 3 real Kafka brokers through Berth (a ZooKeeper server, a master and 3
# agents as processes, as the ITs start them) and prints, per broker, its own stop and start-to-ready
# times and, per round, Berth's overhead per broker (the plan's time minus the brokers' own).
# Usage: bench/kafka-roll.sh [rounds]   (default 3; BENCH_MVN_ARGS=-o builds offline; BENCH_LOOPBACK_FIRST=20
# puts the agents on 127.0.0.20 onwards, clear of a `berth up` on the same machine)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B ${BENCH_MVN_ARGS:-} verify -pl berth-app -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=KafkaRollBench -Dfailsafe.failIfNoSpecifiedTests=false -Dbench.rounds="${1:-3}" \
  -Dit.loopback.first="${BENCH_LOOPBACK_FIRST:-2}" \
  -Dfailsafe.redirectTestOutputToFile=false
