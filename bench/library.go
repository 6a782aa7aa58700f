package bench

import (
	"bytes"
	"errors"
	"fmt"
)

// ErrUnsupported marks a cell that a library cannot do as the workload
// specifies (a level, a size or a mode it lacks). The table says so instead
// of measuring something else.
var ErrUnsupported = errors.New("cannot do this workload")

// ErrNotAvailable marks a qrworks cell whose API does not exist yet in this
// tree.
var ErrNotAvailable = errors.New("not available")

// unsupported returns an error wrapping ErrUnsupported with the reason.
func unsupported(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrUnsupported, fmt.Sprintf(format, args...))
}

// Op is one timed operation. For a PNG workload it writes the PNG file into
// dst, which it resets first; for a matrix workload it leaves dst alone.
type Op func(dst *bytes.Buffer) error

// Library is one QR Code encoder under test.
type Library struct {
	// Name is the benchmark name suffix: BenchmarkW1_<Name>.
	Name string
	// Module is the Go module path, for the version column.
	Module string
	// Notes says, for the comparison table, what the library does
	// differently from the workload's plain reading; TestPeerNotes checks the
	// facts it states.
	Notes string
	// Prepare returns the operation that does w the way the library's README
	// shows, or an error wrapping ErrUnsupported or ErrNotAvailable. Work
	// that a caller would do once (building option values) happens here.
	Prepare func(w Workload) (Op, error)
	// Symbol encodes w.Text as Prepare's operation does and returns the
	// module matrix, without quiet zone, for inspection.
	Symbol func(w Workload) (*Matrix, error)
}

// Libraries returns the encoders in table order, qrworks first.
func Libraries() []*Library {
	return []*Library{qrworks, skip2, yeqown, boombuler, rsc, piglig, gozxingWriter}
}

// LibraryByName returns the library with the given benchmark name.
func LibraryByName(name string) (*Library, bool) {
	for _, l := range Libraries() {
		if l.Name == name {
			return l, true
		}
	}
	return nil, false
}

// Matrix is a square module matrix without quiet zone; true is dark. Its
// methods may be called concurrently once it is filled, but Set must not
// run alongside any other call.
type Matrix struct {
	Size int
	dark []bool
}

// NewMatrix returns an all-light matrix of size × size modules.
func NewMatrix(size int) *Matrix {
	return &Matrix{Size: size, dark: make([]bool, size*size)}
}

// Set sets module (x, y), column x of row y.
func (m *Matrix) Set(x, y int, dark bool) { m.dark[y*m.Size+x] = dark }

// Dark reports whether module (x, y) is dark; false outside the matrix.
func (m *Matrix) Dark(x, y int) bool {
	if x < 0 || y < 0 || x >= m.Size || y >= m.Size {
		return false
	}
	return m.dark[y*m.Size+x]
}

// Version returns the version that the size implies (ISO/IEC 18004:2015
// §5.3.1: size = 17 + 4·version), or 0 if the size is not a QR size.
func (m *Matrix) Version() int {
	if m.Size < 21 || m.Size > 177 || (m.Size-17)%4 != 0 {
		return 0
	}
	return (m.Size - 17) / 4
}
