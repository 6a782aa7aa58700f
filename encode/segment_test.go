package encode

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// W1, the project's standard URL workload.
const w1 = "https://example.com/product/0123456789?batch=42"

// TestSegmentationBeatsSingleMode checks that optimal segmentation is
// shorter than the best single-mode encoding on mixed input, and that this
// matters: W1 fits version 5-H only when segmented.
func TestSegmentationBeatsSingleMode(t *testing.T) {
	var s segmenter
	for _, c := range []struct {
		data string
		// the single modes that can hold data
		modes []int
	}{
		{"HTTPS://EXAMPLE.COM/12345678901234567890", []int{segAlnum, segByte}},
		{w1, []int{segByte}},
		{"Order 12345678901234: ABCDEFGHIJ done", []int{segByte}},
	} {
		for _, v := range countRanges {
			opt := s.optimal([]byte(c.data), qrspec.QR, v, segmentFlags{})
			bestSingle := 1 << 30
			for _, m := range c.modes {
				n, ok := singleMode([]byte(c.data), m, qrspec.QR, v, false)
				if !ok {
					t.Fatalf("%q does not suit mode %d", c.data, m)
				}
				bestSingle = min(bestSingle, n)
			}
			if opt >= bestSingle {
				t.Errorf("%q version %d: segmented %d bits, best single mode %d", c.data, v, opt, bestSingle)
			}
		}
	}

	var e Encoder
	var sym Symbol
	if err := e.EncodeTo(&sym, []byte(w1), nil); err != nil || sym.Version() != 5 || sym.Level() != H {
		t.Fatalf("W1: version %d level %v err %v, want 5-H", sym.Version(), sym.Level(), err)
	}
	if err := e.EncodeTo(&sym, []byte(w1), &Options{Mode: ModeByte}); err != nil || sym.Version() != 6 {
		t.Fatalf("W1 in byte mode only: version %d err %v, want 6", sym.Version(), err)
	}
}

// countRanges holds one version of each of Table 3's ranges, written out
// independently of the tables package.
var countRanges = []Version{1, 10, 27}

// familyVersions holds, per family, versions whose mode indicators or
// count widths differ: QR's three ranges of Table 3, every Micro QR
// version (each has other modes), and rMQR's narrowest and widest.
var familyVersions = []struct {
	fam      qrspec.Family
	versions []Version
}{
	{qrspec.QR, countRanges},
	{qrspec.MicroQR, []Version{1, 2, 3, 4}},
	{qrspec.RMQR, []Version{1, 11, 32}},
}

// bruteForce returns the shortest encoding of data in version v of fam
// over every assignment of an allowed mode to each character, the modes
// the version lacks left out, or −1 if there is none: exhaustive, for
// short strings. In FNC1 mode (f.fnc1) alphanumeric segments hold GS as
// one character and '%' as two (§7.4.8.2).
func bruteForce(data []byte, fam qrspec.Family, v Version, f segmentFlags) int {
	kanji := f.kanji
	type unit struct{ start, size int }
	var units []unit
	for i := 0; i < len(data); {
		size := 1
		if kanji {
			if _, k := kanjiAt(data, i); k > 0 {
				size = k
			}
		}
		units = append(units, unit{i, size})
		i += size
	}
	best := 1 << 30
	modes := make([]int, len(units))
	var try func(k int)
	try = func(k int) {
		if k < len(units) {
			for m := 0; m < segModes; m++ {
				u := units[k]
				c := data[u.start]
				ok := true
				switch m {
				case segNumeric:
					ok = u.size == 1 && isDigit(c)
				case segAlnum:
					ok = u.size == 1 && (qrspec.AlphanumericValue(c) >= 0 || f.fnc1 && c == 0x1D)
				case segByte:
					ok = true
				case segKanji:
					_, ks := kanjiAt(data, u.start)
					ok = kanji && ks == u.size
				}
				if _, has := fam.ModeIndicator(int(v), segMode[m]); ok && has {
					modes[k] = m
					try(k + 1)
				}
			}
			return
		}
		total := 0
		for i := 0; i < len(units); {
			j := i
			chars := int32(0)
			for j < len(units) && modes[j] == modes[i] {
				switch {
				case modes[i] == segByte:
					chars += int32(units[j].size)
				case modes[i] == segAlnum && f.fnc1 && data[units[j].start] == '%':
					chars += 2
				default:
					chars++
				}
				j++
			}
			total += fam.ModeBits(int(v)) + fam.CountBits(int(v), segMode[modes[i]]) + int(ceil6(chars*unitCost[modes[i]])/6)
			i = j
		}
		best = min(best, total)
	}
	try(0)
	if len(data) == 0 {
		return 0
	}
	if best == 1<<30 {
		return -1
	}
	return best
}

// TestSegmentationOptimal compares the segmenter with exhaustive search on
// random short strings mixing digits, alphanumeric, byte and kanji
// characters.
func TestSegmentationOptimal(t *testing.T) {
	alphabet := []string{"0", "1", "9", "A", "Z", " ", ":", "a", "z", "~", "é", "日", "本", "ア"}
	rng := rand.New(rand.NewSource(3))
	var s segmenter
	for i := 0; i < 400; i++ {
		var b strings.Builder
		for k := rng.Intn(9); k > 0; k-- {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		data := []byte(b.String())
		for _, fv := range familyVersions {
			for _, v := range fv.versions {
				for _, kanji := range []bool{false, true} {
					got := s.optimal(data, fv.fam, v, segmentFlags{kanji: kanji})
					if want := bruteForce(data, fv.fam, v, segmentFlags{kanji: kanji}); got != want {
						t.Fatalf("%q %v version %d kanji %v: %d bits, exhaustive search finds %d", data, fv.fam, v, kanji, got, want)
					}
					// The recorded modes must cost what optimal says.
					if n := tracedBits(&s, data, fv.fam, v, false); got >= 0 && n != got {
						t.Fatalf("%q %v version %d kanji %v: trace costs %d bits, optimal said %d", data, fv.fam, v, kanji, n, got)
					}
				}
			}
		}
	}
}

// tracedBits returns the length of the segments recorded in s.modeAt, in
// FNC1 mode if fnc1.
func tracedBits(s *segmenter, data []byte, fam qrspec.Family, v Version, fnc1 bool) int {
	total := 0
	for i := 0; i < len(data); {
		m := int(s.modeAt[i])
		j := i
		for j < len(data) && int(s.modeAt[j]) == m {
			j++
		}
		n, ok := singleMode(data[i:j], m, fam, v, fnc1)
		if !ok {
			return -1
		}
		total += n
		i = j
	}
	return total
}
