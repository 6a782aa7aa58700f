package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/qrworks/qrworks/qr"
)

// symbolFlags are the flags that choose the symbol type: -symbol qr, micro
// or rmqr, and -max-height for rMQR.
type symbolFlags struct {
	name      string
	maxHeight int
	format    qr.Format
}

// register adds the flags to fs.
func (f *symbolFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.name, "symbol", "qr", "symbol type: qr, micro (Micro QR, M1–M4) or rmqr (rectangular, R7x43–R17x139)")
	fs.IntVar(&f.maxHeight, "max-height", 0, "with -symbol rmqr, the tallest symbol allowed in `modules` (7–17)")
}

// symbols maps the names -symbol takes to the formats.
var symbols = map[string]qr.Format{"qr": qr.QR, "micro": qr.MicroQR, "rmqr": qr.RMQR}

// apply checks the flags after parsing and gives the level and quiet zone
// the symbol's defaults where their flags were not given: level H and a
// quiet zone of 4 modules for QR, M and 2 for Micro QR, H and 2 for rMQR.
func (f *symbolFlags) apply(fs *flag.FlagSet, level *string, s *style) error {
	var ok bool
	if f.format, ok = symbols[strings.ToLower(f.name)]; !ok {
		return fmt.Errorf("-symbol %q is not qr, micro or rmqr", f.name)
	}
	given := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { given[fl.Name] = true })
	if !given["level"] {
		*level = f.format.DefaultLevel().String()
	}
	if !given["quiet"] && f.format != qr.QR {
		s.quiet = qr.DefaultMicroQuietZone
	}
	return nil
}

// options returns the encoding options of the symbol type; the library
// rejects -max-height with a symbol other than rmqr, or below 7.
func (f *symbolFlags) options() []qr.Option {
	opts := []qr.Option{qr.As(f.format)}
	if f.maxHeight != 0 {
		opts = append(opts, qr.MaxHeight(f.maxHeight))
	}
	return opts
}
