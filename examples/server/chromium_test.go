//go:build chromium

// The page test drives a real browser: Debian's chromium, headless, over
// the DevTools protocol on a pipe (--remote-debugging-pipe), so it needs no
// extra Go module. It is behind the chromium build tag because it starts a
// browser (a few seconds, a few hundred MB); .ci/steps/70-service.sh runs it
// with `go test -tags chromium -run TestPageInChromium ./examples/server`.

package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/internal/testenv"
	"github.com/qrworks/qrworks/qr/qrhttp"
)

// devtools is a DevTools protocol connection over chromium's debugging
// pipe: requests go to fd 3, answers come from fd 4, each message a JSON
// object ended by a NUL byte.
type devtools struct {
	w       io.Writer
	mu      sync.Mutex
	nextID  int
	pending map[int]chan json.RawMessage
}

type cdpMessage struct {
	ID     int             `json:"id"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Message string `json:"message"`
	} `json:"error"`
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
			var m struct{ ID int }
			if json.Unmarshal(msg, &m) != nil || m.ID == 0 {
				continue // an event
			}
			d.mu.Lock()
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

// eval evaluates a JavaScript expression in the page and returns its value
// as JSON.
func (d *devtools) eval(t *testing.T, session, expr string) json.RawMessage {
	t.Helper()
	res := d.call(t, session, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true})
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

// waitFor evaluates expr until it returns a non-empty string.
func (d *devtools) waitFor(t *testing.T, session, what, expr string) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		var s string
		json.Unmarshal(d.eval(t, session, expr), &s)
		if s != "" {
			return s
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
	return ""
}

func TestPageInChromium(t *testing.T) {
	browser := testenv.Tool(t, "chromium", "chromium")
	srv := httptest.NewServer(newHandler(qrhttp.New(qrhttp.Options{}), nil, false))
	defer srv.Close()

	dir := t.TempDir()
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
		"--user-data-dir="+filepath.Join(dir, "profile"), "--remote-debugging-pipe", "about:blank")
	cmd.ExtraFiles = []*os.File{toBrowser, toTest} // fd 3: commands in, fd 4: answers out
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	toBrowser.Close()
	toTest.Close()
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("chromium stderr:\n%s", lastLines(stderr.String(), 30))
		}
	}()
	d := newDevtools(fromTest, fromBrowser)

	var target struct{ TargetID string }
	json.Unmarshal(d.call(t, "", "Target.createTarget", map[string]any{"url": srv.URL + "/"}), &target)
	var attached struct{ SessionID string }
	json.Unmarshal(d.call(t, "", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}), &attached)
	s := attached.SessionID
	d.waitFor(t, s, "the page", `document.readyState === "complete" && document.getElementById("text") ? "ok" : ""`)

	// Type a text: the page shows its code.
	const typed = "typed in chromium: ünïcode ✓"
	d.eval(t, s, `document.getElementById("text").focus()`)
	d.call(t, s, "Input.insertText", map[string]any{"text": typed})
	dataURL := d.waitFor(t, s, "the generated image", `(() => {
		const img = document.getElementById("code");
		if (!img.src || !img.complete || img.naturalWidth === 0) return "";
		const c = document.createElement("canvas");
		c.width = img.naturalWidth; c.height = img.naturalHeight;
		c.getContext("2d").drawImage(img, 0, 0);
		return c.toDataURL("image/png");
	})()`)
	png, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(dataURL, "data:image/png;base64,"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := decode.Bytes(png)
	if err != nil || len(res) != 1 || res[0].Text != typed {
		t.Fatalf("the image the page shows decodes to %+v, %v; want %q", res, err, typed)
	}

	// Upload an image: the page shows what it says.
	file := filepath.Join(dir, "w1.png")
	if err := os.WriteFile(file, w1PNG(t), 0o644); err != nil {
		t.Fatal(err)
	}
	upload := func(path string) {
		var doc struct{ Root struct{ NodeID int } }
		json.Unmarshal(d.call(t, s, "DOM.getDocument", map[string]any{"depth": 0}), &doc)
		var input struct{ NodeID int }
		json.Unmarshal(d.call(t, s, "DOM.querySelector", map[string]any{"nodeId": doc.Root.NodeID, "selector": "#file"}), &input)
		d.call(t, s, "DOM.setFileInputFiles", map[string]any{"nodeId": input.NodeID, "files": []string{path}})
	}
	upload(file)
	got := d.waitFor(t, s, "the decoded text", `(() => { const t = document.getElementById("decoded").textContent; return t === "decoding…" ? "" : t; })()`)
	if got != w1 {
		t.Fatalf("page shows %q after the upload, want %q", got, w1)
	}

	// Upload something that is not an image: the page shows the error.
	bad := filepath.Join(dir, "notes.txt")
	os.WriteFile(bad, []byte("not an image"), 0o644)
	upload(bad)
	got = d.waitFor(t, s, "the error", `(() => { const e = document.getElementById("decoded"); return e.className === "error" ? e.textContent : ""; })()`)
	if !strings.Contains(got, "not an image") {
		t.Errorf("page shows %q for a text file", got)
	}
	d.call(t, "", "Browser.close", map[string]any{})
}
