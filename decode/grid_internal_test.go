package decode

import (
	"slices"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/encoder"
)

// TestVersionDim: the version information beside the finders corrects a
// dimension estimate several versions off, as blur makes gozxing's; and a
// symbol without version information (below version 7) gives none.
func TestVersionDim(t *testing.T) {
	for _, c := range []struct {
		text string
		est  []int // estimates to correct
	}{
		{strings.Repeat("version information ", 20), []int{-8, -4, 0, 4, 8, 12}},
		{strings.Repeat("a much longer text for a larger symbol ", 40), []int{-16, -8, 8, 16}},
		{"short", nil},
	} {
		q, err := encoder.Encoder_encodeWithoutHint(c.text, decoder.ErrorCorrectionLevel_M)
		if err != nil {
			t.Fatal(err)
		}
		sym := q.GetMatrix()
		dim := sym.GetWidth()
		const scale, quiet = 3, 4
		m, _ := gozxing.NewSquareBitMatrix((dim + 2*quiet) * scale)
		for y := 0; y < m.GetHeight(); y++ {
			for x := 0; x < m.GetWidth(); x++ {
				if mx, my := x/scale-quiet, y/scale-quiet; mx >= 0 && my >= 0 && mx < dim && my < dim && sym.Get(mx, my) == 1 {
					m.Set(x, y)
				}
			}
		}
		at := func(mx, my float64) gozxing.ResultPoint {
			return gozxing.NewResultPoint((mx+quiet)*scale, (my+quiet)*scale)
		}
		tl, tr, bl := at(3.5, 3.5), at(float64(dim)-3.5, 3.5), at(3.5, float64(dim)-3.5)
		if c.est == nil {
			if ds := versionDims(m, tl, tr, bl, dim); len(ds) > 0 {
				t.Errorf("dimension %d: read %v from a symbol without version information", dim, ds)
			}
			continue
		}
		for _, off := range c.est {
			if ds := versionDims(m, tl, tr, bl, dim+off); !slices.Contains(ds, dim) {
				t.Errorf("dimension %d, estimate %d: got %v", dim, dim+off, ds)
			}
		}
	}
}
