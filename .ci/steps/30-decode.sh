#!/usr/bin/env bash
# Decoder: fuzz smoke of the image input (internal/imagein), of the whole
# decoding path from bytes, and of the search on fuzzed pixels (the sampler
# and readers run under no recover), then the slow categories that -short
# skips, under the race detector.
set -euo pipefail
# Fuzz budgets are execution counts (-fuzztime=Nx), not durations: with a
# duration, Go's fuzzer can fail a clean run with "context deadline
# exceeded" when the deadline falls inside a slow input (seen in CI).
go test -run='^$' -fuzz='^FuzzDecode$' -fuzztime=20000x ./internal/imagein
go test -run='^$' -fuzz='^FuzzPNGLuminance$' -fuzztime=100000x ./internal/imagein
go test -run='^$' -fuzz='^FuzzDecodeBytes$' -fuzztime=3000x ./decode
go test -run='^$' -fuzz='^FuzzDecodeImage$' -fuzztime=500x ./decode
go test -race -run='^(TestLargePhoto|TestConcurrent|TestRoundTripAllVersions)$' ./decode
