package qr

import (
	"fmt"

	"github.com/qrworks/qrworks/encode"
)

// Format is a symbology of the QR family: QR Code, Micro QR Code or
// rectangular Micro QR Code. Encode writes QR unless As says otherwise.
type Format int

// The formats.
const (
	// QR is QR Code (ISO/IEC 18004:2015): square, versions 1 to 40 (21 to
	// 177 modules a side), levels L, M, Q and H. The default.
	QR Format = Format(encode.QR)
	// MicroQR is Micro QR Code (ISO/IEC 18004:2015): square, versions M1 to
	// M4 (Version 1 to 4, 11 to 17 modules a side), one finder pattern, for
	// up to 35 digits or 15 bytes on very small parts. Levels: L in every
	// version (M1 detects errors but corrects none), M from M2, Q in M4
	// only; H does not exist. The zero level means M. No ECI, so text that
	// is not ASCII goes into the symbol as UTF-8 bytes unannounced; NoECI
	// changes nothing and UTF8ECI is an invalid option.
	MicroQR Format = Format(encode.MicroQR)
	// RMQR is rectangular Micro QR Code (ISO/IEC 23941:2022): 32 sizes from
	// R7x43 to R17x139 (Version 1 to 32 in the order of its Table 1), 7 to
	// 17 modules high, for narrow spaces such as cable tags and label
	// edges. Levels M and H; the zero level means H. The size chosen is the
	// one of smallest area that holds the data; MaxHeight limits the
	// height, MinVersion and MaxVersion the versions.
	RMQR Format = Format(encode.RMQR)
)

// String returns "QR", "Micro QR" or "rMQR".
func (f Format) String() string {
	if f < QR || f > RMQR {
		return fmt.Sprintf("Format(%d)", int(f))
	}
	return encode.Format(f).String()
}

// DefaultMicroQuietZone is the quiet zone, in modules, of Micro QR and
// rMQR codes encoded without a QuietZone option: the minimum of ISO/IEC
// 18004:2015 §6.3.8 for Micro QR and of ISO/IEC 23941:2022 for rMQR. (QR
// Codes get DefaultQuietZone, 4.)
const DefaultMicroQuietZone = 2

// As makes Encode and EncodeBytes write a symbol of format f instead of a
// QR Code: qr.Encode("12345", qr.M, qr.As(qr.MicroQR)). It applies to
// Encode and EncodeBytes. Each format has its own versions, levels and
// masks (see QR, MicroQR, RMQR); options outside them make Encode return
// an error wrapping ErrInvalidOption that names what the format has.
func As(f Format) Option {
	return func(c *config) {
		if f < QR || f > RMQR {
			c.fail("format %d is none of QR, MicroQR, RMQR", int(f))
			return
		}
		c.enc.Format = encode.Format(f)
	}
}

// MaxHeight limits the height of an rMQR symbol to at most rows modules
// (its heights are 7, 9, 11, 13, 15 and 17), for narrow labels: the encoder
// picks the symbol of smallest area among those low enough. It applies to
// Encode and EncodeBytes with As(RMQR); with another format, or rows below
// 7, Encode returns an error wrapping ErrInvalidOption.
func MaxHeight(rows int) Option {
	return func(c *config) {
		if rows < 7 {
			c.fail("max height %d below 7, the lowest rMQR symbol", rows)
			return
		}
		c.enc.MaxHeight = rows
	}
}

// DefaultLevel returns the level that the zero Level stands for in f: H for
// QR and rMQR, M for Micro QR.
func (f Format) DefaultLevel() Level { return Level(encode.Format(f).DefaultLevel()) }
