#!/usr/bin/env bash
# The benchmark harness (bench/, its own Go module): vet it, run its tests
# (the like-for-like checks of every library's output), run every benchmark
# once so the harness never rots, and render a table from that run with
# cmd/compare. Speed is not judged here.
set -euo pipefail
cd "$(dirname "$0")/../../bench"
go vet ./...
go test . ./cmd/...
go test -run='^$' -bench . -benchtime=1x ./...
out=$(mktemp -d)
go run ./cmd/compare -count 1 -benchtime 1x -out "$out" >/dev/null
test -s "$out/table.md" && test -s "$out/chart.svg"
rm -rf "$out"
