package qr

import (
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// matrix is a test symbol in the packed layout of encode.Symbol, so the
// renderers can be checked on any pattern, independently of the encoder.
type matrix struct {
	n    int
	rows [][3]uint64
}

func (m *matrix) Size() int          { return m.n }
func (m *matrix) Row(y int) []uint64 { return m.rows[y][:(m.n+63)/64] }

func (m *matrix) Module(x, y int) bool {
	if x < 0 || y < 0 || x >= m.n || y >= m.n {
		return false
	}
	return m.rows[y][x/64]>>(63-x%64)&1 != 0
}

func (m *matrix) set(x, y int) { m.rows[y][x/64] |= 1 << (63 - x%64) }

// randomMatrix returns an n×n matrix with each module dark with
// probability 1/2.
func randomMatrix(rng *rand.Rand, n int) *matrix {
	m := &matrix{n: n, rows: make([][3]uint64, n)}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if rng.IntN(2) == 0 {
				m.set(x, y)
			}
		}
	}
	return m
}

// testMatrices returns random matrices of every QR size, 21..177.
func testMatrices(t testing.TB) []*matrix {
	t.Helper()
	rng := rand.New(rand.NewPCG(4, 4))
	var ms []*matrix
	for v := 1; v <= 40; v++ {
		ms = append(ms, randomMatrix(rng, 17+4*v))
	}
	return ms
}

// failingWriter accepts nothing and says why.
type failingWriter struct{ err error }

func (f failingWriter) Write(p []byte) (int, error) { return 0, f.err }

// TestRenderWriterErrors: a nil writer is an invalid argument, not a panic,
// and a writer's error comes back wrapped so that errors.Is finds it.
func TestRenderWriterErrors(t *testing.T) {
	c, err := Encode(w1, H)
	if err != nil {
		t.Fatal(err)
	}
	diskFull := errors.New("disk full")
	renderers := []struct {
		name  string
		write func(w io.Writer) error
	}{
		{"PNG", func(w io.Writer) error { return c.WritePNG(w) }},
		{"SVG", func(w io.Writer) error { return c.WriteSVG(w) }},
		{"Text", func(w io.Writer) error { return c.WriteText(w) }},
	}
	for _, r := range renderers {
		t.Run(r.name, func(t *testing.T) {
			if err := r.write(nil); !errors.Is(err, ErrInvalidOption) {
				t.Errorf("nil writer: err = %v, want ErrInvalidOption", err)
			}
			err := r.write(failingWriter{diskFull})
			if !errors.Is(err, diskFull) || !strings.HasPrefix(err.Error(), "qr: ") {
				t.Errorf("failing writer: err = %v, want a qr: error wrapping %v", err, diskFull)
			}
		})
	}
}
