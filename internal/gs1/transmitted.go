package gs1

import "fmt"

// AppendTransmitted appends elems to dst in transmitted form (GS1 General
// Specifications §7.8.5): each AI followed by its value, and the separator
// GS after every value whose AI has no predefined length, unless it is the
// last element. The elements are not checked: Validate them first.
func AppendTransmitted(dst []byte, elems []Element) []byte {
	for k, e := range elems {
		dst = append(dst, e.AI...)
		dst = append(dst, e.Value...)
		if k < len(elems)-1 && !predefined(e.AI) {
			dst = append(dst, GS)
		}
	}
	return dst
}

// predefined reports whether an element string of this AI has a predefined
// length (Figure 7.8.5-2).
func predefined(ai string) bool {
	if a, ok := ais[ai]; ok {
		return a.Predefined
	}
	return false
}

// ParseTransmitted splits data read from a symbol with FNC1 in first
// position into its elements: the AI at each point is found in the table
// (AIs are prefix-free), a value of predefined length takes that many
// characters, any other runs to the next GS or the end. It checks the
// structure only — known AIs, and each value's length in its AI's range,
// without a GS inside — not character sets or check digits: data read
// from a symbol is reported as it is. Errors are *Error values with
// positions in data.
func ParseTransmitted(data []byte) ([]Element, error) {
	var elems []Element
	for i := 0; i < len(data); {
		a, ok := find(string(data[i:min(len(data), i+4)]))
		if !ok {
			return nil, &Error{Pos: i + 1, Reason: "no known AI starts here"}
		}
		start := i + len(a.Code)
		end := start + a.MaxLen()
		if !a.Predefined {
			end = start
			for end < len(data) && data[end] != GS {
				end++
			}
		}
		if end > len(data) {
			return nil, &Error{AI: a.Code, Pos: len(data), Reason: a.lengthReason(len(data) - start)}
		}
		v := string(data[start:end])
		if n := len(v); n < max(1, a.MinLen()) || n > a.MaxLen() {
			return nil, &Error{AI: a.Code, Pos: start + 1, Reason: a.lengthReason(n)}
		}
		for k := range len(v) {
			if v[k] == GS {
				return nil, &Error{AI: a.Code, Pos: start + k + 1, Reason: fmt.Sprintf("separator inside a value of %d characters", a.MaxLen())}
			}
		}
		elems = append(elems, Element{AI: a.Code, Value: v})
		i = end
		// A separator ends every value of no predefined length; one after
		// a predefined length, or at the very end, is tolerated.
		if i < len(data) && data[i] == GS {
			i++
		}
	}
	if len(elems) == 0 {
		return nil, &Error{Reason: "no element"}
	}
	return elems, nil
}
