package bench

import (
	"errors"
	"testing"

	"github.com/boombuler/barcode"
	bbqr "github.com/boombuler/barcode/qr"
	"github.com/qrworks/qrworks/internal/testenv"
)

// TestPeersLikeForLike runs the check that gates timing on every peer cell:
// with the versions in go.mod, every peer does every workload and its output
// decodes to the workload's text.
func TestPeersLikeForLike(t *testing.T) {
	for _, w := range Workloads() {
		for _, l := range Libraries() {
			if l == qrworks {
				continue
			}
			if c := CheckCell(l, w); c.Err != nil {
				t.Errorf("%s %s: %v", w.ID, l.Name, c.Err)
			}
		}
	}
}

// TestPeerNotes checks the facts that the comparison table's notes state
// about the peers.
func TestPeerNotes(t *testing.T) {
	// W1 has a 10-digit run: an encoder that segments it (skip2) fits
	// version 5 at level H, single-mode encoders need version 6. Every peer
	// puts W2 in version 36.
	w1Version := map[string]int{"skip2": 5, "yeqown": 6, "boombuler": 6, "rsc": 6, "piglig": 6, "gozxing": 6}
	for name, want := range w1Version {
		l, _ := LibraryByName(name)
		if c := CheckCell(l, W1); c.Version != want {
			t.Errorf("W1 %s: version %d, want %d", name, c.Version, want)
		}
		if c := CheckCell(l, W2); c.Version != 36 {
			t.Errorf("W2 %s: version %d, want 36", name, c.Version)
		}
	}
	// rsc.io/qr never evaluates masks: mask 0 on every workload.
	for _, w := range Workloads() {
		if c := CheckCell(rsc, w); c.Mask != 0 {
			t.Errorf("%s rsc: mask %d, want 0", w.ID, c.Mask)
		}
	}
	// W4: every PNG is (size + 8) × 10 pixels wide except boombuler's,
	// which has no quiet zone.
	for _, l := range Libraries() {
		if l == qrworks {
			continue
		}
		c := CheckCell(l, W4)
		size := 17 + 4*c.Version
		want := (size + 2*W4.Quiet) * W4.Scale
		if l == boombuler {
			want = size * W4.Scale
		}
		if c.PNGWidth != want {
			t.Errorf("W4 %s: PNG %d pixels wide, want %d", l.Name, c.PNGWidth, want)
		}
	}
}

// TestBoombulerScale checks why boombuler's PNG cannot have the W4 quiet
// zone: asked for a 490-pixel image of its 41-module W1 symbol, barcode.Scale
// draws it at the largest whole factor, 11, not at 10 with a 40-pixel margin.
func TestBoombulerScale(t *testing.T) {
	code, err := bbqr.Encode(URL, bbqr.H, bbqr.Auto)
	if err != nil {
		t.Fatal(err)
	}
	scaled, err := barcode.Scale(code, 490, 490)
	if err != nil {
		t.Fatal(err)
	}
	// The top-left finder pattern starts where the first dark pixel on the
	// diagonal is: (490 − 41·11) / 2 = 19.
	first := -1
	for i := 0; i < 490 && first < 0; i++ {
		if r, _, _, _ := scaled.At(i, i).RGBA(); r < 0x8000 {
			first = i
		}
	}
	if first != 19 {
		t.Errorf("finder starts at pixel %d, want 19 (scale 11)", first)
	}
}

// TestQrworksLikeForLike checks qrworks' cells as the benchmarks will: W1
// must be version 5 (optimal segmentation) and every available cell must
// pass the check.
func TestQrworksLikeForLike(t *testing.T) {
	for _, w := range Workloads() {
		c := CheckCell(qrworks, w)
		if errors.Is(c.Err, ErrNotAvailable) {
			t.Logf("%s qrworks: %v", w.ID, c.Err)
			continue
		}
		if c.Err != nil {
			t.Errorf("%s qrworks: %v", w.ID, c.Err)
		}
	}
	// Optimal segmentation: W1 fits version 5 and W2 version 35, where the
	// single-mode encoders need 6 and 36 (TestPeerNotes).
	for _, tc := range []struct {
		w    Workload
		want int
	}{{W1, 5}, {W2, 35}} {
		if c := CheckCell(qrworks, tc.w); c.Version != tc.want {
			t.Errorf("%s qrworks: version %d, want %d", tc.w.ID, c.Version, tc.want)
		}
	}
}

// TestDecodeInputs checks the decode workloads: both images decode with
// qrworks and with gozxing used directly (D2 was chosen as a photograph that
// gozxing reads at its first pass), and piglig's decoder reads D1 but not D2.
func TestDecodeInputs(t *testing.T) {
	want := map[string]map[string]bool{
		"D1": {"qrworks": true, "gozxing": true, "piglig": true},
		"D2": {"qrworks": true, "gozxing": true, "piglig": false},
	}
	for _, in := range DecodeInputs() {
		corpus := ""
		if in.Corpus {
			corpus = testenv.Corpus(t)
		}
		img, text, err := in.Load(corpus)
		if err != nil {
			t.Fatal(err)
		}
		for name, ok := range want[in.ID] {
			d, _ := DecoderByName(name)
			err := checkDecode(d, img, text)
			if (err == nil) != ok {
				t.Errorf("%s %s: decode error %v, want success %v", in.ID, name, err, ok)
			}
		}
	}
}
