//go:build ignore

// gen_golden writes testdata/qrencode.golden: symbols made by an independent
// encoder, libqrencode's command-line tool (Debian package qrencode), for
// TestGoldenQrencode. Each entry is a header line
//
//	version level mode hex(data)
//
// followed by the symbol's rows, each as hexadecimal digits of its modules
// (dark = 1, first module in the most significant bit, padded with zero bits
// to whole digits), and a blank line. qrencode chooses the mask itself; the
// test finds which of the eight it chose.
//
// Run from the encode directory: go run gen_golden.go
package main

import (
	"bufio"
	"fmt"
	"log"
	"math/rand"
	"os"
	"os/exec"
	"strings"

	"github.com/qrworks/qrworks/internal/qrspec"
)

type entry struct {
	version int
	level   string
	mode    string // "byte", "numeric" or "alphanumeric"
	data    string
}

// main makes one byte-mode symbol per version, plus numeric and
// alphanumeric ones for a few versions, rotating through the levels.
func main() {
	rng := rand.New(rand.NewSource(2026))
	levels := []string{"L", "M", "Q", "H"}
	var entries []entry
	alphabet := map[string]string{
		"byte":    "abcdefghijklmnopqrstuvwxyz!#&()*+,-./:;=?@_~",
		"numeric": "0123456789",
		// Table 5 without its digits, so that the content stays one
		// alphanumeric segment.
		"alphanumeric": qrspec.AlphanumericChars[10:],
	}
	perChar := map[string]float64{"byte": 8, "numeric": 10.0 / 3, "alphanumeric": 5.5}
	for v := 1; v <= 40; v++ {
		modes := []string{"byte"}
		if v == 1 || v%5 == 0 || v == 27 {
			modes = append(modes, "numeric", "alphanumeric")
		}
		for _, mode := range modes {
			l := levels[(v+len(entries))%4]
			// Aim at 30% to 90% of a rough capacity, then let qrencode
			// refuse what does not fit and shrink.
			raw := float64((17+4*v)*(17+4*v)) * 0.55 / [4]float64{1.25, 1.6, 2.1, 2.6}[strings.Index("LMQH", l)]
			n := int(raw / perChar[mode] * (0.3 + 0.6*rng.Float64()))
			for {
				b := make([]byte, max(n, 1))
				for i := range b {
					b[i] = alphabet[mode][rng.Intn(len(alphabet[mode]))]
				}
				e := entry{v, l, mode, string(b)}
				rows, err := run(e)
				if err == nil && len(rows) == 17+4*v {
					entries = append(entries, e)
					break
				}
				n = n * 8 / 10
			}
		}
	}
	f, err := os.Create("testdata/qrencode.golden")
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for _, e := range entries {
		rows, err := run(e)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Fprintf(w, "%d %s %s %x\n", e.version, e.level, e.mode, e.data)
		for _, r := range rows {
			fmt.Fprintln(w, r)
		}
		fmt.Fprintln(w)
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	log.Printf("testdata/qrencode.golden: %d symbols", len(entries))
}

// run asks qrencode for e's symbol with no margin as text (two characters
// per module, "##" dark) and returns its rows as hexadecimal.
func run(e entry) ([]string, error) {
	args := []string{"-v", fmt.Sprint(e.version), "-l", e.level, "-m", "0", "-t", "ASCII", "-o", "-"}
	if e.mode == "byte" {
		args = append(args, "-8")
	}
	out, err := exec.Command("qrencode", append(args, e.data)...).Output()
	if err != nil {
		return nil, err
	}
	var rows []string
	for _, line := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		n := len(line) / 2
		digits := make([]byte, (n+3)/4)
		for x := 0; x < n; x++ {
			if line[2*x] == '#' {
				digits[x/4] |= 8 >> uint(x%4)
			}
		}
		for i, d := range digits {
			digits[i] = "0123456789abcdef"[d]
		}
		rows = append(rows, string(digits))
	}
	return rows, nil
}
