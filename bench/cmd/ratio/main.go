// Command ratio measures qrworks' speed-up over its peers the way the speed
// targets are stated: each cell (library × workload) is timed with
// testing.Benchmark, in one process, in rounds that alternate the order of
// the libraries, and the speed-up of a workload is the median peer time
// over the median qrworks time across the rounds.
//
//	cd bench && go run ./cmd/ratio                  # W1 and W4, rsc and skip2, 5 rounds of 1 s per cell
//	cd bench && go run ./cmd/ratio -rounds 9 -benchtime 2s
//
// Timing every library in the same process, round after round, makes a busy
// spell of a shared machine fall on all of them alike; the spread column
// gives the lowest and highest per-round ratio, so a noisy run shows as
// such. Every cell's output is checked first (bench.Verified: the symbol
// and, for W4, the PNG file decode to the workload's text at its level), and
// a cell that fails is reported and not timed.
//
// Beside wall-clock time it reports process CPU time (all threads, the
// collector's background workers included) and, on Linux, the thread CPU
// time of the benchmark's goroutine, locked to its thread: the measure
// another program's load moves least, as it counts neither the time the
// cores are held by others nor the collector's background work.
//
// The targets of the speed issue are printed beside the ratios: W1 ≥ 4× and
// W4 ≥ 5× rsc.io/qr, W1 ≥ 20× and W4 ≥ 30× skip2/go-qrcode. They are
// reported, not enforced: the ratio depends on the machine's load.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/qrworks/qrworks/bench"
)

// targets are the speed-ups the speed issue asks of qrworks, by workload
// and peer.
var targets = map[string]float64{
	"W1/rsc": 4, "W4/rsc": 5,
	"W1/skip2": 20, "W4/skip2": 30,
}

func main() {
	var (
		rounds    = flag.Int("rounds", 5, "rounds: each times every cell once, in alternating library order")
		benchtime = flag.Duration("benchtime", time.Second, "time testing.Benchmark aims for per cell")
		workloads = flag.String("workloads", "W1,W4", "comma-separated workload IDs")
		peers     = flag.String("peers", "rsc,skip2", "comma-separated peer library names")
	)
	flag.Parse()
	if err := run(os.Stdout, *rounds, *benchtime, strings.Split(*workloads, ","), strings.Split(*peers, ",")); err != nil {
		slog.Error("ratio failed", "err", err)
		os.Exit(1)
	}
}

// cell is one library on one workload: its operation and its times.
type cell struct {
	lib  *bench.Library
	op   bench.Op
	ns   []float64 // wall-clock ns/op, one per round
	cpu  []float64 // process CPU ns/op (user + system, all threads), one per round
	thr  []float64 // thread CPU ns/op of the benchmark's goroutine, one per round
	allo int64     // allocs/op of the last round
	err  error     // why the cell is not timed
}

func run(w io.Writer, rounds int, benchtime time.Duration, wids, peerNames []string) error {
	if err := setBenchtime(benchtime); err != nil {
		return err
	}
	libs := []*bench.Library{}
	for _, name := range append([]string{"qrworks"}, peerNames...) {
		l, ok := bench.LibraryByName(name)
		if !ok {
			return fmt.Errorf("no library %q", name)
		}
		libs = append(libs, l)
	}
	var works []bench.Workload
	for _, id := range wids {
		wl, ok := bench.WorkloadByID(id)
		if !ok {
			return fmt.Errorf("no workload %q", id)
		}
		works = append(works, wl)
	}
	cells := prepare(works, libs)
	start := time.Now()
	fmt.Fprintf(os.Stderr, "%d rounds of %d cells, %v each\n", rounds, len(works)*len(libs), benchtime)
	for r := 0; r < rounds; r++ {
		fmt.Fprintf(os.Stderr, "round %d of %d\n", r+1, rounds)
		for _, wl := range works {
			row := cells[wl.ID]
			for k := range row {
				// Rotate the order each round, so that no library always
				// runs first (on a cold cache) or last.
				c := row[(k+r)%len(row)]
				if c.err == nil {
					time1(c)
				}
			}
		}
	}
	report(w, works, cells, rounds, benchtime, time.Since(start))
	return nil
}

// setBenchtime sets the time testing.Benchmark aims for, through the flag
// of the testing package that it reads.
func setBenchtime(d time.Duration) error {
	fs := flag.NewFlagSet("testing", flag.ContinueOnError)
	saved := flag.CommandLine
	flag.CommandLine = fs
	testing.Init()
	flag.CommandLine = saved
	return fs.Set("test.benchtime", d.String())
}

// prepare checks and prepares every cell, qrworks first in each row.
func prepare(works []bench.Workload, libs []*bench.Library) map[string][]*cell {
	cells := map[string][]*cell{}
	for _, wl := range works {
		for _, l := range libs {
			c := &cell{lib: l}
			if chk := bench.Verified(l, wl); !chk.Timed() {
				c.err = chk.Err
			} else if c.op, c.err = l.Prepare(wl); c.err == nil {
				var buf bytes.Buffer
				c.err = c.op(&buf) // warm-up: pools, caches, the buffer
			}
			cells[wl.ID] = append(cells[wl.ID], c)
		}
	}
	return cells
}

// time1 times c once and records its ns/op.
func time1(c *cell) {
	var buf bytes.Buffer
	var opErr error
	var cpu, thr float64
	res := testing.Benchmark(func(b *testing.B) {
		// Locked, so that the thread's clock counts this goroutine alone.
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		b.ReportAllocs()
		start, startThr := processCPU(), threadCPU()
		for b.Loop() {
			if err := c.op(&buf); err != nil {
				opErr = err
			}
		}
		cpu = float64(processCPU()-start) / float64(b.N)
		thr = float64(threadCPU()-startThr) / float64(b.N)
	})
	if opErr != nil {
		c.err = opErr
		return
	}
	c.ns = append(c.ns, float64(res.NsPerOp()))
	c.cpu = append(c.cpu, cpu)
	c.thr = append(c.thr, thr)
	c.allo = res.AllocsPerOp()
}

// processCPU returns the CPU time the process has used, user and system,
// in nanoseconds: unlike the wall clock, it does not count the time other
// programs on a shared machine hold the cores, so the CPU columns of the
// report stay steady where the wall-clock ones spread. It includes the
// garbage collector's background work on other threads, which the
// allocating libraries cause.
func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// report prints one table row per peer and workload: wall-clock times and
// the speed-up they give (the measurement the targets are stated in), then
// the same from process CPU time.
func report(w io.Writer, works []bench.Workload, cells map[string][]*cell, rounds int, benchtime, took time.Duration) {
	fmt.Fprintf(w, "go run ./cmd/ratio -rounds %d -benchtime %v   # %s, %s/%s, GOMAXPROCS %d, took %v\n\n",
		rounds, benchtime, runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.GOMAXPROCS(0), took.Round(time.Second))
	fmt.Fprintln(w, "| workload | library | allocs/op | time/op | qrworks speed-up | per-round range | target | CPU/op | speed-up in CPU | thread CPU/op | speed-up in thread CPU (range) |")
	fmt.Fprintln(w, "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
	for _, wl := range works {
		row := cells[wl.ID]
		ours := row[0]
		for _, c := range row {
			if c.err != nil {
				fmt.Fprintf(w, "| %s | %s | not timed: %v | | | | | | | | |\n", wl.ID, c.lib.Name, c.err)
				continue
			}
			speed, rng, target, cpuSpeed, thrSpeed := "—", "", "", "—", "—"
			if c != ours && ours.err == nil {
				ratio := median(c.ns) / median(ours.ns)
				speed = fmt.Sprintf("%.2f×", ratio)
				lo, hi := roundRatios(c.ns, ours.ns)
				rng = fmt.Sprintf("%.2f–%.2f×", lo, hi)
				cpuSpeed = fmt.Sprintf("%.2f×", median(c.cpu)/median(ours.cpu))
				if median(ours.thr) > 0 {
					lo, hi := roundRatios(c.thr, ours.thr)
					thrSpeed = fmt.Sprintf("%.2f× (%.2f–%.2f×)", median(c.thr)/median(ours.thr), lo, hi)
				}
				if t, ok := targets[wl.ID+"/"+c.lib.Name]; ok {
					verdict := "met"
					if ratio < t {
						verdict = "not met"
					}
					target = fmt.Sprintf("≥ %g× (%s)", t, verdict)
				}
			}
			fmt.Fprintf(w, "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |\n",
				wl.ID, c.lib.Name, c.allo, duration(median(c.ns)), speed, rng, target, duration(median(c.cpu)), cpuSpeed, duration(median(c.thr)), thrSpeed)
		}
	}
}

// roundRatios returns the lowest and highest ratio peer/ours of one round.
func roundRatios(peer, ours []float64) (lo, hi float64) {
	for i := range min(len(peer), len(ours)) {
		r := peer[i] / ours[i]
		if i == 0 || r < lo {
			lo = r
		}
		if i == 0 || r > hi {
			hi = r
		}
	}
	return lo, hi
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}

// duration formats ns nanoseconds with three significant digits.
func duration(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.3g ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.3g µs", ns/1e3)
	}
	return fmt.Sprintf("%.3g ns", ns)
}
