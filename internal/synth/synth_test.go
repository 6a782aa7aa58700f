package synth

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// bits is a test grid of random modules.
type bits struct {
	w, h int
	dark []bool
}

func randomGrid(w, h int, seed uint64) *bits {
	rng := rand.New(rand.NewPCG(seed, 1))
	b := &bits{w, h, make([]bool, w*h)}
	for i := range b.dark {
		b.dark[i] = rng.IntN(2) == 0
	}
	return b
}

func (b *bits) Width() int         { return b.w }
func (b *bits) Height() int        { return b.h }
func (b *bits) Dark(x, y int) bool { return b.dark[y*b.w+x] }

// placements are the geometries every test below runs through.
var placements = map[string]Symbol{
	"flat":          {},
	"rotated 30":    {Rotate: 30},
	"rotated 200":   {Rotate: 200},
	"tilt x 45":     {TiltX: 45},
	"tilt y -60":    {TiltY: -60},
	"tilt both":     {TiltX: 35, TiltY: 40, Rotate: 15},
	"near camera":   {TiltX: 50, Distance: 0.6},
	"cylinder 120":  {Cylinder: 120},
	"cylinder tilt": {Cylinder: 90, TiltX: 30, Rotate: 80},
	"barrel":        {Barrel: 0.2},
	"pincushion":    {Barrel: -0.25, Rotate: 10},
	"quad":          {Quad: &[4]Point{{60, 80}, {330, 50}, {360, 380}, {40, 340}}},
	"mirrored":      {Mirror: true, Rotate: 20, TiltY: 20},
}

// TestModuleCentres: wherever a placement puts the symbol, the pixel under
// each module's centre (mapped forward) shows the module's colour, and
// the sheet point traced back from there is that module.
func TestModuleCentres(t *testing.T) {
	g := randomGrid(21, 17, 7)
	for name, pl := range placements {
		t.Run(name, func(t *testing.T) {
			y := pl
			y.Grid, y.Quiet, y.Module = g, 2, 12
			s := Scene{Width: 400, Height: 420, Background: 128, Symbols: []Symbol{y}}
			ph, err := s.Render()
			if err != nil {
				t.Fatal(err)
			}
			p, _ := newPlacement(&y, s.Width, s.Height)
			wrong := 0
			for j := 0; j < g.h; j++ {
				for i := 0; i < g.w; i++ {
					si := float64(i) + 0.5
					if y.Mirror {
						si = float64(g.w) - si
					}
					c := p.toImage(si, float64(j)+0.5)
					if bs, bt, ok := p.toSheet(c.X, c.Y); !ok || math.Abs(bs-si) > 1e-6 || math.Abs(bt-float64(j)-0.5) > 1e-6 {
						t.Fatalf("module (%d,%d): forward %v, back (%v,%v,%v)", i, j, c, bs, bt, ok)
					}
					v := ph.Image.GrayAt(int(c.X), int(c.Y)).Y
					if (v < 128) != g.Dark(i, j) {
						wrong++
					}
				}
			}
			// A pixel sits wholly inside its module unless the module is
			// seen nearly edge-on: allow a few on the steepest views.
			if wrong > g.w*g.h/50 {
				t.Errorf("%d of %d module centres show the wrong colour", wrong, g.w*g.h)
			}
		})
	}
}

// TestCornersRoundTrip: the reported corners trace back to the grid's
// corners, and a quad placement puts the sheet's corners on its quad.
func TestCornersRoundTrip(t *testing.T) {
	g := randomGrid(25, 11, 3)
	for name, pl := range placements {
		y := pl
		y.Grid, y.Quiet, y.Module = g, 3, 9
		s := Scene{Width: 400, Height: 420, Symbols: []Symbol{y}}
		ph, err := s.Render()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p, _ := newPlacement(&y, s.Width, s.Height)
		for i, want := range [4]Point{{0, 0}, {25, 0}, {25, 11}, {0, 11}} {
			if y.Mirror {
				want.X = 25 - want.X
			}
			c := ph.Corners[0][i]
			if s, t2, ok := p.toSheet(c.X, c.Y); !ok || math.Abs(s-want.X) > 1e-6 || math.Abs(t2-want.Y) > 1e-6 {
				t.Errorf("%s: corner %d at %v traces back to (%v, %v, %v), want %v", name, i, c, s, t2, ok, want)
			}
		}
		if y.Quad != nil {
			for i, c := range [4]Point{{-3, -3}, {28, -3}, {28, 14}, {-3, 14}} {
				if q := p.toImage(c.X, c.Y); math.Hypot(q.X-y.Quad[i].X, q.Y-y.Quad[i].Y) > 1e-6 {
					t.Errorf("%s: sheet corner %d at %v, quad %v", name, i, q, y.Quad[i])
				}
			}
		}
	}
}

// TestExactRender: at a whole number of pixels per module, axis-aligned
// and without effects, every pixel is exactly ink or paper.
func TestExactRender(t *testing.T) {
	g := randomGrid(21, 21, 9)
	for _, m := range []float64{1, 2, 3, 7} {
		q := 4
		n := int(m) * (21 + 2*q)
		s := Scene{Width: n, Height: n, Background: 77, Symbols: []Symbol{{Grid: g, Quiet: q, Module: m, Ink: 30, Paper: 220}}}
		ph, err := s.Render()
		if err != nil {
			t.Fatal(err)
		}
		for py := 0; py < n; py++ {
			for px := 0; px < n; px++ {
				i, j := px/int(m)-q, py/int(m)-q
				want := uint8(220)
				if i >= 0 && j >= 0 && i < 21 && j < 21 && g.Dark(i, j) {
					want = 30
				}
				if got := ph.Image.Pix[py*ph.Image.Stride+px]; got != want {
					t.Fatalf("module %v: pixel (%d,%d) = %d, want %d", m, px, py, got, want)
				}
			}
		}
	}
}

// TestReverseAndStain: reversal swaps ink and paper (the quiet zone too),
// a stain covers its modules.
func TestReverseAndStain(t *testing.T) {
	g := randomGrid(11, 11, 4)
	s := Scene{Width: 190, Height: 190, Background: 128, Symbols: []Symbol{{
		Grid: g, Quiet: 4, Module: 10, Reverse: true,
		Stains: []Stain{{X: 5.5, Y: 5.5, R: 1.2, Grey: 90}},
	}}}
	ph, err := s.Render()
	if err != nil {
		t.Fatal(err)
	}
	at := func(i, j int) uint8 { return ph.Image.GrayAt((4+i)*10+5, (4+j)*10+5).Y }
	if v := at(-2, -2); v != 0 {
		t.Errorf("reversed quiet zone %d, want 0", v)
	}
	if v := at(5, 5); v != 90 {
		t.Errorf("stain %d, want 90", v)
	}
	for _, c := range [][2]int{{0, 0}, {10, 3}, {2, 9}} {
		want := uint8(0)
		if g.Dark(c[0], c[1]) {
			want = 255
		}
		if v := at(c[0], c[1]); v != want {
			t.Errorf("module %v: %d, want %d", c, v, want)
		}
	}
}

// busyScene exercises every feature at once.
func busyScene(seed uint64) Scene {
	return Scene{
		Width: 640, Height: 480, Seed: seed, Background: 170, Clutter: 60,
		Symbols: []Symbol{
			{Grid: randomGrid(25, 25, 1), Quiet: 4, Module: 4.5, Center: Point{200, 220}, Rotate: 33, TiltX: 40, TiltY: -20, Cylinder: 60,
				Ink: 40, Paper: 200, Stains: []Stain{{X: 12, Y: 12, R: 2, Grey: 100}}},
			{Grid: randomGrid(43, 11, 2), Quiet: 2, Module: 3, Center: Point{480, 300}, Rotate: -80, Barrel: 0.1, Mirror: true, Reverse: true},
		},
		Shade: 0.5, ShadeAngle: 30, Glare: []Spot{{X: 210, Y: 200, Radius: 60, Strength: 0.7}},
		Blur: 0.4, Motion: 1.5, MotionAngle: 20, Noise: 6, JPEG: 40,
	}
}

// goldenBusy is the SHA-256 of busyScene(1)'s pixels: the same on every
// machine. Changing the generator changes it; say so in the commit.
const goldenBusy = "9914ad9da1e04d6bb50b527dd05f47f2b620ee22797a8fb2a99048890d1908c2"

func TestDeterministic(t *testing.T) {
	s := busyScene(1)
	a, err := s.Render()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := s.Render()
	if string(a.Image.Pix) != string(b.Image.Pix) || string(a.JPEG) != string(b.JPEG) {
		t.Fatal("two renders of one scene differ")
	}
	if got := fmt.Sprintf("%x", sha256.Sum256(a.Image.Pix)); got != goldenBusy {
		t.Errorf("busy scene hash %s, want %s", got, goldenBusy)
	}
	c, _ := busyScene(2).Render()
	if string(a.Image.Pix) == string(c.Image.Pix) {
		t.Error("another seed gives the same pixels")
	}
}

// TestNoise: the noise has the standard deviation asked for and no bias.
func TestNoise(t *testing.T) {
	for _, sigma := range []float64{3, 10, 25} {
		s := Scene{Width: 300, Height: 300, Background: 128, Noise: sigma, Seed: 5}
		ph, _ := s.Render()
		var sum, sq float64
		for _, v := range ph.Image.Pix {
			d := float64(v) - 128
			sum += d
			sq += d * d
		}
		n := float64(len(ph.Image.Pix))
		mean, sd := sum/n, math.Sqrt(sq/n-(sum/n)*(sum/n))
		if math.Abs(mean) > 0.1 || math.Abs(sd-sigma)/sigma > 0.03 {
			t.Errorf("σ %v: mean %.3f, standard deviation %.3f", sigma, mean, sd)
		}
	}
}

// TestGaussianVariance: an impulse blurred spreads with the variance
// asked for (the three extended boxes add exactly, up to rounding).
func TestGaussianVariance(t *testing.T) {
	for _, sigma := range []float64{0.3, 0.5, 1, 1.7, 3, 8.2} {
		n := 161
		line := make([]uint8, n)
		line[n/2] = 255
		b := newBox(sigma * sigma / 3)
		buf := make([]int32, n)
		// Keep the impulse's mass visible above rounding: filter a scaled
		// copy in a wider type by hand.
		vals := make([]float64, n)
		vals[n/2] = 1
		for range 3 {
			out := make([]float64, n)
			a := float64(b.alpha) / fixedOne
			norm := float64(2*b.r+1) + 2*a
			for i := range vals {
				for k := -b.r - 1; k <= b.r+1; k++ {
					if j := i + k; j >= 0 && j < n {
						w := 1.0
						if k < -b.r || k > b.r {
							w = a
						}
						out[i] += w * vals[j] / norm
					}
				}
			}
			vals = out
			b.line(line, 1, n, buf)
		}
		var v float64
		for i, x := range vals {
			d := float64(i - n/2)
			v += d * d * x
		}
		if math.Abs(math.Sqrt(v)-sigma) > 0.01 {
			t.Errorf("σ %v: kernel σ %.4f", sigma, math.Sqrt(v))
		}
		if sum := sumBytes(line); math.Abs(float64(sum)-255) > 12 {
			t.Errorf("σ %v: the integer filter keeps %d of 255", sigma, sum)
		}
	}
}

func sumBytes(b []uint8) int {
	s := 0
	for _, v := range b {
		s += int(v)
	}
	return s
}

// TestMotionTaps: the weights sum to one and spread over the length.
func TestMotionTaps(t *testing.T) {
	for _, c := range []struct{ length, angle float64 }{{1, 0}, {5, 30}, {12.5, 95}, {40, -45}} {
		taps := motionTaps(c.length, c.angle)
		total, reach := 0, 0.0
		for _, tp := range taps {
			total += tp.weight
			reach = max(reach, math.Hypot(float64(tp.dx), float64(tp.dy)))
		}
		if total != fixedOne || reach < c.length/2-0.5 || reach > c.length/2+2 {
			t.Errorf("%+v: total %d, reach %.2f", c, total, reach)
		}
	}
}

// TestShadeAndGlare: light falls across the scene; glare brightens.
func TestShadeAndGlare(t *testing.T) {
	s := Scene{Width: 200, Height: 100, Background: 200, Shade: 0.5, Glare: []Spot{{X: 150, Y: 50, Radius: 20, Strength: 1}}}
	ph, _ := s.Render()
	if l, r := ph.Image.GrayAt(0, 10).Y, ph.Image.GrayAt(199, 10).Y; l < 198 || r < 99 || r > 102 {
		t.Errorf("shade: left %d, right %d; want about 200 and 100", l, r)
	}
	if v := ph.Image.GrayAt(150, 50).Y; v < 250 {
		t.Errorf("glare centre %d, want about 255", v)
	}
}

func TestInvalid(t *testing.T) {
	g := randomGrid(5, 5, 1)
	ok := Symbol{Grid: g, Module: 2}
	with := func(f func(*Symbol)) Scene {
		y := ok
		f(&y)
		return Scene{Width: 50, Height: 50, Symbols: []Symbol{y}}
	}
	for name, s := range map[string]Scene{
		"no canvas":        {},
		"huge canvas":      {Width: 1 << 14, Height: 1 << 14},
		"negative clutter": {Width: 9, Height: 9, Clutter: -1},
		"full shade":       {Width: 9, Height: 9, Shade: 1},
		"jpeg 101":         {Width: 9, Height: 9, JPEG: 101},
		"NaN angle":        {Width: 9, Height: 9, MotionAngle: math.NaN()},
		"bad glare":        {Width: 9, Height: 9, Glare: []Spot{{Strength: 2}}},
		"blur too wide":    {Width: 9, Height: 9, Blur: 1000},
		"no grid":          with(func(y *Symbol) { y.Grid = nil }),
		"empty grid":       with(func(y *Symbol) { y.Grid = &bits{w: 0, h: 3} }),
		"zero module":      with(func(y *Symbol) { y.Module = 0 }),
		"tilt 90":          with(func(y *Symbol) { y.TiltX = 90 }),
		"close camera":     with(func(y *Symbol) { y.Distance = 0.3 }),
		"cylinder 200":     with(func(y *Symbol) { y.Cylinder = 200 }),
		"barrel 0.5":       with(func(y *Symbol) { y.Barrel = 0.5 }),
		"quad and rotate":  with(func(y *Symbol) { y.Quad = &[4]Point{{0, 0}, {9, 0}, {9, 9}, {0, 9}}; y.Rotate = 3 }),
		"degenerate quad":  with(func(y *Symbol) { y.Quad = &[4]Point{{0, 0}, {9, 0}, {18, 0}, {0, 9}} }),
		"negative stain":   with(func(y *Symbol) { y.Stains = []Stain{{R: -1}} }),
	} {
		if _, err := s.Render(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
}

// BenchmarkRender12MP draws a 12-megapixel photo of a big blurred code in
// clutter, with noise and JPEG: the heaviest scene the decoder tests use.
func BenchmarkRender12MP(b *testing.B) {
	s := Scene{
		Width: 4000, Height: 3000, Background: 160, Clutter: 300,
		Symbols: []Symbol{{Grid: randomGrid(57, 57, 1), Quiet: 4, Module: 30, Rotate: 12, TiltX: 20}},
		Blur:    0.3, Noise: 4, JPEG: 85,
	}
	for b.Loop() {
		if _, err := s.Render(); err != nil {
			b.Fatal(err)
		}
	}
}
