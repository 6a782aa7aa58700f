package qrspec

// maxVersions is the most versions any family has (QR's 40): per-version
// arrays are indexed by version number, index 0 unused.
const maxVersions = 40

// Bounds over every family, for callers that size arrays once for all.
const (
	// MaxSide is the widest or tallest symbol of any family, QR version
	// 40: 17 + 4·40 modules.
	MaxSide = 177
	// MaxCodewords is the most codewords of any symbol of any family, QR
	// version 40 (Table 9).
	MaxCodewords = 3706
)

// facts is one family's per-version facts as flat arrays indexed by
// version (and level or mode), expanded from its tables and formulas when
// the package is initialised and read-only afterwards. A level a version
// lacks has 0 data codewords; a mode it lacks has indicator −1.
type facts struct {
	first, last uint8
	size        [maxVersions + 1][2]uint8 // width, height
	rawModules  [maxVersions + 1]uint16
	total       [maxVersions + 1]uint16
	data        [maxVersions + 1][levels]uint16 // data codewords
	dataBits    [maxVersions + 1][levels]uint16
	blocks      [maxVersions + 1][levels]uint8
	ecPerBlock  [maxVersions + 1][levels]uint8
	modeBits    [maxVersions + 1]uint8
	terminator  [maxVersions + 1]uint8
	indicator   [maxVersions + 1][numModes]int8
	modeOf      [maxVersions + 1][16]Mode // by indicator value; noMode for none
	countBits   [maxVersions + 1][dataModes]uint8
	countRange  [maxVersions + 1][2]uint8 // first, last
}

// families holds every family's facts, indexed by Family.
var families = [numFamilies]facts{
	QR:      qrFacts(),
	MicroQR: microFacts(),
	RMQR:    rmqrFacts(),
}

// setModes fills the indicator and modeOf rows of version v from a table
// of indicator values, −1 for modes v lacks.
func (t *facts) setModes(v int, indicators *[numModes]int8) {
	t.indicator[v] = *indicators
	for i := range t.modeOf[v] {
		t.modeOf[v][i] = noMode
	}
	for m, i := range indicators {
		if i >= 0 {
			t.modeOf[v][i] = Mode(m)
		}
	}
}

// fillCountRanges sets countRange from the other facts: the longest run
// of consecutive versions around each version with the same mode
// indicators and count widths.
func (t *facts) fillCountRanges() {
	same := func(a, b int) bool {
		return t.modeBits[a] == t.modeBits[b] && t.indicator[a] == t.indicator[b] && t.countBits[a] == t.countBits[b]
	}
	for first := int(t.first); first <= int(t.last); {
		last := first
		for last < int(t.last) && same(last+1, first) {
			last++
		}
		for v := first; v <= last; v++ {
			t.countRange[v] = [2]uint8{uint8(first), uint8(last)}
		}
		first = last + 1
	}
}
