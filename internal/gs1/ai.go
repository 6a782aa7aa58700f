package gs1

import (
	"fmt"
	"strconv"
	"strings"
)

// row is one line of the table: an AI or a range "first-last" of AIs of
// the same length, the format of their values, a title, and whether the
// AI's last digit is a decimal point position.
type row struct {
	ais     string
	format  string
	title   string
	decimal bool
}

// AI describes one Application Identifier.
type AI struct {
	// Code is the AI itself, two to four digits: "01", "3103", "8003".
	Code string
	// Title is the data title of the GS1 General Specifications: "GTIN",
	// "NET WEIGHT (kg)".
	Title string
	// Format is the value's format as the specifications write it:
	// "N14,csum", "X..20", "N13,csum [X..17]".
	Format string
	// Decimals is the number of digits after the implied decimal point of
	// the value (the AI's last digit, §3.6), or −1 for AIs without one.
	Decimals int
	// Predefined reports an element string of predefined length, which
	// needs no separator after it (Figure 7.8.5-2).
	Predefined bool

	parts []part
}

// part is one component of an AI's value: a character set, a length and
// the checks its value must pass.
type part struct {
	set      charset
	min, max int
	optional bool
	checks   []check
}

// MinLen and MaxLen return the shortest and longest value the AI takes.
func (a *AI) MinLen() int {
	n := 0
	for _, p := range a.parts {
		if !p.optional {
			n += p.min
		}
	}
	return n
}

// MaxLen returns the longest value the AI takes.
func (a *AI) MaxLen() int {
	n := 0
	for _, p := range a.parts {
		n += p.max
	}
	return n
}

// fixed reports whether every value of the AI has the same length.
func (a *AI) fixed() bool { return a.MinLen() == a.MaxLen() }

// ais maps every AI's code to its description; aiList holds them in the
// table's order.
var ais, aiList = buildTable()

// Lookup returns the AI with the given code, and false if there is none.
func Lookup(code string) (*AI, bool) {
	a, ok := ais[code]
	return a, ok
}

// AIs returns every AI of the table, in the table's order. The AIs are
// shared and must not be modified.
func AIs() []*AI { return aiList }

// buildTable expands the table's rows into one AI each. A malformed row is
// a bug in this package and panics when the package is initialised.
func buildTable() (map[string]*AI, []*AI) {
	prefixes := map[string]bool{}
	for _, p := range predefinedPrefixes {
		prefixes[p] = true
	}
	m := map[string]*AI{}
	var list []*AI
	for _, r := range table {
		parts, err := parseFormat(r.format)
		if err != nil {
			panic(fmt.Sprintf("gs1: table row %s: %v", r.ais, err))
		}
		first, last := r.ais, r.ais
		if i := strings.IndexByte(r.ais, '-'); i >= 0 {
			first, last = r.ais[:i], r.ais[i+1:]
		}
		lo, _ := strconv.Atoi(first)
		hi, _ := strconv.Atoi(last)
		for n := lo; n <= hi; n++ {
			code := fmt.Sprintf("%0*d", len(first), n)
			a := &AI{Code: code, Title: r.title, Format: r.format, Decimals: -1, Predefined: prefixes[code[:2]], parts: parts}
			if r.decimal {
				a.Decimals = int(code[len(code)-1] - '0')
			}
			if _, dup := m[code]; dup {
				panic("gs1: AI " + code + " twice in the table")
			}
			m[code] = a
			list = append(list, a)
		}
	}
	return m, list
}

// parseFormat reads a format such as "N13,csum [X..17]" into its parts.
func parseFormat(format string) ([]part, error) {
	var parts []part
	for _, f := range strings.Fields(format) {
		var p part
		if strings.HasPrefix(f, "[") && strings.HasSuffix(f, "]") {
			p.optional, f = true, f[1:len(f)-1]
		}
		fields := strings.Split(f, ",")
		set := strings.IndexByte("NXYZ", fields[0][0])
		if set < 0 {
			return nil, fmt.Errorf("character set %q", fields[0][:1])
		}
		p.set = charset(set)
		size := fields[0][1:]
		p.min = 1
		if rest, ok := strings.CutPrefix(size, ".."); ok {
			size = rest
		}
		n, err := strconv.Atoi(size)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("length %q", fields[0][1:])
		}
		p.max = n
		if !strings.HasPrefix(fields[0][1:], "..") {
			p.min = n
		}
		for _, name := range fields[1:] {
			c := check(0)
			for i, cn := range checkNames {
				if cn == name && i > 0 {
					c = check(i)
				}
			}
			if c == checkNone {
				return nil, fmt.Errorf("check %q", name)
			}
			p.checks = append(p.checks, c)
		}
		parts = append(parts, p)
	}
	if len(parts) == 0 {
		return nil, fmt.Errorf("empty format")
	}
	return parts, nil
}

// find returns the AI that data starts with: AIs are prefix-free (no AI is
// the start of another), so at most one of the lengths 2, 3 and 4 names
// one.
func find(data string) (*AI, bool) {
	for n := 2; n <= 4 && n <= len(data); n++ {
		if a, ok := ais[data[:n]]; ok {
			return a, true
		}
	}
	return nil, false
}
