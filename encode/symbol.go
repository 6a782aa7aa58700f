package encode

import "github.com/qrworks/qrworks/internal/qrspec"

// wordsPerRow is the number of 64-bit words that hold one row of the largest
// symbol: version 40 is 177 modules wide, and ⌈177/64⌉ = 3.
const wordsPerRow = (qrspec.MaxSide + 63) / 64

// Symbol is an encoded QR Code: its version, level, mask and module matrix.
// The matrix is stored as bit-packed rows, one bit per module; a Symbol is a
// fixed-size value (about 4 KiB) so that it can be reused without
// allocating. The zero value is an empty symbol of size 0.
//
// A Symbol is not safe for concurrent mutation; once encoded it may be read
// from any number of goroutines.
type Symbol struct {
	version Version
	level   Level
	mask    int8
	// rows[y] holds row y. Module x is bit 63-(x%64) of word x/64, so the
	// first module is the most significant bit: the row's words, written
	// big-endian, are a 1-bit-per-pixel scanline. Bits past Size() are 0,
	// and so are the rows from Size() on: the encoder relies on it.
	rows [qrspec.MaxSide][wordsPerRow]uint64
}

// Version returns the symbol version, 1..40, or 0 for an empty Symbol.
func (s *Symbol) Version() Version { return s.version }

// Level returns the error correction level (never LevelDefault once encoded).
func (s *Symbol) Level() Level { return s.level }

// Mask returns the data mask pattern, 0..7 (§7.8.2), or -1 for an empty Symbol.
func (s *Symbol) Mask() int {
	if s.version == 0 {
		return -1
	}
	return int(s.mask)
}

// Size returns the number of modules per side, without quiet zone: 17+4·version.
func (s *Symbol) Size() int {
	if s.version == 0 {
		return 0
	}
	return s.version.Size()
}

// Module reports whether the module at column x, row y is dark. The origin
// is the top-left module; coordinates outside the symbol report false.
func (s *Symbol) Module(x, y int) bool {
	n := s.Size()
	if uint(x) >= uint(n) || uint(y) >= uint(n) {
		return false
	}
	return s.rows[y][x>>6]>>(63-uint(x&63))&1 != 0
}

// Row returns row y as packed words (see the layout note on Symbol): module x
// is bit 63-(x%64) of word x/64, bits past Size() are zero. The slice aliases
// the Symbol and must not be modified. Row returns nil for y out of range.
func (s *Symbol) Row(y int) []uint64 {
	if uint(y) >= uint(s.Size()) {
		return nil
	}
	return s.rows[y][:(s.Size()+63)/64]
}
