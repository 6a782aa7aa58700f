package encode

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// Unit is what a length in a TooLongError counts: the characters of the one
// mode that can hold the whole data, or bytes.
type Unit uint8

// The units of TooLongError.Length and TooLongError.Capacity.
const (
	Bytes           Unit = iota // bytes of byte mode (UTF-8 text counts each byte)
	Digits                      // numeric mode characters, 0–9
	Characters                  // alphanumeric mode characters (Table 5)
	KanjiCharacters             // kanji mode characters
)

// String returns the unit's name in the plural, as a message uses it.
func (u Unit) String() string {
	switch u {
	case Bytes:
		return "bytes"
	case Digits:
		return "digits"
	case Characters:
		return "characters"
	case KanjiCharacters:
		return "kanji characters"
	}
	return fmt.Sprintf("Unit(%d)", uint8(u))
}

// newTooLong returns the error for data that needs need bits in version
// maxV, more than level l leaves there; f and eci are the modes and the
// ECI the encoding would use.
func newTooLong(data []byte, need int, maxV Version, l Level, f segmentFlags, eci bool) *TooLongError {
	e := &TooLongError{NeededBits: need, AvailableBits: capacity(maxV, l), Level: l, Version: maxV}
	m := unitMode(data, f)
	e.Unit = [segModes]Unit{Digits, Characters, Bytes, KanjiCharacters}[m]
	e.Length = len(data)
	if m == segKanji {
		e.Length = utf8.RuneCount(data)
	}
	header := qrspec.QR.ModeBits(int(maxV)) + qrspec.QR.CountBits(int(maxV), segMode[m])
	if eci {
		header += eciBits(maxV)
	}
	for lv := L; lv <= H; lv++ {
		// A segment of k characters takes ⌈k·unitCost/6⌉ bits, so k
		// characters fit B bits exactly when k ≤ 6B/unitCost.
		if room := capacity(maxV, lv) - header; room > 0 {
			e.Capacity[lv] = 6 * room / int(unitCost[m])
		}
		if lv < l && need <= capacity(maxV, lv) {
			e.Fits = lv
		}
	}
	return e
}

// unitMode returns the mode in whose characters a too-long message counts
// data: the forced mode, else the one mode that holds all of it (numeric,
// alphanumeric, or kanji when allowed), else byte mode.
func unitMode(data []byte, f segmentFlags) int {
	if f.forced {
		return f.forcedMode
	}
	digits, alnum := true, true
	for _, c := range data {
		digits = digits && isDigit(c)
		alnum = alnum && qrspec.AlphanumericValue(c) >= 0
	}
	switch {
	case len(data) == 0:
		return segByte
	case digits:
		return segNumeric
	case alnum:
		return segAlnum
	case f.kanji && allKanji(data):
		return segKanji
	}
	return segByte
}

// allKanji reports whether every character of data has a kanji mode code.
func allKanji(data []byte) bool {
	for i := 0; i < len(data); {
		_, size := kanjiAt(data, i)
		if size == 0 {
			return false
		}
		i += size
	}
	return true
}

// Error returns Message with the package's prefix.
func (e *TooLongError) Error() string { return "encode: " + e.Message() }

// Message says, in the data's terms, how long it is, how much the
// requested level holds in the largest allowed version, and whether a lower
// level would do: "data too long for a QR code: 3000 bytes; level H holds at
// most 1273 bytes, level L 2953". It is Error without the package prefix,
// for showing to the person who typed the text.
func (e *TooLongError) Message() string {
	if e.Level == LevelDefault || !e.Level.Valid() {
		return fmt.Sprintf("data too long for a QR code: needs %d bits, %d available", e.NeededBits, e.AvailableBits)
	}
	var b strings.Builder
	b.WriteString("data too long for a QR code")
	if e.Fits != LevelDefault {
		fmt.Fprintf(&b, " at level %v", e.Level)
	}
	fmt.Fprintf(&b, ": %d %v; level %v holds at most %d %v", e.Length, e.Unit, e.Level, e.Capacity[e.Level], e.Unit)
	if e.Version != MaxVersion {
		fmt.Fprintf(&b, " up to version %v", e.Version)
	}
	switch {
	case e.Fits != LevelDefault:
		fmt.Fprintf(&b, "; it fits at level %v", e.Fits)
	case e.Level != L:
		fmt.Fprintf(&b, ", level L %d", e.Capacity[L])
	}
	return b.String()
}
