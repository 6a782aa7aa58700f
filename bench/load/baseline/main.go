// Command baseline is the floor of the load test: a bare net/http server
// that answers every request with the same bytes (the W1 PNG), with no
// routing, parsing, cache, metrics or logging. bench/load/run.sh runs it
// under the same wrk command as the service, at the same moment, so that the
// service's figures can be read against what this machine gives any Go
// handler at all.
//
//	go run ./load/baseline -addr 127.0.0.1:18081 -body w1.png   # from bench/
package main

import (
	"flag"
	"log/slog"
	"net/http"
	"os"
	"strconv"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18081", "listen address")
	bodyFile := flag.String("body", "", "file whose bytes every response carries")
	contentType := flag.String("type", "image/png", "Content-Type of the responses")
	flag.Parse()
	body, err := os.ReadFile(*bodyFile)
	if err != nil {
		slog.Error("reading the body", "err", err)
		os.Exit(1)
	}
	length := strconv.Itoa(len(body))
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h["Content-Type"] = []string{*contentType}
		h["Content-Length"] = []string{length}
		w.Write(body)
	})
	if err := http.ListenAndServe(*addr, handler); err != nil {
		slog.Error("serving", "err", err)
		os.Exit(1)
	}
}
