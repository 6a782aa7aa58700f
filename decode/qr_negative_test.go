package decode_test

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/qrworks/qrworks/encode"
	"github.com/qrworks/qrworks/internal/synth"
	"github.com/qrworks/qrworks/qr"
)

// The QR side of the negative set (beside TestSmallNegatives' clutter and
// TestSmallNegativeSymbologies' other symbologies, which fail on any
// result too): the images most likely to fool a QR reader. A QR skeleton
// has every function pattern, exact format and version information and
// random data modules, so every pass of the ladder finds its finders,
// samples it through every geometry and hands Reed–Solomon its codewords;
// textures of random modules look like a code's interior; screenshots are
// crisp text and shapes on white.

// skeletonGrid is a symbol of version v whose data modules are random:
// what a reader sees of a code it cannot read.
func skeletonGrid(t *testing.T, v int, rng *rand.Rand) *moduleGrid {
	c, err := qr.Encode("skeleton", qr.Level(1+rng.Intn(4)), qr.MinVersion(v))
	if err != nil {
		t.Fatal(err)
	}
	g := codeGrid(c)
	for _, p := range encode.DataModules(encode.Version(c.Version())) {
		x, y := int(p&0xFF), int(p>>8)
		g.dark[y*g.w+x] = rng.Intn(2) == 0
	}
	return g
}

// textureGrid is n×n random modules without any function pattern.
func textureGrid(n int, rng *rand.Rand) *moduleGrid {
	g := &moduleGrid{w: n, h: n, dark: make([]bool, n*n)}
	for i := range g.dark {
		g.dark[i] = rng.Intn(2) == 0
	}
	return g
}

// qrNegativeScenes returns n photographs of each kind: QR skeletons,
// module textures, screenshots.
func qrNegativeScenes(t *testing.T, rng *rand.Rand, n int) []negativeScene {
	versions := []int{1, 2, 4, 7, 10, 15}
	var out []negativeScene
	for i := range n {
		v := versions[i%len(versions)]
		sc := synth.Scene{Width: 800, Height: 700, Seed: rng.Uint64(), Background: uint8(150 + rng.Intn(80)), Clutter: 40, Noise: 3,
			Symbols: []synth.Symbol{{Grid: skeletonGrid(t, v, rng), Quiet: 4, Module: 3 + 3*rng.Float64(),
				Rotate: 360 * rng.Float64(), TiltX: 40 * rng.Float64(), TiltY: 20 * rng.Float64()}}}
		if i%2 == 1 {
			sc.JPEG = 30 + rng.Intn(60)
		}
		out = append(out, negativeScene{name: fmt.Sprintf("QR skeleton v%d #%d", v, i), scene: sc})
	}
	for i := range n {
		sc := synth.Scene{Width: 800, Height: 700, Seed: rng.Uint64(), Background: 200, Clutter: 60, Noise: 2,
			Symbols: []synth.Symbol{{Grid: textureGrid(21+rng.Intn(60), rng), Quiet: 2, Module: 2 + 4*rng.Float64(), Rotate: 360 * rng.Float64()}}}
		out = append(out, negativeScene{name: fmt.Sprintf("module texture #%d", i), scene: sc})
	}
	for i := range n {
		sc := synth.Scene{Width: 1280, Height: 800, Seed: rng.Uint64(), Background: 245, Clutter: 300 + rng.Intn(600)}
		out = append(out, negativeScene{name: fmt.Sprintf("screenshot #%d", i), scene: sc})
	}
	return out
}

// TestQRNegatives reads QR skeletons, module textures and screenshots:
// nothing may be read. One of each always runs; -robust.full runs forty.
func TestQRNegatives(t *testing.T) {
	if testing.Short() && !*robustFull {
		t.Skip("the negative set runs every pass of the decoder on each image")
	}
	n := 1
	if *robustFull {
		n = 40
	}
	runNegatives(t, qrNegativeScenes(t, rand.New(rand.NewSource(53)), n))
}
