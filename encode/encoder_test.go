package encode

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestAnnexI follows the worked example of ISO/IEC 18004:2015 Annex I:
// "01234567" as version 1-M, data codewords, error correction codewords,
// and format information of mask pattern 010.
func TestAnnexI(t *testing.T) {
	var e Encoder
	var s Symbol
	if err := e.EncodeTo(&s, []byte("01234567"), &Options{Level: M, Mask: MaskPattern(2)}); err != nil {
		t.Fatal(err)
	}
	if s.Version() != 1 || s.Level() != M || s.Mask() != 2 || s.Size() != 21 {
		t.Fatalf("got %d-%v mask %d size %d", s.Version(), s.Level(), s.Mask(), s.Size())
	}
	wantData := []byte{0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11}
	wantECC := []byte{0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55}
	if got := e.final[:26]; !bytes.Equal(got, append(wantData, wantECC...)) {
		t.Fatalf("codewords\n% X\nwant\n% X % X", got, wantData, wantECC)
	}
	// Format information 101111001111100 (Annex I), most significant bit
	// first: around the top-left finder from (8,0) down, then left along
	// row 8; the second copy from (20,8) leftwards then down column 8.
	const format = "101111001111100"
	var first, second strings.Builder
	for i := 14; i >= 0; i-- {
		xy := planFor(1).format[0][i]
		first.WriteByte(bit(s.Module(int(xy[0]), int(xy[1]))))
		xy = planFor(1).format[1][i]
		second.WriteByte(bit(s.Module(int(xy[0]), int(xy[1]))))
	}
	if first.String() != format || second.String() != format {
		t.Fatalf("format information %s and %s, want %s", first.String(), second.String(), format)
	}
	if !s.Module(8, 13) {
		t.Fatal("the dark module (8, 4V+9) is light")
	}
}

func bit(b bool) byte {
	if b {
		return '1'
	}
	return '0'
}

// TestFunctionPatterns checks finder, timing and separator modules of every
// version in the finished symbol.
func TestFunctionPatterns(t *testing.T) {
	var e Encoder
	var s Symbol
	for v := MinVersion; v <= MaxVersion; v++ {
		if err := e.EncodeTo(&s, []byte("x"), &Options{MinVersion: v}); err != nil {
			t.Fatal(err)
		}
		n := s.Size()
		finder := []string{"11111110", "10000010", "10111010", "10111010", "10111010", "10000010", "11111110", "00000000"}
		for y, row := range finder {
			for x := range row {
				want := row[x] == '1'
				if s.Module(x, y) != want || s.Module(n-1-x, y) != want || s.Module(x, n-1-y) != want {
					t.Fatalf("version %d: finder module (%d,%d) wrong", v, x, y)
				}
			}
		}
		for i := 8; i < n-8; i++ {
			if s.Module(i, 6) != (i%2 == 0) || s.Module(6, i) != (i%2 == 0) {
				t.Fatalf("version %d: timing module %d wrong", v, i)
			}
		}
		if s.Module(n, 0) || s.Module(0, n) || s.Module(-1, 0) {
			t.Fatal("modules outside the symbol must read light")
		}
		for y := 0; y < n; y++ {
			if r := s.Row(y); len(r) != (n+63)/64 || n%64 != 0 && r[len(r)-1]<<uint(n%64) != 0 {
				t.Fatalf("version %d row %d: bits past the edge are set", v, y)
			}
		}
	}
}

func TestOptionErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		data string
		opts Options
		want error
	}{
		{"level", "x", Options{Level: H + 1}, ErrInvalidOption},
		{"min version 41", "x", Options{MinVersion: 41}, ErrInvalidOption},
		{"max version 41", "x", Options{MaxVersion: 41}, ErrInvalidOption},
		{"min above max", "x", Options{MinVersion: 5, MaxVersion: 4}, ErrInvalidOption},
		{"mask 8", "x", Options{Mask: MaskPattern(8)}, ErrInvalidOption},
		{"mask 9", "x", Options{Mask: Mask(10)}, ErrInvalidOption},
		{"eci", "x", Options{ECI: ECIUTF8 + 1}, ErrInvalidOption},
		{"mode", "x", Options{Mode: ModeKanji + 1}, ErrInvalidOption},
		{"numeric letters", "12a", Options{Mode: ModeNumeric}, ErrInvalidOption},
		{"alphanumeric lower case", "ab", Options{Mode: ModeAlphanumeric}, ErrInvalidOption},
		{"kanji ascii", "漢a", Options{Mode: ModeKanji}, ErrInvalidOption},
		{"too long for 40-L", strings.Repeat("z", 2954), Options{Level: L}, ErrTooLong},
		{"too long for max version", strings.Repeat("z", 20), Options{MaxVersion: 1}, ErrTooLong},
		{"far too long", strings.Repeat("9", maxInput+1), Options{}, ErrTooLong},
	} {
		t.Run(c.name, func(t *testing.T) {
			var e Encoder
			var s Symbol
			if err := e.EncodeTo(&s, []byte("before"), nil); err != nil {
				t.Fatal(err)
			}
			before := cloneSymbol(&s)
			err := e.EncodeTo(&s, []byte(c.data), &c.opts)
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			if !sameSymbol(&s, &before) {
				t.Fatal("dst changed on error")
			}
			var tl *TooLongError
			if errors.As(err, &tl) != (c.want == ErrTooLong) {
				t.Fatalf("errors.As TooLongError = %v for %v", !(c.want == ErrTooLong), err)
			}
			if tl != nil && (tl.NeededBits <= tl.AvailableBits || tl.AvailableBits <= 0) {
				t.Fatalf("TooLongError %+v", *tl)
			}
		})
	}
}

func TestNilDestination(t *testing.T) {
	var e Encoder
	if err := e.EncodeTo(nil, []byte("x"), nil); !errors.Is(err, ErrInvalidOption) {
		t.Fatalf("nil dst: err = %v, want ErrInvalidOption", err)
	}
}

func TestTooLongBits(t *testing.T) {
	var e Encoder
	var s Symbol
	err := e.EncodeTo(&s, []byte(strings.Repeat("z", 2954)), &Options{Level: L})
	var tl *TooLongError
	if !errors.As(err, &tl) || tl.NeededBits != 4+16+8*2954 || tl.AvailableBits != 8*2956 {
		t.Fatalf("err %v, want needed %d available %d", err, 4+16+8*2954, 8*2956)
	}
}

func TestVersionAndLevelOptions(t *testing.T) {
	var e Encoder
	var s Symbol
	check := func(data string, o Options, v Version, l Level) {
		t.Helper()
		if err := e.EncodeTo(&s, []byte(data), &o); err != nil {
			t.Fatal(err)
		}
		if s.Version() != v || s.Level() != l {
			t.Fatalf("%q %+v: %d-%v, want %d-%v", data, o, s.Version(), s.Level(), v, l)
		}
	}
	check("hello", Options{}, 1, H)
	check("hello", Options{Level: L}, 1, L)
	check("hello", Options{Level: L, BoostLevel: true}, 1, H)
	check(strings.Repeat("a", 14), Options{Level: L, BoostLevel: true}, 1, M) // 14 bytes: 1-M exactly (Table 7)
	check("hello", Options{MinVersion: 10}, 10, H)
	check("hello", Options{MinVersion: 27, MaxVersion: 27}, 27, H)
	check(strings.Repeat("a", 84), Options{MinVersion: 2}, 8, H) // 8-H holds 84 bytes (Table 7)
	check(strings.Repeat("a", 85), Options{MinVersion: 2}, 9, H)
	for m := 0; m < 8; m++ {
		if err := e.EncodeTo(&s, []byte("hello"), &Options{Mask: MaskPattern(m)}); err != nil || s.Mask() != m {
			t.Fatalf("forced mask %d: got %d, %v", m, s.Mask(), err)
		}
	}
}

// TestECI checks when the ECI 26 designator (0111 00011010) starts the bit
// stream.
func TestECI(t *testing.T) {
	for _, c := range []struct {
		data string
		opts Options
		eci  bool
		mode uint8 // first mode indicator after the ECI
	}{
		{"hello", Options{}, false, 0b0100},
		{"hello", Options{ECI: ECIUTF8}, true, 0b0100},
		{"héllo", Options{}, true, 0b0100},
		{"héllo", Options{ECI: ECINone}, false, 0b0100},
		{"漢字", Options{}, true, 0b0100},
		{"漢字", Options{Kanji: true}, false, 0b1000},
		// Kanji segments only when the whole text is Shift JIS: never
		// beside UTF-8 bytes or under ECI 26, which readers misread.
		{"漢字é", Options{Kanji: true}, true, 0b0100},
		{"漢字", Options{Kanji: true, ECI: ECIUTF8}, true, 0b0100},
		{"漢字é", Options{Kanji: true, ECI: ECINone}, false, 0b0100},
		{"漢字", Options{Kanji: true, Mode: ModeByte}, true, 0b0100},
		{"12345", Options{}, false, 0b0001},
	} {
		var e Encoder
		var s Symbol
		if err := e.EncodeTo(&s, []byte(c.data), &c.opts); err != nil {
			t.Fatal(err)
		}
		st := e.stream
		gotECI := st[0] == 0x71 && st[1]>>4 == 0xA
		mode := st[0] >> 4
		if gotECI {
			mode = st[1] & 0xF
		}
		if gotECI != c.eci || mode != c.mode {
			t.Errorf("%q %+v: ECI %v mode %04b, want ECI %v mode %04b", c.data, c.opts, gotECI, mode, c.eci, c.mode)
		}
	}
}

func TestNilAndEmpty(t *testing.T) {
	var e Encoder
	var s Symbol
	if err := e.EncodeTo(&s, nil, nil); err != nil || s.Version() != 1 || s.Level() != H {
		t.Fatalf("empty input: %d-%v %v", s.Version(), s.Level(), err)
	}
	var zero Symbol
	if zero.Size() != 0 || zero.Mask() != -1 || zero.Module(0, 0) || zero.Row(0) != nil {
		t.Fatal("zero Symbol must be empty")
	}
}

// TestReuse checks that an Encoder and a Symbol used for a large symbol and
// then a small one give the same result as fresh ones.
func TestReuse(t *testing.T) {
	var used Encoder
	var s1 Symbol
	if err := used.EncodeTo(&s1, bytes.Repeat([]byte("x"), 2000), &Options{Level: L}); err != nil {
		t.Fatal(err)
	}
	if err := used.EncodeTo(&s1, []byte(w1), nil); err != nil {
		t.Fatal(err)
	}
	var fresh Encoder
	var s2 Symbol
	if err := fresh.EncodeTo(&s2, []byte(w1), nil); err != nil {
		t.Fatal(err)
	}
	if !sameSymbol(&s1, &s2) {
		t.Fatal("reused Encoder and Symbol differ from fresh ones")
	}
}

func TestEncodeToAllocs(t *testing.T) {
	for _, w := range workloads() {
		var e Encoder
		var s Symbol
		if err := e.EncodeTo(&s, w.data, &w.opts); err != nil {
			t.Fatal(err)
		}
		if a := testing.AllocsPerRun(20, func() { _ = e.EncodeTo(&s, w.data, &w.opts) }); a != 0 {
			t.Errorf("%s: %v allocs per EncodeTo, want 0", w.name, a)
		}
	}
}

type workload struct {
	name string
	data []byte
	opts Options
}

// workloads returns the project's standard encoder workloads W1, W2, W3, W5.
func workloads() []workload {
	fox := strings.Repeat("The quick brown fox jumps over the lazy dog 0123456789. ", 20)[:1000]
	return []workload{
		{"W1_url", []byte(w1), Options{Level: H}},
		{"W2_1k", []byte(fox), Options{Level: H}},
		{"W3_numeric", []byte(strings.Repeat("0123456789", 50)), Options{Level: M}},
		{"W5_max", bytes.Repeat([]byte{0xA5}, 2953), Options{Level: L, MinVersion: 40, ECI: ECINone}},
	}
}

func BenchmarkEncodeTo(b *testing.B) {
	for _, w := range workloads() {
		b.Run(w.name, func(b *testing.B) {
			var e Encoder
			var s Symbol
			b.ReportAllocs()
			for b.Loop() {
				if err := e.EncodeTo(&s, w.data, &w.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// cloneSymbol returns a copy of s with rows of its own: copying a Symbol
// value shares them.
func cloneSymbol(s *Symbol) Symbol {
	c := *s
	c.rows = slices.Clone(s.rows)
	return c
}

// sameSymbol reports whether a and b hold the same symbol, rows included.
func sameSymbol(a, b *Symbol) bool {
	return a.format == b.format && a.version == b.version && a.level == b.level &&
		a.mask == b.mask && a.width == b.width && a.height == b.height &&
		slices.Equal(a.rows, b.rows)
}
