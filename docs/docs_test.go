// Package docs_test checks the repository's front page and documentation
// as a new user meets them: the licence, the README's size, and links that
// lead somewhere.
package docs_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// maxReadme is the front page's budget (issue 19): what a visitor reads
// before choosing; the rest belongs in docs/.
const maxReadme = 15000

// TestLicence checks that the repository root carries the Apache License
// 2.0 that the README names.
func TestLicence(t *testing.T) {
	b, err := os.ReadFile("../LICENSE")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "Apache License") || !strings.Contains(string(b), "Version 2.0, January 2004") {
		t.Errorf("LICENSE is not the Apache License 2.0")
	}
	if !strings.Contains(read(t, "../README.md"), "[LICENSE](LICENSE)") {
		t.Errorf("README.md does not link LICENSE")
	}
}

// TestReadmeFrontPage checks the README's size and that it links every
// page of docs/.
func TestReadmeFrontPage(t *testing.T) {
	readme := read(t, "../README.md")
	if len(readme) > maxReadme {
		t.Errorf("README.md is %d bytes, over %d: move detail to docs/", len(readme), maxReadme)
	}
	pages, err := filepath.Glob("*.md")
	if err != nil || len(pages) == 0 {
		t.Fatalf("docs/*.md: %v, %v", pages, err)
	}
	for _, p := range pages {
		if !strings.Contains(readme, "(docs/"+p) {
			t.Errorf("README.md does not link docs/%s", p)
		}
	}
}

// mdLink matches the target of an inline Markdown link or image.
var mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// TestRelativeLinks checks that every relative link of README.md and of
// docs/*.md names a file or directory that exists (anchors are not
// checked).
func TestRelativeLinks(t *testing.T) {
	files, _ := filepath.Glob("*.md")
	files = append(files, "../README.md")
	for _, f := range files {
		for _, m := range mdLink.FindAllStringSubmatch(read(t, f), -1) {
			target, _, _ := strings.Cut(m[1], "#")
			if target == "" || strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(f), target)); err != nil {
				t.Errorf("%s links %s, which does not exist", f, m[1])
			}
		}
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
