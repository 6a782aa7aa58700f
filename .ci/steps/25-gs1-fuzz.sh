#!/usr/bin/env bash
# Fuzz smoke for GS1 element strings and sequence merging (issue 14): the
# parsers of internal/gs1 must give an *Error or elements that write back to
# the same text, and decode.Merge must lose and invent nothing whatever the
# order. Budgets are execution counts, as in 20-encode-fuzz.sh.
set -euo pipefail
for target in FuzzParse FuzzParseTransmitted; do
	go test -list "^${target}\$" ./internal/gs1 | grep -x "$target" >/dev/null || { echo "$target not found in ./internal/gs1" >&2; exit 1; }
	go test -run='^$' -fuzz="^${target}\$" -fuzztime=50000x ./internal/gs1
done
go test -list '^FuzzMerge$' ./decode | grep -x FuzzMerge >/dev/null || { echo "FuzzMerge not found in ./decode" >&2; exit 1; }
go test -run='^$' -fuzz='^FuzzMerge$' -fuzztime=20000x ./decode
