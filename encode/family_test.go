package encode

import (
	"errors"
	"math/bits"
	"strings"
	"testing"
)

// TestFamilyChoice checks the version and level chosen for Micro QR and
// rMQR: defaults, M1 at level L only, smallest area for rMQR, MaxHeight,
// version bounds and BoostLevel.
func TestFamilyChoice(t *testing.T) {
	for _, c := range []struct {
		name string
		data string
		opts Options
		v    Version
		l    Level
		w, h int
	}{
		{"micro default level M", "12345", Options{Format: MicroQR}, 2, M, 13, 13},
		{"micro M1 at L", "12345", Options{Format: MicroQR, Level: L}, 1, L, 11, 11},
		{"micro M1 holds 5 digits", "123456", Options{Format: MicroQR, Level: L}, 2, L, 13, 13},
		{"micro letters need M2", "AB", Options{Format: MicroQR, Level: L}, 2, L, 13, 13},
		{"micro bytes need M3", "ab", Options{Format: MicroQR, Level: L}, 3, L, 15, 15},
		{"micro Q is M4", "1", Options{Format: MicroQR, Level: Q}, 4, Q, 17, 17},
		{"micro boost", "1", Options{Format: MicroQR, Level: L, MinVersion: 4, BoostLevel: true}, 4, Q, 17, 17},
		{"micro M1 boosts nowhere", "1", Options{Format: MicroQR, Level: L, BoostLevel: true}, 1, L, 11, 11},
		{"micro M4-L full", strings.Repeat("9", 35), Options{Format: MicroQR, Level: L}, 4, L, 17, 17},
		{"micro kanji", "日本", Options{Format: MicroQR, Level: L, Kanji: true}, 3, L, 15, 15},
		{"rmqr default H, smallest area", "1", Options{Format: RMQR}, 11, H, 27, 11},
		{"rmqr at M", "1234567890", Options{Format: RMQR, Level: M}, 11, M, 27, 11},
		{"rmqr height 7", "1", Options{Format: RMQR, MaxHeight: 7}, 1, H, 43, 7},
		{"rmqr height 8 means 7", "1", Options{Format: RMQR, MaxHeight: 8}, 1, H, 43, 7},
		{"rmqr R7x99 before R9x77", strings.Repeat("a", 24), Options{Format: RMQR, Level: M, MaxHeight: 9, MinVersion: 3}, 4, M, 99, 7},
		{"rmqr version range", "1", Options{Format: RMQR, MinVersion: 20, MaxVersion: 22}, 20, H, 77, 13},
		{"rmqr boost", "1", Options{Format: RMQR, Level: M, BoostLevel: true}, 11, H, 27, 11},
		{"rmqr largest", strings.Repeat("a", 150), Options{Format: RMQR, Level: M}, 32, M, 139, 17},
		{"rmqr eci", "é", Options{Format: RMQR}, 11, H, 27, 11},
	} {
		t.Run(c.name, func(t *testing.T) {
			var e Encoder
			var s Symbol
			if err := e.EncodeTo(&s, []byte(c.data), &c.opts); err != nil {
				t.Fatal(err)
			}
			if s.Format() != c.opts.Format || s.Version() != c.v || s.Level() != c.l || s.Width() != c.w || s.Height() != c.h || s.Size() != c.w {
				t.Fatalf("%v %d-%v %d×%d, want %d-%v %d×%d", s.Format(), s.Version(), s.Level(), s.Width(), s.Height(), c.v, c.l, c.w, c.h)
			}
		})
	}
}

// TestFamilySmallestArea checks, for data of every length up to the
// largest rMQR symbol, that no version of smaller area (or of equal area
// and lower number) holds it.
func TestFamilySmallestArea(t *testing.T) {
	var e Encoder
	var s Symbol
	for n := 1; n <= 361; n += 7 {
		data := []byte(strings.Repeat("7", n))
		for _, l := range []Level{M, H} {
			err := e.EncodeTo(&s, data, &Options{Format: RMQR, Level: l})
			if errors.Is(err, ErrTooLong) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			area := s.Width() * s.Height()
			for v := Version(1); v <= 32; v++ {
				w, h := RMQR.Size(v)
				if w*h > area || w*h == area && v >= s.Version() {
					continue
				}
				if e.EncodeTo(new(Symbol), data, &Options{Format: RMQR, Level: l, MinVersion: v, MaxVersion: v}) == nil {
					t.Errorf("%d digits at %v: chose version %d (%d modules), but version %d (%d) holds them", n, l, s.Version(), area, v, w*h)
				}
			}
		}
	}
}

// TestFamilyOptionErrors checks the options each format refuses.
func TestFamilyOptionErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		data string
		opts Options
		want error
	}{
		{"format", "1", Options{Format: RMQR + 1}, ErrInvalidOption},
		{"micro H", "1", Options{Format: MicroQR, Level: H}, ErrInvalidOption},
		{"rmqr L", "1", Options{Format: RMQR, Level: L}, ErrInvalidOption},
		{"rmqr Q", "1", Options{Format: RMQR, Level: Q}, ErrInvalidOption},
		{"micro version 5", "1", Options{Format: MicroQR, MaxVersion: 5}, ErrInvalidOption},
		{"rmqr version 33", "1", Options{Format: RMQR, MinVersion: 33}, ErrInvalidOption},
		{"micro mask 4", "1", Options{Format: MicroQR, Mask: MaskPattern(4)}, ErrInvalidOption},
		{"rmqr mask 1", "1", Options{Format: RMQR, Mask: MaskPattern(1)}, ErrInvalidOption},
		{"micro eci", "1", Options{Format: MicroQR, ECI: ECIUTF8}, ErrInvalidOption},
		{"max height for QR", "1", Options{MaxHeight: 9}, ErrInvalidOption},
		{"max height for Micro QR", "1", Options{Format: MicroQR, MaxHeight: 11}, ErrInvalidOption},
		{"max height 5", "1", Options{Format: RMQR, MaxHeight: 5}, ErrInvalidOption},
		{"micro Q below M4", "1", Options{Format: MicroQR, Level: Q, MaxVersion: 3}, ErrInvalidOption},
		{"micro M in M1", "1", Options{Format: MicroQR, Level: M, MaxVersion: 1}, ErrInvalidOption},
		{"micro letters in M1", "A", Options{Format: MicroQR, Level: L, MaxVersion: 1}, ErrInvalidOption},
		{"micro bytes in M2", "a", Options{Format: MicroQR, Level: L, MaxVersion: 2}, ErrInvalidOption},
		{"micro kanji forced in M2", "日", Options{Format: MicroQR, Level: L, MaxVersion: 2, Mode: ModeKanji}, ErrInvalidOption},
		{"micro forced numeric letters", "A", Options{Format: MicroQR, Mode: ModeNumeric}, ErrInvalidOption},
		{"rmqr height and versions", "1", Options{Format: RMQR, MaxHeight: 7, MinVersion: 6}, ErrInvalidOption},
		{"micro too long", strings.Repeat("1", 36), Options{Format: MicroQR, Level: L}, ErrTooLong},
		{"micro M2 too long", strings.Repeat("1", 11), Options{Format: MicroQR, Level: L, MaxVersion: 2}, ErrTooLong},
		{"rmqr too long", strings.Repeat("a", 300), Options{Format: RMQR}, ErrTooLong},
		{"rmqr height too long", strings.Repeat("a", 60), Options{Format: RMQR, MaxHeight: 7}, ErrTooLong},
		{"rmqr far too long", strings.Repeat("9", maxInput+1), Options{Format: RMQR}, ErrTooLong},
	} {
		t.Run(c.name, func(t *testing.T) {
			var e Encoder
			var s Symbol
			if err := e.EncodeTo(&s, []byte("1"), &Options{Format: MicroQR, Level: L}); err != nil {
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
			if errors.As(err, &tl) && (tl.NeededBits <= tl.AvailableBits || tl.AvailableBits <= 0) {
				t.Fatalf("TooLongError %+v", *tl)
			}
		})
	}
}

// TestFamilyTooLongBits checks the bits a TooLongError reports: those of
// the allowed version holding the most, R17x139 for rMQR (152 data
// codewords at M) and M4 for Micro QR (128 data bits at L).
func TestFamilyTooLongBits(t *testing.T) {
	var e Encoder
	var s Symbol
	var tl *TooLongError
	err := e.EncodeTo(&s, []byte(strings.Repeat("z", 160)), &Options{Format: RMQR, Level: M})
	if !errors.As(err, &tl) || tl.NeededBits != 3+8+8*160 || tl.AvailableBits != 8*152 {
		t.Errorf("rMQR: %v", err)
	}
	err = e.EncodeTo(&s, []byte(strings.Repeat("1", 36)), &Options{Format: MicroQR, Level: L})
	if !errors.As(err, &tl) || tl.NeededBits != 3+6+120 || tl.AvailableBits != 128 {
		t.Errorf("Micro QR: %v", err)
	}
}

// TestFamilyStreams checks bit streams worked out by hand from the
// standards: M1's 4-bit last data codeword and its padding, M2's 1-bit
// indicator, rMQR's 3-bit indicators and ECI.
func TestFamilyStreams(t *testing.T) {
	for _, c := range []struct {
		name string
		data string
		opts Options
		want []byte // data codewords; the last of M1 and M3 in the high nibble
	}{
		// M1: no indicator, count 3 bits (5 = 101), 12345 as 123 (0001111011)
		// and 45 (0101101), then 20 − 20 = 0 terminator bits.
		{"M1 full", "12345", Options{Format: MicroQR, Level: L}, []byte{0b10100011, 0b11011010, 0b1101 << 4}},
		// M1: count 001, digit 1 (0001), terminator 000, zeros to the
		// byte, then the 4-bit last codeword padded with 0000.
		{"M1 one digit", "1", Options{Format: MicroQR, Level: L}, []byte{0b00100010, 0b00000000, 0}},
		// M2-L: indicator 1 (alphanumeric), count 3 bits (2 = 010), AB
		// as 10·45+11 = 461 (00111001101), terminator 00000, pad 0xEC 0x11.
		{"M2 letters", "AB", Options{Format: MicroQR, Level: L}, []byte{0b10100011, 0b10011010, 0b00000000, 0xEC, 0x11}},
		// rMQR R11x27-H: indicator 111 (ECI), designator 26, 011 byte
		// mode, count 3 bits (2), C3 A9 ("é"), terminator 000.
		{"rMQR eci", "é", Options{Format: RMQR}, []byte{0b11100011, 0b01001101, 0b01100001, 0b11010100, 0b10000000}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var e Encoder
			var s Symbol
			if err := e.EncodeTo(&s, []byte(c.data), &c.opts); err != nil {
				t.Fatal(err)
			}
			got := e.stream[:c.opts.Format.family().DataCodewords(int(s.Version()), s.Level().spec())]
			if string(got) != string(c.want) {
				t.Fatalf("stream %08b, want %08b", got, c.want)
			}
		})
	}
}

// TestLayouts checks every Micro QR and rMQR layout: the placement visits
// each data module once, the data region has the tables' number of
// modules, and no function module or module outside the symbol is data.
func TestLayouts(t *testing.T) {
	for _, f := range []Format{MicroQR, RMQR} {
		first, last := f.Versions()
		for v := first; v <= last; v++ {
			l := layoutFor(f, v)
			region := 0
			inside := prefix(l.width)
			for y := range l.data {
				for k, w := range l.data[y] {
					region += bits.OnesCount64(w)
					if y >= l.height && w != 0 || w&^inside[k] != 0 || l.base[y][k]&^inside[k] != 0 {
						t.Fatalf("%v %d: modules outside the %d×%d symbol in row %d", f, v, l.width, l.height, y)
					}
				}
			}
			if want := f.family().RawDataModules(int(v)); region != want {
				t.Fatalf("%v %d: %d data modules, want %d", f, v, region, want)
			}
			var seen matrix
			visits := 0
			for _, o := range l.steps {
				for _, yc := range stepModules(o) {
					y, w, s, c := yc.y, yc.w, yc.s, yc.mask
					if l.data[y][w]&c == 0 || seen[y][w]&c != 0 || l.base[y][w]&c != 0 {
						t.Fatalf("%v %d: placement visits row %d word %d bit %d twice, outside the data region or on a dark function module", f, v, y, w, s)
					}
					seen[y][w] |= c
					visits++
				}
			}
			if visits != region {
				t.Fatalf("%v %d: placement visits %d of %d data modules", f, v, visits, region)
			}
		}
	}
}

// TestFamilyAllocs checks that EncodeTo does not allocate for Micro QR and
// rMQR once the layouts exist.
func TestFamilyAllocs(t *testing.T) {
	for _, w := range familyWorkloads() {
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

// familyWorkloads are Micro QR and rMQR encodings for the allocation test
// and the benchmarks: a part number in M3, a serial in M4, a URL in the
// default rMQR, and the same limited to 7 rows.
func familyWorkloads() []workload {
	return []workload{
		{"micro_M2_digits", []byte("01234567"), Options{Format: MicroQR}},
		{"micro_M4_part", []byte("PN-4711/B rev.C"), Options{Format: MicroQR, Level: L}},
		{"rmqr_url", []byte("https://example.com/p/12345"), Options{Format: RMQR}},
		{"rmqr_7rows", []byte("LOT 2026-0042 EXP 12/27"), Options{Format: RMQR, Level: M, MaxHeight: 7}},
	}
}

func BenchmarkEncodeToFamilies(b *testing.B) {
	for _, w := range familyWorkloads() {
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
