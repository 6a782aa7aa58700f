#!/usr/bin/env bash
# HTTP service (qr/qrhttp, examples/server): fuzz smoke, the page in headless
# Chromium, and a short load test with its checks (wrk in closed loop,
# vegeta in open loop). About 2 minutes.
set -euo pipefail
# Fuzz budgets are execution counts (-fuzztime=Nx), not durations: with a
# duration, Go's fuzzer can fail a clean run with "context deadline
# exceeded" when the deadline falls inside a slow input (seen in CI).

echo "--- fuzz smoke: qrhttp"
go test -run='^$' -fuzz='^FuzzGenerate$' -fuzztime=100000x ./qr/qrhttp
go test -run='^$' -fuzz='^FuzzDecode$' -fuzztime=100000x ./qr/qrhttp
go test -run='^$' -fuzz='^FuzzParseColor$' -fuzztime=50000x ./qr/qrhttp
go test -run='^$' -fuzz='^FuzzBatch$' -fuzztime=20000x ./qr/qrhttp

echo "--- the page at / in headless Chromium (build tag chromium)"
if command -v chromium >/dev/null; then
	go test -tags chromium -run '^TestPageInChromium$' -count=1 -v ./examples/server
else
	echo "chromium is not installed (apt-get install -y chromium): page test skipped"
	if [ "${QRWORKS_STRICT:-}" = 1 ]; then exit 1; fi
fi

echo "--- load test smoke (full run: bench/load/run.sh)"
# vegeta drives the open-loop runs; installed from its module, pinned.
if ! command -v vegeta >/dev/null && [ ! -x "$(go env GOPATH)/bin/vegeta" ]; then
	go install github.com/tsenart/vegeta/v12@v12.13.0
fi
if command -v wrk >/dev/null; then
	DURATION=3s MIXED_DURATION=10s OPEN_RATE=2000 DECODE_RATE=1000 CHECK=1 bench/load/run.sh
else
	echo "wrk is not installed (apt-get install -y wrk): load test skipped"
	if [ "${QRWORKS_STRICT:-}" = 1 ]; then exit 1; fi
fi
