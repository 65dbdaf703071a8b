#!/usr/bin/env bash
# The long chaos run: ChaosIT with more faults of each kind than CI runs (CI: 2 of each), optionally
# replaying a seed. Prints the schedule, each fault's figures and the end counts (lines "chaos:").
# Usage: bench/chaos.sh [faults-per-kind] [seed]   (default 5, a random seed)
set -euo pipefail
cd "$(dirname "$0")/.."
seed=()
if [ -n "${2:-}" ]; then seed=(-Dchaos.seed="$2"); fi
mvn -B verify -pl berth-app -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ChaosIT -Dfailsafe.failIfNoSpecifiedTests=false -Dchaos.faults="${1:-5}" "${seed[@]}" \
  -Dfailsafe.redirectTestOutputToFile=false | grep --line-buffered -E '^chaos:|Tests run|BUILD'
