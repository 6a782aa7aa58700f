package decode_test

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"image"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/internal/synth"
	"github.com/qrworks/qrworks/qr"
)

// moduleGrid is a symbol as rows of modules, for synth.
type moduleGrid struct {
	w, h int
	dark []bool
}

func (g *moduleGrid) Width() int         { return g.w }
func (g *moduleGrid) Height() int        { return g.h }
func (g *moduleGrid) Dark(x, y int) bool { return g.dark[y*g.w+x] }

// codeGrid is one of our codes as a grid.
func codeGrid(c *qr.Code) *moduleGrid {
	g := &moduleGrid{w: c.Width(), h: c.Height(), dark: make([]bool, c.Width()*c.Height())}
	for y := range g.h {
		for x := range g.w {
			g.dark[y*g.w+x] = c.Module(x, y)
		}
	}
	return g
}

// smallWant is what a Micro QR or rMQR symbol must read as.
type smallWant struct {
	format  decode.Format
	version int
	level   string
	mask    int // −1: any
	text    string
}

func (w smallWant) String() string {
	return fmt.Sprintf("%v %d-%s mask %d %q", w.format, w.version, w.level, w.mask, w.text)
}

// checkOne checks that res holds exactly the symbol w, with corners within
// tol pixels of want's.
func checkOne(t *testing.T, name string, res []decode.Result, err error, w smallWant, corners *[4]image.Point, tol int) {
	t.Helper()
	if err != nil || len(res) != 1 {
		t.Errorf("%s: %v: got %d results, %v", name, w, len(res), err)
		return
	}
	r := res[0]
	if r.Format != w.format || r.Version != w.version || r.Level != w.level || (w.mask >= 0 && r.Mask != w.mask) || r.Text != w.text {
		t.Errorf("%s: got %v %d-%s mask %d %q, want %v", name, r.Format, r.Version, r.Level, r.Mask, r.Text, w)
	}
	if corners == nil {
		return
	}
	for i, p := range r.Corners {
		if abs(p.X-corners[i].X) > tol || abs(p.Y-corners[i].Y) > tol {
			t.Errorf("%s: corners %v, want %v", name, r.Corners, *corners)
			return
		}
	}
}

// goldenSymbol is one symbol of the encoder's golden files, made by an
// independent writer.
type goldenSymbol struct {
	want smallWant
	grid *moduleGrid
}

// readGoldenSymbols reads the golden Micro QR and rMQR symbols of the
// encoder's tests: zxing-cpp's writer (every Micro QR version, level and
// mask, every rMQR version and level) and libqrencode's (every Micro QR
// version and level, its own mask). Each entry is a header "format version
// level mask mode data-in-hex", then the rows in hexadecimal, most
// significant bit first, then an empty line.
func readGoldenSymbols(t *testing.T, path string) []goldenSymbol {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	formats := map[string]decode.Format{"micro": decode.MicroQR, "rmqr": decode.RMQR}
	var out []goldenSymbol
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var format, level, mode, data string
		var g goldenSymbol
		if _, err := fmt.Sscan(sc.Text(), &format, &g.want.version, &level, &g.want.mask, &mode, &data); err != nil {
			t.Fatalf("%s: header %q: %v", path, sc.Text(), err)
		}
		text, err := hex.DecodeString(data)
		if err != nil {
			t.Fatal(err)
		}
		g.want.format, g.want.level, g.want.text = formats[format], level, string(text)
		var rows []string
		for sc.Scan() && sc.Text() != "" {
			rows = append(rows, sc.Text())
		}
		g.grid = gridFromHex(t, rows, g.want)
		out = append(out, g)
	}
	return out
}

// gridFromHex turns hexadecimal rows into a grid of the symbol's size.
func gridFromHex(t *testing.T, rows []string, w smallWant) *moduleGrid {
	width := 9 + 2*w.version // Micro QR (§5.3.1)
	if w.format == decode.RMQR {
		width = rmqrWidth(w.version)
	}
	g := &moduleGrid{w: width, h: len(rows), dark: make([]bool, width*len(rows))}
	for y, row := range rows {
		for x := range width {
			nibble, err := strconv.ParseUint(row[x/4:x/4+1], 16, 8)
			if err != nil {
				t.Fatal(err)
			}
			g.dark[y*width+x] = nibble>>(3-x%4)&1 != 0
		}
	}
	return g
}

// rmqrWidth returns the width of rMQR version v (Table 1): five widths for
// heights 7 and 9, six for 11 and 13 (from 27), five for 15 and 17.
func rmqrWidth(v int) int {
	all := [][]int{{43, 59, 77, 99, 139}, {43, 59, 77, 99, 139}, {27, 43, 59, 77, 99, 139}, {27, 43, 59, 77, 99, 139}, {43, 59, 77, 99, 139}, {43, 59, 77, 99, 139}}
	for _, row := range all {
		if v <= len(row) {
			return row[v-1]
		}
		v -= len(row)
	}
	return 0
}

// renderGrid draws g at scale pixels per module with a quiet zone of
// quiet modules, black on white, and returns the image and the symbol's
// corners.
func renderGrid(g *moduleGrid, scale, quiet int) (*image.Gray, [4]image.Point) {
	w, h := (g.w+2*quiet)*scale, (g.h+2*quiet)*scale
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	for y := range g.h {
		for x := range g.w {
			if !g.Dark(x, y) {
				continue
			}
			for dy := range scale {
				row := img.Pix[((quiet+y)*scale+dy)*img.Stride:]
				for dx := range scale {
					row[(quiet+x)*scale+dx] = 0
				}
			}
		}
	}
	q := quiet * scale
	return img, [4]image.Point{{q, q}, {q + g.w*scale, q}, {q + g.w*scale, q + g.h*scale}, {q, q + g.h*scale}}
}

// TestSmallGolden reads every golden symbol of zxing-cpp's writer and
// libqrencode rendered cleanly, and checks everything decode reports.
func TestSmallGolden(t *testing.T) {
	for _, file := range []string{"zxing_micro_rmqr.golden", "qrencode_micro.golden"} {
		symbols := readGoldenSymbols(t, "../encode/testdata/"+file)
		if len(symbols) < 20 {
			t.Fatalf("%s: only %d symbols", file, len(symbols))
		}
		for i, g := range symbols {
			img, corners := renderGrid(g.grid, 3, 2)
			res, err := decode.Image(img)
			checkOne(t, fmt.Sprintf("%s #%d", file, i), res, err, g.want, &corners, 1)
		}
	}
}

// TestSmallRoundTrip encodes every Micro QR version, level and mask and
// every rMQR version and level with our encoder, data of every mode the
// version has filling most of it, and reads the PNG back.
func TestSmallRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	alphabet := "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:abcdefghijklmnopqrstuvwxyz"
	tested := 0
	for _, f := range []qr.Format{qr.MicroQR, qr.RMQR} {
		last := map[qr.Format]int{qr.MicroQR: 4, qr.RMQR: 32}[f]
		for v := 1; v <= last; v++ {
			for _, lv := range []qr.Level{qr.L, qr.M, qr.Q, qr.H} {
				masks := []int{0, 1, 2, 3}
				if f == qr.RMQR {
					masks = []int{0}
				}
				for _, mask := range masks {
					opts := []qr.Option{qr.As(f), qr.MinVersion(v), qr.MaxVersion(v), qr.Mask(mask)}
					text := ""
					var code *qr.Code
					var err error
					// The longest random text that fits, up to 40 characters,
					// of the characters the version's modes hold: digits in
					// M1, alphanumerics in M2, any in the others.
					chars := alphabet
					if f == qr.MicroQR && v <= 2 {
						chars = alphabet[:10+35*(v-1)]
					}
					for n := 1; n <= 40; n++ {
						try := randomText(rng, chars[:10+rng.Intn(len(chars)-9)], n)
						c, e := qr.Encode(try, lv, opts...)
						if e != nil {
							break
						}
						text, code, err = try, c, e
					}
					if code == nil {
						continue // the version lacks the level
					}
					if err != nil {
						t.Fatal(err)
					}
					png, err := code.PNG(qr.Scale(4))
					if err != nil {
						t.Fatal(err)
					}
					res, err := decode.Bytes(png)
					want := smallWant{map[qr.Format]decode.Format{qr.MicroQR: decode.MicroQR, qr.RMQR: decode.RMQR}[f], v, lv.String(), mask, text}
					q := 2 * 4
					corners := [4]image.Point{{q, q}, {q + 4*code.Width(), q}, {q + 4*code.Width(), q + 4*code.Height()}, {q, q + 4*code.Height()}}
					checkOne(t, "round trip", res, err, want, &corners, 1)
					tested++
				}
			}
		}
	}
	// Micro QR: 8 versions and levels × 4 masks; rMQR: 32 versions × 2 levels.
	if want := 8*4 + 32*2; tested != want {
		t.Errorf("%d symbols tested, want %d", tested, want)
	}
}

func randomText(rng *rand.Rand, alphabet string, n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(alphabet[rng.Intn(len(alphabet))])
	}
	return b.String()
}

// TestSmallTransforms reads symbols of both families turned by each
// quarter turn and mirrored, with the corners where they land.
func TestSmallTransforms(t *testing.T) {
	for _, c := range []struct {
		text string
		lv   qr.Level
		opts []qr.Option
	}{
		{"12345", qr.L, []qr.Option{qr.As(qr.MicroQR)}},
		{"MICRO QR M4", qr.Q, []qr.Option{qr.As(qr.MicroQR)}},
		{"rMQR on a cable tag", qr.M, []qr.Option{qr.As(qr.RMQR), qr.MaxHeight(7)}},
		{"rMQR 17 high", qr.H, []qr.Option{qr.As(qr.RMQR), qr.MinVersion(29)}},
	} {
		code, err := qr.Encode(c.text, c.lv, c.opts...)
		if err != nil {
			t.Fatal(err)
		}
		g := codeGrid(code)
		format := map[qr.Format]decode.Format{qr.MicroQR: decode.MicroQR, qr.RMQR: decode.RMQR}[code.Format()]
		want := smallWant{format, code.Version(), code.Level().String(), code.Mask(), c.text}
		for _, mirror := range []bool{false, true} {
			for turn := 0; turn < 360; turn += 90 {
				sc := synth.Scene{Width: 800, Height: 800, Background: 255,
					Symbols: []synth.Symbol{{Grid: g, Quiet: 2, Module: 4, Rotate: float64(turn), Mirror: mirror}}}
				ph, err := sc.Render()
				if err != nil {
					t.Fatal(err)
				}
				var corners [4]image.Point
				for i, p := range ph.Corners[0] {
					corners[i] = image.Pt(int(p.X+0.5), int(p.Y+0.5))
				}
				res, err := decode.Image(ph.Image)
				checkOne(t, fmt.Sprintf("turned %d° mirrored %v", turn, mirror), res, err, want, &corners, 2)
				if len(res) == 1 && res[0].Mirrored != mirror {
					t.Errorf("turned %d° mirrored %v: Mirrored %v", turn, mirror, res[0].Mirrored)
				}
			}
		}
	}
}
