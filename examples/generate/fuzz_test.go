package main

import (
	"fmt"
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
	for _, s := range []string{"#000000", "#ffffff80", "123abc", "#12345", "#gggggg", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := parseColor(s)
		if err != nil {
			return
		}
		got := fmt.Sprintf("%02x%02x%02x", c.R, c.G, c.B)
		if h := strings.ToLower(strings.TrimPrefix(s, "#")); len(h) == 8 {
			got += fmt.Sprintf("%02x", c.A)
		}
		if want := strings.ToLower(strings.TrimPrefix(s, "#")); got != want {
			t.Fatalf("parseColor(%q) = %v, prints as %q", s, c, got)
		}
	})
}
