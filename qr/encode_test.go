package qr

import (
	"errors"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/encode"
)

const w1 = "https://example.com/product/0123456789?batch=42"

func TestEncodeW1(t *testing.T) {
	c, err := Encode(w1, H)
	if err != nil {
		t.Fatal(err)
	}
	if c.Version() != 5 || c.Level() != H || c.Size() != 37 || c.Mask() < 0 || c.Mask() > 7 {
		t.Fatalf("W1: version %d level %v size %d mask %d, want 5-H, size 37", c.Version(), c.Level(), c.Size(), c.Mask())
	}
	if c.Module(-1, 0) || c.Module(37, 0) || !c.Module(0, 0) {
		t.Fatal("Module: the finder corner is dark and outside is light")
	}
}

// sameAs checks that c equals what the encode package makes of data with o.
func sameAs(t *testing.T, c *Code, data string, o encode.Options) {
	t.Helper()
	var e encode.Encoder
	var s encode.Symbol
	if err := e.EncodeTo(&s, []byte(data), &o); err != nil {
		t.Fatal(err)
	}
	if !sameSymbol(c.Symbol(), &s) {
		t.Fatalf("%q: Code differs from encode with %+v", data, o)
	}
}

func TestEncodeOptions(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		bytes bool
		level Level
		opts  []Option
		want  encode.Options
	}{
		{"default", "héllo", false, H, nil, encode.Options{Level: encode.H}},
		{"zero level is H", "hello", false, 0, nil, encode.Options{Level: encode.H}},
		{"no eci", "héllo", false, M, []Option{NoECI()}, encode.Options{Level: encode.M, ECI: encode.ECINone}},
		{"bytes", "héllo", true, M, nil, encode.Options{Level: encode.M, ECI: encode.ECINone}},
		{"bytes utf8", "héllo", true, M, []Option{UTF8ECI()}, encode.Options{Level: encode.M, ECI: encode.ECIUTF8}},
		{"kanji", "漢字テスト", false, Q, []Option{Kanji()}, encode.Options{Level: encode.Q, Kanji: true}},
		{"versions", "x", false, L, []Option{MinVersion(3), MaxVersion(9)}, encode.Options{Level: encode.L, MinVersion: 3, MaxVersion: 9}},
		{"mask", "x", false, L, []Option{Mask(6)}, encode.Options{Level: encode.L, Mask: encode.MaskPattern(6)}},
		{"boost", "x", false, L, []Option{BoostLevel()}, encode.Options{Level: encode.L, BoostLevel: true}},
		{"render options ignored", "x", false, L, []Option{Scale(3), QuietZone(0)}, encode.Options{Level: encode.L}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c *Code
			var err error
			if tc.bytes {
				c, err = EncodeBytes([]byte(tc.text), tc.level, tc.opts...)
			} else {
				c, err = Encode(tc.text, tc.level, tc.opts...)
			}
			if err != nil {
				t.Fatal(err)
			}
			sameAs(t, c, tc.text, tc.want)
		})
	}
	a, _ := Encode("héllo", H)
	b, _ := Encode("héllo", H, NoECI())
	if sameSymbol(a.Symbol(), b.Symbol()) {
		t.Fatal("NoECI made no difference on non-ASCII text")
	}
}

func TestEncodeErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		level Level
		opts  []Option
		want  error
	}{
		{"level", "x", H + 1, nil, ErrInvalidOption},
		{"negative level", "x", -1, nil, ErrInvalidOption},
		{"min version", "x", H, []Option{MinVersion(0)}, ErrInvalidOption},
		{"max version", "x", H, []Option{MaxVersion(41)}, ErrInvalidOption},
		{"min above max", "x", H, []Option{MinVersion(9), MaxVersion(3)}, ErrInvalidOption},
		{"mask", "x", H, []Option{Mask(8)}, ErrInvalidOption},
		{"too long", strings.Repeat("x", 3000), L, nil, ErrTooLong},
		{"too long for max version", strings.Repeat("x", 30), H, []Option{MaxVersion(2)}, ErrTooLong},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Encode(tc.text, tc.level, tc.opts...)
			if c != nil || !errors.Is(err, tc.want) || !errors.Is(err, encode.ErrInvalidOption) && !errors.Is(err, encode.ErrTooLong) {
				t.Fatalf("Encode = %v, %v; want nil, %v", c, err, tc.want)
			}
			var tl *TooLongError
			if errors.As(err, &tl) != (tc.want == ErrTooLong) {
				t.Fatalf("errors.As(%v, *TooLongError) wrong", err)
			}
			// Re-encoding into an existing Code leaves it unchanged on error.
			old, _ := Encode("keep", M)
			keep := snapCode(old)
			if err := old.Encode(tc.text, tc.level, tc.opts...); !errors.Is(err, tc.want) || !reflect.DeepEqual(snapCode(old), keep) {
				t.Fatalf("Code.Encode: err %v, code changed %v", err, !reflect.DeepEqual(snapCode(old), keep))
			}
		})
	}
}

// TestEncodeAllocSize checks what one-shot Encode allocates for W1: the
// Code and the rows of its version-5 symbol (37 rows of 24 bytes), not a
// matrix sized for version 40 (4.2 KiB).
func TestEncodeAllocSize(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("allocation counts differ under coverage and the race detector")
	}
	// The budget in bytes per call leaves room for the encoder pool's
	// refills after a collection; the first call fills it.
	const runs, budget = 1000, 2048
	if _, err := Encode(w1, H); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		if _, err := Encode(w1, H); err != nil {
			t.Fatal(err)
		}
	}
	runtime.ReadMemStats(&after)
	n := (after.TotalAlloc - before.TotalAlloc) / runs
	t.Logf("Encode(W1, H): %d bytes per call", n)
	if n > budget {
		t.Errorf("Encode(W1, H) allocates %d bytes per call, budget %d", n, budget)
	}
	if n := testing.AllocsPerRun(50, func() { _, _ = Encode(w1, H) }); n > 2 {
		t.Errorf("Encode(W1, H) allocates %v times per call, want 2 (the Code and its rows)", n)
	}
}

// TestReencodeAllocs checks that re-encoding into an existing Code with
// options built ahead allocates nothing.
func TestReencodeAllocs(t *testing.T) {
	var c Code
	opts := []Option{MinVersion(2), Mask(3), Scale(10)}
	if err := c.Encode(w1, H, opts...); err != nil {
		t.Fatal(err)
	}
	if a := testing.AllocsPerRun(50, func() {
		if err := c.Encode(w1, H, opts...); err != nil {
			t.Fatal(err)
		}
	}); a != 0 {
		t.Fatalf("Code.Encode allocates %v times per call, want 0", a)
	}
	data := []byte(w1)
	if a := testing.AllocsPerRun(50, func() { _ = c.EncodeBytes(data, Q) }); a != 0 {
		t.Fatalf("Code.EncodeBytes allocates %v times per call, want 0", a)
	}
}

func TestEncodeConcurrent(t *testing.T) {
	want, err := Encode(w1, H)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	for g := 0; g < 4; g++ {
		go func() {
			for i := 0; i < 20; i++ {
				c, err := Encode(w1, H)
				if err == nil && !reflect.DeepEqual(snapCode(c), snapCode(want)) {
					err = errors.New("concurrent Encode gave a different symbol")
				}
				if err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}

// codeSnap is a deep copy of a Code, for comparisons: copying a Code value
// shares its symbol's rows.
type codeSnap struct {
	sym     symbolSnap
	render  rendering
	payload uint64
	checked *Report
}

// symbolSnap is a deep copy of an encode.Symbol.
type symbolSnap struct {
	format, version, level, mask, width, height int
	rows                                        [][]uint64
}

func snapCode(c *Code) codeSnap {
	return codeSnap{snapSymbol(&c.sym), c.render, c.payload, c.checked}
}

func snapSymbol(s *encode.Symbol) symbolSnap {
	ss := symbolSnap{int(s.Format()), int(s.Version()), int(s.Level()), s.Mask(), s.Width(), s.Height(), nil}
	for y := range s.Height() {
		ss.rows = append(ss.rows, slices.Clone(s.Row(y)))
	}
	return ss
}

// sameSymbol reports whether a and b hold the same symbol, modules included.
func sameSymbol(a, b *encode.Symbol) bool {
	return reflect.DeepEqual(snapSymbol(a), snapSymbol(b))
}
