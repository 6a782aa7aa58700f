package decode

import (
	"fmt"
	"slices"
)

// Format is a symbology of the QR family, as a Result reports it and
// Formats selects it.
type Format uint8

// The formats the decoder reads.
const (
	// QR is QR Code, ISO/IEC 18004:2015: versions 1 to 40.
	QR Format = iota
	// MicroQR is Micro QR Code, ISO/IEC 18004:2015: versions M1 to M4,
	// reported as 1 to 4.
	MicroQR
	// RMQR is rectangular Micro QR Code, ISO/IEC 23941:2022: versions
	// R7x43 to R17x139, reported as 1 to 32 in the order of its Table 1.
	RMQR
	numFormats
)

// String returns "QR", "Micro QR" or "rMQR".
func (f Format) String() string {
	switch f {
	case QR:
		return "QR"
	case MicroQR:
		return "Micro QR"
	case RMQR:
		return "rMQR"
	}
	return fmt.Sprintf("Format(%d)", uint8(f))
}

// formatNames are the formats' names in text and JSON: the words of the
// generate command's -symbol flag and the service's "symbol" field.
var formatNames = [numFormats]string{QR: "qr", MicroQR: "micro", RMQR: "rmqr"}

// MarshalText returns "qr", "micro" or "rmqr": a Result's Format reads so
// in JSON.
func (f Format) MarshalText() ([]byte, error) {
	if f >= numFormats {
		return nil, fmt.Errorf("decode: format %d", uint8(f))
	}
	return []byte(formatNames[f]), nil
}

// UnmarshalText reads "qr", "micro" or "rmqr".
func (f *Format) UnmarshalText(text []byte) error {
	i := slices.Index(formatNames[:], string(text))
	if i < 0 {
		return fmt.Errorf("decode: unknown format %q (want qr, micro or rmqr)", text)
	}
	*f = Format(i)
	return nil
}

// formatSet is a set of formats, one bit each.
type formatSet uint8

// allFormats is the default: every format.
const allFormats = formatSet(1<<numFormats - 1)

func (s formatSet) has(f Format) bool { return s&(1<<f) != 0 }

// Formats restricts the search to the given formats: Formats(QR) reads QR
// Codes only and pays nothing for the others' search. Without this option,
// or with no valid format given, every format is read.
func Formats(fs ...Format) Option {
	var set formatSet
	for _, f := range fs {
		if f < numFormats {
			set |= 1 << f
		}
	}
	return func(c *config) {
		if set != 0 {
			c.formats = set
		}
	}
}
