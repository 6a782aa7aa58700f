package pngenc

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/qrworks/qrworks/internal/testenv"
)

// TestPNGCheck runs pngcheck, an independent PNG validator, over files of
// every colour type, square and rectangular grids, and the golden files.
func TestPNGCheck(t *testing.T) {
	tool := testenv.Tool(t, "pngcheck", "pngcheck")
	rng := rand.New(rand.NewPCG(12, 9))
	dir := t.TempDir()
	files := []string{}
	for _, tc := range goldenCases {
		path, err := filepath.Abs(filepath.Join("testdata", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	var e Encoder
	for i, s := range [][3]int{{43, 7, 4}, {139, 17, 2}, {7, 43, 3}, {1, 1, 1}, {2, 2, 2}, {11, 11, 9}} {
		g := randomGrid(rng, s[0], s[1])
		c := colourSets[i%len(colourSets)]
		file, err := e.Append(nil, g, g.options(s[2], i%5, c))
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, fmt.Sprintf("%dx%d.png", s[0], s[1]))
		if err := os.WriteFile(name, file, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	out, err := exec.Command(tool, append([]string{"-q"}, files...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("pngcheck rejects our PNGs: %v\n%s", err, out)
	}
}
