package encode

import (
	"errors"
	"strings"
	"testing"
)

// TestTooLongMessage checks that "too long" is said in the data's terms:
// its length in the unit of the one mode that holds it, what the level holds
// at the largest version (Table 7), and the highest lower level that fits.
func TestTooLongMessage(t *testing.T) {
	for _, c := range []struct {
		name string
		data string
		opts Options
		want string
	}{
		{"bytes", strings.Repeat("z", 3000), Options{},
			"data too long for a QR code: 3000 bytes; level H holds at most 1273 bytes, level L 2953"},
		{"bytes at L", strings.Repeat("z", 3000), Options{Level: L},
			"data too long for a QR code: 3000 bytes; level L holds at most 2953 bytes"},
		{"lower level fits", strings.Repeat("z", 2000), Options{Level: H},
			"data too long for a QR code at level H: 2000 bytes; level H holds at most 1273 bytes; it fits at level M"},
		{"digits", strings.Repeat("9", 8000), Options{},
			"data too long for a QR code: 8000 digits; level H holds at most 3057 digits, level L 7089"},
		{"alphanumeric", strings.Repeat("A", 2000), Options{Level: H},
			"data too long for a QR code at level H: 2000 characters; level H holds at most 1852 characters; it fits at level Q"},
		{"kanji", strings.Repeat("漢", 1000), Options{Kanji: true},
			"data too long for a QR code at level H: 1000 kanji characters; level H holds at most 784 kanji characters; it fits at level Q"},
		// UTF-8 text carries ECI 26, 12 bits: one byte less than Table 7.
		{"utf-8", strings.Repeat("é", 700), Options{},
			"data too long for a QR code at level H: 1400 bytes; level H holds at most 1272 bytes; it fits at level Q"},
		{"max version", strings.Repeat("z", 300), Options{Level: M, MaxVersion: 10},
			"data too long for a QR code: 300 bytes; level M holds at most 213 bytes in version 10, level L 271"},
		{"over maxInput", strings.Repeat("z", maxInput+1), Options{},
			"data too long for a QR code: 1048577 bytes; level H holds at most 1273 bytes, level L 2953"},
		// Micro QR and rMQR: their own names, the largest version's name,
		// their own levels (Table 7 of ISO/IEC 18004:2015 for M4; ISO/IEC
		// 23941:2022 Table 6 for R17x139 and R9x139).
		{"micro", strings.Repeat("z", 20), Options{Format: MicroQR},
			"data too long for a Micro QR code: 20 bytes; level M holds at most 13 bytes in M4, level L 15"},
		{"micro digits", strings.Repeat("9", 30), Options{Format: MicroQR, Level: Q},
			"data too long for a Micro QR code at level Q: 30 digits; level Q holds at most 21 digits in M4; it fits at level M"},
		{"rmqr", strings.Repeat("z", 200), Options{Format: RMQR},
			"data too long for an rMQR code: 200 bytes; level H holds at most 74 bytes in R17x139, level M 150"},
		{"rmqr height", strings.Repeat("z", 40), Options{Format: RMQR, MaxHeight: 9},
			"data too long for an rMQR code at level H: 40 bytes; level H holds at most 31 bytes in R9x139; it fits at level M"},
	} {
		var e Encoder
		var s Symbol
		err := e.EncodeTo(&s, []byte(c.data), &c.opts)
		var tl *TooLongError
		if !errors.As(err, &tl) {
			t.Errorf("%s: err %v, want a *TooLongError", c.name, err)
			continue
		}
		if got := tl.Message(); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
		if tl.Error() != "encode: "+c.want {
			t.Errorf("%s: Error() = %q", c.name, tl.Error())
		}
		if tl.NeededBits <= tl.AvailableBits {
			t.Errorf("%s: needs %d bits, %d available", c.name, tl.NeededBits, tl.AvailableBits)
		}
	}
}

// TestTooLongCapacity checks the Capacity field against Table 7 of
// ISO/IEC 18004:2015 for version 40, every level and unit, and that the
// data fits at Fits and not above it.
func TestTooLongCapacity(t *testing.T) {
	want := map[Unit][H + 1]int{
		Digits:          {0, 7089, 5596, 3993, 3057},
		Characters:      {0, 4296, 3391, 2420, 1852},
		Bytes:           {0, 2953, 2331, 1663, 1273},
		KanjiCharacters: {0, 1817, 1435, 1024, 784},
	}
	texts := map[Unit]string{
		Digits: strings.Repeat("1", 7100), Characters: strings.Repeat("Q", 4300),
		Bytes: strings.Repeat("q", 3000), KanjiCharacters: strings.Repeat("字", 1820),
	}
	for u, text := range texts {
		var e Encoder
		var s Symbol
		err := e.EncodeTo(&s, []byte(text), &Options{Kanji: true})
		var tl *TooLongError
		if !errors.As(err, &tl) || tl.Unit != u || tl.Capacity != want[u] || tl.Fits {
			t.Errorf("%v: %+v, want capacities %v", u, tl, want[u])
		}
	}
	// 1300 bytes: over H's 1273, under Q's 1663.
	var e Encoder
	var s Symbol
	var tl *TooLongError
	if err := e.EncodeTo(&s, []byte(strings.Repeat("q", 1300)), nil); !errors.As(err, &tl) || !tl.Fits || tl.FitsLevel != Q || tl.Level != H || tl.Version != MaxVersion {
		t.Fatalf("1300 bytes at H: %+v, want Fits Q", tl)
	}
	if err := e.EncodeTo(&s, []byte(strings.Repeat("q", 1300)), &Options{Level: tl.FitsLevel}); err != nil {
		t.Errorf("1300 bytes at FitsLevel %v: %v", tl.FitsLevel, err)
	}
}

// TestTooLongZero checks the message of a TooLongError made by hand,
// without the level and length the encoder fills in.
func TestTooLongZero(t *testing.T) {
	e := &TooLongError{NeededBits: 10, AvailableBits: 8}
	if got, want := e.Error(), "encode: data too long for a QR code: needs 10 bits, 8 available"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
