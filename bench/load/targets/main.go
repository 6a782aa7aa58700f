// Command targets writes vegeta targets (the JSON format of `vegeta attack
// -format=json`, one object a line) for the open-loop runs of
// bench/load/run.sh:
//
//	go run ./load/targets -kind new -n 60000 -url http://127.0.0.1:18080 > new.json   # from bench/
//
// Kinds:
//
//   - new: POST /api/generate, a new text in every target: W1 with its
//     ten-digit product number replaced by the target's index (the same
//     length and segments, so version 5 at level H), as
//     bench/load/generate-unique.lua sends them. vegeta cycles through the
//     targets, so -n must be at least rate × duration for every request to
//     be new.
//   - cached: POST /api/generate of W1 itself, the same text every time.
//   - decode: POST /api/decode with the PNG file -png as a raw body.
//   - healthz: GET /healthz, the floor: the trivial handler of the same
//     server.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
)

// w1 is the text of the standard workload W1 (bench.URL).
const w1 = "https://example.com/product/0123456789?batch=42"

// target is one line of vegeta's JSON targets format; vegeta reads the body
// as base64, which encoding/json writes for a []byte.
type target struct {
	Method string              `json:"method"`
	URL    string              `json:"url"`
	Body   []byte              `json:"body,omitempty"`
	Header map[string][]string `json:"header,omitempty"`
}

func main() {
	kind := flag.String("kind", "new", "new, cached, decode or healthz")
	n := flag.Int("n", 1, "number of targets (new: distinct texts)")
	base := flag.String("url", "http://127.0.0.1:18080", "the server's base URL")
	pngFile := flag.String("png", "", "the image to upload (decode)")
	flag.Parse()
	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	if err := write(out, *kind, *n, *base, *pngFile); err != nil {
		slog.Error("writing targets", "err", err)
		os.Exit(1)
	}
	if err := out.Flush(); err != nil {
		slog.Error("writing targets", "err", err)
		os.Exit(1)
	}
}

func write(w io.Writer, kind string, n int, base, pngFile string) error {
	jsonHeader := map[string][]string{"Content-Type": {"application/json"}}
	enc := json.NewEncoder(w)
	switch kind {
	case "new":
		for i := range n {
			text := fmt.Sprintf("https://example.com/product/%010d?batch=42", i)
			body, err := json.Marshal(map[string]string{"text": text})
			if err != nil {
				return err
			}
			if err := enc.Encode(target{"POST", base + "/api/generate", body, jsonHeader}); err != nil {
				return err
			}
		}
		return nil
	case "cached":
		return enc.Encode(target{"POST", base + "/api/generate", []byte(`{"text":"` + w1 + `"}`), jsonHeader})
	case "decode":
		img, err := os.ReadFile(pngFile)
		if err != nil {
			return err
		}
		return enc.Encode(target{"POST", base + "/api/decode", img, map[string][]string{"Content-Type": {"image/png"}}})
	case "healthz":
		return enc.Encode(target{Method: "GET", URL: base + "/healthz"})
	}
	return fmt.Errorf("unknown kind %q (want new, cached, decode or healthz)", kind)
}
