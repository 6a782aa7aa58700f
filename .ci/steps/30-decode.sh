#!/usr/bin/env bash
# Decoder: fuzz smoke of the image input path (issue 5), then the slow
# categories that -short skips, under the race detector.
set -euo pipefail
go test -run='^$' -fuzz='^FuzzDecodeBytes$' -fuzztime=20s ./decode
go test -run='^$' -fuzz='^FuzzPNGLuminance$' -fuzztime=15s ./decode
go test -race -run='^(TestLargePhoto|TestConcurrent|TestRoundTripAllVersions)$' ./decode
