#!/usr/bin/env bash
# Fuzz smoke for the example commands' input handling: batch files (lines and
# CSV) must always be read to the end in line order, CSV names must never
# leave the output directory, colours must parse back to their input.
set -euo pipefail
# Fuzz budgets are execution counts (-fuzztime=Nx), not durations: with a
# duration, Go's fuzzer can fail a clean run with "context deadline
# exceeded" when the deadline falls inside a slow input (seen in CI).
go test -run='^$' -fuzz='^FuzzSource$' -fuzztime=15000x ./examples/generate
go test -run='^$' -fuzz='^FuzzCheckName$' -fuzztime=100000x ./examples/generate
go test -run='^$' -fuzz='^FuzzParseColor$' -fuzztime=100000x ./examples/generate
