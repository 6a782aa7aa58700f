//go:build chromium

// The page test drives a real browser: Debian's chromium, headless, over
// the DevTools protocol on a pipe (--remote-debugging-pipe), so it needs no
// extra Go module. It is behind the chromium build tag because it starts a
// browser (a few seconds, a few hundred MB); .ci/steps/70-service.sh runs it
// with `go test -tags chromium -run TestPageInChromium ./examples/server`.
//
// This file is the plumbing: the protocol connection and the browser. The
// test itself is in page_chromium_test.go.

package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qrworks/qrworks/internal/testenv"
)

// devtools is a DevTools protocol connection over chromium's debugging
// pipe: requests go to fd 3, answers come from fd 4, each message a JSON
// object ended by a NUL byte. Events (messages without an id) are kept in
// order, for the test to look at.
type devtools struct {
	w       io.Writer
	mu      sync.Mutex
	nextID  int
	pending map[int]chan json.RawMessage
	events  []cdpEvent
}

type cdpMessage struct {
	ID     int             `json:"id"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Message string `json:"message"`
	} `json:"error"`
}

// cdpEvent is a message the browser sent on its own.
type cdpEvent struct {
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
}

func newDevtools(w io.Writer, r io.Reader) *devtools {
	d := &devtools{w: w, pending: map[int]chan json.RawMessage{}}
	go func() {
		br := bufio.NewReader(r)
		for {
			msg, err := br.ReadBytes(0)
			if err != nil {
				return
			}
			msg = msg[:len(msg)-1]
			var m struct {
				ID int
				cdpEvent
			}
			if json.Unmarshal(msg, &m) != nil {
				continue
			}
			d.mu.Lock()
			if m.ID == 0 {
				d.events = append(d.events, m.cdpEvent)
				d.mu.Unlock()
				continue
			}
			ch := d.pending[m.ID]
			delete(d.pending, m.ID)
			d.mu.Unlock()
			if ch != nil {
				ch <- msg
			}
		}
	}()
	return d
}

// eventsNamed returns the parameters of the events of one method so far.
func (d *devtools) eventsNamed(method string) []json.RawMessage {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []json.RawMessage
	for _, e := range d.events {
		if e.Method == method {
			out = append(out, e.Params)
		}
	}
	return out
}

// call sends one command (in a session if session is not empty) and returns
// its result.
func (d *devtools) call(t *testing.T, session, method string, params any) json.RawMessage {
	t.Helper()
	d.mu.Lock()
	d.nextID++
	id := d.nextID
	ch := make(chan json.RawMessage, 1)
	d.pending[id] = ch
	req := map[string]any{"id": id, "method": method, "params": params}
	if session != "" {
		req["sessionId"] = session
	}
	b, _ := json.Marshal(req)
	_, err := d.w.Write(append(b, 0))
	d.mu.Unlock()
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	select {
	case raw := <-ch:
		var m cdpMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s: %v", method, err)
		}
		if m.Error != nil {
			t.Fatalf("%s: %s", method, m.Error.Message)
		}
		return m.Result
	case <-time.After(30 * time.Second):
		t.Fatalf("%s: no answer from chromium", method)
		return nil
	}
}

// eval evaluates a JavaScript expression in the page, awaiting it if it is
// a promise, and returns its value as JSON.
func (d *devtools) eval(t *testing.T, session, expr string) json.RawMessage {
	t.Helper()
	res := d.call(t, session, "Runtime.evaluate", map[string]any{
		"expression": expr, "returnByValue": true, "awaitPromise": true, "userGesture": true,
	})
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails any `json:"exceptionDetails"`
	}
	json.Unmarshal(res, &r)
	if r.ExceptionDetails != nil {
		t.Fatalf("%s threw: %s", expr, res)
	}
	return r.Result.Value
}

// evalString evaluates expr and returns its value as a string.
func (d *devtools) evalString(t *testing.T, session, expr string) string {
	t.Helper()
	var s string
	json.Unmarshal(d.eval(t, session, expr), &s)
	return s
}

// waitFor evaluates expr until it returns a non-empty string.
func (d *devtools) waitFor(t *testing.T, session, what, expr string) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if s := d.evalString(t, session, expr); s != "" {
			return s
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
	return ""
}

// startChromium starts a headless chromium with its profile in dir and
// returns the protocol connection; the browser is killed at the end of
// the test.
func startChromium(t *testing.T, dir string) *devtools {
	browser := testenv.Tool(t, "chromium", "chromium")
	toBrowser, fromTest, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	fromBrowser, toTest, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
		"--hide-scrollbars", "--font-render-hinting=none",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--remote-debugging-pipe", "about:blank")
	cmd.ExtraFiles = []*os.File{toBrowser, toTest} // fd 3: commands in, fd 4: answers out
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	toBrowser.Close()
	toTest.Close()
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("chromium stderr:\n%s", lastLines(stderr.String(), 30))
		}
	})
	return newDevtools(fromTest, fromBrowser)
}

// screenshot saves the page's viewport as dir/name.
func (d *devtools) screenshot(t *testing.T, session, dir, name string) {
	t.Helper()
	var shot struct{ Data string }
	json.Unmarshal(d.call(t, session, "Page.captureScreenshot", map[string]any{"format": "png"}), &shot)
	b, err := base64.StdEncoding.DecodeString(shot.Data)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// waitForFile waits until dir holds a finished download whose name ends in
// suffix and returns its path.
func waitForFile(t *testing.T, dir, suffix string) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), suffix) && !strings.HasSuffix(e.Name(), ".crdownload") {
				return filepath.Join(dir, e.Name())
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no download ending in %s in %s", suffix, dir)
	return ""
}
