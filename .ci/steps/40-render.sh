#!/usr/bin/env bash
# Renderer checks beyond `go test ./...` (issue 4).
set -euo pipefail
# Fuzz budgets are execution counts (-fuzztime=Nx), not durations: with a
# duration, Go's fuzzer can fail a clean run with "context deadline
# exceeded" when the deadline falls inside a slow input (seen in CI).
cd "$(dirname "$0")/../.."
export QRWORKS_STRICT=1

# Fuzz smoke tests: the deflate writer against compress/flate, and the PNG
# writer against image/png. One target per invocation.
go test -run='^$' -fuzz='^FuzzRoundTrip$' -fuzztime=6000x ./internal/deflate/
go test -run='^$' -fuzz='^FuzzPNG$' -fuzztime=1500x ./qr/

# The W4 benchmark, once, so that a regression that breaks it shows.
go test -run='^$' -bench='^BenchmarkW4' -benchtime=200x ./qr/
