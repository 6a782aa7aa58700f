package gs1

import (
	"fmt"
	"strings"
)

// Element is one Application Identifier and its value.
type Element struct {
	AI    string // "01"
	Value string // "09506000134352"
}

// Parse reads an element string in human-readable form, "(AI)value(AI)value…",
// and validates it (see Validate). A value runs to the next "(" that opens a
// known AI in parentheses, or to the end: a value cannot contain such a
// sequence, and "(" followed by anything else is part of the value. Errors
// are *Error values, which wrap ErrInvalid, with positions in s.
func Parse(s string) ([]Element, error) {
	if s == "" {
		return nil, &Error{Reason: "empty element string"}
	}
	var elems []Element
	var starts []int // where each value starts in s
	for i := 0; i < len(s); {
		a, n := openingAI(s, i)
		if a == nil {
			return nil, syntaxError(s, i)
		}
		start := i + n
		end := nextOpening(s, start)
		elems = append(elems, Element{AI: a.Code, Value: s[start:end]})
		starts = append(starts, start)
		i = end
	}
	return elems, validate(elems, starts)
}

// openingAI returns the known AI in parentheses that starts s[i:] and the
// length of "(AI)", or nil.
func openingAI(s string, i int) (*AI, int) {
	if s[i] != '(' {
		return nil, 0
	}
	// Look no further than an AI of four digits can reach, so that a
	// string of many '(' costs linear time.
	end := strings.IndexByte(s[i:min(len(s), i+6)], ')')
	if end < 3 || end > 5 {
		return nil, 0
	}
	a, ok := ais[s[i+1:i+end]]
	if !ok {
		return nil, 0
	}
	return a, end + 1
}

// nextOpening returns the index of the first "(AI)" of a known AI at or
// after i, or len(s).
func nextOpening(s string, i int) int {
	for ; i < len(s); i++ {
		if a, _ := openingAI(s, i); a != nil {
			return i
		}
	}
	return len(s)
}

// syntaxError explains why no known "(AI)" starts s[i:].
func syntaxError(s string, i int) error {
	if s[i] != '(' {
		return &Error{Pos: i + 1, Reason: fmt.Sprintf("%s where an AI in parentheses should start", describe(s[i]))}
	}
	end := strings.IndexByte(s[i:], ')')
	if end < 0 {
		return &Error{Pos: i + 1, Reason: "'(' without ')'"}
	}
	code := s[i+1 : i+end]
	for k := range len(code) {
		if !isDigit(code[k]) {
			return &Error{Pos: i + 2 + k, Reason: fmt.Sprintf("AI %q is not 2 to 4 digits", code)}
		}
	}
	if len(code) < 2 || len(code) > 4 {
		return &Error{Pos: i + 2, Reason: fmt.Sprintf("AI %q is not 2 to 4 digits", code)}
	}
	return &Error{AI: code, Pos: i + 2, Reason: "unknown AI"}
}

// Validate checks elements against the table (GS1 General Specifications
// section 3): each AI is known; each value has the AI's length and
// character set and passes its checks (check digits, dates, times, …); and
// the pairing rules hold: no AI twice with different values, and the AIs
// one requires or excludes (table.go). Error positions count in the
// human-readable form of elems (HumanReadable).
func Validate(elems []Element) error {
	starts := make([]int, len(elems))
	pos := 0
	for k, e := range elems {
		pos += len(e.AI) + 2
		starts[k] = pos
		pos += len(e.Value)
	}
	return validate(elems, starts)
}

// validate is Validate with the position of each value in the input.
func validate(elems []Element, starts []int) error {
	if len(elems) == 0 {
		return &Error{Reason: "no element"}
	}
	for k, e := range elems {
		a, ok := ais[e.AI]
		if !ok {
			return &Error{AI: e.AI, Pos: starts[k] - len(e.AI), Reason: "unknown AI"}
		}
		if reason, at, ok := a.check(e.Value); !ok {
			return &Error{AI: e.AI, Pos: starts[k] + at + 1, Reason: reason}
		}
	}
	return checkPairs(elems, starts)
}

// check returns why v is not a value of a, and the offset of the fault in
// v; ok when it is one.
func (a *AI) check(v string) (reason string, at int, ok bool) {
	if v == "" {
		return "empty value", 0, false
	}
	if n := len(v); n < a.MinLen() || n > a.MaxLen() {
		return a.lengthReason(n), min(n, a.MaxLen()), false
	}
	off := 0
	for _, p := range a.parts {
		rest := len(v) - off
		if rest == 0 && p.optional {
			break
		}
		if rest < p.min {
			// Only an optional part of fixed length can be cut short: the
			// total length is in range.
			return fmt.Sprintf("%d %s, want %d or %d", len(v), a.unit(), off, off+p.min), len(v), false
		}
		n := min(rest, p.max)
		for i := off; i < off+n; i++ {
			if !p.set.has(v[i]) {
				return fmt.Sprintf("%s is not %s", describe(v[i]), charsetNames[p.set]), i, false
			}
		}
		for _, c := range p.checks {
			if reason, at, ok := c.apply(v[off : off+n]); !ok {
				return reason, off + at, false
			}
		}
		off += n
	}
	return "", 0, true
}

// lengthReason says that n is not a length a takes: "13 digits, want 14".
func (a *AI) lengthReason(n int) string {
	unit := a.unit()
	lo, hi := a.MinLen(), a.MaxLen()
	switch {
	case lo == hi:
		return fmt.Sprintf("%d %s, want %d", n, unit, lo)
	case n > hi:
		return fmt.Sprintf("%d %s, want at most %d", n, unit, hi)
	}
	return fmt.Sprintf("%d %s, want %d to %d", n, unit, lo, hi)
}

// unit names what a's values are made of, for messages: digits when
// every part is numeric, else characters.
func (a *AI) unit() string {
	for _, p := range a.parts {
		if p.set != setN {
			return "characters"
		}
	}
	return "digits"
}

// checkPairs applies the pairing rules: an AI may repeat only with the
// same value, and the requirements and exclusions of the pairings table
// hold.
func checkPairs(elems []Element, starts []int) error {
	seen := map[string]string{}
	for k, e := range elems {
		if v, ok := seen[e.AI]; ok && v != e.Value {
			return &Error{AI: e.AI, Pos: starts[k] - len(e.AI), Reason: "appears twice with different values"}
		}
		seen[e.AI] = e.Value
	}
	for _, rule := range pairings {
		k := indexOf(elems, rule.ai)
		if k < 0 {
			continue
		}
		pos := starts[k] - len(rule.ai) // the AI's first digit, counting from 1
		if len(rule.requires) > 0 && !anyOf(seen, rule.requires) {
			return &Error{AI: rule.ai, Pos: pos, Reason: "requires " + listAIs(rule.requires, " or ")}
		}
		for _, x := range rule.excludes {
			if _, ok := seen[x]; ok {
				return &Error{AI: rule.ai, Pos: pos, Reason: "cannot be used with (" + x + ")"}
			}
		}
	}
	return nil
}

func indexOf(elems []Element, ai string) int {
	for k, e := range elems {
		if e.AI == ai {
			return k
		}
	}
	return -1
}

func anyOf(seen map[string]string, ais []string) bool {
	for _, a := range ais {
		if _, ok := seen[a]; ok {
			return true
		}
	}
	return false
}

// listAIs writes "(02) or (8026)".
func listAIs(codes []string, sep string) string {
	var b strings.Builder
	for i, c := range codes {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString("(" + c + ")")
	}
	return b.String()
}

// HumanReadable writes elems in human-readable form,
// "(01)09506000134352(17)261231".
func HumanReadable(elems []Element) string {
	var b strings.Builder
	for _, e := range elems {
		b.WriteString("(" + e.AI + ")" + e.Value)
	}
	return b.String()
}
