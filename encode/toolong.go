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
// largest of o's format, more than level l leaves there; f and h are the
// modes and header the encoding would use.
func newTooLong(data []byte, need int, o *Options, largest Version, l Level, f segmentFlags, h *header) *TooLongError {
	fam := o.Format.family()
	e := &TooLongError{
		NeededBits: need, AvailableBits: fam.DataBits(int(largest), l.spec()),
		Format: o.Format, Level: l, Version: largest,
	}
	m := unitMode(data, f)
	e.Unit = [segModes]Unit{Digits, Characters, Bytes, KanjiCharacters}[m]
	e.Length = len(data)
	if m == segKanji {
		e.Length = utf8.RuneCount(data)
	}
	for lv := L; lv <= H; lv++ {
		v := o.largestFor(lv)
		if v == 0 {
			continue // the format, or the versions allowed, lack the level
		}
		bits := fam.DataBits(int(v), lv.spec())
		if _, ok := fam.ModeIndicator(int(v), segMode[m]); ok {
			header := fam.ModeBits(int(v)) + fam.CountBits(int(v), segMode[m]) + h.bits(fam, v)
			// A segment of k characters takes ⌈k·unitCost/6⌉ bits, so k
			// characters fit B bits exactly when k ≤ 6B/unitCost.
			if room := bits - header; room > 0 {
				e.Capacity[lv] = 6 * room / int(unitCost[m])
			}
		}
		if lv < l && need <= bits {
			e.Fits, e.FitsLevel = true, lv
		}
	}
	return e
}

// largestFor returns the version o allows at level l that holds the most
// data bits, or 0 if it allows none at that level.
func (o *Options) largestFor(l Level) Version {
	fam := o.Format.family()
	first, last := o.Format.Versions()
	var best Version
	for v := first; v <= last; v++ {
		if o.allows(v, l) && (best == 0 || fam.DataBits(int(v), l.spec()) > fam.DataBits(int(best), l.spec())) {
			best = v
		}
	}
	return best
}

// versionName names version v of f as its standard does: "version 10",
// "M2", "R13x77" (height × width).
func versionName(f Format, v Version) string {
	switch f {
	case MicroQR:
		return fmt.Sprintf("M%d", v)
	case RMQR:
		w, h := f.Size(v)
		return fmt.Sprintf("R%dx%d", h, w)
	}
	return fmt.Sprintf("version %d", v)
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
	fmt.Fprintf(&b, "data too long for %s %v code", article(e.Format), e.Format)
	if e.Fits {
		fmt.Fprintf(&b, " at level %v", e.Level)
	}
	fmt.Fprintf(&b, ": %d %v; level %v holds at most %d %v", e.Length, e.Unit, e.Level, e.Capacity[e.Level], e.Unit)
	if _, last := e.Format.Versions(); e.Format != QR || e.Version != last {
		fmt.Fprintf(&b, " in %s", versionName(e.Format, e.Version))
	}
	switch lowest := e.lowestLevel(); {
	case e.Fits:
		fmt.Fprintf(&b, "; it fits at level %v", e.FitsLevel)
	case lowest != e.Level:
		fmt.Fprintf(&b, ", level %v %d", lowest, e.Capacity[lowest])
	}
	return b.String()
}

// lowestLevel returns the lowest level with a capacity, or Level.
func (e *TooLongError) lowestLevel() Level {
	for lv := L; lv < e.Level; lv++ {
		if e.Capacity[lv] > 0 {
			return lv
		}
	}
	return e.Level
}

// article returns the indefinite article before the format's name.
func article(f Format) string {
	if f == RMQR {
		return "an"
	}
	return "a"
}
