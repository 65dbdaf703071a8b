#!/usr/bin/env bash
# The cluster-scale benchmarks in one command, a few minutes: the allocator's cycles, then placement
# (Berth beside Fenzo). Usage: bench/scale.sh   (BENCH_MVN_ARGS=-o builds offline)
set -euo pipefail
here="$(dirname "$0")"
echo "== allocator: one DRF cycle (bench/allocator.sh)"
"$here/allocator.sh"
echo
echo "== placement: one service's pods (bench/placement.sh)"
"$here/placement.sh"
