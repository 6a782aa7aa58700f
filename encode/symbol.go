package encode

import "github.com/qrworks/qrworks/internal/qrspec"

// wordsPerRow is the number of 64-bit words that hold one row of the largest
// symbol: version 40 is 177 modules wide, and ⌈177/64⌉ = 3.
const wordsPerRow = (qrspec.MaxSide + 63) / 64

// Symbol is an encoded symbol of any Format: its format, version, level,
// mask and module matrix. The matrix is stored as bit-packed rows, one bit
// per module, as many rows as the symbol has. Encoding into a Symbol reuses
// the rows it holds when they are enough, so re-encoding into one Symbol
// does not allocate once it has held a symbol as tall. The zero value is an
// empty symbol of size 0.
//
// Copying a Symbol value shares its rows: a later encoding into either
// changes both. Encode into separate Symbols to keep two.
//
// A Symbol is not safe for concurrent mutation; once encoded it may be read
// from any number of goroutines.
type Symbol struct {
	format        Format
	version       Version
	level         Level
	mask          int8
	width, height uint8
	// rows[y] holds row y, len(rows) == Height(). Module x is bit
	// 63-(x%64) of word x/64, so the first module is the most significant
	// bit: the row's words, written big-endian, are a 1-bit-per-pixel
	// scanline. Bits past Width() are 0: the encoder relies on it. The
	// rows are sized to the symbol rather than to version 40 (4.2 KiB)
	// because the one-shot qr.Encode allocates a Symbol with every Code:
	// for version 5 the allocation falls from 4.9 KiB to about 1 KiB, and
	// the collector's share of the call with it.
	rows []line
}

// resize makes s hold h rows, reusing its rows' memory when it is enough,
// and returns them. Their contents are left for the caller to overwrite.
func (s *Symbol) resize(h int) []line {
	if cap(s.rows) < h {
		s.rows = make([]line, h)
	}
	s.rows = s.rows[:h]
	return s.rows
}

// Format returns the symbol's format (QR for an empty Symbol).
func (s *Symbol) Format() Format { return s.format }

// Version returns the symbol version within its format (1..40 for QR, 1..4
// for Micro QR, 1..32 for rMQR), or 0 for an empty Symbol.
func (s *Symbol) Version() Version { return s.version }

// Level returns the error correction level (never LevelDefault once encoded).
func (s *Symbol) Level() Level { return s.level }

// Mask returns the data mask pattern in the format's numbering (§7.8.2):
// 0..7 for QR, 0..3 for Micro QR, 0 for rMQR's one fixed pattern; -1 for
// an empty Symbol.
func (s *Symbol) Mask() int {
	if s.version == 0 {
		return -1
	}
	return int(s.mask)
}

// Size returns the width: the number of modules per side of a square
// symbol (17+4·version for QR, 9+2·version for Micro QR), without quiet
// zone; 0 for an empty Symbol. rMQR symbols are wider than high: see
// Height.
func (s *Symbol) Size() int { return int(s.width) }

// Width returns the number of modules per row, quiet zone excluded, 0 for
// an empty Symbol.
func (s *Symbol) Width() int { return int(s.width) }

// Height returns the number of rows of modules, quiet zone excluded, 0 for
// an empty Symbol. It equals Width except for rMQR.
func (s *Symbol) Height() int { return int(s.height) }

// Module reports whether the module at column x, row y is dark. The origin
// is the top-left module; coordinates outside the symbol report false.
func (s *Symbol) Module(x, y int) bool {
	if uint(x) >= uint(s.width) || uint(y) >= uint(s.height) {
		return false
	}
	return s.rows[y][x>>6]>>(63-uint(x&63))&1 != 0
}

// Row returns row y as packed words (see the layout note on Symbol): module x
// is bit 63-(x%64) of word x/64, bits past Width() are zero. The slice aliases
// the Symbol and must not be modified. Row returns nil for y out of range.
func (s *Symbol) Row(y int) []uint64 {
	if uint(y) >= uint(s.height) {
		return nil
	}
	return s.rows[y][:(int(s.width)+63)/64]
}
