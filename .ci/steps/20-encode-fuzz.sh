#!/usr/bin/env bash
# Fuzz smoke for the encoder (issue 3): arbitrary bytes and options must give
# a clear error or a symbol that gozxing decodes back to the same bytes.
set -euo pipefail
# Refuse to pass vacuously if the target is not built (it imports gozxing).
go test -list '^FuzzEncode$' ./encode | grep -x FuzzEncode >/dev/null || { echo "FuzzEncode not found in ./encode" >&2; exit 1; }
go test -run='^$' -fuzz='^FuzzEncode$' -fuzztime=20s ./encode
