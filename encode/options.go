package encode

import (
	"errors"
	"fmt"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// Level is an error correction level, ISO/IEC 18004:2015 §5.3.8 and
// Table 12. The zero value, LevelDefault, means H, the project default, in
// QR and rMQR, and M in Micro QR (Format.DefaultLevel).
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

// Resolve maps LevelDefault to H, QR's default, and returns every other
// level unchanged. Format.DefaultLevel gives the default of each format.
func (l Level) Resolve() Level {
	if l == LevelDefault {
		return H
	}
	return l
}

// spec returns the row of l in the standard's tables, LevelDefault as H
// (callers resolve it for their format first).
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

// Version is a symbol version, numbered within its format: 1 to 40 for QR
// (ISO/IEC 18004:2015 §5.3.1), 1 to 4 for Micro QR's M1 to M4, 1 to 32
// for rMQR in the order of ISO/IEC 23941:2022 Table 1. In Options the zero
// value means "no bound".
type Version uint8

// The smallest and largest QR Code versions (Format.Versions gives every
// format's).
const (
	MinVersion Version = 1
	MaxVersion Version = 40
)

// Valid reports whether v is a QR Code version, 1..40.
func (v Version) Valid() bool { return v >= MinVersion && v <= MaxVersion }

// Size is the number of modules per side of QR version v, 17 + 4·v
// (§5.3.1): 21 to 177. Format.Size gives every format's.
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
// The zero value, MaskAuto, asks the encoder to evaluate the patterns (all
// eight of QR by the penalty rules of §7.8.3, the four of Micro QR by the
// rule of §7.8.3.2) and keep the best; MaskPattern(n) forces pattern n, in
// the format's own numbering (Format.Masks). rMQR has one fixed pattern,
// 0.
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

// Options controls encoding. The zero value means: a QR Code at level H,
// the smallest version that fits (1..40), mask chosen by penalty, optimal
// segmentation over numeric, alphanumeric and byte, ECI 26 when the data
// is not ASCII.
//
// For Micro QR the smallest version that fits is chosen among M1 to M4
// (M1 only at level L), no ECI is written (ECIAuto writes none, ECIUTF8 is
// invalid) and the default level is M. For rMQR the default level is H and
// the version is the one of smallest area (height × width) that fits,
// among those within the version bounds and MaxHeight; on equal areas the
// lower version.
type Options struct {
	Format     Format    // QR, MicroQR or RMQR
	Level      Level     // LevelDefault means the format's default (DefaultLevel)
	MinVersion Version   // 0 means the format's first version
	MaxVersion Version   // 0 means the format's last version
	MaxHeight  int       // rMQR only: the tallest symbol allowed, in modules (7 to 17); 0 means any
	Mask       Mask      // MaskAuto or MaskPattern(0 .. Format.Masks()−1)
	ECI        ECIPolicy // when to write ECI 26 (UTF-8)
	Kanji      bool      // kanji segments (§7.4.6), used only when every non-ASCII character has a kanji code; no ECI then
	Mode       Mode      // force one single segment of this mode; ModeAuto segments optimally
	BoostLevel bool      // raise the level while the chosen version still fits

	// GS1 says the data is a GS1 element string in human-readable form,
	// "(01)09506000134352(17)261231": it is validated (errors wrap
	// ErrInvalidGS1) and written in transmitted form after FNC1 in first
	// position (§7.4.8.2), GS separators as FNC1.
	GS1 bool
	// AIM, if not empty, marks the data as a format registered with AIM:
	// FNC1 in second position with this application indicator, two digits
	// or one letter (§7.4.8.3). GS (0x1D) in the data is written as FNC1.
	AIM string
	// Append places the symbol in a structured append sequence (clause 8);
	// the zero value is none. EncodeSequence sets it itself.
	Append StructuredAppend
}

// validate reports the first option out of range, wrapping
// ErrInvalidOption.
func (o *Options) validate() error {
	if o.Format >= numFormats {
		return fmt.Errorf("encode: %w: format %d", ErrInvalidOption, o.Format)
	}
	first, last := o.Format.Versions()
	switch {
	case !o.Level.Valid():
		return fmt.Errorf("encode: %w: level %d", ErrInvalidOption, o.Level)
	case !o.Format.HasLevel(o.Level):
		return fmt.Errorf("encode: %w: %v has no level %v: its levels are %s", ErrInvalidOption, o.Format, o.Level, levelNames[o.Format])
	case o.MinVersion != 0 && (o.MinVersion < first || o.MinVersion > last):
		return fmt.Errorf("encode: %w: minimum version %d outside %v's %d..%d", ErrInvalidOption, o.MinVersion, o.Format, first, last)
	case o.MaxVersion != 0 && (o.MaxVersion < first || o.MaxVersion > last):
		return fmt.Errorf("encode: %w: maximum version %d outside %v's %d..%d", ErrInvalidOption, o.MaxVersion, o.Format, first, last)
	case o.MinVersion != 0 && o.MaxVersion != 0 && o.MinVersion > o.MaxVersion:
		return fmt.Errorf("encode: %w: minimum version %d above maximum %d", ErrInvalidOption, o.MinVersion, o.MaxVersion)
	case !o.Mask.Valid() || o.Mask.Pattern() >= o.Format.Masks():
		// Report the raw value: MaskPattern(n) maps every n outside 0..7 to
		// the same invalid Mask, so the caller's n is not recoverable.
		return fmt.Errorf("encode: %w: mask value %d is neither MaskAuto nor MaskPattern(0..%d) of %v", ErrInvalidOption, uint8(o.Mask), o.Format.Masks()-1, o.Format)
	case o.MaxHeight != 0 && (o.Format != RMQR || o.MaxHeight < rmqrMinHeight):
		return fmt.Errorf("encode: %w: maximum height %d: only rMQR takes one, of at least %d modules", ErrInvalidOption, o.MaxHeight, rmqrMinHeight)
	case o.ECI == ECIUTF8 && o.Format == MicroQR:
		return fmt.Errorf("encode: %w: Micro QR has no ECI", ErrInvalidOption)
	case o.ECI > ECIUTF8:
		return fmt.Errorf("encode: %w: ECI policy %d", ErrInvalidOption, o.ECI)
	case o.Mode > ModeKanji:
		return fmt.Errorf("encode: %w: mode %d", ErrInvalidOption, o.Mode)
	case o.GS1 && o.AIM != "":
		return fmt.Errorf("encode: %w: GS1 and AIM both ask for FNC1, in different positions", ErrInvalidOption)
	case o.Format == MicroQR && (o.GS1 || o.AIM != ""):
		return fmt.Errorf("encode: %w: Micro QR has no FNC1 mode for GS1 or AIM data (ISO/IEC 18004:2015 Table 2)", ErrInvalidOption)
	case o.Format != QR && o.Append.Total != 0:
		return fmt.Errorf("encode: %w: %v has no structured append", ErrInvalidOption, o.Format)
	case !o.Append.valid():
		return fmt.Errorf("encode: %w: structured append position %d of %d", ErrInvalidOption, o.Append.Index, o.Append.Total)
	}
	if o.AIM != "" {
		if _, err := appIndicatorValue(o.AIM); err != nil {
			return err
		}
	}
	return nil
}

// fnc1 returns the FNC1 mode o asks for and the application indicator of
// FNC1 in second position. o has been validated.
func (o *Options) fnc1() (fnc1Mode, uint8) {
	switch {
	case o.GS1:
		return fnc1First, 0
	case o.AIM != "":
		v, _ := appIndicatorValue(o.AIM)
		return fnc1Second, v
	}
	return fnc1None, 0
}

// maxVersion returns the largest version o allows.
func (o *Options) maxVersion() Version {
	_, maxV := o.versions()
	return maxV
}

// versions returns the range of versions o allows, zero bounds replaced
// by the format's first and last version.
func (o *Options) versions() (minV, maxV Version) {
	minV, maxV = o.MinVersion, o.MaxVersion
	first, last := o.Format.Versions()
	if minV == 0 {
		minV = first
	}
	if maxV == 0 {
		maxV = last
	}
	return minV, maxV
}

// Errors returned by the encoder. ErrTooLong is always wrapped in a
// *TooLongError; both match errors.Is(err, ErrTooLong).
var (
	ErrTooLong       = errors.New("data too long for a QR code")
	ErrInvalidOption = errors.New("invalid option")
)

// TooLongError reports data that does not fit the largest allowed version
// (for rMQR, the allowed version of most data bits). It unwraps to
// ErrTooLong. Its message is for people: the data's length, what the level
// holds, and the level that would fit, if any; the fields carry the same
// facts and the bit counts.
type TooLongError struct {
	NeededBits    int // bits the shortest encoding takes in the largest allowed version
	AvailableBits int // data bits that version holds at the requested level

	Format  Format  // the symbol's format
	Level   Level   // the requested level (the format's default for LevelDefault)
	Version Version // the largest allowed version at Level: 40 for QR unless Options.MaxVersion
	Length  int     // the data's length, in Unit
	Unit    Unit    // what Length and Capacity count
	// Capacity[l] is how many Units the largest allowed version at level l
	// holds (L to H; [LevelDefault] is unused; 0 for a level the format
	// lacks): Table 7 of ISO/IEC 18004:2015 for data of one mode, less the
	// header (ECI, FNC1) when one is written. Byte data with runs of digits
	// or capitals can go a little beyond it.
	Capacity [H + 1]int
	// Fits reports whether a level below Level holds the data, and
	// FitsLevel is the highest such level.
	Fits      bool
	FitsLevel Level
}

// Unwrap returns ErrTooLong.
func (e *TooLongError) Unwrap() error { return ErrTooLong }
