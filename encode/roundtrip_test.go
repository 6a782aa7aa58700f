package encode

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

// expectedText returns the text gozxing's decoder should return for data as
// e last encoded it: kanji segments come back as the characters, byte
// segments as UTF-8 after an ECI 26 and as ISO-8859-1 (the hint) without.
// ok is false when that text is not determined (invalid UTF-8 after ECI).
func expectedText(e *Encoder, data []byte, o Options, eci bool) (string, bool) {
	var b strings.Builder
	modeOf := func(i int) int {
		if o.Mode != ModeAuto {
			return int(o.Mode) - int(ModeNumeric)
		}
		return int(e.seg.modeAt[i])
	}
	for i := 0; i < len(data); {
		m := modeOf(i)
		j := i
		for j < len(data) && modeOf(j) == m {
			j++
		}
		seg := data[i:j]
		switch {
		case m == segByte && eci:
			if !utf8.Valid(seg) {
				return "", false
			}
			b.Write(seg)
		case m == segByte:
			for _, c := range seg {
				b.WriteRune(rune(c))
			}
		default:
			b.Write(seg)
		}
		i = j
	}
	return b.String(), true
}

// usesECI reports whether the last stream e wrote starts with ECI 26.
func usesECI(e *Encoder) bool { return e.stream[0] == 0x71 && e.stream[1]>>4 == 0xA }

func roundTrip(t *testing.T, e *Encoder, data []byte, o Options) *Symbol {
	t.Helper()
	var s Symbol
	if err := e.EncodeTo(&s, data, &o); err != nil {
		t.Fatalf("%q %+v: %v", data, o, err)
	}
	r, err := zxingDecode(&s)
	if err != nil {
		t.Fatalf("%q %+v: gozxing cannot decode %d-%v mask %d: %v", data, o, s.Version(), s.Level(), s.Mask(), err)
	}
	want, ok := expectedText(e, data, o, usesECI(e))
	if ok && r.GetText() != want {
		t.Fatalf("%q %+v: gozxing reads %q, want %q", data, o, r.GetText(), want)
	}
	dc := capacity(s.Version(), s.Level()) / 8
	if string(r.GetRawBytes()) != string(e.stream[:dc]) {
		t.Fatalf("%q: gozxing's data codewords differ from ours", data)
	}
	return &s
}

// TestRoundTripAllVersions decodes, with gozxing, one symbol of every
// version and level whose data fills it, segmented optimally from a mix of
// digits, upper case and lower case.
func TestRoundTripAllVersions(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	var e Encoder
	for v := MinVersion; v <= MaxVersion; v++ {
		for l := L; l <= H; l++ {
			// Fill with runs so that every mode appears; shrink until it fits.
			n := capacity(v, l) / 6
			var data []byte
			for {
				data = mixed(rng, n)
				var s Symbol
				err := e.EncodeTo(&s, data, &Options{Level: l, MinVersion: v, MaxVersion: v})
				if err == nil {
					break
				}
				n = n * 9 / 10
			}
			roundTrip(t, &e, data, Options{Level: l, MinVersion: v, MaxVersion: v})
		}
	}
}

// TestRoundTripMixed decodes mixed-mode, ECI and kanji symbols.
func TestRoundTripMixed(t *testing.T) {
	rng := rand.New(rand.NewSource(12))
	var e Encoder
	cases := []struct {
		data string
		opts Options
	}{
		{w1, Options{}},
		{"HTTPS://EXAMPLE.COM/12345678901234567890", Options{}},
		{"héllo wörld 12345678901234567890", Options{}},
		{"日本語のテキスト、数字1234567890とABC", Options{Kanji: true}},
		{"日本語のテキスト、数字1234567890とABC", Options{}},
		{"日本語 é 漢字", Options{Kanji: true}},
		{"", Options{}},
		{"\x00\xff\x80 binary", Options{ECI: ECINone}},
	}
	for i := 0; i < 200; i++ {
		var b strings.Builder
		pieces := []string{"0123", "99999999", "ABC", "HELLO WORLD", "abc", "?x=1&y=2", "漢字", "テスト", "é", " "}
		for k := rng.Intn(12); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		cases = append(cases, struct {
			data string
			opts Options
		}{b.String(), Options{Level: Level(1 + rng.Intn(4)), Kanji: rng.Intn(2) == 0}})
	}
	for _, c := range cases {
		roundTrip(t, &e, []byte(c.data), c.opts)
	}
}
