package encode

import (
	"errors"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// TestCapacity checks data capacities against Table 7 of ISO/IEC
// 18004:2015 for versions 1 and 40: the largest number of characters of one
// mode that fits, and that one more does not.
func TestCapacity(t *testing.T) {
	type caps struct{ numeric, alnum, byte, kanji int }
	for _, c := range []struct {
		v    Version
		l    Level
		want caps
	}{
		{1, L, caps{41, 25, 17, 10}},
		{1, M, caps{34, 20, 14, 8}},
		{1, Q, caps{27, 16, 11, 7}},
		{1, H, caps{17, 10, 7, 4}},
		{40, L, caps{7089, 4296, 2953, 1817}},
		{40, M, caps{5596, 3391, 2331, 1435}},
		{40, Q, caps{3993, 2420, 1663, 1024}},
		{40, H, caps{3057, 1852, 1273, 784}},
	} {
		for _, m := range []struct {
			mode Mode
			char string
			n    int
		}{
			{ModeNumeric, "7", c.want.numeric},
			{ModeAlphanumeric, "Z", c.want.alnum},
			{ModeByte, "z", c.want.byte},
			{ModeKanji, "漢", c.want.kanji},
		} {
			var e Encoder
			var s Symbol
			o := Options{Level: c.l, MinVersion: c.v, MaxVersion: c.v, Mode: m.mode}
			if err := e.EncodeTo(&s, []byte(strings.Repeat(m.char, m.n)), &o); err != nil {
				t.Errorf("%d-%v %v: %d characters: %v", c.v, c.l, m.mode, m.n, err)
			}
			err := e.EncodeTo(&s, []byte(strings.Repeat(m.char, m.n+1)), &o)
			if !errors.Is(err, ErrTooLong) {
				t.Errorf("%d-%v %v: %d characters: err %v, want ErrTooLong", c.v, c.l, m.mode, m.n+1, err)
			}
		}
	}
}

// TestSpecTables checks what the encoder takes from the tables package:
// its version bounds, the mapping of its levels to the tables' rows, and
// maxTrace, the numeric capacity of 40-L (Table 7).
func TestSpecTables(t *testing.T) {
	if first, last := qrspec.QR.Versions(); Version(first) != MinVersion || Version(last) != MaxVersion {
		t.Errorf("QR versions %d..%d, encode's %d..%d", first, last, MinVersion, MaxVersion)
	}
	for l, want := range map[Level]qrspec.Level{LevelDefault: qrspec.H, L: qrspec.L, M: qrspec.M, Q: qrspec.Q, H: qrspec.H} {
		if l.spec() != want || l.String() != want.String() {
			t.Errorf("level %v maps to %v, want %v", l, l.spec(), want)
		}
	}
	// After a 4-bit indicator and a 14-bit count, 3 digits take 10 bits,
	// 2 take 7 and 1 takes 4 (§7.4.3).
	b := capacity(MaxVersion, L) - 4 - 14
	if n := b/10*3 + [10]int{0, 0, 0, 0, 1, 1, 1, 2, 2, 2}[b%10]; n != maxTrace {
		t.Errorf("40-L holds %d digits, maxTrace is %d", n, maxTrace)
	}
	for v := MinVersion; v <= MaxVersion; v++ {
		if w, h := qrspec.QR.Size(int(v)); v.Size() != w || w != h {
			t.Errorf("version %d: Size %d, tables %d×%d", v, v.Size(), w, h)
		}
	}
}
