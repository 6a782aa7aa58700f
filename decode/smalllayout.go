package decode

import (
	"sync"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// The module layouts of Micro QR and rMQR as the reader needs them: which
// modules are function patterns of known colour (templates for locating
// the symbol), which carry format information, and the order in which the
// data modules hold the codeword bits. They come from internal/qrspec,
// the same description the encoder draws, and are built once per version
// on first use.

// The kinds of module of a layout.
const (
	moduleData   = iota // a data or error correction bit
	moduleLight         // a light function module
	moduleDark          // a dark function module
	moduleFormat        // a bit of format information
)

// smallLayout is the layout of one Micro QR or rMQR version.
type smallLayout struct {
	family  qrspec.Family
	version int
	w, h    int
	kind    []uint8  // w×h, row by row: moduleData … moduleFormat
	order   []uint16 // the data modules in bit order, as y·w + x
}

// lazySmallLayout builds one layout on first use.
type lazySmallLayout struct {
	once sync.Once
	l    *smallLayout
}

var (
	microLayouts [5]lazySmallLayout  // by version, 1 to 4
	rmqrLayouts  [33]lazySmallLayout // by version, 1 to 32
)

// layoutOf returns the layout of version v of fam, MicroQR or RMQR, v
// within fam.Versions().
func layoutOf(fam qrspec.Family, v int) *smallLayout {
	e := &rmqrLayouts[v]
	if fam == qrspec.MicroQR {
		e = &microLayouts[v]
	}
	e.once.Do(func() { e.l = newSmallLayout(fam, v) })
	return e.l
}

func newSmallLayout(fam qrspec.Family, v int) *smallLayout {
	w, h := fam.Size(v)
	l := &smallLayout{family: fam, version: v, w: w, h: h, kind: make([]uint8, w*h)}
	mark := func(x, y int, dark bool) {
		l.kind[y*w+x] = moduleLight
		if dark {
			l.kind[y*w+x] = moduleDark
		}
	}
	visit := func(x, y int) { l.order = append(l.order, uint16(y*w+x)) }
	if fam == qrspec.MicroQR {
		qrspec.MicroFunctionPatterns(v, mark)
		qrspec.MicroDataOrder(v, visit)
		for k := range microFormatBits {
			x, y := qrspec.MicroFormatPosition(k)
			l.kind[y*w+x] = moduleFormat
		}
	} else {
		qrspec.RMQRFunctionPatterns(v, mark)
		qrspec.RMQRDataOrder(v, visit)
		for side := range qrspec.RMQRSide(qrspec.RMQRSides) {
			for k := range rmqrFormatBits {
				x, y := qrspec.RMQRFormatPosition(side, k, w, h)
				l.kind[y*w+x] = moduleFormat
			}
		}
	}
	return l
}

// The lengths of the format information: 15 bits in Micro QR (ISO/IEC
// 18004:2015 §7.9.2), 18 bits per copy in rMQR (ISO/IEC 23941:2022 §7.9).
const (
	microFormatBits = 15
	rmqrFormatBits  = 18
)

// known returns the colour of module (x, y), which may lie outside the
// symbol (in the quiet zone, light), and false for a module whose colour
// depends on the data or the format information.
func (l *smallLayout) known(x, y int) (dark, ok bool) {
	if x < 0 || y < 0 || x >= l.w || y >= l.h {
		return false, true
	}
	switch l.kind[y*l.w+x] {
	case moduleLight:
		return false, true
	case moduleDark:
		return true, true
	}
	return false, false
}

// codewords reads the codewords of a symbol of this layout from its
// sampled modules (w×h, row by row, true for dark) with data mask pattern
// (qrspec.MaskDark) at level lv, and splits them into their blocks
// (§7.6 of both standards: data codewords interleaved block by block, the
// longer blocks last, then the error correction codewords).
func (l *smallLayout) codewords(modules []bool, pattern int, lv qrspec.Level) symbolCodewords {
	fam, v := l.family, l.version
	total := fam.TotalCodewords(v)
	dataCW := fam.DataCodewords(v, lv)
	dataBits := fam.DataBits(v, lv)
	half := dataBits%8 != 0 // Micro QR's M1 and M3: a 4-bit last data codeword
	raw := make([]byte, total)
	pos := 0
	for i := range raw {
		n := 8
		if half && i == dataCW-1 {
			n = 4
		}
		var c byte
		for range n {
			c <<= 1
			if pos < len(l.order) {
				k := int(l.order[pos])
				x, y := k%l.w, k/l.w
				if modules[k] != qrspec.MaskDark(pattern, y, x) {
					c |= 1
				}
			}
			pos++
		}
		raw[i] = c << (8 - n)
	}
	return symbolCodewords{
		family: fam, version: v, level: lv, dataBits: dataBits,
		blocks: deinterleave(raw, fam.Blocks(v, lv)),
	}
}

// deinterleave splits the codewords of a symbol into its blocks (ISO/IEC
// 18004:2015 §7.6): the first codeword of each block in turn, then the
// second, and so on, the blocks of the second group one data codeword
// longer; then the error correction codewords likewise.
func deinterleave(raw []byte, b qrspec.BlockLayout) []block {
	blocks := make([]block, b.Count)
	for i := range blocks {
		n := b.ShortData
		if i >= b.Short {
			n++
		}
		blocks[i] = block{codewords: make([]byte, 0, n+b.ECPerBlock), data: n}
	}
	k := 0
	for i := 0; i <= b.ShortData; i++ {
		for j := range blocks {
			if i < blocks[j].data {
				blocks[j].codewords = append(blocks[j].codewords, raw[k])
				k++
			}
		}
	}
	for range b.ECPerBlock {
		for j := range blocks {
			blocks[j].codewords = append(blocks[j].codewords, raw[k])
			k++
		}
	}
	return blocks
}
