// Package qr is the front door of qrworks: encode text or bytes into a QR
// Code, render it (PNG, SVG, terminal text, image.Image) and decode codes
// from images.
//
// The encoder follows ISO/IEC 18004:2015: numeric, alphanumeric, byte and
// kanji modes with optimal segmentation, ECI, Reed–Solomon error correction,
// all 40 versions and the four levels, and the mask chosen by the penalty
// rules. Level H is the default throughout the project.
//
// Everything in this package is safe for concurrent use. A *Code is
// immutable once returned by Encode; its methods may be called from any
// number of goroutines. Code.Encode and Code.EncodeBytes re-encode into an
// existing Code and must not race with readers of that Code.
package qr

import (
	"fmt"
	"sync"
	"unsafe"

	"github.com/qrworks/qrworks/encode"
)

// Level is an error correction level (ISO/IEC 18004:2015 Table 12).
type Level int

// The error correction levels. Zero, which is none of these, is taken as H.
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

// TooLongError carries the bits that data needs and the bits that the
// largest allowed version holds; it unwraps to ErrTooLong.
type TooLongError = encode.TooLongError

// Code is an encoded QR Code symbol. A Code returned by Encode is immutable
// and safe for concurrent use. The zero Code is empty (size 0) and is ready
// for Code.Encode.
type Code struct {
	sym encode.Symbol
}

// encodeState is the scratch space of one encoding call, kept in a pool so
// that re-encoding into an existing Code does not allocate.
type encodeState struct {
	enc encode.Encoder
	cfg config
}

var encodeStates = sync.Pool{New: func() any { return new(encodeState) }}

// Encode encodes text, UTF-8, at the given level. Text that is not pure ASCII
// gets an ECI 26 (UTF-8) designator unless NoECI is given.
func Encode(text string, level Level, opts ...Option) (*Code, error) {
	c := new(Code)
	if err := c.Encode(text, level, opts...); err != nil {
		return nil, err
	}
	return c, nil
}

// EncodeBytes encodes data as given, with no ECI designator unless UTF8ECI
// is given.
func EncodeBytes(data []byte, level Level, opts ...Option) (*Code, error) {
	c := new(Code)
	if err := c.EncodeBytes(data, level, opts...); err != nil {
		return nil, err
	}
	return c, nil
}

// Encode re-encodes c in place with text, as the function Encode does. It
// does not allocate when the options are built ahead of the call, which lets
// a server go from text to PNG with no allocation. On error c is unchanged.
func (c *Code) Encode(text string, level Level, opts ...Option) error {
	// The encoder only reads its input, so the string's bytes are shared
	// rather than copied.
	data := unsafe.Slice(unsafe.StringData(text), len(text))
	return c.encode(data, level, encode.ECIAuto, opts)
}

// EncodeBytes re-encodes c in place with data, as the function EncodeBytes
// does. On error c is unchanged.
func (c *Code) EncodeBytes(data []byte, level Level, opts ...Option) error {
	return c.encode(data, level, encode.ECINone, opts)
}

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
	switch {
	case cfg.noECI:
		cfg.enc.ECI = encode.ECINone
	case cfg.utf8ECI:
		cfg.enc.ECI = encode.ECIUTF8
	default:
		cfg.enc.ECI = eci
	}
	if err := st.enc.EncodeTo(&c.sym, data, &cfg.enc); err != nil {
		return fmt.Errorf("qr: %w", err)
	}
	return nil
}

// Version returns the symbol version, 1..40, or 0 for the zero Code.
func (c *Code) Version() int { return int(c.sym.Version()) }

// Level returns the error correction level (H for the zero Code, which has
// none).
func (c *Code) Level() Level { return Level(c.sym.Level()) }

// Mask returns the data mask pattern, 0..7, or -1 for the zero Code.
func (c *Code) Mask() int { return c.sym.Mask() }

// Size returns the number of modules per side, 17+4·version, without the
// quiet zone; 0 for the zero Code.
func (c *Code) Size() int { return c.sym.Size() }

// Module reports whether the module at column x, row y (origin top-left, no
// quiet zone) is dark; it reports false outside the symbol.
func (c *Code) Module(x, y int) bool { return c.sym.Module(x, y) }

// Symbol returns the underlying encoded symbol, for callers that want its
// packed rows. It aliases c.
func (c *Code) Symbol() *encode.Symbol { return &c.sym }
