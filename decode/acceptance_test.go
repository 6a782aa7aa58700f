package decode

import (
	"flag"
	"math/rand"
	"testing"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// TestAcceptanceOfRandomModules measures the acceptance rule on garbage:
// random modules read as each Micro QR version and level (and a few rMQR
// versions), with the best case for garbage, a format word read without
// error. It counts how many readings correct and parse, and how many the
// rule accepts. -small-sweep reads a hundred times more.
func TestAcceptanceOfRandomModules(t *testing.T) {
	n := 2000
	if f := flag.Lookup("small-sweep"); f != nil && f.Value.String() == "true" {
		n = 200000
	}
	rng := rand.New(rand.NewSource(41))
	type target struct {
		fam qrspec.Family
		v   int
		l   qrspec.Level
	}
	targets := []target{{qrspec.RMQR, 1, qrspec.M}, {qrspec.RMQR, 11, qrspec.M}, {qrspec.RMQR, 6, qrspec.H}}
	for v := 1; v <= 4; v++ {
		for l := qrspec.L; l <= qrspec.Q; l++ {
			if qrspec.MicroQR.HasLevel(v, l) {
				targets = append(targets, target{qrspec.MicroQR, v, l})
			}
		}
	}
	for _, tg := range targets {
		l := layoutOf(tg.fam, tg.v)
		f := &microFamily
		if tg.fam == qrspec.RMQR {
			f = &rmqrFamily
		}
		// The best case for garbage: both format words exact.
		format := formatChanceLog10(f.formatBits, f.formatWords, 0)
		if tg.fam == qrspec.RMQR {
			format *= 2
		}
		modules := make([]bool, l.w*l.h)
		decoded, accepted := 0, 0
		for range n {
			for i := range modules {
				modules[i] = rng.Intn(2) == 0
			}
			c := l.codewords(modules, f.maskPattern(0), tg.l)
			r, ok := c.decode()
			if !ok {
				continue
			}
			decoded++
			if exactOnly(&c) && r.corrected > 0 {
				continue
			}
			if r.chance+format+fillChanceLog10(r.payload.fillBits) <= smallMaxChanceLog10 {
				accepted++
			}
		}
		t.Logf("%v %d-%v: %d of %d random readings decode, %d accepted", tg.fam, tg.v, tg.l, decoded, n, accepted)
		// Even with exact format words, garbage passes the bound with a
		// chance near 10^-4.8 (M1: two check codewords) or far less.
		if float64(accepted) > 10+float64(n)*1e-4 {
			t.Errorf("%v %d-%v: %d of %d random readings accepted", tg.fam, tg.v, tg.l, accepted, n)
		}
	}
}
