package progress

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe for the bar's goroutine and the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestQuietBar(t *testing.T) {
	var out lockedBuffer
	b := Start(&out, "codes", 10, false)
	b.Add(3)
	b.Add(4)
	if _, err := b.Write([]byte("log line\n")); err != nil {
		t.Fatal(err)
	}
	b.Stop()
	b.Stop() // a second Stop is harmless
	if got := out.String(); got != "log line\n" {
		t.Errorf("output %q, want only the log line", got)
	}
	if b.Done() != 7 {
		t.Errorf("Done() = %d, want 7", b.Done())
	}
}

func TestDrawnBar(t *testing.T) {
	var out lockedBuffer
	b := Start(&out, "codes", 10, true)
	b.Add(3)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "3/10") {
		if time.Now().After(deadline) {
			t.Fatalf("the bar was not drawn: %q", out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	b.Write([]byte("log line\n"))
	b.Stop()
	got := out.String()
	if !strings.Contains(got, "\r\x1b[Klog line\n") {
		t.Errorf("the log line does not clear the bar first: %q", got)
	}
	if !strings.HasSuffix(got, "\r\x1b[K") && !strings.HasSuffix(got, "log line\n") {
		t.Errorf("Stop leaves the bar on screen: %q", got)
	}
}

func TestLine(t *testing.T) {
	for _, tc := range []struct {
		total, done int64
		want        string
	}{
		{10, 3, "[#########.....................] 3/10  30% "},
		{10, 12, "[##############################] 12/10 100% "},
		{0, 42, "42 codes "},
	} {
		b := &Bar{label: "codes", start: time.Now()}
		b.SetTotal(tc.total)
		b.Add(tc.done)
		if got := b.line(); !strings.HasPrefix(got, tc.want) || !strings.HasSuffix(got, " codes/s") {
			t.Errorf("total %d, done %d: line %q, want %q… codes/s", tc.total, tc.done, got, tc.want)
		}
	}
}

func TestIsTerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "file"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if IsTerminal(f) {
		t.Error("a regular file is taken for a terminal")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if IsTerminal(w) {
		t.Error("a pipe is taken for a terminal")
	}
}
