package decode_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/internal/testenv"
	"github.com/qrworks/qrworks/qr"
)

// codePNG renders code as PNG bytes.
func codePNG(t testing.TB, code *qr.Code) []byte {
	t.Helper()
	b, err := code.PNG(qr.Scale(4))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// decodeOne decodes img and expects exactly one result.
func decodeOne(t testing.TB, img []byte) decode.Result {
	t.Helper()
	rs, err := decode.Bytes(img)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if len(rs) != 1 {
		t.Fatalf("decode: %d results", len(rs))
	}
	return rs[0]
}

// TestGS1RoundTrip encodes GS1 element strings whose segments use each
// mode — numeric GTINs and dates, alphanumeric batch numbers with FNC1 and
// '%', byte-mode lower case — and decodes them: the text is the
// human-readable form, the bytes the transmitted form, the elements the
// pairs, the symbology identifier ]Q3 (]Q4 with an ECI).
func TestGS1RoundTrip(t *testing.T) {
	for _, c := range []struct {
		hri, transmitted string
		eci              bool
	}{
		{"(01)09506000134352(17)261231(10)ABC123", "010950600013435217261231" + "10ABC123", false},
		{"(00)106141411234567897", "00106141411234567897", false},
		{"(10)AB%CD-12(21)XY/Z%(3103)001250", "10AB%CD-12\x1d21XY/Z%\x1d3103001250", false},
		{"(21)serial-number-lower(90)internal+data(01)09506000134352", "21serial-number-lower\x1d90internal+data\x1d0109506000134352", true},
		{"(8200)https://example.com/p?id=1&x=%41", "8200https://example.com/p?id=1&x=%41", false},
	} {
		opts := []qr.Option{qr.GS1()}
		if c.eci {
			opts = append(opts, qr.UTF8ECI())
		}
		code, err := qr.Encode(c.hri, qr.M, opts...)
		if err != nil {
			t.Fatalf("%s: %v", c.hri, err)
		}
		r := decodeOne(t, codePNG(t, code))
		wantID := "]Q3"
		if c.eci {
			wantID = "]Q4"
		}
		if r.Text != c.hri || string(r.Bytes) != c.transmitted || !r.GS1 || r.AIM != "" || r.SymbologyID != wantID {
			t.Errorf("%s: read %q, bytes %q, GS1 %v, AIM %q, %s", c.hri, r.Text, r.Bytes, r.GS1, r.AIM, r.SymbologyID)
		}
		var hri strings.Builder
		for _, e := range r.Elements() {
			fmt.Fprintf(&hri, "(%s)%s", e.AI, e.Value)
		}
		if hri.String() != c.hri {
			t.Errorf("%s: elements %v", c.hri, r.Elements())
		}
	}
}

// TestPlainSymbologyID checks the identifiers of symbols without FNC1.
func TestPlainSymbologyID(t *testing.T) {
	for _, c := range []struct {
		text string
		want string
	}{{"HELLO", "]Q1"}, {"héllo", "]Q2"}} {
		code, err := qr.Encode(c.text, qr.M)
		if err != nil {
			t.Fatal(err)
		}
		r := decodeOne(t, codePNG(t, code))
		if r.SymbologyID != c.want || r.GS1 || r.Elements() != nil || r.Sequence.Total != 0 || r.Parts != nil {
			t.Errorf("%q: %s, GS1 %v, elements %v, sequence %+v", c.text, r.SymbologyID, r.GS1, r.Elements(), r.Sequence)
		}
	}
}

// sheet draws images side by side, in rows of perRow, on a white page.
func sheet(imgs []image.Image, perRow int) image.Image {
	w, h := 0, 0
	for _, m := range imgs {
		w, h = max(w, m.Bounds().Dx()), max(h, m.Bounds().Dy())
	}
	rows := (len(imgs) + perRow - 1) / perRow
	page := image.NewGray(image.Rect(0, 0, w*min(perRow, len(imgs)), h*rows))
	draw.Draw(page, page.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	for i, m := range imgs {
		at := image.Pt(i%perRow*w, i/perRow*h)
		draw.Draw(page, m.Bounds().Sub(m.Bounds().Min).Add(at), m, m.Bounds().Min, draw.Src)
	}
	return page
}

// sequenceImages encodes text as a sequence at level M and returns each
// code's image.
func sequenceImages(t *testing.T, text string, opts ...qr.Option) []image.Image {
	t.Helper()
	return sequenceImagesAt(t, text, qr.M, opts...)
}

// sequenceImagesAt encodes text as a sequence at the level and returns
// each code's image.
func sequenceImagesAt(t *testing.T, text string, level qr.Level, opts ...qr.Option) []image.Image {
	t.Helper()
	codes, err := qr.EncodeSequence(text, level, append(opts, qr.Scale(3))...)
	if err != nil {
		t.Fatal(err)
	}
	var imgs []image.Image
	for _, c := range codes {
		imgs = append(imgs, c.Image())
	}
	return imgs
}

// TestSequenceInOneImage reads sequences laid out in one image: complete
// ones merge into one result with its parts, incomplete ones give their
// parts, two sequences stay apart.
func TestSequenceInOneImage(t *testing.T) {
	long := strings.Repeat("Structured append joins up to sixteen symbols. ", 5)
	other := strings.Repeat("0123456789", 20)
	a := sequenceImages(t, long, qr.MaxVersion(3))
	b := sequenceImages(t, other, qr.MaxVersion(1))
	gs := sequenceImages(t, "(01)09506000134352(10)BATCH-NUMBER-1234(21)SERIAL-NUMBER-ABCDEF(400)PURCHASE-ORDER-42", qr.MaxVersion(2), qr.GS1())
	utf := strings.Repeat("Grüße aus Köln, 日本語 ", 6)
	eci := sequenceImages(t, utf, qr.MaxVersion(3))
	digits := strings.Repeat("7", 176)
	sixteen := sequenceImagesAt(t, digits, qr.H, qr.MaxVersion(1))
	if len(a) < 3 || len(b) < 2 || len(gs) < 2 || len(eci) < 2 || len(sixteen) != 16 {
		t.Fatalf("sequences of %d, %d, %d, %d and %d symbols", len(a), len(b), len(gs), len(eci), len(sixteen))
	}
	for _, c := range []struct {
		name  string
		imgs  []image.Image
		texts []string // merged texts, or the parts' when not merged
		parts []int    // the number of parts of each result
	}{
		{"complete", a, []string{long}, []int{len(a)}},
		{"shuffled", shuffled(a), []string{long}, []int{len(a)}},
		{"GS1", gs, []string{"(01)09506000134352(10)BATCH-NUMBER-1234(21)SERIAL-NUMBER-ABCDEF(400)PURCHASE-ORDER-42"}, []int{len(gs)}},
		{"ECI", eci, []string{utf}, []int{len(eci)}},
		{"sixteen", sixteen, []string{digits}, []int{16}},
		{"two sequences", append(slices.Clone(a), b...), []string{long, other}, []int{len(a), len(b)}},
		{"one missing", a[1:], nil, nil},
	} {
		rs, err := decode.Image(sheet(c.imgs, 4))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if c.texts == nil {
			checkParts(t, c.name, rs, len(c.imgs), len(a))
			continue
		}
		var texts []string
		var parts []int
		for _, r := range rs {
			texts, parts = append(texts, r.Text), append(parts, len(r.Parts))
		}
		slices.Sort(texts)
		want := slices.Clone(c.texts)
		slices.Sort(want)
		if !slices.Equal(texts, want) || len(parts) != len(c.parts) {
			t.Errorf("%s: read %d results %.60q, want %.60q", c.name, len(rs), texts, want)
		}
	}
}

// shuffled returns imgs in another order: odd positions reversed, then
// even ones.
func shuffled(imgs []image.Image) []image.Image {
	var out []image.Image
	for i := len(imgs) - 1; i >= 0; i-- {
		if i%2 == 1 {
			out = append(out, imgs[i])
		}
	}
	for i := 0; i < len(imgs); i += 2 {
		out = append(out, imgs[i])
	}
	return out
}

// checkParts checks unmerged results: n parts of a sequence of total.
func checkParts(t *testing.T, name string, rs []decode.Result, n, total int) {
	t.Helper()
	if len(rs) != n {
		t.Fatalf("%s: %d results, want %d parts", name, len(rs), n)
	}
	seen := map[int]bool{}
	for _, r := range rs {
		if r.Parts != nil || r.Sequence.Total != total || seen[r.Sequence.Index] {
			t.Errorf("%s: result %+v", name, r.Sequence)
		}
		seen[r.Sequence.Index] = true
	}
}

// TestQrencodeSequence reads structured append sequences made by qrencode
// -S (an independent encoder): each file on its own gives its part, Merge
// joins them, and all of them in one image merge there.
func TestQrencodeSequence(t *testing.T) {
	bin := testenv.Tool(t, "qrencode", "qrencode")
	for _, c := range []struct {
		text    string
		version string
		args    []string
	}{
		{strings.Repeat("The quick brown fox jumps over the lazy dog. ", 4), "2", nil},
		{strings.Repeat("0123456789", 30), "1", []string{"-l", "L"}},
		{"Grüße aus Köln — " + strings.Repeat("äöü ß ", 10), "3", []string{"-8"}},
	} {
		dir := t.TempDir()
		args := append([]string{"-S", "-v", c.version, "-s", "3", "-o", filepath.Join(dir, "q.png")}, c.args...)
		cmd := exec.Command(bin, append(args, c.text)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("qrencode: %v: %s", err, out)
		}
		files, _ := filepath.Glob(filepath.Join(dir, "q-*.png"))
		if len(files) < 2 {
			t.Fatalf("qrencode wrote %d files", len(files))
		}
		var all []decode.Result
		var imgs []image.Image
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			r := decodeOne(t, data)
			if r.Sequence.Total != len(files) {
				t.Errorf("%s: sequence %+v, want total %d", filepath.Base(f), r.Sequence, len(files))
			}
			all = append(all, r)
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			imgs = append(imgs, img)
		}
		slices.Reverse(all)
		merged := decode.Merge(all)
		if len(merged) != 1 || merged[0].Text != c.text || len(merged[0].Parts) != len(files) {
			t.Errorf("Merge of qrencode's %d files: %d results, first %.60q", len(files), len(merged), merged[0].Text)
		}
		rs, err := decode.Image(sheet(imgs, 4))
		if err != nil || len(rs) != 1 || rs[0].Text != c.text {
			t.Errorf("qrencode's %d symbols in one image: %d results, %v", len(files), len(rs), err)
		}
	}
}

// TestAIMInScene reads AIM symbols (FNC1 in second position, which
// gozxing's parser cannot read) beside another code and mirrored, where
// they are found by the finder search and sampled, not read as a rendered
// code.
func TestAIMInScene(t *testing.T) {
	plain, err := qr.Encode("PLAIN NEIGHBOUR", qr.M, qr.Scale(3))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ text, aim string }{
		{"ABC%DEF\x1dGH 12", "37"},
		{"lower case\x1dand more", "a"},
		{"Z-data 0123456789", "Z"},
	} {
		code, err := qr.Encode(c.text, qr.M, qr.AIM(c.aim), qr.Scale(3))
		if err != nil {
			t.Fatal(err)
		}
		for _, mirror := range []bool{false, true} {
			img := code.Image()
			var m image.Image = img
			if mirror {
				m = mirrored(img)
			}
			rs, err := decode.Image(sheet([]image.Image{m, plain.Image()}, 2))
			if err != nil {
				t.Fatalf("%q mirrored %v: %v", c.text, mirror, err)
			}
			found := false
			for _, r := range rs {
				if r.AIM != "" {
					found = r.Text == c.text && r.AIM == c.aim && r.SymbologyID == "]Q5" && r.Mirrored == mirror
				}
			}
			if !found || len(rs) != 2 {
				t.Errorf("%q AIM %s mirrored %v: %d results %+v", c.text, c.aim, mirror, len(rs), rs)
			}
		}
	}
}

// mirrored returns img flipped left to right.
func mirrored(img image.Image) image.Image {
	b := img.Bounds()
	out := image.NewGray(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			out.Set(b.Max.X-1-(x-b.Min.X), y, img.At(x, y))
		}
	}
	return out
}

// TestGS1RoundTripRMQR reads GS1 and AIM rMQR symbols back through the
// decoder's own rMQR reader: FNC1 in either position is allowed in rMQR
// (ISO/IEC 23941:2022, Table 2), so the data, the elements and the AIM
// indicator come back as from QR, with the format reported as rMQR.
func TestGS1RoundTripRMQR(t *testing.T) {
	for _, c := range []struct {
		text, aim, transmitted string
	}{
		{"(01)09506000134352(17)261231(10)ABC123", "", "010950600013435217261231" + "10ABC123"},
		{"(10)AB%CD-12(21)XY/Z%(3103)001250", "", "10AB%CD-12\x1d21XY/Z%\x1d3103001250"},
		{"ABC%DEF\x1dGH 12", "37", "ABC%DEF\x1dGH 12"},
	} {
		opts := []qr.Option{qr.As(qr.RMQR), qr.GS1()}
		if c.aim != "" {
			opts = []qr.Option{qr.As(qr.RMQR), qr.AIM(c.aim)}
		}
		code, err := qr.Encode(c.text, qr.M, opts...)
		if err != nil {
			t.Fatalf("%q: %v", c.text, err)
		}
		r := decodeOne(t, codePNG(t, code))
		if r.Format != decode.RMQR || r.Text != c.text || string(r.Bytes) != c.transmitted ||
			r.GS1 != (c.aim == "") || r.AIM != c.aim {
			t.Errorf("%q: read %v %q, bytes %q, GS1 %v, AIM %q, %s", c.text, r.Format, r.Text, r.Bytes, r.GS1, r.AIM, r.SymbologyID)
		}
		if c.aim == "" {
			var hri strings.Builder
			for _, e := range r.Elements() {
				fmt.Fprintf(&hri, "(%s)%s", e.AI, e.Value)
			}
			if hri.String() != c.text {
				t.Errorf("%s: elements %v", c.text, r.Elements())
			}
		}
	}
}
