#!/usr/bin/env bash
# Measures master failover across hosts: runs MultiHostIT (eleven network-namespace hosts, a 3-server
# ZooKeeper ensemble, 3 masters, 5 agents, Kafka and Cassandra with clients writing) and prints its
# table of failover times (lines starting "multihost:"). Needs root (ip netns) and iptables.
# Usage: bench/failover.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B verify -pl berth-app -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=MultiHostIT -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dfailsafe.redirectTestOutputToFile=false | grep --line-buffered -E '^multihost:|Tests run|BUILD'
