#!/usr/bin/env bash
# Runs the placement benchmark: one service's pods placed on simulated agents through Berth's path
# (allocation cycle, offer evaluation, the master's ledger), and the same workload placed by Fenzo.
# Usage: bench/placement.sh [runs] [berth-only]   (default 5 runs per case after warm-up runs; the median
# is printed; berth-only skips Fenzo, whose best-fit takes minutes at 10,000)
exec "$(dirname "$0")/core-main.sh" 4g dev.berth.bench.PlacementBench "${1:-5}" ${2:+"$2"}
