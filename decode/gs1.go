package decode

import "github.com/qrworks/qrworks/internal/gs1"

// Element is one Application Identifier of a GS1 element string and its
// value: {AI: "01", Value: "09506000134352"}.
type Element = gs1.Element

// Elements returns the Application Identifiers and values of a GS1 symbol,
// in order, split from Bytes (the transmitted form) by the GS1 General
// Specifications' table of AIs; nil if the symbol is not GS1 or its data
// does not split into known AIs. Values are as read: check digits and
// dates are not checked.
func (r *Result) Elements() []Element {
	if !r.GS1 {
		return nil
	}
	elems, err := gs1.ParseTransmitted(r.Bytes)
	if err != nil {
		return nil
	}
	return elems
}

// setData sets what the data bit stream p says beyond the payload: the
// FNC1 mode and application indicator, the structured append header, the
// symbology identifier; and, for FNC1 data, the text of the payload.
func (r *Result) setData(p *payload) {
	r.GS1, r.Sequence = p.fnc1 == fnc1First, p.header
	if p.fnc1 == fnc1Second {
		r.AIM = p.appIndicator
	}
	r.SymbologyID = symbologyID(p.eci >= 0, p.fnc1 == fnc1First, p.fnc1 == fnc1Second)
	if p.fnc1 != noFNC1 {
		r.Text = messageText(r, r.Bytes)
	}
}

// symbologyID returns the symbology identifier of a QR Code symbol
// (ISO/IEC 15424; ISO/IEC 18004:2015 Annex F): ]Q1, plus one with an ECI,
// plus two for FNC1 in first position or four in second.
func symbologyID(eci, fnc1First, fnc1Second bool) string {
	m := 0
	if eci {
		m++
	}
	switch {
	case fnc1First:
		m += 2
	case fnc1Second:
		m += 4
	}
	return symbologyIDs[m]
}

// symbologyIDs are the identifiers of QR Code model 2 symbols, by modifier
// less one.
var symbologyIDs = [...]string{"]Q1", "]Q2", "]Q3", "]Q4", "]Q5", "]Q6"}

// messageText returns the text of data, the payload of r's symbol or of
// the sequence r starts: for GS1, the element string in human-readable
// form when data splits into known AIs, else the data as it is; otherwise
// the data converted from r's ECI charset, or from the charset it looks
// like when there is none.
func messageText(r *Result, data []byte) string {
	if r.GS1 {
		if elems, err := gs1.ParseTransmitted(data); err == nil {
			return gs1.HumanReadable(elems)
		}
		return string(data)
	}
	cs := charsetGuess
	if r.ECI >= 0 {
		cs = charset(r.ECI)
	}
	if text, ok := appendDecoded(nil, data, cs); ok {
		return string(text)
	}
	return string(data)
}
