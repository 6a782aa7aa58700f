#!/usr/bin/env bash
# Renderer checks beyond `go test ./...` (issue 4).
set -euo pipefail
cd "$(dirname "$0")/../.."
export QRWORKS_STRICT=1

# Fuzz smoke tests: the deflate writer against compress/flate, and the PNG
# writer against image/png. One target per invocation.
go test -run='^$' -fuzz='^FuzzRoundTrip$' -fuzztime=20s ./internal/deflate/
go test -run='^$' -fuzz='^FuzzPNG$' -fuzztime=30s ./qr/

# The W4 benchmark, once, so that a regression that breaks it shows.
go test -run='^$' -bench='^BenchmarkW4' -benchtime=200x ./qr/
