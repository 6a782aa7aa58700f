package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/decode"
)

// readFiles decodes each file and returns the results, in order.
func readFiles(t *testing.T, files []string) []decode.Result {
	t.Helper()
	var all []decode.Result
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := decode.Bytes(data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		all = append(all, rs...)
	}
	return all
}

// TestGS1Flags writes GS1 and AIM codes and checks them and the flag
// errors: a bad element string fails the run with its reason, -gs1 with
// -aim and a bad indicator are usage errors.
func TestGS1Flags(t *testing.T) {
	dir := t.TempDir()
	g := filepath.Join(dir, "g.png")
	hri := "(01)09506000134352(17)261231(10)ABC123"
	if r := generate(t, nil, "-gs1", "-o", g, hri); r.Status != 0 {
		t.Fatalf("-gs1: %v", r)
	}
	if rs := readFiles(t, []string{g}); rs[0].Text != hri || !rs[0].GS1 {
		t.Errorf("-gs1 file reads %q, GS1 %v", rs[0].Text, rs[0].GS1)
	}
	a := filepath.Join(dir, "a.svg")
	if r := generate(t, nil, "-aim", "37", "-o", filepath.Join(dir, "a.png"), "DATA 123"); r.Status != 0 {
		t.Fatalf("-aim: %v", r)
	}
	if rs := readFiles(t, []string{filepath.Join(dir, "a.png")}); rs[0].Text != "DATA 123" || rs[0].AIM != "37" {
		t.Errorf("-aim file reads %q, AIM %q", rs[0].Text, rs[0].AIM)
	}
	for _, c := range []struct {
		args   []string
		status int
		stderr string
	}{
		{[]string{"-gs1", "-o", a, "(01)09506000134353"}, 1, "(01): check digit 3, want 2"},
		{[]string{"-gs1", "-aim", "01", "x"}, 2, "-gs1 and -aim exclude each other"},
		{[]string{"-aim", "5x", "x"}, 2, `application indicator \"5x\"`},
		{[]string{"-max-version", "41", "x"}, 2, "max version 41"},
	} {
		r := generate(t, nil, c.args...)
		if r.Status != c.status || !strings.Contains(r.Stderr, c.stderr) {
			t.Errorf("%q: want status %d and %q\n%v", c.args, c.status, c.stderr, r)
		}
	}
}

// TestSequenceFlag writes a sequence for one text, prints one on the
// terminal, and writes one sequence per line of a batch; the files read
// back and merge into the texts.
func TestSequenceFlag(t *testing.T) {
	dir := t.TempDir()
	text := strings.Repeat("structured append over several codes ", 8)
	r := generate(t, nil, "-sequence", "-max-version", "3", "-level", "M", "-o", filepath.Join(dir, "s.png"), text)
	if r.Status != 0 {
		t.Fatalf("-sequence: %v", r)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "s-*-of-*.png"))
	if len(files) < 3 || !strings.HasSuffix(files[0], "s-01-of-"+twoDigits(len(files))+".png") {
		t.Fatalf("files %q", files)
	}
	if m := decode.Merge(readFiles(t, files)); len(m) != 1 || m[0].Text != text {
		t.Errorf("the files merge to %d results", len(m))
	}

	r = generate(t, nil, "-sequence", "-max-version", "3", "-level", "M", text)
	if r.Status != 0 || !strings.Contains(r.Stdout, "1 of "+itoa(len(files))+"\n") || !strings.Contains(r.Stdout, itoa(len(files))+" of "+itoa(len(files))+"\n") {
		t.Errorf("-sequence on the terminal: %v", r)
	}

	lines := filepath.Join(dir, "lines.txt")
	os.WriteFile(lines, []byte("short\n"+text+"\n"), 0o644)
	out := filepath.Join(dir, "out")
	if r := generate(t, nil, "-sequence", "-max-version", "3", "-level", "M", "-batch", lines, "-out", out); r.Status != 0 {
		t.Fatalf("-sequence -batch: %v", r)
	}
	one, _ := filepath.Glob(filepath.Join(out, "1-01-of-01.png"))
	two, _ := filepath.Glob(filepath.Join(out, "2-*-of-*.png"))
	if len(one) != 1 || len(two) != len(files) {
		t.Fatalf("batch files: %q and %q", one, two)
	}
	if m := decode.Merge(readFiles(t, two)); len(m) != 1 || m[0].Text != text {
		t.Errorf("line 2's files merge to %d results", len(m))
	}
}

func itoa(n int) string { return strings.TrimLeft(twoDigits(n), "0") }

func twoDigits(n int) string { return string([]byte{byte('0' + n/10), byte('0' + n%10)}) }
