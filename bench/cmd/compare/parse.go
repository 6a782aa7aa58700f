package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Result holds the samples of one benchmark over all its runs (-count).
type Result struct {
	// Group is the workload or decode input ("W1", "D2"), Lib the library:
	// BenchmarkW1_skip2-2 is group W1, library skip2.
	Group, Lib string
	// Samples maps a unit ("ns/op", "B/op", "allocs/op", "png-bytes") to
	// one value per run.
	Samples map[string][]float64
}

// Stat is the median of a unit's samples and the spread around it.
type Stat struct {
	Median float64
	// Spread is half the interquartile range relative to the median (0.02
	// means ±2%): the noise of the middle half of the runs, which a few
	// runs disturbed by other work on the machine do not inflate.
	Spread float64
	N      int
}

// Stat returns the statistics of unit; N is 0 when there are no samples.
func (r *Result) Stat(unit string) Stat {
	v := append([]float64(nil), r.Samples[unit]...)
	if len(v) == 0 {
		return Stat{}
	}
	sort.Float64s(v)
	med := quantile(v, 0.5)
	s := Stat{Median: med, N: len(v)}
	if med > 0 {
		s.Spread = (quantile(v, 0.75) - quantile(v, 0.25)) / 2 / med
	}
	return s
}

// quantile returns the q-quantile of sorted v, interpolating linearly
// between the two nearest samples.
func quantile(v []float64, q float64) float64 {
	pos := q * float64(len(v)-1)
	i := int(pos)
	if i+1 >= len(v) {
		return v[len(v)-1]
	}
	return v[i] + (pos-float64(i))*(v[i+1]-v[i])
}

// Bench is a parsed `go test -bench` output.
type Bench struct {
	CPU     string
	Results map[string]*Result // key "W1/skip2"
}

// Get returns the result of lib on group, or nil.
func (b *Bench) Get(group, lib string) *Result { return b.Results[group+"/"+lib] }

// Parse reads the output of `go test -bench` (the standard benchmark format:
// a name, an iteration count, then value-unit pairs). Lines that are not
// results of Benchmark<group>_<lib> benchmarks are ignored, except the
// "cpu:" header.
func Parse(r io.Reader) (*Bench, error) {
	b := &Bench{Results: map[string]*Result{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if cpu, ok := strings.CutPrefix(line, "cpu: "); ok {
			b.CPU = strings.TrimSpace(cpu)
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 || len(f)%2 != 0 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		group, lib, ok := splitName(f[0])
		if !ok {
			continue
		}
		key := group + "/" + lib
		res := b.Results[key]
		if res == nil {
			res = &Result{Group: group, Lib: lib, Samples: map[string][]float64{}}
			b.Results[key] = res
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil || math.IsNaN(v) {
				return nil, fmt.Errorf("bad value %q in %q", f[i], line)
			}
			res.Samples[f[i+1]] = append(res.Samples[f[i+1]], v)
		}
	}
	return b, sc.Err()
}

// splitName turns "BenchmarkW1_skip2-2" into "W1", "skip2".
func splitName(name string) (group, lib string, ok bool) {
	name = strings.TrimPrefix(name, "Benchmark")
	// go test appends -GOMAXPROCS unless it is 1.
	if i := strings.LastIndexByte(name, '-'); i >= 0 {
		if _, err := strconv.Atoi(name[i+1:]); err == nil {
			name = name[:i]
		}
	}
	group, lib, ok = strings.Cut(name, "_")
	return group, lib, ok && group != "" && lib != ""
}
