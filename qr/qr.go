// Package qr is the front door of qrworks: encode text or bytes into a QR
// Code, a Micro QR Code or a rectangular Micro QR Code (rMQR), render it
// (PNG, SVG, terminal text, image.Image) and decode codes from images.
//
// The encoder follows ISO/IEC 18004:2015: numeric, alphanumeric, byte and
// kanji modes with optimal segmentation, ECI, Reed–Solomon error correction,
// all 40 versions and the four levels, and the mask chosen by the penalty
// rules. Level H is the default throughout the project. As(MicroQR) and
// As(RMQR) select the small formats (ISO/IEC 18004:2015 Micro QR, ISO/IEC
// 23941:2022 rMQR), with their own versions, levels and defaults; every
// renderer draws their square or rectangular symbols, with a quiet zone
// of 2 modules by default.
//
// # Options
//
// One Option type serves encoding and rendering. Render options (Scale,
// QuietZone, Colors, Invert) given to Encode become the Code's render
// defaults: every renderer starts from them, and options given to a render
// call override them one by one for that call. So
//
//	code, err := qr.Encode(text, qr.H, qr.Scale(20), qr.Colors(navy, white))
//	…
//	b, err := code.PNG()                 // 20 pixels per module, navy on white
//	err = code.WriteSVG(w, qr.QuietZone(0)) // the same without quiet zone
//
// Re-encoding a Code (Code.Encode) replaces its defaults with those of the
// new call. The zero Code renders with the package defaults (DefaultScale,
// DefaultQuietZone, black on white), and a copy of a Code keeps the
// defaults of the original.
//
// # Styling
//
// Modules, Finders, Gradient, RadialGradient and Logo style the image:
// rounded or dotted modules, rounded or circular finder patterns, a
// gradient for the dark modules, a logo in the middle. They are render
// options like Colors. A styled image is never returned unchecked: the
// renderers (WritePNG, PNG, WriteSVG, Raster) run Code.Check on it and
// return ErrNotScannable, with the Report, instead of an image that fails;
// Encode with styling raises the error correction level, and at H the
// version, until the styled symbol passes. docs/styling.md has the
// thresholds and the measurements behind them.
//
// # Errors
//
// The renderers that return an error (WritePNG, PNG, WriteSVG, Raster,
// WriteText, AppendText, WriteFile) agree on them: an invalid option, an
// image over MaxImageSide (text over MaxTextSide) or a nil io.Writer wraps
// ErrInvalidOption, and a Code with nothing encoded is ErrEmptyCode. Image
// and Text predate that rule and have no error result; their documentation
// says what they do instead. Encode reports invalid render options itself,
// an image of its symbol over MaxImageSide included, so the render defaults
// of a Code always draw an image.
//
// # Concurrency
//
// Everything in this package is safe for concurrent use. A *Code is
// immutable once returned by Encode, render defaults included; its methods
// may be called from any number of goroutines. Code.Encode and
// Code.EncodeBytes re-encode into an existing Code and must not race with
// readers of that Code.
package qr

import (
	"fmt"
	"sync"
	"unsafe"

	"github.com/qrworks/qrworks/encode"
)

// Level is an error correction level (ISO/IEC 18004:2015 Table 12).
type Level int

// The error correction levels. Zero, which is none of these, is taken as
// the format's default: H for QR and rMQR, M for Micro QR. Not every
// format has every level: Micro QR has no H, rMQR only M and H.
const (
	L Level = Level(encode.L) // recovers about 7% of codewords
	M Level = Level(encode.M) // about 15%
	Q Level = Level(encode.Q) // about 25%
	H Level = Level(encode.H) // about 30%: the project default
)

// String returns "L", "M", "Q" or "H".
func (l Level) String() string { return encode.Level(l).String() }

// Errors returned by this package; errors.Is and errors.As match them
// whether they come from qr or from encode.
var (
	ErrTooLong       = encode.ErrTooLong
	ErrInvalidOption = encode.ErrInvalidOption
)

// TooLongError says how long the data is and how much each level holds in
// the largest allowed version (Message words it for people), with the bits
// needed and available; it unwraps to ErrTooLong.
type TooLongError = encode.TooLongError

// Code is an encoded QR Code symbol and the render defaults it was encoded
// with. A Code returned by Encode is immutable and safe for concurrent use.
// The zero Code is empty (size 0), renders with the package defaults and is
// ready for Code.Encode. Copying a Code copies its render defaults and
// shares its symbol's modules (see encode.Symbol): re-encoding the original
// or the copy changes the modules of both, so keep two Codes by encoding
// each rather than by copying one.
type Code struct {
	sym     encode.Symbol
	render  rendering // the render options of the last successful encoding; zero before any
	payload uint64    // payloadHash of the data encoded, for the check's decodes (check.go)
	checked *Report   // the check of styled render defaults by Encode (styled_encode.go); nil for a plain Code
}

// renderDefaults returns the render settings c's renderers start from: those
// given to the encoding call, or the package defaults for the zero Code.
func (c *Code) renderDefaults() *rendering {
	if c.render.dark == nil { // never encoded: an encoded Code always has colours
		return &defaultRendering
	}
	return &c.render
}

// encodeState is the scratch space of one encoding call, kept in a pool so
// that re-encoding into an existing Code does not allocate.
type encodeState struct {
	enc encode.Encoder
	cfg config
	// sym receives the symbol when the render options may not fit it, so
	// that a Code is only overwritten once they are known to (see
	// Code.encode).
	sym encode.Symbol
}

var encodeStates = sync.Pool{New: func() any { return new(encodeState) }}

// Encode encodes text, UTF-8, at the given level. Text that is not pure ASCII
// gets an ECI 26 (UTF-8) designator unless NoECI is given.
//
// Options configure the encoding (As, MinVersion, MaxVersion, MaxHeight,
// Mask, Kanji, NoECI, UTF8ECI, BoostLevel, GS1, AIM), and render options (Scale, QuietZone, Colors,
// Invert) become the Code's render defaults: code.PNG() then renders with
// them, and options given to a render call override them one by one. An
// invalid option, render options included, is reported here as an error
// wrapping ErrInvalidOption, as are a scale and quiet zone whose image of
// this symbol would exceed MaxImageSide. With GS1, an invalid element string
// is an error wrapping ErrInvalidGS1.
func Encode(text string, level Level, opts ...Option) (*Code, error) {
	c := new(Code)
	if err := c.Encode(text, level, opts...); err != nil {
		return nil, err
	}
	return c, nil
}

// EncodeBytes encodes data as given, with no ECI designator unless UTF8ECI
// is given. Options are as for Encode: render options become the Code's
// render defaults.
func EncodeBytes(data []byte, level Level, opts ...Option) (*Code, error) {
	c := new(Code)
	if err := c.EncodeBytes(data, level, opts...); err != nil {
		return nil, err
	}
	return c, nil
}

// Encode re-encodes c in place with text, as the function Encode does; the
// render options of this call replace c's render defaults (those not given
// return to the package defaults). It does not allocate when the options
// are built ahead of the call, which lets a server go from text to PNG with
// no allocation. On error c is unchanged, render defaults included.
func (c *Code) Encode(text string, level Level, opts ...Option) error {
	// The encoder only reads its input, so the string's bytes are shared
	// rather than copied.
	data := unsafe.Slice(unsafe.StringData(text), len(text))
	return c.encode(data, level, encode.ECIAuto, opts)
}

// EncodeBytes re-encodes c in place with data, as the function EncodeBytes
// does; render defaults are replaced as by Code.Encode. On error c is
// unchanged.
func (c *Code) EncodeBytes(data []byte, level Level, opts ...Option) error {
	return c.encode(data, level, encode.ECINone, opts)
}

// encode checks the options, encodes data into c and keeps the render
// options as c's defaults.
func (c *Code) encode(data []byte, level Level, eci encode.ECIPolicy, opts []Option) error {
	if level < 0 || level > H {
		return fmt.Errorf("qr: %w: level %d", ErrInvalidOption, int(level))
	}
	st := encodeStates.Get().(*encodeState)
	defer encodeStates.Put(st)
	cfg := &st.cfg
	cfg.reset(opts)
	if cfg.err != nil {
		return cfg.err
	}
	cfg.enc.Level = encode.Level(level)
	cfg.enc.ECI = cfg.eciPolicy(eci)
	if cfg.enc.Format != encode.QR && !cfg.quietSet {
		cfg.quiet = DefaultMicroQuietZone
	}
	if cfg.style.styled() {
		return c.encodeStyled(st, data)
	}
	if err := cfg.plainColours(); err != nil {
		return err
	}

	// The usual scale and quiet zone fit an image of any version: encode
	// straight into c. Larger ones are checked against the version chosen,
	// with the symbol held aside so that c stays unchanged if they fail.
	dst := &c.sym
	fitsAll := sideFits(encode.MaxVersion.Size(), cfg.quiet, cfg.scale)
	if !fitsAll {
		dst = &st.sym
	}
	if err := st.enc.EncodeTo(dst, data, &cfg.enc); err != nil {
		return fmt.Errorf("qr: %w", err)
	}
	if !fitsAll {
		if _, _, err := cfg.imageSize(dst.Width(), dst.Height()); err != nil {
			return err
		}
		// Swapped rather than copied: a Symbol value shares its rows, and
		// the pooled state takes c's old ones for its next use.
		c.sym, st.sym = st.sym, c.sym
	}
	c.render = cfg.rendering
	c.payload = payloadHash(data)
	c.checked = nil
	return nil
}

// eciPolicy returns the ECI policy of the options, or def, the policy of the
// call (Encode or EncodeBytes), when they ask for none.
func (c *config) eciPolicy(def encode.ECIPolicy) encode.ECIPolicy {
	switch {
	case c.noECI:
		return encode.ECINone
	case c.utf8ECI:
		return encode.ECIUTF8
	}
	return def
}

// Format returns the code's format: QR, MicroQR or RMQR (QR for the zero
// Code).
func (c *Code) Format() Format { return Format(c.sym.Format()) }

// Version returns the symbol version within its format: 1..40 for QR, 1..4
// for Micro QR's M1..M4, 1..32 for rMQR in the order of ISO/IEC 23941
// Table 1 (R7x43 = 1 … R17x139 = 32); 0 for the zero Code.
func (c *Code) Version() int { return int(c.sym.Version()) }

// Level returns the error correction level (H for the zero Code, which has
// none). Micro QR's M1, which detects errors but corrects none, reports L.
func (c *Code) Level() Level { return Level(c.sym.Level()) }

// Mask returns the data mask pattern, 0..7 for QR, 0..3 for Micro QR, 0
// for rMQR's one fixed pattern; -1 for the zero Code.
func (c *Code) Mask() int { return c.sym.Mask() }

// Size returns the width in modules, without the quiet zone: the side of a
// square QR (17+4·version) or Micro QR (9+2·version) symbol; 0 for the
// zero Code. rMQR symbols are wider than high: see Height.
func (c *Code) Size() int { return c.sym.Size() }

// Width returns the number of modules per row, quiet zone excluded; 0 for
// the zero Code.
func (c *Code) Width() int { return c.sym.Width() }

// Height returns the number of rows of modules, quiet zone excluded: the
// width except for rMQR; 0 for the zero Code.
func (c *Code) Height() int { return c.sym.Height() }

// Module reports whether the module at column x, row y (origin top-left, no
// quiet zone) is dark; it reports false outside the symbol.
func (c *Code) Module(x, y int) bool { return c.sym.Module(x, y) }

// Symbol returns the underlying encoded symbol, for callers that want its
// packed rows. It aliases c.
func (c *Code) Symbol() *encode.Symbol { return &c.sym }
