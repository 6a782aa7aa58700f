package qr

import "github.com/qrworks/qrworks/encode"

// ErrInvalidGS1 is wrapped by every error about a GS1 element string given
// with GS1: the error is a *GS1Error naming the Application Identifier at
// fault, what is wrong and where.
var ErrInvalidGS1 = encode.ErrInvalidGS1

// GS1Error says what is wrong with a GS1 element string and where, as in
// "(01): check digit 3, want 2 (at character 18)"; it unwraps to
// ErrInvalidGS1.
type GS1Error = encode.GS1Error

// GS1 says that the text is a GS1 element string in human-readable form,
// each Application Identifier in parentheses before its value:
// "(01)09506000134352(17)261231(10)ABC123". The string is checked against
// the GS1 General Specifications — known AIs, lengths, character sets,
// check digits, dates, the AIs one requires or excludes — and an error
// wrapping ErrInvalidGS1 says which AI is wrong, how and where. It is
// encoded after FNC1 in first position (ISO/IEC 18004:2015 §7.4.8.2), with
// FNC1 separators after variable-length values that are not last, so that
// scanners report it as GS1 data (symbology identifier ]Q3).
//
// A value runs to the next "(" that opens a known AI, so a value cannot
// hold such a sequence itself. GS1 applies to Encode, EncodeBytes and
// EncodeSequence, for QR Code and rMQR (As(RMQR)); Micro QR has no FNC1
// mode and refuses it with an error wrapping ErrInvalidOption. GS1 and AIM exclude each other: the later one given
// applies.
func GS1() Option { return setGS1 }

func setGS1(c *config) { c.enc.GS1, c.enc.AIM = true, "" }

// AIM marks the text as data in a format registered with AIM International,
// named by its application indicator: two digits "00" to "99", or one
// letter (FNC1 in second position, ISO/IEC 18004:2015 §7.4.8.3; scanners
// report symbology identifier ]Q5 and send the indicator before the data).
// A GS byte (0x1D) in the text is written as FNC1. Any other indicator is
// an invalid option. AIM applies to Encode, EncodeBytes and
// EncodeSequence, for QR Code and rMQR, not Micro QR; GS1 and AIM exclude
// each other, the later one given applies.
func AIM(indicator string) Option {
	return func(c *config) {
		if !validIndicator(indicator) {
			c.fail("application indicator %q is neither two digits nor a letter", indicator)
			return
		}
		c.enc.AIM, c.enc.GS1 = indicator, false
	}
}

// validIndicator reports whether s is two digits or one ASCII letter.
func validIndicator(s string) bool {
	isDigit := func(c byte) bool { return '0' <= c && c <= '9' }
	switch len(s) {
	case 1:
		return 'a' <= s[0] && s[0] <= 'z' || 'A' <= s[0] && s[0] <= 'Z'
	case 2:
		return isDigit(s[0]) && isDigit(s[1])
	}
	return false
}
