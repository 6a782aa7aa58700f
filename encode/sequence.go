package encode

import (
	"errors"
	"fmt"
	"sort"
	"unicode/utf8"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// EncodeSequence encodes data as a structured append sequence (ISO/IEC
// 18004:2015 clause 8) when it does not fit one symbol: the fewest symbols,
// 2 to 16, of one version no larger than opts.MaxVersion (the smallest
// version that keeps that number), each with the structured append header
// — its position, the total, and the parity, the XOR of every byte of the
// whole message — followed by its own part of the data, optimally
// segmented. Data that fits one symbol gives that one symbol, without
// header.
//
// The options apply to every symbol: an ECI designator, chosen once for
// the whole message, and FNC1 (Options.GS1, Options.AIM) are repeated in
// each, so that every symbol reads on its own. Data is cut between
// characters when it is valid UTF-8, anywhere otherwise; a GS1 element
// string is cut in its transmitted form, so that a reader joins the parts
// before splitting the elements. The parity is taken over the bytes a
// reader gets back from the symbols: the data (the transmitted form of a
// GS1 element string), with characters in kanji mode counted as their two
// Shift JIS bytes, as clause 8 asks.
//
// Errors are those of EncodeTo; Options.Append must be zero and Format QR
// (Micro QR and rMQR have no structured append). Data that
// needs more than 16 symbols is a *TooLongError whose AvailableBits are
// those of 16 symbols.
func (e *Encoder) EncodeSequence(data []byte, opts *Options) ([]Symbol, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if err := o.validate(); err != nil {
		return nil, err
	}
	if o.Append != (StructuredAppend{}) {
		return nil, fmt.Errorf("encode: %w: EncodeSequence sets the structured append header itself", ErrInvalidOption)
	}
	if o.Format != QR {
		return nil, fmt.Errorf("encode: %w: %v has no structured append: sequences are QR Code symbols", ErrInvalidOption, o.Format)
	}
	data, err := e.applicationData(data, &o)
	if err != nil {
		return nil, err
	}
	f, h := chooseModes(data, &o)
	minV, maxV := o.versions()
	var one Symbol
	err = e.encodeSymbol(&one, data, &o, minV, maxV, f, &h)
	if !errors.Is(err, ErrTooLong) {
		if err != nil {
			return nil, err
		}
		return []Symbol{one}, nil
	}
	sq := sequencer{e: e, data: data, level: o.Level.Resolve(), f: f, h: h, cuts: runeStarts(data)}
	sq.h.sa = StructuredAppend{Total: maxSequence} // its width, for the capacity
	v, parts, ok := sq.plan(minV, maxV)
	if !ok {
		return nil, sq.tooLong(maxV)
	}
	parity := sq.parity(parts, v)
	syms := make([]Symbol, len(parts)-1)
	for i := range syms {
		hp := h
		hp.sa = StructuredAppend{Index: i, Total: len(syms), Parity: parity}
		if err := e.encodeSymbol(&syms[i], data[parts[i]:parts[i+1]], &o, v, v, f, &hp); err != nil {
			return nil, err
		}
	}
	return syms, nil
}

// sequencer splits one message over the symbols of a sequence.
type sequencer struct {
	e     *Encoder
	data  []byte
	level Level
	f     segmentFlags
	h     header // the header of every symbol, structured append included
	// cuts lists the positions where data may be cut, in increasing
	// order: the starts of its characters and the end.
	cuts []int
}

// runeStarts returns where data may be cut: between the characters of
// valid UTF-8, so that no part holds half a character, and anywhere in
// other data.
func runeStarts(data []byte) []int {
	utf := utf8.Valid(data)
	cuts := make([]int, 0, len(data)+1)
	for i := range data {
		if !utf || utf8.RuneStart(data[i]) {
			cuts = append(cuts, i)
		}
	}
	return append(cuts, len(data))
}

// plan returns the smallest version in minV..maxV that holds the data in
// the fewest symbols version maxV needs, and the parts as positions in the
// data (part i is data[parts[i]:parts[i+1]]); ok is false if maxV needs
// more than 16.
func (sq *sequencer) plan(minV, maxV Version) (Version, []int, bool) {
	parts, ok := sq.split(maxV, maxSequence)
	if !ok {
		return 0, nil, false
	}
	n := len(parts) - 1
	least := lowerBound(sq.data, sq.f)
	for v := minV; v < maxV; v++ {
		// A version whose n symbols cannot hold the data's lower bound
		// is skipped without segmenting.
		if n*(capacity(v, sq.level)-sq.h.bits(qrspec.QR, v)) < least {
			continue
		}
		if p, ok := sq.split(v, n); ok {
			return v, p, true
		}
	}
	return maxV, parts, true
}

// split cuts the data into the fewest parts that each fit a symbol of
// version v after the header, taking for each part the longest run of
// characters that fits (which gives the fewest parts, since a run that
// fits still fits without its last character). ok is false if that takes
// more than limit parts.
func (sq *sequencer) split(v Version, limit int) ([]int, bool) {
	room := capacity(v, sq.level) - sq.h.bits(qrspec.QR, v)
	// The densest mode takes 10 bits for 3 digits (§7.4.3): no part is
	// longer than this.
	longest := room*3/10 + 3
	parts := []int{0}
	for k := 0; sq.cuts[k] < len(sq.data); {
		if len(parts) > limit {
			return nil, false
		}
		next := sq.longestFit(k, v, room, longest)
		if next == k {
			return nil, false // one character does not fit
		}
		parts = append(parts, sq.cuts[next])
		k = next
	}
	return parts, len(parts)-1 <= limit
}

// longestFit returns the last index j of sq.cuts such that the data from
// cut k to cut j fits room bits in version v, by binary search; j = k if
// not even one character fits. No part is longer than longest bytes.
func (sq *sequencer) longestFit(k int, v Version, room, longest int) int {
	start := sq.cuts[k]
	lo := k // fits: nothing
	hi := k + sort.Search(len(sq.cuts)-k, func(i int) bool { return sq.cuts[k+i]-start > longest }) - 1
	for lo < hi {
		mid := lo + (hi-lo+1)/2
		n, err := sq.e.encodedBits(sq.data[start:sq.cuts[mid]], qrspec.QR, v, sq.f)
		if err == nil && n <= room {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// parity returns the structured append parity of the message (clause 8):
// the XOR of the bytes a reader gets back, which are the data's bytes
// except that a character in kanji mode comes back as its two Shift JIS
// bytes. Which characters go in kanji mode depends on each part's
// segmentation in version v.
func (sq *sequencer) parity(parts []int, v Version) byte {
	var p byte
	if !sq.f.kanji {
		for _, c := range sq.data {
			p ^= c
		}
		return p
	}
	for i := 0; i+1 < len(parts); i++ {
		part := sq.data[parts[i]:parts[i+1]]
		mode := func(int) uint8 { return uint8(sq.f.forcedMode) }
		if !sq.f.forced {
			sq.e.encodedBits(part, qrspec.QR, v, sq.f) // records the segmentation in e.seg.modeAt
			mode = func(j int) uint8 { return sq.e.seg.modeAt[j] }
		}
		for j := 0; j < len(part); {
			if mode(j) == segKanji {
				val, size := kanjiAt(part, j)
				code := qrspec.UnpackKanji(val)
				p ^= byte(code>>8) ^ byte(code)
				j += size
				continue
			}
			p ^= part[j]
			j++
		}
	}
	return p
}

// tooLong is the error for data that 16 symbols of version maxV cannot
// hold: the bits of the data in one stream with 16 headers, a lower bound
// of any split, against the capacity of 16 symbols.
func (sq *sequencer) tooLong(maxV Version) error {
	need := lowerBound(sq.data, sq.f)
	if len(sq.data) <= maxInput {
		if n, err := sq.e.encodedBits(sq.data, qrspec.QR, maxV, sq.f); err == nil {
			need = n
		}
	}
	return &TooLongError{
		NeededBits:    need + maxSequence*sq.h.bits(qrspec.QR, maxV),
		AvailableBits: maxSequence * capacity(maxV, sq.level),
	}
}
