package encode

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/internal/testenv"
)

// interopCase is one symbol for the independent decoders: the options, the
// data, and the text a reader must return.
type interopCase struct {
	name string
	data string
	opts Options
}

// interopCases returns at least one symbol per version and level, filled
// to about 80% with mixed-mode text, plus kanji, ECI UTF-8 and mixed-mode
// symbols. -short keeps every seventh version.
func interopCases(t *testing.T) []interopCase {
	rng := rand.New(rand.NewSource(21))
	var cases []interopCase
	var e Encoder
	var s Symbol
	for v := MinVersion; v <= MaxVersion; v++ {
		if testing.Short() && v%7 != 1 && v != MaxVersion {
			continue
		}
		for l := L; l <= H; l++ {
			o := Options{Level: l, MinVersion: v, MaxVersion: v}
			n := capacity(v, l) * 8 / 10 / 7
			var data []byte
			for {
				data = mixed(rng, n)
				if e.EncodeTo(&s, data, &o) == nil {
					break
				}
				n = n * 9 / 10
			}
			cases = append(cases, interopCase{fmt.Sprintf("v%02d%v", v, l), string(data), o})
		}
	}
	return append(cases,
		interopCase{"kanji", "日本語のテキスト、数字1234567890と漢字", Options{Kanji: true, Level: M}},
		// Kanji allowed, but the text is not all Shift JIS (é, a
		// half-width katakana), or an ECI 26 is asked for: readers must
		// still read it.
		interopCase{"kanji-mixed", "東京 café", Options{Kanji: true}},
		interopCase{"kanji-halfwidth", "東京ｱｲｳ", Options{Kanji: true}},
		interopCase{"kanji-eci-utf8", "東京タワー", Options{Kanji: true, ECI: ECIUTF8}},
		interopCase{"eci-utf8", "héllo wörld — 日本語 ✓", Options{}},
		interopCase{"eci-utf8-L", strings.Repeat("Grüße aus Köln, ", 20), Options{Level: L}},
		interopCase{"mixed-w1", w1, Options{}},
		interopCase{"mixed-upper", "HTTPS://EXAMPLE.COM/12345678901234567890", Options{Level: Q}},
	)
}

// mixed returns n bytes of runs of digits, upper case, lower case and
// URL punctuation, so that the segmenter switches modes often.
func mixed(rng *rand.Rand, n int) []byte {
	alphabets := []string{"0123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZ$%*+-./:", "abcdefghijklmnopqrstuvwxyz?&=#_"}
	b := make([]byte, 0, n)
	for len(b) < n {
		a := alphabets[rng.Intn(len(alphabets))]
		for k := 1 + rng.Intn(20); k > 0 && len(b) < n; k-- {
			b = append(b, a[rng.Intn(len(a))])
		}
	}
	return b
}

// writePNG renders s with its format's quiet zone at scale pixels per
// module: 4 modules for QR (ISO/IEC 18004:2015 §6.3.8), 2 for Micro QR
// and rMQR.
func writePNG(t *testing.T, path string, s *Symbol, scale int) {
	quiet := 4
	if s.Format() != QR {
		quiet = 2
	}
	img := image.NewGray(image.Rect(0, 0, (s.Width()+2*quiet)*scale, (s.Height()+2*quiet)*scale))
	for i := range img.Pix {
		img.Pix[i] = 0xFF
	}
	for y := 0; y < s.Height(); y++ {
		for x := 0; x < s.Width(); x++ {
			if !s.Module(x, y) {
				continue
			}
			for dy := 0; dy < scale; dy++ {
				for dx := 0; dx < scale; dx++ {
					img.SetGray((x+quiet)*scale+dx, (y+quiet)*scale+dy, color.Gray{})
				}
			}
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// renderInterop encodes the cases into PNG files in a temporary directory
// and returns their paths.
func renderInterop(t *testing.T, cases []interopCase) []string {
	dir := t.TempDir()
	var e Encoder
	var paths []string
	for _, c := range cases {
		var s Symbol
		if err := e.EncodeTo(&s, []byte(c.data), &c.opts); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		p := filepath.Join(dir, c.name+".png")
		writePNG(t, p, &s, 4)
		paths = append(paths, p)
	}
	return paths
}

// TestInteropZbar decodes the sample with zbarimg (Debian zbar-tools).
// All files go to one call, which prints one line per symbol in file order
// (the data has no line breaks); on a mismatch each file is read alone to
// name the one that fails.
func TestInteropZbar(t *testing.T) {
	zbar := testenv.Tool(t, "zbarimg", "zbar-tools")
	cases := interopCases(t)
	paths := renderInterop(t, cases)
	// -Sdisable then -Sqrcode.enable restrict zbar to QR Code.
	read := func(files ...string) ([]string, error) {
		args := append([]string{"-q", "--raw", "-Sdisable", "-Sqrcode.enable"}, files...)
		out, err := exec.Command(zbar, args...).Output()
		return strings.Split(strings.TrimSuffix(string(out), "\n"), "\n"), err
	}
	lines, err := read(paths...)
	if err == nil && len(lines) == len(cases) {
		ok := true
		for i, c := range cases {
			ok = ok && lines[i] == c.data
		}
		if ok {
			return
		}
	}
	for i, c := range cases {
		lines, err := read(paths[i])
		if err != nil {
			t.Errorf("%s: zbarimg: %v", c.name, err)
		} else if len(lines) != 1 || lines[0] != c.data {
			t.Errorf("%s: zbarimg reads %q, want %q", c.name, lines, c.data)
		}
	}
}

// unescapeZXingReader undoes ZXingReader's escapes of non-graphical
// characters, <U+XXXX>.
func unescapeZXingReader(s string) string {
	return zxingEscape.ReplaceAllStringFunc(s, func(s string) string {
		r, _ := strconv.ParseUint(s[3:len(s)-1], 16, 32)
		return string(rune(r))
	})
}

var zxingEscape = regexp.MustCompile(`<U\+([0-9A-F]+)>`)

// TestInteropZXingCpp decodes the sample with ZXingReader (Debian
// zxing-cpp-tools), all files in one call.
func TestInteropZXingCpp(t *testing.T) {
	reader := testenv.Tool(t, "ZXingReader", "zxing-cpp-tools")
	cases := interopCases(t)
	paths := renderInterop(t, cases)
	args := append([]string{"-1", "-ispure", "-format", "QRCode"}, paths...)
	out, err := exec.Command(reader, args...).Output()
	if err != nil {
		t.Fatalf("ZXingReader: %v\n%s", err, out)
	}
	// One line per file: path QRCode "text", non-graphical characters
	// escaped as <U+XXXX>.
	got := map[string]string{}
	line := regexp.MustCompile(`^(\S+) QRCode "(.*)"$`)
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if m := line.FindStringSubmatch(l); m != nil {
			got[m[1]] = unescapeZXingReader(m[2])
		}
	}
	for i, c := range cases {
		text, ok := got[paths[i]]
		if !ok {
			t.Errorf("%s: ZXingReader found no QR Code", c.name)
		} else if text != c.data {
			t.Errorf("%s: ZXingReader reads %q, want %q", c.name, text, c.data)
		}
	}
}
