package encode

import (
	"fmt"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// Format is a symbology of the QR family. The zero value is QR.
type Format uint8

// The formats the encoder writes.
const (
	// QR is QR Code (ISO/IEC 18004:2015): square symbols of versions 1 to
	// 40, 21 to 177 modules a side, levels L, M, Q and H.
	QR Format = iota
	// MicroQR is Micro QR Code (ISO/IEC 18004:2015): square symbols M1 to
	// M4 (versions 1 to 4), 11 to 17 modules a side, one finder pattern.
	// M1 has error detection only, reported as level L; M2 and M3 have L
	// and M; M4 has L, M and Q. No ECI, FNC1 or structured append.
	MicroQR
	// RMQR is rectangular Micro QR Code (ISO/IEC 23941:2022): 32 sizes
	// from R7x43 to R17x139 (versions 1 to 32 in the order of its Table 1),
	// levels M and H, one fixed mask.
	RMQR
	numFormats
)

// String returns "QR", "Micro QR" or "rMQR".
func (f Format) String() string {
	if f < numFormats {
		return f.family().String()
	}
	return fmt.Sprintf("Format(%d)", uint8(f))
}

// family returns the standard's tables of f.
func (f Format) family() qrspec.Family {
	switch f {
	case MicroQR:
		return qrspec.MicroQR
	case RMQR:
		return qrspec.RMQR
	}
	return qrspec.QR
}

// Versions returns the first and last version of f: 1 and 40 for QR, 1
// and 4 for Micro QR (M1 to M4), 1 and 32 for rMQR.
func (f Format) Versions() (first, last Version) {
	a, b := f.family().Versions()
	return Version(a), Version(b)
}

// DefaultLevel returns the level LevelDefault stands for in f: H for QR
// and rMQR, M for Micro QR (whose M4 alone has a higher level, Q).
func (f Format) DefaultLevel() Level {
	if f == MicroQR {
		return M
	}
	return H
}

// HasLevel reports whether some version of f has level l (LevelDefault
// counting as f's default level).
func (f Format) HasLevel(l Level) bool {
	if l == LevelDefault {
		return true
	}
	first, last := f.Versions()
	for v := first; v <= last; v++ {
		if f.family().HasLevel(int(v), l.spec()) {
			return true
		}
	}
	return false
}

// levelNames is what an error says about the levels of each format.
var levelNames = [numFormats]string{
	QR:      "L, M, Q and H",
	MicroQR: "L (M1 to M4; M1 detects errors only), M (M2 to M4) and Q (M4)",
	RMQR:    "M and H",
}

// Masks returns the number of data mask patterns of f that Options.Mask
// may force: 8 for QR (Table 10), 4 for Micro QR, 1 for rMQR, whose one
// fixed pattern is numbered 0 (ISO/IEC 23941:2022 §7.8).
func (f Format) Masks() int { return [numFormats]int{QR: 8, MicroQR: 4, RMQR: 1}[f] }

// Size returns the width and height in modules of version v of f, quiet
// zone excluded: 17 + 4·v square for QR, 9 + 2·v square for Micro QR, the
// sizes of ISO/IEC 23941 Table 1 for rMQR. v must be in f.Versions().
func (f Format) Size(v Version) (width, height int) { return f.family().Size(int(v)) }

// resolve returns l with LevelDefault replaced by f's default level.
func (f Format) resolve(l Level) Level {
	if l == LevelDefault {
		return f.DefaultLevel()
	}
	return l
}
