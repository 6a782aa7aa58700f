package encode

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/internal/testenv"
)

// zxingReadSymbol renders s and reads it with zxing-cpp 3.1.
func zxingReadSymbol(t *testing.T, z *testenv.ZXing, s *Symbol) []testenv.ZXingResult {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s.png")
	writePNG(t, path, s, 4)
	img, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := z.Read(img, testenv.ZXingRead{Formats: []string{zxingFormatName[s.Format()]}, TryHarder: true})
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// TestZXingReadsGS1 has zxing-cpp read our GS1 and AIM symbols, QR and
// rMQR: GS1 as the same human-readable text with symbology identifier ]Q3
// (]Q4 is not required: zxing-cpp reports ]Q3 with an ECI too), AIM with
// ]Q5 and the application indicator before the data, as ISO/IEC 15424
// transmits it.
func TestZXingReadsGS1(t *testing.T) {
	z := testenv.StartZXing(t)
	var e Encoder
	for _, c := range []struct {
		data        string
		o           Options
		text, bytes string
		symbology   string
	}{
		{"(01)09506000134352(17)261231(10)ABC123", Options{GS1: true}, "", "010950600013435217261231" + "10ABC123", "]Q3"},
		{"(10)AB%CD(21)x%y(01)09506000134352", Options{GS1: true, Level: M}, "", "10AB%CD\x1d21x%y\x1d0109506000134352", "]Q3"},
		{"(8200)https://example.com/p?id=1(3103)001250", Options{GS1: true, Level: L}, "", "8200https://example.com/p?id=1\x1d3103001250", "]Q3"},
		{"HELLO%WORLD\x1dABC 123", Options{AIM: "37"}, "37HELLO%WORLD<GS>ABC 123", "37HELLO%WORLD\x1dABC 123", "]Q5"},
		{"data\x1d99", Options{AIM: "a"}, "adata<GS>99", "adata\x1d99", "]Q5"},
		{"X", Options{AIM: "Z"}, "ZX", "ZX", "]Q5"},
		// rMQR has FNC1 in both positions (ISO/IEC 23941:2022 Table 2).
		{"(01)09506000134352(17)261231(10)ABC123", Options{GS1: true, Format: RMQR, Level: M}, "", "010950600013435217261231" + "10ABC123", "]Q3"},
		{"(10)LOT%7(21)serial-x(3103)001250", Options{GS1: true, Format: RMQR, Level: H}, "", "10LOT%7\x1d21serial-x\x1d3103001250", "]Q3"},
		{"DATA\x1d42", Options{AIM: "37", Format: RMQR}, "37DATA<GS>42", "37DATA\x1d42", "]Q5"},
	} {
		var s Symbol
		if err := e.EncodeTo(&s, []byte(c.data), &c.o); err != nil {
			t.Fatalf("%q: %v", c.data, err)
		}
		rs := zxingReadSymbol(t, z, &s)
		if len(rs) != 1 {
			t.Fatalf("%q: zxing-cpp reads %d symbols", c.data, len(rs))
		}
		want := c.text
		if c.o.GS1 {
			want = c.data
		}
		r := rs[0]
		if r.Text != want || string(r.Bytes) != c.bytes || r.SymbologyID != c.symbology {
			t.Errorf("%q: zxing-cpp reads text %q bytes %q %s, want %q %q %s", c.data, r.Text, r.Bytes, r.SymbologyID, want, c.bytes, c.symbology)
		}
	}
}

// TestZXingReadsSequence has zxing-cpp read the symbols of our sequences:
// each with its index, the total and, as sequence id, the parity in
// decimal; the texts in index order are the message.
func TestZXingReadsSequence(t *testing.T) {
	z := testenv.StartZXing(t)
	var e Encoder
	for _, c := range []struct {
		data string
		o    Options
	}{
		{strings.Repeat("The quick brown fox jumps over the lazy dog. ", 6), Options{Level: M, MaxVersion: 3}},
		{strings.Repeat("Grüße aus Köln 1234567890 ", 8), Options{Level: Q, MaxVersion: 4}},
		{strings.Repeat("0123456789", 15), Options{Level: H, MaxVersion: 1}},
	} {
		syms, err := e.EncodeSequence([]byte(c.data), &c.o)
		if err != nil {
			t.Fatal(err)
		}
		var parity byte
		for i := range len(c.data) {
			parity ^= c.data[i]
		}
		var joined strings.Builder
		for i := range syms {
			rs := zxingReadSymbol(t, z, &syms[i])
			if len(rs) != 1 {
				t.Fatalf("%.20q symbol %d: zxing-cpp reads %d symbols", c.data, i, len(rs))
			}
			r := rs[0]
			if r.SequenceIndex != i || r.SequenceSize != len(syms) || r.SequenceID != strconv.Itoa(int(parity)) {
				t.Errorf("%.20q symbol %d of %d: zxing-cpp reads index %d of %d, id %q (parity %d)",
					c.data, i, len(syms), r.SequenceIndex, r.SequenceSize, r.SequenceID, parity)
			}
			joined.WriteString(r.Text)
		}
		if joined.String() != c.data {
			t.Errorf("%.20q: zxing-cpp's texts join to %.40q", c.data, joined.String())
		}
	}
}
