package bench

import (
	"bytes"
	"testing"

	"github.com/qrworks/qrworks/internal/testenv"
)

// One benchmark per library × workload, named Benchmark<workload>_<library>
// so that benchstat and cmd/compare group them by workload. A cell that the
// library cannot do, or whose output fails the like-for-like check, is
// skipped with the reason (see Check); it is never timed.

// benchEncode times lib on the workload with the given ID.
func benchEncode(b *testing.B, id, lib string) {
	w, ok := WorkloadByID(id)
	if !ok {
		b.Fatalf("no workload %s", id)
	}
	l, ok := LibraryByName(lib)
	if !ok {
		b.Fatalf("no library %s", lib)
	}
	if c := Verified(l, w); !c.Timed() {
		b.Skipf("%s %s not timed: %v", lib, id, c.Err)
	}
	op, err := l.Prepare(w)
	if err != nil {
		b.Fatal(err)
	}
	// One call before timing grows the buffer and fills the libraries' own
	// pools and caches, as in a long-running program.
	var buf bytes.Buffer
	if err := op(&buf); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := op(&buf); err != nil {
			b.Fatal(err)
		}
	}
	if w.PNG {
		b.ReportMetric(float64(buf.Len()), "png-bytes")
	}
}

// benchDecode times dec on the decode input in.
func benchDecode(b *testing.B, in DecodeInput, dec string) {
	d, ok := DecoderByName(dec)
	if !ok {
		b.Fatalf("no decoder %s", dec)
	}
	corpus := ""
	if in.Corpus {
		corpus = testenv.Corpus(b)
	}
	img, want, err := in.Load(corpus)
	if err != nil {
		b.Fatal(err)
	}
	if c := VerifiedDecode(d, in, img, want); !c.Timed() {
		b.Skipf("%s %s not timed: %v", dec, in.ID, c.Err)
	}
	decode, err := d.Prepare()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decode(img); err != nil {
			b.Fatal(err)
		}
	}
}

// W1 url

func BenchmarkW1_qrworks(b *testing.B)   { benchEncode(b, "W1", "qrworks") }
func BenchmarkW1_skip2(b *testing.B)     { benchEncode(b, "W1", "skip2") }
func BenchmarkW1_yeqown(b *testing.B)    { benchEncode(b, "W1", "yeqown") }
func BenchmarkW1_boombuler(b *testing.B) { benchEncode(b, "W1", "boombuler") }
func BenchmarkW1_rsc(b *testing.B)       { benchEncode(b, "W1", "rsc") }
func BenchmarkW1_piglig(b *testing.B)    { benchEncode(b, "W1", "piglig") }
func BenchmarkW1_gozxing(b *testing.B)   { benchEncode(b, "W1", "gozxing") }

// W2 1k

func BenchmarkW2_qrworks(b *testing.B)   { benchEncode(b, "W2", "qrworks") }
func BenchmarkW2_skip2(b *testing.B)     { benchEncode(b, "W2", "skip2") }
func BenchmarkW2_yeqown(b *testing.B)    { benchEncode(b, "W2", "yeqown") }
func BenchmarkW2_boombuler(b *testing.B) { benchEncode(b, "W2", "boombuler") }
func BenchmarkW2_rsc(b *testing.B)       { benchEncode(b, "W2", "rsc") }
func BenchmarkW2_piglig(b *testing.B)    { benchEncode(b, "W2", "piglig") }
func BenchmarkW2_gozxing(b *testing.B)   { benchEncode(b, "W2", "gozxing") }

// W3 numeric

func BenchmarkW3_qrworks(b *testing.B)   { benchEncode(b, "W3", "qrworks") }
func BenchmarkW3_skip2(b *testing.B)     { benchEncode(b, "W3", "skip2") }
func BenchmarkW3_yeqown(b *testing.B)    { benchEncode(b, "W3", "yeqown") }
func BenchmarkW3_boombuler(b *testing.B) { benchEncode(b, "W3", "boombuler") }
func BenchmarkW3_rsc(b *testing.B)       { benchEncode(b, "W3", "rsc") }
func BenchmarkW3_piglig(b *testing.B)    { benchEncode(b, "W3", "piglig") }
func BenchmarkW3_gozxing(b *testing.B)   { benchEncode(b, "W3", "gozxing") }

// W4 png

func BenchmarkW4_qrworks(b *testing.B)   { benchEncode(b, "W4", "qrworks") }
func BenchmarkW4_skip2(b *testing.B)     { benchEncode(b, "W4", "skip2") }
func BenchmarkW4_yeqown(b *testing.B)    { benchEncode(b, "W4", "yeqown") }
func BenchmarkW4_boombuler(b *testing.B) { benchEncode(b, "W4", "boombuler") }
func BenchmarkW4_rsc(b *testing.B)       { benchEncode(b, "W4", "rsc") }
func BenchmarkW4_piglig(b *testing.B)    { benchEncode(b, "W4", "piglig") }
func BenchmarkW4_gozxing(b *testing.B)   { benchEncode(b, "W4", "gozxing") }

// W5 max

func BenchmarkW5_qrworks(b *testing.B)   { benchEncode(b, "W5", "qrworks") }
func BenchmarkW5_skip2(b *testing.B)     { benchEncode(b, "W5", "skip2") }
func BenchmarkW5_yeqown(b *testing.B)    { benchEncode(b, "W5", "yeqown") }
func BenchmarkW5_boombuler(b *testing.B) { benchEncode(b, "W5", "boombuler") }
func BenchmarkW5_rsc(b *testing.B)       { benchEncode(b, "W5", "rsc") }
func BenchmarkW5_piglig(b *testing.B)    { benchEncode(b, "W5", "piglig") }
func BenchmarkW5_gozxing(b *testing.B)   { benchEncode(b, "W5", "gozxing") }

// D1

func BenchmarkD1_qrworks(b *testing.B) { benchDecode(b, D1, "qrworks") }
func BenchmarkD1_gozxing(b *testing.B) { benchDecode(b, D1, "gozxing") }
func BenchmarkD1_piglig(b *testing.B)  { benchDecode(b, D1, "piglig") }

// D2

func BenchmarkD2_qrworks(b *testing.B) { benchDecode(b, D2, "qrworks") }
func BenchmarkD2_gozxing(b *testing.B) { benchDecode(b, D2, "gozxing") }
func BenchmarkD2_piglig(b *testing.B)  { benchDecode(b, D2, "piglig") }
