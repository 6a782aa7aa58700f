package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzCheckName checks that every name checkName accepts stays inside the
// output directory as one plain file.
func FuzzCheckName(f *testing.F) {
	for _, s := range []string{"SKU-1", "../x", "a/b", ".", "..", "a\\b", "café", "x\x00", "C:x", " "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if checkName(name) != nil {
			return
		}
		dir := filepath.Join("out", "dir")
		path := filepath.Join(dir, name)
		if filepath.Dir(path) != dir || filepath.Base(path) != name || !filepath.IsLocal(name) {
			t.Fatalf("accepted %q, which is %q inside %q", name, path, dir)
		}
		if strings.HasPrefix(name, ".") || strings.ContainsAny(name, "/\\\x00") {
			t.Fatalf("accepted %q", name)
		}
	})
}

// FuzzParseColor checks that parseColor never panics and that an accepted
// colour prints back as its input.
func FuzzParseColor(f *testing.F) {
	for _, s := range []string{"#000000", "#ffffff80", "123abc", "#12345", "#gggggg", "", "#f00", "abc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := parseColor(s)
		if err != nil {
			return
		}
		h := strings.ToLower(strings.TrimPrefix(s, "#"))
		got := fmt.Sprintf("%02x%02x%02x", c.R, c.G, c.B)
		switch len(h) {
		case 3: // #rgb is #rrggbb
			got = got[0:1] + got[2:3] + got[4:5]
		case 8:
			got += fmt.Sprintf("%02x", c.A)
		}
		if want := h; got != want || len(h) == 3 && c.R%17+c.G%17+c.B%17 != 0 {
			t.Fatalf("parseColor(%q) = %v, prints as %q", s, c, got)
		}
	})
}

// FuzzSource feeds arbitrary batch files, as lines and as CSV, and checks
// that reading ends, that jobs come in line order, and that every file a
// job names is a plain name with the output extension.
func FuzzSource(f *testing.F) {
	for _, s := range []string{
		"a\nb\n", "\n\n", "x\r\ny", "name,text\nA,1\n../b,2\n", "text\n\"unterminated\n",
		"name,text\n\"a\"b,c\nd,\"e\"\"f\"\n", "\ufeffname\n", "",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, in string, asCSV bool) {
		name := "in.txt"
		if asCSV {
			name = "in.csv"
		}
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
			t.Fatal(err)
		}
		src, _, closer, err := openSource(path, ".png")
		if err != nil {
			return // a CSV without a usable header
		}
		defer closer.Close()
		lines := strings.Count(in, "\n") + 1
		last := 0
		if err := src.run(func(j job) {
			if j.line <= last || j.line > lines {
				t.Fatalf("job for line %d after line %d (of %d)", j.line, last, lines)
			}
			last = j.line
			if j.err == nil && !j.blank {
				if j.file == "" || filepath.Base(j.file) != j.file || !strings.HasSuffix(strings.ToLower(j.file), ".png") {
					t.Fatalf("line %d: file %q", j.line, j.file)
				}
			}
		}); err != nil {
			t.Fatal(err)
		}
	})
}
