#!/usr/bin/env bash
# Runs the allocator benchmark: full DRF allocation cycles against simulated agents.
# Usage: bench/allocator.sh [runs]   (default 7 runs per case; the median is printed)
exec "$(dirname "$0")/core-main.sh" 2g dev.berth.bench.AllocatorBench "${1:-7}"
