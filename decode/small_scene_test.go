package decode_test

import (
	"bytes"
	"flag"
	"fmt"
	"image/png"
	"math/rand"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/internal/synth"
	"github.com/qrworks/qrworks/internal/testenv"
	"github.com/qrworks/qrworks/qr"
)

// smallSweep runs the whole Micro QR and rMQR robustness sweep of
// TestSmallCategories instead of its always-on subset, and logs the table
// of docs/decoder.md:
//
//	go test ./decode -run TestSmallCategories -v -args -small-sweep
var smallSweep = flag.Bool("small-sweep", false, "run the whole Micro QR and rMQR robustness sweep and log its table")

// sceneCode is a symbol placed in the synthetic photographs.
type sceneCode struct {
	name string
	grid *moduleGrid
	want smallWant
}

// sceneCodes returns the symbols of the sweep: every Micro QR version and
// rMQR at its lowest, narrowest and largest, and one QR Code for mixed
// scenes.
func sceneCodes(t testing.TB) (small []sceneCode, qrCode sceneCode) {
	t.Helper()
	code := func(name, text string, lv qr.Level, opts ...qr.Option) sceneCode {
		c, err := qr.Encode(text, lv, opts...)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		f := map[qr.Format]decode.Format{qr.QR: decode.QR, qr.MicroQR: decode.MicroQR, qr.RMQR: decode.RMQR}[c.Format()]
		return sceneCode{name, codeGrid(c), smallWant{f, c.Version(), c.Level().String(), c.Mask(), text}}
	}
	small = []sceneCode{
		code("M1", "90210", qr.L, qr.As(qr.MicroQR)),
		code("M2-M", "LOT 77", qr.M, qr.As(qr.MicroQR)),
		code("M3-L", "SN 2026-0042", qr.L, qr.As(qr.MicroQR)),
		code("M4-Q", "PART A-17", qr.Q, qr.As(qr.MicroQR)),
		code("R7x59", "CABLE 4417", qr.M, qr.As(qr.RMQR), qr.MaxHeight(7)),
		code("R7x139", "https://qr.works/tag?id=0042", qr.M, qr.As(qr.RMQR), qr.MaxHeight(7)),
		code("R11x27", "BLIST", qr.H, qr.As(qr.RMQR), qr.MinVersion(11), qr.MaxVersion(11)),
		code("R13x77", "PCB edge rev C lot 2026", qr.H, qr.As(qr.RMQR), qr.MinVersion(20), qr.MaxVersion(20)),
		code("R17x139", "rMQR R17x139 at level H: the largest rectangle, 74 bytes", qr.H, qr.As(qr.RMQR), qr.MinVersion(32)),
	}
	return small, code("QR", "https://example.com/qr/beside/micro", qr.M)
}

// sceneCase is one synthetic photograph and the symbols it holds.
type sceneCase struct {
	category string
	scene    synth.Scene
	want     []smallWant
}

// categoryNames are the categories of the sweep, in the table's order.
var categoryNames = []string{"rotation", "perspective", "blur + JPEG", "low contrast, uneven light", "2–3 px per module in clutter", "several and mixed"}

// sceneCases returns the scenes of every category: all of them, or a
// deterministic subset of about one in six.
func sceneCases(t testing.TB, full bool) []sceneCase {
	small, qrCode := sceneCodes(t)
	rng := rand.New(rand.NewSource(23))
	var cases []sceneCase
	one := func(category string, c sceneCode, sc synth.Scene, y synth.Symbol) {
		y.Grid, y.Quiet = c.grid, 2
		sc.Symbols = []synth.Symbol{y}
		sc.Seed = rng.Uint64()
		cases = append(cases, sceneCase{category, sc, []smallWant{c.want}})
	}
	plain := synth.Scene{Width: 700, Height: 700, Background: 210}
	for i, c := range small {
		for a := 0; a < 360; a += 15 {
			one("rotation", c, plain, synth.Symbol{Module: 4, Rotate: float64(a) + 0.5*float64(i)})
		}
		wide := synth.Scene{Width: 900, Height: 900, Background: 210}
		for _, tilt := range []float64{25, 40, 55} {
			rot := rng.Float64() * 360
			one("perspective", c, wide, synth.Symbol{Module: 4, Rotate: rot, TiltX: tilt})
			one("perspective", c, wide, synth.Symbol{Module: 4, Rotate: rot, TiltY: tilt, TiltX: tilt / 3})
		}
		for _, b := range []struct {
			blur float64
			q    int
		}{{0.2, 60}, {0.3, 40}, {0.35, 30}, {0.4, 25}} {
			sc := plain
			sc.Blur, sc.JPEG, sc.Noise = b.blur, b.q, 6
			one("blur + JPEG", c, sc, synth.Symbol{Module: 4, Rotate: rng.Float64() * 360})
		}
		for _, lc := range [][2]uint8{{110, 160}, {95, 135}, {120, 150}} {
			sc := plain
			sc.Shade, sc.ShadeAngle, sc.Noise = 0.5, rng.Float64()*360, 3
			one("low contrast, uneven light", c, sc, synth.Symbol{Module: 4, Rotate: rng.Float64() * 360, Ink: lc[0], Paper: lc[1]})
		}
		for _, px := range []float64{2, 2.5, 3} {
			sc := synth.Scene{Width: 900, Height: 700, Background: 170, Clutter: 80, Noise: 4}
			one("2–3 px per module in clutter", c, sc, synth.Symbol{Module: px, Rotate: rng.Float64() * 360,
				Center: synth.Point{X: 150 + rng.Float64()*600, Y: 150 + rng.Float64()*400}})
		}
	}
	for k := range 12 {
		cases = append(cases, mixedScene(rng, small, qrCode, k))
	}
	if full {
		return cases
	}
	var subset []sceneCase
	for i, c := range cases {
		if i%6 == 0 {
			subset = append(subset, c)
		}
	}
	return subset
}

// mixedScene places three small symbols, and in every other scene a QR
// Code, on a grid of a cluttered 1200×900 canvas, each turned at random.
func mixedScene(rng *rand.Rand, small []sceneCode, qrCode sceneCode, k int) sceneCase {
	sc := synth.Scene{Width: 1200, Height: 900, Background: 190, Clutter: 25, Noise: 3, Seed: rng.Uint64()}
	codes := []sceneCode{small[(k*3)%len(small)], small[(k*3+1)%len(small)], small[(k*3+2)%len(small)]}
	if k%2 == 0 {
		codes = append(codes, qrCode)
	}
	var want []smallWant
	for i, c := range codes {
		centre := synth.Point{X: 300 + 600*float64(i%2), Y: 225 + 450*float64(i/2)}
		sc.Symbols = append(sc.Symbols, synth.Symbol{Grid: c.grid, Quiet: 2, Module: 3.5, Rotate: rng.Float64() * 360, Center: centre})
		want = append(want, c.want)
	}
	return sceneCase{"several and mixed", sc, want}
}

// categoryCount tallies one reader's results over a category.
type categoryCount struct{ codes, read, wrong int }

// tally compares what a reader found with the symbols a scene holds: a
// text that is none of them, or one of them with another format, is
// wrong.
func tally(c *categoryCount, want []smallWant, got []decode.Result) {
	c.codes += len(want)
	for _, w := range want {
		for _, r := range got {
			if r.Text == w.text && r.Format == w.format {
				c.read++
				break
			}
		}
	}
	for _, r := range got {
		ok := false
		for _, w := range want {
			ok = ok || r.Text == w.text && r.Format == w.format
		}
		if !ok {
			c.wrong++
		}
	}
}

// zxingFormats maps zxing-cpp's format names to ours.
var zxingFormats = map[string]decode.Format{"QRCode": decode.QR, "MicroQRCode": decode.MicroQR, "RMQRCode": decode.RMQR}

// TestSmallCategories reads synthetic photographs of Micro QR and rMQR
// symbols by category, side by side with zxing-cpp 3.1 (tryHarder, every
// format) where it is installed: ours must read at least as many codes in
// every category, and never a wrong text. The subset always runs;
// -small-sweep runs every scene and logs the table.
func TestSmallCategories(t *testing.T) {
	cases := sceneCases(t, *smallSweep)
	var z *testenv.ZXing
	if *smallSweep || !testing.Short() {
		z = testenv.StartZXing(t)
	}
	ours := map[string]*categoryCount{}
	theirs := map[string]*categoryCount{}
	for _, name := range categoryNames {
		ours[name], theirs[name] = new(categoryCount), new(categoryCount)
	}
	for i, c := range cases {
		ph, err := c.scene.Render()
		if err != nil {
			t.Fatal(err)
		}
		data := ph.JPEG
		if data == nil {
			var buf bytes.Buffer
			if err := png.Encode(&buf, ph.Image); err != nil {
				t.Fatal(err)
			}
			data = buf.Bytes()
		}
		res, _ := decode.Bytes(data)
		before := ours[c.category].wrong
		tally(ours[c.category], c.want, res)
		if ours[c.category].wrong > before {
			t.Errorf("scene %d (%s): WRONG result among %v; want %v", i, c.category, texts(res), c.want)
		}
		if z != nil {
			tally(theirs[c.category], c.want, zxingResults(t, z, data))
		}
	}
	t.Log("\n" + categoryTable(ours, theirs, z != nil))
	for _, name := range categoryNames {
		o, th := ours[name], theirs[name]
		if z != nil && o.read < th.read {
			t.Errorf("%s: read %d of %d codes, zxing-cpp %d", name, o.read, o.codes, th.read)
		}
		if z == nil && o.read < smallFloor(name, o.codes) {
			t.Errorf("%s: read %d of %d codes, want at least %d", name, o.read, o.codes, smallFloor(name, o.codes))
		}
	}
}

// smallFloor is the least number of a category's codes the reader must
// read when zxing-cpp is not there to compare with: nine in ten, except at
// low contrast under uneven light, the reader's known weak spot (about half
// in the full sweep, docs/decoder.md), where it is two in three — what the
// deterministic subset reads today, so that a regression still fails.
func smallFloor(category string, codes int) int {
	if category == "low contrast, uneven light" {
		return (codes*2 + 2) / 3
	}
	return (codes*9 + 9) / 10
}

// zxingResults reads data with zxing-cpp, every format, as Results.
func zxingResults(t *testing.T, z *testenv.ZXing, data []byte) []decode.Result {
	zr, err := z.Read(data, testenv.ZXingRead{TryHarder: true})
	if err != nil {
		t.Fatal(err)
	}
	var out []decode.Result
	for _, r := range zr {
		if f, ok := zxingFormats[r.Format]; ok {
			out = append(out, decode.Result{Text: r.Text, Format: f})
		}
	}
	return out
}

func texts(res []decode.Result) []string {
	var out []string
	for _, r := range res {
		out = append(out, fmt.Sprintf("%v %q", r.Format, r.Text))
	}
	return out
}

// categoryTable formats the counts as the Markdown table of docs/decoder.md.
func categoryTable(ours, theirs map[string]*categoryCount, withZXing bool) string {
	var b strings.Builder
	b.WriteString("| category | codes | qrworks | wrong | zxing-cpp 3.1 | wrong |\n|---|---|---|---|---|---|\n")
	var to, tt categoryCount
	for _, name := range categoryNames {
		o, th := ours[name], theirs[name]
		z := "—"
		zw := "—"
		if withZXing {
			z, zw = fmt.Sprint(th.read), fmt.Sprint(th.wrong)
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %s | %s |\n", name, o.codes, o.read, o.wrong, z, zw)
		to.codes += o.codes
		to.read += o.read
		to.wrong += o.wrong
		tt.read += th.read
		tt.wrong += th.wrong
	}
	fmt.Fprintf(&b, "| total | %d | %d | %d | %d | %d |\n", to.codes, to.read, to.wrong, tt.read, tt.wrong)
	return b.String()
}
