package decode

import (
	"fmt"
	"image"
	"math/rand"
	"slices"
	"sort"
	"strings"
	"testing"
)

// parts cuts message into total symbols' Results of the sequence, with
// ECI −1 and the given marks; position i gets corners at x = 100·i.
func parts(message string, total int, gs1 bool) []Result {
	var parity byte
	for i := range len(message) {
		parity ^= message[i]
	}
	var out []Result
	n := (len(message) + total - 1) / total
	for i := range total {
		chunk := message[min(i*n, len(message)):min((i+1)*n, len(message))]
		out = append(out, Result{
			Text: chunk, Bytes: []byte(chunk), Version: 1 + i, Level: "M", ECI: -1, GS1: gs1,
			Corners:  [4]image.Point{{100 * i, 0}, {100*i + 50, 0}, {100*i + 50, 50}, {100 * i, 50}},
			Sequence: Sequence{Index: i, Total: total, Parity: parity},
		})
	}
	return out
}

// TestMerge covers the cases of Merge: complete sequences in any order,
// missing parts, wrong parity, mixed sequences, clashing positions,
// repeats, GS1, and results outside any sequence.
func TestMerge(t *testing.T) {
	abc := parts("The quick brown fox jumps over the lazy dog", 4, false)
	xyz := parts("0123456789ABCDEFGHIJ", 3, false)
	plain := Result{Text: "plain", Bytes: []byte("plain"), ECI: -1}
	wrong := slices.Clone(abc)
	wrong[2].Bytes = []byte("XXXXXXXXXXX")
	for _, c := range []struct {
		name string
		in   []Result
		want []string // the texts out, merged ones in full
	}{
		{"complete", abc, []string{"The quick brown fox jumps over the lazy dog"}},
		{"reversed", []Result{abc[3], abc[2], abc[1], abc[0]}, []string{"The quick brown fox jumps over the lazy dog"}},
		{"missing part", []Result{abc[0], abc[1], abc[3]}, []string{abc[0].Text, abc[1].Text, abc[3].Text}},
		{"wrong parity", wrong, []string{abc[0].Text, abc[1].Text, abc[2].Text, abc[3].Text}},
		{"two sequences mixed", []Result{xyz[2], abc[1], plain, abc[0], xyz[0], abc[3], xyz[1], abc[2]},
			[]string{"0123456789ABCDEFGHIJ", "The quick brown fox jumps over the lazy dog", "plain"}},
		{"repeat", []Result{abc[0], abc[1], abc[1], abc[2], abc[3]}, []string{"The quick brown fox jumps over the lazy dog"}},
		{"plain only", []Result{plain}, []string{"plain"}},
		{"empty", nil, nil},
	} {
		out := Merge(c.in)
		var got []string
		for _, r := range out {
			got = append(got, r.Text)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: texts %q, want %q", c.name, got, c.want)
		}
	}
}

// TestMergeFields checks a merged Result: Bytes joined, Parts in order with
// their positions in the input, the first part's other fields, Sequence
// with index 0; and that the input is not modified.
func TestMergeFields(t *testing.T) {
	abc := parts("The quick brown fox jumps over the lazy dog", 4, false)
	in := []Result{{Text: "before", ECI: -1}, abc[2], abc[0], abc[3], abc[1]}
	keep := slices.Clone(in)
	out := Merge(in)
	if len(out) != 2 || out[0].Text != "before" {
		t.Fatalf("Merge gives %d results: %+v", len(out), out)
	}
	m := out[1]
	if string(m.Bytes) != "The quick brown fox jumps over the lazy dog" || m.Version != 1 || m.Corners != abc[0].Corners {
		t.Errorf("merged: %q version %d corners %v", m.Bytes, m.Version, m.Corners)
	}
	if m.Sequence != (Sequence{Index: 0, Total: 4, Parity: abc[0].Sequence.Parity}) {
		t.Errorf("merged Sequence %+v", m.Sequence)
	}
	wantInput := []int{2, 4, 1, 3}
	for k, p := range m.Parts {
		if p.Index != k || p.Version != k+1 || p.Input != wantInput[k] || p.Corners != abc[k].Corners {
			t.Errorf("part %d: %+v, want input %d", k, p, wantInput[k])
		}
	}
	for i := range in {
		if in[i].Text != keep[i].Text || in[i].Parts != nil {
			t.Errorf("input %d modified", i)
		}
	}
	// A merged result is not merged again.
	if again := Merge(out); len(again) != 2 || len(again[1].Parts) != 4 {
		t.Errorf("Merge of merged results: %+v", again)
	}
}

// TestMergeGS1 joins a GS1 element string cut inside an element: the text
// of the whole is its human-readable form, and Elements splits it.
func TestMergeGS1(t *testing.T) {
	data := "0109506000134352" + "10ABC123\x1d21SERIAL99"
	ps := parts(data, 3, true)
	out := Merge(ps)
	if len(out) != 1 {
		t.Fatalf("%d results", len(out))
	}
	if out[0].Text != "(01)09506000134352(10)ABC123(21)SERIAL99" {
		t.Errorf("text %q", out[0].Text)
	}
	if got := fmt.Sprint(out[0].Elements()); got != "[{01 09506000134352} {10 ABC123} {21 SERIAL99}]" {
		t.Errorf("elements %s", got)
	}
	// GS1 and plain parts of the same total and parity do not mix.
	mixed := []Result{ps[0], ps[1]}
	plain := parts(data, 3, false)
	mixed = append(mixed, plain[2])
	if out := Merge(mixed); len(out) != 3 {
		t.Errorf("GS1 and plain parts merged: %+v", out)
	}
}

// TestMergeOrder merges shuffles of several sequences and single results:
// which results merge, and into what, never depends on the order.
func TestMergeOrder(t *testing.T) {
	var in []Result
	in = append(in, parts("first message, five parts long......", 5, false)...)
	in = append(in, parts("second, in two", 2, false)...)
	in = append(in, parts("third is incomplete", 3, false)[:2]...)
	in = append(in, Result{Text: "lone", Bytes: []byte("lone"), ECI: -1})
	want := summary(Merge(in))
	rng := rand.New(rand.NewSource(4))
	for range 50 {
		rng.Shuffle(len(in), func(i, j int) { in[i], in[j] = in[j], in[i] })
		if got := summary(Merge(in)); got != want {
			t.Fatalf("shuffled input merges to\n%s\nwant\n%s", got, want)
		}
	}
}

// summary lists the texts of results, sorted, with their part counts.
func summary(rs []Result) string {
	var lines []string
	for _, r := range rs {
		lines = append(lines, fmt.Sprintf("%q %d", r.Text, len(r.Parts)))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// FuzzMerge builds sequences from the fuzzer's bytes — cut at its choice,
// with positions, totals and parities it may get wrong — and checks that
// Merge loses nothing: every input is either returned as given or a part
// of one merged result, every merged result is complete with the parity
// announced, and the merged results do not depend on the order.
func FuzzMerge(f *testing.F) {
	f.Add([]byte("hello world, this is a sequence"), uint8(3), uint8(0), int64(1))
	f.Add([]byte("ab"), uint8(2), uint8(0xFF), int64(2))
	f.Fuzz(func(t *testing.T, data []byte, total, flags uint8, seed int64) {
		rng := rand.New(rand.NewSource(seed))
		n := 1 + int(total)%16
		var in []Result
		var parity byte
		for _, c := range data {
			parity ^= c
		}
		for i := range n {
			lo, hi := len(data)*i/n, len(data)*(i+1)/n
			r := Result{Bytes: data[lo:hi], ECI: -1, Sequence: Sequence{Index: i, Total: n, Parity: parity}}
			if flags&1 != 0 && rng.Intn(4) == 0 {
				r.Sequence.Index = rng.Intn(20) - 2 // out of place, or out of range
			}
			if flags&2 != 0 && rng.Intn(4) == 0 {
				r.Sequence.Parity ^= byte(rng.Intn(256))
			}
			if flags&4 != 0 && rng.Intn(4) == 0 {
				continue // lost
			}
			in = append(in, r)
			if flags&8 != 0 && rng.Intn(4) == 0 {
				in = append(in, r) // read twice
			}
		}
		checkMerge(t, in)
		want := summary(Merge(in))
		rng.Shuffle(len(in), func(i, j int) { in[i], in[j] = in[j], in[i] })
		if got := summary(Merge(in)); got != want {
			t.Fatalf("order changes the merge:\n%s\nwant\n%s", got, want)
		}
	})
}

// checkMerge checks Merge's promises on in.
func checkMerge(t *testing.T, in []Result) {
	out := Merge(in)
	used := make([]bool, len(in))
	for _, r := range out {
		if r.Parts == nil {
			continue
		}
		var parity byte
		for _, c := range r.Bytes {
			parity ^= c
		}
		if parity != r.Sequence.Parity || len(r.Parts) != r.Sequence.Total {
			t.Fatalf("merged result with parity %#x of %#x and %d parts of %d", parity, r.Sequence.Parity, len(r.Parts), r.Sequence.Total)
		}
		for k, p := range r.Parts {
			if p.Index != k || p.Input < 0 || p.Input >= len(in) || in[p.Input].Sequence.Index != k {
				t.Fatalf("part %d: %+v", k, p)
			}
			used[p.Input] = true
		}
	}
	// Every input not used by a merge (nor a repeat of one used) comes out
	// as it went in, in order.
	var rest []Result
	for _, r := range out {
		if r.Parts == nil {
			rest = append(rest, r)
		}
	}
	k := 0
	for i, r := range in {
		if used[i] || mergedRepeat(out, r) {
			continue
		}
		if k >= len(rest) || string(rest[k].Bytes) != string(r.Bytes) || rest[k].Sequence != r.Sequence {
			t.Fatalf("input %d lost", i)
		}
		k++
	}
	if k != len(rest) {
		t.Fatalf("%d results out of nowhere", len(rest)-k)
	}
}

// mergedRepeat reports whether r is a part of a merged result of out.
func mergedRepeat(out []Result, r Result) bool {
	for _, m := range out {
		if m.Parts != nil && m.Sequence.Total == r.Sequence.Total && m.Sequence.Parity == r.Sequence.Parity {
			return true
		}
	}
	return false
}
