// Package bench measures qrworks against the other Go QR Code libraries on
// the project's standard workloads, like for like.
//
// Every library is used the way its own README shows. Before a cell
// (library × workload) is timed, the library's output is checked: its symbol
// must decode (with gozxing's reader) to the workload's text, at the
// workload's level and, where the workload fixes one, version; for a PNG
// workload its own PNG file must decode. A cell that fails the check, or
// that the library cannot do as specified, is reported and never timed.
//
// The benchmarks are ordinary testing.B functions named Benchmark<W>_<lib>
// (BenchmarkW1_qrworks, BenchmarkW1_skip2, …, BenchmarkD1_gozxing), so
// `go test -bench . -benchmem` and benchstat work on them; cmd/compare runs
// them all and writes the comparison table and chart.
//
// bench is its own Go module so that the peers never enter the dependency
// graph of qrworks itself.
package bench

import (
	"strconv"
	"strings"
)

// Level is an error correction level, in the order of ISO/IEC 18004:2015
// Table 12 (L about 7%, M 15%, Q 25%, H 30% of codewords recoverable).
// Each library adapter maps it to the library's own constant.
type Level int

// The four error correction levels.
const (
	L Level = iota
	M
	Q
	H
)

// String returns "L", "M", "Q" or "H".
func (l Level) String() string {
	if l < L || l > H {
		return "?"
	}
	return "LMQH"[l : l+1]
}

// Workload is one of the project's standard encoding jobs.
type Workload struct {
	ID   string // "W1" … "W5", the benchmark name prefix
	Name string // short name: "url", "1k", "numeric", "png", "max"
	Text string
	// Level is the error correction level the symbol must have.
	Level Level
	// Version, when not zero, is the version the symbol must have.
	Version int
	// PNG workloads time text → PNG bytes (encode and render) at Scale pixels
	// per module with a Quiet-module quiet zone, black on white, into a reused
	// buffer. Other workloads time text → module matrix.
	PNG          bool
	Scale, Quiet int
}

// Describe returns a one-line description for tables.
func (w Workload) Describe() string {
	s := w.Name + ", " + strconv.Itoa(len(w.Text)) + " bytes, level " + w.Level.String()
	if w.Version != 0 {
		s += ", version " + strconv.Itoa(w.Version)
	}
	if w.PNG {
		s += ", PNG at scale " + strconv.Itoa(w.Scale) + " + quiet zone " + strconv.Itoa(w.Quiet)
	}
	return s
}

// URL is the text of W1 and W4. Its digit run lets an optimal segmenter fit
// it in version 5 at level H (368 data bits); a single-mode (byte) encoder
// needs version 6.
const URL = "https://example.com/product/0123456789?batch=42"

// fox is the sentence that W2 and W5 repeat.
const fox = "The quick brown fox jumps over the lazy dog 0123456789. "

// repeatTo returns the first n bytes of s repeated.
func repeatTo(s string, n int) string {
	return strings.Repeat(s, n/len(s)+1)[:n]
}

// The standard workloads (see the project's encoder and rasterizer issues).
var (
	W1 = Workload{ID: "W1", Name: "url", Text: URL, Level: H}
	W2 = Workload{ID: "W2", Name: "1k", Text: repeatTo(fox, 1000), Level: H}
	W3 = Workload{ID: "W3", Name: "numeric", Text: strings.Repeat("0123456789", 50), Level: M}
	W4 = Workload{ID: "W4", Name: "png", Text: URL, Level: H, PNG: true, Scale: 10, Quiet: 4}
	// W5 is the largest byte-mode payload of a version 40-L symbol: 2956
	// data codewords less 20 bits of mode indicator and character count
	// leave 2953 bytes (ISO/IEC 18004:2015 Table 7).
	W5 = Workload{ID: "W5", Name: "max", Text: repeatTo(fox, 2953), Level: L, Version: 40}
)

// Workloads returns the encoding workloads in table order.
func Workloads() []Workload { return []Workload{W1, W2, W3, W4, W5} }

// WorkloadByID returns the workload with the given ID.
func WorkloadByID(id string) (Workload, bool) {
	for _, w := range Workloads() {
		if w.ID == id {
			return w, true
		}
	}
	return Workload{}, false
}
