package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestParseShard(t *testing.T) {
	tests := []struct {
		flag, env string
		want      shard
		ok        bool
	}{
		{"", "", shard{0, 1}, true},
		{"0/1", "", shard{0, 1}, true},
		{"2/3", "", shard{2, 3}, true},
		{"2/3", "0", shard{2, 3}, true}, // the flag wins
		{"4", "3", shard{3, 4}, true},
		{"4", "", shard{}, false},
		{"4", "4", shard{}, false},
		{"3/3", "", shard{}, false},
		{"-1/3", "", shard{}, false},
		{"1/0", "", shard{}, false},
		{"a/b", "", shard{}, false},
		{"/3", "", shard{}, false},
	}
	for _, tt := range tests {
		t.Setenv(completionIndexEnv, tt.env)
		got, err := parseShard(tt.flag)
		if (err == nil) != tt.ok || tt.ok && got != tt.want {
			t.Errorf("parseShard(%q) with %s=%q = %v, %v; want %v (ok %v)", tt.flag, completionIndexEnv, tt.env, got, err, tt.want, tt.ok)
		}
	}
}

// TestShardCount checks count against the indices the filter lets through.
func TestShardCount(t *testing.T) {
	for n := 1; n <= 5; n++ {
		for k := range n {
			for total := range int64(12) {
				var want int64
				for i := range total {
					if i%int64(n) == int64(k) {
						want++
					}
				}
				if got := (shard{k, n}).count(total); got != want {
					t.Errorf("shard %d/%d of %d: count %d, want %d", k, n, total, got, want)
				}
			}
		}
	}
}

// readDir returns the files of dir and their contents.
func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

// TestShards runs N shards of one input, plain and CSV, each into its own
// directory and all into a shared one: no line is lost or written twice,
// the files are those of the whole run byte for byte, and the failed lines
// are reported by exactly one shard.
func TestShards(t *testing.T) {
	dir := t.TempDir()
	var lines []string
	for i := 1; i <= 23; i++ {
		switch {
		case i%7 == 0:
			lines = append(lines, "")
		case i == 11:
			lines = append(lines, tooLong)
		default:
			lines = append(lines, fmt.Sprintf("line %d", i))
		}
	}
	csvLines := []string{"name,text", "a,1", "b,\"two\nlines\"", "c,3", "d,", "e,5", "f,6", "g,7"}
	inputs := map[string]string{
		"plain": writeLines(t, dir, "lines.txt", lines),
		"csv":   writeLines(t, dir, "codes.csv", csvLines),
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			whole := filepath.Join(dir, name+"-whole")
			r := generate(t, nil, "-batch", in, "-out", whole, "-scale", "1")
			want, wantFailed := readDir(t, whole), failedLines(r.Stderr)
			for _, n := range []int{1, 2, 3, 5} {
				shared := filepath.Join(dir, fmt.Sprintf("%s-shared-%d", name, n))
				seen := map[string]int{}
				var failed []int
				for k := range n {
					own := filepath.Join(dir, fmt.Sprintf("%s-%d-of-%d", name, k, n))
					spec := fmt.Sprintf("%d/%d", k, n)
					r1 := generate(t, nil, "-batch", in, "-out", own, "-scale", "1", "-shard", spec)
					generate(t, nil, "-batch", in, "-out", shared, "-scale", "1", "-shard", spec)
					failed = append(failed, failedLines(r1.Stderr)...)
					for f := range readDir(t, own) {
						seen[f]++
					}
				}
				for f, c := range seen {
					if c != 1 {
						t.Errorf("%d shards: %s written by %d shards", n, f, c)
					}
				}
				if len(seen) != len(want) {
					t.Errorf("%d shards wrote %d files, the whole run %d", n, len(seen), len(want))
				}
				got := readDir(t, shared)
				for f, b := range want {
					if !bytes.Equal(got[f], b) {
						t.Errorf("%d shards: %s differs from the whole run's", n, f)
					}
				}
				if len(got) != len(want) {
					t.Errorf("%d shards in one directory: %d files, want %d", n, len(got), len(want))
				}
				slices.Sort(failed)
				if !slices.Equal(failed, wantFailed) {
					t.Errorf("%d shards reported failed lines %v, the whole run %v", n, failed, wantFailed)
				}
			}
		})
	}
}

// TestShardFromCompletionIndex runs -shard N as a pod of an Indexed Job
// does, K from JOB_COMPLETION_INDEX.
func TestShardFromCompletionIndex(t *testing.T) {
	dir := t.TempDir()
	in := writeLines(t, dir, "lines.txt", []string{"a", "b", "c", "d", "e"})
	t.Setenv(completionIndexEnv, "1")
	out := filepath.Join(dir, "out")
	r := generate(t, nil, "-batch", in, "-out", out, "-shard", "2")
	if r.Status != 0 {
		t.Fatalf("%v", r)
	}
	if got := dirNames(t, out); !slices.Equal(got, []string{"2.png", "4.png"}) {
		t.Errorf("files %q, want 2.png and 4.png (lines 2 and 4: indices 1 and 3)", got)
	}
	if !strings.Contains(r.Stderr, "shard=1/2") {
		t.Errorf("the summary does not name the shard:\n%s", r.Stderr)
	}
	if r := generate(t, nil, "-shard", "0/2", "text"); r.Status != 2 {
		t.Errorf("-shard without -batch: exit status %d, want 2", r.Status)
	}
}
