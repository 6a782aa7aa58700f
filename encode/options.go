package encode

import (
	"errors"
	"fmt"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// Level is an error correction level, ISO/IEC 18004:2015 §5.3.8 and
// Table 12. The zero value, LevelDefault, means H, the project default.
type Level uint8

// The error correction levels, in increasing order of redundancy. Recovery
// capacity (Table 12): L about 7%, M 15%, Q 25%, H 30% of codewords.
const (
	LevelDefault Level = iota // means H
	L
	M
	Q
	H
)

// Valid reports whether l is LevelDefault or one of L, M, Q, H.
func (l Level) Valid() bool { return l <= H }

// Resolve maps LevelDefault to H and returns every other level unchanged.
func (l Level) Resolve() Level {
	if l == LevelDefault {
		return H
	}
	return l
}

// spec returns the row of l in the standard's tables, LevelDefault as H.
func (l Level) spec() qrspec.Level { return qrspec.Level(l.Resolve() - L) }

// String returns "L", "M", "Q" or "H" ("H" for LevelDefault).
func (l Level) String() string {
	switch l.Resolve() {
	case L:
		return "L"
	case M:
		return "M"
	case Q:
		return "Q"
	case H:
		return "H"
	}
	return fmt.Sprintf("Level(%d)", uint8(l))
}

// Version is a symbol version, 1 to 40 (ISO/IEC 18004:2015 §5.3.1). In
// Options the zero value means "no bound".
type Version uint8

// The smallest and largest QR Code versions.
const (
	MinVersion Version = 1
	MaxVersion Version = 40
)

// Valid reports whether v is in 1..40.
func (v Version) Valid() bool { return v >= MinVersion && v <= MaxVersion }

// Size is the number of modules per side, 17 + 4·v (§5.3.1): 21 to 177.
func (v Version) Size() int {
	w, _ := qrspec.QR.Size(int(v))
	return w
}

// capacity returns the number of data bits version v holds at level l
// (Table 7).
func capacity(v Version, l Level) int { return qrspec.QR.DataBits(int(v), l.spec()) }

// String returns the version number in decimal.
func (v Version) String() string { return fmt.Sprintf("%d", uint8(v)) }

// Mask selects a data mask pattern (ISO/IEC 18004:2015 §7.8.2, Table 10).
// The zero value, MaskAuto, asks the encoder to evaluate all eight patterns
// by the penalty rules of §7.8.3 and keep the best; MaskPattern(n) forces
// pattern n.
type Mask uint8

// MaskAuto asks the encoder to choose the mask.
const MaskAuto Mask = 0

// MaskPattern returns the Mask that forces data mask pattern n, 0 to 7.
// Any other n gives an invalid Mask: Encoder.EncodeTo rejects it with an
// error wrapping ErrInvalidOption.
func MaskPattern(n int) Mask {
	if n < 0 || n > 7 {
		return Mask(0xFF)
	}
	return Mask(n + 1)
}

// Pattern returns the forced pattern number 0..7, or -1 for MaskAuto.
func (m Mask) Pattern() int { return int(m) - 1 }

// Valid reports whether m is MaskAuto or a pattern 0..7.
func (m Mask) Valid() bool { return m <= 8 }

// String returns "auto" or the pattern number.
func (m Mask) String() string {
	if m == MaskAuto {
		return "auto"
	}
	return fmt.Sprintf("%d", m.Pattern())
}

// Mode is a data encoding mode (ISO/IEC 18004:2015 §7.4, Table 2). In
// Options the zero value, ModeAuto, lets the segmenter choose.
type Mode uint8

// The data modes. ModeAuto asks for optimal segmentation over numeric,
// alphanumeric and byte (and kanji when Options.Kanji is set).
const (
	ModeAuto Mode = iota
	ModeNumeric
	ModeAlphanumeric
	ModeByte
	ModeKanji
)

// String returns the mode's name.
func (m Mode) String() string {
	switch m {
	case ModeAuto:
		return "auto"
	case ModeNumeric:
		return "numeric"
	case ModeAlphanumeric:
		return "alphanumeric"
	case ModeByte:
		return "byte"
	case ModeKanji:
		return "kanji"
	}
	return fmt.Sprintf("Mode(%d)", uint8(m))
}

// ECIPolicy says when the encoder writes an Extended Channel Interpretation
// designator (ISO/IEC 18004:2015 §7.4.2) announcing UTF-8 (ECI 000026).
type ECIPolicy uint8

const (
	// ECIAuto, the zero value, writes ECI 26 before the data when the data
	// is not pure 7-bit ASCII, so readers know the bytes are UTF-8.
	ECIAuto ECIPolicy = iota
	// ECINone never writes an ECI designator.
	ECINone
	// ECIUTF8 always writes ECI 26.
	ECIUTF8
)

// Options controls encoding. The zero value means: level H, the smallest
// version that fits (1..40), mask chosen by penalty, optimal segmentation
// over numeric, alphanumeric and byte, ECI 26 when the data is not ASCII.
type Options struct {
	Level      Level     // LevelDefault means H
	MinVersion Version   // 0 means 1
	MaxVersion Version   // 0 means 40
	Mask       Mask      // MaskAuto or MaskPattern(0..7)
	ECI        ECIPolicy // when to write ECI 26 (UTF-8)
	Kanji      bool      // kanji segments (§7.4.6), used only when every non-ASCII character has a kanji code; no ECI then
	Mode       Mode      // force one single segment of this mode; ModeAuto segments optimally
	BoostLevel bool      // raise the level while the chosen version still fits
}

// validate reports the first option out of range, wrapping
// ErrInvalidOption.
func (o *Options) validate() error {
	switch {
	case !o.Level.Valid():
		return fmt.Errorf("encode: %w: level %d", ErrInvalidOption, o.Level)
	case o.MinVersion != 0 && !o.MinVersion.Valid():
		return fmt.Errorf("encode: %w: minimum version %d outside 1..40", ErrInvalidOption, o.MinVersion)
	case o.MaxVersion != 0 && !o.MaxVersion.Valid():
		return fmt.Errorf("encode: %w: maximum version %d outside 1..40", ErrInvalidOption, o.MaxVersion)
	case o.MinVersion != 0 && o.MaxVersion != 0 && o.MinVersion > o.MaxVersion:
		return fmt.Errorf("encode: %w: minimum version %d above maximum %d", ErrInvalidOption, o.MinVersion, o.MaxVersion)
	case !o.Mask.Valid():
		// Report the raw value: MaskPattern(n) maps every n outside 0..7 to
		// the same invalid Mask, so the caller's n is not recoverable.
		return fmt.Errorf("encode: %w: mask value %d is neither MaskAuto nor MaskPattern(0..7)", ErrInvalidOption, uint8(o.Mask))
	case o.ECI > ECIUTF8:
		return fmt.Errorf("encode: %w: ECI policy %d", ErrInvalidOption, o.ECI)
	case o.Mode > ModeKanji:
		return fmt.Errorf("encode: %w: mode %d", ErrInvalidOption, o.Mode)
	}
	return nil
}

// versions returns the range of versions o allows, zero bounds replaced
// by 1 and 40.
func (o *Options) versions() (minV, maxV Version) {
	minV, maxV = o.MinVersion, o.MaxVersion
	if minV == 0 {
		minV = MinVersion
	}
	if maxV == 0 {
		maxV = MaxVersion
	}
	return minV, maxV
}

// Errors returned by the encoder. ErrTooLong is always wrapped in a
// *TooLongError; both match errors.Is(err, ErrTooLong).
var (
	ErrTooLong       = errors.New("data too long for a QR code")
	ErrInvalidOption = errors.New("invalid option")
)

// TooLongError reports data that does not fit the largest allowed version.
// It unwraps to ErrTooLong. Its message is for people: the data's length,
// what the level holds, and the level that would fit, if any; the fields
// carry the same facts and the bit counts.
type TooLongError struct {
	NeededBits    int // bits the shortest encoding takes in the largest allowed version
	AvailableBits int // data bits that version holds at the requested level

	Level   Level   // the requested level (H for LevelDefault)
	Version Version // the largest allowed version: 40, or Options.MaxVersion
	Length  int     // the data's length, in Unit
	Unit    Unit    // what Length and Capacity count
	// Capacity[l] is how many Units Version holds at level l (L to H;
	// [LevelDefault] is unused): Table 7 of ISO/IEC 18004:2015 for data of
	// one mode, less the ECI designator when one is written. Byte data
	// with runs of digits or capitals can go a little beyond it.
	Capacity [H + 1]int
	// Fits is the highest level below Level at which the data fits
	// Version, or LevelDefault when none does.
	Fits Level
}

// Unwrap returns ErrTooLong.
func (e *TooLongError) Unwrap() error { return ErrTooLong }
