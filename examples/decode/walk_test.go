package main

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestCollect(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.png", "a/z.jpg", "a/b/c.gif", ".git/x.png", "a/.DS_Store", "other/o.png"} {
		writeFile(t, dir, name, []byte("x"))
	}
	link := func(target, name string) {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	link(filepath.Join(dir, "other"), "a/loop")         // a directory link inside a walk: not followed
	link(filepath.Join(dir, "other", "o.png"), "l.png") // a file link: followed
	link(filepath.Join(dir, "other"), "top")            // a directory link given as an argument: walked

	p := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	missing := p("missing.png")
	got := collect([]string{dir, p("top"), missing})
	want := []string{
		p("a/b/c.gif"), p("a/z.jpg"), p("b.png"), p("l.png"), p("other/o.png"),
		p("top/o.png"),
		missing,
	}
	var paths []string
	for _, in := range got {
		paths = append(paths, in.path)
	}
	if !reflect.DeepEqual(paths, want) {
		t.Errorf("collect listed\n%q\nwant\n%q", paths, want)
	}
	if last := got[len(got)-1]; last.err == nil {
		t.Errorf("missing file listed without an error")
	}
	for _, in := range got[:len(got)-1] {
		if in.err != nil {
			t.Errorf("%s: %v", in.path, in.err)
		}
	}
}
