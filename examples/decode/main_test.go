package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/examples/internal/cmdtest"
	"github.com/qrworks/qrworks/qr"
	"github.com/qrworks/qrworks/qr/qrhttp"
)

func TestMain(m *testing.M) {
	code := m.Run()
	cmdtest.Cleanup()
	os.Exit(code)
}

// decodeCmd runs the command, built from this package, with args.
func decodeCmd(t *testing.T, args ...string) cmdtest.Result {
	t.Helper()
	return cmdtest.Run(t, cmdtest.Build(t, "."), nil, args...)
}

const w1 = "https://example.com/product/0123456789?batch=42"

// writeFile writes data to dir/name, creating directories on the way.
func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// codePNG renders text at level H, scale 8, quiet zone 4.
func codePNG(t *testing.T, text string) []byte {
	t.Helper()
	code, err := qr.Encode(text, qr.H)
	if err != nil {
		t.Fatal(err)
	}
	b, err := code.PNG()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// reports parses the JSON lines of stdout, by file.
func reports(t *testing.T, stdout string) map[string]fileReport {
	t.Helper()
	got := map[string]fileReport{}
	sc := bufio.NewScanner(strings.NewReader(stdout))
	for sc.Scan() {
		var rep fileReport
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rep); err != nil {
			t.Fatalf("line %q is not a file report: %v", sc.Text(), err)
		}
		if _, dup := got[rep.File]; dup {
			t.Errorf("%s reported twice", rep.File)
		}
		got[rep.File] = rep
	}
	return got
}

// TestDirectory decodes a directory mixing good images (PNG and JPEG, in
// subdirectories), non-images, a truncated PNG, an image without a code and
// a hidden directory, and checks what is reported for each.
func TestDirectory(t *testing.T) {
	dir := t.TempDir()
	good := codePNG(t, w1)
	writeFile(t, dir, "good.png", good)
	writeFile(t, dir, "sub/deep/photo.jpg", toJPEG(t, good))
	writeFile(t, dir, "notes.txt", []byte("not an image\n"))
	writeFile(t, dir, "empty.png", nil)
	writeFile(t, dir, "truncated.png", good[:len(good)/2])
	writeFile(t, dir, "blank.png", blankPNG(t))
	writeFile(t, dir, ".hidden/skipped.png", good)
	missing := filepath.Join(dir, "missing.png")

	r := decodeCmd(t, "-j", "2", dir, missing)
	if r.Status != 1 {
		t.Errorf("exit status %d, want 1", r.Status)
	}
	got := reports(t, r.Stdout)
	path := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	want := map[string]string{ // file → expected error fragment, "" for a decoded file
		path("good.png"):           "",
		path("sub/deep/photo.jpg"): "",
		path("notes.txt"):          "unsupported",
		path("empty.png"):          "empty file",
		path("truncated.png"):      "corrupt",
		path("blank.png"):          "no QR code",
		missing:                    "no such file",
	}
	if len(got) != len(want) {
		t.Errorf("%d reports, want %d:\n%s", len(got), len(want), r.Stdout)
	}
	for file, errPart := range want {
		rep, ok := got[file]
		switch {
		case !ok:
			t.Errorf("%s: not reported", file)
		case rep.Codes == nil:
			t.Errorf("%s: codes is null, want a list", file)
		case strings.HasSuffix(file, "good.png") || strings.HasSuffix(file, "photo.jpg"):
			if rep.Error != nil || len(rep.Codes) != 1 {
				t.Errorf("%s: %+v, want one code and no error", file, rep)
				continue
			}
			c := rep.Codes[0]
			if c.Text != w1 || c.Version != 5 || c.Level != "H" {
				t.Errorf("%s: code %+v, want %q version 5 level H", file, c, w1)
			}
			checkCorners(t, file, c.Corners)
		default:
			if rep.Error == nil || len(rep.Codes) != 0 {
				t.Errorf("%s: %+v, want an error and no code", file, rep)
			} else if !strings.Contains(*rep.Error, errPart) {
				t.Errorf("%s: error %q, want it to mention %q", file, *rep.Error, errPart)
			}
		}
	}
	if !strings.Contains(r.Stderr, "decoded=2 codes=2 not_found=1 errors=4") {
		t.Errorf("summary missing from stderr:\n%s", r.Stderr)
	}
	if strings.Contains(r.Stderr, "\r") {
		t.Errorf("a progress bar was drawn on a pipe:\n%q", r.Stderr)
	}
}

// checkCorners checks the corners of a version-5 code drawn at scale 8 with
// a quiet zone of 4 modules: the symbol spans pixels 32 to 32+37·8 = 328 on
// both axes, and the corners run clockwise from the top-left. A few pixels
// of slack allow for the decoder's sampling and JPEG blur.
func checkCorners(t *testing.T, file string, got [4]point) {
	t.Helper()
	const lo, hi, slack = 32, 328, 4
	want := [4]point{{lo, lo}, {hi, lo}, {hi, hi}, {lo, hi}}
	for i := range want {
		dx, dy := got[i].X-want[i].X, got[i].Y-want[i].Y
		if dx < -slack || dx > slack || dy < -slack || dy > slack {
			t.Errorf("%s: corners %v, want %v within %d pixels", file, got, want, slack)
			return
		}
	}
}

func toJPEG(t *testing.T, pngData []byte) []byte {
	t.Helper()
	img, err := png.Decode(strings.NewReader(string(pngData)))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	return []byte(b.String())
}

func blankPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 120, 80))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	img.Set(60, 40, color.Black)
	var b strings.Builder
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return []byte(b.String())
}

// TestText checks -text output: the bare text for a single file, and file
// name prefixes when there may be several.
func TestText(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.png", codePNG(t, "alpha"))
	b := writeFile(t, dir, "b.png", codePNG(t, "beta"))

	r := decodeCmd(t, "-text", a)
	if r.Status != 0 || r.Stdout != "alpha\n" {
		t.Errorf("one file: %v\nwant stdout %q", r, "alpha\n")
	}
	r = decodeCmd(t, "-text", "-j", "1", a, b)
	if r.Status != 0 || r.Stdout != a+": alpha\n"+b+": beta\n" {
		t.Errorf("two files: %v", r)
	}
	r = decodeCmd(t, "-text", dir, filepath.Join(dir, "nope.png"))
	lines := strings.Split(strings.TrimSpace(r.Stdout), "\n")
	slices.Sort(lines)
	if r.Status != 1 || !slices.Equal(lines, []string{a + ": alpha", b + ": beta"}) {
		t.Errorf("directory and a missing file: %v", r)
	}
	if !strings.Contains(r.Stderr, "nope.png") {
		t.Errorf("the missing file is not reported on stderr:\n%s", r.Stderr)
	}
}

// TestBadUsage checks that a command line without paths or with bad flags
// exits with status 2.
func TestBadUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"-j", "0", "."}, {"-no-such-flag", "."}, {"-", "-"}} {
		if r := decodeCmd(t, args...); r.Status != 2 {
			t.Errorf("%q: exit status %d, want 2", args, r.Status)
		}
	}
}

// TestGenerateRoundTrip runs both commands: generate writes single files
// and a batch, decode reads them all back.
func TestGenerateRoundTrip(t *testing.T) {
	gen := cmdtest.Build(t, "../generate")
	dir := t.TempDir()
	texts := []string{w1, "HELLO WORLD 123", "Grüße, 世界", "0123456789012345678901234567890123456789"}
	in := writeFile(t, dir, "lines.txt", []byte(strings.Join(texts, "\n")+"\n"))
	out := filepath.Join(dir, "batch")
	if r := cmdtest.Run(t, gen, nil, "-batch", in, "-out", out, "-level", "Q"); r.Status != 0 {
		t.Fatalf("generate -batch: %v", r)
	}
	single := filepath.Join(dir, "single.png")
	if r := cmdtest.Run(t, gen, nil, "-o", single, "-scale", "4", texts[2]); r.Status != 0 {
		t.Fatalf("generate -o: %v", r)
	}

	r := decodeCmd(t, out, single)
	if r.Status != 0 {
		t.Fatalf("decode: %v", r)
	}
	got := reports(t, r.Stdout)
	want := map[string]string{single: texts[2]}
	for i, text := range texts {
		want[filepath.Join(out, fmt.Sprintf("%d.png", i+1))] = text
	}
	if len(got) != len(want) {
		t.Errorf("%d reports, want %d:\n%s", len(got), len(want), r.Stdout)
	}
	for file, text := range want {
		rep := got[file]
		if len(rep.Codes) != 1 || rep.Codes[0].Text != text {
			t.Errorf("%s: %+v, want %q", file, rep, text)
		}
	}
}

// TestStdin checks that "-" reads standard input, and that an empty input
// is reported as empty rather than as an unsupported format.
func TestStdin(t *testing.T) {
	bin := cmdtest.Build(t, ".")
	r := cmdtest.Run(t, bin, bytes.NewReader(codePNG(t, w1)), "-text", "-")
	if r.Status != 0 || r.Stdout != w1+"\n" {
		t.Errorf("decode -text - < code.png: %v", r)
	}
	r = cmdtest.Run(t, bin, strings.NewReader(""), "-")
	rep := reports(t, r.Stdout)["-"]
	if r.Status != 1 || rep.Error == nil || *rep.Error != "empty file" {
		t.Errorf("decode - < /dev/null: %v", r)
	}
}

// TestBrokenLinks checks that symbolic links to missing files are reported,
// given as arguments and met inside a directory, naming their target.
func TestBrokenLinks(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "d/good.png", codePNG(t, "alpha"))
	top := filepath.Join(dir, "top.png")
	inner := filepath.Join(dir, "d", "gone.png")
	for link, target := range map[string]string{top: "nowhere.png", inner: "../nowhere.png"} {
		if err := os.Symlink(target, link); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	r := decodeCmd(t, top, filepath.Join(dir, "d"))
	got := reports(t, r.Stdout)
	for _, link := range []string{top, inner} {
		rep, ok := got[link]
		if !ok || rep.Error == nil || !strings.Contains(*rep.Error, "broken symbolic link to ") {
			t.Errorf("%s: %+v, want a broken link error", link, rep)
		}
	}
	if r.Status != 1 || len(got) != 3 {
		t.Errorf("exit status %d and %d reports, want 1 and 3:\n%s", r.Status, len(got), r.Stdout)
	}
}

// TestTextLogLevels checks what -text says on standard error about files
// that give no text: a file without a code is a warning, a file that cannot
// be read an error, each with its own message.
func TestTextLogLevels(t *testing.T) {
	dir := t.TempDir()
	blank := writeFile(t, dir, "blank.png", blankPNG(t))
	notes := writeFile(t, dir, "notes.txt", []byte("not an image"))
	r := decodeCmd(t, "-text", blank, notes)
	var warn, fail bool
	for _, l := range strings.Split(r.Stderr, "\n") {
		warn = warn || strings.Contains(l, "level=WARN") && strings.Contains(l, "no code found") && strings.Contains(l, blank)
		fail = fail || strings.Contains(l, "level=ERROR") && strings.Contains(l, "cannot read") && strings.Contains(l, notes)
	}
	if !warn || !fail || r.Status != 1 {
		t.Errorf("exit status %d, want 1, a warning for %s and an error for %s:\n%s", r.Status, blank, notes, r.Stderr)
	}
}

// TestCornersLikeHTTP checks that the command writes corners in the shape
// the HTTP service answers them, {"x":…,"y":…}, with the same values for
// the same image.
func TestCornersLikeHTTP(t *testing.T) {
	type codes struct {
		Codes []struct {
			Text    string          `json:"text"`
			Corners json.RawMessage `json:"corners"`
		} `json:"codes"`
	}
	img := codePNG(t, w1)
	path := writeFile(t, t.TempDir(), "code.png", img)
	r := decodeCmd(t, path)
	var cli codes
	if err := json.Unmarshal([]byte(r.Stdout), &cli); err != nil {
		t.Fatalf("%v: %q", err, r.Stdout)
	}
	rec := httptest.NewRecorder()
	qrhttp.New(qrhttp.Options{}).ServeHTTP(rec, httptest.NewRequest("POST", "/api/decode", bytes.NewReader(img)))
	var api codes
	if err := json.Unmarshal(rec.Body.Bytes(), &api); err != nil {
		t.Fatalf("%v: %q", err, rec.Body)
	}
	if len(cli.Codes) != 1 || len(api.Codes) != 1 || cli.Codes[0].Text != w1 ||
		!bytes.Equal(cli.Codes[0].Corners, api.Codes[0].Corners) || !bytes.HasPrefix(cli.Codes[0].Corners, []byte(`[{"x":`)) {
		t.Errorf("the command writes\n%+v\nthe service\n%+v", cli, api)
	}
}
