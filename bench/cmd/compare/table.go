package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/qrworks/qrworks/bench"
)

// Report is everything the table and the chart show.
type Report struct {
	Command   string // the command line that produced the numbers
	Header    string // date, go version, CPU, run time
	Bench     *Bench
	Checks    map[string]bench.Check       // "W1/skip2"
	Decodes   map[string]bench.DecodeCheck // "D1/gozxing"
	Versions  map[string]string            // module path → version
	ChartPath string                       // the chart, as the README links it
}

// Markdown writes the comparison as README-ready markdown.
func (r *Report) Markdown(w io.Writer) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	p("### Performance\n\n")
	p("`%s`\n\n", r.Command)
	p("%s\n\n", r.Header)
	p("Medians of %d runs (rounds that each run every benchmark once), ± half the interquartile range. Speed-up = the library's time ÷ qrworks' time "+
		"(above 1: qrworks is faster). Before timing, each library's output for each workload is "+
		"decoded with gozxing's reader and must give the workload's text at the workload's level "+
		"(and version, for W5); a cell that fails, or that a library cannot do, is reported and not timed.\n\n",
		r.runs())
	if r.ChartPath != "" {
		p("![time per op, log scale](%s)\n\n", r.ChartPath)
	}

	p("#### Encoding\n\n")
	p("| workload | library | time/op | B/op | allocs/op | qrworks speed-up | output |\n")
	p("|---|---|--:|--:|--:|--:|---|\n")
	for _, wl := range bench.Workloads() {
		label := fmt.Sprintf("%s `%s`", wl.ID, wl.Name)
		base := r.Bench.Get(wl.ID, "qrworks")
		for _, lib := range bench.Libraries() {
			c := r.Checks[wl.ID+"/"+lib.Name]
			p("| %s | %s | %s |\n", label, libName(lib.Name), strings.Join(r.cells(wl.ID, lib.Name, c.Err, base), " | ")+" | "+output(wl, c))
			label = ""
		}
	}
	p("\nW1 `url` = %q at H; W2 `1k` = 1000 bytes of text at H; W3 `numeric` = 500 digits at M; "+
		"W4 `png` = W1 to PNG bytes at scale %d, quiet zone %d, into a reused buffer; W5 `max` = 2953 bytes at version 40-L. "+
		"Matrix workloads time text → module matrix; W4 times text → PNG file.\n\n", bench.URL, bench.W4.Scale, bench.W4.Quiet)

	p("#### Decoding\n\n")
	p("| image | decoder | time/op | B/op | allocs/op | qrworks speed-up |\n")
	p("|---|---|--:|--:|--:|--:|\n")
	for _, in := range bench.DecodeInputs() {
		label := fmt.Sprintf("%s %s", in.ID, in.Name)
		base := r.Bench.Get(in.ID, "qrworks")
		for _, d := range bench.Decoders() {
			c, ok := r.Decodes[in.ID+"/"+d.Name]
			err := c.Err
			if !ok {
				err = fmt.Errorf("not checked")
			}
			p("| %s | %s | %s |\n", label, libName(d.Name), strings.Join(r.cells(in.ID, d.Name, err, base), " | "))
			label = ""
		}
	}
	p("\nDecoders get the image already decoded (an `image.Image`); qrworks runs `decode.Image` with default options, " +
		"gozxing is used directly (`NewBinaryBitmapFromImage`, `NewQRCodeReader().Decode(bmp, nil)`), piglig runs its own `Decode`. " +
		"D1 is a rendered code: qrworks reads such two-tone images without a finder search, keeping the reading only if it needed no error correction " +
		"(gozxing's `PURE_BARCODE` hint skips the search too, for images the caller vouches for; it is not given here, as qrworks is given no option).\n\n")

	p("#### Like for like\n\n")
	p("| library | version | W1 symbol | W4 PNG file | all cells decode |\n")
	p("|---|---|---|---|---|\n")
	for _, lib := range bench.Libraries() {
		w1 := r.Checks[bench.W1.ID+"/"+lib.Name]
		w4 := r.Checks[bench.W4.ID+"/"+lib.Name]
		symbol := "—"
		if w1.Version > 0 {
			symbol = fmt.Sprintf("version %d-%v, mask %d", w1.Version, w1.Level, w1.Mask)
		}
		file := "—"
		if w4.PNGBytes > 0 {
			file = fmt.Sprintf("%d bytes, %d px, %s", w4.PNGBytes, w4.PNGWidth, w4.PNGFormat)
		}
		p("| %s | %s | %s | %s | %s |\n", libName(lib.Name), r.version(lib.Module), symbol, file, r.allDecode(lib.Name))
	}
	p("\n")
	for _, lib := range bench.Libraries() {
		p("- **%s**: %s\n", lib.Name, lib.Notes)
	}
	p("\n")
}

// runs returns the number of runs per benchmark (the most seen).
func (r *Report) runs() int {
	n := 0
	for _, res := range r.Bench.Results {
		n = max(n, res.Stat("ns/op").N)
	}
	return n
}

// cells returns the time, bytes, allocations and speed-up columns of one
// benchmark.
func (r *Report) cells(group, lib string, checkErr error, base *Result) []string {
	res := r.Bench.Get(group, lib)
	if checkErr != nil {
		return []string{"not timed: " + mdEscape(checkErr.Error()), "", "", ""}
	}
	if res == nil || res.Stat("ns/op").N == 0 {
		return []string{"no result (not run)", "", "", ""}
	}
	t := res.Stat("ns/op")
	cells := []string{
		fmt.Sprintf("%s ±%.0f%%", formatNS(t.Median), 100*t.Spread),
		formatBytes(res.Stat("B/op").Median),
		fmt.Sprintf("%.0f", res.Stat("allocs/op").Median),
		"",
	}
	switch {
	case lib == "qrworks":
		cells[3] = "—"
	case base == nil || base.Stat("ns/op").N == 0:
		cells[3] = "n/a"
	default:
		cells[3] = fmt.Sprintf("%s×", sig3(t.Median/base.Stat("ns/op").Median))
	}
	return cells
}

// allDecode summarises the encoding checks of one library.
func (r *Report) allDecode(lib string) string {
	var bad []string
	for _, wl := range bench.Workloads() {
		c := r.Checks[wl.ID+"/"+lib]
		if c.Err != nil {
			bad = append(bad, wl.ID)
		}
	}
	if len(bad) == 0 {
		return "yes"
	}
	return "not " + strings.Join(bad, ", ")
}

func (r *Report) version(module string) string {
	if v, ok := r.Versions[module]; ok {
		return v
	}
	return "?"
}

// output describes what the library produced for a workload.
func output(wl bench.Workload, c bench.Check) string {
	if c.Version == 0 {
		return ""
	}
	s := fmt.Sprintf("%d-%v, mask %d", c.Version, c.Level, c.Mask)
	if wl.PNG && c.PNGBytes > 0 {
		s += fmt.Sprintf("; %d B PNG, %d px", c.PNGBytes, c.PNGWidth)
	}
	return s
}

func libName(name string) string {
	if name == "qrworks" {
		return "**qrworks**"
	}
	return name
}

// formatBytes formats a byte count the way benchstat does (B, KiB, MiB).
func formatBytes(b float64) string {
	switch {
	case b >= 1<<20:
		return sig3(b/(1<<20)) + " MiB"
	case b >= 1<<10:
		return sig3(b/(1<<10)) + " KiB"
	}
	return fmt.Sprintf("%.0f B", b)
}

// mdEscape keeps a message from breaking a markdown table row.
func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}
