package decode_test

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/internal/synth"
	"github.com/qrworks/qrworks/internal/testenv"
	"github.com/qrworks/qrworks/qr"
)

// The negative set of the Micro QR and rMQR search: photographs with no
// symbol of the QR family (clutter of shapes, stripes, checks and text;
// other symbologies written by zxing-cpp), and photographs of QR Codes,
// where nothing but the QR Code may be read. Micro QR readings, which rest
// on few check codewords, are the ones the acceptance rule (acceptance.go)
// must keep out; the test reports how many readings the search decoded
// and how close the best of them came to the bound.

// otherSymbologies are zxing-cpp's writer formats of other symbologies,
// with a text each.
var otherSymbologies = []struct{ format, text string }{
	{"DataMatrix", "DM 0123456789 ABCDEF"},
	{"DataMatrix", "https://example.com/datamatrix/negative"},
	{"Aztec", "AZTEC 12345"},
	{"Aztec", "Aztec code, a longer payload to fill more layers 0042"},
	{"PDF417", "PDF417 negative sample"},
	{"MicroPDF417", "MICRO PDF 42"},
	{"MaxiCode", "MAXICODE NEGATIVE 123"},
	{"Code128", "CODE128-0042"},
	{"Code39", "CODE39 NEG"},
	{"EAN13", "9506000134352"},
	{"ITF", "12345678901231"},
	{"DataBar", "0950600013435"},
}

// negativeScene is one photograph of the negative set: the QR Codes it
// holds, if any, are the only results allowed.
type negativeScene struct {
	name  string
	scene synth.Scene
	qr    []string
}

// clutterScenes are photographs of clutter alone.
func clutterScenes(rng *rand.Rand, n int) []negativeScene {
	var out []negativeScene
	for i := range n {
		sc := synth.Scene{Width: 700 + rng.Intn(500), Height: 500 + rng.Intn(400), Seed: rng.Uint64(),
			Background: uint8(120 + rng.Intn(120)), Clutter: 30 + rng.Intn(150), Noise: float64(rng.Intn(12))}
		if i%3 == 1 {
			sc.Blur = 0.5 + rng.Float64()*2
		}
		if i%4 == 2 {
			sc.JPEG = 30 + rng.Intn(50)
		}
		out = append(out, negativeScene{name: fmt.Sprintf("clutter %d", i), scene: sc})
	}
	return out
}

// qrScenes are photographs of QR Codes of several versions in clutter.
func qrScenes(t *testing.T, rng *rand.Rand, n int) []negativeScene {
	var out []negativeScene
	for i := range n {
		text := fmt.Sprintf("https://example.com/negative/%d/%s", i, randomText(rng, "abcdefghij0123456789", 8+rng.Intn(120)))
		c, err := qr.Encode(text, qr.Level(1+rng.Intn(4)))
		if err != nil {
			t.Fatal(err)
		}
		sc := synth.Scene{Width: 900, Height: 800, Seed: rng.Uint64(), Background: 200, Clutter: 40, Noise: 4,
			Symbols: []synth.Symbol{{Grid: codeGrid(c), Quiet: 4, Module: 3 + rng.Float64()*3, Rotate: rng.Float64() * 360, TiltX: rng.Float64() * 30}}}
		out = append(out, negativeScene{name: fmt.Sprintf("QR %d-%v", c.Version(), c.Level()), scene: sc, qr: []string{text}})
	}
	return out
}

// symbologyScenes are photographs of other symbologies, written by
// zxing-cpp, turned and placed in clutter.
func symbologyScenes(t *testing.T, rng *rand.Rand, turns int) []negativeScene {
	z := testenv.StartZXing(t)
	var out []negativeScene
	for _, o := range otherSymbologies {
		s, err := z.Write(o.text, o.format, "")
		if err != nil {
			t.Fatalf("zxing writer %s: %v", o.format, err)
		}
		g := &moduleGrid{w: s.Width, h: s.Height, dark: make([]bool, s.Width*s.Height)}
		for y := range s.Height {
			for x := range s.Width {
				g.dark[y*s.Width+x] = s.Dark(x, y)
			}
		}
		if g.h == 1 { // a linear symbol: bars 40 modules high
			g = stretchRows(g, 40)
		}
		for k := range turns {
			sc := synth.Scene{Width: 900, Height: 800, Seed: rng.Uint64(), Background: 210, Clutter: 20 * k, Noise: 3,
				Symbols: []synth.Symbol{{Grid: g, Quiet: 4, Module: 2 + 2*rng.Float64(), Rotate: rng.Float64() * 360}}}
			out = append(out, negativeScene{name: fmt.Sprintf("%s %d", o.format, k), scene: sc})
		}
	}
	return out
}

// stretchRows repeats the one row of g n times.
func stretchRows(g *moduleGrid, n int) *moduleGrid {
	s := &moduleGrid{w: g.w, h: n, dark: make([]bool, g.w*n)}
	for y := range n {
		copy(s.dark[y*g.w:], g.dark[:g.w])
	}
	return s
}

// TestSmallNegatives reads the negative set of clutter and QR Codes: no
// Micro QR or rMQR result, and the QR Codes' texts only. The subset always
// runs; -small-sweep runs the larger set and logs the counts of
// docs/decoder.md.
func TestSmallNegatives(t *testing.T) {
	if testing.Short() && !*smallSweep {
		t.Skip("the negative set runs every pass of the decoder on each image")
	}
	rng := rand.New(rand.NewSource(31))
	clutter, qrs := 6, 3
	if *smallSweep {
		clutter, qrs = 120, 40
	}
	runNegatives(t, append(clutterScenes(rng, clutter), qrScenes(t, rng, qrs)...))
}

// TestSmallNegativeSymbologies reads other symbologies written by
// zxing-cpp: Data Matrix, Aztec, PDF417, MicroPDF417, MaxiCode and linear
// barcodes. Nothing may be read.
func TestSmallNegativeSymbologies(t *testing.T) {
	if testing.Short() && !*smallSweep {
		t.Skip("the negative set runs every pass of the decoder on each image")
	}
	turns := 1
	if *smallSweep {
		turns = 4
	}
	runNegatives(t, symbologyScenes(t, rand.New(rand.NewSource(37)), turns))
}

// runNegatives decodes every scene, fails on any result but a QR Code the
// scene holds, and logs what the Micro QR and rMQR search met.
func runNegatives(t *testing.T, scenes []negativeScene) {
	var stages [5]int
	best := 0.0
	wrong := 0
	for _, n := range scenes {
		ph, err := n.scene.Render()
		if err != nil {
			t.Fatal(err)
		}
		res, tr, _ := decode.TraceSmall(ph.Image)
		for i, c := range tr.Stages {
			stages[i] += c
		}
		best = min(best, tr.Best)
		for _, r := range res {
			if r.Format != decode.QR || !containsText(n.qr, r.Text) {
				wrong++
				t.Errorf("%s: WRONG %v %q", n.name, r.Format, r.Text)
			}
		}
	}
	t.Logf("%d images without Micro QR or rMQR: %d false results; the search met %d finder candidates, %d orientations, "+
		"%d format words, located %d symbols and decoded %d readings, the best at log10 chance %.1f (bound %.1f)",
		len(scenes), wrong, stages[0], stages[1], stages[2], stages[3], stages[4], best, decode.SmallMaxChanceLog10)
}

func containsText(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
