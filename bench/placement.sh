#!/usr/bin/env bash
# Runs the placement benchmark: one service's pods placed on simulated agents through Berth's path
# (allocation cycle, offer evaluation, the master's ledger), and the same workload placed by Fenzo.
# Usage: bench/placement.sh [runs] [berth-only|full]   (default 5 runs per case after warm-up runs; the
# median is printed; berth-only skips Fenzo; full adds Fenzo with one task per host at 10,000, minutes long)
exec "$(dirname "$0")/core-main.sh" 4g dev.berth.bench.PlacementBench "${1:-5}" ${2:+"$2"}
