#!/usr/bin/env bash
# Fuzz smoke of the reader's own parts (issue 13): Reed–Solomon decoding is
# covered by its tests; here the data bit stream parser of every family and
# the Micro QR and rMQR search on fuzzed bit matrices (seeded with symbols
# of both families), which run under no recover. Budgets are execution
# counts, as in 30-decode.sh.
set -euo pipefail
for target in FuzzParsePayload FuzzParsePayloadFamilies FuzzSmallSymbols; do
	go test -list "^${target}\$" ./decode | grep -x "$target" >/dev/null || { echo "$target not found in ./decode" >&2; exit 1; }
done
go test -run='^$' -fuzz='^FuzzParsePayload$' -fuzztime=100000x ./decode
go test -run='^$' -fuzz='^FuzzParsePayloadFamilies$' -fuzztime=100000x ./decode
go test -run='^$' -fuzz='^FuzzSmallSymbols$' -fuzztime=5000x ./decode
go test -race -run='^(TestSmallGolden|TestSmallRoundTrip|TestSmallTransforms)$' ./decode
