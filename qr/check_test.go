package qr

import (
	"errors"
	"image"
	"image/color"
	"math"
	"testing"

	"github.com/qrworks/qrworks/encode"
	"github.com/qrworks/qrworks/internal/qrspec"
)

func TestCheckPlain(t *testing.T) {
	for _, level := range levels {
		code, err := Encode("https://example.com/check", level)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := code.Check()
		if err != nil {
			t.Fatalf("%v: %v", level, err)
		}
		want := Report{Grade: GradeA, Version: code.Version(), Level: level, SpareEC: 1, SpareECGrade: GradeA,
			Correctable: rep.Correctable, Contrast: 1, ContrastGrade: GradeA, QuietZone: true, Decoded: true, DecodedSmall: true}
		if rep != want {
			t.Errorf("%v: report %+v, want %+v", level, rep, want)
		}
		if !rep.OK() || len(rep.Problems()) != 0 {
			t.Errorf("%v: OK %v, problems %q", level, rep.OK(), rep.Problems())
		}
	}
}

// TestBlockOf deals the codewords of every version and level to their
// blocks as §7.6 describes, block by block, and compares with blockOf.
func TestBlockOf(t *testing.T) {
	for v := 1; v <= 40; v++ {
		for l := qrspec.L; l <= qrspec.H; l++ {
			bl := qrspec.QR.Blocks(v, l)
			var want []int
			longest := bl.ShortData + 1
			for j := 0; j < longest; j++ {
				for b := 0; b < bl.Count; b++ {
					size := bl.ShortData
					if b >= bl.Short {
						size++
					}
					if j < size {
						want = append(want, b)
					}
				}
			}
			for j := 0; j < bl.ECPerBlock; j++ {
				for b := 0; b < bl.Count; b++ {
					want = append(want, b)
				}
			}
			if len(want) != qrspec.QR.TotalCodewords(v) {
				t.Fatalf("%d-%v: %d codewords dealt, want %d", v, l, len(want), qrspec.QR.TotalCodewords(v))
			}
			data := qrspec.QR.DataCodewords(v, l)
			for i, b := range want {
				if got := blockOf(i, data, bl); got != b {
					t.Fatalf("%d-%v: codeword %d in block %d, want %d", v, l, i, got, b)
				}
			}
		}
	}
}

// damaged returns the canvas of code drawn plain and its image with the
// modules of flip painted the other way.
func damaged(t *testing.T, code *Code, flip []image.Point) (*canvas, *image.Paletted) {
	t.Helper()
	r := defaultRendering
	img, cv, err := code.draw(&r)
	if err != nil {
		t.Fatal(err)
	}
	p := img.(*image.Paletted)
	for _, m := range flip {
		x0, y0 := (cv.q+m.X)*cv.s, (cv.q+m.Y)*cv.s
		for y := y0; y < y0+cv.s; y++ {
			for x := x0; x < x0+cv.s; x++ {
				if p.Pix[y*p.Stride+x] == 0 {
					p.Pix[y*p.Stride+x] = solidLevels - 1
				} else {
					p.Pix[y*p.Stride+x] = 0
				}
			}
		}
	}
	return cv, p
}

// TestCheckSpareEC damages one module in each of k codewords of block 0
// and checks the spare error correction 1 − 2k/(d − p), including version
// 1-L's three misdecode protection codewords.
func TestCheckSpareEC(t *testing.T) {
	for _, tc := range []struct {
		level Level
		k     int
	}{{L, 1}, {M, 2}, {Q, 3}, {H, 5}, {H, 8}} {
		code, err := Encode("CHECK", tc.level, MaxVersion(1))
		if err != nil {
			t.Fatal(err)
		}
		v, l := 1, specLevel(code.sym.Level())
		bl := qrspec.QR.Blocks(v, l)
		var flip []image.Point
		for k, m := range encode.DataModules(1) {
			i := k / 8
			if k%8 == 0 && blockOf(i, qrspec.QR.DataCodewords(v, l), bl) == 0 && len(flip) < tc.k {
				flip = append(flip, image.Pt(int(m&0xFF), int(m>>8)))
			}
		}
		cv, img := damaged(t, code, flip)
		rep := cv.measure(img, code.payload)
		budget := bl.ECPerBlock - qrspec.QRMisdecodeProtection(v, l)
		want := max(0, 1-float64(2*tc.k)/float64(budget))
		if math.Abs(rep.SpareEC-want) > 1e-9 || rep.WrongCodewords != tc.k || rep.Correctable != budget/2 {
			t.Errorf("%v with %d damaged codewords: spare %.3f, %d wrong of %d correctable; want %.3f, %d of %d",
				tc.level, tc.k, rep.SpareEC, rep.WrongCodewords, rep.Correctable, want, tc.k, budget/2)
		}
		if rep.OK() != (want >= MinSpareEC) {
			t.Errorf("%v with %d damaged codewords: OK = %v (%v)", tc.level, tc.k, rep.OK(), rep)
		}
	}
}

func TestCheckPatternsAndQuietZone(t *testing.T) {
	code, err := Encode("PATTERNS", M)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		flip   []image.Point
		damage int
		quiet  bool
	}{
		{"intact", nil, 0, true},
		{"timing", []image.Point{{10, 6}}, 1, true},
		{"finder and format", []image.Point{{0, 0}, {8, 2}}, 2, true},
		{"dark module", []image.Point{{8, code.Size() - 8}}, 1, true},
		{"quiet zone", []image.Point{{-1, 5}}, 0, false},
	} {
		cv, img := damaged(t, code, tc.flip)
		rep := cv.measure(img, code.payload)
		if rep.PatternDamage != tc.damage || rep.QuietZone != tc.quiet || rep.OK() != (tc.damage == 0 && tc.quiet) {
			t.Errorf("%s: %v (damage %d, quiet zone %v)", tc.name, rep, rep.PatternDamage, rep.QuietZone)
		}
	}
}

func TestCheckContrast(t *testing.T) {
	code, err := Encode("https://example.com/contrast", Q)
	if err != nil {
		t.Fatal(err)
	}
	yellow := color.RGBA{0xff, 0xeb, 0x3b, 0xff}
	navy := color.RGBA{0x1a, 0x23, 0x7e, 0xff}
	tests := []struct {
		name string
		opts []Option
		ok   bool
	}{
		{"navy on white", []Option{Colors(navy, color.White)}, true},
		{"yellow on white", []Option{Colors(yellow, color.White)}, false},
		{"orange on white: contrast, but too much luma", []Option{Colors(color.RGBA{0xff, 0x6d, 0x00, 0xff}, color.White)}, false},
		{"reversed", []Option{Colors(color.White, color.Black)}, false},
		{"transparent dark", []Option{Colors(color.Transparent, color.White)}, false},
		{"gradient navy to black", []Option{Gradient(navy, color.Black, 90)}, true},
		{"gradient to yellow", []Option{Gradient(navy, yellow, 0)}, false},
		{"radial from yellow", []Option{RadialGradient(yellow, navy)}, false},
		{"dots on a light background", []Option{Modules(Dots), Colors(color.Black, yellow)}, true},
	}
	for _, tt := range tests {
		rep, err := code.Check(tt.opts...)
		if (err == nil) != tt.ok || rep.OK() != tt.ok {
			t.Errorf("%s: %v, err %v; want ok %v", tt.name, rep, err, tt.ok)
			continue
		}
		if tt.ok {
			continue
		}
		if !errors.Is(err, ErrNotScannable) || !errors.Is(err, ErrInvalidOption) {
			t.Errorf("%s: %v matches ErrNotScannable %v, ErrInvalidOption %v", tt.name, err,
				errors.Is(err, ErrNotScannable), errors.Is(err, ErrInvalidOption))
		}
		var ns *NotScannableError
		if !errors.As(err, &ns) || ns.Report != rep {
			t.Errorf("%s: the error does not carry the report", tt.name)
		}
		if rep.Grade != GradeF {
			t.Errorf("%s: grades %v overall, %v contrast", tt.name, rep.Grade, rep.ContrastGrade)
		}
	}
}

func TestCheckErrors(t *testing.T) {
	code, err := Encode("errors", M)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := code.Check(Scale(0)); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("Scale(0): %v", err)
	}
	if _, err := code.Check(Scale(200), Modules(Dots)); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("an image over MaxStyledSide: %v", err)
	}
	var empty Code
	if _, err := empty.Check(); !errors.Is(err, ErrEmptyCode) {
		t.Errorf("empty Code: %v", err)
	}
}

// TestCheckLogoCodewords counts, independently of the check, the
// codewords with a module that the logo's pixels overlap.
func TestCheckLogoCodewords(t *testing.T) {
	code, err := Encode("https://example.com/logo", H, MinVersion(5))
	if err != nil {
		t.Fatal(err)
	}
	const ratio = 0.2
	rep, _ := code.Check(Logo(flatLogo(30, 30), ratio), Scale(4))
	// Version 5 is 37 modules, 45 with the quiet zone: the logo is 7.4
	// modules wide around the centre at 22.5, pixels 75.2 to 104.8 at 4 a
	// module, rounded to 75 and 105: modules 14.75 to 22.25 of the
	// symbol, so modules 14 to 22 are under it.
	under := func(x, y int) bool { return x >= 14 && x <= 22 && y >= 14 && y <= 22 }
	seen := map[int]bool{}
	for k, m := range encode.DataModules(5)[:8*qrspec.QR.TotalCodewords(5)] {
		if under(int(m&0xFF), int(m>>8)) {
			seen[k/8] = true
		}
	}
	if rep.LogoCodewords != len(seen) {
		t.Errorf("%d codewords under the logo, want %d (%v)", rep.LogoCodewords, len(seen), rep)
	}
}
