package decode

// The geometry of a QR symbol, in modules, as the search measures it
// (ISO/IEC 18004:2015). Module (i, j) covers [i, i+1) × [j, j+1); its
// centre is (i+0.5, j+0.5).
const (
	// minDim and maxDim are the dimensions of versions 1 and 40: a symbol
	// of version v is 17 + 4v modules wide (clause 5.3.1).
	minDim = 21
	maxDim = 177
	// finderSide is the width of a finder pattern (clause 6.3.3), and
	// finderCentre the distance of its centre from the two symbol edges it
	// touches.
	finderSide   = 7
	finderCentre = 3.5
	// alignCentre is the distance of the bottom-right alignment pattern's
	// centre from the bottom and right edges, from version 2 on (clause
	// 6.3.6, Annex E: the last centre is at row and column dim - 7).
	alignCentre = 6.5
	// minVersionInfo is the first version that carries version information
	// (clause 7.10).
	minVersionInfo = 7
)

// versionOf returns the version of a symbol of dimension dim.
func versionOf(dim int) int { return (dim - 17) / 4 }

// validDim reports whether dim is the dimension of a version 1 to 40.
func validDim(dim int) bool { return dim >= minDim && dim <= maxDim && dim%4 == 1 }
