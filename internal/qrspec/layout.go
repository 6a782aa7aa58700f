package qrspec

// The module layout of Micro QR and rMQR symbols: their function patterns,
// the places of their format information, and the order in which codeword
// bits fill the rest. Encoder and decoder both walk these; x is the
// column, y the row, (0, 0) the top-left module.

// Mark receives one function module: (x, y) and whether it is dark. The
// modules of the format information are reported light; their bits are
// placed by the format functions.
type Mark func(x, y int, dark bool)

// MicroFunctionPatterns reports every function module of Micro QR version
// v, 1 to 4 (ISO/IEC 18004:2015 §6.3): the finder pattern at the top-left
// (a dark 7×7 square, a light 5×5 square, a dark 3×3 square), its light
// separator along its right and bottom sides, the timing patterns along
// the top row and the left column, dark on even coordinates, and the 15
// modules of the format information. Each module is reported once.
func MicroFunctionPatterns(v int, mark Mark) {
	n := microSize(v)
	for y := range 8 {
		for x := range 8 {
			mark(x, y, finderDark(x-3, y-3))
		}
	}
	for i := 8; i < n; i++ {
		mark(i, 0, i%2 == 0)
		mark(0, i, i%2 == 0)
	}
	for k := range 15 {
		x, y := MicroFormatPosition(k)
		mark(x, y, false)
	}
}

// finderDark reports whether the module at (dx, dy) from a finder
// pattern's centre is dark (§6.3.3): the 7×7 ring and the 3×3 centre; the
// ring at distance 4 is the light separator.
func finderDark(dx, dy int) bool {
	d := max(abs(dx), abs(dy)) // Chebyshev distance from the centre
	return d != 2 && d < 4
}

// MicroFormatPosition returns the module of bit k (0 = least significant)
// of Micro QR's format information, §7.9.2: bits 0 to 7 down column 8
// from row 1 to row 8, bits 8 to 14 leftwards along row 8 from column 7 to
// column 1.
func MicroFormatPosition(k int) (x, y int) {
	if k < 8 {
		return 8, k + 1
	}
	return 15 - k, 8
}

// RMQRFunctionPatterns reports every function module of rMQR version v, 1
// to 32 (ISO/IEC 23941:2022 §6.3), each once, in this order (a later
// pattern wins where two would overlap):
//
//   - timing patterns along all four edges, dark on even coordinates;
//   - at each alignment column (RMQRAlignment), a vertical timing line
//     dark on even rows, and 3×3 alignment patterns (a dark ring round a
//     light centre) on the top and bottom edges;
//   - the corner finder patterns: top-right, (w−2, 0) and (w−1, 1) dark,
//     (w−2, 1) light; bottom-left, (0, h−2) and (1, h−1) dark, (1, h−2)
//     light;
//   - the finder sub-pattern at the bottom-right, a 5×5 dark ring, light
//     ring and dark centre;
//   - the finder pattern at the top-left, 7×7 as in QR, with a light
//     separator along its right side and, in symbols taller than 7
//     modules, its bottom side;
//   - the 36 modules of the two copies of the format information.
func RMQRFunctionPatterns(v int, mark Mark) {
	w, h := RMQR.Size(v)
	fn := rmqrLayout(v, w, h)
	for y := range h {
		for x := range w {
			if c := fn[y][x]; c != 0 {
				mark(x, y, c == cellDark)
			}
		}
	}
}

// The cells of a grid.
const (
	cellData  = iota // not a function module
	cellLight        // a light function module
	cellDark         // a dark function module
)

// rmqrLayout draws the function patterns of version v, w×h modules, into
// a grid, later patterns
// overwriting earlier ones (see RMQRFunctionPatterns).
func rmqrLayout(v, w, h int) *grid {
	var g grid
	set := g.mark
	for x := range w {
		set(x, 0, x%2 == 0)
		set(x, h-1, x%2 == 0)
	}
	for y := range h {
		set(0, y, y%2 == 0)
		set(w-1, y, y%2 == 0)
	}
	var buf [4]int
	for _, cx := range RMQRAlignment(&buf, v) {
		for y := range h {
			set(cx, y, y%2 == 0)
		}
		for _, cy := range [2]int{1, h - 2} {
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					set(cx+dx, cy+dy, dx != 0 || dy != 0)
				}
			}
		}
	}
	set(w-2, 0, true)
	set(w-2, 1, false)
	set(w-1, 1, true)
	set(0, h-2, true)
	set(1, h-2, false)
	set(1, h-1, true)
	for dy := -2; dy <= 2; dy++ {
		for dx := -2; dx <= 2; dx++ {
			set(w-3+dx, h-3+dy, max(abs(dx), abs(dy)) != 1)
		}
	}
	for y := range min(h, 8) {
		for x := range 8 {
			set(x, y, finderDark(x-3, y-3))
		}
	}
	for side := RMQRFinderSide; side <= RMQRSubFinderSide; side++ {
		for k := range 18 {
			x, y := RMQRFormatPosition(side, k, w, h)
			set(x, y, false)
		}
	}
	return &g
}

// RMQRSide names one of the two copies of rMQR's format information.
type RMQRSide uint8

// The two copies of the format information (ISO/IEC 23941:2022 §7.9): one
// beside the finder pattern, one beside the finder sub-pattern. Each has
// its own mask.
const (
	RMQRFinderSide RMQRSide = iota
	RMQRSubFinderSide
)

// RMQRSides is the number of copies of rMQR's format information.
const RMQRSides = 2

// RMQRFormatPosition returns the module of bit k (0 = least significant) of
// the given copy of rMQR's format information in a w×h symbol (§7.9).
// Beside the finder, bits 0 to 14 fill columns 8 to 10 of rows 1 to 5,
// column by column, and bits 15 to 17 rows 1 to 3 of column 11. Beside the
// sub-finder, bits 0 to 14 fill columns w−8 to w−6 of rows h−6 to h−2, and
// bits 15 to 17 columns w−5 to w−3 of row h−6.
func RMQRFormatPosition(side RMQRSide, k, w, h int) (x, y int) {
	if side == RMQRFinderSide {
		if k < 15 {
			return 8 + k/5, 1 + k%5
		}
		return 11, k - 14
	}
	if k < 15 {
		return w - 8 + k/5, h - 6 + k%5
	}
	return w - 20 + k, h - 6
}

// MicroDataOrder calls visit for every data module of Micro QR version v
// in the order the bits of the codeword stream fill them, most significant
// bit first (ISO/IEC 18004:2015 §7.7.3): two-module-wide columns from the
// right edge to column 1, upwards first and then alternately downwards,
// the right module of a row before the left, skipping function modules.
// Column 0 is the timing pattern, so the last column pair ends the sweep.
func MicroDataOrder(v int, visit func(x, y int)) {
	n := microSize(v)
	var g grid
	MicroFunctionPatterns(v, g.mark)
	g.dataOrder(n, n, n-1, visit)
}

// RMQRDataOrder calls visit for every data module of rMQR version v in the
// order the bits of the codeword stream fill them, most significant bit
// first (ISO/IEC 23941:2022 §7.7.3): as in Micro QR, but from the column
// left of the right-edge timing pattern, w−2.
func RMQRDataOrder(v int, visit func(x, y int)) {
	w, h := RMQR.Size(v)
	rmqrLayout(v, w, h).dataOrder(w, h, w-2, visit)
}

// grid holds the layout of a Micro QR or rMQR symbol, up to rMQR's
// largest: cellData, cellLight or cellDark per module.
type grid [rmqrMaxHeight][rmqrMaxWidth]uint8

func (g *grid) mark(x, y int, dark bool) {
	g[y][x] = cellLight
	if dark {
		g[y][x] = cellDark
	}
}

// dataOrder visits the data modules of g, w×h, in the order of §7.7.3 of
// both standards: column pairs (right, right−1) from the given right
// column leftwards, upwards in the first pair and alternating after.
func (g *grid) dataOrder(w, h, right int, visit func(x, y int)) {
	upward := true
	for ; right >= 1; right -= 2 {
		for k := range h {
			y := k
			if upward {
				y = h - 1 - k
			}
			for x := right; x >= right-1; x-- {
				if g[y][x] == cellData {
					visit(x, y)
				}
			}
		}
		upward = !upward
	}
}

// dataModules returns the number of modules of g, w×h, that the function
// patterns leave for codewords.
func (g *grid) dataModules(w, h int) int {
	n := 0
	for y := range h {
		for x := range w {
			if g[y][x] == cellData {
				n++
			}
		}
	}
	return n
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// QRFormatPosition returns the module of bit k (0 = least significant) of
// copy c of QR's format information in a symbol of size modules a side,
// §7.9.1 Figure 25. Copy 0 runs around the top-left finder: bits 0 to 5
// down column 8 from row 0, bits 6 and 7 in rows 7 and 8 (row 6 is the
// timing pattern), bit 8 at (7, 8), bits 9 to 14 leftwards along row 8
// from column 5. Copy 1 is split: bits 0 to 7 leftwards along row 8 from
// the right edge, beside the top-right finder; bits 8 to 14 down column 8
// from row size-7, beside the bottom-left finder.
func QRFormatPosition(c, k, size int) (x, y int) {
	if c == 1 {
		if k < 8 {
			return size - 1 - k, 8
		}
		return 8, size - 15 + k
	}
	switch {
	case k < 6:
		return 8, k
	case k < 8:
		return 8, k + 1
	case k == 8:
		return 7, 8
	}
	return 14 - k, 8
}

// QRVersionPosition returns the module of bit k (0 = least significant)
// of copy c of QR's version information, versions 7 and up, in a symbol of
// size modules a side, §7.10 Figure 27: copy 0 is the 6×3 block left of
// the top-right finder, bit k at column size-11+k%3, row k/3; copy 1 its
// transpose above the bottom-left finder.
func QRVersionPosition(c, k, size int) (x, y int) {
	x, y = size-11+k%3, k/3
	if c == 1 {
		x, y = y, x
	}
	return x, y
}
