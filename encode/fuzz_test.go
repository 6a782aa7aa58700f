package encode

import (
	"errors"
	"testing"
)

// FuzzEncode encodes arbitrary bytes with arbitrary options: the result is
// either ErrInvalidOption or ErrTooLong, with dst untouched, or a symbol
// that gozxing decodes back to the data.
func FuzzEncode(f *testing.F) {
	f.Add([]byte(w1), uint8(0), uint8(0), uint8(0), uint8(0), uint8(0), uint8(0))
	f.Add([]byte("日本語 123"), uint8(2), uint8(1), uint8(10), uint8(3), uint8(0x10), uint8(0))
	f.Add([]byte("\xff\xfe0123456789ABC"), uint8(1), uint8(5), uint8(5), uint8(9), uint8(0x21), uint8(1))
	f.Add([]byte("0123"), uint8(9), uint8(41), uint8(0), uint8(0), uint8(0x05), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, level, minV, maxV, mask, flags, boost uint8) {
		o := Options{
			Level:      Level(level % 6),
			MinVersion: Version(minV % 42),
			MaxVersion: Version(maxV % 42),
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
			if s != (Symbol{}) {
				t.Fatal("dst changed on error")
			}
			return
		}
		if o.validate() != nil {
			t.Fatalf("invalid options %+v accepted", o)
		}
		roundTrip(t, &e, data, o)
	})
}
