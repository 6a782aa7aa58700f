package encode

import (
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/internal/testenv"
)

// familyInteropCases returns one symbol per version and level of Micro QR
// and rMQR, filled to about 80% with text whose segments the encoder
// mixes (digits only in M1, no lower case in M2), plus kanji and ECI
// symbols.
func familyInteropCases(t *testing.T) []interopCase {
	rng := rand.New(rand.NewSource(31))
	var cases []interopCase
	var e Encoder
	var s Symbol
	for _, f := range []Format{MicroQR, RMQR} {
		first, last := f.Versions()
		for v := first; v <= last; v++ {
			for l := L; l <= H; l++ {
				if !f.family().HasLevel(int(v), l.spec()) {
					continue
				}
				o := Options{Format: f, Level: l, MinVersion: v, MaxVersion: v}
				n := max(1, f.family().DataBits(int(v), l.spec())*8/10/6)
				var data []byte
				for {
					data = mixedFor(rng, f, v, n)
					if e.EncodeTo(&s, data, &o) == nil {
						break
					}
					n = max(1, n*9/10)
				}
				cases = append(cases, interopCase{fmt.Sprintf("%v-%02d%v", strings.ReplaceAll(f.String(), " ", ""), v, l), string(data), o})
			}
		}
	}
	return append(cases,
		interopCase{"micro-kanji", "漢字テキスト", Options{Format: MicroQR, Level: L, Kanji: true}},
		interopCase{"rmqr-kanji", "日本語のテキスト、数字1234567890と漢字", Options{Format: RMQR, Level: M, Kanji: true}},
		interopCase{"rmqr-eci-utf8", "héllo wörld — 日本語 ✓", Options{Format: RMQR}},
		interopCase{"rmqr-narrow", "LOT 2026-0042 EXP 12/27", Options{Format: RMQR, Level: M, MaxHeight: 7}},
	)
}

// mixedFor returns about n characters that version v of f can hold: digits
// for M1, digits and upper case for M2, mixed() otherwise.
func mixedFor(rng *rand.Rand, f Format, v Version, n int) []byte {
	if f != MicroQR || v > 2 {
		return mixed(rng, n)
	}
	alphabet := "0123456789"
	if v == 2 {
		alphabet += "ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
	}
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rng.Intn(len(alphabet))]
	}
	return b
}

// zxingFormatName is zxing-cpp's name of each format.
var zxingFormatName = map[Format]string{QR: "QRCode", MicroQR: "MicroQRCode", RMQR: "RMQRCode"}

// TestInteropFamiliesZXingWasm reads every Micro QR and rMQR case with
// zxing-cpp 3.1 (zxing-wasm in node), rendered as PNG with the 2-module
// quiet zone: the format, version and text must come back.
func TestInteropFamiliesZXingWasm(t *testing.T) {
	z := testenv.StartZXing(t)
	cases := familyInteropCases(t)
	paths := renderInterop(t, cases)
	for i, c := range cases {
		img, err := os.ReadFile(paths[i])
		if err != nil {
			t.Fatal(err)
		}
		res, err := z.Read(img, testenv.ZXingRead{Formats: []string{zxingFormatName[c.opts.Format]}, TryHarder: true})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(res) != 1 || res[0].Text != c.data || res[0].Format != zxingFormatName[c.opts.Format] {
			t.Errorf("%s: zxing-cpp reads %+v, want %q", c.name, res, c.data)
		}
	}
}

// TestInteropMicroZXingCpp reads the Micro QR cases with ZXingReader 1.4
// (Debian zxing-cpp-tools), which reads Micro QR but not rMQR.
func TestInteropMicroZXingCpp(t *testing.T) {
	reader := testenv.Tool(t, "ZXingReader", "zxing-cpp-tools")
	var cases []interopCase
	for _, c := range familyInteropCases(t) {
		if c.opts.Format == MicroQR {
			cases = append(cases, c)
		}
	}
	paths := renderInterop(t, cases)
	args := append([]string{"-1", "-format", "MicroQRCode"}, paths...)
	out, err := exec.Command(reader, args...).Output()
	if err != nil {
		t.Fatalf("ZXingReader: %v\n%s", err, out)
	}
	got := map[string]string{}
	line := regexp.MustCompile(`^(\S+) MicroQRCode "(.*)"$`)
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if m := line.FindStringSubmatch(l); m != nil {
			got[filepath.Clean(m[1])] = unescapeZXingReader(m[2])
		}
	}
	for i, c := range cases {
		if text, ok := got[paths[i]]; !ok {
			t.Errorf("%s: ZXingReader found no Micro QR Code", c.name)
		} else if text != c.data {
			t.Errorf("%s: ZXingReader reads %q, want %q", c.name, text, c.data)
		}
	}
}
