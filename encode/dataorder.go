package encode

import (
	"sync"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// DataModules returns the data modules of QR version v in placement order
// (ISO/IEC 18004:2015 §7.7.3), each packed as y<<8 | x (column x, row y,
// origin top-left). Entry k holds bit 7−k%8 (the most significant first) of
// codeword k/8 of the final, interleaved codeword sequence (§7.6); entries
// from 8·TotalCodewords on are remainder bits (Table 1), light before
// masking. Every module not listed is a function module: a finder pattern
// or its separator, a timing or alignment pattern, format or version
// information, or the dark module.
//
// This is what a reader of a symbol needs to tell, module by module, which
// codeword and so which Reed–Solomon block a damaged module hurts. The
// slice is built once per version, shared, and must not be modified. It
// returns nil for a version outside 1..40. Safe for concurrent use.
func DataModules(v Version) []uint16 {
	if !v.Valid() {
		return nil
	}
	e := &dataModuleOrders[v]
	e.once.Do(func() { e.order = unpackSteps(planFor(v)) })
	return e.order
}

var dataModuleOrders [MaxVersion + 1]struct {
	once  sync.Once
	order []uint16
}

// unpackSteps lists the modules of p.steps one by one, in placement order:
// row by row down (or up) a quad, the right module of a pair (bit s of word
// w) before the left one (bit s+1).
func unpackSteps(p *plan) []uint16 {
	order := make([]uint16, 0, qrspec.QR.RawDataModules(int(p.version)))
	for _, o := range p.steps {
		y, w, s := int(o>>8&0xFF), int(o>>6&3), int(o&63)
		x := w*64 + 63 - s
		rows, d := 1, 1
		if o&stepQuad != 0 {
			rows = 4
		}
		if o&stepUp != 0 {
			d = -1
		}
		for r := range rows {
			yr := y + r*d
			order = append(order, uint16(yr<<8|x))
			if o&stepPair != 0 {
				order = append(order, uint16(yr<<8|(x-1)))
			}
		}
	}
	return order
}
