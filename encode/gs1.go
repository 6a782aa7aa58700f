package encode

import (
	"fmt"

	"github.com/qrworks/qrworks/internal/gs1"
)

// ErrInvalidGS1 is wrapped by every error about a GS1 element string given
// with Options.GS1. The error is a *GS1Error, which names the Application
// Identifier at fault, what is wrong and where.
var ErrInvalidGS1 = gs1.ErrInvalid

// GS1Error says what is wrong with a GS1 element string: the AI at fault,
// the position (counting bytes of the element string from 1) and the
// reason, as in "(01): check digit 3, want 2 (at character 18)". It
// unwraps to ErrInvalidGS1.
type GS1Error = gs1.Error

// applicationData returns the data to segment: for Options.GS1, the
// element string read from its human-readable form, validated and written
// in transmitted form (GS separators where the GS1 General Specifications
// §7.8.5 require them) into the Encoder's scratch; otherwise data itself.
func (e *Encoder) applicationData(data []byte, o *Options) ([]byte, error) {
	if !o.GS1 {
		return data, nil
	}
	if len(data) > maxInput {
		l := o.Format.resolve(o.Level)
		return nil, newTooLong(data, len(data)/3*10, o, o.largestFor(l), l, segmentFlags{}, &header{})
	}
	elems, err := gs1.Parse(string(data))
	if err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	e.gs1 = gs1.AppendTransmitted(e.gs1[:0], elems)
	return e.gs1, nil
}
