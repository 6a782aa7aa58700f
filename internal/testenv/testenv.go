// Package testenv lets tests find the optional things they depend on —
// Debian tools such as zbarimg, and the shared corpus beside the project —
// and skip with a clear message where those are absent. Under
// QRWORKS_STRICT=1 (set by .ci/run) a missing dependency fails the test
// instead, so CI cannot pass by skipping.
package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Strict reports whether QRWORKS_STRICT=1 is set.
func Strict() bool { return os.Getenv("QRWORKS_STRICT") == "1" }

// Missing skips t, or fails it under QRWORKS_STRICT=1, saying what is
// missing and how to get it.
func Missing(t testing.TB, what, how string) {
	t.Helper()
	if Strict() {
		t.Fatalf("%s is missing (%s); QRWORKS_STRICT=1 turns this skip into a failure", what, how)
	}
	t.Skipf("skipping: %s is missing (%s)", what, how)
}

// Tool returns the path of the named command, or skips (fails when strict)
// if it is not on PATH. debianPackage names the package that provides it.
func Tool(t testing.TB, name, debianPackage string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name, "apt-get install -y "+debianPackage)
	}
	return path
}

// RepoRoot returns the directory that holds the qrworks go.mod, found by
// walking up from the working directory (go test runs in the package's
// directory).
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			if _, err := os.Stat(filepath.Join(dir, "encode")); err == nil {
				return dir
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("cannot find the qrworks module root above the working directory")
		}
		dir = parent
	}
}

// SharedDir returns the project's shared folder: $QRWORKS_SHARED if set,
// else ../shared beside the repository root. It skips (fails when strict)
// if the folder is absent.
func SharedDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("QRWORKS_SHARED")
	if dir == "" {
		dir = filepath.Join(RepoRoot(t), "..", "shared")
	}
	if _, err := os.Stat(dir); err != nil {
		Missing(t, "the shared folder "+dir, "it lies beside the project root in CI; set QRWORKS_SHARED to point elsewhere")
	}
	return dir
}

// Corpus returns ../shared/corpus (see SharedDir).
func Corpus(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(SharedDir(t), "corpus")
	if _, err := os.Stat(dir); err != nil {
		Missing(t, "the photo corpus "+dir, "it lies in ../shared/corpus beside the project root")
	}
	return dir
}
