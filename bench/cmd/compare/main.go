// Command compare runs the qrworks benchmark suite against the other Go QR
// Code libraries and writes the comparison: a markdown table (printed, and
// written to results/table.md), an SVG bar chart (results/chart.svg) and the
// raw `go test -bench` output (results/bench.txt, for benchstat).
//
// Run it from the bench module:
//
//	cd bench && go run ./cmd/compare
//
// It builds the bench package's test binary and runs it in 10 rounds, each
// running every benchmark once with -benchmem and -benchtime 300ms (rounds
// rather than -count, so that a slow spell of a shared machine falls on all
// libraries alike); that takes about four minutes on two cores. With -from
// results/bench.txt it skips the run and re-renders an earlier one.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/qrworks/qrworks/bench"
)

func main() {
	var (
		count     = flag.Int("count", 10, "rounds: runs of each benchmark, interleaved")
		benchtime = flag.String("benchtime", "300ms", "time per run (go test -benchtime)")
		pattern   = flag.String("bench", ".", "benchmarks to run (go test -bench)")
		out       = flag.String("out", "results", "directory for table.md, chart.svg and bench.txt")
		from      = flag.String("from", "", "re-render this saved `go test -bench` output instead of running")
		chartLink = flag.String("chart-link", "../bench/results/chart.svg", "path of the chart in the table's image link (as docs/performance.md sees it)")
	)
	flag.Parse()
	if err := run(*count, *benchtime, *pattern, *out, *from, *chartLink); err != nil {
		slog.Error("compare failed", "err", err)
		os.Exit(1)
	}
}

func run(count int, benchtime, pattern, out, from, chartLink string) error {
	if err := chdirModule(); err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	start := time.Now()
	testArgs := []string{"-test.run", "^$", "-test.bench", pattern, "-test.benchmem",
		"-test.count", "1", "-test.benchtime", benchtime, "-test.timeout", "60m"}
	command := "cd bench && go run ./cmd/compare"
	if flag.NFlag() > 0 {
		command += " " + strings.Join(os.Args[1:], " ")
	}
	command += fmt.Sprintf("   # go test -c, then %d rounds of: bench.test %s",
		count, strings.Replace(strings.Join(testArgs, " "), "^$", "'^$'", 1))

	var raw []byte
	when := start
	if from != "" {
		var err error
		if raw, err = os.ReadFile(from); err != nil {
			return err
		}
		if fi, err := os.Stat(from); err == nil {
			when = fi.ModTime() // the run's date, as near as the file knows
		}
		command = "re-rendered from " + from
	} else {
		var err error
		if raw, err = runRounds(count, testArgs, filepath.Join(out, "bench.txt")); err != nil {
			return err
		}
	}
	elapsed := time.Since(start).Round(time.Second)

	parsed, err := Parse(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	report := &Report{
		Command:   command,
		Bench:     parsed,
		Checks:    map[string]bench.Check{},
		Decodes:   map[string]bench.DecodeCheck{},
		Versions:  moduleVersions(),
		ChartPath: chartLink,
	}
	report.Header = header(when, parsed.CPU, elapsed, from != "")
	for _, w := range bench.Workloads() {
		for _, l := range bench.Libraries() {
			report.Checks[w.ID+"/"+l.Name] = bench.Verified(l, w)
		}
	}
	corpus, corpusErr := bench.CorpusDir()
	for _, in := range bench.DecodeInputs() {
		img, want, err := in.Load(corpus)
		for _, d := range bench.Decoders() {
			c := bench.DecodeCheck{Decoder: d.Name, Input: in.ID, Err: err}
			if err == nil {
				c = bench.VerifiedDecode(d, in, img, want)
			} else if in.Corpus && corpusErr != nil {
				c.Err = corpusErr
			}
			report.Decodes[in.ID+"/"+d.Name] = c
		}
	}

	var md bytes.Buffer
	report.Markdown(&md)
	if err := os.WriteFile(filepath.Join(out, "table.md"), md.Bytes(), 0o644); err != nil {
		return err
	}
	var svg bytes.Buffer
	if err := WriteChart(&svg, "qrworks vs Go QR libraries: time per op",
		strings.TrimSuffix(report.Header, "."), seriesNames(), chartGroups(report)); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "chart.svg"), svg.Bytes(), 0o644); err != nil {
		return err
	}
	os.Stdout.Write(md.Bytes())
	fmt.Fprintf(os.Stderr, "wrote %s, %s and %s in %v\n",
		filepath.Join(out, "table.md"), filepath.Join(out, "chart.svg"), filepath.Join(out, "bench.txt"), elapsed)
	return nil
}

// chdirModule moves to the bench module's directory, where go test and the
// relative testdata paths expect to run.
func chdirModule() error {
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return fmt.Errorf("go env GOMOD: %w", err)
	}
	dir := filepath.Dir(strings.TrimSpace(string(gomod)))
	mod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil || !bytes.Contains(mod, []byte("module github.com/qrworks/qrworks/bench\n")) {
		return errors.New("run compare inside the bench module: cd bench && go run ./cmd/compare")
	}
	return os.Chdir(dir)
}

// runRounds builds the bench test binary once and runs it count times with
// args, each run doing every benchmark once. Interleaving the rounds, rather
// than running each benchmark count times in a row (go test -count), spreads
// every benchmark over the whole run, so a slow spell of a shared machine
// lands on all libraries alike and the ratios stay fair. The output, echoed
// to stderr as it comes, is saved to path (benchstat reads it as it is).
func runRounds(count int, args []string, path string) ([]byte, error) {
	tmp, err := os.MkdirTemp("", "qrworks-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "bench.test")
	build := exec.Command("go", "test", "-c", "-o", bin, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return nil, fmt.Errorf("go test -c: %w", err)
	}
	var raw bytes.Buffer
	for i := 1; i <= count; i++ {
		fmt.Fprintf(os.Stderr, "round %d of %d\n", i, count)
		cmd := exec.Command(bin, args...)
		cmd.Stderr = os.Stderr
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			return nil, err
		}
		if err := cmd.Start(); err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(io.TeeReader(stdout, &raw))
		for sc.Scan() {
			fmt.Fprintln(os.Stderr, sc.Text())
		}
		if err := cmd.Wait(); err != nil {
			return nil, fmt.Errorf("round %d: %w", i, err)
		}
	}
	if err := os.WriteFile(path, raw.Bytes(), 0o644); err != nil {
		return nil, err
	}
	return raw.Bytes(), nil
}

// header is the line under the command: when, on what, and how long.
func header(when time.Time, cpu string, elapsed time.Duration, rerendered bool) string {
	gov, err := exec.Command("go", "version").Output()
	goVersion := strings.TrimSpace(strings.TrimPrefix(string(gov), "go version "))
	if err != nil {
		goVersion = runtime.Version()
	}
	if cpu == "" {
		cpu = "unknown CPU"
	}
	s := fmt.Sprintf("%s, %s, cpu: %s, %d cores (GOMAXPROCS %d)",
		when.UTC().Format("2006-01-02 15:04 UTC"), goVersion, cpu, runtime.NumCPU(), runtime.GOMAXPROCS(0))
	if !rerendered {
		s += fmt.Sprintf(", run took %v", elapsed)
	}
	return s + "."
}

// moduleVersions lists the modules of the bench module's build.
func moduleVersions() map[string]string {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Path}} {{.Version}} {{if .Replace}}replaced{{end}}", "all").Output()
	versions := map[string]string{}
	if err != nil {
		return versions
	}
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 3 && f[2] == "replaced":
			versions[f[0]] = "this tree"
		case len(f) >= 2:
			versions[f[0]] = f[1]
		}
	}
	return versions
}

func seriesNames() []string {
	var names []string
	for _, l := range bench.Libraries() {
		names = append(names, l.Name)
	}
	return names
}

// chartGroups turns the report into one bar group per workload.
func chartGroups(r *Report) []ChartGroup {
	var groups []ChartGroup
	bar := func(group, lib string, checkErr error) ChartBar {
		b := ChartBar{Series: lib}
		if checkErr != nil {
			b.Note = "not timed: " + checkErr.Error()
			return b
		}
		if res := r.Bench.Get(group, lib); res != nil {
			b.NS = res.Stat("ns/op").Median
		}
		if b.NS == 0 {
			b.Note = "no result"
		}
		return b
	}
	for _, w := range bench.Workloads() {
		g := ChartGroup{Label: w.ID + " " + w.Name}
		for _, l := range bench.Libraries() {
			g.Bars = append(g.Bars, bar(w.ID, l.Name, r.Checks[w.ID+"/"+l.Name].Err))
		}
		groups = append(groups, g)
	}
	for _, in := range bench.DecodeInputs() {
		g := ChartGroup{Label: in.ID + " decode"}
		for _, d := range bench.Decoders() {
			g.Bars = append(g.Bars, bar(in.ID, d.Name, r.Decodes[in.ID+"/"+d.Name].Err))
		}
		groups = append(groups, g)
	}
	return groups
}
