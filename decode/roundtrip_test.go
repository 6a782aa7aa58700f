package decode_test

import (
	"fmt"
	"image"
	"testing"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/internal/synth"
	"github.com/qrworks/qrworks/qr"
)

// ourSymbol encodes text with this repository's encoder.
func ourSymbol(t testing.TB, text string, level qr.Level, opts ...qr.Option) symbol {
	t.Helper()
	c, err := qr.Encode(text, level, opts...)
	if err != nil {
		t.Fatalf("encode %q: %v", text, err)
	}
	return symbol{content: text, size: c.Size(), dark: c.Module, version: c.Version(), level: c.Level().String(), mask: c.Mask()}
}

// TestRoundTripAllVersions encodes at every version and level with our
// encoder and checks what decode reports.
func TestRoundTripAllVersions(t *testing.T) {
	levels := []qr.Level{qr.L, qr.M, qr.Q, qr.H}
	for v := 1; v <= 40; v++ {
		for _, lv := range levels {
			if testing.Short() && v%3 != 1 && v != 40 {
				continue
			}
			text := fmt.Sprintf("v%d%s", v, lv)
			s := ourSymbol(t, text, lv, qr.MinVersion(v))
			if s.version != v {
				t.Fatalf("asked for version %d, got %d", v, s.version)
			}
			res, err := decode.Image(render(s, 2, 4))
			if err != nil || len(res) != 1 {
				t.Errorf("v%d %s: %v %v", v, lv, res, err)
				continue
			}
			r := res[0]
			if r.Text != text || r.Version != v || r.Level != s.level || r.Mask != s.mask || string(r.Bytes) != text {
				t.Errorf("v%d %s: got %q v%d %s mask %d", v, lv, r.Text, r.Version, r.Level, r.Mask)
			}
		}
	}
}

// TestRoundTripTransforms: scales, quarter turns, arbitrary angles,
// inversion, a code inside a larger noisy picture, and two codes.
func TestRoundTripTransforms(t *testing.T) {
	s := ourSymbol(t, w1, qr.H)
	big := ourSymbol(t, "0123456789012345678901234567890123456789 a longer payload for version ten or so", qr.Q, qr.MinVersion(10))
	inverted := func(img *image.Gray) *image.Gray {
		for i := range img.Pix {
			img.Pix[i] = 255 - img.Pix[i]
		}
		return img
	}
	cases := map[string]struct {
		img  *image.Gray
		want []string
	}{}
	for _, scale := range []int{1, 2, 3, 5, 8, 13} {
		cases[fmt.Sprintf("scale %d", scale)] = struct {
			img  *image.Gray
			want []string
		}{render(s, scale, 4), []string{w1}}
	}
	for _, deg := range []float64{90, 180, 270, 10, 33, 45, 71, 200} {
		for _, sym := range []symbol{s, big} {
			cases[fmt.Sprintf("v%d rotated %v", sym.version, deg)] = struct {
				img  *image.Gray
				want []string
			}{rotated(sym, 4, deg, 40), []string{sym.content}}
		}
	}
	cases["inverted"] = struct {
		img  *image.Gray
		want []string
	}{inverted(render(s, 4, 4)), []string{w1}}
	cases["inverted and rotated"] = struct {
		img  *image.Gray
		want []string
	}{inverted(rotated(big, 4, 23, 30)), []string{big.content}}
	noisy := shoot(synth.Scene{Width: 800, Height: 600, Seed: 5, Background: 180, Clutter: 60, Noise: 14,
		Symbols: []synth.Symbol{at(s, 4, image.Pt(380, 250))}})
	cases["inside a larger noisy picture"] = struct {
		img  *image.Gray
		want []string
	}{noisy, []string{w1}}
	two := shoot(synth.Scene{Width: 900, Height: 500, Background: 255,
		Symbols: []synth.Symbol{at(s, 4, image.Pt(20, 40)), at(big, 3, image.Pt(450, 60))}})
	cases["two codes"] = struct {
		img  *image.Gray
		want []string
	}{two, []string{w1, big.content}}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			res, err := decode.Image(c.img)
			wantTexts(t, res, err, c.want...)
		})
	}
}
