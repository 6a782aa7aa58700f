package bench

import (
	"bytes"
	"testing"

	"github.com/qrworks/qrworks/internal/testenv"
	"github.com/qrworks/qrworks/qr"
)

// Micro QR and rMQR have no Go peer: these benchmarks time qrworks alone,
// text → module matrix and text → PNG, the way a label printer would call
// it (one-shot qr.Encode; WritePNG into a reused buffer). zxing-cpp's
// writer, in node, is the reference for the output only, not for speed:
// TestFamilyWorkloadsMatchZXing checks that it draws the same symbols.

// familyWorkload is one Micro QR or rMQR encoding job.
type familyWorkload struct {
	id     string
	text   string
	level  qr.Level
	format qr.Format
	// zxing-cpp's format name and writer options for the same symbol.
	zxingFormat, zxingOptions string
}

var familyWorkloads = []familyWorkload{
	// A part number with revision: M4-L, 17×17 modules.
	{"MQ", "PN-4711/B rev.C", qr.L, qr.MicroQR, "MicroQRCode", "ecLevel=L"},
	// A short product URL, level M: the rMQR symbol of smallest area
	// that holds it, R13x43.
	{"RQ", "https://example.com/p/12345", qr.M, qr.RMQR, "RMQRCode", "ecLevel=M"},
}

func familyWorkloadByID(b testing.TB, id string) familyWorkload {
	for _, w := range familyWorkloads {
		if w.id == id {
			return w
		}
	}
	b.Fatalf("no workload %s", id)
	return familyWorkload{}
}

// benchFamily times text → matrix, or with png text → PNG at 10 pixels per
// module with the format's 2-module quiet zone.
func benchFamily(b *testing.B, id string, png bool) {
	w := familyWorkloadByID(b, id)
	opts := []qr.Option{qr.As(w.format), qr.Scale(10)}
	var buf bytes.Buffer
	op := func() error {
		c, err := qr.Encode(w.text, w.level, opts...)
		if err != nil || !png {
			return err
		}
		buf.Reset()
		return c.WritePNG(&buf)
	}
	if err := op(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := op(); err != nil {
			b.Fatal(err)
		}
	}
	if png {
		b.ReportMetric(float64(buf.Len()), "png-bytes")
	}
}

func BenchmarkMQ_qrworks(b *testing.B)    { benchFamily(b, "MQ", false) }
func BenchmarkMQPNG_qrworks(b *testing.B) { benchFamily(b, "MQ", true) }
func BenchmarkRQ_qrworks(b *testing.B)    { benchFamily(b, "RQ", false) }
func BenchmarkRQPNG_qrworks(b *testing.B) { benchFamily(b, "RQ", true) }

// TestFamilyWorkloadsMatchZXing checks that zxing-cpp's writer, choosing
// version and mask itself, draws the same symbol as qrworks for each
// workload: the benchmarks time the same output an independent encoder
// makes.
func TestFamilyWorkloadsMatchZXing(t *testing.T) {
	z := testenv.StartZXing(t)
	for _, w := range familyWorkloads {
		c, err := qr.Encode(w.text, w.level, qr.As(w.format))
		if err != nil {
			t.Fatal(err)
		}
		s, err := z.Write(w.text, w.zxingFormat, w.zxingOptions)
		if err != nil {
			t.Fatal(err)
		}
		if s.Width != c.Width() || s.Height != c.Height() {
			t.Fatalf("%s: zxing-cpp writes %d×%d, qrworks %d×%d", w.id, s.Width, s.Height, c.Width(), c.Height())
		}
		for y := range s.Height {
			for x := range s.Width {
				if s.Dark(x, y) != c.Module(x, y) {
					t.Fatalf("%s: module (%d, %d) differs from zxing-cpp's", w.id, x, y)
				}
			}
		}
		t.Logf("%s: %v version %d-%v, %d×%d, as zxing-cpp writes it", w.id, c.Format(), c.Version(), c.Level(), c.Width(), c.Height())
	}
}
