package qr

import (
	"bytes"
	"fmt"
	"image/color"
	"testing"

	"github.com/qrworks/qrworks/decode"
)

// TestPNGRoundTripDecode closes the loop inside the project: every version
// and level, written by our PNG writer, read back by our decoder, gives the
// encoded text and the symbol's version, level and mask. Colours and scales
// vary so that the palette path and small modules are read too.
func TestPNGRoundTripDecode(t *testing.T) {
	styles := []struct {
		scale       int
		dark, light color.Color
	}{
		{2, color.Black, color.White},
		{3, color.NRGBA{0x1a, 0x23, 0x7e, 0xff}, color.NRGBA{0xff, 0xf8, 0xe1, 0xff}},
		{4, color.Black, color.White},
	}
	versions := 40
	if testing.Short() {
		versions = 12
	}
	for v := 1; v <= versions; v++ {
		for i, level := range levels {
			t.Run(fmt.Sprintf("%d-%s", v, level), func(t *testing.T) {
				code, text := encodeVersion(t, v, level)
				st := styles[(v+i)%len(styles)]
				var b bytes.Buffer
				if err := code.WritePNG(&b, Scale(st.scale), Colors(st.dark, st.light)); err != nil {
					t.Fatal(err)
				}
				// Even versions are read as clean images (decode.Pure); odd
				// ones through the default passes, as user uploads are.
				var opts []decode.Option
				if v%2 == 0 {
					opts = append(opts, decode.Pure())
				}
				res, err := Decode(&b, opts...)
				if err != nil {
					t.Fatalf("scale %d: %v", st.scale, err)
				}
				r := res[0]
				if len(res) != 1 || r.Text != text || r.Version != v || r.Level != level.String() || r.Mask != code.Mask() {
					t.Fatalf("got %d results, first %q v%d %s mask %d; want %q v%d %s mask %d",
						len(res), r.Text, r.Version, r.Level, r.Mask, text, v, level, code.Mask())
				}
			})
		}
	}
}
