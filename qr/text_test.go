package qr

import (
	"bytes"
	"errors"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// readText turns terminal text back into printed cells, two rows per line.
func readText(t *testing.T, s string) [][]bool {
	t.Helper()
	var rows [][]bool
	for _, line := range strings.SplitAfter(s, "\n") {
		if line == "" {
			continue
		}
		if !strings.HasSuffix(line, "\n") {
			t.Fatalf("line %q does not end in a newline", line)
		}
		var top, bottom []bool
		for _, r := range strings.TrimSuffix(line, "\n") {
			var tp, bt bool
			switch r {
			case ' ':
			case '▀':
				tp = true
			case '▄':
				bt = true
			case '█':
				tp, bt = true, true
			default:
				t.Fatalf("unexpected rune %q", r)
			}
			top, bottom = append(top, tp), append(bottom, bt)
		}
		rows = append(rows, top, bottom)
	}
	return rows
}

func TestText(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for _, n := range []int{21, 25, 177} {
		m := randomMatrix(rng, n)
		for _, quiet := range []int{0, 1, 4} {
			for _, invert := range []bool{false, true} {
				total := n + 2*quiet
				rows := readText(t, renderText(m, quiet, invert))
				if len(rows) != total+total%2 {
					t.Fatalf("%d rows, want %d", len(rows), total+total%2)
				}
				for y, row := range rows {
					if len(row) != total {
						t.Fatalf("row %d has %d cells, want %d", y, len(row), total)
					}
					for x, got := range row {
						want := y < total && m.Module(x-quiet, y-quiet) == invert
						if got != want {
							t.Fatalf("n %d quiet %d invert %v: cell (%d,%d) printed %v, want %v",
								n, quiet, invert, x, y, got, want)
						}
					}
				}
			}
		}
	}
}

func TestTextCode(t *testing.T) {
	c, err := Encode(w1, H)
	if err != nil {
		t.Fatal(err)
	}
	if c.String() != c.Text() || c.Text() != c.Text(QuietZone(DefaultQuietZone)) {
		t.Error("String() differs from Text() with the defaults")
	}
	var buf bytes.Buffer
	if err := c.WriteText(&buf, Invert(), QuietZone(2)); err != nil {
		t.Fatal(err)
	}
	if buf.String() != c.Text(Invert(), QuietZone(2)) {
		t.Error("WriteText and Text differ")
	}
	// Default: the quiet zone is printed, so the first line is all full
	// blocks; inverted, it is all blank.
	first := strings.SplitN(c.Text(), "\n", 2)[0]
	if first != strings.Repeat("█", c.Size()+8) {
		t.Errorf("first line %q, want full blocks", first)
	}
	first = strings.SplitN(c.Text(Invert()), "\n", 2)[0]
	if first != strings.Repeat(" ", c.Size()+8) {
		t.Errorf("inverted first line %q, want blanks", first)
	}
}

func TestTextErrors(t *testing.T) {
	var empty Code
	if empty.Text() != "" || empty.String() != "" {
		t.Error("empty Code renders text")
	}
	if err := empty.WriteText(&bytes.Buffer{}); !errors.Is(err, ErrEmptyCode) {
		t.Errorf("empty Code: %v", err)
	}
	c, _ := Encode("text", H)
	for _, opts := range [][]Option{{QuietZone(-1)}, {QuietZone(MaxTextSide)}, {QuietZone(1 << 62)}, {Scale(0)}} {
		if s := c.Text(opts...); s != "" {
			t.Errorf("invalid options give %d bytes of text", len(s))
		}
		var buf bytes.Buffer
		if err := c.WriteText(&buf, opts...); !errors.Is(err, ErrInvalidOption) || buf.Len() != 0 {
			t.Errorf("err = %v, %d bytes; want ErrInvalidOption and nothing", err, buf.Len())
		}
	}
}

// TestGolden pins the renderers' output for a fixed matrix (independent of
// the encoder). Run with -update after an intended change.
func TestGolden(t *testing.T) {
	m := randomMatrix(rand.New(rand.NewPCG(2026, 4)), 29)
	var st pngState
	st.cfg.reset([]Option{Scale(4)})
	pngOut, err := st.encode(m)
	if err != nil {
		t.Fatal(err)
	}
	var cfg config
	cfg.reset(nil)
	pw, ph, _ := cfg.imageSize(m.w, m.h)
	files := map[string][]byte{
		"matrix29.png": pngOut,
		"matrix29.svg": appendSVG(nil, m, &cfg.rendering, pw, ph),
		"matrix29.txt": []byte(renderText(m, 2, false)),
	}
	for name, got := range files {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -run TestGolden -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the golden file (%d bytes, want %d); run with -update if intended", name, len(got), len(want))
		}
	}
}
