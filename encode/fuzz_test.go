package encode

import (
	"errors"
	"testing"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// FuzzEncode encodes arbitrary bytes with arbitrary options in every
// format: the result is either ErrInvalidOption or ErrTooLong, with dst
// untouched, or a symbol that gozxing decodes back to the data (QR), or a
// Micro QR or rMQR symbol of an allowed version whose function patterns
// and format information are those of its version, level and mask.
func FuzzEncode(f *testing.F) {
	f.Add([]byte(w1), uint8(0), uint8(0), uint8(0), uint8(0), uint8(0), uint8(0), uint8(0))
	f.Add([]byte("日本語 123"), uint8(2), uint8(1), uint8(10), uint8(3), uint8(0x10), uint8(0), uint8(0))
	f.Add([]byte("\xff\xfe0123456789ABC"), uint8(1), uint8(5), uint8(5), uint8(9), uint8(0x21), uint8(1), uint8(0))
	f.Add([]byte("0123"), uint8(9), uint8(41), uint8(0), uint8(0), uint8(0x05), uint8(0), uint8(0))
	f.Add([]byte("12345"), uint8(1), uint8(0), uint8(0), uint8(0), uint8(0), uint8(1), uint8(1))
	f.Add([]byte("PN-4711 日本"), uint8(2), uint8(3), uint8(4), uint8(2), uint8(0x04), uint8(1), uint8(1))
	f.Add([]byte("https://example.com/é"), uint8(4), uint8(0), uint8(0), uint8(1), uint8(0x02), uint8(14), uint8(2))
	f.Add([]byte("LOT 42"), uint8(2), uint8(6), uint8(30), uint8(0), uint8(0x20), uint8(19), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, level, minV, maxV, mask, flags, boost, format uint8) {
		o := Options{
			Format:     Format(format % 4),
			Level:      Level(level % 6),
			MinVersion: Version(minV % 42),
			MaxVersion: Version(maxV % 42),
			MaxHeight:  int(boost>>1) % 20,
			Mask:       Mask(mask % 10),
			ECI:        ECIPolicy(flags & 3),
			Kanji:      flags&4 != 0,
			Mode:       Mode(flags >> 4 % 6),
			BoostLevel: boost&1 != 0,
		}
		var e Encoder
		var s Symbol
		err := e.EncodeTo(&s, data, &o)
		if err != nil {
			if !errors.Is(err, ErrInvalidOption) && !errors.Is(err, ErrTooLong) {
				t.Fatalf("unexpected error %v", err)
			}
			if !sameSymbol(&s, &Symbol{}) {
				t.Fatal("dst changed on error")
			}
			return
		}
		if o.validate() != nil {
			t.Fatalf("invalid options %+v accepted", o)
		}
		if o.Format == QR {
			roundTrip(t, &e, data, o)
			return
		}
		checkFamilySymbol(t, &s, &o)
	})
}

// checkFamilySymbol checks a Micro QR or rMQR symbol encoded with o: its
// version is one o allows, its size that of the version, its function
// modules those internal/qrspec describes, and its format information
// reads back, with no error, as its version, level and mask.
func checkFamilySymbol(t *testing.T, s *Symbol, o *Options) {
	t.Helper()
	v, l := s.Version(), s.Level()
	if s.Format() != o.Format || !o.allows(v, l) || o.Level != LevelDefault && !o.BoostLevel && l != o.Level {
		t.Fatalf("%v %d-%v from options %+v", s.Format(), v, l, *o)
	}
	if w, h := o.Format.Size(v); s.Width() != w || s.Height() != h {
		t.Fatalf("%v %d: %d×%d modules, want %d×%d", o.Format, v, s.Width(), s.Height(), w, h)
	}
	format := map[[2]int]bool{}
	word := func(n int, pos func(k int) (int, int)) uint32 {
		var w uint32
		for k := n - 1; k >= 0; k-- {
			x, y := pos(k)
			format[[2]int{x, y}] = true
			w <<= 1
			if s.Module(x, y) {
				w |= 1
			}
		}
		return w
	}
	mark := func(x, y int, dark bool) {
		if !format[[2]int{x, y}] && s.Module(x, y) != dark {
			t.Fatalf("%v %d: function module (%d, %d) is not %v", o.Format, v, x, y, dark)
		}
	}
	if o.Format == MicroQR {
		gv, gl, gm, d := qrspec.DecodeMicroFormatInfo(word(15, qrspec.MicroFormatPosition))
		if gv != int(v) || gl != l.spec() || gm != s.Mask() || d != 0 {
			t.Fatalf("M%d-%v mask %d: format information reads M%d-%v mask %d at distance %d", v, l, s.Mask(), gv, gl, gm, d)
		}
		qrspec.MicroFunctionPatterns(int(v), mark)
		return
	}
	for side := range qrspec.RMQRSide(qrspec.RMQRSides) {
		pos := func(k int) (int, int) { return qrspec.RMQRFormatPosition(side, k, s.Width(), s.Height()) }
		if gv, gl, d := qrspec.DecodeRMQRFormatInfo(side, word(18, pos)); gv != int(v) || gl != l.spec() || d != 0 {
			t.Fatalf("rMQR %d-%v: format information %d reads %d-%v at distance %d", v, l, side, gv, gl, d)
		}
	}
	qrspec.RMQRFunctionPatterns(int(v), mark)
}
