// Package cmdtest builds the example commands and runs them as
// subprocesses, so that their tests exercise what people run.
//
// Binaries are built once per test process into one temporary directory;
// a package using cmdtest calls Cleanup from its TestMain to remove it.
// The functions are safe for concurrent use.
package cmdtest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

var (
	mu     sync.Mutex
	dir    string
	builds = map[string]string{} // package path → binary
)

// Build compiles the command in the package at pkg (a path such as
// "." or "../generate", relative to the test's directory) and returns the
// binary's path. It uses the go command found on PATH: go test puts its own
// GOROOT/bin first there, so that is the toolchain running the test.
func Build(t testing.TB, pkg string) string {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	if bin, ok := builds[pkg]; ok {
		return bin
	}
	if dir == "" {
		d, err := os.MkdirTemp("", "qrworks-cmdtest")
		if err != nil {
			t.Fatal(err)
		}
		dir = d
	}
	abs, err := filepath.Abs(pkg)
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, filepath.Base(abs))
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, out)
	}
	builds[pkg] = bin
	return bin
}

// Cleanup removes the binaries; call it from TestMain after m.Run.
func Cleanup() {
	mu.Lock()
	defer mu.Unlock()
	if dir != "" {
		os.RemoveAll(dir)
	}
}

// Result is what a run of a command did.
type Result struct {
	Stdout, Stderr string
	Status         int // exit status
}

// Run runs bin with args, reading stdin (nil: /dev/null), and waits for it.
func Run(t testing.TB, bin string, stdin io.Reader, args ...string) Result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, &stdout, &stderr
	err := cmd.Run()
	r := Result{Stdout: stdout.String(), Stderr: stderr.String()}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		r.Status = exit.ExitCode()
	case err != nil:
		t.Fatalf("running %s: %v", bin, err)
	}
	return r
}

// String describes r for test failure messages.
func (r Result) String() string {
	return fmt.Sprintf("exit status %d\nstdout:\n%s\nstderr:\n%s", r.Status, r.Stdout, r.Stderr)
}
