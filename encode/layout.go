package encode

import (
	"sync"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// layout is the data-independent layout of one Micro QR or rMQR version,
// what plan is to QR: the function patterns, the data region, the order in
// which codeword bits fill it and where the format information goes. The
// patterns and the order come from internal/qrspec (MicroFunctionPatterns,
// RMQRFunctionPatterns and their data orders), which the decoder walks
// too. Built once per version on first use and read-only afterwards.
type layout struct {
	format        Format
	version       Version
	width, height int

	base matrix // dark function modules; format information areas left light
	data matrix // 1 where a module holds data or error correction (or remainder) bits

	// steps lists the data modules in placement order, as plan.steps does
	// for QR.
	steps []uint32

	// formatCells[c][k] is the module of bit k (0 = least significant) of
	// copy c of the format information: one copy of 15 bits in Micro QR
	// (ISO/IEC 18004:2015 §7.9.2), two of 18 bits in rMQR (ISO/IEC
	// 23941:2022 §7.9).
	formatCells [qrspec.RMQRSides][18]cell
	formatBits  int
	copies      int
}

// lazyLayout builds one layout on first use.
type lazyLayout struct {
	once sync.Once
	l    *layout
}

var (
	microLayouts [5]lazyLayout  // by version, 1 to 4
	rmqrLayouts  [33]lazyLayout // by version, 1 to 32
)

// layoutFor returns the layout of version v of f, MicroQR or RMQR, v in
// f.Versions().
func layoutFor(f Format, v Version) *layout {
	e := &rmqrLayouts[v]
	if f == MicroQR {
		e = &microLayouts[v]
	}
	e.once.Do(func() { e.l = newLayout(f, v) })
	return e.l
}

// newLayout lays out version v of f from the standard's description in
// internal/qrspec.
func newLayout(f Format, v Version) *layout {
	w, h := f.Size(v)
	l := &layout{format: f, version: v, width: w, height: h}
	mark := func(x, y int, dark bool) { l.base.put(x, y, dark) }
	order := make([]uint32, 0, f.family().RawDataModules(int(v))) // y<<8 | w<<6 | s, one per module
	visit := func(x, y int) {
		l.data.set(x, y)
		order = append(order, uint32(y)<<8|uint32(x>>6)<<6|uint32(63-x&63))
	}
	if f == MicroQR {
		qrspec.MicroFunctionPatterns(int(v), mark)
		qrspec.MicroDataOrder(int(v), visit)
		l.formatBits, l.copies = 15, 1
		for k := range l.formatBits {
			l.formatCells[0][k] = cellAt(qrspec.MicroFormatPosition(k))
		}
	} else {
		qrspec.RMQRFunctionPatterns(int(v), mark)
		qrspec.RMQRDataOrder(int(v), visit)
		l.formatBits, l.copies = 18, qrspec.RMQRSides
		for side := range qrspec.RMQRSide(qrspec.RMQRSides) {
			for k := range l.formatBits {
				l.formatCells[side][k] = cellAt(qrspec.RMQRFormatPosition(side, k, w, h))
			}
		}
	}
	l.steps = placementSteps(order)
	return l
}

// drawFormat writes the format information words, one per copy, into m.
func (l *layout) drawFormat(m *matrix, words *[qrspec.RMQRSides]uint32) {
	for c := range l.copies {
		for k := range l.formatBits {
			cl := &l.formatCells[c][k]
			on := -uint64(words[c] >> uint(k) & 1) // all ones if the bit is set
			m[cl.y][cl.w] = m[cl.y][cl.w]&^cl.mask | cl.mask&on
		}
	}
}
