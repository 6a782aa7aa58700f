#!/usr/bin/env bash
# Styled codes (issue 15): the whole grid of texts × levels × shapes ×
# colourings × logo sizes × logo images, every image the library returns
# read by zbarimg and ZXingReader (PNG) and by zbarimg through
# rsvg-convert (SVG). `go test ./...` runs a 16-case subset of it.
set -euo pipefail
cd "$(dirname "$0")/../.."
export QRWORKS_STRICT=1
go test ./qr/ -run '^TestStyledInterop$' -count=1 -timeout 30m -args -stylegrid

# Fuzz smoke test of styled encoding: any styling either gives a code that
# passes its check and reads back, or an error matching a sentinel.
go test -run='^$' -fuzz='^FuzzStyled$' -fuzztime=300x ./qr/
