package encode

import (
	"testing"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// TestDataModulesOrder walks §7.7.3's placement by hand over each version's
// data region (two-module columns from the right, upwards first, skipping
// column 6, right module before left) and compares it with DataModules.
func TestDataModulesOrder(t *testing.T) {
	for v := MinVersion; v <= MaxVersion; v++ {
		p := planFor(v)
		n := p.size
		var want []uint16
		for right, up := n-1, true; right > 0; right, up = right-2, !up {
			if right == 6 {
				right--
			}
			for k := 0; k < n; k++ {
				y := k
				if up {
					y = n - 1 - k
				}
				for _, x := range []int{right, right - 1} {
					if p.data.get(x, y) {
						want = append(want, uint16(y<<8|x))
					}
				}
			}
		}
		got := DataModules(v)
		if len(got) != qrspec.QR.RawDataModules(int(v)) || len(got) != len(want) {
			t.Fatalf("version %d: %d modules, walk has %d, tables say %d", v, len(got), len(want), qrspec.QR.RawDataModules(int(v)))
		}
		for k := range want {
			if got[k] != want[k] {
				t.Fatalf("version %d: module %d at (%d,%d), want (%d,%d)", v, k, got[k]&0xFF, got[k]>>8, want[k]&0xFF, want[k]>>8)
			}
		}
	}
	if DataModules(0) != nil || DataModules(41) != nil {
		t.Error("DataModules of an invalid version is not nil")
	}
}

// TestDataModulesCodewords reads the codewords back from encoded symbols
// through DataModules and the mask, and compares them with the encoder's
// final sequence.
func TestDataModulesCodewords(t *testing.T) {
	var e Encoder
	var sym Symbol
	for _, tc := range []struct {
		text string
		opts Options
	}{
		{"HELLO WORLD", Options{Level: Q}},
		{"https://example.com/a/long/path?with=query&and=more", Options{Level: L, MinVersion: 7}},
		{"0123456789", Options{Level: H, MinVersion: 23, Mask: 5}},
	} {
		o := tc.opts
		if err := e.EncodeTo(&sym, []byte(tc.text), &o); err != nil {
			t.Fatal(err)
		}
		v := sym.Version()
		total := qrspec.QR.TotalCodewords(int(v))
		got := make([]byte, total)
		for k, m := range DataModules(v)[:8*total] {
			x, y := int(m&0xFF), int(m>>8)
			if sym.Module(x, y) != qrspec.MaskDark(sym.Mask(), y, x) {
				got[k/8] |= 0x80 >> (k % 8)
			}
		}
		if string(got) != string(e.final[:total]) {
			t.Errorf("%q: codewords read through DataModules differ from the encoder's", tc.text)
		}
	}
}
