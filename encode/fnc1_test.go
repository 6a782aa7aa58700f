package encode

import (
	"errors"
	"math/rand"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/internal/bits"
	"github.com/qrworks/qrworks/internal/qrspec"
)

// TestSegmentationOptimalFNC1 compares the segmenter in FNC1 mode with
// exhaustive search: '%' costs two alphanumeric characters, GS one.
func TestSegmentationOptimalFNC1(t *testing.T) {
	alphabet := []string{"0", "1", "9", "A", "Z", "%", "\x1d", "-", "a", "z", "é", "日"}
	rng := rand.New(rand.NewSource(5))
	var s segmenter
	for i := 0; i < 400; i++ {
		var b strings.Builder
		for k := rng.Intn(9); k > 0; k-- {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		data := []byte(b.String())
		for _, v := range countRanges {
			for _, kanji := range []bool{false, true} {
				f := segmentFlags{kanji: kanji, fnc1: true}
				got := s.optimal(data, qrspec.QR, v, f)
				if want := bruteForce(data, qrspec.QR, v, f); got != want {
					t.Fatalf("%q version %d kanji %v: %d bits, exhaustive search finds %d", data, v, kanji, got, want)
				}
				if n := tracedBits(&s, data, qrspec.QR, v, true); n != got {
					t.Fatalf("%q version %d: trace costs %d bits, optimal said %d", data, v, n, got)
				}
			}
		}
	}
}

// TestFNC1Segments checks the segments chosen for typical GS1 data: the
// digits of a GTIN stay numeric, '%' goes to byte mode (8 bits, where
// doubling costs 11), GS joins alphanumeric segments.
func TestFNC1Segments(t *testing.T) {
	var s segmenter
	for _, c := range []struct {
		data  string
		modes string // N, A or B per byte
	}{
		{"0109506000134352" + "10ABC123", "NNNNNNNNNNNNNNNNNNAAAAAA"},
		{"10%%%%%%%%%%", "BBBBBBBBBBBB"},
		{"10ABCDEF\x1d21XYZ", "AAAAAAAAAAAAAA"},
		{"10abcdefgh\x1d21XYZ", "BBBBBBBBBBAAAAAA"},
		{"10ABCDEFGH%%%%%%%%%%%%%%%%%%%%%%%%", "AAAAAAAAAABBBBBBBBBBBBBBBBBBBBBBBB"},
	} {
		s.optimal([]byte(c.data), qrspec.QR, 1, segmentFlags{fnc1: true})
		var got strings.Builder
		for i := range len(c.data) {
			got.WriteByte("NABK"[s.modeAt[i]])
		}
		if got.String() != c.modes {
			t.Errorf("%q: modes %s, want %s", c.data, got.String(), c.modes)
		}
	}
}

// TestFNC1Alphanumeric checks the bits of an alphanumeric segment in FNC1
// mode against values worked by hand from Table 5: "A%" + GS + "B" is the
// characters A % % % B.
func TestFNC1Alphanumeric(t *testing.T) {
	var buf [8]byte
	var b bits.Buffer
	b.Reset(buf[:])
	writeSegment(&b, []byte("A%\x1dB"), segAlnum, qrspec.QR, 1, true)
	// 0010, count 5 in 9 bits, (10·45+38)=488 in 11 bits, (38·45+38)=1748
	// in 11 bits, 11 in 6 bits: 4+9+11+11+6 = 41 bits.
	want := []struct{ v, n uint32 }{{2, 4}, {5, 9}, {488, 11}, {1748, 11}, {11, 6}}
	var ref [8]byte
	var r bits.Buffer
	r.Reset(ref[:])
	for _, w := range want {
		r.Write(w.v, int(w.n))
	}
	if b.Len() != r.Len() || buf != ref {
		t.Errorf("segment bits % x (%d), want % x (%d)", buf, b.Len(), ref, r.Len())
	}
}

// TestGS1RoundTrip encodes GS1 element strings in every mode the
// segmenter picks and reads them with gozxing, which turns FNC1 in
// alphanumeric segments back into GS: the text must be the transmitted
// form.
func TestGS1RoundTrip(t *testing.T) {
	var e Encoder
	for _, c := range []struct{ hri, transmitted string }{
		{"(01)09506000134352(17)261231(10)ABC123", "010950600013435217261231" + "10ABC123"},
		{"(01)09506000134352(10)AB%CD(21)x%y", "0109506000134352" + "10AB%CD\x1d21x%y"},
		{"(10)ABCDEFGHIJ(21)KLMNOPQRS(400)123456789", "10ABCDEFGHIJ\x1d21KLMNOPQRS\x1d400123456789"},
		{"(90)abcdefghijklmnopqrstuvwxyz(91)ABC", "90abcdefghijklmnopqrstuvwxyz\x1d91ABC"},
		{"(00)106141411234567897", "00106141411234567897"},
		{"(8200)https://example.com/p?id=1&x=%41(10)L1", "8200https://example.com/p?id=1&x=%41\x1d10L1"},
	} {
		for _, o := range []Options{{GS1: true}, {GS1: true, Level: L, ECI: ECIUTF8}} {
			var s Symbol
			if err := e.EncodeTo(&s, []byte(c.hri), &o); err != nil {
				t.Fatalf("%s: %v", c.hri, err)
			}
			r, err := zxingDecode(&s)
			if err != nil {
				t.Fatalf("%s: gozxing: %v", c.hri, err)
			}
			if r.GetText() != c.transmitted {
				t.Errorf("%s: gozxing reads %q, want %q", c.hri, r.GetText(), c.transmitted)
			}
			// FNC1 in first position, after the ECI designator if any
			// (0111 00011010).
			first := e.stream[0] >> 4
			if o.ECI == ECIUTF8 {
				first = e.stream[1] & 15
			}
			if first != 0b0101 {
				t.Errorf("%s %+v: stream starts % x, want FNC1 first", c.hri, o, e.stream[:2])
			}
		}
	}
}

// TestAIMHeader checks the header of FNC1 in second position: mode 1001
// and the 8-bit application indicator, digits as their value and letters
// as ASCII + 100 (§7.4.8.3).
func TestAIMHeader(t *testing.T) {
	var e Encoder
	for _, c := range []struct {
		aim  string
		want byte
	}{{"00", 0}, {"37", 37}, {"99", 99}, {"a", 197}, {"z", 222}, {"A", 165}, {"Z", 190}} {
		var s Symbol
		if err := e.EncodeTo(&s, []byte("123"), &Options{AIM: c.aim}); err != nil {
			t.Fatalf("AIM %q: %v", c.aim, err)
		}
		if got := e.stream[0]>>4 == 0b1001 && e.stream[0]<<4|e.stream[1]>>4 == c.want; !got {
			t.Errorf("AIM %q: stream starts % x, want 1001 then %d", c.aim, e.stream[:2], c.want)
		}
	}
}

// TestStructuredAppendHeader checks the header of clause 8: 0011, the
// position, the total less one, the parity.
func TestStructuredAppendHeader(t *testing.T) {
	var e Encoder
	var s Symbol
	if err := e.EncodeTo(&s, []byte("AB"), &Options{Append: StructuredAppend{Index: 1, Total: 3, Parity: 0xAB}}); err != nil {
		t.Fatal(err)
	}
	// 0011 0001 0010 1010 1011, then alphanumeric 0010.
	if got := e.stream[:3]; got[0] != 0x31 || got[1] != 0x2A || got[2] != 0xB2 {
		t.Errorf("stream starts % x, want 31 2a b2", got)
	}
	r, err := zxingDecode(&s)
	if err != nil || r.GetText() != "AB" {
		t.Errorf("gozxing reads %v, %v", r, err)
	}
}

// TestFNC1Errors checks the errors of the new options.
func TestFNC1Errors(t *testing.T) {
	var e Encoder
	for _, c := range []struct {
		data string
		o    Options
		want error
		msg  string
	}{
		{"(01)09506000134353", Options{GS1: true}, ErrInvalidGS1, "(01): check digit 3, want 2 (at character 18)"},
		{"01095060001343522", Options{GS1: true}, ErrInvalidGS1, "'0' where an AI in parentheses should start (at character 1)"},
		{"", Options{GS1: true}, ErrInvalidGS1, "empty element string"},
		{"1", Options{GS1: true, AIM: "01"}, ErrInvalidOption, "GS1 and AIM"},
		{"1", Options{AIM: "1"}, ErrInvalidOption, `application indicator "1"`},
		{"1", Options{AIM: "123"}, ErrInvalidOption, `application indicator "123"`},
		{"1", Options{AIM: "%"}, ErrInvalidOption, `application indicator "%"`},
		{"1", Options{Append: StructuredAppend{Index: 2, Total: 2}}, ErrInvalidOption, "position 2 of 2"},
		{"1", Options{Append: StructuredAppend{Index: 0, Total: 17}}, ErrInvalidOption, "position 0 of 17"},
		{"1", Options{Append: StructuredAppend{Index: 0, Total: 1}}, ErrInvalidOption, "position 0 of 1"},
		{"1", Options{Append: StructuredAppend{Parity: 3}}, ErrInvalidOption, "position 0 of 0"},
		{"(01)09506000134352", Options{GS1: true, Format: MicroQR, Level: L}, ErrInvalidOption, "Micro QR has no FNC1"},
		{"1", Options{AIM: "01", Format: MicroQR, Level: L}, ErrInvalidOption, "Micro QR has no FNC1"},
		{"1", Options{Append: StructuredAppend{Index: 0, Total: 2}, Format: RMQR}, ErrInvalidOption, "rMQR has no structured append"},
		{"1", Options{Append: StructuredAppend{Index: 0, Total: 2}, Format: MicroQR, Level: L}, ErrInvalidOption, "Micro QR has no structured append"},
	} {
		var s Symbol
		err := e.EncodeTo(&s, []byte(c.data), &c.o)
		if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%q %+v: %v, want %v with %q", c.data, c.o, err, c.want, c.msg)
		}
		if !sameSymbol(&s, &Symbol{}) {
			t.Errorf("%q: dst changed on error", c.data)
		}
	}
	var ge *GS1Error
	err := e.EncodeTo(&Symbol{}, []byte("(17)261232"), &Options{GS1: true})
	if !errors.As(err, &ge) || ge.AI != "17" || ge.Pos != 9 {
		t.Errorf("errors.As GS1Error: %v %+v", err, ge)
	}
}

// TestFNC1Allocs keeps the plain path free of allocations.
func TestFNC1Allocs(t *testing.T) {
	var e Encoder
	var s Symbol
	data := []byte(w1)
	o := &Options{AIM: "37"}
	if n := testing.AllocsPerRun(20, func() { e.EncodeTo(&s, data, nil) }); n != 0 {
		t.Errorf("plain EncodeTo: %v allocations", n)
	}
	if n := testing.AllocsPerRun(20, func() { e.EncodeTo(&s, data, o) }); n != 0 {
		t.Errorf("AIM EncodeTo: %v allocations", n)
	}
}
