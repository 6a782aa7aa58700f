#!/usr/bin/env bash
# Fuzz smoke for the encoder (issue 3): arbitrary bytes and options must give
# a clear error or a symbol that gozxing decodes back to the same bytes.
set -euo pipefail
go test -run='^$' -fuzz='^FuzzEncode$' -fuzztime=20s ./encode
