#!/usr/bin/env bash
# Renderer checks beyond `go test ./...` (issue 4).
set -euo pipefail
cd "$(dirname "$0")/../.."
export QRWORKS_STRICT=1

# PNG → gozxing → text for every version and level. gozxing imports
# golang.org/x/text, so these tests build only when go.mod lists it; until
# then they run against a temporary copy of go.mod that does (the real
# go.mod is not touched).
if grep -q 'golang.org/x/text' go.mod; then
	go test -count=1 -tags zxing -run 'ZXing' ./qr/
else
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	cp go.mod "$tmp/go.mod"
	cp go.sum "$tmp/go.sum"
	go mod edit -modfile="$tmp/go.mod" -require=golang.org/x/text@v0.22.0
	GOFLAGS=-mod=mod go test -count=1 -modfile="$tmp/go.mod" -tags zxing -run 'ZXing' ./qr/
fi

# Fuzz smoke tests: the deflate writer against compress/flate, and the PNG
# writer against image/png. One target per invocation.
go test -run='^$' -fuzz='^FuzzRoundTrip$' -fuzztime=20s ./internal/deflate/
go test -run='^$' -fuzz='^FuzzPNG$' -fuzztime=30s ./qr/

# The W4 benchmark, once, so that a regression that breaks it shows.
go test -run='^$' -bench='^BenchmarkW4' -benchtime=200x ./qr/
