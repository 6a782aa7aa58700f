#!/usr/bin/env bash
# Fuzz smoke for the encoder (issue 3): arbitrary bytes and options must give
# a clear error or a symbol that gozxing decodes back to the same bytes.
set -euo pipefail
# Fuzz budgets are execution counts (-fuzztime=Nx), not durations: with a
# duration, Go's fuzzer can fail a clean run with "context deadline
# exceeded" when the deadline falls inside a slow input (seen in CI).
# Refuse to pass vacuously if the target is not built (it imports gozxing).
go test -list '^FuzzEncode$' ./encode | grep -x FuzzEncode >/dev/null || { echo "FuzzEncode not found in ./encode" >&2; exit 1; }
go test -run='^$' -fuzz='^FuzzEncode$' -fuzztime=30000x ./encode
