#!/usr/bin/env bash
# Renderer checks beyond `go test ./...` (issue 4).
set -euo pipefail
# Fuzz budgets are execution counts (-fuzztime=Nx), not durations: with a
# duration, Go's fuzzer can fail a clean run with "context deadline
# exceeded" when the deadline falls inside a slow input (seen in CI).
cd "$(dirname "$0")/../.."
export QRWORKS_STRICT=1

# Fuzz smoke tests: the deflate writer against compress/flate, the PNG
# encoder (any grid, square or not) against image/png, and qr's PNG
# rendering API (options and all) against image/png. One target per
# invocation.
go test -run='^$' -fuzz='^FuzzRoundTrip$' -fuzztime=6000x ./internal/deflate/
go test -run='^$' -fuzz='^FuzzAppend$' -fuzztime=1500x ./internal/pngenc/
go test -run='^$' -fuzz='^FuzzPNG$' -fuzztime=1500x ./qr/

# The benchmarks, once, so that a regression that breaks them shows: W4
# end to end through qr, and the PNG encoder alone.
go test -run='^$' -bench='^BenchmarkW4' -benchtime=200x ./qr/
go test -run='^$' -bench='^BenchmarkAppend$' -benchtime=50x ./internal/pngenc/
