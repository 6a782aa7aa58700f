#!/usr/bin/env bash
# Load test of examples/server on loopback: closed loop with wrk (Debian
# package wrk), open loop with vegeta
# (go install github.com/tsenart/vegeta/v12@v12.13.0).
#
#   bench/load/run.sh                 # full run: 15 s generate (cached), 15 s generate-unique,
#                                     # 15 s decode, the open-loop runs, 60 s mixed
#   DURATION=3s MIXED_DURATION=10s bench/load/run.sh   # smoke run (CI)
#   SERVER_FLAGS=-cache-bytes=-1 bench/load/run.sh     # without the response cache
#   OPEN_RATE=8000 DECODE_RATE=3000 bench/load/run.sh  # other open-loop rates
#
# It builds and starts the server on 127.0.0.1:$PORT, then runs
#   wrk -t2 -c100 -d15s --latency -s bench/load/generate.lua http://127.0.0.1:$PORT/api/generate
#   wrk -t2 -c100 -d15s --latency -s bench/load/generate-unique.lua http://127.0.0.1:$PORT/api/generate
#   wrk -t2 -c100 -d15s --latency -s bench/load/decode.lua   http://127.0.0.1:$PORT/api/decode
#   wrk -t2 -c100 -d60s --latency -s bench/load/mixed.lua    http://127.0.0.1:$PORT
# after a short warm-up, and reports requests/s, p50, p99, errors and the
# server's RSS from /proc/PID/status (VmHWM is the peak). During the mixed
# run it polls /healthz every 0.5 s and counts failures. generate.lua sends
# the same W1 text every time (answered from the server's response cache
# from its second request on); generate-unique.lua sends a new W1-sized text
# every time, so every request is encoded and rendered.
#
# The open-loop runs send requests at a constant rate whatever the answers'
# latency (vegeta attack -rate), for $OPEN_DURATION each: /healthz (the
# floor: the trivial handler of the same server, at the same rate), new
# texts, the cached text, then the W1 PNG to /api/decode at $DECODE_RATE,
# and /healthz again, with at most $OPEN_WORKERS requests in flight. Each
# latency is read against the floor measured just before the generate runs.
# Summary tables of all runs come last.
#
# With CHECK=1 it exits non-zero unless: generate, generate-unique and
# decode have no error and no non-2xx answer (so no 429/503: 100
# connections are a load the slots and queue must admit), the open-loop
# runs succeed at 100% (vegeta's success ratio: every answer 2xx, no
# error), the mixed run answers only the expected statuses (503 shedding
# allowed), /healthz never failed, peak RSS < 100 MiB and RSS after the mixed
# run is at most 20% above RSS after warm-up. Throughput and latency targets are
# reported, not checked: they depend on the machine.
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT=${PORT:-18080}
BASE_PORT=${BASE_PORT:-$((PORT + 1))}
DURATION=${DURATION:-15s}
MIXED_DURATION=${MIXED_DURATION:-60s}
CONNS=${CONNS:-100}
THREADS=${THREADS:-2}
ACCESS_LOG=${ACCESS_LOG:-true}
CHECK=${CHECK:-0}
SERVER_FLAGS=${SERVER_FLAGS:-} # more flags for the server, e.g. -cache-bytes=-1
OPEN_RATE=${OPEN_RATE:-4000}           # requests/s of the open-loop generate runs and their floor
DECODE_RATE=${DECODE_RATE:-2000}       # requests/s of the open-loop decode run
OPEN_DURATION=${OPEN_DURATION:-$DURATION}
# The most requests vegeta keeps in flight: far above what a server that
# keeps up needs (4000/s at 10 ms is 40), it bounds the connections, and so
# the server's memory, when the server falls behind: the run then reports
# the rate it got.
OPEN_WORKERS=${OPEN_WORKERS:-1000}
URL="http://127.0.0.1:$PORT"
export LOAD_DIR=bench/load

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is missing: apt-get install -y curl" >&2; exit 1; }
VEGETA=$(command -v vegeta || echo "$(go env GOPATH)/bin/vegeta")
if [ ! -x "$VEGETA" ]; then
	echo "vegeta is missing: go install github.com/tsenart/vegeta/v12@v12.13.0" >&2
	exit 1
fi

work=$(mktemp -d)
server_pid=
baseline_pid=
cleanup() {
	for pid in $server_pid $baseline_pid; do
		if kill -0 "$pid" 2>/dev/null; then
			kill -TERM "$pid"
			wait "$pid" || true
		fi
	done
	rm -rf "$work"
}
trap cleanup EXIT

# wait_for URL: up to 10 s for URL to answer 2xx.
wait_for() {
	for _ in $(seq 100); do
		curl -sf -o /dev/null "$1" && return 0
		sleep 0.1
	done
	return 1
}

go build -o "$work/server" ./examples/server
# shellcheck disable=SC2086 # SERVER_FLAGS is a list of words
"$work/server" -addr "127.0.0.1:$PORT" -access-log="$ACCESS_LOG" $SERVER_FLAGS 2>"$work/server.log" &
server_pid=$!
wait_for "$URL/healthz" || { echo "server did not start:"; cat "$work/server.log"; exit 1; }

rss_mib() { awk '/^'"$1"':/ { printf "%.1f", $2 / 1024 }' "/proc/${2:-$server_pid}/status"; }

export W1_PNG="$work/w1.png"
curl -sf -o "$W1_PNG" "$URL/api/generate?text=https://example.com/product/0123456789%3Fbatch=42"

# CPU accounting, to separate the server's cost from the machine's load:
# server ticks (utime+stime of /proc/PID/stat) and the machine's busy and
# total ticks (/proc/stat), sampled before and after each run.
cpu_sample() { # cpu_sample [PID]: of the service by default
	local server machine
	server=$(awk '{ print $14 + $15 }' "/proc/${1:-$server_pid}/stat")
	machine=$(awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8; total = busy + $5 + $6; print busy, total }' /proc/stat)
	echo "$server $machine"
}
cpu_report() { # cpu_report BEFORE AFTER REQUESTS
	read -r s0 b0 t0 <<<"$1"
	read -r s1 b1 t1 <<<"$2"
	awk -v s="$((s1 - s0))" -v b="$((b1 - b0))" -v t="$((t1 - t0))" -v n="$3" -v hz="$(getconf CLK_TCK)" -v cores="$(nproc)" 'BEGIN {
		secs = t / cores / hz
		printf "CPU: server %.0f µs per request (%.2f cores busy); wrk and everything else on the machine %.2f cores; idle %.2f of %d cores\n",
			s / hz / n * 1e6, s / hz / secs, (b - s) / hz / secs, (t - b) / hz / secs, cores
	}'
}

fail=0
check() { # check DESCRIPTION CONDITION...
	local what=$1; shift
	if ! "$@"; then echo "CHECK FAILED: $what"; fail=1; fi
}
field() { sed -n 's/.*[ ]'"$1"'=\([^ ]*\).*/\1/p' <<<"$2"; }

echo "machine: $(nproc) cores, $(uname -m), $(go version | cut -d' ' -f3); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "warm-up: 3 s of generate and decode"
wrk -t"$THREADS" -c"$CONNS" -d3s -s bench/load/generate.lua "$URL/api/generate" >/dev/null
wrk -t"$THREADS" -c"$CONNS" -d3s -s bench/load/decode.lua "$URL/api/decode" >/dev/null

summary=()
# row KIND RESULT CPU_LINE [PID]: one line of the summary table; peak RSS of
# PID, the service by default.
row() {
	local cpu
	cpu=$(sed -n 's/^CPU: server \([0-9]*\) µs per request.*/\1/p' <<<"$3")
	summary+=("$(printf '%-16s %8s %8s %8s %8s %7s %8s %9s %9s' "$1" "$(field rps "$2")" "$(field p50_ms "$2")" \
		"$(field p99_ms "$2")" "$(field max_ms "$2")" \
		"$(($(field connect_err "$2") + $(field read_err "$2") + $(field write_err "$2") + $(field timeouts "$2")))" \
		"$(field non2xx "$2")" "$cpu" "$(rss_mib VmHWM "${4:-$server_pid}")")")
}

# measure KIND SCRIPT URL DURATION [PID]: one wrk run, with the CPU of PID
# (the service by default) sampled around it. It prints the latency
# distribution and the CPU line, adds a summary row, and leaves wrk's output
# in $out and its RESULT line in $result.
measure() {
	local before after cpu
	before=$(cpu_sample "${5:-}")
	out=$(wrk -t"$THREADS" -c"$CONNS" -d"$4" --latency -s "bench/load/$2" "$3")
	after=$(cpu_sample "${5:-}")
	echo "$out" | sed -n '/Latency Distribution/,/^RESULT/p'
	result=$(grep '^RESULT' <<<"$out")
	cpu=$(cpu_report "$before" "$after" "$(field requests "$result")")
	echo "$cpu"
	row "$1" "$result" "$cpu" "${5:-}"
}

# The floor: a bare net/http server answering every request with the W1 PNG
# (bench/load/baseline), under the same wrk command at the same moment.
# Whatever latency it shows, the machine (wrk and the kernel sharing the
# cores with the server) imposes on any Go handler.
(cd bench && go build -o "$work/baseline" ./load/baseline)
"$work/baseline" -addr "127.0.0.1:$BASE_PORT" -body "$W1_PNG" 2>"$work/baseline.log" &
baseline_pid=$!
wait_for "http://127.0.0.1:$BASE_PORT/" || { echo "baseline did not start:"; cat "$work/baseline.log"; exit 1; }
echo
echo "== baseline: a bare Go handler returning the W1 PNG (bench/load/baseline), same wrk command"
wrk -t"$THREADS" -c"$CONNS" -d3s -s bench/load/generate.lua "http://127.0.0.1:$BASE_PORT/api/generate" >/dev/null
measure baseline generate.lua "http://127.0.0.1:$BASE_PORT/api/generate" "$DURATION" "$baseline_pid"
kill "$baseline_pid"
wait "$baseline_pid" 2>/dev/null || true

for kind in generate generate-unique decode; do
	path=$kind
	[ "$kind" = generate-unique ] && path=generate
	echo
	echo "== $kind: wrk -t$THREADS -c$CONNS -d$DURATION --latency -s bench/load/$kind.lua $URL/api/$path"
	measure "$kind" "$kind.lua" "$URL/api/$path" "$DURATION"
	echo "server peak RSS so far (VmHWM): $(rss_mib VmHWM) MiB"
	errs="connect_err read_err write_err timeouts"
	# 100 connections are a load the slots and queue must admit: no
	# 429/503 at all.
	errs="non2xx $errs"
	for e in $errs; do
		check "$kind: $e = 0" test "$(field "$e" "$result")" = 0
	done
done
curl -sf "$URL/metrics" | grep -E '^qrhttp_cache_' | tr '\n' ' ' | sed 's/^/response cache: /; s/$/\n/'

# Open loop: vegeta at a constant rate. jfield NAME JSON: a number of
# vegeta's JSON report ("99th" of its latencies in ns, "success" ratio…).
jfield() { sed -n 's/.*"'"$1"'":\([0-9.e+-]*\).*/\1/p' <<<"$2" | head -1; }
ms() { awk -v ns="$1" 'BEGIN { printf "%.2f", ns / 1e6 }'; }
open_rows=()
floor_p99=
# open_loop KIND RATE TARGETS: one vegeta run; prints its report and adds a row.
open_loop() {
	local before after report p99 ratio codes
	before=$(cpu_sample)
	report=$("$VEGETA" attack -rate="$2/s" -duration="$OPEN_DURATION" -timeout=10s -max-workers="$OPEN_WORKERS" \
		-format=json -targets="$3" |
		"$VEGETA" report -type=json)
	after=$(cpu_sample)
	p99=$(jfield 99th "$report")
	codes=$(sed -n 's/.*"status_codes":{\([^}]*\)}.*/\1/p' <<<"$report" | tr -d '"')
	[ "$1" = healthz ] && [ -z "$floor_p99" ] && floor_p99=$p99
	ratio=$(awk -v p="$p99" -v f="$floor_p99" 'BEGIN { printf "%.2f", p / f }')
	echo "success $(jfield success "$report"), status codes {$codes}, p50 $(ms "$(jfield 50th "$report")") ms, p99 $(ms "$p99") ms, max $(ms "$(jfield max "$report")") ms"
	cpu_report "$before" "$after" "$(jfield requests "$report")"
	open_rows+=("$(printf '%-16s %8s %8s %8s %8s %8s %10s %11s %s' "$1" "$2" "$(jfield throughput "$report" | cut -d. -f1)" \
		"$(awk -v s="$(jfield success "$report")" 'BEGIN { printf "%.2f%%", 100 * s }')" \
		"$(ms "$(jfield 50th "$report")")" "$(ms "$p99")" "$(ms "$(jfield max "$report")")" "$ratio" "$codes")")
	check "open loop $1: 100% success" awk -v s="$(jfield success "$report")" 'BEGIN { exit !(s == 1) }'
}
echo
echo "== open loop: vegeta attack -rate=$OPEN_RATE/s -duration=$OPEN_DURATION (decode at $DECODE_RATE/s)"
(cd bench && go build -o "$work/targets" ./load/targets)
"$work/targets" -kind healthz -url "$URL" >"$work/healthz.json"
"$work/targets" -kind cached -url "$URL" >"$work/cached.json"
"$work/targets" -kind decode -url "$URL" -png "$W1_PNG" >"$work/decode.json"
# A new text for every request of the run, and some to spare.
secs=$(awk -v d="$OPEN_DURATION" 'BEGIN { n = d + 0; if (d ~ /m$/) n *= 60; print int(n) + 1 }')
"$work/targets" -kind new -n $((OPEN_RATE * secs + 1000)) -url "$URL" >"$work/new.json"
for run in "healthz $OPEN_RATE healthz" "new-texts $OPEN_RATE new" "cached $OPEN_RATE cached" "decode $DECODE_RATE decode" "healthz $OPEN_RATE healthz"; do
	read -r kind rate file <<<"$run"
	echo "-- $kind at $rate/s"
	open_loop "$kind" "$rate" "$work/$file.json"
done

echo
echo "== mixed: wrk -t$THREADS -c$CONNS -d$MIXED_DURATION --latency -s bench/load/mixed.lua $URL"
wrk -t"$THREADS" -c"$CONNS" -d5s -s bench/load/mixed.lua "$URL" >/dev/null
rss_warm=$(rss_mib VmRSS)
echo "RSS after a 5 s mixed warm-up: $rss_warm MiB"
( ok=0 bad=0
  while [ ! -e "$work/stop" ]; do
	if curl -sf --max-time 1 "$URL/healthz" >/dev/null; then ok=$((ok+1)); else bad=$((bad+1)); fi
	sleep 0.5
  done
  echo "$ok $bad" >"$work/health" ) &
poller=$!
measure mixed mixed.lua "$URL" "$MIXED_DURATION"
touch "$work/stop"
wait "$poller"
read -r health_ok health_bad <"$work/health"
rss_after=$(rss_mib VmRSS)
peak=$(rss_mib VmHWM)
echo "/healthz during the mixed run: $health_ok answered, $health_bad failed"
echo "RSS after the mixed run: $rss_after MiB (after warm-up: $rss_warm MiB); peak RSS (VmHWM) over the whole test: $peak MiB"

statuses=$(grep '^STATUSES' <<<"$out")
# 503 is load shedding, allowed here; anything else (a 5xx, a 422 on the
# W1 image, a 404) is a bug.
check "mixed: only 200/400/413/415/503 answers (got $statuses)" \
	bash -c '! grep -qvE "^(200|400|413|415|503):[0-9]+$" < <(tr " " "\n" <<<"${1#STATUSES }")' _ "$statuses"
check "/healthz answered throughout" test "$health_bad" = 0
check "peak RSS < 100 MiB" awk -v p="$peak" 'BEGIN { exit !(p < 100) }'
# Growth is what a leak shows; RSS may well fall, as the runtime returns
# memory the mixed run did not need (new texts are not cached).
check "RSS after at most 20% above RSS after warm-up" awk -v a="$rss_after" -v w="$rss_warm" 'BEGIN { exit !(a <= 1.2 * w) }'
echo
echo "== summary, closed loop: wrk -t$THREADS -c$CONNS (non-2xx: 429/503 for generate and decode; expected 4xx answers and 503 for mixed)"
printf '%-16s %8s %8s %8s %8s %7s %8s %9s %9s\n' run req/s p50_ms p99_ms max_ms errors non2xx cpu_us/req peak_MiB
printf '%s\n' "${summary[@]}"
echo
echo "== summary, open loop: vegeta at a constant rate for $OPEN_DURATION (p99/floor: against the first healthz run's p99)"
printf '%-16s %8s %8s %8s %8s %8s %10s %11s %s\n' run rate req/s success p50_ms p99_ms max_ms p99/floor status_codes
printf '%s\n' "${open_rows[@]}"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -cE 'level=(WARN|ERROR)' "$work/server.log" | sed 's/^/server warnings and errors logged: /' || true

if [ "$CHECK" = 1 ] && [ "$fail" != 0 ]; then
	exit 1
fi
