#!/usr/bin/env bash
# Runs the comparison of qrworks with the other Go QR Code libraries: every
# benchmark of the bench package with -benchmem, in 10 interleaved rounds,
# then writes results/table.md (the peer tables of docs/performance.md),
# results/chart.svg and results/bench.txt (raw output, for benchstat). About
# four minutes on two cores. Arguments go to cmd/compare: -count (rounds),
# -benchtime, -bench, -out, -from.
set -euo pipefail
cd "$(dirname "$0")"
exec go run ./cmd/compare "$@"
