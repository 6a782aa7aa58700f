#!/usr/bin/env bash
# Fuzz smoke for the example commands' input handling: batch files (lines and
# CSV) must always be read to the end in line order, CSV names must never
# leave the output directory, colours must parse back to their input.
set -euo pipefail
go test -run='^$' -fuzz='^FuzzSource$' -fuzztime=20s ./examples/generate
go test -run='^$' -fuzz='^FuzzCheckName$' -fuzztime=15s ./examples/generate
go test -run='^$' -fuzz='^FuzzParseColor$' -fuzztime=10s ./examples/generate
