package decode_test

// The robustness suite: synthetic photographs (internal/synth) in the
// categories of damage a camera meets, read by decode, by zxing-cpp 3.1
// (the npm package zxing-wasm, through testenv's bridge) and by gozxing
// alone, side by side on the same encoded files. A small deterministic
// subset always runs; the full sweep runs with
//
//	go test ./decode -run TestRobustness -robust.full -v
//
// or QRWORKS_ROBUST=full, and prints the table of docs/decoder.md.

import (
	"bytes"
	"flag"
	"fmt"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/makiuchi-d/gozxing"
	multiqr "github.com/makiuchi-d/gozxing/multi/qrcode"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/internal/synth"
	"github.com/qrworks/qrworks/internal/testenv"
	"github.com/qrworks/qrworks/qr"
)

var robustFull = flag.Bool("robust.full", false, "run the full robustness sweep (also QRWORKS_ROBUST=full)")

// robustImage is one photograph of the suite: its file as a camera or a
// screenshot tool would save it, and the texts of the codes it shows.
type robustImage struct {
	name string
	file []byte
	want []string
}

// robustCategory makes the images of one kind of damage. image(i, n)
// draws the i-th of n: the category's parameter sweeps its range across
// the n images, the rest is drawn from rng.
type robustCategory struct {
	name        string
	quick, full int // images in the always-on subset and in the full sweep
	image       func(t testing.TB, i, n int, rng *rand.Rand) robustImage
}

// sweep returns the i-th of n values spread evenly over [lo, hi], jittered
// within its step.
func sweep(lo, hi float64, i, n int, rng *rand.Rand) float64 {
	return lo + (hi-lo)*(float64(i)+rng.Float64())/float64(n)
}

// uniform returns a value drawn evenly from [lo, hi].
func uniform(lo, hi float64, rng *rand.Rand) float64 { return lo + (hi-lo)*rng.Float64() }

// payload returns a URL-like text unique to the image, padded to about
// length characters (which sets the version with the level).
func payload(cat string, i int, length int, rng *rand.Rand) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_"
	s := fmt.Sprintf("https://qrworks.example/%s/%d/%08x?", strings.ReplaceAll(cat, " ", "-"), i, rng.Uint32())
	var b strings.Builder
	b.WriteString(s)
	for b.Len() < length {
		b.WriteByte(alphabet[rng.IntN(len(alphabet))])
	}
	return b.String()
}

// levels are the error correction levels the suite draws from.
var levels = []qr.Level{qr.L, qr.M, qr.Q, qr.H}

// code encodes a payload of about length characters at a random level.
func code(t testing.TB, cat string, i, length int, rng *rand.Rand, opts ...qr.Option) symbol {
	return ourSymbol(t, payload(cat, i, length, rng), levels[rng.IntN(len(levels))], opts...)
}

// photo is a scene around one code: a canvas about twice the code's sheet,
// a cluttered background of random brightness, the code placed off-centre
// at a random angle, light sensor noise, JPEG at quality 90. The category
// changes what it stresses.
func photo(s symbol, module float64, rng *rand.Rand) (synth.Scene, *synth.Symbol) {
	sheet := float64(s.size+8) * module
	w := int(math.Max(640, 2*sheet))
	h := int(math.Max(480, 1.6*sheet))
	sc := synth.Scene{
		Width: w, Height: h, Seed: rng.Uint64(),
		Background: uint8(120 + rng.IntN(100)), Clutter: 40,
		Noise: 2, JPEG: 90,
	}
	sc.Symbols = []synth.Symbol{{
		Grid: s, Quiet: 4, Module: module,
		Center: synth.Point{X: float64(w)/2 + uniform(-0.15, 0.15, rng)*float64(w), Y: float64(h)/2 + uniform(-0.1, 0.1, rng)*float64(h)},
		Rotate: uniform(0, 360, rng),
	}}
	return sc, &sc.Symbols[0]
}

// shot renders sc into its file: JPEG when the scene asks for it, else
// PNG.
func shot(t testing.TB, name string, sc synth.Scene, want ...string) robustImage {
	ph, err := sc.Render()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	file := ph.JPEG
	if file == nil {
		var b bytes.Buffer
		if err := png.Encode(&b, ph.Image); err != nil {
			t.Fatal(err)
		}
		file = b.Bytes()
	}
	return robustImage{name: name, file: file, want: want}
}

// robustCategories are the categories of issue 17, in the order of the
// table.
var robustCategories = []robustCategory{
	{"rotation", 4, 24, func(t testing.TB, i, n int, rng *rand.Rand) robustImage {
		s := code(t, "rotation", i, 20+rng.IntN(80), rng)
		sc, y := photo(s, uniform(3, 5, rng), rng)
		y.Rotate = sweep(0, 360, i, n, rng)
		return shot(t, fmt.Sprintf("rotated %.0f°", y.Rotate), sc, s.content)
	}},
	{"tilt 20°–60°", 4, 30, func(t testing.TB, i, n int, rng *rand.Rand) robustImage {
		s := code(t, "tilt", i, 20+rng.IntN(60), rng)
		sc, y := photo(s, uniform(4, 7, rng), rng)
		tilt, dir := sweep(20, 60, i, n, rng), uniform(0, 2*math.Pi, rng)
		y.TiltX, y.TiltY = tilt*math.Cos(dir), tilt*math.Sin(dir)
		return shot(t, fmt.Sprintf("tilt %.0f° towards %.0f°", tilt, dir*180/math.Pi), sc, s.content)
	}},
	{"module 1.5–4 px", 4, 24, func(t testing.TB, i, n int, rng *rand.Rand) robustImage {
		s := code(t, "module", i, 20+rng.IntN(100), rng)
		m := sweep(1.5, 4, i, n, rng)
		sc, y := photo(s, m, rng)
		sc.Blur = 0.35 / m // a camera's own softness: 0.35 pixel
		return shot(t, fmt.Sprintf("%.2f px per module, %.0f°", m, y.Rotate), sc, s.content)
	}},
	{"blur", 4, 24, func(t testing.TB, i, n int, rng *rand.Rand) robustImage {
		s := code(t, "blur", i, 20+rng.IntN(60), rng)
		sc, _ := photo(s, uniform(4, 6, rng), rng)
		if i%2 == 0 {
			sc.Blur = sweep(0.3, 0.75, i/2, (n+1)/2, rng)
			return shot(t, fmt.Sprintf("Gaussian σ %.2f module", sc.Blur), sc, s.content)
		}
		sc.Motion, sc.MotionAngle = sweep(1, 2.5, i/2, n/2, rng), uniform(0, 180, rng)
		return shot(t, fmt.Sprintf("motion %.2f modules at %.0f°", sc.Motion, sc.MotionAngle), sc, s.content)
	}},
	{"noise + JPEG 15–40", 4, 24, func(t testing.TB, i, n int, rng *rand.Rand) robustImage {
		s := code(t, "noise", i, 20+rng.IntN(60), rng)
		sc, _ := photo(s, uniform(3, 5, rng), rng)
		sc.Noise, sc.JPEG = sweep(10, 30, i, n, rng), 15+rng.IntN(26)
		return shot(t, fmt.Sprintf("noise σ %.0f, JPEG %d", sc.Noise, sc.JPEG), sc, s.content)
	}},
	{"low contrast, uneven light", 4, 24, func(t testing.TB, i, n int, rng *rand.Rand) robustImage {
		s := code(t, "contrast", i, 20+rng.IntN(60), rng)
		sc, y := photo(s, uniform(3.5, 5, rng), rng)
		if i%2 == 0 {
			d := int(sweep(25, 60, i/2, (n+1)/2, rng))
			ink := 60 + rng.IntN(160-d)
			y.Ink, y.Paper = uint8(ink), uint8(ink+d)
			return shot(t, fmt.Sprintf("ink %d paper %d", ink, ink+d), sc, s.content)
		}
		sc.Shade, sc.ShadeAngle = sweep(0.5, 0.85, i/2, n/2, rng), uniform(0, 360, rng)
		d := 60 + rng.IntN(60)
		y.Ink, y.Paper = uint8(200-d), 200
		return shot(t, fmt.Sprintf("shade %.2f, contrast %d", sc.Shade, d), sc, s.content)
	}},
	{"glare", 4, 20, func(t testing.TB, i, n int, rng *rand.Rand) robustImage {
		s := code(t, "glare", i, 20+rng.IntN(60), rng)
		m := uniform(4, 6, rng)
		sc, y := photo(s, m, rng)
		half := float64(s.size) * m / 2
		for range 1 + rng.IntN(3) {
			sc.Glare = append(sc.Glare, synth.Spot{
				X: y.Center.X + uniform(-half, half, rng), Y: y.Center.Y + uniform(-half, half, rng),
				Radius: uniform(3, 10, rng) * m, Strength: sweep(0.7, 1, i, n, rng),
			})
		}
		return shot(t, fmt.Sprintf("%d glare spots", len(sc.Glare)), sc, s.content)
	}},
	{"curved", 4, 24, func(t testing.TB, i, n int, rng *rand.Rand) robustImage {
		s := code(t, "curved", i, 40+rng.IntN(200), rng)
		sc, y := photo(s, uniform(3, 5, rng), rng)
		if i%2 == 0 {
			y.Cylinder = sweep(40, 140, i/2, (n+1)/2, rng)
			return shot(t, fmt.Sprintf("v%d on a cylinder, %.0f°", s.version, y.Cylinder), sc, s.content)
		}
		y.Barrel = sweep(0.05, 0.25, i/2, n/2, rng)
		if rng.IntN(3) == 0 {
			y.Barrel = -y.Barrel
		}
		return shot(t, fmt.Sprintf("v%d barrel %.2f", s.version, y.Barrel), sc, s.content)
	}},
	{"versions 20–40", 3, 21, func(t testing.TB, i, n int, rng *rand.Rand) robustImage {
		v := int(sweep(20, 41, i, n, rng))
		s := code(t, "version", i, 40, rng, qr.MinVersion(v))
		sc, y := photo(s, uniform(2.5, 4, rng), rng)
		tilt, dir := uniform(0, 20, rng), uniform(0, 2*math.Pi, rng)
		y.TiltX, y.TiltY = tilt*math.Cos(dir), tilt*math.Sin(dir)
		sc.Blur, sc.JPEG = 0.2, 85
		return shot(t, fmt.Sprintf("v%d, tilt %.0f°", s.version, tilt), sc, s.content)
	}},
	{"9–16 MP photos", 1, 6, func(t testing.TB, i, n int, rng *rand.Rand) robustImage {
		sizes := [][2]int{{3672, 2448}, {4000, 3000}, {4608, 3456}}
		wh := sizes[i%len(sizes)]
		s := code(t, "large", i, 20+rng.IntN(80), rng)
		m := uniform(12, 40, rng)
		sc, y := photo(s, m, rng)
		sc.Width, sc.Height, sc.Clutter = wh[0], wh[1], 150
		y.Center = synth.Point{X: float64(wh[0]) * uniform(0.35, 0.65, rng), Y: float64(wh[1]) * uniform(0.35, 0.65, rng)}
		y.TiltX = uniform(-20, 20, rng)
		sc.Blur, sc.JPEG = sweep(0.3, 0.6, i, n, rng), 85
		return shot(t, fmt.Sprintf("%d×%d, %.0f px per module, σ %.2f module", wh[0], wh[1], m, sc.Blur), sc, s.content)
	}},
	{"damage over level H", 4, 24, func(t testing.TB, i, n int, rng *rand.Rand) robustImage {
		s := ourSymbol(t, payload("damage", i, 20+rng.IntN(60), rng), qr.H)
		sc, y := photo(s, uniform(4, 6, rng), rng)
		// Stains over a share of the area outside the finder patterns (each
		// with its separator, 8×8 modules): level H restores about 30% of
		// its codewords, less what misreadings elsewhere take.
		share := sweep(0.1, 0.22, i, n, rng)
		area := float64(s.size*s.size - 3*64)
		stains := 1 + rng.IntN(3)
		for range stains {
			r := math.Sqrt(share * area / float64(stains) / math.Pi)
			y.Stains = append(y.Stains, synth.Stain{
				X: uniform(9, float64(s.size)-9, rng), Y: uniform(9, float64(s.size)-9, rng), R: r,
				Grey: [2]uint8{30, 235}[rng.IntN(2)],
			})
		}
		return shot(t, fmt.Sprintf("%d stains over %.0f%%", stains, 100*share), sc, s.content)
	}},
	{"reflectance reversal", 4, 20, func(t testing.TB, i, n int, rng *rand.Rand) robustImage {
		s := code(t, "reversed", i, 20+rng.IntN(80), rng)
		sc, y := photo(s, uniform(3, 6, rng), rng)
		y.Reverse = true
		return shot(t, fmt.Sprintf("light on dark, %.0f°", y.Rotate), sc, s.content)
	}},
	{"mirrored", 4, 20, func(t testing.TB, i, n int, rng *rand.Rand) robustImage {
		s := code(t, "mirrored", i, 20+rng.IntN(80), rng)
		sc, y := photo(s, uniform(3, 6, rng), rng)
		y.Mirror = true
		return shot(t, fmt.Sprintf("mirrored, %.0f°", y.Rotate), sc, s.content)
	}},
	{"lots (50+ codes)", 1, 4, func(t testing.TB, i, n int, rng *rand.Rand) robustImage {
		return lots(t, i, 50+rng.IntN(31), rng)
	}},
	{"small codes in clutter", 4, 24, func(t testing.TB, i, n int, rng *rand.Rand) robustImage {
		s := code(t, "small", i, 10+rng.IntN(40), rng)
		m := sweep(1.8, 3, i, n, rng)
		sc, y := photo(s, m, rng)
		sc.Width, sc.Height, sc.Clutter = 1200, 900, 150
		y.Center = synth.Point{X: uniform(100, 1100, rng), Y: uniform(100, 800, rng)}
		return shot(t, fmt.Sprintf("%.2f px per module in clutter", m), sc, s.content)
	}},
}

// lots lays count small codes out in a grid on a sheet, each turned a
// little, as a page of labels.
func lots(t testing.TB, i, count int, rng *rand.Rand) robustImage {
	const module, cell = 3.0, 110.0
	cols := int(math.Ceil(math.Sqrt(float64(count) * 4 / 3)))
	rows := (count + cols - 1) / cols
	sc := synth.Scene{
		Width: int(cell)*cols + 40, Height: int(cell)*rows + 40, Seed: rng.Uint64(),
		Background: 235, Noise: 2, JPEG: 90,
	}
	var want []string
	for k := range count {
		text := fmt.Sprintf("label %d-%d %08x", i, k, rng.Uint32())
		s := ourSymbol(t, text, levels[rng.IntN(len(levels))], qr.MaxVersion(3))
		want = append(want, s.content)
		sc.Symbols = append(sc.Symbols, synth.Symbol{
			Grid: s, Quiet: 2, Module: module,
			Center: synth.Point{X: 20 + cell*(float64(k%cols)+0.5) + uniform(-5, 5, rng), Y: 20 + cell*(float64(k/cols)+0.5) + uniform(-5, 5, rng)},
			Rotate: uniform(-10, 10, rng),
		})
	}
	return shot(t, fmt.Sprintf("%d codes", count), sc, want...)
}

// robustImages makes the images of cat: quick ones, or the full sweep.
func robustImages(t testing.TB, cat robustCategory, full bool) []robustImage {
	n := cat.quick
	if full {
		n = cat.full
	}
	imgs := make([]robustImage, n)
	for i := range imgs {
		rng := rand.New(rand.NewPCG(uint64(i), uint64(len(cat.name))<<32|uint64(n)))
		imgs[i] = cat.image(t, i, n, rng)
		imgs[i].name = fmt.Sprintf("#%d %s", i, imgs[i].name)
	}
	return imgs
}

// robustTally counts what one reader did on a category.
type robustTally struct {
	images, codes   int // read in full, read
	wrongImages     int // images with a text that is not in the image
	elapsed         time.Duration
	missed, wronged []string
}

// score compares the texts a reader returned with the image's.
func (c *robustTally) score(img robustImage, got []string, elapsed time.Duration) {
	want := map[string]bool{}
	for _, w := range img.want {
		want[w] = true
	}
	found, wrong := map[string]bool{}, false
	for _, g := range got {
		if want[g] {
			found[g] = true
		} else {
			wrong = true
		}
	}
	c.codes += len(found)
	if len(found) == len(want) {
		c.images++
	} else {
		c.missed = append(c.missed, img.name)
	}
	if wrong {
		c.wrongImages++
		c.wronged = append(c.wronged, img.name)
	}
	c.elapsed += elapsed
}

// readers are the decoders compared: ours, zxing-cpp (nil when missing)
// and gozxing alone.
func ours(file []byte) []string {
	res, _ := decode.Bytes(file)
	out := make([]string, len(res))
	for i, r := range res {
		out[i] = r.Text
	}
	return out
}

func zxingCpp(z *testenv.ZXing) func([]byte) []string {
	return func(file []byte) []string {
		res, err := z.Read(file, testenv.ZXingRead{Formats: []string{"QRCode"}, TryHarder: true})
		if err != nil {
			panic(err) // the bridge failing is a broken test environment
		}
		out := make([]string, len(res))
		for i, r := range res {
			out[i] = r.Text
		}
		return out
	}
}

// gozxingMulti is gozxing's own multi-symbol QR reader with TRY_HARDER.
func gozxingMulti(file []byte) []string {
	img, err := decodeFile(file)
	if err != nil {
		return nil
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return nil
	}
	rs, err := multiqr.NewQRCodeMultiReader().DecodeMultiple(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
	if err != nil {
		return nil
	}
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.GetText()
	}
	return out
}

// TestRobustness runs the suite: decode must return no wrong text on any
// image, and read at least as many codes as zxing-cpp 3.1 in every
// category.
func TestRobustness(t *testing.T) {
	full := *robustFull || os.Getenv("QRWORKS_ROBUST") == "full"
	if testing.Short() && !full {
		t.Skip("the robustness subset runs in the normal test run")
	}
	z := testenv.StartZXing(t)
	var table strings.Builder
	table.WriteString("| category | images | codes | decode: images, codes | zxing-cpp 3.1 | gozxing | wrong (ours, zxing-cpp, gozxing) | decode s | zxing-cpp s |\n|---|---|---|---|---|---|---|---|---|\n")
	var sum [3]robustTally
	var sumImages, sumCodes int
	for _, cat := range robustCategories {
		imgs := robustImages(t, cat, full)
		var res [3]robustTally
		codes := 0
		for _, img := range imgs {
			codes += len(img.want)
			for k, read := range []func([]byte) []string{ours, zxingCpp(z), gozxingMulti} {
				start := time.Now()
				got := read(img.file)
				res[k].score(img, got, time.Since(start))
			}
		}
		fmt.Fprintf(&table, "| %s | %d | %d | %d, %d | %d, %d | %d, %d | %d, %d, %d | %.1f | %.1f |\n", cat.name, len(imgs), codes,
			res[0].images, res[0].codes, res[1].images, res[1].codes, res[2].images, res[2].codes,
			res[0].wrongImages, res[1].wrongImages, res[2].wrongImages, res[0].elapsed.Seconds(), res[1].elapsed.Seconds())
		if res[0].wrongImages > 0 {
			t.Errorf("%s: WRONG texts on %v", cat.name, res[0].wronged)
		}
		if res[0].codes < res[1].codes {
			t.Errorf("%s: decode read %d codes, zxing-cpp %d (decode missed %v; zxing-cpp missed %v)", cat.name, res[0].codes, res[1].codes, res[0].missed, res[1].missed)
		} else if len(res[0].missed) > 0 {
			t.Logf("%s: decode missed %v; zxing-cpp missed %v", cat.name, res[0].missed, res[1].missed)
		}
		for k := range sum {
			sum[k].images += res[k].images
			sum[k].codes += res[k].codes
			sum[k].wrongImages += res[k].wrongImages
			sum[k].elapsed += res[k].elapsed
		}
		sumImages += len(imgs)
		sumCodes += codes
	}
	fmt.Fprintf(&table, "| **all** | %d | %d | %d, %d | %d, %d | %d, %d | %d, %d, %d | %.1f | %.1f |\n", sumImages, sumCodes,
		sum[0].images, sum[0].codes, sum[1].images, sum[1].codes, sum[2].images, sum[2].codes,
		sum[0].wrongImages, sum[1].wrongImages, sum[2].wrongImages, sum[0].elapsed.Seconds(), sum[1].elapsed.Seconds())
	t.Log("\n" + table.String())
}
