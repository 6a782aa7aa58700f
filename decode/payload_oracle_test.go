package decode

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing/qrcode/decoder"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// streamWriter builds a QR data bit stream segment by segment, as a string
// of '0' and '1'.
type streamWriter struct {
	strings.Builder
	version int
}

func (w *streamWriter) field(v, width int) { w.WriteString(field(v, width)) }

func (w *streamWriter) mode(m qrspec.Mode) {
	i, _ := qrspec.QR.ModeIndicator(w.version, m)
	w.field(int(i), 4)
}

func (w *streamWriter) count(m qrspec.Mode, n int) {
	w.mode(m)
	w.field(n, qrspec.QR.CountBits(w.version, m))
}

// eciCharsets are ECIs that gozxing knows a charset for (Table 4's
// assignments it implements).
var eciCharsets = []int{1, 2, 3, 4, 5, 6, 7, 9, 11, 15, 17, 18, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 170}

// byteSamples are byte segments in the charsets the guess tells apart.
var byteSamples = [][]byte{
	[]byte("plain ASCII, 100%"),
	[]byte("UTF-8: é, ü, 日本語, ✓"),
	{0x82, 0xa0, 0x82, 0xa2, 0x93, 0xfa, 0x96, 0x7b},                   // Shift JIS あい日本
	{0xe9, 0x74, 0xe9, 0x20, 0xe0, 0x20, 0x50, 0x61, 0x72, 0x69, 0x73}, // ISO-8859-1 "été à Paris"
	{0xef, 0xbb, 0xbf, 'B', 'O', 'M'},
	{0xfe, 0xff, 0x00, 'A', 0x00, 'B'},
}

// randomSegment appends one random segment of a random mode.
func randomSegment(rng *rand.Rand, w *streamWriter) {
	switch rng.Intn(8) {
	case 0:
		n := rng.Intn(20)
		w.count(qrspec.Numeric, n)
		for ; n >= 3; n -= 3 {
			w.field(rng.Intn(1000), 10)
		}
		if n > 0 {
			w.field(rng.Intn(numericLimit[n]), qrspec.NumericBits(n))
		}
	case 1:
		n := rng.Intn(20)
		w.count(qrspec.Alphanumeric, n)
		for ; n >= 2; n -= 2 {
			w.field(rng.Intn(45*45), 11)
		}
		if n == 1 {
			w.field(rng.Intn(45), 6)
		}
	case 2, 3:
		var data []byte
		if rng.Intn(3) == 0 {
			data = make([]byte, rng.Intn(12))
			rng.Read(data)
		} else {
			data = byteSamples[rng.Intn(len(byteSamples))]
		}
		w.count(qrspec.Byte, len(data))
		for _, b := range data {
			w.field(int(b), 8)
		}
	case 4:
		n := rng.Intn(6)
		w.count(qrspec.Kanji, n)
		for range n {
			w.field(rng.Intn(0x1FFF), 13)
		}
	case 5:
		w.mode(qrspec.Hanzi)
		w.field(gb2312Subset, 4)
		n := rng.Intn(6)
		w.field(n, qrspec.QR.CountBits(w.version, qrspec.Hanzi))
		for range n {
			w.field(rng.Intn(0x1FFF), 13)
		}
	case 6:
		w.mode(qrspec.ECI)
		d, width, _ := qrspec.ECIDesignator(eciCharsets[rng.Intn(len(eciCharsets))])
		w.field(int(d), width)
	case 7:
		w.mode(qrspec.FNC1First)
	}
}

// TestParsePayloadMatchesGozxing compares the text of random bit streams
// of every mode but FNC1 in second position (whose application indicator
// gozxing does not read) with gozxing's parser, DecodedBitStreamParser:
// both must fail, or both give the same text.
func TestParsePayloadMatchesGozxing(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	agreed, failed := 0, 0
	for i := range 3000 {
		version := 1 + rng.Intn(40)
		w := streamWriter{version: version}
		if rng.Intn(5) == 0 {
			w.mode(qrspec.StructuredAppend)
			w.field(rng.Intn(1<<16), 16)
		}
		for range 1 + rng.Intn(5) {
			randomSegment(rng, &w)
		}
		w.WriteString("0000")
		data := stream(w.String())
		ours, err := parsePayload(data, 8*len(data), qrspec.QR, version)
		v, _ := decoder.Version_GetVersionForNumber(version)
		theirs, zerr := decoder.DecodedBitStreamParser_Decode(data, v, decoder.ErrorCorrectionLevel_M, nil)
		switch {
		case (err == nil) != (zerr == nil):
			t.Fatalf("stream %d, version %d, %s: ours %v, gozxing %v", i, version, w.String(), err, zerr)
		case err != nil:
			failed++
		case ours.text != theirs.GetText():
			t.Fatalf("stream %d, version %d, %s: text %q, gozxing %q", i, version, w.String(), ours.text, theirs.GetText())
		default:
			agreed++
		}
	}
	t.Logf("%d streams read alike, %d refused by both", agreed, failed)
	if agreed < 2000 {
		t.Errorf("only %d of 3000 streams read", agreed)
	}
}
