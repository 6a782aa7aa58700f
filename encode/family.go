package encode

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// The Micro QR and rMQR encoder: the steps of EncodeTo for QR, with the
// differences of their standards. Count widths and the modes on offer
// change with every version, so the segmentation is redone per candidate
// version; Micro QR's M1 and M3 end their data in a 4-bit codeword; Micro
// QR picks one of four masks by its own rule, rMQR has one fixed mask; the
// format information has its own words and places.

// rmqrMinHeight is the height of the lowest rMQR symbols, R7x43 to
// R7x139 (ISO/IEC 23941:2022 Table 1).
const rmqrMinHeight = 7

// encodeSmall is EncodeTo for MicroQR and RMQR, with o validated.
func (e *Encoder) encodeSmall(dst *Symbol, data []byte, o *Options) error {
	fam := o.Format.family()
	level := o.Format.resolve(o.Level)
	f, h := chooseModes(data, o)
	if o.Format == MicroQR {
		h.eci = false // Micro QR has no ECI (validate refused ECIUTF8)
	}
	if len(data) > maxInput {
		return e.fitError(data, o, level, f, &h)
	}
	// Version (Table 7; rMQR: smallest area first): after fitSmall, the
	// segments are chosen (e.seg) and fit version v at the level.
	v, need, ok := e.fitSmall(data, o, level, f, &h)
	if !ok {
		return e.fitError(data, o, level, f, &h)
	}
	if o.BoostLevel {
		level = boostIn(fam, need, v, level)
	}
	// Codewords (§7.4.9–§7.6), then modules (§7.7–§7.9).
	e.writeStream(data, fam, v, level, &h, f)
	e.addErrorCorrection(fam, v, level)
	total := fam.TotalCodewords(int(v))
	if fam.DataBits(int(v), level.spec())%8 != 0 {
		e.packHalfCodeword(fam.DataCodewords(int(v), level.spec()), total)
	}
	l := layoutFor(o.Format, v)
	copy(e.work[:l.height], l.base[:l.height])
	placeBits(&e.work, l.steps, e.final[:total])
	mask := o.Mask.Pattern()
	if mask < 0 {
		mask = 0 // rMQR's one pattern
		if o.Format == MicroQR {
			mask = e.chooseMicroMask(l)
		}
	}
	e.finishSmall(dst, l, level, mask)
	return nil
}

// candidateOrder lists the versions of f in the order the encoder tries
// them: Micro QR from M1 up; rMQR by area, height × width, the lower
// version first on equal areas (R7x99 before R9x77), so that the first
// that fits is the smallest.
func candidateOrder(f Format) []Version {
	if f == MicroQR {
		return microOrder[:]
	}
	return rmqrOrder[:]
}

var (
	microOrder = [4]Version{1, 2, 3, 4}
	rmqrOrder  = func() (order [32]Version) {
		for i := range order {
			order[i] = Version(i + 1)
		}
		area := func(v Version) int {
			w, h := RMQR.Size(v)
			return w * h
		}
		slices.SortStableFunc(order[:], func(a, b Version) int { return cmp.Compare(area(a), area(b)) })
		return order
	}()
)

// allows reports whether o lets the encoder choose version v of its format
// at level l: within the version bounds and MaxHeight, and having the
// level.
func (o *Options) allows(v Version, l Level) bool {
	minV, maxV := o.versions()
	_, h := o.Format.Size(v)
	return v >= minV && v <= maxV && (o.MaxHeight == 0 || h <= o.MaxHeight) &&
		o.Format.family().HasLevel(int(v), l.spec())
}

// fitSmall returns the first version in candidate order that o allows and
// that holds data at level l, and the length in bits of data's encoding
// there, the segments recorded in e.seg; false if none does.
func (e *Encoder) fitSmall(data []byte, o *Options, l Level, f segmentFlags, h *header) (Version, int, bool) {
	fam := o.Format.family()
	lb := 0
	if !f.forced {
		lb = lowerBound(data, f)
	}
	for _, v := range candidateOrder(o.Format) {
		if !o.allows(v, l) {
			continue
		}
		avail := fam.DataBits(int(v), l.spec())
		eb := h.bits(fam, v)
		if lb+eb > avail {
			continue // no segmentation is short enough
		}
		if n, ok := e.bitsIn(data, fam, v, f); ok && n+eb <= avail {
			return v, n + eb, true
		}
	}
	return 0, 0, false
}

// bitsIn returns the length in bits of data's segments, without ECI, in
// version v of fam, and false if the version lacks a mode the data needs
// (or the forced mode).
func (e *Encoder) bitsIn(data []byte, fam qrspec.Family, v Version, f segmentFlags) (int, bool) {
	if f.forced {
		return singleMode(data, f.forcedMode, fam, v, f.fnc1)
	}
	n := e.seg.optimal(data, fam, v, f)
	return n, n >= 0
}

// fitError explains why no version fits: no version the options allow at
// the level, data that needs a mode the allowed versions lack, or data too
// long for the allowed version that holds the most.
func (e *Encoder) fitError(data []byte, o *Options, l Level, f segmentFlags, h *header) error {
	fam := o.Format.family()
	var largest Version
	for _, v := range candidateOrder(o.Format) {
		if o.allows(v, l) && (largest == 0 || fam.DataBits(int(v), l.spec()) > fam.DataBits(int(largest), l.spec())) {
			largest = v
		}
	}
	if largest == 0 {
		return fmt.Errorf("encode: %w: no %v version allowed by the options has level %v", ErrInvalidOption, o.Format, l)
	}
	if len(data) > maxInput {
		return newTooLong(data, len(data)/3*10, o, largest, l, f, h)
	}
	if f.forced {
		if _, ok := singleMode(data, f.forcedMode, qrspec.QR, 1, f.fnc1); !ok {
			return fmt.Errorf("encode: %w: data does not suit mode %v", ErrInvalidOption, segMode[f.forcedMode])
		}
	}
	n, ok := e.bitsIn(data, fam, largest, f)
	if !ok {
		return fmt.Errorf("encode: %w: %v version %d lacks a mode the data needs", ErrInvalidOption, o.Format, largest)
	}
	n += h.bits(fam, largest)
	return newTooLong(data, n, o, largest, l, f, h)
}

// boostIn returns the highest level above l that version v of fam has and
// at which it still holds need bits, or l.
func boostIn(fam qrspec.Family, need int, v Version, l Level) Level {
	boosted := l
	for up := l + 1; up <= H; up++ {
		if fam.HasLevel(int(v), up.spec()) && need <= fam.DataBits(int(v), up.spec()) {
			boosted = up
		}
	}
	return boosted
}

// packHalfCodeword closes the gap that a 4-bit last data codeword (Micro
// QR's M1 and M3, ISO/IEC 18004:2015 §7.4.10) leaves in e.final: the error
// correction codewords, computed over the data with that codeword's low
// nibble zero, follow its 4 bits directly in the bit stream that fills the
// symbol. dc is the number of data codewords, total the number of all.
func (e *Encoder) packHalfCodeword(dc, total int) {
	for i := dc - 1; i < total; i++ {
		hi := e.final[i]
		if i >= dc {
			hi <<= 4
		}
		var lo byte
		if i+1 < total {
			lo = e.final[i+1] >> 4
		}
		e.final[i] = hi | lo
	}
}

// finishSmall writes the symbol into dst: the format information of the
// version, level and mask, and the mask applied to the data modules.
func (e *Encoder) finishSmall(dst *Symbol, l *layout, level Level, mask int) {
	dst.format, dst.version, dst.level, dst.mask = l.format, l.version, level, int8(mask)
	dst.width, dst.height = uint8(l.width), uint8(l.height)
	var words [qrspec.RMQRSides]uint32
	pattern := rmqrMaskPattern
	if l.format == MicroQR {
		words[0] = qrspec.MicroFormatInfo(int(l.version), level.spec(), mask)
		pattern = microMaskPatterns[mask]
	} else {
		for side := range qrspec.RMQRSide(qrspec.RMQRSides) {
			words[side] = qrspec.RMQRFormatInfo(side, int(l.version), level.spec())
		}
	}
	l.drawFormat(&e.work, &words)
	applyMask(dst.resize(l.height), &e.work, &maskPatterns().rows[pattern], &l.data)
}
